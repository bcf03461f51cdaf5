<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>About</name>
    <message>
        <source>About BackupViewer</source>
        <translation>关于 BackupViewer</translation>
    </message>
    <message>
        <source>&lt;p&gt;See at a glance whether the backups of a Datafor BI server ran.&lt;/p&gt;&lt;p&gt;{versions}&lt;/p&gt;&lt;p&gt;MIT licence&lt;/p&gt;</source>
        <translation>&lt;p&gt;一目了然地查看 Datafor BI 服务器的备份是否已运行。&lt;/p&gt;&lt;p&gt;{versions}&lt;/p&gt;&lt;p&gt;MIT 许可证&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Copy version info</source>
        <translation>复制版本信息</translation>
    </message>
    <message>
        <source>Copy the versions of BackupViewer, Qt and Python, for a bug report</source>
        <translation>复制 BackupViewer、Qt 和 Python 的版本，用于错误报告</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <source>{action} ({shortcut})</source>
        <translation>{action}（{shortcut}）</translation>
    </message>
</context>
<context>
    <name>Addresses</name>
    <message>
        <source>Enter the server&apos;s address, for example {example}.</source>
        <translation>请输入服务器地址，例如 {example}。</translation>
    </message>
    <message>
        <source>{address} is not a web address. Enter one like {example}.</source>
        <translation>{address} 不是网址。请输入类似 {example} 的地址。</translation>
    </message>
</context>
<context>
    <name>AllServers</name>
    <message>
        <source>No password for {user} in the system keyring.</source>
        <translation>系统密钥环中没有 {user} 的密码。</translation>
    </message>
    <message>
        <source>{server} has no password yet: sign in to it first.</source>
        <translation>还没有 {server} 的密码：请先登录该服务器。</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>The servers file cannot be used</source>
        <translation>无法使用服务器列表文件</translation>
    </message>
    <message>
        <source>Your session has ended. Sign in again to continue.</source>
        <translation>会话已结束。请重新登录以继续。</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Sign in again…</source>
        <translation>重新登录…</translation>
    </message>
    <message>
        <source>Hide this message</source>
        <translation>隐藏此消息</translation>
    </message>
    <message>
        <source>&lt;b&gt;Refresh failed.&lt;/b&gt; {reason} The list shows the backups loaded at {time} (this computer&apos;s clock).</source>
        <translation>&lt;b&gt;刷新失败。&lt;/b&gt;{reason}列表显示的是 {time}（本机时钟）加载的备份。</translation>
    </message>
    <message>
        <source>&lt;b&gt;The backup history could not be loaded.&lt;/b&gt; {reason}</source>
        <translation>&lt;b&gt;无法加载备份历史。&lt;/b&gt;{reason}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Not every server is shown as it is now.&lt;/b&gt; {servers}.</source>
        <translation>&lt;b&gt;部分服务器显示的不是最新情况。&lt;/b&gt;{servers}。</translation>
    </message>
    <message>
        <source>&lt;b&gt;No permission.&lt;/b&gt; {reason}</source>
        <translation>&lt;b&gt;没有权限。&lt;/b&gt;{reason}</translation>
    </message>
    <message>
        <source>Sign in as another user…</source>
        <translation>以其他用户身份登录…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Your session has ended.&lt;/b&gt; Sign in again to refresh; the list shows the backups loaded before.</source>
        <translation>&lt;b&gt;您的会话已结束。&lt;/b&gt;请重新登录以刷新；列表显示的是之前加载的备份。</translation>
    </message>
</context>
<context>
    <name>ClientErrors</name>
    <message>
        <source>{who} is signed in but is not an administrator, and only administrators can see the backup history. Sign in as an administrator, or ask one for that role.</source>
        <translation>{who} 已登录，但不是管理员，只有管理员才能查看备份历史。请以管理员身份登录，或请管理员为您分配该角色。</translation>
    </message>
    <message>
        <source>{who} is signed in but is not an administrator, and only administrators can see the backup schedules. Sign in as an administrator, or ask one for that role.</source>
        <translation>{who} 已登录，但不是管理员，只有管理员才能查看备份计划。请以管理员身份登录，或请管理员为您分配该角色。</translation>
    </message>
    <message>
        <source>{who} is signed in but is not an administrator, and only administrators can download backups. Sign in as an administrator, or ask one for that role.</source>
        <translation>{who} 已登录，但不是管理员，只有管理员才能下载备份。请以管理员身份登录，或请管理员为您分配该角色。</translation>
    </message>
    <message>
        <source>This account may not read the backup schedules, so missed runs are not looked for.</source>
        <translation>此账户无权读取备份计划，因此不检查错过的运行。</translation>
    </message>
    <message>
        <source>This server does not list its backup schedules, so missed runs are not looked for.</source>
        <translation>此服务器不提供备份计划列表，因此不检查错过的运行。</translation>
    </message>
    <message>
        <source>The backup schedules could not be loaded, so missed runs are not looked for.</source>
        <translation>无法加载备份计划，因此不检查错过的运行。</translation>
    </message>
    <message>
        <source>{sentence} ({detail})</source>
        <translation>{sentence}（{detail}）</translation>
    </message>
    <message>
        <source>The server sent a web page instead of the {what}. A proxy or another web site may be answering at this address; check it.</source>
        <translation>服务器返回的是网页，而不是{what}。可能是代理或其他网站在此地址上响应，请检查地址。</translation>
    </message>
    <message>
        <source>The server at {address} did not finish answering within {seconds:g} s. It may be busy, or the connection slow; try again later.</source>
        <translation>服务器 {address} 未在 {seconds:g} 秒内完成响应。服务器可能繁忙，或连接较慢；请稍后重试。</translation>
    </message>
    <message>
        <source>The server refused the sign-in (HTTP {status}). Check the user name and password; after many failed attempts an address is also blocked.</source>
        <translation>服务器拒绝了登录（HTTP {status}）。请检查用户名和密码；多次登录失败后，发起登录的 IP 地址还会被暂时封锁。</translation>
    </message>
    <message>
        <source>The server did not send a captcha picture. Try again.</source>
        <translation>服务器未发送验证码图片。请重试。</translation>
    </message>
    <message>
        <source>The server&apos;s list of schedules is not a list.</source>
        <translation>服务器返回的计划列表不是列表格式。</translation>
    </message>
    <message>
        <source>The server&apos;s user details are not in the documented format.</source>
        <translation>服务器返回的用户详细信息不符合文档规定的格式。</translation>
    </message>
    <message>
        <source>The server has no zip file for backup {id}: it may have failed, still be running, or have been deleted (retention). The server said: {note}</source>
        <translation>服务器上没有备份 {id} 的 zip 文件：该备份可能已失败、仍在运行，或已被删除（保留策略）。服务器返回：{note}</translation>
    </message>
    <message>
        <source>The server did not send backup {id}. It said: {note}</source>
        <translation>服务器未发送备份 {id}。服务器返回：{note}</translation>
    </message>
    <message>
        <source>The server did not send backup {id} as a zip file (it sent {type}). Try again; if it keeps happening, check the proxy or the server log.</source>
        <translation>服务器未以 zip 文件形式发送备份 {id}（发送的是 {type}）。请重试；如果问题持续出现，请检查代理或服务器日志。</translation>
    </message>
    <message>
        <source>The server did not send backup {id} as a zip file (it sent an unnamed answer). Try again; if it keeps happening, check the proxy or the server log.</source>
        <translation>服务器未以 zip 文件形式发送备份 {id}（发送的是未注明类型的响应）。请重试；如果问题持续出现，请检查代理或服务器日志。</translation>
    </message>
    <message>
        <source>The CA certificate file {file} could not be used ({error}). Choose a PEM file with the certificate of the authority that signed the server&apos;s certificate.</source>
        <translation>无法使用 CA 证书文件 {file}（{error}）。请选择包含服务器证书签发机构（CA）证书的 PEM 文件。</translation>
    </message>
</context>
<context>
    <name>ClockChoice</name>
    <message>
        <source>Cl&amp;ock</source>
        <translation>时钟(&amp;O)</translation>
    </message>
    <message>
        <source>The &amp;server&apos;s clock</source>
        <translation>服务器时钟(&amp;S)</translation>
    </message>
    <message>
        <source>Times as the server&apos;s own clock shows them</source>
        <translation>按服务器自身的时钟显示时间</translation>
    </message>
    <message>
        <source>&amp;This computer&apos;s clock</source>
        <translation>本机时钟(&amp;T)</translation>
    </message>
    <message>
        <source>Times converted to this computer&apos;s time zone</source>
        <translation>将时间转换为本机时区</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Succeeded, failed, running – or missed: a scheduled run with no backup (the icon says the same)</source>
        <translation>成功、失败、运行中，或错过（计划应运行却没有备份）；图标含义相同</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>The backup&apos;s name; a warning sign marks a row with fields the viewer could not read</source>
        <translation>备份名称；带警告标志的行含有本程序无法读取的字段</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>When the backup started, in the server&apos;s local time</source>
        <translation>备份的开始时间（服务器本地时间）</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <source>When the backup ended, in the server&apos;s local time; empty while running</source>
        <translation>备份的结束时间（服务器本地时间）；运行中为空</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>From start to end; empty while running</source>
        <translation>从开始到结束的用时；运行中为空</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>What the backup holds</source>
        <translation>备份包含的内容</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>计划</translation>
    </message>
    <message>
        <source>The schedule that made the backup (empty for manual and uploaded ones)</source>
        <translation>生成该备份的计划（手动和上传的备份为空）</translation>
    </message>
    <message>
        <source>Created by</source>
        <translation>创建人</translation>
    </message>
    <message>
        <source>The user the server names as the backup&apos;s creator</source>
        <translation>服务器记录的备份创建人</translation>
    </message>
    <message>
        <source>Backup ID</source>
        <translation>备份 ID</translation>
    </message>
    <message>
        <source>The server&apos;s name for the backup; it holds the start time and the server&apos;s time zone</source>
        <translation>服务器给备份起的名称，包含开始时间和服务器时区</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>The folder on the server that holds the backup file</source>
        <translation>服务器上存放备份文件的文件夹</translation>
    </message>
    <message>
        <source>Updated by</source>
        <translation>最后修改人</translation>
    </message>
    <message>
        <source>The user who changed the backup&apos;s entry last</source>
        <translation>最后修改该备份记录的用户</translation>
    </message>
    <message>
        <source>Schedule ID</source>
        <translation>计划 ID</translation>
    </message>
    <message>
        <source>The id of the schedule that made the backup (empty for manual and uploaded ones)</source>
        <translation>生成该备份的计划的 ID（手动和上传的备份为空）</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>What the server said about the backup: for a failed one, why it failed</source>
        <translation>服务器对该备份的说明；备份失败时为失败原因</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>The server (the name you gave it) the backup is on</source>
        <translation>备份所在的服务器（您为它起的名称）</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>错过</translation>
    </message>
    <message>
        <source>Unknown ({value})</source>
        <translation>未知（{value}）</translation>
    </message>
    <message>
        <source>{seconds:.1f} s</source>
        <translation>{seconds:.1f} 秒</translation>
    </message>
    <message>
        <source>{seconds} s</source>
        <translation>{seconds} 秒</translation>
    </message>
    <message>
        <source>{minutes} min {seconds:02d} s</source>
        <translation>{minutes} 分 {seconds} 秒</translation>
    </message>
    <message>
        <source>{hours} h {minutes:02d} min</source>
        <translation>{hours} 小时 {minutes} 分</translation>
    </message>
    <message>
        <source>{days} d {hours:02d} h</source>
        <translation>{days} 天 {hours} 小时</translation>
    </message>
</context>
<context>
    <name>Content</name>
    <message>
        <source>Content and settings</source>
        <translation>内容和设置</translation>
    </message>
    <message>
        <source>reports, models, users and server settings</source>
        <translation>报表、模型、用户和服务器设置</translation>
    </message>
    <message>
        <source>Uploaded data files</source>
        <translation>上传的数据文件</translation>
    </message>
    <message>
        <source>data files that users uploaded</source>
        <translation>用户上传的数据文件</translation>
    </message>
    <message>
        <source>Application files</source>
        <translation>应用程序文件</translation>
    </message>
    <message>
        <source>the program and its plugins</source>
        <translation>程序本身和插件</translation>
    </message>
    <message>
        <source>a part this version of BackupViewer does not know</source>
        <translation>此版本的 BackupViewer 无法识别的部分</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
</context>
<context>
    <name>CsvExport</name>
    <message>
        <source>CSV needs at least one column.</source>
        <translation>CSV 至少需要一列。</translation>
    </message>
</context>
<context>
    <name>Decode</name>
    <message>
        <source>The server&apos;s backup history is not a list of backups.</source>
        <translation>服务器返回的备份历史不是备份列表。</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>错过</translation>
    </message>
    <message>
        <source>Copy raw JSON</source>
        <translation>复制原始 JSON</translation>
    </message>
    <message>
        <source>Copy this backup&apos;s row exactly as the server sent it</source>
        <translation>按服务器发送的原样复制此备份的记录</translation>
    </message>
    <message>
        <source>Download backup…</source>
        <translation>下载备份…</translation>
    </message>
    <message>
        <source>Save this backup&apos;s zip file from the server</source>
        <translation>从服务器下载此备份的 zip 文件</translation>
    </message>
    <message>
        <source>Select a backup to see its details.</source>
        <translation>选择一个备份即可查看详细信息。</translation>
    </message>
    <message>
        <source>the missed run&apos;s schedule as JSON</source>
        <translation>所属计划的 JSON</translation>
    </message>
    <message>
        <source>the raw JSON of the backup</source>
        <translation>此备份的原始 JSON</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>（无名称）</translation>
    </message>
    <message>
        <source>Health:</source>
        <translation>健康状况：</translation>
    </message>
    <message>
        <source>The schedule, as the server listed it</source>
        <translation>计划的原始 JSON（按服务器列出的原样）</translation>
    </message>
    <message>
        <source>Raw JSON, as the server sent it</source>
        <translation>原始 JSON（按服务器发送的原样）</translation>
    </message>
    <message>
        <source>Times</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>IDs and users</source>
        <translation>ID 和用户</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Backup ID</source>
        <translation>备份 ID</translation>
    </message>
    <message>
        <source>none: no backup was made</source>
        <translation>无：未生成备份</translation>
    </message>
    <message>
        <source>Schedule ID</source>
        <translation>计划 ID</translation>
    </message>
    <message>
        <source>none (manual or uploaded)</source>
        <translation>无（手动或上传）</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Created by</source>
        <translation>创建人</translation>
    </message>
    <message>
        <source>Last updated by</source>
        <translation>最后修改人</translation>
    </message>
    <message>
        <source>Unknown (the server sent “{status}”)</source>
        <translation>未知（服务器发送的是“{status}”）</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <source>the server gave none.</source>
        <translation>服务器未说明。</translation>
    </message>
    <message>
        <source>Message:</source>
        <translation>消息：</translation>
    </message>
    <message>
        <source>Still running. The list refreshes itself until it ends.</source>
        <translation>仍在运行。列表会自动刷新，直到运行结束。</translation>
    </message>
    <message>
        <source>The schedule was due {count:,} times in a row, and the server has no backup of it from any of them. Check that the server was running and the schedule active; the server&apos;s log may say more.</source>
        <translation>该计划已连续 {count:,} 次到了运行时间，服务器上却没有其中任何一次的备份。请检查服务器当时是否在运行、计划是否已启用；服务器日志中可能有更多信息。</translation>
    </message>
    <message>
        <source>The schedule was due then, and the server has no backup of it from that time. Check that the server was running and the schedule active; the server&apos;s log may say more.</source>
        <translation>计划应在此时运行，但服务器上没有这个时间的备份。请检查服务器当时是否在运行、计划是否已启用；服务器日志中可能有更多信息。</translation>
    </message>
    <message>
        <source>Some fields of this row could not be read.</source>
        <translation>此行的部分字段无法读取。</translation>
    </message>
    <message>
        <source>They are shown as well as possible.</source>
        <translation>已尽可能显示这些字段。</translation>
    </message>
    <message>
        <source>Server time zone</source>
        <translation>服务器时区</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>计划运行时间</translation>
    </message>
    <message>
        <source>First due</source>
        <translation>首次计划运行时间</translation>
    </message>
    <message>
        <source>Last due</source>
        <translation>末次计划运行时间</translation>
    </message>
    <message>
        <source>Runs missed</source>
        <translation>错过次数</translation>
    </message>
    <message>
        <source>{offset} (from the schedule)</source>
        <translation>{offset}（来自计划）</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <source>Last update</source>
        <translation>最后更新时间</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>尚未结束</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>{offset} (from the backup ID)</source>
        <translation>{offset}（来自备份 ID）</translation>
    </message>
    <message>
        <source>unknown: times are shown as the server wrote them</source>
        <translation>未知：时间按服务器写入的原样显示</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>计划</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>made by a schedule whose trigger the server did not send</source>
        <translation>由计划创建，但服务器未发送该计划的触发器</translation>
    </message>
    <message>
        <source>none: a manual or uploaded backup</source>
        <translation>无：手动或上传的备份</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>运行周期</translation>
    </message>
    <message>
        <source>As cron</source>
        <translation>cron 表达式</translation>
    </message>
    <message>
        <source>cannot be written as one: it repeats at a fixed interval from its start</source>
        <translation>无法用 cron 表示：从开始时间起按固定间隔重复</translation>
    </message>
    <message>
        <source>Next runs</source>
        <translation>后续运行时间</translation>
    </message>
    <message>
        <source>none: the server cannot run this schedule</source>
        <translation>无：服务器无法运行此计划</translation>
    </message>
    <message>
        <source>none: the schedule has ended</source>
        <translation>无：计划已结束</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>起始时间</translation>
    </message>
    <message>
        <source>at once</source>
        <translation>立即生效</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>截止时间</translation>
    </message>
    <message>
        <source>no end date</source>
        <translation>无（长期有效）</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>not recorded by the server</source>
        <translation>服务器未记录</translation>
    </message>
    <message>
        <source>{part}: {holds}</source>
        <translation>{part}：{holds}</translation>
    </message>
    <message>
        <source>Holds</source>
        <translation>包含</translation>
    </message>
    <message>
        <source>{time} &lt;small&gt;({zone})&lt;/small&gt;</source>
        <translation>{time} &lt;small&gt;（{zone}）&lt;/small&gt;</translation>
    </message>
    <message>
        <source>(this row is nested too deep to show)</source>
        <translation>（此行嵌套过深，无法显示）</translation>
    </message>
    <message>
        <source>&lt;b&gt;{label}&lt;/b&gt; {text}</source>
        <translation>&lt;b&gt;{label}&lt;/b&gt;{text}</translation>
    </message>
    <message>
        <source>… ({count:,} more characters; Copy raw JSON copies them all)</source>
        <translation>…（另有 {count:,} 个字符；“复制原始 JSON”会复制全部内容）</translation>
    </message>
</context>
<context>
    <name>DownloadFlow</name>
    <message>
        <source>Only a backup that succeeded can be downloaded.</source>
        <translation>只能下载成功的备份。</translation>
    </message>
    <message>
        <source>Save backup {backup_id}</source>
        <translation>保存备份 {backup_id}</translation>
    </message>
    <message>
        <source>Zip files (*.zip)</source>
        <translation>Zip 文件 (*.zip)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Backup {backup_id}
to {path}</source>
        <translation>备份 {backup_id}
保存到 {path}</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在准备…</translation>
    </message>
    <message>
        <source>Download backup</source>
        <translation>下载备份</translation>
    </message>
    <message>
        <source>Downloading… {done:,.1f} of {total:,.1f} MB</source>
        <translation>正在下载… {done:,.1f} / {total:,.1f} MB</translation>
    </message>
    <message>
        <source>Downloading… {done:,.1f} MB</source>
        <translation>正在下载… {done:,.1f} MB</translation>
    </message>
    <message>
        <source>Saved the backup as {path}</source>
        <translation>已将备份保存为 {path}</translation>
    </message>
    <message>
        <source>Download cancelled; nothing was saved.</source>
        <translation>下载已取消；未保存任何内容。</translation>
    </message>
    <message>
        <source>Download failed</source>
        <translation>下载失败</translation>
    </message>
</context>
<context>
    <name>Downloads</name>
    <message>
        <source>Sign in first: downloads come from the server you are signed in to.</source>
        <translation>请先登录：备份从您登录的服务器下载。</translation>
    </message>
    <message>
        <source>A backup is being downloaded: wait for it, or cancel it first.</source>
        <translation>正在下载另一个备份：请等它完成，或先取消。</translation>
    </message>
    <message>
        <source>Your session has ended. Sign in again, then download the backup.</source>
        <translation>您的会话已结束。请重新登录，然后再下载该备份。</translation>
    </message>
</context>
<context>
    <name>Envelope</name>
    <message>
        <source>answer</source>
        <translation>响应</translation>
    </message>
    <message>
        <source>sign-in answer</source>
        <translation>登录响应</translation>
    </message>
    <message>
        <source>user details</source>
        <translation>用户详细信息</translation>
    </message>
    <message>
        <source>captcha picture</source>
        <translation>验证码图片</translation>
    </message>
    <message>
        <source>backup history</source>
        <translation>备份历史</translation>
    </message>
    <message>
        <source>list of schedules</source>
        <translation>计划列表</translation>
    </message>
    <message>
        <source>backup</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>backup download</source>
        <translation>备份下载</translation>
    </message>
    <message>
        <source>The server sent a web page instead of the {what}. The address may point at a proxy or a login page rather than the Datafor server, or the session may have ended.</source>
        <translation>服务器返回的是网页，而不是{what}。该地址可能指向代理或登录页面，而不是 Datafor 服务器；也可能是会话已结束。</translation>
    </message>
    <message>
        <source>The server sent an empty {what}.</source>
        <translation>服务器发送的{what}为空。</translation>
    </message>
    <message>
        <source>it is nested deeper than any backup history is</source>
        <translation>嵌套层级超出了任何备份历史应有的深度</translation>
    </message>
    <message>
        <source>it was cut off</source>
        <translation>内容被截断</translation>
    </message>
    <message>
        <source>it is not valid JSON</source>
        <translation>不是有效的 JSON</translation>
    </message>
    <message>
        <source>The server&apos;s {what} could not be read: {reason} ({error}). Try again; if it keeps happening, check the proxy or the server log.</source>
        <translation>无法读取服务器的{what}：{reason}（{error}）。请重试；如果问题持续出现，请检查代理或服务器日志。</translation>
    </message>
    <message>
        <source>The server&apos;s {what} is not in the documented format.</source>
        <translation>服务器的{what}不符合文档规定的格式。</translation>
    </message>
    <message>
        <source>The server refused the request: {message} (code {code}).</source>
        <translation>服务器拒绝了请求：{message}（代码 {code}）。</translation>
    </message>
    <message>
        <source>The server refused the request: {message}.</source>
        <translation>服务器拒绝了请求：{message}。</translation>
    </message>
    <message>
        <source>The server refused the request (code {code}).</source>
        <translation>服务器拒绝了请求（代码 {code}）。</translation>
    </message>
    <message>
        <source>The server refused the request.</source>
        <translation>服务器拒绝了请求。</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>Unexpected error – BackupViewer</source>
        <translation>意外错误 – BackupViewer</translation>
    </message>
    <message>
        <source>Something unexpected went wrong. BackupViewer keeps running.</source>
        <translation>发生了意外错误，BackupViewer 仍可继续使用。</translation>
    </message>
    <message>
        <source>{error}

If it happens again, please report it with the details below.</source>
        <translation>{error}

如果再次出现，请附上下面的详细信息报告此问题。</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>需要关注</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>错过</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>全部时间</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>最近 24 小时</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <source>Filter… ({shortcut})</source>
        <translation>筛选…（{shortcut}）</translation>
    </message>
    <message>
        <source>Filter…</source>
        <translation>筛选…</translation>
    </message>
    <message>
        <source>Shows the backups with this text in any column, in any case (times as the server wrote them); Down or Enter goes to the rows found, Esc clears it</source>
        <translation>显示任一列中包含此文本的备份，不区分大小写（时间按服务器写入的形式匹配）；按向下键或 Enter 转到找到的行，按 Esc 清除</translation>
    </message>
    <message>
        <source>Clear filter</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <source>Failed backups, missed runs, slow backups, backups of a status the viewer does not know, and backups with fields it could not read</source>
        <translation>失败的备份、错过的运行、耗时过长的备份、状态无法识别的备份，以及有字段无法读取的备份</translation>
    </message>
    <message>
        <source>Times a schedule was due and no backup started</source>
        <translation>计划应运行但没有备份开始的时刻</translation>
    </message>
    <message>
        <source>Show backups of one status only, or those that need a look; the numbers count the chosen period</source>
        <translation>只显示某一状态的备份，或需要关注的备份；括号中的数字为所选时间范围内的数量</translation>
    </message>
    <message>
        <source>Show the backups started in this period, up to now</source>
        <translation>显示此时间范围内（截至现在）开始的备份</translation>
    </message>
    <message>
        <source>Show the backups of one server only</source>
        <translation>只显示一台服务器的备份</translation>
    </message>
    <message>
        <source>&amp;When:</source>
        <translation>时间范围(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>显示(&amp;S)：</translation>
    </message>
    <message>
        <source>{choice} ({count:,})</source>
        <translation>{choice}（{count:,}）</translation>
    </message>
    <message>
        <source>Schedule: {name}</source>
        <translation>计划：{name}</translation>
    </message>
    <message>
        <source>Only the rows of the schedule “{name}”: click for all</source>
        <translation>只显示计划“{name}”的行；点击可显示全部</translation>
    </message>
    <message>
        <source>Day: {name}</source>
        <translation>日期：{name}</translation>
    </message>
    <message>
        <source>Only the rows started on {name}: click for every day</source>
        <translation>只显示 {name} 开始的行；点击可显示所有日期</translation>
    </message>
    <message>
        <source>All servers</source>
        <translation>全部服务器</translation>
    </message>
</context>
<context>
    <name>FireTimes</name>
    <message>
        <source>not in the server&apos;s list of schedules: missed runs cannot be looked for</source>
        <translation>不在服务器的计划列表中，无法检查错过的运行</translation>
    </message>
    <message>
        <source>disabled: missed runs are not looked for</source>
        <translation>已禁用，不检查错过的运行</translation>
    </message>
    <message>
        <source>paused: missed runs are not looked for</source>
        <translation>已暂停，不检查错过的运行</translation>
    </message>
    <message>
        <source>its schedule could not be read: missed runs cannot be looked for</source>
        <translation>计划无法读取，无法检查错过的运行</translation>
    </message>
</context>
<context>
    <name>Fleet</name>
    <message>
        <source>No answer within {seconds:g} s.</source>
        <translation>{seconds:g} 秒内没有响应。</translation>
    </message>
    <message>
        <source>Unexpected error: {error}.</source>
        <translation>意外错误：{error}。</translation>
    </message>
</context>
<context>
    <name>FleetLoader</name>
    <message>
        <source>{server}: {why} – its rows are from the reading before</source>
        <translation>{server}：{why}——显示的是上一次读取的备份</translation>
    </message>
    <message>
        <source>{server}: {why}</source>
        <translation>{server}：{why}</translation>
    </message>
    <message>
        <source>{server}: still loading</source>
        <translation>{server}：仍在加载</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
</context>
<context>
    <name>Health</name>
    <message>
        <source>failing: its last run failed</source>
        <translation>最近一次运行失败</translation>
    </message>
    <message>
        <source>failing repeatedly: its last {count:,} runs failed</source>
        <translation>连续失败 {count:,} 次</translation>
    </message>
    <message>
        <source>its last {count:,} scheduled runs were missed</source>
        <translation>连续错过 {count:,} 次</translation>
    </message>
    <message>
        <source>{count:,} missed run</source>
        <translation>错过 {count:,} 次</translation>
    </message>
    <message>
        <source>{count:,} missed runs</source>
        <translation>错过 {count:,} 次</translation>
    </message>
    <message>
        <source>{count:,} slow backup</source>
        <translation>耗时过长 {count:,} 次</translation>
    </message>
    <message>
        <source>{count:,} slow backups</source>
        <translation>耗时过长 {count:,} 次</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>正常</translation>
    </message>
</context>
<context>
    <name>HealthPanel</name>
    <message>
        <source>The schedules appear here once the history has loaded.</source>
        <translation>备份历史加载后，计划将显示在这里。</translation>
    </message>
    <message>
        <source>of the schedule “{name}” and of {day}</source>
        <translation>计划“{name}”在 {day} 开始的</translation>
    </message>
    <message>
        <source>of the schedule “{name}”</source>
        <translation>计划“{name}”的</translation>
    </message>
    <message>
        <source>of {day}</source>
        <translation>在 {day} 开始的</translation>
    </message>
    <message>
        <source>The server&apos;s schedules could not be read.</source>
        <translation>无法读取服务器的计划。</translation>
    </message>
    <message>
        <source>The server has no backup schedules.</source>
        <translation>服务器上没有备份计划。</translation>
    </message>
</context>
<context>
    <name>HealthSettings</name>
    <message>
        <source>Health check</source>
        <translation>健康检查</translation>
    </message>
    <message>
        <source>Missed, failed and slow runs are looked for in a window of days back from now. A scheduled run counts as missed when no backup started from a minute before its time until the tolerance after it.</source>
        <translation>在时间窗口（从现在往前若干天）内检查错过、失败和耗时过长的运行。如果在计划时间前 1 分钟到计划时间后容差时长之内都没有备份开始，这次计划运行就算作错过。</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source> minutes</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source> × usual</source>
        <translation> 倍常规用时</translation>
    </message>
    <message>
        <source>Slow: longer than this many times the 90th percentile of the schedule&apos;s last 1,000 successful runs before it (once there were 10), and a minute more</source>
        <translation>耗时过长的标准：用时超过该计划此前最近 1,000 次成功运行用时的 90 百分位数乘以此倍数，再加 1 分钟（已有至少 10 次成功运行时才判断）</translation>
    </message>
    <message>
        <source>&amp;Window:</source>
        <translation>时间窗口(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Tolerance:</source>
        <translation>容差(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Slow after:</source>
        <translation>耗时过长阈值(&amp;S)：</translation>
    </message>
</context>
<context>
    <name>HealthSummary</name>
    <message>
        <source>Backups healthy.</source>
        <translation>备份状况良好。</translation>
    </message>
    <message>
        <source>Backups need a look.</source>
        <translation>备份需要关注。</translation>
    </message>
    <message>
        <source>Backups failing.</source>
        <translation>备份出现失败。</translation>
    </message>
    <message>
        <source>Backups not judged.</source>
        <translation>未能评估备份状况。</translation>
    </message>
    <message>
        <source>&lt;b&gt;{level}&lt;/b&gt; {sentence}</source>
        <translation>&lt;b&gt;{level}&lt;/b&gt;{sentence}</translation>
    </message>
    <message>
        <source>Every active schedule ran on time.</source>
        <translation>所有已启用的计划都按时运行。</translation>
    </message>
</context>
<context>
    <name>HelpMenu</name>
    <message>
        <source>Enter (in the table)</source>
        <translation>Enter（在表格中）</translation>
    </message>
    <message>
        <source>Show the details of the current row</source>
        <translation>显示当前行的详细信息</translation>
    </message>
    <message>
        <source>Down or Enter (in the filter box)</source>
        <translation>向下键或 Enter（在筛选框中）</translation>
    </message>
    <message>
        <source>Go to the rows found</source>
        <translation>转到找到的行</translation>
    </message>
    <message>
        <source>Esc (in the filter box)</source>
        <translation>Esc（在筛选框中）</translation>
    </message>
    <message>
        <source>Clear the filter</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <source>Right click (on a row)</source>
        <translation>右键单击某一行</translation>
    </message>
    <message>
        <source>Details, copy, copy IDs, export the selection, download</source>
        <translation>详细信息、复制、复制 ID、导出所选内容、下载</translation>
    </message>
    <message>
        <source>Right click (on the header)</source>
        <translation>右键单击表头</translation>
    </message>
    <message>
        <source>Choose the columns, fit them to their content</source>
        <translation>选择列，根据内容调整列宽</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Using BackupViewer</source>
        <translation>使用指南(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About BackupViewer</source>
        <translation>关于 BackupViewer(&amp;A)</translation>
    </message>
    <message>
        <source># Using BackupViewer

The guide comes with BackupViewer&apos;s bundle and its source (`resources/using.md`); this installation has neither.</source>
        <translation># BackupViewer 使用指南

本指南随 BackupViewer 的安装包和源代码提供（`resources/using.md`），但当前安装中两者都没有。</translation>
    </message>
    <message>
        <source>Using BackupViewer</source>
        <translation>BackupViewer 使用指南</translation>
    </message>
    <message>
        <source> or </source>
        <translation> 或 </translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>using.md</source>
        <translation>using.zh_CN.md</translation>
    </message>
</context>
<context>
    <name>HistoryChart</name>
    <message>
        <source>succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>missed</source>
        <translation>错过</translation>
    </message>
    <message>
        <source>{count:,} succeeded</source>
        <translation>成功 {count:,} 个</translation>
    </message>
    <message>
        <source>{count:,} running</source>
        <translation>运行中 {count:,} 个</translation>
    </message>
    <message>
        <source>{count:,} other</source>
        <translation>其他 {count:,} 个</translation>
    </message>
    <message>
        <source>{count:,} failed</source>
        <translation>失败 {count:,} 个</translation>
    </message>
    <message>
        <source>{count:,} missed</source>
        <translation>错过 {count:,} 次</translation>
    </message>
    <message>
        <source>Jan</source>
        <translation>1月</translation>
    </message>
    <message>
        <source>Feb</source>
        <translation>2月</translation>
    </message>
    <message>
        <source>Mar</source>
        <translation>3月</translation>
    </message>
    <message>
        <source>Apr</source>
        <translation>4月</translation>
    </message>
    <message>
        <source>May</source>
        <translation>5月</translation>
    </message>
    <message>
        <source>Jun</source>
        <translation>6月</translation>
    </message>
    <message>
        <source>Jul</source>
        <translation>7月</translation>
    </message>
    <message>
        <source>Aug</source>
        <translation>8月</translation>
    </message>
    <message>
        <source>Sep</source>
        <translation>9月</translation>
    </message>
    <message>
        <source>Oct</source>
        <translation>10月</translation>
    </message>
    <message>
        <source>Nov</source>
        <translation>11月</translation>
    </message>
    <message>
        <source>Dec</source>
        <translation>12月</translation>
    </message>
    <message>
        <source>Monday</source>
        <translation>星期一</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>星期二</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>星期三</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>星期四</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>星期五</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>星期六</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>星期日</translation>
    </message>
    <message>
        <source>Backups per day</source>
        <translation>每日备份数</translation>
    </message>
    <message>
        <source>No days to show.</source>
        <translation>没有可显示的日期。</translation>
    </message>
    <message>
        <source>{days} days from {first} to {last}: {total:,} runs, {failed:,} failed, {missed:,} missed.</source>
        <translation>{first} 至 {last} 共 {days} 天：运行 {total:,} 次，失败 {failed:,} 次，错过 {missed:,} 次。</translation>
    </message>
    <message>
        <source>tallest: {most:,}</source>
        <translation>最高：{most:,}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>no backups</source>
        <translation>没有备份</translation>
    </message>
    <message>
        <source>{weekday}, {date}: {counts}
Click to show only this day; click again for all.</source>
        <translation>{date} {weekday}：{counts}
点击只显示这一天；再次点击显示全部。</translation>
    </message>
    <message>
        <source>{month} {day}</source>
        <translation>{month}{day}日</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <source>No backups started in this period. Choose “Any time” to see every backup.</source>
        <translation>此时间范围内没有开始的备份。选择“全部时间”可查看所有备份。</translation>
    </message>
    <message>
        <source>No failed backups. Choose “All statuses” to see every backup.</source>
        <translation>没有失败的备份。选择“全部状态”可查看所有备份。</translation>
    </message>
    <message>
        <source>No running backups. Choose “All statuses” to see every backup.</source>
        <translation>没有运行中的备份。选择“全部状态”可查看所有备份。</translation>
    </message>
    <message>
        <source>No succeeded backups. Choose “All statuses” to see every backup.</source>
        <translation>没有成功的备份。选择“全部状态”可查看所有备份。</translation>
    </message>
    <message>
        <source>No unknown backups. Choose “All statuses” to see every backup.</source>
        <translation>没有状态未知的备份。选择“全部状态”可查看所有备份。</translation>
    </message>
    <message>
        <source>Fit columns to their content</source>
        <translation>根据内容调整列宽</translation>
    </message>
    <message>
        <source>Loading the backup history…</source>
        <translation>正在加载备份历史…</translation>
    </message>
    <message>
        <source>The backup history could not be loaded. See the message above.</source>
        <translation>无法加载备份历史。请查看上方的消息。</translation>
    </message>
    <message>
        <source>The server has no backups yet.</source>
        <translation>服务器上还没有备份。</translation>
    </message>
    <message>
        <source>No backup matches the filter. Press Esc in the filter box to clear it.</source>
        <translation>没有与筛选条件匹配的备份。在筛选框中按 Esc 可清除筛选。</translation>
    </message>
    <message>
        <source>No backups {filtering}. Click the chosen schedule or day again to see all.</source>
        <translation>没有{filtering}备份。再次单击所选的计划或日期可查看全部。</translation>
    </message>
    <message>
        <source>No backup needs attention. Choose “All statuses” to see every backup.</source>
        <translation>没有需要关注的备份。选择“全部状态”可查看所有备份。</translation>
    </message>
    <message>
        <source>No missed runs. Choose “All statuses” to see every backup.</source>
        <translation>没有错过的运行。选择“全部状态”可查看所有备份。</translation>
    </message>
</context>
<context>
    <name>HttpErrors</name>
    <message>
        <source>The server sent the request for the {what} on to {target} (HTTP {status}). If the server has moved, sign in again at its new address.</source>
        <translation>服务器把{what}请求转到了 {target}（HTTP {status}）。如果服务器已迁移，请用新地址重新登录。</translation>
    </message>
    <message>
        <source>The server could not send the {what} ({reason}). A proxy in front of Datafor could not reach it: the server may be down or restarting. Try again later.</source>
        <translation>服务器无法发送{what}（{reason}）。Datafor 前面的代理无法连接到服务器：服务器可能已停止或正在重启。请稍后重试。</translation>
    </message>
    <message>
        <source>The server at {address} does not know the request for the {what} ({reason}): it is a web server, but not Datafor. Check the address (and the port).</source>
        <translation>服务器 {address} 无法识别{what}请求（{reason}）：这是一台 Web 服务器，但不是 Datafor。请检查地址（以及端口）。</translation>
    </message>
    <message>
        <source>The server failed while sending the {what} ({reason}). Try again later; if it keeps happening, the server log will say why.</source>
        <translation>服务器在发送{what}时出错（{reason}）。请稍后重试；如果问题持续出现，服务器日志中会写明原因。</translation>
    </message>
    <message>
        <source>The server has no {what} at {address} ({reason}). Check the address and that the Datafor backup plugin is installed.</source>
        <translation>服务器在 {address} 上没有{what}（{reason}）。请检查地址，并确认已安装 Datafor 备份插件。</translation>
    </message>
    <message>
        <source>The server refused the request for the {what} ({reason}).</source>
        <translation>服务器拒绝了{what}的请求（{reason}）。</translation>
    </message>
    <message>
        <source>Could not reach the server at {address}: it did not answer the connection attempt. Check the address, the network and any VPN or firewall.</source>
        <translation>无法连接到服务器 {address}：连接请求没有响应。请检查地址、网络以及 VPN 或防火墙。</translation>
    </message>
    <message>
        <source>The server at {address} did not answer within {seconds:g} s. It may be busy; try again later.</source>
        <translation>服务器 {address} 未在 {seconds:g} 秒内响应。服务器可能繁忙；请稍后重试。</translation>
    </message>
    <message>
        <source>The connection to {address} broke off before the answer was complete. Try again; if it keeps happening, a proxy or the server may be cutting answers short.</source>
        <translation>与 {address} 的连接在响应完成之前中断。请重试；如果问题持续出现，可能是代理或服务器截断了响应。</translation>
    </message>
    <message>
        <source>{address} is not an address the viewer can use, such as {example}.</source>
        <translation>本程序无法使用地址 {address}；请输入类似 {example} 的地址。</translation>
    </message>
    <message>
        <source>The server at {address} keeps redirecting. Check the address (http or https) and the proxy set-up.</source>
        <translation>服务器 {address} 不断重定向。请检查地址（http 还是 https）以及代理设置。</translation>
    </message>
    <message>
        <source>The answer from {address} could not be read ({error}). Try again.</source>
        <translation>无法读取来自 {address} 的响应（{error}）。请重试。</translation>
    </message>
    <message>
        <source>The request to {address} failed ({error}). Try again.</source>
        <translation>发往 {address} 的请求失败（{error}）。请重试。</translation>
    </message>
    <message>
        <source>The certificate of {address} is not trusted ({reason}). If the server uses a private certificate authority, choose its CA certificate file (--ca-bundle); turn certificate checks off (--insecure) only on a network you trust.</source>
        <translation>{address} 的证书不受信任（{reason}）。如果服务器使用私有证书颁发机构，请选择该机构的 CA 证书文件（--ca-bundle）；只有在您信任的网络上才可关闭证书检查（--insecure）。</translation>
    </message>
    <message>
        <source>A secure (TLS) connection to {address} failed ({reason}). If the server speaks plain HTTP, use an http:// address.</source>
        <translation>与 {address} 的安全（TLS）连接失败（{reason}）。如果服务器使用普通 HTTP，请使用 http:// 地址。</translation>
    </message>
    <message>
        <source>The server name {host} could not be found (DNS). Check the spelling of the address and the network connection.</source>
        <translation>找不到服务器名称 {host}（DNS）。请检查地址的拼写以及网络连接。</translation>
    </message>
    <message>
        <source>Could not reach the server at {address}: connection refused. Is the address right and the server running?</source>
        <translation>无法连接到服务器 {address}：连接被拒绝。请确认地址是否正确、服务器是否正在运行。</translation>
    </message>
    <message>
        <source>Could not reach the server at {address} ({reason}). Check the address and the network.</source>
        <translation>无法连接到服务器 {address}（{reason}）。请检查地址和网络。</translation>
    </message>
</context>
<context>
    <name>IntervalOfDays</name>
    <message>
        <source>{interval} from {date} {time} ({offset})</source>
        <translation>{interval} {time}（自 {date} 起，{offset}）</translation>
    </message>
</context>
<context>
    <name>LanguageChoice</name>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>The system&apos;s language</source>
        <translation>跟随系统语言</translation>
    </message>
</context>
<context>
    <name>LoadReport</name>
    <message>
        <source>Loading the backup history…</source>
        <translation>正在加载备份历史…</translation>
    </message>
    <message>
        <source>No backups could be loaded: see the message above.</source>
        <translation>未能加载任何备份：请查看上方的消息。</translation>
    </message>
    <message>
        <source>Loading… {count:,} backups so far</source>
        <translation>正在加载… 已加载 {count:,} 个备份</translation>
    </message>
    <message>
        <source>A backup is running: checked every {seconds:g} s</source>
        <translation>有备份正在运行：每 {seconds:g} 秒检查一次</translation>
    </message>
</context>
<context>
    <name>LoginChecks</name>
    <message>
        <source>Enter the server&apos;s address, for example {example}.</source>
        <translation>请输入服务器地址，例如 {example}。</translation>
    </message>
    <message>
        <source>The address holds a user name or password (user:password@…). Leave them out of it and type them in their fields: an address is remembered, a password only in the system keyring, when you ask.</source>
        <translation>地址中包含用户名或密码（user:password@…）。请将它们从地址中去掉，并在各自的字段中输入：地址会被记住，而密码只有在您要求时才会保存在系统密钥环中。</translation>
    </message>
    <message>
        <source>Enter your user name.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <source>Enter the token.</source>
        <translation>请输入令牌。</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <source>Type the characters shown in the picture.</source>
        <translation>请输入图片中显示的字符。</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Sign-in form (session)</source>
        <translation>登录表单（会话）</translation>
    </message>
    <message>
        <source>HTTP Basic</source>
        <translation>HTTP Basic 认证</translation>
    </message>
    <message>
        <source>Token (JWT)</source>
        <translation>令牌（JWT）</translation>
    </message>
    <message>
        <source>Sign in – BackupViewer</source>
        <translation>登录 – BackupViewer</translation>
    </message>
    <message>
        <source>Sign in to a Datafor server as an administrator to see its backups.</source>
        <translation>以管理员身份登录 Datafor 服务器，查看服务器上的备份。</translation>
    </message>
    <message>
        <source>Servers used before (Alt+Down)</source>
        <translation>以前使用过的服务器（Alt+向下键）</translation>
    </message>
    <message>
        <source>Optional, for example tenant1</source>
        <translation>可选，例如 tenant1</translation>
    </message>
    <message>
        <source>Remember the password in the system keyring</source>
        <translation>在系统密钥环中记住密码</translation>
    </message>
    <message>
        <source>The characters in the picture</source>
        <translation>图片中的字符</translation>
    </message>
    <message>
        <source>New picture</source>
        <translation>换一张</translation>
    </message>
    <message>
        <source>⚠ Not https: unless the server moves the viewer to https, the password crosses the network in clear text.</source>
        <translation>⚠ 未使用 https：除非服务器将连接重定向到 https，否则密码将以明文在网络上传输。</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>服务器(&amp;S)：</translation>
    </message>
    <message>
        <source>Sign-in &amp;method:</source>
        <translation>登录方式(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>Te&amp;nant:</source>
        <translation>租户(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>验证码(&amp;C)：</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>正在登录…</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>All servers…</source>
        <translation>所有服务器…</translation>
    </message>
    <message>
        <source>Every server you keep, the worst first (add them there)</source>
        <translation>您保存的所有服务器，问题最严重的排在前面（可在其中添加服务器）</translation>
    </message>
    <message>
        <source>Kept in the system keyring, never in a file</source>
        <translation>保存在系统密钥环中，绝不写入文件</translation>
    </message>
    <message>
        <source>This system has no keyring (such as GNOME Keyring, KWallet, the Windows Credential Manager or the macOS keychain), so a password cannot be kept safely.</source>
        <translation>此系统没有系统密钥环（例如 GNOME Keyring、KWallet、Windows 凭据管理器或 macOS 钥匙串），因此无法安全地保存密码。</translation>
    </message>
    <message>
        <source>(picture unreadable)</source>
        <translation>（图片无法读取）</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop signing in</source>
        <translation>停止登录</translation>
    </message>
    <message>
        <source>Close BackupViewer</source>
        <translation>关闭 BackupViewer</translation>
    </message>
    <message>
        <source>Close this dialog and go back to the window</source>
        <translation>关闭此对话框并返回主窗口</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>令牌(&amp;T)：</translation>
    </message>
    <message>
        <source>Optional with a token</source>
        <translation>使用令牌时可选</translation>
    </message>
</context>
<context>
    <name>MainMenus</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Columns</source>
        <translation>列(&amp;C)</translation>
    </message>
    <message>
        <source>Copied the version information</source>
        <translation>已复制版本信息</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Export to CSV…</source>
        <translation>导出为 CSV(&amp;E)…</translation>
    </message>
    <message>
        <source>Export the rows shown to CSV</source>
        <translation>将显示的行导出为 CSV</translation>
    </message>
    <message>
        <source>&amp;Copy rows</source>
        <translation>复制行(&amp;C)</translation>
    </message>
    <message>
        <source>Copy the selected rows</source>
        <translation>复制选中的行</translation>
    </message>
    <message>
        <source>&amp;Download backup…</source>
        <translation>下载备份(&amp;D)…</translation>
    </message>
    <message>
        <source>Save the selected backup&apos;s zip</source>
        <translation>保存选中备份的 zip 文件</translation>
    </message>
    <message>
        <source>&amp;Health check…</source>
        <translation>健康检查(&amp;H)…</translation>
    </message>
    <message>
        <source>&amp;Watch in the background</source>
        <translation>后台监视(&amp;W)</translation>
    </message>
    <message>
        <source>Fetch the history every few minutes and tell about new failures and missed runs</source>
        <translation>每隔几分钟获取一次备份历史，出现新的失败或错过的运行时发出通知</translation>
    </message>
    <message>
        <source>&amp;All servers…</source>
        <translation>所有服务器(&amp;A)…</translation>
    </message>
    <message>
        <source>Every server you keep, the worst first</source>
        <translation>您保存的所有服务器，问题最严重的排在前面</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>退出登录(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Filter…</source>
        <translation>筛选(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Details pane</source>
        <translation>详细信息窗格(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Show details</source>
        <translation>显示详细信息</translation>
    </message>
    <message>
        <source>Backups on {server} – BackupViewer</source>
        <translation>{server} 上的备份 – BackupViewer</translation>
    </message>
    <message>
        <source>Copied {what}</source>
        <translation>已复制{what}</translation>
    </message>
</context>
<context>
    <name>Missed</name>
    <message>
        <source>No backup started between {start} and {end} (a backup up to a minute early would have counted).</source>
        <translation>{start} 至 {end} 之间没有备份开始（提前最多一分钟开始的备份也算在内）。</translation>
    </message>
    <message>
        <source>Missed {count:,} runs in a row, every {every}, from {first} to {last}: no backup started for any of them.</source>
        <translation>连续错过 {count:,} 次运行（间隔 {every}，{first} 至 {last}），每次都没有备份开始。</translation>
    </message>
    <message>
        <source>Missed {count:,} runs in a row, from {first} to {last}: no backup started for any of them.</source>
        <translation>连续错过 {count:,} 次运行（{first} 至 {last}），每次都没有备份开始。</translation>
    </message>
    <message>
        <source>Earlier runs were not judged: too many fire times to judge them all.</source>
        <translation>更早的运行未作判断：运行时间点太多，无法全部判断。</translation>
    </message>
</context>
<context>
    <name>Notifier</name>
    <message>
        <source>… and {count:,} more failed backups or missed runs.</source>
        <translation>… 另有 {count:,} 个失败的备份或错过的运行。</translation>
    </message>
    <message>
        <source>{name} failed at {time}: {reason}</source>
        <translation>备份“{name}”于 {time} 失败：{reason}</translation>
    </message>
    <message>
        <source>A backup failed at {time}: {reason}</source>
        <translation>有一个备份于 {time} 失败：{reason}</translation>
    </message>
    <message>
        <source>{name} failed at {time}.</source>
        <translation>备份“{name}”于 {time} 失败。</translation>
    </message>
    <message>
        <source>A backup failed at {time}.</source>
        <translation>有一个备份于 {time} 失败。</translation>
    </message>
    <message>
        <source>{name} missed its run at {time}.</source>
        <translation>计划“{name}”错过了 {time} 的运行。</translation>
    </message>
    <message>
        <source>A schedule missed its run at {time}.</source>
        <translation>有一个计划错过了 {time} 的运行。</translation>
    </message>
    <message>
        <source>{name} missed {count:,} runs in a row, {first} to {last}.</source>
        <translation>计划“{name}”连续错过了 {count:,} 次运行（{first} 至 {last}）。</translation>
    </message>
    <message>
        <source>A schedule missed {count:,} runs in a row, {first} to {last}.</source>
        <translation>有一个计划连续错过了 {count:,} 次运行（{first} 至 {last}）。</translation>
    </message>
</context>
<context>
    <name>Quartz</name>
    <message>
        <source>Sunday</source>
        <translation>星期日</translation>
    </message>
    <message>
        <source>Monday</source>
        <translation>星期一</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>星期二</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>星期三</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>星期四</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>星期五</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>星期六</translation>
    </message>
    <message>
        <source>January</source>
        <translation>1月</translation>
    </message>
    <message>
        <source>February</source>
        <translation>2月</translation>
    </message>
    <message>
        <source>March</source>
        <translation>3月</translation>
    </message>
    <message>
        <source>April</source>
        <translation>4月</translation>
    </message>
    <message>
        <source>May</source>
        <translation>5月</translation>
    </message>
    <message>
        <source>June</source>
        <translation>6月</translation>
    </message>
    <message>
        <source>July</source>
        <translation>7月</translation>
    </message>
    <message>
        <source>August</source>
        <translation>8月</translation>
    </message>
    <message>
        <source>September</source>
        <translation>9月</translation>
    </message>
    <message>
        <source>October</source>
        <translation>10月</translation>
    </message>
    <message>
        <source>November</source>
        <translation>11月</translation>
    </message>
    <message>
        <source>December</source>
        <translation>12月</translation>
    </message>
    <message>
        <source>second</source>
        <translation>秒</translation>
    </message>
    <message>
        <source>minute</source>
        <translation>分钟</translation>
    </message>
    <message>
        <source>hour</source>
        <translation>小时</translation>
    </message>
    <message>
        <source>day of month</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>day of week</source>
        <translation>星期</translation>
    </message>
    <message>
        <source>year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>A Quartz cron expression has 6 or 7 fields, not {count}.</source>
        <translation>Quartz cron 表达式应有 6 或 7 个字段，而不是 {count} 个。</translation>
    </message>
    <message>
        <source>Only one of day-of-month and day-of-week may be &apos;?&apos;.</source>
        <translation>日期字段和星期字段中只能有一个是 &apos;?&apos;。</translation>
    </message>
    <message>
        <source>Quartz needs &apos;?&apos; in day-of-month or day-of-week; both are set.</source>
        <translation>Quartz 要求日期字段或星期字段之一为 &apos;?&apos;，但两者都已设置。</translation>
    </message>
    <message>
        <source>&apos;{item}&apos;: the offset from the last day is at most 30.</source>
        <translation>&apos;{item}&apos;：与最后一天的偏移最多为 30。</translation>
    </message>
    <message>
        <source>&apos;{item}&apos;: the day for &apos;W&apos; must be 1 to 31.</source>
        <translation>&apos;{item}&apos;：&apos;W&apos; 的日期必须在 1 到 31 之间。</translation>
    </message>
    <message>
        <source>The {field} field {text} gives no value at all.</source>
        <translation>{field}字段 {text} 没有给出任何值。</translation>
    </message>
    <message>
        <source>&apos;{item}&apos;: the week after &apos;#&apos; must be 1 to 5.</source>
        <translation>&apos;{item}&apos;：&apos;#&apos; 后的周次必须在 1 到 5 之间。</translation>
    </message>
    <message>
        <source>&apos;{item}&apos; is not a valid {field} value.</source>
        <translation>&apos;{item}&apos; 不是有效的{field}值。</translation>
    </message>
    <message>
        <source>&apos;{item}&apos;: the step must be 1 to {most}.</source>
        <translation>&apos;{item}&apos;：步长必须在 1 到 {most} 之间。</translation>
    </message>
    <message>
        <source>&apos;{item}&apos;: a year range must not run backwards.</source>
        <translation>&apos;{item}&apos;：年份范围不能倒序。</translation>
    </message>
    <message>
        <source>The {field} {value} is out of range ({low} to {high}).</source>
        <translation>{field} {value} 超出范围（{low} 到 {high}）。</translation>
    </message>
</context>
<context>
    <name>QuartzHourListWords</name>
    <message>
        <source>every minute</source>
        <translation>每分钟</translation>
    </message>
    <message>
        <source>every {step} minutes</source>
        <translation>每 {step} 分钟</translation>
    </message>
    <message>
        <source>every {step} minutes from minute {first}</source>
        <translation>从第 {first} 分钟起每 {step} 分钟</translation>
    </message>
    <message>
        <source>at minute {minute}</source>
        <translation>第 {minute} 分钟</translation>
    </message>
    <message>
        <source>at minutes {minutes}</source>
        <translation>第 {minutes} 分钟</translation>
    </message>
</context>
<context>
    <name>QuartzSecondWords</name>
    <message>
        <source>every second</source>
        <translation>每秒</translation>
    </message>
    <message>
        <source>every {step} seconds</source>
        <translation>每 {step} 秒</translation>
    </message>
    <message>
        <source>every {step} seconds from second {first}</source>
        <translation>从第 {first} 秒起每 {step} 秒</translation>
    </message>
    <message>
        <source>at second {second}</source>
        <translation>第 {second} 秒</translation>
    </message>
    <message>
        <source>at seconds {seconds}</source>
        <translation>第 {seconds} 秒</translation>
    </message>
</context>
<context>
    <name>QuartzWords</name>
    <message>
        <source>first</source>
        <translation>第一个</translation>
    </message>
    <message>
        <source>second</source>
        <translation>第二个</translation>
    </message>
    <message>
        <source>third</source>
        <translation>第三个</translation>
    </message>
    <message>
        <source>fourth</source>
        <translation>第四个</translation>
    </message>
    <message>
        <source>fifth</source>
        <translation>第五个</translation>
    </message>
    <message>
        <source>last</source>
        <translation>最后一个</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>周日</translation>
    </message>
    <message>
        <source>Monday</source>
        <translation>周一</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>周二</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>周三</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>周四</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>周五</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>周六</translation>
    </message>
    <message>
        <source>{days} at {times}</source>
        <translation>{days} {times}</translation>
    </message>
    <message>
        <source>every day</source>
        <translation>每天</translation>
    </message>
    <message>
        <source>{days}, {clock}</source>
        <translation>{days}，{clock}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>{first} and {last}</source>
        <translation>{first}和{last}</translation>
    </message>
    <message>
        <source>{numbers}, {number}</source>
        <translation>{numbers}、{number}</translation>
    </message>
    <message>
        <source>{numbers} and {last}</source>
        <translation>{numbers}、{last}</translation>
    </message>
    <message>
        <source>day {number} of the week</source>
        <translation>“星期 {number}”</translation>
    </message>
    <message>
        <source>every day in {months}</source>
        <translation>每年{months}的每天</translation>
    </message>
    <message>
        <source>every weekday</source>
        <translation>每个工作日</translation>
    </message>
    <message>
        <source>every {days}</source>
        <translation>每{days}</translation>
    </message>
    <message>
        <source>{days} in {months}</source>
        <translation>每年{months}的{days}</translation>
    </message>
    <message>
        <source>{weekdays} of every month</source>
        <translation>每月{weekdays}</translation>
    </message>
    <message>
        <source>{weekdays} of {months}</source>
        <translation>每年{months}的{weekdays}</translation>
    </message>
    <message>
        <source>the {ordinal} {weekday}</source>
        <translation>{ordinal}{weekday}</translation>
    </message>
    <message>
        <source>every {month} {day}</source>
        <translation>每年{month}{day}日</translation>
    </message>
    <message>
        <source>day {day} of every month</source>
        <translation>每月{day}日</translation>
    </message>
    <message>
        <source>days {days} of every month</source>
        <translation>每月{days}日</translation>
    </message>
    <message>
        <source>day {day} of {months}</source>
        <translation>每年{months}的{day}日</translation>
    </message>
    <message>
        <source>days {days} of {months}</source>
        <translation>每年{months}的{days}日</translation>
    </message>
    <message>
        <source>day {day}</source>
        <translation>{day}日</translation>
    </message>
    <message>
        <source>days {days}</source>
        <translation>{days}日</translation>
    </message>
    <message>
        <source>{days} of every month</source>
        <translation>每月{days}</translation>
    </message>
    <message>
        <source>{days} of {months}</source>
        <translation>每年{months}的{days}</translation>
    </message>
    <message>
        <source>every {step} days</source>
        <translation>每 {step} 天</translation>
    </message>
    <message>
        <source>every {step} days from day {first}</source>
        <translation>每月从{first}日起每 {step} 天</translation>
    </message>
    <message>
        <source>every {step} days in {months}</source>
        <translation>每年{months}内每 {step} 天</translation>
    </message>
    <message>
        <source>every {step} days from day {first} in {months}</source>
        <translation>每年{months}从{first}日起每 {step} 天</translation>
    </message>
    <message>
        <source>the weekday nearest day {day}</source>
        <translation>离{day}日最近的工作日</translation>
    </message>
    <message>
        <source>the last day</source>
        <translation>最后一天</translation>
    </message>
    <message>
        <source>1 day before the last day</source>
        <translation>倒数第 2 天</translation>
    </message>
    <message>
        <source>{count} days before the last day</source>
        <translation>倒数第 {from_end} 天</translation>
    </message>
    <message>
        <source>the last weekday</source>
        <translation>最后一个工作日</translation>
    </message>
    <message>
        <source>the weekday nearest {day}</source>
        <translation>离{day}最近的工作日</translation>
    </message>
    <message>
        <source>{days} from {first} on</source>
        <translation>{first}年起的{days}</translation>
    </message>
    <message>
        <source>{days} in every {ordinal} year from {first}</source>
        <translation>{first}年起每 {ordinal} 年的{days}</translation>
    </message>
    <message>
        <source>{days} from {first} to {last}</source>
        <translation>{first}年至{last}年的{days}</translation>
    </message>
    <message>
        <source>{days} in every {ordinal} year from {first} to {last}</source>
        <translation>{first}年至{last}年间每 {ordinal} 年的{days}</translation>
    </message>
    <message>
        <source>{days} in {years}</source>
        <translation>{years}年的{days}</translation>
    </message>
    <message>
        <source>{number}st</source>
        <translation>{number}</translation>
    </message>
    <message>
        <source>{number}nd</source>
        <translation>{number}</translation>
    </message>
    <message>
        <source>{number}rd</source>
        <translation>{number}</translation>
    </message>
    <message>
        <source>{number}th</source>
        <translation>{number}</translation>
    </message>
    <message>
        <source>every hour on the hour, in the hours {hours}</source>
        <translation>{hours} 点整</translation>
    </message>
    <message>
        <source>every hour at minute {minute}, second {second}, in the hours {hours}</source>
        <translation>{hours} 点 {minute} 分 {second} 秒</translation>
    </message>
    <message>
        <source>every hour at minute {minute}, in the hours {hours}</source>
        <translation>{hours} 点 {minute} 分</translation>
    </message>
    <message>
        <source>every hour {at}</source>
        <translation>每小时{at}</translation>
    </message>
    <message>
        <source>{hours} {at}</source>
        <translation>{hours}的{at}</translation>
    </message>
    <message>
        <source>every hour {at}, {hours}</source>
        <translation>{hours}，每小时{at}</translation>
    </message>
    <message>
        <source>{clock}, in the hours {hours}</source>
        <translation>{hours} 点的{clock}</translation>
    </message>
    <message>
        <source>every minute</source>
        <translation>每分钟</translation>
    </message>
    <message>
        <source>{clock}, {hours}</source>
        <translation>{hours}，{clock}</translation>
    </message>
    <message>
        <source>{minutes}, {seconds}</source>
        <translation>{minutes}的{seconds}</translation>
    </message>
    <message>
        <source>{seconds}, {minutes}</source>
        <translation>{minutes}的{seconds}</translation>
    </message>
    <message>
        <source>on the hour</source>
        <translation>整点</translation>
    </message>
    <message>
        <source>at minute {minute}, second {second}</source>
        <translation>第 {minute} 分 {second} 秒</translation>
    </message>
    <message>
        <source>at minute {minute}</source>
        <translation>第 {minute} 分钟</translation>
    </message>
    <message>
        <source>every second</source>
        <translation>每秒</translation>
    </message>
    <message>
        <source>every {step} seconds</source>
        <translation>每 {step} 秒</translation>
    </message>
    <message>
        <source>every {step} seconds from second {first}</source>
        <translation>从第 {first} 秒起每 {step} 秒</translation>
    </message>
    <message>
        <source>at second {second}</source>
        <translation>第 {second} 秒</translation>
    </message>
    <message>
        <source>at seconds {seconds}</source>
        <translation>每分钟第 {seconds} 秒</translation>
    </message>
    <message>
        <source>every {step} minutes</source>
        <translation>每 {step} 分钟</translation>
    </message>
    <message>
        <source>every {step} minutes from minute {first}</source>
        <translation>从第 {first} 分钟起每 {step} 分钟</translation>
    </message>
    <message>
        <source>at minutes {minutes}</source>
        <translation>每小时第 {minutes} 分钟</translation>
    </message>
    <message>
        <source>every {step} hours from {start} to {stop}</source>
        <translation>{start} 至 {stop} 每 {step} 小时</translation>
    </message>
    <message>
        <source>every {step} hours from {start}</source>
        <translation>{start} 起每 {step} 小时</translation>
    </message>
    <message>
        <source>every {step} hours to {stop}</source>
        <translation>00:00 至 {stop} 每 {step} 小时</translation>
    </message>
    <message>
        <source>every {step} hours</source>
        <translation>每 {step} 小时</translation>
    </message>
    <message>
        <source>between {start} and {end}</source>
        <translation>{start} 至 {end}</translation>
    </message>
    <message>
        <source>{spans} and {span}</source>
        <translation>{spans}、{span}</translation>
    </message>
</context>
<context>
    <name>QuartzYearWords</name>
    <message>
        <source>every day in {months}</source>
        <translation>{months}每天</translation>
    </message>
    <message>
        <source>{days} in {months}</source>
        <translation>{months}{days}</translation>
    </message>
    <message>
        <source>{weekdays} of {months}</source>
        <translation>{months}的{weekdays}</translation>
    </message>
    <message>
        <source>every {month} {day}</source>
        <translation>{month}{day}日</translation>
    </message>
    <message>
        <source>day {day} of {months}</source>
        <translation>{months}的{day}日</translation>
    </message>
    <message>
        <source>days {days} of {months}</source>
        <translation>{months}的{days}日</translation>
    </message>
    <message>
        <source>{days} of {months}</source>
        <translation>{months}的{days}</translation>
    </message>
</context>
<context>
    <name>Receiving</name>
    <message>
        <source>Could not create a file in {folder}: {reason}. Choose a folder you can write to.</source>
        <translation>无法在 {folder} 中创建文件：{reason}。请选择一个您有写入权限的文件夹。</translation>
    </message>
    <message>
        <source>Could not save the backup as {file}: {reason}. Check the free space and choose another place if needed.</source>
        <translation>无法将备份保存为 {file}：{reason}。请检查可用空间，必要时选择其他位置。</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>The server&apos;s answer is not a zip file (it begins with “{start}”), so nothing was saved. A proxy or the server may have answered with an error page; try again, and if it keeps happening, check the server&apos;s log.</source>
        <translation>服务器的响应不是 zip 文件（开头为“{start}”），因此未保存任何内容。可能是代理或服务器返回了错误页面；请重试，如果问题持续出现，请检查服务器日志。</translation>
    </message>
    <message>
        <source>The backup history could not be kept in the temporary folder {folder}: {reason}. Free some space there and refresh.</source>
        <translation>无法将备份历史保存在临时文件夹 {folder} 中：{reason}。请释放该处的空间，然后刷新。</translation>
    </message>
    <message>
        <source>The server&apos;s answer is larger than {megabytes:,.0f} MB, more than a backup history holds (a million backups are about 370 MB); it was not kept. If the history really is that large, raise the limit (backupviewer export --max-size).</source>
        <translation>服务器的响应大于 {megabytes:,.0f} MB，超出了备份历史可能的大小（一百万个备份约 370 MB），因此未予保留。如果备份历史确实这么大，请提高上限（backupviewer export --max-size）。</translation>
    </message>
    <message>
        <source>The server at {address} did not finish sending the backup history within {seconds:g} s. It may be overloaded, or the connection too slow; try again later.</source>
        <translation>服务器 {address} 未能在 {seconds:g} 秒内发送完备份历史。服务器可能负载过重，或连接太慢；请稍后重试。</translation>
    </message>
    <message>
        <source>The server at {address} sent the backup history slower than {speed:,} bytes a second for {seconds:g} s, so it was given up. The server or the connection is overloaded; try again later.</source>
        <translation>服务器 {address} 发送备份历史的速度在 {seconds:g} 秒内低于每秒 {speed:,} 字节，因此已放弃。服务器或网络连接负载过高；请稍后重试。</translation>
    </message>
    <message>
        <source>The server at {address} sent the backup slower than {speed:,} bytes a second for {seconds:g} s, so it was given up and nothing was saved. The server or the connection is overloaded; try again later.</source>
        <translation>服务器 {address} 发送备份的速度在 {seconds:g} 秒内低于每秒 {speed:,} 字节，因此已放弃，未保存任何内容。服务器或网络连接负载过高；请稍后重试。</translation>
    </message>
</context>
<context>
    <name>Records</name>
    <message>
        <source>Start time {value} is not a time the viewer can read.</source>
        <translation>本程序无法识别开始时间 {value}。</translation>
    </message>
    <message>
        <source>Last update time {value} is not a time the viewer can read.</source>
        <translation>本程序无法识别最后更新时间 {value}。</translation>
    </message>
    <message>
        <source>The row is not an object; it is shown as it came.</source>
        <translation>该行不是 JSON 对象，按收到的原样显示。</translation>
    </message>
    <message>
        <source>Status {status} is not one the viewer knows.</source>
        <translation>本程序无法识别状态 {status}。</translation>
    </message>
    <message>
        <source>The start time shown is the one in the backup ID.</source>
        <translation>显示的开始时间取自备份 ID。</translation>
    </message>
    <message>
        <source>Field {field} is {value} instead of text.</source>
        <translation>字段 {field} 是 {value}，而不是文本。</translation>
    </message>
    <message>
        <source>(a {kind} nested too deep to show)</source>
        <translation>（嵌套过深、无法显示的 {kind}）</translation>
    </message>
    <message>
        <source>Content: {error}</source>
        <translation>内容：{error}</translation>
    </message>
    <message>
        <source>{length:,} characters long, far longer than any real one: it is not read.</source>
        <translation>长达 {length:,} 个字符，远超任何真实的内容：不予读取。</translation>
    </message>
    <message>
        <source>Content {content} is not the documented list of parts.</source>
        <translation>内容 {content} 不是文档规定的部分列表。</translation>
    </message>
    <message>
        <source>Unreadable schedule: {error}</source>
        <translation>无法读取的计划：{error}</translation>
    </message>
</context>
<context>
    <name>Redirects</name>
    <message>
        <source>an unusable address</source>
        <translation>无法使用的地址</translation>
    </message>
    <message>
        <source>The server at {address} redirects to {target}, which is not encrypted, so the viewer does not send the sign-in there. If that really is the server&apos;s address, enter it yourself.</source>
        <translation>服务器 {address} 重定向到未加密的地址 {target}，因此本程序不会把登录信息发送过去。如果那确实是服务器的地址，请自行输入该地址。</translation>
    </message>
    <message>
        <source>The server at {address} keeps redirecting (last to {target}). Check the address (http or https) and the proxy set-up.</source>
        <translation>服务器 {address} 不断重定向（最后一次重定向到 {target}）。请检查地址（http 还是 https）以及代理设置。</translation>
    </message>
    <message>
        <source>a web page</source>
        <translation>网页</translation>
    </message>
    <message>
        <source>No Datafor server answered at {addresses} ({answers}). Check the address: a default installation is {example}.</source>
        <translation>{addresses} 上没有 Datafor 服务器响应（{answers}）。请检查地址：默认安装的地址为 {example}。</translation>
    </message>
    <message>
        <source> or </source>
        <translation> 或 </translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>The server moved to {target}; use that address.</source>
        <translation>服务器已迁移到 {target}；请使用该地址。</translation>
    </message>
</context>
<context>
    <name>RowMenu</name>
    <message>
        <source>Copy backup &amp;ID</source>
        <translation>复制备份 ID(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Export the selected rows…</source>
        <translation>导出选中的行(&amp;E)…</translation>
    </message>
    <message>
        <source>Copy backup &amp;IDs</source>
        <translation>复制备份 ID(&amp;I)</translation>
    </message>
</context>
<context>
    <name>RowTips</name>
    <message>
        <source>The server gave no reason.</source>
        <translation>服务器未给出原因。</translation>
    </message>
    <message>
        <source>Failed: {message}</source>
        <translation>失败：{message}</translation>
    </message>
    <message>
        <source>Missed: {message}</source>
        <translation>错过：{message}</translation>
    </message>
    <message>
        <source>Running for {elapsed}; it is watched until it ends.</source>
        <translation>已运行 {elapsed}；会持续监视，直到运行结束。</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>{elapsed} – stuck?</source>
        <translation>{elapsed}（疑似卡住）</translation>
    </message>
    <message>
        <source>{elapsed}…</source>
        <translation>{elapsed}…</translation>
    </message>
    <message>
        <source>an unknown time</source>
        <translation>未知时长</translation>
    </message>
    <message>
        <source>Running for {elapsed} – stuck? {advice}</source>
        <translation>已运行 {elapsed}，疑似卡住。{advice}</translation>
    </message>
    <message>
        <source>Backups rarely take this long; check the server.</source>
        <translation>备份很少需要这么长时间；请检查服务器。</translation>
    </message>
    <message>
        <source>Its schedule&apos;s longest successful run took {duration}; check the server. It is no longer watched.</source>
        <translation>所属计划成功运行的最长用时为 {duration}；请检查服务器。已不再监视此备份。</translation>
    </message>
    <message>
        <source>The server sent status {status}, which the viewer does not know.</source>
        <translation>服务器发送了本程序无法识别的状态 {status}。</translation>
    </message>
    <message>
        <source>Schedule: {error}</source>
        <translation>计划：{error}</translation>
    </message>
    <message>
        <source>Some fields could not be read:
{problems}</source>
        <translation>部分字段无法读取：
{problems}</translation>
    </message>
    <message>
        <source>Slow: has been running for {duration}, {factor:.1f}× the usual {usual} (the 90th percentile of the last {runs:,} successful runs of its schedule before it).</source>
        <translation>耗时过长：已运行 {duration}，是常规用时 {usual}的 {factor:.1f} 倍（常规用时取所属计划此前最近 {runs:,} 次成功运行用时的 90 百分位数）。</translation>
    </message>
    <message>
        <source>Slow: took {duration}, {factor:.1f}× the usual {usual} (the 90th percentile of the last {runs:,} successful runs of its schedule before it).</source>
        <translation>耗时过长：用时 {duration}，是常规用时 {usual}的 {factor:.1f} 倍（常规用时取所属计划此前最近 {runs:,} 次成功运行用时的 90 百分位数）。</translation>
    </message>
    <message>
        <source>It starts in the future by the server&apos;s clock ({ahead} after now) – is the server&apos;s clock wrong?</source>
        <translation>按服务器的时钟，它的开始时间在未来（比现在晚 {ahead}）——服务器的时钟是否有误？</translation>
    </message>
    <message>
        <source>Its schedule is failing repeatedly: the last {count} runs failed.</source>
        <translation>所属计划已连续失败 {count} 次。</translation>
    </message>
    <message>
        <source>Its schedule is failing: this, its newest finished run, failed.</source>
        <translation>所属计划最近一次完成的运行（即本次）失败。</translation>
    </message>
    <message>
        <source>{time} on the server&apos;s clock (its time zone is unknown)</source>
        <translation>服务器时钟 {time}（时区未知）</translation>
    </message>
    <message>
        <source>{time} on the server&apos;s clock ({offset})</source>
        <translation>服务器时钟 {time}（{offset}）</translation>
    </message>
    <message>
        <source>{time} on this computer&apos;s ({offset})</source>
        <translation>本机时钟 {time}（{offset}）</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>this computer&apos;s clock ({offset})</source>
        <translation>本机时钟（{offset}）</translation>
    </message>
    <message>
        <source>{column} (your time)</source>
        <translation>{column}（本机时间）</translation>
    </message>
    <message>
        <source>the server&apos;s clock ({offsets})</source>
        <translation>服务器时钟（{offsets}）</translation>
    </message>
    <message>
        <source>the server&apos;s clock</source>
        <translation>服务器时钟</translation>
    </message>
    <message>
        <source>{column} (server time)</source>
        <translation>{column}（服务器时间）</translation>
    </message>
    <message>
        <source>When the backup started, on {clock}. View ▸ Clock switches between the server&apos;s clock and this computer&apos;s.</source>
        <translation>备份开始的时间，按{clock}显示。“视图 ▸ 时钟”可在服务器时钟和本机时钟之间切换。</translation>
    </message>
    <message>
        <source>When the backup ended, on {clock}. View ▸ Clock switches between the server&apos;s clock and this computer&apos;s.</source>
        <translation>备份结束的时间，按{clock}显示。“视图 ▸ 时钟”可在服务器时钟和本机时钟之间切换。</translation>
    </message>
</context>
<context>
    <name>SafeOutput</name>
    <message>
        <source>{path} leads through a link that another user made in a shared folder ({link}); it is not followed. Write to a file of your own.</source>
        <translation>{path} 经过一个由其他用户在共享文件夹中创建的链接（{link}），本程序不会跟随它。请写入您自己的文件。</translation>
    </message>
    <message>
        <source>{path}: too many links to follow.</source>
        <translation>{path}：链接层数过多，无法跟随。</translation>
    </message>
</context>
<context>
    <name>Schedule</name>
    <message>
        <source>The schedule could not be read.</source>
        <translation>无法读取计划。</translation>
    </message>
    <message>
        <source>The schedule is not a JSON object.</source>
        <translation>计划不是 JSON 对象。</translation>
    </message>
    <message>
        <source>The schedule is not exactly one of {names}.</source>
        <translation>计划应恰好包含 {names} 中的一项。</translation>
    </message>
    <message>
        <source>The {trigger} is not a JSON object.</source>
        <translation>{trigger} 不是 JSON 对象。</translation>
    </message>
    <message>
        <source>The schedule is neither JSON text nor a JSON object.</source>
        <translation>计划既不是 JSON 文本，也不是 JSON 对象。</translation>
    </message>
    <message>
        <source>The schedule is not valid JSON.</source>
        <translation>计划不是有效的 JSON。</translation>
    </message>
    <message>
        <source>The repeatInterval {interval} s is out of range.</source>
        <translation>repeatInterval {interval} 秒超出范围。</translation>
    </message>
    <message>
        <source>Both daysOfWeek and daysOfMonth are set; the server uses daysOfWeek.</source>
        <translation>同时设置了 daysOfWeek 和 daysOfMonth；服务器使用 daysOfWeek。</translation>
    </message>
    <message>
        <source>weeksOfMonth is ignored because daysOfWeek is empty.</source>
        <translation>daysOfWeek 为空，因此 weeksOfMonth 被忽略。</translation>
    </message>
    <message>
        <source>The cron trigger has no cronString.</source>
        <translation>cron 触发器没有 cronString。</translation>
    </message>
    <message>
        <source>The cron string {text} cannot be read. {reason}</source>
        <translation>无法读取 cron 字符串 {text}。{reason}</translation>
    </message>
    <message>
        <source>The schedule cannot be expressed in Quartz. {reason}</source>
        <translation>无法用 Quartz 表达此计划。{reason}</translation>
    </message>
    <message>
        <source>“Every N days” needs a repeatInterval in whole days, not {value} s.</source>
        <translation>“每 N 天”需要以整天为单位的 repeatInterval，而不是 {value} 秒。</translation>
    </message>
    <message>
        <source>“Every {days} days” is more than Quartz&apos;s 31-day step.</source>
        <translation>“每 {days} 天”超过了 Quartz 最大 31 天的步长。</translation>
    </message>
</context>
<context>
    <name>ScheduleList</name>
    <message>
        <source>Last run</source>
        <translation>上次运行</translation>
    </message>
    <message>
        <source>Next run</source>
        <translation>下次运行</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>已阻塞</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>已禁用</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>已启用</translation>
    </message>
    <message>
        <source>Schedule: {error}</source>
        <translation>计划：{error}</translation>
    </message>
    <message>
        <source>Enabled {value} is not a value the viewer knows; taken as enabled.</source>
        <translation>本程序无法识别启用状态 {value}；按已启用处理。</translation>
    </message>
    <message>
        <source>{what} {value} is not a time the viewer can read.</source>
        <translation>本程序无法识别{what}时间 {value}。</translation>
    </message>
</context>
<context>
    <name>ScheduleModel</name>
    <message>
        <source>Health</source>
        <translation>健康状况</translation>
    </message>
    <message>
        <source>OK, or what is wrong in the window (worst first)</source>
        <translation>正常，或时间窗口内出现的问题（最严重的在前）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>The schedule&apos;s name</source>
        <translation>计划的名称</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>已启用</translation>
    </message>
    <message>
        <source>Whether the schedule is switched on</source>
        <translation>计划是否已启用</translation>
    </message>
    <message>
        <source>State</source>
        <translation>调度状态</translation>
    </message>
    <message>
        <source>The scheduler&apos;s state: normal, paused, complete, error…</source>
        <translation>调度器的状态：正常、已暂停、已完成、错误…</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>运行周期</translation>
    </message>
    <message>
        <source>When it runs, in words</source>
        <translation>运行周期（文字描述）</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>What its backups hold</source>
        <translation>该计划的备份包含的内容</translation>
    </message>
    <message>
        <source>Last run</source>
        <translation>上次运行</translation>
    </message>
    <message>
        <source>When its newest backup started</source>
        <translation>该计划最近一次备份的开始时间</translation>
    </message>
    <message>
        <source>Next run</source>
        <translation>下次运行</translation>
    </message>
    <message>
        <source>When it runs next: the server&apos;s time, or (computed) from its schedule</source>
        <translation>下次运行时间：服务器给出的时间，或根据计划推算（标有“推算”）</translation>
    </message>
    <message>
        <source>Last success</source>
        <translation>上次成功</translation>
    </message>
    <message>
        <source>When its newest successful backup started</source>
        <translation>该计划最近一次成功备份的开始时间</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>错过</translation>
    </message>
    <message>
        <source>Times it was due in the window and no backup started</source>
        <translation>时间窗口内计划应运行但没有备份开始的次数</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Its failed backups in the window</source>
        <translation>时间窗口内该计划失败的备份数</translation>
    </message>
    <message>
        <source>Slow</source>
        <translation>耗时过长</translation>
    </message>
    <message>
        <source>Its backups in the window that took far longer than usual</source>
        <translation>时间窗口内该计划耗时过长（用时远超平常）的备份数</translation>
    </message>
    <message>
        <source>Created by</source>
        <translation>创建人</translation>
    </message>
    <message>
        <source>Who made the schedule</source>
        <translation>创建该计划的用户</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>已阻塞</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>（无名称）</translation>
    </message>
    <message>
        <source>{server} · {name}</source>
        <translation>{server} · {name}</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>{time} (computed)</source>
        <translation>{time}（推算）</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>on time, none failing</source>
        <translation>按时运行，没有失败</translation>
    </message>
    <message>
        <source>{reasons} ({note})</source>
        <translation>{reasons}（{note}）</translation>
    </message>
    <message>
        <source>… and {count:,} more</source>
        <translation>… 还有 {count:,} 次</translation>
    </message>
    <message>
        <source>Missed at:
{times}</source>
        <translation>错过的时间：
{times}</translation>
    </message>
    <message>
        <source>Some fields could not be read:
{problems}</source>
        <translation>部分字段无法读取：
{problems}</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>it fires too often: none of its runs were judged</source>
        <translation>运行过于频繁，未判断任何一次运行</translation>
    </message>
    <message>
        <source>it fires too often: only its runs from {time} on were judged</source>
        <translation>运行过于频繁，只判断了 {time} 起的运行</translation>
    </message>
    <message>
        <source>{count:,} in a row, {first} to {last}</source>
        <translation>连续 {count:,} 次，{first} 至 {last}</translation>
    </message>
</context>
<context>
    <name>ScheduleWords</name>
    <message>
        <source>every week</source>
        <translation>每周</translation>
    </message>
    <message>
        <source>every {count} weeks</source>
        <translation>每 {count} 周</translation>
    </message>
    <message>
        <source>every day</source>
        <translation>每天</translation>
    </message>
    <message>
        <source>every {count} days</source>
        <translation>每 {count} 天</translation>
    </message>
    <message>
        <source>every hour</source>
        <translation>每小时</translation>
    </message>
    <message>
        <source>every {count} hours</source>
        <translation>每 {count} 小时</translation>
    </message>
    <message>
        <source>every minute</source>
        <translation>每分钟</translation>
    </message>
    <message>
        <source>every {count} minutes</source>
        <translation>每 {count} 分钟</translation>
    </message>
    <message>
        <source>every second</source>
        <translation>每秒</translation>
    </message>
    <message>
        <source>every {count} seconds</source>
        <translation>每 {count} 秒</translation>
    </message>
    <message>
        <source>&apos;W&apos; (nearest weekday)</source>
        <translation>&apos;W&apos;（最近的工作日）</translation>
    </message>
    <message>
        <source>&apos;LW&apos; (last weekday)</source>
        <translation>&apos;LW&apos;（最后一个工作日）</translation>
    </message>
    <message>
        <source>&apos;L-n&apos; (days before the last day)</source>
        <translation>&apos;L-n&apos;（最后一天往前推 n 天）</translation>
    </message>
    <message>
        <source>month names</source>
        <translation>月份名称</translation>
    </message>
    <message>
        <source>Once, on {date} at {time} ({offset})</source>
        <translation>仅运行一次，{date} {time}（{offset}）</translation>
    </message>
    <message>
        <source>; runs {total} times (the first run and 1 repeat)</source>
        <translation>；共运行 {total} 次（首次运行及 1 次重复）</translation>
    </message>
    <message>
        <source>; runs {total} times (the first run and {count} repeats)</source>
        <translation>；共运行 {total} 次（首次运行及 {count} 次重复）</translation>
    </message>
    <message>
        <source>{rule} ({offset})</source>
        <translation>{rule}（{offset}）</translation>
    </message>
    <message>
        <source>CRON: {expression} ({rule}, {offset})</source>
        <translation>CRON：{expression}（{rule}，{offset}）</translation>
    </message>
    <message>
        <source>, until the end of {date}</source>
        <translation>，截至 {date}（含当天）</translation>
    </message>
    <message>
        <source>, until {moment}</source>
        <translation>，至 {moment} 为止</translation>
    </message>
    <message>
        <source>The trigger has no repeatCount; the server reads that as 0 and runs it once.</source>
        <translation>触发器缺少 repeatCount；服务器按 0 处理，只运行一次。</translation>
    </message>
    <message>
        <source>The cronString {value} is ignored; the schedule follows the day and month lists.</source>
        <translation>cronString {value} 被忽略；计划按日期和月份列表运行。</translation>
    </message>
    <message>
        <source>The repeatInterval is {value} s, not one day (86400 s); the server ignores it and runs every day.</source>
        <translation>repeatInterval 为 {value} 秒，而不是一天（86400 秒）；服务器会忽略它，每天运行。</translation>
    </message>
    <message>
        <source>A Pentaho 9.3 server rejects {features} in a cron string, so it may not run this schedule.</source>
        <translation>Pentaho 9.3 服务器不接受 cron 字符串中的 {features}，因此可能不会运行此计划。</translation>
    </message>
    <message>
        <source>A Pentaho 9.3 server reads day names one day early (MON runs on Sunday); the times shown follow Quartz, where MON is Monday.</source>
        <translation>Pentaho 9.3 服务器会把星期名称提前一天解读（MON 会在星期日运行）；这里显示的时间按 Quartz 的规则计算，即 MON 为星期一。</translation>
    </message>
    <message>
        <source>Quartz reads {items} otherwise than written (it ignores a step after a name and anything after a value it has read, and 99 means &apos;*&apos;); the times shown are the ones it runs.</source>
        <translation>Quartz 对 {items} 的理解与字面不同（会忽略名称后的步长和已读取的值之后的内容，并把 99 当作 &apos;*&apos;）；这里显示的就是 Quartz 实际运行的时间。</translation>
    </message>
    <message>
        <source>Quartz applies &apos;n#k&apos;, &apos;nL&apos; and &apos;nW&apos; to one day only, the lowest in the field, and ignores the other days; the times shown are the ones it runs.</source>
        <translation>Quartz 只对字段中最小的那个日期应用 &apos;n#k&apos;、&apos;nL&apos; 和 &apos;nW&apos;，忽略另外的日期；这里显示的就是 Quartz 实际运行的时间。</translation>
    </message>
    <message>
        <source>Quartz accepts a day of the week above 7 before &apos;#&apos;, but no day has that number, so the server never runs this schedule.</source>
        <translation>Quartz 接受 &apos;#&apos; 前大于 7 的星期数，但没有哪一天是这个编号，因此服务器永远不会运行此计划。</translation>
    </message>
    <message>
        <source>Quartz 2.3.2 can search for ever for a run of this schedule (&apos;L-nW&apos; 28 days or more before the end of the month, or &apos;0W&apos;), which stops the server&apos;s scheduler; the runs listed end where it would.</source>
        <translation>Quartz 2.3.2 在计算此计划的下次运行时间时可能陷入死循环（&apos;L-nW&apos; 距月末 28 天或以上，或 &apos;0W&apos;），导致服务器的调度器停止工作；列出的运行时间到 Quartz 会卡住的地方为止。</translation>
    </message>
    <message>
        <source>Quartz refuses &apos;L&apos; (the last day or weekday) beside other days in one field, as in &apos;1,L&apos; or &apos;2#1,6L&apos;, so the server cannot run this schedule as written; put the &apos;L&apos; day in a schedule of its own.</source>
        <translation>Quartz 不允许 &apos;L&apos;（最后一天或最后一个星期几）与其他日期并列在同一字段中，例如 &apos;1,L&apos; 或 &apos;2#1,6L&apos;，因此服务器无法按原样运行此计划；请把 &apos;L&apos; 日期放到单独的计划中。</translation>
    </message>
    <message>
        <source>Quartz refuses more than one &apos;n#k&apos; day (like &apos;2#1,6#3&apos;) in the day-of-week field, so the server cannot run this schedule as written; make one schedule for each of them.</source>
        <translation>Quartz 不允许星期字段中有多个 &apos;n#k&apos; 日期（如 &apos;2#1,6#3&apos;），因此服务器无法按原样运行此计划；请为每个日期分别建一个计划。</translation>
    </message>
    <message>
        <source>Quartz needs &apos;?&apos; in the day-of-month or day-of-week field; the &apos;*&apos; there is read as &apos;?&apos;, and a server would reject the string as written.</source>
        <translation>Quartz 要求日期字段或星期字段之一为 &apos;?&apos;；此处的 &apos;*&apos; 按 &apos;?&apos; 处理，但服务器会拒绝这样写的字符串。</translation>
    </message>
    <message>
        <source>“Every {days} days” steps through the days of the month: it runs on the {fires}, then again on the 1st of the next month.</source>
        <translation>“每 {days} 天”按当月日期递进：每月{fires}运行，下个月再从1日开始。</translation>
    </message>
    <message>
        <source>{day}st</source>
        <translation>{day}日</translation>
    </message>
    <message>
        <source>{day}nd</source>
        <translation>{day}日</translation>
    </message>
    <message>
        <source>{day}rd</source>
        <translation>{day}日</translation>
    </message>
    <message>
        <source>{day}th</source>
        <translation>{day}日</translation>
    </message>
    <message>
        <source>{interval} from {date} {time} ({offset})</source>
        <translation>{interval}（自 {date} {time} 起，{offset}）</translation>
    </message>
    <message>
        <source>Times use the fixed offset {offset} of the start time; daylight-saving changes in the server&apos;s time zone cannot be predicted.</source>
        <translation>时间按开始时间的固定偏移 {offset} 计算；无法预测服务器所在时区的夏令时变化。</translation>
    </message>
</context>
<context>
    <name>SchedulesView</name>
    <message>
        <source>Choose a schedule to see only its backups; click it again for all</source>
        <translation>选择一个计划，只看该计划的备份；再次点击显示全部</translation>
    </message>
</context>
<context>
    <name>ServerDialog</name>
    <message>
        <source>Add a server</source>
        <translation>添加服务器</translation>
    </message>
    <message>
        <source>Change the server</source>
        <translation>修改服务器</translation>
    </message>
    <message>
        <source>leave empty to be asked, or to use the keyring&apos;s</source>
        <translation>留空则使用密钥环中保存的密码，没有时再询问</translation>
    </message>
    <message>
        <source>Remember the password in the system keyring</source>
        <translation>在系统密钥环中记住密码</translation>
    </message>
    <message>
        <source>This system has no keyring to keep it in.</source>
        <translation>此系统没有可用于保存密码的系统密钥环。</translation>
    </message>
    <message>
        <source>the host, if empty</source>
        <translation>留空则使用主机名</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>地址(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Tenant:</source>
        <translation>租户(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Sign in with:</source>
        <translation>登录方式(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>Enter the server&apos;s address.</source>
        <translation>请输入服务器地址。</translation>
    </message>
    <message>
        <source>Leave the user name and password out of the address: they have fields of their own.</source>
        <translation>地址中不要包含用户名和密码：它们有各自的输入框。</translation>
    </message>
    <message>
        <source>This is not a web address.</source>
        <translation>这不是有效的网址。</translation>
    </message>
    <message>
        <source>Enter the user name.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <source>A tenant needs the sign-in form (session).</source>
        <translation>填写租户时，登录方式必须为“登录表单（会话）”。</translation>
    </message>
    <message>
        <source>Another server is called {name}.</source>
        <translation>已有另一台服务器名为“{name}”。</translation>
    </message>
</context>
<context>
    <name>ServerEditing</name>
    <message>
        <source>Add a server…</source>
        <translation>添加服务器…</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Earlier in the list kept</source>
        <translation>在保存的列表中前移</translation>
    </message>
    <message>
        <source>Later in the list kept</source>
        <translation>在保存的列表中后移</translation>
    </message>
</context>
<context>
    <name>ServersExport</name>
    <message>
        <source>Export all servers to CSV</source>
        <translation>将所有服务器导出为 CSV</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>{path} could not be written: {reason}</source>
        <translation>无法写入 {path}：{reason}</translation>
    </message>
    <message>
        <source>Exported {rows:,} rows of {count:,} servers to {path}</source>
        <translation>已将 {count:,} 台服务器的 {rows:,} 行导出到 {path}</translation>
    </message>
    <message>
        <source>{count:,} not read yet or not readable: {names}</source>
        <translation>{count:,} 台尚未读取或无法读取：{names}</translation>
    </message>
    <message>
        <source>{exported} ({left})</source>
        <translation>{exported}（{left}）</translation>
    </message>
</context>
<context>
    <name>ServersFile</name>
    <message>
        <source>{server}: the variable {variable} (password_env) is not set</source>
        <translation>{server}：未设置变量 {variable}（password_env）</translation>
    </message>
    <message>
        <source>{server}: a token is not kept in the keyring; give password_env or password_command in the file</source>
        <translation>{server}：令牌不会保存在系统密钥环中；请在文件中设置 password_env 或 password_command</translation>
    </message>
    <message>
        <source>{server}: no password for {user} in the keyring; sign in once in the app with Remember password, or give password_env or password_command in the file</source>
        <translation>{server}：系统密钥环中没有 {user} 的密码；请在本程序中勾选“在系统密钥环中记住密码”并登录一次，或在文件中设置 password_env 或 password_command</translation>
    </message>
    <message>
        <source>{server}: password_command</source>
        <translation>{server}：password_command</translation>
    </message>
    <message>
        <source>{what}: its program cannot be found</source>
        <translation>{what}：找不到要运行的程序</translation>
    </message>
    <message>
        <source>{what} gave no answer within {seconds:g} s</source>
        <translation>{what} 未在 {seconds:g} 秒内响应</translation>
    </message>
    <message>
        <source>{what}: its program cannot be run ({error})</source>
        <translation>{what}：无法运行该程序（{error}）</translation>
    </message>
    <message>
        <source>{what} failed (exit {code})</source>
        <translation>{what} 失败（退出码 {code}）</translation>
    </message>
    <message>
        <source>{what} printed no password</source>
        <translation>{what} 没有输出密码</translation>
    </message>
    <message>
        <source>{what} printed no token</source>
        <translation>{what} 没有输出令牌</translation>
    </message>
</context>
<context>
    <name>ServersHistory</name>
    <message>
        <source>Backups on all servers – BackupViewer</source>
        <translation>所有服务器上的备份 – BackupViewer</translation>
    </message>
    <message>
        <source>&amp;Servers…</source>
        <translation>服务器列表(&amp;S)…</translation>
    </message>
</context>
<context>
    <name>ServersModel</name>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Newest success</source>
        <translation>最近成功</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>错过</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>读取时间</translation>
    </message>
    <message>
        <source>Health, or what went wrong</source>
        <translation>健康状况或出错原因</translation>
    </message>
    <message>
        <source>Failing</source>
        <translation>出现失败</translation>
    </message>
    <message>
        <source>Needs a look</source>
        <translation>需要关注</translation>
    </message>
    <message>
        <source>Not judged</source>
        <translation>未能评估</translation>
    </message>
    <message>
        <source>Healthy</source>
        <translation>健康</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>{problem} Double-click to sign in.</source>
        <translation>{problem}双击即可登录。</translation>
    </message>
</context>
<context>
    <name>ServersWindow</name>
    <message>
        <source>All servers – BackupViewer</source>
        <translation>所有服务器 – BackupViewer</translation>
    </message>
    <message>
        <source>Refresh all</source>
        <translation>全部刷新</translation>
    </message>
    <message>
        <source>Open the server</source>
        <translation>打开服务器</translation>
    </message>
    <message>
        <source>Export all to CSV…</source>
        <translation>全部导出为 CSV…</translation>
    </message>
    <message>
        <source>Sign in…</source>
        <translation>登录…</translation>
    </message>
    <message>
        <source>{server}: {news}</source>
        <translation>{server}：{news}</translation>
    </message>
    <message>
        <source>{count:,} failing</source>
        <translation>{count:,} 台出现失败</translation>
    </message>
    <message>
        <source>{count:,} to look at</source>
        <translation>{count:,} 台需要关注</translation>
    </message>
    <message>
        <source>{count:,} not judged</source>
        <translation>{count:,} 台未能评估</translation>
    </message>
    <message>
        <source>{count:,} healthy</source>
        <translation>{count:,} 台健康</translation>
    </message>
    <message>
        <source>All as one history</source>
        <translation>合并查看备份历史</translation>
    </message>
    <message>
        <source>Every server&apos;s backups in one table, with their health and schedules ({shortcut})</source>
        <translation>在一张表中查看所有服务器的备份及其健康状况和计划（{shortcut}）</translation>
    </message>
    <message>
        <source>{count:,} loading</source>
        <translation>{count:,} 台正在加载</translation>
    </message>
    <message>
        <source>{count:,} servers: {states}</source>
        <translation>共 {count:,} 台服务器：{states}</translation>
    </message>
    <message>
        <source>{count:,} server: {states}</source>
        <translation>共 {count:,} 台服务器：{states}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>{message} The picture could not be loaded: {error}</source>
        <translation>{message}无法加载验证码图片：{error}</translation>
    </message>
    <message>
        <source>Type the characters in the new picture.</source>
        <translation>请输入新图片中的字符。</translation>
    </message>
    <message>
        <source>The password could not be kept in the system keyring (it refused or is locked): you will be asked for it next time.</source>
        <translation>无法将密码保存到系统密钥环（密钥环拒绝保存或已锁定）：下次登录时仍需输入密码。</translation>
    </message>
</context>
<context>
    <name>SignIn</name>
    <message>
        <source>Wrong user name or password. Check both and try again.</source>
        <translation>用户名或密码错误。请检查后重试。</translation>
    </message>
    <message>
        <source>The server accepted the sign-in but then did not recognise the session. A proxy may be dropping the session cookie; try signing in with HTTP Basic.</source>
        <translation>服务器接受了登录，但随后无法识别会话。可能是代理丢弃了会话 Cookie；请尝试使用 HTTP Basic 登录。</translation>
    </message>
    <message>
        <source>The server did not accept the user name and password.</source>
        <translation>服务器不接受该用户名和密码。</translation>
    </message>
    <message>
        <source>The server did not accept the token. Check that it is complete and has not expired.</source>
        <translation>服务器不接受该令牌。请检查令牌是否完整且未过期。</translation>
    </message>
    <message>
        <source>You are not signed in. Sign in first.</source>
        <translation>您尚未登录。请先登录。</translation>
    </message>
    <message>
        <source>Your session on the server has ended (it timed out or was signed out elsewhere). Sign in again.</source>
        <translation>您在服务器上的会话已结束（已超时或已在其他地方退出登录）。请重新登录。</translation>
    </message>
    <message>
        <source>The server no longer accepts the user name and password. Sign in again.</source>
        <translation>服务器不再接受该用户名和密码。请重新登录。</translation>
    </message>
    <message>
        <source>The server no longer accepts the token (it may have expired). Sign in again with a new token.</source>
        <translation>服务器不再接受该令牌（可能已过期）。请使用新令牌重新登录。</translation>
    </message>
    <message>
        <source>Enter a user name.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <source>Enter the token.</source>
        <translation>请输入令牌。</translation>
    </message>
    <message>
        <source>Enter a password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <source>The token holds a space, a line break or another character no token has. Copy it again, all of it and nothing more.</source>
        <translation>令牌中含有空格、换行符或其他令牌不会包含的字符。请重新复制完整的令牌，不要多也不要少。</translation>
    </message>
    <message>
        <source>The user name or password holds a line break, a tab or another control character, which no password has. Type it again.</source>
        <translation>用户名或密码中含有换行符、制表符或其他控制字符，正常的用户名和密码不会包含这些字符。请重新输入。</translation>
    </message>
    <message>
        <source>The password holds a line break, a tab or another control character, which no password has. Type it again.</source>
        <translation>密码中含有换行符、制表符或其他控制字符，正常的密码不会包含这些字符。请重新输入。</translation>
    </message>
    <message>
        <source>A tenant can only be given with session sign-in: clear the tenant or sign in with a session.</source>
        <translation>只有使用会话登录时才能指定租户：请清空租户，或改用会话登录。</translation>
    </message>
    <message>
        <source>The code from the picture was not right. Type the code from the new picture.</source>
        <translation>图片中的验证码不正确。请输入新图片中的验证码。</translation>
    </message>
    <message>
        <source>Type the code shown in the picture to sign in.</source>
        <translation>请输入图片中显示的验证码以登录。</translation>
    </message>
    <message>
        <source>The tenant {tenant} is disabled. Ask the server administrator to enable it, or sign in to another tenant.</source>
        <translation>租户 {tenant} 已被禁用。请联系服务器管理员启用该租户，或登录到其他租户。</translation>
    </message>
    <message>
        <source>The server has no tenant {tenant}. Check its spelling (for example tenant1), or leave the tenant empty.</source>
        <translation>服务器上没有租户 {tenant}。请检查拼写（例如 tenant1），或将租户留空。</translation>
    </message>
    <message>
        <source>The server refuses sign-ins from this computer after too many failed attempts (for up to 24 hours). Wait, or ask the server administrator to lift the block.</source>
        <translation>由于失败的尝试次数过多，服务器拒绝来自本机的登录（最长 24 小时）。请等待，或请服务器管理员解除封锁。</translation>
    </message>
    <message>
        <source>Wrong user name or password. After several failed attempts the server also wants the code shown in the picture: check the password and type the code.</source>
        <translation>用户名或密码错误。多次尝试失败后，服务器还要求输入图片中显示的验证码：请检查密码并输入验证码。</translation>
    </message>
    <message>
        <source>Enter a user name and a password (the server said: {message}).</source>
        <translation>请输入用户名和密码（服务器返回：{message}）。</translation>
    </message>
    <message>
        <source>The server refused the sign-in: {message}.</source>
        <translation>服务器拒绝了登录：{message}。</translation>
    </message>
</context>
<context>
    <name>Spans</name>
    <message>
        <source>{count:,} d</source>
        <translation>{count:,} 天</translation>
    </message>
    <message>
        <source>{count:,} h</source>
        <translation>{count:,} 小时</translation>
    </message>
    <message>
        <source>{count:,} min</source>
        <translation>{count:,} 分钟</translation>
    </message>
    <message>
        <source>{count:,} s</source>
        <translation>{count:,} 秒</translation>
    </message>
    <message>
        <source>{text} is not a length of time: write a number and a unit, such as 7d, 12h, 15m or 90s (w, d, h, m, s).</source>
        <translation>{text} 不是有效的时长：请输入数字加单位，例如 7d、12h、15m 或 90s（w、d、h、m、s）。</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>刚刚</translation>
    </message>
    <message>
        <source>{span} ago</source>
        <translation>{span}前</translation>
    </message>
    <message>
        <source>in {span}</source>
        <translation>{span}后</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>{shown:,} of {total:,} backup</source>
        <translation>显示 {shown:,} 个备份（共 {total:,} 个）</translation>
    </message>
    <message>
        <source>{shown:,} of {total:,} backups</source>
        <translation>显示 {shown:,} 个备份（共 {total:,} 个）</translation>
    </message>
    <message>
        <source>No backups</source>
        <translation>没有备份</translation>
    </message>
    <message>
        <source>{total:,} missed run</source>
        <translation>错过 {total:,} 次</translation>
    </message>
    <message>
        <source>{total:,} missed runs</source>
        <translation>错过 {total:,} 次</translation>
    </message>
    <message>
        <source>{shown:,} of {total:,} missed run</source>
        <translation>错过 {total:,} 次（显示 {shown:,} 次）</translation>
    </message>
    <message>
        <source>{shown:,} of {total:,} missed runs</source>
        <translation>错过 {total:,} 次（显示 {shown:,} 次）</translation>
    </message>
    <message>
        <source>The list was loaded on {date} at {time}, this computer&apos;s clock ({offset}).</source>
        <translation>列表加载于 {date} {time}（本机时钟，{offset}）。</translation>
    </message>
    <message>
        <source>Refresh failed · list from {ago}</source>
        <translation>刷新失败 · {ago}加载的列表</translation>
    </message>
    <message>
        <source>The last refresh failed (see the message above).</source>
        <translation>最近一次刷新失败（请查看上方的消息）。</translation>
    </message>
    <message>
        <source>Refreshed {ago}</source>
        <translation>{ago}刷新</translation>
    </message>
    <message>
        <source>{what} · &lt;a href=&apos;{folder}&apos;&gt;Open folder&lt;/a&gt;</source>
        <translation>{what} · &lt;a href=&apos;{folder}&apos;&gt;打开文件夹&lt;/a&gt;</translation>
    </message>
    <message>
        <source>Open {folder} in the file manager</source>
        <translation>在文件管理器中打开 {folder}</translation>
    </message>
    <message>
        <source>{user} on {server}</source>
        <translation>{user}（{server}）</translation>
    </message>
    <message>
        <source>Signed in as {user} on {server}</source>
        <translation>已以 {user} 身份登录服务器 {server}</translation>
    </message>
</context>
<context>
    <name>TableOutput</name>
    <message>
        <source>CSV for Excel, UTF-8 with BOM (*.csv)</source>
        <translation>适用于 Excel 的 CSV，带 BOM 的 UTF-8 (*.csv)</translation>
    </message>
    <message>
        <source>CSV, UTF-8 (*.csv)</source>
        <translation>CSV，UTF-8 (*.csv)</translation>
    </message>
    <message>
        <source>CSV for Excel, column titles as the window shows them (*.csv)</source>
        <translation>适用于 Excel 的 CSV，列标题与窗口显示一致 (*.csv)</translation>
    </message>
    <message>
        <source>Export the backups shown to CSV</source>
        <translation>将显示的备份导出为 CSV</translation>
    </message>
    <message>
        <source>Export the selected backups to CSV</source>
        <translation>将选中的备份导出为 CSV</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>The CSV file could not be saved:
{reason}

{path}

Choose another folder or file name and try again.</source>
        <translation>无法保存 CSV 文件：
{reason}

{path}

请选择其他文件夹或文件名后重试。</translation>
    </message>
    <message>
        <source>Select backups to copy their IDs (a missed run has none).</source>
        <translation>请先选择要复制 ID 的备份（错过的运行没有 ID）。</translation>
    </message>
    <message>
        <source>Copied {count:,} backup ID</source>
        <translation>已复制 {count:,} 个备份 ID</translation>
    </message>
    <message>
        <source>Copied {count:,} backup IDs</source>
        <translation>已复制 {count:,} 个备份 ID</translation>
    </message>
    <message>
        <source>Select rows to copy first.</source>
        <translation>请先选择要复制的行。</translation>
    </message>
    <message>
        <source>Copied {count:,} row</source>
        <translation>已复制 {count:,} 行</translation>
    </message>
    <message>
        <source>Copied {count:,} rows</source>
        <translation>已复制 {count:,} 行</translation>
    </message>
    <message>
        <source>Exported {backups:,} backup to {path}</source>
        <translation>已将 {backups:,} 个备份导出到 {path}</translation>
    </message>
    <message>
        <source>Exported {backups:,} backups to {path}</source>
        <translation>已将 {backups:,} 个备份导出到 {path}</translation>
    </message>
    <message>
        <source>Exported {backups:,} backup and {missed:,} missed run to {path}</source>
        <translation>已将 {backups:,} 个备份和 {missed:,} 条错过的运行记录导出到 {path}</translation>
    </message>
    <message>
        <source>Exported {backups:,} backup and {missed:,} missed runs to {path}</source>
        <translation>已将 {backups:,} 个备份和 {missed:,} 条错过的运行记录导出到 {path}</translation>
    </message>
    <message>
        <source>Exported {backups:,} backups and {missed:,} missed run to {path}</source>
        <translation>已将 {backups:,} 个备份和 {missed:,} 条错过的运行记录导出到 {path}</translation>
    </message>
    <message>
        <source>Exported {backups:,} backups and {missed:,} missed runs to {path}</source>
        <translation>已将 {backups:,} 个备份和 {missed:,} 条错过的运行记录导出到 {path}</translation>
    </message>
</context>
<context>
    <name>TriggerFields</name>
    <message>
        <source>The schedule has no startTime, so its run times are unknown.</source>
        <translation>计划没有 startTime，因此无法得知运行时间。</translation>
    </message>
    <message>
        <source>The startTime {value} cannot be read; times are shown in UTC.</source>
        <translation>无法读取 startTime {value}；时间以 UTC 显示。</translation>
    </message>
    <message>
        <source>The trigger has no startTime, so its UTC offset is unknown; UTC is used.</source>
        <translation>触发器没有 startTime，无法得知 UTC 偏移；按 UTC 处理。</translation>
    </message>
    <message>
        <source>The startTime has no UTC offset; UTC is assumed.</source>
        <translation>startTime 没有 UTC 偏移；假定为 UTC。</translation>
    </message>
    <message>
        <source>The endTime is before the startTime, so the schedule never runs.</source>
        <translation>endTime 早于 startTime，因此该计划永远不会运行。</translation>
    </message>
    <message>
        <source>The {field} {value} is not a date and time.</source>
        <translation>{field} {value} 不是日期和时间。</translation>
    </message>
    <message>
        <source>The {field} {value} is not a usable whole number.</source>
        <translation>{field} {value} 不是可用的整数。</translation>
    </message>
    <message>
        <source>The {field} {value} is not a list.</source>
        <translation>{field} {value} 不是列表。</translation>
    </message>
    <message>
        <source>The {field} value {value} is out of range ({low}–{high}).</source>
        <translation>{field} 的值 {value} 超出范围（{low}–{high}）。</translation>
    </message>
    <message>
        <source>(a JSON object)</source>
        <translation>（JSON 对象）</translation>
    </message>
    <message>
        <source>(a JSON list)</source>
        <translation>（JSON 列表）</translation>
    </message>
    <message>
        <source>(a huge number)</source>
        <translation>（极大的数字）</translation>
    </message>
</context>
<context>
    <name>Verdict</name>
    <message>
        <source>… and {count:,} more schedules that are not OK.</source>
        <translation>… 另有 {count:,} 个计划状态异常。</translation>
    </message>
    <message>
        <source>{count:,} schedule in trouble ({names})</source>
        <translation>{count:,} 个计划出现问题（{names}）</translation>
    </message>
    <message>
        <source>{count:,} schedules in trouble ({names})</source>
        <translation>{count:,} 个计划出现问题（{names}）</translation>
    </message>
    <message>
        <source>{count:,} schedule to look at ({names})</source>
        <translation>{count:,} 个计划需要关注（{names}）</translation>
    </message>
    <message>
        <source>{count:,} schedules to look at ({names})</source>
        <translation>{count:,} 个计划需要关注（{names}）</translation>
    </message>
    <message>
        <source>{count:,} schedule seen in the backups, none failing</source>
        <translation>备份中出现 {count:,} 个计划，均无失败</translation>
    </message>
    <message>
        <source>{count:,} schedules seen in the backups, none failing</source>
        <translation>备份中出现 {count:,} 个计划，均无失败</translation>
    </message>
    <message>
        <source>{count:,} active schedule on time, none failing</source>
        <translation>{count:,} 个已启用的计划均按时运行，无失败</translation>
    </message>
    <message>
        <source>{count:,} active schedules on time, none failing</source>
        <translation>{count:,} 个已启用的计划均按时运行，无失败</translation>
    </message>
    <message>
        <source>{situation}. {newest} {counts}</source>
        <translation>{situation}。{newest}{counts}</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>(unnamed schedule {id})</source>
        <translation>（未命名的计划 {id}）</translation>
    </message>
    <message>
        <source>{reasons} – {message}</source>
        <translation>{reasons}（{message}）</translation>
    </message>
    <message>
        <source>{level}: {name}: {reasons}</source>
        <translation>【{level}】{name}：{reasons}</translation>
    </message>
    <message>
        <source>No successful backup before now. {future}</source>
        <translation>此前没有成功的备份。{future}</translation>
    </message>
    <message>
        <source>No successful backup at all.</source>
        <translation>没有任何成功的备份。</translation>
    </message>
    <message>
        <source>unnamed</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>WARNING</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>CRITICAL</source>
        <translation>严重</translation>
    </message>
    <message>
        <source>UNKNOWN</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Every server&apos;s newest successful scheduled backup ended at most {age} ago (the oldest: {name}, {time}).</source>
        <translation>每台服务器最近一次成功的计划备份，结束时间距今都不超过 {age}（最早的：{name}，{time}）。</translation>
    </message>
    <message>
        <source>Every server&apos;s newest successful scheduled backup started at most {age} ago (the oldest: {name}, {time}).</source>
        <translation>每台服务器最近一次成功的计划备份，开始时间距今都不超过 {age}（最早的：{name}，{time}）。</translation>
    </message>
    <message>
        <source>Newest successful scheduled backup ended {age} ago ({name}, {time}).</source>
        <translation>最近一次成功的计划备份于 {age}前结束（{name}，{time}）。</translation>
    </message>
    <message>
        <source>Newest successful scheduled backup started {age} ago ({name}, {time}).</source>
        <translation>最近一次成功的计划备份于 {age}前开始（{name}，{time}）。</translation>
    </message>
    <message>
        <source>No scheduled backup succeeded; the newest successful backup ended {age} ago ({name}, {time}).</source>
        <translation>没有成功的计划备份；最近一次成功的备份于 {age}前结束（{name}，{time}）。</translation>
    </message>
    <message>
        <source>No scheduled backup succeeded; the newest successful backup started {age} ago ({name}, {time}).</source>
        <translation>没有成功的计划备份；最近一次成功的备份于 {age}前开始（{name}，{time}）。</translation>
    </message>
    <message>
        <source>{count:,} backup starts in the future by the server&apos;s clock ({name}, {started}) – is its clock wrong?</source>
        <translation>按服务器的时钟，有 {count:,} 个备份的开始时间在未来（{name}，{started}）——服务器的时钟是否有误？</translation>
    </message>
    <message>
        <source>{count:,} backups start in the future by the server&apos;s clock (the furthest: {name}, {started}) – is its clock wrong?</source>
        <translation>按服务器的时钟，有 {count:,} 个备份的开始时间在未来（最远的：{name}，{started}）——服务器的时钟是否有误？</translation>
    </message>
    <message>
        <source>{count:,} schedule fires too often to judge every run: only its newest were judged.</source>
        <translation>{count:,} 个计划运行过于频繁，无法逐次判断：只判断了最近的运行。</translation>
    </message>
    <message>
        <source>{count:,} schedules fire too often to judge every run: only their newest were judged.</source>
        <translation>{count:,} 个计划运行过于频繁，无法逐次判断：只判断了最近的运行。</translation>
    </message>
    <message>
        <source>Missed runs are looked for over at most {budget:,} fire times, shared by all schedules: {names} fires more often, so only its runs from {first} on were judged.</source>
        <translation>查找错过的运行时最多查看 {budget:,} 个运行时间点，由所有计划分摊：{names} 运行更频繁，因此只判断了它 {first} 起的运行。</translation>
    </message>
    <message>
        <source>Missed runs are looked for over at most {budget:,} fire times, shared by all schedules: {names} fires more often, and none of its runs were judged.</source>
        <translation>查找错过的运行时最多查看 {budget:,} 个运行时间点，由所有计划分摊：{names} 运行更频繁，它的运行均未作判断。</translation>
    </message>
    <message>
        <source>Missed runs are looked for over at most {budget:,} fire times, shared by all schedules: {count:,} schedules fire more often ({names}), and none of their runs were judged.</source>
        <translation>查找错过的运行时最多查看 {budget:,} 个运行时间点，由所有计划分摊：{count:,} 个计划运行更频繁（{names}），它们的运行均未作判断。</translation>
    </message>
    <message>
        <source>Missed runs are looked for over at most {budget:,} fire times, shared by all schedules: {count:,} schedules fire more often ({names}), so only their runs from {first} on were judged.</source>
        <translation>查找错过的运行时最多查看 {budget:,} 个运行时间点，由所有计划分摊：{count:,} 个计划运行更频繁（{names}），因此只判断了它们 {first} 起的运行。</translation>
    </message>
    <message>
        <source>Missed runs are looked for over at most {budget:,} fire times, shared by all schedules: {count:,} schedules fire more often ({names}), so only their newest runs were judged, from {first} on for some, from {last} on for others.</source>
        <translation>查找错过的运行时最多查看 {budget:,} 个运行时间点，由所有计划分摊：{count:,} 个计划运行更频繁（{names}），因此只判断了它们最近的运行：有的从 {first} 起，有的从 {last} 起。</translation>
    </message>
    <message>
        <source>In the last day: {failed}, {missed}, {slow}; {running}.</source>
        <translation>最近 1 天：{failed}，{missed}，{slow}；{running}。</translation>
    </message>
    <message>
        <source>In the last day (the history starts {since}): {failed}, {missed}, {slow}; {running}.</source>
        <translation>最近 1 天（备份历史从 {since} 开始）：{failed}，{missed}，{slow}；{running}。</translation>
    </message>
    <message>
        <source>In the last {days} days: {failed}, {missed}, {slow}; {running}.</source>
        <translation>最近 {days} 天：{failed}，{missed}，{slow}；{running}。</translation>
    </message>
    <message>
        <source>In the last {days} days (the history starts {since}): {failed}, {missed}, {slow}; {running}.</source>
        <translation>最近 {days} 天（备份历史从 {since} 开始）：{failed}，{missed}，{slow}；{running}。</translation>
    </message>
    <message>
        <source>{count:,} missed run</source>
        <translation>错过 {count:,} 次</translation>
    </message>
    <message>
        <source>{count:,} missed runs</source>
        <translation>错过 {count:,} 次</translation>
    </message>
    <message>
        <source>missed runs not looked for (the schedules could not be read)</source>
        <translation>未检查错过的运行（无法读取计划）</translation>
    </message>
    <message>
        <source>{count:,} running now</source>
        <translation>当前有 {count:,} 个备份正在运行</translation>
    </message>
    <message>
        <source>none running now</source>
        <translation>当前没有正在运行的备份</translation>
    </message>
    <message>
        <source>{count:,} failed backup</source>
        <translation>失败 {count:,} 次</translation>
    </message>
    <message>
        <source>{count:,} failed backups</source>
        <translation>失败 {count:,} 次</translation>
    </message>
    <message>
        <source>{count:,} slow backup</source>
        <translation>耗时过长 {count:,} 次</translation>
    </message>
    <message>
        <source>{count:,} slow backups</source>
        <translation>耗时过长 {count:,} 次</translation>
    </message>
    <message>
        <source>{server} · {name}</source>
        <translation>{server} · {name}</translation>
    </message>
    <message>
        <source>(unnamed)</source>
        <translation>（未命名）</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>{names} and {count:,} more</source>
        <translation>{names}及另外 {count:,} 个计划</translation>
    </message>
</context>
<context>
    <name>Words</name>
    <message>
        <source>{first} {then}</source>
        <translation>{first}{then}</translation>
    </message>
</context>
</TS>

"""``backupviewer check``: are the backups healthy? As a monitoring plugin says it."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Callable, Coroutine
from datetime import datetime
from typing import Any

from backupviewer.commands import connection
from backupviewer.commands.check_servers import check_servers
from backupviewer.commands.connection import SECRET_WORDS, Fetched, UsageError
from backupviewer.commands.many_servers import SERVERS_WORDS
from backupviewer.commands.plugin_output import plugin_lines, print_lines
from backupviewer.core.errors import BackupViewerError, printable
from backupviewer.health.findings import HealthSettings, Level
from backupviewer.health.fire_times import FIRE_BUDGET
from backupviewer.health.snapshot import take_snapshot

_DEFAULTS = HealthSettings(window_ms=7 * 86_400_000)
DEADLINE = 50.0
"""Seconds a check takes at most (monitors give a plugin 60 s, then kill it unheard)."""
JUDGING_SECONDS = 5.0
"""Of the deadline, the seconds kept for judging what was fetched."""
_EPILOG = f"""\
It signs in, reads the backup history and the schedules, and prints one line as monitoring
plugins do (Nagios, Icinga, Zabbix, Checkmk). Datafor shows them to administrators only: the
--user it signs in as (a "monitor" account of its own, say) must be an administrator.

  BACKUPS OK|WARNING|CRITICAL|UNKNOWN - <one sentence> | failed=N missed=N slow=N running=N
  last_success_age=Ns

then a line for each schedule that is not OK, naming it and why. The rules, for each enabled
schedule that is not paused:

  missed run   a time the schedule was due (from its trigger) at which no backup of it
               started from a minute before until --tolerance after (or until its next
               time, if that comes first); times within --tolerance of now are not judged yet
  slow backup  one that took more than --slow-factor times the 90th percentile of the
               last 1,000 successful runs of its schedule before it (and at least a minute
               more), once there were 10; a running backup already past that is slow too
  failing      its newest finished backup failed ("repeatedly": its last 3)

exit codes (the state):
  0 OK        nothing below
  1 WARNING   a missed run or a slow backup in the --window
  2 CRITICAL  an enabled schedule's newest finished backup failed, or its last 2 due times
              were both missed
  3 UNKNOWN   sign-in failed, not an administrator, network or server error, an answer not
              understood, or a command line that cannot work

Disabled and paused schedules, and manual backups, never raise the state by being absent.
last_success_age is the age of the newest successful scheduled backup (of any backup when
none has a schedule), from its end; U when there is none. A backup that starts in the future
by the server's clock is never that one: the first line says that it does.

Missed runs are looked for over {FIRE_BUDGET:,} fire times at most, shared by the schedules;
one that fires more often (every second, say) is judged over its newest runs, and a last line
says so.

{SECRET_WORDS}

With --servers FILE every server of the file is checked at once, under the one --deadline:
the state is the worst of theirs – CRITICAL if any is critical, else WARNING if any warns,
else UNKNOWN if any could not be judged, else OK – and the sentence names the servers that
are not OK. The performance data are the totals (last_success_age: the oldest), then each
server's with its name in front (prod_failed=1 …) on the lines after; a line for each server
that is not OK.

{SERVERS_WORDS}

Nagios or Icinga (the password in a file only the monitoring user reads):
  define command {{
    command_name  check_datafor_backups
    command_line  /opt/BackupViewer/backupviewer check --server $ARG1$ --user monitor \\
                  --password-stdin --window 2d < /etc/nagios/datafor-password
  }}

cron (a mail when it is not OK):
  0 7 * * *  backupviewer check --server https://bi.example.com --user monitor \\
             --password-stdin < ~/.datafor-password || echo "see above"
"""


def add_parser(commands: Any) -> None:
    """Add the ``check`` command to `commands` (argparse's subparsers)."""
    check = commands.add_parser(
        "check",
        help="say whether a Datafor server's backups are healthy (for monitoring)",
        description="Check a Datafor server's backups: missed, slow and failing runs.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        allow_abbrev=False,
    )
    connection.add_sign_in_arguments(
        check,
        DEADLINE,
        "seconds the whole check may take, from signing in to the verdict; then it says "
        "UNKNOWN (under Nagios' 60 s)",
    )
    connection.add_health_arguments(check, _DEFAULTS.window_ms, _DEFAULTS.tolerance_ms)
    check.add_argument(
        "--slow-factor",
        type=float,
        default=_DEFAULTS.slow_factor,
        metavar="F",
        help=f"how many times its usual length makes a backup slow (default "
        f"{_DEFAULTS.slow_factor:g})",
    )


def run(args: argparse.Namespace, clock: Callable[[], datetime]) -> int:
    """Check, print the verdict; the exit code is its level."""
    if not args.slow_factor > 1:
        raise UsageError("--slow-factor must be a number above 1.")
    settings = HealthSettings(
        connection.span(args.window, "--window"),
        connection.span(args.tolerance, "--tolerance"),
        args.slow_factor,
    )
    fetching = max(args.deadline - JUDGING_SECONDS, args.deadline / 2)
    if args.servers:
        return check_servers(args, settings, clock, fetching)
    client, credentials = connection.prepare(args)
    try:
        fetched = asyncio.run(_within(connection.fetch(client, credentials, "check"), fetching))
    except TimeoutError:
        return unknown(
            f"no answer within {args.deadline:g} s from {client.base_url} (the server or the "
            "network is too slow; --deadline sets the time a check may take)"
        )
    except BackupViewerError as exc:
        return unknown(str(exc), connection.advice(exc))
    found = take_snapshot(fetched.table, fetched.schedules, clock(), settings).verdict()
    details = [*found.notes, *found.lines]  # (what was not judged first: lines may be cut)
    if fetched.schedules.unavailable:
        details.append(fetched.schedules.unavailable)
    print_lines(plugin_lines(found.level.name, found.sentence, found.perfdata, details))
    return int(found.level)


async def _within(work: Coroutine[Any, Any, Fetched], seconds: float) -> Fetched:
    async with asyncio.timeout(seconds):
        return await work


def unknown(message: str, advice: str = "") -> int:
    """Say UNKNOWN with why (a failure, or a command line that cannot work)."""
    print_lines(plugin_lines(Level.UNKNOWN.name, " ".join(message.split()), "", ()))
    if advice:
        print(printable(advice), file=sys.stderr)
    return int(Level.UNKNOWN)

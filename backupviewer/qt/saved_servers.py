"""The servers the user keeps in the app (the window of all servers manages them): in the
settings, without secrets (those stay in the keyring). The first time, the servers the
sign-in dialog remembered become the list."""

from __future__ import annotations

import json

from PySide6.QtCore import QSettings

from backupviewer.core.datafor.addresses import without_user_info
from backupviewer.core.datafor.auth import AuthMethod
from backupviewer.core.datafor.server_entry import ServerEntry, default_name

KEY = "servers/list"
OPEN_KEY = "servers/open"
"""Whether the window of all servers was open when the app last quit (it opens again)."""
_FIELDS = ("name", "url", "user", "auth", "tenant")


def load(settings: QSettings) -> list[ServerEntry]:
    """The saved servers, in their order (those the sign-in dialog remembered, the first
    time); entries that cannot be read are left out."""
    raw = settings.value(KEY)
    if raw is None:
        return _from_sign_in(settings)
    try:
        items = json.loads(str(raw))
    except ValueError:
        return []
    entries = [_entry(item) for item in items] if isinstance(items, list) else []
    return [entry for entry in entries if entry is not None]


def opened_last_time(settings: QSettings) -> bool:
    """Whether the window of the servers kept was open when the app last quit (and there are
    servers to show)."""
    return str(settings.value(OPEN_KEY, "")).lower() == "true" and bool(load(settings))


def save(settings: QSettings, entries: list[ServerEntry]) -> None:
    items = [
        {"name": e.name, "url": without_user_info(e.url), "user": e.user, "auth": e.auth.value,
         "tenant": e.tenant or ""}
        for e in entries
    ]  # fmt: skip
    settings.setValue(KEY, json.dumps(items, ensure_ascii=False))


def unique_name(name: str, entries: list[ServerEntry]) -> str:
    """`name`, or it with a number when another server has it already."""
    taken = {entry.name.casefold() for entry in entries}
    if name.casefold() not in taken:
        return name
    return next(f"{name} ({n})" for n in range(2, len(entries) + 3)
                if f"{name} ({n})".casefold() not in taken)  # fmt: skip


def _entry(item: object) -> ServerEntry | None:
    if not isinstance(item, dict) or not all(isinstance(item.get(k, ""), str) for k in _FIELDS):
        return None
    url = without_user_info(str(item.get("url", ""))).strip()
    if not url:
        return None
    auth = str(item.get("auth", "")) or AuthMethod.SESSION.value
    method = AuthMethod(auth) if auth in set(AuthMethod) else AuthMethod.SESSION
    tenant = str(item.get("tenant", "")) or None
    name = str(item.get("name", "")) or default_name(url, tenant or "")
    return ServerEntry(name, url, str(item.get("user", "")), method, tenant)


def _from_sign_in(settings: QSettings) -> list[ServerEntry]:
    """The servers the sign-in dialog remembered (`login/servers`, their users), as a list:
    the last one used with its sign-in method and tenant."""
    try:
        servers = json.loads(str(settings.value("login/servers", "") or "[]"))
        users = json.loads(str(settings.value("login/usersByServer", "") or "{}"))
    except ValueError:
        return []
    if not isinstance(servers, list) or not isinstance(users, dict):
        return []
    last = str(settings.value("login/server", "") or "")
    entries: list[ServerEntry] = []
    for server in dict.fromkeys(without_user_info(str(s)) for s in servers if s):
        method, tenant = AuthMethod.SESSION, ""
        if server == last:
            saved = str(settings.value("login/method", "") or "")
            method = AuthMethod(saved) if saved in set(AuthMethod) else method
            tenant = str(settings.value("login/tenant", "") or "")
        name = unique_name(default_name(server, tenant), entries)
        entries.append(ServerEntry(name, server, str(users.get(server, "")), method,
                                   tenant or None))  # fmt: skip
    return entries

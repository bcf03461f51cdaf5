"""What the sign-in dialog remembers in the settings: the servers signed in to (the last
first), the user of each, and the last server, user, method and tenant – never a password."""

from __future__ import annotations

import json

from PySide6.QtCore import QSettings

from backupviewer.core.datafor.addresses import without_user_info

MAX_SERVERS = 10
"""Servers kept in the list of recent ones."""


def recent_servers(settings: QSettings) -> list[str]:
    """The servers signed in to, the last first (without a user in their address)."""
    servers = map(without_user_info, _json_list(settings.value("login/servers", "")))
    return list(dict.fromkeys(servers))


def users_by_server(settings: QSettings) -> dict[str, str]:
    """The user last signed in as, on each server."""
    try:
        users = json.loads(str(settings.value("login/usersByServer", "") or "{}"))
    except ValueError:
        return {}
    if not isinstance(users, dict):
        return {}
    return {without_user_info(str(k)): str(v) for k, v in users.items()}


def save(
    settings: QSettings, servers: list[str], server: str, user: str, method: str, tenant: str
) -> None:
    """Remember a sign-in: `servers` (the recent ones, this one first) and its choices."""
    users = users_by_server(settings)
    users[server] = user
    settings.setValue("login/servers", json.dumps(servers[:MAX_SERVERS]))
    settings.setValue("login/usersByServer", json.dumps(users))
    settings.setValue("login/server", server)
    settings.setValue("login/user", user)
    settings.setValue("login/method", method)
    settings.setValue("login/tenant", tenant)


def _json_list(value: object) -> list[str]:
    try:
        items = json.loads(str(value or "[]"))
    except ValueError:
        return []
    return [str(item) for item in items if item] if isinstance(items, list) else []

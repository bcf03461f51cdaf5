"""All servers at once for the app: the servers of a file or the demo's tenants, each read
and judged by a `Fleet` as the commands read them."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject

from backupviewer.commands.many_servers import read_snapshot
from backupviewer.core.datafor.server_entry import ServerEntry
from backupviewer.health.findings import HealthSettings
from backupviewer.qt.fleet import Fleet, SecretReader
from backupviewer.server.secrets import PasswordStore
from backupviewer.server.servers_file import secret


def fleet_of(
    entries: list[ServerEntry],
    secret_of: SecretReader,
    clock: Callable[[], datetime],
    health: HealthSettings,
    parent: QObject | None = None,
) -> Fleet:
    """The servers `entries`, read with the app's health settings."""
    read = functools.partial(read_snapshot, clock=clock, settings=health)
    return Fleet(entries, read, secret_of, clock, parent=parent)


def file_secrets(passwords: PasswordStore) -> SecretReader:
    """A server's secret as its file says: a variable, a command, else the app's keyring."""
    return lambda entry, seconds: secret(entry, passwords, timeout=seconds)


def demo_tenants(url: str) -> tuple[list[ServerEntry], SecretReader]:
    """The demo server's tenants side by side (each in one state of health, and the one in
    all of them), with the administrator's password."""
    from backupviewer.demo import accounts

    names = {"": "demo", **{tenant: f"demo {tenant}" for tenant in accounts.TENANT_STATES}}
    entries = [
        ServerEntry(name, url, accounts.ADMIN.user, tenant=tenant or None)
        for tenant, name in names.items()
    ]
    return entries, lambda entry, seconds: accounts.ADMIN.password

"""All servers at once for the app: the servers of a file or the demo's tenants, each read
and judged by a `Fleet` – the answers decoded in worker processes of their own, the health
judged a step at a time between the window's events, as the backups window does (decoding
and judging in threads made the window wait for the interpreter: 0.4 s stalls)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from backupviewer.commands.connection import receive
from backupviewer.core.datafor.auth import Credentials
from backupviewer.core.datafor.server_entry import ServerEntry
from backupviewer.core.errors import SignInError
from backupviewer.core.pace import between_events
from backupviewer.core.words import translate
from backupviewer.health.findings import HealthSettings
from backupviewer.health.snapshot import Snapshot, snapshot_in_steps
from backupviewer.history.table import HistoryTable
from backupviewer.history.workers import Decoder
from backupviewer.qt import saved_servers
from backupviewer.qt.downloads import Downloads
from backupviewer.qt.fleet import Fleet, SecretReader
from backupviewer.qt.health_monitor import HealthMonitor
from backupviewer.qt.session_controller import SignInRequest
from backupviewer.server.client import DataforClient, warm_up
from backupviewer.server.secrets import PasswordStore
from backupviewer.server.servers_file import ServersFileError, read_servers, secret
from backupviewer.widgets import message_box

if TYPE_CHECKING:
    from backupviewer.widgets.servers.servers_history import ServersHistory

RECEIVING = 4
"""Histories received at once (each by a thread of its own): more made the window wait."""


class WindowReader:
    """Reads a server into a snapshot for a window that must stay alive; one answer is
    decoded at a time (the workers take one job), the others wait their turn."""

    def __init__(
        self,
        clock: Callable[[], datetime],
        health: HealthSettings,
        *,
        timeout: float = 60.0,
    ) -> None:
        self._clock = clock
        self.health = health  # (the settings each server is judged with)
        self._timeout = timeout
        self._decoder = Decoder()
        self._decoding = asyncio.Lock()
        self._receiving = asyncio.Semaphore(RECEIVING)

    async def __call__(self, entry: ServerEntry, password: str) -> Snapshot:
        credentials = Credentials(entry.user, password, entry.auth, entry.tenant)
        client = DataforClient(entry.url, timeout=self._timeout)
        answer, schedules = await receive(client, credentials, receiving=self._receiving)
        table = HistoryTable()
        async with self._decoding:
            pieces = self._decoder.decode(answer, schedules.triggers)
            del answer  # (the tables keep it while they need it)
            async with contextlib.aclosing(pieces):
                async for piece in pieces:
                    table.extend(piece)
        return await between_events(snapshot_in_steps(table, schedules, self._clock(), self.health))

    def close(self) -> None:
        """Stop the decoding workers."""
        self._decoder.close()


def servers_of_file(path: str, parent: QWidget) -> list[ServerEntry] | None:
    """The servers of the file at `path`; None after saying (over `parent`) why the file
    cannot be used."""
    try:
        return read_servers(path)
    except ServersFileError as exc:
        title = translate("App", "The servers file cannot be used")
        box = message_box(QMessageBox.Icon.Warning, title, str(exc), parent, "serversFileError")
        QTimer.singleShot(0, box.open)  # (over the sign-in dialog, shown next)
        return None


def file_secrets(passwords: PasswordStore) -> SecretReader:
    """A server's secret as its file says: a variable, a command, else the app's keyring."""
    return lambda entry, seconds: secret(entry, passwords, timeout=seconds)


def kept_secrets(passwords: PasswordStore) -> SecretReader:
    """A kept server's password: the one the keyring holds for it (there is no file)."""

    def kept(entry: ServerEntry, seconds: float) -> str:
        found = passwords.load(entry.url, entry.user, entry.tenant or "")
        if not found:
            words = translate("AllServers", "No password for {user} in the system keyring.")
            raise SignInError(words.format(user=entry.user))
        return found

    return kept


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


class ServerDownloader:
    """Saves a backup of one server of the fleet: signed in with the secret it was read with,
    signed out after."""

    def __init__(self, entry: ServerEntry, secret: str) -> None:
        self._entry, self._secret = entry, secret

    async def download_backup(
        self, backup_id: str, target: Path, progress: Callable[[int, int | None], None] | None
    ) -> Path:
        entry = self._entry
        if not self._secret:
            words = translate("AllServers", "{server} has no password yet: sign in to it first.")
            raise SignInError(words.format(server=entry.name))
        credentials = Credentials(entry.user, self._secret, entry.auth, entry.tenant)
        async with DataforClient(entry.url) as client:
            await client.locate()
            await client.sign_in(credentials)
            try:
                return await client.download_backup(backup_id, target, progress)
            finally:
                with contextlib.suppress(Exception):
                    async with asyncio.timeout(5):
                        await client.sign_out()


class AllServers(QObject):
    """The window of all servers and the fleet it shows: those of a file, the demo's
    tenants, or the servers kept in the app (`saved`: managed in the window, saved in the
    settings, a password given there kept in the keyring when asked)."""

    open_requested = Signal(object)  # ServerState
    closed = Signal()

    def __init__(
        self,
        entries: list[ServerEntry],
        secret_of: SecretReader,
        clock: Callable[[], datetime],
        health: HealthMonitor,
        settings: QSettings,
        *,
        saved: PasswordStore | None = None,
        parent: QObject | None = None,
    ) -> None:
        from backupviewer.widgets.servers.servers_window import ServersWindow

        super().__init__(parent)
        self._settings = settings
        self._passwords = saved
        self._clock = clock
        self.history: ServersHistory | None = None  # (all servers as one history, once asked)
        self._health = health
        warm_up()
        self._reader = WindowReader(clock, health.settings)
        self.fleet = Fleet(entries, self._reader, secret_of, clock, parent=self)
        health.settings_changed.connect(self._on_health_settings_changed)
        keyring = saved is not None and saved.available()
        self.window = ServersWindow(self.fleet, settings, editing=saved is not None,
                                    keyring=keyring)  # fmt: skip
        self.window.open_requested.connect(self.open_requested)
        self.window.closed.connect(self._on_window_closed)
        self.window.history_requested.connect(self.show_history)
        if self.window.editing is not None:
            self.window.editing.edited.connect(self._on_editing_edited)
            self.window.editing.password_given.connect(self._on_editing_password_given)

    def show(self) -> None:
        if self._passwords is not None:  # (the servers kept in the app: again next time)
            self._settings.setValue(saved_servers.OPEN_KEY, True)
        self.window.show()
        self.fleet.refresh()

    def _on_health_settings_changed(self, settings: HealthSettings) -> None:
        """Other settings of the health check: every server judged again with them."""
        self._reader.health = settings
        self.fleet.refresh()

    def retranslate(self) -> None:
        """Speak the language chosen now: the list in it, every server read again (a reason
        is put in words when it is met), the one history made again in it."""
        self.window.model.retranslate()
        self.window.retranslate()
        self.fleet.refresh()
        history, self.history = self.history, None
        if history is not None:
            shown = history.shown()
            history.closed.disconnect(self._on_history_closed)
            history.window.save_settings()
            history.window.hide()
            history.window.deleteLater()
            history.deleteLater()
            if shown:
                self.show_history()

    def shown(self) -> bool:
        """Whether one of its windows is open."""
        return self.window.isVisible() or (self.history is not None and self.history.shown())

    def show_history(self) -> None:
        """All servers as one history, in a backups window of their own."""
        from backupviewer.widgets.servers.servers_history import ServersHistory

        if self.history is None:
            self.history = ServersHistory(
                self.fleet, self._settings, self._clock, self._downloads, self._health, self
            )
            self.history.servers_requested.connect(self._on_history_servers_requested)
            self.history.closed.connect(self._on_history_closed)
        self.history.show()

    def _downloads(self, history: ServersHistory) -> Downloads:
        """Downloads of the row selected, from its own server."""

        def downloader() -> ServerDownloader | None:
            name = history.server_of_selected()
            state = next((s for s in self.fleet.states if s.entry.name == name), None)
            return None if state is None else ServerDownloader(state.entry, state.secret)

        return Downloads(downloader, history)

    def _on_history_servers_requested(self) -> None:
        self.window.show()
        self.window.raise_()
        self.window.activateWindow()

    def _on_window_closed(self) -> None:
        if self.history is not None and self.history.shown():  # (it stays)
            return
        self._all_closed()

    def _on_history_closed(self) -> None:
        if not self.window.isVisible():
            self._all_closed()

    def _all_closed(self) -> None:
        if self._passwords is not None:
            self._settings.setValue(saved_servers.OPEN_KEY, False)
        self.closed.emit()

    async def close(self) -> None:
        if self.window.isVisible():
            self.window.save_settings()
            self.window.hide()
        if self.history is not None and self.history.shown():
            self.history.window.save_settings()
            self.history.window.hide()
        await self.fleet.close()

    def signed_in(self, request: SignInRequest) -> None:
        """The user signed in to one of the servers: its row is read again with that secret."""
        for index, state in enumerate(self.fleet.states):
            entry = state.entry
            same = (entry.url, entry.user, entry.tenant or "", entry.auth) == (
                request.server, request.user, request.tenant, request.method
            )  # fmt: skip
            if same and state.needs_sign_in:
                self.fleet.use_secret(index, request.secret)

    def _on_editing_edited(self, entries: list[ServerEntry]) -> None:
        saved_servers.save(self._settings, entries)
        self.fleet.set_entries(entries)

    def _on_editing_password_given(self, entry: ServerEntry, password: str, keep: bool) -> None:
        if keep and self._passwords is not None:
            self._passwords.save(entry.url, entry.user, password, entry.tenant or "")
        index = next(n for n, state in enumerate(self.fleet.states) if state.entry == entry)
        self.fleet.use_secret(index, password)

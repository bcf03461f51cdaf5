"""All servers as one history: a backups window over the `Fleet` – every server's backups in
one table with a Server column and a choice of server, the strip, health line and schedules
of all of them, the details and downloads of each row from its own server."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtWidgets import QSystemTrayIcon

from backupviewer.core.words import translate
from backupviewer.qt.downloads import Downloads
from backupviewer.qt.fleet import Fleet
from backupviewer.qt.fleet_loader import FleetLoader
from backupviewer.qt.health_monitor import HealthMonitor
from backupviewer.qt.history_model import HistoryModel
from backupviewer.qt.plain_text import one_line
from backupviewer.qt.running_ticker import RunningTicker
from backupviewer.widgets.servers.servers_window import REFRESH_MS
from backupviewer.widgets.window.main_window import MainWindow

RUNNING_MS = 30_000
"""A server where a backup runs is read again this often, to see it end."""
SETTINGS_KEY = "serversHistory"
"""Where the window keeps its size and columns (apart from the one-server window's)."""


class ServersHistory(QObject):
    """The window, its model and loader; ``servers_requested()`` when the user asks for the
    servers window, ``closed()`` when the window is closed."""

    servers_requested = Signal()
    closed = Signal()

    def __init__(
        self,
        fleet: Fleet,
        settings: QSettings,
        clock: Callable[[], datetime],
        downloads: Callable[[ServersHistory], Downloads],
        health: HealthMonitor,
        parent: QObject | None = None,
        *,
        refresh_ms: int = REFRESH_MS,
        running_ms: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = HistoryModel(self)
        self.ticker = RunningTicker(self.model, self)  # (a running backup's spinner turns)
        self.loader = FleetLoader(self.model, fleet, clock, self)
        self.window = window = MainWindow(
            self.model, self.loader, settings, clock,
            health=health, downloads=downloads(self), settings_key=SETTINGS_KEY,
        )  # fmt: skip
        window.setObjectName("serversHistoryWindow")
        window.setWindowTitle(translate("ServersHistory", "Backups on all servers – BackupViewer"))
        for action in (window.action_sign_out, window.action_watch,
                       window.language.menu.menuAction()):  # fmt: skip
            action.setVisible(False)  # (one server's; the language: chosen in its window)
        window.action_all_servers.setText(translate("ServersHistory", "&Servers…"))
        window.table.offer_servers(settings, f"{SETTINGS_KEY}/header")
        window.notifier.stop()  # (the fleet tells what is new, naming the server)
        fleet.noticed.connect(self._on_fleet_noticed)
        self._fleet = fleet
        window.all_servers_requested.connect(self.servers_requested)
        window.closed.connect(self.closed)
        self.loader.loaded.connect(self._on_loader_loaded)
        self.loader.left_out_changed.connect(self._on_loader_left_out_changed)
        self.loader.show_fleet()
        self._timer = QTimer(self)  # (read again every few minutes while it is open)
        self._timer.setInterval(refresh_ms)
        self._timer.timeout.connect(self.loader.refresh)
        self._running = QTimer(self)  # (and more often the servers where a backup runs)
        self._running.setInterval(running_ms or RUNNING_MS)
        self._running.timeout.connect(self._read_running)
        for timer in (self._timer, self._running):
            window.closed.connect(timer.stop)

    def show(self) -> None:
        self._timer.start()
        self._running.start()
        self.window.show()
        self.window.raise_()
        self.window.activateWindow()

    def shown(self) -> bool:
        return self.window.isVisible()

    def server_of_selected(self) -> str | None:
        """The server of the row selected (None: no one row is)."""
        rows = self.window.selected_rows()
        if len(rows) != 1:
            return None
        return self.model.server_at(rows[0])

    def _read_running(self) -> None:
        for index, state in enumerate(self._fleet.states):
            if state.snapshot is not None and state.snapshot.running:
                self._fleet.refresh(index)

    def _on_fleet_noticed(self, index: int, news: str) -> None:
        """Where the desktop has no tray (the servers window tells there), in the status bar."""
        if QSystemTrayIcon.isSystemTrayAvailable() or not self.window.isVisible():
            return
        name = self._fleet.states[index].entry.name
        text = translate("ServersWindow", "{server}: {news}").format(server=name, news=news)
        self.window.statusBar().showMessage(one_line(text), 60_000)

    def _on_loader_loaded(self) -> None:
        self.window.filters.show_servers(self.model.snapshot.servers)

    def _on_loader_left_out_changed(self, words: str) -> None:
        banner = self.window.banner
        if words:
            banner.show_left_out(words)
        elif not self.window.report.failed:
            banner.hide()

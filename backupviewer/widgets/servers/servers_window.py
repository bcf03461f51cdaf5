"""All servers in one window (``backupviewer --servers FILE``): a row per server, the worst
first, each read on its own; a double-click opens one in the backups window (or its sign-in,
when it lacks a password or refused it)."""

from __future__ import annotations

import logging
from collections import Counter

from PySide6.QtCore import QModelIndex, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QHideEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import QHeaderView, QLabel, QMainWindow, QSystemTrayIcon, QToolBar

from backupviewer.core.words import QT_TRANSLATE_NOOP, translate
from backupviewer.health.findings import WORST_FIRST, Level
from backupviewer.qt.fleet import Fleet, Phase, ServerState
from backupviewer.qt.plain_text import one_line, without_markup
from backupviewer.qt.servers_model import (
    SERVER_INDEX_ROLE,
    ServerColumn,
    ServersModel,
    level_of,
)
from backupviewer.widgets import named
from backupviewer.widgets.plain_table import PlainTable
from backupviewer.widgets.servers.server_editing import ServerEditing
from backupviewer.widgets.servers.servers_export import ServersExport

logger = logging.getLogger(__name__)

_COUNTS = {
    Level.CRITICAL: QT_TRANSLATE_NOOP("ServersWindow", "{count:,} failing"),
    Level.WARNING: QT_TRANSLATE_NOOP("ServersWindow", "{count:,} to look at"),
    Level.UNKNOWN: QT_TRANSLATE_NOOP("ServersWindow", "{count:,} not judged"),
    Level.OK: QT_TRANSLATE_NOOP("ServersWindow", "{count:,} healthy"),
}
"""How many servers are in a state, in the status bar."""
REFRESH_MS = 5 * 60_000
"""Every server is read again this often while the window is open."""
_FITTED = (
    ServerColumn.SERVER,
    ServerColumn.STATE,
    ServerColumn.NEWEST,
    ServerColumn.FAILED,
    ServerColumn.MISSED,
    ServerColumn.RUNNING,
    ServerColumn.REFRESHED,
)


class ServersWindow(QMainWindow):
    """The servers of `fleet`; ``open_requested(state)`` on a double-click or Enter."""

    open_requested = Signal(object)  # ServerState
    history_requested = Signal()  # all servers as one history
    closed = Signal()

    def __init__(
        self,
        fleet: Fleet,
        settings: QSettings,
        *,
        refresh_ms: int = REFRESH_MS,
        editing: bool = False,
        keyring: bool = False,
    ) -> None:
        super().__init__()
        self.setObjectName("serversWindow")
        self._fleet = fleet
        self._settings = settings
        self.model = ServersModel(fleet, self)
        self.view = named(PlainTable(), "serversView")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(PlainTable.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(PlainTable.SelectionMode.SingleSelection)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.activated.connect(self._on_view_activated)
        self.view.pressed.connect(self._on_view_pressed)
        self.view.selectionModel().currentChanged.connect(self._update_open_action)
        self._user_chose = False  # (until then the worst server is the one selected)
        self.setCentralWidget(self.view)
        self.summary = named(QLabel(), "serversSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addWidget(self.summary, 1)
        self.action_refresh = QAction(self)
        self.action_refresh.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.action_refresh.triggered.connect(lambda: fleet.refresh())
        self.action_open = QAction(self)
        self.action_open.triggered.connect(self._open_current)
        self.export = ServersExport(fleet, settings, self)
        self.export.said.connect(lambda text: self.statusBar().showMessage(one_line(text), 60_000))
        self.action_history = QAction(self)
        self.action_history.setShortcut(QKeySequence("Ctrl+H"))
        self.action_history.triggered.connect(self.history_requested)
        self.action_export = QAction(self)
        self.action_export.setShortcut(QKeySequence("Ctrl+E"))
        self.action_export.triggered.connect(self.export.ask)
        toolbar = named(QToolBar(), "serversToolbar")
        toolbar.setMovable(False)
        toolbar.addAction(self.action_refresh)
        toolbar.addAction(self.action_open)
        toolbar.addAction(self.action_history)
        toolbar.addAction(self.action_export)
        self.editing: ServerEditing | None = None
        if editing:  # (the servers kept in the app; a file's are the file's)
            self.editing = ServerEditing(fleet, self.view, keyring, self)
            self.editing.edited.connect(self._on_view_pressed)  # (the user chose)
            toolbar.addSeparator()
            toolbar.addActions(self.editing.actions())
        self.addToolBar(toolbar)
        self._timer = QTimer(self)
        self._timer.setInterval(refresh_ms)
        self._timer.timeout.connect(lambda: fleet.refresh())
        fleet.changed.connect(self._on_fleet_changed)
        fleet.busy_changed.connect(self._on_fleet_busy_changed)
        fleet.reset.connect(self._on_fleet_reset)
        fleet.noticed.connect(self._on_fleet_noticed)
        self.tray: QSystemTrayIcon | None = None
        self._fitted = False
        self.retranslate()
        self.resize(1100, 420)
        geometry = settings.value("serversWindow/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)

    def retranslate(self) -> None:
        self.setWindowTitle(translate("ServersWindow", "All servers – BackupViewer"))
        self.action_refresh.setText(translate("ServersWindow", "Refresh all"))
        self._update_open_action()
        self.action_export.setText(translate("ServersWindow", "Export all to CSV…"))
        self.action_history.setText(translate("ServersWindow", "All as one history"))
        self.action_history.setToolTip(
            translate(
                "ServersWindow",
                "Every server's backups in one table, with their health and schedules ({shortcut})",
            ).format(
                shortcut=self.action_history.shortcut().toString(
                    QKeySequence.SequenceFormat.NativeText
                )
            )
        )
        if self.editing is not None:
            self.editing.retranslate()
        self._say()

    def _update_open_action(self) -> None:
        """Open the server selected – or sign in to it, when it lacks or was refused its
        password."""
        number = self.view.currentIndex().data(SERVER_INDEX_ROLE)
        state = self._fleet.states[number] if isinstance(number, int) else None
        self.action_open.setEnabled(state is not None and state.phase is not Phase.LOADING)
        if state is not None and state.needs_sign_in:
            self.action_open.setText(translate("ServersWindow", "Sign in…"))
        else:
            self.action_open.setText(translate("ServersWindow", "Open the server"))

    def save_settings(self) -> None:
        self._settings.setValue("serversWindow/geometry", self.saveGeometry())

    def showEvent(self, event: QShowEvent) -> None:
        self._timer.start()  # (read again only while it is shown)
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self._timer.stop()
        super().hideEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._timer.stop()
        self.save_settings()
        event.accept()
        self.closed.emit()

    def _on_fleet_reset(self) -> None:
        self._say()
        self._update_open_action()

    def _on_fleet_changed(self, index: int) -> None:
        self._say()
        self._update_open_action()
        if not self._fitted:  # (then again when all are read: a fit asks every cell)
            self._fitted = True
            self.view.fit_to_content(_FITTED)
        if not self._user_chose:
            self.view.selectRow(0)

    def _on_fleet_noticed(self, index: int, news: str) -> None:
        """Something new on a server (a backup failed, a run was missed): in the tray where
        the desktop has one, else in the status bar – naming the server."""
        name = self._fleet.states[index].entry.name
        text = translate("ServersWindow", "{server}: {news}").format(server=name, news=news)
        logger.info("Noticed: %s", text)
        if self.tray is None and QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(self.windowIcon(), self)
            self.tray.setToolTip("BackupViewer")
            self.tray.show()
        if self.tray is not None:
            self.tray.showMessage(
                "BackupViewer", without_markup(text), QSystemTrayIcon.MessageIcon.Warning, 15_000
            )
        else:
            self.statusBar().showMessage(one_line(text), 60_000)

    def _on_fleet_busy_changed(self, busy: bool) -> None:
        if not busy:
            self.view.fit_to_content(_FITTED)

    def _on_view_pressed(self) -> None:
        self._user_chose = True

    def _say(self) -> None:
        """The count of servers in each state, the worst first."""
        states = self._fleet.states
        levels = Counter(level_of(state) for state in states)
        loading = sum(state.phase is Phase.LOADING for state in states)
        counts = [
            translate("ServersWindow", _COUNTS[level]).format(count=levels[level])
            for level in WORST_FIRST
            if levels[level]
        ]
        if loading:
            counts.append(translate("ServersWindow", "{count:,} loading").format(count=loading))
        many = translate("ServersWindow", "{count:,} servers: {states}")
        one = translate("ServersWindow", "{count:,} server: {states}")
        words = (one if len(states) == 1 else many).format(
            count=len(states), states=translate("ServersWindow", ", ").join(counts)
        )
        self.summary.setText(words)

    def _open_current(self) -> None:
        current = self.view.currentIndex()
        if current.isValid():
            self._on_view_activated(current)

    def _on_view_activated(self, index: QModelIndex) -> None:
        number = index.data(SERVER_INDEX_ROLE)
        if number is None:
            return
        state: ServerState = self._fleet.states[number]
        if state.phase is not Phase.LOADING:
            self.open_requested.emit(state)

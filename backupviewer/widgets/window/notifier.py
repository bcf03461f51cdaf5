"""Tells about trouble that appears while the window is watching: every backup that failed
(scheduled or started by hand), a run that was missed – in the system tray where the desktop
has one, else in the status bar."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QSystemTrayIcon

from backupviewer.health.news import News
from backupviewer.qt.history_model import HistoryModel
from backupviewer.qt.plain_text import one_line, without_markup

logger = logging.getLogger(__name__)


class Notifier(QObject):
    """Tells what is new in each health against the one before in the same session
    (`health.news`): a failed backup, missed runs; the first health after signing in tells
    nothing (it is all on screen).

    Signals: ``noticed(text, key)`` for each new thing (key: the row's key, for `show_row`);
    ``show_row(key)`` when the user clicks a notification.
    """

    noticed = Signal(str, str)
    show_row = Signal(str)

    def __init__(
        self,
        model: HistoryModel,
        icon: QIcon,
        say: Callable[[str], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._model = model
        self._say = say
        self._news = News()
        self._looking = False  # (news looked for on the next turn of the event loop)
        self._last_key = ""
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(icon, self)
            self.tray.setToolTip("BackupViewer")
            self.tray.messageClicked.connect(self._on_tray_message_clicked)
            self.tray.show()
        model.snapshot_changed.connect(self._on_model_snapshot_changed)

    def stop(self) -> None:
        """Tell nothing from now on (all servers as one history: the fleet tells, naming the
        server)."""
        self._model.snapshot_changed.disconnect(self._on_model_snapshot_changed)
        if self.tray is not None:
            self.tray.hide()

    def forget(self) -> None:
        """A new session: what it shows at first is not news."""
        self._news.forget()

    def _on_model_snapshot_changed(self) -> None:
        # After the table and the health are shown, in a turn of the event loop of its own
        # (what thousands of missed runs cost comes apart from theirs): a timer, for Qt posts
        # a timer of 0 ms as an event, handled in the same turn as theirs.
        if not self._looking:
            self._looking = True
            QTimer.singleShot(1, self, self._look_for_news)

    def _look_for_news(self) -> None:
        self._looking = False
        snapshot = self._model.snapshot
        if snapshot.health is not None:
            for key, text in self._news.of(snapshot):
                self._tell(text, key)

    def _tell(self, text: str, key: str) -> None:
        logger.info("Noticed: %s", text)
        self.noticed.emit(text, key)
        self._last_key = key
        if self.tray is not None:
            self.tray.showMessage(
                "BackupViewer", without_markup(text), QSystemTrayIcon.MessageIcon.Warning, 15_000
            )
        else:
            self._say(one_line(text))

    def _on_tray_message_clicked(self) -> None:
        if self._last_key:
            self.show_row.emit(self._last_key)

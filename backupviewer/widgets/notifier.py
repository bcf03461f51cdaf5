"""Tells about trouble that appears while the window is watching: a backup that failed, a run
that was missed – in the system tray where the desktop has one, else in the status bar."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QSystemTrayIcon

from backupviewer.core.columns import Column, wall_times
from backupviewer.core.words import translate
from backupviewer.qt.history_model import HistoryModel
from backupviewer.qt.plain_text import one_line, without_markup

logger = logging.getLogger(__name__)


class Notifier(QObject):
    """Compares each health with the one before (in the same session) and tells what is new:
    each schedule's newest run if it failed, and missed runs. The first health after signing
    in tells nothing (it is all on screen).

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
        self._known: set[str] | None = None
        self._last_key = ""
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(icon, self)
            self.tray.setToolTip("BackupViewer")
            self.tray.messageClicked.connect(self._on_tray_message_clicked)
            self.tray.show()
        model.health_changed.connect(self._on_model_health_changed)

    def forget(self) -> None:
        """A new session: what it shows at first is not news."""
        self._known = None

    def _on_model_health_changed(self) -> None:
        model = self._model
        if model.health is None:
            return
        found = self._trouble()
        if self._known is None:
            self._known = set(found)
            return
        for key, text in found.items():
            if key not in self._known:
                self._tell(text, key)
        self._known |= set(found)

    def _trouble(self) -> dict[str, str]:
        """Each thing that needs action now, by the key of its row, with its words."""
        model, health = self._model, self._model.health
        assert health is not None
        table = model.table
        found = {}
        for number in health.failing:
            name = table.texts[Column.NAME][number]
            found[model.key_of(number)] = (
                translate("Notifier", "{name} failed at {time}.")
                if name
                else translate("Notifier", "A backup failed at {time}.")
            ).format(name=name, time=self._when(number))
        first_missed = len(model.backups)
        for number in range(first_missed, len(table)):
            name = table.texts[Column.NAME][number]
            found[model.key_of(number)] = (
                translate("Notifier", "{name} missed its run at {time}.")
                if name
                else translate("Notifier", "A schedule missed its run at {time}.")
            ).format(name=name, time=self._when(number))
        return found

    def _when(self, number: int) -> str:
        table = self._model.table
        zone = table.zones[table.zone_start[number]]
        return wall_times([table.started[number]], zone)[0][:16]

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

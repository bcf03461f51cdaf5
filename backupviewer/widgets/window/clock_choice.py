"""View ▸ Clock: whether the window's times are on the server's clock or this computer's."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from backupviewer.core.words import translate

_KEY = "view/clock"
_LOCAL = "local"


class ClockChoice(QObject):
    """Two exclusive entries in a menu (the server's clock is the default: it is what the
    server's console and its logs show); remembered in the settings.

    Signal: ``changed(local)`` when the user picks the other clock.
    """

    changed = Signal(bool)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.menu = QMenu(translate("ClockChoice", "Cl&ock"), parent)
        self.menu.setObjectName("clockMenu")
        group = QActionGroup(self)
        self.server_action = self.menu.addAction(translate("ClockChoice", "The &server's clock"))
        self.server_action.setObjectName("actionServerClock")
        self.server_action.setToolTip(
            translate("ClockChoice", "Times as the server's own clock shows them")
        )
        self.local_action = self.menu.addAction(translate("ClockChoice", "&This computer's clock"))
        self.local_action.setObjectName("actionLocalClock")
        self.local_action.setToolTip(
            translate("ClockChoice", "Times converted to this computer's time zone")
        )
        for action in (self.server_action, self.local_action):
            action.setCheckable(True)
            group.addAction(action)
        self.server_action.setChecked(True)
        self.local_action.toggled.connect(self.changed)

    @property
    def local(self) -> bool:
        return self.local_action.isChecked()

    def save(self, settings: QSettings) -> None:
        settings.setValue(_KEY, _LOCAL if self.local else "server")

    def restore(self, settings: QSettings) -> None:
        """The saved choice (the server's clock when none or unknown); says `changed`."""
        local = settings.value(_KEY, "server") == _LOCAL
        (self.local_action if local else self.server_action).setChecked(True)
        self.changed.emit(local)

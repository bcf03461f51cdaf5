"""View ▸ Language: the system's, English or Chinese; remembered, and spoken at once."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from backupviewer.core.words import translate
from backupviewer.qt import language


class LanguageChoice(QObject):
    """Exclusive entries: the system's language, then each language named in itself.

    Signals: ``chosen(code)`` after the user chose another ("" for the system's); the app then
    speaks it (see `BackupViewerApp`).
    """

    chosen = Signal(str)

    def __init__(self, settings: QSettings, parent: QWidget) -> None:
        super().__init__(parent)
        self._settings = settings
        self.menu = QMenu(translate("LanguageChoice", "&Language"), parent)
        self.menu.setObjectName("languageMenu")
        group = QActionGroup(self)
        self._saved = language.language_of(str(settings.value(language.SETTING, "") or "")) or ""
        choices = {"": translate("LanguageChoice", "The system's language"), **language.LANGUAGES}
        for code, name in choices.items():
            action = self.menu.addAction(name)
            action.setObjectName(f"actionLanguage_{code or 'system'}")
            action.setCheckable(True)
            action.setChecked(code == self._saved)
            group.addAction(action)
            action.triggered.connect(lambda _=False, c=code: self.choose(c))

    def choose(self, code: str) -> None:
        """Remember `code` ("" for the system's) and say that it was chosen."""
        if code == self._saved:
            return
        self._saved = code
        self._settings.setValue(language.SETTING, code)
        self.chosen.emit(code)

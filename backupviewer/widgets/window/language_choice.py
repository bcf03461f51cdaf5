"""View ▸ Language: the system's, English or Chinese; remembered, used from the next start."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from backupviewer.core.words import translate
from backupviewer.qt import language
from backupviewer.widgets import message_box


class LanguageChoice(QObject):
    """Exclusive entries: the system's language, then each language named in itself."""

    def __init__(self, settings: QSettings, parent: QWidget) -> None:
        super().__init__(parent)
        self._settings = settings
        self._parent = parent
        self.menu = QMenu(translate("LanguageChoice", "&Language"), parent)
        self.menu.setObjectName("languageMenu")
        group = QActionGroup(self)
        saved = language.language_of(str(settings.value(language.SETTING, "") or "")) or ""
        choices = {"": translate("LanguageChoice", "The system's language"), **language.LANGUAGES}
        for code, name in choices.items():
            action = self.menu.addAction(name)
            action.setObjectName(f"actionLanguage_{code or 'system'}")
            action.setCheckable(True)
            action.setChecked(code == saved)
            group.addAction(action)
            action.triggered.connect(lambda _=False, c=code: self.choose(c))

    def choose(self, code: str) -> QMessageBox:
        """Remember `code` ("" for the system's) and say that it applies from the next start."""
        self._settings.setValue(language.SETTING, code)
        box = message_box(
            QMessageBox.Icon.Information,
            translate("LanguageChoice", "Language"),
            translate(
                "LanguageChoice",
                "The new language applies when BackupViewer starts again.",
            ),
            self._parent,
            "languageChangedBox",
        )
        box.open()
        return box

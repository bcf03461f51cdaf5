"""Help: the guide to using the app, the keyboard shortcuts, and About."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMenu, QTextBrowser, QVBoxLayout, QWidget

from backupviewer.core.resources import resource_path
from backupviewer.core.words import QT_TRANSLATE_NOOP, translate
from backupviewer.widgets import named
from backupviewer.widgets.actions import plain_text, pressable
from backupviewer.widgets.window.about import show_about

GUIDE = "using.md"
"""The guide in English; a translation's file name is the translation of this name
("using.zh_CN.md")."""
_KEYS_OF_PLACES = (
    (
        QT_TRANSLATE_NOOP("HelpMenu", "Enter (in the table)"),
        QT_TRANSLATE_NOOP("HelpMenu", "Show the details of the current row"),
    ),
    (
        QT_TRANSLATE_NOOP("HelpMenu", "Down or Enter (in the filter box)"),
        QT_TRANSLATE_NOOP("HelpMenu", "Go to the rows found"),
    ),
    (
        QT_TRANSLATE_NOOP("HelpMenu", "Esc (in the filter box)"),
        QT_TRANSLATE_NOOP("HelpMenu", "Clear the filter"),
    ),
    (
        QT_TRANSLATE_NOOP("HelpMenu", "Right click (on a row)"),
        QT_TRANSLATE_NOOP("HelpMenu", "Details, copy, copy IDs, export the selection, download"),
    ),
    (
        QT_TRANSLATE_NOOP("HelpMenu", "Right click (on the header)"),
        QT_TRANSLATE_NOOP("HelpMenu", "Choose the columns, fit them to their content"),
    ),
)
"""Keys that work in one place (English: translated where shown)."""


class HelpMenu(QMenu):
    """The Help menu of `window`; `actions()` gives the window's actions, whose shortcuts the
    shortcut list shows; `copied()` is called when About copied the version info."""

    def __init__(
        self, window: QWidget, actions: Callable[[], Sequence[QAction]], copied: Callable[[], None]
    ) -> None:
        super().__init__(translate("HelpMenu", "&Help"), window)
        self._window = window
        self._actions = actions
        self.action_guide = self.addAction(translate("HelpMenu", "&Using BackupViewer"))
        self.action_guide.setObjectName("actionGuide")
        self.action_guide.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        self.action_guide.triggered.connect(self.show_guide)
        window.addAction(self.action_guide)
        self.action_shortcuts = self.addAction(translate("HelpMenu", "&Keyboard shortcuts"))
        self.action_shortcuts.setObjectName("actionShortcuts")
        self.action_shortcuts.triggered.connect(self.show_shortcuts)
        self.addSeparator()
        self.action_about = self.addAction(translate("HelpMenu", "&About BackupViewer"))
        self.action_about.setObjectName("actionAbout")
        self.action_about.triggered.connect(lambda: show_about(window, copied))

    def show_guide(self) -> QDialog:
        path = guide_path()
        if path is not None:
            text = path.read_text(encoding="utf-8")
        else:
            text = translate(
                "HelpMenu",
                "# Using BackupViewer\n\nThe guide comes with BackupViewer's bundle and its "
                "source (`resources/using.md`); this installation has neither.",
            )
        title = translate("HelpMenu", "Using BackupViewer")
        return _page(self._window, "guideDialog", title, text, markdown=True)

    def show_shortcuts(self) -> QDialog:
        native = QKeySequence.SequenceFormat.NativeText
        either = translate("HelpMenu", " or ")
        rows = [
            (either.join(key.toString(native) for key in keys), action.text())
            for action in self._actions()
            if (keys := [key for key in action.shortcuts() if pressable(key)]) and action.text()
        ]
        rows = sorted({(keys, plain_text(text)) for keys, text in rows})
        places = [(translate("HelpMenu", k), translate("HelpMenu", w)) for k, w in _KEYS_OF_PLACES]
        cells = "".join(
            f"<tr><td style='padding-right:18px; white-space:nowrap'><b>{html.escape(keys)}</b>"
            f"</td><td>{html.escape(what)}</td></tr>"
            for keys, what in (*rows, *places)
        )
        body = f"<table cellspacing=4>{cells}</table>"
        title = translate("HelpMenu", "Keyboard shortcuts")
        return _page(self._window, "shortcutsDialog", title, body, markdown=False)


def guide_path() -> Path | None:
    """The guide in the interface's language: the file its translated name names (the
    catalogue turns "using.md" into "using.zh_CN.md"), else the English one; None when the
    resources have neither."""
    name = translate("HelpMenu", "using.md")
    try:
        translated = resource_path(name) if name != GUIDE else None
    except ValueError:  # a translated name that is not a plain file name
        translated = None
    return translated or resource_path(GUIDE)


def _page(parent: QWidget, name: str, title: str, text: str, *, markdown: bool) -> QDialog:
    """A dialog of readable text with a Close button (not modal: the window stays usable)."""
    dialog = named(QDialog(parent), name)
    dialog.setWindowTitle(title)
    browser = named(QTextBrowser(), f"{name}Text")
    browser.setOpenExternalLinks(True)
    if markdown:
        browser.setMarkdown(text)
    else:
        browser.setHtml(text)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.close)
    layout = QVBoxLayout(dialog)
    layout.addWidget(browser)
    layout.addWidget(buttons)
    browser.document().setDocumentMargin(12)
    dialog.resize(720, 640) if markdown else dialog.resize(600, 460)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog

"""Help: the guide to using the app, the keyboard shortcuts, and About."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMenu, QTextBrowser, QVBoxLayout, QWidget

from backupviewer.core.resources import resource_path
from backupviewer.widgets import named
from backupviewer.widgets.about import show_about

GUIDE = "using.md"
_NO_GUIDE = (
    "# Using BackupViewer\n\nThe guide comes with BackupViewer's bundle and its source "
    "(`resources/using.md`); this installation has neither."
)
_KEYS_OF_PLACES = (
    ("Enter (in the table)", "Show the details of the current row"),
    ("Down or Enter (in the filter box)", "Go to the rows found"),
    ("Esc (in the filter box)", "Clear the filter"),
    ("Right click (on a row)", "Details, copy, copy IDs, export the selection, download"),
    ("Right click (on the header)", "Choose the columns, fit them to their content"),
)


class HelpMenu(QMenu):
    """The Help menu of `window`; `actions()` gives the window's actions, whose shortcuts the
    shortcut list shows; `copied()` is called when About copied the version info."""

    def __init__(
        self, window: QWidget, actions: Callable[[], Sequence[QAction]], copied: Callable[[], None]
    ) -> None:
        super().__init__("&Help", window)
        self._window = window
        self._actions = actions
        self.action_guide = self.addAction("&Using BackupViewer")
        self.action_guide.setObjectName("actionGuide")
        self.action_guide.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        self.action_guide.triggered.connect(self.show_guide)
        window.addAction(self.action_guide)
        self.action_shortcuts = self.addAction("&Keyboard shortcuts")
        self.action_shortcuts.setObjectName("actionShortcuts")
        self.action_shortcuts.triggered.connect(self.show_shortcuts)
        self.addSeparator()
        self.action_about = self.addAction("&About BackupViewer")
        self.action_about.setObjectName("actionAbout")
        self.action_about.triggered.connect(lambda: show_about(window, copied))

    def show_guide(self) -> QDialog:
        path = resource_path(GUIDE)
        text = path.read_text(encoding="utf-8") if path is not None else _NO_GUIDE
        return _page(self._window, "guideDialog", "Using BackupViewer", text, markdown=True)

    def show_shortcuts(self) -> QDialog:
        native = QKeySequence.SequenceFormat.NativeText
        rows = [
            (" or ".join(key.toString(native) for key in action.shortcuts()), action.text())
            for action in self._actions()
            if action.shortcuts() and action.text()
        ]
        rows = sorted({(keys, text.replace("&", "").rstrip("…")) for keys, text in rows})
        cells = "".join(
            f"<tr><td style='padding-right:18px; white-space:nowrap'><b>{html.escape(keys)}</b>"
            f"</td><td>{html.escape(what)}</td></tr>"
            for keys, what in (*rows, *_KEYS_OF_PLACES)
        )
        body = f"<table cellspacing=4>{cells}</table>"
        return _page(self._window, "shortcutsDialog", "Keyboard shortcuts", body, markdown=False)


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

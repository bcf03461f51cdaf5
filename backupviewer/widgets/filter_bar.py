"""The filters above the table: text to look for in any column, and which statuses to show.

Signals: ``text_changed(text)``; ``status_chosen(StatusFilter)``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from backupviewer.qt.status_icons import status_icon, warning_icon
from backupviewer.table.query import StatusFilter
from backupviewer.widgets import named

STATUS_CHOICES = {
    StatusFilter.ALL: "All statuses",
    StatusFilter.ATTENTION: "Needs attention",
    StatusFilter.FAILED: "Failed",
    StatusFilter.MISSED: "Missed",
    StatusFilter.RUNNING: "Running",
    StatusFilter.SUCCEEDED: "Succeeded",
}
"""The status filter's choices and their words, in the order the drop-down offers them."""


class FilterBar(QWidget):
    """The filter box (Esc clears it) and the status drop-down, side by side; `find_key`
    is the shortcut that brings the cursor into the box, named in its placeholder."""

    text_changed = Signal(str)
    status_chosen = Signal(object)

    def __init__(self, find_key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = named(QLineEdit(), "filterEdit")
        self.edit.setPlaceholderText(f"Filter… ({find_key})" if find_key else "Filter…")
        self.edit.setClearButtonEnabled(True)
        self.edit.setToolTip(
            "Shows the backups with this text in any column, in any case; Esc clears it"
        )
        clear = QAction("Clear filter", self.edit)
        clear.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        clear.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        clear.triggered.connect(self.edit.clear)
        self.edit.addAction(clear)
        self.status = named(QComboBox(), "statusFilter")
        for choice, label in STATUS_CHOICES.items():
            status = choice.status
            if choice is StatusFilter.ATTENTION:
                self.status.addItem(warning_icon(), label, choice)
            elif status is None:
                self.status.addItem(label, choice)
            else:
                self.status.addItem(status_icon(status), label, choice)
        self.status.setItemData(
            self.status.findData(StatusFilter.ATTENTION),
            "Failed backups, missed runs, slow backups, backups of a status the viewer does "
            "not know, and backups with fields it could not read",
            Qt.ItemDataRole.ToolTipRole,
        )
        self.status.setItemData(
            self.status.findData(StatusFilter.MISSED),
            "Times a schedule was due and no backup started",
            Qt.ItemDataRole.ToolTipRole,
        )
        self.status.setToolTip("Show backups of one status only, or those that need a look")
        shows = QLabel("&Show:")
        shows.setBuddy(self.status)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(shows)
        layout.addWidget(self.status)
        self.setTabOrder(self.edit, self.status)
        self.edit.textChanged.connect(self.text_changed)
        self.status.currentIndexChanged.connect(self._on_status_changed)

    def _on_status_changed(self) -> None:
        choice = self.status.currentData()
        if isinstance(choice, StatusFilter):
            self.status_chosen.emit(choice)

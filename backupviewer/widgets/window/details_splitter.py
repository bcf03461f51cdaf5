"""The tables beside the details pane: the pane shows the table's current row, and is there
while it is wanted and has a backup to show; an empty one gives its room to the tables and
comes back as wide as it was."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QModelIndex, QObject, QSettings, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QSplitter, QWidget

from backupviewer.qt import row_words
from backupviewer.qt.history_model import HistoryModel
from backupviewer.widgets.details.detail_pane import DetailPane
from backupviewer.widgets.history.history_view import HistoryView

PANE_WIDTH = 380
"""The details pane's width until the user chooses another."""
_WIDTH_KEY = "mainWindow/detailsWidth"
_OLD_KEY = "mainWindow/splitter"  # the splitter's state, as older versions kept it


class DetailsSplitter(QSplitter):
    """`tables` on the left, `pane` on the right (hidden until `place` shows it)."""

    def __init__(self, tables: QWidget, pane: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setObjectName("mainSplitter")
        self._pane = pane
        self.addWidget(tables)
        self.addWidget(pane)
        self.setStretchFactor(0, 3)
        self.setStretchFactor(1, 1)
        self.setCollapsible(0, False)
        self.setSizes([900, PANE_WIDTH])
        self.pane_width = PANE_WIDTH
        pane.setVisible(False)  # until it has a backup to show

    def place(self, wanted: bool) -> None:
        """Show the pane (as wide as it was last) or give its room to the tables."""
        if wanted == self._pane.isVisibleTo(self):
            return
        if wanted:
            self._pane.setVisible(True)
            total = sum(self.sizes()) or self.width()
            self.setSizes([max(total - self.pane_width, 1), self.pane_width])
        else:
            self.pane_width = self.sizes()[1] or self.pane_width
            self._pane.setVisible(False)

    def save(self, settings: QSettings) -> None:
        if self._pane.isVisibleTo(self):
            self.pane_width = self.sizes()[1] or self.pane_width
        settings.setValue(_WIDTH_KEY, self.pane_width)

    def restore(self, settings: QSettings) -> None:
        """The pane's width as saved (read once from an older version's splitter state)."""
        old = settings.value(_OLD_KEY)
        if isinstance(old, QByteArray | bytes) and self.restoreState(old) and self.sizes()[1]:
            self.pane_width = self.sizes()[1]
            self._pane.setVisible(False)
        width = str(settings.value(_WIDTH_KEY) or "")
        if width.isdigit() and int(width) > 0:
            self.pane_width = int(width)


class PaneFollower(QObject):
    """Keeps `pane` showing the current row of `table` (with what the health says of it), and
    `splitter` showing the pane while `action` (Details pane, F9) is on and it has a backup.

    Signals: ``shown()`` after the pane was given another row (or none).
    """

    shown = Signal()

    def __init__(
        self,
        splitter: DetailsSplitter,
        pane: DetailPane,
        table: HistoryView,
        action: QAction,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._splitter, self._pane, self._table, self._action = splitter, pane, table, action
        model = table.model()
        assert isinstance(model, HistoryModel)
        self._model = model
        table.doubleClicked.connect(self._on_table_double_clicked)
        table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        model.snapshot_changed.connect(self.show_current)
        model.modelReset.connect(self._on_model_reset)

    def set_wanted(self, wanted: bool) -> None:
        """The pane on (showing the current row) or off (what `action` does)."""
        if wanted:
            self.show_current()
        self._place()

    def show_row(self, row: int) -> None:
        """The pane on, with the backup in view row `row`."""
        if 0 <= row < self._model.rowCount():
            self._action.setChecked(True)
            self._show(row)

    def show_current(self, current: QModelIndex | None = None) -> None:
        index = current if current is not None else self._table.currentIndex()
        if index.isValid():
            self._show(index.row())
        elif self._model.rowCount() == 0:
            self.clear()
        self.shown.emit()

    def clear(self) -> None:
        self._pane.show_record(None)
        self._place()

    def _show(self, row: int) -> None:
        notes = row_words.health_notes(self._model.snapshot, self._model.table_row(row))
        self._pane.show_record(self._model.record_at(row), notes, self._model.server_at(row))
        self._place()

    def _place(self) -> None:
        self._splitter.place(self._action.isChecked() and self._pane.record is not None)

    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        self.show_row(index.row())

    def _on_current_row_changed(self, current: QModelIndex) -> None:
        if self._action.isChecked():
            self.show_current(current)

    def _on_model_reset(self) -> None:
        if not self._table.currentIndex().isValid() and self._pane.record is not None:
            self.clear()

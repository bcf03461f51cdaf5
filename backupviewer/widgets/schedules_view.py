"""The schedules panel: each schedule with its health; choosing one filters the history to it."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from backupviewer.qt.schedule_model import SCHEDULE_ID_ROLE, ScheduleColumn, ScheduleModel

_WIDTHS = {
    ScheduleColumn.HEALTH: 190,
    ScheduleColumn.NAME: 170,
    ScheduleColumn.ENABLED: 70,
    ScheduleColumn.STATE: 80,
    ScheduleColumn.SCHEDULE: 260,
    ScheduleColumn.CONTENT: 160,
    ScheduleColumn.LAST_RUN: 150,
    ScheduleColumn.NEXT_RUN: 200,
    ScheduleColumn.LAST_SUCCESS: 150,
    ScheduleColumn.MISSED: 60,
    ScheduleColumn.FAILURES: 60,
    ScheduleColumn.SLOW: 50,
}


class SchedulesView(QTableView):
    """The schedules, one per row; a click chooses one (a click on the chosen one, or Esc,
    chooses none); says in words why it is empty.

    Signals: ``schedule_chosen(schedule id | None)``.
    """

    schedule_chosen = Signal(object)

    def __init__(self, model: ScheduleModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("schedulesView")
        self.placeholder = ""
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setShowGrid(False)
        self.setTabKeyNavigation(False)
        rows = self.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        for column, width in _WIDTHS.items():
            header.resizeSection(column, width)
        self.setToolTip("Choose a schedule to see only its backups; click it again for all")
        self.selectionModel().selectionChanged.connect(self._on_selection_changed)
        model.modelReset.connect(self._on_model_reset)
        self._chosen: str | None = None

    @property
    def chosen(self) -> str | None:
        """The id of the chosen schedule (None: none)."""
        return self._chosen

    def choose(self, schedule_id: str | None) -> None:
        """Choose the schedule with this id (None: none), as a click does."""
        model = self.model()
        row = (
            model.row_of(schedule_id) if schedule_id and isinstance(model, ScheduleModel) else None
        )
        if row is None:
            self.clearSelection()
        else:
            self.selectRow(row)

    def set_placeholder(self, text: str) -> None:
        """What the empty panel says (drawn only while it has no rows)."""
        if text != self.placeholder:
            self.placeholder = text
            self.viewport().update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        if index.isValid() and self.selectionModel().isRowSelected(index.row()):
            self.clearSelection()  # a click on the chosen schedule: all schedules again
            return
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.selectionModel().hasSelection():
            self.clearSelection()
            return
        super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        if self.placeholder and model is not None and model.rowCount() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().placeholderText().color())
            area = self.viewport().rect().adjusted(12, 8, -12, -8)
            flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
            painter.drawText(area, int(flags) | int(Qt.TextFlag.TextWordWrap), self.placeholder)
            painter.end()

    def _on_selection_changed(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        rows = self.selectionModel().selectedRows()
        chosen = rows[0].data(SCHEDULE_ID_ROLE) if rows else None
        if chosen != self._chosen:
            self._chosen = chosen
            self.schedule_chosen.emit(chosen)

    def _on_model_reset(self) -> None:
        """Keep the chosen schedule chosen across a reload (if it is still there)."""
        chosen = self._chosen
        model = self.model()
        row = model.row_of(chosen) if chosen and isinstance(model, ScheduleModel) else None
        if row is not None:
            self.selectRow(row)
        elif chosen is not None:
            self._chosen = None
            self.schedule_chosen.emit(None)

"""The schedules panel: each schedule with its health; choosing one filters the history to it."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QAbstractItemView, QWidget

from backupviewer.core.words import translate
from backupviewer.qt.schedule_model import SCHEDULE_ID_ROLE, ScheduleColumn, ScheduleModel
from backupviewer.widgets.plain_table import PlainTable

_WIDTHS = {  # in the order shown: what answers "is it healthy?" first, the rest after
    ScheduleColumn.HEALTH: 190,
    ScheduleColumn.NAME: 170,
    ScheduleColumn.MISSED: 60,
    ScheduleColumn.FAILURES: 60,
    ScheduleColumn.SLOW: 50,
    ScheduleColumn.LAST_SUCCESS: 150,
    ScheduleColumn.SCHEDULE: 260,
    ScheduleColumn.NEXT_RUN: 200,
    ScheduleColumn.LAST_RUN: 150,
    ScheduleColumn.ENABLED: 70,
    ScheduleColumn.STATE: 80,
    ScheduleColumn.CONTENT: 160,
}


class SchedulesView(PlainTable):
    """The schedules, one per row; a click chooses one (a click on the chosen one, or Esc,
    chooses none); says in words why it is empty.

    Signals: ``schedule_chosen(schedule id | None)``.
    """

    schedule_chosen = Signal(object)

    def __init__(self, model: ScheduleModel, parent: QWidget | None = None) -> None:
        super().__init__(12, parent)
        self.setObjectName("schedulesView")
        self.setModel(model)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.horizontalHeader()
        for position, (column, width) in enumerate(_WIDTHS.items()):
            header.resizeSection(column, width)
            header.moveSection(header.visualIndex(column), position)
        self._fitted = False
        self.setToolTip(
            translate(
                "SchedulesView", "Choose a schedule to see only its backups; click it again for all"
            )
        )
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

    def _on_selection_changed(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        rows = self.selectionModel().selectedRows()
        chosen = rows[0].data(SCHEDULE_ID_ROLE) if rows else None
        if chosen != self._chosen:
            self._chosen = chosen
            self.schedule_chosen.emit(chosen)

    def _on_model_reset(self) -> None:
        """Keep the chosen schedule chosen across a reload (if it is still there); the first
        schedules fit the columns to them."""
        if not self._fitted and self.model().rowCount() > 0:
            self._fitted = True  # (on a turn of its own: it asks a hundred rows' cells)
            QTimer.singleShot(0, lambda: self.fit_to_content(_WIDTHS))
        chosen = self._chosen
        model = self.model()
        row = model.row_of(chosen) if chosen and isinstance(model, ScheduleModel) else None
        if row is not None:
            self.selectRow(row)
        elif chosen is not None:
            self._chosen = None
            self.schedule_chosen.emit(None)

"""The backup table model: a `HistoryTable` in the order and with the filters the user chose.

A `QSortFilterProxyModel` over a Python model calls `data()` per comparison (25 s per sort at
100,000 rows); here `history.query` sorts and filters the whole table at once, and the model
only maps view rows to table rows. The server's backups come first in the table, the missed
runs the health found after them.
"""

from __future__ import annotations

import itertools
import logging
import os
from array import array
from collections import OrderedDict
from collections.abc import Collection, Iterator, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from backupviewer.core.columns import Column
from backupviewer.core.records import Record, Status
from backupviewer.health import missed_rows
from backupviewer.health.findings import Health
from backupviewer.history import csv_export, query
from backupviewer.history.query import RowFilter, StatusFilter
from backupviewer.history.table import STATUSES, HistoryTable
from backupviewer.qt import row_tips
from backupviewer.qt.plain_text import cut
from backupviewer.qt.status_icons import SPINNER_FRAMES

logger = logging.getLogger(__name__)

_Index = QModelIndex | QPersistentModelIndex
_COLUMNS = tuple(Column)
_NEWEST_FIRST = (Column.STARTED, Column.FINISHED, Column.DURATION)
"""Columns whose first click sorts descending: the newest or the longest is what is sought."""
_FIRST_ORDER = (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder)
_FEW = 16  # up to this many rows are looked up one by one, beyond with a map of all rows
_RECORDS_KEPT = 32  # records rebuilt for the detail pane and tooltips, kept for reuse
_SPIN_INTERVAL_MS = 150
_SPIN_ROWS = 200  # animating more running rows than fit on a screen helps nobody
_WATCHED = 20  # running backups checked one by one at most (more: the whole history)
_ALIGN_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_ALIGN_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_RUNNING = STATUSES.index(Status.RUNNING)


class HistoryModel(QAbstractTableModel):
    """Backups (and missed runs) as table rows, sorted and filtered here.

    Signals: ``counts_changed(shown, total)`` whenever either count of backups changes (missed
    runs are not backups: see `missed_shown`); ``health_changed()`` when the rows shown come
    with another `health` (or none).
    """

    counts_changed = Signal(int, int)
    health_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._table = HistoryTable()
        self._backups = self._table  # the server's rows (the table without missed runs)
        self._health: Health | None = None
        self._order: list[int] = []  # every row number, sorted
        self._visible: list[int] = []  # the row numbers shown, in view order
        self._running = 0
        self._ids: dict[str, int] | None = None
        self._records: OrderedDict[int, Record] = OrderedDict()
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._filter = RowFilter()
        self._local = False
        self._counted: tuple[tuple[object, ...], dict[StatusFilter, int]] | None = None
        """The last status counts and what they were counted of."""
        self._frame = 0
        self._spin_rows: list[int] | None = None
        self._spinner = QTimer(self)
        self._spinner.setInterval(_SPIN_INTERVAL_MS)
        self._spinner.timeout.connect(self._on_spinner_timeout)

    # -- Qt model interface ----------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        number = self._visible[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == Column.DURATION and self._table.status[number] == _RUNNING:
                return row_tips.running_text(self._table, self._health, number)
            return cut(self._table.text(number, _COLUMNS[column], local=self._local))
        table, health = self._table, self._health
        if role == Qt.ItemDataRole.DecorationRole:
            return row_tips.cell_icon(table, health, number, _COLUMNS[column], self._frame)
        if role == Qt.ItemDataRole.ToolTipRole:
            return row_tips.cell_tip(table, health, number, _COLUMNS[column], self._record)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN_RIGHT if column == Column.DURATION else _ALIGN_LEFT
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.InitialSortOrderRole:  # the newest, the longest first
            return _FIRST_ORDER[Column(section) in _NEWEST_FIRST]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            title, tip = row_tips.time_header(Column(section), self._table, self._local)
            return title if role == Qt.ItemDataRole.DisplayRole else tip
        return None

    @property
    def local_clock(self) -> bool:
        """Whether times show on this computer's clock (else on the server's)."""
        return self._local

    def set_local_clock(self, local: bool) -> None:
        if local == self._local:
            return
        self._local = local
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
        if self._visible:
            last = len(self._visible) - 1
            for column in (Column.STARTED, Column.FINISHED):
                self.dataChanged.emit(self.index(0, column), self.index(last, column))

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order the rows by `column`'s real value (-1: the order the server sent)."""
        self._sort_column = column if 0 <= column < len(Column) else -1
        self._sort_order = order
        self.layoutAboutToBeChanged.emit()
        before = self._visible
        self._order = self._sorted(self._table)
        self._visible = self._matching(self._order)
        self._spin_rows = None
        self._move_persistent_indexes(before)
        self.layoutChanged.emit()

    # -- loading ---------------------------------------------------------------------------

    def clear(self) -> None:
        """Remove every row."""
        self.replace(HistoryTable())

    def replace(self, table: HistoryTable, health: Health | None = None) -> None:
        """Show exactly these backups (a whole history) and the missed runs of their
        `health`, keeping the sort and the filters.

        The model keeps `table` (and extends it in `append`).
        """
        self._backups = table
        self.set_health(health)

    def set_health(self, health: Health | None) -> None:
        """Show the missed runs of `health` after the backups, and mark its slow backups
        (None: neither)."""
        missed = health.missed_rows if health is not None else HistoryTable()
        table = missed_rows.with_missed(self._backups, missed)
        self._health = health
        self._show(table)
        self.health_changed.emit()

    def _show(self, table: HistoryTable) -> None:
        self._filter = self._filter.but(marked=self._marks(table))
        order = self._sorted(table)
        self.beginResetModel()
        self._table = table
        self._order = order
        self._visible = self._matching(order)
        self._running = self._backups.status.count(_RUNNING)
        self._forget_rows()
        self.endResetModel()
        self._rows_changed()

    def _marks(self, table: HistoryTable) -> bytes | None:
        """A byte per row, 1 for the backups the health marks: each schedule's newest run if
        it failed, slow ones and stuck ones ("needs attention" shows them)."""
        health = self._health
        if health is None:
            return None
        marks = bytearray(len(table))
        for row in (*health.slow, *health.stuck, *health.failing):
            if row < len(marks):
                marks[row] = 1
        return bytes(marks)

    def append(self, piece: HistoryTable) -> None:
        """Add backups below the shown ones (a history arriving); they take the sort once
        `finish_loading` says that all have come."""
        if self._table is not self._backups:  # (missed runs shown: they go, as in `replace`)
            self.replace(self._backups)
        first = len(self._table)
        self._table.extend(piece)
        numbers = range(first, len(self._table))
        self._order += numbers
        self._running += piece.status.count(_RUNNING)
        self._ids = None
        shown = self._matching(numbers)
        if shown:
            row = len(self._visible)
            self.beginInsertRows(QModelIndex(), row, row + len(shown) - 1)
            self._visible += shown
            self._spin_rows = None
            self.endInsertRows()
        self._rows_changed()

    def finish_loading(self, health: Health | None = None) -> None:
        """All appended rows are in: show the missed runs of their `health` and apply the
        current sort to them."""
        if health is not None:
            self.set_health(health)
        elif self._sort_column >= 0:
            self.sort(self._sort_column, self._sort_order)

    # -- filtering -------------------------------------------------------------------------

    def set_filter_text(self, text: str) -> None:
        """Show rows whose cells contain `text` (any column, any case); "" shows all."""
        needle = text.strip().casefold().encode()
        if needle == self._filter.needle:
            return
        narrowing = self._filter.needle in needle
        self._filter = self._filter.but(needle=needle)
        self._refilter(self._visible if narrowing else self._order)

    def set_status_filter(self, status_filter: StatusFilter) -> None:
        if status_filter is self._filter.status:
            return
        self._filter = self._filter.but(status=status_filter)
        self._refilter(self._order)

    def set_schedule_filter(self, schedule_id: str | None) -> None:
        """Show only the rows of the schedule with this id (None: of every schedule)."""
        if schedule_id != self._filter.schedule_id:
            self._filter = self._filter.but(schedule_id=schedule_id)
            self._refilter(self._order)

    def set_day_filter(self, day: tuple[int, int] | None) -> None:
        """Show only the rows started in [start, end) ms (None: on any day)."""
        if day != self._filter.day:
            self._filter = self._filter.but(day=day)
            self._refilter(self._order)

    def set_since(self, since: int | None) -> None:
        """Show only the rows started from `since` (ms since the epoch) on (None: any time)."""
        if since != self._filter.since:
            self._filter = self._filter.but(since=since)
            self._refilter(self._order)

    def status_counts(self) -> dict[StatusFilter, int]:
        """How many rows each status choice would show with the other filters as they are."""
        table, chosen = self._table, self._filter.but(status=StatusFilter.ALL)
        key = (table, len(table), chosen)
        if self._counted is None or self._counted[0] != key:
            shown = self._visible if self._filter.status is StatusFilter.ALL else None
            self._counted = (key, query.status_counts(table, chosen, shown))
        return self._counted[1]

    @property
    def filter_text(self) -> str:
        return self._filter.needle.decode()

    @property
    def status_filter(self) -> StatusFilter:
        return self._filter.status

    @property
    def health(self) -> Health | None:
        """The health whose missed runs and marks are shown (None before one came)."""
        return self._health

    @property
    def backups(self) -> HistoryTable:
        """The server's backups, without the missed runs."""
        return self._backups

    # -- reading ---------------------------------------------------------------------------

    def record_at(self, row: int) -> Record:
        """The record shown in `row` (rebuilt from its raw JSON; the last few are kept)."""
        return self._record(self._visible[row])

    def id_at(self, row: int) -> str:
        """What tells the row apart across reloads (without building its record): the
        backup id, or for a missed run its schedule and fire time."""
        return self.key_of(self._visible[row])

    def is_missed(self, row: int) -> bool:
        return self._table.is_missed(self._visible[row])

    def status_at(self, row: int) -> Status:
        return self._table.status_at(self._visible[row])

    def notes_at(self, row: int) -> list[str]:
        """What the health says of the row in `row` (slow, its schedule failing)."""
        return row_tips.health_notes(self._table, self._health, self._visible[row])

    def records_shown(self) -> Iterator[Record]:
        """The shown records in view order, each rebuilt from its raw JSON: fine for a few
        thousand rows; export and copy read the cells instead."""
        table = self._table
        return (table.record(number) for number in self._visible)

    def cell_texts(self, rows: Sequence[int], columns: Sequence[Column]) -> list[tuple[str, ...]]:
        """The displayed texts of `columns` for each of `rows` (column by column: faster)."""
        numbers = list(map(self._visible.__getitem__, rows))
        per_column = [self._table.cells(column, numbers, local=self._local) for column in columns]
        return list(zip(*per_column, strict=True)) if per_column else [() for _ in numbers]

    def export_csv(
        self,
        path: str | os.PathLike[str],
        columns: Sequence[Column],
        bom: bool,
        rows: Sequence[int] | None = None,
        titles: bool = False,
    ) -> int:
        """Write the shown rows (or these of them) in view order with `columns` as CSV to
        `path` (atomically; `titles`: the header as the window titles them); the rows
        written. Raises `OSError`."""
        numbers = self._visible if rows is None else list(map(self._visible.__getitem__, rows))
        return csv_export.write_table(self._table, numbers, columns, path, bom=bom, titles=titles)

    def row_of(self, record_id: str) -> int | None:
        """The row showing the backup with this id, None when it is hidden or absent."""
        number = self._number_of(record_id)
        if number is None:
            return None
        try:
            return self._visible.index(number)
        except ValueError:
            return None

    def rows_of(self, record_ids: Collection[str]) -> list[int]:
        """Rows showing these backups (hidden and absent ones left out), in ascending order."""
        if len(record_ids) <= _FEW:
            found = (self.row_of(record_id) for record_id in record_ids)
            return sorted(row for row in found if row is not None)
        position = {number: row for row, number in enumerate(self._visible)}
        numbers = (self._number_of(record_id) for record_id in record_ids)
        return sorted(position[n] for n in numbers if n is not None and n in position)

    @property
    def shown_count(self) -> int:
        """Backups shown (missed runs are not backups)."""
        return len(self._visible) - self.missed_shown

    @property
    def total_count(self) -> int:
        """Backups loaded."""
        return len(self._backups)

    @property
    def missed_shown(self) -> int:
        """Missed runs shown (they follow the backups in the table)."""
        first = len(self._backups)
        if len(self._table) == first:
            return 0
        return sum(map(first.__le__, self._visible))

    @property
    def missed_count(self) -> int:
        return len(self._table) - len(self._backups)

    def missed_runs(self, rows: Sequence[int] | None = None) -> tuple[int, int]:
        """The fire times missed that the rows shown (or these of them) stand for, and all."""
        if self._health is None:
            return 0, 0
        numbers = self._visible if rows is None else map(self._visible.__getitem__, rows)
        shown = missed_rows.runs_in(self._health.missed, numbers, len(self._backups))
        return shown, self._health.missed_count

    def watched_ids(self) -> list[str]:
        """The ids of the running backups worth checking (not those the health calls stuck),
        a few at most."""
        table, stuck = self._backups, self._health.stuck if self._health is not None else {}
        running = (n for n in range(len(table)) if table.status[n] == _RUNNING and n not in stuck)
        return [table.ids[n] for n in itertools.islice(running, _WATCHED) if table.ids[n]]

    @property
    def running_count(self) -> int:
        """How many loaded backups are running (shown or not)."""
        return self._running

    @property
    def sort_column(self) -> int:
        return self._sort_column

    @property
    def sort_order(self) -> Qt.SortOrder:
        return self._sort_order

    # -- internals -------------------------------------------------------------------------

    def _record(self, number: int) -> Record:
        records = self._records
        record = records.get(number)
        if record is None:
            record = records[number] = self._table.record(number)
            if len(records) > _RECORDS_KEPT:
                records.popitem(last=False)
        else:
            records.move_to_end(number)
        return record

    def _number_of(self, record_id: str) -> int | None:
        if self._ids is None:
            ids = self._table.ids[: len(self._backups)]
            self._ids = dict(zip(ids, range(len(ids)), strict=True))
            self._ids.update(missed_rows.numbers_by_key(self._table, len(ids)))
        return self._ids.get(record_id)

    @property
    def table(self) -> HistoryTable:
        """The table shown: the backups, then the missed runs."""
        return self._table

    def key_of(self, number: int) -> str:
        """What tells table row `number` apart across reloads (see `id_at`)."""
        if number < len(self._backups):
            return self._table.ids[number]
        return missed_rows.key(self._table, number)

    def _forget_rows(self) -> None:
        """After the table changed: drop what was derived from the old one."""
        self._ids = None
        self._records.clear()
        self._spin_rows = None

    def _sorted(self, table: HistoryTable) -> list[int]:
        column = _COLUMNS[self._sort_column] if self._sort_column >= 0 else None
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        return query.sorted_rows(table, range(len(table)), column, descending)

    def _matching(self, numbers: Sequence[int]) -> list[int]:
        return query.matching(self._table, numbers, self._filter)

    def _refilter(self, candidates: list[int]) -> None:
        self.beginResetModel()
        self._visible = self._matching(candidates)
        self._spin_rows = None
        self.endResetModel()
        self.counts_changed.emit(self.shown_count, self.total_count)

    def _move_persistent_indexes(self, before: list[int]) -> None:
        """Point persistent indexes (selection, current row) at their records' new rows."""
        old = self.persistentIndexList()
        if not old:
            return
        position = array("i", [-1]) * len(self._table)
        for row, number in enumerate(self._visible):
            position[number] = row
        new = []
        for index in old:
            row = position[before[index.row()]] if 0 <= index.row() < len(before) else -1
            new.append(self.createIndex(row, index.column()) if row >= 0 else QModelIndex())
        self.changePersistentIndexList(old, new)

    def _rows_changed(self) -> None:
        if self._running and not self._spinner.isActive():
            self._spinner.start()
        elif not self._running:
            self._spinner.stop()
        self.counts_changed.emit(self.shown_count, self.total_count)

    def _on_spinner_timeout(self) -> None:
        self._frame = (self._frame + 1) % SPINNER_FRAMES
        if self._spin_rows is None:
            statuses = self._table.status
            shown = (row for row, n in enumerate(self._visible) if statuses[n] == _RUNNING)
            self._spin_rows = list(itertools.islice(shown, _SPIN_ROWS))
        roles = [Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.DisplayRole]
        for row in self._spin_rows:  # the spinner turns, the time running ticks
            self.dataChanged.emit(
                self.index(row, Column.STATUS), self.index(row, Column.DURATION), roles
            )

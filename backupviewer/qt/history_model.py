"""The backup table model: the adapter between a `Snapshot` and Qt's views – its table's rows
in the order and with the filters the user chose, and what each cell shows; nothing else.

A `QSortFilterProxyModel` over a Python model calls `data()` per comparison (25 s per sort at
100,000 rows); here `history.query` sorts and filters the whole table at once, and the model
only maps view rows (`ViewRow`) to the table's rows (`TableRow`).
"""

from __future__ import annotations

import itertools
import logging
from array import array
from collections.abc import Collection, Sequence
from typing import Any, NewType, cast

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from backupviewer.core.columns import Column
from backupviewer.core.records import Record, Status
from backupviewer.health.snapshot import Snapshot, unjudged
from backupviewer.history import query
from backupviewer.history.query import RowFilter, StatusFilter
from backupviewer.history.table import HistoryTable, TableRow
from backupviewer.qt import row_words
from backupviewer.qt.plain_text import cut
from backupviewer.qt.release import release_later

logger = logging.getLogger(__name__)

ViewRow = NewType("ViewRow", int)
"""A row as the view shows it (sorted and filtered) – not a row of the snapshot's table."""
_Index = QModelIndex | QPersistentModelIndex
_COLUMNS = tuple(Column)
_NEWEST_FIRST = (Column.STARTED, Column.FINISHED, Column.DURATION)
"""Columns whose first click sorts descending: the newest or the longest is what is sought."""
_FIRST_ORDER = (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder)
_FEW = 16  # up to this many rows are looked up one by one, beyond with a map of all rows
_RUNNING_ROWS = 200  # ticking more running rows than fit on a screen helps nobody
_ALIGN_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_ALIGN_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class HistoryModel(QAbstractTableModel):
    """A snapshot's rows – the backups, then the missed runs – sorted and filtered here.

    Signals: ``counts_changed(shown, total)`` whenever either count of backups changes (missed
    runs are not backups: see `missed_shown`); ``snapshot_changed()`` when another snapshot is
    shown (see `show`).
    """

    counts_changed = Signal(int, int)
    snapshot_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._snapshot = unjudged(HistoryTable())
        self._order: list[int] = []  # every table row, sorted
        self._visible: list[int] = []  # the table rows shown, in view order
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._filter = RowFilter()
        self._local = False
        self._counted: tuple[tuple[object, ...], dict[StatusFilter, int]] | None = None
        """The last status counts and what they were counted of."""
        self._running_rows: list[int] | None = None
        self.frame = 0
        """The running backups' spinner's frame (a `RunningTicker` turns it)."""

    # -- Qt model interface ----------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = TableRow(self._visible[index.row()])
        column = _COLUMNS[index.column()]
        snapshot = self._snapshot
        if role == Qt.ItemDataRole.DisplayRole:
            if column is Column.DURATION and snapshot.status(row) is Status.RUNNING:
                return row_words.running_text(snapshot, row)
            return cut(snapshot.table.text(row, column, local=self._local))
        if role == Qt.ItemDataRole.DecorationRole:
            return row_words.cell_icon(snapshot, row, column, self.frame)
        if role == Qt.ItemDataRole.ToolTipRole:
            return row_words.cell_tip(snapshot, row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN_RIGHT if column is Column.DURATION else _ALIGN_LEFT
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.InitialSortOrderRole:  # the newest, the longest first
            return _FIRST_ORDER[Column(section) in _NEWEST_FIRST]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            title, tip = row_words.time_header(Column(section), self._snapshot.table, self._local)
            return title if role == Qt.ItemDataRole.DisplayRole else tip
        return None

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
        self._order = self._sorted(self._snapshot.table)
        self._visible = self._matching(self._order)
        self._running_rows = None
        self._move_persistent_indexes(before)
        self.layoutChanged.emit()

    @property
    def sort_column(self) -> int:
        return self._sort_column

    @property
    def sort_order(self) -> Qt.SortOrder:
        return self._sort_order

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

    # -- what is shown ---------------------------------------------------------------------

    @property
    def snapshot(self) -> Snapshot:
        """The snapshot whose table is shown (its backups grow while a history arrives)."""
        return self._snapshot

    def clear(self) -> None:
        """Show no row."""
        self.show(unjudged(HistoryTable()))

    def show(self, snapshot: Snapshot) -> None:
        """Show the rows of `snapshot` (a whole history), keeping the sort and the filters."""
        order = self._sorted(snapshot.table)
        self.beginResetModel()
        release_later(self._snapshot)
        self._snapshot = snapshot
        self._filter = self._filter.but(marked=snapshot.marks)
        self._order = order
        self._visible = self._matching(order)
        self._running_rows = None
        self.endResetModel()
        self.counts_changed.emit(self.shown_count, self.total_count)
        self.snapshot_changed.emit()

    def append(self, piece: HistoryTable) -> None:
        """Add backups below the shown ones (a history arriving); they take the sort when the
        whole history is shown (`show`)."""
        if self._snapshot.health is not None:  # (its missed runs go: the history is new)
            self.show(unjudged(self._snapshot.backups, self._snapshot.schedules))
        table = self._snapshot.table
        first = len(table)
        table.extend(piece)
        rows = range(first, len(table))
        self._order += rows
        shown = self._matching(rows)
        if shown:
            row = len(self._visible)
            self.beginInsertRows(QModelIndex(), row, row + len(shown) - 1)
            self._visible += shown
            self._running_rows = None
            self.endInsertRows()
        self.counts_changed.emit(self.shown_count, self.total_count)

    # -- filters ---------------------------------------------------------------------------

    def set_filter_text(self, text: str) -> None:
        """Show rows whose cells contain `text` (any column, any case); "" shows all."""
        needle = text.strip().casefold().encode()
        if needle == self._filter.needle:
            return
        narrowing = self._filter.needle in needle
        self._filter = self._filter.but(needle=needle)
        self._refilter(self._visible if narrowing else self._order)

    def set_status_filter(self, status_filter: StatusFilter) -> None:
        if status_filter is not self._filter.status:
            self._filter = self._filter.but(status=status_filter)
            self._refilter(self._order)

    def set_schedule_filter(self, schedule_id: str | None) -> None:
        """Show only the rows of the schedule with this `ScheduleItem.key` (None: of every
        schedule)."""
        if schedule_id != self._filter.schedule_id:
            self._filter = self._filter.but(schedule_id=schedule_id)
            self._refilter(self._order)

    def set_server_filter(self, server: str | None) -> None:
        """Show only the rows of this server (None: of every server; see `health.combined`)."""
        if server != self._filter.server:
            self._filter = self._filter.but(server=server)
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

    @property
    def filter_text(self) -> str:
        return self._filter.needle.decode()

    @property
    def status_filter(self) -> StatusFilter:
        return self._filter.status

    def status_counts(self) -> dict[StatusFilter, int]:
        """How many rows each status choice would show with the other filters as they are."""
        table, chosen = self._snapshot.table, self._filter.but(status=StatusFilter.ALL)
        key = (table, len(table), chosen)
        if self._counted is None or self._counted[0] != key:
            shown = self._visible if self._filter.status is StatusFilter.ALL else None
            self._counted = (key, query.status_counts(table, chosen, shown))
        return self._counted[1]

    # -- rows ------------------------------------------------------------------------------

    def table_row(self, row: int) -> TableRow:
        """The snapshot's row shown in view row `row`."""
        return TableRow(self._visible[row])

    def table_rows(self, rows: Sequence[int] | None = None) -> list[TableRow]:
        """The snapshot's rows shown (or shown in `rows`), in view order."""
        if rows is None:
            return cast("list[TableRow]", self._visible[:])  # (a NewType costs a call a row)
        return [TableRow(self._visible[row]) for row in rows]

    def record_at(self, row: int) -> Record:
        """The record shown in `row` (rebuilt from its raw JSON)."""
        return self._snapshot.record(self.table_row(row))

    def key_at(self, row: int) -> str:
        """What tells the row apart across loads (see `Snapshot.key`)."""
        return self._snapshot.key(self.table_row(row))

    def status_at(self, row: int) -> Status:
        return self._snapshot.status(self.table_row(row))

    def server_at(self, row: int) -> str:
        """The server of the row shown in `row` ("": one server's history)."""
        return self._snapshot.server(self.table_row(row))

    def is_missed(self, row: int) -> bool:
        return self._snapshot.is_missed(self.table_row(row))

    def row_of(self, key: str) -> ViewRow | None:
        """The view row showing the backup (or missed runs) with this key, None when it is
        hidden or absent."""
        found = self._snapshot.row_of(key)
        if found is None:
            return None
        try:
            return ViewRow(self._visible.index(found))
        except ValueError:
            return None

    def rows_of(self, keys: Collection[str]) -> list[ViewRow]:
        """The view rows showing these (hidden and absent ones left out), ascending."""
        if len(keys) <= _FEW:
            found = (self.row_of(key) for key in keys)
            return sorted(row for row in found if row is not None)
        position = {number: ViewRow(row) for row, number in enumerate(self._visible)}
        rows = (self._snapshot.row_of(key) for key in keys)
        return sorted(position[n] for n in rows if n is not None and n in position)

    # -- counts ----------------------------------------------------------------------------

    @property
    def shown_count(self) -> int:
        """Backups shown (missed runs are not backups)."""
        return len(self._visible) - self.missed_shown

    @property
    def total_count(self) -> int:
        """Backups loaded."""
        return self._snapshot.backup_count

    @property
    def missed_shown(self) -> int:
        """Rows of missed runs shown (they follow the backups in the table)."""
        first = self._snapshot.backup_count
        if not self._snapshot.missed_row_count:
            return 0
        return sum(map(first.__le__, self._visible))

    @property
    def missed_count(self) -> int:
        """Rows of missed runs."""
        return self._snapshot.missed_row_count

    def missed_runs(self, rows: Sequence[int] | None = None) -> tuple[int, int]:
        """The fire times missed that the rows shown (or these of them) stand for, and all."""
        shown = self._snapshot.missed_runs_in(self.table_rows(rows))
        return shown, self._snapshot.missed_runs

    # -- running backups -------------------------------------------------------------------

    def tick_running(self) -> None:
        """Running backups' spinners turn and their times running tick: their cells changed."""
        if self._running_rows is None:
            running = self._snapshot.table.having(Status.RUNNING)
            shown = (row for row, n in enumerate(self._visible) if running[n])
            self._running_rows = list(itertools.islice(shown, _RUNNING_ROWS))
        roles = [Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.DisplayRole]
        for row in self._running_rows:
            self.dataChanged.emit(
                self.index(row, Column.STATUS), self.index(row, Column.DURATION), roles
            )

    # -- internals -------------------------------------------------------------------------

    def _sorted(self, table: HistoryTable) -> list[int]:
        column = _COLUMNS[self._sort_column] if self._sort_column >= 0 else None
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        return query.sorted_rows(table, range(len(table)), column, descending)

    def _matching(self, rows: Sequence[int]) -> list[int]:
        return query.matching(self._snapshot.table, rows, self._filter)

    def _refilter(self, candidates: list[int]) -> None:
        self.beginResetModel()
        self._visible = self._matching(candidates)
        self._running_rows = None
        self.endResetModel()
        self.counts_changed.emit(self.shown_count, self.total_count)

    def _move_persistent_indexes(self, before: list[int]) -> None:
        """Point persistent indexes (selection, current row) at their records' new rows."""
        old = self.persistentIndexList()
        if not old:
            return
        position = array("i", [-1]) * len(self._snapshot.table)
        for row, number in enumerate(self._visible):
            position[number] = row
        new = []
        for index in old:
            row = position[before[index.row()]] if 0 <= index.row() < len(before) else -1
            new.append(self.createIndex(row, index.column()) if row >= 0 else QModelIndex())
        self.changePersistentIndexList(old, new)

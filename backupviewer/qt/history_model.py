"""The backup table model: records in a visible order, sorted and filtered in the model itself.

A `QSortFilterProxyModel` over a Python model calls `data()` per comparison (25 s per sort at
100,000 rows); here each column's sort ranks and each row's search text are computed once, so a
sort is one `sorted()` over ints and a filter keystroke one substring scan.
"""

from __future__ import annotations

import enum
import itertools
import logging
from array import array
from collections.abc import Collection, Iterable, Iterator, Sequence
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

from backupviewer.columns import Column
from backupviewer.parse_worker import Batch, Ranks
from backupviewer.qt.status_icons import SPINNER_FRAMES, status_icon, warning_icon
from backupviewer.records import Record, Status

logger = logging.getLogger(__name__)

RecordRole = Qt.ItemDataRole.UserRole + 1
"""`data()` role giving the row's `Record`."""
SortRole = Qt.ItemDataRole.UserRole + 2
"""`data()` role giving the int that orders the cell's column (equal values, equal ints)."""

_Index = QModelIndex | QPersistentModelIndex
_CELL_TEXTS = [column.text for column in Column]
_FEW = 16  # up to this many rows are looked up one by one, beyond with a map of all rows
_SPIN_INTERVAL_MS = 150
_SPIN_ROWS = 200  # animating more running rows than fit on a screen helps nobody
_ALIGN_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_ALIGN_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class StatusFilter(enum.Enum):
    """Which statuses the table shows."""

    ALL = "all"
    FAILED = "failed"
    RUNNING = "running"
    SUCCEEDED = "succeeded"

    @property
    def label(self) -> str:
        return {"all": "All statuses"}.get(self.value, self.value.capitalize())

    @property
    def status(self) -> Status | None:
        return None if self is StatusFilter.ALL else Status(self.value)


class _Rows:
    """The loaded history: records with their cell texts, search texts and sort ranks."""

    __slots__ = ("cells", "ids", "ranks", "records", "running", "search", "statuses")

    def __init__(self) -> None:
        self.records: list[Record] = []
        self.search: list[bytes] = []
        self.statuses: list[Status] = []
        self.cells: list[tuple[str, ...] | None] = []
        self.ranks: tuple[array[int], ...] | None = None
        self.running = 0
        self.ids: dict[str, int] | None = None

    def __len__(self) -> int:
        return len(self.records)

    def extend(self, batch: Batch) -> range:
        """Add a batch's rows; return their record numbers."""
        first = len(self.records)
        self.records += batch.records
        self.search += batch.search
        statuses = [record.status for record in batch.records]
        self.statuses += statuses
        self.running += statuses.count(Status.RUNNING)
        self.cells += [None] * len(batch)
        self.ranks = None
        self.ids = None
        return range(first, len(self.records))

    def cells_of(self, number: int) -> tuple[str, ...]:
        """The row's cell texts, made once when first needed (a screenful at a time)."""
        cells = self.cells[number]
        if cells is None:
            record = self.records[number]
            cells = self.cells[number] = tuple([text(record) for text in _CELL_TEXTS])
        return cells

    def number_of(self, record_id: str) -> int | None:
        if self.ids is None:
            self.ids = {record.id: number for number, record in enumerate(self.records)}
        return self.ids.get(record_id)


class HistoryModel(QAbstractTableModel):
    """Backups as table rows; `RecordRole` gives a row's record.

    Signals: ``counts_changed(shown, total)`` whenever either count changes.
    """

    counts_changed = Signal(int, int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows = _Rows()
        self._order: list[int] = []
        self._visible: list[int] = []
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._needle = b""
        self._status: Status | None = None
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
            return self._rows.cells_of(number)[column]
        if role == Qt.ItemDataRole.DecorationRole:
            return self._decoration(number, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(number, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN_RIGHT if column == Column.DURATION else _ALIGN_LEFT
        if role == RecordRole:
            return self._rows.records[number]
        if role == SortRole:
            ranks = self._rows.ranks
            return ranks[column][number] if ranks is not None else number
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return Column(section).header
        if role == Qt.ItemDataRole.ToolTipRole:
            return _HEADER_TIPS.get(Column(section))
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
        self._order = self._sorted(range(len(self._rows)))
        self._visible = self._matching(self._order)
        self._spin_rows = None
        self._move_persistent_indexes(before)
        self.layoutChanged.emit()

    # -- loading ---------------------------------------------------------------------------

    def clear(self) -> None:
        """Remove every row."""
        self.replace((), Ranks(tuple(array("i") for _ in Column)))

    def replace(self, batches: Iterable[Batch], ranks: Ranks) -> None:
        """Show exactly these rows (a whole history), keeping the sort and the filters."""
        rows = _Rows()
        for batch in batches:
            rows.extend(batch)
        rows.ranks = _checked(ranks, len(rows))
        self.beginResetModel()
        self._rows = rows
        self._order = self._sorted(range(len(rows)))
        self._visible = self._matching(self._order)
        self._spin_rows = None
        self.endResetModel()
        self._rows_changed()

    def append(self, batch: Batch) -> None:
        """Add rows below the shown ones (a history arriving); they sort once `set_ranks`
        brings the ranks of the whole history."""
        numbers = self._rows.extend(batch)
        self._order += numbers
        shown = self._matching(numbers)
        if shown:
            first = len(self._visible)
            self.beginInsertRows(QModelIndex(), first, first + len(shown) - 1)
            self._visible += shown
            self._spin_rows = None
            self.endInsertRows()
        self._rows_changed()

    def set_ranks(self, ranks: Ranks) -> None:
        """Give the appended rows their sort ranks and apply the current sort."""
        self._rows.ranks = _checked(ranks, len(self._rows))
        if self._sort_column >= 0:
            self.sort(self._sort_column, self._sort_order)

    # -- filtering -------------------------------------------------------------------------

    def set_filter_text(self, text: str) -> None:
        """Show rows whose cells contain `text` (any column, any case); "" shows all."""
        needle = text.strip().casefold().encode()
        if needle == self._needle:
            return
        narrowing = self._needle in needle
        self._needle = needle
        self._refilter(self._visible if narrowing else self._order)

    def set_status_filter(self, status_filter: StatusFilter) -> None:
        if status_filter.status is self._status:
            return
        self._status = status_filter.status
        self._refilter(self._order)

    @property
    def filter_text(self) -> str:
        return self._needle.decode()

    @property
    def status_filter(self) -> StatusFilter:
        return StatusFilter(self._status.value) if self._status else StatusFilter.ALL

    # -- reading ---------------------------------------------------------------------------

    def record_at(self, row: int) -> Record:
        """The record shown in `row`."""
        return self._rows.records[self._visible[row]]

    def records_shown(self) -> Iterator[Record]:
        """The shown records in view order (what export writes)."""
        records = self._rows.records
        return (records[number] for number in self._visible)

    def cell_texts(self, rows: Iterable[int], columns: Sequence[int]) -> list[tuple[str, ...]]:
        """The displayed texts of `columns` for each of `rows` (column by column: faster)."""
        records, visible = self._rows.records, self._visible
        shown = [records[visible[row]] for row in rows]
        per_column = [[_CELL_TEXTS[c](record) for record in shown] for c in columns]
        return list(zip(*per_column, strict=True)) if per_column else [() for _ in shown]

    def row_of(self, record_id: str) -> int | None:
        """The row showing the backup with this id, None when it is hidden or absent."""
        number = self._rows.number_of(record_id)
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
        numbers = (self._rows.number_of(record_id) for record_id in record_ids)
        return sorted(position[n] for n in numbers if n is not None and n in position)

    @property
    def shown_count(self) -> int:
        return len(self._visible)

    @property
    def total_count(self) -> int:
        return len(self._rows)

    @property
    def running_count(self) -> int:
        """How many loaded backups are running (shown or not)."""
        return self._rows.running

    @property
    def sort_column(self) -> int:
        return self._sort_column

    @property
    def sort_order(self) -> Qt.SortOrder:
        return self._sort_order

    # -- internals -------------------------------------------------------------------------

    def _sorted(self, numbers: Iterable[int]) -> list[int]:
        if self._sort_column < 0 or self._rows.ranks is None:
            return list(numbers)  # the server's order (until the ranks arrive)
        ranks = self._rows.ranks[self._sort_column]
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        return sorted(numbers, key=ranks.__getitem__, reverse=descending)

    def _matching(self, numbers: Iterable[int]) -> list[int]:
        needle, wanted = self._needle, self._status
        if wanted is None and not needle:
            return list(numbers)
        search, statuses = self._rows.search, self._rows.statuses
        if wanted is None:
            return [n for n in numbers if needle in search[n]]
        if not needle:
            return [n for n in numbers if statuses[n] is wanted]
        return [n for n in numbers if statuses[n] is wanted and needle in search[n]]

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
        position = array("i", [-1]) * len(self._rows)
        for row, number in enumerate(self._visible):
            position[number] = row
        new = []
        for index in old:
            row = position[before[index.row()]] if 0 <= index.row() < len(before) else -1
            new.append(self.createIndex(row, index.column()) if row >= 0 else QModelIndex())
        self.changePersistentIndexList(old, new)

    def _rows_changed(self) -> None:
        if self._rows.running and not self._spinner.isActive():
            self._spinner.start()
        elif not self._rows.running:
            self._spinner.stop()
        self.counts_changed.emit(self.shown_count, self.total_count)

    def _decoration(self, number: int, column: int) -> Any:
        if column == Column.STATUS:
            return status_icon(self._rows.statuses[number], self._frame)
        if column == Column.NAME:
            record = self._rows.records[number]
            if record.problems or record.schedule_error:
                return warning_icon()
        return None

    def _tooltip(self, number: int, column: int) -> str | None:
        record = self._rows.records[number]
        if column == Column.STATUS:
            return _status_tip(record)
        if column == Column.NAME and (record.problems or record.schedule_error):
            problems = [*record.problems]
            if record.schedule_error:
                problems.append(f"Schedule: {record.schedule_error}")
            return "Some fields could not be read:\n• " + "\n• ".join(problems)
        text = self._rows.cells_of(number)[column]
        return text if len(text) > 40 else None

    def _on_spinner_timeout(self) -> None:
        self._frame = (self._frame + 1) % SPINNER_FRAMES
        if self._spin_rows is None:
            statuses, running = self._rows.statuses, Status.RUNNING
            shown = (row for row, n in enumerate(self._visible) if statuses[n] is running)
            self._spin_rows = list(itertools.islice(shown, _SPIN_ROWS))
        roles = [Qt.ItemDataRole.DecorationRole]
        for row in self._spin_rows:
            index = self.index(row, Column.STATUS)
            self.dataChanged.emit(index, index, roles)


def _checked(ranks: Ranks, count: int) -> tuple[array[int], ...]:
    if len(ranks.columns) != len(Column) or any(len(c) != count for c in ranks.columns):
        raise ValueError("The ranks do not match the rows.")
    return ranks.columns


def _status_tip(record: Record) -> str:
    if record.status is Status.FAILED:
        reason = record.message.strip() or "The server gave no reason."
        return f"Failed: {reason}"
    if record.status is Status.RUNNING:
        return "Running: the list refreshes itself until it ends."
    if record.status is Status.UNKNOWN:
        return f"The server sent status {record.status_raw!r}, which the viewer does not know."
    return "Succeeded"


_HEADER_TIPS = {
    Column.STARTED: "When the backup started, in the server's local time",
    Column.FINISHED: "When the backup ended, in the server's local time",
    Column.DURATION: "From start to end",
    Column.CONTENT: "What the backup holds",
    Column.SCHEDULE: "The schedule that made the backup (empty for manual and uploaded ones)",
}

"""What the window shows of a table: rows sorted by a column, and those the filters let through.

A sort is one `sorted()` over keys made once per column; a filter keystroke one substring
scan of the distinct texts and of the ids and times, mapped onto the rows from C; a status,
schedule or day one translation or comparison of a whole column.
"""

from __future__ import annotations

import enum
import operator
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import compress, repeat

from backupviewer.core.columns import Column
from backupviewer.core.datafor.server_entry import off_server
from backupviewer.core.records import Status
from backupviewer.history.table import CODED_COLUMNS, STATUSES, HistoryTable
from backupviewer.history.text_column import rows_hit

_NOT_FOUND = -1
_END_OF_TIME = 2**63 - 1


class StatusFilter(enum.Enum):
    """Which rows the table shows by status; ``ATTENTION``: what needs action now – missed
    runs, backups of a status the viewer does not know or with fields it could not read, and
    those the health marks (each schedule's newest run if it failed, slow and stuck ones);
    ``FAILED`` still shows every failure."""

    ALL = "all"
    ATTENTION = "attention"
    FAILED = "failed"
    MISSED = "missed"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    UNKNOWN = "unknown"

    @property
    def status(self) -> Status | None:
        """The one status this choice shows, None when it is not a single status."""
        if self in (StatusFilter.ALL, StatusFilter.ATTENTION):
            return None
        return Status(self.value)


def sorted_rows(
    table: HistoryTable, rows: Sequence[int], column: Column | None, descending: bool
) -> list[int]:
    """`rows` ordered by `column`'s real value (None: as they are, the server's order)."""
    if column is None:
        return list(rows)
    return sorted(rows, key=table.sort_keys(column).__getitem__, reverse=descending)


@dataclass(frozen=True)
class RowFilter:
    """Everything that chooses rows: `needle` (case-folded UTF-8, b"" for any) in any
    column, a status choice, one schedule's rows (by its `ScheduleItem.key`), one server's
    (by its name), the rows started within `day` ([start, end) in ms) and from `since` (ms)
    on, and `marked`: a byte per row, non-zero for rows the health marks, which "needs
    attention" shows too."""

    needle: bytes = b""
    status: StatusFilter = StatusFilter.ALL
    schedule_id: str | None = None  # (a key)
    server: str | None = None
    day: tuple[int, int] | None = None
    since: int | None = None
    marked: bytes | None = None

    def but(self, **changes: object) -> RowFilter:
        """This filter with some of its choices changed."""
        return replace(self, **changes)  # type: ignore[arg-type]


def matching(table: HistoryTable, rows: Sequence[int], chosen: RowFilter) -> list[int]:
    """Those of `rows`, in their order, that the filter `chosen` lets through."""
    found: Sequence[int] = rows
    for admitted in (
        _admitted(table, chosen.status, chosen.marked),
        _of_schedule(table, chosen.schedule_id),
        None if chosen.server is None else table.texts[Column.SERVER].equal(chosen.server),
        _of_day(table, chosen.day),
        _of_period(table, chosen.since),
    ):
        if admitted is not None:
            found = list(compress(found, map(admitted.__getitem__, found)))
    if chosen.needle:
        found = _containing(table, chosen.needle, found)
    return list(found) if found is rows else found  # type: ignore[return-value]


def _containing(table: HistoryTable, needle: bytes, rows: Sequence[int]) -> list[int]:
    """Those of `rows` (in their order) with `needle` in a cell: the text columns' distinct
    texts are searched, then one `bytes.find` per row in the ids and times, all from C."""
    blob, starts, ends = table.search_index()
    if len(rows) >= len(table) // 4:  # search every row, in table order, then pick
        at = list(map(blob.find, repeat(needle), starts, ends))
        found = map(_NOT_FOUND.__lt__, map(at.__getitem__, rows))
    else:
        found = map(_NOT_FOUND.__lt__, map(blob.find, repeat(needle),
                    map(starts.__getitem__, rows), map(ends.__getitem__, rows)))  # fmt: skip
    masks = [mask for column in CODED_COLUMNS
             if (mask := table.shown(column).hits(needle)) is not None]  # fmt: skip
    if masks:
        hit = rows_hit(masks, len(table))
        found = map(operator.or_, found, map(hit.__getitem__, rows))
    return list(compress(rows, found))


def _admitted(
    table: HistoryTable, status_filter: StatusFilter, marked: bytes | None
) -> bytes | None:
    """One byte per row, non-zero where `status_filter` lets the row through (None: every
    row). Built in C: a translation of the status bytes, for "needs attention" or-ed with the
    flags and the health's marks, each read as one big integer."""
    single = status_filter.status
    if single is not None:
        return bytes(table.status.translate(_STATUS_MASKS[STATUSES.index(single)]))
    if status_filter is StatusFilter.ALL:
        return None
    either = int.from_bytes(table.status.translate(_ATTENTION_MASK), "big")
    either |= int.from_bytes(table.flagged, "big")
    if marked is not None and len(marked) == len(table):
        either |= int.from_bytes(marked, "big")
    return either.to_bytes(len(table), "big")


def _of_schedule(table: HistoryTable, key: str | None) -> bytes | None:
    """One byte per row, 1 for the rows of the schedule of this `ScheduleItem.key` (None: no
    schedule chosen)."""
    if key is None:
        return None
    server, schedule_id = off_server(key)
    rows = table.texts[Column.SCHEDULE_ID].equal(schedule_id)
    if server:
        on = int.from_bytes(table.texts[Column.SERVER].equal(server), "big")
        rows = (int.from_bytes(rows, "big") & on).to_bytes(len(rows), "big")
    return rows


def _of_day(table: HistoryTable, day: tuple[int, int] | None) -> bytes | None:
    """One byte per row, 1 for the rows started within `day` (None: any day)."""
    if day is None:
        return None
    start, end = day
    after = map(start.__le__, table.started)
    return bytes(map(operator.and_, after, map(end.__gt__, table.started)))


def _of_period(table: HistoryTable, since: int | None) -> bytes | None:
    """One byte per row, 1 for the rows started from `since` on (None: any time)."""
    return None if since is None else _of_day(table, (since, _END_OF_TIME))


def status_counts(
    table: HistoryTable, chosen: RowFilter, rows: Sequence[int] | None = None
) -> dict[StatusFilter, int]:
    """How many rows each status choice would show with every other filter of `chosen` as
    it is: what the status drop-down says beside its words. `rows`: those the other filters
    let through, when already known (None: found here)."""
    if rows is None:
        rows = matching(table, range(len(table)), chosen.but(status=StatusFilter.ALL))
    whole = len(rows) == len(table)
    statuses = table.status if whole else bytes(map(table.status.__getitem__, rows))
    counts = Counter(statuses)
    found = {choice: counts[STATUSES.index(choice.status)] for choice in StatusFilter
             if choice.status is not None}  # fmt: skip
    found[StatusFilter.ALL] = len(rows)
    attention = _admitted(table, StatusFilter.ATTENTION, chosen.marked) or b""
    if not whole and attention:
        attention = bytes(map(attention.__getitem__, rows))
    found[StatusFilter.ATTENTION] = len(rows) - attention.count(0)
    return found


def _mask(*indexes: int) -> bytes:
    """A `bytes.translate` table mapping these status indexes to 1, the others to 0."""
    return bytes(int(i in indexes) for i in range(256))


_STATUS_MASKS = [_mask(index) for index in range(len(STATUSES))]
_ATTENTION_MASK = _mask(STATUSES.index(Status.UNKNOWN), STATUSES.index(Status.MISSED))

"""What the window shows of a table: rows sorted by a column, and those the filters let through.

A sort is one `sorted()` over keys made once per column; a filter keystroke one substring
scan of the distinct texts and of the ids and times, mapped onto the rows from C.
"""

from __future__ import annotations

import enum
import operator
from collections.abc import Sequence
from itertools import compress, repeat

from backupviewer.core.columns import Column
from backupviewer.core.records import Status
from backupviewer.table.history_table import CODED_COLUMNS, STATUSES, HistoryTable
from backupviewer.table.text_column import rows_hit

_NOT_FOUND = -1


class StatusFilter(enum.Enum):
    """Which backups the table shows by status; ``ATTENTION``: failed ones, ones of a status
    the viewer does not know and ones with fields it could not read."""

    ALL = "all"
    ATTENTION = "attention"
    FAILED = "failed"
    RUNNING = "running"
    SUCCEEDED = "succeeded"

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


def matching(
    table: HistoryTable, rows: Sequence[int], needle: bytes, status_filter: StatusFilter
) -> list[int]:
    """Those of `rows`, in their order, that the filters let through: `needle` (case-folded
    UTF-8, b"" for any) in any column, and the status choice."""
    found: Sequence[int] = rows
    admitted = _admitted(table, status_filter)
    if admitted is not None:
        found = list(compress(found, map(admitted.__getitem__, found)))
    if needle:
        found = _containing(table, needle, found)
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
             if (mask := table.texts[column].hits(needle)) is not None]  # fmt: skip
    if masks:
        hit = rows_hit(masks, len(table))
        found = map(operator.or_, found, map(hit.__getitem__, rows))
    return list(compress(rows, found))


def _admitted(table: HistoryTable, status_filter: StatusFilter) -> bytes | None:
    """One byte per row, non-zero where `status_filter` lets the row through (None: every
    row). Built in C: a translation of the status bytes, for "needs attention" or-ed with the
    flags, both read as one big integer each."""
    single = status_filter.status
    if single is not None:
        return bytes(table.status.translate(_STATUS_MASKS[STATUSES.index(single)]))
    if status_filter is StatusFilter.ALL:
        return None
    failed_or_unknown = table.status.translate(_ATTENTION_MASK)
    either = int.from_bytes(failed_or_unknown, "big") | int.from_bytes(table.flagged, "big")
    return either.to_bytes(len(table), "big")


def _mask(*indexes: int) -> bytes:
    """A `bytes.translate` table mapping these status indexes to 1, the others to 0."""
    return bytes(int(i in indexes) for i in range(256))


_STATUS_MASKS = [_mask(index) for index in range(len(STATUSES))]
_ATTENTION_MASK = _mask(STATUSES.index(Status.FAILED), STATUSES.index(Status.UNKNOWN))

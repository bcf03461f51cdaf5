"""The words of a table's coded columns, made from their codes in the language of the moment.

A table keeps no words (see `HistoryTable.texts`): a status as its index in `status` (and, for
one the viewer does not know, as the server wrote it), a backup's parts as a
`content.parts_code`, its schedule as a `records.trigger_code`, and no message for a missed
run (its words come from the run's description). This module makes the texts a person reads:
one cell's (`word`), or a whole column's at once, each distinct code once (`shown`,
`shown_in_steps`).
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Generator, Sequence
from itertools import compress, count
from typing import Protocol, TypeVar

import orjson

from backupviewer.core import columns, content, missed
from backupviewer.core.columns import Column
from backupviewer.core.pace import Pace, finish
from backupviewer.core.records import Status, schedule_words
from backupviewer.history.text_column import TextColumn


class HistoryTable(Protocol):
    """What the words are made from: a `history.table.HistoryTable`'s codes."""

    status: bytearray
    texts: dict[Column, TextColumn]

    def raw_json(self, row: int) -> bytes: ...


WORDED = (Column.STATUS, Column.CONTENT, Column.SCHEDULE, Column.MESSAGE)
"""The columns whose texts are made from codes; the others hold the server's texts."""
_STATUSES = tuple(Status)
_UNKNOWN = _STATUSES.index(Status.UNKNOWN)
_MISSED = _STATUSES.index(Status.MISSED)
T = TypeVar("T")
_PART = 32  # codes put in words between two looks at the pace
_WORD_COST = {Column.SCHEDULE: 200, Column.MESSAGE: 100}  # a text made, in `core.pace` units
_WORDS_OF: dict[Column, Callable[[str], str]] = {
    Column.CONTENT: content.labels_of_code,
    Column.SCHEDULE: schedule_words,
}


def word(table: HistoryTable, column: Column, row: int) -> str:
    """The text one cell of a `WORDED` column shows."""
    kept = table.texts[column][row]
    if column is Column.STATUS:
        return columns.status_text(_STATUSES[table.status[row]], kept)
    if column is Column.MESSAGE:
        return _missed_message(table, row) if table.status[row] == _MISSED else kept
    return _WORDS_OF[column](kept)


def shown(table: HistoryTable, column: Column) -> TextColumn:
    """The texts a `WORDED` column shows, as a column of their own."""
    return finish(shown_in_steps(table, column, Pace()))


def shown_in_steps(
    table: HistoryTable, column: Column, pace: Pace
) -> Generator[None, None, TextColumn]:
    """`shown`, pausing whenever a step's work is done (a server can send thousands of
    distinct schedules)."""
    kept = table.texts[column]
    if column is Column.STATUS:
        return _statuses(table.status, kept)
    if column is Column.MESSAGE:
        rows = list(compress(count(), map(_MISSED.__eq__, table.status)))
        if not rows:
            return kept
        said = yield from _in_parts(
            rows, lambda row: _missed_message(table, row), _WORD_COST[column], pace
        )
        codes = array("I")
        codes.extend(kept.codes)
        for code, row in enumerate(rows, len(kept.texts)):
            codes[row] = code
        return TextColumn(kept.texts + said, codes)
    said = yield from _in_parts(kept.texts, _WORDS_OF[column], _WORD_COST.get(column, 5), pace)
    return TextColumn(said, kept.codes)  # (two codes may say the same)


def _in_parts(
    items: Sequence[T], words_of: Callable[[T], str], cost: int, pace: Pace
) -> Generator[None, None, list[str]]:
    said: list[str] = []
    for first in range(0, len(items), _PART):
        part = items[first : first + _PART]
        said += map(words_of, part)
        if pace.spent(cost * len(part)):
            yield
    return said


def _statuses(status: bytearray, kept: TextColumn) -> TextColumn:
    """The status words; a status the viewer does not know with the server's word for it."""
    said = [columns.status_text(known, "") for known in _STATUSES]
    if not any(kept.texts):
        return TextColumn(said, status)
    texts = said + [columns.status_text(Status.UNKNOWN, raw) for raw in kept.texts]
    odd = [len(said) + code if index == _UNKNOWN and kept.texts[code] else index
           for index, code in zip(status, kept.codes, strict=True)]  # fmt: skip
    return TextColumn.of_codes(texts, odd)


def _missed_message(table: HistoryTable, row: int) -> str:
    return missed.message_of(orjson.loads(table.raw_json(row)))

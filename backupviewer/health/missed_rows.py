"""Missed runs as rows of a `HistoryTable`, their cells made as a backup's are – a part at a
time; a row's JSON (the viewer's description of it) is made when it is read."""

from __future__ import annotations

import operator
from array import array
from collections.abc import Generator, Iterable, Sequence
from itertools import repeat
from typing import cast

import orjson

from backupviewer.core import columns, content, missed
from backupviewer.core.columns import UNKNOWN, Column
from backupviewer.core.missed import MissedRun
from backupviewer.core.pace import MISSED_ROW, ROW, Pace
from backupviewer.core.records import Status
from backupviewer.history.table import CODED_COLUMNS, STATUSES, Cells, HistoryTable, TableRow
from backupviewer.history.text_column import TextColumn

MISSED = STATUSES.index(Status.MISSED)
_KEY = "\0missed {} {} {}"
_COUNT = operator.attrgetter("count")
_PART = 500  # rows made between two looks at the pace


class Described:
    """The JSON of missed runs' rows, made when read (a schedule's item is not copied into
    each of its rows): the row at `start` is `runs[start]`."""

    __slots__ = ("runs",)

    def __init__(self, runs: Sequence[MissedRun]) -> None:
        self.runs = runs

    def read(self, start: int, size: int) -> bytes:
        return orjson.dumps(missed.description(self.runs[start]))


def with_missed_in_steps(
    backups: HistoryTable, runs: Sequence[MissedRun], pace: Pace
) -> Generator[None, None, HistoryTable]:
    """The backups, then a row for each missed run (see `missed_table`), made a part at a
    time (`backups` itself when there is none)."""
    if not runs:
        return backups
    table = HistoryTable()
    table.extend(backups)
    if pace.spent(ROW * len(backups)):
        yield
    for first in range(0, len(runs), _PART):
        part = runs[first : first + _PART]
        table.extend(missed_table(part))
        if pace.spent(MISSED_ROW * len(part)):
            yield
    return table


def missed_table(runs: Sequence[MissedRun]) -> HistoryTable:
    """A table with a row for each missed run: status Missed, started at its (first) fire
    time, the schedule's name, content, folder and schedule, and why it counts as missed."""
    table = HistoryTable()
    if not runs:
        return table
    items = [run.schedule for run in runs]
    walls = [columns.wall_times([run.due], run.zone)[0] for run in runs]
    texts = {  # (codes: the words come from them where they are shown, see `history.wording`)
        Column.NAME: [item.name for item in items],
        Column.CONTENT: [content.parts_code(item.parts) for item in items],
        Column.SCHEDULE: [item.trigger for item in items],
        Column.FOLDER: [item.folder for item in items],
        Column.SCHEDULE_ID: [item.id for item in items],
        Column.SERVER: [item.server for item in items],
    }
    nothing = [""] * len(runs)
    table.append(
        Cells(
            status=[MISSED] * len(runs),
            started=[run.due for run in runs],
            finished=[UNKNOWN] * len(runs),
            duration=[UNKNOWN] * len(runs),
            zone_start=[run.zone for run in runs],
            zone_end=[None] * len(runs),
            flagged=[False] * len(runs),
            search=[f"\n{wall}\n\n" for wall in walls],
            ids=list(nothing),
            texts={c: TextColumn.of(texts.get(c, nothing)) for c in CODED_COLUMNS},
        )
    )
    table.raw.add(array("q", range(len(runs))), array("q", [0]) * len(runs), Described(runs))
    return table


def key(table: HistoryTable, number: int) -> str:
    """What tells the missed run in row `number` apart across loads: its schedule and its
    (first) fire time."""
    texts = table.texts
    return _KEY.format(texts[Column.SERVER][number], texts[Column.SCHEDULE_ID][number],
                       table.started[number])  # fmt: skip


def numbers_by_key(table: HistoryTable, first: int) -> dict[str, TableRow]:
    """The rows of missed runs (from row `first` on) by their `key`."""
    rows = range(first, len(table))
    servers, schedules = (
        list(map(column.texts.__getitem__, map(column.codes.__getitem__, rows)))
        for column in (table.texts[Column.SERVER], table.texts[Column.SCHEDULE_ID])
    )
    keys = map(_KEY.format, servers, schedules, map(table.started.__getitem__, rows))
    return cast("dict[str, TableRow]", dict(zip(keys, rows, strict=True)))


def runs_in(runs: Sequence[MissedRun], numbers: Iterable[int], first: int) -> int:
    """How many fire times the rows `numbers` stand for, the rows of `runs` being from row
    `first` on (rows before it are backups: none)."""
    counts = list(map(_COUNT, runs))
    return sum(map(counts.__getitem__, map(operator.sub, filter(first.__le__, numbers),
                                           repeat(first))))  # fmt: skip

"""What is new in a server's health since the snapshot before: every backup that failed
(scheduled or started by hand, one that was running before too) and the runs newly missed –
once for runs missed in a row, however long the row grows. Told in the language of the moment,
a few one by one and the rest in one line; the first snapshot tells nothing (it is all on
screen)."""

from __future__ import annotations

import operator
from collections.abc import Iterator
from itertools import compress, count, repeat
from typing import cast

from backupviewer.core.columns import Column, wall_times
from backupviewer.core.records import Status
from backupviewer.core.words import translate
from backupviewer.health.snapshot import Snapshot
from backupviewer.history.table import TableRow

TOLD_AT_ONCE = 5
"""New things told one by one after a load, at most; the rest in one notice."""
_REASON_CHARACTERS = 120  # of a failure's message in its notice
_SCHEDULE_ID, _DUE, _LAST = map(operator.attrgetter, ("schedule.id", "due", "last"))
_ONE_LINE = str.maketrans("\r\n\t\v\f", "     ")


class News:
    """Compares each snapshot of one server with the one before."""

    def __init__(self) -> None:
        self._known: set[str] | None = None  # the ids of the failed backups seen
        self._missed: dict[str, int] = {}  # by schedule: the end of its newest missed runs

    def forget(self) -> None:
        """A new session: what it shows at first is not news."""
        self._known = None

    def of(self, snapshot: Snapshot) -> list[tuple[str, str]]:
        """What is new in `snapshot` (judged): (the row's key, words) for each, at most
        `TOLD_AT_ONCE` and then one that counts the others."""
        assert snapshot.health is not None
        found = _failed(snapshot)
        missed = snapshot.health.missed  # (newest first)
        ids = list(map(_SCHEDULE_ID, missed))
        dues = list(map(_DUE, missed))
        ends = list(map(max, dues, map(_LAST, missed)))
        known, self._missed = self._missed, dict(zip(reversed(ids), reversed(ends), strict=True))
        # New: what starts after the end of its schedule's newest missed runs known (a row
        # that grew, or whose start moved, is not news).
        after = map(operator.gt, dues, map(known.get, ids, repeat(-1)))
        fresh = list(compress(range(len(missed)), after))
        if self._known is None:
            self._known = set(found)
            return []
        first = snapshot.backup_count
        news = [(key, _failure_words(snapshot, row))
                for key, row in found.items() if key not in self._known]  # fmt: skip
        self._known |= set(found)
        more = len(news) + len(fresh) - TOLD_AT_ONCE
        told = max(0, TOLD_AT_ONCE - len(news))
        news += [
            (snapshot.key(TableRow(first + index)), _missed_words(snapshot, index))
            for index in fresh[:told]
        ]
        if more <= 0:
            return news
        key = (
            news[TOLD_AT_ONCE][0]
            if len(news) > TOLD_AT_ONCE
            else snapshot.key(TableRow(first + fresh[told]))
        )
        rest = translate("Notifier", "… and {count:,} more failed backups or missed runs.")
        return [*news[:TOLD_AT_ONCE], (key, rest.format(count=more))]


def _failed(snapshot: Snapshot) -> dict[str, TableRow]:
    """Every failed backup's row by its id."""
    table = snapshot.table
    rows = cast("Iterator[TableRow]", compress(count(), table.having(Status.FAILED)))
    return {table.backup_id(row): row for row in rows}


def _failure_words(snapshot: Snapshot, row: TableRow) -> str:
    """What failed, when, and why (as far as a notice has room)."""
    table = snapshot.table
    name = table.value(row, Column.NAME)
    why = table.text(row, Column.MESSAGE).translate(_ONE_LINE)[:_REASON_CHARACTERS]
    if why:
        said = (
            translate("Notifier", "{name} failed at {time}: {reason}")
            if name
            else translate("Notifier", "A backup failed at {time}: {reason}")
        )
    else:
        said = (
            translate("Notifier", "{name} failed at {time}.")
            if name
            else translate("Notifier", "A backup failed at {time}.")
        )
    return said.format(name=name, time=table.wall_time(row), reason=why)


def _missed_words(snapshot: Snapshot, index: int) -> str:
    """What the health's missed run `index` (its row of the table) says."""
    row = TableRow(snapshot.backup_count + index)
    run = snapshot.missed_run(row)
    assert run is not None
    name = snapshot.table.value(row, Column.NAME)
    if run.count == 1:
        return (
            translate("Notifier", "{name} missed its run at {time}.")
            if name
            else translate("Notifier", "A schedule missed its run at {time}.")
        ).format(name=name, time=snapshot.table.wall_time(row))
    return (
        translate("Notifier", "{name} missed {count:,} runs in a row, {first} to {last}.")
        if name
        else translate("Notifier", "A schedule missed {count:,} runs in a row, {first} to {last}.")
    ).format(
        name=name,
        count=run.count,
        first=snapshot.table.wall_time(row),
        last=wall_times([run.final], run.zone)[0][:16],
    )

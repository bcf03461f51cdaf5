"""What is known of a server now: its backups, its schedules and their health, in one object
that the window, ``backupviewer export`` and ``backupviewer check`` all build with
`snapshot_in_steps` (the window between its events, the commands at once with
`take_snapshot`) and ask the same questions of.

A snapshot holds codes and numbers only – a row's status, times, the schedule's health –
never words: those are made where they are shown, in the language of that moment. Its `table`
is what the window and a CSV file show: the server's backups, then a row for each run of
missed runs.
"""

from __future__ import annotations

import itertools
from collections import OrderedDict
from collections.abc import Generator, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import cast

from backupviewer.core import words
from backupviewer.core.columns import Column
from backupviewer.core.datafor.server_entry import on_server
from backupviewer.core.missed import MissedRun
from backupviewer.core.pace import ROW, Pace, finish
from backupviewer.core.records import Record, Status
from backupviewer.core.schedule.items import ScheduleList
from backupviewer.health import missed_rows
from backupviewer.health.assess import assess_in_steps
from backupviewer.health.findings import Health, HealthSettings, ScheduleHealth, SlowRun, StuckRun
from backupviewer.health.verdict import Verdict, verdict
from backupviewer.history.table import STATUSES, HistoryTable, TableRow

WATCHED = 20
"""Running backups checked one by one at most (more: the whole history is fetched again)."""
_RECORDS_KEPT = 32  # records rebuilt from their JSON, kept for the next question
_RUNNING = STATUSES.index(Status.RUNNING)


@dataclass(frozen=True, eq=False)
class Snapshot:
    """A server's backups and schedules, and their `health` (None: not judged – while the
    history arrives, or where nobody asked); `table` is the backups, then the rows of missed
    runs; `marks` a byte per row of it, non-zero for the backups the health marks (each
    schedule's newest run if it failed, slow ones, stuck ones)."""

    backups: HistoryTable
    schedules: ScheduleList = field(default_factory=ScheduleList)
    health: Health | None = None
    table: HistoryTable = field(default_factory=HistoryTable)
    marks: bytes | None = None
    _records: OrderedDict[tuple[int, object], Record] = field(
        default_factory=OrderedDict, init=False, repr=False
    )
    _keys: dict[str, TableRow] = field(default_factory=dict, init=False, repr=False)

    # -- the whole ----------------------------------------------------------------------------

    @property
    def backup_count(self) -> int:
        """The server's backups (missed runs are no backups)."""
        return len(self.backups)

    @property
    def missed_row_count(self) -> int:
        """Rows of missed runs (each may stand for several runs missed in a row)."""
        return len(self.table) - len(self.backups)

    @property
    def missed_runs(self) -> int:
        """Fire times with no backup, all rows together."""
        return self.health.missed_count if self.health is not None else 0

    @property
    def running(self) -> int:
        """Backups running now."""
        return self.backups.status.count(_RUNNING)

    @property
    def servers(self) -> list[str]:
        """The servers of the rows, in their order (all servers as one history; else none)."""
        return [name for name in self.table.texts[Column.SERVER].texts if name]

    def verdict(self, most_lines: int | None = None, *, local: bool = False) -> Verdict:
        """The health in words, in the language of the moment (health judged: see `health`);
        `local`: times on this computer's clock."""
        assert self.health is not None
        return verdict(self.health, self.backups, most_lines, local=local)

    def watched_ids(self) -> list[str]:
        """The ids of the running backups worth checking one by one (the health calls none of
        them stuck), `WATCHED` at most."""
        stuck = self.health.stuck if self.health is not None else {}
        status, ids = self.backups.status, self.backups.ids
        running = (n for n in range(len(status)) if status[n] == _RUNNING and n not in stuck)
        return [ids[n] for n in itertools.islice(running, WATCHED) if ids[n]]

    def missed_runs_in(self, rows: Sequence[TableRow]) -> int:
        """How many fire times the missed runs among `rows` stand for."""
        if self.health is None:
            return 0
        return missed_rows.runs_in(self.health.missed, rows, len(self.backups))

    # -- one row ------------------------------------------------------------------------------

    def is_missed(self, row: TableRow) -> bool:
        return row >= len(self.backups)

    def server(self, row: TableRow) -> str:
        """The row's server ("": the history of one server)."""
        return self.table.texts[Column.SERVER][row]

    def status(self, row: TableRow) -> Status:
        return self.table.status_at(row)

    def key(self, row: TableRow) -> str:
        """What tells the row apart across loads: the backup's id, or for missed runs their
        schedule and (first) fire time."""
        if row < len(self.backups):
            return on_server(self.table.texts[Column.SERVER][row], self.table.ids[row])
        return missed_rows.key(self.table, row)

    def row_of(self, key: str) -> TableRow | None:
        """The row of the backup (or missed runs) with this `key`, None when there is none."""
        if not self._keys and len(self.table):
            ids = self.table.ids[: len(self.backups)]
            servers = self.table.texts[Column.SERVER]
            if any(servers.texts):
                ids = list(map(on_server, servers, ids))
            rows = cast("Iterable[TableRow]", range(len(ids)))  # (a NewType: a call a row)
            self._keys.update(zip(ids, rows, strict=True))
            self._keys.update(missed_rows.numbers_by_key(self.table, len(self.backups)))
        return self._keys.get(key)

    def record(self, row: TableRow) -> Record:
        """The row's whole record, rebuilt from its JSON (the last few are kept; a record's
        notes are in the language of the moment)."""
        records, key = self._records, (row, words.language())
        found = records.get(key)
        if found is None:
            found = records[key] = self.table.record(row)
            if len(records) > _RECORDS_KEPT:
                records.popitem(last=False)
        else:
            records.move_to_end(key)
        return found

    def missed_run(self, row: TableRow) -> MissedRun | None:
        if self.health is None or row < len(self.backups):
            return None
        return self.health.missed[row - len(self.backups)]

    def slow(self, row: TableRow) -> SlowRun | None:
        return self.health.slow.get(row) if self.health is not None else None

    def stuck(self, row: TableRow) -> StuckRun | None:
        return self.health.stuck.get(row) if self.health is not None else None

    def schedule_health(self, row: TableRow) -> ScheduleHealth | None:
        """The health of the schedule that made the row (None: none, or not judged)."""
        if self.health is None:
            return None
        return self.health.schedule(self.schedule_key(row))

    def schedule_key(self, row: TableRow) -> str:
        """The `ScheduleItem.key` of the schedule that made the row ("": none)."""
        texts = self.table.texts
        schedule_id = texts[Column.SCHEDULE_ID][row]
        return on_server(texts[Column.SERVER][row], schedule_id) if schedule_id else ""

    def failing(self, row: TableRow) -> ScheduleHealth | None:
        """The row's schedule, when the row is its newest finished run and it failed (the
        schedule is failing); else None."""
        schedule = self.schedule_health(row)
        if schedule is None or schedule.last_finished != row or not schedule.failed_in_a_row:
            return None
        return schedule


def snapshot_in_steps(
    backups: HistoryTable,
    schedules: ScheduleList,
    now: datetime,
    settings: HealthSettings | None = None,
    pace: Pace | None = None,
) -> Generator[None, None, Snapshot]:
    """The snapshot of `backups` (a server's whole history) and `schedules` at the aware
    `now`: the health judged and the rows of missed runs made, pausing (yielding) whenever a
    step's work is done (see `core.pace`)."""
    pace = pace or Pace()
    health = yield from assess_in_steps(
        backups, schedules.items, now, settings, schedules_note=schedules.unavailable, pace=pace
    )
    return (yield from judged_in_steps(backups, schedules, health, pace))


def judged_in_steps(
    backups: HistoryTable, schedules: ScheduleList, health: Health, pace: Pace
) -> Generator[None, None, Snapshot]:
    """The snapshot of `backups` judged as `health` says: the rows of its missed runs added,
    the rows it marks marked (for `snapshot_in_steps` and `health.combined`)."""
    table = yield from missed_rows.with_missed_in_steps(backups, health.missed, pace)
    if pace.spent(2 * ROW * len(table)):
        yield
    marks = bytearray(len(table))
    for row in (*health.slow, *health.stuck, *health.failing):
        marks[row] = 1
    return Snapshot(backups, schedules, health, table, bytes(marks))


def take_snapshot(
    backups: HistoryTable,
    schedules: ScheduleList,
    now: datetime,
    settings: HealthSettings | None = None,
) -> Snapshot:
    """`snapshot_in_steps` at once (for the commands, which have no window to keep alive)."""
    return finish(snapshot_in_steps(backups, schedules, now, settings))


def unjudged(backups: HistoryTable, schedules: ScheduleList | None = None) -> Snapshot:
    """A snapshot of backups whose health is not judged (yet): the table is the backups."""
    return Snapshot(backups, schedules or ScheduleList(), None, backups, None)

"""How the health is judged: `assess` reads a table of backups and the server's schedules at one
moment. For each active schedule, each fire time in the window is kept when a backup of that
schedule started near it, else missed; a backup is slow when it took much longer than its
schedule's usual successful runs, stuck when it has been running far longer than any did; a
schedule is failing when its newest runs failed. It works on the table's columns (sorting and
bisecting, no per-row objects), in steps a window can run between its events.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Generator, Sequence
from datetime import UTC, date, datetime, timedelta, timezone
from itertools import compress

from backupviewer.core.columns import MS_PER_DAY, UNKNOWN, Column
from backupviewer.core.fire_times import MissedRun, missed_runs
from backupviewer.core.percentile import SlidingPercentile
from backupviewer.core.records import Status
from backupviewer.core.schedule_list import ScheduleItem, unlisted
from backupviewer.table.health import (
    DayCounts,
    Health,
    HealthSettings,
    ScheduleHealth,
    SlowRun,
    StuckRun,
)
from backupviewer.table.history_table import STATUSES, HistoryTable

SLOW_MARGIN_MS = 60_000
"""A slow backup is also at least this much longer than usual (no alarm over seconds)."""
STUCK_FACTOR = 3
"""A backup running this many times its schedule's longest successful run may be stuck…"""
STUCK_AT_LEAST_MS = 3_600_000
"""… and at least this long; a manual one after `STUCK_MANUAL_MS`."""
STUCK_MANUAL_MS = 6 * 3_600_000
MIN_RUNS = 10
"""Earlier successful runs a schedule needs before a backup of it can be called slow."""
USUAL_RUNS = 1_000
"""A backup's usual length is judged on its schedule's last this many successful runs (a
backup that grows over the years is compared with its recent self)."""
_STEP_ROWS = 20_000  # rows grouped between two pauses of `assess_in_steps`
_STEP_RUNS = 1_500  # backups judged slow or not between two pauses
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_ONE_MS = timedelta(milliseconds=1)
_SUCCEEDED, _FAILED, _RUNNING = (STATUSES.index(s) for s in (Status.SUCCEEDED, Status.FAILED,
                                                            Status.RUNNING))  # fmt: skip


def assess(
    table: HistoryTable,
    items: Sequence[ScheduleItem],
    now: datetime,
    settings: HealthSettings | None = None,
    *,
    schedules_note: str = "",
) -> Health:
    """The health of the backups in `table` (a server's rows, no missed ones) at the aware
    `now`, against the schedules `items`; when the server's schedules are not known
    (`schedules_note` says why), against those its backups name (their missed runs cannot be
    looked for)."""
    steps = assess_in_steps(table, items, now, settings, schedules_note=schedules_note)
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return done.value  # type: ignore[no-any-return]


def assess_in_steps(
    table: HistoryTable,
    items: Sequence[ScheduleItem],
    now: datetime,
    settings: HealthSettings | None = None,
    *,
    schedules_note: str = "",
) -> Generator[None, None, Health]:
    """`assess`, pausing (yielding) every few milliseconds: a window runs it between its
    events (in a thread it would hold up every repaint, each waiting for the interpreter)."""
    settings = settings or HealthSettings()
    now_ms = _ms(now)
    window_start = now_ms - settings.window_ms
    started, status = table.started, table.status
    oldest = min(filter(UNKNOWN.__ne__, started), default=window_start)
    judged_from = max(window_start, oldest)
    zone = _zone_of(table, now)
    in_window = list(compress(range(len(table)), map(window_start.__le__, started)))
    yield
    groups = yield from _rows_by_schedule(table)
    if schedules_note:
        items = [unlisted(sid, table.texts[Column.NAME][rows[-1]])
                 for sid, rows in groups.items() if sid]  # fmt: skip
    schedules: list[ScheduleHealth] = []
    missed: list[MissedRun] = []
    slow: dict[int, SlowRun] = {}
    for item in items:
        yield
        rows = groups.get(item.id, [])
        found, runs = yield from _judge(
            item, rows, table, now_ms, window_start, judged_from, settings, slow
        )
        schedules.append(found)
        missed += runs
    yield
    manual = _newest_failed(table, groups.get("", []))
    failing = {s.last_finished for s in schedules if s.failed_in_a_row and s.item.active}
    stuck = _stuck(table, groups, now_ms)
    missed.sort(key=lambda run: run.due, reverse=True)
    statuses = list(map(status.__getitem__, in_window))
    return Health(
        now=now_ms,
        settings=settings,
        window_start=window_start,
        judged_from=judged_from,
        zone=zone,
        schedules=tuple(schedules),
        missed=tuple(missed),
        slow=slow,
        stuck=stuck,
        failing=frozenset(row for row in (*failing, manual) if row is not None),
        days=_days(table, in_window, missed, window_start, now_ms, zone),
        backups=len(in_window),
        failed=statuses.count(_FAILED),
        running=status.count(_RUNNING),
        newest_success=_newest_success(table, schedules),
        schedules_note=schedules_note,
    )


# -- one schedule --------------------------------------------------------------------------------


def _judge(
    item: ScheduleItem,
    rows: list[int],
    table: HistoryTable,
    now: int,
    window_start: int,
    judged_from: int,
    settings: HealthSettings,
    slow: dict[int, SlowRun],
) -> Generator[None, None, tuple[ScheduleHealth, list[MissedRun]]]:
    """One schedule's health (pausing now and then: a schedule can hold most rows)."""
    started, status = table.started, table.status
    starts = list(map(started.__getitem__, rows))  # (`rows` are in start order)
    known = bisect.bisect_right(starts, UNKNOWN)  # rows without a start sort first
    rows, starts = rows[known:], starts[known:]
    first = bisect.bisect_left(starts, window_start)
    recent = rows[first:]
    states = bytes(map(status.__getitem__, rows))
    failed_in_a_row = 0
    last_finished: int | None = None
    for index in range(len(states) - 1, -1, -1):
        if states[index] == _FAILED:
            failed_in_a_row += 1
        elif states[index] != _SUCCEEDED:
            continue
        if last_finished is None:
            last_finished = rows[index]
        if states[index] == _SUCCEEDED:
            break
    success = states.rfind(_SUCCEEDED)
    yield
    found = yield from _slow_runs(table, rows, first, now, settings)
    slow.update((run.row, run) for run in found)
    missed, judged, in_a_row, note = missed_runs(
        item, starts, judged_from, now, settings.tolerance_ms
    )
    health = ScheduleHealth(
        item=item,
        runs=len(recent),
        failures=states.count(_FAILED, first),
        slow=len(found),
        missed=tuple(run.due for run in missed),
        judged=judged,
        missed_in_a_row=in_a_row,
        failed_in_a_row=failed_in_a_row,
        last_run=rows[-1] if rows else None,
        last_finished=last_finished,
        last_success=rows[success] if success >= 0 else None,
        note=note,
    )
    return health, missed


def _slow_runs(
    table: HistoryTable, rows: list[int], first: int, now: int, settings: HealthSettings
) -> Generator[None, None, list[SlowRun]]:
    """The backups from `rows[first:]` (in start order) that took more than `slow_factor`
    times the 90th percentile of the last `USUAL_RUNS` successful runs before each."""
    status, duration, started = table.status, table.duration, table.started
    usual = SlidingPercentile(USUAL_RUNS, _last_successes(table, rows[:first], USUAL_RUNS))
    found = []
    for done, row in enumerate(rows[first:], 1):
        if done % _STEP_RUNS == 0:
            yield
        state = status[row]
        length = duration[row] if state != _RUNNING else now - started[row]
        if length != UNKNOWN and usual.count >= MIN_RUNS:
            p90 = usual.value()
            if length > p90 * settings.slow_factor and length - p90 >= SLOW_MARGIN_MS:
                found.append(SlowRun(row, length, p90, usual.count, state == _RUNNING))
        if state == _SUCCEEDED and length != UNKNOWN:
            usual.add(length)
    return found


def _last_successes(table: HistoryTable, rows: list[int], count: int) -> list[int]:
    """The lengths of the last `count` successful backups among `rows` (in start order),
    oldest first, read from the end (a long history is not read whole)."""
    status, duration = table.status, table.duration
    found: list[int] = []
    end = len(rows)
    while end > 0 and len(found) < count:
        begin = max(0, end - 2 * count)
        part = rows[begin:end]
        lengths = compress(map(duration.__getitem__, part),
                           map(_SUCCEEDED.__eq__, map(status.__getitem__, part)))  # fmt: skip
        found[:0] = [length for length in lengths if length != UNKNOWN]
        end = begin
    return found[-count:]


# -- the whole table ------------------------------------------------------------------------------


def _rows_by_schedule(table: HistoryTable) -> Generator[None, None, dict[str, list[int]]]:
    """Each schedule id's rows in start order ("": the backups of no schedule)."""
    column = table.texts[Column.SCHEDULE_ID]
    codes = column.codes
    by_code: dict[int, list[int]] = defaultdict(list)
    for first in range(0, len(codes), _STEP_ROWS):
        for row in range(first, min(first + _STEP_ROWS, len(codes))):
            by_code[codes[row]].append(row)
        yield
    started = table.started
    groups = {}
    for code, rows in by_code.items():
        rows.sort(key=started.__getitem__)  # (quick: the server sends them in order)
        groups[column.texts[code]] = rows  # ("": the manual and uploaded backups)
    return groups


def _newest_failed(table: HistoryTable, rows: list[int]) -> int | None:
    """The newest finished of `rows` (in start order) if it failed."""
    status = table.status
    for row in reversed(rows):
        if status[row] == _FAILED:
            return row
        if status[row] == _SUCCEEDED:
            return None
    return None


def _stuck(table: HistoryTable, groups: dict[str, list[int]], now: int) -> dict[int, StuckRun]:
    """The backups running far longer than their schedule ever took to succeed."""
    status, started, duration = table.status, table.started, table.duration
    found = {}
    for schedule_id, rows in groups.items():
        running = [row for row in rows if status[row] == _RUNNING and started[row] != UNKNOWN]
        if not running:
            continue
        succeeded = map(_SUCCEEDED.__eq__, map(status.__getitem__, rows))
        longest = max(compress(map(duration.__getitem__, rows), succeeded), default=None)
        if longest is not None and longest <= 0:
            longest = None
        if schedule_id and longest is not None:
            limit = max(STUCK_FACTOR * longest, STUCK_AT_LEAST_MS)
        else:
            limit = STUCK_MANUAL_MS
        for row in running:
            elapsed = now - started[row]
            if elapsed > limit:
                found[row] = StuckRun(row, elapsed, longest)
    return found


def _newest_success(table: HistoryTable, schedules: list[ScheduleHealth]) -> int | None:
    """The row of the newest successful backup of a schedule (of any backup when no schedule
    has one)."""
    rows = [s.last_success for s in schedules if s.last_success is not None]
    if not rows:
        rows = list(compress(range(len(table)), map(_SUCCEEDED.__eq__, table.status)))
    if not rows:
        return None
    newest = max(rows, key=table.started.__getitem__)
    return newest if table.started[newest] != UNKNOWN else None


def _days(
    table: HistoryTable,
    rows: list[int],
    missed: list[MissedRun],
    window_start: int,
    now: int,
    zone: timezone,
) -> tuple[DayCounts, ...]:
    """The backups of the window (and its missed runs) by day and outcome."""
    offset = zone.utcoffset(None) // _ONE_MS
    first = (window_start + offset) // MS_PER_DAY
    last = (now + offset) // MS_PER_DAY
    started, status = table.started, table.status
    days = [(started[row] + offset) // MS_PER_DAY for row in rows]
    counts = Counter(zip(days, map(status.__getitem__, rows), strict=True))
    missed_days = Counter((run.due + offset) // MS_PER_DAY for run in missed)
    found = []
    for day in range(first, last + 1):
        outcome = {index: counts.get((day, index), 0) for index in range(len(STATUSES))}
        found.append(
            DayCounts(
                day=date(1970, 1, 1) + timedelta(days=day),
                start=day * MS_PER_DAY - offset,
                succeeded=outcome[_SUCCEEDED],
                failed=outcome[_FAILED],
                running=outcome[_RUNNING],
                missed=missed_days.get(day, 0),
                other=sum(outcome.values())
                - outcome[_SUCCEEDED]
                - outcome[_FAILED]
                - outcome[_RUNNING],
            )
        )
    return tuple(found)


def _zone_of(table: HistoryTable, now: datetime) -> timezone:
    """The server's zone as its newest backup states it; the local one when none does."""
    if len(table):
        newest = table.started.index(max(table.started))
        zone = table.zones[table.zone_start[newest]]
        if zone is not None:
            return zone
    local = now.tzinfo
    return local if isinstance(local, timezone) else timezone(now.utcoffset() or timedelta(0))


def _ms(moment: datetime) -> int:
    return (moment - _EPOCH) // _ONE_MS

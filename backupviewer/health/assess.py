"""How the health is judged: `assess` reads a table of backups and the server's schedules at one
moment. For each active schedule, each fire time in the window is kept when a backup of that
schedule started near it, else missed; a backup is slow when it took much longer than its
schedule's usual successful runs, stuck when it has been running far longer than any did; a
schedule is failing when its newest runs failed. It works on the table's columns (sorting and
bisecting, no per-row objects), in steps a window can run between its events: each step does
about the same work (`core.pace`), however many schedules, fire times or rows there are.

The schedules share `health.fire_times.FIRE_BUDGET` fire times: each takes an equal share of
what those before it left. A schedule that fires more often is judged over its newest fire
times, and its `ScheduleHealth.unjudged_before` says from when (the words say so).
"""

from __future__ import annotations

import bisect
import math
import operator
from collections import Counter, defaultdict
from collections.abc import Generator, Sequence
from datetime import UTC, date, datetime, timedelta, timezone
from itertools import compress, repeat

from backupviewer.core.columns import MS_PER_DAY, UNKNOWN, Column
from backupviewer.core.missed import MissedRun
from backupviewer.core.pace import ROW, SCHEDULE, SLOW_RUN, Pace, finish
from backupviewer.core.records import Status
from backupviewer.core.schedule.items import ScheduleItem, unlisted
from backupviewer.health.findings import (
    DayCounts,
    Health,
    HealthSettings,
    Level,
    ScheduleHealth,
    SlowRun,
    StuckRun,
)
from backupviewer.health.fire_times import FIRE_BUDGET, PROBE_FIRES, Fires
from backupviewer.health.missed_runs import Judged, fire_count, first_runs, looked_for, missed_runs
from backupviewer.health.percentile import SlidingPercentile
from backupviewer.history.table import STATUSES, HistoryTable

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
AHEAD_MS = 5 * 60_000
"""A backup that starts more than this after now starts in the future (by the server's clock
against ours): it is never the newest success "0 s ago"."""
_ROWS = 20_000  # rows looked at between two looks at the pace
_RANKED = 400  # schedules put in order between two looks at the pace
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
    return finish(assess_in_steps(table, items, now, settings, schedules_note=schedules_note))


def assess_in_steps(
    table: HistoryTable,
    items: Sequence[ScheduleItem],
    now: datetime,
    settings: HealthSettings | None = None,
    *,
    schedules_note: str = "",
    pace: Pace | None = None,
    budget: int = FIRE_BUDGET,
) -> Generator[None, None, Health]:
    """`assess`, pausing (yielding) when a step's work is done (see `pace`): a window runs
    it between its events (in a thread it would hold up every repaint, each waiting for the
    interpreter). `budget`: fire times looked at, at most, over all schedules."""
    settings = settings or HealthSettings()
    pace = pace or Pace()
    now_ms = _ms(now)
    window_start = now_ms - settings.window_ms
    started, status = table.started, table.status
    oldest = min(filter(UNKNOWN.__ne__, started), default=window_start)
    judged_from = max(window_start, oldest)
    zone = _zone_of(table, now)
    offset = zone.utcoffset(None) // _ONE_MS
    in_window = list(compress(range(len(table)), map(window_start.__le__, started)))
    if pace.spent(4 * ROW * len(table)):
        yield
    groups = yield from _rows_by_schedule(table, pace)
    if schedules_note:
        items = [unlisted(sid, table.texts[Column.NAME][rows[-1]])
                 for sid, rows in groups.items() if sid]  # fmt: skip
    schedules: list[ScheduleHealth | None] = [None] * len(items)
    missed: list[MissedRun] = []
    missed_days: Counter[int] = Counter()
    slow: dict[int, SlowRun] = {}
    span = (judged_from, now_ms, settings.tolerance_ms)
    firsts, left = yield from _first_runs(items, span, budget, pace)
    needs = yield from _needs(items, span, firsts, pace)
    sharing = len(needs) - needs.count(0)
    # What one leaves of its share goes to those after it: the fewest fire times first.
    for index in sorted(range(len(items)), key=needs.__getitem__):
        item = items[index]
        if pace.spent(SCHEDULE):
            yield
        share = left // sharing if needs[index] != 0 else 0
        first = firsts.get(index)
        found, judged = yield from _judge(
            item, groups.get(item.id, []), table, now_ms, window_start, judged_from, settings,
            slow, share, pace, offset, first,
        )  # fmt: skip
        left -= judged.walked - (first.walked if first is not None else 0)
        sharing -= needs[index] != 0
        schedules[index] = found
        missed += judged.missed
        missed_days.update(judged.days)
    healths = [schedule for schedule in schedules if schedule is not None]
    ranked = yield from _ranked(healths, pace)
    levels = [s.level for s in ranked]
    unjudged = [s for s in ranked if s.unjudged_before is not None]
    manual = _newest_failed(table, groups.get("", []))
    failing = {s.last_finished for s in healths if s.failed_in_a_row and s.item.active}
    stuck = _stuck(table, groups, now_ms)
    if pace.spent(4 * ROW * len(table)):
        yield
    missed.sort(key=operator.attrgetter("due"), reverse=True)
    statuses = list(map(status.__getitem__, in_window))
    newest, future, furthest = _newest_success(table, healths, groups, now_ms + AHEAD_MS)
    if pace.spent(4 * ROW * len(table)):
        yield
    return Health(
        now=now_ms,
        settings=settings,
        window_start=window_start,
        judged_from=judged_from,
        zone=zone,
        schedules=tuple(healths),
        ranked=ranked,
        critical=levels.count(Level.CRITICAL),
        troubled=len(levels) - levels.count(Level.OK),
        unjudged=tuple(unjudged),
        missed=tuple(missed),
        missed_count=sum(s.missed_count for s in healths),
        slow=slow,
        stuck=stuck,
        failing=frozenset(row for row in (*failing, manual) if row is not None),
        days=_days(table, in_window, missed_days, window_start, now_ms, offset),
        backups=len(in_window),
        failed=statuses.count(_FAILED),
        running=status.count(_RUNNING),
        newest_success=newest,
        budget=budget,
        future=future,
        furthest=furthest,
        schedules_note=schedules_note,
    )


def _ranked(
    schedules: list[ScheduleHealth], pace: Pace
) -> Generator[None, None, tuple[ScheduleHealth, ...]]:
    """The schedules worst first, the active ones first, then by name."""
    keys = []
    for first in range(0, len(schedules), _RANKED):
        keys += [(-s.level, not s.item.active, s.item.name.casefold())
                 for s in schedules[first : first + _RANKED]]  # fmt: skip
        if pace.spent(SCHEDULE * _RANKED):
            yield
    return tuple(map(schedules.__getitem__, sorted(range(len(schedules)), key=keys.__getitem__)))


def _first_runs(
    items: Sequence[ScheduleItem], span: tuple[int, int, int], budget: int, pace: Pace
) -> Generator[None, None, tuple[dict[int, Fires], int]]:
    """The first fire times of each schedule whose fire times are walked (by index), an
    equal share of the budget each – most schedules have no more; and what is left."""
    walked = list(compress(range(len(items)), map(_walked, items)))
    if pace.spent(ROW * len(items)):
        yield
    found: dict[int, Fires] = {}
    left = budget
    for done, index in enumerate(walked):
        if pace.spent(SCHEDULE):
            yield
        most = min(PROBE_FIRES, left // (len(walked) - done))
        fires = yield from first_runs(items[index], *span, most, pace)
        if fires is not None:
            found[index] = fires
            left -= fires.walked
    return found, left


def _walked(item: ScheduleItem) -> bool:
    """Whether the schedule's fire times are looked for, and walked (a calendar rule's)."""
    return looked_for(item) and item.schedule is not None and item.schedule.rule is not None


def _needs(
    items: Sequence[ScheduleItem], span: tuple[int, int, int], firsts: dict[int, Fires], pace: Pace
) -> Generator[None, None, list[float]]:
    """How many fire times each schedule has still to be looked at: 0 (none, or all its
    first ones are in `firsts`), how many it has when they are counted, or infinity (more
    than its first ones: how many is not known)."""
    needs: list[float] = []
    for index, item in enumerate(items):
        if pace.spent(SCHEDULE):
            yield
        first = firsts.get(index)
        count = fire_count(item, *span) if first is None or first.cut else 0
        needs.append(math.inf if count is None else count)
    return needs


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
    share: int,
    pace: Pace,
    day_offset: int,
    first_fires: Fires | None,
) -> Generator[None, None, tuple[ScheduleHealth, Judged]]:
    """One schedule's health, its fire times judged over about `share` of them at most
    besides its `first_fires` (pausing now and then: a schedule can hold most rows, and most
    fire times)."""
    started, status = table.started, table.status
    starts = list(map(started.__getitem__, rows))  # (`rows` are in start order)
    known = bisect.bisect_right(starts, UNKNOWN)  # rows without a start sort first
    rows, starts = rows[known:], starts[known:]
    first = bisect.bisect_left(starts, window_start)
    recent = rows[first:]
    states = bytes(map(status.__getitem__, rows))
    success = states.rfind(_SUCCEEDED)
    failed_in_a_row = states.count(_FAILED, success + 1)
    finished = max(success, states.rfind(_FAILED))
    if pace.spent(4 * ROW * len(rows)):
        yield
    found = yield from _slow_runs(table, rows, first, now, settings, pace)
    slow.update((run.row, run) for run in found)
    judged = yield from missed_runs(
        item, starts, judged_from, now, settings.tolerance_ms, share, pace, day_offset,
        first_fires,
    )  # fmt: skip
    health = ScheduleHealth(
        item=item,
        runs=len(recent),
        failures=states.count(_FAILED, first),
        slow=len(found),
        missed=judged.missed,
        missed_count=sum(run.count for run in judged.missed),
        judged=judged.judged,
        missed_in_a_row=judged.in_a_row,
        failed_in_a_row=failed_in_a_row,
        last_run=rows[-1] if rows else None,
        last_finished=rows[finished] if finished >= 0 else None,
        last_success=rows[success] if success >= 0 else None,
        unjudged_before=judged.unjudged_before,
        note=judged.note,
    )
    return health, judged


def _slow_runs(
    table: HistoryTable,
    rows: list[int],
    first: int,
    now: int,
    settings: HealthSettings,
    pace: Pace,
) -> Generator[None, None, list[SlowRun]]:
    """The backups from `rows[first:]` (in start order) that took more than `slow_factor`
    times the 90th percentile of the last `USUAL_RUNS` successful runs before each."""
    status, duration, started = table.status, table.duration, table.started
    usual = SlidingPercentile(USUAL_RUNS, _last_successes(table, rows[:first], USUAL_RUNS))
    found = []
    for row in rows[first:]:
        if pace.spent(SLOW_RUN):
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


def _rows_by_schedule(
    table: HistoryTable, pace: Pace
) -> Generator[None, None, dict[str, list[int]]]:
    """Each schedule id's rows in start order ("": the backups of no schedule)."""
    column = table.texts[Column.SCHEDULE_ID]
    codes = column.codes
    by_code: dict[int, list[int]] = defaultdict(list)
    for first in range(0, len(codes), _ROWS):
        for row in range(first, min(first + _ROWS, len(codes))):
            by_code[codes[row]].append(row)
        if pace.spent(ROW * _ROWS):
            yield
    started = table.started
    groups = {}
    for code, rows in by_code.items():
        rows.sort(key=started.__getitem__)  # (quick: the server sends them in order)
        groups[column.texts[code]] = rows  # ("": the manual and uploaded backups)
        if pace.spent(4 * ROW * len(rows)):
            yield
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


def _newest_success(
    table: HistoryTable,
    schedules: list[ScheduleHealth],
    groups: dict[str, list[int]],
    limit: int,
) -> tuple[int | None, int, int | None]:
    """The row of the newest successful backup of a schedule (of any backup when no schedule
    has one) that starts by `limit`; how many backups start after it (in the future), and
    the one furthest ahead."""
    started = table.started
    ahead = list(compress(range(len(table)), map(limit.__lt__, started)))
    furthest = max(ahead, key=started.__getitem__) if ahead else None
    succeeded = map(_SUCCEEDED.__eq__, table.status)
    if ahead:  # (rare: the newest of each schedule may be one of them)
        in_time = set(compress(range(len(table)), map(operator.and_, succeeded,
                                                       map(limit.__ge__, started))))  # fmt: skip
        rows = [row for sid, group in groups.items() if sid for row in group if row in in_time]
    else:
        in_time = set()
        rows = [s.last_success for s in schedules if s.last_success is not None]
    if not rows:
        rows = list(in_time) if ahead else list(compress(range(len(table)), succeeded))
    newest = max(rows, key=started.__getitem__) if rows else None
    if newest is None or started[newest] == UNKNOWN:
        return None, len(ahead), furthest
    return newest, len(ahead), furthest


def _days(
    table: HistoryTable,
    rows: list[int],
    missed: Counter[int],
    window_start: int,
    now: int,
    offset: int,
) -> tuple[DayCounts, ...]:
    """The backups of the window (and its missed fire times, by day number) by day and
    outcome, days starting at midnight in the server's `offset` (ms)."""
    first = (window_start + offset) // MS_PER_DAY
    last = (now + offset) // MS_PER_DAY
    started, status = table.started, table.status
    days = map(operator.floordiv, map(offset.__add__, map(started.__getitem__, rows)),
               repeat(MS_PER_DAY))  # fmt: skip
    counts = Counter(zip(days, map(status.__getitem__, rows), strict=True))
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
                missed=missed.get(day, 0),
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

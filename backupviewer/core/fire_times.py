"""A schedule's fire times in a span, and those at which no backup started: the missed runs."""

from __future__ import annotations

import bisect
import math
from collections import deque
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from itertools import repeat

from backupviewer.core.schedule import Schedule
from backupviewer.core.schedule_list import ScheduleItem
from backupviewer.core.words import translate

EARLY_MS = 60_000
"""A backup that starts up to this long before a fire time counts for it."""
MAX_FIRES = 50_000
"""Fire times judged per schedule at most (the newest); a schedule firing more often in the
window is judged over its newest ones and says so."""
_MAX_WALK = 1_000_000  # fire times walked through at most to find the newest
_BATCH = 1024
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_ONE_MS = timedelta(milliseconds=1)


@dataclass(frozen=True)
class MissedRun:
    """A fire time of `schedule` at which no backup started (from `EARLY_MS` before it until
    the tolerance passed, or the next fire time came)."""

    schedule: ScheduleItem
    due: int  # ms since the epoch
    until: int  # ms: no backup started before this
    zone: timezone


def missed_runs(
    item: ScheduleItem, starts: list[int], judged_from: int, now: int, tolerance_ms: int
) -> tuple[list[MissedRun], int, int, str]:
    """The fire times from `judged_from` until the tolerance before `now` with no backup
    started near them; how many were judged; how many of the newest were missed in a row;
    and why some were not judged."""
    if not item.listed:
        return (
            [],
            0,
            0,
            translate(
                "FireTimes",
                "not in the server's list of schedules: missed runs cannot be looked for",
            ),
        )
    if not item.enabled:
        return [], 0, 0, translate("FireTimes", "disabled: missed runs are not looked for")
    if not item.active:
        return [], 0, 0, translate("FireTimes", "paused: missed runs are not looked for")
    if item.schedule is None:
        return (
            [],
            0,
            0,
            translate(
                "FireTimes", "its schedule could not be read: missed runs cannot be looked for"
            ),
        )
    lower = judged_from
    if item.created is not None:
        lower = max(lower, _ms(item.created))
    cutoff = now - tolerance_ms
    fires, after, note = fire_times(item, lower, cutoff)
    if not fires:
        return [], 0, 0, note
    # A backup counts for the fire time it started nearest: from `_early` before it until the
    # tolerance after it, or until the next fire time's early start, whichever comes first.
    following = [*fires[1:], after]
    sinces = [due - _early(before, due) for before, due in zip([None, *fires], fires, strict=False)]
    untils = [
        due + tolerance_ms if then is None else min(due + tolerance_ms, then - _early(due, then))
        for due, then in zip(fires, following, strict=True)
    ]
    firsts = list(map(bisect.bisect_left, repeat(starts), sinces))
    count = len(starts)
    kept = [at < count and starts[at] < until for at, until in zip(firsts, untils, strict=True)]
    zone = item.zone or UTC
    missed = [
        MissedRun(item, due, until, zone)
        for due, until, ok in zip(fires, untils, kept, strict=True)
        if not ok
    ]
    in_a_row = len(kept) - 1 - max((i for i, ok in enumerate(kept) if ok), default=-1)
    return missed, len(fires), in_a_row, note


def _early(previous: int | None, due: int) -> int:
    """How early a backup may start for fire time `due`: `EARLY_MS`, or half the time since
    the fire time before (a backup belongs to the nearer of two close fire times)."""
    return EARLY_MS if previous is None else min(EARLY_MS, (due - previous) // 2)


def fire_times(item: ScheduleItem, lower: int, cutoff: int) -> tuple[list[int], int | None, str]:
    """The schedule's fire times in [lower, cutoff] (the newest `MAX_FIRES`), the one after
    them (None if none), and a note when not all were taken."""
    schedule = item.schedule
    assert schedule is not None
    if schedule.rule is None:
        return _interval_times(schedule, lower, cutoff)
    fires: deque[int] = deque(maxlen=MAX_FIRES)
    after: int | None = None
    walked = 0
    moment = _datetime(lower - 1)
    size = 16  # fire times asked for at once, more each time (each may look far ahead)
    while after is None and walked < _MAX_WALK:
        batch = schedule.next_runs(moment, size)
        for fire in batch:
            ms = _ms(fire)
            if ms > cutoff:
                after = ms
                break
            fires.append(ms)
        walked += len(batch)
        if len(batch) < size:
            break
        moment = batch[-1]
        size = min(size * 2, _BATCH)
    note = ""
    if walked >= _MAX_WALK or (fires and len(fires) == MAX_FIRES):
        note = _too_often(len(fires))
    return list(fires), after, note


def _interval_times(
    schedule: Schedule, lower: int, cutoff: int
) -> tuple[list[int], int | None, str]:
    """`fire_times` of a simple trigger – its start, then every interval, so many times –
    counted, not walked."""
    if schedule.start is None:
        return [], None, ""
    start = _ms(schedule.start)
    step = (schedule.interval_seconds or 0) * 1000
    repeats = (schedule.repeat_count or 0) if step else 0
    last = math.inf if repeats < 0 else repeats  # the last k of start + k·step
    if schedule.end is not None:
        end = _ms(schedule.end)
        # Quartz fires before the end, not on it – but always at the start, if not past it.
        before_end = max((end - start - 1) // step, 0) if step else 0
        last = min(last, before_end if start <= end else -1)
    first_k = 0 if lower <= start else -(-(lower - start) // step) if step else 1
    upto = cutoff if cutoff >= start else start - 1
    last_k = min(last, (upto - start) // step if step else (0 if start <= upto else -1))
    note = ""
    if last_k - first_k + 1 > MAX_FIRES:
        first_k = int(last_k) - MAX_FIRES + 1
        note = _too_often(MAX_FIRES)
    fires = (
        [start + k * step for k in range(first_k, int(last_k) + 1)]
        if step
        else ([start] if first_k <= last_k else [])
    )
    next_k = max(first_k, int(last_k) + 1)
    after = start + next_k * step if next_k <= last and (step or not next_k) else None
    return fires, after, note


def _too_often(judged: int) -> str:
    return translate(
        "FireTimes", "fires too often to judge every run: the newest {count:,} were judged"
    ).format(count=judged)


def _ms(moment: datetime) -> int:
    return (moment - _EPOCH) // _ONE_MS


def _datetime(ms: int) -> datetime:
    return _EPOCH + ms * _ONE_MS

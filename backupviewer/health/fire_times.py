"""A schedule's fire times in a span – the newest ones, as many as its share of the budget.

At most `FIRE_BUDGET` fire times are looked at when the health of all schedules is judged
(`health.assess` shares it: each calendar rule first takes its first `PROBE_FIRES`, which are
most often all it has; then the schedules take what they still need, the fewest first, each
at most an equal share of what is left). A schedule that fires more often in the window is
judged over its newest fire times only, and the health says from when. A simple trigger's
fire times are counted; a calendar rule's are walked, the newest found from the end of the
span back, a part at a time. The walk pauses (see `core.pace`) between the parts of its work,
so that a window can run it between its events.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Generator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import chain

from backupviewer.core.pace import CALL, FIRE, Pace
from backupviewer.core.schedule.trigger import Schedule

FIRE_BUDGET = 200_000
"""Fire times looked at, at most, in one judging of every schedule (some 2 s of work)."""
CALL_FIRES = 4
"""What a search of the calendar costs of the budget (as many fire times)."""
PROBE_FIRES = 64
"""A calendar rule's fire times walked first, from the start of the span: often all there are."""
_BATCH = 1024  # fire times asked for at once, at most
_SECOND = 1000
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_ONE_MS = timedelta(milliseconds=1)


@dataclass(frozen=True)
class Fires:
    """Fire times of a schedule (ms since the epoch): `times`, in order, are every one from
    the first of them to the end of the span; `after` is the next (None: none); `walked`
    counts the fire times looked at (and `CALL_FIRES` for each search of the calendar);
    `cut`: the span held older ones that were not taken."""

    times: Sequence[int]
    after: int | None
    walked: int
    cut: bool


def first_fire_times(
    schedule: Schedule, lower: int, cutoff: int, most: int, pace: Pace
) -> Generator[None, None, Fires]:
    """The first fire times of a calendar rule in [lower, cutoff]: all of them when there
    are `most` at most, else (`Fires.cut`) the first `most` + 1 – how often it fires, for
    `fire_times` to find the newest."""
    if most <= 0:
        return Fires([], None, 0, lower <= cutoff)  # (none left: not walked at all)
    oldest, after, walked = yield from _walk(schedule, lower, cutoff, most, pace)
    if len(oldest) <= most:
        return Fires(oldest, after, walked, False)
    return Fires(oldest, None, walked, True)


def fire_times(
    schedule: Schedule,
    lower: int,
    cutoff: int,
    share: int,
    pace: Pace,
    first: Fires | None = None,
) -> Generator[None, None, Fires]:
    """The newest fire times of `schedule` in [lower, cutoff], looking at about `share` at
    most (a search of the calendar counts as `CALL_FIRES`) besides `first` (the rule's
    `first_fire_times`, walked here when not given), pausing as `pace` says."""
    if schedule.rule is None:
        in_span, after, cut = _interval_times(schedule, lower, cutoff, max(share, 0))
        return Fires(in_span, after, len(in_span), cut)  # (a range: nothing made yet)
    if first is None:
        first = yield from first_fire_times(schedule, lower, cutoff, min(PROBE_FIRES, share), pace)
        share -= first.walked
    if not first.cut or not first.times:
        return first
    # More than that: the newest, found from the cutoff back, a part at a time – each part
    # as long as half what is left of the share should take, as often as they came so far.
    oldest = first.times
    rate = len(oldest) / max(_SECOND, oldest[-1] - lower + 1)  # fire times per ms
    parts: list[Sequence[int]] = []
    after = None
    walked = 0
    end = cutoff
    while end >= lower:
        if end <= oldest[-1]:  # down where the first walk went: all are known
            parts.append([fire for fire in oldest if fire <= end])
            end = lower - 1
            break
        room = share - walked
        if room < 1:
            break
        start = max(lower, end - max(_SECOND, int(room / 2 / rate)) + 1)
        most = room - room // 4
        part, beyond, cost = yield from _walk(schedule, start, end, most, pace)
        walked += cost
        if len(part) > most:  # denser here: a shorter part
            rate = len(part) / max(_SECOND, part[-1] - start + 1)
            continue
        if end == cutoff:
            after = beyond
        parts.append(part)
        rate = len(part) / (end - start + 1) if part else rate / 2
        end = start - 1
    times = list(chain.from_iterable(reversed(parts)))
    return Fires(times, after, first.walked + walked, end >= lower)


def counted(schedule: Schedule, lower: int, cutoff: int) -> int | None:
    """How many fire times `schedule` has in [lower, cutoff], when they are counted rather
    than walked (a simple trigger's); None for a calendar rule's."""
    if schedule.rule is not None:
        return None
    return len(_interval_times(schedule, lower, cutoff, 2**62)[0])


def _walk(
    schedule: Schedule, start: int, end: int, most: int, pace: Pace
) -> Generator[None, None, tuple[list[int], int | None, int]]:
    """The fire times in [start, end], but no more than `most` + 1 (more: there are more);
    the first after `end` when the walk came to it; and what the walk cost (see `Fires`)."""
    found: list[int] = []
    cost = 0
    moment = _datetime(start - 1)
    size = 32  # asked for at once, more each time (each may look far ahead)
    while len(found) <= most:
        wanted = min(size, most + 1 - len(found))
        batch = schedule.next_runs(moment, wanted)
        pause = pace.spent(CALL + FIRE * len(batch))
        times = list(map(_ms, batch))
        if times and times[-1] > end:
            kept = bisect.bisect_right(times, end)
            if pause:
                yield
            return found + times[:kept], times[kept], cost + CALL_FIRES + kept + 1
        cost += CALL_FIRES + len(batch)
        found += times
        if pause:
            yield
        if len(batch) < wanted:
            break  # (the schedule ends)
        moment = batch[-1]
        size = min(size * 2, _BATCH)
    return found, None, cost


def _interval_times(
    schedule: Schedule, lower: int, cutoff: int, most: int
) -> tuple[range, int | None, bool]:
    """`fire_times` of a simple trigger – its start, then every interval, so many times –
    counted, not walked: the newest `most` as a range, and whether there were more."""
    if schedule.start is None:
        return range(0), None, False
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
    cut = last_k - first_k + 1 > most
    if cut:
        first_k = int(last_k) - most + 1
    fires = (
        range(start + first_k * step, start + int(last_k) * step + 1, step)
        if step
        else range(start, start + 1 if first_k <= last_k else start)
    )
    next_k = max(first_k, int(last_k) + 1)
    after = start + next_k * step if next_k <= last and (step or not next_k) else None
    return fires, after, cut


def _ms(moment: datetime) -> int:
    return (moment - _EPOCH) // _ONE_MS


def _datetime(ms: int) -> datetime:
    return _EPOCH + ms * _ONE_MS

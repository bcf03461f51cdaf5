"""Which fire times of a schedule had no backup near them: its newest fire times (see
`health.fire_times`) judged against its backups' starts, a part at a time; those missed in a
row make one `MissedRun`, however many they are."""

from __future__ import annotations

import bisect
import operator
from collections import Counter
from collections.abc import Generator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from itertools import compress, pairwise, repeat

from backupviewer.core.columns import MS_PER_DAY
from backupviewer.core.missed import MissedRun
from backupviewer.core.pace import MATCH, Pace
from backupviewer.core.schedule.items import ScheduleItem
from backupviewer.core.words import translate
from backupviewer.health.fire_times import Fires, counted, fire_times, first_fire_times

EARLY_MS = 60_000
"""A backup that starts up to this long before a fire time counts for it."""
_PART = 2048  # fire times judged between two looks at the pace
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_ONE_MS = timedelta(milliseconds=1)


@dataclass(frozen=True)
class Judged:
    """One schedule's fire times, judged: its missed runs (oldest first), how many fire times
    were judged and looked at, how many of the newest were missed in a row, the missed ones
    by day (day numbers in the offset asked for); `unjudged_before`: when the share of the
    budget ran out, the fire times before this (ms) were not judged; `note`: why none were."""

    missed: tuple[MissedRun, ...] = ()
    judged: int = 0
    walked: int = 0
    in_a_row: int = 0
    days: Counter[int] = field(default_factory=Counter)
    unjudged_before: int | None = None
    note: str = ""


def missed_runs(
    item: ScheduleItem,
    starts: Sequence[int],
    judged_from: int,
    now: int,
    tolerance_ms: int,
    share: int,
    pace: Pace,
    day_offset: int = 0,
    first: Fires | None = None,
) -> Generator[None, None, Judged]:
    """The fire times from `judged_from` until the tolerance before `now` (the newest, about
    `share` looked at besides `first`, see `first_runs`) with no backup of `starts` (sorted)
    near them."""
    note = _not_looked_for(item)
    if note or item.schedule is None:
        return Judged(note=note)
    lower, cutoff = _span(item, judged_from, now, tolerance_ms)
    fires = yield from fire_times(item.schedule, lower, cutoff, share, pace, first)
    times = fires.times
    unjudged = (times[0] if times else cutoff) if fires.cut else None
    gathered = _Gathered(item, item.zone or UTC, fires.cut, day_offset)
    count = len(starts)
    # A backup counts for the fire time it started nearest: from `_early` before it until the
    # tolerance after it, or until the next fire time's early start, whichever comes first.
    for begin in range(0, len(times), _PART):
        end = min(begin + _PART, len(times))
        part = list(times[begin:end])
        befores = [times[begin - 1] if begin else None, *part[:-1]]
        nexts = [*part[1:], times[end] if end < len(times) else fires.after]
        sinces = list(map(_since, befores, part))
        untils = [
            due + tolerance_ms
            if then is None
            else min(due + tolerance_ms, then - _early(due, then))
            for due, then in zip(part, nexts, strict=True)
        ]
        firsts = list(map(bisect.bisect_left, repeat(starts), sinces))
        kept = [at < count and starts[at] < until for at, until in zip(firsts, untils, strict=True)]
        gathered.add(part, kept, untils)
        if pace.spent(MATCH * len(part)):
            yield
    in_a_row = gathered.close()
    return Judged(tuple(gathered.runs), len(times), fires.walked, in_a_row, gathered.days, unjudged)


class _Gathered:
    """Missed fire times, given in order a part at a time, gathered into runs in a row."""

    def __init__(self, item: ScheduleItem, zone: timezone, cut: bool, day_offset: int) -> None:
        self.item = item
        self.zone = zone
        self.cut = cut  # (the first fire time given had older ones before it, not judged)
        self.offset = day_offset
        self.runs: list[MissedRun] = []
        self.days: Counter[int] = Counter()
        self.open: list[int] | None = None  # first, last, count, every (-1: uneven), until, cut

    def add(self, part: list[int], kept: list[bool], untils: list[int]) -> None:
        starting, self.cut = self.cut, False
        missed = list(compress(part, map(operator.not_, kept)))
        self.days.update(map(operator.floordiv, map(self.offset.__add__, missed),
                             repeat(MS_PER_DAY)))  # fmt: skip
        gaps = list(map(operator.sub, part[1:], part[:-1]))
        changes = compress(range(1, len(part)), map(operator.ne, kept[1:], kept[:-1]))
        for first, end in pairwise([0, *changes, len(part)]):
            if kept[first]:
                self._end()
                continue
            count = end - first
            every = gaps[first] if count > 1 else 0
            if count > 2 and gaps[first : end - 1].count(every) != count - 1:
                every = -1
            if self.open is None:
                cut = int(starting and first == 0)
                self.open = [part[first], part[end - 1], count, every, untils[end - 1], cut]
                continue
            was_first, last, was_count, was_every, _, cut = self.open
            gap = part[first] - last
            everys = [gap, *([was_every] if was_count > 1 else []), *([every] if count > 1 else [])]
            joined = gap if everys.count(gap) == len(everys) else -1
            self.open = [was_first, part[end - 1], was_count + count, joined, untils[end - 1], cut]

    def close(self) -> int:
        """End the gathering; how many of the newest fire times were missed in a row."""
        trailing = self.open[2] if self.open is not None else 0
        self._end()
        return trailing

    def _end(self) -> None:
        if self.open is None:
            return
        first, last, count, every, until, cut = self.open
        self.runs.append(
            MissedRun(self.item, first, until, self.zone, count=count,
                      last=last if count > 1 else 0, every=max(every, 0), cut=bool(cut))
        )  # fmt: skip
        self.open = None


def looked_for(item: ScheduleItem) -> bool:
    """Whether the schedule's missed runs are looked for (listed, active, its trigger read)."""
    return item.listed and item.active and item.schedule is not None


def first_runs(
    item: ScheduleItem, judged_from: int, now: int, tolerance_ms: int, most: int, pace: Pace
) -> Generator[None, None, Fires | None]:
    """The first fire times `missed_runs` would judge, when they are walked (a calendar
    rule's; see `health.fire_times.first_fire_times`); None when they are counted, or none
    are looked for."""
    if not looked_for(item) or item.schedule is None or item.schedule.rule is None:
        return None
    lower, cutoff = _span(item, judged_from, now, tolerance_ms)
    return (yield from first_fire_times(item.schedule, lower, cutoff, most, pace))


def fire_count(item: ScheduleItem, judged_from: int, now: int, tolerance_ms: int) -> int | None:
    """How many fire times `missed_runs` would judge, when that is known without walking
    them (a simple trigger's: counted); 0 when none are looked for."""
    if not looked_for(item) or item.schedule is None:
        return 0
    return counted(item.schedule, *_span(item, judged_from, now, tolerance_ms))


def _span(item: ScheduleItem, judged_from: int, now: int, tolerance_ms: int) -> tuple[int, int]:
    """From when until when the schedule's fire times are judged (ms)."""
    lower = judged_from
    if item.created is not None:
        lower = max(lower, _ms(item.created))
    return lower, now - tolerance_ms


def _not_looked_for(item: ScheduleItem) -> str:
    """Why the schedule's missed runs are not looked for ("": they are)."""
    if not item.listed:
        return translate(
            "FireTimes", "not in the server's list of schedules: missed runs cannot be looked for"
        )
    if not item.enabled:
        return translate("FireTimes", "disabled: missed runs are not looked for")
    if not item.active:
        return translate("FireTimes", "paused: missed runs are not looked for")
    if item.schedule is None:
        return translate(
            "FireTimes", "its schedule could not be read: missed runs cannot be looked for"
        )
    return ""


def _since(before: int | None, due: int) -> int:
    return due - _early(before, due)


def _early(previous: int | None, due: int) -> int:
    """How early a backup may start for fire time `due`: `EARLY_MS`, or half the time since
    the fire time before (a backup belongs to the nearer of two close fire times)."""
    return EARLY_MS if previous is None else min(EARLY_MS, (due - previous) // 2)


def _ms(moment: datetime) -> int:
    return (moment - _EPOCH) // _ONE_MS

"""Are the backups healthy? What `health.assess` finds: missed, slow, stuck and failing runs of
each schedule, the days' counts, and the worst of it; which fire times were beyond the budget
(`health.fire_times.FIRE_BUDGET`), and which backups start in the future."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, timezone
from functools import cached_property

from backupviewer.core.columns import MS_PER_DAY
from backupviewer.core.missed import MissedRun
from backupviewer.core.schedule.items import ScheduleItem
from backupviewer.core.words import translate

__all__ = [
    "DayCounts",
    "Health",
    "HealthSettings",
    "Level",
    "MissedRun",
    "ScheduleHealth",
    "SlowRun",
    "StuckRun",
]


FAILING_REPEATEDLY = 3
"""A schedule whose newest this many finished runs failed is failing repeatedly."""


class Level(enum.IntEnum):
    """How bad, as monitoring plugins say it (and exit with)."""

    OK = 0
    WARNING = 1
    CRITICAL = 2
    UNKNOWN = 3


WORST_FIRST = (Level.CRITICAL, Level.WARNING, Level.UNKNOWN, Level.OK)
"""The levels from the worst, as several servers' are told: one critical outweighs one that
could not be judged, which outweighs one that is well."""


@dataclass(frozen=True)
class HealthSettings:
    """What the assessment looks at: the window back from now, how late a backup may start
    for its fire time (and how long after a fire time it is judged), and how many times its
    schedule's usual length makes a backup slow."""

    window_ms: int = 30 * MS_PER_DAY
    tolerance_ms: int = 15 * 60_000
    slow_factor: float = 2.0


@dataclass(frozen=True)
class SlowRun:
    """A backup that took (or has run for) `duration` ms against its schedule's `usual`: the
    90th percentile of the `runs` successful runs before it."""

    row: int
    duration: int
    usual: int
    runs: int
    running: bool


@dataclass(frozen=True)
class StuckRun:
    """A backup "running" for `elapsed` ms, far past its schedule's `longest` successful run
    (None: no schedule, or none succeeded): perhaps it will never end."""

    row: int
    elapsed: int
    longest: int | None


@dataclass(frozen=True, slots=True)
class ScheduleHealth:
    """One schedule in the window: its backups, failures, slow and missed runs, and where its
    newest runs stand."""

    item: ScheduleItem
    runs: int = 0
    failures: int = 0
    slow: int = 0
    missed: tuple[MissedRun, ...] = ()  # fire times with no backup (in a row: one), oldest first
    missed_count: int = 0  # fire times with no backup
    judged: int = 0  # fire times judged
    missed_in_a_row: int = 0  # of the newest judged fire times
    failed_in_a_row: int = 0  # of the newest finished backups
    last_run: int | None = None  # row of the newest backup
    last_finished: int | None = None  # row of the newest backup that succeeded or failed
    last_success: int | None = None  # row of the newest successful backup
    unjudged_before: int | None = None  # ms: beyond the budget, older fire times not judged
    note: str = ""  # why missed runs were not looked for

    @property
    def level(self) -> Level:
        """CRITICAL: an active schedule's newest finished backup failed, or its last two fire
        times were missed; WARNING: a missed run or a slow backup in the window."""
        if not self.item.active:
            return Level.OK
        if self.failed_in_a_row or self.missed_in_a_row >= 2:
            return Level.CRITICAL
        if self.missed_count or self.slow:
            return Level.WARNING
        return Level.OK

    @property
    def failing_repeatedly(self) -> bool:
        """Its newest `FAILING_REPEATEDLY` finished runs (or more) all failed."""
        return self.failed_in_a_row >= FAILING_REPEATEDLY

    @property
    def reasons(self) -> list[str]:
        """What is wrong, in words, worst first (empty when nothing is)."""
        said = []
        if self.failing_repeatedly:
            said.append(
                translate("Health", "failing repeatedly: its last {count:,} runs failed").format(
                    count=self.failed_in_a_row
                )
            )
        elif self.failed_in_a_row:
            said.append(translate("Health", "failing: its last run failed"))
        if self.missed_in_a_row >= 2:
            said.append(
                translate("Health", "its last {count:,} scheduled runs were missed").format(
                    count=self.missed_in_a_row
                )
            )
        elif self.missed_count:
            missed = self.missed_count
            if missed == 1:
                said.append(translate("Health", "{count:,} missed run").format(count=missed))
            else:
                said.append(translate("Health", "{count:,} missed runs").format(count=missed))
        if self.slow == 1:
            said.append(translate("Health", "{count:,} slow backup").format(count=self.slow))
        elif self.slow:
            said.append(translate("Health", "{count:,} slow backups").format(count=self.slow))
        return said

    @property
    def state_words(self) -> str:
        """The schedule's health in a few words for the panel."""
        if not self.item.active:
            return self.item.state_text
        reasons = self.reasons
        return reasons[0][0].upper() + reasons[0][1:] if reasons else translate("Health", "OK")


@dataclass(frozen=True)
class DayCounts:
    """One day of the window (in the server's time zone): its backups by outcome."""

    day: date
    start: int  # ms of the day's first moment
    succeeded: int = 0
    failed: int = 0
    running: int = 0
    missed: int = 0
    other: int = 0  # of a status the viewer does not know

    @property
    def total(self) -> int:
        return self.succeeded + self.failed + self.running + self.missed + self.other


@dataclass(frozen=True)
class Health:
    """The assessment of a history at `now`."""

    now: int
    settings: HealthSettings
    window_start: int
    judged_from: int  # missed runs are looked for from here (the window, or the history's start)
    zone: timezone
    schedules: tuple[ScheduleHealth, ...] = ()
    ranked: tuple[ScheduleHealth, ...] = ()  # the schedules worst first, active first, by name
    critical: int = 0  # schedules CRITICAL (the first of `ranked`)
    troubled: int = 0  # schedules not OK (the first of `ranked`)
    unjudged: tuple[ScheduleHealth, ...] = ()  # beyond the budget (as in `ranked`)
    missed: tuple[MissedRun, ...] = ()  # newest first (fire times in a row: one)
    missed_count: int = 0  # fire times with no backup
    slow: dict[int, SlowRun] = field(default_factory=dict)
    stuck: dict[int, StuckRun] = field(default_factory=dict)
    failing: frozenset[int] = frozenset()  # rows: each schedule's newest run, if it failed
    days: tuple[DayCounts, ...] = ()
    backups: int = 0  # in the window
    failed: int = 0  # in the window, manual backups too
    running: int = 0  # now
    newest_success: int | None = None  # row (scheduled backups; all when none has a schedule)
    budget: int = 0  # fire times looked at, at most, over all schedules
    future: int = 0  # backups that start in the future (by the server's clock against ours)
    furthest: int | None = None  # row of the one furthest ahead
    schedules_note: str = ""  # why the server's schedules are not known ("": they are)

    @property
    def schedules_known(self) -> bool:
        return not self.schedules_note

    @property
    def level(self) -> Level:
        return self.ranked[0].level if self.ranked else Level.OK

    def schedule(self, key: str) -> ScheduleHealth | None:
        """The schedule of this `ScheduleItem.key` (its id, on one server)."""
        return self._by_key.get(key)

    @cached_property
    def _by_key(self) -> dict[str, ScheduleHealth]:
        found: dict[str, ScheduleHealth] = {}
        for schedule in self.schedules:
            found.setdefault(schedule.item.key, schedule)
        return found

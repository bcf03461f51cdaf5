"""The missed-run detection's fire times of a schedule, all at once (the app takes them a
step at a time between the window's events)."""

from __future__ import annotations

from backupviewer.core.pace import Pace
from backupviewer.core.schedule.trigger import Schedule
from backupviewer.health.fire_times import FIRE_BUDGET, Fires, fire_times


def fires_of(schedule: Schedule, lower: int, cutoff: int, share: int = FIRE_BUDGET) -> Fires:
    """`fire_times` of `schedule` in [lower, cutoff], its steps run to the end."""
    steps = fire_times(schedule, lower, cutoff, share, Pace())
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return done.value

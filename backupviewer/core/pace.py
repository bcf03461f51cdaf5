"""Work done in steps: a step of long work (judging the health) does about the same amount of
work whatever the input, so that a window can run it between its events.

The work is counted in units of about a microsecond on the machines the benchmarks ran on:
a fire time walked costs `FIRE`, one compared with the backups `MATCH`, a row looked at
`ROW`, a backup judged slow or not `SLOW_RUN`, a schedule taken up `SCHEDULE`, a call that
searches the calendar `CALL`, a missed run made a row of the table `MISSED_ROW`. A slower
machine, or work the units count short (27,000 schedules of their own kind), still ends a
step after `STEP_SECONDS`.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Generator
from typing import TypeVar

T = TypeVar("T")

STEP_UNITS = 20_000
"""The work of one step (some 15–30 ms); a step ends once it is done."""
STEP_SECONDS = 0.02
"""… or once it has taken this long, whatever it counted."""
FIRE = 8
MATCH = 3
ROW = 1
SCHEDULE = 40
CALL = 200  # a search of the calendar for the next fire time may look 100 years ahead
MISSED_ROW = 20
SLOW_RUN = 13  # a backup judged slow or not


class Pace:
    """Counts the work of the step under way: the working code adds what it did and pauses
    (yields) when `spent` says that the step is over."""

    __slots__ = ("_began", "done", "seconds", "steps", "units")

    def __init__(self, units: int = STEP_UNITS, seconds: float = STEP_SECONDS) -> None:
        self.units = units
        self.seconds = seconds
        self.done = 0  # in the step under way
        self.steps = 0  # ended so far
        self._began: float | None = None  # (the step's first count: the time between steps
        # belongs to the window)

    def spent(self, units: int) -> bool:
        """Count `units` of work; True when the step is over (and a new one begins)."""
        self.done += units
        now = time.perf_counter()
        if self._began is None:
            self._began = now
        if self.done < self.units and now - self._began < self.seconds:
            return False
        self.done = 0
        self.steps += 1
        self._began = None
        return True


def finish(steps: Generator[None, None, T]) -> T:
    """Do work made of steps at once (where no window waits for its events); its result."""
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return done.value  # type: ignore[no-any-return]


async def between_events(steps: Generator[None, None, T]) -> T:
    """Do work made of steps, letting the event loop run between them; its result."""
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return done.value  # type: ignore[no-any-return]
        await asyncio.sleep(0)

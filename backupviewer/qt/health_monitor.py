"""Judges the history's health with the user's settings, and again when they change."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, QSettings, Signal

from backupviewer.core.columns import MS_PER_DAY
from backupviewer.core.pace import Pace, between_events
from backupviewer.core.schedule.items import ScheduleList
from backupviewer.health.findings import HealthSettings
from backupviewer.health.snapshot import Snapshot, snapshot_in_steps
from backupviewer.history.table import HistoryTable
from backupviewer.qt.history_model import HistoryModel
from backupviewer.qt.tasks import report_unexpected

logger = logging.getLogger(__name__)

_KEYS = ("health/windowDays", "health/toleranceMinutes", "health/slowFactor")


class HealthMonitor(QObject):
    """Takes the snapshot of a history and the server's schedules (for the loader), again of
    the model's when the settings change; remembers the settings.

    Signals: ``schedules_changed()`` when another list of schedules came;
    ``settings_changed(settings)`` when the user chose other settings.
    """

    schedules_changed = Signal()
    settings_changed = Signal(object)  # HealthSettings

    def __init__(
        self,
        model: HistoryModel,
        settings: QSettings,
        clock: Callable[[], datetime],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._model = model
        self._store = settings
        self._clock = clock
        self.settings = _read(settings)
        self.schedules = ScheduleList()
        self._task: asyncio.Task[None] | None = None

    async def judge(self, table: HistoryTable, schedules: ScheduleList) -> Snapshot:
        """The snapshot of `table` (the server's backups) and `schedules` now: the health
        judged a step at a time between the window's events (each step the same work, see
        `core.pace`: a tenth of a second at 100,000 backups, and many schedules, would be
        felt at once)."""
        if schedules != self.schedules:
            self.schedules = schedules
            self.schedules_changed.emit()
        snapshot = await between_events(
            snapshot_in_steps(table, schedules, self._clock(), self.settings)
        )
        # the words a filter or a sort of the table needs (thousands of schedules cost seconds)
        await between_events(snapshot.table.words_in_steps(Pace()))
        return snapshot

    def change(self, settings: HealthSettings) -> None:
        """Use (and remember) these settings, and judge the rows shown again."""
        self.settings = settings
        days = settings.window_ms / MS_PER_DAY
        minutes = settings.tolerance_ms / 60_000
        for key, value in zip(_KEYS, (days, minutes, settings.slow_factor), strict=True):
            self._store.setValue(key, value)
        self.settings_changed.emit(settings)
        self.reassess()

    def reassess(self) -> asyncio.Task[None]:
        """Judge the model's backups again (the answer is shown when it comes, if they are
        still the ones shown)."""
        if self._task is not None and not self._task.done():
            self._task.cancel()
        self._task = asyncio.ensure_future(self._reassess())
        self._task.add_done_callback(report_unexpected)
        return self._task

    @property
    def task(self) -> asyncio.Task[None] | None:
        return self._task

    async def _reassess(self) -> None:
        shown = self._model.snapshot
        snapshot = await self.judge(shown.backups, self.schedules)
        if self._model.snapshot is shown:
            self._model.show(snapshot)

    def forget(self) -> None:
        """Drop the schedules (after signing out)."""
        self.schedules = ScheduleList()
        self.schedules_changed.emit()


def _read(settings: QSettings) -> HealthSettings:
    default = HealthSettings()
    days = _number(settings.value(_KEYS[0]), default.window_ms / MS_PER_DAY, 1, 3660)
    minutes = _number(settings.value(_KEYS[1]), default.tolerance_ms / 60_000, 1, 1440)
    factor = _number(settings.value(_KEYS[2]), default.slow_factor, 1.1, 100)
    return HealthSettings(round(days * MS_PER_DAY), round(minutes * 60_000), factor)


def _number(value: object, default: float, low: float, high: float) -> float:
    """A settings value as a number within [low, high]; `default` when it is none."""
    try:
        number = float(str(value)) if value is not None else default
    except ValueError:
        logger.info("Ignoring the saved health setting %r", value)
        return default
    return min(max(number, low), high) if number == number else default

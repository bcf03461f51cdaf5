"""The health widgets of the main window – the summary line, the history strip and the
schedules panel – kept up to date from the model, and their choices passed on to its filters."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, Qt, Signal

from backupviewer.core.columns import MS_PER_DAY
from backupviewer.core.words import translate
from backupviewer.health.findings import DayCounts
from backupviewer.qt.history_model import HistoryModel
from backupviewer.qt.schedule_model import ScheduleColumn, ScheduleModel
from backupviewer.widgets.health.health_summary import HealthSummary
from backupviewer.widgets.health.history_chart import HistoryChart
from backupviewer.widgets.health.schedules_view import SchedulesView


class HealthPanel(QObject):
    """Owns `summary`, `chart` and `schedules` (for the window to place) and keeps them
    showing the model's health.

    Signals: ``choices_changed()`` when a schedule or a day is chosen or no longer is.
    """

    choices_changed = Signal()

    def __init__(self, model: HistoryModel, clock: Callable[[], datetime], parent: QObject) -> None:
        super().__init__(parent)
        self._model = model
        self.summary = HealthSummary()
        self.chart = HistoryChart()
        self.schedule_model = ScheduleModel(clock, self)
        self.schedules = SchedulesView(self.schedule_model)
        self.schedules.set_placeholder(
            translate("HealthPanel", "The schedules appear here once the history has loaded.")
        )
        self._local = False
        # (on the next turn of the event loop: the table first, 27,000 schedules after it)
        model.snapshot_changed.connect(
            self._on_model_snapshot_changed, Qt.ConnectionType.QueuedConnection
        )
        self.schedules.schedule_chosen.connect(model.set_schedule_filter)
        self.schedules.schedule_chosen.connect(self.choices_changed)
        self.chart.day_chosen.connect(self._on_chart_day_chosen)

    @property
    def chosen_schedule(self) -> str | None:
        """The chosen schedule's name (its id when it has none; None: none chosen)."""
        chosen = self.schedules.chosen
        if chosen is None:
            return None
        return self._name_of(chosen) or chosen

    @property
    def chosen_day(self) -> str | None:
        """The chosen day, as 2026-03-09 (None: none chosen)."""
        return f"{self.chart.chosen:%Y-%m-%d}" if self.chart.chosen is not None else None

    @property
    def filtering(self) -> str:
        """What the panel's choices hide, in words ("" when they hide nothing)."""
        chosen = self.schedules.chosen
        name = ""
        if chosen is not None:
            name = self._name_of(chosen) or chosen
        day = f"{self.chart.chosen:%Y-%m-%d}" if self.chart.chosen is not None else ""
        if chosen is not None and day:
            both = translate("HealthPanel", "of the schedule “{name}” and of {day}")
            return both.format(name=name, day=day)
        if chosen is not None:
            return translate("HealthPanel", "of the schedule “{name}”").format(name=name)
        return translate("HealthPanel", "of {day}").format(day=day) if day else ""

    def _name_of(self, key: str) -> str:
        """The schedule's name as its row says it (all servers: with its server), "" when it
        has none or is not listed."""
        row = self.schedule_model.row_of(key)
        if row is None or not self.schedule_model.schedule_at(row).item.name:
            return ""
        return str(self.schedule_model.index(row, ScheduleColumn.NAME).data())

    def set_local_clock(self, local: bool) -> None:
        """Say times on this computer's clock (else on the server's)."""
        self._local = local
        self.summary.show_health(self._model.snapshot, local=local)
        self.schedule_model.set_local_clock(local)

    def clear_choices(self) -> None:
        """Show every schedule's rows of every day again."""
        self.schedules.choose(None)
        if self.chart.chosen is not None:
            self.chart.choose(None)

    def _on_model_snapshot_changed(self) -> None:
        snapshot = self._model.snapshot
        health = snapshot.health
        self.summary.show_health(snapshot, local=self._local)
        self.chart.set_days(health.days if health is not None else ())
        self.schedule_model.show(snapshot)
        if health is None:
            text = translate(
                "HealthPanel", "The schedules appear here once the history has loaded."
            )
        elif not health.schedules_known:
            text = health.schedules_note or translate(
                "HealthPanel", "The server's schedules could not be read."
            )
        else:
            text = translate("HealthPanel", "The server has no backup schedules.")
        self.schedules.set_placeholder(text)

    def _on_chart_day_chosen(self, day: DayCounts | None) -> None:
        self._model.set_day_filter(None if day is None else (day.start, day.start + MS_PER_DAY))
        self.choices_changed.emit()

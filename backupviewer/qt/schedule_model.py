"""The schedules as a table model: each with its health in the window, newest runs and next run."""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from backupviewer.core.columns import UNKNOWN, offset_suffix, wall_times
from backupviewer.core.records import Status
from backupviewer.qt.status_icons import status_icon, warning_icon
from backupviewer.table.health import Health, Level, ScheduleHealth
from backupviewer.table.history_table import HistoryTable

_Index = QModelIndex | QPersistentModelIndex
SCHEDULE_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ScheduleColumn(enum.IntEnum):
    HEALTH = 0
    NAME = 1
    ENABLED = 2
    STATE = 3
    SCHEDULE = 4
    CONTENT = 5
    LAST_RUN = 6
    NEXT_RUN = 7
    LAST_SUCCESS = 8
    MISSED = 9
    FAILURES = 10
    SLOW = 11
    CREATED_BY = 12


_HEADERS = {
    ScheduleColumn.HEALTH: ("Health", "OK, or what is wrong in the window (worst first)"),
    ScheduleColumn.NAME: ("Name", "The schedule's name"),
    ScheduleColumn.ENABLED: ("Enabled", "Whether the schedule is switched on"),
    ScheduleColumn.STATE: ("State", "The scheduler's state: normal, paused, complete, error…"),
    ScheduleColumn.SCHEDULE: ("Schedule", "When it runs, in words"),
    ScheduleColumn.CONTENT: ("Content", "What its backups hold"),
    ScheduleColumn.LAST_RUN: ("Last run", "When its newest backup started"),
    ScheduleColumn.NEXT_RUN: (
        "Next run",
        "When it runs next: the server's time, or (computed) from its schedule",
    ),
    ScheduleColumn.LAST_SUCCESS: ("Last success", "When its newest successful backup started"),
    ScheduleColumn.MISSED: ("Missed", "Times it was due in the window and no backup started"),
    ScheduleColumn.FAILURES: ("Failed", "Its failed backups in the window"),
    ScheduleColumn.SLOW: ("Slow", "Its backups in the window that took far longer than usual"),
    ScheduleColumn.CREATED_BY: ("Created by", "Who made the schedule"),
}
_NUMBERS = (ScheduleColumn.MISSED, ScheduleColumn.FAILURES, ScheduleColumn.SLOW)


class ScheduleModel(QAbstractTableModel):
    """One row per schedule of the health shown (trouble first, then by name)."""

    def __init__(self, clock: Callable[[], datetime], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self._rows: list[ScheduleHealth] = []
        self._table = HistoryTable()
        self.health: Health | None = None

    def set_health(self, health: Health | None, table: HistoryTable) -> None:
        """Show the schedules of `health`, judged on `table` (the backups)."""
        self.beginResetModel()
        self.health = health
        self._table = table
        schedules = [s for s in health.schedules if s.item.listed] if health is not None else []
        self._rows = sorted(schedules, key=lambda s: (-_rank(s), s.item.name.casefold()))
        self.endResetModel()

    def schedule_at(self, row: int) -> ScheduleHealth:
        return self._rows[row]

    def row_of(self, schedule_id: str) -> int | None:
        return next((r for r, s in enumerate(self._rows) if s.item.id == schedule_id), None)

    # -- Qt model interface ----------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(ScheduleColumn)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(ScheduleColumn):
            return None
        header, tip = _HEADERS[ScheduleColumn(section)]
        if role == Qt.ItemDataRole.DisplayRole:
            return header
        if role == Qt.ItemDataRole.ToolTipRole:
            return tip
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        schedule = self._rows[index.row()]
        column = ScheduleColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(schedule, column)
        if role == Qt.ItemDataRole.DecorationRole and column is ScheduleColumn.HEALTH:
            return _health_icon(schedule)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tip(schedule, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _NUMBERS:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == SCHEDULE_ID_ROLE:
            return schedule.item.id
        return None

    # -- cells -----------------------------------------------------------------------------

    def _text(self, schedule: ScheduleHealth, column: ScheduleColumn) -> str:
        item = schedule.item
        if column is ScheduleColumn.HEALTH:
            return schedule.state_words
        if column is ScheduleColumn.NAME:
            return item.name or "(no name)"
        if column is ScheduleColumn.ENABLED:
            return "Yes" if item.enabled else "No"
        if column is ScheduleColumn.STATE:
            return item.state.capitalize() if item.state else "Unknown"
        if column is ScheduleColumn.SCHEDULE:
            return item.schedule_text
        if column is ScheduleColumn.CONTENT:
            return item.content_labels
        if column is ScheduleColumn.LAST_RUN:
            return self._started(schedule.last_run) or _moment(item.last_run)
        if column is ScheduleColumn.NEXT_RUN:
            moment, computed = item.next_run_after(self._clock())
            return _moment(moment) + (" (computed)" if computed and moment else "")
        if column is ScheduleColumn.LAST_SUCCESS:
            return self._started(schedule.last_success)
        if column is ScheduleColumn.MISSED:
            return f"{len(schedule.missed):,}" if item.active and item.listed else ""
        if column is ScheduleColumn.FAILURES:
            return f"{schedule.failures:,}"
        if column is ScheduleColumn.SLOW:
            return f"{schedule.slow:,}"
        return item.created_by

    def _tip(self, schedule: ScheduleHealth, column: ScheduleColumn) -> str | None:
        if column is ScheduleColumn.HEALTH:
            reasons = schedule.reasons
            words = "; ".join(reasons) if reasons else "on time, none failing"
            if schedule.note:
                words += f" ({schedule.note})"
            return words[0].upper() + words[1:]
        if column is ScheduleColumn.MISSED and schedule.missed:
            zone = schedule.item.zone or UTC
            times = [_moment(datetime.fromtimestamp(d / 1000, zone)) for d in schedule.missed]
            more = len(times) - 10
            shown = "\n".join(times[-10:]) + (f"\n… and {more:,} more" if more > 0 else "")
            return f"Missed at:\n{shown}"
        if column is ScheduleColumn.NAME and schedule.item.problems:
            return "Some fields could not be read:\n• " + "\n• ".join(schedule.item.problems)
        text = self._text(schedule, column)
        return text if len(text) > 40 else None

    def _started(self, row: int | None) -> str:
        if row is None or self._table.started[row] == UNKNOWN:
            return ""
        zone = self._table.zones[self._table.zone_start[row]]
        return wall_times([self._table.started[row]], zone)[0][:16] + _suffix(zone)


def _rank(schedule: ScheduleHealth) -> int:
    """Trouble first, then the active ones, then the rest."""
    return int(schedule.level) * 2 + (1 if schedule.item.active else 0)


def _health_icon(schedule: ScheduleHealth) -> Any:
    if not schedule.item.active:
        return None
    if schedule.level is Level.CRITICAL:
        return status_icon(Status.FAILED)
    if schedule.level is Level.WARNING:
        return status_icon(Status.MISSED) if schedule.missed else warning_icon()
    return status_icon(Status.SUCCEEDED)


def _moment(moment: datetime | None) -> str:
    if moment is None:
        return ""
    return f"{moment:%Y-%m-%d %H:%M}" + _suffix(moment.tzinfo)


def _suffix(zone: Any) -> str:
    suffix = offset_suffix(zone) if zone is not None else ""
    return f" {suffix}" if suffix else ""

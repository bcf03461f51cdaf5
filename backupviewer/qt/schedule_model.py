"""The schedules as a table model: each with its health in the window, newest runs and next run."""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from backupviewer.core.columns import UNKNOWN, offset_suffix
from backupviewer.core.missed import MissedRun
from backupviewer.core.records import Status
from backupviewer.core.words import QT_TRANSLATE_NOOP, translate
from backupviewer.health.findings import Health, Level, ScheduleHealth
from backupviewer.health.snapshot import Snapshot, unjudged
from backupviewer.history.table import HistoryTable, TableRow
from backupviewer.qt.plain_text import cut, tip
from backupviewer.qt.release import release_later
from backupviewer.qt.status_icons import status_icon, warning_icon

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
    ScheduleColumn.HEALTH: (
        QT_TRANSLATE_NOOP("ScheduleModel", "Health"),
        QT_TRANSLATE_NOOP("ScheduleModel", "OK, or what is wrong in the window (worst first)"),
    ),
    ScheduleColumn.NAME: (
        QT_TRANSLATE_NOOP("ScheduleModel", "Name"),
        QT_TRANSLATE_NOOP("ScheduleModel", "The schedule's name"),
    ),
    ScheduleColumn.ENABLED: (
        QT_TRANSLATE_NOOP("ScheduleModel", "Enabled"),
        QT_TRANSLATE_NOOP("ScheduleModel", "Whether the schedule is switched on"),
    ),
    ScheduleColumn.STATE: (
        QT_TRANSLATE_NOOP("ScheduleModel", "State"),
        QT_TRANSLATE_NOOP(
            "ScheduleModel", "The scheduler's state: normal, paused, complete, error…"
        ),
    ),
    ScheduleColumn.SCHEDULE: (
        QT_TRANSLATE_NOOP("ScheduleModel", "Schedule"),
        QT_TRANSLATE_NOOP("ScheduleModel", "When it runs, in words"),
    ),
    ScheduleColumn.CONTENT: (
        QT_TRANSLATE_NOOP("ScheduleModel", "Content"),
        QT_TRANSLATE_NOOP("ScheduleModel", "What its backups hold"),
    ),
    ScheduleColumn.LAST_RUN: (
        QT_TRANSLATE_NOOP("ScheduleModel", "Last run"),
        QT_TRANSLATE_NOOP("ScheduleModel", "When its newest backup started"),
    ),
    ScheduleColumn.NEXT_RUN: (
        QT_TRANSLATE_NOOP("ScheduleModel", "Next run"),
        QT_TRANSLATE_NOOP(
            "ScheduleModel", "When it runs next: the server's time, or (computed) from its schedule"
        ),
    ),
    ScheduleColumn.LAST_SUCCESS: (
        QT_TRANSLATE_NOOP("ScheduleModel", "Last success"),
        QT_TRANSLATE_NOOP("ScheduleModel", "When its newest successful backup started"),
    ),
    ScheduleColumn.MISSED: (
        QT_TRANSLATE_NOOP("ScheduleModel", "Missed"),
        QT_TRANSLATE_NOOP("ScheduleModel", "Times it was due in the window and no backup started"),
    ),
    ScheduleColumn.FAILURES: (
        QT_TRANSLATE_NOOP("ScheduleModel", "Failed"),
        QT_TRANSLATE_NOOP("ScheduleModel", "Its failed backups in the window"),
    ),
    ScheduleColumn.SLOW: (
        QT_TRANSLATE_NOOP("ScheduleModel", "Slow"),
        QT_TRANSLATE_NOOP(
            "ScheduleModel", "Its backups in the window that took far longer than usual"
        ),
    ),
    ScheduleColumn.CREATED_BY: (
        QT_TRANSLATE_NOOP("ScheduleModel", "Created by"),
        QT_TRANSLATE_NOOP("ScheduleModel", "Who made the schedule"),
    ),
}
"""Each column's title and tooltip (marked: translated where shown)."""
_STATES = {
    "normal": QT_TRANSLATE_NOOP("ScheduleModel", "Normal"),
    "paused": QT_TRANSLATE_NOOP("ScheduleModel", "Paused"),
    "complete": QT_TRANSLATE_NOOP("ScheduleModel", "Complete"),
    "error": QT_TRANSLATE_NOOP("ScheduleModel", "Error"),
    "blocked": QT_TRANSLATE_NOOP("ScheduleModel", "Blocked"),
    "none": QT_TRANSLATE_NOOP("ScheduleModel", "None"),
}
"""The scheduler's states (Quartz's) as the State column shows them; others as they came."""
_NUMBERS = (ScheduleColumn.MISSED, ScheduleColumn.FAILURES, ScheduleColumn.SLOW)
_COLUMNS = tuple(ScheduleColumn)
_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.TextAlignmentRole,
        SCHEDULE_ID_ROLE,
    }
)
"""The roles the model answers (a view asks for some ten per cell, most of them in vain)."""


class ScheduleModel(QAbstractTableModel):
    """One row per schedule of the health shown (trouble first, then the active ones, each by
    name: `Health.ranked`)."""

    def __init__(self, clock: Callable[[], datetime], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self._rows: list[ScheduleHealth] = []
        self._snapshot = unjudged(HistoryTable())
        self._local = False

    def set_local_clock(self, local: bool) -> None:
        """Times on this computer's clock (else on the server's)."""
        if local != self._local:
            self._local = local
            if self._rows:
                last = len(self._rows) - 1
                self.dataChanged.emit(self.index(0, 0), self.index(last, len(ScheduleColumn) - 1))

    def show(self, snapshot: Snapshot) -> None:
        """Show the schedules of `snapshot` with their health (none while it is not judged)."""
        self.beginResetModel()
        release_later((self._snapshot, self._rows))
        self._snapshot = snapshot
        health = snapshot.health
        self._rows = [s for s in health.ranked if s.item.listed] if health is not None else []
        self.endResetModel()

    @property
    def health(self) -> Health | None:
        return self._snapshot.health

    def schedule_at(self, row: int) -> ScheduleHealth:
        return self._rows[row]

    def row_of(self, key: str) -> int | None:
        """The row of the schedule of this `ScheduleItem.key`."""
        return next((r for r, s in enumerate(self._rows) if s.item.key == key), None)

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
            return translate("ScheduleModel", header)
        if role == Qt.ItemDataRole.ToolTipRole:
            return translate("ScheduleModel", tip)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES or not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        schedule = self._rows[index.row()]
        column = _COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cut(self._text(schedule, column))
        if role == Qt.ItemDataRole.DecorationRole and column is ScheduleColumn.HEALTH:
            return _health_icon(schedule)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tip(self._tip(schedule, column))  # (names and states are the server's)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _NUMBERS:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == SCHEDULE_ID_ROLE:
            return schedule.item.key
        return None

    # -- cells -----------------------------------------------------------------------------

    def _text(self, schedule: ScheduleHealth, column: ScheduleColumn) -> str:
        item = schedule.item
        if column is ScheduleColumn.HEALTH:
            return schedule.state_words
        if column is ScheduleColumn.NAME:
            name = item.name or translate("ScheduleModel", "(no name)")
            if item.server:  # (all servers' schedules)
                return translate("ScheduleModel", "{server} · {name}").format(
                    server=item.server, name=name
                )
            return name
        if column is ScheduleColumn.ENABLED:
            if item.enabled:
                return translate("ScheduleModel", "Yes")
            return translate("ScheduleModel", "No")
        if column is ScheduleColumn.STATE:
            return _state_text(item.state)
        if column is ScheduleColumn.SCHEDULE:
            return item.schedule_text
        if column is ScheduleColumn.CONTENT:
            return item.content_labels
        if column is ScheduleColumn.LAST_RUN:
            return self._started(schedule.last_run) or _moment(item.last_run, self._local)
        if column is ScheduleColumn.NEXT_RUN:
            moment, computed = item.next_run_after(self._clock())
            if computed and moment:
                return translate("ScheduleModel", "{time} (computed)").format(
                    time=_moment(moment, self._local)
                )
            return _moment(moment, self._local)
        if column is ScheduleColumn.LAST_SUCCESS:
            return self._started(schedule.last_success)
        if column is ScheduleColumn.MISSED:
            return f"{schedule.missed_count:,}" if item.active and item.listed else ""
        if column is ScheduleColumn.FAILURES:
            return f"{schedule.failures:,}"
        if column is ScheduleColumn.SLOW:
            return f"{schedule.slow:,}"
        return item.created_by

    def _tip(self, schedule: ScheduleHealth, column: ScheduleColumn) -> str | None:
        if column is ScheduleColumn.HEALTH:
            reasons = schedule.reasons
            words = (
                translate("ScheduleModel", "; ").join(reasons)
                if reasons
                else translate("ScheduleModel", "on time, none failing")
            )
            note = schedule.note or _unjudged_words(schedule, self._local)
            if note:
                words = translate("ScheduleModel", "{reasons} ({note})").format(
                    reasons=words, note=note
                )
            return words[0].upper() + words[1:]
        if column is ScheduleColumn.MISSED and schedule.missed:
            lines = [_missed_words(run, self._local) for run in schedule.missed[-10:]]
            more = len(schedule.missed) - 10
            if more > 0:
                lines.append(translate("ScheduleModel", "… and {count:,} more").format(count=more))
            return translate("ScheduleModel", "Missed at:\n{times}").format(times="\n".join(lines))
        if column is ScheduleColumn.NAME and schedule.item.problems:
            return translate("ScheduleModel", "Some fields could not be read:\n{problems}").format(
                problems="• " + "\n• ".join(schedule.item.problems)
            )
        text = self._text(schedule, column)
        return text if len(text) > 40 else None

    def _started(self, row: int | None) -> str:
        if row is None:
            return ""
        stamp, zone = self._snapshot.backups.moment(TableRow(row))
        if stamp == UNKNOWN:
            return ""
        if zone is None:  # (its zone unknown: as the server wrote it)
            return self._snapshot.backups.wall_time(TableRow(row))
        return _moment(datetime.fromtimestamp(stamp / 1000, zone), self._local)


def _state_text(state: str) -> str:
    """The scheduler's state as the State column shows it (``Normal``, ``Paused``…)."""
    if not state:
        return translate("ScheduleModel", "Unknown")
    known = _STATES.get(state.lower())
    return translate("ScheduleModel", known) if known is not None else state.capitalize()


def _health_icon(schedule: ScheduleHealth) -> Any:
    if not schedule.item.active:
        return None
    if schedule.level is Level.CRITICAL:
        return status_icon(Status.FAILED)
    if schedule.level is Level.WARNING:
        return status_icon(Status.MISSED) if schedule.missed_count else warning_icon()
    return status_icon(Status.SUCCEEDED)


def _unjudged_words(schedule: ScheduleHealth, local: bool) -> str:
    """That its older fire times were beyond the budget ("" when all were judged)."""
    if schedule.unjudged_before is None:
        return ""
    if not schedule.judged:
        return translate("ScheduleModel", "it fires too often: none of its runs were judged")
    since = datetime.fromtimestamp(schedule.unjudged_before / 1000, schedule.item.zone or UTC)
    return translate(
        "ScheduleModel", "it fires too often: only its runs from {time} on were judged"
    ).format(time=_moment(since, local))


def _missed_words(run: MissedRun, local: bool) -> str:
    """A missed run in the tooltip: its time, or how many in a row and from when to when."""
    zone = run.zone or UTC
    first = _moment(datetime.fromtimestamp(run.due / 1000, zone), local)
    if run.count == 1:
        return first
    last = _moment(datetime.fromtimestamp(run.final / 1000, zone), local)
    return translate("ScheduleModel", "{count:,} in a row, {first} to {last}").format(
        count=run.count, first=first, last=last
    )


def _moment(moment: datetime | None, local: bool) -> str:
    """A time to the minute with its offset; `local`: on this computer's clock."""
    if moment is None:
        return ""
    if local and moment.tzinfo is not None:
        moment = moment.astimezone()
    return f"{moment:%Y-%m-%d %H:%M}" + _suffix(moment.tzinfo)


def _suffix(zone: Any) -> str:
    suffix = offset_suffix(zone) if zone is not None else ""
    return f" {suffix}" if suffix else ""

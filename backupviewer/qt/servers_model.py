"""The servers of a `Fleet` as rows, the worst first: the state of each, its sentence, the
newest successful backup's age, what failed or was missed in the health window, what runs
now, when it was read, and its problem in words."""

from __future__ import annotations

import enum
from collections.abc import Hashable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QIcon

from backupviewer.core import words
from backupviewer.core.durations import ago_text
from backupviewer.core.records import Status
from backupviewer.core.words import QT_TRANSLATE_NOOP, translate
from backupviewer.health.findings import WORST_FIRST, Level
from backupviewer.health.verdict import last_success_age
from backupviewer.qt.fleet import Fleet, Phase, ServerState
from backupviewer.qt.plain_text import cut, tip
from backupviewer.qt.status_icons import status_icon, warning_icon

_Index = QModelIndex | QPersistentModelIndex


class ServerColumn(enum.IntEnum):
    SERVER = 0
    STATE = 1
    NEWEST = 2
    FAILED = 3
    MISSED = 4
    RUNNING = 5
    REFRESHED = 6
    HEALTH = 7


_TITLES = {
    ServerColumn.SERVER: QT_TRANSLATE_NOOP("ServersModel", "Server"),
    ServerColumn.STATE: QT_TRANSLATE_NOOP("ServersModel", "State"),
    ServerColumn.NEWEST: QT_TRANSLATE_NOOP("ServersModel", "Newest success"),
    ServerColumn.FAILED: QT_TRANSLATE_NOOP("ServersModel", "Failed"),
    ServerColumn.MISSED: QT_TRANSLATE_NOOP("ServersModel", "Missed"),
    ServerColumn.RUNNING: QT_TRANSLATE_NOOP("ServersModel", "Running"),
    ServerColumn.REFRESHED: QT_TRANSLATE_NOOP("ServersModel", "Read"),
    ServerColumn.HEALTH: QT_TRANSLATE_NOOP("ServersModel", "Health, or what went wrong"),
}
_STATES = {
    Level.CRITICAL: QT_TRANSLATE_NOOP("ServersModel", "Failing"),
    Level.WARNING: QT_TRANSLATE_NOOP("ServersModel", "Needs a look"),
    Level.UNKNOWN: QT_TRANSLATE_NOOP("ServersModel", "Not judged"),
    Level.OK: QT_TRANSLATE_NOOP("ServersModel", "Healthy"),
}
_LOADING_RANK = WORST_FIRST.index(Level.OK) - 0.5  # (loading: after trouble, before well)
_NUMBERS = (ServerColumn.FAILED, ServerColumn.MISSED, ServerColumn.RUNNING)
SERVER_INDEX_ROLE = Qt.ItemDataRole.UserRole + 1
"""The server's place in the fleet (the rows are sorted, the fleet is not)."""


def level_of(state: ServerState) -> Level | None:
    """The server's state of health; UNKNOWN when it could not be read, None while loading
    for the first time."""
    if state.phase is Phase.FAILED:
        return Level.UNKNOWN
    if state.snapshot is None or state.snapshot.health is None:
        return None
    return state.snapshot.health.level


class ServersModel(QAbstractTableModel):
    """One row per server of `fleet`, the worst first (by name within a state)."""

    def __init__(self, fleet: Fleet, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fleet = fleet
        self._order: list[int] = []
        self._texts: dict[int, tuple[ServerState, Hashable, tuple[str, ...]]] = {}
        self._sort()
        fleet.changed.connect(self._on_fleet_changed)
        fleet.about_to_reset.connect(self.beginResetModel)
        fleet.reset.connect(self._on_fleet_reset)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(ServerColumn)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return translate("ServersModel", _TITLES[ServerColumn(section)])
        return None

    def retranslate(self) -> None:
        """Another language: every text made again in it."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(ServerColumn) - 1)
        self.layoutChanged.emit()

    def index_at(self, row: int) -> int:
        """The fleet's index of the server on `row`."""
        return self._order[row]

    def row_of(self, index: int) -> int:
        return self._order.index(index)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        number = self._order[index.row()]
        state = self._fleet.states[number]
        column = ServerColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts_of(number, state)[column]
        if role == Qt.ItemDataRole.DecorationRole and column is ServerColumn.STATE:
            return _icon(level_of(state))
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tip(state, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _NUMBERS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == SERVER_INDEX_ROLE:
            return self._order[index.row()]
        return None

    def _texts_of(self, number: int, state: ServerState) -> tuple[str, ...]:
        """The row's texts, made once for a state and a language (a view asks for them at
        every paint and every fit)."""
        made = self._texts.get(number)
        language = words.language()
        if made is None or made[0] is not state or made[1] != language:
            texts = tuple(self._text(state, column) for column in ServerColumn)
            made = self._texts[number] = (state, language, texts)
        return made[2]

    def _text(self, state: ServerState, column: ServerColumn) -> str:
        if column is ServerColumn.SERVER:
            return cut(state.entry.name)
        level = level_of(state)
        if column is ServerColumn.STATE:
            if state.phase is Phase.LOADING:
                return translate("ServersModel", "Loading…")
            return translate("ServersModel", _STATES[Level.UNKNOWN if level is None else level])
        if column is ServerColumn.REFRESHED:
            return "" if state.refreshed is None else f"{state.refreshed:%H:%M:%S}"
        if column is ServerColumn.HEALTH:
            return cut(self._health_words(state))
        snapshot = state.snapshot
        health = snapshot.health if snapshot is not None else None
        if health is None or snapshot is None or state.phase is Phase.FAILED:
            return ""  # (no figures from a reading before the one that failed)
        if column is ServerColumn.NEWEST:
            age = last_success_age(health, snapshot.backups)
            return translate("ServersModel", "none") if age is None else ago_text(age)
        figures = {
            ServerColumn.FAILED: health.failed,
            ServerColumn.MISSED: health.missed_count,
            ServerColumn.RUNNING: health.running,
        }
        return f"{figures[column]:,}"

    def _health_words(self, state: ServerState) -> str:
        if state.phase is Phase.FAILED:
            if state.needs_sign_in:
                return translate("ServersModel", "{problem} Double-click to sign in.").format(
                    problem=state.problem
                )
            return state.problem
        snapshot = state.snapshot
        if snapshot is None or snapshot.health is None:
            return ""
        return snapshot.verdict().sentence

    def _tip(self, state: ServerState, column: ServerColumn) -> str | None:
        entry = state.entry
        if column is ServerColumn.SERVER:
            where = entry.url if not entry.tenant else f"{entry.url} · {entry.tenant}"
            return tip(f"{entry.name}\n{where}\n{entry.user}")
        if column in (ServerColumn.HEALTH, ServerColumn.STATE):
            said = self._health_words(state)
            return tip(said) if said else None
        return None

    def _on_fleet_changed(self, index: int) -> None:
        order = self._ranked()
        if order != self._order:
            self.layoutAboutToBeChanged.emit()
            before, self._order = self._order, order
            for kept in self.persistentIndexList():
                server = before[kept.row()]
                self.changePersistentIndex(kept, self.index(order.index(server), kept.column()))
            self.layoutChanged.emit()
        row = self._order.index(index)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(ServerColumn) - 1))

    def _on_fleet_reset(self) -> None:
        self._texts.clear()
        self._order = self._ranked()
        self.endResetModel()

    def _sort(self) -> None:
        self.beginResetModel()
        self._order = self._ranked()
        self.endResetModel()

    def _ranked(self) -> list[int]:
        states = self._fleet.states

        def rank(index: int) -> tuple[float, str]:
            level = level_of(states[index])
            number = _LOADING_RANK if level is None else WORST_FIRST.index(level)
            return number, states[index].entry.name.casefold()

        return sorted(range(len(states)), key=rank)


def _icon(level: Level | None) -> QIcon | None:
    if level is Level.CRITICAL:
        return status_icon(Status.FAILED)
    if level is Level.WARNING:
        return warning_icon()
    if level is Level.OK:
        return status_icon(Status.SUCCEEDED)
    if level is Level.UNKNOWN:
        return status_icon(Status.UNKNOWN)
    return None

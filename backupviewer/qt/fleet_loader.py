"""All servers as one history in a backups window: the loader of that window shows the
`Fleet`'s judged servers made into one snapshot (`health.combined`) – again each time a server
is read, a moment after, so that every server shows as soon as it is in."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal

from backupviewer.core.pace import between_events
from backupviewer.core.words import translate
from backupviewer.health.combined import combine_in_steps
from backupviewer.health.snapshot import Snapshot, unjudged
from backupviewer.history.table import HistoryTable
from backupviewer.qt.fleet import Fleet, Phase, ServerState
from backupviewer.qt.history_model import HistoryModel
from backupviewer.qt.loader import HistoryLoader
from backupviewer.qt.tasks import report_unexpected

SETTLE_MS = 250
"""Servers read within this time of each other are shown together (a combining each)."""


class FleetLoader(HistoryLoader):
    """The loader of the window of all servers: ``refresh()`` reads every server again; the
    rows shown are those of the servers judged, ``left_out_changed(words)`` says which are
    not in them and why ("" when all are)."""

    left_out_changed = Signal(str)

    def __init__(
        self,
        model: HistoryModel,
        fleet: Fleet,
        clock: Callable[[], datetime],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(model, _NoDecoder(), parent, clock=clock)
        self.fleet = fleet
        self._shown: list[tuple[str, Snapshot]] = []  # (name, snapshot) shown: not made again
        self._showing: asyncio.Task[None] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SETTLE_MS)
        self._timer.timeout.connect(self.show_fleet)
        self._idle = asyncio.Event()
        fleet.changed.connect(self._on_fleet_changed)  # (a method: let go with the loader)
        fleet.reset.connect(self._timer.start)
        fleet.busy_changed.connect(self._on_fleet_busy_changed)
        self._set_busy(fleet.loading())  # (what is read already: `show_fleet`, once shown)
        if not self._busy:
            self._idle.set()

    def refresh(self) -> asyncio.Task[None] | None:
        """Read every server again; the task ends when all have answered (or failed)."""
        self.fleet.refresh()
        self._task = asyncio.ensure_future(self._idle.wait())
        return self._task

    def cancel(self) -> None:
        """(Each server's reading is the fleet's: it goes on.)"""

    def show_fleet(self) -> None:
        """Show the servers judged now, as one history (made between the window's events)."""
        if self._showing is not None and not self._showing.done():
            self._timer.start()  # (again once this one is shown)
            return
        self._showing = asyncio.ensure_future(self._show_fleet())
        self._showing.add_done_callback(report_unexpected)

    async def _show_fleet(self) -> None:
        states = list(self.fleet.states)
        judged = [(s.entry.name, s.snapshot) for s in states if s.snapshot is not None]
        if not judged:  # (none read yet, or none could be: no health to speak of)
            if self._shown or self._model.snapshot.health is not None:
                self._model.show(unjudged(HistoryTable()))
            self._shown = []
        elif not _same(judged, self._shown):
            combined = await between_events(combine_in_steps(judged))
            self._shown = judged
            self._model.show(combined)
            self.last_loaded = self._clock()
            self.loaded.emit(self._model.total_count)
        self.left_out_changed.emit(left_out(states))

    def _on_fleet_changed(self, _index: int) -> None:
        self._timer.start()

    def _on_fleet_busy_changed(self, busy: bool) -> None:
        if busy:
            self._idle.clear()
            self.started.emit()
        else:
            self._idle.set()
            self._timer.stop()
            self.show_fleet()
        self._set_busy(busy)


def _same(these: list[tuple[str, Snapshot]], those: list[tuple[str, Snapshot]]) -> bool:
    """The same servers, each read the same time (the same snapshot, not an equal one)."""
    return len(these) == len(those) and all(
        a == c and b is d for (a, b), (c, d) in zip(these, those, strict=True)
    )


def left_out(states: list[ServerState]) -> str:
    """The servers whose rows are not shown, or not as they are now, and why, in words (""
    when every server's are)."""
    missing = []
    for state in states:
        why = state.problem.rstrip(".。")
        if state.phase is Phase.FAILED and state.snapshot is not None:  # (read before)
            words = translate(
                "FleetLoader", "{server}: {why} – its rows are from the reading before"
            )
        elif state.phase is Phase.FAILED:
            words = translate("FleetLoader", "{server}: {why}")
        elif state.snapshot is None:
            words = translate("FleetLoader", "{server}: still loading")
        else:
            continue
        missing.append(words.format(server=state.entry.name, why=why))
    return translate("FleetLoader", "; ").join(missing)


class _NoDecoder:
    """(The servers are decoded by the fleet's reader.)"""

    def decode(self, answer: object, triggers: object) -> None:
        raise NotImplementedError

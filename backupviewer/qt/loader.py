"""Loads the backup history into the model: latest wins, progress, the snapshot at the end."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import time
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Mapping
from datetime import datetime
from typing import Protocol

from PySide6.QtCore import QObject, Signal

from backupviewer.core.errors import BackupViewerError, NotPermitted, SessionExpired
from backupviewer.core.schedule.items import ScheduleList
from backupviewer.health.snapshot import Snapshot, unjudged
from backupviewer.history.table import HistoryTable
from backupviewer.history.workers import Answer
from backupviewer.qt.history_model import HistoryModel
from backupviewer.qt.tasks import report_unexpected

logger = logging.getLogger(__name__)

SHOW_EVERY_S = 0.1
"""Rows arriving into an empty table are shown at once, then at most this often (each
showing is a repaint, which would take the time the decoding needs)."""


class HistorySource(Protocol):
    """What the loader needs from a signed-in client."""

    async def history(self) -> Answer:
        """The history answer: its bytes, or the file holding a large one."""
        ...

    async def schedules(self) -> ScheduleList:
        """The backup schedules (none, with the reason, when there are none to be had)."""
        ...

    async def backup(self, backup_id: str) -> dict[str, object] | None:
        """One backup's row as the server has it now (None: it has none)."""
        ...


class Assessor(Protocol):
    """Takes a loaded history's snapshot (see `qt.health_monitor.HealthMonitor`)."""

    async def judge(self, table: HistoryTable, schedules: ScheduleList) -> Snapshot: ...


class Decoder(Protocol):
    """Turns a history answer into pieces of the table, in the server's order; ends when all
    rows came, raises `BackupViewerError` when they cannot (see `history.workers.Decoder`)."""

    def decode(
        self, answer: Answer, triggers: Mapping[str, str] | None
    ) -> AsyncGenerator[HistoryTable, None]: ...


class HistoryLoader(QObject):
    """Fetches and decodes the history and feeds the model, one chunk per event-loop turn,
    then shows its snapshot (the health judged by the `assessor`). The rows already shown stay
    when a refresh fails. When to load again is `qt.watching`'s business.

    Signals: ``started()``; ``progress(rows_so_far)``; ``loaded(count)``; ``failed(message)``;
    ``session_expired()``; ``not_permitted(message)`` (signed in, but not an administrator);
    ``busy_changed(busy)``; ``source_changed()`` (signed in elsewhere, or signed out).
    """

    started = Signal()
    progress = Signal(int)
    loaded = Signal(int)
    failed = Signal(str)
    session_expired = Signal()
    not_permitted = Signal(str)
    busy_changed = Signal(bool)
    source_changed = Signal()

    def __init__(
        self,
        model: HistoryModel,
        decoder: Decoder,
        parent: QObject | None = None,
        *,
        assessor: Assessor | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now().astimezone(),
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._model = model
        self._decoder = decoder
        self._assessor = assessor
        self._source: HistorySource | None = None
        self._task: asyncio.Task[None] | None = None
        self._busy = False
        self.last_loaded: datetime | None = None
        self.last_error: str | None = None

    @property
    def busy(self) -> bool:
        return self._busy

    @property
    def task(self) -> asyncio.Task[None] | None:
        """The load in progress (or the last one)."""
        return self._task

    @property
    def source(self) -> HistorySource | None:
        return self._source

    def set_source(self, source: HistorySource | None) -> None:
        """Load from `source` from now on (None after signing out: stops everything)."""
        self._source = source
        if source is None:
            self.cancel()
            self.last_loaded = self.last_error = None  # (nothing of the session stays)
        self.source_changed.emit()

    def refresh(self) -> asyncio.Task[None] | None:
        """Start loading, cancelling a load in progress; None when there is no source."""
        if self._source is None:
            return None
        self.cancel()
        task = asyncio.ensure_future(self.load(self._source))
        task.add_done_callback(report_unexpected)
        self._task = task
        return task

    def cancel(self) -> None:
        """Stop the load in progress, if any (the rows shown stay)."""
        if self._task is not None and not self._task.done():
            self._task.cancel()

    async def load(self, source: HistorySource) -> None:
        """Fetch, decode and show the history; expected failures become signals."""
        self._set_busy(True)
        self.started.emit()
        try:
            count = await self._fetch_and_show(source)
        except SessionExpired as exc:
            logger.info("Session expired while loading: %s", exc)
            self.last_error = str(exc)
            self.session_expired.emit()
        except NotPermitted as exc:
            logger.warning("Not permitted to read the history: %s", exc)
            self.last_error = str(exc)
            self.not_permitted.emit(str(exc))
        except BackupViewerError as exc:
            logger.warning("Loading the history failed: %s", exc)
            self.last_error = str(exc)
            self.failed.emit(str(exc))
        else:
            self.last_error = None
            self.last_loaded = self._clock()
            logger.info("Loaded %d backups (%d running)", count, self._model.snapshot.running)
            self.loaded.emit(count)
        finally:
            current = self._task
            if current is None or current.done() or current is asyncio.current_task():
                self._set_busy(False)

    async def _fetch_and_show(self, source: HistorySource) -> int:
        """The history and the schedules are fetched at once."""
        fetching = asyncio.ensure_future(source.schedules())
        try:
            answer = await source.history()
            schedules = await fetching
            pieces = self._decoder.decode(answer, schedules.triggers)
            del answer  # the tables keep it while they need it
            async with contextlib.aclosing(pieces):
                return await self._show(pieces, schedules)
        finally:
            if not fetching.done():
                fetching.cancel()
            elif not fetching.cancelled():
                fetching.exception()  # seen: the same trouble is reported through the history

    async def _show(self, pieces: AsyncIterator[HistoryTable], schedules: ScheduleList) -> int:
        """Feed the model: rows appear as they come when the table is empty (see
        `SHOW_EVERY_S`); otherwise the whole new history replaces the shown one at once (the
        old rows stay until then). Once all are in, their health is judged."""
        progressive = self._model.total_count == 0
        table: HistoryTable | None = None  # rows not shown yet
        shown_at = -math.inf
        count = 0
        try:
            async for piece in pieces:
                if table is None:
                    table = piece
                else:
                    table.extend(piece)
                count += len(piece)
                if progressive and time.monotonic() - shown_at >= SHOW_EVERY_S:
                    self._model.append(table)
                    table, shown_at = None, time.monotonic()
                self.progress.emit(count)
                await asyncio.sleep(0)
        except BackupViewerError:
            if progressive and self._model.total_count:
                self._model.clear()  # no half history: it would look like a whole one
            raise
        if progressive:
            if table is not None:
                self._model.append(table)
            table = self._model.snapshot.backups
        table = table if table is not None else HistoryTable()
        self._model.show(await self._snapshot(table, schedules))
        return count

    async def _snapshot(self, table: HistoryTable, schedules: ScheduleList) -> Snapshot:
        if self._assessor is None:
            return unjudged(table, schedules)
        return await self._assessor.judge(table, schedules)

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)

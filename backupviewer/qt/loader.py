"""Loads the backup history into the model: latest wins, progress, auto-refresh while running."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import time
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Mapping
from datetime import datetime
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Signal

from backupviewer.core.errors import BackupViewerError, NotPermitted, SessionExpired
from backupviewer.core.schedule.items import ScheduleList
from backupviewer.health.findings import Health
from backupviewer.history.table import HistoryTable
from backupviewer.history.workers import Answer
from backupviewer.qt.history_model import HistoryModel
from backupviewer.qt.tasks import report_unexpected

logger = logging.getLogger(__name__)

_RUNNING_CODES = ("0", "0.0", "running")

AUTO_REFRESH_MS = 5_000
"""While a backup runs, it is checked this often at first (its own row, a few hundred bytes)…"""
MAX_POLL_MS = 60_000
"""… then less often while nothing changes, down to this."""
FULL_WHILE_RUNNING_MS = 60_000
"""While a backup runs, the whole history is fetched again at most this often (new backups)."""
BACKGROUND_MS = 5 * 60_000
"""When nothing runs (and watching in the background is on), the whole history this often."""
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
    """Judges a loaded history's health (see `qt.health_monitor.HealthMonitor`)."""

    async def judge(self, table: HistoryTable, schedules: ScheduleList) -> Health: ...


class Decoder(Protocol):
    """Turns a history answer into pieces of the table, in the server's order; ends when all
    rows came, raises `BackupViewerError` when they cannot (see `history.workers.Decoder`)."""

    def decode(
        self, answer: Answer, triggers: Mapping[str, str] | None
    ) -> AsyncGenerator[HistoryTable, None]: ...


class HistoryLoader(QObject):
    """Fetches and decodes the history and feeds the model, one chunk per event-loop turn.

    The rows already shown stay when a refresh fails. While a backup runs, its own row is
    checked every `auto_refresh_ms`, less often while nothing changes (up to `MAX_POLL_MS`);
    when one ended – or every `FULL_WHILE_RUNNING_MS` – the whole history is fetched again. A
    backup the health calls stuck is no longer checked. When nothing runs and `background` is
    on, the whole history every `background_ms`.

    Signals: ``started()``; ``progress(rows_so_far)``; ``loaded(count)``; ``failed(message)``;
    ``session_expired()``; ``not_permitted(message)`` (signed in, but not an administrator);
    ``busy_changed(busy)``; ``auto_refresh_changed(active)``.
    """

    started = Signal()
    progress = Signal(int)
    loaded = Signal(int)
    failed = Signal(str)
    session_expired = Signal()
    not_permitted = Signal(str)
    busy_changed = Signal(bool)
    auto_refresh_changed = Signal(bool)

    def __init__(
        self,
        model: HistoryModel,
        decoder: Decoder,
        parent: QObject | None = None,
        *,
        assessor: Assessor | None = None,
        auto_refresh_ms: int = AUTO_REFRESH_MS,
        background_ms: int = BACKGROUND_MS,
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
        self._auto = False
        self.last_loaded: datetime | None = None
        self.last_error: str | None = None
        self._background = True  # watch when nothing runs, too
        self._poll_first = auto_refresh_ms
        self._poll_ms = auto_refresh_ms
        self._background_ms = background_ms
        self._full_due = 0.0  # (monotonic) when the whole history is fetched while polling
        self._poll_task: asyncio.Task[None] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(auto_refresh_ms)
        self._timer.timeout.connect(self._on_timer_timeout)

    @property
    def busy(self) -> bool:
        return self._busy

    @property
    def background(self) -> bool:
        """Whether the whole history is fetched now and then when nothing runs."""
        return self._background

    @background.setter
    def background(self, on: bool) -> None:
        self._background = on
        if not self._auto and not self._busy:
            self._timer.stop()
            if on and self._source is not None and self.last_loaded is not None:
                self._timer.start(self._background_ms)

    @property
    def auto_refreshing(self) -> bool:
        return self._auto

    @property
    def auto_refresh_seconds(self) -> float:
        """How often a running backup is checked now."""
        return self._poll_ms / 1000

    @property
    def task(self) -> asyncio.Task[None] | None:
        """The load in progress (or the last one)."""
        return self._task

    def set_source(self, source: HistorySource | None) -> None:
        """Load from `source` from now on (None after signing out: stops everything)."""
        self._source = source
        if source is None:
            self.cancel()
            self._set_auto(False)
            self.last_loaded = self.last_error = None  # (nothing of the session stays)

    def refresh(self) -> asyncio.Task[None] | None:
        """Start loading, cancelling a load in progress; None when there is no source."""
        if self._source is None:
            return None
        self.cancel()
        self._timer.stop()
        task = asyncio.ensure_future(self.load(self._source))
        task.add_done_callback(report_unexpected)
        self._task = task
        return task

    def cancel(self) -> None:
        """Stop the load (or the check) in progress, if any (the rows shown stay)."""
        for task in (self._task, self._poll_task):
            if task is not None and not task.done():
                task.cancel()

    async def load(self, source: HistorySource) -> None:
        """Fetch, decode and show the history; expected failures become signals."""
        self._set_busy(True)
        self.started.emit()
        try:
            count = await self._fetch_and_show(source)
        except SessionExpired as exc:
            logger.info("Session expired while loading: %s", exc)
            self.last_error = str(exc)
            self._set_auto(False)
            self.session_expired.emit()
        except NotPermitted as exc:
            logger.warning("Not permitted to read the history: %s", exc)
            self.last_error = str(exc)
            self._set_auto(False)
            self.not_permitted.emit(str(exc))
        except BackupViewerError as exc:
            logger.warning("Loading the history failed: %s", exc)
            self.last_error = str(exc)
            self.failed.emit(str(exc))
            self._schedule_next()
        else:
            self.last_error = None
            self.last_loaded = self._clock()
            logger.info("Loaded %d backups (%d running)", count, self._model.running_count)
            self.loaded.emit(count)
            self._schedule_next()
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
            self._model.finish_loading(await self._health(self._model.backups, schedules))
        else:
            table = table if table is not None else HistoryTable()
            self._model.replace(table, await self._health(table, schedules))
        return count

    async def _health(self, table: HistoryTable, schedules: ScheduleList) -> Health | None:
        if self._assessor is None:
            return None
        return await self._assessor.judge(table, schedules)

    def _schedule_next(self) -> None:
        """After a load: watch the running backups, or the whole history in the background."""
        self._poll_ms = self._poll_first
        self._full_due = time.monotonic() + FULL_WHILE_RUNNING_MS / 1000
        watched = self._model.watched_ids()
        self._set_auto(bool(watched))
        if watched:
            self._timer.start(self._poll_ms)
        elif self._background and self._source is not None:
            self._timer.start(self._background_ms)

    def _on_timer_timeout(self) -> None:
        if not self._auto or time.monotonic() >= self._full_due:
            self.refresh()
            return
        task = asyncio.ensure_future(self._poll())
        task.add_done_callback(report_unexpected)
        self._poll_task = task

    async def _poll(self) -> None:
        """Check the running backups' own rows: one ended (or is gone) – fetch everything;
        none did – check again later, less often."""
        source = self._source
        watched = self._model.watched_ids()
        if source is None or not watched or not hasattr(source, "backup"):
            self.refresh()
            return
        try:
            for backup_id in watched:
                row = await source.backup(backup_id)
                if row is None or str(row.get("status")).strip() not in _RUNNING_CODES:
                    logger.info("Backup %s is no longer running: refreshing", backup_id)
                    self.refresh()
                    return
        except SessionExpired:
            self.refresh()  # (which says so)
            return
        except BackupViewerError as exc:
            logger.info("Checking the running backups failed (%s): refreshing", exc)
            self.refresh()
            return
        self._poll_ms = min(self._poll_ms * 2, MAX_POLL_MS)
        self.auto_refresh_changed.emit(True)  # (how often it is checked changed)
        self._timer.start(self._poll_ms)

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)

    def _set_auto(self, active: bool) -> None:
        if not active:
            self._timer.stop()
        if active != self._auto:
            self._auto = active
            self.auto_refresh_changed.emit(active)

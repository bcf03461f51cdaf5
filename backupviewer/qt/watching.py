"""When to look at the server again: which backups to check while they run, and how often;
when to fetch the whole history (a backup ended, a minute went by, or in the background)."""

from __future__ import annotations

import asyncio
import logging
import time

from PySide6.QtCore import QObject, QTimer, Signal

from backupviewer.core.errors import BackupViewerError, SessionExpired
from backupviewer.core.records import Status, status_of
from backupviewer.qt.history_model import HistoryModel
from backupviewer.qt.loader import HistoryLoader
from backupviewer.qt.tasks import report_unexpected

logger = logging.getLogger(__name__)

AUTO_REFRESH_MS = 5_000
"""While a backup runs, it is checked this often at first (its own row, a few hundred bytes)…"""
MAX_POLL_MS = 60_000
"""… then less often while nothing changes, down to this."""
FULL_WHILE_RUNNING_MS = 60_000
"""While a backup runs, the whole history is fetched again at most this often (new backups)."""
BACKGROUND_MS = 5 * 60_000
"""When nothing runs (and watching in the background is on), the whole history this often."""


class Watching(QObject):
    """Watches the history `loader` loads into `model`: while a backup runs, its own row is
    checked every `auto_refresh_ms`, less often while nothing changes (up to `MAX_POLL_MS`);
    when one ended – or every `FULL_WHILE_RUNNING_MS` – the whole history is fetched again. A
    backup the health calls stuck is not checked (see `Snapshot.watched_ids`). When nothing
    runs and `background` is on, the whole history every `background_ms`.

    Signals: ``auto_refresh_changed(active)`` when checking the running backups starts, stops
    or changes pace.
    """

    auto_refresh_changed = Signal(bool)

    def __init__(
        self,
        loader: HistoryLoader,
        model: HistoryModel,
        parent: QObject | None = None,
        *,
        auto_refresh_ms: int = AUTO_REFRESH_MS,
        background_ms: int = BACKGROUND_MS,
    ) -> None:
        super().__init__(parent)
        self._loader = loader
        self._model = model
        self._auto = False
        self._background = True  # watch when nothing runs, too
        self._poll_first = auto_refresh_ms
        self._poll_ms = auto_refresh_ms
        self._background_ms = background_ms
        self._full_due = 0.0  # (monotonic) when the whole history is fetched while polling
        self._poll_task: asyncio.Task[None] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)
        loader.started.connect(self._on_loader_started)
        loader.loaded.connect(self._after_load)
        loader.failed.connect(self._after_load)
        loader.session_expired.connect(self.stop)
        loader.not_permitted.connect(self.stop)
        loader.source_changed.connect(self._on_loader_source_changed)

    @property
    def background(self) -> bool:
        """Whether the whole history is fetched now and then when nothing runs."""
        return self._background

    @background.setter
    def background(self, on: bool) -> None:
        self._background = on
        if not self._auto and not self._loader.busy:
            self._timer.stop()
            if on and self._loader.source is not None and self._loader.last_loaded is not None:
                self._timer.start(self._background_ms)

    @property
    def auto_refreshing(self) -> bool:
        """Whether running backups are being checked."""
        return self._auto

    @property
    def auto_refresh_seconds(self) -> float:
        """How often a running backup is checked now."""
        return self._poll_ms / 1000

    def stop(self) -> None:
        """Watch no more (until the next load)."""
        if self._poll_task is not None and not self._poll_task.done():
            self._poll_task.cancel()
        self._set_auto(False)

    def _on_loader_started(self) -> None:
        self._timer.stop()
        if self._poll_task is not None and not self._poll_task.done():
            self._poll_task.cancel()

    def _on_loader_source_changed(self) -> None:
        if self._loader.source is None:
            self.stop()

    def _after_load(self) -> None:
        """Watch the running backups, or the whole history in the background."""
        self._poll_ms = self._poll_first
        self._full_due = time.monotonic() + FULL_WHILE_RUNNING_MS / 1000
        watched = self._model.snapshot.watched_ids()
        self._set_auto(bool(watched))
        if watched:
            self._timer.start(self._poll_ms)
        elif self._background and self._loader.source is not None:
            self._timer.start(self._background_ms)

    def _on_timer_timeout(self) -> None:
        if not self._auto or time.monotonic() >= self._full_due:
            self._loader.refresh()
            return
        task = asyncio.ensure_future(self._poll())
        task.add_done_callback(report_unexpected)
        self._poll_task = task

    async def _poll(self) -> None:
        """Check the running backups' own rows: one ended (or is gone) – fetch everything;
        none did – check again later, less often."""
        source = self._loader.source
        watched = self._model.snapshot.watched_ids()
        if source is None or not watched or not hasattr(source, "backup"):
            self._loader.refresh()
            return
        try:
            for backup_id in watched:
                row = await source.backup(backup_id)
                if row is None or status_of(str(row.get("status"))) is not Status.RUNNING:
                    logger.info("Backup %s is no longer running: refreshing", backup_id)
                    self._loader.refresh()
                    return
        except SessionExpired:
            self._loader.refresh()  # (which says so)
            return
        except BackupViewerError as exc:
            logger.info("Checking the running backups failed (%s): refreshing", exc)
            self._loader.refresh()
            return
        self._poll_ms = min(self._poll_ms * 2, MAX_POLL_MS)
        self.auto_refresh_changed.emit(True)  # (how often it is checked changed)
        self._timer.start(self._poll_ms)

    def _set_auto(self, active: bool) -> None:
        if not active:
            self._timer.stop()
        if active != self._auto:
            self._auto = active
            self.auto_refresh_changed.emit(active)

"""Saves a backup's zip from the server, one at a time, with progress and a way to cancel."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, Signal

from backupviewer.core.errors import BackupViewerError, SessionExpired
from backupviewer.core.words import translate
from backupviewer.qt.tasks import report_unexpected

logger = logging.getLogger(__name__)


class Downloader(Protocol):
    """What saving a backup needs from a signed-in client."""

    async def download_backup(
        self, backup_id: str, target: Path, progress: Callable[[int, int | None], None] | None
    ) -> Path: ...


class Downloads(QObject):
    """Downloads backups with the signed-in client `client()` gives (None: signed out).

    Signals: ``started(backup id, path)``; ``progress(bytes so far, total or -1)``;
    ``finished(path)``; ``failed(message)``; ``cancelled()``; ``busy_changed(busy)``.
    """

    started = Signal(str, str)
    progress = Signal(object, object)  # (sizes beyond 2 GB do not fit a C++ int)
    finished = Signal(str)
    failed = Signal(str)
    cancelled = Signal()
    busy_changed = Signal(bool)

    def __init__(
        self, client: Callable[[], Downloader | None], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._client = client
        self._task: asyncio.Task[None] | None = None

    @property
    def busy(self) -> bool:
        return self._task is not None and not self._task.done()

    @property
    def task(self) -> asyncio.Task[None] | None:
        return self._task

    def start(self, backup_id: str, target: Path) -> asyncio.Task[None] | None:
        """Save backup `backup_id` as `target`; None (and ``failed``) when it cannot start."""
        client = self._client()
        if client is None:
            self.failed.emit(
                translate(
                    "Downloads",
                    "Sign in first: downloads come from the server you are signed in to.",
                )
            )
            return None
        if self.busy:
            self.failed.emit(
                translate(
                    "Downloads", "A backup is being downloaded: wait for it, or cancel it first."
                )
            )
            return None
        task = asyncio.ensure_future(self._download(client, backup_id, target))
        task.add_done_callback(report_unexpected)
        self._task = task
        return task

    def cancel(self) -> None:
        """Stop the download in progress (nothing is left behind)."""
        if self.busy and self._task is not None:
            self._task.cancel()

    async def _download(self, client: Downloader, backup_id: str, target: Path) -> None:
        self.busy_changed.emit(True)
        self.started.emit(backup_id, str(target))
        try:
            await client.download_backup(backup_id, target, self._on_progress)
        except asyncio.CancelledError:
            logger.info("Download of %s cancelled", backup_id)
            self.cancelled.emit()
        except SessionExpired:
            self.failed.emit(
                translate(
                    "Downloads", "Your session has ended. Sign in again, then download the backup."
                )
            )
        except BackupViewerError as exc:
            logger.warning("Download of %s failed: %s", backup_id, exc)
            self.failed.emit(str(exc))
        else:
            self.finished.emit(str(target))
        finally:
            self.busy_changed.emit(False)

    def _on_progress(self, done: int, total: int | None) -> None:
        self.progress.emit(done, -1 if total is None else total)

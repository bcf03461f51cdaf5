"""Every server of a servers file, each loaded and judged on its own (``--servers FILE``).

A server is signed in to, read and judged in a task of its own – the decoding and the judging
in a thread, so that the window stays alive – and says what became of it the moment it is
known: one that is down, refuses its password or never answers delays and blanks no other.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal

from backupviewer.core.datafor.server_entry import ServerEntry
from backupviewer.core.errors import BackupViewerError, SignInError, described
from backupviewer.core.words import translate
from backupviewer.health.news import News
from backupviewer.health.snapshot import Snapshot


class Reader(Protocol):
    """Reads a server with its secret into a snapshot (raises `BackupViewerError`)."""

    def __call__(self, entry: ServerEntry, password: str, /) -> Awaitable[Snapshot]: ...

    def close(self) -> None:
        """Let go of what it holds (worker processes)."""


SecretReader = Callable[[ServerEntry, float], str]
"""A server's secret, given at most so many seconds (raises `SignInError`); blocking."""

logger = logging.getLogger(__name__)

SERVER_SECONDS = 120.0
"""How long one server may take, from its secret to its verdict."""


class Phase(enum.Enum):
    LOADING = "loading"
    JUDGED = "judged"
    FAILED = "failed"


@dataclass(frozen=True)
class ServerState:
    """What is known of one server: its snapshot once judged, or its problem in words (and
    whether signing in again could mend it); when it was last read."""

    entry: ServerEntry
    phase: Phase = Phase.LOADING
    snapshot: Snapshot | None = field(default=None, repr=False)
    problem: str = ""
    needs_sign_in: bool = False
    refreshed: datetime | None = None
    secret: str = field(default="", repr=False)  # (kept to open the server in the window)


class Fleet(QObject):
    """The servers and what is known of each; ``changed(index)`` when one's state changes."""

    changed = Signal(int)
    busy_changed = Signal(bool)  # (while any server is being read)
    noticed = Signal(int, str)  # a server's index, something new in its health (in words)

    def __init__(
        self,
        entries: list[ServerEntry],
        read: Reader,
        secret_of: SecretReader,
        clock: Callable[[], datetime],
        *,
        seconds: float | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._read = read
        self._secret_of = secret_of
        self._clock = clock
        self._seconds = SERVER_SECONDS if seconds is None else seconds
        self.states = [ServerState(entry) for entry in entries]
        self._news = [News() for _ in entries]
        self._tasks: dict[int, asyncio.Task[None]] = {}

    def refresh(self, index: int | None = None) -> None:
        """Read every server again (or the one at `index`), each in a task of its own."""
        for number in range(len(self.states)) if index is None else [index]:
            running = self._tasks.get(number)
            if running is not None and not running.done():
                continue
            was = self.loading()
            self._set(number, replace(self.states[number], phase=Phase.LOADING))
            task = asyncio.ensure_future(self._load(number))
            self._tasks[number] = task
            task.add_done_callback(self._on_task_done)
            if not was:
                self.busy_changed.emit(True)

    def loading(self) -> bool:
        return any(not task.done() for task in self._tasks.values())

    async def close(self) -> None:
        """Stop every load."""
        for task in self._tasks.values():
            task.cancel()
        for task in self._tasks.values():
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        self._read.close()

    async def _load(self, index: int) -> None:
        state = self.states[index]
        entry = state.entry
        try:
            async with asyncio.timeout(self._seconds):
                password = state.secret or await asyncio.to_thread(
                    self._secret_of, entry, self._seconds
                )
                snapshot = await self._read(entry, password)
        except TimeoutError:
            words = translate("Fleet", "No answer within {seconds:g} s.")
            self._fail(index, words.format(seconds=self._seconds))
        except BackupViewerError as exc:  # (a secret's words start with the server's name)
            words = str(exc).removeprefix(f"{entry.name}: ")
            self._fail(index, words, isinstance(exc, SignInError))
        except Exception as exc:
            logger.error("Reading %s failed", entry.name, exc_info=True)
            words = translate("Fleet", "Unexpected error: {error}.")
            self._fail(index, words.format(error=described(exc)))
        else:
            self._set(
                index,
                ServerState(entry, Phase.JUDGED, snapshot, refreshed=self._clock(),
                            secret=password),
            )  # fmt: skip
            for _, words in self._news[index].of(snapshot):
                self.noticed.emit(index, words)

    def _on_task_done(self, task: asyncio.Task[Any]) -> None:
        if not task.cancelled() and task.exception() is not None:
            logger.error("A server's load failed", exc_info=task.exception())
        if not self.loading():
            self.busy_changed.emit(False)

    def _fail(self, index: int, problem: str, sign_in: bool = False) -> None:
        before = self.states[index]
        self._set(
            index,
            replace(before, phase=Phase.FAILED, problem=problem, needs_sign_in=sign_in,
                    refreshed=self._clock(), secret="" if sign_in else before.secret),
        )  # fmt: skip

    def _set(self, index: int, state: ServerState) -> None:
        self.states[index] = state
        self.changed.emit(index)

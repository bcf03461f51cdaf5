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

from backupviewer.core.daemon_thread import in_daemon_thread
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
    typed: bool = False  # the secret is the user's (else asked for anew at each reading)


class Fleet(QObject):
    """The servers and what is known of each: ``changed(index)`` when one's state changes,
    ``reset()`` when the list itself does (`set_entries`)."""

    changed = Signal(int)
    about_to_reset = Signal()
    reset = Signal()
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
        self._news = {entry: News() for entry in entries}
        self._tasks: dict[ServerEntry, asyncio.Task[None]] = {}

    def refresh(self, index: int | None = None) -> None:
        """Read every server again (or the one at `index`), each in a task of its own."""
        for number in range(len(self.states)) if index is None else [index]:
            entry = self.states[number].entry
            running = self._tasks.get(entry)
            if running is not None and not running.done():
                continue
            was = self.loading()
            self._set(number, replace(self.states[number], phase=Phase.LOADING))
            task = asyncio.ensure_future(self._load(entry))
            self._tasks[entry] = task
            task.add_done_callback(self._on_task_done)
            if not was:
                self.busy_changed.emit(True)

    def set_entries(self, entries: list[ServerEntry]) -> None:
        """Make these the servers (added, removed, edited or moved): what is known of those
        that stay is kept, the new ones are read."""
        known = {state.entry: state for state in self.states}
        self.about_to_reset.emit()
        for entry, task in list(self._tasks.items()):
            if entry not in entries:
                task.cancel()
                del self._tasks[entry]
        self.states = [known.get(entry) or ServerState(entry) for entry in entries]
        self._news = {entry: self._news.get(entry) or News() for entry in entries}
        self.reset.emit()
        for number, entry in enumerate(entries):
            if entry not in known:
                self.refresh(number)

    def use_secret(self, index: int, secret: str) -> None:
        """Read the server at `index` again with this secret (given by the user)."""
        entry = self.states[index].entry
        running = self._tasks.pop(entry, None)
        if running is not None:
            running.cancel()  # (it may be reading with a secret of before)
        self.states[index] = replace(self.states[index], secret=secret, typed=True)
        self.refresh(index)

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

    def _index_of(self, entry: ServerEntry) -> int | None:
        return next((n for n, state in enumerate(self.states) if state.entry == entry), None)

    async def _load(self, entry: ServerEntry) -> None:
        index = self._index_of(entry)
        if index is None:
            return
        state = self.states[index]
        known = state.secret if state.typed else ""  # (a rotated password is found again)
        try:
            async with asyncio.timeout(self._seconds):
                password = known or await in_daemon_thread(
                    lambda: self._secret_of(entry, self._seconds), "secret"
                )
                snapshot = await self._read(entry, password)
        except TimeoutError:
            words = translate("Fleet", "No answer within {seconds:g} s.")
            self._fail(entry, words.format(seconds=self._seconds))
        except BackupViewerError as exc:  # (a secret's words start with the server's name)
            words = str(exc).removeprefix(f"{entry.name}: ")
            self._fail(entry, words, isinstance(exc, SignInError))
        except Exception as exc:
            logger.error("Reading %s failed", entry.name, exc_info=True)
            words = translate("Fleet", "Unexpected error: {error}.")
            self._fail(entry, words.format(error=described(exc)))
        else:
            index = self._index_of(entry)
            if index is None:  # (removed meanwhile)
                return
            typed = self.states[index].typed
            judged = ServerState(entry, Phase.JUDGED, snapshot, refreshed=self._clock(),
                                 secret=password, typed=typed)  # fmt: skip
            self._set(index, judged)
            for _, words in self._news[entry].of(snapshot):
                self.noticed.emit(index, words)

    def _on_task_done(self, task: asyncio.Task[Any]) -> None:
        if not task.cancelled() and task.exception() is not None:
            logger.error("A server's load failed", exc_info=task.exception())
        if not self.loading():
            self.busy_changed.emit(False)

    def _fail(self, entry: ServerEntry, problem: str, sign_in: bool = False) -> None:
        index = self._index_of(entry)
        if index is None:
            return
        before = self.states[index]
        self._set(
            index,
            replace(before, phase=Phase.FAILED, problem=problem, needs_sign_in=sign_in,
                    refreshed=self._clock(), secret="" if sign_in else before.secret,
                    typed=before.typed and not sign_in),
        )  # fmt: skip

    def _set(self, index: int, state: ServerState) -> None:
        self.states[index] = state
        self.changed.emit(index)

"""A server's answer in a temporary file: the one place that makes, reads and removes them.

The client receives a large history into one (`create`, `write`, `finish`); decoding
processes map it by its `path`; the table reads each row's raw JSON from it (`read`) for as
long as it shows those rows. Once decoded, `release_name` removes the file from its folder
where the system allows an open file to lose its name (not on Windows): it then vanishes
when the last table lets go of it. Files of ours that a killed app left behind are removed
at the next start (`remove_stale`).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import tempfile
import threading
import time
import weakref
from pathlib import Path
from typing import BinaryIO

PREFIX = "backupviewer-answer-"
STALE_AFTER_S = 24 * 3600


class AnswerFile:
    """One answer's temporary file: written once, then read (thread-safe) until dropped."""

    def __init__(self) -> None:
        handle, name = tempfile.mkstemp(prefix=PREFIX, suffix=".json")
        self.path = Path(name)
        self.size = 0
        self._lock = threading.Lock()
        self._state = _State(self.path, os.fdopen(handle, "wb"))
        _LIVE.add(self.path)
        weakref.finalize(self, self._state.close)

    def write(self, chunk: bytes) -> None:
        """Append the next part of the answer (`OSError` when the disk is full)."""
        writer = self._state.writer
        assert writer is not None, "the answer was finished already"
        writer.write(chunk)
        self.size += len(chunk)

    def finish(self) -> AnswerFile:
        """The whole answer is in: open it for reading. Returns self."""
        state = self._state
        if state.writer is not None:
            state.writer.close()
            state.writer = None
            state.reader = open(self.path, "rb")  # noqa: SIM115 - closed by `close`
        return self

    def read(self, start: int, size: int) -> bytes:
        """`size` bytes from `start` (a row's raw JSON)."""
        reader = self._state.reader
        assert reader is not None, "the answer is not finished, or closed"
        with self._lock:
            reader.seek(start)
            return reader.read(size)

    def release_name(self) -> None:
        """Nobody needs the path any more (it was decoded): remove the name now where the open
        file lives on without it; elsewhere when the file is closed."""
        if os.name != "nt" and self._state.reader is not None:
            self._state.unlink()

    def close(self) -> None:
        """Let go of the file and remove it (also when dropped, and at exit)."""
        self._state.close()


class _State:
    """The open files and the name, kept apart from the `AnswerFile` so that its finalizer
    does not keep it alive."""

    def __init__(self, path: Path, writer: BinaryIO) -> None:
        self.path = path
        self.writer: BinaryIO | None = writer
        self.reader: BinaryIO | None = None
        self.named = True

    def unlink(self) -> None:
        if self.named:
            self.named = False
            with contextlib.suppress(OSError):
                self.path.unlink()
            _LIVE.discard(self.path)

    def close(self) -> None:
        for file in (self.writer, self.reader):
            if file is not None:
                file.close()
        self.writer = self.reader = None
        self.unlink()


_LIVE: set[Path] = set()
"""Files of this process that still have a name: removed at exit whatever happened."""


@atexit.register
def _remove_live() -> None:
    for path in list(_LIVE):
        with contextlib.suppress(OSError):
            path.unlink()


def remove_stale(folder: str | None = None, older_than_s: float = STALE_AFTER_S) -> int:
    """Remove answer files of ours older than `older_than_s` seconds (a day) that a killed app
    left in the temporary folder; one still open elsewhere is left (Windows refuses). Returns
    how many were removed."""
    removed = 0
    limit = time.time() - older_than_s
    for path in Path(folder or tempfile.gettempdir()).glob(f"{PREFIX}*.json"):
        with contextlib.suppress(OSError):
            if path.stat().st_mtime < limit and path not in _LIVE:
                path.unlink()
                removed += 1
    return removed

"""Decode a backup history off the GUI thread: worker processes hand back `HistoryTable` pieces.

A large answer is decoded by two spawned processes at once, each taking half of the rows and
sending its pieces back through a pipe as soon as each is ready (the first one small, so that
rows show early). The GUI thread only unpickles one piece per event-loop turn: it never waits
for the GIL while the rows are decoded, and the two halves use both cores.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import io
import logging
import mmap
import multiprocessing
import os
import pickle
import tempfile
import threading
from array import array
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Iterator, Mapping
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from backupviewer.core import envelope
from backupviewer.core.errors import ProtocolError
from backupviewer.table import raw_rows, row_spans
from backupviewer.table.history_table import HistoryTable

logger = logging.getLogger(__name__)
T = TypeVar("T")

# Answers below this size (about 2,000 rows) are decoded on the spot: a process hop costs more.
INLINE_LIMIT_BYTES = 1_000_000
WORKERS = 2
FIRST_PIECE_ROWS = 2_000
PIECE_ROWS = 10_000

_PIECE, _DONE, _ERROR, _WHOLE, _RESULT = b"p", b"d", b"e", b"w", b"r"
_DECODE, _CALL = "decode", "call"  # the kinds of job
_STOPPED_MESSAGE = (
    "Reading the backup history stopped unexpectedly (the helper process ended, perhaps for "
    "lack of memory). Refresh to try again."
)


def decode_inline(body: bytes, triggers: Mapping[str, str] | None = None) -> HistoryTable:
    """Decode a small answer on the spot (raises `BackupViewerError`)."""
    table = HistoryTable(triggers)
    rows, spans, _, _ = rows_of_part(body, 0, 1)
    (table.append_spans if spans else table.append_rows)(rows)
    return table


Rows = tuple[list[Any], bool, bool, "tuple[str, array[int]] | None"]
"""A part's rows (see `rows_of_part`)."""


def rows_of_part(source: str | bytes, part: int, parts: int) -> Rows:
    """The rows of part `part` of `parts` of the answer (`source`: it, or the path of a file
    holding it), whether they are spans (see `row_spans`) rather than parsed rows, whether
    they are all of the rows, and, when they can be read again from the file, its path and
    where each row starts there (see `raw_rows.file_starts`).

    Every part finds the rows of the whole answer (quick) and keeps its share. An answer
    that is not a plain successful one is parsed whole by part 0, which raises
    `BackupViewerError` saying what is wrong, or holds every row; the other parts then have
    none.
    """
    body = _mapped(source)
    spans = row_spans.spans_of(body)
    if spans is None:
        if part > 0:
            return [], False, False, None
        return _rows_of(bytes(body)), False, True, None
    start, stop = len(spans) * part // parts, len(spans) * (part + 1) // parts
    starts = raw_rows.file_starts(body, spans, start, stop) if isinstance(source, str) else None
    file = None if starts is None or not isinstance(source, str) else (source, starts)
    return spans[start:stop], True, parts == 1, file


def decode_part(
    source: str | bytes,
    triggers: Mapping[str, str] | None,
    part: int,
    parts: int,
    first_rows: int = FIRST_PIECE_ROWS,
    piece_rows: int = PIECE_ROWS,
) -> Iterator[HistoryTable]:
    """Part `part` of `parts` of the rows, in order, in pieces (the first of part 0 small).

    `source` is the answer or the path of a file holding it. Raises `BackupViewerError` for
    an answer that is not a backup history.
    """
    rows, spans, _, file = rows_of_part(source, part, parts)
    first = first_rows if part == 0 else piece_rows
    yield from pieces_of(rows, spans, triggers, first, piece_rows, file)


def pieces_of(
    rows: list[Any],
    spans: bool,
    triggers: Mapping[str, str] | None,
    first_rows: int,
    piece_rows: int,
    file: tuple[str, array[int]] | None = None,
) -> Iterator[HistoryTable]:
    """`rows` (spans, or parsed rows) decoded into tables of `first_rows`, then `piece_rows`
    rows each; with `file`, their raw JSON stays in that file."""
    size, begin = first_rows, 0
    while begin < len(rows):
        table = HistoryTable(triggers)
        chunk = rows[begin : begin + size]
        if not spans:
            table.append_rows(chunk)
        elif file is None:
            table.append_spans(chunk)
        else:
            table.append_spans(chunk, (file[0], file[1][begin : begin + size]))
        yield table
        begin += size
        size = piece_rows


def _mapped(source: str | bytes) -> bytes | mmap.mmap:
    """The answer, or the file holding it mapped into memory (not copied: each worker reads
    all of it)."""
    if isinstance(source, bytes):
        return source
    with open(source, "rb") as file:
        try:
            return mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
        except ValueError:  # an empty file
            return b""


def _read(source: str | bytes) -> bytes:
    if isinstance(source, bytes):
        return source
    with open(source, "rb") as file:
        return file.read()


_WHAT = "backup history"


def _rows_of(body: bytes) -> list[Any]:
    data = envelope.read_data(body, _WHAT)
    if data is None:
        return []
    if not isinstance(data, list):
        raise ProtocolError("The server's backup history is not a list of backups.")
    return data


# -- the worker process ---------------------------------------------------------------------------


def serve(connection: Connection) -> None:
    """A worker process: do each job it is sent, until the pipe closes.

    A call job is ("call", function, args), answered with the result (tag and pickle) or the
    error. A decode job is ("decode", source, triggers, part, parts); each message back is
    one tag byte and, but for the end of the job, a pickle: a piece, the error that ended
    it, or (first) word that this part holds all rows. The collector stays off: the rows
    are freed by reference counting anyway, and scanning them would cost seconds.
    """
    gc.disable()
    while True:
        try:
            kind, *job = connection.recv()
        except (EOFError, OSError):
            return
        if kind == _CALL:
            if not _answer(connection, *job):
                return
            continue
        try:
            _decode(connection, *job)
            connection.send_bytes(_DONE)  # after the answer's mapping is let go of
        except (BrokenPipeError, EOFError):
            return
        except Exception as exc:  # noqa: BLE001 - it goes to the GUI, which reports it
            connection.send_bytes(_ERROR + _pickled_error(exc))
        finally:
            gc.collect()


def _decode(
    connection: Connection,
    source: str | bytes,
    triggers: Mapping[str, str] | None,
    part: int,
    parts: int,
) -> None:
    """A decode job but its end (see `serve`); the answer's file is let go of when it
    returns (on Windows a file mapped cannot be removed)."""
    rows, spans, whole, file = rows_of_part(source, part, parts)
    if whole and parts > 1:
        connection.send_bytes(_WHOLE)
    first = FIRST_PIECE_ROWS if part == 0 else PIECE_ROWS
    for piece in pieces_of(rows, spans, triggers, first, PIECE_ROWS, file):
        message = io.BytesIO()
        message.write(_PIECE)
        pickle.dump(piece, message, pickle.HIGHEST_PROTOCOL)
        del piece
        connection.send_bytes(message.getbuffer())
        del message


def _answer(connection: Connection, function: Callable[..., Any], args: tuple[Any, ...]) -> bool:
    """Send back `function(*args)`, or the error it raised; False once the pipe is closed."""
    try:
        try:
            message = _RESULT + pickle.dumps(function(*args), pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # noqa: BLE001 - it goes back, where it is handled
            message = _ERROR + _pickled_error(exc)
        connection.send_bytes(message)
    except (BrokenPipeError, EOFError, OSError):
        return False
    return True


def _pickled_error(exc: Exception) -> bytes:
    try:
        return pickle.dumps(exc, pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001 - an error that cannot travel is described instead
        return pickle.dumps(RuntimeError(f"{type(exc).__name__}: {exc}"))


# -- the GUI side --------------------------------------------------------------------------------


class _Worker:
    """One worker process and the GUI's end of its pipe."""

    def __init__(self, index: int) -> None:
        context = multiprocessing.get_context("spawn")
        self.connection, theirs = context.Pipe()
        self.process = context.Process(
            target=serve, args=(theirs,), name=f"backupviewer-decoder-{index}", daemon=True
        )
        self.process.start()
        theirs.close()
        self.busy = False
        self.sent = 0  # calls sent (see `WorkerPool.call_soon`)
        self.read = 0  # their answers read (or dropped)

    def answer(self, ticket: int) -> bytes:
        """The answer to call number `ticket`; b"" when it cannot be had (dropped already,
        or the process stopped)."""
        if self.read > ticket:
            return b""
        try:
            while self.read < ticket:
                self.connection.recv_bytes()
                self.read += 1
            message = self.connection.recv_bytes()
        except (EOFError, OSError):
            return b""
        self.read += 1
        return message

    def drain(self) -> None:
        """Read and drop the answers to calls nobody waited for."""
        while self.read < self.sent:
            self.connection.recv_bytes()
            self.read += 1

    def stop(self) -> None:
        """End the process: at once when it is busy, else by closing its pipe."""
        if not self.busy:
            self.connection.close()
            self.process.join(1.0)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(1.0)
        self.connection.close()


class WorkerPool:
    """The worker processes that decode large answers: started early, closed on quit.

    They live as long as the app, so a refresh never waits for one to start; a job cut short
    (cancelled, failed) replaces them with fresh ones, as their pipes may hold its pieces.
    """

    def __init__(self, workers: int = WORKERS) -> None:
        self._count = workers
        self._workers: list[_Worker] = []
        self._turn = 0  # which idle worker `call_soon` uses next

    def start(self) -> None:
        """Spawn the workers now (idempotent), so the first history does not wait for them."""
        while len(self._workers) < self._count:
            self._workers.append(_Worker(len(self._workers)))
        logger.debug("%d decoding workers running", len(self._workers))

    async def decode(
        self, answer: bytes | str, triggers: Mapping[str, str] | None
    ) -> AsyncGenerator[HistoryTable, None]:
        """The rows in pieces, in the server's order: the first rows soon, all of them after.

        `answer` is the history answer, or the path of a file holding it. Raises
        `BackupViewerError` for one that is not a backup history, and `ProtocolError` when a
        worker process dies.
        """
        if isinstance(answer, str) and os.path.getsize(answer) < INLINE_LIMIT_BYTES:
            answer = _read(answer)
        if isinstance(answer, bytes) and len(answer) < INLINE_LIMIT_BYTES:
            yield decode_inline(answer, triggers)
            return
        self.start()
        workers = list(self._workers)
        loop = asyncio.get_running_loop()
        collector = _InOrder(len(workers))
        finished = False
        async with _file_of(answer) as path:
            del answer  # the GUI keeps no copy while the workers decode
            try:
                for part, worker in enumerate(workers):
                    worker.busy = True
                    try:
                        worker.drain()
                        worker.connection.send((_DECODE, path, triggers, part, len(workers)))
                    except (OSError, EOFError):
                        logger.warning("Decoding worker %d had stopped", part)
                        raise ProtocolError(_STOPPED_MESSAGE) from None
                    _Reader(worker.connection, part, loop, collector.inbox).start()
                async for piece in collector.pieces():
                    yield piece
                finished = True
            finally:
                for worker in workers:
                    worker.busy = not finished
                void = workers if not finished else [workers[p] for p in collector.dropped]
                if void:
                    self._replace(void)

    def call_soon(self, function: Callable[..., T], *args: Any) -> Callable[[], T] | None:
        """Start ``function(*args)`` (picklable: a module's function) in an idle worker; a
        function that waits for its result, or None when no worker is idle (a load going
        on). Should the worker fail, the result is computed here instead. Wait for results
        in the order of the calls."""
        stopped = [worker for worker in self._workers if not worker.process.is_alive()]
        if stopped:
            self._replace(stopped)
        idle = [worker for worker in self._workers if not worker.busy]
        if not idle:
            return None
        worker = idle[self._turn % len(idle)]
        self._turn += 1
        try:
            worker.drain()  # answers to calls nobody waited for (an export cut short)
            worker.connection.send((_CALL, function, args))
        except OSError:  # it had stopped
            self._replace([worker])
            return None
        ticket = worker.sent
        worker.sent += 1

        def result() -> T:
            message = worker.answer(ticket)
            if message[:1] == _RESULT:
                found: T = pickle.loads(memoryview(message)[1:])
                return found
            logger.warning("A worker process could not help; doing its part here")
            if not message and not worker.process.is_alive():
                self._replace([worker])
            return function(*args)

        return result

    def close(self) -> None:
        """Stop the workers (a busy one at once)."""
        workers, self._workers = self._workers, []
        for worker in workers:
            worker.stop()

    def _replace(self, workers: list[_Worker]) -> None:
        for worker in workers:
            worker.stop()
        self._workers = [w for w in self._workers if w not in workers]
        self.start()


class _Reader(threading.Thread):
    """Hands a worker's messages of one job to the event loop as they arrive.

    It only waits on the pipe and copies bytes (the GIL is free while it waits); unpickling
    happens on the GUI thread, one piece per event-loop turn.
    """

    def __init__(
        self,
        connection: Connection,
        part: int,
        loop: asyncio.AbstractEventLoop,
        inbox: asyncio.Queue[tuple[int, bytes]],
    ) -> None:
        super().__init__(name=f"backupviewer-decoder-reader-{part}", daemon=True)
        self._connection = connection
        self._part = part
        self._loop = loop
        self._inbox = inbox

    def run(self) -> None:
        message = b""
        while not message.startswith((_DONE, _ERROR)):
            try:
                message = self._connection.recv_bytes()
            except (EOFError, OSError, TypeError):  # TypeError: the pipe was closed meanwhile
                message = b""  # the process ended (or was stopped)
            with contextlib.suppress(RuntimeError):  # the loop has closed: nobody waits
                self._loop.call_soon_threadsafe(self._inbox.put_nowait, (self._part, message))
            if not message:
                return


class _InOrder:
    """Puts the messages of all parts in order: pieces of a later part are unpickled as they
    come (one per turn) and kept, then handed on (one per turn) once the parts before it are
    complete.

    A part's failure is raised when its turn comes, as the parts before it may still show
    that it does not count (part 0 saying it holds every row); `dropped` names such parts.
    """

    def __init__(self, parts: int) -> None:
        self.parts = parts
        self.inbox: asyncio.Queue[tuple[int, bytes]] = asyncio.Queue()
        self.dropped: set[int] = set()

    async def pieces(self) -> AsyncIterator[HistoryTable]:
        shown = 0
        done: set[int] = set()
        held: dict[int, list[HistoryTable]] = {}
        failed: dict[int, BaseException] = {}
        while shown < self.parts:
            part, message = await self.inbox.get()
            if part >= self.parts:
                continue  # from a part dropped since
            tag = message[:1]
            if tag == _PIECE:
                piece: HistoryTable = pickle.loads(memoryview(message)[1:])
                del message
                if part == shown:
                    yield piece
                else:
                    held.setdefault(part, []).append(piece)
            elif tag == _DONE:
                done.add(part)
                while shown in done:
                    shown += 1
                    for piece in held.pop(shown, []):
                        yield piece
            elif tag == _WHOLE:
                self.dropped.update(range(part + 1, self.parts))
                self.parts = part + 1
            elif tag == _ERROR:
                failed[part] = pickle.loads(memoryview(message)[1:])
            else:
                logger.warning("Decoding worker %d stopped", part)
                failed[part] = ProtocolError(_STOPPED_MESSAGE)
            if shown in failed and shown < self.parts:
                raise failed[shown]


@contextlib.asynccontextmanager
async def _file_of(answer: bytes | str) -> AsyncIterator[str]:
    """The path of a file holding the answer: its own, or a temporary one (removed after)
    written in a thread, which waits on the disk without holding the GIL."""
    if isinstance(answer, str):
        yield answer
        return
    handle, path = tempfile.mkstemp(prefix="backupviewer-", suffix=".json")
    try:
        with os.fdopen(handle, "wb") as file:
            await asyncio.to_thread(file.write, answer)
        del answer
        yield path
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)

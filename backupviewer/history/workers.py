"""Decode a history answer into tables: two worker processes at once for a large one.

Each spawned process maps the answer's file, takes its half of the rows and sends its pieces
back through a pipe as soon as each is ready (the first one small, so that rows show early).
This process only unpickles one piece per event-loop turn: the window never waits for the
GIL while rows are decoded, and the two halves use both cores. A small answer (bytes) is
decoded here, at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import io
import logging
import mmap
import multiprocessing
import pickle
import threading
from collections.abc import AsyncGenerator, AsyncIterator, Iterator, Mapping, Sequence
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TypeVar

from backupviewer.core.answer_file import AnswerFile
from backupviewer.core.errors import ProtocolError
from backupviewer.history.decode import careful_rows, decode
from backupviewer.history.raw_rows import Bytes
from backupviewer.history.row_bytes import Body, Span, locate, spans_of
from backupviewer.history.table import HistoryTable

logger = logging.getLogger(__name__)

WORKERS = 2
FIRST_PIECE_ROWS = 2_000
PIECE_ROWS = 10_000
Answer = bytes | AnswerFile
_Row = TypeVar("_Row", Span, bytes)
"""A history answer: its bytes (small), or the file holding it."""

_PIECE, _DONE, _ERROR, _WHOLE = b"p", b"d", b"e", b"w"
_STOPPED_MESSAGE = (
    "Reading the backup history stopped unexpectedly (the helper process ended, perhaps for "
    "lack of memory). Refresh to try again."
)


def decode_answer(answer: Answer, triggers: Mapping[str, str] | None = None) -> HistoryTable:
    """All rows of `answer` in one table, decoded in this process (raises
    `BackupViewerError` for an answer that is not a backup history)."""
    body = answer if isinstance(answer, bytes) else _mapped(answer.path)
    table = HistoryTable(triggers)
    for piece in _pieces(body, 0, 1, triggers, len(body) + 1):
        table.extend(piece)
    table.raw.attach(Bytes(answer) if isinstance(answer, bytes) else answer)
    if isinstance(answer, AnswerFile):
        answer.release_name()
    return table


def _pieces(
    body: Body, part: int, parts: int, triggers: Mapping[str, str] | None, first_rows: int
) -> Iterator[HistoryTable]:
    """Part `part` of `parts` of the answer's rows, in order, in pieces of `first_rows`, then
    `PIECE_ROWS` rows. Every part finds all rows (quick), then takes its share. An answer that
    is not a plain successful one is read whole by part 0, which raises the error saying what
    is wrong, or holds every row, with their JSON written again; the other parts then have
    none. A part with every row says so first (`_WholeAnswer`)."""
    spans = spans_of(body)
    if spans is None:
        if part == 0:
            rows = careful_rows(bytes(body))
            if parts > 1:
                yield _WholeAnswer()
            for chunk in _chunks(rows, first_rows):
                source, starts, _ = Bytes.joined(chunk)
                yield decode(chunk, starts, triggers, source)
        return
    start, stop = len(spans) * part // parts, len(spans) * (part + 1) // parts
    mine: Sequence[Span] = spans[start:stop]
    starts = locate(body, mine, sum(map(len, spans[:start])))
    begin = 0
    for chunk in _chunks(mine, first_rows):
        yield decode(chunk, starts[begin : begin + len(chunk)], triggers)
        begin += len(chunk)


class _WholeAnswer(HistoryTable):
    """The word that part 0 holds every row (the answer had to be read whole)."""


def _chunks(rows: Sequence[_Row], first: int) -> Iterator[Sequence[_Row]]:
    size, begin = first, 0
    while begin < len(rows):
        yield rows[begin : begin + size]
        begin += size
        size = PIECE_ROWS


def _mapped(path: Path) -> Body:
    """The file mapped into memory (not copied: each worker reads all of it)."""
    with open(path, "rb") as file:
        try:
            return mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
        except ValueError:  # an empty file
            return b""


# -- the worker process ---------------------------------------------------------------------------


def serve(connection: Connection) -> None:
    """A worker process: decode each job it is sent, (path, triggers, part, parts), until the
    pipe closes. Each message back is one tag byte and, but for the end of the job, a pickle:
    a piece, the error that ended it, or (first) word that this part holds all rows. The
    collector stays off: the rows are freed by reference counting, and scanning them would
    cost seconds. It writes no words (a table holds codes, an error `Phrase`s), so it needs
    no language."""
    gc.disable()
    while True:
        try:
            path, triggers, part, parts = connection.recv()
        except (EOFError, OSError):
            return
        try:
            _decode_job(connection, path, triggers, part, parts)
            connection.send_bytes(_DONE)  # after the answer's mapping is let go of
        except (BrokenPipeError, EOFError):
            return
        except Exception as exc:  # noqa: BLE001 - it goes to the window, which reports it
            connection.send_bytes(_ERROR + _pickled_error(exc))
        finally:
            gc.collect()


def _decode_job(
    connection: Connection, path: Path, triggers: Mapping[str, str] | None, part: int, parts: int
) -> None:
    """A job but its end; the mapping is let go of when it returns (on Windows a mapped file
    cannot be removed)."""
    first = FIRST_PIECE_ROWS if part == 0 else PIECE_ROWS
    for piece in _pieces(_mapped(path), part, parts, triggers, first):
        if isinstance(piece, _WholeAnswer):
            connection.send_bytes(_WHOLE)
            continue
        message = io.BytesIO()
        message.write(_PIECE)
        pickle.dump(piece, message, pickle.HIGHEST_PROTOCOL)
        del piece
        connection.send_bytes(message.getbuffer())
        del message


def _pickled_error(exc: Exception) -> bytes:
    try:
        return pickle.dumps(exc, pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001 - an error that cannot travel is described instead
        return pickle.dumps(RuntimeError(f"{type(exc).__name__}: {exc}"))


# -- this side -----------------------------------------------------------------------------------


class _Worker:
    """One worker process and this side's end of its pipe."""

    def __init__(self, index: int) -> None:
        context = multiprocessing.get_context("spawn")
        self.connection, theirs = context.Pipe()
        self.process = context.Process(
            target=serve,
            args=(theirs,),
            name=f"backupviewer-decoder-{index}",
            daemon=True,
        )
        self.process.start()
        theirs.close()

    def stop(self) -> None:
        self.connection.close()
        self.process.join(1.0)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(1.0)


class Decoder:
    """Turns history answers into tables, a large one in worker processes: started early (a
    refresh never waits for one to start), closed on quit. A job cut short (cancelled,
    failed) replaces them with fresh ones, as their pipes may still hold its pieces."""

    def __init__(self, workers: int = WORKERS) -> None:
        self._count = workers
        self._workers: list[_Worker] = []

    def start(self) -> None:
        """Spawn the workers now (idempotent), so the first history does not wait for them."""
        while len(self._workers) < self._count:
            self._workers.append(_Worker(len(self._workers)))
        logger.debug("%d decoding workers running", len(self._workers))

    async def decode(
        self, answer: Answer, triggers: Mapping[str, str] | None
    ) -> AsyncGenerator[HistoryTable, None]:
        """The rows in pieces, in the server's order: the first rows soon, all of them after.

        Raises `BackupViewerError` for an answer that is not a backup history, and
        `ProtocolError` when a worker process dies.
        """
        if isinstance(answer, bytes):
            yield decode_answer(answer, triggers)
            return
        self.start()
        workers = list(self._workers)
        loop = asyncio.get_running_loop()
        collector = _InOrder(len(workers))
        finished = False
        try:
            for part, worker in enumerate(workers):
                try:
                    worker.connection.send((answer.path, triggers, part, len(workers)))
                except (OSError, EOFError):
                    logger.warning("Decoding worker %d had stopped", part)
                    raise ProtocolError(_STOPPED_MESSAGE) from None
                _Reader(worker.connection, part, loop, collector.inbox).start()
            async for piece in collector.pieces():
                piece.raw.attach(answer)
                yield piece
            finished = True
            answer.release_name()
        finally:
            void = workers if not finished else [workers[p] for p in collector.dropped]
            if void:
                self._replace(void)

    def close(self) -> None:
        """Stop the workers."""
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
    happens on the event loop's thread, one piece per turn.
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

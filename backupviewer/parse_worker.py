"""Decode a backup history off the GUI thread: in a worker process, handed back in chunks."""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import itertools
import logging
import multiprocessing
import os
import pickle
import tempfile
import zlib
from array import array
from collections.abc import AsyncGenerator, AsyncIterator, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import orjson

from backupviewer import envelope
from backupviewer.columns import Column
from backupviewer.errors import ProtocolError
from backupviewer.records import Record, parse_rows

logger = logging.getLogger(__name__)

CHUNK_ROWS = 5_000
# Answers below this size (about 2,000 rows) are decoded on the spot: a process hop costs more.
INLINE_LIMIT_BYTES = 1_000_000
FIELD_SEPARATOR = "\x1f"
# Fields with few distinct values: equal texts become one object, so rows share them.
_SHARED_FIELDS = ("backupid", "name", "folder", "config", "status", "add_by", "update_by", "cron")
_RAW_INDEX = Record._fields.index("raw")
_STARTED_INDEX = Record._fields.index("started")
_UPDATED_INDEX = Record._fields.index("updated")


class RawStore:
    """The raw JSON of a chunk's rows, zlib-compressed together (a sixth of the size)."""

    __slots__ = ("_blob", "_ends")
    _last: tuple[RawStore, bytes] | None = None

    def __init__(self, blob: bytes, ends: array[int]) -> None:
        self._blob = blob
        self._ends = ends

    @classmethod
    def pack(cls, rows: Sequence[bytes]) -> RawStore:
        ends = array("q", itertools.accumulate(len(row) for row in rows))
        return cls(zlib.compress(b"".join(rows), 1), ends)

    def row(self, index: int) -> bytes:
        last = RawStore._last
        if last is not None and last[0] is self:
            plain = last[1]
        else:
            plain = zlib.decompress(self._blob)
            RawStore._last = (self, plain)
        start = self._ends[index - 1] if index else 0
        return plain[start : self._ends[index]]


class RawRow(Mapping[str, Any]):
    """One row's JSON as the server sent it, decoded on access (100k dicts cost 100 MB)."""

    __slots__ = ("_index", "_store")

    def __init__(self, store: RawStore, index: int) -> None:
        self._store = store
        self._index = index

    @property
    def json(self) -> bytes:
        return self._store.row(self._index)

    def _decoded(self) -> dict[str, Any]:
        value = orjson.loads(self.json)
        return value if isinstance(value, dict) else {"value": value}

    def __getitem__(self, key: str) -> Any:
        return self._decoded()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._decoded())

    def __len__(self) -> int:
        return len(self._decoded())

    def __repr__(self) -> str:
        return f"RawRow({self.json[:80]!r})"


@dataclass(frozen=True, slots=True)
class Batch:
    """Rows ready for the table: records and their search texts.

    ``search[i]`` holds row i's cell texts in `Column` order, case-folded and joined by
    `FIELD_SEPARATOR`, as UTF-8 (half the memory of `str` for rows with Chinese names).
    """

    records: list[Record]
    search: list[bytes]

    def __len__(self) -> int:
        return len(self.records)


@dataclass(frozen=True, slots=True)
class Ranks:
    """Each column's sort ranks over a whole history: ``columns[c][i]`` places row i when
    sorting by column c; equal values share a rank, so a stable sort keeps their order."""

    columns: tuple[array[int], ...]


Piece = Batch | Ranks
"""What decoding hands over, in order: batches of rows, then the ranks of all of them."""


def batch_from_records(records: Sequence[Record]) -> Batch:
    """Search texts for already decoded records."""
    texts = [column.text for column in Column]
    search = [
        FIELD_SEPARATOR.join([text(r) for text in texts]).casefold().encode() for r in records
    ]
    return Batch(list(records), search)


def ranks_of(records: Sequence[Record]) -> Ranks:
    """Sort ranks of every column for a whole history."""
    return Ranks(tuple(_ranks([column.sort_key(r) for r in records]) for column in Column))


def decode_inline(body: bytes, triggers: Mapping[str, str] | None = None) -> tuple[Batch, Ranks]:
    """Decode a small answer on the spot (raises `BackupViewerError`)."""
    records = parse_rows(_rows_of(body), triggers)
    return batch_from_records(records), ranks_of(records)


def decode_head(source: str | bytes, triggers: Mapping[str, str] | None, stop: int) -> list[bytes]:
    """Worker entry: the first `stop` rows in pickled chunks, quickly, without ranks.

    `source` is the answer or the path of a file holding it. Runs in a separate process so
    that the GUI thread never waits for the GIL; the GUI loads a chunk per event-loop turn.
    """
    rows = _rows_of(_read(source))[:stop]
    return _chunks(parse_rows(rows, triggers))


def decode_tail(
    source: str | bytes, triggers: Mapping[str, str] | None, start: int
) -> tuple[list[bytes], bytes]:
    """Worker entry: the rows from `start` on in pickled chunks, and the pickled ranks of all."""
    records = parse_rows(_rows_of(_read(source)), triggers)
    ranks = ranks_of(records)
    blob = pickle.dumps([column.tobytes() for column in ranks.columns], pickle.HIGHEST_PROTOCOL)
    return _chunks(records[start:]), blob


def load_chunk(chunk: bytes) -> Batch:
    """Rebuild one chunk made by `decode_head` or `decode_tail`."""
    values, raws, search = pickle.loads(chunk)
    at = _RAW_INDEX
    records = [
        Record._make((*fields[:at], RawRow(raws, index), *fields[at:]))
        for index, fields in enumerate(values)
    ]
    return Batch(records, search)


def load_ranks(blob: bytes) -> Ranks:
    """Rebuild the ranks made by `decode_tail`."""
    return Ranks(tuple(array("i", column) for column in pickle.loads(blob)))


def ping() -> bool:
    """A no-op task: submitting it makes the pool spawn its worker ahead of need."""
    return True


def _read(source: str | bytes) -> bytes:
    if isinstance(source, bytes):
        return source
    with open(source, "rb") as file:
        return file.read()


def _rows_of(body: bytes) -> list[Any]:
    data = envelope.read_data(body, "backup history")
    if data is None:
        return []
    if not isinstance(data, list):
        raise ProtocolError("The server's backup history is not a list of backups.")
    _share_repeated_texts(data)
    return data


def _chunks(records: list[Record]) -> list[bytes]:
    batch = batch_from_records(records)
    return [
        pickle.dumps(_chunk_payload(batch, start, start + CHUNK_ROWS), pickle.HIGHEST_PROTOCOL)
        for start in range(0, len(batch), CHUNK_ROWS)
    ]


def _share_repeated_texts(rows: list[Any]) -> None:
    seen: dict[str, str] = {}
    for row in rows:
        if isinstance(row, dict):
            for key in _SHARED_FIELDS:
                value = row.get(key)
                if isinstance(value, str):
                    row[key] = seen.setdefault(value, value)


def _chunk_payload(batch: Batch, start: int, stop: int) -> tuple[Any, ...]:
    records = batch.records[start:stop]
    zones: dict[Any, Any] = {}
    return (
        [_shared_zones(r[:_RAW_INDEX] + r[_RAW_INDEX + 1 :], zones) for r in records],
        RawStore.pack([_raw_bytes(r.raw) for r in records]),
        batch.search[start:stop],
    )


def _shared_zones(fields: tuple[Any, ...], zones: dict[Any, Any]) -> tuple[Any, ...]:
    """Give equal time zones one object: one per row would be pickled (slowly) row by row."""
    started, updated = fields[_STARTED_INDEX], fields[_UPDATED_INDEX]
    if started is None or updated is None or started.tzinfo is None:
        return fields
    zone = zones.setdefault(started.utcoffset(), started.tzinfo)
    if started.tzinfo is zone and updated.tzinfo is zone:
        return fields
    values = list(fields)
    values[_STARTED_INDEX] = started.replace(tzinfo=zone)
    if updated.utcoffset() == started.utcoffset():
        values[_UPDATED_INDEX] = updated.replace(tzinfo=zone)
    return tuple(values)


def _raw_bytes(raw: Any) -> bytes:
    if isinstance(raw, Mapping) and not isinstance(raw, dict):
        raw = dict(raw)
    return orjson.dumps(raw, default=str, option=orjson.OPT_NON_STR_KEYS)


def _ranks(keys: list[Any]) -> array[int]:
    """Dense ranks of `keys`: equal keys share a rank, so a stable sort by rank keeps ties."""
    order = sorted(range(len(keys)), key=keys.__getitem__)
    ranks = array("i", bytes(4 * len(keys)))
    rank = -1
    previous: Any = object()
    for index in order:
        key = keys[index]
        if key != previous:
            rank += 1
            previous = key
        ranks[index] = rank
    return ranks


class WorkerPool:
    """One spawned worker process that decodes large answers; started early, closed on quit.

    After each large answer the worker is replaced by a fresh one, so that the memory it
    used goes back to the system and the next refresh finds a worker ready.
    """

    def __init__(self) -> None:
        self._executor: concurrent.futures.ProcessPoolExecutor | None = None

    def start(self) -> None:
        """Spawn the worker now (idempotent), so the first history does not wait for it."""
        if self._executor is not None:
            return
        self._executor = concurrent.futures.ProcessPoolExecutor(
            max_workers=1, mp_context=multiprocessing.get_context("spawn")
        )
        self._executor.submit(ping)
        logger.debug("Decoding worker started")

    async def decode(
        self, body: bytes, triggers: Mapping[str, str] | None
    ) -> AsyncGenerator[Piece, None]:
        """Batches of rows, then their ranks: the first rows soon, the rest after."""
        if len(body) < INLINE_LIMIT_BYTES:
            for piece in decode_inline(body, triggers):
                yield piece
            return
        self.start()
        assert self._executor is not None
        loop = asyncio.get_running_loop()
        async with _spooled(body) as path:
            del body  # the GUI keeps no copy while the worker decodes
            head = loop.run_in_executor(self._executor, decode_head, path, triggers, CHUNK_ROWS)
            tail = loop.run_in_executor(self._executor, decode_tail, path, triggers, CHUNK_ROWS)
            try:
                for chunk in _draining(await head):
                    yield load_chunk(chunk)
                chunks, ranks = await tail
                for chunk in _draining(chunks):
                    yield load_chunk(chunk)
                yield load_ranks(ranks)
            except concurrent.futures.BrokenExecutor:
                logger.warning("The decoding worker stopped")
                raise ProtocolError(
                    "Reading the backup history stopped unexpectedly (the helper process "
                    "ended, perhaps for lack of memory). Refresh to try again."
                ) from None
            finally:
                head.cancel()
                tail.cancel()
                self._renew()

    def close(self) -> None:
        """Stop the worker without waiting for work in progress."""
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None

    def _renew(self) -> None:
        self.close()
        self.start()


def _draining(chunks: list[bytes]) -> Iterator[bytes]:
    """Hand out chunks first to last, dropping each from the list (its memory goes at once)."""
    chunks.reverse()
    while chunks:
        yield chunks.pop()


@contextlib.asynccontextmanager
async def _spooled(body: bytes) -> AsyncIterator[str]:
    """The answer in a temporary file for the worker to read (removed afterwards); written
    in a thread, which waits on the disk without holding the GIL."""
    handle, path = tempfile.mkstemp(prefix="backupviewer-", suffix=".json")
    try:
        with os.fdopen(handle, "wb") as file:
            await asyncio.to_thread(file.write, body)
        del body
        yield path
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)

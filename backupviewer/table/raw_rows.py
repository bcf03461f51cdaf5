"""Each row's raw JSON, as the server sent it: kept by a table for its details, not decoded.

A table's rows come in parts (a worker's pieces). A part whose rows lie in the answer's
file, one comma apart, keeps only where each row lies there (`FilePart`): the file stays
open while a table needs it. Other parts keep the rows' bytes in blocks (`BlobPart`),
compressed a few blocks at a time once the load is over (`pack`).
"""

from __future__ import annotations

import bisect
import contextlib
import mmap
import os
import threading
import weakref
import zlib
from array import array
from collections.abc import Iterable, Sequence
from itertools import accumulate
from typing import Any, BinaryIO, ClassVar

BLOCK = 256  # rows whose JSON is compressed together (and read back together)
_DEFLATE = -15  # raw deflate: no header or checksum, a fifth faster (blocks stay in memory)
_BLOCKS_KEPT = 8  # blocks kept decompressed, the last read


class AnswerFile:
    """An answer's file, open for reading rows from it; one per path (see `of`).

    Where the system allows (not Windows), the file was removed from its folder already and
    lives on while open; elsewhere it is removed once no table needs it.
    """

    _open: ClassVar[weakref.WeakValueDictionary[str, AnswerFile]] = weakref.WeakValueDictionary()

    def __init__(self, path: str) -> None:
        self.path = path
        self._file: BinaryIO = open(path, "rb")  # noqa: SIM115 - closed by the finalizer
        self._lock = threading.Lock()
        weakref.finalize(self, _close, self._file, path)

    @classmethod
    def of(cls, path: str) -> AnswerFile:
        """The open file at `path` (opened now unless a table has it open already: the same
        file, not an older one whose name a new one was given)."""
        found = cls._open.get(path)
        if found is None or not found.is_at(path):
            found = cls._open[path] = cls(path)
        return found

    def is_at(self, path: str) -> bool:
        try:
            return os.path.samestat(os.fstat(self._file.fileno()), os.stat(path))
        except OSError:
            return False

    def read(self, start: int, size: int) -> bytes:
        with self._lock:
            self._file.seek(start)
            return self._file.read(size)


def _close(file: BinaryIO, path: str) -> None:
    file.close()
    if os.name == "nt":  # it could not be removed while open
        with contextlib.suppress(OSError):
            os.unlink(path)


class FilePart:
    """Rows lying in an answer's file: where each starts, and its length."""

    __slots__ = ("file", "lengths", "starts")

    def __init__(self, path: str, starts: array[int], lengths: array[int]) -> None:
        self.file: AnswerFile | str = path  # a path until opened where the rows are read
        self.starts = starts
        self.lengths = lengths

    def __len__(self) -> int:
        return len(self.starts)

    def __getstate__(self) -> tuple[str, array[int], array[int]]:
        path = self.file if isinstance(self.file, str) else self.file.path
        return path, self.starts, self.lengths

    def __setstate__(self, state: tuple[str, array[int], array[int]]) -> None:
        path, self.starts, self.lengths = state
        self.file = AnswerFile.of(path)  # now, while the file is surely there

    def row(self, row: int) -> bytes:
        if isinstance(self.file, str):
            self.file = AnswerFile.of(self.file)
        return self.file.read(self.starts[row], self.lengths[row])


class BlobPart:
    """Rows' bytes, `BLOCK` rows a block; a block is compressed by `pack`."""

    __slots__ = ("blocks", "ends", "packed")

    def __init__(self, rows: Sequence[bytes | Any]) -> None:
        self.blocks = [
            b"".join(rows[first : first + BLOCK]) for first in range(0, len(rows), BLOCK)
        ]
        self.packed = bytearray(len(self.blocks))
        self.ends = array("q")  # where each row ends in its block
        for first in range(0, len(rows), BLOCK):
            self.ends.extend(accumulate(map(len, rows[first : first + BLOCK])))

    def __len__(self) -> int:
        return len(self.ends)

    def block(self, row: int) -> int:
        return row // BLOCK

    def plain(self, block: int) -> bytes:
        data = self.blocks[block]
        return zlib.decompress(data, _DEFLATE) if self.packed[block] else data

    def row_in(self, plain: bytes, row: int) -> bytes:
        start = 0 if row % BLOCK == 0 else self.ends[row - 1]
        return plain[start : self.ends[row]]

    def pack(self, blocks: int) -> int:
        """Compress up to `blocks` blocks still plain; how many it compressed."""
        done = 0
        first = self.packed.find(0)
        while first >= 0 and done < blocks:
            self.blocks[first] = zlib.compress(self.blocks[first], 1, _DEFLATE)
            self.packed[first] = 1
            done += 1
            first = self.packed.find(0, first)
        return done


Part = FilePart | BlobPart


class RawRows:
    """The raw JSON of a table's rows, part after part."""

    __slots__ = ("_firsts", "_plain", "parts")

    def __init__(self) -> None:
        self.parts: list[Part] = []
        self._firsts = array("q")  # the first row of each part
        self._plain: dict[tuple[int, int], bytes] = {}  # blocks decompressed last

    def __len__(self) -> int:
        return sum(map(len, self.parts))

    def __getstate__(self) -> list[Part]:
        return self.parts

    def __setstate__(self, parts: list[Part]) -> None:
        self.parts, self._firsts, self._plain = [], array("q"), {}
        self._add(parts)

    def add_rows(self, rows: Sequence[bytes | Any]) -> None:
        """Add rows given as their bytes (or anything with the buffer protocol)."""
        if rows:
            self._add([BlobPart(rows)])

    def add_file_rows(self, path: str, starts: array[int], lengths: array[int]) -> None:
        """Add rows lying in the file at `path`."""
        if len(starts):
            self._add([FilePart(path, starts, lengths)])

    def extend(self, other: RawRows) -> None:
        self._add(other.parts)

    def _add(self, parts: Iterable[Part]) -> None:
        rows = len(self)
        for part in parts:
            self.parts.append(part)
            self._firsts.append(rows)
            rows += len(part)

    def row(self, row: int) -> bytes:
        """Row `row`'s JSON as the server sent it."""
        if row < 0:
            raise IndexError(row)
        index = bisect.bisect_right(self._firsts, row) - 1
        if index < 0:
            raise IndexError(row)
        part, row = self.parts[index], row - self._firsts[index]
        if row >= len(part):
            raise IndexError(row)
        if isinstance(part, FilePart):
            return part.row(row)
        key = (index, part.block(row))
        plain = self._plain.pop(key, None)
        if plain is None:
            plain = part.plain(key[1])
            if len(self._plain) >= _BLOCKS_KEPT:
                del self._plain[next(iter(self._plain))]
        self._plain[key] = plain  # the newest last
        return part.row_in(plain, row)

    def pack(self, blocks: int) -> bool:
        """Compress up to `blocks` blocks of rows kept in memory; whether some remain."""
        for part in self.parts:
            if isinstance(part, BlobPart) and part.packed.find(0) >= 0:
                blocks -= part.pack(blocks)
                if blocks <= 0:
                    break
        return any(isinstance(p, BlobPart) and p.packed.find(0) >= 0 for p in self.parts)


def file_starts(
    body: bytes | mmap.mmap, spans: Sequence[Any], start: int, stop: int
) -> array[int] | None:
    """Where spans `start` to `stop` of the answer's rows (`spans`, the bytes of every row,
    in order) begin in `body`, when the rows are objects written one comma apart (as
    servers write them); None otherwise (they are kept in memory then).

    The first row is found by its bytes right after ``"data":[``; each later row begins
    where the ones before it and their commas end, which holds when each such place opens
    an object right after a comma (checked in C), and the part's last row's bytes are where
    they should be. A part that is neither the first nor the last checks every row from the
    first; the last part checks only its own, anchored by its first row's bytes where they
    should be and by the ``]`` right after its last row: a chain of rows ending there is the
    end of the list.
    """
    if start >= stop:
        return array("q")
    first = body.find(b'"data":[' + bytes(spans[0])) + len(b'"data":[')
    if first < len(b'"data":['):
        return None
    checked = start if stop == len(spans) else 0
    offset = first + sum(map(len, spans[:checked])) + checked
    starts = array("q", accumulate(map((1).__add__, map(len, spans[checked:stop])), initial=offset))
    del starts[-1]
    if checked and body[offset : offset + len(spans[checked])] != bytes(spans[checked]):
        return None
    if body[starts[-1] : starts[-1] + len(spans[stop - 1])] != bytes(spans[stop - 1]):
        return None  # (a list of rows just as long, before the real one, say)
    if stop == len(spans):
        last = starts[-1] + len(spans[-1])
        if body[last : last + 1] != b"]":
            return None
    if bytes(map(body.__getitem__, starts)) != b"{" * len(starts):
        return None
    commas = bytes(map(body.__getitem__, map((-1).__add__, starts[1:])))
    if commas != b"," * (len(starts) - 1):
        return None
    return starts[start - checked :]

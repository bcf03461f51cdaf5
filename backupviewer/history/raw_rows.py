"""Each row's raw JSON as the server sent it: where it lies in the answer, read when asked for.

A table keeps no copy of its rows' JSON: a part of its rows knows where each row starts in
a source, and how long it is. The source is the answer itself (its file, or its bytes when
it was small), or, for rows that had to be written again (an answer only a full parse could
read), those rows' own bytes.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Sequence
from itertools import accumulate
from typing import Protocol


class Source(Protocol):
    """Where rows lie: an `AnswerFile`, or `Bytes`."""

    def read(self, start: int, size: int) -> bytes: ...


class Bytes:
    """Rows lying in bytes held in memory."""

    __slots__ = ("data",)

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, start: int, size: int) -> bytes:
        return self.data[start : start + size]

    @classmethod
    def joined(cls, rows: Sequence[bytes]) -> tuple[Bytes, array[int], array[int]]:
        """The rows one after another, with where each starts and its length."""
        lengths = array("q", map(len, rows))
        starts = array("q", accumulate(lengths, initial=0))
        del starts[-1]
        return cls(b"".join(rows)), starts, lengths


class _Part:
    """Rows lying in one source: the answer (attached on arrival), or bytes of their own."""

    __slots__ = ("in_answer", "lengths", "source", "starts")

    def __init__(self, source: Source | None, starts: array[int], lengths: array[int]) -> None:
        self.source = source
        self.in_answer = source is None
        self.starts = starts
        self.lengths = lengths

    def __getstate__(self) -> tuple[Source | None, array[int], array[int]]:
        # The answer is not sent between processes: the receiving side attaches its own.
        return (None if self.in_answer else self.source), self.starts, self.lengths

    def __setstate__(self, state: tuple[Source | None, array[int], array[int]]) -> None:
        self.source, self.starts, self.lengths = state
        self.in_answer = self.source is None


class RawRows:
    """The raw JSON of a table's rows, part after part."""

    __slots__ = ("_firsts", "_parts")

    def __init__(self) -> None:
        self._parts: list[_Part] = []
        self._firsts = array("q")  # the first row of each part

    def __len__(self) -> int:
        return sum(len(part.starts) for part in self._parts)

    def __getstate__(self) -> list[_Part]:
        return self._parts

    def __setstate__(self, parts: list[_Part]) -> None:
        self._parts, self._firsts = [], array("q")
        self._add(parts)

    def add(self, starts: array[int], lengths: array[int], source: Source | None = None) -> None:
        """Rows that start at `starts` in `source` (None: in the answer, see `attach`)."""
        if len(starts):
            self._add([_Part(source, starts, lengths)])

    def attach(self, answer: Source) -> None:
        """Say which answer the rows said to lie "in the answer" lie in."""
        for part in self._parts:
            if part.in_answer:
                part.source = answer

    def extend(self, other: RawRows) -> None:
        self._add(other._parts)

    def _add(self, parts: list[_Part]) -> None:
        rows = len(self)
        for part in parts:
            self._parts.append(part)
            self._firsts.append(rows)
            rows += len(part.starts)

    def row(self, row: int) -> bytes:
        """Row `row`'s JSON as the server sent it."""
        index = bisect.bisect_right(self._firsts, row) - 1
        if row < 0 or index < 0:
            raise IndexError(row)
        part, row = self._parts[index], row - self._firsts[index]
        if row >= len(part.starts):
            raise IndexError(row)
        if part.source is None:
            raise LookupError("the rows' answer was not attached")
        return part.source.read(part.starts[row], part.lengths[row])

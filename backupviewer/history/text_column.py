"""A text column kept as its distinct texts and one code per row.

Most columns of a backup history repeat a few texts (names, users, folders, schedules, status
words), so a row costs a byte instead of a pointer, a piece travels between processes as a
few texts and a byte string, and the filter and the sort work on the distinct texts, then map
the answer onto the rows from C.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
from itertools import filterfalse

_BYTE_CODES = 256  # up to this many distinct texts, a code is a byte


class TextColumn:
    """Texts by row: `texts` holds each distinct text once, `codes` a row's index into it
    (a bytearray, or an ``array("I")`` beyond 256 distinct texts)."""

    __slots__ = ("_code_of", "_folded", "codes", "texts")

    def __init__(
        self, texts: list[str] | None = None, codes: bytearray | array[int] | None = None
    ) -> None:
        self.texts: list[str] = texts if texts is not None else []
        self.codes: bytearray | array[int] = codes if codes is not None else bytearray()
        self._code_of: dict[str, int] | None = None
        self._folded: list[bytes] | None = None

    @classmethod
    def of(cls, values: Sequence[str]) -> TextColumn:
        """The column holding `values`, in order."""
        texts = list(dict.fromkeys(values))
        code_of = dict(zip(texts, range(len(texts)), strict=True))
        column = cls(texts)
        column.codes = _codes(map(code_of.__getitem__, values), len(texts))
        column._code_of = code_of
        return column

    @classmethod
    def of_codes(cls, texts: list[str], codes: Sequence[int]) -> TextColumn:
        """The column whose rows hold these codes into `texts` (a text may repeat)."""
        return cls(texts, _codes(codes, len(texts)))

    def __getstate__(self) -> tuple[list[str], bytearray | array[int]]:
        return self.texts, self.codes

    def __setstate__(self, state: tuple[list[str], bytearray | array[int]]) -> None:
        self.texts, self.codes = state
        self._code_of = self._folded = None

    def __len__(self) -> int:
        return len(self.codes)

    def __getitem__(self, row: int) -> str:
        return self.texts[self.codes[row]]

    def __iter__(self) -> Iterator[str]:
        return map(self.texts.__getitem__, self.codes)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, TextColumn):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def take(self, rows: Iterable[int]) -> list[str]:
        """The texts of these rows, in their order."""
        return list(map(self.texts.__getitem__, map(self.codes.__getitem__, rows)))

    def extend(self, other: TextColumn) -> None:
        """Append the rows of `other`."""
        code_of = self._code_of
        if code_of is None:
            code_of = self._code_of = dict(zip(self.texts, range(len(self.texts)), strict=True))
        fresh = list(filterfalse(code_of.__contains__, other.texts))  # (each distinct already)
        code_of.update(
            zip(fresh, range(len(self.texts), len(self.texts) + len(fresh)), strict=True)
        )
        self.texts += fresh
        self._folded = None
        mapping = list(map(code_of.__getitem__, other.texts))
        if len(self.texts) > _BYTE_CODES and isinstance(self.codes, bytearray):
            self.codes = array("I", list(self.codes))  # (a bytearray would be read as raw bytes)
        if mapping == list(range(len(mapping))):
            self.codes.extend(other.codes)
        elif isinstance(self.codes, bytearray) and isinstance(other.codes, bytearray):
            self.codes += other.codes.translate(bytes(mapping).ljust(_BYTE_CODES, b"\0"))
        else:
            self.codes.extend(map(mapping.__getitem__, other.codes))

    def folded(self) -> list[bytes]:
        """Each distinct text case-folded, as UTF-8 (what the filter compares)."""
        if self._folded is None:
            self._folded = list(map(str.encode, map(str.casefold, self.texts)))
        return self._folded

    def hits(self, needle: bytes) -> bytes | None:
        """A byte per row, 1 where the row's case-folded text contains `needle`; None when
        no row's does."""
        found = [code for code, text in enumerate(self.folded()) if needle in text]
        if not found:
            return None
        if isinstance(self.codes, bytearray):
            table = bytearray(_BYTE_CODES)
            for code in found:
                table[code] = 1
            return bytes(self.codes.translate(table))
        wanted = set(found)
        return bytes(map(wanted.__contains__, self.codes))

    def equal(self, text: str) -> bytes:
        """A byte per row, 1 where the row holds exactly `text`."""
        code = self.texts.index(text) if text in self.texts else -1
        if code < 0:
            return bytes(len(self.codes))
        if isinstance(self.codes, bytearray):
            table = bytearray(_BYTE_CODES)
            table[code] = 1
            return bytes(self.codes.translate(table))
        return bytes(map(code.__eq__, self.codes))

    def sort_keys(self) -> list[int]:
        """A number per row ordering the texts case-blind (equal when they fold equal)."""
        folded = list(map(str.casefold, self.texts))
        rank = [0] * len(folded)
        previous: str | None = None
        place = -1
        for code in sorted(range(len(folded)), key=folded.__getitem__):
            if folded[code] != previous:
                place, previous = place + 1, folded[code]
            rank[code] = place
        return list(map(rank.__getitem__, self.codes))


def _codes(codes: Iterable[int], distinct: int) -> bytearray | array[int]:
    return bytearray(codes) if distinct <= _BYTE_CODES else array("I", codes)


def rows_hit(masks: Sequence[bytes], rows: int) -> bytes:
    """The rows any of `masks` (a byte per row, 1 = hit) hits, as one such mask."""
    together = 0
    for mask in masks:
        together |= int.from_bytes(mask, "little")
    return together.to_bytes(rows, "little")

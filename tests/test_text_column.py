"""A text column as distinct texts and codes behaves like the list of texts it stands for."""

from __future__ import annotations

import pickle

from hypothesis import given, settings
from hypothesis import strategies as st

from backupviewer.history.text_column import TextColumn, rows_hit

TEXTS = st.lists(st.sampled_from(["a", "B", "b", "ä", "名", "", "x,y"]) | st.text(max_size=3))


@settings(max_examples=200, deadline=None)
@given(st.lists(TEXTS, max_size=4))
def test_pieces_joined_read_as_the_texts_joined(pieces: list[list[str]]) -> None:
    column = TextColumn()
    for piece in pieces:
        column.extend(pickle.loads(pickle.dumps(TextColumn.of(piece))))
    every = [text for piece in pieces for text in piece]
    assert list(column) == every and len(column) == len(every)
    assert [column[row] for row in range(len(every))] == every
    assert column.take(range(len(every))[::-1]) == every[::-1]
    assert len(set(column.texts)) == len(column.texts)  # each distinct text once
    keys = column.sort_keys()
    for i, one in enumerate(every):
        for j, other in enumerate(every):
            assert (keys[i] < keys[j]) == (one.casefold() < other.casefold())
    for needle in ("a", "b", "y", "名", ""):
        folded = needle.encode()
        mask = column.hits(folded)
        expected = bytes(folded in text.casefold().encode() for text in every)
        assert (mask or bytes(len(every))) == expected


def test_more_than_256_distinct_texts_widen_the_codes() -> None:
    every = [f"t{i}" for i in range(200)] + [f"t{i}" for i in range(150, 400)] + ["t3"]
    column = TextColumn.of(every[:200])
    column.extend(TextColumn.of(every[200:]))
    assert not isinstance(column.codes, bytearray) and len(column.texts) == 400
    assert list(column) == every
    assert column.hits(b"t39") == bytes("t39" in text for text in every)


def test_masks_combine_into_the_rows_any_hits() -> None:
    assert rows_hit([b"\x01\x00\x00\x00", b"\x00\x00\x01\x00"], 4) == b"\x01\x00\x01\x00"
    assert rows_hit([], 3) == bytes(3)

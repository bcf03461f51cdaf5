"""Rows' raw JSON: where each row lies in its answer, read back byte for byte; answer files."""

from __future__ import annotations

import gc
import os
import pickle
import time
from array import array
from pathlib import Path
from typing import Any

import orjson
import pytest

from backupviewer.core import answer_file
from backupviewer.core.answer_file import AnswerFile
from backupviewer.history.raw_rows import Bytes, RawRows
from backupviewer.history.row_bytes import locate, spans_of

ROWS = [{"id": f"b{i}", "name": "名" * (i % 5), "msg": '},{"id":"x"},{'} for i in range(600)]


def answer(rows: list[Any], separator: bytes = b",", head: bytes = b"") -> bytes:
    return (
        b'{"success":true,"msg":"",' + head + b'"data":['
        + separator.join(map(orjson.dumps, rows)) + b"]}"
    )  # fmt: skip


def assert_found(body: bytes, parts: int = 1) -> None:
    """Each part's rows are located where exactly their bytes are."""
    spans = spans_of(body)
    assert spans is not None
    for part in range(parts):
        start, stop = len(spans) * part // parts, len(spans) * (part + 1) // parts
        starts = locate(body, spans[start:stop], sum(map(len, spans[:start])))
        assert len(starts) == stop - start
        for span, at in zip(spans[start:stop], starts, strict=True):
            assert body[at : at + len(span)] == bytes(span)


@pytest.mark.parametrize("parts", [1, 2, 3])
@pytest.mark.parametrize(
    "body",
    [
        answer(ROWS),  # as servers write it: one comma apart
        answer(ROWS, b", "),  # a space after each comma (Python's json module)
        answer(ROWS, b",\n").replace(b",\n", b",", 300),  # line breaks in part of it
        answer([*ROWS[:5], 5, *ROWS[5:]]),  # a row that is not an object
        answer(ROWS).replace(b'"data":[', b'"data": [ '),  # spaces before the first row
        answer(ROWS)[:-2] + b" ]}",  # a space after the last row
    ],
)
def test_every_row_is_found_where_its_bytes_are(body: bytes, parts: int) -> None:
    assert_found(body, parts)


def test_a_first_row_met_earlier_inside_a_text_is_the_same_bytes() -> None:
    first = orjson.dumps(ROWS[0])
    assert_found(answer(ROWS, head=b'"note":' + orjson.dumps(first.decode()) + b","))


def test_a_decoy_list_of_look_alike_rows_before_the_real_one_is_never_read() -> None:
    # Rows of the same lengths, the first and last the same bytes, the middle ones not.
    decoy = [ROWS[0], *({**row, "id": row["id"].upper()} for row in ROWS[1:-1]), ROWS[-1]]
    nested = b'"x":{"data":[' + b",".join(map(orjson.dumps, decoy)) + b"]},"
    for head in (nested, b'"data":[' + b",".join(map(orjson.dumps, decoy)) + b"],"):
        body = answer(ROWS, head=head)
        spans = spans_of(body)
        assert spans is not None and orjson.loads(bytes(spans[1]))["id"] == "b1"
        assert_found(body, parts=2)


def test_raw_rows_read_from_their_source_and_travel_without_the_answer() -> None:
    body = answer(ROWS[:10])
    spans = spans_of(body)
    assert spans is not None
    rows = RawRows()
    rows.add(locate(body, spans), array("q", map(len, spans)))
    own, starts, lengths = Bytes.joined([b"[1]", b'{"a":2}'])
    rows.add(starts, lengths, own)
    with pytest.raises(LookupError):
        rows.row(0)  # the answer is not attached yet
    rows.attach(Bytes(body))
    assert [rows.row(i) for i in range(10)] == list(map(bytes, spans))
    assert rows.row(10) == b"[1]" and rows.row(11) == b'{"a":2}'
    travelled = pickle.loads(pickle.dumps(rows))
    assert travelled.row(11) == b'{"a":2}'  # its own bytes went along
    with pytest.raises(LookupError):
        travelled.row(0)  # the answer did not
    for outside in (-1, 12):
        with pytest.raises(IndexError):
            rows.row(outside)


def test_an_answer_file_is_read_until_dropped_and_then_gone(tmp_path: Path) -> None:
    answer_file.tempfile.tempdir = str(tmp_path)
    try:
        file = AnswerFile()
        file.write(b"0123")
        file.write(b"456789")
        path = file.finish().path
        assert path.parent == tmp_path and file.size == 10
        assert file.read(3, 4) == b"3456"
        file.release_name()
        assert not path.exists() or os.name == "nt"
        assert file.read(0, 2) == b"01"  # it lives on while open
        del file
        gc.collect()
        assert list(tmp_path.iterdir()) == []
        unused = AnswerFile()
        unused.write(b"x")
        unused.close()  # a receive given up: nothing stays
        assert list(tmp_path.iterdir()) == []
    finally:
        answer_file.tempfile.tempdir = None


def test_stale_answer_files_of_ours_are_removed(tmp_path: Path) -> None:
    old = tmp_path / f"{answer_file.PREFIX}old.json"
    new = tmp_path / f"{answer_file.PREFIX}new.json"
    other = tmp_path / "someone-else.json"
    for path in (old, new, other):
        path.write_bytes(b"{}")
    day_ago = time.time() - 25 * 3600
    os.utime(old, (day_ago, day_ago))
    os.utime(other, (day_ago, day_ago))
    assert answer_file.remove_stale(str(tmp_path)) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([new.name, other.name])

"""Rows' raw JSON: read back from the answer's file when its rows lie there one comma apart,
kept in blocks otherwise; the same bytes either way."""

from __future__ import annotations

import os
import pickle
from array import array
from pathlib import Path
from typing import Any

import orjson
import pytest

from backupviewer.table.raw_rows import AnswerFile, RawRows, file_starts
from backupviewer.table.row_spans import spans_of

ROWS = [{"id": f"b{i}", "name": "名" * (i % 5), "msg": '},{"id":"x"},{'} for i in range(600)]


def answer(rows: list[Any], separator: bytes = b",") -> bytes:
    return b'{"success":true,"msg":"","data":[' + separator.join(map(orjson.dumps, rows)) + b"]}"


@pytest.mark.parametrize("parts", [1, 2, 3])
def test_rows_written_one_comma_apart_are_found_in_the_answer(parts: int) -> None:
    body = answer(ROWS)
    spans = spans_of(body)
    assert spans is not None
    for part in range(parts):
        start, stop = len(spans) * part // parts, len(spans) * (part + 1) // parts
        starts = file_starts(body, spans, start, stop)
        assert starts is not None and len(starts) == stop - start
        for row, at in zip(range(start, stop), starts, strict=True):
            assert body[at : at + len(spans[row])] == bytes(spans[row])


@pytest.mark.parametrize(
    "body",
    [
        answer(ROWS, b", "),  # a space after each comma
        answer(ROWS[:1] + ROWS[1:], b",\n").replace(b",\n", b",", 300),  # one late line break
        answer([*ROWS[:5], 5, *ROWS[5:]]),  # a row that is not an object
        answer(ROWS).replace(b'"data":[', b'"data":[ '),  # a space before the first row
        answer(ROWS)[:-2] + b" ]}",  # a space after the last row
    ],
)
def test_rows_laid_out_otherwise_are_not(body: bytes) -> None:
    spans = spans_of(body)
    assert spans is not None
    assert file_starts(body, spans, 0, len(spans)) is None


def test_the_first_row_found_elsewhere_first_is_not_taken_for_it() -> None:
    first = orjson.dumps(ROWS[0])
    body = b'{"success":true,"msg":' + orjson.dumps(first.decode()) + b',"data":['
    body += b",".join(map(orjson.dumps, ROWS)) + b"]}"
    spans = spans_of(body)
    assert spans is not None
    starts = file_starts(body, spans, 0, len(spans))
    assert starts is not None and body[starts[0] - 1 : starts[0]] == b"["


def test_rows_read_from_the_file_survive_its_removal_and_pickling(tmp_path: Path) -> None:
    path = tmp_path / "answer.json"
    body = answer(ROWS)
    path.write_bytes(body)
    spans = spans_of(body)
    assert spans is not None
    raw = RawRows()
    raw.add_rows(spans[:250])  # a part kept in memory, then one in the file
    starts = file_starts(body, spans, 250, len(spans))
    assert starts is not None
    raw.add_file_rows(str(path), starts, array("q", map(len, spans[250:])))
    back = pickle.loads(pickle.dumps(raw))  # opens the file, as the window does
    if os.name != "nt":
        path.unlink()  # what the client does after the load
    assert [back.row(row) for row in range(len(ROWS))] == list(map(bytes, spans))
    while back.pack(3):
        pass
    assert [back.row(row) for row in range(0, len(ROWS), 7)] == list(map(bytes, spans[::7]))
    with pytest.raises(IndexError):
        back.row(len(ROWS))


def test_a_new_answer_under_an_old_ones_name_is_read_as_itself(tmp_path: Path) -> None:
    path = tmp_path / "answer.json"
    path.write_bytes(b'{"success":true,"data":[{"id":"old"}]}')
    if os.name == "nt":
        pytest.skip("an open file keeps its name on Windows")
    old = AnswerFile.of(str(path))
    path.unlink()
    path.write_bytes(b'{"success":true,"data":[{"id":"new"}]}')
    new = AnswerFile.of(str(path))
    assert new is not old
    assert old.read(24, 12) == b'{"id":"old"}' and new.read(24, 12) == b'{"id":"new"}'
    assert AnswerFile.of(str(path)) is new


def test_a_part_checks_what_its_rows_rest_on() -> None:
    rows = [orjson.dumps(row) for row in ROWS]
    late_space = b'{"success":true,"data":[' + b",".join(rows[:400]) + b", "
    late_space += b",".join(rows[400:]) + b"]}"
    early_space = b'{"success":true,"data":[' + b",".join(rows[:100]) + b", "
    early_space += b",".join(rows[100:]) + b"]}"
    for body, first_half, second_half in ((late_space, True, False), (early_space, False, False)):
        spans = spans_of(body)
        assert spans is not None
        assert (file_starts(body, spans, 0, 300) is not None) is first_half
        assert (file_starts(body, spans, 300, 600) is not None) is second_half


def test_an_earlier_list_of_look_alike_rows_is_not_taken_for_the_rows() -> None:
    rows = [orjson.dumps(row) for row in ROWS]
    look_alikes = [rows[0]] + [row.replace(b'"b', b'"c') for row in rows[1:]]  # same lengths
    body = b'{"success":true,"recent":[' + b",".join(look_alikes) + b'],"data":['
    body += b",".join(rows) + b"]}"
    spans = spans_of(body)
    assert spans is not None and list(map(bytes, spans)) == rows
    for start, stop in ((0, 300), (300, 600), (0, 600)):
        starts = file_starts(body, spans, start, stop)
        assert starts is not None
        found = zip(range(start, stop), starts, strict=True)
        assert [body[at : at + len(rows[row])] for row, at in found] == rows[start:stop]

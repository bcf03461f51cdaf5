"""Decoding in chunks: the same records as one batch, ranks that sort, clean errors."""

from __future__ import annotations

import pickle
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backupviewer.columns import Column
from backupviewer.errors import BackupViewerError, ProtocolError, ServerError
from backupviewer.parse_worker import (
    CHUNK_ROWS,
    FIELD_SEPARATOR,
    RawRow,
    batch_from_records,
    decode_head,
    decode_inline,
    decode_tail,
    load_chunk,
    load_ranks,
    ranks_of,
)
from backupviewer.records import parse_rows

ROW = {
    "id": "Backup_2025.02.26-11.12.00.205+0800",
    "name": "每日备份",
    "status": "2",
    "msg": "No space left on device",
    "config": '[{"id":"db"}]',
    "add_time": "2025-02-26 11:12:00.207",
    "update_time": "2025-02-26 11:14:00.35",
}


def envelope(rows: list[Any]) -> bytes:
    return orjson.dumps({"success": True, "msg": "", "data": rows})


def test_a_chunk_round_trip_keeps_every_field() -> None:
    body = envelope([ROW, {**ROW, "id": "x", "status": "1"}, "garbage"])
    whole, whole_ranks = decode_inline(body)
    (chunk,) = decode_head(body, None, CHUNK_ROWS)
    back = load_chunk(chunk)
    assert back.search == whole.search
    tail, ranks = decode_tail(body, None, 1)
    assert len(load_chunk(tail[0])) == 2
    assert [list(r) for r in load_ranks(ranks).columns] == [list(r) for r in whole_ranks.columns]
    for mine, theirs in zip(back.records, whole.records, strict=True):
        assert mine[:-1] == theirs[:-1]
    assert isinstance(back.records[0].raw, RawRow)
    assert dict(back.records[0].raw) == ROW
    assert back.records[0].raw["name"] == "每日备份" and len(back.records[0].raw) == len(ROW)


def test_search_holds_every_cell_case_folded() -> None:
    (record,) = parse_rows([ROW])
    batch = batch_from_records([record])
    cells = [column.text(record) for column in Column]
    assert cells[0] == "Failed" and cells[1] == "每日备份"
    assert batch.search[0].decode() == FIELD_SEPARATOR.join(cells).casefold()


def test_raw_rows_come_back_byte_for_byte() -> None:
    rows = [{**ROW, "id": f"b{i}", "name": "名" * i} for i in range(50)]
    (chunk,) = decode_head(envelope(rows), None, CHUNK_ROWS)
    back = load_chunk(chunk).records
    assert [orjson.loads(r.raw.json) for r in back] == rows
    assert back[7].raw["name"] == "名" * 7 and list(back[3].raw) == list(rows[3])


def test_ranks_tie_equal_values() -> None:
    rows = [{**ROW, "name": name} for name in ("b", "a", "B", "c")]
    name_ranks = list(ranks_of(parse_rows(rows)).columns[1])
    assert name_ranks[0] == name_ranks[2]  # "b" and "B" fold to the same key
    assert name_ranks[1] < name_ranks[0] < name_ranks[3]


def test_bad_answers_raise_the_typed_errors() -> None:
    with pytest.raises(ProtocolError):
        decode_head(b"<html><body>Login</body></html>", None, CHUNK_ROWS)
    with pytest.raises(ServerError, match="no permission"):
        decode_tail(b'{"success": false, "code": 403, "msg": "no permission"}', None, 0)
    with pytest.raises(ProtocolError):
        decode_inline(b'{"success": true, "data": {"not": "a list"}}')
    assert decode_head(b'{"success": true, "data": null}', None, CHUNK_ROWS) == []


def test_errors_survive_the_trip_back_from_the_worker() -> None:
    error = ServerError("refused", code="403", server_message="no permission")
    back = pickle.loads(pickle.dumps(error))
    assert (str(back), back.code, back.server_message) == ("refused", "403", "no permission")


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**63 - 1)
    | st.floats(allow_nan=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)
row_values = st.dictionaries(
    st.sampled_from([*sorted(ROW), "backupid", "cron", "add_by"]), json_values, max_size=8
)


@settings(max_examples=60, deadline=None)
@given(st.lists(row_values | json_values, max_size=6))
def test_any_rows_decode_or_fail_cleanly(rows: list[Any]) -> None:
    try:
        chunks, ranks = decode_tail(envelope(rows), None, 0)
    except BackupViewerError:
        return
    batches = [load_chunk(chunk) for chunk in chunks]
    assert sum(len(b) for b in batches) == len(rows)
    assert all(len(column) == len(rows) for column in load_ranks(ranks).columns)

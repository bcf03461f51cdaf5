"""Decoding in pieces and in worker processes: the same table as in one go, clean errors."""

from __future__ import annotations

import asyncio
import pickle
from collections.abc import AsyncIterator
from datetime import timedelta, timezone
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backupviewer.core.columns import Column
from backupviewer.core.errors import BackupViewerError, ProtocolError, ServerError
from backupviewer.core.records import parse_rows
from backupviewer.table.history_table import CODED_COLUMNS, HistoryTable
from backupviewer.table.raw_rows import FilePart
from backupviewer.table.workers import (
    INLINE_LIMIT_BYTES,
    WorkerPool,
    decode_inline,
    decode_part,
    rows_of_part,
)

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


def joined(pieces: list[HistoryTable]) -> HistoryTable:
    table = HistoryTable()
    for piece in pieces:
        table.extend(piece)
    return table


def assert_same_cells(mine: HistoryTable, theirs: HistoryTable) -> None:
    assert len(mine) == len(theirs)
    for row in range(len(theirs)):
        for column in Column:
            assert mine.text(row, column) == theirs.text(row, column), (row, column)
            assert mine.csv_cell(row, column) == theirs.csv_cell(row, column), (row, column)
        assert mine.raw_json(row) == theirs.raw_json(row)
        assert mine.search_text(row) == theirs.search_text(row)
        assert mine.flagged[row] == theirs.flagged[row]


def test_a_piece_round_trip_keeps_every_field() -> None:
    body = envelope([ROW, {**ROW, "id": "x", "status": "1"}, "garbage"])
    whole = decode_inline(body)
    pieces = list(decode_part(body, None, 0, 1, first_rows=1, piece_rows=2))
    assert [len(piece) for piece in pieces] == [1, 2]
    back = [pickle.loads(pickle.dumps(piece, pickle.HIGHEST_PROTOCOL)) for piece in pieces]
    assert_same_cells(joined(back), whole)
    assert joined(back).record(0) == whole.record(0)
    assert joined(back).record(0).raw == ROW
    halves = [*decode_part(body, None, 0, 2), *decode_part(body, None, 1, 2)]
    assert [len(piece) for piece in halves] == [1, 2]
    assert_same_cells(joined(halves), whole)


def test_search_holds_every_cell_case_folded() -> None:
    (record,) = parse_rows([ROW])
    table = decode_inline(envelope([ROW]))
    cells = [column.text(record) for column in CODED_COLUMNS]
    assert cells[0] == "Failed" and cells[1] == "每日备份"
    expected = "\n".join([*cells, ROW["id"], ROW["add_time"], ROW["update_time"]]).casefold()
    assert table.search_text(0).decode() == expected


def test_raw_rows_come_back_byte_for_byte() -> None:
    rows = [{**ROW, "id": f"b{i}", "name": "名" * i} for i in range(50)]
    table = joined(list(decode_part(envelope(rows), None, 0, 1, first_rows=7, piece_rows=9)))
    assert [orjson.loads(table.raw_json(row)) for row in range(len(rows))] == rows
    assert table.record(7).raw["name"] == "名" * 7 and list(table.record(3).raw) == list(rows[3])


def test_sort_keys_tie_equal_values() -> None:
    rows = [{**ROW, "name": name} for name in ("b", "a", "B", "c")]
    keys = decode_inline(envelope(rows)).sort_keys(Column.NAME)
    assert keys[0] == keys[2]  # "b" and "B" fold to the same key
    assert keys[1] < keys[0] < keys[3]


def test_bad_answers_raise_the_typed_errors() -> None:
    with pytest.raises(ProtocolError):
        list(decode_part(b"<html><body>Login</body></html>", None, 0, 1))
    refusal = b'{"success": false, "code": 403, "msg": "no permission"}'
    with pytest.raises(ServerError, match="no permission"):
        list(decode_part(refusal, None, 0, 2))
    assert list(decode_part(refusal, None, 1, 2)) == []  # part 0 says why
    with pytest.raises(ProtocolError):
        decode_inline(b'{"success": true, "data": {"not": "a list"}}')
    assert list(decode_part(b'{"success": true, "data": null}', None, 0, 1)) == []


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
        pieces = [
            piece
            for part in (0, 1)
            for piece in decode_part(envelope(rows), None, part, 2, first_rows=1, piece_rows=2)
        ]
    except BackupViewerError:
        return
    table = joined(pieces)
    assert len(table) == len(rows)
    assert all(len(column) == len(rows) for column in table.texts.values())
    assert len(table.search_lengths) == len(table.started) == len(rows)
    raw = [orjson.loads(table.raw_json(row)) for row in range(len(rows))]
    assert raw == orjson.loads(envelope(rows))["data"]


# -- parts: each takes its share of the rows the whole answer holds -----------------------------


def parts_of(body: bytes, parts: int) -> list[tuple[list[Any], bool, bool, Any]]:
    return [rows_of_part(body, part, parts) for part in range(parts)]


def test_the_parts_share_the_rows_exactly() -> None:
    rows = [{**ROW, "id": f"b{i}", "name": 'text },{"id":"x"},{ in a name'} for i in range(7)]
    for parts in (1, 2, 3):
        found = parts_of(envelope(rows), parts)
        spans = [span for part, _, _, _ in found for span in part]
        assert [orjson.loads(bytes(span)) for span in spans] == rows
        assert all(is_spans and file is None for _, is_spans, _, file in found)
        assert [whole for _, _, whole, _ in found] == [parts == 1] * parts
        sizes = [len(part) for part, _, _, _ in found]
        assert max(sizes) - min(sizes) <= 1


def test_the_status_may_come_after_the_rows() -> None:
    rows = [ROW, {**ROW, "id": "x"}]
    first, second = parts_of(orjson.dumps({"data": rows, "success": True}), 2)
    assert [orjson.loads(bytes(span)) for span in first[0] + second[0]] == rows
    refused = orjson.dumps({"data": rows, "success": False, "msg": "no permission"})
    with pytest.raises(ServerError, match="no permission"):
        rows_of_part(refused, 0, 2)
    assert rows_of_part(refused, 1, 2) == ([], False, False, None)  # part 0 says why


def test_rows_are_their_bytes_as_the_server_wrote_them() -> None:
    body = b'{"success": true, "data": [ {"id": "b1", "name" : "a"},\n {"id":"b2"} ]}'
    table = decode_inline(body)
    assert [table.raw_json(row) for row in range(2)] == [
        b'{"id": "b1", "name" : "a"}',
        b'{"id":"b2"}',
    ]
    assert table.record(0).name == "a"


def test_a_row_no_parser_reads_plainly_still_shows() -> None:
    huge = 2**70  # beyond 64 bits
    body = b'{"success": true, "data": [{"id": %d, "name": "n"}, 5, {"id": "b2"}]}' % huge
    table = decode_inline(body)
    assert len(table) == 3 and table.flagged[0] and table.flagged[1]
    assert table.record(0).raw == {"id": huge, "name": "n"}
    assert table.ids[2] == "b2"


# -- the worker processes ----------------------------------------------------------------------


def big_rows(count: int) -> list[dict[str, Any]]:
    """`count` rows; 6,000 of them are more than the workers' threshold."""
    stamp = "Backup_2025.02.26-11.{:02d}.{:02d}.{:03d}+0800"
    rows = []
    for i in range(count):
        backup_id = stamp.format(i // 60 % 60, i % 60, i % 1000)
        rows.append({**ROW, "id": backup_id, "name": f"backup {i}", "status": "12"[i % 7 == 0]})
    return rows


async def collect(pieces: AsyncIterator[HistoryTable]) -> list[HistoryTable]:
    return [piece async for piece in pieces]


@pytest.fixture
def pool() -> Any:
    workers = WorkerPool()
    yield workers
    workers.close()


def test_the_workers_hand_back_every_row_in_the_servers_order(pool: WorkerPool) -> None:
    rows = big_rows(6_000)
    body = envelope(rows)
    assert len(body) > INLINE_LIMIT_BYTES
    pieces = asyncio.run(collect(pool.decode(body, None)))
    assert len(pieces) >= 2
    table = joined(pieces)
    assert table.ids == [row["id"] for row in rows]
    # the rows' JSON is read from the answer's file, which the pool has removed by now
    assert all(isinstance(part, FilePart) for part in table.raw.parts)
    assert_same_cells(table, decode_inline(body))
    again = joined(asyncio.run(collect(pool.decode(body, None))))  # the same workers again
    assert again.ids == table.ids


def test_a_refusal_from_the_workers_is_raised_and_the_pool_goes_on(pool: WorkerPool) -> None:
    refusal = orjson.dumps(
        {"success": False, "code": 403, "msg": "no permission", "padding": "x" * 1_100_000}
    )
    with pytest.raises(ServerError, match="no permission"):
        asyncio.run(collect(pool.decode(refusal, None)))
    rows = big_rows(6_000)
    assert len(joined(asyncio.run(collect(pool.decode(envelope(rows), None))))) == len(rows)


def test_a_worker_that_died_is_a_clean_error_and_is_replaced(pool: WorkerPool) -> None:
    pool.start()
    pool._workers[1].process.kill()
    pool._workers[1].process.join(5)
    body = envelope(big_rows(6_000))
    assert len(body) > INLINE_LIMIT_BYTES
    with pytest.raises(ProtocolError, match="stopped unexpectedly"):
        asyncio.run(collect(pool.decode(body, None)))
    assert len(joined(asyncio.run(collect(pool.decode(body, None))))) == 6_000


def test_an_answer_whose_middle_is_inside_a_text_is_split_between_rows(pool: WorkerPool) -> None:
    rows = big_rows(6_000)
    rows[3_000]["msg"] = '},{"id": "not a row"},{' * 20_000  # the middle of the answer
    body = envelope(rows)
    pool.start()
    second = pool._workers[1].process
    table = joined(asyncio.run(collect(pool.decode(body, None))))
    assert table.ids == [row["id"] for row in rows]
    assert table.texts[Column.MESSAGE][3_000] == rows[3_000]["msg"]
    assert pool._workers[1].process is second  # both halves counted: nothing to replace


def test_a_cut_off_answer_is_a_clean_error(pool: WorkerPool) -> None:
    body = envelope(big_rows(6_000))
    for cut in (body[: len(body) // 3], body[: len(body) * 3 // 4], body[:-2]):
        with pytest.raises(ProtocolError, match="could not be read"):
            asyncio.run(collect(pool.decode(cut, None)))


def test_a_load_cut_short_leaves_the_pool_ready(pool: WorkerPool) -> None:
    body = envelope(big_rows(8_000))

    async def first_piece_only() -> int:
        pieces = pool.decode(body, None)
        piece = await anext(pieces)
        await pieces.aclose()
        return len(piece)

    assert asyncio.run(first_piece_only()) > 0
    assert len(joined(asyncio.run(collect(pool.decode(body, None))))) == 8_000


# -- calls: work handed to idle workers ---------------------------------------------------------


def test_idle_workers_take_calls_and_busy_ones_do_not(pool: WorkerPool) -> None:
    from backupviewer.table.history_table import wall_lines, wall_texts

    assert pool.call_soon(wall_lines, [0.0], None, "T", "seconds", True) is None  # none started
    pool.start()
    zone = timezone(timedelta(hours=8))
    stamps = [0.0, 1.5, 1_767_225_600.25]
    first = pool.call_soon(wall_lines, stamps, zone, "T", "milliseconds", True)
    second = pool.call_soon(wall_lines, stamps[:1], None, " ", "seconds", False)
    assert first is not None and second is not None
    assert first().split("\n") == wall_texts(stamps, zone, "T", "milliseconds", True)
    assert second() == "1970-01-01 00:00:00"
    for worker in pool._workers:
        worker.busy = True
    assert pool.call_soon(wall_lines, stamps, zone, "T", "seconds", True) is None


def test_a_worker_that_died_is_replaced_when_called(pool: WorkerPool) -> None:
    from backupviewer.table.history_table import wall_lines

    pool.start()
    for worker in pool._workers:
        worker.process.kill()
        worker.process.join(5)
    result = pool.call_soon(wall_lines, [0.0], None, "T", "seconds", True)  # fresh workers
    assert result is not None and result() == "1970-01-01T00:00:00"
    rows = big_rows(6_000)  # the pool goes on, with a fresh worker
    assert len(joined(asyncio.run(collect(pool.decode(envelope(rows), None))))) == len(rows)


def test_answers_nobody_waited_for_do_not_block_the_next_job(pool: WorkerPool) -> None:
    from backupviewer.table.history_table import wall_lines

    pool.start()
    stamps = [float(second) for second in range(200_000)]  # answers larger than a pipe holds
    for _ in range(3):  # an export cut short: calls made, their answers never read
        assert pool.call_soon(wall_lines, stamps, None, "T", "seconds", True) is not None
    again = pool.call_soon(wall_lines, stamps[:2], None, "T", "seconds", True)
    assert again is not None and again() == "1970-01-01T00:00:00\n1970-01-01T00:00:01"
    abandoned = pool.call_soon(wall_lines, stamps, None, "T", "seconds", True)
    assert abandoned is not None
    rows = big_rows(6_000)  # a load after it finds the pipes clear
    assert len(joined(asyncio.run(collect(pool.decode(envelope(rows), None))))) == len(rows)
    assert abandoned().startswith("1970-01-01T00:00:00")  # read too late: made here


def test_a_row_with_text_that_is_not_utf8_still_shows() -> None:
    body = envelope([ROW, {**ROW, "id": "b2"}]).replace("每日备份".encode(), b"Caf\xe9", 1)
    table = decode_inline(body)
    assert len(table) == 2 and table.ids[1] == "b2"
    assert table.text(0, Column.NAME) == "Caf\ufffd"
    assert table.raw_json(0).count(b"Caf\xe9") == 1  # as the server sent it

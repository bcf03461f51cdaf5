"""Decoding in pieces and in worker processes: the same table as in one go, clean errors."""

from __future__ import annotations

import asyncio
import pickle
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tables import answer, records_of

from backupviewer.core.answer_file import AnswerFile
from backupviewer.core.columns import Column
from backupviewer.core.errors import BackupViewerError, ProtocolError, ServerError
from backupviewer.history import workers
from backupviewer.history.table import CODED_COLUMNS, HistoryTable
from backupviewer.history.workers import Decoder, decode_answer

ROW = {
    "id": "Backup_2025.02.26-11.12.00.205+0800",
    "name": "每日备份",
    "status": "2",
    "msg": "No space left on device",
    "config": '[{"id":"db"}]',
    "add_time": "2025-02-26 11:12:00.207",
    "update_time": "2025-02-26 11:14:00.35",
}


def joined(pieces: list[HistoryTable]) -> HistoryTable:
    table = HistoryTable()
    for piece in pieces:
        table.extend(piece)
    return table


def in_pieces(body: bytes, parts: int, first_rows: int = 1) -> list[HistoryTable]:
    """Every part's pieces, as the workers make them, after a trip through pickle."""
    pieces = [
        pickle.loads(pickle.dumps(piece, pickle.HIGHEST_PROTOCOL))
        for part in range(parts)
        for piece in workers._pieces(body, part, parts, None, first_rows)
        if not isinstance(piece, workers._WholeAnswer)
    ]
    for piece in pieces:
        piece.raw.attach(workers.Bytes(body))
    return pieces


def assert_same_cells(mine: HistoryTable, theirs: HistoryTable) -> None:
    assert len(mine) == len(theirs)
    rows = range(len(theirs))
    for column in Column:
        assert mine.cells(column, rows) == theirs.cells(column, rows), column
        assert mine.csv_cells(column, rows) == theirs.csv_cells(column, rows), column
    assert [mine.raw_json(r) for r in rows] == [theirs.raw_json(r) for r in rows]
    assert mine.search_index()[0] == theirs.search_index()[0]
    assert mine.flagged == theirs.flagged


def test_pieces_and_parts_give_the_table_of_one_go() -> None:
    body = answer([ROW, {**ROW, "id": "x", "status": "1"}, "garbage"])
    whole = decode_answer(body)
    pieces = in_pieces(body, 1)
    assert [len(piece) for piece in pieces] == [1, 2]
    assert_same_cells(joined(pieces), whole)
    assert joined(pieces).record(0) == whole.record(0)
    assert joined(pieces).record(0).raw == ROW
    halves = in_pieces(body, 2, first_rows=10)
    assert [len(piece) for piece in halves] == [1, 2]
    assert_same_cells(joined(halves), whole)


def test_the_filter_searches_every_cell_case_folded() -> None:
    table = decode_answer(answer([ROW]))
    texts = [table.text(0, column) for column in CODED_COLUMNS]
    assert texts[0] == "Failed" and texts[1] == "每日备份"
    searched = table.search_index()[0].decode()
    assert (
        searched
        == "".join(f"{t}\n" for t in (ROW["id"], ROW["add_time"], ROW["update_time"])).casefold()
    )


def test_raw_rows_come_back_byte_for_byte() -> None:
    rows = [{**ROW, "id": f"b{i}", "name": "名" * i} for i in range(50)]
    table = joined(in_pieces(answer(rows), 1, first_rows=7))
    assert [orjson.loads(table.raw_json(row)) for row in range(len(rows))] == rows
    assert table.record(7).raw["name"] == "名" * 7 and list(table.record(3).raw) == list(rows[3])


def test_sort_keys_tie_equal_values() -> None:
    rows = [{**ROW, "name": name} for name in ("b", "a", "B", "c")]
    keys = decode_answer(answer(rows)).sort_keys(Column.NAME)
    assert keys[0] == keys[2]  # "b" and "B" fold to the same key
    assert keys[1] < keys[0] < keys[3]


def test_bad_answers_raise_the_typed_errors() -> None:
    with pytest.raises(ProtocolError):
        decode_answer(b"<html><body>Login</body></html>")
    refusal = b'{"success": false, "code": 403, "msg": "no permission"}'
    with pytest.raises(ServerError, match="no permission"):
        list(workers._pieces(refusal, 0, 2, None, 1))
    assert list(workers._pieces(refusal, 1, 2, None, 1)) == []  # part 0 says why
    with pytest.raises(ProtocolError):
        decode_answer(b'{"success": true, "data": {"not": "a list"}}')
    assert len(decode_answer(b'{"success": true, "data": null}')) == 0


def test_an_answer_only_a_full_parse_reads_is_decoded_with_its_rows_written_again() -> None:
    body = b'{"success": true, "data": 5, "data": [{"id": "b1", "name": "a"}]}'  # the last wins
    assert workers.spans_of(body) is None
    table = decode_answer(body)
    assert table.raw_json(0) == b'{"id":"b1","name":"a"}' and table.record(0).name == "a"
    pieces = [p for p in workers._pieces(body, 0, 2, None, 1)]
    assert isinstance(pieces[0], workers._WholeAnswer)  # part 0 says it holds every row
    assert pickle.loads(pickle.dumps(pieces[1])).raw_json(0) == table.raw_json(0)


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
def test_any_rows_decode_in_parts_or_fail_cleanly(rows: list[Any]) -> None:
    try:
        table = joined(in_pieces(answer(rows), 2))
    except BackupViewerError:
        return
    assert len(table) == len(rows)
    assert all(len(column) == len(rows) for column in table.texts.values())
    assert len(table.search_lengths) == len(table.started) == len(rows)
    raw = [orjson.loads(table.raw_json(row)) for row in range(len(rows))]
    assert raw == orjson.loads(answer(rows))["data"]
    assert [table.record(row) for row in range(len(rows))] == records_of(raw)


def test_the_status_may_come_after_the_rows() -> None:
    rows = [ROW, {**ROW, "id": "x"}]
    body = orjson.dumps({"data": rows, "success": True})
    assert [t.ids for t in in_pieces(body, 2)] == [[ROW["id"]], ["x"]]
    refused = orjson.dumps({"data": rows, "success": False, "msg": "no permission"})
    with pytest.raises(ServerError, match="no permission"):
        in_pieces(refused, 2)


def test_rows_are_their_bytes_as_the_server_wrote_them() -> None:
    body = b'{"success": true, "data": [ {"id": "b1", "name" : "a"},\n {"id":"b2"} ]}'
    table = decode_answer(body)
    assert [table.raw_json(r) for r in range(2)] == [b'{"id": "b1", "name" : "a"}', b'{"id":"b2"}']
    assert table.record(0).name == "a"


def test_a_row_no_parser_reads_plainly_still_shows() -> None:
    huge = 2**70  # beyond 64 bits
    body = b'{"success": true, "data": [{"id": %d, "name": "n"}, 5, {"id": "b2"}]}' % huge
    table = decode_answer(body)
    assert len(table) == 3 and table.flagged[0] and table.flagged[1]
    assert table.record(0).raw == {"id": huge, "name": "n"}
    assert table.ids[2] == "b2"


def test_a_row_with_text_that_is_not_utf8_still_shows() -> None:
    body = answer([ROW, {**ROW, "id": "b2"}]).replace("每日备份".encode(), b"Caf\xe9", 1)
    table = decode_answer(body)
    assert len(table) == 2 and table.ids[1] == "b2"
    assert table.text(0, Column.NAME) == "Caf\ufffd"
    assert table.raw_json(0).count(b"Caf\xe9") == 1  # as the server sent it


# -- the worker processes ----------------------------------------------------------------------


def big_rows(count: int) -> list[dict[str, Any]]:
    stamp = "Backup_2025.02.26-11.{:02d}.{:02d}.{:03d}+0800"
    rows = []
    for i in range(count):
        backup_id = stamp.format(i // 60 % 60, i % 60, i % 1000)
        rows.append({**ROW, "id": backup_id, "name": f"backup {i}", "status": "12"[i % 7 == 0]})
    return rows


def in_file(body: bytes) -> AnswerFile:
    file = AnswerFile()
    file.write(body)
    return file.finish()


async def collect(pieces: AsyncIterator[HistoryTable]) -> list[HistoryTable]:
    return [piece async for piece in pieces]


@pytest.fixture
def decoder() -> Iterator[Decoder]:
    made = Decoder()
    yield made
    made.close()


def test_the_workers_hand_back_every_row_in_the_servers_order(decoder: Decoder) -> None:
    rows = big_rows(6_000)
    body = answer(rows)
    file = in_file(body)
    pieces = asyncio.run(collect(decoder.decode(file, None)))
    assert len(pieces) >= 2
    table = joined(pieces)
    assert table.ids == [row["id"] for row in rows]
    assert not file.path.exists()  # the name went once decoded; the rows are read from it
    assert_same_cells(table, decode_answer(body))
    again = joined(asyncio.run(collect(decoder.decode(in_file(body), None))))
    assert again.ids == table.ids  # the same workers again


def test_a_refusal_from_the_workers_is_raised_and_the_decoder_goes_on(decoder: Decoder) -> None:
    refusal = orjson.dumps(
        {"success": False, "code": 403, "msg": "no permission", "padding": "x" * 1_100_000}
    )
    with pytest.raises(ServerError, match="no permission"):
        asyncio.run(collect(decoder.decode(in_file(refusal), None)))
    rows = big_rows(6_000)
    assert len(joined(asyncio.run(collect(decoder.decode(in_file(answer(rows)), None))))) == 6_000


def test_a_worker_that_died_is_a_clean_error_and_is_replaced(decoder: Decoder) -> None:
    decoder.start()
    decoder._workers[1].process.kill()
    decoder._workers[1].process.join(5)
    body = answer(big_rows(6_000))
    with pytest.raises(ProtocolError, match="stopped unexpectedly"):
        asyncio.run(collect(decoder.decode(in_file(body), None)))
    assert len(joined(asyncio.run(collect(decoder.decode(in_file(body), None))))) == 6_000


def test_an_answer_whose_middle_is_inside_a_text_is_split_between_rows(decoder: Decoder) -> None:
    rows = big_rows(6_000)
    rows[3_000]["msg"] = '},{"id": "not a row"},{' * 20_000  # the middle of the answer
    decoder.start()
    second = decoder._workers[1].process
    table = joined(asyncio.run(collect(decoder.decode(in_file(answer(rows)), None))))
    assert table.ids == [row["id"] for row in rows]
    assert table.texts[Column.MESSAGE][3_000] == rows[3_000]["msg"]
    assert decoder._workers[1].process is second  # both halves counted: nothing to replace


def test_a_cut_off_answer_is_a_clean_error(decoder: Decoder) -> None:
    body = answer(big_rows(6_000))
    for cut in (body[: len(body) // 3], body[: len(body) * 3 // 4], body[:-2]):
        with pytest.raises(ProtocolError, match="could not be read"):
            asyncio.run(collect(decoder.decode(in_file(cut), None)))


def test_a_load_cut_short_leaves_the_decoder_ready(decoder: Decoder, tmp_path: Path) -> None:
    body = answer(big_rows(8_000))

    async def first_piece_only() -> int:
        pieces = decoder.decode(in_file(body), None)
        piece = await anext(pieces)
        await pieces.aclose()
        return len(piece)

    assert asyncio.run(first_piece_only()) > 0
    assert len(joined(asyncio.run(collect(decoder.decode(in_file(body), None))))) == 8_000


def test_a_small_answer_is_decoded_here(decoder: Decoder) -> None:
    (table,) = asyncio.run(collect(decoder.decode(answer([ROW]), None)))
    assert table.ids == [ROW["id"]] and decoder._workers == []


def test_the_workers_write_codes_and_the_window_words_in_its_language(qapp: object) -> None:
    from PySide6.QtCore import QCoreApplication

    from backupviewer.core.columns import Column
    from backupviewer.history.wording import WORDED
    from backupviewer.qt import language

    app = QCoreApplication.instance()
    assert app is not None
    daily = (
        '{"complexJobTrigger":{"startTime":"2024-11-15T11:12:00.000+08:00",'
        '"uiPassParam":"DAILY","repeatCount":-1,"daysOfWeek":["1","2","3","4","5"]}}'
    )
    body = answer([{**row, "cron": daily} for row in big_rows(6_000)])
    made = Decoder()
    try:
        table = joined(asyncio.run(collect(made.decode(in_file(body), None))))
    finally:
        made.close()
    here = decode_answer(body)
    assert all(table.texts[column] == here.texts[column] for column in WORDED)
    english = {column: table.cells(column, range(200)) for column in WORDED}
    language.install(language.CHINESE, app)  # after the table was made
    try:
        assert "成功" in table.cells(Column.STATUS, range(200))
        assert all("内容" in text for text in table.cells(Column.CONTENT, range(200)) if text)
        assert table.cells(Column.SCHEDULE, range(200)) != english[Column.SCHEDULE]
        for column in (Column.CONTENT, Column.SCHEDULE):  # CSV keeps English
            assert table.csv_cells(column, range(200)) == english[column]
    finally:
        language.install(language.ENGLISH, app)
    assert {column: table.cells(column, range(200)) for column in WORDED} == english

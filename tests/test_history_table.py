"""The columnar table agrees cell for cell with the records it was built from."""

from __future__ import annotations

import math
import pickle
import time
from pathlib import Path

import msgspec
import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backupviewer.core.columns import Column
from backupviewer.core.records import parse_rows, triggers_from_schedules, zone_from_id
from backupviewer.table.csv_export import neutralise
from backupviewer.table.history_table import HistoryTable, table_from_rows
from backupviewer.table.row_spans import loose_row, spans_of

DATA = Path(__file__).parent / "data"


def rows_and_triggers() -> tuple[list[object], dict[str, str]]:
    rows = orjson.loads((DATA / "log_query_mixed.json").read_bytes())["data"]
    rows += orjson.loads((DATA / "log_query_seed.json").read_bytes())["data"]
    rows.append(
        {"id": "x", "name": "=HYPERLINK()", "status": "1", "add_time": "2026-01-01 00:00:00"}
    )
    triggers = triggers_from_schedules(orjson.loads((DATA / "schedules.json").read_bytes())["data"])
    return rows, triggers


def test_every_cell_matches_the_record() -> None:
    rows, triggers = rows_and_triggers()
    records = parse_rows(rows, triggers)
    table = table_from_rows(rows, triggers)
    assert len(table) == len(records)
    for row, record in enumerate(records):
        for column in Column:
            assert table.text(row, column) == column.text(record), (row, column)
            assert table.csv_cell(row, column) == neutralise(column.csv_text(record)), (row, column)
        assert table.status_of(row) is record.status
        assert table.record(row) == record
        assert table.flagged[row] == bool(record.problems or record.schedule_error)
        for column in Column:
            if column is not Column.DURATION:
                needle = column.text(record).casefold().encode()  # the search text is UTF-8
                assert needle in table.search_text(row), (row, column)


def test_sort_keys_order_by_real_value() -> None:
    rows = [
        {
            "id": "Backup_2026.01.01-00.00.00.000+0800",
            "status": "1",
            "add_time": "2026-01-01 00:00:00",
            "update_time": "2026-01-01 00:00:09",
        },
        {
            "id": "Backup_2026.01.01-00.00.00.000+0800",
            "status": "1",
            "add_time": "2026-01-01 00:00:00",
            "update_time": "2026-01-01 00:01:00",
        },
        {
            "id": "Backup_2026.01.01-00.00.00.000-0500",
            "status": "2",
            "add_time": "2025-12-31 12:00:00",
            "update_time": "2025-12-31 12:00:10",
        },
        {"id": "no-time", "status": "0"},
    ]
    table = table_from_rows(rows)
    by = {c: table.sort_keys(c) for c in (Column.STARTED, Column.DURATION, Column.STATUS)}
    # 2025-12-31 12:00 at -05:00 is 2026-01-01 01:00 at +08:00: later than the +08:00 rows.
    assert sorted(range(4), key=by[Column.STARTED].__getitem__) == [3, 0, 1, 2]
    # 9 s < 10 s < 60 s although "9 s" > "10 s" as text; unknown first.
    assert sorted(range(4), key=by[Column.DURATION].__getitem__) == [3, 0, 2, 1]
    assert sorted(range(4), key=by[Column.STATUS].__getitem__)[0] == 2  # failed first


def test_pickle_and_extend_keep_everything() -> None:
    rows, triggers = rows_and_triggers()
    whole = table_from_rows(rows, triggers)
    first = table_from_rows(rows[:3], triggers)
    first.extend(pickle.loads(pickle.dumps(table_from_rows(rows[3:], triggers))))
    assert len(first) == len(whole)
    for row in range(len(whole)):
        for column in Column:
            assert first.text(row, column) == whole.text(row, column)
    assert all(
        (math.isnan(a) and math.isnan(b)) or a == b
        for a, b in zip(first.started, whole.started, strict=True)
    )


def packed(table: HistoryTable) -> list[int]:
    """Whether each block of rows' JSON kept in memory is compressed."""
    return [flag for part in table.raw.parts for flag in getattr(part, "packed", b"")]


def test_raw_json_reads_the_same_before_and_after_packing() -> None:
    rows, triggers = rows_and_triggers()
    rows = (rows * 300)[:1_000]  # several blocks
    table = table_from_rows(rows[:600], triggers)
    table.extend(table_from_rows(rows[600:], triggers))
    before = [table.raw_json(row) for row in range(len(rows))]
    assert not any(packed(table))
    steps = 0
    while table.pack_raw(1):
        steps += 1
        assert [table.raw_json(row) for row in range(0, len(rows), 97)] == before[::97]
    assert all(packed(table)) and steps == len(packed(table)) - 1
    kept = sum(len(block) for part in table.raw.parts for block in part.blocks)  # type: ignore[union-attr]
    assert kept < sum(map(len, before)) / 3
    assert [table.raw_json(row) for row in range(len(rows))] == before
    again = pickle.loads(pickle.dumps(table))
    assert [again.record(row) for row in range(0, len(rows), 50)] == [
        table.record(row) for row in range(0, len(rows), 50)
    ]


def test_times_of_an_unknown_zone_show_as_they_came(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        rows = [
            {
                "id": "upload.zip",
                "status": "1",
                "add_time": "2025-02-26 11:12:00.2",
                "update_time": "2025-02-26 11:13:00",
            },
            {
                "id": "manual-1",
                "status": "1",
                "add_time": "2025-02-26 11:12:00.2",
                "update_time": 1740539530000,
            },
        ]
        table = table_from_rows(rows)
        assert table.text(0, Column.STARTED) == "2025-02-26 11:12:00"
        assert table.text(0, Column.DURATION) == "1 min 00 s"  # 59.8 s, rounded
        records = parse_rows(rows)
        assert records[1].duration_s is None  # one naive, one aware: no honest duration
        for row, record in enumerate(records):
            for column in Column:
                assert table.text(row, column) == column.text(record)
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_zone_needs_a_whole_backup_id() -> None:
    assert zone_from_id("Backup_2025.02.26-11.12.00.205+0800")[1] == "+08:00"
    assert zone_from_id("Backup_from-staging+0800") == (None, "")
    assert zone_from_id("Backup_2025.02.26-11.12.00.205+0899") == (None, "")


def test_empty_table() -> None:
    table = HistoryTable()
    assert len(table) == 0
    assert table.sort_keys(Column.NAME) == []


# Times the column-wise fast path must read exactly as `record_from_row` does (or leave to it).
TIMES = [
    "2026-01-01T00:00:00",
    " 2026-01-01 00:00:00",
    "2026-01-01 00:00:00Z",
    "2026-01-01 00:00:00+05:00",
    "2026-01-01 24:00:00",
    "2026-02-30 00:00:00",
    "2026-01-01 23:59:59.999999",
    "2026-01-01 00:00",
    "20260101",
]
TEXTISH = (
    st.none()
    | st.text(max_size=12)
    | st.integers()
    | st.booleans()
    | st.lists(st.integers(), max_size=2)
)
ROWS = st.lists(
    st.fixed_dictionaries(
        {},
        optional={
            "id": st.sampled_from(
                [
                    "Backup_2026.01.01-00.00.00.000+0800",
                    "Backup_2026.01.01-00.00.00.0-0930",
                    "x",
                    "Backup_2026.01.01-00.00.00.000+0800\n",
                    "Backup_2026.01.01-00.00.00+2400",
                ]
            )
            | TEXTISH,
            "status": st.sampled_from(["0", "1", "2", "7", 1]) | TEXTISH,
            "add_time": st.sampled_from(["2026-01-01 00:00:00.5", "2026-01-01", "", *TIMES])
            | TEXTISH,
            "update_time": st.sampled_from(
                [
                    "2026-01-01 00:00:09.25",
                    "2026-01-01T00:00:09+05:00",
                    "bad",
                    None,
                    1767225600000,
                    *TIMES,
                ]
            )
            | TEXTISH,
            "config": st.sampled_from(['[{"id":"db"}]', "[]", "{", '["file"]']) | TEXTISH,
            "cron": st.sampled_from(
                [
                    '{"simpleJobTrigger":{"repeatInterval":0,"startTime":"2026-01-01T00:00:00+08:00"}}',
                    "x",
                ]
            )
            | TEXTISH,
            "name": TEXTISH,
            "msg": TEXTISH,
            "backupid": st.sampled_from(["sched-nightly", ""]) | TEXTISH,
            "add_by": TEXTISH,
        },
    )
    | TEXTISH,
    max_size=6,
)


@settings(max_examples=300, deadline=None)
@given(rows=ROWS)
def test_fast_path_agrees_with_the_records(rows: list[object]) -> None:
    _, triggers = rows_and_triggers()
    careful = HistoryTable(triggers)
    careful.append_records(parse_rows(rows, triggers))
    assert_same_table(table_from_rows(rows, triggers), careful)
    spans = spans_of(msgspec.json.encode({"success": True, "data": rows}))
    assert spans is not None
    from_spans = HistoryTable(triggers)
    from_spans.append_spans(spans)
    as_read = HistoryTable(triggers)  # each row as its bytes read back (numbers beyond 64 bits)
    as_read.append_records(parse_rows(list(map(loose_row, spans)), triggers))
    assert_same_table(from_spans, as_read, raw=False)
    assert [from_spans.raw_json(row) for row in range(len(rows))] == list(map(bytes, spans))


def assert_same_table(fast: HistoryTable, careful: HistoryTable, raw: bool = True) -> None:
    assert len(fast) == len(careful)
    for row in range(len(careful)):
        for column in Column:
            assert fast.text(row, column) == careful.text(row, column), (row, column)
            assert fast.csv_cell(row, column) == careful.csv_cell(row, column), (row, column)
        assert fast.search_text(row) == careful.search_text(row)
        assert fast.flagged[row] == careful.flagged[row]
        assert not raw or fast.raw_json(row) == careful.raw_json(row)
        assert fast.zones[fast.zone_start[row]] == careful.zones[careful.zone_start[row]]
        assert fast.zones[fast.zone_end[row]] == careful.zones[careful.zone_end[row]]


ID_PARTS = st.tuples(
    st.sampled_from(["Backup_", "backup_", "Backup-"]),
    st.sampled_from(["2026.01.01", "2026.1.01", "٢٠٢٦.01.01", "2026.01.01."]),
    st.sampled_from(["-", "+", "_"]),
    st.sampled_from(["00.00.00", "23.59.59", "0.00.00"]),
    st.sampled_from([".000", ".5", "", ".1234"]),
    st.sampled_from(["+", "-", "+-"]),
    st.sampled_from(["0800", "0930", "2400", "0060", "080", "0800\n"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(ID_PARTS.map("".join), min_size=1, max_size=5))
def test_zones_read_at_once_are_those_read_one_by_one(ids: list[str]) -> None:
    from backupviewer.table.history_table import _zones

    expected = [zone for zone, _ in map(zone_from_id, ids)]
    assert _zones(ids, bytearray(len(ids))) == expected


def assert_bulk_equals_single(table: HistoryTable) -> None:
    rows = list(range(len(table)))[::-1]  # any order
    for column in Column:
        assert table.texts_of(column, rows) == [table.text(r, column) for r in rows], column
        assert table.csv_cells_of(column, rows) == [table.csv_cell(r, column) for r in rows]


def test_many_cells_at_once_equal_one_at_a_time() -> None:
    rows, triggers = rows_and_triggers()
    assert_bulk_equals_single(table_from_rows(rows, triggers))
    one_zone = [row for row in rows if isinstance(row, dict) and "+0800" in str(row.get("id"))]
    assert_bulk_equals_single(table_from_rows(one_zone, triggers))
    assert_bulk_equals_single(HistoryTable())


@settings(max_examples=100, deadline=None)
@given(rows=ROWS)
def test_many_cells_at_once_equal_one_at_a_time_for_any_rows(rows: list[object]) -> None:
    assert_bulk_equals_single(table_from_rows(rows))


@given(
    stamp=st.floats(-6.2e10, 2.5e11, allow_nan=False),
    minutes=st.integers(-23 * 60 - 59, 23 * 60 + 59),
)
def test_times_are_rounded_as_datetime_rounds_them(stamp: float, minutes: int) -> None:
    from datetime import datetime, timedelta, timezone

    from backupviewer.table.history_table import _moment

    zone = timezone(timedelta(minutes=minutes))
    try:
        expected = datetime.fromtimestamp(stamp, zone)
    except (OverflowError, ValueError, OSError):
        return
    assert _moment(stamp, zone) == expected
    assert _moment(stamp, zone).isoformat() == expected.isoformat()

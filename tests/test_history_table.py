"""The columnar table agrees cell for cell with the records its rows decode to."""

from __future__ import annotations

import pickle
import time
from pathlib import Path

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tables import (
    answer,
    records_of,
    reference_csv,
    reference_text,
    schedule_triggers,
    table_of,
)

from backupviewer.core.columns import Column
from backupviewer.core.records import zone_from_id
from backupviewer.history.decode import _zones
from backupviewer.history.query import sorted_rows
from backupviewer.history.row_bytes import loose_row, spans_of
from backupviewer.history.table import HistoryTable

DATA = Path(__file__).parent / "data"


def rows_and_triggers() -> tuple[list[object], dict[str, str]]:
    rows = orjson.loads((DATA / "log_query_mixed.json").read_bytes())["data"]
    rows += orjson.loads((DATA / "log_query_seed.json").read_bytes())["data"]
    rows.append(
        {"id": "x", "name": "=HYPERLINK()", "status": "1", "add_time": "2026-01-01 00:00:00"}
    )
    triggers = schedule_triggers(orjson.loads((DATA / "schedules.json").read_bytes())["data"])
    return rows, triggers


def assert_cells_match_records(table: HistoryTable, rows: list[object], triggers: dict) -> None:
    """Every cell as the reference writes it from the row's record, and the record itself."""
    spans = spans_of(answer(rows))
    assert spans is not None
    records = records_of([loose_row(span) for span in spans], triggers)
    assert len(table) == len(records)
    for row, record in enumerate(records):
        for column in Column:
            assert table.text(row, column) == reference_text(record, column), (row, column)
            assert table.csv_cells(column, [row]) == [reference_csv(record, column)], (row, column)
        assert table.status_at(row) is record.status
        assert table.record(row) == record
        assert table.flagged[row] == bool(record.problems or record.schedule_error)


def test_every_cell_matches_the_record() -> None:
    rows, triggers = rows_and_triggers()
    table = table_of(rows, triggers)
    assert_cells_match_records(table, rows, triggers)
    assert table.text(len(rows) - 1, Column.NAME) == "=HYPERLINK()"  # guarded only in CSV


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
    table = table_of(rows)

    def order(column: Column) -> list[int]:
        return sorted_rows(table, range(4), column, descending=False)

    # 2025-12-31 12:00 at -05:00 is 2026-01-01 01:00 at +08:00: later than the +08:00 rows.
    assert order(Column.STARTED) == [3, 0, 1, 2]
    # 9 s < 10 s < 60 s although "9 s" > "10 s" as text; unknown first.
    assert order(Column.DURATION) == [3, 0, 2, 1]
    assert order(Column.STATUS)[0] == 2  # failed first
    assert sorted_rows(table, range(4), None, descending=True) == [0, 1, 2, 3]


def test_pickle_and_extend_keep_everything() -> None:
    rows, triggers = rows_and_triggers()
    whole = table_of(rows, triggers)
    first = table_of(rows[:3], triggers)
    first.extend(pickle.loads(pickle.dumps(table_of(rows[3:], triggers))))
    first.raw.attach(whole.raw._parts[0].source)  # (the pickled part's answer)
    assert len(first) == len(whole)
    for column in Column:
        everyone = range(len(whole))
        assert first.cells(column, everyone) == whole.cells(column, everyone)
        assert first.csv_cells(column, everyone) == whole.csv_cells(column, everyone)
    assert list(first.started) == list(whole.started)


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
        table = table_of(rows)
        assert table.text(0, Column.STARTED) == "2025-02-26 11:12:00"
        assert table.text(0, Column.DURATION) == "1 min 00 s"  # 59.8 s, rounded
        assert table.csv_cells(Column.STARTED, [0]) == ["2025-02-26T11:12:00.200"]  # no zone
        assert table.text(1, Column.DURATION) == ""  # one naive, one aware: no honest duration
        assert_cells_match_records(table, rows, {})
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
    assert table.cells(Column.STARTED, []) == [] == table.csv_cells(Column.DURATION, [])


# Times the column-wise quick path must read exactly as `record_from_row` does (or leave to it).
TIMES = [
    "2026-01-01T00:00:00",
    " 2026-01-01 00:00:00",
    "2026-01-01 00:00:00Z",
    "2026-01-01 00:00:00+05:00",
    "2026-01-01 00:00:00+05:30:15",
    "2026-01-01 24:00:00",
    "2026-02-30 00:00:00",
    "2026-01-01 23:59:59.999999",
    "1969-12-31 23:59:59.9995",
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
                    -62135596800000,
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
def test_the_quick_path_agrees_with_the_records(rows: list[object]) -> None:
    _, triggers = rows_and_triggers()
    table = table_of(rows, triggers)
    assert_cells_match_records(table, rows, triggers)
    spans = spans_of(answer(rows))
    assert spans is not None
    assert [table.raw_json(row) for row in range(len(rows))] == list(map(bytes, spans))


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
    expected = [zone for zone, _ in map(zone_from_id, ids)]
    assert _zones(ids, bytearray(len(ids))) == expected


def assert_many_at_once_equal_one_at_a_time(table: HistoryTable) -> None:
    rows = list(range(len(table)))[::-1]  # any order
    for column in Column:
        assert table.cells(column, rows) == [table.text(r, column) for r in rows], column
        assert table.csv_cells(column, rows) == [
            cell for r in rows for cell in table.csv_cells(column, [r])
        ]


def test_many_cells_at_once_equal_one_at_a_time() -> None:
    rows, triggers = rows_and_triggers()
    assert_many_at_once_equal_one_at_a_time(table_of(rows, triggers))
    one_zone = [row for row in rows if isinstance(row, dict) and "+0800" in str(row.get("id"))]
    assert_many_at_once_equal_one_at_a_time(table_of(one_zone, triggers))
    assert_many_at_once_equal_one_at_a_time(HistoryTable())


@settings(max_examples=100, deadline=None)
@given(rows=ROWS)
def test_many_cells_at_once_equal_one_at_a_time_for_any_rows(rows: list[object]) -> None:
    assert_many_at_once_equal_one_at_a_time(table_of(rows))

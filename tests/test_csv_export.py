"""CSV export: header and order, value formats, formula safety, atomic writes, 100k rows."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backupviewer.core.columns import CSV_ORDER, Column
from backupviewer.core.records import parse_log_response, parse_rows
from backupviewer.table.csv_export import (
    neutralise,
    read_csv,
    restore,
    write_cell_columns,
    write_cell_columns_stream,
    write_cells_stream,
    write_csv,
)

DATA = Path(__file__).parent / "data"
HEADER = (
    "id,name,status,started,finished,duration_s,content,schedule,folder,created_by,"
    "updated_by,schedule_id,message"
)


def test_header_and_values(tmp_path: Path) -> None:
    records = parse_log_response((DATA / "log_query_seed.json").read_bytes())
    target = tmp_path / "out.csv"
    assert write_csv(records, target) == 1
    text = target.read_text(encoding="utf-8")
    assert text.splitlines()[0] == HEADER
    (row,) = read_csv(target)
    assert row["id"] == "Backup_2025.02.26-11.12.00.205+0800"
    assert row["status"] == "succeeded"
    assert row["started"] == "2025-02-26T11:12:00.207+08:00"
    assert row["finished"] == "2025-02-26T11:12:00.350+08:00"
    assert row["duration_s"] == "0.143"
    assert row["content"] == "Uploaded data files"
    assert "11:12" in row["schedule"]
    assert row["schedule_id"] == "51b51905fc0b482f995f0f32b48105ba"


def test_bom_for_excel(tmp_path: Path) -> None:
    target = tmp_path / "excel.csv"
    write_csv([], target, bom=True)
    assert target.read_bytes().startswith(b"\xef\xbb\xbfid,name")


def test_subset_of_columns_in_view_order(tmp_path: Path) -> None:
    records = parse_rows([{"id": "a", "name": "n", "status": "2", "msg": "disk full"}])
    target = tmp_path / "view.csv"
    write_csv(records, target, [Column.MESSAGE, Column.ID])
    with target.open(encoding="utf-8", newline="") as stream:
        assert list(csv.reader(stream)) == [["message", "id"], ["disk full", "a"]]


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx", "'quoted", "''"])
def test_formula_cells_are_neutralised_and_restored(cell: str) -> None:
    assert neutralise(cell).startswith("'")
    assert restore(neutralise(cell)) == cell


@given(st.text())
def test_neutralise_round_trips(cell: str) -> None:
    safe = neutralise(cell)
    assert not safe.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert restore(safe) == cell


def test_failed_export_keeps_the_earlier_file(tmp_path: Path) -> None:
    target = tmp_path / "keep.csv"
    target.write_text("earlier", encoding="utf-8")

    def broken():
        yield from parse_rows([{"id": "a"}])
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space"):
        write_csv(broken(), target)
    assert target.read_text(encoding="utf-8") == "earlier"
    assert os.listdir(tmp_path) == ["keep.csv"]


def test_new_file_gets_ordinary_permissions(tmp_path: Path) -> None:
    target = tmp_path / "perm.csv"
    write_csv([], target)
    assert target.stat().st_mode & 0o044  # readable by others per the umask, not 0600


def test_100k_records_round_trip(tmp_path: Path) -> None:
    rows = [
        {
            "id": f"Backup_2026.01.01-00.00.{i % 60:02d}.{i % 1000:03d}+0800",
            "name": ["=cmd|'/c calc'!A1", "夜间备份", "-weird", f"job {i}"][i % 4],
            "status": str(i % 3),
            "msg": "" if i % 3 != 2 else 'Timeout, "quoted"\nsecond line',
            "config": '[{"id":"db"},{"id":"upload"}]',
            "add_by": "@admin",
            "add_time": "2026-01-01 00:00:00.5",
            "update_time": "2026-01-01 00:10:00.75",
        }
        for i in range(100_000)
    ]
    records = parse_rows(rows)
    target = tmp_path / "big.csv"
    assert write_csv(records, target) == 100_000
    back = read_csv(target)
    assert len(back) == 100_000
    for record, row in zip(records, back, strict=True):
        assert row == {column.csv_name: column.csv_text(record) for column in CSV_ORDER}


CELLS = st.text(alphabet=st.sampled_from([*"ab ,\"\r\n\t='", "名"]), max_size=6)


@given(
    rows=st.integers(0, 6).flatmap(
        lambda width: st.lists(st.lists(CELLS, min_size=width, max_size=width), max_size=5)
    ),
    block=st.integers(1, 4),
)
def test_writing_by_columns_gives_the_same_text_as_by_rows(
    rows: list[list[str]], block: int
) -> None:
    import io

    width = len(rows[0]) if rows else 2
    if width == 0:
        return
    columns = list(CSV_ORDER[:width])
    by_rows, by_columns = io.StringIO(), io.StringIO()
    assert write_cells_stream(rows, by_rows, columns) == len(rows)
    blocks = [
        [[row[c] for row in rows[start : start + block]] for c in range(width)]
        for start in range(0, len(rows), block)
    ]
    assert write_cell_columns_stream(blocks, by_columns, columns) == len(rows)
    assert by_columns.getvalue() == by_rows.getvalue()


def test_writing_by_columns_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "columns.csv"
    cells = [["a", "=1+1"], ["b,c", 'say "hi"']]
    assert write_cell_columns([cells], target, [Column.ID, Column.NAME], bom=True) == 2
    assert target.read_bytes().startswith(b"\xef\xbb\xbfid,name\r\n")
    assert read_csv(target) == [{"id": "a", "name": "b,c"}, {"id": "=1+1", "name": 'say "hi"'}]
    with pytest.raises(ValueError):
        write_cell_columns([cells], target, [Column.ID])

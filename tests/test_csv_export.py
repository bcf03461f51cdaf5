"""CSV export: header and order, value formats, formula safety, atomic writes, 100k rows."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tables import records_of, reference_csv, table_of

from backupviewer.core.columns import CSV_ORDER, Column
from backupviewer.history import csv_export
from backupviewer.history.csv_export import (
    neutralise,
    read_csv,
    restore,
    write_table,
    write_table_stream,
)
from backupviewer.history.table import HistoryTable

DATA = Path(__file__).parent / "data"
HEADER = (
    "id,name,status,started,finished,duration_s,content,schedule,folder,created_by,"
    "updated_by,schedule_id,message"
)
SEED = {
    "id": "Backup_2025.02.26-11.12.00.205+0800",
    "backupid": "51b51905fc0b482f995f0f32b48105ba",
    "name": "ll",
    "folder": "backup/",
    "config": '[{"id":"upload"}]',
    "status": "1",
    "add_by": "admin",
    "add_time": "2025-02-26 11:12:00.207",
    "update_by": "admin",
    "update_time": "2025-02-26 11:12:00.35",
    "cron": '{"complexJobTrigger":{"endTime":null,"startTime":"2024-11-15T11:12:00.000+08:00",'
    '"uiPassParam":"DAILY","repeatCount":-1,"daysOfWeek":["1","2","3","4","5"]}}',
}


def everything(table: HistoryTable) -> range:
    return range(len(table))


def test_header_and_values(tmp_path: Path) -> None:
    table = table_of([SEED])
    target = tmp_path / "out.csv"
    assert write_table(table, everything(table), CSV_ORDER, target) == 1
    text = target.read_text(encoding="utf-8")
    assert text.splitlines()[0] == HEADER
    (row,) = read_csv(target)
    assert row["id"] == "Backup_2025.02.26-11.12.00.205+0800"
    assert row["status"] == "succeeded"
    assert row["started"] == "2025-02-26T11:12:00.207+08:00"
    assert row["finished"] == "2025-02-26T11:12:00.350+08:00"
    assert row["duration_s"] == "0.143"
    assert row["content"] == "Uploaded data files"
    assert row["schedule"] == "Every weekday at 11:12 (UTC+08:00)"
    assert row["schedule_id"] == "51b51905fc0b482f995f0f32b48105ba"


def test_bom_for_excel(tmp_path: Path) -> None:
    target = tmp_path / "excel.csv"
    write_table(HistoryTable(), [], CSV_ORDER, target, bom=True)
    assert target.read_bytes() == b"\xef\xbb\xbf" + HEADER.encode() + b"\r\n"


def test_chosen_rows_and_columns_in_view_order(tmp_path: Path) -> None:
    table = table_of([{"id": "a", "name": "n", "status": "2", "msg": "disk full"}, {"id": "b"}])
    target = tmp_path / "view.csv"
    write_table(table, [1, 0], [Column.MESSAGE, Column.ID], target)
    with target.open(encoding="utf-8", newline="") as stream:
        assert list(csv.reader(stream)) == [["message", "id"], ["", "b"], ["disk full", "a"]]
    write_table(table, [1, 0], [Column.MESSAGE], target)  # an empty cell alone stays a line
    assert target.read_bytes() == b'message\r\n""\r\ndisk full\r\n'


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx", "'quoted", "''"])
def test_formula_cells_are_neutralised_and_restored(cell: str) -> None:
    assert neutralise(cell).startswith("'")
    assert restore(neutralise(cell)) == cell


@given(st.text())
def test_neutralise_round_trips(cell: str) -> None:
    safe = neutralise(cell)
    assert not safe.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert restore(safe) == cell


def test_failed_export_keeps_the_earlier_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "keep.csv"
    target.write_text("earlier", encoding="utf-8")

    def full_disk(*args: object, **kwargs: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(csv_export, "write_table_stream", full_disk)
    with pytest.raises(OSError, match="No space"):
        write_table(table_of([SEED]), [0], CSV_ORDER, target)
    assert target.read_text(encoding="utf-8") == "earlier"
    assert os.listdir(tmp_path) == ["keep.csv"]


def test_a_failure_names_the_users_file_never_the_temporary_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "mine.csv"

    def refused(source: str, destination: object) -> None:
        raise PermissionError(13, "Permission denied", source, None, str(destination))

    monkeypatch.setattr(csv_export.os, "replace", refused)
    with pytest.raises(OSError) as caught:
        write_table(table_of([SEED]), [0], CSV_ORDER, target)
    assert caught.value.filename == str(target)
    assert ".part" not in str(caught.value) and "mine.csv" in str(caught.value)
    assert os.listdir(tmp_path) == []


def test_new_file_gets_ordinary_permissions(tmp_path: Path) -> None:
    target = tmp_path / "perm.csv"
    write_table(HistoryTable(), [], CSV_ORDER, target)
    assert target.stat().st_mode & 0o044  # readable by others per the umask, not 0600


def test_100k_rows_round_trip(tmp_path: Path) -> None:
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
    table = table_of(rows)
    target = tmp_path / "big.csv"
    assert write_table(table, everything(table), CSV_ORDER, target) == 100_000
    back = read_csv(target)
    assert len(back) == 100_000
    records = records_of(rows)
    for record, row in zip(records[::97], back[::97], strict=True):
        assert row == {column.csv_name: reference_csv(record, column) for column in CSV_ORDER}
    assert back[0]["name"] == "=cmd|'/c calc'!A1" and back[2]["message"].endswith("second line")


CELLS = st.text(alphabet=st.sampled_from([*"ab ,\"\r\n\t='+-@", "名"]), max_size=6)


@settings(deadline=None)
@given(cells=st.lists(st.tuples(CELLS, CELLS), max_size=12))
def test_the_text_is_what_csv_writer_writes_of_the_guarded_cells(
    cells: list[tuple[str, str]],
) -> None:
    table = table_of([{"id": name, "name": name, "msg": message} for name, message in cells])
    columns = [Column.NAME, Column.MESSAGE, Column.ID]
    written = io.StringIO()
    assert write_table_stream(table, everything(table), columns, written) == len(cells)
    expected = io.StringIO()
    writer = csv.writer(expected, lineterminator="\r\n")
    writer.writerow([column.csv_name for column in columns])
    for name, message in cells:
        writer.writerow([neutralise(name), neutralise(message), neutralise(name)])
    assert written.getvalue() == expected.getvalue()


def test_no_columns_is_a_mistake(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        write_table(HistoryTable(), [], [], tmp_path / "x.csv")


def test_the_header_can_carry_the_windows_titles(tmp_path: Path) -> None:
    target = tmp_path / "titled.csv"
    write_table(table_of([SEED]), [0], CSV_ORDER, target, titles=True)
    header = target.read_text(encoding="utf-8").splitlines()[0]
    assert header == ",".join(column.header for column in CSV_ORDER)
    write_table(table_of([SEED]), [0], CSV_ORDER, target)  # by default: the stable names
    assert target.read_text(encoding="utf-8").splitlines()[0] == ",".join(
        column.csv_name for column in CSV_ORDER
    )

"""The table model: Qt's model tester, sorting by real values, filtering, persistent indexes."""

from __future__ import annotations

import random
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from pytestqt.qtbot import QtBot

from backupviewer.core.columns import Column
from backupviewer.core.records import Record, Status, parse_rows
from backupviewer.qt.history_model import HistoryModel, RecordRole, SortRole, StatusFilter
from backupviewer.table.history_table import HistoryTable
from backupviewer.table.workers import decode_part

NAMES = ["nightly", "Weekly FULL", "每日备份", "before upgrade", "", "月末结账前"]


def make_rows(count: int, seed: int = 1) -> list[Any]:
    """Hand-made log rows, a few of them broken the way real servers break them."""
    rng = random.Random(seed)
    rows: list[Any] = []
    for i in range(count):
        day, hour = 1 + i % 28, rng.randrange(24)
        status = rng.choice("1111120")
        row: dict[str, Any] = {
            "id": f"Backup_2025.02.{day:02d}-{hour:02d}.{i % 60:02d}.00.{i % 1000:03d}+0800",
            "backupid": rng.choice(["", "s1", "s2"]),
            "name": rng.choice(NAMES),
            "folder": "backup/",
            "config": rng.choice(['[{"id":"db"}]', '[{"id":"db"},{"id":"upload"}]']),
            "status": status,
            "msg": "No space left on device" if status == "2" else "",
            "add_by": rng.choice(["admin", "ops"]),
            "add_time": f"2025-02-{day:02d} {hour:02d}:{i % 60:02d}:00.{rng.randrange(1000)}",
            "update_by": "admin",
            "update_time": f"2025-02-{day:02d} {hour:02d}:{i % 60:02d}:{rng.randrange(60):02d}.5",
        }
        if i % 50 == 7:
            row["add_time"] = "yesterday"  # unreadable: kept, flagged
        if i % 50 == 8:
            row["status"] = "9"
        rows.append(row)
    rows.append("not an object")
    return rows


def table_of(records: list[Any]) -> HistoryTable:
    table = HistoryTable()
    table.append_records(records)
    return table


def show(model: HistoryModel, records: list[Any]) -> None:
    model.replace(table_of(records))


@pytest.fixture
def model(qtbot: QtBot) -> HistoryModel:
    history = HistoryModel()
    show(history, parse_rows(make_rows(300)))
    return history


def shown_ids(model: HistoryModel) -> list[str]:
    return [model.record_at(row).id for row in range(model.rowCount())]


def test_model_tester_through_loads_sorts_and_filters(qtmodeltester: Any, qtbot: QtBot) -> None:
    model = HistoryModel()
    qtmodeltester.check(model, force_py=True)
    records = parse_rows(make_rows(40))
    show(model, records)
    model.sort(Column.STARTED, Qt.SortOrder.DescendingOrder)
    model.set_filter_text("backup_2025.02.1")
    model.set_status_filter(StatusFilter.SUCCEEDED)
    model.set_filter_text("")
    model.set_status_filter(StatusFilter.ALL)
    model.clear()
    for start in range(0, len(records), 20):
        model.append(table_of(records[start : start + 20]))
    model.finish_loading()
    qtmodeltester.check(model, force_py=True)


def test_every_column_sorts_by_its_real_value_both_ways(model: HistoryModel) -> None:
    for column in Column:
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            model.sort(column, order)
            keys = [column.sort_key(model.record_at(r)) for r in range(model.rowCount())]
            expected = sorted(keys, reverse=order == Qt.SortOrder.DescendingOrder)
            assert keys == expected, (column, order)
            ranks = [model.index(r, column).data(SortRole) for r in range(model.rowCount())]
            assert ranks == sorted(ranks, reverse=order == Qt.SortOrder.DescendingOrder)


def test_times_sort_by_time_and_durations_by_length(model: HistoryModel) -> None:
    model.sort(Column.DURATION, Qt.SortOrder.AscendingOrder)
    durations = [model.record_at(r).duration_s for r in range(model.rowCount())]
    known = [d for d in durations if d is not None]
    assert known == sorted(known) and len(known) > 100
    # "9 min 05 s" before "10 min 00 s": the text alone would sort them the other way round.
    model.sort(Column.STARTED, Qt.SortOrder.AscendingOrder)
    started = [model.record_at(r).started for r in range(model.rowCount())]
    assert [s for s in started if s is not None] == sorted(s for s in started if s is not None)


def test_sort_minus_one_restores_the_server_order(model: HistoryModel) -> None:
    before = shown_ids(model)
    model.sort(Column.NAME, Qt.SortOrder.DescendingOrder)
    assert shown_ids(model) != before
    model.sort(-1)
    assert shown_ids(model) == before


def test_sorting_keeps_persistent_indexes_on_their_records(model: HistoryModel) -> None:
    watched = [QPersistentModelIndex(model.index(row, 2)) for row in (0, 5, 77, 299)]
    ids = [model.record_at(p.row()).id for p in watched]
    for column in (Column.NAME, Column.DURATION, Column.ID):
        model.sort(column, Qt.SortOrder.DescendingOrder)
        assert [model.record_at(p.row()).id for p in watched] == ids
        assert all(p.column() == 2 for p in watched)


def test_filter_matches_any_column_in_any_case(model: HistoryModel) -> None:
    records = list(model.records_shown())

    def matching(text: str) -> int:
        needle = text.casefold()
        return sum(any(needle in c.text(r).casefold() for c in Column) for r in records)

    for text in ("no space", "NIGHTLY", "每日", "2025-02-03", "content and", "admin", "zzz"):
        model.set_filter_text(text)
        assert model.rowCount() == matching(text), text
        assert all(
            any(text.casefold() in c.text(r).casefold() for c in Column)
            for r in model.records_shown()
        )
    model.set_filter_text("")
    assert model.rowCount() == len(records)


def test_narrowing_and_widening_the_filter_agree_with_a_fresh_filter(model: HistoryModel) -> None:
    for text in ("b", "ba", "bac", "back", "ba", ""):
        model.set_filter_text(text)
        fresh = HistoryModel()
        show(fresh, model_records(model))
        fresh.set_filter_text(text)
        assert model.rowCount() == fresh.rowCount(), text


def model_records(model: HistoryModel) -> list[Any]:
    # every loaded record, whatever the filter shows
    return [model._table.record(n) for n in range(model.total_count)]


def admits(choice: StatusFilter, record: Record) -> bool:
    """What each status filter choice should show, said the slow and obvious way."""
    if choice is StatusFilter.ALL:
        return True
    if choice is StatusFilter.ATTENTION:
        bad_status = record.status in (Status.FAILED, Status.UNKNOWN)
        return bad_status or bool(record.problems or record.schedule_error)
    return record.status is choice.status


def test_status_filter_counts(model: HistoryModel) -> None:
    records = list(model.records_shown())
    for choice in StatusFilter:
        model.set_status_filter(choice)
        expected = sum(admits(choice, r) for r in records)
        assert model.rowCount() == expected
        assert model.shown_count == expected and model.total_count == len(records)
    model.set_status_filter(StatusFilter.FAILED)
    model.set_filter_text("no space")
    assert model.rowCount() == sum(r.status is Status.FAILED for r in records)


@pytest.mark.parametrize("columnar", [False, True])
def test_needs_attention_shows_failed_unknown_and_unreadable_rows(
    qtbot: QtBot, columnar: bool
) -> None:
    rows = make_rows(300)
    table = HistoryTable()
    if columnar:
        table.append_rows(rows)  # how the worker decodes a history
    else:
        table.append_records(parse_rows(rows))
    model = HistoryModel()
    model.replace(table)
    model.sort(Column.NAME, Qt.SortOrder.AscendingOrder)
    in_order = list(model.records_shown())
    model.set_status_filter(StatusFilter.ATTENTION)
    shown = list(model.records_shown())
    assert [r.id for r in shown] == [r.id for r in in_order if admits(StatusFilter.ATTENTION, r)]
    kinds = {r.status for r in shown} | {"unreadable" for r in shown if r.problems}
    assert {Status.FAILED, Status.UNKNOWN, "unreadable"} <= kinds
    assert any(r.status is Status.SUCCEEDED and r.problems for r in shown)
    model.set_filter_text("no space")
    narrowed = [r.id for r in shown if "no space" in r.message.casefold()]
    assert narrowed and [r.id for r in model.records_shown()] == narrowed


def test_counts_changed_is_emitted(model: HistoryModel, qtbot: QtBot) -> None:
    with qtbot.waitSignal(model.counts_changed) as blocker:
        model.set_status_filter(StatusFilter.FAILED)
    shown, total = blocker.args
    assert shown == model.rowCount() and total == model.total_count


def test_data_roles(model: HistoryModel) -> None:
    model.set_status_filter(StatusFilter.FAILED)
    index = model.index(0, Column.STATUS)
    record = index.data(RecordRole)
    assert record.status is Status.FAILED
    assert index.data() == "Failed"
    assert not index.data(Qt.ItemDataRole.DecorationRole).isNull()
    assert "No space left on device" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(0, Column.ID).data() == record.id
    assert model.headerData(Column.DURATION, Qt.Orientation.Horizontal) == "Duration"
    assert model.rowCount(model.index(0, 0)) == 0
    assert model.columnCount(model.index(0, 0)) == 0
    assert model.data(QModelIndex()) is None


def test_unreadable_rows_are_shown_with_a_warning(model: HistoryModel) -> None:
    flagged = [r for r in range(model.rowCount()) if model.record_at(r).problems]
    assert flagged
    index = model.index(flagged[0], Column.NAME)
    assert not index.data(Qt.ItemDataRole.DecorationRole).isNull()
    assert "could not be read" in index.data(Qt.ItemDataRole.ToolTipRole)
    unknown = [r for r in range(model.rowCount()) if model.record_at(r).status is Status.UNKNOWN]
    assert model.index(unknown[0], Column.STATUS).data().startswith("Unknown")


def test_chunks_from_the_worker_give_the_same_table_as_one_batch(qtbot: QtBot) -> None:
    import orjson

    chunk = 2_500
    rows = make_rows(4 * chunk + 17)
    body = orjson.dumps({"success": True, "data": rows})
    head = list(decode_part(body, None, 0, 2, chunk, chunk))
    tail = list(decode_part(body, None, 1, 2, chunk, chunk))
    assert [len(p) for p in head] == [len(p) for p in tail] == [chunk, chunk, 9]
    chunked, whole = HistoryModel(), HistoryModel()
    chunked.sort(Column.STARTED, Qt.SortOrder.DescendingOrder)
    for piece in head + tail:
        chunked.append(piece)
    assert shown_ids(chunked)[:3] == [r["id"] for r in rows[:3]]  # the server's order so far
    chunked.finish_loading()
    show(whole, parse_rows(rows))
    for column in (Column.STARTED, Column.NAME, Column.STATUS):
        chunked.sort(column, Qt.SortOrder.DescendingOrder)
        whole.sort(column, Qt.SortOrder.DescendingOrder)
        assert shown_ids(chunked) == shown_ids(whole)
    for row in (0, 1234, 10_000):
        assert [chunked.index(row, c).data() for c in Column] == [
            whole.index(row, c).data() for c in Column
        ]
    assert dict(chunked.record_at(5).raw) == dict(whole.record_at(5).raw)


def test_running_rows_spin(qtbot: QtBot) -> None:
    rows = make_rows(20)
    rows[3]["status"] = "0"
    model = HistoryModel()
    show(model, parse_rows(rows))
    running_rows = [
        r for r in range(model.rowCount()) if model.record_at(r).status is Status.RUNNING
    ]
    with qtbot.waitSignal(model.dataChanged, timeout=2000) as blocker:
        pass
    top, bottom = blocker.args[0], blocker.args[1]
    assert top.row() in running_rows and top == bottom and top.column() == Column.STATUS
    model.clear()
    assert model.running_count == 0


def packed(table: HistoryTable) -> list[int]:
    return [flag for part in table.raw.parts for flag in getattr(part, "packed", b"")]


def test_raw_json_is_packed_when_idle_after_a_load(qtbot: QtBot) -> None:
    history = HistoryModel()
    records = parse_rows(make_rows(2_000))
    history.append(table_of(records[:1_000]))
    history.append(table_of(records[1_000:]))
    qtbot.wait(20)
    assert not any(packed(history._table))  # not while rows still come
    history.finish_loading()
    qtbot.waitUntil(lambda: all(packed(history._table)), timeout=5_000)
    assert [history.record_at(row) for row in range(0, 2_000, 199)] == [
        records[history._visible[row]] for row in range(0, 2_000, 199)
    ]


def test_export_cells_are_the_same_whoever_formats_the_times(
    model: HistoryModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    from backupviewer.qt import history_model

    monkeypatch.setattr(history_model, "_EXPORT_BLOCK", 70)  # several blocks, one ahead
    model.sort(Column.DURATION, Qt.SortOrder.DescendingOrder)
    columns = list(Column)
    here = list(model.csv_blocks(columns))
    calls: list[str] = []

    def elsewhere(function: Any, *args: Any) -> Any:
        calls.append(function.__name__)
        return lambda: function(*args)

    model.offload = elsewhere
    assert list(model.csv_blocks(columns)) == here
    assert len(calls) >= 2 * (model.rowCount() // 70)
    model.offload = lambda function, *args: None  # nobody free
    assert list(model.csv_blocks(columns)) == here
    assert here[0][columns.index(Column.STARTED)][0].endswith("+08:00")

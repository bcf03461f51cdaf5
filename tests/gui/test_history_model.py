"""The table model: Qt's model tester, sorting by real values, filtering, persistent indexes."""

from __future__ import annotations

import random
import weakref
from collections.abc import Collection
from datetime import UTC
from pathlib import Path
from typing import Any

import pytest
from guitools import records_shown
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from pytestqt.qtbot import QtBot
from tables import answer, reference_csv, reference_text, table_of

from backupviewer.core.columns import STATUS_RANK, Column
from backupviewer.core.records import Record, Status
from backupviewer.health.snapshot import unjudged
from backupviewer.history import workers
from backupviewer.history.csv_export import read_csv, write_table
from backupviewer.history.query import StatusFilter
from backupviewer.qt.history_model import HistoryModel
from backupviewer.qt.running_ticker import RunningTicker

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


def show(model: HistoryModel, rows: list[Any]) -> None:
    model.show(unjudged(table_of(rows)))


def sort_key(record: Record, column: Column) -> Any:
    """How a column orders its rows, said the slow and obvious way (unknown first)."""
    if column is Column.STATUS:
        return STATUS_RANK[record.status]
    if column in (Column.STARTED, Column.FINISHED):
        moment = record.started if column is Column.STARTED else record.finished
        if moment is None:
            return float("-inf")
        return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()
    if column is Column.DURATION:
        text = reference_csv(record, column)
        return float(text) if text else float("-inf")
    return reference_text(record, column).casefold()


@pytest.fixture
def model(qtbot: QtBot) -> HistoryModel:
    history = HistoryModel()
    show(history, make_rows(300))
    return history


def shown_ids(model: HistoryModel) -> list[str]:
    return [model.record_at(row).id for row in range(model.rowCount())]


def test_model_tester_through_loads_sorts_and_filters(qtmodeltester: Any, qtbot: QtBot) -> None:
    model = HistoryModel()
    qtmodeltester.check(model, force_py=True)
    rows = make_rows(40)
    show(model, rows)
    model.sort(Column.STARTED, Qt.SortOrder.DescendingOrder)
    model.set_filter_text("backup_2025.02.1")
    model.set_status_filter(StatusFilter.SUCCEEDED)
    model.set_filter_text("")
    model.set_status_filter(StatusFilter.ALL)
    model.clear()
    for start in range(0, len(rows), 20):
        model.append(table_of(rows[start : start + 20]))
    model.show(model.snapshot)
    qtmodeltester.check(model, force_py=True)


def test_every_column_sorts_by_its_real_value_both_ways(model: HistoryModel) -> None:
    for column in Column:
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            model.sort(column, order)
            keys = [sort_key(model.record_at(r), column) for r in range(model.rowCount())]
            expected = sorted(keys, reverse=order == Qt.SortOrder.DescendingOrder)
            assert keys == expected, (column, order)


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
    records = list(records_shown(model))

    def matching(text: str) -> int:
        needle = text.casefold()
        return sum(any(needle in reference_text(r, c).casefold() for c in Column) for r in records)

    for text in ("no space", "NIGHTLY", "每日", "2025-02-03", "content and", "admin", "zzz"):
        model.set_filter_text(text)
        assert model.rowCount() == matching(text), text
        assert all(
            any(text.casefold() in reference_text(r, c).casefold() for c in Column)
            for r in records_shown(model)
        )
    model.set_filter_text("")
    assert model.rowCount() == len(records)


def test_narrowing_and_widening_the_filter_agree_with_a_fresh_filter(model: HistoryModel) -> None:
    for text in ("b", "ba", "bac", "back", "ba", ""):
        model.set_filter_text(text)
        fresh = HistoryModel()
        show(fresh, make_rows(300))
        fresh.set_filter_text(text)
        assert model.rowCount() == fresh.rowCount(), text


def admits(choice: StatusFilter, record: Record, marked: Collection[str] = ()) -> bool:
    """What each status filter choice should show, said the slow and obvious way (`marked`:
    the ids of the backups the health marks: slow, stuck, a schedule's newest failed run)."""
    if choice is StatusFilter.ALL:
        return True
    if choice is StatusFilter.ATTENTION:
        bad_status = record.status in (Status.UNKNOWN, Status.MISSED)
        unreadable = bool(record.problems or record.schedule_error)
        return bad_status or unreadable or record.id in marked
    return record.status is choice.status


def test_status_filter_counts(model: HistoryModel) -> None:
    records = list(records_shown(model))
    for choice in StatusFilter:
        model.set_status_filter(choice)
        expected = sum(admits(choice, r) for r in records)
        assert model.rowCount() == expected
        assert model.shown_count == expected and model.total_count == len(records)
    model.set_status_filter(StatusFilter.FAILED)
    model.set_filter_text("no space")
    assert model.rowCount() == sum(r.status is Status.FAILED for r in records)


def test_the_status_counts_and_a_period_agree_with_the_rows_shown(model: HistoryModel) -> None:
    records = list(records_shown(model))
    starts = sorted(r.started for r in records if r.started is not None)
    since = starts[len(starts) // 2]
    since_ms = round(since.timestamp() * 1000)
    for period in (None, since_ms):
        model.set_since(period)
        counts = model.status_counts()
        chosen = [r for r in records if period is None or (r.started and r.started >= since)]
        for choice in StatusFilter:
            model.set_status_filter(choice)
            expected = sum(admits(choice, r) for r in chosen)
            assert model.rowCount() == expected == counts[choice], (period, choice)
        model.set_status_filter(StatusFilter.ALL)
    assert 0 < counts[StatusFilter.ALL] < len(records)


def test_needs_attention_shows_failed_unknown_and_unreadable_rows(qtbot: QtBot) -> None:
    model = HistoryModel()
    show(model, make_rows(300))
    model.sort(Column.NAME, Qt.SortOrder.AscendingOrder)
    in_order = list(records_shown(model))
    model.set_status_filter(StatusFilter.ATTENTION)
    shown = list(records_shown(model))
    assert [r.id for r in shown] == [r.id for r in in_order if admits(StatusFilter.ATTENTION, r)]
    kinds = {r.status for r in shown} | {"unreadable" for r in shown if r.problems}
    assert {Status.FAILED, Status.UNKNOWN, "unreadable"} <= kinds
    assert any(r.status is Status.SUCCEEDED and r.problems for r in shown)
    model.set_filter_text("no space")
    narrowed = [r.id for r in shown if "no space" in r.message.casefold()]
    assert narrowed and [r.id for r in records_shown(model)] == narrowed


def test_counts_changed_is_emitted(model: HistoryModel, qtbot: QtBot) -> None:
    with qtbot.waitSignal(model.counts_changed) as blocker:
        model.set_status_filter(StatusFilter.FAILED)
    shown, total = blocker.args
    assert shown == model.rowCount() and total == model.total_count


def test_data_roles(model: HistoryModel) -> None:
    model.set_status_filter(StatusFilter.FAILED)
    index = model.index(0, Column.STATUS)
    record = model.record_at(0)
    assert record.status is Status.FAILED
    assert index.data() == "Failed"
    assert not index.data(Qt.ItemDataRole.DecorationRole).isNull()
    assert "No space left on device" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(0, Column.ID).data() == record.id
    assert model.headerData(Column.DURATION, Qt.Orientation.Horizontal) == "Duration"
    tip = model.headerData(Column.STARTED, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "on the server's clock" in tip
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
    rows = make_rows(4 * workers.PIECE_ROWS + 17)
    body = answer(rows)
    head = list(workers._pieces(body, 0, 2, None, workers.PIECE_ROWS))
    tail = list(workers._pieces(body, 1, 2, None, workers.PIECE_ROWS))
    assert [len(p) for p in head] == [len(p) for p in tail] == [10_000, 10_000, 9]
    for piece in head + tail:
        piece.raw.attach(workers.Bytes(body))
    chunked, whole = HistoryModel(), HistoryModel()
    chunked.sort(Column.STARTED, Qt.SortOrder.DescendingOrder)
    for piece in head + tail:
        chunked.append(piece)
    assert shown_ids(chunked)[:3] == [r["id"] for r in rows[:3]]  # the server's order so far
    chunked.show(chunked.snapshot)
    show(whole, rows)
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
    ticker = RunningTicker(model)
    show(model, rows)
    assert ticker.active
    running_rows = [
        r for r in range(model.rowCount()) if model.record_at(r).status is Status.RUNNING
    ]
    with qtbot.waitSignal(model.dataChanged, timeout=2000) as blocker:
        pass
    top, bottom = blocker.args[0], blocker.args[1]
    assert top.row() in running_rows and top.row() == bottom.row()
    assert (top.column(), bottom.column()) == (Column.STATUS, Column.DURATION)
    assert model.frame != 0
    model.clear()
    assert model.snapshot.running == 0
    assert not ticker.active


def test_export_writes_the_rows_shown_in_view_order(model: HistoryModel, tmp_path: Path) -> None:
    model.sort(Column.DURATION, Qt.SortOrder.DescendingOrder)
    model.set_status_filter(StatusFilter.FAILED)
    columns = [Column.MESSAGE, Column.STARTED, Column.ID]
    target = tmp_path / "shown.csv"
    written = write_table(model.snapshot.table, model.table_rows(), columns, target)
    assert written == model.rowCount()
    expected = [
        {column.csv_name: reference_csv(model.record_at(row), column) for column in columns}
        for row in range(model.rowCount())
    ]
    assert read_csv(target) == expected
    assert expected[0]["started"].endswith("+08:00")


def test_the_snapshot_shown_before_is_let_go_on_a_turn_of_its_own(qtbot: QtBot) -> None:
    """Freeing a large snapshot takes time: not while the next one is being shown, but soon."""
    model = HistoryModel()
    before = unjudged(table_of(make_rows(50)))
    model.show(before)
    gone = weakref.ref(before)
    del before
    show(model, make_rows(20, seed=2))
    assert gone() is not None, "still held while the new rows are shown"
    qtbot.waitUntil(lambda: gone() is None, timeout=2_000)

"""The health in the window: the summary, the history strip, the schedules panel, missed and slow
rows, the settings, and downloads – on the demo server, through real widgets."""

from __future__ import annotations

import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import qasync
from guitools import shown, sign_in, wait
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from backupviewer.app import BackupViewerApp
from backupviewer.core.columns import Column
from backupviewer.core.records import Status
from backupviewer.demo.history import FAILING_PLAN, MISSED_PLAN, SLOW_PLAN
from backupviewer.demo.server import DemoServer, Misbehaviour
from backupviewer.health.findings import DayCounts, HealthSettings
from backupviewer.history.query import StatusFilter
from backupviewer.qt import row_words
from backupviewer.qt.schedule_model import ScheduleColumn
from backupviewer.widgets.health.health_settings import HealthSettingsDialog
from backupviewer.widgets.health.history_chart import TROUBLE_SHARE, HistoryChart, segments
from backupviewer.widgets.window.main_window import MainWindow


@pytest.fixture
def window(loop: qasync.QEventLoop, app: BackupViewerApp, demo_server: DemoServer) -> MainWindow:
    sign_in(loop, app, demo_server)
    assert app.window is not None
    wait(loop, lambda: app.model.snapshot.health is not None)
    return app.window


def statuses_shown(window: MainWindow) -> list[Status]:
    return [window.model.status_at(row) for row in range(window.model.rowCount())]


def test_the_widgets_tests_and_users_rely_on(window: MainWindow) -> None:
    for name in ("schedulesView", "historyChart", "healthSummary", "downloadButton"):
        assert window.findChild(object, name) is not None, name
    for name in ("actionDownload", "actionHealthSettings"):
        assert window.findChild(object, name) is not None, name


def test_the_summary_says_the_worst_first_in_words(window: MainWindow) -> None:
    summary = window.health_panel.summary
    text = summary.label.text()
    assert text.startswith("<b>Backups failing.</b> 1 schedule in trouble (工作日备份)")
    assert "1 missed run, 1 slow backup" in text
    assert "Newest successful scheduled backup ended" in text
    assert "CRITICAL: 工作日备份: failing" in summary.toolTip()


def test_missed_runs_are_rows_with_their_own_status(
    window: MainWindow, demo_server: DemoServer
) -> None:
    model = window.model
    combo = window.status_filter
    combo.setCurrentIndex(combo.findData(StatusFilter.MISSED))
    assert model.rowCount() == 1 and model.status_at(0) is Status.MISSED
    record = model.record_at(0)
    ((plan_id, due),) = demo_server.history.missed
    assert record.schedule_id == plan_id and record.name == MISSED_PLAN
    assert record.started is not None and round(record.started.timestamp() * 1000) == due
    assert record.id == "" and record.finished is None
    index = model.index(0, Column.STATUS)
    assert model.data(index) == "Missed"
    assert shown(model.data(index, Qt.ItemDataRole.ToolTipRole)).startswith(
        "Missed: No backup started"
    )
    window.show_details_of(0)
    text = window.detail_pane.text()
    assert "Missed" in text and "Due" in text and "none: no backup was made" in text
    assert "The schedule, as the server listed it" in text
    assert window.status.count_label.text().endswith("backups · 1 missed run")


def test_a_slow_backup_is_marked_with_why(window: MainWindow, demo_server: DemoServer) -> None:
    model = window.model
    (slow_id,) = demo_server.history.slow
    row = next(r for r in range(model.rowCount()) if model.key_at(r) == slow_id)
    index = model.index(row, Column.DURATION)
    assert model.data(index, Qt.ItemDataRole.DecorationRole) is not None
    tip = shown(model.data(index, Qt.ItemDataRole.ToolTipRole))
    assert tip.startswith("Slow: took 1 h 00 min") and "the 90th percentile" in tip
    assert row_words.health_notes(model.snapshot, model.table_row(row)) == [tip]
    window.status_filter.setCurrentIndex(window.status_filter.findData(StatusFilter.ATTENTION))
    assert slow_id in {model.key_at(r) for r in range(model.rowCount())}


def test_the_newest_run_of_a_failing_schedule_is_marked(
    window: MainWindow, demo_server: DemoServer
) -> None:
    model = window.model
    (failing_id,) = demo_server.history.failing
    rows = [r for r in range(model.rowCount()) if model.record_at(r).schedule_id == failing_id]
    newest = max(rows, key=lambda r: model.record_at(r).started)  # type: ignore[arg-type,return-value]
    index = model.index(newest, Column.SCHEDULE)
    assert model.data(index, Qt.ItemDataRole.DecorationRole) is not None
    tip = shown(model.data(index, Qt.ItemDataRole.ToolTipRole))
    assert tip.endswith("Its schedule is failing: this, its newest finished run, failed.")
    decoration = Qt.ItemDataRole.DecorationRole
    marked = [r for r in rows if model.data(model.index(r, Column.SCHEDULE), decoration)]
    assert marked == [newest]


def test_the_schedules_panel_shows_each_schedule_and_filters_the_history(
    loop: qasync.QEventLoop, window: MainWindow, demo_server: DemoServer
) -> None:
    view = window.health_panel.schedules
    schedules = window.health_panel.schedule_model
    assert view.objectName() == "schedulesView"
    names = [schedules.schedule_at(r).item.name for r in range(schedules.rowCount())]
    assert names[:3] == [FAILING_PLAN, MISSED_PLAN, SLOW_PLAN]  # trouble first
    health = [schedules.data(schedules.index(r, ScheduleColumn.HEALTH)) for r in range(3)]
    assert health == ["Failing: its last run failed", "1 missed run", "1 slow backup"]
    paused = names.index("已暂停的月中备份")
    assert schedules.data(schedules.index(paused, ScheduleColumn.ENABLED)) == "No"
    assert schedules.data(schedules.index(paused, ScheduleColumn.STATE)) == "Paused"
    assert schedules.data(schedules.index(paused, ScheduleColumn.HEALTH)) == "Disabled"
    next_run = schedules.data(schedules.index(0, ScheduleColumn.NEXT_RUN))
    assert next_run.endswith("+08:00")
    # choosing a schedule shows its backups (and its missed runs) only; again shows all
    all_rows = window.model.rowCount()
    rect = view.visualRect(schedules.index(1, ScheduleColumn.NAME))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    model = window.model
    assert 0 < model.rowCount() < all_rows
    assert {model.record_at(r).schedule_id for r in range(model.rowCount())} == {
        schedules.schedule_at(1).item.id
    }
    assert Status.MISSED in statuses_shown(window)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert model.rowCount() == all_rows


def test_the_schedules_show_their_health_first_fitted_to_their_names(window: MainWindow) -> None:
    view = window.health_panel.schedules
    header = view.horizontalHeader()
    first = [ScheduleColumn(header.logicalIndex(v)) for v in range(6)]
    assert first == [
        ScheduleColumn.HEALTH,
        ScheduleColumn.NAME,
        ScheduleColumn.MISSED,
        ScheduleColumn.FAILURES,
        ScheduleColumn.SLOW,
        ScheduleColumn.LAST_SUCCESS,
    ]
    model = view.model()
    names = [model.index(r, ScheduleColumn.NAME).data() for r in range(model.rowCount())]
    widest = max(view.fontMetrics().horizontalAdvance(name) for name in names)
    assert widest <= header.sectionSize(ScheduleColumn.NAME) <= 280


def test_the_strip_counts_each_day_and_a_click_shows_that_day(window: MainWindow) -> None:
    chart = window.health_panel.chart
    health = window.model.snapshot.health
    assert health is not None and chart.objectName() == "historyChart"
    assert len(chart.days) == 31 and chart.days == health.days
    day = max(chart.days, key=lambda d: d.total)
    x = chart._bars().left() + (chart.days.index(day) + 0.5) * chart._bars().width() / 31
    QTest.mouseClick(chart, Qt.MouseButton.LeftButton, pos=QPoint(round(x), 20))
    model = window.model
    assert chart.chosen == day.day and model.rowCount() == day.total
    shown_days = {model.record_at(r).started.astimezone(health.zone).date()  # type: ignore[union-attr]
                  for r in range(model.rowCount())}  # fmt: skip
    assert shown_days == {day.day}
    QTest.mouseClick(chart, Qt.MouseButton.LeftButton, pos=QPoint(round(x), 20))
    assert chart.chosen is None and model.rowCount() > day.total


def test_the_strip_draws_fast(window: MainWindow) -> None:
    chart = window.health_panel.chart
    chart.resize(900, 90)
    chart.grab()  # (the first paint loads fonts)
    started = datetime.now(UTC)
    image = chart.grab().toImage()
    assert not image.isNull() and (datetime.now(UTC) - started).total_seconds() < 1


def test_settings_change_the_window_and_are_remembered(
    loop: qasync.QEventLoop, app: BackupViewerApp, window: MainWindow, settings: QSettings
) -> None:
    dialog = HealthSettingsDialog(app.health.settings, window)
    assert dialog.window_days.value() == 30 and dialog.tolerance.value() == 15
    dialog.window_days.setValue(2)
    dialog.chosen.connect(app.health.change)
    dialog.accept()
    wait(loop, lambda: app.health.task is not None and app.health.task.done())
    health = window.model.snapshot.health
    assert health is not None and health.settings == HealthSettings(2 * 86_400_000)
    assert len(window.health_panel.chart.days) == 3 and window.model.missed_count == 0
    assert float(settings.value("health/windowDays")) == 2


def test_download_saves_the_zip_whole(
    loop: qasync.QEventLoop, window: MainWindow, tmp_path: Path
) -> None:
    tmp_path = tmp_path / "downloads"
    tmp_path.mkdir()
    model = window.model
    row = next(r for r in range(model.rowCount()) if model.status_at(r) is Status.SUCCEEDED)
    window.table.selectRow(row)
    assert window.action_download.isEnabled() and window.detail_pane.download_button.isVisible()
    record = model.record_at(row)
    target = tmp_path / f"{record.id}.zip"
    assert window.flow is not None
    window.flow.start(record.id, target)
    wait(loop, lambda: window.flow.progress is not None)  # type: ignore[union-attr]
    label = window.flow.progress.findChild(QLabel)  # type: ignore[union-attr]
    assert record.id in label.text() and str(target) in label.text()  # which, and where to
    wait(loop, lambda: target.exists() and window.flow.progress is None)  # type: ignore[union-attr]
    with zipfile.ZipFile(target) as archive:
        assert record.id.encode() in archive.read("backup.json")
    said = window.status.export_label
    assert said.isVisible() and f"Saved the backup as {target}" in said.text()
    assert "Open folder" in said.text()
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_a_cancelled_download_leaves_nothing(
    loop: qasync.QEventLoop, window: MainWindow, demo_server: DemoServer, tmp_path: Path
) -> None:
    tmp_path = tmp_path / "downloads"
    tmp_path.mkdir()
    model = window.model
    row = next(r for r in range(model.rowCount()) if model.status_at(r) is Status.SUCCEEDED)
    demo_server.misbehave(Misbehaviour.TRICKLE, path="log/download", delay=0.05)
    assert window.flow is not None
    window.flow.start(model.record_at(row).id, tmp_path / "slow.zip")
    wait(loop, lambda: window.flow.progress is not None)  # type: ignore[union-attr]
    progress = window.flow.progress
    assert progress is not None and progress.objectName() == "downloadProgress"
    wait(loop, lambda: any(tmp_path.iterdir()))  # the part file is being written
    progress.findChild(QPushButton).click()  # its Cancel button
    wait(loop, lambda: not window.downloads.busy)  # type: ignore[union-attr]
    assert list(tmp_path.iterdir()) == []
    assert window.statusBar().currentMessage() == "Download cancelled; nothing was saved."


def test_a_backup_the_server_does_not_have_is_said_in_words(
    loop: qasync.QEventLoop, window: MainWindow, tmp_path: Path
) -> None:
    tmp_path = tmp_path / "downloads"
    tmp_path.mkdir()
    assert window.flow is not None
    window.flow.start("Backup_2001.01.01-00.00.00.000+0800", tmp_path / "gone.zip")
    wait(loop, lambda: window.findChild(QMessageBox, "downloadFailed") is not None)
    box = window.findChild(QMessageBox, "downloadFailed")
    assert box is not None and "has no zip file for backup" in box.text()
    assert list(tmp_path.iterdir()) == []
    box.close()


def test_schedules_that_cannot_be_read_leave_the_panel_empty_with_a_sentence(
    loop: qasync.QEventLoop, app: BackupViewerApp, demo_server: DemoServer
) -> None:
    demo_server.misbehave(Misbehaviour.GARBAGE, path="api/query")
    sign_in(loop, app, demo_server)
    window = app.window
    assert window is not None
    wait(loop, lambda: app.model.snapshot.health is not None)
    view = window.health_panel.schedules
    assert "missed runs are not looked for" in view.placeholder
    assert window.model.total_count == demo_server.rows and window.model.missed_count == 0
    assert window.health_panel.schedule_model.rowCount() == 0
    health = window.model.snapshot.health
    assert health is not None and health.schedules  # (known from the backups: still judged)
    assert "schedules could not be read" in window.health_panel.summary.label.text()


def test_a_failure_beside_a_busy_day_is_never_a_sliver(qtbot: QtBot) -> None:
    busy = DayCounts(date(2026, 12, 1), 0, succeeded=500)
    failing = DayCounts(date(2026, 12, 2), 0, succeeded=30, failed=1, missed=1)
    parts = dict(segments(failing, most=500, height=64))
    assert parts["failed"] + parts["missed"] >= 64 * TROUBLE_SHARE - 0.01
    assert parts["failed"] >= 10 and parts["missed"] >= 10
    assert sum(parts.values()) <= 64 + 0.01
    alone = dict(segments(DayCounts(date(2026, 12, 3), 0, failed=40), most=500, height=64))
    assert alone["failed"] >= 64 * TROUBLE_SHARE
    assert dict(segments(busy, most=500, height=64)) == {"succeeded": 64}
    chart = HistoryChart()
    qtbot.addWidget(chart)
    chart.resize(600, 80)
    chart.set_days([busy, failing])
    chart.grab()  # (drawn without trouble)


def test_filters_chosen_in_the_panel_or_the_strip_show_as_chips_that_clear_them(
    window: MainWindow,
) -> None:
    panel, filters, model = window.health_panel, window.filters, window.model
    every = model.rowCount()
    schedules = panel.schedule_model
    panel.schedules.choose(schedules.schedule_at(0).item.id)
    assert filters.schedule_chip.isVisibleTo(filters)
    name = schedules.schedule_at(0).item.name
    assert name[:10] in filters.schedule_chip.text()
    shown = model.rowCount()
    assert 0 < shown < every
    counts = model.status_counts()
    assert counts[StatusFilter.ALL] == shown  # the Show list counts what the chip leaves
    assert filters.status.itemText(0).endswith(f"({shown:,})")
    busy = max(panel.chart.days, key=lambda day: day.total)
    panel.chart.choose(busy)
    assert filters.day_chip.isVisibleTo(filters)
    assert f"{busy.day:%Y-%m-%d}" in filters.day_chip.text()
    both = model.rowCount()
    assert model.status_counts()[StatusFilter.ALL] == both <= shown
    filters.schedule_chip.click()
    assert not filters.schedule_chip.isVisibleTo(filters) and panel.schedules.chosen is None
    assert model.rowCount() >= both
    filters.day_chip.click()
    assert not filters.day_chip.isVisibleTo(filters) and panel.chart.chosen is None
    assert model.rowCount() == every
    assert model.status_counts()[StatusFilter.ALL] == every

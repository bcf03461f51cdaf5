"""The main window over the demo server: table, sorting, filters, details, export, copy."""

from __future__ import annotations

from pathlib import Path

import pytest
import qasync
from guitools import fill_login, mnemonic_clashes, pause, records_shown, sign_in, wait, window_shown
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QFileDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStyleOptionViewItem,
)
from pytestqt.qtbot import QtBot
from tables import reference_text, table_of
from test_history_model import admits, sort_key

from backupviewer.app import BackupViewerApp
from backupviewer.core.columns import Column
from backupviewer.core.records import Status
from backupviewer.demo.server import DemoServer
from backupviewer.health.snapshot import unjudged
from backupviewer.history.csv_export import read_csv
from backupviewer.history.query import StatusFilter
from backupviewer.widgets.window.main_window import MainWindow


@pytest.fixture
def window(loop: qasync.QEventLoop, app: BackupViewerApp, demo_server: DemoServer) -> MainWindow:
    sign_in(loop, app, demo_server)
    assert app.window is not None
    return app.window


def shown_ids(window: MainWindow) -> list[str]:
    model = window.model
    return [model.record_at(row).id for row in range(model.rowCount())]


def test_names_tests_rely_on(window: MainWindow) -> None:
    for widget_name in ("logTable", "filterEdit", "statusFilter", "detailPane"):
        assert window.findChild(object, widget_name) is not None, widget_name
    for action in ("actionRefresh", "actionExportCsv", "actionCopy", "actionSignOut"):
        assert window.findChild(object, action) is not None, action
    shortcuts = [s.toString() for s in window.action_refresh.shortcuts()]
    assert {"F5", "Ctrl+R"} <= set(shortcuts)
    assert len(shortcuts) == len(set(shortcuts)), "a key twice is an ambiguous shortcut"
    assert window.action_export.shortcut().toString() == "Ctrl+E"


def test_default_columns_and_newest_first(window: MainWindow) -> None:
    assert window.visible_columns() == [
        Column.STATUS,
        Column.NAME,
        Column.STARTED,
        Column.DURATION,
        Column.MESSAGE,
    ]
    model = window.model
    assert model.sort_column == Column.STARTED
    started = [model.record_at(r).started for r in range(model.rowCount())]
    known = [s for s in started if s is not None]
    assert known == sorted(known, reverse=True)


def test_the_columns_fit_the_window_and_message_takes_the_rest(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.resize(1280, 760)
    window.show()
    qtbot.waitExposed(window)
    table = window.table
    header = table.horizontalHeader()
    qtbot.waitUntil(lambda: header.length() == table.viewport().width())
    assert table.horizontalScrollBar().maximum() == 0  # no sideways scrolling at first launch
    names = {window.model.record_at(r).name for r in range(window.model.rowCount())}
    widest = max(table.fontMetrics().horizontalAdvance(n) for n in names)
    assert header.sectionSize(Column.NAME) >= widest  # fitted to the longest name
    assert header.sectionSize(Column.MESSAGE) >= 200
    header.resizeSection(Column.NAME, 333)  # the user's width outlives the next rows
    window.model.beginResetModel()
    window.model.endResetModel()
    assert header.sectionSize(Column.NAME) == 333
    header.setSectionHidden(Column.ID, False)  # shown later: fits, cut in the middle
    header.resizeSection(Column.ID, 80)
    assert header.sectionSize(Column.MESSAGE) >= 200
    option = QStyleOptionViewItem()
    table.itemDelegateForColumn(Column.ID).initStyleOption(option, window.model.index(0, Column.ID))
    assert option.textElideMode == Qt.TextElideMode.ElideMiddle
    window.resize(700, 500)  # narrow: Message keeps a readable width, the rest scrolls
    qtbot.waitUntil(lambda: table.horizontalScrollBar().isVisible())
    assert header.sectionSize(Column.MESSAGE) == 200


def test_sorting_by_header_click_orders_every_column(window: MainWindow) -> None:
    header = window.table.horizontalHeader()
    model = window.model
    for column in Column:
        header.setSectionHidden(column, False)
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            window.table.sortByColumn(column, order)
            keys = [sort_key(model.record_at(r), column) for r in range(model.rowCount())]
            assert keys == sorted(keys, reverse=order == Qt.SortOrder.DescendingOrder)
    x = header.sectionViewportPosition(Column.DURATION) + 5
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert model.sort_column == Column.DURATION


def test_filter_box_and_status_filter_counts(
    loop: qasync.QEventLoop, window: MainWindow, demo_server: DemoServer
) -> None:
    model = window.model
    records = list(records_shown(model))
    backups = [r for r in records if r.status is not Status.MISSED]
    total, missed = len(backups), len(records) - len(backups)
    assert window.status.count_label.text() == f"{total} of {total} backups · {missed} missed run"
    window.action_find.trigger()
    assert window.filter_edit.hasFocus() or not window.isActiveWindow()
    QTest.keyClicks(window.filter_edit, "SPACE")
    expected = sum(any("space" in reference_text(r, c).casefold() for c in Column) for r in backups)
    assert 0 < expected < total
    assert model.rowCount() == expected
    assert window.status.count_label.text() == f"{expected} of {total} backups · 0 of 1 missed run"
    window.filter_edit.clear()
    assert model.rowCount() == len(records)
    health = model.snapshot.health
    assert health is not None
    slow = {
        model.snapshot.backups.ids[row] for row in (*health.slow, *health.stuck, *health.failing)
    }
    for index in range(window.status_filter.count()):
        window.status_filter.setCurrentIndex(index)
        choice = window.status_filter.currentData()
        assert model.rowCount() == sum(admits(choice, r, slow) for r in records)
    window.status_filter.setCurrentIndex(window.status_filter.findData(StatusFilter.FAILED))
    QTest.keyClicks(window.filter_edit, "zzzz-no-such-backup")
    assert model.rowCount() == 0
    assert "No backup matches" in window.table.placeholder
    QTest.keyClick(window.filter_edit, Qt.Key.Key_Escape)
    assert window.filter_edit.text() == ""


def test_needs_attention_is_offered_beside_the_statuses(window: MainWindow) -> None:
    combo = window.status_filter
    labels = [combo.itemText(i).rsplit(" (", 1)[0] for i in range(combo.count())]
    assert labels == [
        "All statuses",
        "Needs attention",
        "Failed",
        "Missed",
        "Running",
        "Succeeded",
        "Unknown",
    ]
    for index in range(combo.count()):  # each says how many rows choosing it shows
        combo.setCurrentIndex(index)
        assert combo.itemText(index).endswith(f" ({window.model.rowCount():,})")
    combo.setCurrentIndex(0)
    records = list(records_shown(window.model))
    health = window.model.snapshot.health
    assert health is not None and health.slow and health.missed
    marked = (*health.slow, *health.stuck, *health.failing)
    slow = {window.model.snapshot.backups.ids[row] for row in marked}
    combo.setCurrentIndex(combo.findData(StatusFilter.ATTENTION))
    shown = list(records_shown(window.model))
    assert shown == [r for r in records if admits(StatusFilter.ATTENTION, r, slow)]
    assert {Status.MISSED, Status.FAILED} <= {r.status for r in shown}
    # a failure already followed by a success of its schedule needs no action now
    every_failure = [r for r in records if r.status is Status.FAILED]
    assert 0 < sum(r.status is Status.FAILED for r in shown) < len(every_failure)
    # with nothing to attend to, the table says so in words
    fine = [r.raw for r in records if not admits(StatusFilter.ATTENTION, r, slow)]
    window.model.show(unjudged(table_of(fine)))
    assert window.model.rowCount() == 0
    assert window.table.placeholder.startswith("No backup needs attention.")


def test_selection_survives_filtering_and_sorting(window: MainWindow) -> None:
    model = window.model
    window.table.selectRow(10)
    chosen = model.record_at(10).id
    window.table.sortByColumn(Column.NAME, Qt.SortOrder.AscendingOrder)
    current = window.table.currentIndex()
    assert model.record_at(current.row()).id == chosen
    window.filter_edit.setText(chosen[-12:])
    assert model.record_at(window.table.currentIndex().row()).id == chosen
    assert window.selected_rows() == [window.table.currentIndex().row()]
    window.filter_edit.clear()
    assert model.record_at(window.table.currentIndex().row()).id == chosen
    assert window.detail_pane.record is not None and window.detail_pane.record.id == chosen


def test_tabbing_into_the_table_selects_the_first_row(window: MainWindow, qtbot: QtBot) -> None:
    table = window.table
    table.selectionModel().clear()
    assert not table.currentIndex().isValid()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.status_filter.setFocus()
    QTest.keyClick(window.status_filter, Qt.Key.Key_Tab)
    assert table.hasFocus()
    assert table.currentIndex().row() == 0
    assert window.selected_rows() == [0]
    assert window.detail_pane.record is window.model.record_at(0)


def test_the_selected_row_stays_in_sight_after_a_sort(window: MainWindow) -> None:
    table, model = window.table, window.model
    table.selectRow(0)
    chosen = model.record_at(0).id
    table.sortByColumn(Column.STARTED, Qt.SortOrder.AscendingOrder)
    row = table.currentIndex().row()
    assert model.record_at(row).id == chosen
    assert row > 100, "the row moved far down"
    rect = table.visualRect(model.index(row, Column.NAME))
    assert table.viewport().rect().contains(rect.center())


def test_double_click_and_enter_show_the_details(
    loop: qasync.QEventLoop, window: MainWindow
) -> None:
    model = window.model
    window.status_filter.setCurrentIndex(window.status_filter.findData(StatusFilter.FAILED))
    window.action_details.setChecked(False)
    assert not window.detail_pane.isVisible()
    table = window.table
    rect = table.visualRect(model.index(2, Column.NAME))
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QTest.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    record = model.record_at(2)
    assert window.detail_pane.isVisible()
    assert window.detail_pane.record is record
    text = window.detail_pane.text()
    assert record.id in text and "Failed" in text and "Reason" in text
    assert record.message.strip().splitlines()[0] in text or "gave none" in text
    assert "Raw JSON" in text
    window.action_details.setChecked(False)
    table.setFocus()
    table.setCurrentIndex(model.index(4, 0))
    QTest.keyClick(table, Qt.Key.Key_Return)
    assert window.detail_pane.isVisible() and window.detail_pane.record is model.record_at(4)
    # the pane follows the selection
    table.selectRow(6)
    assert window.detail_pane.record is model.record_at(6)


def test_details_show_the_schedule_content_and_times(window: MainWindow) -> None:
    model = window.model
    row = next(r for r in range(model.rowCount()) if model.record_at(r).schedule is not None)
    record = model.record_at(row)
    window.show_details_of(row)
    text = window.detail_pane.text()
    assert record.schedule is not None
    assert record.schedule.describe() in text
    assert "Next runs" in text and "UTC+08:00" in text
    for part in ("Content and settings", "Uploaded data files", "Application files"):
        if part in record.content_labels:
            assert part in text
    window.detail_pane.copy_button.click()
    assert record.id in QGuiApplication.clipboard().text()


def test_export_writes_exactly_the_rows_shown_in_view_order(
    window: MainWindow, tmp_path: Path
) -> None:
    model = window.model
    window.status_filter.setCurrentIndex(window.status_filter.findData(StatusFilter.SUCCEEDED))
    window.filter_edit.setText("content")
    window.table.sortByColumn(Column.DURATION, Qt.SortOrder.DescendingOrder)
    header = window.table.horizontalHeader()
    header.setSectionHidden(Column.SCHEDULE, True)
    header.setSectionHidden(Column.ID, False)
    header.moveSection(header.visualIndex(Column.ID), 0)
    target = tmp_path / "shown.csv"
    count = window.export_csv(target)
    assert count == model.rowCount() > 0
    rows = read_csv(target)
    assert [row["id"] for row in rows] == shown_ids(window)
    assert list(rows[0]) == [c.csv_name for c in window.visible_columns()]
    assert next(iter(rows[0])) == "id" and "schedule" not in rows[0]
    assert {row["status"] for row in rows} == {"succeeded"}
    said = window.status.export_label
    assert not said.isHidden() and str(target) in said.text() and "Open folder" in said.text()


def test_export_action_asks_for_a_file_then_exports(
    loop: qasync.QEventLoop, window: MainWindow, tmp_path: Path, settings: QSettings
) -> None:
    window.action_export.trigger()
    dialog = window.findChild(QFileDialog)
    assert dialog is not None and dialog.isVisible()
    target = tmp_path / "chosen.csv"
    dialog.selectNameFilter(dialog.nameFilters()[1])  # for Excel: with a BOM
    dialog.selectFile(str(target))
    dialog.accept()
    pause(loop, 0.05)
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    assert len(read_csv(target)) == window.model.rowCount()
    assert settings.value("export/folder") == str(tmp_path)


def test_export_failure_is_explained(
    loop: qasync.QEventLoop, window: MainWindow, tmp_path: Path
) -> None:
    assert window.export_csv(tmp_path / "missing" / "x.csv") is None
    box = window.findChild(QMessageBox)
    assert box is not None and box.isVisible()
    assert "could not be saved" in box.text()
    box.close()


def test_copy_puts_selected_rows_with_a_header_on_the_clipboard(window: MainWindow) -> None:
    table = window.table
    table.horizontalHeader().setSectionHidden(Column.ID, False)
    table.selectRow(1)
    table.selectionModel().select(
        window.model.index(3, 0),
        table.selectionModel().SelectionFlag.Select | table.selectionModel().SelectionFlag.Rows,
    )
    window.action_copy.trigger()
    lines = QGuiApplication.clipboard().text().splitlines()
    assert lines[0].split("\t") == [c.header for c in window.visible_columns()]
    assert len(lines) == 3
    id_at = window.visible_columns().index(Column.ID)
    assert lines[1].split("\t")[id_at] == window.model.record_at(1).id
    assert lines[2].split("\t")[id_at] == window.model.record_at(3).id


def test_ctrl_c_in_the_filter_box_copies_its_text(window: MainWindow) -> None:
    window.filter_edit.setText("nightly")
    window.filter_edit.setFocus()
    window.filter_edit.selectAll()
    QGuiApplication.clipboard().clear()
    QTest.keyClick(window.filter_edit, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() in ("nightly", "")


def test_failed_refresh_keeps_the_rows_and_says_why(
    loop: qasync.QEventLoop, window: MainWindow, demo_server: DemoServer
) -> None:
    from backupviewer.demo.server import LOG_QUERY, Misbehaviour

    before = shown_ids(window)
    demo_server.misbehave(Misbehaviour.PROXY_502, path=LOG_QUERY)
    window.action_refresh.trigger()
    wait(loop, lambda: window.banner.isVisible())
    assert shown_ids(window) == before
    assert "Refresh failed" in window.banner.message.text()
    assert "Traceback" not in window.banner.message.text()
    assert window.banner.retry_button.isVisible()
    window.banner.retry_button.click()
    wait(loop, lambda: not window.banner.isVisible() and not window.loader.busy)
    assert shown_ids(window) == before


def test_truncated_answer_keeps_the_rows(
    loop: qasync.QEventLoop, window: MainWindow, demo_server: DemoServer
) -> None:
    from backupviewer.demo.server import LOG_QUERY, Misbehaviour

    before = shown_ids(window)
    demo_server.misbehave(Misbehaviour.TRUNCATED, path=LOG_QUERY)
    window.action_refresh.trigger()
    wait(loop, lambda: window.banner.isVisible())
    assert shown_ids(window) == before


def test_session_expiry_brings_back_the_sign_in_and_then_refreshes(
    loop: qasync.QEventLoop, app: BackupViewerApp, fresh_demo_server: DemoServer
) -> None:
    sign_in(loop, app, fresh_demo_server)
    window = app.window
    assert window is not None
    before = window.model.total_count
    fresh_demo_server.expire_sessions()
    loaded_before = app.loader.last_loaded
    window.action_refresh.trigger()
    wait(loop, lambda: app.login.isVisible())
    login = app.login
    assert login.server_edit.text() == fresh_demo_server.url
    assert login.user_edit.text() == "admin"
    assert "session has ended" in login.error_label.text()
    assert window.isVisible() and window.model.total_count == before
    assert window.banner.isVisible()
    login.password_edit.setText("password")
    login.login_button.click()
    wait(loop, lambda: app.loader.last_loaded != loaded_before and not app.loader.busy)
    assert not login.isVisible() and not window.banner.isVisible()
    assert window.model.total_count == before


def test_cancelling_the_new_sign_in_keeps_the_window(
    loop: qasync.QEventLoop, app: BackupViewerApp, fresh_demo_server: DemoServer
) -> None:
    sign_in(loop, app, fresh_demo_server)
    window = app.window
    assert window is not None
    fresh_demo_server.expire_sessions(login_page=True)
    window.action_refresh.trigger()
    wait(loop, lambda: app.login.isVisible())
    app.login.cancel_button.click()
    assert window.isVisible() and window.banner.sign_in_button.isVisible()
    window.banner.sign_in_button.click()
    assert app.login.isVisible()


def test_auto_refresh_runs_while_a_backup_runs_and_stops_after(
    loop: qasync.QEventLoop, app: BackupViewerApp, demo_server: DemoServer
) -> None:
    from backupviewer.demo.server import LOG_QUERY

    demo_server.start_backup("Running now")
    sign_in(loop, app, demo_server)
    window = app.window
    assert window is not None
    assert app.watching.auto_refreshing and "running" in window.status.auto_label.text()
    running = [r for r in records_shown(window.model) if r.status is Status.RUNNING]
    assert [r.name for r in running] == ["Running now"]

    def queries() -> int:
        return sum(LOG_QUERY in seen.path for seen in demo_server.seen)

    count = queries()
    wait(loop, lambda: queries() >= count + 2)
    demo_server.finish_backup()
    wait(loop, lambda: not app.watching.auto_refreshing)
    assert window.model.snapshot.running == 0
    assert window.status.auto_label.text() == ""
    settled = queries()
    pause(loop, 1.0)
    assert queries() == settled


def test_sign_out_returns_to_the_sign_in(
    loop: qasync.QEventLoop, app: BackupViewerApp, demo_server: DemoServer
) -> None:
    sign_in(loop, app, demo_server)
    window = app.window
    assert window is not None
    window.action_sign_out.trigger()
    wait(loop, lambda: app.login.isVisible())
    assert not window.isVisible() and app.model.total_count == 0
    assert app.login.password_edit.text() == ""
    assert app.session.client is None


def test_view_settings_are_restored(
    loop: qasync.QEventLoop, app: BackupViewerApp, demo_server: DemoServer, settings: QSettings
) -> None:
    sign_in(loop, app, demo_server)
    window = app.window
    assert window is not None
    header = window.table.horizontalHeader()
    header.setSectionHidden(Column.CONTENT, True)
    header.setSectionHidden(Column.FOLDER, False)
    header.resizeSection(Column.NAME, 333)
    window.table.sortByColumn(Column.NAME, Qt.SortOrder.AscendingOrder)
    window.show_details_of(0)
    window.splitter.setSizes([700, 500])
    chosen = window.splitter.sizes()[1]
    window.action_details.setChecked(False)
    window.close()
    again = MainWindow(app.model, app.loader, settings)
    again_header = again.table.horizontalHeader()
    assert again_header.isSectionHidden(Column.CONTENT)
    assert not again_header.isSectionHidden(Column.FOLDER)
    assert again_header.sectionSize(Column.NAME) == 333
    assert again_header.sortIndicatorSection() == Column.NAME
    assert again_header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    assert not again.action_details.isChecked()
    assert again.splitter.pane_width == chosen
    again.deleteLater()


def test_a_hidden_message_column_stays_hidden(
    loop: qasync.QEventLoop, app: BackupViewerApp, demo_server: DemoServer, settings: QSettings
) -> None:
    sign_in(loop, app, demo_server)
    window = app.window
    assert window is not None
    window.table.horizontalHeader().setSectionHidden(Column.MESSAGE, True)
    window.close()
    again = MainWindow(app.model, app.loader, settings)
    assert Column.MESSAGE not in again.visible_columns()
    again.deleteLater()


def test_message_column_is_shown_once_for_a_layout_saved_by_an_older_version(
    loop: qasync.QEventLoop, app: BackupViewerApp, settings: QSettings
) -> None:
    older = MainWindow(app.model, app.loader, settings)
    header = older.table.horizontalHeader()
    header.setSectionHidden(Column.MESSAGE, True)  # the default of versions before
    header.setSectionHidden(Column.FOLDER, False)
    older.save_settings()
    settings.remove("mainWindow/headerLayout")  # older versions did not write it
    older.deleteLater()
    upgraded = MainWindow(app.model, app.loader, settings)
    assert Column.MESSAGE in upgraded.visible_columns()
    assert Column.FOLDER in upgraded.visible_columns(), "the rest of the layout is kept"
    upgraded.deleteLater()


def test_header_menu_shows_and_hides_columns(window: MainWindow) -> None:
    window.columns_menu.aboutToShow.emit()
    actions = {a.text(): a for a in window.columns_menu.actions() if a.isCheckable()}
    # (Server: only where all servers are one history, tests/gui/test_servers_history.py)
    assert set(actions) == {c.header for c in Column if c is not Column.SERVER}
    actions[Column.FOLDER.header].setChecked(True)
    assert Column.FOLDER in window.visible_columns()
    actions[Column.FOLDER.header].setChecked(False)
    assert Column.FOLDER not in window.visible_columns()


def test_about_names_the_versions(window: MainWindow) -> None:
    window.action_about.trigger()
    box = window.findChild(QMessageBox)
    assert box is not None
    assert "BackupViewer" in box.text() and "Qt" in box.informativeText()
    assert "Python" in box.informativeText()
    box.close()


def test_about_copies_the_version_info(window: MainWindow) -> None:
    import platform

    import PySide6
    from PySide6.QtCore import qVersion

    from backupviewer import __version__

    window.action_about.trigger()
    box = window.findChild(QMessageBox)
    assert box is not None
    button = box.findChild(QPushButton, "copyVersionButton")
    assert button is not None and button.text() == "Copy version info"
    QGuiApplication.clipboard().clear()
    button.click()
    copied = QGuiApplication.clipboard().text()
    for version in (__version__, qVersion(), PySide6.__version__, platform.python_version()):
        assert version in copied
    assert copied.startswith(f"BackupViewer {__version__}\n")
    assert "version" in window.statusBar().currentMessage()


def test_the_first_window_fits_on_the_screen(app: BackupViewerApp, settings: QSettings) -> None:
    window = MainWindow(app.model, app.loader, settings)
    available = window.screen().availableGeometry()
    assert 0 < window.width() <= available.width()
    assert 0 < window.height() <= available.height()
    window.deleteLater()


def test_export_and_copy_wait_for_rows(
    loop: qasync.QEventLoop, app: BackupViewerApp, demo_server: DemoServer
) -> None:
    from backupviewer.demo.server import LOG_QUERY, Misbehaviour

    demo_server.misbehave(Misbehaviour.SLOW, delay=1.0, path=LOG_QUERY)
    app.start()
    fill_login(app, demo_server.url, "admin", "password", "session")
    app.login.login_button.click()
    wait(loop, lambda: window_shown(app) and app.loader.busy)
    window = app.window
    assert window is not None and window.model.total_count == 0
    # the first load is running: no "0 of 0", no export or copy of nothing
    assert "0 of 0" not in window.status.count_label.text()
    assert window.status.busy_label.isVisible() and "Loading" in window.status.busy_label.text()
    assert not window.action_export.isEnabled() and not window.action_copy.isEnabled()
    assert window.health_panel.chart.placeholder == "Loading the backup history…"
    wait(loop, lambda: not app.loader.busy)
    assert window.status.count_label.text().startswith(
        f"{demo_server.rows} of {demo_server.rows} backups"
    )
    assert window.action_export.isEnabled() and window.action_copy.isEnabled()
    window.filter_edit.setText("zzzz-no-such-backup")
    assert not window.action_export.isEnabled() and not window.action_copy.isEnabled()
    window.filter_edit.clear()
    assert window.action_export.isEnabled() and window.action_copy.isEnabled()


def test_every_column_header_explains_itself(window: MainWindow) -> None:
    model = window.model
    tips = {c: model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
            for c in Column}  # fmt: skip
    assert all(tips.values()), [c.header for c, tip in tips.items() if not tip]
    assert tips[Column.DURATION] == "From start to end; empty while running"
    assert "why it failed" in tips[Column.MESSAGE]


def test_the_filter_box_says_what_it_is_for(window: MainWindow) -> None:
    placeholder = window.filter_edit.placeholderText()
    assert placeholder.startswith("Filter…") and "..." not in placeholder
    key = window.action_find.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    assert key in placeholder


def test_filter_edit_is_a_line_edit(window: MainWindow) -> None:
    assert isinstance(window.filter_edit, QLineEdit)


def test_an_empty_details_pane_gives_its_room_to_the_tables(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.resize(990, 700)
    window.show()
    qtbot.waitExposed(window)
    window.table.clearSelection()
    window.table.setCurrentIndex(window.model.index(-1, 0))
    qtbot.waitUntil(lambda: not window.detail_pane.isVisible())
    assert window.lists.width() > 900
    window.table.selectRow(3)
    qtbot.waitUntil(lambda: window.detail_pane.isVisible())
    assert window.detail_pane.width() >= 200 and window.detail_pane.record is not None
    window.action_details.trigger()  # F9: gone, though it has a backup
    assert not window.detail_pane.isVisible()
    window.action_details.trigger()
    assert window.detail_pane.isVisible() and window.detail_pane.width() >= 200


def test_no_two_entries_of_a_menu_share_a_key(window: MainWindow) -> None:
    assert mnemonic_clashes([window.menuBar()]) == []
    assert window.action_export.iconText() == "Export to CSV"  # the toolbar's form

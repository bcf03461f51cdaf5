"""Finding backups: from the filter box into the rows, periods, counts, sorting, the row menu,
the folder of an export, and the Help menu."""

from __future__ import annotations

import csv
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import qasync
from guitools import records_shown, sign_in
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMenu, QTextBrowser
from pytestqt.qtbot import QtBot

from backupviewer.app import BackupViewerApp
from backupviewer.core.columns import Column
from backupviewer.core.records import Status
from backupviewer.demo.server import DemoServer
from backupviewer.history.query import StatusFilter
from backupviewer.widgets.actions import pressable
from backupviewer.widgets.window.main_window import MainWindow


@pytest.fixture
def window(loop: qasync.QEventLoop, app: BackupViewerApp, demo_server: DemoServer) -> MainWindow:
    sign_in(loop, app, demo_server)
    assert app.window is not None
    app.window.resize(1200, 700)
    return app.window


def test_down_or_enter_in_the_filter_box_goes_to_the_rows_found(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.show()
    qtbot.waitExposed(window)
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Return):
        window.table.setCurrentIndex(window.model.index(-1, -1))
        window.filter_edit.setFocus()
        QTest.keyClicks(window.filter_edit, "failed")
        QTest.keyClick(window.filter_edit, key)
        qtbot.waitUntil(window.table.hasFocus)
        assert window.selected_rows() == [0]
        assert window.model.record_at(0).status is Status.FAILED
        window.filter_edit.clear()


def test_a_period_shows_the_backups_started_in_it_and_counts_follow(window: MainWindow) -> None:
    model = window.model
    period = window.filters.period
    newest = max(r.started for r in records_shown(model) if r.started is not None)
    all_count = model.rowCount()
    period.setCurrentIndex(period.findText("Last 7 days"))
    now = datetime.now().astimezone()
    shown = list(records_shown(model))
    assert 0 < len(shown) < all_count
    assert all(r.started is not None and r.started >= now - timedelta(days=7) for r in shown)
    assert newest in {r.started for r in shown}
    status = window.status_filter
    assert status.itemText(0) == f"All statuses ({len(shown):,})"
    failed = sum(r.status is Status.FAILED for r in shown)
    assert status.itemText(status.findData(StatusFilter.FAILED)) == f"Failed ({failed:,})"
    period.setCurrentIndex(period.findText("Any time"))
    assert model.rowCount() == all_count


def test_unknown_statuses_can_be_chosen(window: MainWindow) -> None:
    status = window.status_filter
    status.setCurrentIndex(status.findData(StatusFilter.UNKNOWN))
    assert all(r.status is Status.UNKNOWN for r in records_shown(window.model))
    assert window.model.rowCount() > 0 or "No unknown backups" in window.table.placeholder


def test_first_click_on_a_time_sorts_newest_first_and_the_view_goes_to_the_top(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.show()
    qtbot.waitExposed(window)
    table, header = window.table, window.table.horizontalHeader()
    table.sortByColumn(Column.NAME, Qt.SortOrder.AscendingOrder)
    table.scrollToBottom()
    for column in (Column.STARTED, Column.DURATION):
        x = header.sectionViewportPosition(column) + 5
        QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
        assert header.sortIndicatorSection() == column
        assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
        assert table.verticalScrollBar().value() == 0  # the newest, the longest, in sight
    # a selected row on screen stays on screen
    table.selectRow(5)
    table.sortByColumn(Column.NAME, Qt.SortOrder.AscendingOrder)
    current = table.visualRect(table.currentIndex())
    assert table.viewport().rect().intersects(current)


def test_the_row_menu_copies_ids_and_exports_the_selection(
    loop: qasync.QEventLoop, window: MainWindow, tmp_path: Path
) -> None:
    table = window.table
    table.selectRow(2)
    table.selectionModel().select(
        window.model.index(4, 0),
        table.selectionModel().SelectionFlag.Select | table.selectionModel().SelectionFlag.Rows,
    )
    menu = window.row_menu.popup(QPoint(10, 10))
    assert isinstance(menu, QMenu)
    words = [a.text().replace("&", "") for a in menu.actions() if a.text()]
    assert words[0] == "Show details"
    assert {"Copy rows", "Copy backup IDs", "Export the selected rows…"} <= set(words)
    menu.close()
    window.row_menu.copy_ids.trigger()
    ids = [window.model.record_at(2).id, window.model.record_at(4).id]
    assert QGuiApplication.clipboard().text() == "\n".join(ids)
    window.row_menu.export_selection.trigger()
    dialog = window.findChild(QFileDialog)
    assert dialog is not None and "selected" in dialog.windowTitle()
    target = tmp_path / "two.csv"
    dialog.fileSelected.emit(str(target))
    dialog.close()
    with target.open(encoding="utf-8", newline="") as stream:
        assert len(list(csv.DictReader(stream))) == 2
    assert "Exported 2 backups" in window.status.export_label.text()


def test_open_folder_after_an_export_opens_the_files_folder(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    target = tmp_path / "all.csv"
    assert window.export_csv(target)
    label = window.status.export_label
    link = label.text().split("href='")[1].split("'")[0]
    label.linkActivated.emit(link)
    assert [url.toLocalFile() for url in opened] == [str(tmp_path)]


def test_help_shows_the_guide_and_the_shortcuts(qtbot: QtBot, window: MainWindow) -> None:
    window.help_menu.action_guide.trigger()
    guide = window.findChild(QDialog, "guideDialog")
    assert guide is not None
    text = guide.findChild(QTextBrowser).toPlainText()
    assert "Using BackupViewer" in text and "Needs attention" in text
    guide.close()
    window.help_menu.action_shortcuts.trigger()
    shortcuts = window.findChild(QDialog, "shortcutsDialog")
    assert shortcuts is not None
    listed = shortcuts.findChild(QTextBrowser).toPlainText()
    for action in (window.action_refresh, window.action_export, window.action_details):
        assert action.shortcut().toString() in listed
    assert "Clear the filter" in listed
    shortcuts.close()
    QApplication.processEvents()


def test_the_shortcuts_list_only_keys_a_person_can_press(window: MainWindow) -> None:
    window.action_copy.setShortcuts(
        [QKeySequence("Ctrl+C"), QKeySequence("F16"), QKeySequence(Qt.Key.Key_Copy)]
    )  # (as on some desktops)
    window.action_quit.setShortcuts([QKeySequence("Ctrl+Q"), QKeySequence(Qt.Key.Key_Exit)])
    assert not pressable(QKeySequence("F16")) and pressable(QKeySequence("F12"))
    assert not pressable(QKeySequence(Qt.Key.Key_Refresh)) and pressable(QKeySequence("Ctrl+Ins"))
    window.help_menu.action_shortcuts.trigger()
    shortcuts = window.findChild(QDialog, "shortcutsDialog")
    assert shortcuts is not None
    listed = shortcuts.findChild(QTextBrowser).toPlainText()
    assert "Ctrl+C" in listed and "Ctrl+Q" in listed
    assert "F16" not in listed and " or Copy" not in listed and " or Exit" not in listed
    shortcuts.close()


def test_a_period_with_no_backups_says_how_to_see_them(window: MainWindow) -> None:
    window.model.set_since(2**62)  # a period in which nothing started
    assert window.model.rowCount() == 0
    assert window.table.placeholder == (
        "No backups started in this period. Choose “Any time” to see every backup."
    )

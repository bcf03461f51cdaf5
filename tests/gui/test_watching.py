"""Watching a running backup: refreshes leave the user where they were, and ask for little."""

from __future__ import annotations

import qasync
from guitools import sign_in, wait
from PySide6.QtGui import QTextCursor

from backupviewer.app import BackupViewerApp
from backupviewer.demo.server import DemoServer
from backupviewer.widgets.main_window import MainWindow


def refreshed(loop: qasync.QEventLoop, window: MainWindow) -> None:
    """Refresh now and wait until the rows (and their health) are in."""
    before = window.loader.last_loaded
    task = window.loader.refresh()
    assert task is not None
    wait(loop, lambda: task.done() and window.loader.last_loaded is not before)


def test_a_refresh_leaves_scroll_selection_and_details_as_they_were(
    loop: qasync.QEventLoop, app: BackupViewerApp, demo_server: DemoServer
) -> None:
    sign_in(loop, app, demo_server)
    window = app.window
    assert window is not None
    wait(loop, lambda: app.model.health is not None)
    window.resize(1200, 700)
    table = window.table
    table.selectRow(40)
    chosen = window.model.id_at(40)
    table.verticalScrollBar().setValue(30)
    top = window.model.id_at(table.rowAt(0))
    browser = window.detail_pane.browser
    browser.verticalScrollBar().setValue(browser.verticalScrollBar().maximum() // 2)
    cursor = browser.textCursor()
    cursor.setPosition(20)
    cursor.setPosition(60, QTextCursor.MoveMode.KeepAnchor)
    browser.setTextCursor(cursor)
    selected_text = browser.textCursor().selectedText()
    details_scroll = browser.verticalScrollBar().value()
    assert selected_text and details_scroll > 0

    demo_server.start_backup()  # a new backup above the rows seen: they must not move
    refreshed(loop, window)
    assert window.model.running_count == 1
    assert window.model.id_at(table.rowAt(0)) == top
    assert [window.model.id_at(r) for r in window.selected_rows()] == [chosen]
    assert window.model.id_at(table.currentIndex().row()) == chosen
    assert browser.textCursor().selectedText() == selected_text
    assert browser.verticalScrollBar().value() == details_scroll
    demo_server.finish_backup()

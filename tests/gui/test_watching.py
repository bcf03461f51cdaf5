"""Watching a running backup: refreshes leave the user where they were, and ask for little."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from urllib.parse import quote

import qasync
from guitools import pause, shown, sign_in, wait
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from backupviewer.app import BackupViewerApp
from backupviewer.core.columns import Column
from backupviewer.demo.server import LOG_QUERY, DemoServer
from backupviewer.history.query import StatusFilter
from backupviewer.widgets.window.main_window import MainWindow


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
    wait(loop, lambda: app.model.snapshot.health is not None)
    window.resize(1200, 700)
    table = window.table
    table.selectRow(40)
    chosen = window.model.key_at(40)
    table.verticalScrollBar().setValue(30)
    top = window.model.key_at(table.rowAt(0))
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
    assert window.model.snapshot.running == 1
    assert window.model.key_at(table.rowAt(0)) == top
    assert [window.model.key_at(r) for r in window.selected_rows()] == [chosen]
    assert window.model.key_at(table.currentIndex().row()) == chosen
    assert browser.textCursor().selectedText() == selected_text
    assert browser.verticalScrollBar().value() == details_scroll
    demo_server.finish_backup()


def history_requests(demo_server: DemoServer) -> list[bytes]:
    """The bodies of the history requests so far (``id=…`` asks for one backup)."""
    return [seen.body for seen in demo_server.seen if seen.path.endswith(LOG_QUERY)]


def test_a_running_backup_is_checked_by_its_own_row_less_often_until_it_ends(
    loop: qasync.QEventLoop, app: BackupViewerApp, demo_server: DemoServer
) -> None:
    running = demo_server.start_backup()
    sign_in(loop, app, demo_server)
    loader, watching = app.loader, app.watching
    wait(loop, lambda: watching.auto_refreshing and not loader.busy)
    assert app.window is not None
    assert app.window.status.auto_label.text().startswith("A backup is running")
    demo_server.seen.clear()
    pause(loop, 2.5)  # checks at 0.3, 0.9, 2.1 s: its own row each time, never the history
    bodies = history_requests(demo_server)
    assert 2 <= len(bodies) <= 4 and set(bodies) == {f"id={quote(running)}".encode()}
    assert watching.auto_refresh_seconds > 0.3  # backed off: nothing changed
    demo_server.finish_backup(failed=True)
    wait(loop, lambda: not watching.auto_refreshing and not loader.busy, 15)
    whole = [body for body in history_requests(demo_server) if not body.startswith(b"id=")]
    assert len(whole) == 1  # it ended: the whole history, once
    assert app.model.snapshot.running == 0
    assert app.model.record_at(app.model.row_of(running) or 0).status.value == "failed"


def test_a_stuck_backup_is_said_and_no_longer_checked(
    loop: qasync.QEventLoop, app: BackupViewerApp, demo_server: DemoServer
) -> None:
    long_ago = datetime.now(timezone(timedelta(hours=8))) - timedelta(hours=9)
    stuck = demo_server.start_backup(started=long_ago)
    sign_in(loop, app, demo_server)
    wait(loop, lambda: app.model.snapshot.health is not None and not app.loader.busy)
    model = app.model
    row = model.row_of(stuck)
    assert row is not None
    assert model.data(model.index(row, Column.DURATION)) == "9 h 00 min – stuck?"
    tip = shown(model.data(model.index(row, Column.STATUS), Qt.ItemDataRole.ToolTipRole))
    assert tip.startswith("Running for 9 h 00 min – stuck?")
    assert model.snapshot.watched_ids() == [] and not app.watching.auto_refreshing
    window = app.window
    assert window is not None
    window.status_filter.setCurrentIndex(window.status_filter.findData(StatusFilter.ATTENTION))
    assert stuck in {model.key_at(r) for r in range(model.rowCount())}
    demo_server.finish_backup()


def test_every_new_failure_is_told_once_and_comes_into_sight_at_the_top(
    loop: qasync.QEventLoop, app: BackupViewerApp, demo_server: DemoServer
) -> None:
    sign_in(loop, app, demo_server)
    window = app.window
    assert window is not None
    told: list[tuple[str, str]] = []
    window.notifier.noticed.connect(lambda text, key: told.append((text, key)))
    wait(loop, lambda: app.model.snapshot.health is not None)
    table = window.table
    table.selectRow(3)  # the view at the top, a row chosen: as a user leaves it
    chosen = window.model.key_at(3)
    refreshed(loop, window)
    assert told == []  # what was there at signing in is not news
    failing = demo_server.start_backup("夜间手动备份", failed=True)
    demo_server.finish_backup(failed=True)
    refreshed(loop, window)
    assert [key for _, key in told] == [failing]
    assert told[0][0].startswith("夜间手动备份 failed at ") and ": " in told[0][0]
    assert window.model.key_at(table.rowAt(0)) == failing  # in sight at the top
    assert [window.model.key_at(r) for r in window.selected_rows()] == [chosen]
    refreshed(loop, window)
    assert len(told) == 1  # told once
    again = demo_server.start_backup("夜间手动备份", failed=True)  # the same manual backup again
    demo_server.finish_backup(failed=True)
    refreshed(loop, window)
    assert [key for _, key in told] == [failing, again]
    table.verticalScrollBar().setValue(5)  # scrolled down: the rows seen stay
    top = window.model.key_at(table.rowAt(0))
    demo_server.start_backup("又一个手动备份")
    refreshed(loop, window)
    assert window.model.key_at(table.rowAt(0)) == top
    demo_server.finish_backup()
    window.status_filter.setCurrentIndex(window.status_filter.findData(StatusFilter.SUCCEEDED))
    window.notifier.show_row.emit(failing)
    assert window.model.key_at(window.table.currentIndex().row()) == failing
    assert window.model.status_filter is StatusFilter.ALL


def test_watching_in_the_background_is_remembered(
    loop: qasync.QEventLoop, app: BackupViewerApp, demo_server: DemoServer
) -> None:
    sign_in(loop, app, demo_server)
    window = app.window
    assert window is not None and window.action_watch.isChecked() and app.watching.background
    window.action_watch.setChecked(False)
    assert not app.watching.background
    assert str(app.settings.value("watch/background")).lower() == "false"


def test_when_nothing_runs_the_history_is_fetched_again_now_and_then(
    loop: qasync.QEventLoop, make_app: Callable[..., BackupViewerApp], demo_server: DemoServer
) -> None:
    app = make_app(background_ms=400)
    sign_in(loop, app, demo_server)
    first = app.loader.last_loaded
    wait(loop, lambda: app.loader.last_loaded is not first and not app.loader.busy, 10)
    window = app.window
    assert window is not None
    window.action_watch.setChecked(False)
    settled = app.loader.last_loaded
    pause(loop, 1.0)
    assert app.loader.last_loaded is settled

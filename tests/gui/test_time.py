"""Which clock a time is on: said in the headers and tooltips, switchable, remembered; the
status bar says how long ago the list was loaded."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone

import pytest
import qasync
from clock import AWKWARD, fixed
from guitools import shown, sign_in, wait
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication

from backupviewer.app import BackupViewerApp
from backupviewer.core.columns import Column
from backupviewer.core.schedule.trigger import offset_text
from backupviewer.demo.server import DemoServer, Misbehaviour
from backupviewer.qt.schedule_model import ScheduleColumn
from backupviewer.widgets.window.main_window import MainWindow


@pytest.fixture
def new_york(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This computer in New York (UTC-05:00 in winter): far from the demo's UTC+08:00."""
    monkeypatch.setenv("TZ", "EST5EDT,M3.2.0,M11.1.0")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def started_header(window: MainWindow, role: Qt.ItemDataRole) -> str:
    return window.model.headerData(Column.STARTED, Qt.Orientation.Horizontal, role)


DST_CHANGES = {name: at for name, at in AWKWARD.items() if "New York" in name}


@pytest.mark.parametrize("instant", DST_CHANGES.values(), ids=DST_CHANGES.keys())
def test_times_say_their_clock_and_switch_to_this_computers(
    new_york: None,
    loop: qasync.QEventLoop,
    make_app: Callable[..., BackupViewerApp],
    settings: QSettings,
    instant: datetime,
) -> None:
    demo_server = DemoServer(rows=300, seed=7, now=instant).start()
    app = make_app(clock=fixed(instant))
    try:
        sign_in(loop, app, demo_server)
        check_both_clocks(app, settings)
    finally:
        demo_server.stop()


def check_both_clocks(app: BackupViewerApp, settings: QSettings) -> None:
    window = app.window
    assert window is not None
    model = window.model
    record = model.record_at(0)
    assert record.started is not None and record.zone_known
    server_text = model.index(0, Column.STARTED).data()
    assert server_text == f"{record.started:%Y-%m-%d %H:%M:%S}"
    assert started_header(window, Qt.ItemDataRole.DisplayRole) == "Started (server time)"
    assert "server's clock (UTC+08:00)" in started_header(window, Qt.ItemDataRole.ToolTipRole)
    tip = shown(model.index(0, Column.STARTED).data(Qt.ItemDataRole.ToolTipRole))
    here = record.started.astimezone()
    offset = offset_text(timezone(here.utcoffset() or timedelta(0)))  # -05:00 or -04:00
    assert f"{server_text} on the server's clock (UTC+08:00)" in tip
    assert f"{here:%Y-%m-%d %H:%M:%S} on this computer's ({offset})" in tip
    assert "ago" in tip.splitlines()[0] or "In " in tip.splitlines()[0]

    health_line = window.health_panel.summary.label.text
    schedules = window.health_panel.schedule_model
    last_success = [
        schedules.index(row, ScheduleColumn.LAST_SUCCESS) for row in range(schedules.rowCount())
    ]
    assert "+08:00)" in health_line()
    assert any("+08:00" in (index.data() or "") for index in last_success)

    window.show_details_of(0)
    window.clock.local_action.trigger()
    assert "+08:00)" not in health_line() and f"{offset_of_newest(window)})" in health_line()
    succeeded = [index.data() for index in last_success if index.data()]
    assert succeeded and not any("+08:00" in text for text in succeeded)
    assert model.index(0, Column.STARTED).data() == f"{here:%Y-%m-%d %H:%M:%S}"
    assert started_header(window, Qt.ItemDataRole.DisplayRole) == "Started (your time)"
    now_here = offset_text(timezone(timedelta(seconds=time.localtime().tm_gmtoff)))
    assert f"this computer's clock ({now_here})" in started_header(
        window, Qt.ItemDataRole.ToolTipRole
    )
    assert f"Started\n{here:%Y-%m-%d %H:%M:%S}" in window.detail_pane.text()
    assert f"({offset})" in window.detail_pane.text()
    window.output.copy_rows([0])  # a copy is what the window shows
    assert f"{here:%Y-%m-%d %H:%M:%S}" in QGuiApplication.clipboard().text()
    window.close()  # the choice is remembered
    assert settings.value("view/clock") == "local"


def offset_of_newest(window: MainWindow) -> str:
    """This computer's offset at the newest successful backup's time ("-05:00")."""
    health = window.model.snapshot.health
    assert health is not None and health.newest_success is not None
    stamp, _ = window.model.snapshot.backups.moment(health.newest_success, Column.FINISHED)
    return offset_text(timezone(timedelta(seconds=time.localtime(stamp // 1000).tm_gmtoff)))[3:]


def test_the_clock_choice_comes_back(
    loop: qasync.QEventLoop,
    make_app: Callable[..., BackupViewerApp],
    demo_server: DemoServer,
    settings: QSettings,
) -> None:
    settings.setValue("view/clock", "local")
    app = make_app()
    sign_in(loop, app, demo_server)
    window = app.window
    assert window is not None
    assert window.clock.local and window.model.local_clock
    assert started_header(window, Qt.ItemDataRole.DisplayRole) == "Started (your time)"


def test_the_status_bar_says_how_long_ago_the_list_was_loaded(
    loop: qasync.QEventLoop, make_app: Callable[..., BackupViewerApp], demo_server: DemoServer
) -> None:
    now = [datetime.now().astimezone()]
    app = make_app(clock=lambda: now[0])
    sign_in(loop, app, demo_server)
    window = app.window
    assert window is not None
    label = window.status.refreshed_label
    wait(loop, lambda: label.text() == "Refreshed just now")
    assert "this computer's clock (UTC" in label.toolTip()
    now[0] += timedelta(hours=1, minutes=16)
    window.status._ticker.timeout.emit()  # (it ticks every 20 s)
    assert label.text() == "Refreshed 1 h 16 min ago"


def test_a_failed_refresh_never_reads_as_a_fresh_list(
    loop: qasync.QEventLoop, make_app: Callable[..., BackupViewerApp], demo_server: DemoServer
) -> None:
    now = [datetime.now().astimezone()]
    app = make_app(clock=lambda: now[0])
    sign_in(loop, app, demo_server)
    window = app.window
    assert window is not None
    label = window.status.refreshed_label
    now[0] += timedelta(minutes=5)
    demo_server.misbehave(Misbehaviour.PROXY_502, path="log/query")
    window.action_refresh.trigger()
    wait(loop, lambda: window.banner.isVisible() and not app.loader.busy)
    assert label.text() == "Refresh failed · list from 5 min ago"
    assert "The last refresh failed" in shown(label.toolTip())
    assert "(this computer's clock)" in window.banner.message.text()
    window.action_refresh.trigger()
    wait(loop, lambda: not window.banner.isVisible() and not app.loader.busy)
    assert label.text() == "Refreshed just now"

"""All servers as one history: a backups window over every server of a servers file, against
real servers on 127.0.0.1 – the demo's tenants, a wrong password, one that hangs."""

from __future__ import annotations

import dataclasses
import json
import zipfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import qasync
from clock import NOW, fixed
from guitools import run, sign_in, wait
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from servers_app import HANGING_SECONDS, opened, quits_of
from servers_toml import server_table, servers_file

from backupviewer.app import BackupViewerApp
from backupviewer.core.columns import Column
from backupviewer.core.records import Status
from backupviewer.demo.server import DemoServer
from backupviewer.history.csv_export import read_csv
from backupviewer.options import Options
from backupviewer.qt import language
from backupviewer.qt.fleet import Phase
from backupviewer.qt.schedule_model import SCHEDULE_ID_ROLE
from backupviewer.widgets.servers import servers_history
from backupviewer.widgets.servers.servers_history import ServersHistory

SHOWN = ("north", "south", "east")  # (west: a wrong password; hangs: never answers)


def history_of(app: BackupViewerApp, loop: qasync.QEventLoop) -> ServersHistory:
    assert app.all_servers is not None
    states = app.all_servers.fleet.states
    wait(loop, lambda: sum(s.phase is not Phase.LOADING for s in states) == 4)
    app.all_servers.window.action_history.trigger()
    history = app.all_servers.history
    assert history is not None
    wait(loop, lambda: history.window.isVisible() and history.model.total_count == 900)
    return history


def demo_tenants_read(
    make_app: Callable[..., BackupViewerApp], loop: qasync.QEventLoop
) -> BackupViewerApp:
    """The app on the demo's tenants (``--demo-tenants``), every one of them read."""
    app = make_app(Options(demo_tenants=True, demo_rows=200))
    app.start()
    wait(loop, lambda: app.all_servers is not None)
    assert app.all_servers is not None
    states = app.all_servers.fleet.states
    wait(loop, lambda: all(s.phase is Phase.JUDGED for s in states), 30)
    return app


def test_every_server_is_one_history_with_a_server_column_and_choice(
    make_app: Callable[..., BackupViewerApp], loop: qasync.QEventLoop, servers: str
) -> None:
    app = opened(make_app, loop, servers)
    history = history_of(app, loop)
    window, model = history.window, history.model
    assert window.visible_columns()[0] is Column.SERVER
    assert model.headerData(Column.SERVER, Qt.Orientation.Horizontal) == "Server"
    rows = [model.server_at(row) for row in range(model.rowCount())]
    assert Counter(rows) == {"north": 300, "south": 300, "east": 301}  # (east: a missed run)
    combo = window.filters.server
    assert combo.isVisible()
    assert [combo.itemText(n) for n in range(combo.count())] == ["All servers", *SHOWN]
    banner = window.banner.message.text()
    assert window.banner.isVisible() and "now.</b> west: Wrong user name or password" in banner
    assert "hangs: still loading" in banner
    # one server alone, as its own window shows it
    combo.setCurrentIndex(combo.findData("south"))
    assert model.rowCount() == 300 and {model.server_at(r) for r in range(300)} == {"south"}
    combo.setCurrentIndex(0)
    assert model.rowCount() == 901
    # the health line and the schedules add up every server's, each named with its server
    summary = window.health_panel.summary.label.text()
    assert "1 schedule in trouble (south · 工作日备份)" in summary
    assert "1 schedule to look at (east · 每日全量备份)" in summary
    assert "Every server's newest successful scheduled backup ended at most" in summary
    schedules = window.health_panel.schedule_model
    names = [schedules.index(r, 1).data() for r in range(schedules.rowCount())]
    states = app.all_servers.fleet.states  # type: ignore[union-attr]
    assert len(names) == sum(len(s.snapshot.schedules.items) for s in states if s.snapshot)
    assert names[0] == "south · 工作日备份"
    assert {name.split(" · ")[0] for name in names} == set(SHOWN)
    # a schedule chosen there shows its server's rows only (the same id is on every tenant)
    window.health_panel.schedules.choose(schedules.index(0, 0).data(SCHEDULE_ID_ROLE))
    assert {model.server_at(r) for r in range(model.rowCount())} == {"south"}
    assert "south · 工作日备份" in window.filters.schedule_chip.toolTip()
    window.show_details_of(0)  # (and its details say where it is)
    assert "IDs and users\nServer\nsouth\n" in window.detail_pane.browser.toPlainText()
    window.health_panel.clear_choices()
    # sorted by server, both ways
    window.table.sortByColumn(Column.SERVER, Qt.SortOrder.AscendingOrder)
    assert [model.server_at(r) for r in (0, model.rowCount() - 1)] == ["east", "south"]
    # the one that hangs is said when it gives up, and the others stay
    wait(
        loop, lambda: "hangs: No answer within" in window.banner.message.text(), HANGING_SECONDS + 5
    )
    assert model.total_count == 900 and model.rowCount() == 901


def test_a_rows_download_and_the_export_come_from_its_own_server(
    make_app: Callable[..., BackupViewerApp],
    loop: qasync.QEventLoop,
    servers: str,
    tenants: DemoServer,
    tmp_path: Path,
) -> None:
    app = opened(make_app, loop, servers)
    history = history_of(app, loop)
    window, model = history.window, history.model
    window.filters.server.setCurrentIndex(window.filters.server.findData("east"))
    row = next(r for r in range(model.rowCount()) if model.status_at(r) is Status.SUCCEEDED)
    window.table.selectRow(row)
    record = model.record_at(row)
    assert tenants._find(record.id, "missed") is not None  # (the demo's east tenant)
    target = tmp_path / "east.zip"
    assert window.downloads is not None
    task = window.downloads.start(record.id, target)
    assert task is not None
    run(loop, task)
    assert zipfile.is_zipfile(target), "downloaded from east, signed in with east's secret"
    # the rows shown, with their server first
    window.filters.server.setCurrentIndex(0)
    written = window.export_csv(tmp_path / "all.csv")
    rows = read_csv(tmp_path / "all.csv")
    assert written == 901 and next(iter(rows[0])) == "server"
    assert Counter(r["server"] for r in rows) == {"north": 300, "south": 300, "east": 301}


def test_closing_one_of_the_two_windows_leaves_the_other_running(
    make_app: Callable[..., BackupViewerApp], loop: qasync.QEventLoop, servers: str
) -> None:
    app = opened(make_app, loop, servers)
    history = history_of(app, loop)
    assert app.all_servers is not None
    quits = quits_of(app)
    app.all_servers.window.close()
    QTest.qWait(50)
    assert history.window.isVisible() and not quits
    history.window.action_all_servers.trigger()  # ("Servers…": back to the list)
    assert app.all_servers.window.isVisible()
    history.window.close()
    assert not quits, "the list is still open"
    app.all_servers.window.close()
    assert quits, "nothing left open: the app ends"


def test_the_demos_tenants_as_one_history_once_all_are_read(
    make_app: Callable[..., BackupViewerApp], loop: qasync.QEventLoop
) -> None:
    app = demo_tenants_read(make_app, loop)
    assert app.all_servers is not None
    states = app.all_servers.fleet.states
    app.all_servers.show_history()  # (nothing changes after: all is shown at once)
    history = app.all_servers.history
    assert history is not None
    schedules = history.window.health_panel.schedule_model
    wait(loop, lambda: schedules.rowCount() > 0)
    assert schedules.rowCount() == sum(
        len(s.snapshot.schedules.items) for s in states if s.snapshot
    )
    assert history.model.total_count == sum(s.snapshot.backup_count for s in states if s.snapshot)
    assert not history.window.banner.isVisible()
    assert history.window.filters.server.count() == 1 + len(states)


def test_with_no_server_read_it_claims_no_health(
    make_app: Callable[..., BackupViewerApp],
    loop: qasync.QEventLoop,
    tenants: DemoServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("WRONG_PASSWORD", "not the password")
    path = servers_file(tmp_path, server_table("west", tenants.url, variable="WRONG_PASSWORD"))
    app = opened(make_app, loop, path)
    assert app.all_servers is not None
    wait(loop, lambda: app.all_servers.fleet.states[0].phase is Phase.FAILED)  # type: ignore[union-attr]
    app.all_servers.show_history()
    history = app.all_servers.history
    assert history is not None
    window = history.window
    wait(loop, window.banner.isVisible)
    assert "west: Wrong user name or password" in window.banner.message.text()
    assert history.model.total_count == 0 and history.model.snapshot.health is None
    assert not window.health_panel.summary.isVisible(), "no health line for no server"
    assert not window.filters.server.isVisible()


def test_a_running_backup_is_watched_on_its_own_server_until_it_ends(
    make_app: Callable[..., BackupViewerApp],
    loop: qasync.QEventLoop,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DEMO_PASSWORD", "password")
    monkeypatch.setattr(servers_history, "RUNNING_MS", 300)
    with DemoServer(rows=50, seed=3, now=NOW) as quiet, DemoServer(rows=50, seed=4) as busy:
        busy.start_backup("夜间手动备份")
        path = servers_file(
            tmp_path, server_table("quiet", quiet.url), server_table("busy", busy.url)
        )
        app = opened(make_app, loop, path)
        assert app.all_servers is not None
        states = app.all_servers.fleet.states
        wait(loop, lambda: all(s.phase is Phase.JUDGED for s in states))
        quiet_snapshot = states[0].snapshot
        app.all_servers.show_history()
        history = app.all_servers.history
        assert history is not None
        model = history.model
        running = lambda: [  # noqa: E731
            model.server_at(r)
            for r in range(model.rowCount())
            if model.status_at(r) is Status.RUNNING
        ]
        wait(loop, lambda: running() == ["busy"])
        assert history.ticker.active, "its spinner turns"
        busy.finish_backup()
        wait(loop, lambda: running() == [])  # (no refresh asked: it was watched)
        assert not history.ticker.active
        assert states[0].snapshot is quiet_snapshot, "the quiet server is not read again for it"


def test_a_language_chosen_in_the_backups_window_speaks_in_both_servers_windows(
    make_app: Callable[..., BackupViewerApp],
    loop: qasync.QEventLoop,
    demo_server: DemoServer,
    settings: QSettings,
    keyring_backend: Any,
) -> None:
    settings.setValue("servers/list", json.dumps([{"name": "plant", "url": demo_server.url,
                                                   "user": "admin"}]))  # fmt: skip
    app = make_app(Options(), clock=fixed(NOW))
    app.start()
    sign_in(loop, app, demo_server)
    assert app.window is not None
    keyring_backend.set_password("BackupViewer", f"admin@{demo_server.url}", "password")
    app.window.action_all_servers.trigger()
    assert app.all_servers is not None
    servers = app.all_servers
    wait(loop, lambda: servers.fleet.states[0].phase is not Phase.LOADING)
    assert servers.fleet.states[0].phase is Phase.JUDGED, servers.fleet.states[0]
    servers.show_history()
    first = servers.history
    qt_app = QApplication.instance()
    assert first is not None and qt_app is not None
    try:
        entries = {a.objectName(): a for a in app.window.language.menu.actions()}
        entries["actionLanguage_zh_CN"].trigger()
        assert servers.window.windowTitle() == "所有服务器 – BackupViewer"
        title = servers.window.model.headerData(0, Qt.Orientation.Horizontal)
        assert title == "服务器"
        history = servers.history
        assert history is not None and history is not first and history.window.isVisible()
        assert history.window.windowTitle() == "所有服务器上的备份 – BackupViewer"
        wait(loop, lambda: history.model.total_count > 0)
        states = servers.window.model
        wait(loop, lambda: servers.fleet.states[0].phase is Phase.JUDGED)  # (read again)
        assert states.index(0, 1).data() == "出现失败"
    finally:
        language.install(language.ENGLISH, qt_app)


def test_other_health_settings_judge_every_server_again(
    make_app: Callable[..., BackupViewerApp], loop: qasync.QEventLoop
) -> None:
    app = demo_tenants_read(make_app, loop)
    assert app.all_servers is not None
    states = app.all_servers.fleet.states
    app.all_servers.show_history()
    history = app.all_servers.history
    assert history is not None
    wait(loop, lambda: history.model.snapshot.health is not None)
    assert history.window.action_health.isEnabled(), "Health check… there too"
    week = 7 * 86_400_000
    app.health.change(dataclasses.replace(app.health.settings, window_ms=week))
    judged = lambda: [s.snapshot.health.settings.window_ms for s in states  # noqa: E731
                      if s.snapshot and s.snapshot.health]  # fmt: skip
    wait(loop, lambda: judged() == [week] * len(states), 30)
    wait(loop, lambda: history.model.snapshot.health.settings.window_ms == week)  # type: ignore[union-attr]
    assert "In the last 7 days" in history.window.health_panel.summary.label.text()


def test_a_server_that_fails_later_keeps_its_rows_and_says_they_are_old(
    make_app: Callable[..., BackupViewerApp],
    loop: qasync.QEventLoop,
    fresh_demo_server: DemoServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DEMO_PASSWORD", "password")
    path = servers_file(tmp_path, server_table("plant", fresh_demo_server.url))
    app = opened(make_app, loop, path)
    assert app.all_servers is not None
    states = app.all_servers.fleet.states
    wait(loop, lambda: states[0].phase is Phase.JUDGED)
    app.all_servers.show_history()
    history = app.all_servers.history
    assert history is not None
    wait(loop, lambda: history.model.total_count == 50)
    assert not history.window.banner.isVisible()
    fresh_demo_server.stop()
    history.window.action_refresh.trigger()
    wait(loop, lambda: states[0].phase is Phase.FAILED, 30)
    banner = history.window.banner
    wait(loop, banner.isVisible)
    assert "plant: " in banner.message.text()
    assert "its rows are from the reading before" in banner.message.text()
    assert history.model.total_count == 50, "what was read stays, said to be old"

"""All servers in one window (``backupviewer --servers FILE``), against real servers on
127.0.0.1: the demo's tenants in their states of health, a wrong password, one that hangs."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import qasync
from clock import NOW, fixed
from guitools import wait
from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialogButtonBox, QMessageBox
from servers_app import HANGING_SECONDS, opened, quits_of, texts
from servers_toml import server_table, servers_file

from backupviewer.app import BackupViewerApp
from backupviewer.core.datafor.server_entry import ServerEntry
from backupviewer.demo.server import DemoServer
from backupviewer.history.csv_export import read_csv
from backupviewer.options import Options, parse_options
from backupviewer.qt import saved_servers
from backupviewer.qt.fleet import Phase
from backupviewer.qt.servers_model import ServerColumn


def test_every_server_is_read_on_its_own_and_shown_the_worst_first(
    make_app: Callable[..., BackupViewerApp], loop: qasync.QEventLoop, servers: str
) -> None:
    started = time.monotonic()
    app = opened(make_app, loop, servers)
    assert app.all_servers.fleet is not None and not app.login.isVisible()
    states = app.all_servers.fleet.states
    wait(loop, lambda: sum(s.phase is not Phase.LOADING for s in states) == 4)
    assert states[4].phase is Phase.LOADING, "the one that hangs delays no other"
    assert time.monotonic() - started < HANGING_SECONDS
    view = app.all_servers.window.findChild(QAbstractItemView, "serversView")  # type: ignore[union-attr]
    assert view is not None and view.model() is app.all_servers.window.model  # type: ignore[union-attr]
    assert texts(app, ServerColumn.SERVER) == ["south", "east", "west", "hangs", "north"]
    assert texts(app, ServerColumn.STATE) == [
        "Failing", "Needs a look", "Not judged", "Loading…", "Healthy"
    ]  # fmt: skip
    health = texts(app, ServerColumn.HEALTH)
    assert health[0].startswith("1 schedule in trouble (工作日备份).")
    assert health[1].startswith("1 schedule to look at (每日全量备份).")
    assert health[2] == (
        "Wrong user name or password. Check both and try again. Double-click to sign in."
    )
    assert health[4].startswith("17 active schedules on time, none failing.")
    assert texts(app, ServerColumn.MISSED)[:2] == ["0", "1"]
    assert texts(app, ServerColumn.NEWEST)[0].endswith(" ago")
    summary = app.all_servers.window.summary.text()  # type: ignore[union-attr]
    assert summary == "5 servers: 1 failing, 1 to look at, 1 not judged, 1 healthy, 1 loading"
    wait(loop, lambda: states[4].phase is Phase.FAILED, HANGING_SECONDS + 5)
    assert texts(app, ServerColumn.SERVER) == ["south", "east", "hangs", "west", "north"]
    assert texts(app, ServerColumn.HEALTH)[2] == f"No answer within {HANGING_SECONDS:g} s."


def activate(app: BackupViewerApp, name: str) -> None:
    window = app.all_servers.window
    assert window is not None
    row = texts(app, ServerColumn.SERVER).index(name)
    view = window.view
    rect = view.visualRect(window.model.index(row, ServerColumn.SERVER))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_a_double_click_opens_the_server_in_the_backups_window(
    make_app: Callable[..., BackupViewerApp],
    loop: qasync.QEventLoop,
    servers: str,
    keyring_backend: Any,
    tenants: DemoServer,
) -> None:
    keyring_backend.set_password("BackupViewer", f"admin@{tenants.url}", "kept before")
    app = opened(make_app, loop, servers)
    app.login.remember_check.setChecked(False)  # (as it is after a sign-in not remembered)
    assert app.all_servers.fleet is not None
    wait(loop, lambda: app.all_servers.fleet.states[1].phase is Phase.JUDGED)  # type: ignore[union-attr]
    activate(app, "south")
    wait(loop, lambda: app.window is not None and app.window.isVisible())
    wait(loop, lambda: app.model.snapshot.health is not None)
    request = app.session.request
    assert request is not None and request.tenant == "failing"
    assert app.model.total_count == 300 and not app.login.isVisible()
    kept = keyring_backend.get_password("BackupViewer", f"admin@{tenants.url}")
    assert kept == "kept before", "opening a server leaves the keyring as it is"
    quits = quits_of(app)
    app.window.close()  # type: ignore[union-attr]
    assert not quits, "back to all servers, still running"
    assert app.all_servers.window is not None and app.all_servers.window.isVisible()


def test_a_server_that_refused_its_password_opens_the_sign_in_filled_in(
    make_app: Callable[..., BackupViewerApp], loop: qasync.QEventLoop, servers: str
) -> None:
    app = opened(make_app, loop, servers)
    assert app.all_servers.fleet is not None
    wait(loop, lambda: app.all_servers.fleet.states[3].phase is Phase.FAILED)  # type: ignore[union-attr]
    activate(app, "west")
    wait(loop, app.login.isVisible)
    assert app.all_servers.window.action_open.text() == "Sign in…"  # type: ignore[union-attr]
    request = app.login.request()
    assert (request.user, request.secret) == ("admin", "")
    assert request.server == app.all_servers.fleet.states[3].entry.url
    assert app.window is None or not app.window.isVisible()
    app.login.password_edit.setText("password")
    app.login.login_button.click()
    wait(loop, lambda: app.all_servers.fleet.states[3].phase is Phase.JUDGED)  # type: ignore[union-attr]
    assert texts(app, ServerColumn.STATE)[texts(app, ServerColumn.SERVER).index("west")] == (
        "Failing"
    ), "the row is read again with the password the user gave"


def test_a_servers_file_that_cannot_be_used_is_said_and_the_sign_in_opens(
    make_app: Callable[..., BackupViewerApp], loop: qasync.QEventLoop, tmp_path: Path
) -> None:
    path = tmp_path / "servers.toml"
    path.write_text('[[server]]\nurl = "h"\nuser = "a"\npassword = "x"\n', encoding="utf-8")
    path.chmod(0o600)
    app = make_app(Options(servers=str(path)))
    app.start()
    wait(loop, app.login.isVisible)
    box = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "serversFileError")
    assert isinstance(box, QMessageBox) and box.textFormat() is Qt.TextFormat.PlainText
    assert box.text().startswith(f"{path}:4: password: a secret is never kept in this file")
    assert "x" not in box.text().split(":", 3)[-1].split(";")[0]
    box.close()
    assert app.all_servers is None


def test_the_servers_file_is_an_option() -> None:
    assert parse_options(["--servers", "all.toml"]).servers == "all.toml"


def test_a_row_keeps_its_place_in_the_view_as_states_change(
    make_app: Callable[..., BackupViewerApp], loop: qasync.QEventLoop, servers: str
) -> None:
    """A selected server stays selected when the rows are sorted again."""
    app = opened(make_app, loop, servers)
    window = app.all_servers.window
    assert window is not None and app.all_servers.fleet is not None
    states = app.all_servers.fleet.states
    wait(loop, lambda: sum(s.phase is not Phase.LOADING for s in states) == 4)
    assert window.view.currentIndex().row() == 0, "the worst is selected at first"
    rect = window.view.visualRect(window.model.index(2, 0))
    QTest.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.view.currentIndex().data() == "west"
    wait(loop, lambda: states[4].phase is Phase.FAILED, HANGING_SECONDS + 5)
    current: QModelIndex = window.view.currentIndex()
    assert (current.row(), current.data()) == (3, "west"), "hangs came before it"


def test_the_demos_tenants_side_by_side(
    make_app: Callable[..., BackupViewerApp], loop: qasync.QEventLoop
) -> None:
    app = make_app(Options(demo_tenants=True, demo_rows=200))
    app.start()
    wait(loop, lambda: app.all_servers.fleet is not None)
    assert app.all_servers.fleet is not None and not app.login.isVisible()
    states = app.all_servers.fleet.states
    wait(loop, lambda: all(s.phase is Phase.JUDGED for s in states), 30)
    assert sorted(texts(app, ServerColumn.SERVER)) == [
        "demo", "demo failing", "demo healthy", "demo missed"
    ]  # fmt: skip
    row = texts(app, ServerColumn.SERVER).index("demo failing")
    assert texts(app, ServerColumn.STATE)[row] == "Failing"
    assert parse_options(["--demo-tenants"]).demo_tenants


def test_a_new_failure_is_told_with_the_name_of_its_server(
    make_app: Callable[..., BackupViewerApp],
    loop: qasync.QEventLoop,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DEMO_PASSWORD", "password")
    with DemoServer(rows=100, seed=3, now=NOW) as server:
        app = opened(make_app, loop, servers_file(tmp_path, server_table("plant", server.url)))
        assert app.all_servers.fleet is not None and app.all_servers.window is not None
        status = app.all_servers.window.statusBar()
        wait(loop, lambda: app.all_servers.fleet.states[0].phase is Phase.JUDGED)  # type: ignore[union-attr]
        assert status.currentMessage() == "", "what the first reading shows is not news"
        app.all_servers.show_history()  # (all as one history: told there too, once)
        history = app.all_servers.history
        assert history is not None
        wait(loop, lambda: history.model.total_count == 100)
        server.start_backup("夜间手动备份", started=NOW - timedelta(minutes=5))
        server.finish_backup(failed=True)
        app.all_servers.fleet.refresh()
        wait(loop, lambda: status.currentMessage() != "")
        wait(loop, lambda: history.model.total_count == 101)
    told = (
        f"plant: 夜间手动备份 failed at {(NOW - timedelta(minutes=5)):%Y-%m-%d %H:%M}: "
        "No space left on device"
    )
    assert status.currentMessage() == told
    assert history.window.statusBar().currentMessage() == told


def test_the_servers_the_sign_in_remembered_become_the_list_kept(settings: QSettings) -> None:
    settings.setValue("login/servers", json.dumps(["http://a:28080/datafor", "b.example.com"]))
    settings.setValue("login/usersByServer", json.dumps({"http://a:28080/datafor": "ops"}))
    settings.setValue("login/server", "b.example.com")
    settings.setValue("login/method", "session")
    settings.setValue("login/tenant", "north")
    entries = saved_servers.load(settings)
    assert [(e.name, e.url, e.user, e.tenant) for e in entries] == [
        ("a", "http://a:28080/datafor", "ops", None),
        ("b.example.com/north", "b.example.com", "", "north"),
    ]
    saved_servers.save(settings, entries[1:])
    assert saved_servers.load(settings) == entries[1:], "once saved, the list is the list"
    settings.setValue("servers/list", "not json")
    assert saved_servers.load(settings) == []


def test_servers_kept_in_the_app_are_added_changed_moved_removed_and_open_again(
    make_app: Callable[..., BackupViewerApp],
    loop: qasync.QEventLoop,
    tenants: DemoServer,
    settings: QSettings,
    keyring_backend: Any,
) -> None:
    app = make_app(Options(), clock=fixed(NOW))
    app.start()
    wait(loop, app.login.isVisible)
    app._open_saved_servers()  # (as View ▸ All servers… does)
    servers = app.all_servers
    assert servers is not None and servers.window.editing is not None
    editing = servers.window.editing
    assert servers.fleet.states == []
    for name, tenant in (("north", "healthy"), ("south", "failing")):
        editing.action_add.trigger()
        dialog = editing.dialog
        assert dialog is not None and dialog.isVisible()
        dialog.name_edit.setText(name)
        dialog.url_edit.setText(tenants.url)
        dialog.tenant_edit.setText(tenant)
        dialog.user_edit.setText("admin")
        dialog.password_edit.setText("password")
        dialog.remember_check.setChecked(True)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    states = servers.fleet.states
    wait(loop, lambda: all(s.phase is Phase.JUDGED for s in states))
    assert texts(app, ServerColumn.SERVER) == ["south", "north"]
    for tenant in ("healthy", "failing"):  # (a password for each tenant)
        account = f"admin@{tenants.url} ({tenant})"
        assert keyring_backend.get_password("BackupViewer", account) == "password"
    assert [e.name for e in saved_servers.load(settings)] == ["north", "south"]
    # the same name twice is refused in the dialog
    editing.action_add.trigger()
    editing.dialog.name_edit.setText("North")  # type: ignore[union-attr]
    editing.dialog.url_edit.setText(tenants.url)  # type: ignore[union-attr]
    editing.dialog.user_edit.setText("admin")  # type: ignore[union-attr]
    editing.dialog._on_buttons_accepted()  # type: ignore[union-attr]
    assert editing.dialog.error.text() == "Another server is called North."  # type: ignore[union-attr]
    editing.dialog.name_edit.setText("elsewhere")  # type: ignore[union-attr]
    editing.dialog.url_edit.setText("http://admin:hunter2@bi.example.com")  # type: ignore[union-attr]
    editing.dialog._on_buttons_accepted()  # type: ignore[union-attr]
    assert editing.dialog.error.text().startswith("Leave the user name and password out")  # type: ignore[union-attr]
    editing.dialog.reject()  # type: ignore[union-attr]
    # move "south" (selected: the worst) up in the list kept, then remove it
    view = servers.window.view
    view.setCurrentIndex(servers.window.model.index(0, 0))
    editing.action_up.trigger()
    assert [e.name for e in saved_servers.load(settings)] == ["south", "north"]
    editing.action_remove.trigger()
    assert [e.name for e in saved_servers.load(settings)] == ["north"]
    assert texts(app, ServerColumn.SERVER) == ["north"]
    assert servers.window.summary.text() == "1 server: 1 healthy"
    assert str(settings.value("servers/open")).lower() == "true"
    # open when the app starts again, the password from the keyring
    again = make_app(Options(), clock=fixed(NOW))
    again.start()
    assert again.all_servers is not None and not again.login.isVisible()
    wait(loop, lambda: again.all_servers.fleet.states[0].phase is Phase.JUDGED)  # type: ignore[union-attr]
    again.all_servers.window.close()  # type: ignore[union-attr]
    assert str(settings.value("servers/open")).lower() == "false"


def test_every_server_read_is_exported_in_one_csv_with_its_name_first(
    make_app: Callable[..., BackupViewerApp],
    loop: qasync.QEventLoop,
    servers: str,
    tmp_path: Path,
) -> None:
    app = opened(make_app, loop, servers)
    assert app.all_servers is not None
    states = app.all_servers.fleet.states
    wait(loop, lambda: sum(s.phase is not Phase.LOADING for s in states) == 4)
    window = app.all_servers.window
    out = tmp_path / "all.csv"
    rows = window.export.export_to(str(out))
    written = read_csv(out)
    assert len(written) == rows and list(written[0])[:2] == ["server", "id"]
    assert [row["server"] for row in written].count("north") == 300
    assert {row["server"] for row in written} == {"north", "south", "east"}
    assert [row["status"] for row in written if row["server"] == "east"].count("missed") == 1
    said = window.statusBar().currentMessage()
    assert said.startswith(f"Exported {rows:,} rows of 3 servers to {out}")
    assert said.endswith("(2 not read yet or not readable: west, hangs)")
    assert window.action_export.shortcut().toString() == "Ctrl+E"


def test_a_kept_server_without_a_password_in_the_keyring_asks_to_sign_in(
    make_app: Callable[..., BackupViewerApp],
    loop: qasync.QEventLoop,
    tenants: DemoServer,
    settings: QSettings,
) -> None:
    saved_servers.save(settings, [ServerEntry("north", tenants.url, "admin", tenant="healthy")])
    settings.setValue(saved_servers.OPEN_KEY, True)
    app = make_app(Options(), clock=fixed(NOW))
    app.start()
    assert app.all_servers is not None and not app.login.isVisible()
    states = app.all_servers.fleet.states
    wait(loop, lambda: states[0].phase is Phase.FAILED)
    assert texts(app, ServerColumn.HEALTH) == [
        "No password for admin in the system keyring. Double-click to sign in."
    ]


def test_the_sign_in_dialog_opens_the_servers_kept(
    make_app: Callable[..., BackupViewerApp],
    loop: qasync.QEventLoop,
    settings: QSettings,
    tenants: DemoServer,
    keyring_backend: Any,
) -> None:
    settings.setValue("login/servers", json.dumps([tenants.url]))
    settings.setValue("login/usersByServer", json.dumps({tenants.url: "admin"}))
    keyring_backend.set_password("BackupViewer", f"admin@{tenants.url}", "password")
    app = make_app(Options(), clock=fixed(NOW))
    app.start()
    wait(loop, app.login.isVisible)
    app.login.servers_button.click()
    wait(loop, lambda: app.all_servers is not None and app.all_servers.window.isVisible())
    assert not app.login.isVisible()
    assert app.all_servers is not None
    wait(loop, lambda: app.all_servers.fleet.states[0].phase is Phase.JUDGED)  # type: ignore[union-attr]
    assert texts(app, ServerColumn.SERVER) == [saved_servers.load(settings)[0].name]
    assert texts(app, ServerColumn.STATE) != ["Not judged"], "read with the keyring's password"
    quits = quits_of(app)
    app.all_servers.window.close()
    assert quits, "nothing left open: the app ends"


def test_in_the_demo_all_servers_are_the_demos_tenants(
    make_app: Callable[..., BackupViewerApp], loop: qasync.QEventLoop, settings: QSettings
) -> None:
    settings.setValue("login/servers", json.dumps(["http://kept.example:28080/datafor"]))
    app = make_app(Options(demo=True, demo_rows=200))
    app.start()
    wait(loop, app.login.isVisible)
    app.login.servers_button.click()  # (View ▸ All servers… once signed in: the same)
    wait(loop, lambda: app.all_servers is not None and app.all_servers.window.isVisible())
    assert sorted(texts(app, ServerColumn.SERVER)) == [
        "demo", "demo failing", "demo healthy", "demo missed"
    ]  # fmt: skip

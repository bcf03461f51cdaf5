"""Signing in against the demo server: each method, errors inline, captcha, cancel, remembering."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
import qasync
from guitools import MemoryKeyring, fill_login, pause, run, sign_in, wait, window_shown
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from backupviewer.app import BackupViewerApp
from backupviewer.demo import accounts
from backupviewer.demo.server import LOGIN, DemoServer, Misbehaviour
from backupviewer.options import Options
from backupviewer.server.secrets import SERVICE, PasswordStore
from backupviewer.widgets.sign_in import login_choices
from backupviewer.widgets.sign_in.login_dialog import LoginDialog


@pytest.mark.parametrize(
    ("method", "user", "secret"),
    [
        ("session", "admin", "password"),
        ("basic", "admin", "password"),
        ("token", "", accounts.ADMIN_TOKEN),
    ],
)
def test_each_sign_in_method_fills_the_table(
    loop: qasync.QEventLoop,
    app: BackupViewerApp,
    demo_server: DemoServer,
    method: str,
    user: str,
    secret: str,
) -> None:
    sign_in(loop, app, demo_server, user=user, secret=secret, method=method)
    window = app.window
    assert window is not None and window.objectName() == "mainWindow"
    assert not app.login.isVisible()
    assert app.model.total_count == demo_server.rows
    assert window.model.shown_count == demo_server.rows  # (and the missed runs after them)
    assert (
        window.status.count_label.text()
        == f"{demo_server.rows} of {demo_server.rows} backups · 1 missed run"
    )
    assert accounts.ADMIN.name in window.status.user_label.text()
    assert demo_server.url in window.status.user_label.text()
    assert window.status.refreshed_label.text().startswith("Refreshed ")


def test_wrong_password_is_shown_inline(
    loop: qasync.QEventLoop, app: BackupViewerApp, demo_server: DemoServer
) -> None:
    app.start()
    fill_login(app, demo_server.url, "admin", "wrong", "session")
    app.login.login_button.click()
    error = app.login.findChild(type(app.login.error_label), "loginError")
    wait(loop, lambda: error.isVisible() and error.text())
    assert "Wrong user name or password" in error.text()
    assert app.login.isVisible() and not window_shown(app)
    assert app.login.login_button.isEnabled()
    assert app.login.password_edit.hasFocus() or not app.login.isActiveWindow()


def test_enter_after_a_failure_signs_in_and_never_cancels(
    loop: qasync.QEventLoop, app: BackupViewerApp, demo_server: DemoServer
) -> None:
    app.start()
    fill_login(app, demo_server.url, "admin", "wrong", "session")
    app.login.login_button.click()
    wait(loop, lambda: app.login.error_label.isVisible() and app.login.login_button.isEnabled())
    for edit in (app.login.user_edit, app.login.tenant_edit, app.login.password_edit):
        edit.setFocus()
        assert app.login.login_button.isDefault() and not app.login.cancel_button.isDefault()
    app.login.password_edit.setText(accounts.ADMIN.password)
    QTest.keyClick(app.login.password_edit, Qt.Key.Key_Return)
    wait(loop, lambda: window_shown(app) and app.model.total_count == demo_server.rows)


def test_a_non_administrator_is_told_why_there_is_nothing_to_see(
    loop: qasync.QEventLoop, app: BackupViewerApp, demo_server: DemoServer
) -> None:
    app.start()
    fill_login(app, demo_server.url, accounts.VIEWER.user, accounts.VIEWER.password, "session")
    app.login.login_button.click()
    wait(loop, lambda: window_shown(app) and app.window.banner.isVisible())
    assert "administrator" in app.window.banner.message.text().lower()
    assert app.model.total_count == 0
    assert "could not be loaded" in app.window.table.placeholder
    # Trying again cannot help; signing in as someone else can.
    assert not app.window.banner.retry_button.isVisible()
    assert app.window.banner.sign_in_button.isVisible()
    assert app.window.banner.sign_in_button.text() == "Sign in as another user…"
    assert not app.watching.auto_refreshing


def test_unreachable_server_is_explained(loop: qasync.QEventLoop, app: BackupViewerApp) -> None:
    app.start()
    fill_login(app, "http://127.0.0.1:9/datafor", "admin", "password", "session")
    app.login.login_button.click()
    wait(loop, lambda: app.login.error_label.isVisible())
    text = app.login.error_label.text()
    assert text and "Traceback" not in text


def test_missing_fields_are_asked_for_without_a_request(
    loop: qasync.QEventLoop, app: BackupViewerApp, demo_server: DemoServer
) -> None:
    app.start()
    fill_login(app, demo_server.url, "admin", "", "session")
    app.login.login_button.click()
    assert app.login.error_label.text() == "Enter your password."
    assert not app.session.busy
    fill_login(app, "", "admin", "x", "session")
    app.login.login_button.click()
    assert "server's address" in app.login.error_label.text()
    app.login.method_combo.setCurrentIndex(app.login.method_combo.findData("token"))
    fill_login(app, demo_server.url, "", "", "token")
    app.login.login_button.click()
    assert app.login.error_label.text() == "Enter the token."


def test_captcha_flow(
    loop: qasync.QEventLoop, app: BackupViewerApp, demo_server: DemoServer
) -> None:
    app.start()
    login = app.login
    for _ in range(accounts.CAPTCHA_AFTER + 1):
        fill_login(app, demo_server.url, "admin", "wrong", "session")
        login.login_button.click()
        wait(loop, lambda: not app.session.busy and login.error_label.isVisible())
        if login.captcha_edit.isVisible():
            break
    assert login.captcha_edit.isVisible()
    assert not login.captcha_image.pixmap().isNull()
    # a new picture can be asked for, and the code of the last one is what counts
    login.captcha_refresh.click()
    pause(loop, 0.3)
    code = demo_server.captcha_code_for_last_session()
    assert code
    login.password_edit.setText("password")
    login.captcha_edit.setText("nope")
    login.login_button.click()
    wait(loop, lambda: not app.session.busy and login.captcha_edit.isVisible())
    assert not window_shown(app)
    code = demo_server.captcha_code_for_last_session()
    login.password_edit.setText("password")
    login.captcha_edit.setText(code or "")
    login.login_button.click()
    wait(loop, lambda: window_shown(app) and app.loader.last_loaded is not None)


def test_cancel_really_cancels_the_request(
    loop: qasync.QEventLoop, app: BackupViewerApp, demo_server: DemoServer
) -> None:
    demo_server.misbehave(Misbehaviour.SLOW, delay=5, path=LOGIN)
    app.start()
    login = app.login
    fill_login(app, demo_server.url, "admin", "password", "session")
    login.login_button.click()
    wait(loop, lambda: any(seen.path.endswith(LOGIN) for seen in demo_server.seen))
    assert login.progress.isVisible()
    assert not login.login_button.isEnabled() and not login.server_edit.isEnabled()
    started = time.monotonic()
    login.cancel_button.click()
    wait(loop, lambda: not app.session.busy)
    assert time.monotonic() - started < 1
    assert login.isVisible() and not login.progress.isVisible()
    assert not login.error_label.isVisible()
    assert login.login_button.isEnabled() and not window_shown(app)
    # the dialog is usable again at once
    login.login_button.click()
    wait(loop, lambda: window_shown(app) and app.loader.last_loaded is not None)


def test_closing_the_first_dialog_quits(
    loop: qasync.QEventLoop, app: BackupViewerApp, demo_server: DemoServer
) -> None:
    quit_event_seen: list[bool] = []
    app.start()
    app.request_quit = lambda: quit_event_seen.append(True)  # type: ignore[method-assign]
    app.login.cancel_button.click()
    assert quit_event_seen == [True]


def test_server_and_user_are_remembered_but_never_the_password(
    loop: qasync.QEventLoop,
    app: BackupViewerApp,
    demo_server: DemoServer,
    settings: QSettings,
    tmp_path: Path,
) -> None:
    sign_in(loop, app, demo_server, user="admin", secret="password", method="basic")
    settings.sync()
    assert "password" not in (tmp_path / "settings.ini").read_text()
    again = LoginDialog(settings)
    assert again.server_edit.text() == demo_server.url
    assert again.user_edit.text() == "admin"
    assert again.method_combo.currentData() == "basic"
    assert again.password_edit.text() == ""
    assert demo_server.url in again.server_edit.completer().model().stringList()
    again.deleteLater()


def test_remember_password_uses_the_keyring_only(
    loop: qasync.QEventLoop,
    make_app: Callable[..., BackupViewerApp],
    demo_server: DemoServer,
    keyring_backend: MemoryKeyring,
    settings: QSettings,
    tmp_path: Path,
) -> None:
    first = make_app()
    first.start()
    pause(loop, 0.1)
    assert first.login.remember_check.isVisible()
    fill_login(first, demo_server.url, "admin", "password", "session")
    first.login.remember_check.setChecked(True)
    first.login.login_button.click()
    wait(loop, lambda: window_shown(first) and first.loader.last_loaded is not None)
    assert list(keyring_backend.passwords.values()) == ["password"]
    assert all(service == SERVICE for service, _ in keyring_backend.passwords)
    settings.sync()
    assert "password" not in (tmp_path / "settings.ini").read_text()
    run_quit(loop, first)
    second = make_app()
    second.start()
    pause(loop, 0.1)
    assert second.login.password_edit.text() == "password"
    assert second.login.remember_check.isChecked()
    second.login.remember_check.setChecked(False)
    second.login.login_button.click()
    wait(loop, lambda: window_shown(second) and second.loader.last_loaded is not None)
    assert keyring_backend.passwords == {}


def run_quit(loop: qasync.QEventLoop, app: BackupViewerApp) -> None:
    run(loop, app.shutdown())


def test_no_keyring_means_the_remember_box_is_off_and_says_why(
    loop: qasync.QEventLoop,
    make_app: Callable[..., BackupViewerApp],
    settings: QSettings,
) -> None:
    app = make_app()
    app.passwords = PasswordStore(backend=False)
    app.start()
    pause(loop, 0.1)
    check = app.login.remember_check
    assert check.isVisible() and not check.isEnabled()
    assert "no keyring" in check.toolTip()
    check.setChecked(True)  # (a disabled box cannot be ticked by the user; even so:)
    assert not app.login.request().remember or not check.isEnabled()


def test_a_failed_sign_in_without_a_keyring_leaves_the_remember_box_off(
    loop: qasync.QEventLoop, make_app: Callable[..., BackupViewerApp], demo_server: DemoServer
) -> None:
    app = make_app()
    app.passwords = PasswordStore(backend=False)
    app.start()
    pause(loop, 0.1)
    fill_login(app, demo_server.url, "admin", "wrong", "session")
    app.login.login_button.click()
    wait(loop, lambda: app.login.error_label.isVisibleTo(app.login))
    assert not app.login.remember_check.isEnabled()
    app.login.method_combo.setCurrentIndex(app.login.method_combo.findData("basic"))
    assert not app.login.remember_check.isEnabled()


def test_a_password_the_keyring_refuses_is_said_not_kept(
    loop: qasync.QEventLoop,
    make_app: Callable[..., BackupViewerApp],
    demo_server: DemoServer,
    keyring_backend: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def locked(service: str, username: str, password: str) -> None:
        raise RuntimeError("the keyring is locked")

    monkeypatch.setattr(keyring_backend, "set_password", locked)
    app = make_app()
    app.start()
    pause(loop, 0.1)
    fill_login(app, demo_server.url, "admin", "password", "session")
    app.login.remember_check.setChecked(True)
    app.login.login_button.click()
    wait(loop, lambda: window_shown(app) and app.loader.last_loaded is not None)
    assert app.window is not None
    wait(
        loop,
        lambda: (
            "could not be kept in the system keyring" in (app.window.statusBar().currentMessage())
        ),
    )


def test_the_demo_never_becomes_a_remembered_server(
    loop: qasync.QEventLoop, make_app: Callable[..., BackupViewerApp], settings: QSettings
) -> None:
    app = make_app(Options(demo=True, demo_rows=50))
    app.start()
    wait(loop, lambda: app.demo is not None and app.login.isVisible())
    app.login.login_button.click()
    wait(loop, lambda: window_shown(app))
    settings.sync()
    assert settings.value("login/server") is None and settings.value("login/servers") is None


def test_sign_in_as_another_user_starts_from_an_empty_user(
    loop: qasync.QEventLoop, app: BackupViewerApp, demo_server: DemoServer
) -> None:
    app.start()
    fill_login(app, demo_server.url, "suzy", "password", "session")
    app.login.login_button.click()
    wait(loop, lambda: app.window is not None and app.window.banner.another_user)
    window = app.window
    assert window is not None
    assert window.health_panel.chart.placeholder == (
        "No backups could be loaded: see the message above."
    )
    window.banner.sign_in_button.click()
    wait(loop, lambda: app.login.isVisible())
    assert app.login.server_edit.text() == demo_server.url
    assert app.login.user_edit.text() == "" and app.login.password_edit.text() == ""
    assert app.login.user_edit.hasFocus() or not app.login.isActiveWindow()


def test_command_line_prefills(
    loop: qasync.QEventLoop, make_app: Callable[..., BackupViewerApp]
) -> None:
    app = make_app(Options(server="https://bi.example.com/datafor", user="ops"))
    app.start()
    assert app.login.server_edit.text() == "https://bi.example.com/datafor"
    assert app.login.user_edit.text() == "ops"
    assert app.login.password_edit.hasFocus() or not app.login.isActiveWindow()


def test_demo_option_starts_a_server_and_fills_in_its_account(
    loop: qasync.QEventLoop, make_app: Callable[..., BackupViewerApp]
) -> None:
    app = make_app(Options(demo=True, demo_rows=40))
    app.start()
    assert app.demo is not None
    assert app.login.server_edit.text() == app.demo.url
    assert app.login.user_edit.text() == accounts.ADMIN.user
    assert app.login.password_edit.text() == accounts.ADMIN.password
    app.login.login_button.click()
    wait(loop, lambda: window_shown(app) and app.loader.last_loaded is not None)
    assert app.model.snapshot.running == 1
    assert app.watching.auto_refreshing


def focused_field(login: LoginDialog) -> object:
    """The field that has the keyboard focus (or gets it when the dialog is activated)."""
    return login.focusWidget()


@pytest.mark.parametrize(
    ("field", "server", "secret", "tenant", "method"),
    [
        ("password", "", "wrong", "", "session"),
        ("server", "http://127.0.0.1:9/datafor", "password", "", "session"),
        ("tenant", "", "password", "tenant9", "session"),
        ("tenant", "", "password", "tenant1", "basic"),  # a tenant needs session sign-in
    ],
)
def test_a_failed_sign_in_puts_the_cursor_in_the_field_it_names(
    loop: qasync.QEventLoop,
    app: BackupViewerApp,
    demo_server: DemoServer,
    field: str,
    server: str,
    secret: str,
    tenant: str,
    method: str,
) -> None:
    app.start()
    login = app.login
    fill_login(app, server or demo_server.url, "admin", secret, method)
    login.tenant_edit.setText(tenant)
    login.user_edit.setFocus()
    login.login_button.click()
    wait(loop, lambda: not app.session.busy and login.error_label.isVisible())
    edit = {"password": login.password_edit, "server": login.server_edit,
            "tenant": login.tenant_edit}[field]  # fmt: skip
    assert focused_field(login) is edit, login.error_label.text()
    assert edit.selectedText() == edit.text() != ""


def test_a_wrong_captcha_code_puts_the_cursor_in_the_code_field(
    loop: qasync.QEventLoop, app: BackupViewerApp, demo_server: DemoServer
) -> None:
    app.start()
    login = app.login
    for _ in range(accounts.CAPTCHA_AFTER + 1):
        fill_login(app, demo_server.url, "admin", "wrong", "session")
        login.login_button.click()
        wait(loop, lambda: not app.session.busy and login.error_label.isVisible())
    assert login.captcha_edit.isVisible()
    login.password_edit.setText("password")
    login.captcha_edit.setText("nope")
    login.password_edit.setFocus()
    login.login_button.click()
    wait(loop, lambda: not app.session.busy and login.error_label.isVisible())
    assert "not right" in login.error_label.text()
    assert focused_field(login) is login.captcha_edit


def test_a_missing_field_gets_the_cursor(
    loop: qasync.QEventLoop, app: BackupViewerApp, demo_server: DemoServer
) -> None:
    app.start()
    login = app.login
    fill_login(app, demo_server.url, "", "password", "session")
    login.password_edit.setFocus()
    login.login_button.click()
    assert login.error_label.text() == "Enter your user name."
    assert focused_field(login) is login.user_edit


def test_the_sign_in_method_comes_right_under_the_server(app: BackupViewerApp) -> None:
    form = app.login._form
    server_row, _ = form.getWidgetPosition(app.login.server_field)
    method_row, _ = form.getWidgetPosition(app.login.method_combo)
    assert method_row == server_row + 1


def test_the_close_button_says_quit_only_when_it_quits(
    loop: qasync.QEventLoop, app: BackupViewerApp, fresh_demo_server: DemoServer
) -> None:
    app.start()
    assert app.login.cancel_button.text() == "Quit"
    sign_in(loop, app, fresh_demo_server)
    window = app.window
    assert window is not None
    window.banner.sign_in_button.setVisible(True)
    window.sign_in_requested.emit()  # "Sign in again…" while the window stays
    assert app.login.isVisible() and app.login.cancel_button.text() == "Cancel"
    app.login.cancel_button.click()
    assert window.isVisible()
    window.action_sign_out.trigger()
    wait(loop, lambda: app.login.isVisible())
    assert app.login.cancel_button.text() == "Quit"


def test_the_servers_arrow_reads_on_light_and_dark_themes(
    qtbot: QtBot, settings: QSettings
) -> None:
    from make_screenshot import dark_palette

    login = LoginDialog(settings)
    qtbot.addWidget(login)

    def arrow_lightness() -> int:
        actions = login.server_edit.actions()
        image = next(a for a in actions if "used before" in a.text()).icon().pixmap(16).toImage()
        pixels = [image.pixelColor(x, y) for x in range(16) for y in range(16)]
        return max(pixels, key=lambda c: c.alpha()).lightness()

    assert arrow_lightness() < 128  # dark on the default light theme
    login.setPalette(dark_palette())  # type: ignore[arg-type]
    assert arrow_lightness() > 128


def test_an_address_with_a_password_in_it_is_refused_and_never_kept(
    loop: qasync.QEventLoop, app: BackupViewerApp, demo_server: DemoServer, settings: QSettings
) -> None:
    app.start()
    address = demo_server.url.replace("http://", "http://admin:s3cret@")
    fill_login(app, address, "admin", "password", "session")
    app.login.login_button.click()
    pause(loop, 0.2)
    assert "holds a user name or password" in app.login.error_label.text()
    assert app.login.server_edit.hasFocus() or not app.login.isActiveWindow()
    assert demo_server.seen == [] and not window_shown(app)
    settings.sync()
    kept = Path(settings.fileName())
    assert not kept.exists() or "s3cret" not in kept.read_text(encoding="utf-8")


def test_addresses_with_passwords_saved_by_an_older_version_come_back_without_them(
    settings: QSettings,
) -> None:
    settings.setValue("login/servers", '["http://admin:s3cret@bi:28080/datafor", "bi:28080"]')
    settings.setValue("login/server", "http://admin:s3cret@bi:28080/datafor")
    settings.setValue("login/usersByServer", '{"http://admin:s3cret@bi:28080/datafor": "ops"}')
    dialog = LoginDialog(settings)
    assert dialog.server_edit.text() == "http://bi:28080/datafor"
    assert dialog._servers.stringList() == ["http://bi:28080/datafor", "bi:28080"]
    assert login_choices.users_by_server(settings) == {"http://bi:28080/datafor": "ops"}
    dialog.deleteLater()


@pytest.mark.parametrize(
    ("address", "warned"),
    [
        ("http://bi.example.com:28080/datafor", True),
        ("bi.example.com:28080", True),
        ("https://bi.example.com/datafor", False),
        ("localhost:28080", False),
        ("http://127.0.0.1:28080/datafor", False),
        ("", False),
    ],
)
def test_the_dialog_warns_before_a_password_crosses_a_network_unencrypted(
    app: BackupViewerApp, address: str, warned: bool
) -> None:
    app.start()
    app.login.server_edit.setText(address)
    assert app.login.http_warning.isVisibleTo(app.login) is warned


def test_a_long_error_and_the_warning_are_shown_whole(qtbot: QtBot, settings: QSettings) -> None:
    """Wrapped words count towards the dialog's height: none is cut off."""
    dialog = LoginDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.server_edit.setText("http://bi.example.com:28080/datafor")
    dialog.show_error("A long reason, " * 12, "server")
    for label in (dialog.http_warning, dialog.error_label):
        assert label.height() >= label.heightForWidth(label.width()) > 0


def test_answer_files_left_a_day_ago_are_removed_when_the_app_starts(
    loop: qasync.QEventLoop,
    app: BackupViewerApp,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import os
    import tempfile

    from backupviewer.core import answer_file

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    stale, fresh = (tmp_path / f"{answer_file.PREFIX}{name}.json" for name in ("old", "new"))
    for path in (stale, fresh):
        path.write_bytes(b"{}")
    os.utime(stale, (time.time() - 2 * 86_400,) * 2)
    app.start()
    wait(loop, lambda: not stale.exists())
    assert fresh.exists()


def test_signing_out_leaves_nothing_of_the_session(
    loop: qasync.QEventLoop, app: BackupViewerApp, demo_server: DemoServer
) -> None:
    sign_in(loop, app, demo_server)
    window = app.window
    assert window is not None and window.status.refreshed_label.text()
    window.action_sign_out.trigger()
    wait(loop, lambda: app.login.isVisible())
    status = window.status
    assert status.refreshed_label.text() == status.user_label.text() == ""
    assert status.count_label.text() == "" and app.loader.last_loaded is None
    assert window.windowTitle() == "BackupViewer" and app.model.snapshot.health is None


def test_the_dialog_keeps_its_height_when_it_opens_and_gives_back_a_captchas_room(
    loop: qasync.QEventLoop, app: BackupViewerApp, demo_server: DemoServer
) -> None:
    app.start()
    login = app.login
    pause(loop, 0.1)
    opened = login.height()
    pause(loop, 0.5)  # the keyring was looked for meanwhile: no row appears, no jump
    assert login.height() == opened
    for _ in range(accounts.CAPTCHA_AFTER + 1):
        fill_login(app, demo_server.url, "admin", "wrong", "session")
        login.login_button.click()
        wait(loop, lambda: not app.session.busy and login.error_label.isVisible())
        if login.captcha_edit.isVisible():
            break
    assert login.height() > opened
    login.reset_for_new_attempt()
    assert login.height() == opened


def test_enter_in_an_empty_server_field_asks_for_an_address(
    loop: qasync.QEventLoop, app: BackupViewerApp, demo_server: DemoServer
) -> None:
    app.start()
    login = app.login
    login.server_edit.clear()
    login.server_edit.setFocus()
    QTest.keyClick(login.server_edit, Qt.Key.Key_Return)
    assert login.server_edit.text() == ""  # the example address is not taken as typed
    assert "Enter the server's address" in login.error_label.text()
    assert demo_server.seen == [] and not app.session.busy

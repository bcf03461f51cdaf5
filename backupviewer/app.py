"""The application root: Qt with asyncio (qasync), the services, wiring, the error hook."""

from __future__ import annotations

import asyncio
import dataclasses
import gc
import importlib
import logging
import os
import sys
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from backupviewer.core import answer_file
from backupviewer.core.datafor.auth import AuthMethod
from backupviewer.core.words import translate
from backupviewer.history.workers import Decoder
from backupviewer.options import Options
from backupviewer.qt import language, platform_check, saved_servers
from backupviewer.qt.collector import Collector
from backupviewer.qt.downloads import Downloads
from backupviewer.qt.fleet import SecretReader, ServerState
from backupviewer.qt.health_monitor import HealthMonitor
from backupviewer.qt.history_model import HistoryModel
from backupviewer.qt.loader import HistoryLoader
from backupviewer.qt.running_ticker import RunningTicker
from backupviewer.qt.session_controller import SessionClient, SessionController, SignInRequest
from backupviewer.qt.tasks import report_unexpected
from backupviewer.qt.watching import Watching
from backupviewer.server.secrets import PasswordStore
from backupviewer.widgets.application import configure_application, quit_on_signals
from backupviewer.widgets.sign_in.login_dialog import LoginDialog
from backupviewer.widgets.window.error_dialog import forward_loop_errors, install_excepthook

if TYPE_CHECKING:
    from backupviewer.all_servers import AllServers
    from backupviewer.core.datafor.server_entry import ServerEntry
    from backupviewer.demo.server import DemoServer
    from backupviewer.widgets.window.main_window import MainWindow

logger = logging.getLogger(__name__)

DEMO_RUNNING_SECONDS = 45.0
PRELOAD_DELAY_MS = 300
FIRST_SCREEN_PROBE = "BACKUPVIEWER_FIRST_SCREEN_PROBE"
"""When this environment variable is set, the app prints one line as soon as the sign-in
dialog is shown and quits: how the benchmark times the start (tests/benchmarks)."""


def main(options: Options) -> int:
    """Run the app until the user quits; returns the exit code."""
    logging.basicConfig(
        level=logging.INFO if options.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    import qasync

    problem = platform_check.window_problem()
    if problem is not None:  # (Qt would abort with a page about plugins)
        print(problem, file=sys.stderr)
        return 1
    qt_app = QApplication([sys.argv[0] if sys.argv else "backupviewer"])
    configure_application(qt_app)
    settings = QSettings()
    language.install(language.chosen_language(options.lang, settings), qt_app)  # (Qt owns them)
    root = BackupViewerApp(options, settings, PasswordStore(), freeze_startup=True)
    install_excepthook(root.dialog_parent)
    qt_app.aboutToQuit.connect(root.request_quit)
    quit_on_signals(qt_app)
    try:
        return int(qasync.run(root.run()))
    except RuntimeError as exc:  # the loop was stopped from outside (the session ended)
        logger.info("Event loop stopped: %s", exc)
        root.close_now()
        return 0


class BackupViewerApp(QObject):
    """Builds the services and windows, wires them, and runs until the user quits."""

    def __init__(
        self,
        options: Options,
        settings: QSettings,
        passwords: PasswordStore,
        *,
        clock: Callable[[], datetime] | None = None,
        auto_refresh_ms: int | None = None,
        background_ms: int | None = None,
        freeze_startup: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.options = options
        self._freeze_startup = freeze_startup
        self.settings = settings
        self.passwords = passwords
        self._clock = clock
        self._quit: asyncio.Event | None = None
        self._tasks: set[asyncio.Task[Any]] = set()
        self.demo: DemoServer | None = None
        self.decoder = Decoder()
        self.model = HistoryModel(self)
        self.ticker = RunningTicker(self.model, self)
        self.health = HealthMonitor(self.model, settings, clock or _now, self)
        loader_options: dict[str, Any] = {} if clock is None else {"clock": clock}
        self.loader = HistoryLoader(
            self.model, self.decoder, self, assessor=self.health, **loader_options
        )
        timings = {"auto_refresh_ms": auto_refresh_ms, "background_ms": background_ms}
        watching_options = {key: ms for key, ms in timings.items() if ms is not None}
        self.watching = Watching(self.loader, self.model, self, **watching_options)
        self.collector = Collector(self.loader, self) if freeze_startup else None
        self.session = SessionController(_new_client, passwords, self)
        self.downloads = Downloads(lambda: self.session.client, self)
        self.login = LoginDialog(settings)
        self.window: MainWindow | None = None
        self.all_servers: AllServers | None = None
        self._signed_in_as: tuple[str, str] | None = None  # (user, server) the window names
        self._connect_login()
        self._connect_sign_in()

    # -- life cycle ------------------------------------------------------------------------

    def start(self) -> None:
        """Show the window of all servers (``--servers``, ``--demo-tenants``, or the servers
        kept in the app when it was open at the last quit) or the sign-in dialog (starting the
        demo server first when asked)."""
        QTimer.singleShot(0, self._after_first_paint)
        if self.options.demo_tenants:
            self._start_demo()
            self._open_saved_servers()  # (the demo's tenants)
            return
        if self.options.servers:
            from backupviewer.all_servers import file_secrets, servers_of_file

            entries = servers_of_file(self.options.servers, self.login)
            if entries is not None:
                self._open_servers(entries, file_secrets(self.passwords))
                return
        elif saved_servers.opened_last_time(self.settings):
            self._open_saved_servers()
            return
        if self.options.demo:
            self._start_demo()
        elif self.options.server or self.options.user:
            self.login.prefill(server=self.options.server, user=self.options.user)
        self._show_login()

    async def run(self) -> int:
        """Start, then wait until the user quits; close everything while the loop runs."""
        self._quit = asyncio.Event()
        asyncio.get_running_loop().set_exception_handler(forward_loop_errors)
        self.start()
        await self._quit.wait()
        await self.shutdown()
        return 0

    def request_quit(self) -> None:
        """Leave `run` (idempotent)."""
        if self._quit is not None:
            self._quit.set()

    async def shutdown(self) -> None:
        """Stop loading, close the clients, the worker and the demo server."""
        self.loader.set_source(None)
        if self.window is not None and self.window.isVisible():
            self.window.save_settings()  # a window never shown keeps the saved layout as it is
            self.window.hide()
        self.login.hide()
        if self.all_servers is not None:
            await self.all_servers.close()
        await self.session.close()
        self.close_now()

    def close_now(self) -> None:
        """What can be closed without the event loop."""
        self.decoder.close()
        if self.demo is not None:
            self.demo.stop()
            self.demo = None
        self.settings.sync()

    def dialog_parent(self) -> QWidget | None:
        """The window an error dialog belongs to."""
        if self.window is not None and self.window.isVisible():
            return self.window
        return self.login if self.login.isVisible() else None

    # -- wiring ----------------------------------------------------------------------------

    def _connect_login(self) -> None:
        login, session = self.login, self.session
        login.submitted.connect(self._on_login_submitted)
        login.cancelled.connect(session.cancel)
        login.rejected.connect(self._on_login_rejected)
        login.captcha_refresh_requested.connect(self._on_login_captcha_refresh_requested)
        login.all_servers_requested.connect(self._on_login_all_servers_requested)
        session.busy_changed.connect(login.set_busy)
        session.captcha_required.connect(login.show_captcha)

    def _connect_sign_in(self) -> None:
        session = self.session
        session.sign_in_failed.connect(self._on_session_sign_in_failed)
        session.signed_in.connect(self._on_session_signed_in)
        session.remember_failed.connect(self._on_session_remember_failed)
        self.loader.session_expired.connect(self._on_loader_session_expired)

    def _main_window(self) -> MainWindow:
        if self.window is None:
            from backupviewer.widgets.window.main_window import MainWindow

            window = MainWindow(
                self.model,
                self.loader,
                self.settings,
                self._clock,
                health=self.health,
                downloads=self.downloads,
                watching=self.watching,
            )
            window.sign_out_requested.connect(self._on_window_sign_out_requested)
            window.sign_in_requested.connect(self._on_window_sign_in_requested)
            window.sign_in_as_another_requested.connect(
                self._on_window_sign_in_as_another_requested
            )
            window.closed.connect(self._on_window_closed)
            window.language.chosen.connect(self._on_window_language_chosen)
            window.all_servers_requested.connect(self._open_saved_servers)
            self.window = window
        return self.window

    def _on_window_language_chosen(self, code: str) -> None:
        """Speak the language chosen now: the window and the sign-in dialog are made again in
        it, the history shown in its words (the filter stays), then read again – a
        schedule's warnings are put in words when its list is read."""
        qt_app = QApplication.instance()
        old = self.window
        assert qt_app is not None and old is not None
        language.install(language.chosen_language(code, self.settings), qt_app)
        old.save_settings()
        old.closed.disconnect(self._on_window_closed)
        self.window = None
        self.model.set_schedule_filter(None)  # (the new window's schedules panel chose none)
        self.model.set_day_filter(None)
        window = self._main_window()
        window.filters.take_over(old.filters)
        if self._signed_in_as is not None:
            window.set_session(*self._signed_in_as)
        self.model.show(self.model.snapshot)  # (sorted and filtered by the new words)
        if old.isVisible():
            window.show()
            self.loader.refresh()
        old.hide()
        old.deleteLater()
        if self.all_servers is not None:
            self.all_servers.retranslate()
        if not self.login.isVisible():
            self._remake_login()

    def _remake_login(self) -> None:
        request = self.login.request()
        self.login.deleteLater()
        self.login = LoginDialog(self.settings)
        self._connect_login()
        self.login.prefill(server=request.server, user=request.user, secret=request.secret,
                           method=request.method, tenant=request.tenant)  # fmt: skip
        self.login.offer_remember(self.passwords.available(), None)

    def _after_first_paint(self) -> None:
        """Work the first screen does not need: the worker process and the keyring probe."""
        if os.environ.get(FIRST_SCREEN_PROBE):
            if sys.stdout is not None:
                print(f"first screen shown: {self.login.windowTitle()}", flush=True)
            self.request_quit()
            return
        self.decoder.start()
        answer_file.remove_stale()  # what a killed BackupViewer left in the temporary folder
        QTimer.singleShot(PRELOAD_DELAY_MS, self._preload)
        request = self.login.request()
        remembered = None
        if request.server and request.user and not request.secret:
            remembered = self.passwords.load(request.server, request.user, request.tenant)
        self.login.offer_remember(self.passwords.available(), remembered)

    def _preload(self) -> None:
        """While the user types: import the client and build the main window (hidden), so
        that signing in does not stall the window for them."""
        if self.all_servers is not None and self.all_servers.fleet.loading():  # (they first)
            QTimer.singleShot(PRELOAD_DELAY_MS, self._preload)
            return
        importlib.import_module("backupviewer.server.client")
        self._main_window()
        if self._freeze_startup:
            # What exists now (modules, classes, Qt's bindings, the windows) lives as long as
            # the app: out of the cyclic collector's sight, a full collection during a load
            # looks at the history's objects only – 30 ms, not 70, at 5,000 schedules.
            gc.freeze()

    def _start_demo(self) -> None:
        from backupviewer.demo import accounts
        from backupviewer.demo.server import DemoServer

        self.demo = DemoServer(rows=self.options.demo_rows, keep_time=True).start()
        self.demo.start_backup("Demo: a backup in progress", seconds=DEMO_RUNNING_SECONDS)
        self.login.prefill(
            server=self.demo.url,
            user=accounts.ADMIN.user,
            secret=accounts.ADMIN.password,
            method=AuthMethod.SESSION,
        )

    def _spawn(self, coroutine: Any) -> None:
        task = asyncio.ensure_future(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._on_task_done)

    def _on_task_done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        report_unexpected(task)

    # -- slots -----------------------------------------------------------------------------

    def _on_login_submitted(self, request: SignInRequest) -> None:
        self.session.start_sign_in(request)

    def _on_session_sign_in_failed(self, message: str) -> None:
        self.login.show_error(message, self.session.failed_field)

    def _on_login_all_servers_requested(self) -> None:
        self.login.hide()  # (it opens again from that window: a double-click, Sign in…)
        self._open_saved_servers()

    def _on_login_rejected(self) -> None:
        self.session.cancel()
        if not self._a_window_shown():
            self.request_quit()

    def _on_window_closed(self) -> None:
        if not self._servers_shown():  # (else back to all servers)
            self.request_quit()

    def _a_window_shown(self) -> bool:
        return _shown(self.window) or self._servers_shown()

    def _servers_shown(self) -> bool:
        return self.all_servers is not None and self.all_servers.shown()

    # -- all servers (--servers FILE) ------------------------------------------------------

    def _open_saved_servers(self) -> None:
        """The window of the servers kept in the app (shown again when it exists); in the
        demo, of the demo server's tenants."""
        if self.all_servers is not None:
            self.all_servers.window.show()
            self.all_servers.window.raise_()
            return
        from backupviewer.all_servers import demo_tenants, kept_secrets

        if self.demo is not None:
            self._open_servers(*demo_tenants(self.demo.url))
            return
        entries = saved_servers.load(self.settings)
        self._open_servers(entries, kept_secrets(self.passwords), saved=True)

    def _open_servers(
        self, entries: list[ServerEntry], secret_of: SecretReader, *, saved: bool = False
    ) -> None:
        """The window of all `entries`, each read at once (`saved`: the servers kept in the
        app, managed there)."""
        from backupviewer.all_servers import AllServers

        self.all_servers = AllServers(
            entries, secret_of, self._clock or _now, self.health, self.settings,
            saved=self.passwords if saved else None, parent=self,
        )  # fmt: skip
        if self.collector is not None:
            self.collector.watch(self.all_servers.fleet.busy_changed)
        self.all_servers.open_requested.connect(self._on_servers_open_requested)
        self.all_servers.closed.connect(self._on_servers_window_closed)
        self.all_servers.show()

    def _on_servers_open_requested(self, state: ServerState) -> None:
        """Open a server in the backups window: signed in with its secret (the keyring left as
        it is), or the sign-in dialog filled in for what is missing."""
        entry = state.entry
        self.login.reset_for_new_attempt()
        self.login.prefill(entry.url, entry.user, state.secret, entry.auth, entry.tenant or "")
        self._show_login()
        if state.secret:
            self._on_login_submitted(dataclasses.replace(self.login.request(), remember=None))

    def _on_servers_window_closed(self) -> None:
        if not _shown(self.window):
            self.request_quit()

    def _on_login_captcha_refresh_requested(self) -> None:
        self._spawn(self.session.refresh_captcha())

    def _on_session_signed_in(self, name: str) -> None:
        client = self.session.client
        assert client is not None
        request = self.session.request
        if self.demo is None or request is None or request.server != self.demo.url:
            self.login.save_choices()  # (the demo's passing address is never remembered)
        self.login.accept()
        if self.all_servers is not None and request is not None:
            self.all_servers.signed_in(request)  # (its row, if it has one)
        window = self._main_window()
        self._signed_in_as = (name, client.base_url)
        window.set_session(name, client.base_url)
        self.loader.set_source(client)
        self.loader.refresh()  # the history is asked for first, the window shown meanwhile
        QTimer.singleShot(0, window.show)
        QTimer.singleShot(0, window.raise_)

    def _on_session_remember_failed(self, message: str) -> None:
        window = self._main_window()
        QTimer.singleShot(0, lambda: window.statusBar().showMessage(message, 30_000))

    def _on_loader_session_expired(self) -> None:
        self._ask_to_sign_in_again(
            translate("App", "Your session has ended. Sign in again to continue.")
        )

    def _on_window_sign_in_requested(self) -> None:
        self._ask_to_sign_in_again("")

    def _on_window_sign_in_as_another_requested(self) -> None:
        """Signed in, but not an administrator: the same server, another user."""
        request = self.session.request
        self.login.reset_for_new_attempt()
        if request is not None:
            self.login.prefill(server=request.server, method=request.method)
        self.login.user_edit.clear()
        self.login.password_edit.clear()
        self.login.set_quits(False)
        self.login.show()
        self.login.user_edit.setFocus()

    def _ask_to_sign_in_again(self, message: str) -> None:
        request = self.session.request
        self.login.reset_for_new_attempt()
        if request is not None:
            self.login.prefill(
                server=request.server,
                user=request.user,
                method=request.method,
                tenant=request.tenant,
            )
            remembered = self.passwords.load(request.server, request.user, request.tenant)
            self.login.offer_remember(self.passwords.available(), remembered)
        self.login.show_error(message)
        self._show_login()
        self.login.raise_()
        self.login.activateWindow()

    def _on_window_sign_out_requested(self) -> None:
        self._spawn(self._sign_out())

    async def _sign_out(self) -> None:
        self._signed_in_as = None
        self.loader.set_source(None)
        await self.session.sign_out()
        self.model.clear()
        self.health.forget()
        if self.collector is not None:
            self.collector.session_ended()
        if self.window is not None:
            self.window.forget_session()
        if self.window is not None:
            self.window.save_settings()
            self.window.hide()
        self.login.reset_for_new_attempt()
        self._show_login()

    def _show_login(self) -> None:
        """Show the sign-in dialog; closing it quits when no window is behind it."""
        self.login.set_quits(not self._a_window_shown())
        self.login.show()


def _now() -> datetime:
    return datetime.now().astimezone()


def _shown(window: QWidget | None) -> bool:
    return window is not None and window.isVisible()


def _new_client(server: str) -> SessionClient:
    from backupviewer.server.client import DataforClient

    return DataforClient(server)

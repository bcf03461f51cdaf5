"""GUI test fixtures: offscreen Qt, a qasync loop per test, an in-memory keyring, the app."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import asyncio
import gc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import qasync
import shiboken6
from guitools import MemoryKeyring, run, wait
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from servers_app import HANGING_SECONDS
from servers_toml import five_servers

from backupviewer.app import BackupViewerApp
from backupviewer.demo.server import DemoServer
from backupviewer.options import Options
from backupviewer.qt import fleet
from backupviewer.server.secrets import PasswordStore

# The offscreen platform warns about window hints it cannot honour; nothing to fix in the app.
OFFSCREEN_NOISE = r"This plugin does not support (propagateSizeHints|raise|setParent|grab)"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture
def loop(qapp: QApplication) -> Iterator[qasync.QEventLoop]:
    """A qasync loop on the test's QApplication, marked as running for the whole test.

    Tasks then step whenever Qt processes events (`guitools.wait`, `run`, `QTest.qWait`), as
    in the app. `run_until_complete` per step would not do: after each one qasync processes
    events once more with no running loop, and a task stepping then fails in anyio.
    """
    event_loop = qasync.QEventLoop(qapp, already_running=True)
    asyncio.set_event_loop(event_loop)
    yield event_loop
    pending = [t for t in asyncio.all_tasks(event_loop) if not t.done()]
    for task in pending:
        task.cancel()
    wait(event_loop, lambda: all(t.done() for t in pending), 10)
    event_loop.stop()
    event_loop.close()
    # `already_running` made it the thread's running loop; later tests need none running.
    asyncio._set_running_loop(None)
    asyncio.set_event_loop(None)
    # Stopping called QApplication.exit(), which leaves Qt quitting: later tests' timers
    # would never fire. An application loop that starts and ends again clears that.
    QTimer.singleShot(0, qapp.quit)
    qapp.exec()
    del event_loop
    # Collect Qt objects here, on the GUI thread: collected on a server thread, a QObject
    # with a timer makes Qt warn "Timers cannot be stopped from another thread".
    gc.collect()


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def keyring_backend() -> MemoryKeyring:
    return MemoryKeyring()


@pytest.fixture
def passwords(keyring_backend: MemoryKeyring) -> PasswordStore:
    return PasswordStore(backend=keyring_backend)


@pytest.fixture
def make_app(
    loop: qasync.QEventLoop, settings: QSettings, passwords: PasswordStore
) -> Iterator[Callable[..., BackupViewerApp]]:
    """Build the app as `main` does (without its loop); everything is closed afterwards."""
    made: list[BackupViewerApp] = []

    def make(options: Options | None = None, **kwargs: Any) -> BackupViewerApp:
        kwargs.setdefault("auto_refresh_ms", 300)
        app = BackupViewerApp(options or Options(), settings, passwords, **kwargs)
        made.append(app)
        return app

    yield make
    for app in made:
        run(loop, app.shutdown())
        servers = app.all_servers.window if app.all_servers is not None else None
        history = app.all_servers.history if app.all_servers is not None else None
        if history is not None and app.all_servers is not None:
            history.window.close()
            shiboken6.delete(history.window)
            app.all_servers.history = None
        for widget in (servers, app.window, app.login):
            if isinstance(widget, QWidget):
                widget.close()
                shiboken6.delete(widget)  # now: before the model it shows goes away
            if widget is servers:  # (closing the next must not ask after this one)
                app.all_servers = None
            elif widget is app.window:
                app.window = None
    made.clear()
    gc.collect()


@pytest.fixture
def servers(
    tenants: DemoServer, hanging: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> str:
    """A servers file: three of the demo's tenants, a wrong password, one that hangs."""
    monkeypatch.setenv("DEMO_PASSWORD", "password")
    monkeypatch.setenv("WRONG_PASSWORD", "not the password")
    monkeypatch.setattr(fleet, "SERVER_SECONDS", HANGING_SECONDS)
    return five_servers(tmp_path, tenants.url, hanging)


@pytest.fixture
def app(make_app: Callable[..., BackupViewerApp]) -> BackupViewerApp:
    return make_app()

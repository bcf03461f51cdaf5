"""The app opened on a servers file, for the tests of the servers window and of all servers
as one history (the file itself: the ``servers`` fixture in conftest.py)."""

from __future__ import annotations

from collections.abc import Callable

import qasync
from clock import NOW, fixed
from guitools import wait

from backupviewer.app import BackupViewerApp
from backupviewer.options import Options
from backupviewer.qt.servers_model import ServerColumn

HANGING_SECONDS = 3.0
"""How long a server may take in these tests (the one that hangs fails after it)."""


def texts(app: BackupViewerApp, column: ServerColumn) -> list[str]:
    """The servers window's column, top to bottom."""
    assert app.all_servers is not None
    model = app.all_servers.window.model
    return [model.index(row, column).data() for row in range(model.rowCount())]


def quits_of(app: BackupViewerApp) -> list[bool]:
    """Grows by one each time the app asks to quit (it would leave its loop)."""
    quits: list[bool] = []
    app.request_quit = lambda: quits.append(True)  # type: ignore[method-assign]
    return quits


def opened(
    make_app: Callable[..., BackupViewerApp], loop: qasync.QEventLoop, servers: str
) -> BackupViewerApp:
    """The app on the servers file `servers`, its servers window shown."""
    app = make_app(Options(servers=servers), clock=fixed(NOW))
    app.start()
    wait(loop, lambda: app.all_servers is not None and app.all_servers.window.isVisible())
    return app

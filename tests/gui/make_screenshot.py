"""Render the main window over demo data to PNG: ``python tests/gui/make_screenshot.py OUT.png``.

Deterministic: a fixed demo history and clock, the Fusion style, a fixed window size.
``--dark`` renders with a dark palette (to check that the window reads well in both).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

NOW = datetime(2026, 3, 10, 9, 30, tzinfo=timezone(timedelta(hours=8)))
SIZE = (1280, 760)
ROWS = 1500


def dark_palette() -> object:
    from PySide6.QtGui import QColor, QPalette

    palette = QPalette()
    colors = {
        QPalette.ColorRole.Window: QColor(37, 37, 38),
        QPalette.ColorRole.WindowText: QColor(230, 230, 230),
        QPalette.ColorRole.Base: QColor(30, 30, 30),
        QPalette.ColorRole.AlternateBase: QColor(45, 45, 48),
        QPalette.ColorRole.Text: QColor(230, 230, 230),
        QPalette.ColorRole.Button: QColor(50, 50, 52),
        QPalette.ColorRole.ButtonText: QColor(230, 230, 230),
        QPalette.ColorRole.Highlight: QColor(38, 79, 120),
        QPalette.ColorRole.HighlightedText: QColor(255, 255, 255),
        QPalette.ColorRole.ToolTipBase: QColor(50, 50, 52),
        QPalette.ColorRole.ToolTipText: QColor(230, 230, 230),
        QPalette.ColorRole.PlaceholderText: QColor(150, 150, 150),
        QPalette.ColorRole.Link: QColor(90, 160, 255),
    }
    for role, color in colors.items():
        palette.setColor(role, color)
    disabled = QColor(120, 120, 120)  # greyed out, as a desktop's dark theme shows it
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette


def render(
    out: Path,
    *,
    dark: bool = False,
    pane: Path | None = None,
    size: tuple[int, int] = SIZE,
    lang: str = "en",
    scene: str = "failed",
) -> None:
    """Sign in to a demo server, set the `scene` up and save the window as `out`: "failed"
    picks a failed backup, "chips" chooses a schedule and a day, "empty" picks nothing."""
    from PySide6.QtCore import QSettings

    from backupviewer.app import BackupViewerApp
    from backupviewer.core.records import Status
    from backupviewer.demo.server import DemoServer
    from backupviewer.options import Options
    from backupviewer.server.secrets import PasswordStore

    loop = _qt(lang, dark)
    with tempfile.TemporaryDirectory() as folder, DemoServer(rows=ROWS, seed=1, now=NOW) as server:
        settings = QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat)
        root = BackupViewerApp(Options(), settings, PasswordStore(backend=False), clock=lambda: NOW)
        root.start()
        login = root.login
        login.server_edit.setText(server.url)
        login.user_edit.setText("admin")
        login.password_edit.setText("password")
        login.login_button.click()
        _wait(lambda: root.window is not None and root.loader.last_loaded is not None)
        window = root.window
        assert window is not None
        window.resize(*size)
        model = window.model
        _wait(lambda: model.snapshot.health is not None)
        if scene == "chips":
            panel = window.health_panel
            panel.schedules.choose(panel.schedule_model.schedule_at(0).item.id)
            panel.chart.choose(next(day for day in reversed(panel.chart.days) if day.failed))
        if scene in ("failed", "chips"):
            failed = next(
                (r for r in range(model.rowCount()) if model.status_at(r) is Status.FAILED), 0
            )
            window.table.selectRow(failed)
            window.table.scrollTo(model.index(failed, 0), window.table.ScrollHint.PositionAtCenter)
        window.setWindowTitle(
            window.windowTitle().replace(server.url, "http://bi.example.com/datafor")
        )
        window.status.show_session("系统管理员 Admin", "http://bi.example.com/datafor")
        _wait(lambda: False, 0.3)
        window.grab().save(str(out))
        if pane is not None:  # the whole details pane, for reading it
            window.resize(SIZE[0], 1500)
            _wait(lambda: False, 0.3)
            window.detail_pane.grab().save(str(pane))
        root.decoder.close()
        window.close()
    loop.stop()
    loop.close()


def render_servers(
    out: Path, *, dark: bool = False, size: tuple[int, int], lang: str, history: bool = False
) -> None:
    """The window of all servers: the demo's tenants as three servers, and one that refuses
    its password (`history`: then all of them as one history, a failed backup picked)."""
    from PySide6.QtCore import QSettings

    from backupviewer.app import BackupViewerApp
    from backupviewer.demo.server import DemoServer
    from backupviewer.options import Options
    from backupviewer.qt.fleet import Phase
    from backupviewer.server.secrets import PasswordStore

    loop = _qt(lang, dark)
    os.environ["SCREENSHOT_PASSWORD"] = "password"
    os.environ["SCREENSHOT_WRONG"] = "wrong"
    with tempfile.TemporaryDirectory() as folder, DemoServer(rows=ROWS, seed=1, now=NOW) as server:
        path = Path(folder) / "servers.toml"
        tables = [
            ("bi-prod", "failing", "SCREENSHOT_PASSWORD"),
            ("bi-shanghai", "missed", "SCREENSHOT_PASSWORD"),
            ("bi-beijing", "healthy", "SCREENSHOT_WRONG"),
            ("bi-test", "healthy", "SCREENSHOT_PASSWORD"),
        ]
        path.write_text(
            "".join(
                f'[[server]]\nname = "{name}"\nurl = "{server.url}"\nuser = "admin"\n'
                f'tenant = "{tenant}"\npassword_env = "{variable}"\n\n'
                for name, tenant, variable in tables
            ),
            encoding="utf-8",
        )
        path.chmod(0o600)
        settings = QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat)
        options = Options(servers=str(path))
        root = BackupViewerApp(options, settings, PasswordStore(backend=False), clock=lambda: NOW)
        root.start()
        assert root.all_servers is not None
        states = root.all_servers.fleet.states
        _wait(lambda: all(state.phase is not Phase.LOADING for state in states))
        window = root.all_servers.window
        if history:
            window = _one_history(root.all_servers)
        window.resize(*size)
        _wait(lambda: False, 0.3)
        window.grab().save(str(out))
        root.decoder.close()
        window.close()
    loop.stop()
    loop.close()


def _one_history(servers: object) -> object:
    """All servers as one history, its failed backups shown, the newest picked."""
    from backupviewer.history.query import StatusFilter

    servers.show_history()  # type: ignore[attr-defined]
    history = servers.history  # type: ignore[attr-defined]
    window = history.window
    _wait(lambda: window.health_panel.schedule_model.rowCount() > 0)
    status = window.filters.status
    status.setCurrentIndex(status.findData(StatusFilter.FAILED))
    window.table.selectRow(0)
    window.show_details_of(0)
    return window


def _qt(lang: str, dark: bool) -> asyncio.AbstractEventLoop:
    """The QApplication as the app makes it, in `lang`, Fusion (dark), and a qasync loop on
    it (returned: stop and close it when done)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import qasync
    from PySide6.QtWidgets import QApplication

    from backupviewer.qt import language
    from backupviewer.widgets.application import configure_application

    qt_app = QApplication.instance() or QApplication([])
    assert isinstance(qt_app, QApplication)
    configure_application(qt_app)
    language.install(lang, qt_app)
    qt_app.setStyle("Fusion")
    if dark:
        qt_app.setPalette(dark_palette())  # type: ignore[arg-type]
    loop = qasync.QEventLoop(qt_app, already_running=True)
    asyncio.set_event_loop(loop)
    return loop


def _wait(condition: object, seconds: float = 30) -> None:
    from PySide6.QtTest import QTest

    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:  # type: ignore[operator]
        QTest.qWait(10)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--dark", action="store_true")
    parser.add_argument("--pane", type=Path, help="also save the whole details pane here")
    parser.add_argument("--size", default="x".join(map(str, SIZE)), help="WIDTHxHEIGHT")
    parser.add_argument("--lang", default="en", help="the interface's language (en, zh_CN)")
    parser.add_argument(
        "--scene",
        choices=("failed", "chips", "empty", "servers", "history"),
        default="failed",
        help="a failed backup picked (the default); a schedule and a day chosen too; nothing; "
        "the window of all servers; all servers as one history",
    )
    args = parser.parse_args(argv)
    width, height = (int(n) for n in args.size.split("x"))
    if args.scene in ("servers", "history"):
        history = args.scene == "history"
        render_servers(args.out, dark=args.dark, size=(width, height), lang=args.lang,
                       history=history)  # fmt: skip
        return 0
    render(
        args.out,
        dark=args.dark,
        pane=args.pane,
        size=(width, height),
        lang=args.lang,
        scene=args.scene,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""The entry point: options, exit codes, a fast first screen, the one exception hook."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from backupviewer import __version__
from backupviewer.__main__ import main
from backupviewer.options import Options, parse_options
from backupviewer.widgets.window.error_dialog import install_excepthook


def test_options() -> None:
    assert parse_options([]) == Options()
    options = parse_options(["--server", "http://bi:8080/datafor", "--user", "ops", "--demo"])
    assert options.server == "http://bi:8080/datafor" and options.user == "ops" and options.demo
    assert parse_options(["--demo-rows", "100000"]).demo_rows == 100_000


def test_version_help_and_mistakes_exit_without_a_window(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--version"]) == 0
    assert __version__ in capsys.readouterr().out
    assert main(["--help"]) == 0
    assert "--demo" in capsys.readouterr().out
    assert main(["--no-such-option"]) == 2
    assert "unrecognized arguments" in capsys.readouterr().err


FIRST_SCREEN = textwrap.dedent(
    """
    import os, sys, time
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    started = time.perf_counter()
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication
    from backupviewer.app import BackupViewerApp
    from backupviewer.options import Options
    from backupviewer.widgets.application import configure_application
    from backupviewer.server.secrets import PasswordStore
    app = QApplication([])
    configure_application(app)
    root = BackupViewerApp(Options(), QSettings(sys.argv[1], QSettings.Format.IniFormat),
                           PasswordStore(backend=False))
    root.start()
    app.processEvents()
    shown = time.perf_counter() - started
    late = ("httpx", "backupviewer.server.client", "backupviewer.widgets.window.main_window",
            "backupviewer.demo.history", "keyring")
    heavy = [m for m in late if m in sys.modules]
    print(f"{shown:.3f}", ",".join(heavy))
    root.decoder.close()
    """
)


def test_the_first_screen_imports_little_and_comes_up_fast(tmp_path: object) -> None:
    result = subprocess.run(
        [sys.executable, "-c", FIRST_SCREEN, str(tmp_path) + "/s.ini"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    seconds, heavy = result.stdout.split()[0], result.stdout.split()[1:]
    assert heavy == [], heavy
    assert float(seconds) < 2.5  # the budget is 1 s; slack for a busy test machine


def test_the_exception_hook_logs_and_shows_a_dialog(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_excepthook(lambda: parent)
    try:
        raise ValueError("something odd")
    except ValueError as error:
        sys.excepthook(type(error), error, error.__traceback__)
    box = parent.findChild(QMessageBox)
    assert box is not None and box.isVisible()
    assert "keeps running" in box.text()
    assert "ValueError: something odd" in box.informativeText()
    assert "Traceback" in box.detailedText()
    assert "Unexpected error" in caplog.text
    box.close()

"""The QApplication made ready for the app: names for its settings, the window icon, quitting
only when asked to, and on SIGTERM or Ctrl+C as the Quit action does."""

from __future__ import annotations

import signal

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from backupviewer import __version__
from backupviewer.core import resources

ORGANIZATION = "BackupViewer"
APPLICATION = "BackupViewer"


def configure_application(qt_app: QApplication) -> None:
    """Names for QSettings, the window icon, and quitting only when asked to."""
    qt_app.setOrganizationName(ORGANIZATION)
    qt_app.setApplicationName(APPLICATION)
    qt_app.setApplicationDisplayName(APPLICATION)
    qt_app.setApplicationVersion(__version__)
    qt_app.setDesktopFileName("backupviewer")
    qt_app.setQuitOnLastWindowClosed(False)
    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256):
        path = resources.resource_path(f"icons/icon-{size}.png")
        if path is not None:
            icon.addFile(str(path))
    if not icon.isNull():
        qt_app.setWindowIcon(icon)


def quit_on_signals(qt_app: QApplication) -> None:
    """Make SIGTERM and Ctrl+C quit the way the Quit action does, so the decoding worker
    processes and the demo server are shut down rather than left behind."""
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *_: qt_app.quit())
    # Python runs a signal handler only when it next runs Python code: a timer makes sure it
    # does within a fifth of a second even when the window is idle.
    heartbeat = QTimer(qt_app)
    heartbeat.timeout.connect(lambda: None)
    heartbeat.start(200)

"""The About box, and the version details a bug report needs."""

from __future__ import annotations

import platform
from collections.abc import Callable

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from backupviewer import __version__
from backupviewer.core.words import translate


def show_about(parent: QWidget, copied: Callable[[], None]) -> QMessageBox:
    """Open the About box over `parent`; its "Copy version info" button puts `version_info`
    on the clipboard and calls `copied` (a callable)."""
    box = QMessageBox(parent)
    box.setWindowTitle(translate("About", "About BackupViewer"))
    box.setIconPixmap(QGuiApplication.windowIcon().pixmap(64, 64))
    box.setText(f"<b>BackupViewer {__version__}</b>")
    versions = (
        f"Qt {qVersion()} · PySide6 {PySide6.__version__} · Python {platform.python_version()}"
    )
    box.setInformativeText(
        translate(
            "About",
            "<p>See at a glance whether the backups of a Datafor BI server ran.</p>"
            "<p>{versions}</p><p>MIT licence</p>",
        ).format(versions=versions)
    )
    box.setStyleSheet("QLabel#qt_msgbox_informativelabel { min-width: 420px; }")
    copy = box.addButton(translate("About", "Copy version info"), QMessageBox.ButtonRole.ActionRole)
    copy.setObjectName("copyVersionButton")
    copy.setToolTip(
        translate("About", "Copy the versions of BackupViewer, Qt and Python, for a bug report")
    )
    copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(version_info()))
    copy.clicked.connect(copied)
    box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Close))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def version_info() -> str:
    """The versions a bug report needs, as plain text lines."""
    return (
        f"BackupViewer {__version__}\n"
        f"Qt {qVersion()}\n"
        f"PySide6 {PySide6.__version__}\n"
        f"Python {platform.python_version()}\n"
        f"System {platform.platform()}\n"
    )

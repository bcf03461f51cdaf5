"""The dialog of an unexpected error: what happened, that the app goes on, and the details
for a report."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from backupviewer.core.words import translate
from backupviewer.widgets import message_box


def show_error_dialog(parent: QWidget | None, error: BaseException, details: str) -> None:
    """Tell the user something unexpected happened, without stopping the app."""
    box = message_box(
        QMessageBox.Icon.Critical,
        translate("ErrorDialog", "Unexpected error – BackupViewer"),
        translate("ErrorDialog", "Something unexpected went wrong. BackupViewer keeps running."),
        parent,
    )
    box.setInformativeText(
        translate(
            "ErrorDialog",
            "{error}\n\nIf it happens again, please report it with the details below.",
        ).format(error=f"{type(error).__name__}: {error}")
    )
    box.setDetailedText(details)
    box.open()

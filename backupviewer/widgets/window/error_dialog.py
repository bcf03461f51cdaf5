"""The dialog of an unexpected error: what happened, that the app goes on, and the details
for a report."""

from __future__ import annotations

import asyncio
import logging
import sys
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import Any

from PySide6.QtWidgets import QMessageBox, QWidget

from backupviewer.core.words import translate
from backupviewer.widgets import message_box

logger = logging.getLogger(__name__)


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


def install_excepthook(parent: Callable[[], QWidget | None]) -> None:
    """Route unexpected errors to the log and a dialog (`run` routes asyncio's here too)."""

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        logger.critical("Unexpected error", exc_info=(kind, error, trace))
        show_error_dialog(parent(), error, "".join(traceback.format_exception(kind, error, trace)))

    sys.excepthook = hook


def forward_loop_errors(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
    """An asyncio exception handler that hands errors to `sys.excepthook`."""
    error = context.get("exception")
    if isinstance(error, BaseException):
        sys.excepthook(type(error), error, error.__traceback__)
    else:
        logger.error("asyncio: %s", context.get("message"))

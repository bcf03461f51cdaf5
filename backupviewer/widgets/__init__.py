"""Windows and dialogs: sign-in, the main window and its parts (no HTTP, no client)."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

_Named = TypeVar("_Named", bound=QObject)


def named(item: _Named, name: str) -> _Named:
    """`item` with its object name set (tests and style sheets find widgets by name)."""
    item.setObjectName(name)
    return item


def plain(label: QLabel) -> QLabel:
    """`label` showing its text as written, never as markup (for text from outside)."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def rich(label: QLabel) -> QLabel:
    """`label` showing our own rich sentences (every outside part in them escaped)."""
    label.setTextFormat(Qt.TextFormat.RichText)
    return label


def message_box(
    icon: QMessageBox.Icon, title: str, text: str, parent: QWidget | None, name: str = ""
) -> QMessageBox:
    """A window-modal box with an OK button that shows its texts as written (they may hold a
    server's words or a path) and deletes itself when closed; open it with ``open()``."""
    box = QMessageBox(icon, title, "", QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    if name:
        box.setObjectName(name)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return box

"""Windows and dialogs: sign-in, the main window and its parts (no HTTP, no client)."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QObject

_Named = TypeVar("_Named", bound=QObject)


def named(item: _Named, name: str) -> _Named:
    """`item` with its object name set (tests and style sheets find widgets by name)."""
    item.setObjectName(name)
    return item

"""Letting go of what a view showed before, on a turn of the event loop of its own."""

from __future__ import annotations

from PySide6.QtCore import QTimer

_held: list[object] = []


def release_later(thing: object) -> None:
    """Drop this reference to `thing` a moment later: when it was the last, `thing` is freed
    then, not in the middle of showing what replaces it (freeing a snapshot of 27,000
    schedules takes some 10 ms). A timer of 1 ms, for Qt posts one of 0 ms as an event,
    handled in the same turn."""
    if not _held:
        QTimer.singleShot(1, _held.clear)
    _held.append(thing)

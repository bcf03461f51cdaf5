"""Python's cyclic garbage collector, kept from freezing the window.

A full collection looks at every object the collector tracks, and a server's schedules are
many objects: 27,000 of them (a 10 MB answer) are half a million, a pause of 100–150 ms each
time, several times a load. So full collections wait while a load runs, and what the load
left is then frozen (``gc.freeze``): out of the collector's sight from then on, and freed as
usual once nothing refers to it. What a session leaves is collected when it ends.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, SignalInstance

from backupviewer.qt.loader import HistoryLoader

_HELD = 1_000_000_000  # young collections before a full one: never, while a load runs


class Collector(QObject):
    """Holds full collections while `loader` (or another `watch`ed loader) is busy, freezes
    what they left when they are all done."""

    def __init__(self, loader: HistoryLoader, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._busy: set[int] = set()
        self._watched = 0
        self.watch(loader.busy_changed)

    def watch(self, busy_changed: SignalInstance) -> None:
        """Hold full collections while this signal last said True too."""
        self._watched += 1
        key = self._watched
        busy_changed.connect(lambda busy: self._on_busy_changed(key, busy))

    def _on_busy_changed(self, key: int, busy: bool) -> None:
        was = bool(self._busy)
        if busy:
            self._busy.add(key)
        else:
            self._busy.discard(key)
        if self._busy and not was:
            young, middle, _ = self._thresholds
            gc.set_threshold(young, middle, _HELD)
        elif was and not self._busy:
            gc.freeze()
            gc.set_threshold(*self._thresholds)

    def session_ended(self) -> None:
        """Collect what the session left, cycles too (one full pass, when nobody waits for
        the window), then keep the rest out of sight again."""
        gc.unfreeze()
        gc.collect()
        gc.freeze()

"""Guards the Qt runtime itself: PySide6 6.12.0 on CPython 3.11 corrupts reference counts."""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from pytestqt.qtbot import QtBot

CALLS = 3_000


class Emitter(QObject):
    fired = Signal(bool)


class Receiver(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def on_event(self, *args: object) -> None:
        self.count += 1


def test_thousands_of_timer_and_signal_slot_calls_keep_refcounts(qtbot: QtBot) -> None:
    receiver = Receiver()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    timer = QTimer()
    timer.setInterval(0)
    timer.timeout.connect(receiver.on_event)
    timer.start()
    deadline = time.monotonic() + 20
    while receiver.count < CALLS and time.monotonic() < deadline:
        QCoreApplication.processEvents()
    timer.stop()
    assert receiver.count >= CALLS
    emitter = Emitter()
    emitter.fired.connect(receiver.on_event)
    for _ in range(CALLS):
        emitter.fired.emit(True)
    assert receiver.count >= 2 * CALLS
    # A leak of one reference per call would show as thousands here.
    assert abs(sys.getrefcount(None) - none_before) < CALLS // 2
    assert abs(sys.getrefcount(True) - true_before) < CALLS // 2

"""While backups run, their spinners turn and their times running tick in the table."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from backupviewer.qt.history_model import HistoryModel
from backupviewer.qt.status_icons import SPINNER_FRAMES

INTERVAL_MS = 150


class RunningTicker(QObject):
    """Turns `model`'s spinner frame every `INTERVAL_MS` while a backup it shows runs."""

    def __init__(self, model: HistoryModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        model.counts_changed.connect(self._on_model_counts_changed)

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def _on_model_counts_changed(self) -> None:
        running = self._model.snapshot.running > 0
        if running and not self._timer.isActive():
            self._timer.start()
        elif not running:
            self._timer.stop()

    def _on_timer_timeout(self) -> None:
        self._model.frame = (self._model.frame + 1) % SPINNER_FRAMES
        self._model.tick_running()

"""What the window says about loading: progress and counts in the status bar, failures in the
banner, and why the table is empty."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from backupviewer.core.words import translate
from backupviewer.qt.history_model import HistoryModel
from backupviewer.qt.loader import HistoryLoader
from backupviewer.qt.watching import Watching
from backupviewer.widgets.health.history_chart import HistoryChart
from backupviewer.widgets.history.history_view import HistoryView, empty_table_words
from backupviewer.widgets.window.banner import Banner
from backupviewer.widgets.window.status_bar import StatusBar


class LoadReport(QObject):
    """Keeps `status`, `banner` and the words of the empty `table` and strip (`chart`) in step
    with the loader and the model; `filtering()` says what the health panel's choices hide;
    `actions` (export, copy) are enabled while there are rows."""

    def __init__(
        self,
        loader: HistoryLoader,
        model: HistoryModel,
        widgets: tuple[StatusBar, Banner, HistoryView, HistoryChart],
        filtering: Callable[[], str],
        actions: tuple[QAction, ...],
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self._loader, self._model = loader, model
        self._status, self._banner, self._table, self._chart = widgets
        self._filtering = filtering
        self._actions = actions
        self.failed = False
        loader.started.connect(self._on_loader_started)
        loader.progress.connect(self._on_loader_progress)
        loader.loaded.connect(self._on_loader_loaded)
        loader.failed.connect(self._on_loader_failed)
        loader.session_expired.connect(self._banner.show_session_ended)
        loader.not_permitted.connect(self._on_loader_not_permitted)
        loader.busy_changed.connect(self._on_loader_busy_changed)
        self._watching: Watching | None = None
        model.counts_changed.connect(self.update_counts)
        model.snapshot_changed.connect(self.update_placeholder)

    def forget(self) -> None:
        """The session ended: nothing of it stays in the status bar."""
        self.failed = False
        self._banner.hide()
        self._status.clear_session()
        self.update_counts()

    def update_counts(self) -> None:
        model = self._model
        shown, total = model.shown_count, model.total_count
        loaded = self._loader.last_loaded is not None and not self._loader.busy
        missed = model.missed_runs()
        self._status.show_counts(shown, total, loaded=loaded, missed=missed)
        for action in self._actions:
            action.setEnabled(model.rowCount() > 0)
        self.update_placeholder()

    def update_placeholder(self) -> None:
        busy, loaded = self._loader.busy, self._loader.last_loaded is not None
        self._table.set_placeholder(
            empty_table_words(
                self._model,
                busy=busy,
                failed=self.failed,
                loaded=loaded,
                filtering=self._filtering(),
            )
        )
        if busy:
            strip = translate("LoadReport", "Loading the backup history…")
        elif self.failed and not self._model.total_count:
            strip = translate("LoadReport", "No backups could be loaded: see the message above.")
        else:
            strip = ""
        self._chart.set_placeholder(strip)

    def _on_loader_started(self) -> None:
        self._status.show_progress(translate("LoadReport", "Loading the backup history…"))
        self.update_placeholder()

    def _on_loader_progress(self, count: int) -> None:
        self._status.show_progress(
            translate("LoadReport", "Loading… {count:,} backups so far").format(count=count)
        )

    def _on_loader_loaded(self, count: int) -> None:
        self.failed = False
        self._banner.hide()
        if self._loader.last_loaded is not None:
            self._status.show_refreshed(self._loader.last_loaded)
        self.update_placeholder()

    def _on_loader_failed(self, message: str) -> None:
        self.failed = True
        kept = self._model.total_count > 0
        self._banner.show_load_failure(message, self._loader.last_loaded if kept else None)
        self._status.show_refresh_failed()
        self.update_placeholder()

    def _on_loader_not_permitted(self, message: str) -> None:
        self.failed = True
        self._banner.show_not_permitted(message)
        self.update_placeholder()

    def _on_loader_busy_changed(self, busy: bool) -> None:
        self._status.show_busy(busy)
        self.update_counts()

    def watch(self, watching: Watching) -> None:
        """Say in the status bar how often a running backup is checked."""
        self._watching = watching
        watching.auto_refresh_changed.connect(self._on_watching_auto_refresh_changed)

    def _on_watching_auto_refresh_changed(self, active: bool) -> None:
        assert self._watching is not None
        seconds = self._watching.auto_refresh_seconds
        self._status.show_auto_refresh(
            translate("LoadReport", "A backup is running: checked every {seconds:g} s").format(
                seconds=seconds
            )
            if active
            else ""
        )

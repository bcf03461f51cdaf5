"""The main window: the backup table with filters, the detail pane, export, copy and refresh."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import (
    QByteArray,
    QModelIndex,
    QPoint,
    QSettings,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QMainWindow,
    QMenu,
    QSplitter,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from backupviewer.core.columns import Column
from backupviewer.core.records import Record, Status
from backupviewer.qt.downloads import Downloads
from backupviewer.qt.health_monitor import HealthMonitor
from backupviewer.qt.history_model import HistoryModel
from backupviewer.qt.loader import HistoryLoader
from backupviewer.widgets import named
from backupviewer.widgets.about import show_about
from backupviewer.widgets.actions import make_action
from backupviewer.widgets.banner import Banner
from backupviewer.widgets.detail_pane import DetailPane
from backupviewer.widgets.download_flow import DownloadFlow
from backupviewer.widgets.filter_bar import FilterBar
from backupviewer.widgets.health_panel import HealthPanel
from backupviewer.widgets.health_settings import HealthSettingsDialog
from backupviewer.widgets.history_view import HistoryView, empty_table_words
from backupviewer.widgets.status_bar import StatusBar
from backupviewer.widgets.table_output import TableOutput

logger = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    """The table of backups, the filters, the health of the backups, the schedules and the
    detail pane.

    Talks to the `HistoryLoader`, the model, the `HealthMonitor` (its settings) and `Downloads`.
    Signals: ``sign_out_requested()``, ``sign_in_requested()`` (after the session ended),
    ``closed()`` (the user closed it).
    """

    sign_out_requested = Signal()
    sign_in_requested = Signal()
    closed = Signal()

    def __init__(
        self,
        model: HistoryModel,
        loader: HistoryLoader,
        settings: QSettings,
        clock: Callable[[], datetime] | None = None,
        parent: QWidget | None = None,
        *,
        health: HealthMonitor | None = None,
        downloads: Downloads | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle("BackupViewer")
        self.model = model
        self.loader = loader
        self.health = health
        self.downloads = downloads
        self._settings = settings
        self._failed = False
        self._build_actions()
        self._build_central(clock)
        self._build_menus()
        self._build_status_bar()
        self._connect()
        self.restore_settings()
        self._update_counts()

    # -- building --------------------------------------------------------------------------

    def _build_actions(self) -> None:
        icon = self.style().standardIcon
        self.action_refresh = make_action(
            self, "actionRefresh", "&Refresh", QKeySequence.StandardKey.Refresh, "Ctrl+R", "F5"
        )
        self.action_refresh.setIcon(icon(QStyle.StandardPixmap.SP_BrowserReload))
        self.action_export = make_action(
            self, "actionExportCsv", "&Export to CSV…", "Ctrl+E", tip="Export the rows shown to CSV"
        )
        self.action_export.setIcon(icon(QStyle.StandardPixmap.SP_DialogSaveButton))
        self.action_copy = make_action(
            self,
            "actionCopy",
            "&Copy rows",
            QKeySequence.StandardKey.Copy,
            tip="Copy the selected rows",
        )
        self.action_download = make_action(
            self,
            "actionDownload",
            "&Download backup…",
            "Ctrl+D",
            tip="Save the selected backup's zip",
        )
        self.action_download.setIcon(icon(QStyle.StandardPixmap.SP_ArrowDown))
        self.action_download.setEnabled(False)
        self.action_health = make_action(self, "actionHealthSettings", "&Health check…")
        self.action_health.setEnabled(self.health is not None)
        self.action_sign_out = make_action(self, "actionSignOut", "Sign &out")
        self.action_find = make_action(
            self, "actionFind", "&Filter…", QKeySequence.StandardKey.Find
        )
        self.action_details = make_action(self, "actionDetails", "&Details pane", "F9")
        self.action_details.setCheckable(True)
        self.action_details.setChecked(True)
        self.action_about = make_action(self, "actionAbout", "&About BackupViewer")
        self.action_quit = make_action(self, "actionQuit", "&Quit", QKeySequence.StandardKey.Quit)
        self.action_show_row = QAction("Show details", self)
        self.action_show_row.setShortcuts([QKeySequence(Qt.Key.Key_Return),
                                           QKeySequence(Qt.Key.Key_Enter)])  # fmt: skip
        self.action_show_row.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)

    def _build_central(self, clock: Callable[[], datetime] | None) -> None:
        self.banner = Banner()

        find_key = self.action_find.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self.filters = FilterBar(find_key)
        self.filter_edit, self.status_filter = self.filters.edit, self.filters.status

        self.table = HistoryView(self.model)
        self.table.addAction(self.action_show_row)

        self.detail_pane = DetailPane(clock or _now, self)
        self.health_panel = HealthPanel(self.model, clock or _now, self)
        self.output = TableOutput(self.model, self.visible_columns, self._settings, self, self._say)
        self.flow = (
            DownloadFlow(self.downloads, self._settings, self, self._say)
            if (self.downloads is not None)
            else None
        )
        self.lists = named(QSplitter(Qt.Orientation.Vertical), "listsSplitter")
        self.lists.addWidget(self.health_panel.schedules)
        self.lists.addWidget(self.table)
        self.lists.setStretchFactor(1, 1)
        self.lists.setSizes([150, 600])
        self.splitter = named(QSplitter(Qt.Orientation.Horizontal), "mainSplitter")
        self.splitter.addWidget(self.lists)
        self.splitter.addWidget(self.detail_pane)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(0, False)
        self.splitter.setSizes([900, 380])

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.health_panel.summary)
        layout.addWidget(self.health_panel.chart)
        layout.addWidget(self.filters)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.setTabOrder(self.status_filter, self.table)
        self.setTabOrder(self.table, self.detail_pane.browser)
        self.resize(_initial_size(self.screen().availableGeometry().size()))

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self.action_export)
        file_menu.addAction(self.action_download)
        file_menu.addSeparator()
        file_menu.addAction(self.action_sign_out)
        file_menu.addAction(self.action_quit)
        edit_menu = bar.addMenu("&Edit")
        edit_menu.addAction(self.action_copy)
        edit_menu.addAction(self.action_find)
        view_menu = bar.addMenu("&View")
        view_menu.addAction(self.action_refresh)
        view_menu.addAction(self.action_details)
        view_menu.addAction(self.action_health)
        self.columns_menu = view_menu.addMenu("&Columns")
        self.columns_menu.aboutToShow.connect(self._on_columns_menu_about_to_show)
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.action_about)
        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("mainToolBar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.setMovable(False)
        toolbar.addAction(self.action_refresh)
        toolbar.addAction(self.action_export)
        toolbar.addAction(self.action_download)
        toolbar.addSeparator()
        toolbar.addAction(self.action_sign_out)

    def _build_status_bar(self) -> None:
        self.status = StatusBar()
        self.setStatusBar(self.status)

    def _connect(self) -> None:
        self.action_refresh.triggered.connect(self._on_action_refresh_triggered)
        self.action_export.triggered.connect(self._on_action_export_triggered)
        self.action_copy.triggered.connect(self._on_action_copy_triggered)
        self.action_sign_out.triggered.connect(self.sign_out_requested)
        self.action_find.triggered.connect(self._on_action_find_triggered)
        self.action_details.toggled.connect(self._on_action_details_toggled)
        self.action_about.triggered.connect(self._on_action_about_triggered)
        self.action_download.triggered.connect(self._on_action_download_triggered)
        self.action_health.triggered.connect(self._on_action_health_triggered)
        self.detail_pane.download_requested.connect(self._on_detail_pane_download_requested)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._on_table_context_menu_requested)
        self.table.selectionModel().selectionChanged.connect(self._update_download)
        self.model.health_changed.connect(self._update_placeholder)
        self.model.health_changed.connect(self._show_current)
        self.action_quit.triggered.connect(self.close)
        self.action_show_row.triggered.connect(self._on_action_show_row_triggered)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.table.selectionModel().currentRowChanged.connect(self._on_selection_current_changed)
        self.filters.text_changed.connect(self.model.set_filter_text)
        self.filters.status_chosen.connect(self.model.set_status_filter)
        self.model.counts_changed.connect(self._update_counts)
        self.model.modelReset.connect(self._on_model_reset)
        self.banner.retry_clicked.connect(self._on_action_refresh_triggered)
        self.banner.sign_in_clicked.connect(self.sign_in_requested)
        self.detail_pane.copied.connect(self._on_detail_pane_copied)
        loader = self.loader
        loader.started.connect(self._on_loader_started)
        loader.progress.connect(self._on_loader_progress)
        loader.loaded.connect(self._on_loader_loaded)
        loader.failed.connect(self._on_loader_failed)
        loader.session_expired.connect(self._on_loader_session_expired)
        loader.not_permitted.connect(self._on_loader_not_permitted)
        loader.busy_changed.connect(self._on_loader_busy_changed)
        loader.auto_refresh_changed.connect(self._on_loader_auto_refresh_changed)

    # -- what the app calls ----------------------------------------------------------------

    def set_session(self, user: str, server: str) -> None:
        """Who is signed in where (status bar and title)."""
        self.status.show_session(user, server)
        self.setWindowTitle(f"Backups on {server} – BackupViewer")

    def selected_rows(self) -> list[int]:
        """The selected rows in view order."""
        return self.table.selected_rows()

    def visible_columns(self) -> list[Column]:
        """The shown columns in the order the user arranged them."""
        return self.table.visible_columns()

    def export_csv(self, path: str | Path, *, bom: bool = False) -> int | None:
        """Write the rows as shown (filter and sort applied, visible columns) to `path`; the
        rows written, or None when the file could not be written (the user is told why)."""
        return self.output.export_csv(path, bom=bom)

    def copy_selected(self) -> int:
        """Put the selected rows (visible columns, header first) on the clipboard as TSV."""
        return self.output.copy_rows(self.selected_rows())

    def show_details_of(self, row: int) -> None:
        """Show the pane (if hidden) with the backup in `row`."""
        if not 0 <= row < self.model.rowCount():
            return
        self.action_details.setChecked(True)
        self.detail_pane.show_record(self.model.record_at(row), self.model.notes_at(row))

    def save_settings(self) -> None:
        settings = self._settings
        settings.setValue("mainWindow/geometry", self.saveGeometry())
        settings.setValue("mainWindow/state", self.saveState())
        settings.setValue("mainWindow/splitter", self.splitter.saveState())
        self.table.save_header(settings, "mainWindow/header")
        settings.setValue("mainWindow/details", self.action_details.isChecked())

    def restore_settings(self) -> None:
        settings = self._settings
        for key, restore in (
            ("mainWindow/geometry", self.restoreGeometry),
            ("mainWindow/state", self.restoreState),
            ("mainWindow/splitter", self.splitter.restoreState),
        ):
            value = settings.value(key)
            if isinstance(value, QByteArray | bytes) and not restore(value):
                logger.info("Ignoring saved %s", key)
        details = settings.value("mainWindow/details", True)
        self.action_details.setChecked(details not in (False, "false"))
        self._on_action_details_toggled(self.action_details.isChecked())
        self.table.restore_header(settings, "mainWindow/header")

    # -- events ----------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        event.accept()
        self.closed.emit()

    def _on_action_refresh_triggered(self) -> None:
        if self.loader.refresh() is None:
            self.sign_in_requested.emit()

    def _on_action_export_triggered(self) -> None:
        self.output.ask()

    def _on_action_copy_triggered(self) -> None:
        self.copy_selected()

    def _on_action_find_triggered(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    def _on_action_details_toggled(self, visible: bool) -> None:
        self.detail_pane.setVisible(visible)
        if visible:
            self._show_current()

    def _on_action_about_triggered(self) -> None:
        show_about(
            self, lambda: self.statusBar().showMessage("Copied the version information", 5_000)
        )

    def _on_action_show_row_triggered(self) -> None:
        self.show_details_of(self.table.currentIndex().row())

    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        self.show_details_of(index.row())

    def _on_selection_current_changed(self, current: QModelIndex) -> None:
        if self.action_details.isChecked():
            self._show_current(current)

    def _show_current(self, current: QModelIndex | None = None) -> None:
        index = current if current is not None else self.table.currentIndex()
        if index.isValid():
            row = index.row()
            self.detail_pane.show_record(self.model.record_at(row), self.model.notes_at(row))
        elif self.model.rowCount() == 0:
            self.detail_pane.show_record(None)
        self._update_download()

    def _on_action_download_triggered(self) -> None:
        rows = self.selected_rows() or [self.table.currentIndex().row()]
        if self.flow is not None and len(rows) == 1 and 0 <= rows[0] < self.model.rowCount():
            self.flow.ask(self.model.record_at(rows[0]))

    def _on_detail_pane_download_requested(self, record: Record) -> None:
        if self.flow is not None:
            self.flow.ask(record)

    def _on_action_health_triggered(self) -> None:
        if self.health is None:
            return
        dialog = HealthSettingsDialog(self.health.settings, self)
        dialog.chosen.connect(self.health.change)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _on_table_context_menu_requested(self, position: QPoint) -> None:
        menu = QMenu(self)
        for action in (self.action_show_row, self.action_download, self.action_copy):
            menu.addAction(action)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.table.viewport().mapToGlobal(position))

    def _update_download(self) -> None:
        """Download is offered for one selected backup that succeeded."""
        rows = self.selected_rows()
        can = (
            self.flow is not None
            and len(rows) == 1
            and self.model.status_at(rows[0]) is Status.SUCCEEDED
        )
        self.action_download.setEnabled(can)

    def _say(self, text: str) -> None:
        self.statusBar().showMessage(text, 15_000)

    def _on_columns_menu_about_to_show(self) -> None:
        self.columns_menu.clear()
        self.table.fill_columns_menu(self.columns_menu)

    def _on_model_reset(self) -> None:
        if not self.table.currentIndex().isValid() and self.detail_pane.record is not None:
            self.detail_pane.show_record(None)

    def _on_detail_pane_copied(self, what: str) -> None:
        self.statusBar().showMessage(f"Copied {what}", 5_000)

    def _on_loader_started(self) -> None:
        self.status.show_progress("Loading the backup history…")
        self._update_placeholder()

    def _on_loader_progress(self, count: int) -> None:
        self.status.show_progress(f"Loading… {count:,} backups so far")

    def _on_loader_loaded(self, count: int) -> None:
        self._failed = False
        self.banner.hide()
        if self.loader.last_loaded is not None:
            self.status.show_refreshed(self.loader.last_loaded)
        self._update_placeholder()

    def _on_loader_failed(self, message: str) -> None:
        self._failed = True
        kept = self.model.total_count > 0
        self.banner.show_load_failure(message, self.loader.last_loaded if kept else None)
        self._update_placeholder()

    def _on_loader_not_permitted(self, message: str) -> None:
        self._failed = True
        self.banner.show_not_permitted(message)
        self._update_placeholder()

    def _on_loader_session_expired(self) -> None:
        self.banner.show_session_ended()

    def _on_loader_busy_changed(self, busy: bool) -> None:
        self.status.show_busy(busy)
        self._update_counts()

    def _on_loader_auto_refresh_changed(self, active: bool) -> None:
        seconds = self.loader.auto_refresh_seconds
        self.status.show_auto_refresh(
            f"A backup is running: refreshing every {seconds:g} s" if active else ""
        )

    def _update_counts(self) -> None:
        model = self.model
        shown, total = model.shown_count, model.total_count
        loaded = self.loader.last_loaded is not None and not self.loader.busy
        missed = (model.missed_shown, model.missed_count)
        self.status.show_counts(shown, total, loaded=loaded, missed=missed)
        self.action_export.setEnabled(model.rowCount() > 0)
        self.action_copy.setEnabled(model.rowCount() > 0)
        self._update_placeholder()

    def _update_placeholder(self) -> None:
        self.table.set_placeholder(
            empty_table_words(
                self.model,
                busy=self.loader.busy,
                failed=self._failed,
                loaded=self.loader.last_loaded is not None,
                filtering=self.health_panel.filtering,
            )
        )


def _initial_size(available: QSize) -> QSize:
    """The window's first size: roomy, but within the screen, with space for its frame."""
    room = QSize(available.width() * 19 // 20, available.height() * 9 // 10)
    return QSize(1300, 760).boundedTo(room)


def _now() -> datetime:
    return datetime.now().astimezone()

"""The main window: the backup table with filters, the detail pane, export, copy and refresh."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import (
    QByteArray,
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
    QSplitter,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from backupviewer.core.columns import Column
from backupviewer.core.records import Record, Status
from backupviewer.core.words import translate
from backupviewer.qt.downloads import Downloads
from backupviewer.qt.health_monitor import HealthMonitor
from backupviewer.qt.history_model import HistoryModel
from backupviewer.qt.loader import HistoryLoader
from backupviewer.qt.plain_text import one_line
from backupviewer.qt.watching import Watching
from backupviewer.widgets import named
from backupviewer.widgets.actions import make_action
from backupviewer.widgets.details.detail_pane import DetailPane
from backupviewer.widgets.details.download_flow import DownloadFlow
from backupviewer.widgets.health.health_panel import HealthPanel
from backupviewer.widgets.health.health_settings import HealthSettingsDialog
from backupviewer.widgets.history.filter_bar import FilterBar
from backupviewer.widgets.history.history_view import HistoryView
from backupviewer.widgets.history.row_menu import RowMenu
from backupviewer.widgets.history.table_output import TableOutput
from backupviewer.widgets.window.banner import Banner
from backupviewer.widgets.window.clock_choice import ClockChoice
from backupviewer.widgets.window.details_splitter import DetailsSplitter, PaneFollower
from backupviewer.widgets.window.language_choice import LanguageChoice
from backupviewer.widgets.window.load_report import LoadReport
from backupviewer.widgets.window.main_menus import build_menus
from backupviewer.widgets.window.notifier import Notifier
from backupviewer.widgets.window.status_bar import StatusBar

logger = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    """The table of backups, the filters, the health of the backups, the schedules and the
    detail pane.

    Talks to the `HistoryLoader`, the model, the `HealthMonitor` (its settings) and `Downloads`.
    Signals: ``sign_out_requested()``, ``sign_in_requested()`` (after the session ended),
    ``sign_in_as_another_requested()`` (not an administrator), ``closed()`` (the user closed
    it).
    """

    sign_out_requested = Signal()
    sign_in_requested = Signal()
    sign_in_as_another_requested = Signal()
    all_servers_requested = Signal()
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
        watching: Watching | None = None,
        settings_key: str = "mainWindow",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.settings_key = settings_key  # (where its sizes and columns are kept)
        self.setWindowTitle("BackupViewer")
        self.model = model
        self.loader = loader
        self.health = health
        self.watching = watching
        self.downloads = downloads
        self._settings = settings
        self._clock = clock or _now
        self.clock = ClockChoice(self)
        self.language = LanguageChoice(settings, self)
        self._build_actions()
        self._build_central(self._clock)
        self._build_menus()
        self._build_status_bar()
        self._connect()
        self.restore_settings()
        self.report.update_counts()

    # -- building --------------------------------------------------------------------------

    def _build_actions(self) -> None:
        icon = self.style().standardIcon
        self.action_refresh = make_action(
            self,
            "actionRefresh",
            translate("MainWindow", "&Refresh"),
            QKeySequence.StandardKey.Refresh,
            "Ctrl+R",
            "F5",
        )
        self.action_refresh.setIcon(icon(QStyle.StandardPixmap.SP_BrowserReload))
        self.action_export = make_action(
            self,
            "actionExportCsv",
            translate("MainWindow", "&Export to CSV…"),
            "Ctrl+E",
            tip=translate("MainWindow", "Export the rows shown to CSV"),
        )
        self.action_export.setIcon(icon(QStyle.StandardPixmap.SP_DialogSaveButton))
        self.action_copy = make_action(
            self,
            "actionCopy",
            translate("MainWindow", "&Copy rows"),
            QKeySequence.StandardKey.Copy,
            tip=translate("MainWindow", "Copy the selected rows"),
        )
        self.action_download = make_action(
            self,
            "actionDownload",
            translate("MainWindow", "&Download backup…"),
            "Ctrl+D",
            tip=translate("MainWindow", "Save the selected backup's zip"),
        )
        self.action_download.setIcon(icon(QStyle.StandardPixmap.SP_ArrowDown))
        self.action_download.setEnabled(False)
        self.action_health = make_action(
            self, "actionHealthSettings", translate("MainWindow", "&Health check…")
        )
        self.action_health.setEnabled(self.health is not None)
        self.action_watch = make_action(
            self,
            "actionWatch",
            translate("MainWindow", "&Watch in the background"),
            tip=translate(
                "MainWindow",
                "Fetch the history every few minutes and tell about new failures and missed runs",
            ),
        )
        self.action_watch.setCheckable(True)
        self.action_all_servers = make_action(
            self,
            "actionAllServers",
            translate("MainWindow", "&All servers…"),
            "Ctrl+Shift+A",
            tip=translate("MainWindow", "Every server you keep, the worst first"),
        )
        self.action_all_servers.triggered.connect(self.all_servers_requested)
        self.action_sign_out = make_action(
            self, "actionSignOut", translate("MainWindow", "Sign &out")
        )
        self.action_find = make_action(
            self, "actionFind", translate("MainWindow", "&Filter…"), QKeySequence.StandardKey.Find
        )
        self.action_details = make_action(
            self, "actionDetails", translate("MainWindow", "&Details pane"), "F9"
        )
        self.action_details.setCheckable(True)
        self.action_details.setChecked(True)
        self.action_quit = make_action(
            self, "actionQuit", translate("MainWindow", "&Quit"), QKeySequence.StandardKey.Quit
        )
        self.action_show_row = QAction(translate("MainWindow", "Show details"), self)
        self.action_show_row.setShortcuts([QKeySequence(Qt.Key.Key_Return),
                                           QKeySequence(Qt.Key.Key_Enter)])  # fmt: skip
        self.action_show_row.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)

    def _build_central(self, clock: Callable[[], datetime] | None) -> None:
        self.banner = Banner()

        find_key = self.action_find.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self.filters = FilterBar(find_key, now_ms=lambda: round(self._clock().timestamp() * 1000))
        self.filter_edit, self.status_filter = self.filters.edit, self.filters.status

        self.table = HistoryView(self.model)
        self.table.addAction(self.action_show_row)

        self.detail_pane = DetailPane(clock or _now, self)
        self.health_panel = HealthPanel(self.model, clock or _now, self)
        self.output = TableOutput(
            self.model, self.visible_columns, self._settings, self, self._say, self._exported
        )
        self.flow = (
            DownloadFlow(self.downloads, self._settings, self, self._say, self._exported)
            if (self.downloads is not None)
            else None
        )
        self.lists = named(QSplitter(Qt.Orientation.Vertical), "listsSplitter")
        self.lists.addWidget(self.health_panel.schedules)
        self.lists.addWidget(self.table)
        self.lists.setStretchFactor(0, 2)  # the health of the schedules first: about 10 rows
        self.lists.setStretchFactor(1, 3)
        self.lists.setSizes([260, 440])
        self.splitter = DetailsSplitter(self.lists, self.detail_pane)

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
        self.columns_menu, self.help_menu = build_menus(self, self)
        self.columns_menu.aboutToShow.connect(self._on_columns_menu_about_to_show)
        self.action_about = self.help_menu.action_about

    def _build_status_bar(self) -> None:
        self.status = StatusBar(self._clock)
        self.setStatusBar(self.status)
        self.notifier = Notifier(self.model, self.windowIcon(), self._say, self)
        self.report = LoadReport(
            self.loader,
            self.model,
            (self.status, self.banner, self.table, self.health_panel.chart),
            lambda: self.health_panel.filtering,
            (self.action_export, self.action_copy),
            self,
        )
        if self.watching is not None:
            self.report.watch(self.watching)

    def _connect(self) -> None:
        self.action_refresh.triggered.connect(self._on_action_refresh_triggered)
        self.action_export.triggered.connect(self._on_action_export_triggered)
        self.action_copy.triggered.connect(self._on_action_copy_triggered)
        self.action_sign_out.triggered.connect(self.sign_out_requested)
        self.action_find.triggered.connect(self._on_action_find_triggered)
        self.action_download.triggered.connect(self._on_action_download_triggered)
        self.action_health.triggered.connect(self._on_action_health_triggered)
        self.action_watch.toggled.connect(self._on_action_watch_toggled)
        self.notifier.show_row.connect(self._on_notifier_show_row)
        self.detail_pane.download_requested.connect(self._on_detail_pane_download_requested)
        self.row_menu = RowMenu(
            self.table,
            self.output,
            self.selected_rows,
            (self.action_show_row, self.action_copy, self.action_download),
        )
        self.table.selectionModel().selectionChanged.connect(self._update_download)
        self.action_quit.triggered.connect(self.close)
        self.details = PaneFollower(
            self.splitter, self.detail_pane, self.table, self.action_details, self
        )
        self.details.shown.connect(self._update_download)
        self.action_details.toggled.connect(self.details.set_wanted)
        self.action_show_row.triggered.connect(
            lambda: self.show_details_of(self.table.currentIndex().row())
        )
        self.filters.text_changed.connect(self.model.set_filter_text)
        self.filters.status_chosen.connect(self.model.set_status_filter)
        self.filters.server_chosen.connect(self.model.set_server_filter)
        self.filters.since_chosen.connect(self.model.set_since)
        self.filters.into_results.connect(self._on_filters_into_results)
        self.filters.schedule_cleared.connect(lambda: self.health_panel.schedules.choose(None))
        self.filters.day_cleared.connect(lambda: self.health_panel.chart.choose(None))
        self.health_panel.choices_changed.connect(self._on_health_panel_choices_changed)
        self.model.counts_changed.connect(self._on_model_counts_changed)
        self.loader.busy_changed.connect(self._on_model_counts_changed)
        self.loader.loaded.connect(self.filters.choose_period)  # "last 24 hours" moves on
        self.banner.retry_clicked.connect(self._on_action_refresh_triggered)
        self.banner.sign_in_clicked.connect(self._on_banner_sign_in_clicked)
        self.detail_pane.copied.connect(self._on_detail_pane_copied)
        self.clock.changed.connect(self.model.set_local_clock)
        self.clock.changed.connect(self.detail_pane.set_local_clock)
        self.clock.changed.connect(self.health_panel.set_local_clock)

    # -- what the app calls ----------------------------------------------------------------

    def set_session(self, user: str, server: str) -> None:
        """Who is signed in where (status bar and title)."""
        self.status.show_session(user, server)
        self.setWindowTitle(
            translate("MainWindow", "Backups on {server} – BackupViewer").format(
                server=one_line(server)
            )
        )

    def forget_session(self) -> None:
        """Signed out: nothing of the session stays – counts, times, user, choices, news."""
        self.report.forget()
        self.notifier.forget()
        self.health_panel.clear_choices()
        self.filters.clear()
        self.details.clear()
        self.setWindowTitle("BackupViewer")

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
        self.details.show_row(row)

    def save_settings(self) -> None:
        settings = self._settings
        settings.setValue(f"{self.settings_key}/geometry", self.saveGeometry())
        settings.setValue(f"{self.settings_key}/state", self.saveState())
        self.splitter.save(settings)
        settings.setValue(f"{self.settings_key}/lists", self.lists.saveState())
        self.table.save_header(settings, f"{self.settings_key}/header")
        settings.setValue(f"{self.settings_key}/details", self.action_details.isChecked())
        self.clock.save(settings)

    def restore_settings(self) -> None:
        settings = self._settings
        for key, restore in (
            (f"{self.settings_key}/geometry", self.restoreGeometry),
            (f"{self.settings_key}/state", self.restoreState),
            (f"{self.settings_key}/lists", self.lists.restoreState),
        ):
            value = settings.value(key)
            if isinstance(value, QByteArray | bytes) and not restore(value):
                logger.info("Ignoring saved %s", key)
        self.splitter.restore(settings)
        watch = settings.value("watch/background", True)
        self.action_watch.setChecked(watch not in (False, "false"))
        self._on_action_watch_toggled(self.action_watch.isChecked())
        details = settings.value(f"{self.settings_key}/details", True)
        self.action_details.setChecked(details not in (False, "false"))
        self.details.set_wanted(self.action_details.isChecked())
        self.table.restore_header(settings, f"{self.settings_key}/header")
        self.clock.restore(settings)

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

    def _on_banner_sign_in_clicked(self) -> None:
        if self.banner.another_user:
            self.sign_in_as_another_requested.emit()
        else:
            self.sign_in_requested.emit()

    def _on_action_watch_toggled(self, on: bool) -> None:
        if self.watching is not None:
            self.watching.background = on
        self._settings.setValue("watch/background", on)

    def _on_notifier_show_row(self, key: str) -> None:
        """Bring the window up with the row of `key` selected (the filters cleared if they
        hide it)."""
        self.showNormal()
        self.raise_()
        self.activateWindow()
        if self.model.row_of(key) is None:
            self.filter_edit.clear()
            self.status_filter.setCurrentIndex(0)
            self.health_panel.clear_choices()
        self.filters.clear()
        row = self.model.row_of(key)
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

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

    def _exported(self, text: str, path: Path) -> None:
        self.statusBar().clearMessage()
        self.status.show_exported(text, path)

    def _on_columns_menu_about_to_show(self) -> None:
        self.columns_menu.clear()
        self.table.fill_columns_menu(self.columns_menu)

    def _on_filters_into_results(self) -> None:
        """From the filter box to the rows found: the current one, else the first."""
        if self.model.rowCount() == 0:
            return
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if not self.table.currentIndex().isValid():
            self.table.selectRow(0)

    def _on_health_panel_choices_changed(self) -> None:
        panel = self.health_panel
        self.filters.show_choices(panel.chosen_schedule, panel.chosen_day)

    def _on_model_counts_changed(self) -> None:
        if not self.loader.busy:  # (counted once the rows are in, not for each piece)
            self.filters.show_counts(self.model.status_counts())

    def _on_detail_pane_copied(self, what: str) -> None:
        self.statusBar().showMessage(
            translate("MainWindow", "Copied {what}").format(what=what), 5_000
        )


def _initial_size(available: QSize) -> QSize:
    """The window's first size: roomy, but within the screen, with space for its frame."""
    room = QSize(available.width() * 19 // 20, available.height() * 9 // 10)
    return QSize(1300, 760).boundedTo(room)


def _now() -> datetime:
    return datetime.now().astimezone()

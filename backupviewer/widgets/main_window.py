"""The main window: the backup table with filters, the detail pane, export, copy and refresh."""

from __future__ import annotations

import html
import logging
import platform
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import PySide6
from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPoint,
    QSettings,
    QSize,
    Qt,
    Signal,
    qVersion,
)
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QFocusEvent,
    QGuiApplication,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStyle,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from backupviewer import __version__
from backupviewer.core.columns import Column
from backupviewer.qt.history_model import HistoryModel
from backupviewer.qt.loader import HistoryLoader
from backupviewer.qt.status_icons import status_icon, warning_icon
from backupviewer.table.query import StatusFilter
from backupviewer.widgets import named
from backupviewer.widgets.detail_pane import DetailPane

logger = logging.getLogger(__name__)

_DEFAULT_WIDTHS = {
    Column.STATUS: 110,
    Column.NAME: 170,
    Column.STARTED: 150,
    Column.FINISHED: 150,
    Column.DURATION: 90,
    Column.MESSAGE: 200,
    Column.CONTENT: 220,
    Column.SCHEDULE: 280,
    Column.CREATED_BY: 100,
    Column.ID: 270,
}
_DEFAULT_COLUMNS = tuple(_DEFAULT_WIDTHS)
"""The columns shown until the user changes them, in their order: the failure reason
(Message) comes early, where a wide enough window shows it without scrolling."""
_HEADER_LAYOUT = 2
"""Saved with the header state; a state saved before (layout 1) had Message hidden only
because it was hidden by default then, so it is shown once when such a state is restored."""
_STATUS_CHOICES = {
    StatusFilter.ALL: "All statuses",
    StatusFilter.ATTENTION: "Needs attention",
    StatusFilter.FAILED: "Failed",
    StatusFilter.RUNNING: "Running",
    StatusFilter.SUCCEEDED: "Succeeded",
}
"""The status filter's choices, in the order the drop-down offers them."""
_TSV_SAFE = str.maketrans("\t\r\n", "   ")  # a cell stays on its line and in its column
_EXCEL_FILTER = "CSV for Excel, UTF-8 with BOM (*.csv)"
_CSV_FILTER = "CSV, UTF-8 (*.csv)"


class HistoryView(QTableView):
    """The table; says why it is empty instead of showing a blank grid, selects the first row
    when the keyboard brings the focus to it with no row current, and keeps the current row
    in sight when the rows are sorted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.placeholder = ""

    def setModel(self, model: QAbstractItemModel | None) -> None:
        old = self.model()
        if old is not None:
            old.layoutChanged.disconnect(self._on_model_layout_changed)
        super().setModel(model)
        if model is not None:
            model.layoutChanged.connect(self._on_model_layout_changed)

    def focusInEvent(self, event: QFocusEvent) -> None:
        had_current = self.currentIndex().isValid()
        super().focusInEvent(event)  # may make the first cell current, without selecting it
        model = self.model()
        keyboard = event.reason() not in (
            Qt.FocusReason.MouseFocusReason,
            Qt.FocusReason.PopupFocusReason,
        )
        if had_current or not keyboard or model is None or model.rowCount() == 0:
            return
        current = self.currentIndex()
        if not current.isValid():
            header = self.horizontalHeader()
            shown = (header.logicalIndex(v) for v in range(header.count()))
            current = model.index(0, next((c for c in shown if not self.isColumnHidden(c)), 0))
        flags = QItemSelectionModel.SelectionFlag
        self.selectionModel().setCurrentIndex(current, flags.ClearAndSelect | flags.Rows)

    def _on_model_layout_changed(self) -> None:
        current = self.currentIndex()
        if current.isValid():
            self.scrollTo(current)

    def set_placeholder(self, text: str) -> None:
        if text != self.placeholder:
            self.placeholder = text
            self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        if self.placeholder and model is not None and model.rowCount() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().placeholderText().color())
            area = self.viewport().rect().adjusted(24, 24, -24, -24)
            flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
            painter.drawText(area, int(flags) | int(Qt.TextFlag.TextWordWrap), self.placeholder)
            painter.end()


class _SelectionKeeper(QObject):
    """Keeps the selected backups and the current one selected across a model reset."""

    def __init__(self, view: QTableView, model: HistoryModel) -> None:
        super().__init__(view)
        self._view = view
        self._model = model
        self._selected: list[str] = []
        self._current: str | None = None
        self._current_column = 0
        model.modelAboutToBeReset.connect(self._on_model_about_to_be_reset)
        model.modelReset.connect(self._on_model_reset)

    def _on_model_about_to_be_reset(self) -> None:
        selection = self._view.selectionModel()
        rows = selected_rows(selection.selection())
        self._selected = [self._model.id_at(row) for row in rows]
        current = selection.currentIndex()
        self._current = self._model.id_at(current.row()) if current.isValid() else None
        self._current_column = max(current.column(), 0)

    def _on_model_reset(self) -> None:
        selection = QItemSelection()
        last_column = self._model.columnCount() - 1
        for first, last in _runs(self._model.rows_of(self._selected)):
            selection.select(self._model.index(first, 0), self._model.index(last, last_column))
        model_selection = self._view.selectionModel()
        if not selection.isEmpty():
            model_selection.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        row = self._model.row_of(self._current) if self._current is not None else None
        if row is not None:
            index = self._model.index(row, self._current_column)
            model_selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
            self._view.scrollTo(index)
        self._selected, self._current = [], None


class MainWindow(QMainWindow):
    """The table of backups, the filters and the detail pane.

    Talks to the `HistoryLoader` and the model only. Signals: ``sign_out_requested()``,
    ``sign_in_requested()`` (after the session ended), ``closed()`` (the user closed it).
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
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle("BackupViewer")
        self.model = model
        self.loader = loader
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

    def _action(
        self,
        name: str,
        text: str,
        *keys: QKeySequence | QKeySequence.StandardKey | str,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if keys:
            # A standard key may already hold one of the others (Refresh is F5 on some systems):
            # the same key twice makes Qt call the shortcut ambiguous and do nothing.
            sequences = [s for k in keys for s in _sequences(k)]
            action.setShortcuts(list(dict.fromkeys(sequences, None)))
        shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(
            f"{tip or text.replace('&', '').rstrip('…')}" + (f" ({shortcut})" if shortcut else "")
        )
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        icon = self.style().standardIcon
        self.action_refresh = self._action(
            "actionRefresh", "&Refresh", QKeySequence.StandardKey.Refresh, "Ctrl+R", "F5"
        )
        self.action_refresh.setIcon(icon(QStyle.StandardPixmap.SP_BrowserReload))
        self.action_export = self._action(
            "actionExportCsv", "&Export to CSV…", "Ctrl+E", tip="Export the rows shown to CSV"
        )
        self.action_export.setIcon(icon(QStyle.StandardPixmap.SP_DialogSaveButton))
        self.action_copy = self._action(
            "actionCopy", "&Copy rows", QKeySequence.StandardKey.Copy, tip="Copy the selected rows"
        )
        self.action_sign_out = self._action("actionSignOut", "Sign &out")
        self.action_find = self._action("actionFind", "&Filter…", QKeySequence.StandardKey.Find)
        self.action_details = self._action("actionDetails", "&Details pane", "F9")
        self.action_details.setCheckable(True)
        self.action_details.setChecked(True)
        self.action_about = self._action("actionAbout", "&About BackupViewer")
        self.action_quit = self._action("actionQuit", "&Quit", QKeySequence.StandardKey.Quit)
        self.action_show_row = QAction("Show details", self)
        self.action_show_row.setShortcuts([QKeySequence(Qt.Key.Key_Return),
                                           QKeySequence(Qt.Key.Key_Enter)])  # fmt: skip
        self.action_show_row.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)

    def _build_central(self, clock: Callable[[], datetime] | None) -> None:
        self.banner = named(QFrame(), "banner")
        self.banner.setStyleSheet(
            "#banner { background: rgba(218, 54, 51, 0.13); border-left: 4px solid #da3633; }"
        )
        self.banner_icon = QLabel()
        self.banner_icon.setPixmap(warning_icon().pixmap(20, 20))
        self.banner_text = named(QLabel(), "bannerText")
        self.banner_text.setWordWrap(True)
        self.banner_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner_retry = named(QPushButton("Try again"), "bannerRetry")
        self.banner_sign_in = named(QPushButton("Sign in again…"), "bannerSignIn")
        self.banner_close = QToolButton()
        self.banner_close.setAutoRaise(True)
        self.banner_close.setIcon(
            self.style().standardIcon(QStyle.StandardPixmap.SP_TitleBarCloseButton)
        )
        self.banner_close.setToolTip("Hide this message")
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.setContentsMargins(8, 6, 6, 6)
        banner_layout.addWidget(self.banner_icon, 0, Qt.AlignmentFlag.AlignTop)
        banner_layout.addWidget(self.banner_text, 1)
        banner_layout.addWidget(self.banner_retry)
        banner_layout.addWidget(self.banner_sign_in)
        banner_layout.addWidget(self.banner_close, 0, Qt.AlignmentFlag.AlignTop)
        self.banner.setVisible(False)

        self.filter_edit = named(QLineEdit(), "filterEdit")
        find_key = self.action_find.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self.filter_edit.setPlaceholderText(f"Filter… ({find_key})" if find_key else "Filter…")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setToolTip(
            "Shows the backups with this text in any column, in any case; Esc clears it"
        )
        self.status_filter = named(QComboBox(), "statusFilter")
        for choice, label in _STATUS_CHOICES.items():
            status = choice.status
            if choice is StatusFilter.ATTENTION:
                self.status_filter.addItem(warning_icon(), label, choice)
            elif status is None:
                self.status_filter.addItem(label, choice)
            else:
                self.status_filter.addItem(status_icon(status), label, choice)
        self.status_filter.setItemData(
            self.status_filter.findData(StatusFilter.ATTENTION),
            "Failed backups, backups of a status the viewer does not know, and backups with "
            "fields it could not read",
            Qt.ItemDataRole.ToolTipRole,
        )
        self.status_filter.setToolTip("Show backups of one status only, or those that need a look")
        filter_label = QLabel("&Show:")
        filter_label.setBuddy(self.status_filter)
        filters = QHBoxLayout()
        filters.addWidget(self.filter_edit, 1)
        filters.addWidget(filter_label)
        filters.addWidget(self.status_filter)

        self.table = HistoryView()
        self.table.setObjectName("logTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        for column in Column:
            header.resizeSection(column, _DEFAULT_WIDTHS.get(column, 150))
            header.setSectionHidden(column, column not in _DEFAULT_COLUMNS)
        for position, column in enumerate(_DEFAULT_COLUMNS):
            header.moveSection(header.visualIndex(column), position)
        header.setSortIndicator(Column.STARTED, Qt.SortOrder.DescendingOrder)
        self.table.addAction(self.action_show_row)
        self._keeper = _SelectionKeeper(self.table, self.model)

        self.detail_pane = DetailPane(clock or _now, self)
        self.splitter = named(QSplitter(Qt.Orientation.Horizontal), "mainSplitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail_pane)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(0, False)
        self.splitter.setSizes([900, 380])

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addWidget(self.banner)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.setTabOrder(self.filter_edit, self.status_filter)
        self.setTabOrder(self.status_filter, self.table)
        self.setTabOrder(self.table, self.detail_pane.browser)
        self.resize(_initial_size(self.screen().availableGeometry().size()))

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self.action_export)
        file_menu.addSeparator()
        file_menu.addAction(self.action_sign_out)
        file_menu.addAction(self.action_quit)
        edit_menu = bar.addMenu("&Edit")
        edit_menu.addAction(self.action_copy)
        edit_menu.addAction(self.action_find)
        view_menu = bar.addMenu("&View")
        view_menu.addAction(self.action_refresh)
        view_menu.addAction(self.action_details)
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
        toolbar.addSeparator()
        toolbar.addAction(self.action_sign_out)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.count_label = named(QLabel(), "countLabel")
        self.busy_bar = named(QProgressBar(), "busyBar")
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setMaximumWidth(120)
        self.busy_bar.setMaximumHeight(12)
        self.busy_bar.setVisible(False)
        self.busy_label = named(QLabel(), "busyLabel")
        self.auto_label = named(QLabel(), "autoRefreshLabel")
        self.refreshed_label = named(QLabel(), "refreshedLabel")
        self.user_label = named(QLabel(), "userLabel")
        for label in (self.count_label, self.busy_label, self.auto_label, self.refreshed_label,
                      self.user_label):  # fmt: skip
            label.setContentsMargins(6, 0, 6, 0)
        bar.addWidget(self.count_label)
        bar.addWidget(self.busy_bar)
        bar.addWidget(self.busy_label)
        bar.addWidget(self.auto_label)
        bar.addPermanentWidget(self.refreshed_label)
        bar.addPermanentWidget(self.user_label)

    def _connect(self) -> None:
        self.action_refresh.triggered.connect(self._on_action_refresh_triggered)
        self.action_export.triggered.connect(self._on_action_export_triggered)
        self.action_copy.triggered.connect(self._on_action_copy_triggered)
        self.action_sign_out.triggered.connect(self.sign_out_requested)
        self.action_find.triggered.connect(self._on_action_find_triggered)
        self.action_details.toggled.connect(self._on_action_details_toggled)
        self.action_about.triggered.connect(self._on_action_about_triggered)
        self.action_quit.triggered.connect(self.close)
        self.action_show_row.triggered.connect(self._on_action_show_row_triggered)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.table.selectionModel().currentRowChanged.connect(self._on_selection_current_changed)
        self.table.horizontalHeader().customContextMenuRequested.connect(
            self._on_header_context_menu_requested
        )
        self.filter_edit.textChanged.connect(self.model.set_filter_text)
        self.filter_edit.addAction(self._escape_action())
        self.status_filter.currentIndexChanged.connect(self._on_status_filter_changed)
        self.model.counts_changed.connect(self._update_counts)
        self.model.modelReset.connect(self._on_model_reset)
        self.banner_retry.clicked.connect(self._on_action_refresh_triggered)
        self.banner_sign_in.clicked.connect(self.sign_in_requested)
        self.banner_close.clicked.connect(self.hide_banner)
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

    def _escape_action(self) -> QAction:
        clear = QAction("Clear filter", self.filter_edit)
        clear.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        clear.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        clear.triggered.connect(self.filter_edit.clear)
        return clear

    # -- what the app calls ----------------------------------------------------------------

    def set_session(self, user: str, server: str) -> None:
        """Who is signed in where (status bar and title)."""
        self.user_label.setText(f"{user} on {server}")
        self.user_label.setToolTip(f"Signed in as {user} on {server}")
        self.setWindowTitle(f"Backups on {server} – BackupViewer")

    def show_banner(
        self, message: str, *, sign_in: bool = False, sign_in_text: str = "Sign in again…"
    ) -> None:
        """A message above the table that stays until dismissed or the next good refresh."""
        self.banner_text.setText(message)
        self.banner_sign_in.setText(sign_in_text)
        self.banner_retry.setVisible(not sign_in)
        self.banner_sign_in.setVisible(sign_in)
        self.banner.setVisible(True)

    def hide_banner(self) -> None:
        self.banner.setVisible(False)

    def selected_rows(self) -> list[int]:
        """The selected rows in view order."""
        return selected_rows(self.table.selectionModel().selection())

    def visible_columns(self) -> list[Column]:
        """The shown columns in the order the user arranged them."""
        header = self.table.horizontalHeader()
        logical = (header.logicalIndex(v) for v in range(header.count()))
        return [Column(c) for c in logical if not header.isSectionHidden(c)]

    def export_csv(self, path: str | Path, *, bom: bool = False) -> int | None:
        """Write the rows as shown (filter and sort applied, visible columns) to `path`.

        Returns the number of rows written, or None when the file could not be written (the
        user is told why).
        """
        try:
            count = self.model.export_csv(path, self.visible_columns(), bom)
        except OSError as exc:
            logger.warning("Export to %s failed: %s", path, exc)
            self._warn(
                "Export failed",
                f"The CSV file could not be saved:\n{exc.strerror or exc}\n\n{path}\n\n"
                "Choose another folder or file name and try again.",
            )
            return None
        logger.info("Exported %d backups to %s", count, path)
        self.statusBar().showMessage(f"Exported {count:,} backups to {path}", 15_000)
        return count

    def copy_selected(self) -> int:
        """Put the selected rows (visible columns, header first) on the clipboard as TSV."""
        rows = self.selected_rows()
        if not rows:
            self.statusBar().showMessage("Select rows to copy first.", 5_000)
            return 0
        columns = self.visible_columns()
        lines = ["\t".join(c.header for c in columns)]
        lines += [
            "\t".join([cell.translate(_TSV_SAFE) for cell in cells])
            for cells in self.model.cell_texts(rows, columns)
        ]
        QGuiApplication.clipboard().setText("\r\n".join(lines) + "\r\n")
        noun = "row" if len(rows) == 1 else "rows"
        self.statusBar().showMessage(f"Copied {len(rows):,} {noun}", 5_000)
        return len(rows)

    def show_details_of(self, row: int) -> None:
        """Show the pane (if hidden) with the backup in `row`."""
        if not 0 <= row < self.model.rowCount():
            return
        self.action_details.setChecked(True)
        self.detail_pane.show_record(self.model.record_at(row))

    def save_settings(self) -> None:
        settings = self._settings
        settings.setValue("mainWindow/geometry", self.saveGeometry())
        settings.setValue("mainWindow/state", self.saveState())
        settings.setValue("mainWindow/splitter", self.splitter.saveState())
        settings.setValue("mainWindow/header", self.table.horizontalHeader().saveState())
        settings.setValue("mainWindow/headerLayout", _HEADER_LAYOUT)
        settings.setValue("mainWindow/details", self.action_details.isChecked())

    def restore_settings(self) -> None:
        settings = self._settings
        for key, restore in (
            ("mainWindow/geometry", self.restoreGeometry),
            ("mainWindow/state", self.restoreState),
            ("mainWindow/splitter", self.splitter.restoreState),
            ("mainWindow/header", self.table.horizontalHeader().restoreState),
        ):
            value = settings.value(key)
            if isinstance(value, QByteArray | bytes) and not restore(value):
                logger.info("Ignoring saved %s", key)
        details = settings.value("mainWindow/details", True)
        self.action_details.setChecked(details not in (False, "false"))
        self._on_action_details_toggled(self.action_details.isChecked())
        header = self.table.horizontalHeader()
        if (
            settings.contains("mainWindow/header")
            and _int(settings.value("mainWindow/headerLayout", 1)) < _HEADER_LAYOUT
        ):
            header.setSectionHidden(Column.MESSAGE, False)
        if all(header.isSectionHidden(c) for c in Column):
            header.setSectionHidden(Column.STATUS, False)
        self.table.setSortingEnabled(True)

    # -- events ----------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        event.accept()
        self.closed.emit()

    def _on_action_refresh_triggered(self) -> None:
        if self.loader.refresh() is None:
            self.sign_in_requested.emit()

    def _on_action_export_triggered(self) -> None:
        folder = str(self._settings.value("export/folder", "") or Path.home())
        name = f"backups-{datetime.now():%Y%m%d-%H%M}.csv"
        dialog = QFileDialog(self, "Export the backups shown to CSV")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilters([_CSV_FILTER, _EXCEL_FILTER])
        dialog.setDefaultSuffix("csv")
        dialog.setDirectory(folder)
        dialog.selectFile(name)
        dialog.fileSelected.connect(
            lambda path: self._on_export_dialog_file_selected(path, dialog.selectedNameFilter())
        )
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _on_export_dialog_file_selected(self, path: str, name_filter: str) -> None:
        self._settings.setValue("export/folder", str(Path(path).parent))
        self.export_csv(path, bom=name_filter == _EXCEL_FILTER)

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
        box = QMessageBox(self)
        box.setWindowTitle("About BackupViewer")
        box.setIconPixmap(_about_icon())
        box.setText(f"<b>BackupViewer {__version__}</b>")
        box.setInformativeText(
            "See at a glance whether the backups of a Datafor BI server ran.<br><br>"
            f"Qt {qVersion()} · PySide6 {PySide6.__version__} · "
            f"Python {platform.python_version()}"
        )
        copy = box.addButton("Copy version info", QMessageBox.ButtonRole.ActionRole)
        copy.setObjectName("copyVersionButton")
        copy.setToolTip("Copy the versions of BackupViewer, Qt and Python, for a bug report")
        copy.clicked.connect(self._on_copy_version_clicked)
        box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Close))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _on_copy_version_clicked(self) -> None:
        QGuiApplication.clipboard().setText(version_info())
        self.statusBar().showMessage("Copied the version information", 5_000)

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
            self.detail_pane.show_record(self.model.record_at(index.row()))
        elif self.model.rowCount() == 0:
            self.detail_pane.show_record(None)

    def _on_header_context_menu_requested(self, position: QPoint) -> None:
        menu = QMenu(self)
        self._fill_columns_menu(menu)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.table.horizontalHeader().mapToGlobal(position))

    def _on_columns_menu_about_to_show(self) -> None:
        self.columns_menu.clear()
        self._fill_columns_menu(self.columns_menu)

    def _fill_columns_menu(self, menu: QMenu) -> None:
        header = self.table.horizontalHeader()
        shown = [c for c in Column if not header.isSectionHidden(c)]
        for column in Column:
            action = menu.addAction(column.header)
            action.setCheckable(True)
            action.setChecked(column in shown)
            action.setEnabled(not (column in shown and len(shown) == 1))
            action.toggled.connect(
                lambda on, c=column: self.table.horizontalHeader().setSectionHidden(c, not on)
            )

    def _on_status_filter_changed(self) -> None:
        choice = self.status_filter.currentData()
        if isinstance(choice, StatusFilter):
            self.model.set_status_filter(choice)

    def _on_model_reset(self) -> None:
        if not self.table.currentIndex().isValid() and self.detail_pane.record is not None:
            self.detail_pane.show_record(None)

    def _on_detail_pane_copied(self, what: str) -> None:
        self.statusBar().showMessage(f"Copied {what}", 5_000)

    def _on_loader_started(self) -> None:
        self.busy_label.setText("Loading the backup history…")
        self._update_placeholder()

    def _on_loader_progress(self, count: int) -> None:
        self.busy_label.setText(f"Loading… {count:,} backups so far")

    def _on_loader_loaded(self, count: int) -> None:
        self._failed = False
        self.hide_banner()
        if self.loader.last_loaded is not None:
            self.refreshed_label.setText(f"Refreshed {self.loader.last_loaded:%H:%M:%S}")
            self.refreshed_label.setToolTip(
                f"The list was last loaded on {self.loader.last_loaded:%Y-%m-%d at %H:%M:%S}"
            )
        self._update_placeholder()

    def _on_loader_failed(self, message: str) -> None:
        self._failed = True
        kept = self.model.total_count
        if kept and self.loader.last_loaded is not None:
            since = f" The list shows the backups as of {self.loader.last_loaded:%H:%M:%S}."
        else:
            since = ""
        what = "Refresh failed." if kept else "The backup history could not be loaded."
        self.show_banner(f"<b>{what}</b> {html.escape(message)}{since}")
        self._update_placeholder()

    def _on_loader_not_permitted(self, message: str) -> None:
        self._failed = True
        self.show_banner(
            f"<b>No permission.</b> {html.escape(message)}",
            sign_in=True,
            sign_in_text="Sign in as another user…",
        )
        self._update_placeholder()

    def _on_loader_session_expired(self) -> None:
        self.show_banner(
            "<b>Your session has ended.</b> Sign in again to refresh; the list shows the "
            "backups loaded before.",
            sign_in=True,
        )

    def _on_loader_busy_changed(self, busy: bool) -> None:
        self.busy_bar.setVisible(busy)
        self.busy_label.setVisible(busy)
        self._update_counts()

    def _on_loader_auto_refresh_changed(self, active: bool) -> None:
        seconds = self.loader.auto_refresh_seconds
        self.auto_label.setText(
            f"A backup is running: refreshing every {seconds:g} s" if active else ""
        )

    def _update_counts(self) -> None:
        shown, total = self.model.shown_count, self.model.total_count
        if total:
            noun = "backup" if total == 1 else "backups"
            self.count_label.setText(f"{shown:,} of {total:,} {noun}")
        elif self.loader.last_loaded is not None and not self.loader.busy:
            self.count_label.setText("No backups")
        else:
            self.count_label.setText("")  # nothing loaded yet: the busy label says why
        self.count_label.setVisible(bool(self.count_label.text()))
        self.action_export.setEnabled(shown > 0)
        self.action_copy.setEnabled(shown > 0)
        self._update_placeholder()

    def _update_placeholder(self) -> None:
        if self.model.total_count == 0:
            if self.loader.busy:
                text = "Loading the backup history…"
            elif self._failed:
                text = "The backup history could not be loaded. See the message above."
            elif self.loader.last_loaded is not None:
                text = "The server has no backups yet."
            else:
                text = ""
        elif self.model.filter_text:
            text = "No backup matches the filter. Press Esc in the filter box to clear it."
        elif self.model.status_filter is StatusFilter.ATTENTION:
            text = "No backup needs attention. Choose “All statuses” to see every backup."
        else:
            wanted = _STATUS_CHOICES[self.model.status_filter].lower()
            text = f"No {wanted} backups. Choose “All statuses” to see every backup."
        self.table.set_placeholder(text)

    def _warn(self, title: str, text: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()


def version_info() -> str:
    """The versions a bug report needs, as plain text lines."""
    return (
        f"BackupViewer {__version__}\n"
        f"Qt {qVersion()}\n"
        f"PySide6 {PySide6.__version__}\n"
        f"Python {platform.python_version()}\n"
        f"System {platform.platform()}\n"
    )


def _initial_size(available: QSize) -> QSize:
    """The window's first size: roomy, but within the screen, with space for its frame."""
    room = QSize(available.width() * 19 // 20, available.height() * 9 // 10)
    return QSize(1300, 760).boundedTo(room)


def _about_icon() -> QPixmap:
    """The app icon for the About box."""
    return QGuiApplication.windowIcon().pixmap(64, 64)


def selected_rows(selection: QItemSelection) -> list[int]:
    """The rows a selection touches, ascending (read from its ranges, not cell by cell)."""
    ranges = (selection.at(i) for i in range(selection.size()))
    return sorted({row for r in ranges for row in range(r.top(), r.bottom() + 1)})


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Ascending rows as (first, last) runs of consecutive numbers."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and runs[-1][1] == row - 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs


def _int(value: object) -> int:
    """A settings value as an int (INI files give strings); 0 when it is not a number."""
    try:
        return int(str(value))
    except ValueError:
        return 0


def _now() -> datetime:
    return datetime.now().astimezone()


def _sequences(key: QKeySequence | QKeySequence.StandardKey | str) -> list[QKeySequence]:
    """Every key sequence `key` stands for (a standard key can stand for several)."""
    if isinstance(key, QKeySequence.StandardKey):
        return QKeySequence.keyBindings(key)
    return [QKeySequence(key)]

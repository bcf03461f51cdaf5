"""The backup table: columns as the user arranged them, a word when it is empty, and the
selection kept across reloads."""

from __future__ import annotations

import logging

from PySide6.QtCore import (
    QByteArray,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPoint,
    QSettings,
    Qt,
)
from PySide6.QtGui import QFocusEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QMenu,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from backupviewer.core.columns import Column
from backupviewer.core.words import QT_TRANSLATE_NOOP, translate
from backupviewer.history.query import StatusFilter
from backupviewer.qt.history_model import HistoryModel
from backupviewer.widgets.plain_table import PlainTable

logger = logging.getLogger(__name__)

_DEFAULT_WIDTHS = {
    Column.STATUS: 110,
    Column.NAME: 170,
    Column.STARTED: 150,
    Column.DURATION: 100,
    Column.MESSAGE: 240,
    Column.FINISHED: 150,
    Column.CONTENT: 220,
    Column.SCHEDULE: 280,
    Column.CREATED_BY: 100,
    Column.ID: 200,
}
DEFAULT_COLUMNS = (Column.STATUS, Column.NAME, Column.STARTED, Column.DURATION, Column.MESSAGE)
"""The columns shown until the user changes them, in their order: what fits beside the
details pane at the default size, with the failure reason (Message) taking the rest of the
width; the others are one right click on the header away, and all are in the details."""
_MESSAGE_MIN = 200
"""Message never gets narrower than this when it fills the rest of the width."""
_NO_STATUS = {
    StatusFilter.ALL: QT_TRANSLATE_NOOP(  # (only the period is left to hide them)
        "HistoryView", "No backups started in this period. Choose “Any time” to see every backup."
    ),
    StatusFilter.FAILED: QT_TRANSLATE_NOOP(
        "HistoryView", "No failed backups. Choose “All statuses” to see every backup."
    ),
    StatusFilter.RUNNING: QT_TRANSLATE_NOOP(
        "HistoryView", "No running backups. Choose “All statuses” to see every backup."
    ),
    StatusFilter.SUCCEEDED: QT_TRANSLATE_NOOP(
        "HistoryView", "No succeeded backups. Choose “All statuses” to see every backup."
    ),
    StatusFilter.UNKNOWN: QT_TRANSLATE_NOOP(
        "HistoryView", "No unknown backups. Choose “All statuses” to see every backup."
    ),
}
"""What the table says when the rows of the chosen status are none (English: translated where
shown); "all" when the period leaves no row."""
_HEADER_LAYOUT = 2
"""Saved with the header state; a state saved before (layout 1) had Message hidden only
because it was hidden by default then, so it is shown once when such a state is restored."""


class HistoryView(PlainTable):
    """The table of `model`; says why it is empty instead of showing a blank grid, selects
    the first row when the keyboard brings the focus to it with no row current, keeps the
    current row in sight when the rows are sorted, and offers the columns to show on a right
    click on its header."""

    def __init__(self, model: HistoryModel, parent: QWidget | None = None) -> None:
        super().__init__(24, parent)
        self.setObjectName("logTable")
        self.setModel(model)
        model.layoutAboutToBeChanged.connect(self._on_model_layout_about_to_be_changed)
        model.layoutChanged.connect(self._on_model_layout_changed)
        self._current_in_sight = False
        self.servers = False  # (all servers as one history: the Server column is offered)
        self._keeper = _SelectionKeeper(self, model)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        header = self.horizontalHeader()
        header.setSectionsMovable(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._on_header_context_menu_requested)
        for column in Column:
            header.resizeSection(column, _DEFAULT_WIDTHS.get(column, 150))
            header.setSectionHidden(column, column not in DEFAULT_COLUMNS)
        for position, column in enumerate((*DEFAULT_COLUMNS, *_DEFAULT_WIDTHS)):
            header.moveSection(header.visualIndex(column), position)
        header.setSortIndicator(Column.STARTED, Qt.SortOrder.DescendingOrder)
        self.setItemDelegateForColumn(Column.ID, _MiddleElided(self))
        self._fit_pending = True
        header.sectionResized.connect(self._on_header_section_resized)
        model.modelReset.connect(self._on_model_reset)

    def fit_columns(self) -> None:
        """Columns as wide as their content (up to a limit), Message the rest of the width."""
        self.fit_to_content(c for c in self.visible_columns() if c is not Column.MESSAGE)
        self._fit_message()

    def _fit_message(self) -> None:
        """Message takes the width the other shown columns leave (at least `_MESSAGE_MIN`);
        without Message, the last column stretches."""
        header = self.horizontalHeader()
        shown = not header.isSectionHidden(Column.MESSAGE)
        header.setStretchLastSection(not shown)
        if not shown:
            return
        others = sum(
            header.sectionSize(c) for c in self.visible_columns() if c is not Column.MESSAGE
        )
        # (its own resize is not answered: see _on_header_section_resized)
        header.resizeSection(Column.MESSAGE, max(_MESSAGE_MIN, self.viewport().width() - others))

    # -- what the window calls -------------------------------------------------------------

    def visible_columns(self) -> list[Column]:
        """The shown columns in the order the user arranged them."""
        header = self.horizontalHeader()
        logical = (header.logicalIndex(v) for v in range(header.count()))
        return [Column(c) for c in logical if not header.isSectionHidden(c)]

    def selected_rows(self) -> list[int]:
        """The selected rows in view order."""
        return selected_rows(self.selectionModel().selection())

    def fill_columns_menu(self, menu: QMenu) -> None:
        """A checkable entry per column (the last one shown cannot be hidden)."""
        header = self.horizontalHeader()
        shown = [c for c in Column if not header.isSectionHidden(c)]
        for column in Column:
            if column is Column.SERVER and not self.servers:
                continue
            action = menu.addAction(column.header)
            action.setCheckable(True)
            action.setChecked(column in shown)
            action.setEnabled(not (column in shown and len(shown) == 1))
            action.toggled.connect(lambda on, c=column: self._show_column(c, on))
        menu.addSeparator()
        fit = menu.addAction(translate("HistoryView", "Fit columns to their content"))
        fit.triggered.connect(self.fit_columns)

    def offer_servers(self, settings: QSettings, key: str) -> None:
        """All servers as one history: the Server column is offered, shown first until the
        user arranges the columns (as kept under `key`)."""
        self.servers = True
        if settings.contains(key):
            self.restore_header(settings, key)
            return
        header = self.horizontalHeader()
        header.setSectionHidden(Column.SERVER, False)
        header.moveSection(header.visualIndex(Column.SERVER), 0)
        self._fit_message()

    def _show_column(self, column: Column, shown: bool) -> None:
        self.horizontalHeader().setSectionHidden(column, not shown)
        self._fit_message()

    def save_header(self, settings: QSettings, key: str) -> None:
        settings.setValue(key, self.horizontalHeader().saveState())
        settings.setValue(f"{key}Layout", _HEADER_LAYOUT)

    def restore_header(self, settings: QSettings, key: str) -> None:
        """The columns as saved under `key`; sorting is switched on after (a restored state
        sorts once, by its saved column)."""
        header = self.horizontalHeader()
        value = settings.value(key)
        if isinstance(value, QByteArray | bytes) and not header.restoreState(value):
            logger.info("Ignoring saved %s", key)
        self._fit_pending = not settings.contains(key)
        if settings.contains(key) and _int(settings.value(f"{key}Layout", 1)) < _HEADER_LAYOUT:
            header.setSectionHidden(Column.MESSAGE, False)
        header.setSectionHidden(
            Column.SERVER, not self.servers or header.isSectionHidden(Column.SERVER)
        )
        if all(header.isSectionHidden(c) for c in Column):
            header.setSectionHidden(Column.STATUS, False)
        self.setSortingEnabled(True)
        self._fit_message()

    # -- events ----------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_message()

    def _on_header_section_resized(self, column: int, old: int, new: int) -> None:
        if column != Column.MESSAGE:
            self._fit_message()

    def _on_model_reset(self) -> None:
        """The first rows of a first launch fit the columns to them; later the user's widths
        stay."""
        if self._fit_pending and self.model().rowCount() > 0:
            self._fit_pending = False
            self.fit_columns()

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
            columns = self.visible_columns()
            current = model.index(0, columns[0] if columns else 0)
        flags = QItemSelectionModel.SelectionFlag
        self.selectionModel().setCurrentIndex(current, flags.ClearAndSelect | flags.Rows)

    def _on_model_layout_about_to_be_changed(self) -> None:
        current = self.currentIndex()
        self._current_in_sight = current.isValid() and self.viewport().rect().intersects(
            self.visualRect(current)
        )

    def _on_model_layout_changed(self) -> None:
        """After a sort: the current row stays in sight if it was, else the top shows."""
        current = self.currentIndex()
        if self._current_in_sight and current.isValid():
            self.scrollTo(current)
        else:
            self.scrollToTop()

    def _on_header_context_menu_requested(self, position: QPoint) -> None:
        menu = QMenu(self)
        self.fill_columns_menu(menu)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.horizontalHeader().mapToGlobal(position))


class _MiddleElided(QStyledItemDelegate):
    """Cells cut in the middle when too long: ids differ at both ends."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideMiddle  # type: ignore[attr-defined]


class _SelectionKeeper(QObject):
    """Keeps the view as the user left it across a model reset (a refresh): the selected
    backups, the current one, and the rows scrolled to – at the very top, the top (new
    backups come into sight there, as in a task list); scrolled down, the same backup at the
    top, even when new ones came above it."""

    def __init__(self, view: QTableView, model: HistoryModel) -> None:
        super().__init__(view)
        self._view = view
        self._model = model
        self._selected: list[str] = []
        self._current: str | None = None
        self._current_column = 0
        self._top: str | None = None
        self._scrolled = (0, 0)
        model.modelAboutToBeReset.connect(self._on_model_about_to_be_reset)
        model.modelReset.connect(self._on_model_reset)

    def _on_model_about_to_be_reset(self) -> None:
        selection = self._view.selectionModel()
        rows = selected_rows(selection.selection())
        self._selected = [self._model.key_at(row) for row in rows]
        current = selection.currentIndex()
        self._current = self._model.key_at(current.row()) if current.isValid() else None
        self._current_column = max(current.column(), 0)
        top = self._view.rowAt(0)
        at_top = self._view.verticalScrollBar().value() == 0
        self._top = self._model.key_at(top) if top >= 0 and not at_top else None
        view = self._view
        self._scrolled = (view.verticalScrollBar().value(), view.horizontalScrollBar().value())

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
        self._restore_scroll()
        self._selected, self._current = [], None

    def _restore_scroll(self) -> None:
        """The same backup at the top as before (rows scroll one at a time), else the same
        place (the top stays the top); sideways, the same place."""
        vertical, horizontal = self._scrolled
        top = self._model.row_of(self._top) if self._top is not None else None
        view = self._view
        view.verticalScrollBar().setValue(vertical if top is None else top)
        view.horizontalScrollBar().setValue(horizontal)
        self._top = None


def empty_table_words(
    model: HistoryModel, *, busy: bool, failed: bool, loaded: bool, filtering: str
) -> str:
    """What the table says when it shows no row: why, and how to see rows again.
    `filtering`: what the chosen schedule or day hides, in words ("": nothing)."""
    if model.total_count == 0 and model.missed_count == 0:
        if busy:
            return translate("HistoryView", "Loading the backup history…")
        if failed:
            return translate(
                "HistoryView", "The backup history could not be loaded. See the message above."
            )
        return translate("HistoryView", "The server has no backups yet.") if loaded else ""
    if model.filter_text:
        return translate(
            "HistoryView", "No backup matches the filter. Press Esc in the filter box to clear it."
        )
    status = model.status_filter
    if filtering and status is StatusFilter.ALL:
        return translate(
            "HistoryView",
            "No backups {filtering}. Click the chosen schedule or day again to see all.",
        ).format(filtering=filtering)
    if status is StatusFilter.ATTENTION:
        return translate(
            "HistoryView", "No backup needs attention. Choose “All statuses” to see every backup."
        )
    if status is StatusFilter.MISSED:
        return translate(
            "HistoryView", "No missed runs. Choose “All statuses” to see every backup."
        )
    return translate("HistoryView", _NO_STATUS[status])


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

"""The menu on the table's rows: details, copy, copy the IDs, export the selection, download."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QTableView

from backupviewer.core.words import translate
from backupviewer.widgets.history.table_output import TableOutput


class RowMenu(QObject):
    """A right click on `table`: `shared` actions of the window (details, copy, download)
    and two of its own, on the rows `selected()` gives."""

    def __init__(
        self,
        table: QTableView,
        output: TableOutput,
        selected: Callable[[], Sequence[int]],
        shared: Sequence[QAction],
    ) -> None:
        super().__init__(table)
        self._table = table
        self._selected = selected
        self._shared = shared
        self.copy_ids = QAction(translate("RowMenu", "Copy backup &ID"), self)
        self.copy_ids.setObjectName("actionCopyIds")
        self.copy_ids.triggered.connect(lambda: output.copy_ids(self._selected()))
        self.export_selection = QAction(translate("RowMenu", "&Export the selected rows…"), self)
        self.export_selection.setObjectName("actionExportSelection")
        self.export_selection.triggered.connect(lambda: output.ask(self._selected()))
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self.popup)

    def popup(self, position: QPoint) -> QMenu:
        """The menu at `position` (in the table's viewport), for the selected rows."""
        count = len(self._selected())
        self.copy_ids.setText(
            translate("RowMenu", "Copy backup &IDs")
            if count > 1
            else translate("RowMenu", "Copy backup &ID")
        )
        self.copy_ids.setEnabled(count > 0)
        self.export_selection.setEnabled(count > 0)
        menu = QMenu(self._table)
        menu.setObjectName("rowMenu")
        first, *rest = self._shared
        menu.addAction(first)
        menu.addSeparator()
        for action in (*rest, self.copy_ids, self.export_selection):
            menu.addAction(action)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self._table.viewport().mapToGlobal(position))
        return menu

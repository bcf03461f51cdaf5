"""Every server's backups (and missed runs) in one CSV, from the window of all servers: the
server's name in a first column, the rest as ``backupviewer export --servers`` writes them."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from backupviewer.core.columns import CSV_ORDER
from backupviewer.core.words import translate
from backupviewer.history.csv_export import write_tables
from backupviewer.qt.fleet import Fleet, Phase
from backupviewer.widgets import message_box
from backupviewer.widgets.history.table_output import CSV_FILTER, EXCEL_FILTER


class ServersExport(QObject):
    """Asks where, then writes the servers of `fleet` that were read; ``said(text)`` what it
    did (or why not)."""

    said = Signal(str)

    def __init__(self, fleet: Fleet, settings: QSettings, window: QWidget) -> None:
        super().__init__(window)
        self._fleet = fleet
        self._settings = settings
        self._window = window

    def ask(self) -> None:
        folder = str(self._settings.value("export/folder", "") or Path.home())
        dialog = QFileDialog(self._window, translate("ServersExport", "Export all servers to CSV"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilters(
            [translate("TableOutput", CSV_FILTER), translate("TableOutput", EXCEL_FILTER)]
        )
        dialog.setDefaultSuffix("csv")
        dialog.setDirectory(folder)
        dialog.selectFile(f"backups-all-servers-{datetime.now():%Y%m%d-%H%M}.csv")
        dialog.fileSelected.connect(
            lambda path: self.export_to(
                path, bom=dialog.selectedNameFilter() == translate("TableOutput", EXCEL_FILTER)
            )
        )
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def export_to(self, path: str, *, bom: bool = False) -> int:
        """Write the servers read to `path` (atomically); the rows written."""
        self._settings.setValue("export/folder", str(Path(path).parent))
        states = self._fleet.states
        read = [state for state in states if state.phase is Phase.JUDGED]  # (as now)
        parts = [
            (state.entry.name, state.snapshot.table, range(len(state.snapshot.table)))
            for state in read
            if state.snapshot is not None
        ]
        left = [state.entry.name for state in states if state.phase is not Phase.JUDGED]
        try:
            rows = write_tables(parts, CSV_ORDER, path, bom=bom)
        except OSError as exc:
            box = message_box(
                QMessageBox.Icon.Warning,
                translate("ServersExport", "Export failed"),
                translate("ServersExport", "{path} could not be written: {reason}").format(
                    path=path, reason=exc.strerror or exc
                ),
                self._window,
                "serversExportError",
            )
            box.open()
            return 0
        said = translate("ServersExport", "Exported {rows:,} rows of {count:,} servers to {path}")
        text = said.format(rows=rows, count=len(parts), path=path)
        if left:
            more = translate("ServersExport", "{count:,} not read yet or not readable: {names}")
            text = translate("ServersExport", "{exported} ({left})").format(
                exported=text, left=more.format(count=len(left), names=", ".join(left))
            )
        self.said.emit(text)
        return rows

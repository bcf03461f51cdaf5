"""The rows shown, out of the window: exported to a CSV file, or copied to the clipboard."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from backupviewer.core.columns import Column
from backupviewer.qt.history_model import HistoryModel

logger = logging.getLogger(__name__)

_TSV_SAFE = str.maketrans("\t\r\n", "   ")  # a cell stays on its line and in its column
_EXCEL_FILTER = "CSV for Excel, UTF-8 with BOM (*.csv)"
_CSV_FILTER = "CSV, UTF-8 (*.csv)"


class TableOutput(QObject):
    """Export and copy for `window`: the model's rows as shown, with `columns()` (the visible
    ones, in their order); `say(text)` shows a short message, `exported(text, path)` the
    message after an export."""

    def __init__(
        self,
        model: HistoryModel,
        columns: Callable[[], list[Column]],
        settings: QSettings,
        window: QWidget,
        say: Callable[[str], None],
        exported: Callable[[str, Path], None],
    ) -> None:
        super().__init__(window)
        self._model = model
        self._columns = columns
        self._settings = settings
        self._window = window
        self._say = say
        self._exported = exported

    def ask(self, rows: Sequence[int] | None = None) -> None:
        """Ask where to export the rows shown (or these of them) – CSV, or CSV for Excel –
        then export there."""
        folder = str(self._settings.value("export/folder", "") or Path.home())
        what = "the backups shown" if rows is None else "the selected backups"
        dialog = QFileDialog(self._window, f"Export {what} to CSV")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilters([_CSV_FILTER, _EXCEL_FILTER])
        dialog.setDefaultSuffix("csv")
        dialog.setDirectory(folder)
        dialog.selectFile(f"backups-{datetime.now():%Y%m%d-%H%M}.csv")
        dialog.fileSelected.connect(
            lambda path: self._on_dialog_file_selected(path, dialog.selectedNameFilter(), rows)
        )
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def export_csv(
        self, path: str | Path, *, bom: bool = False, rows: Sequence[int] | None = None
    ) -> int | None:
        """Write the rows as shown (or these of them) to `path`; the rows written, or None
        when the file could not be written (the user is told why)."""
        try:
            count = self._model.export_csv(path, self._columns(), bom, rows)
        except OSError as exc:
            logger.warning("Export to %s failed: %s", path, exc)
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                "Export failed",
                f"The CSV file could not be saved:\n{exc.strerror or exc}\n\n{path}\n\n"
                "Choose another folder or file name and try again.",
                QMessageBox.StandardButton.Ok,
                self._window,
            )
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
            return None
        logger.info("Exported %d rows to %s", count, path)
        missed = self._model.missed_shown if rows is None else sum(map(self._model.is_missed, rows))
        backups = f"{count - missed:,} backup{'' if count - missed == 1 else 's'}"
        also = f" and {missed:,} missed run{'' if missed == 1 else 's'}" if missed else ""
        self._exported(f"Exported {backups}{also} to {path}", Path(path))
        return count

    def copy_ids(self, rows: Sequence[int]) -> int:
        """Put the backup ids of `rows` on the clipboard, one a line (missed runs have none)."""
        ids = [self._model.id_at(row) for row in rows if not self._model.is_missed(row)]
        if not ids:
            self._say("Select backups to copy their IDs (a missed run has none).")
            return 0
        QGuiApplication.clipboard().setText("\n".join(ids))
        self._say(f"Copied {len(ids):,} backup ID{'' if len(ids) == 1 else 's'}")
        return len(ids)

    def copy_rows(self, rows: Sequence[int]) -> int:
        """Put `rows` (visible columns, header first) on the clipboard as TSV."""
        if not rows:
            self._say("Select rows to copy first.")
            return 0
        columns = self._columns()
        lines = ["\t".join(c.header for c in columns)]
        lines += [
            "\t".join([cell.translate(_TSV_SAFE) for cell in cells])
            for cells in self._model.cell_texts(rows, columns)
        ]
        QGuiApplication.clipboard().setText("\r\n".join(lines) + "\r\n")
        noun = "row" if len(rows) == 1 else "rows"
        self._say(f"Copied {len(rows):,} {noun}")
        return len(rows)

    def _on_dialog_file_selected(
        self, path: str, name_filter: str, rows: Sequence[int] | None
    ) -> None:
        self._settings.setValue("export/folder", str(Path(path).parent))
        self.export_csv(path, bom=name_filter == _EXCEL_FILTER, rows=rows)

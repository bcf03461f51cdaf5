"""The rows shown, out of the window: exported to a CSV file, or copied to the clipboard."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from backupviewer.core.columns import Column
from backupviewer.core.words import QT_TRANSLATE_NOOP, translate
from backupviewer.history.csv_export import write_table
from backupviewer.qt.history_model import HistoryModel
from backupviewer.widgets import message_box

logger = logging.getLogger(__name__)

_TSV_SAFE = str.maketrans("\t\r\n", "   ")  # a cell stays on its line and in its column
EXCEL_FILTER = QT_TRANSLATE_NOOP("TableOutput", "CSV for Excel, UTF-8 with BOM (*.csv)")
CSV_FILTER = QT_TRANSLATE_NOOP("TableOutput", "CSV, UTF-8 (*.csv)")
_TITLED_FILTER = QT_TRANSLATE_NOOP(
    "TableOutput", "CSV for Excel, column titles as the window shows them (*.csv)"
)


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
        title = (
            translate("TableOutput", "Export the backups shown to CSV")
            if rows is None
            else translate("TableOutput", "Export the selected backups to CSV")
        )
        dialog = QFileDialog(self._window, title)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilters(
            [
                translate("TableOutput", CSV_FILTER),
                translate("TableOutput", EXCEL_FILTER),
                translate("TableOutput", _TITLED_FILTER),
            ]
        )
        dialog.setDefaultSuffix("csv")
        dialog.setDirectory(folder)
        dialog.selectFile(f"backups-{datetime.now():%Y%m%d-%H%M}.csv")
        dialog.fileSelected.connect(
            lambda path: self._on_dialog_file_selected(path, dialog.selectedNameFilter(), rows)
        )
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def export_csv(
        self,
        path: str | Path,
        *,
        bom: bool = False,
        rows: Sequence[int] | None = None,
        titles: bool = False,
    ) -> int | None:
        """Write the rows as shown (or these of them) to `path` (`titles`: the header as the
        window titles the columns); the rows written, or None when the file could not be
        written (the user is told why)."""
        try:
            table = self._model.snapshot.table
            chosen = self._model.table_rows(rows)
            count = write_table(table, chosen, self._columns(), path, bom=bom, titles=titles)
        except OSError as exc:
            logger.warning("Export to %s failed: %s", path, exc)
            message_box(
                QMessageBox.Icon.Warning,
                translate("TableOutput", "Export failed"),
                translate(
                    "TableOutput",
                    "The CSV file could not be saved:\n{reason}\n\n{path}\n\n"
                    "Choose another folder or file name and try again.",
                ).format(reason=exc.strerror or exc, path=path),
                self._window,
                "exportFailed",
            ).open()
            return None
        logger.info("Exported %d rows to %s", count, path)
        missed = self._model.missed_shown if rows is None else sum(map(self._model.is_missed, rows))
        runs = self._model.missed_runs(rows)[0]
        self._exported(_exported_words(count - missed, runs, path), Path(path))
        return count

    def copy_ids(self, rows: Sequence[int]) -> int:
        """Put the backup ids of `rows` on the clipboard, one a line (missed runs have none)."""
        ids = [self._model.key_at(row) for row in rows if not self._model.is_missed(row)]
        if not ids:
            self._say(
                translate(
                    "TableOutput", "Select backups to copy their IDs (a missed run has none)."
                )
            )
            return 0
        QGuiApplication.clipboard().setText("\n".join(ids))
        self._say(
            (
                translate("TableOutput", "Copied {count:,} backup ID")
                if len(ids) == 1
                else translate("TableOutput", "Copied {count:,} backup IDs")
            ).format(count=len(ids))
        )
        return len(ids)

    def copy_rows(self, rows: Sequence[int]) -> int:
        """Put `rows` (visible columns, header first) on the clipboard as TSV."""
        if not rows:
            self._say(translate("TableOutput", "Select rows to copy first."))
            return 0
        columns = self._columns()
        lines = ["\t".join(c.header for c in columns)]
        lines += [
            "\t".join([cell.translate(_TSV_SAFE) for cell in cells])
            for cells in self._cells(rows, columns)
        ]
        QGuiApplication.clipboard().setText("\r\n".join(lines) + "\r\n")
        self._say(
            (
                translate("TableOutput", "Copied {count:,} row")
                if len(rows) == 1
                else translate("TableOutput", "Copied {count:,} rows")
            ).format(count=len(rows))
        )
        return len(rows)

    def _cells(self, rows: Sequence[int], columns: Sequence[Column]) -> list[tuple[str, ...]]:
        """The texts `columns` show for each of `rows` (column by column: faster)."""
        table, chosen = self._model.snapshot.table, self._model.table_rows(rows)
        local = self._model.local_clock
        per_column = [table.cells(column, chosen, local=local) for column in columns]
        return list(zip(*per_column, strict=True)) if per_column else [() for _ in chosen]

    def _on_dialog_file_selected(
        self, path: str, name_filter: str, rows: Sequence[int] | None
    ) -> None:
        self._settings.setValue("export/folder", str(Path(path).parent))
        titled = name_filter == translate("TableOutput", _TITLED_FILTER)
        excel = titled or name_filter == translate("TableOutput", EXCEL_FILTER)
        self.export_csv(path, bom=excel, rows=rows, titles=titled)


def _exported_words(backups: int, missed: int, path: str | Path) -> str:
    """ "Exported 12 backups and 1 missed run to /x.csv" (the missed runs only if any)."""
    if not missed:
        text = (
            translate("TableOutput", "Exported {backups:,} backup to {path}")
            if backups == 1
            else translate("TableOutput", "Exported {backups:,} backups to {path}")
        )
    elif backups == 1:
        text = (
            translate(
                "TableOutput", "Exported {backups:,} backup and {missed:,} missed run to {path}"
            )
            if missed == 1
            else translate(
                "TableOutput", "Exported {backups:,} backup and {missed:,} missed runs to {path}"
            )
        )
    else:
        text = (
            translate(
                "TableOutput", "Exported {backups:,} backups and {missed:,} missed run to {path}"
            )
            if missed == 1
            else translate(
                "TableOutput", "Exported {backups:,} backups and {missed:,} missed runs to {path}"
            )
        )
    return text.format(backups=backups, missed=missed, path=path)

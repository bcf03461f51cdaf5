"""Download backup…: where to save it (the server's file name proposed), progress with
Cancel, and how it ended, in words."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox, QProgressDialog, QWidget

from backupviewer.core.file_names import file_name
from backupviewer.core.records import Record, Status
from backupviewer.core.words import translate
from backupviewer.qt.downloads import Downloads
from backupviewer.qt.plain_text import one_line
from backupviewer.widgets import message_box, plain

logger = logging.getLogger(__name__)

_FOLDER_KEY = "download/folder"
_ID_CHARACTERS = 80  # of a backup's id in a title or a label
_STEPS = 1000  # the progress bar's range (sizes beyond 2 GB do not fit its int)


class DownloadFlow(QObject):
    """Runs a download for `window`: `say(text)` shows a short message in its status bar,
    `saved(text, path)` the message after a download, with a way to open its folder."""

    def __init__(
        self,
        downloads: Downloads,
        settings: QSettings,
        window: QWidget,
        say: Callable[[str], None],
        saved: Callable[[str, Path], None] | None = None,
    ) -> None:
        super().__init__(window)
        self._downloads = downloads
        self._settings = settings
        self._window = window
        self._say = say
        self._saved = saved or (lambda text, path: say(text))
        self.progress: QProgressDialog | None = None
        self._heading = ""  # which backup goes where, above the progress
        downloads.started.connect(self._on_started)
        downloads.progress.connect(self._on_progress)
        downloads.finished.connect(self._on_finished)
        downloads.failed.connect(self._on_failed)
        downloads.cancelled.connect(self._on_cancelled)

    def ask(self, record: Record) -> None:
        """Ask where to save `record`'s backup, then download it there."""
        if record.status is not Status.SUCCEEDED or not record.id:
            self._say(translate("DownloadFlow", "Only a backup that succeeded can be downloaded."))
            return
        folder = str(self._settings.value(_FOLDER_KEY, "") or Path.home())
        dialog = QFileDialog(
            self._window,
            translate("DownloadFlow", "Save backup {backup_id}").format(
                backup_id=one_line(record.id, _ID_CHARACTERS)
            ),
        )
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilters(
            [
                translate("DownloadFlow", "Zip files (*.zip)"),
                translate("DownloadFlow", "All files (*)"),
            ]
        )
        dialog.setDefaultSuffix("zip")
        dialog.setDirectory(folder)
        dialog.selectFile(file_name(record.id, ".zip"))  # (never a path the server made up)
        dialog.fileSelected.connect(lambda path: self.start(record.id, Path(path)))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def start(self, backup_id: str, target: Path) -> None:
        """Download backup `backup_id` as `target` (what choosing a file does)."""
        self._settings.setValue(_FOLDER_KEY, str(target.parent))
        self._downloads.start(backup_id, target)

    def _on_started(self, backup_id: str, path: str) -> None:
        progress = QProgressDialog("", translate("DownloadFlow", "Cancel"), 0, _STEPS, self._window)
        progress.setObjectName("downloadProgress")
        progress.setLabel(plain(QLabel(progress)))  # its text names the server's backup id
        self._heading = translate("DownloadFlow", "Backup {backup_id}\nto {path}").format(
            backup_id=one_line(backup_id, _ID_CHARACTERS), path=one_line(path)
        )
        starting = translate("DownloadFlow", "Starting…")
        progress.setLabelText(f"{self._heading}\n{starting}")
        progress.setWindowTitle(translate("DownloadFlow", "Download backup"))
        progress.setMinimumDuration(0)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.setValue(0)
        progress.canceled.connect(self._downloads.cancel)
        progress.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        progress.open()
        self.progress = progress

    def _on_progress(self, done: int, total: int) -> None:
        if self.progress is None:
            return
        if total > 0:
            self.progress.setMaximum(_STEPS)
            self.progress.setValue(min(_STEPS, done * _STEPS // total))
            said = translate("DownloadFlow", "Downloading… {done:,.1f} of {total:,.1f} MB").format(
                done=done / 1e6, total=total / 1e6
            )
        else:
            self.progress.setMaximum(0)  # a moving bar: the size is not known
            said = translate("DownloadFlow", "Downloading… {done:,.1f} MB").format(done=done / 1e6)
        self.progress.setLabelText(f"{self._heading}\n{said}")

    def _on_finished(self, path: str) -> None:
        self._close()
        self._saved(
            translate("DownloadFlow", "Saved the backup as {path}").format(path=path), Path(path)
        )

    def _on_cancelled(self) -> None:
        self._close()
        self._say(translate("DownloadFlow", "Download cancelled; nothing was saved."))

    def _on_failed(self, message: str) -> None:
        self._close()
        message_box(
            QMessageBox.Icon.Warning,
            translate("DownloadFlow", "Download failed"),
            message,
            self._window,
            "downloadFailed",
        ).open()

    def _close(self) -> None:
        if self.progress is not None:
            self.progress.canceled.disconnect(self._downloads.cancel)
            self.progress.close()
            self.progress = None

"""A server's strings as they are: never markup (nothing of it rendered, no path it names
opened, no link it sends clickable), never so long that they size the window."""

from __future__ import annotations

import re
import time
from datetime import datetime, timedelta
from pathlib import Path

import orjson
import pytest
import qasync
from file_opens import OpenWatch
from guitools import fill_login, wait, window_shown
from histories import ZONE, backup, daily_trigger, schedule
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QHelpEvent, QImage
from PySide6.QtGui import Qt as QtGui
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFileDialog,
    QLabel,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot
from scripted_server import WHO_AM_I, Answer, MiniDatafor, Request, json_answer, scripted

from backupviewer.app import BackupViewerApp
from backupviewer.core.file_names import file_name
from backupviewer.core.records import record_from_row
from backupviewer.demo.api import DOWNLOAD, LOGIN
from backupviewer.qt.downloads import Downloads
from backupviewer.widgets.details.download_flow import DownloadFlow
from backupviewer.widgets.plain_table import FIT_MAX

pytestmark = pytest.mark.skipif(not OpenWatch.supported, reason="inotify is Linux's")

NOW = datetime(2026, 12, 7, 16, 0, tzinfo=ZONE)


def hostile(probe: Path, what: str) -> str:
    """A server's string that would show a picture from `probe` and a link, if rendered."""
    return (
        f'<img src="{probe}"><b>{what}</b> '
        f'<a href="https://evil.example/">Your session has expired. Click here…</a>'
    )


class MarkupDatafor(MiniDatafor):
    """Every string markup: names, messages, user name, state, creator, ids, `info.txt`."""

    def __init__(self, probe: Path) -> None:
        bad = lambda what: hostile(probe, what)  # noqa: E731
        trigger = daily_trigger(NOW - timedelta(days=30), hour=2)
        failed = backup(NOW - timedelta(hours=14), 40, name=bad("name"), status="2", msg=bad("msg"))
        failed.update(add_by=bad("creator"), update_by=bad("updater"), folder=bad("folder"))
        odd = backup(NOW - timedelta(hours=30), 60, name=bad("odd"), status=bad("status"))
        odd["id"] = bad("id")
        odd["config"] = orjson.dumps([{"id": bad("part")}]).decode()
        cron = orjson.dumps({"cronJobTrigger": {"cronString": bad("cron")}}).decode()
        manual = backup(NOW - timedelta(hours=40), 60, schedule_id="", name=bad("manual"))
        manual["cron"] = cron
        rows = [failed, odd, manual]
        schedules = [
            schedule(trigger, name=bad("schedule"), state=bad("state")),
            schedule(cron, schedule_id="b" * 32, name=bad("cron schedule")),
        ]
        for item in schedules:
            item["add_by"] = bad("schedule creator")
        super().__init__(rows=orjson.dumps(rows), schedules=orjson.dumps(schedules))
        self.user = bad("user")

    def __call__(self, request: Request) -> Answer:
        path = request.path.partition("?")[0].removeprefix(self.context)
        if path == LOGIN and b"password=password" not in request.body:
            refused = {"success": False, "data": "0", "msg": self.user, "needCaptcha": False}
            return json_answer(orjson.dumps(refused))
        if path == WHO_AM_I and "JSESSIONID=s3ssion" in request.headers.get("Cookie", ""):
            user = {"user": {"userid": "1", "username": "admin", "name": self.user}}
            return json_answer(orjson.dumps({"success": True, "code": "200", "data": user}))
        if path == DOWNLOAD:
            time.sleep(0.5)  # long enough to look at the progress dialog
            headers = {"Content-Disposition": 'attachment; filename="info.txt"'}
            return Answer(200, headers, self.user.encode())
        return super().__call__(request)


def rendered_markup(text: str | None, text_format: Qt.TextFormat) -> bool:
    """Whether Qt would render tags of `text` (shown in `text_format`) as markup."""
    if not text:
        return False
    rich = text_format == Qt.TextFormat.RichText or (
        text_format == Qt.TextFormat.AutoText and QtGui.mightBeRichText(text)
    )
    return rich and _foreign(text)


def _foreign(text: str) -> bool:
    """A tag that is none of ours: a picture, a link elsewhere than a folder, or the `<b>`
    the server put around a word the test planted."""
    return bool(
        re.search(r"<img\b", text, re.IGNORECASE)
        or re.search(r"<a\s+href=['\"](?!file:)", text, re.IGNORECASE)
        or re.search(r"<b>(name|msg|user|odd|id|status|schedule|state|creator|file)", text)
    )


def check_everything_shown(seen: set[str]) -> None:
    """No label, tooltip or message box of the app renders the server's markup; every text
    checked is added to `seen`."""
    for widget in QApplication.allWidgets():
        if isinstance(widget, QLabel):
            assert not rendered_markup(widget.text(), widget.textFormat()), (
                widget.objectName() or type(widget.parent()).__name__,
                widget.text()[:300],
            )
            seen.add(widget.text())
        tip = widget.toolTip()
        assert not rendered_markup(tip, Qt.TextFormat.AutoText), (widget.objectName(), tip[:300])
        seen.add(tip)


def check_view(view: QAbstractItemView, seen: set[str]) -> None:
    """Every cell's and header's tooltip, and the tooltip Qt really shows over a few cells."""
    model = view.model()
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            tip = model.index(row, column).data(Qt.ItemDataRole.ToolTipRole)
            assert not rendered_markup(tip, Qt.TextFormat.AutoText), (row, column, tip)
            seen.add(tip or "")
    for column in range(model.columnCount()):
        tip = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
        assert not rendered_markup(tip, Qt.TextFormat.AutoText), tip
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            rect = view.visualRect(model.index(row, column))
            if rect.isValid() and view.viewport().rect().contains(rect.center()):
                at = rect.center()
                event = QHelpEvent(QEvent.Type.ToolTip, at, view.viewport().mapToGlobal(at))
                QApplication.sendEvent(view.viewport(), event)
                check_everything_shown(seen)  # the tooltip's own label among them


def test_a_server_whose_every_string_is_markup_cannot_render_open_or_link(
    loop: qasync.QEventLoop, app: BackupViewerApp, tmp_path: Path
) -> None:
    folder = tmp_path / "probe"
    folder.mkdir()
    probe = folder / "probe.png"
    picture = QImage(4, 4, QImage.Format.Format_RGB32)
    picture.fill(0)
    assert picture.save(str(probe))
    seen: set[str] = set()
    with OpenWatch(folder) as opens, scripted(MarkupDatafor(probe)) as (url, _):
        app.start()
        fill_login(app, url + "/datafor", "admin", "wrong", "session")
        app.login.login_button.click()
        wait(loop, lambda: app.login.error_label.isVisibleTo(app.login))
        assert "Click here" in app.login.error_label.text()
        check_everything_shown(seen)

        app.login.password_edit.setText("password")
        app.login.login_button.click()
        wait(loop, lambda: window_shown(app) and app.model.snapshot.health is not None)
        window = app.window
        assert window is not None
        window.resize(1400, 900)
        assert window.status.user_label.text().startswith('<img src="')  # as written, cut
        check_everything_shown(seen)
        check_view(window.table, seen)
        check_view(window.health_panel.schedules, seen)

        for row in range(window.model.rowCount()):
            window.show_details_of(row)
            text = window.detail_pane.text()
            assert '<a href="https://evil.example/">' in text  # shown as the text it is
            window.detail_pane.browser.grab()
            check_everything_shown(seen)

        window.grab()
        window.export_csv(folder / hostile(probe, "file").replace("/", "_") / "x.csv")
        wait(loop, lambda: _box("exportFailed") is not None)
        check_everything_shown(seen)
        _close(_box("exportFailed"))

        assert window.flow is not None
        odd = next(r for r in range(window.model.rowCount()) if "<img" in window.model.key_at(r))
        window.flow.start(window.model.key_at(odd), tmp_path / "backup.zip")
        wait(loop, lambda: window.flow.progress is not None and window.flow.progress.isVisible())
        check_everything_shown(seen)
        wait(loop, lambda: _box("downloadFailed") is not None)
        box = _box("downloadFailed")
        assert box is not None and "Click here" in box.text()
        box.grab()
        check_everything_shown(seen)
        _close(box)

        assert any("evil.example" in text for text in seen)  # the server's strings were seen
        assert opens.read() == [], "Qt opened a path the server named"
        control = QLabel(hostile(probe, "control"))  # the watch does see Qt open a picture
        control.grab()
        assert "probe.png" in opens.read()
        control.deleteLater()


def _box(name: str) -> QMessageBox | None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox) and widget.objectName() == name and widget.isVisible():
            return widget
    return None


def _close(widget: QWidget | None) -> None:
    if widget is not None:
        widget.close()


def test_text_of_a_hundred_thousand_characters_never_sizes_the_window(
    loop: qasync.QEventLoop, app: BackupViewerApp
) -> None:
    long = "Ω" + "x" * 100_000
    trigger = daily_trigger(NOW - timedelta(days=30), hour=2)
    rows = [backup(NOW - timedelta(hours=14), 40, name=long, status="2", msg=long)]
    rows[0]["add_by"] = long
    schedules = [schedule(trigger, name=long, state=long)]
    script = MiniDatafor(rows=orjson.dumps(rows), schedules=orjson.dumps(schedules))
    with scripted(script) as (url, _):
        app.start()
        fill_login(app, url + "/datafor", "admin", "password", "session")
        app.login.login_button.click()
        wait(loop, lambda: window_shown(app) and app.model.snapshot.health is not None)
        window = app.window
        assert window is not None
        window.resize(1280, 760)
        window.show_details_of(0)
        narrowest = 1000  # (the window goes down to about 900 pixels with a usual history)
        assert window.minimumSizeHint().width() <= narrowest
        assert window.health_panel.summary.sizeHint().width() <= narrowest
        assert window.status.sizeHint().width() <= narrowest
        for view in (window.table, window.health_panel.schedules):
            view.fit_to_content(range(view.model().columnCount()))
            header = view.horizontalHeader()
            widest = max(header.sectionSize(c) for c in range(header.count() - 1))
            assert widest <= FIT_MAX
        assert window.detail_pane.browser.horizontalScrollBar().maximum() == 0
        assert "more characters; Copy raw JSON copies them all" in window.detail_pane.text()
        assert len(window.windowTitle()) < 400


@pytest.mark.parametrize("backup_id", ["../../../tmp/x", "a\x00b", "\u202eexe.zip"])
def test_the_save_dialog_proposes_a_plain_name_in_the_chosen_folder(
    qtbot: QtBot, settings: QSettings, tmp_path: Path, backup_id: str
) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    settings.setValue("download/folder", str(folder))
    parent = QWidget()
    qtbot.addWidget(parent)
    downloads = Downloads(lambda: None, parent)
    flow = DownloadFlow(downloads, settings, parent, lambda text: None)
    row = backup(NOW, 60, name="x")
    row["id"] = backup_id
    flow.ask(record_from_row(row, {}))
    dialog = parent.findChild(QFileDialog)
    assert dialog is not None
    (chosen,) = dialog.selectedFiles()
    assert Path(chosen).parent == folder and Path(chosen).name == file_name(backup_id, ".zip")
    dialog.accept()  # the download fails (signed out), the folder stays the one chosen
    assert settings.value("download/folder") == str(folder)

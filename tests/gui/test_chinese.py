"""The interface in Chinese (as ``--lang zh_CN`` makes it): labels, headers, statuses and
schedules in Chinese, Qt's own buttons too; the CSV stays English."""

from __future__ import annotations

import csv
import io
import re
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
import qasync
from guitools import mnemonic_clashes, sign_in, wait
from PySide6.QtCore import QLocale, QSettings, Qt, QTranslator
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QFileDialog,
    QMenuBar,
    QMessageBox,
)

from backupviewer import cli
from backupviewer.app import BackupViewerApp
from backupviewer.core import words
from backupviewer.core.columns import CSV_ORDER, Column
from backupviewer.core.records import Status
from backupviewer.core.schedule.quartz import parse_cron
from backupviewer.core.schedule.quartz_words import describe_rule
from backupviewer.demo.server import DemoServer
from backupviewer.options import parse_options
from backupviewer.qt import language
from backupviewer.widgets.details import detail_pane

CHINESE = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def chinese() -> Iterator[None]:
    app = QApplication.instance()
    assert app is not None
    before = QLocale()
    language.install(language.CHINESE, app)
    assert len(app.findChildren(QTranslator)) == 2, "ours and Qt's"
    yield
    language.install(language.ENGLISH, app)
    assert words.language() == ""
    QLocale.setDefault(before)


def test_the_window_speaks_chinese_and_the_csv_stays_english(
    chinese: None,
    loop: qasync.QEventLoop,
    app: BackupViewerApp,
    demo_server: DemoServer,
    tmp_path: Path,
) -> None:
    sign_in(loop, app, demo_server)
    window = app.window
    assert window is not None
    menus = window.findChild(QMenuBar).actions()
    assert all(CHINESE.search(menu.text()) for menu in menus), [m.text() for m in menus]
    assert mnemonic_clashes([window.findChild(QMenuBar)]) == []
    toolbar = [window.action_refresh.iconText(), window.action_export.iconText()]
    assert not any("(" in text or "&" in text for text in toolbar), toolbar
    model = window.model
    for column in Column:
        title = model.headerData(column, Qt.Orientation.Horizontal)
        assert CHINESE.search(title), title
    statuses = {model.index(row, Column.STATUS).data() for row in range(model.rowCount())}
    assert {"成功", "失败"} <= statuses, statuses
    assert CHINESE.search(window.status_filter.itemText(0))
    assert CHINESE.search(window.status.count_label.text())
    troubles = window.health_panel.summary.toolTip()  # a line per schedule, its level first
    assert "【严重】" in troubles and not re.search("CRITICAL|WARNING|OK|UNKNOWN", troubles)
    scheduled = next(
        row for row in range(model.rowCount()) if model.record_at(row).schedule is not None
    )
    schedule = model.record_at(scheduled).schedule
    assert schedule is not None and CHINESE.search(schedule.describe()), schedule.describe()
    window.show_details_of(scheduled)
    assert "计划" in window.detail_pane.text()

    target = tmp_path / "zh.csv"
    assert window.export_csv(target)
    with target.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert list(rows[0]) == [c.csv_name for c in window.visible_columns()]
    assert {row["status"] for row in rows} <= {s.word for s in Status}

    window.action_export.trigger()  # the file type with the window's column titles
    dialog = window.findChild(QFileDialog)
    assert dialog is not None
    titled = next(
        f for f in dialog.nameFilters() if "CSV" in f and CHINESE.search(f) and "标题" in f
    )
    dialog.selectNameFilter(titled)
    dialog.fileSelected.emit(str(tmp_path / "titled.csv"))
    dialog.close()
    with (tmp_path / "titled.csv").open(encoding="utf-8-sig", newline="") as stream:
        header = next(csv.reader(stream))
    assert header == [c.header for c in window.visible_columns()]
    assert all(CHINESE.search(title) for title in header)


def test_the_windows_csv_is_the_commands_byte_for_byte_in_chinese(
    chinese: None,
    loop: qasync.QEventLoop,
    make_app: Callable[..., BackupViewerApp],
    demo_server: DemoServer,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    now = datetime.now(UTC)
    app = make_app(clock=lambda: now)
    sign_in(loop, app, demo_server)
    window = app.window
    assert window is not None
    header = window.table.horizontalHeader()
    for place, column in enumerate(CSV_ORDER):  # the command's columns, in its order
        header.showSection(column)
        header.moveSection(header.visualIndex(column), place)
    model = window.model
    in_table_order = sorted(range(model.rowCount()), key=model.table_row)
    assert model.snapshot.missed_row_count and any(
        CHINESE.search(model.index(row, Column.SCHEDULE).data() or "")
        for row in range(model.rowCount())
    )
    from_window = tmp_path / "window.csv"
    assert window.output.export_csv(from_window, rows=in_table_order) == model.rowCount()

    from_command = tmp_path / "command.csv"
    monkeypatch.setattr(sys, "stdin", io.StringIO("password\n"))
    argv = ["export", "--server", demo_server.url, "--user", "admin", "--password-stdin"]

    def command() -> int:  # as its own process runs it: no translator (and a thread with no loop)
        with words.english():
            return cli.main([*argv, "-o", str(from_command)], lambda: now)

    with ThreadPoolExecutor(1) as other:
        assert other.submit(command).result(timeout=60) == 0
    assert from_window.read_bytes() == from_command.read_bytes()
    rows = list(csv.DictReader(from_window.read_text(encoding="utf-8").splitlines()))
    for name in ("status", "content", "schedule"):
        assert not any(CHINESE.search(row[name]) for row in rows), name
    missed = [row["message"] for row in rows if row["status"] == "missed"]
    assert missed and not any(CHINESE.search(message) for message in missed)


def test_chinese_sentences_follow_each_other_without_a_space(chinese: None) -> None:
    assert (
        words.one_after_other("没有失败。", "更早的运行未作判断。")
        == "没有失败。更早的运行未作判断。"
    )
    assert words.one_after_other("没有失败。", "") == "没有失败。"
    zoned = detail_pane._when(datetime(2026, 3, 10, 11, 12, tzinfo=timezone(timedelta(hours=8))))
    assert zoned == "2026-03-10\u00a011:12:00 <small>（UTC+08:00）</small>"


@pytest.mark.parametrize(
    ("expression", "said"),
    [
        ("0,30 5 * * * ?", "每小时第 5 分钟的第 0、30 秒"),
        ("0 0,30 1,3,7,9,13,22 * * ?", "1、3、7、9、13、22 点的第 0、30 分钟"),
    ],
)
def test_minutes_of_listed_hours_read_as_chinese_says_them(
    chinese: None, expression: str, said: str
) -> None:
    assert describe_rule(parse_cron(expression)) == said


def test_qts_own_buttons_speak_chinese_too(chinese: None, qtbot: object) -> None:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    close = buttons.button(QDialogButtonBox.StandardButton.Close)
    assert CHINESE.search(close.text()), close.text()


def test_the_language_comes_from_the_command_line_the_app_or_the_system(
    settings: QSettings,
) -> None:
    assert parse_options(["--lang", "zh-CN"]).lang == "zh-CN"
    with pytest.raises(SystemExit):
        parse_options(["--lang", "fr"])
    assert language.chosen_language("zh_CN", settings) == language.CHINESE
    settings.setValue(language.SETTING, "zh_CN")
    assert language.chosen_language("", settings) == language.CHINESE
    assert language.chosen_language("en", settings) == language.ENGLISH
    settings.setValue(language.SETTING, "")
    system = language.language_of(QLocale.system().name()) or language.ENGLISH
    assert language.chosen_language("", settings) == system


def test_view_language_speaks_the_choice_at_once_and_remembers_it(
    loop: qasync.QEventLoop, app: BackupViewerApp, demo_server: DemoServer, settings: QSettings
) -> None:
    qt_app = QApplication.instance()
    assert qt_app is not None
    sign_in(loop, app, demo_server)
    first = app.window
    assert first is not None
    entries = {a.objectName(): a for a in first.language.menu.actions()}
    assert entries["actionLanguage_system"].isChecked()  # nothing chosen yet
    assert entries["actionLanguage_zh_CN"].text() == "中文（简体）"
    first.filter_edit.setText("备份")
    shown = app.model.rowCount()
    try:
        entries["actionLanguage_zh_CN"].trigger()
        assert settings.value(language.SETTING) == "zh_CN"
        window = app.window
        assert window is not None and window is not first and window.isVisible()
        assert window.findChild(QMessageBox, "languageChangedBox") is None  # no restart
        menus = window.findChild(QMenuBar).actions()
        assert all(CHINESE.search(menu.text()) for menu in menus), [m.text() for m in menus]
        assert window.filter_edit.text() == "备份" and app.model.rowCount() == shown
        statuses = {app.model.index(r, Column.STATUS).data() for r in range(shown)}
        assert {"成功", "失败"} & statuses, statuses
        wait(loop, lambda: not app.loader.busy and app.loader.last_loaded is not None)
        schedules = window.health_panel.schedules.model()
        said = [schedules.index(r, c).data() for r in range(schedules.rowCount())
                for c in range(schedules.columnCount())]  # fmt: skip
        assert any(isinstance(text, str) and CHINESE.search(text) for text in said)
        assert window.status.count_label.text() and CHINESE.search(window.status.count_label.text())
        assert CHINESE.search(app.login.windowTitle())  # the dialog behind it, too

        chinese_window = window
        chinese_window.language.menu.actions()[1].trigger()  # English
        window = app.window
        assert window is not None and window is not chinese_window
        assert not any(CHINESE.search(m.text()) for m in window.findChild(QMenuBar).actions())
        assert "Succeeded" in {app.model.index(r, Column.STATUS).data() for r in range(shown)}
        assert settings.value(language.SETTING) == "en"
    finally:
        language.install(language.ENGLISH, qt_app)


def test_lang_on_the_command_line_speaks_chinese_from_the_first_screen(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from backupviewer.app import FIRST_SCREEN_PROBE

    env = {
        **os.environ,
        FIRST_SCREEN_PROBE: "1",
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path),
        "PYTHONIOENCODING": "utf-8",
    }
    for lang, speaks in (("zh_CN", True), ("en", False)):
        shown = subprocess.run(
            [sys.executable, "-m", "backupviewer", "--lang", lang],
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=60,
            check=True,
        )
        line = next(x for x in shown.stdout.splitlines() if x.startswith("first screen shown"))
        assert bool(CHINESE.search(line)) is speaks, line

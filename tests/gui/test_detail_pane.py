"""The detail pane on its own: ids on one line, plain words for what the server left out."""

from __future__ import annotations

import json
import re
from typing import Any

from PySide6.QtCore import QRect
from pytestqt.qtbot import QtBot

from backupviewer.core.records import Record, record_from_row
from backupviewer.widgets.details.detail_pane import DetailPane

BACKUP_ID = "Backup_2025.02.26-11.12.00.205+0800"


def record(**fields: Any) -> Record:
    row = {
        "id": BACKUP_ID,
        "backupid": "",
        "name": "nightly",
        "folder": "backup/",
        "config": '[{"id":"db"}]',
        "status": "1",
        "msg": "",
        "add_by": "admin",
        "add_time": "2025-02-26 11:12:00.205",
        "update_by": "admin",
        "update_time": "2025-02-26 11:14:00.5",
        **fields,
    }
    return record_from_row(row, {})


def pane_of(qtbot: QtBot, shown: Record, width: int = 260) -> DetailPane:
    pane = DetailPane()
    qtbot.addWidget(pane)
    pane.resize(width, 700)
    pane.show()
    pane.show_record(shown)
    return pane


def test_a_narrow_pane_wraps_the_id_and_never_scrolls_sideways(qtbot: QtBot) -> None:
    pane = pane_of(qtbot, record())
    qtbot.waitUntil(lambda: pane.browser.document().size().width() > 0)
    assert pane.browser.horizontalScrollBar().maximum() == 0, "nothing runs off to the side"
    found = pane.browser.document().find(BACKUP_ID)
    assert not found.isNull(), "the id is whole: it can be found, selected and copied"
    assert BACKUP_ID in pane.text()


def test_a_long_name_and_id_from_a_server_wrap_anywhere(qtbot: QtBot) -> None:
    long = "x" * 5_000
    pane = pane_of(qtbot, record(name=long, id=long, msg=long, status="2"), width=400)
    qtbot.waitUntil(lambda: pane.browser.document().size().width() > 0)
    assert pane.browser.horizontalScrollBar().maximum() == 0
    assert pane.text().count(long) >= 3  # name, reason, id (and the raw JSON), whole


def test_content_the_server_did_not_record_is_said_so(qtbot: QtBot) -> None:
    pane = pane_of(qtbot, record(config=""), width=500)
    assert "Content\nnot recorded by the server" in pane.text()
    assert "not stated" not in pane.text()


def test_an_unreadable_schedule_reads_as_sentences(qtbot: QtBot) -> None:
    trigger = json.dumps({"cronJobTrigger": {"cronString": "0 0"}})
    shown = record(cron=trigger, backupid="s1")
    assert shown.schedule_error
    pane = pane_of(qtbot, shown, width=700)
    text = pane.text()
    assert "cannot be read. A Quartz cron expression has 6 or 7 fields" in text
    # no capital letter right after a colon or comma inside a sentence
    assert not re.search(r"[a-z][:,] [A-Z][a-z]", text.split("Raw JSON")[0]), text


def test_values_line_up_across_sections_and_labels_stay_whole(qtbot: QtBot) -> None:
    trigger = json.dumps(
        {
            "simpleJobTrigger": {
                "startTime": "2025-02-01T02:00:00+08:00",
                "repeatInterval": 7200,
                "repeatCount": -1,
            }
        }
    )
    pane = pane_of(qtbot, record(cron=trigger, backupid="s1"), width=420)
    browser = pane.browser

    def ends(text: str) -> tuple[QRect, QRect]:
        found = browser.document().find(text)
        assert not found.isNull(), text
        end = browser.cursorRect(found)
        found.setPosition(found.selectionStart())
        return browser.cursorRect(found), end

    values = ["2 min", "Every 2 hours", "cannot be written as one", "Content and settings"]
    assert len({ends(value)[0].left() for value in values}) == 1, "values in one column"
    for label in ("Server time zone", "Last updated by", "Next runs", "Schedule ID"):
        first, last = ends(label)
        assert first.top() == last.top(), f"{label} is wrapped"
    text = pane.text()
    assert "As cron" in text and "none exact" not in text
    assert "Quartz" not in text.split("Raw JSON")[0]


def test_a_schedule_quartz_refuses_has_no_next_runs_and_says_why(qtbot: QtBot) -> None:
    body = {"startTime": "2025-02-01T09:00:00+08:00", "daysOfWeek": [4], "weeksOfMonth": [3, 1]}
    pane = pane_of(qtbot, record(cron=json.dumps({"complexJobTrigger": body}), backupid="s1"), 700)
    text = pane.text()
    assert "Next runs\nnone: the server cannot run this schedule" in text
    assert "Quartz refuses more than one 'n#k' day" in text
    assert "has ended" not in text

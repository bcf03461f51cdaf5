"""The window against a real server on 127.0.0.1 whose schedules would swamp the health (every
second, by the thousand) or whose backups are dated in the future: the rows stay few (runs
missed in a row are one row, in the table, the details, the schedules panel and the notices),
and the health says in words what it could not judge."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import orjson
import pytest
import qasync
from guitools import fill_login, shown, wait
from histories import HOSTILE_CASES, ZONE, backup, daily_trigger, hostile_schedules, nightly
from histories import schedule as schedule_row
from PySide6.QtCore import Qt
from scripted_server import MiniDatafor, scripted

from backupviewer.app import BackupViewerApp
from backupviewer.core.records import Status
from backupviewer.demo.history import generate
from backupviewer.health.fire_times import FIRE_BUDGET
from backupviewer.qt.schedule_model import ScheduleColumn
from backupviewer.widgets.window.main_window import MainWindow

NOW = datetime(2026, 3, 10, 9, 30, tzinfo=ZONE)
HISTORY = generate(2000, now=NOW)
DEMO_SCHEDULES: list[dict[str, Any]] = orjson.loads(HISTORY.schedules)


def server(schedules: list[dict[str, Any]], rows: bytes = b"") -> MiniDatafor:
    return MiniDatafor(rows=rows or b"[" + HISTORY.rows + b"]", schedules=orjson.dumps(schedules))


def signed_in(
    loop: qasync.QEventLoop, make_app: Callable[..., BackupViewerApp], url: str
) -> tuple[BackupViewerApp, MainWindow]:
    """The app on a clock stopped at NOW, signed in to `url`, its history judged."""
    app = make_app(clock=lambda: NOW)
    app.start()
    fill_login(app, url, "admin", "password", "session")
    app.login.login_button.click()
    wait(loop, lambda: app.model.snapshot.health is not None and not app.loader.busy, 60)
    assert app.window is not None
    return app, app.window


def hostile_rows(window: MainWindow) -> list[int]:
    model = window.model
    return [
        row
        for row in range(model.rowCount())
        if model.is_missed(row) and model.record_at(row).name.startswith(("Hasty", "Daily"))
    ]


@pytest.mark.parametrize("case", HOSTILE_CASES)
def test_runs_missed_in_a_row_are_one_row_and_what_was_beyond_the_budget_is_said(
    loop: qasync.QEventLoop, make_app: Callable[..., BackupViewerApp], case: str
) -> None:
    hostile = hostile_schedules(case, NOW - timedelta(days=60))
    with scripted(server(DEMO_SCHEDULES + hostile)) as (url, _):
        _, window = signed_in(loop, make_app, url)
    model = window.model
    assert model.missed_count == len(hostile) + 1  # a row a schedule, and the demo's own
    rows = hostile_rows(window)
    assert len(rows) == len(hostile)
    health = model.snapshot.health
    assert health is not None and health.missed_count <= FIRE_BUDGET + 1
    summary = window.health_panel.summary
    beyond = "fire too often to judge every run" if len(hostile) > 1 else "fires too often"
    if case == "5,000 daily":  # (all of them fit in the budget)
        assert beyond not in summary.label.text() and not health.unjudged
    else:
        assert beyond in summary.label.text()
        assert f"looked for over at most {FIRE_BUDGET:,} fire times" in shown(summary.toolTip())
    # the details of one row of runs missed in a row
    window.show_details_of(rows[0])
    text = window.detail_pane.text()
    count = re.search(r"Runs missed\s+([\d,]+)", text)
    assert count is not None and int(count[1].replace(",", "")) > 1
    assert "First due" in text and "Last due" in text
    assert f"Missed {count[1]} runs in a row, every " in text
    assert f"The schedule was due {count[1]} times in a row" in text
    # the schedules panel: the runs counted, the row of them in the tooltip
    schedules = window.health_panel.schedule_model
    name = model.record_at(rows[0]).name
    (at,) = [r for r in range(schedules.rowCount()) if schedules.schedule_at(r).item.name == name]
    cell = schedules.index(at, ScheduleColumn.MISSED)
    assert schedules.data(cell) == count[1]
    tip = shown(schedules.data(cell, Qt.ItemDataRole.ToolTipRole))
    assert tip.startswith("Missed at:\n") and f"{count[1]} in a row, " in tip
    # the status bar counts the runs, not the rows
    runs = f"{health.missed_count:,} missed runs"
    assert window.status.count_label.text().endswith(runs)


def test_rows_of_missed_runs_are_told_once_however_they_grow(
    loop: qasync.QEventLoop, make_app: Callable[..., BackupViewerApp]
) -> None:
    script = server(DEMO_SCHEDULES)
    with scripted(script) as (url, _):
        app, window = signed_in(loop, make_app, url)
        told: list[str] = []
        window.notifier.noticed.connect(lambda text, _key: told.append(text))
        hostile = hostile_schedules("40 every second", NOW - timedelta(days=60))
        script.schedules = orjson.dumps(DEMO_SCHEDULES + hostile)
        for _ in range(2):  # the second time: the same rows of missed runs, nothing new
            task = window.loader.refresh()
            assert task is not None
            wait(loop, lambda: task.done() and not app.loader.busy, 60)  # noqa: B023
    *one_by_one, rest = told  # a few one by one, then the others in one notice: once, however
    assert len(one_by_one) == 5  # the rows grow, or their start moves with the budget
    assert all(
        re.fullmatch(r"Hasty \d+ missed [\d,]+ runs in a row, .* to .*\.", t) for t in one_by_one
    )
    assert rest == f"… and {len(hostile) - 5} more failed backups or missed runs."


def test_a_backup_dated_in_the_future_is_said_in_the_health_and_its_details(
    loop: qasync.QEventLoop, make_app: Callable[..., BackupViewerApp]
) -> None:
    rows = nightly(NOW, 20)
    rows.insert(0, backup(datetime(9999, 12, 31, 23, 0, tzinfo=ZONE), 60, name="Clockless"))
    nightly_schedule = schedule_row(daily_trigger(NOW - timedelta(days=60)))
    with scripted(server([nightly_schedule], orjson.dumps(rows))) as (url, _):
        _, window = signed_in(loop, make_app, url)
    line = window.health_panel.summary.label.text()
    assert "Newest successful scheduled backup ended 0 s ago" not in line
    assert "1 backup starts in the future by the server's clock (Clockless" in line
    model = window.model
    (row,) = [r for r in range(model.rowCount()) if model.record_at(r).name == "Clockless"]
    assert model.status_at(row) is Status.SUCCEEDED
    window.show_details_of(row)
    assert "It starts in the future by the server's clock" in window.detail_pane.text()

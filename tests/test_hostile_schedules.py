"""Schedules a server may send that would swamp the health (every second, by the thousand), and
backups dated in the future: `check` and `export` stay within their budget and say so in words,
against a real server on 127.0.0.1."""

from __future__ import annotations

import csv
import io
import re
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest
from histories import ZONE, backup, hostile_schedules, nightly
from hypothesis import given
from hypothesis import strategies as st
from scripted_server import MiniDatafor, scripted
from test_check import CRITICAL, check, perfdata, server_of

from backupviewer import cli
from backupviewer.core.datafor import envelope
from backupviewer.core.errors import ProtocolError, ServerError
from backupviewer.core.schedule.items import in_parts, schedule_item
from backupviewer.demo.history import generate
from backupviewer.health.fire_times import FIRE_BUDGET

BUDGET_WORDS = {
    "40 every second": "40 schedules fire too often to judge every run: only their newest were "
    "judged.",
    "one * * * * * ?": "1 schedule fires too often to judge every run: only its newest were "
    "judged.",
}


def demo_with(case: str, now: datetime) -> MiniDatafor:
    """The demo's history and schedules at `now`, and the schedules of a hostile `case`."""
    history = generate(2000, now=now)
    schedules = orjson.loads(history.schedules) + hostile_schedules(case, now - timedelta(days=60))
    return MiniDatafor(rows=b"[" + history.rows + b"]", schedules=orjson.dumps(schedules))


def export_rows(
    monkeypatch: pytest.MonkeyPatch, url: str, folder: Path
) -> tuple[int, list[dict[str, str]], str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO("password\n"))
    err = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    out = folder / "backups.csv"
    args = ["export", "--server", url, "--user", "admin", "--password-stdin", "-o", str(out)]
    code = cli.main(args)
    with out.open(encoding="utf-8", newline="") as file:
        return code, list(csv.DictReader(file)), err.getvalue()


@pytest.mark.parametrize("case", ["40 every second", "one * * * * * ?"])
def test_check_judges_schedules_that_fire_every_second_within_its_budget(
    monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    with scripted(demo_with(case, datetime.now(ZONE))) as (url, _):
        code, lines = check(monkeypatch, url)
    assert code == CRITICAL
    assert BUDGET_WORDS[case] in lines[0]
    assert 0 < int(perfdata(lines[0])["missed"]) <= FIRE_BUDGET
    (note,) = [line for line in lines if line.startswith("Missed runs are looked for over")]
    assert f"at most {FIRE_BUDGET:,} fire times" in note and "Hasty 0" in note
    assert re.search(r"from \d{4}-\d\d-\d\d \d\d:\d\d on", note)
    hasty = [line for line in lines if line.startswith("CRITICAL: Hasty ")]
    assert hasty and all("scheduled runs were missed" in line for line in hasty)


@pytest.mark.parametrize("case", ["one * * * * * ?", "5,000 daily"])
def test_export_writes_runs_missed_in_a_row_as_one_row(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, case: str
) -> None:
    hostile = len(hostile_schedules(case, datetime.now(ZONE)))
    with scripted(demo_with(case, datetime.now(ZONE))) as (url, _):
        code, rows, said = export_rows(monkeypatch, url, tmp_path)
    assert code == 0
    missed = [row for row in rows if row["status"] == "missed"]
    theirs = [row for row in missed if row["name"].startswith(("Hasty", "Daily"))]
    assert len(theirs) == hostile and len(missed) == hostile + 1  # (+ the demo's own)
    every = "1 s" if case.startswith("one") else "1 d"
    time = r"\d{4}-\d\d-\d\d \d\d:\d\d(:\d\d)?"
    words = (
        rf"Missed ([\d,]+) runs in a row, every {every}, from {time} to {time}: no backup "
        r"started for any of them\.( .*)?"
    )
    runs = 1  # (the demo's own)
    for row in theirs:
        said_row = re.fullmatch(words, row["message"])
        assert said_row is not None, row["message"]
        assert row["finished"] == row["duration_s"] == row["id"] == ""
        runs += int(said_row[1].replace(",", ""))
    assert f"and {runs:,} missed runs (in {hostile + 1:,} rows) to" in said
    if case.startswith("one"):
        assert "Earlier runs were not judged" in theirs[0]["message"]
        assert "Missed runs are looked for over at most" in said


def test_a_backup_dated_in_the_future_is_never_the_newest_success_now(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    now = datetime.now(ZONE)
    rows: list[dict[str, Any]] = nightly(now, 20)
    rows.insert(0, backup(datetime(9999, 12, 31, 23, 0, tzinfo=ZONE), 60, name="Clockless"))
    with scripted(server_of(rows)) as (url, _):
        code, lines = check(monkeypatch, url)
    assert "Newest successful scheduled backup ended 0 s ago" not in lines[0]
    assert (
        "1 backup starts in the future by the server's clock (Clockless, 9999-12-31 23:00+08:00) "
        "– is its clock wrong?" in lines[0]
    )
    age = perfdata(lines[0])["last_success_age"]
    assert age != "0s" and int(age.removesuffix("s")) > 60  # the nightly one's, hours ago
    assert code in (0, 1)  # (nothing else is wrong)


def test_a_trigger_or_contents_too_long_to_be_real_are_not_read() -> None:
    start = "2026-01-01T00:00:00.000+08:00"
    expression = "0 0 " + ",".join(["1"] * 1_000_000) + " * * ?"
    trigger = {
        "cronJobTrigger": {"startTime": start, "uiPassParam": "CRON", "cronString": expression}
    }
    item = schedule_item(
        {"id": "a", "enable": "1", "cron": orjson.dumps(trigger).decode(),
         "config": orjson.dumps([{"id": "db"}] * 100_000).decode()}
    )  # fmt: skip
    assert item.schedule is None and item.schedule_text.startswith("Unreadable schedule: ")
    assert item.problems == (
        "Schedule: 2,000,110 characters long, far longer than any real one: it is not read.",
        "Content: 1,200,001 characters long, far longer than any real one: it is not read.",
    )


def test_schedules_are_read_in_parts_of_about_the_same_work() -> None:
    since = datetime(2026, 1, 1, tzinfo=ZONE)
    small = hostile_schedules("5,000 daily", since)
    large = [dict(item, cron=item["cron"] + " " * 19_000) for item in small[:500]]
    for items in (small, large, small + large):
        parts = list(in_parts(items))
        assert [item for part in parts for item in part] == items
        for part in parts:
            work = sum(100 + len(item["cron"]) + len(item["config"]) for item in part)
            assert work < 40_000 + 20_000 + 100


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.text(alphabet=',[]{}":\\ ab'),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=3), inner, max_size=3)
    ),
    max_leaves=12,
)


def read_in_steps(body: bytes) -> tuple[Any, int]:
    """What `read_data_in_steps` reads, and how many pauses it made."""
    steps, pauses = envelope.read_data_in_steps(body), 0
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return done.value, pauses
        pauses += 1


@given(st.lists(_JSON, max_size=30), st.sampled_from([b"", b' "msg": "a,]}", ']))
def test_a_large_list_is_read_a_part_at_a_time_as_it_would_be_at_once(
    items: list[Any], extra: bytes
) -> None:
    body = b'{"success": true,' + extra + b' "data": ' + orjson.dumps(items) + b"}"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(envelope, "_AT_ONCE", 0)
        patch.setattr(envelope, "_PART", 7)
        assert read_in_steps(body)[0] == items


def test_ten_megabytes_of_items_are_read_in_parts() -> None:
    items = [{}] * 3_000_000
    read, pauses = read_in_steps(b'{"success": true, "data": ' + orjson.dumps(items) + b"}")
    assert read == items and pauses >= 9_000_000 // 256_000


def test_an_answer_that_is_no_list_of_items_is_read_at_once_with_its_errors() -> None:
    for body in (
        b'{"success": false, "code": 403, "msg": "no", "data": [' + b"1," * 400_000 + b"1]}",
        b'{"success": true, "data": [' + b"1," * 400_000 + b"1",
    ):
        steps = envelope.read_data_in_steps(body)
        with pytest.raises((ProtocolError, ServerError)):
            while True:
                next(steps)

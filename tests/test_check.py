"""``backupviewer check``: its first line, its lines per schedule and every exit code, against
real servers on 127.0.0.1."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import orjson
import pytest
from clock import AWKWARD, fixed
from histories import ZONE, backup, daily_trigger, nightly, schedule
from scripted_server import MiniDatafor, scripted

from backupviewer import cli
from backupviewer.demo.server import DemoServer, Misbehaviour

OK, WARNING, CRITICAL, UNKNOWN = 0, 1, 2, 3
PASSWORD = "password"


def check(
    monkeypatch: pytest.MonkeyPatch,
    url: str,
    *args: str,
    password: str = PASSWORD,
    clock: Callable[[], datetime] | None = None,
) -> tuple[int, list[str]]:
    """Run ``check`` in-process (judging at `clock`'s time); its exit code and the lines it
    printed."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(password + "\n"))
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    options = ["--server", url, "--user", "admin", "--password-stdin", *args]
    code = cli.main(["check", *options], clock)
    return code, out.getvalue().splitlines()


def server_of(rows: list[dict[str, Any]], *items: dict[str, Any]) -> MiniDatafor:
    now = datetime.now(ZONE)
    items = items or (schedule(daily_trigger(now - timedelta(days=60))),)
    return MiniDatafor(rows=orjson.dumps(rows), schedules=orjson.dumps(list(items)))


def perfdata(line: str) -> dict[str, str]:
    return dict(field.split("=") for field in line.split(" | ", 1)[1].split())


def test_healthy_backups_are_ok_with_their_figures(monkeypatch: pytest.MonkeyPatch) -> None:
    now = datetime.now(ZONE)
    with scripted(server_of(nightly(now, 20))) as (url, _):
        code, lines = check(monkeypatch, url)
    assert code == OK and len(lines) == 1
    assert lines[0].startswith("BACKUPS OK - 1 active schedule on time, none failing. Newest")
    figures = perfdata(lines[0])
    assert {k: figures[k] for k in ("failed", "missed", "slow", "running")} == dict.fromkeys(
        ("failed", "missed", "slow", "running"), "0"
    )
    age = int(figures["last_success_age"].removesuffix("s"))
    assert 0 <= age < 86_400 + 120


@pytest.mark.parametrize(
    ("changes", "code", "said"),
    [
        ({"day2": None}, WARNING, "WARNING: Nightly: 1 missed run"),
        ({"day0": {"seconds": 4000}}, WARNING, "WARNING: Nightly: 1 slow backup"),
        ({"day0": {"status": "2", "msg": "Disk full\nat line 3"}}, CRITICAL,
         "CRITICAL: Nightly: failing: its last run failed – Disk full"),
        ({"day0": None, "day1": None}, CRITICAL,
         "CRITICAL: Nightly: its last 2 scheduled runs were missed"),
    ],
)  # fmt: skip
def test_missed_slow_and_failing_raise_the_state(
    monkeypatch: pytest.MonkeyPatch, changes: dict[str, Any], code: int, said: str
) -> None:
    now = datetime.now(ZONE)
    with scripted(server_of(nightly(now, 20, **changes))) as (url, _):
        found, lines = check(monkeypatch, url)
    assert found == code
    assert lines[0].startswith(f"BACKUPS {['OK', 'WARNING', 'CRITICAL'][code]} - 1 schedule")
    assert lines[1:] == [said]


def test_a_window_leaves_older_trouble_out(monkeypatch: pytest.MonkeyPatch) -> None:
    now = datetime.now(ZONE)
    with scripted(server_of(nightly(now, 20, day4=None))) as (url, _):
        assert check(monkeypatch, url, "--window", "2d")[0] == OK
        assert check(monkeypatch, url, "--window", "1w")[0] == WARNING


def test_disabled_paused_and_manual_never_raise_the_state(monkeypatch: pytest.MonkeyPatch) -> None:
    now = datetime.now(ZONE)
    trigger = daily_trigger(now - timedelta(days=60))
    rows = nightly(now, 10)
    rows.insert(0, backup(now - timedelta(hours=1), schedule_id="", name="by hand", status="2"))
    items = (
        schedule(trigger),
        schedule(trigger, schedule_id="b" * 32, name="Off", enable="0"),
        schedule(trigger, schedule_id="c" * 32, name="Held", state="PAUSED"),
    )
    with scripted(server_of(rows, *items)) as (url, _):
        code, lines = check(monkeypatch, url)
    assert code == OK, lines
    assert perfdata(lines[0])["failed"] == "1"  # (the manual one is counted, not judged)


@pytest.mark.parametrize("instant", AWKWARD.values(), ids=AWKWARD.keys())
def test_the_demo_is_critical_and_names_each_schedule(
    monkeypatch: pytest.MonkeyPatch, instant: datetime
) -> None:
    with DemoServer(rows=300, seed=7, now=instant) as demo_server:
        code, lines = check(monkeypatch, demo_server.url, clock=fixed(instant))
    assert code == CRITICAL
    first = r"BACKUPS CRITICAL - 1 schedule in trouble \(工作日备份\); 2 schedules to look at "
    assert re.match(
        first + r"\(每日全量备份, 每日晚间备份\)\. Newest successful scheduled backup ended .* ago",
        lines[0],
    )
    assert lines[1].startswith("CRITICAL: 工作日备份: failing: its last run failed")
    assert lines[2:] == [
        "WARNING: 每日全量备份: 1 missed run",
        "WARNING: 每日晚间备份: 1 slow backup",
    ]
    assert perfdata(lines[0])["missed"] == "1" and perfdata(lines[0])["slow"] == "1"


@pytest.mark.parametrize(
    ("args", "password", "said"),
    [
        ((), "wrong", "Wrong user name or password"),
        (("--window", "7"), PASSWORD, "--window: '7' is not a length of time"),
        (("--slow-factor", "1"), PASSWORD, "--slow-factor must be a number above 1"),
        (("--nonsense",), PASSWORD, "unknown option --nonsense"),
        (("--sever", "x"), PASSWORD, "unknown option --sever; did you mean --server?"),
        (("--password=x",), PASSWORD, "--password is not accepted"),
    ],
)
def test_what_keeps_it_from_judging_is_unknown(
    demo_server: DemoServer,
    monkeypatch: pytest.MonkeyPatch,
    args: tuple[str, ...],
    password: str,
    said: str,
) -> None:
    code, lines = check(monkeypatch, demo_server.url, *args, password=password)
    assert code == UNKNOWN
    assert lines[0].startswith("BACKUPS UNKNOWN - ") and said in lines[0]


@pytest.mark.parametrize(
    ("user", "misbehaviour", "said"),
    [
        ("suzy", None, "not an administrator"),
        ("admin", Misbehaviour.PROXY_502, "HTTP 502"),
        ("admin", Misbehaviour.GARBAGE, "not in the documented format"),
    ],
)
def test_servers_that_refuse_or_fail_are_unknown(
    demo_server: DemoServer,
    monkeypatch: pytest.MonkeyPatch,
    user: str,
    misbehaviour: Misbehaviour | None,
    said: str,
) -> None:
    if misbehaviour is not None:
        demo_server.misbehave(misbehaviour, path="log/query", times=5)
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    args = ["check", "--server", demo_server.url, "--user", user, "--password-stdin"]
    assert cli.main(args) == UNKNOWN
    first = out.getvalue().splitlines()[0]
    assert first.startswith("BACKUPS UNKNOWN - ") and said in first


def test_a_server_that_is_down_is_unknown_from_a_process() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "backupviewer", "check", "--server", "http://127.0.0.1:9",
         "--user", "admin", "--password-stdin", "--timeout", "5"],
        input="x\n", capture_output=True, text=True, encoding="utf-8", timeout=60,
    )  # fmt: skip
    assert done.returncode == UNKNOWN, done.stderr
    assert done.stdout.startswith("BACKUPS UNKNOWN - Could not reach the server")


def test_schedules_that_cannot_be_read_are_said_and_missed_runs_not_looked_for(
    demo_server: DemoServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    demo_server.misbehave(Misbehaviour.GARBAGE, path="api/query")
    code, lines = check(monkeypatch, demo_server.url)
    assert "missed=0" in lines[0]
    assert "so missed runs are not looked for." in lines[-1]
    assert code == CRITICAL  # (the failing schedule is still seen in the rows)


def test_help_explains_the_rules(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["check", "--help"]) == 0
    text = capsys.readouterr().out
    for words in ("missed run", "slow backup", "failing", "3 UNKNOWN", "define command", "cron"):
        assert words in text

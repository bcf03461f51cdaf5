"""``backupviewer check`` behaves as a monitoring plugin must, against any server: its output
cannot be forged or grown by a server's text, one deadline bounds the whole run, and a signal
or an unexpected error still ends in one UNKNOWN line with exit code 3."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from histories import ZONE, backup, daily_trigger, schedule
from scripted_server import MiniDatafor, scripted
from test_check import CRITICAL, UNKNOWN, check, perfdata, server_of

from backupviewer import cli
from backupviewer.commands import check as check_command
from backupviewer.commands.plugin_output import (
    FIRST_LINE_BYTES,
    LINE_CHARACTERS,
    OUTPUT_BYTES,
    plugin_lines,
)
from backupviewer.demo.server import DemoServer, Misbehaviour

ROOT = Path(__file__).resolve().parent.parent
FORGED = "evil | failed=0 missed=0 slow=0 running=0 last_success_age=0s"


def failing_schedules(names: list[str]) -> MiniDatafor:
    """A server with a schedule of each name whose newest backup failed."""
    now = datetime.now(ZONE)
    trigger = daily_trigger(now - timedelta(days=30), hour=2)
    start = now.replace(hour=2, minute=0, second=5) - timedelta(days=1)
    items, rows = [], []
    for number, name in enumerate(names):
        schedule_id = f"{number:032x}"
        items.append(schedule(trigger, schedule_id=schedule_id, name=name))
        rows.append(
            backup(start, 60, schedule_id=schedule_id, name=name, status="2", msg=f"{name}\r\nx")
        )
    return server_of(rows, *items)


def test_a_schedules_name_cannot_forge_the_performance_data(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with scripted(failing_schedules([FORGED, "plain"])) as (url, _):
        code, lines = check(monkeypatch, url)
    assert code == CRITICAL
    assert all(line.count("|") == 0 for line in lines[1:]), lines
    assert lines[0].count("|") == 1
    figures = perfdata(lines[0])
    assert figures["failed"] == "2" and figures["last_success_age"] != "0s"
    assert "evil ¦ failed=0" in lines[0] and any("evil ¦ failed=0" in line for line in lines)


def test_control_characters_and_length_stay_within_what_monitors_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    names = [f"{number} \x1b[2J\x1b]0;pwned\x07 {'名' * 3000}" for number in range(60)]
    with scripted(failing_schedules(names)) as (url, _):
        code, lines = check(monkeypatch, url)
    assert code == CRITICAL
    output = "\n".join(lines) + "\n"
    assert "\x1b" not in output and "\x07" not in output and "\\x1b[2J" in output
    assert len(lines[0].encode()) <= FIRST_LINE_BYTES and lines[0].count("|") == 1
    assert perfdata(lines[0])["failed"] == "60"
    assert all(len(line) <= LINE_CHARACTERS for line in lines[1:])
    assert len(output.encode()) <= OUTPUT_BYTES
    assert lines[-1].startswith("… and ") and lines[-1].endswith("more lines not shown")


def test_plugin_lines_cut_in_bytes_never_inside_a_character() -> None:
    (first,) = plugin_lines("WARNING", "备" * 2000, "failed=1", [])
    assert len(first.encode()) <= FIRST_LINE_BYTES and first.endswith("… | failed=1")
    first.encode().decode()  # whole characters only


def test_one_deadline_bounds_the_whole_check(
    demo_server: DemoServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    demo_server.misbehave(Misbehaviour.SLOW, times=20, delay=3)  # every request takes 3 s
    started = time.monotonic()
    code, lines = check(monkeypatch, demo_server.url, "--deadline", "2", "--timeout", "60")
    took = time.monotonic() - started
    assert code == UNKNOWN and took < 2 + 1.5, took
    assert lines == [
        f"BACKUPS UNKNOWN - no answer within 2 s from {demo_server.url} (the server or the "
        "network is too slow; --deadline sets the time a check may take)"
    ]


def test_the_deadline_is_fifty_seconds_unless_told(capsys: pytest.CaptureFixture[str]) -> None:
    assert check_command.DEADLINE == 50
    assert cli.main(["check", "--help"]) == 0
    assert "(default 50)" in " ".join(capsys.readouterr().out.split())


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_ends_a_check_with_unknown_never_a_traceback(
    demo_server: DemoServer, number: signal.Signals
) -> None:
    demo_server.misbehave(Misbehaviour.SLOW, path="log/query", delay=20)
    process = subprocess.Popen(
        [sys.executable, "-m", "backupviewer", "check", "--server", demo_server.url,
         "--user", "admin", "--password-stdin"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        cwd=ROOT,
    )  # fmt: skip
    try:
        assert process.stdin is not None
        process.stdin.write("password\n")
        process.stdin.close()
        deadline = time.monotonic() + 15
        while not any("log/query" in seen.path for seen in demo_server.seen):
            assert time.monotonic() < deadline and process.poll() is None
            time.sleep(0.05)
        process.send_signal(number)
        process.wait(timeout=10)
        assert process.stdout is not None and process.stderr is not None
        out, err = process.stdout.read(), process.stderr.read()
    finally:
        process.kill()
        process.wait()
    assert process.returncode == UNKNOWN, (out, err)
    assert out == f"BACKUPS UNKNOWN - stopped by {number.name}\n"
    assert "Traceback" not in err


@pytest.mark.parametrize("error", [MemoryError(), RuntimeError("a bug"), ValueError("odd")])
def test_an_unexpected_error_is_unknown_never_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], error: Exception
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr(check_command, "take_snapshot", broken)
    with scripted(failing_schedules(["x"])) as (url, _):
        code, lines = check(monkeypatch, url)
    assert code == UNKNOWN
    said = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    assert lines == [f"BACKUPS UNKNOWN - unexpected error: {said} (run with -vv for the details)"]
    assert "Traceback" not in capsys.readouterr().err


def test_a_server_that_answers_every_request_slowly_cannot_stretch_a_check(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each request answered just within the time limit: the deadline still holds."""
    slow = MiniDatafor()

    def script(request):  # type: ignore[no-untyped-def]
        time.sleep(1.0)
        return slow(request)

    started = time.monotonic()
    with scripted(script) as (url, _):
        code, lines = check(monkeypatch, url, "--deadline", "2.5", "--timeout", "1.5")
    assert code == UNKNOWN and time.monotonic() - started < 2.5 + 1.5
    assert lines[0].startswith("BACKUPS UNKNOWN - no answer within 2.5 s")

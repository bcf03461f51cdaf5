"""``--self-test``: run for real in a fresh process (as CI runs the bundle), and its reporting."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Coroutine
from pathlib import Path
from typing import Any

from backupviewer import self_test

ROOT = Path(__file__).resolve().parent.parent
STEPS = (
    "resources",
    "fonts",
    "languages",
    "images",
    "x11 plugin",
    "keyring",
    "trust store",
    "demo server",
    "sign-in",
    "main window",
    "schedules",
    "csv export",
)


def run_in_subprocess(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, *args],
        cwd=tmp_path,  # nothing may depend on the working directory
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=180,
        check=False,
    )


def check_passing_report(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("BackupViewer ")
    assert "self-test (source)" in lines[0]
    for step in STEPS:
        (line,) = [line for line in lines if line[6:].startswith(step)]
        # The keyring may be missing on a headless machine, a Chinese font on a bare one: a
        # warning, never a failure.
        assert line.startswith("ok") or (
            line.startswith("warn")
            and (
                step == "keyring"
                or (step == "languages" and not _chinese_font())
                or (step == "x11 plugin" and "a window would need" in line)
            )
        ), line
    table = next(line for line in lines if line[6:].startswith("main window"))
    assert f"{self_test.DEMO_ROWS + 1:,} backups in the table (1 running)" in table
    assert "decoded in a worker process" in table
    assert lines[-1].startswith("self-test passed")


def test_self_test_passes_in_a_fresh_process(tmp_path: Path) -> None:
    result = run_in_subprocess(
        "-c", "from backupviewer.self_test import run; raise SystemExit(run())", tmp_path=tmp_path
    )
    check_passing_report(result)


def test_self_test_from_the_command_line(tmp_path: Path) -> None:
    check_passing_report(run_in_subprocess("-m", "backupviewer", "--self-test", tmp_path=tmp_path))


def test_a_failing_check_fails_the_self_test(tmp_path: Path) -> None:
    code = (
        "from backupviewer import self_test\n"
        "def no_fonts():\n"
        "    raise self_test.Problem('no fonts found')\n"
        "self_test._check_fonts = no_fonts\n"
        "raise SystemExit(self_test.run())\n"
    )
    result = run_in_subprocess("-c", code, tmp_path=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "FAIL  fonts        no fonts found" in result.stdout
    assert "ok    csv export" in result.stdout  # the other checks still ran
    assert result.stdout.splitlines()[-1].startswith("self-test FAILED (1 failed)")


def finished(coroutine: Coroutine[Any, Any, Any]) -> Any:
    """Run a coroutine that never waits, without an event loop (other tests may hold one)."""
    try:
        coroutine.send(None)
    except StopIteration as done:
        return done.value
    coroutine.close()
    raise AssertionError("the coroutine waited for something")


class Stream:
    """A text stream whose encoding cannot show every character (a Windows console)."""

    encoding = "ascii"

    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> int:
        text.encode(self.encoding)
        self.text += text
        return len(text)

    def flush(self) -> None:
        pass


def test_steps_report_ok_warnings_failures_and_crashes() -> None:
    stream = Stream()
    report = self_test.Report(stream)  # type: ignore[arg-type]

    def crash() -> str:
        raise KeyError("boom")

    def problem() -> str:
        raise self_test.Problem("explained")

    def skipped() -> str:
        raise self_test.Skipped

    async def fine() -> tuple[int, str]:
        return 42, "fine: 系统"

    async def steps() -> list[object]:
        return [
            await self_test._step(report, "value", fine),
            await self_test._step(report, "warning", lambda: Warning("careful")),
            await self_test._step(report, "problem", problem),
            await self_test._step(report, "crash", crash),
            await self_test._step(report, "skipped", skipped),
        ]

    assert finished(steps()) == [42, None, None, None, None]
    lines = stream.text.splitlines()
    assert lines[0].startswith("ok    value        fine: ?? (")
    assert lines[1] == "warn  warning      careful"
    assert lines[2] == "FAIL  problem      explained"
    assert lines[3] == "FAIL  crash        KeyError: 'boom'"
    assert lines[4] == "FAIL  skipped      skipped: an earlier step failed"
    assert (report.failures, report.warnings) == (3, 1)


def _chinese_font() -> bool:
    """Whether this machine has a font that shows Chinese (fontconfig's word for it)."""
    if shutil.which("fc-list") is None:
        return False
    found = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, check=False)
    return bool(found.stdout.strip())

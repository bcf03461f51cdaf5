"""Benchmark the health against schedules that would swamp it: the window's largest freeze and
the memory the schedules add, and how long ``check`` judges.

    python tests/benchmarks/bench_hostile.py [--cases TEXT] [--limit-s S] [--limit-mb MB]
        [--output tests/benchmarks/RESULTS.md] [--label TEXT]

A scripted server on 127.0.0.1 (`tests/scripted_server.py`, in this process) serves the demo's
2,000 backups and its schedules, and for each case hostile ones besides: schedules firing
every second, one ``* * * * * ?``, 5,000 daily ones that never ran, and answers of 10 MB.
Each case runs in a fresh process:

- the window: the app as `bench.py` builds it signs in through its dialog, then refreshes; a
  5 ms timer on the GUI thread, from Refresh until the history and its health are shown
  again, gives the largest freeze; the process's peak memory (VmHWM) less the baseline's
  (the demo's own schedules) is the memory the schedules add; and the rows of the table;
- ``check``: the command itself, start to end, its peak memory; and the judging alone
  (``assess`` on the same history and schedules, as ``check`` calls it, 7 days).

A process that passes `--limit-s` or `--limit-mb` is stopped (the code before the budget of
fire times took minutes and gigabytes): its figure is then "stopped". `--cases` picks the
cases whose names contain that text. It never fails on a slow figure.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

import bench  # noqa: E402  (beside this file)
import orjson  # noqa: E402
from histories import ZONE, daily_schedules, every_second  # noqa: E402
from scripted_server import MiniDatafor, scripted  # noqa: E402

ROWS = 2000
BASELINE = "the demo's own schedules (baseline)"


def cron_of_10_mb(now: datetime) -> list[dict[str, Any]]:
    item = every_second(0, now - timedelta(days=60), cron=True)
    trigger = orjson.loads(item["cron"])
    trigger["cronJobTrigger"]["cronString"] = "0 " + ",".join(["1"] * 5_000_000) + " * * * ?"
    return [dict(item, cron=orjson.dumps(trigger).decode())]


CASES = {
    BASELINE: lambda now: [],
    "10 schedules firing every second": lambda now: [
        every_second(i, now - timedelta(days=60)) for i in range(10)
    ],
    "40 schedules firing every second": lambda now: [
        every_second(i, now - timedelta(days=60)) for i in range(40)
    ],
    "one * * * * * ?": lambda now: [every_second(0, now - timedelta(days=60), cron=True)],
    "5,000 daily schedules": lambda now: daily_schedules(5000, now - timedelta(days=60)),
    "10 MB: 27,000 schedules firing every second": lambda now: [
        every_second(i, now - timedelta(days=60)) for i in range(27_000)
    ],
    "10 MB: one cron expression of 10 MB": cron_of_10_mb,
    "10 MB: 3.3 million empty items": lambda now: [{}] * 3_300_000,
}
CHECKS = {
    "check: 400 schedules firing every second": lambda now: [
        every_second(i, now - timedelta(days=60)) for i in range(400)
    ],
    "check: 10 MB, 27,000 schedules firing every second": lambda now: [
        every_second(i, now - timedelta(days=60)) for i in range(27_000)
    ],
}


def answers(case: str, now: datetime) -> tuple[bytes, bytes]:
    """The history (a JSON list) and the schedules of `case`, the demo's at `now`."""
    from backupviewer.demo.history import generate

    history = generate(ROWS, now=now)
    hostile = {**CASES, **CHECKS}[case](now)
    schedules = orjson.dumps(orjson.loads(history.schedules) + hostile)
    return b"[" + history.rows + b"]", schedules


# -- in a fresh process -----------------------------------------------------------------------


async def window_child(url: str, folder: Path) -> dict[str, Any]:
    """Sign in through the dialog; the largest freeze until the health is shown, the memory."""
    from PySide6.QtCore import QSettings

    from backupviewer.app import BackupViewerApp
    from backupviewer.options import Options
    from backupviewer.server.secrets import PasswordStore

    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    app = BackupViewerApp(
        Options(server=url), settings, PasswordStore(backend=False), freeze_startup=True
    )
    app.start()
    await bench.until(lambda: app.login.isVisible(), 60, "the sign-in dialog")
    try:
        await bench.sign_in(app, url, None)
        await bench.until(lambda: app.model.snapshot.health is not None, 3600, "the health")
        await asyncio.sleep(0.5)  # (the window drawn)
        probe = bench.StallProbe()
        probe.start()
        started = time.perf_counter()
        app.window.action_refresh.trigger()
        task = app.loader.task
        assert task is not None
        await task
        await asyncio.sleep(0.5)  # (the panels drawn again)
        freeze = probe.stop()
        took = time.perf_counter() - started
        model, summary = app.model, app.window.health_panel.summary
        memory = bench.rss_mb()
        return {
            "freeze": freeze,
            "took": took,
            "hwm": memory.get("hwm", memory["peak"]),
            "rows": model.total_count + model.missed_count,
            "missed rows": model.missed_count,
            "beyond": "too often" in summary.label.text(),
        }
    finally:
        await app.shutdown()


def judge_child(case: str) -> dict[str, Any]:
    """`check`'s judging alone, on the case's history and schedules (7 days)."""
    from backupviewer.core.schedule.items import schedule_items
    from backupviewer.health.assess import assess
    from backupviewer.health.findings import HealthSettings
    from backupviewer.history.workers import decode_answer

    now = datetime.now(ZONE)
    rows, schedules = answers(case, now)
    items = schedule_items(orjson.loads(schedules))
    table = decode_answer(
        b'{"success":true,"msg":"","data":' + rows + b"}", {i.id: i.trigger for i in items}
    )
    started = time.perf_counter()
    assess(table, items, now, HealthSettings(window_ms=7 * 86_400_000))
    return {"judging": time.perf_counter() - started}


# -- this process: the server and the watchdog ----------------------------------------------


def watched(command: list[str], limit_s: float, limit_mb: float, stdin: str = "") -> dict[str, Any]:
    """Run `command`, stopped past the limits; its JSON answer (or how it was stopped), its
    time and its peak memory."""
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+", encoding="utf-8") as out:
        process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=out, stderr=subprocess.DEVNULL, text=True,
            encoding="utf-8",
        )  # fmt: skip
        assert process.stdin is not None
        process.stdin.write(stdin)
        process.stdin.close()
        peak, stopped = 0.0, ""
        while process.poll() is None:
            peak = max(peak, bench.peak_mb(process.pid))
            elapsed = time.perf_counter() - started
            if elapsed > limit_s or peak > limit_mb:
                stopped = f"stopped at {peak:,.0f} MB after {elapsed:,.0f} s"
                process.kill()
                break
            time.sleep(0.05)
        process.wait()
        out.seek(0)
        output = out.read()
    found: dict[str, Any] = {"wall": time.perf_counter() - started, "peak": peak}
    if stopped:
        found["stopped"] = stopped
    else:
        lines = output.strip().splitlines()
        with contextlib.suppress(ValueError, IndexError):
            found.update(json.loads(lines[-1]))
        found["output"] = lines
    return found


def measure(
    args: argparse.Namespace,
) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    """(case, answer, largest freeze, memory added, rows) for each case of the window; (case,
    answer, judging, the whole command, its peak memory, words) for each of `check`."""
    now = datetime.now(ZONE)
    found: list[tuple[str, ...]] = []
    checks: list[tuple[str, ...]] = []
    base_hwm = None
    for case in [c for c in CASES if c == BASELINE or args.cases in c]:
        rows, schedules = answers(case, now)
        print(f"{case}…", flush=True)
        with scripted(MiniDatafor(rows=rows, schedules=schedules)) as (url, _):
            result = watched(
                [sys.executable, __file__, "--window-child", url], args.limit_s, args.limit_mb
            )
        size = f"{len(schedules) / 1e6:,.1f} MB" if len(schedules) > 1e6 else (
            f"{len(schedules) / 1e3:,.0f} KB")  # fmt: skip
        if "stopped" in result:
            found.append((case, size, result["stopped"], "–", "–"))
            continue
        if case == BASELINE:
            base_hwm = result["hwm"]
        added = "–" if base_hwm is None else f"{result['hwm'] - base_hwm:+,.0f} MB"
        words = "; said: beyond the budget" if result["beyond"] else ""
        rows_said = f"{result['rows']:,} ({result['missed rows']:,} missed){words}"
        found.append((case, size, bench.ms(result["freeze"]), added, rows_said))
    for case in [c for c in CHECKS if args.cases in c]:
        rows, schedules = answers(case, now)
        print(f"{case}…", flush=True)
        with scripted(MiniDatafor(rows=rows, schedules=schedules)) as (url, _):
            command = [sys.executable, "-m", "backupviewer", "check", "--server", url,
                       "--user", "admin", "--password-stdin", "--timeout", "600"]  # fmt: skip
            result = watched(command, args.limit_s, args.limit_mb, "password\n")
        judged = watched(
            [sys.executable, __file__, "--judge-child", case], args.limit_s, args.limit_mb
        )
        size = f"{len(schedules) / 1e6:,.1f} MB"
        judging = judged.get("stopped") or f"{judged['judging']:,.2f} s judging"
        whole = result.get("stopped") or f"{result['wall']:,.1f} s in all"
        first = (result.get("output") or [""])[0]
        words = "said: beyond the budget" if "too often" in first else "–"
        checks.append((case, size, judging, whole, f"{result['peak']:,.0f} MB", words))
    return found, checks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", default="", help="only the cases whose names contain this")
    parser.add_argument("--limit-s", type=float, default=300, help="stop a case after (300 s)")
    parser.add_argument("--limit-mb", type=float, default=4000, help="… or past (4,000 MB)")
    parser.add_argument("--output", type=Path)
    parser.add_argument("--label", default="hostile schedules")
    parser.add_argument("--window-child", metavar="URL", help=argparse.SUPPRESS)
    parser.add_argument("--judge-child", metavar="CASE", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.window_child:
        with tempfile.TemporaryDirectory(prefix="backupviewer-bench-") as name:
            found = bench.run_qt(lambda: window_child(args.window_child, Path(name)))
        print(json.dumps(found))
        return 0
    if args.judge_child:
        print(json.dumps(judge_child(args.judge_child)))
        return 0
    lines, checks = measure(args)
    info = bench.machine()
    text = "\n".join([
        f"The demo's {ROWS:,} backups and its schedules, and each case's besides; the window from "
        f"Refresh until the health is shown again (5 ms probe), memory as peak RSS less the "
        f"baseline's; stopped past {args.limit_s:,.0f} s or {args.limit_mb:,.0f} MB; "
        f"{info['cpu']}; {info['versions']}.",
        "",
        "| case | schedules answer | largest freeze | memory added | rows in the table |",
        "| --- | ---: | ---: | ---: | --- |",
        *[f"| {' | '.join(line)} |" for line in lines],
    ])  # fmt: skip
    if checks:
        text += "\n\n" + "\n".join([
            "| `check` | schedules answer | judging (7 days) | the command | peak memory | words |",
            "| --- | ---: | ---: | ---: | ---: | --- |",
            *[f"| {' | '.join(line)} |" for line in checks],
        ])  # fmt: skip
    print(text)
    if args.output:
        stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
        with args.output.open("a", encoding="utf-8") as out:
            out.write(f"\n## {stamp} – {args.label}\n\n{text}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

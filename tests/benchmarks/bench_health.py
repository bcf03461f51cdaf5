"""Benchmark the health check: missed and slow runs of 100,000 backups of 50 schedules.

    python tests/benchmarks/bench_health.py [--rows N] [--schedules K] [--runs R]
        [--output tests/benchmarks/RESULTS.md] [--label TEXT]

Times, each the median of R runs in this process: `assess` (missed, slow and failing runs and
the days' counts) whole, and its longest step (the window runs the steps between its events),
the table with the missed runs added, the model taking both (the table's re-sort included:
what the window does at the end of a load, on its GUI thread), and the history strip drawn.
Targets: the health ≤ 0.2 s, the GUI thread ≤ 0.1 s at a time, the strip ≤ 50 ms. It never
fails on a slow figure.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import orjson

ZONE = timezone(timedelta(hours=8))
NOW = datetime(2026, 3, 10, 9, 30, tzinfo=ZONE)


def history(rows: int, schedules: int, seed: int = 1) -> tuple[bytes, list[dict[str, object]]]:
    """`rows` backups of `schedules` schedules – a fifth hourly, the rest daily at their own
    minute – newest first, each a few seconds after its time; one run in 500 missing, one in
    300 slow, one in 20 failed."""
    rng = random.Random(seed)
    since = NOW - timedelta(days=4000)
    items, runs = [], []
    for index in range(schedules):
        hourly = index % 5 == 0
        start = since.replace(hour=index % 24, minute=(index * 7) % 60)
        if hourly:
            trigger = {"simpleJobTrigger": {"startTime": start.isoformat(),
                                            "repeatInterval": 3600, "repeatCount": -1}}  # fmt: skip
        else:
            trigger = {"complexJobTrigger": {"startTime": start.isoformat(), "uiPassParam": "DAILY",
                                             "repeatInterval": 86400}}  # fmt: skip
        sid = f"{index:032x}"
        cron = orjson.dumps(trigger).decode()
        items.append({"id": sid, "name": f"Schedule {index}", "enable": "1", "state": "NORMAL",
                      "config": '[{"id":"db"}]', "cron": cron})  # fmt: skip
        step = timedelta(hours=1) if hourly else timedelta(days=1)
        fire = start + ((NOW - start) // step) * step
        runs.append((fire, step, sid, index))
    body = []
    while len(body) < rows:
        newest = max(range(len(runs)), key=lambda i: runs[i][0])
        fire, step, sid, index = runs[newest]
        runs[newest] = (fire - step, step, sid, index)
        if rng.random() < 1 / 500:
            continue
        started = fire + timedelta(seconds=2 + rng.random() * 5)
        seconds = 60 + rng.random() * 240 if rng.random() > 1 / 300 else 3600
        failed = rng.random() < 1 / 20
        local = started.astimezone(ZONE)
        body.append({
            "id": f"Backup_{local:%Y.%m.%d-%H.%M.%S}.{local.microsecond // 1000:03d}+0800",
            "backupid": sid, "name": f"Schedule {index}", "folder": "backup/",
            "config": '[{"id":"db"}]', "status": "2" if failed else "1", "add_by": "admin",
            "add_time": f"{local:%Y-%m-%d %H:%M:%S}.{local.microsecond // 1000:03d}",
            "update_by": "admin",
            "update_time": f"{local + timedelta(seconds=seconds):%Y-%m-%d %H:%M:%S}.0",
        })  # fmt: skip
    return orjson.dumps({"success": True, "msg": "", "data": body}), items


def measure(runs: int, work: object) -> float:
    """The median time of `work()`; of what it returns, when it times itself."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        said = work()  # type: ignore[operator]
        times.append(said if isinstance(said, float) else time.perf_counter() - started)
    return statistics.median(times)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--schedules", type=int, default=50)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--output", type=Path)
    parser.add_argument("--label", default="health check")
    args = parser.parse_args(argv)

    from PySide6.QtWidgets import QApplication

    from backupviewer.core.pace import Pace, finish
    from backupviewer.core.schedule.items import ScheduleList, schedule_items
    from backupviewer.health.assess import assess, assess_in_steps
    from backupviewer.health.missed_rows import with_missed_in_steps
    from backupviewer.health.snapshot import take_snapshot
    from backupviewer.history.table import HistoryTable
    from backupviewer.history.workers import decode_answer
    from backupviewer.qt.history_model import HistoryModel
    from backupviewer.widgets.health.history_chart import HistoryChart

    app = QApplication.instance() or QApplication([])
    body, raw_items = history(args.rows, args.schedules)
    items = schedule_items(raw_items)
    table = decode_answer(body, {item.id: item.trigger for item in items})
    health = assess(table, items, NOW)
    # (the missed runs as rows of their own since the budget of fire times; as runs before)
    model = HistoryModel()
    model.sort(2, model.sort_order)
    chart = HistoryChart()
    chart.resize(1200, 80)
    chart.grab()

    def longest_step() -> float:
        steps = assess_in_steps(table, items, NOW)
        worst = 0.0
        while True:
            started = time.perf_counter()
            try:
                next(steps)
            except StopIteration:
                return max(worst, time.perf_counter() - started)
            worst = max(worst, time.perf_counter() - started)

    def strip() -> None:
        chart.set_days(health.days)
        chart.grab()

    runs = args.runs
    snapshots = []  # a fresh table each time: its sort keys are made again, as after a load
    for _ in range(runs):
        copy = HistoryTable()
        copy.extend(table)
        snapshots.append(take_snapshot(copy, ScheduleList(tuple(items)), NOW))
    figures = [
        ("health: missed, slow and failing runs, days (all steps)",
         measure(runs, lambda: assess(table, items, NOW)), 0.2),
        ("health: its longest step (GUI thread)", measure(runs, longest_step), 0.1),
        ("the table with the missed runs added",
         measure(runs, lambda: finish(with_missed_in_steps(table, health.missed, Pace()))), None),
        ("the model takes the snapshot (GUI thread)",
         measure(runs, lambda: model.show(snapshots.pop())), 0.1),
        ("the history strip: days set and drawn (GUI thread)", measure(runs, strip), 0.05),
    ]  # fmt: skip
    del app
    head = (
        f"{len(table):,} backups of {len(items)} schedules (a fifth hourly), "
        f"{health.missed_count:,} missed runs and "
        f"{len(health.slow):,} slow backups found in 30 "
        f"days; median of {args.runs} runs; {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} cores; Python {platform.python_version()}"
    )
    lines = [head, "", "| figure | measured | target |", "| --- | ---: | --- |"]
    for name, seconds, target in figures:
        goal = f"≤ {target * 1000:,.0f} ms" if target else "–"
        lines.append(f"| {name} | {seconds * 1000:,.0f} ms | {goal} |")
    text = "\n".join(lines)
    print(text)
    if args.output:
        stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
        with args.output.open("a", encoding="utf-8") as out:
            out.write(f"\n## {stamp} – {args.label}\n\n{text}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

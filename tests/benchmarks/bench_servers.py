"""Benchmark many servers at once against one alone: ``check --servers`` and the app's
window of all servers.

Starts N demo servers on 127.0.0.1 (10,000 backups each by default), then times, alternating
over several rounds: ``check --server`` against one of them, ``check --servers`` against all
N (the same histories), and all N with one more server that takes connections and never
answers; then the app's window (``backupviewer --servers``) with one server and with all N:
from the start until every server is judged, the largest stall of the GUI thread (a 5 ms
probe) and the peak memory. Each command and each app runs in a fresh process; its peak
memory is read from /proc (Linux). Prints a Markdown section; ``--output`` appends it.

    python tests/benchmarks/bench_servers.py [--servers 20] [--rows 10000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from backupviewer.demo.server import DemoServer

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]
import bench  # type: ignore[import-not-found]  # noqa: E402
from servers_toml import server_table, servers_file, silent_address  # noqa: E402

PASSWORD_VARIABLE = "BENCH_PASSWORD"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--window-child", metavar="FILE", help=argparse.SUPPRESS)
    parser.add_argument("--servers", type=int, default=20)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--output", type=Path)
    parser.add_argument("--label", default="check over many servers")
    args = parser.parse_args(argv)
    if args.window_child:
        print(json.dumps(bench.run_qt(lambda: _window_child(args.window_child))))
        return 0
    with contextlib.ExitStack() as stack:
        servers = [
            stack.enter_context(DemoServer(rows=args.rows, seed=1)) for _ in range(args.servers)
        ]
        hanging = stack.enter_context(silent_address())
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-servers-")))
        all_file = _servers_file(folder / "all.toml", [s.url for s in servers])
        with_hanging = _servers_file(folder / "hanging.toml", [s.url for s in servers] + [hanging])
        print(f"{args.servers} demo servers of {args.rows:,} backups; {args.rounds} rounds…")
        one, many, stuck = [], [], []
        for _ in range(args.rounds):
            one.append(_run(["--server", servers[0].url, "--user", "admin", "--password-stdin"]))
            many.append(_run(["--servers", str(all_file)]))
            stuck.append(_run(["--servers", str(with_hanging), "--deadline", "10"]))
        one_file = _servers_file(folder / "one.toml", [servers[0].url])
        alone, together = [], []
        for _ in range(args.rounds):
            alone.append(_window(one_file))
            together.append(_window(all_file))
    text = _report(args, one, many, stuck, _window_report(args, alone, together))
    print(text)
    if args.output:
        with args.output.open("a", encoding="utf-8") as out:
            out.write("\n" + text)
    return 0


def _servers_file(path: Path, urls: list[str]) -> Path:
    tables = (server_table(f"s{n:02d}", url, variable=PASSWORD_VARIABLE)
              for n, url in enumerate(urls, start=1))  # fmt: skip
    return Path(servers_file(path.parent, *tables, name=path.name))


def _run(options: list[str]) -> tuple[float, float, str]:
    """(seconds, peak MB, first line) of one ``check``."""
    command = [sys.executable, "-m", "backupviewer", "check", *options]
    env = {**os.environ, PASSWORD_VARIABLE: "password"}
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+", encoding="utf-8") as out:
        process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=out, stderr=subprocess.DEVNULL, env=env,
            text=True,
        )  # fmt: skip
        assert process.stdin is not None
        process.stdin.write("password\n")
        process.stdin.close()
        peak = 0.0
        while process.poll() is None:
            peak = max(peak, bench.peak_mb(process.pid))
            time.sleep(0.02)
        took = time.perf_counter() - started
        out.seek(0)
        first = out.readline().strip()
    return took, peak, first


def _window(path: Path) -> dict[str, float]:
    """The app's window of the servers in `path`, in a fresh process: its figures."""
    env = {**os.environ, PASSWORD_VARIABLE: "password", "QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, __file__, "--window-child", str(path)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"the window's run failed: {done.stderr[-2000:]}")
    return dict(json.loads(lines[-1]))


async def _window_child(path: str) -> dict[str, float]:
    """Open the window of all servers; until every server is judged: the time, the largest
    stall after the window's first paint, the peak memory."""
    from PySide6.QtCore import QSettings

    from backupviewer.app import BackupViewerApp
    from backupviewer.options import Options
    from backupviewer.qt.fleet import Phase
    from backupviewer.server.secrets import PasswordStore

    with tempfile.TemporaryDirectory(prefix="bench-servers-") as folder:
        settings = QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat)
        started = time.perf_counter()
        app = BackupViewerApp(
            Options(servers=path), settings, PasswordStore(backend=False), freeze_startup=True
        )
        app.start()
        await asyncio.sleep(0.05)  # (the window's first paint: the start, not the loading)
        probe = bench.StallProbe()
        probe.start()
        assert app.all_servers is not None
        states = app.all_servers.fleet.states
        await bench.until(lambda: all(s.phase is Phase.JUDGED for s in states), 600, "all")
        took = time.perf_counter() - started
        stall = probe.stop()
        # then all of them as one history, in a window of its own
        probe = bench.StallProbe()
        probe.start()
        shown = time.perf_counter()
        app.all_servers.show_history()
        history = app.all_servers.history
        assert history is not None
        rows = sum(s.snapshot.backup_count for s in states if s.snapshot is not None)
        await bench.until(lambda: history.model.total_count == rows, 600, "one history")
        schedules = sum(len(s.snapshot.schedules.items) for s in states if s.snapshot)
        panel = history.window.health_panel.schedule_model
        await bench.until(lambda: panel.rowCount() == schedules, 600, "its schedules")
        as_one = time.perf_counter() - shown
        one_stall = probe.stop()
        memory = bench.rss_mb()
        await app.shutdown()
    return {"took": took, "stall": stall, "hwm": memory.get("hwm", memory["peak"]),
            "one": as_one, "one_stall": one_stall}  # fmt: skip


def _window_report(
    args: argparse.Namespace, alone: list[dict[str, float]], together: list[dict[str, float]]
) -> str:
    def median(runs: list[dict[str, float]], key: str) -> float:
        return statistics.median(run[key] for run in runs)

    one, many = median(alone, "took"), median(together, "took")
    return "\n".join(
        [
            "| the window (`backupviewer --servers`), one server: start → judged | "
            f"{one:.2f} s, largest stall {median(alone, 'stall') * 1000:.0f} ms, "
            f"{median(alone, 'hwm'):.0f} MB | – |",
            f"| the window, all {args.servers}: start → every one judged | {many:.2f} s, "
            f"largest stall {median(together, 'stall') * 1000:.0f} ms, "
            f"{median(together, 'hwm'):.0f} MB | ≤ 1.5× one alone, ≤ 100 ms, ≤ 500 MB |",
            f"| the window: all ÷ one alone | {many / one:.1f}× | ≤ 1.5× |",
            f"| then all {args.servers} as one history (All as one history): asked → every "
            f"row and schedule shown | {median(together, 'one'):.2f} s, largest stall "
            f"{median(together, 'one_stall') * 1000:.0f} ms | ≤ 100 ms |",
            "",
        ]
    )


def _report(
    args: argparse.Namespace,
    one: list[tuple[float, float, str]],
    many: list[tuple[float, float, str]],
    stuck: list[tuple[float, float, str]],
    window_rows: str,
) -> str:
    def median(runs: list[tuple[float, float, str]], index: int) -> float:
        return statistics.median(run[index] for run in runs)

    alone, together, hung = median(one, 0), median(many, 0), median(stuck, 0)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    level = many[-1][2].split(" - ", 1)[0]
    level_stuck = stuck[-1][2].split(" - ", 1)[0]
    return "\n".join(
        [
            f"## {stamp} – {args.label}",
            "",
            f"{args.servers} demo servers of {args.rows:,} backups each on 127.0.0.1, `check` "
            f"in a fresh process each time, median of {args.rounds} alternating rounds; "
            f"{platform.machine()}, {os.cpu_count()} cores; Python {platform.python_version()}.",
            "",
            "| figure | measured | target |",
            "| --- | ---: | --- |",
            f"| `check --server`, one server alone | {alone:.2f} s, {median(one, 1):.0f} MB | – |",
            f"| `check --servers`, all {args.servers} | {together:.2f} s, "
            f"{median(many, 1):.0f} MB | ≤ 10 s |",
            f"| all ÷ one alone | {together / alone:.1f}× | – |",
            f"| `check --servers`, all and one that never answers (`--deadline 10`) | "
            f"{hung:.2f} s, {median(stuck, 1):.0f} MB | the deadline |",
            window_rows,
            f"- the state of all: {level}; with the silent one: {level_stuck}",
            "",
        ]
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

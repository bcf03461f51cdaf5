"""Benchmark ``check --servers``: many servers at once against one alone.

Starts N demo servers on 127.0.0.1 (10,000 backups each by default), then times, alternating
over several rounds: ``check --server`` against one of them, and ``check --servers`` against
all N (the same histories); with ``--hanging``, the file gets one more server that takes
connections and never answers. Each command runs in a fresh process; its peak memory is read
from /proc while it runs (Linux). Prints a Markdown section; ``--output`` appends it.

    python tests/benchmarks/bench_servers.py [--servers 20] [--rows 10000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from backupviewer.demo.server import DemoServer

PASSWORD_VARIABLE = "BENCH_PASSWORD"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--servers", type=int, default=20)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--output", type=Path)
    parser.add_argument("--label", default="check over many servers")
    args = parser.parse_args(argv)
    with contextlib.ExitStack() as stack:
        servers = [
            stack.enter_context(DemoServer(rows=args.rows, seed=1)) for _ in range(args.servers)
        ]
        hanging = stack.enter_context(_hanging())
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-servers-")))
        all_file = _servers_file(folder / "all.toml", [s.url for s in servers])
        with_hanging = _servers_file(folder / "hanging.toml", [s.url for s in servers] + [hanging])
        print(f"{args.servers} demo servers of {args.rows:,} backups; {args.rounds} rounds…")
        one, many, stuck = [], [], []
        for _ in range(args.rounds):
            one.append(_run(["--server", servers[0].url, "--user", "admin", "--password-stdin"]))
            many.append(_run(["--servers", str(all_file)]))
            stuck.append(_run(["--servers", str(with_hanging), "--deadline", "10"]))
    text = _report(args, one, many, stuck)
    print(text)
    if args.output:
        with args.output.open("a", encoding="utf-8") as out:
            out.write("\n" + text)
    return 0


@contextlib.contextmanager
def _hanging() -> Iterator[str]:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/datafor"
    finally:
        listener.close()


def _servers_file(path: Path, urls: list[str]) -> Path:
    tables = (
        f'[[server]]\nname = "s{n:02d}"\nurl = "{url}"\nuser = "admin"\n'
        f'password_env = "{PASSWORD_VARIABLE}"\n'
        for n, url in enumerate(urls, start=1)
    )
    path.write_text("\n".join(tables), encoding="utf-8")
    path.chmod(0o600)
    return path


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
            peak = max(peak, _hwm(process.pid))
            time.sleep(0.02)
        took = time.perf_counter() - started
        out.seek(0)
        first = out.readline().strip()
    return took, peak, first


def _hwm(pid: int) -> float:
    with contextlib.suppress(OSError, ValueError, StopIteration):
        status = Path(f"/proc/{pid}/status").read_text()
        line = next(x for x in status.splitlines() if x.startswith("VmHWM:"))
        return int(line.split()[1]) / 1024
    return 0.0


def _report(
    args: argparse.Namespace,
    one: list[tuple[float, float, str]],
    many: list[tuple[float, float, str]],
    stuck: list[tuple[float, float, str]],
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
            "",
            f"- the state of all: {level}; with the silent one: {level_stuck}",
            "",
        ]
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

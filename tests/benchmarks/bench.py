"""Benchmark the real app at scale: load, stall, sort, filter, export, copy, memory, start.

Run from the repository root (see README.md beside this file)::

    python tests/benchmarks/bench.py [--rows N] [--runs K] [--output PATH] [--label TEXT] [--smoke]

A demo server with N backups runs in a separate process. This process drives the app as
`backupviewer.app` builds it (sign-in dialog, client, loader, model, main window) offscreen on
a qasync loop, and times each figure as the median of K runs, with its baselines (a bare
httpx request plus ``orjson.loads``; jq writing a CSV) measured in the same run. Peak memory
is measured in a fresh process that only signs in and loads, and the start time by launching
``python -m backupviewer`` until the sign-in dialog is shown.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import json
import os
import platform
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "RESULTS.md"
SMOKE_ROWS = 2_000
JQ_FILTER = ".data[] | [.id,.name,.status,.add_time,.update_time,.add_by] | @csv"
COPY_ROWS = 10_000
FILTER_KEYS = ("f", "a", "i", "l", "Backspace", "Escape")
LOG_QUERY = "plugin/datafor-backup/api/log/query"

# -- the demo server in its own process ---------------------------------------------------------


class DemoServerProcess:
    """``python -m backupviewer demo-server`` on a free port, stopped on exit."""

    def __init__(self, rows: int, cron_share: float, spaced: bool) -> None:
        self.rows = rows
        self.cron_share = cron_share
        self.spaced = spaced
        self.url = ""
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 - closed in __exit__
        self._process: subprocess.Popen[str] | None = None

    def __enter__(self) -> DemoServerProcess:
        command = [sys.executable, "-m", "backupviewer", "demo-server", "--port", "0",
                   "--rows", str(self.rows), "--running-seconds", "0", "--frozen",
                   "--cron-share", str(self.cron_share),
                   *(["--spaced"] if self.spaced else [])]  # fmt: skip
        self._process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=self._log, text=True, encoding="utf-8"
        )
        assert self._process.stdout is not None
        for line in self._process.stdout:
            found = re.search(r"Demo Datafor server at (\S+) with", line)
            if found:
                self.url = found.group(1)
                break
        if not self.url:
            self._log.seek(0)
            raise RuntimeError(f"the demo server did not start: {self._log.read().decode()}")
        drain = threading.Thread(target=self._process.stdout.read, daemon=True)
        drain.start()
        return self

    def __exit__(self, *exc: object) -> None:
        process = self._process
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGTERM if os.name != "nt" else signal.CTRL_BREAK_EVENT)
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self._log.close()


# -- measuring helpers --------------------------------------------------------------------------


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


async def until(condition: Callable[[], object], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout:g} s waiting for {what}")
        await asyncio.sleep(0.005)


def peak_mb(pid: int) -> float:
    """The peak resident memory of another process (VmHWM, Linux), in MB; 0 when unknown."""
    with contextlib.suppress(OSError, ValueError, StopIteration):
        status = Path(f"/proc/{pid}/status").read_text()
        line = next(x for x in status.splitlines() if x.startswith("VmHWM:"))
        return int(line.split()[1]) / 1024
    return 0.0


def rss_mb() -> dict[str, float]:
    """Current and peak resident memory of this process, in MB."""
    found = {"peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    if sys.platform == "darwin":
        found["peak"] /= 1024  # bytes there, kilobytes on Linux
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                found[{"VmRSS": "current", "VmHWM": "hwm"}[key]] = int(value.split()[0]) / 1024
    return found


@dataclass
class Figures:
    """Every measurement, by name: lists of seconds (or MB) per run."""

    values: dict[str, list[float]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def add(self, name: str, value: float) -> None:
        self.values.setdefault(name, []).append(value)

    def med(self, name: str) -> float:
        return median(self.values.get(name, []))


def _qt_imports() -> Any:
    """Qt and the app, imported only where they are needed (not by the start-time runs)."""
    import qasync
    from PySide6 import QtCore, QtGui, QtWidgets

    return qasync, QtCore, QtGui, QtWidgets


# -- the app, built and signed in as a user would -------------------------------------------------


async def signed_in_app(url: str, folder: Path, figures: Figures | None = None) -> Any:
    """The app as `backupviewer.app.main` builds it, signed in through its own dialog."""
    from PySide6.QtCore import QSettings

    from backupviewer.app import BackupViewerApp
    from backupviewer.options import Options
    from backupviewer.server.secrets import PasswordStore

    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    app = BackupViewerApp(Options(server=url), settings, PasswordStore(backend=False))
    app.start()
    await asyncio.sleep(0.5)  # the app's own start-up work (worker, hidden main window)
    await sign_in(app, url, figures)
    return app


async def sign_in(app: Any, url: str, figures: Figures | None) -> None:
    """Type the administrator's account into the sign-in dialog, press Sign in and wait until
    every row is shown; with `figures`, that time is the first load."""
    from backupviewer.core.datafor.auth import AuthMethod
    from backupviewer.demo import accounts

    account = accounts.ADMIN
    app.login.prefill(
        server=url, user=account.user, secret=account.password, method=AuthMethod.SESSION
    )
    refused: list[str] = []
    app.session.sign_in_failed.connect(refused.append)
    started = time.perf_counter()
    app.login.login_button.click()

    def loaded() -> bool:
        if refused or app.loader.last_error:
            raise RuntimeError(f"signing in or loading failed: {refused or app.loader.last_error}")
        window = app.window
        return bool(
            window and window.isVisible() and app.loader.last_loaded and not app.loader.busy
        )

    await until(loaded, 600, "the first load after signing in")
    if figures is not None:
        figures.add("first load", time.perf_counter() - started)
    app.session.sign_in_failed.disconnect(refused.append)


def every_row(app: Any) -> int:
    """The table's rows with no filter: the backups and the missed runs after them."""
    return int(app.model.total_count + app.model.missed_count)


async def sign_out(app: Any) -> None:
    """Sign out as the window's Sign out does, back to the sign-in dialog."""
    app.window.action_sign_out.trigger()
    await until(lambda: app.login.isVisible() and app.model.total_count == 0, 60, "signing out")


class StallProbe:
    """A 5 ms timer on the GUI thread; the largest gap between its ticks is the worst stall."""

    def __init__(self) -> None:
        _, QtCore, _, _ = _qt_imports()
        self.timer = QtCore.QTimer()
        self.timer.setTimerType(QtCore.Qt.TimerType.PreciseTimer)
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.last = 0.0
        self.worst = 0.0

    def start(self) -> None:
        self.last = time.perf_counter()
        self.worst = 0.0
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.worst = max(self.worst, now - self.last)
        self.last = now

    def stop(self) -> float:
        self._tick()
        self.timer.stop()
        return self.worst


def paint_watch(view: Any, model: Any) -> Any:
    """An event filter noting when the table's viewport first paints with rows in it."""
    _, QtCore, _, _ = _qt_imports()

    class PaintWatch(QtCore.QObject):
        def __init__(self) -> None:
            super().__init__(view)
            self.first: float | None = None

        def eventFilter(self, watched: Any, event: Any) -> bool:  # Qt's name
            if (
                self.first is None
                and event.type() == QtCore.QEvent.Type.Paint
                and model.rowCount() > 0
            ):
                self.first = time.perf_counter()
            return False

    watch = PaintWatch()
    view.viewport().installEventFilter(watch)
    return watch


def floor_once(url: str, cookies: Any, body_path: Path | None) -> float:
    """A bare httpx request of the history with the app's cookies, then `orjson.loads`."""
    import httpx
    import orjson

    with httpx.Client(cookies=cookies, timeout=600) as bare:
        bare.post(f"{url}/{LOG_QUERY}", content=b"{}")  # a warm connection, as the app has
        started = time.perf_counter()
        response = bare.post(
            f"{url}/{LOG_QUERY}", content=b"{}", headers={"Content-Type": "application/json"}
        )
        data = orjson.loads(response.content)
        seconds = time.perf_counter() - started
    if body_path is not None:
        body_path.write_bytes(response.content)
    assert isinstance(data, dict) and data.get("success") is True
    del data, response
    return seconds


def jq_once(jq: str, source: Path, target: Path) -> float:
    started = time.perf_counter()
    with target.open("wb") as out:
        subprocess.run([jq, "-r", JQ_FILTER, str(source)], stdout=out, check=True)
    return time.perf_counter() - started


async def measure_load(app: Any, rows: int, empty: bool, figures: Figures) -> None:
    """Refresh and time until every row is in the model (from an empty table or a full one)."""
    window, model, loader = app.window, app.model, app.loader
    if empty:
        model.clear()
        window.table.viewport().repaint()
    watch = paint_watch(window.table, model)
    probe = StallProbe()
    probe.start()
    started = time.perf_counter()
    window.action_refresh.trigger()
    task = loader.task
    assert task is not None
    await task
    done = time.perf_counter()
    await until(lambda: watch.first is not None, 10, "the table to paint")
    stall = probe.stop()
    window.table.viewport().removeEventFilter(watch)
    if loader.last_error is not None or model.total_count != rows:
        raise RuntimeError(f"load failed: {loader.last_error} ({model.total_count:,} rows)")
    kind = "load" if empty else "refresh"
    figures.add(kind, done - started)
    figures.add(f"{kind} stall", stall)
    if empty and watch.first is not None:
        figures.add("first rows", watch.first - started)


def timed(action: Callable[[], object], view: Any) -> float:
    """Seconds for `action` plus the repaint of the table that shows its outcome."""
    started = time.perf_counter()
    action()
    view.viewport().repaint()
    return time.perf_counter() - started


def measure_sorts(app: Any, runs: int, figures: Figures) -> None:
    from backupviewer.core.columns import Column

    _, QtCore, _, _ = _qt_imports()
    window = app.window
    table = window.table
    orders = (QtCore.Qt.SortOrder.AscendingOrder, QtCore.Qt.SortOrder.DescendingOrder)
    per: dict[tuple[int, int], list[float]] = {}
    for run in range(runs):
        for column in Column:
            for order in orders:
                seconds = timed(lambda c=column, o=order: table.sortByColumn(c, o), table)
                per.setdefault((column, order.value), []).append(seconds)
                if run == 0:
                    figures.add("sort first", seconds)
    for values in per.values():
        figures.add("sort", median(values))
    table.sortByColumn(Column.STARTED, QtCore.Qt.SortOrder.DescendingOrder)


def measure_filters(app: Any, runs: int, figures: Figures) -> None:
    _, QtCore, QtGui, QtWidgets = _qt_imports()
    window = app.window
    edit, table = window.filter_edit, window.table
    Key = QtCore.Qt.Key
    escape = next(a for a in edit.actions() if a.shortcut() == QtGui.QKeySequence(Key.Key_Escape))

    def press(name: str) -> None:
        if name == "Escape":
            escape.trigger()
            return
        key = Key.Key_Backspace if name == "Backspace" else getattr(Key, f"Key_{name.upper()}")
        text = "" if name == "Backspace" else name
        for kind in (QtCore.QEvent.Type.KeyPress, QtCore.QEvent.Type.KeyRelease):
            event = QtGui.QKeyEvent(kind, key, QtCore.Qt.KeyboardModifier.NoModifier, text)
            QtWidgets.QApplication.sendEvent(edit, event)

    per: dict[str, list[float]] = {}
    for _ in range(runs):
        for name in FILTER_KEYS:
            per.setdefault(name, []).append(timed(lambda n=name: press(n), table))
        assert edit.text() == "" and app.model.rowCount() == every_row(app)
    typed = ""
    for name in FILTER_KEYS:
        typed = typed[:-1] if name == "Backspace" else "" if name == "Escape" else typed + name
        figures.add("filter", median(per[name]))
        figures.notes.append(f"filter keystroke {name!r} (box: {typed!r}): "
                             f"{median(per[name]) * 1000:.0f} ms")  # fmt: skip
    combo = window.status_filter
    switches: dict[int, list[float]] = {}
    for _ in range(runs):
        for index in [*range(1, combo.count()), 0]:
            switches.setdefault(index, []).append(
                timed(lambda i=index: combo.setCurrentIndex(i), table)
            )
    for values in switches.values():
        figures.add("status filter", median(values))


def measure_copy(app: Any, runs: int, figures: Figures) -> None:
    _, _, QtGui, _ = _qt_imports()
    from PySide6.QtCore import QItemSelection, QItemSelectionModel

    window, model = app.window, app.model
    count = min(COPY_ROWS, model.rowCount())
    selection = QItemSelection(model.index(0, 0), model.index(count - 1, model.columnCount() - 1))
    window.table.selectionModel().select(
        selection, QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    for _ in range(runs):
        started = time.perf_counter()
        window.action_copy.trigger()
        figures.add("copy", time.perf_counter() - started)
    lines = QtGui.QGuiApplication.clipboard().text().count("\n")
    assert lines == count + 1, (lines, count)
    window.table.clearSelection()
    window.table.setCurrentIndex(model.index(-1, -1))


def measure_export(app: Any, runs: int, folder: Path, figures: Figures) -> int:
    from backupviewer.core.columns import Column

    window = app.window
    header = window.table.horizontalHeader()
    hidden = [c for c in Column if header.isSectionHidden(c)]
    for column in hidden:
        header.setSectionHidden(column, False)
    target = folder / "export.csv"
    written = 0
    try:
        for _ in range(runs):
            started = time.perf_counter()
            written = window.export_csv(target) or 0
            figures.add("export", time.perf_counter() - started)
            if written != every_row(app):
                raise RuntimeError(f"export wrote {written:,} rows")
    finally:
        for column in hidden:
            header.setSectionHidden(column, True)
    with target.open(encoding="utf-8") as exported:
        header_line = exported.readline()
    assert header_line.count(",") == len(Column) - 1, header_line
    return target.stat().st_size


async def measure_in_process(
    url: str, rows: int, runs: int, settle: float, folder: Path, figures: Figures
) -> None:
    app = await signed_in_app(url, folder)
    try:
        body_path = folder / "history.json"
        jq = shutil.which("jq")
        if jq is None:
            figures.notes.append("jq is not installed: the export baseline was skipped")
        for run in range(runs):
            await asyncio.sleep(settle)
            await sign_out(app)
            await asyncio.sleep(settle)
            await sign_in(app, url, figures)
            cookies = app.session.client._http.cookies  # the session the app signed in with
            await asyncio.sleep(settle)
            figures.add("floor", floor_once(url, cookies, body_path if run == 0 else None))
            gc.collect()
            await asyncio.sleep(settle)
            await measure_load(app, rows, True, figures)
            await asyncio.sleep(settle)
            await measure_load(app, rows, False, figures)
        await asyncio.sleep(settle)
        measure_sorts(app, runs, figures)
        measure_filters(app, runs, figures)
        measure_copy(app, runs, figures)
        size = measure_export(app, runs, folder, figures)
        figures.notes.append(f"the answer: {body_path.stat().st_size / 1e6:.1f} MB of JSON; "
                             f"the CSV of all 13 columns: {size / 1e6:.1f} MB")  # fmt: skip
        if jq is not None:
            for _ in range(runs):
                figures.add("jq", jq_once(jq, body_path, folder / "jq.csv"))
    finally:
        await app.shutdown()


async def memory_child(url: str, folder: Path) -> dict[str, float]:
    """In a fresh process: sign in (the first load), refresh once, then read the peaks."""
    workers: dict[int, float] = {}
    sampler = asyncio.ensure_future(sample_children(workers))
    try:
        app = await signed_in_app(url, folder)
        try:
            first = rss_mb()
            app.window.action_refresh.trigger()
            task = app.loader.task
            assert task is not None
            await task
            await asyncio.sleep(1.0)
            after = rss_mb()
        finally:
            await app.shutdown()
    finally:
        sampler.cancel()
    found = {
        "peak after the first load": first.get("hwm", first["peak"]),
        "peak after a refresh": after.get("hwm", after["peak"]),
        "ru_maxrss after a refresh": after["peak"],
        "current after a refresh": after.get("current", float("nan")),
    }
    if workers:
        found["workers' peak"] = max(workers.values())
    return found


async def sample_children(peaks: dict[int, float]) -> None:
    """Note the peak RSS (VmHWM) of each child process (the decoding workers) while they live.

    Linux only; `ru_maxrss` of children cannot serve: a child started by vfork counts the
    parent's memory as its own.
    """
    tasks = Path(f"/proc/{os.getpid()}/task")
    if not tasks.is_dir():
        return
    while True:
        with contextlib.suppress(OSError):
            for task in tasks.iterdir():
                for pid in (task / "children").read_text().split():
                    with contextlib.suppress(OSError, ValueError):
                        status = Path(f"/proc/{pid}/status").read_text()
                        line = next(x for x in status.splitlines() if x.startswith("VmHWM:"))
                        peak = int(line.split()[1]) / 1024
                        peaks[int(pid)] = max(peaks.get(int(pid), 0.0), peak)
        await asyncio.sleep(0.02)


def run_qt(coroutine_factory: Callable[[], Awaitable[Any]]) -> Any:
    qasync, _, _, QtWidgets = _qt_imports()
    try:
        from backupviewer.widgets.application import configure_application
    except ImportError:  # (the code before the move, for A/B runs)
        from backupviewer.app import configure_application  # type: ignore[attr-defined,no-redef]

    QtCore = _qt_imports()[1]
    QtCore.qInstallMessageHandler(_quiet_offscreen)
    qt_app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(["backupviewer-bench"])
    configure_application(qt_app)
    loop = qasync.QEventLoop(qt_app)
    asyncio.set_event_loop(loop)
    with loop:
        return loop.run_until_complete(coroutine_factory())


def _quiet_offscreen(kind: Any, context: Any, message: str) -> None:
    """Qt's messages, without the offscreen platform's notes on window hints it ignores."""
    if "This plugin does not support" not in message:
        print(message, file=sys.stderr)


def measure_memory(url: str, figures: Figures) -> None:
    result = subprocess.run(
        [sys.executable, __file__, "--memory-child", url],
        capture_output=True, text=True, encoding="utf-8", timeout=1800, check=False,
    )  # fmt: skip
    if result.returncode != 0:
        raise RuntimeError(f"the memory run failed:\n{result.stdout}\n{result.stderr}")
    found = json.loads(result.stdout.strip().splitlines()[-1])
    for name, value in found.items():
        figures.add(f"rss: {name}", value)


def measure_start(runs: int, folder: Path, figures: Figures) -> None:
    """Launch ``python -m backupviewer`` until it reports the sign-in dialog shown."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "BACKUPVIEWER_FIRST_SCREEN_PROBE": "1",
           "XDG_CONFIG_HOME": str(folder / "config"), "HOME": str(folder)}  # fmt: skip
    for _ in range(runs):
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "backupviewer"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, cwd=folder, text=True,
        )  # fmt: skip
        assert process.stdout is not None
        line = process.stdout.readline()
        shown = time.perf_counter() - started
        process.wait(60)
        if "first screen shown" not in line:
            raise RuntimeError("the app did not report its first screen")
        figures.add("start", shown)


# -- reporting ----------------------------------------------------------------------------------


def machine() -> dict[str, str]:
    import orjson
    import PySide6

    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.partition(":")[2].strip()
                break
    return {
        "date": datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "cpu": f"{cpu}, {os.cpu_count()} cores",
        "system": f"{platform.system()} {platform.release()}",
        "versions": f"Python {platform.python_version()}, PySide6 {PySide6.__version__}, "
        f"orjson {orjson.__version__}",
    }


def ms(seconds: float) -> str:
    return "–" if seconds != seconds else f"{seconds * 1000:,.0f} ms"


def table_rows(figures: Figures, rows: int) -> list[tuple[str, str, str]]:
    """(figure, measured, target) lines of the report."""
    f = figures.med
    floor, load = f("floor"), f("load")
    out = [
        ("floor: bare httpx request + orjson.loads", ms(floor), "baseline"),
        ("first load: Sign in → all rows in the model", ms(f("first load")),
         f"≤ 1.5× floor = {ms(1.5 * floor)}"),
        ("first load ÷ floor", f"{f('first load') / floor:.2f}×", "≤ 1.5×"),
        ("load: Refresh → all rows in the model (empty table)", ms(load),
         f"≤ 1.5× floor = {ms(1.5 * floor)}"),
        ("load ÷ floor", f"{load / floor:.2f}×", "≤ 1.5×"),
        ("first rows painted", ms(f("first rows")), "–"),
        ("refresh with the rows shown (swap at the end)", ms(f("refresh")),
         f"≤ 1.5× floor = {ms(1.5 * floor)}"),
        ("refresh ÷ floor", f"{f('refresh') / floor:.2f}×", "≤ 1.5×"),
        ("largest GUI stall while loading (5 ms probe)",
         ms(max(figures.values.get("load stall", [0]) + figures.values.get("refresh stall", [0]))),
         "≤ 100 ms"),
        ("sort, 13 columns × 2 directions: median / max", f"{ms(f('sort'))} / "
         f"{ms(max(figures.values.get('sort', [float('nan')])))}", "≤ 200 ms"),
        ("sort, first time per column (cold): max",
         ms(max(figures.values.get("sort first", [float("nan")]))), "≤ 200 ms"),
        ("filter keystroke: median / max", f"{ms(f('filter'))} / "
         f"{ms(max(figures.values.get('filter', [float('nan')])))}", "≤ 100 ms"),
        ("status filter switch: max",
         ms(max(figures.values.get("status filter", [float("nan")]))), "≤ 100 ms"),
        (f"copy {min(COPY_ROWS, rows):,} selected rows", ms(f("copy")), "≤ 200 ms"),
        ("export CSV, all 13 columns", ms(f("export")),
         f"≤ jq ÷ 2 = {ms(f('jq') / 2)}" if "jq" in figures.values else "≤ jq ÷ 2"),
        ("jq, 6 fields to CSV (baseline)", ms(f("jq")), "baseline"),
        ("export ÷ jq", f"{f('export') / f('jq'):.2f}" if "jq" in figures.values else "–",
         "≤ 0.5"),
    ]  # fmt: skip
    memory = (
        ("peak after the first load", "app: peak after the first load", "≤ 250 MB"),
        ("peak after a refresh", "app: peak after a refresh", "≤ 250 MB"),
        ("ru_maxrss after a refresh", "app: ru_maxrss after a refresh", "≤ 250 MB"),
        ("current after a refresh", "app: current after a refresh", "–"),
        ("workers' peak", "a decoding worker: peak", "–"),
    )
    for name, shown, target in memory:
        if f"rss: {name}" in figures.values:
            out.append((f"memory (RSS), {shown}", f"{f(f'rss: {name}'):,.0f} MB", target))
    if "start" in figures.values:
        out.append(("start: launch → sign-in dialog shown", ms(f("start")), "≤ 1 s"))
    return out


def report(figures: Figures, args: argparse.Namespace, info: dict[str, str]) -> str:
    rows, runs = args.rows, args.runs
    lines = [
        f"## {info['date']} – {args.label or 'this checkout'}",
        "",
        f"{rows:,} rows ({args.cron_share:.0%} carrying their trigger"
        f"{', JSON spaced' if args.spaced else ''}), median of {runs} "
        f"run{'s' * (runs != 1)}; {info['cpu']}; "
        f"{info['system']}; {info['versions']}.",
        "",
        "| figure | measured | target |",
        "| --- | ---: | --- |",
    ]
    lines += [
        f"| {name} | {value} | {target} |" for name, value, target in table_rows(figures, rows)
    ]
    if figures.notes:
        lines += ["", *[f"- {note}" for note in figures.notes]]
    return "\n".join(lines) + "\n"


def append_results(path: Path, section: str) -> None:
    if not path.exists():
        path.write_text(
            "# Benchmark results\n\nOne section per recorded run of `tests/benchmarks/bench.py`, "
            "newest last.\n",
            encoding="utf-8",
        )
    with path.open("a", encoding="utf-8") as out:
        out.write("\n" + section)


# -- entry ----------------------------------------------------------------------------------------


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000, help="backups (default 100,000)")
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (default 5)")
    parser.add_argument(
        "--cron-share",
        type=float,
        default=0.4,
        help="share of the rows carrying their own trigger (default 0.4: a 36.6 MB answer at "
        "100,000 rows; 0.667: 41 MB)",
    )
    parser.add_argument(
        "--spaced",
        action="store_true",
        help="the server writes its JSON as Python's json module does: spaces after commas and "
        "colons, non-ASCII escaped (45 MB at 100,000 rows with --cron-share 0.667)",
    )
    parser.add_argument("--output", type=Path, help=f"append the results here (e.g. {RESULTS})")
    parser.add_argument("--json", type=Path, help="also write every measurement as JSON here")
    parser.add_argument("--label", default="", help="what was measured, for the results file")
    parser.add_argument(
        "--smoke", action="store_true", help=f"{SMOKE_ROWS:,} rows, 1 run: checks that it runs"
    )
    parser.add_argument("--memory-child", metavar="URL", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.smoke:
        args.rows, args.runs = SMOKE_ROWS, 1
    if args.rows < 1 or args.runs < 1:
        parser.error("--rows and --runs must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    with tempfile.TemporaryDirectory(prefix="backupviewer-bench-") as name:
        folder = Path(name)
        if args.memory_child:
            found = run_qt(lambda: memory_child(args.memory_child, folder))
            print(json.dumps(found))
            return 0
        figures = Figures()
        settle = 0.2 if args.smoke else 1.0
        print(f"Starting a demo server with {args.rows:,} backups…", flush=True)
        with DemoServerProcess(args.rows, args.cron_share, args.spaced) as server:
            print(f"Measuring at {server.url} ({args.runs} runs)…", flush=True)
            measure_start(args.runs, folder, figures)
            measure_memory(server.url, figures)
            run_qt(lambda: measure_in_process(
                server.url, args.rows, args.runs, settle, folder, figures))  # fmt: skip
    info = machine()
    section = report(figures, args, info)
    print()
    print(section)
    if args.output is not None:
        append_results(args.output, section)
        print(f"Appended to {args.output}")
    if args.json is not None:
        args.json.write_text(json.dumps({"info": info, "rows": args.rows, "runs": args.runs,
                                         "values": figures.values, "notes": figures.notes},
                                        indent=1), encoding="utf-8")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Ending the app with SIGTERM quits it cleanly and leaves no worker process behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


def children_of(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc")
def test_sigterm_quits_and_stops_the_workers(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path))
    app = subprocess.Popen(
        [sys.executable, "-m", "backupviewer", "--demo", "--demo-rows", "50"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 20
        workers: set[int] = set()
        while not workers and time.monotonic() < deadline:
            time.sleep(0.2)
            workers = children_of(app.pid)
        assert workers, "the app starts its decoding worker soon after the dialog shows"
        time.sleep(0.5)
        workers = children_of(app.pid)
        app.send_signal(signal.SIGTERM)
        _, stderr = app.communicate(timeout=20)
        assert app.returncode == 0, stderr
        assert "Traceback" not in stderr
        deadline = time.monotonic() + 10
        while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(alive(pid) for pid in workers)
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()

"""Where Qt cannot open a window (a missing X11 library, no display), the app says so in one
sentence with the line that fixes it – never Qt's abort – and takes Wayland where it can."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from backupviewer.qt.platform_check import INSTALL_LINE, window_problem

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt's X11 support is Linux's"),
    pytest.mark.skipif(shutil.which("gcc") is None, reason="the fake plugins are built with gcc"),
]


@pytest.fixture
def plugins(tmp_path: Path) -> Path:
    """A platform plugin folder: an X11 plugin that needs a library this system lacks (as
    Qt's needs libxcb-cursor.so.0 on a fresh desktop) and a Wayland plugin that loads."""
    folder = tmp_path / "platforms"
    folder.mkdir()
    source = tmp_path / "empty.c"
    source.write_text("int backupviewer_test(void) { return 0; }\n")
    missing = tmp_path / "libxcb-cursor.so.99"
    build = ["gcc", "-shared", "-fPIC", "-o"]
    subprocess.run([*build, missing, source, "-Wl,-soname,libxcb-cursor.so.99"], check=True)
    subprocess.run(
        [*build, folder / "libqxcb.so", source, "-Wl,--no-as-needed", missing], check=True
    )
    subprocess.run([*build, folder / "libqwayland.so", source], check=True)
    missing.unlink()
    return folder


def app_process(environ: dict[str, str]) -> subprocess.CompletedProcess[str]:
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "DISPLAY", "WAYLAND"))}
    return subprocess.run(
        [sys.executable, "-m", "backupviewer", "--demo"],
        env={**keep, **environ}, capture_output=True, text=True, timeout=60, cwd=ROOT,
    )  # fmt: skip


def test_a_missing_x11_library_is_one_sentence_with_the_install_line(plugins: Path) -> None:
    ran = app_process(
        {"QT_QPA_PLATFORM": "xcb", "QT_QPA_PLATFORM_PLUGIN_PATH": str(plugins), "DISPLAY": ":0"}
    )
    assert ran.returncode == 1, ran.stderr
    assert ran.stderr == (
        "BackupViewer cannot open its window: Qt's X11 support needs libxcb-cursor.so.99, which "
        f"this system does not have. On Debian or Ubuntu, install what it needs with: "
        f"{INSTALL_LINE}\n"
    )


def test_no_display_is_one_sentence() -> None:
    ran = app_process({})
    assert ran.returncode == 1
    assert ran.stderr.startswith("BackupViewer cannot open its window: there is no display")
    assert ran.stderr.count("\n") == 1


def test_a_wayland_session_takes_wayland_when_x11_cannot_be_used(plugins: Path) -> None:
    environ = {"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}
    assert window_problem(environ, plugins) is None
    assert environ["QT_QPA_PLATFORM"] == "wayland"


def test_what_can_open_a_window_is_left_to_qt(plugins: Path) -> None:
    for environ in ({"QT_QPA_PLATFORM": "offscreen"}, {"QT_QPA_PLATFORM": "wayland"}):
        assert window_problem(environ, plugins) is None and len(environ) == 1
    good = plugins.parent / "good"
    good.mkdir()
    shutil.copy(plugins / "libqwayland.so", good / "libqxcb.so")
    assert window_problem({"DISPLAY": ":0"}, good) is None


def test_the_readme_names_the_same_packages() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert INSTALL_LINE.split("install ", 1)[1] in readme

"""The README's screenshot script still renders the main window with demo data."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

SCRIPT = Path(__file__).with_name("make_screenshot.py")


def test_screenshot_script_renders_light_and_dark(tmp_path: Path, qtbot: QtBot) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    for name, extra in (("light.png", []), ("dark.png", ["--dark"])):
        out = tmp_path / name
        subprocess.run(
            [sys.executable, str(SCRIPT), str(out), *extra],
            env=env,
            capture_output=True,
            timeout=120,
            check=True,
        )
        image = QImage(str(out))
        assert (image.width(), image.height()) == (1280, 760)
    light, dark = QImage(str(tmp_path / "light.png")), QImage(str(tmp_path / "dark.png"))
    assert light.pixelColor(640, 400).lightness() > dark.pixelColor(640, 400).lightness()


def test_screenshot_script_renders_the_window_of_all_servers(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = tmp_path / "servers.png"
    subprocess.run(
        [sys.executable, str(SCRIPT), str(out), "--scene", "servers", "--size", "1100x260"],
        env=env,
        capture_output=True,
        timeout=120,
        check=True,
    )
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1100, 260)

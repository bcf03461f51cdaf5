"""The project's linters run as part of the suite, so CI enforces them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STRICT_LAYERS = [
    "backupviewer/core",
    "backupviewer/server",
    "backupviewer/history",
    "backupviewer/health",
    "backupviewer/commands",
]
"""The layers without Qt, checked by strict mypy."""


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=False)


def test_ruff_check_and_format() -> None:
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    assert ruff, "ruff is part of the test extra: pip install -e '.[test]'"
    checked = run(ruff, "check", ".")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    formatted = run(ruff, "format", "--check", ".")
    assert formatted.returncode == 0, formatted.stdout + formatted.stderr


def test_mypy_strict_on_the_layers_without_qt() -> None:
    checked = run(sys.executable, "-m", "mypy", "--strict", *STRICT_LAYERS)
    assert checked.returncode == 0, checked.stdout + checked.stderr

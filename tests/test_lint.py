"""The project's linters run as part of the suite, so CI enforces them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PURE_MODULES = [
    "backupviewer/errors.py",
    "backupviewer/envelope.py",
    "backupviewer/content.py",
    "backupviewer/records.py",
    "backupviewer/schedule.py",
    "backupviewer/quartz.py",
    "backupviewer/history_table.py",
    "backupviewer/row_spans.py",
    "backupviewer/text_column.py",
    "backupviewer/raw_rows.py",
    "backupviewer/columns.py",
    "backupviewer/csv_export.py",
    "backupviewer/resources.py",
]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=False)


def test_ruff_check_and_format() -> None:
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    assert ruff, "ruff is part of the test extra: pip install -e '.[test]'"
    checked = run(ruff, "check", ".")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    formatted = run(ruff, "format", "--check", ".")
    assert formatted.returncode == 0, formatted.stdout + formatted.stderr


def test_mypy_strict_on_the_pure_core() -> None:
    existing = [m for m in PURE_MODULES if (ROOT / m).exists()]
    checked = run(sys.executable, "-m", "mypy", "--strict", *existing)
    assert checked.returncode == 0, checked.stdout + checked.stderr

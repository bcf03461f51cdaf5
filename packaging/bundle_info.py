"""Facts about the bundle shared by the spec, the build script and the tests: names, version."""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP_NAME = "BackupViewer"
BUNDLE_ID = "com.datafor.backupviewer"
# The windowed app; on Windows a console twin serves the command line (a windowed .exe has no
# stdout), elsewhere the one executable does both.
GUI_NAME = "BackupViewer" if sys.platform in ("win32", "darwin") else "backupviewer"
CLI_NAME = "backupviewer-cli" if sys.platform == "win32" else GUI_NAME
_VERSION = re.compile(r"""^__version__\s*=\s*["']([^"']+)["']""", re.MULTILINE)


def version() -> str:
    """The package's ``__version__``, read as text so that nothing is imported."""
    source = (ROOT / "backupviewer" / "__init__.py").read_text(encoding="utf-8")
    found = _VERSION.search(source)
    if found is None:
        raise SystemExit("no __version__ in backupviewer/__init__.py")
    return found.group(1)


def version_tuple() -> tuple[int, int, int, int]:
    """The leading numbers of the version, padded to four (Windows' file version)."""
    numbers = [int(part) for part in re.findall(r"\d+", version().split("+")[0])[:4]]
    return (*numbers, 0, 0, 0, 0)[:4]  # type: ignore[return-value]


def cli_binary(dist: Path, onefile: bool = False) -> Path:
    """The executable to run for the command line and ``--self-test`` in a finished build."""
    suffix = ".exe" if sys.platform == "win32" else ""
    if onefile:  # one executable only: on Windows the windowed one (its output is lost)
        return dist / f"{GUI_NAME}{suffix}"
    if sys.platform == "darwin":
        return dist / f"{APP_NAME}.app" / "Contents" / "MacOS" / GUI_NAME
    return dist / APP_NAME / f"{CLI_NAME}{suffix}"

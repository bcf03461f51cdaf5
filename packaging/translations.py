"""The interface's translations: ``python packaging/translations.py``.

Updates ``resources/translations/backupviewer_<language>.ts`` from the code with PySide6's
``lupdate`` (every ``translate("Context", "text")`` and ``QT_TRANSLATE_NOOP`` call; texts no
longer in the code are dropped, translations of the others kept), then compiles each into the
``.qm`` file the app loads with ``lrelease``. Translate the new texts in the ``.ts`` (with Qt
Linguist, ``pyside6-linguist``, or any editor), then run it again.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "backupviewer"
FOLDER = ROOT / "resources" / "translations"
LANGUAGES = ("zh_CN",)


def tool(name: str) -> str:
    """PySide6's own ``pyside6-<name>`` beside this Python, else on the PATH."""
    here = Path(sys.executable).parent
    for candidate in (here / f"pyside6-{name}", here / f"pyside6-{name}.exe"):
        if candidate.is_file():
            return str(candidate)
    found = shutil.which(f"pyside6-{name}")
    if found is None:
        raise SystemExit(f"pyside6-{name} not found: install PySide6 first")
    return found


def sources() -> list[str]:
    """The code's Python files, relative to the repository (so the .ts names them so)."""
    return sorted(str(p.relative_to(ROOT)) for p in PACKAGE.rglob("*.py") if "demo" not in p.parts)


def update(ts: Path) -> None:
    command = [tool("lupdate"), "-no-obsolete", "-locations", "none", *sources(), "-ts", str(ts)]
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def release(ts: Path, qm: Path) -> None:
    command = [tool("lrelease"), "-silent", str(ts), "-qm", str(qm)]
    subprocess.run(command, cwd=ROOT, check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-update", action="store_true", help="only compile the .ts files")
    args = parser.parse_args(argv)
    FOLDER.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        ts = FOLDER / f"backupviewer_{language}.ts"
        if not args.no_update:
            update(ts)
        release(ts, ts.with_suffix(".qm"))
        print(f"{ts.relative_to(ROOT)} → {ts.with_suffix('.qm').name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

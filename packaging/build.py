"""Build the BackupViewer bundle with PyInstaller: ``python packaging/build.py [--onefile]``."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import bundle_info
import make_icons

ROOT = bundle_info.ROOT
HERE = Path(__file__).resolve().parent
SPEC = HERE / "backupviewer.spec"
DESKTOP_FILE = HERE / "backupviewer.desktop"
DIST = ROOT / "dist"
WORK = ROOT / "build"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--onefile", action="store_true", help="one self-unpacking executable instead of a folder"
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="then run the built executable's --self-test offscreen; fail when it fails",
    )
    return parser.parse_args(argv)


def ensure_icons() -> None:
    """Render the icons from resources/icon.svg, unless every one of them is already there."""
    if all(path.is_file() for path in make_icons.expected_files()):
        return
    print("rendering the icons from resources/icon.svg", flush=True)
    subprocess.run([sys.executable, str(HERE / "make_icons.py")], check=True)


def run_pyinstaller(onefile: bool) -> None:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        raise SystemExit(
            "PyInstaller is missing: pip install -e '.[package]' (in this environment)"
        ) from None
    command = [
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
        "--distpath", str(DIST), "--workpath", str(WORK), str(SPEC),
    ]  # fmt: skip
    if onefile:
        command += ["--", "--onefile"]
    print("+", " ".join(command), flush=True)
    subprocess.run(command, check=True)


def result_path(onefile: bool) -> Path:
    """What the build produced: the folder (the .app on macOS) or the single executable."""
    if onefile:
        return bundle_info.cli_binary(DIST, onefile=True)
    if sys.platform == "darwin":
        return DIST / f"{bundle_info.APP_NAME}.app"
    return DIST / bundle_info.APP_NAME


def size_mb(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 1e6
    files = (p for p in path.rglob("*") if p.is_file() and not p.is_symlink())
    return sum(p.stat().st_size for p in files) / 1e6


def add_desktop_entry(onefile: bool) -> None:
    """Linux: put the .desktop file and the icon beside the executable, ready to install."""
    folder = DIST if onefile else DIST / bundle_info.APP_NAME
    shutil.copy2(DESKTOP_FILE, folder / DESKTOP_FILE.name)
    shutil.copy2(make_icons.OUT_DIR / make_icons.png_name(256), folder / "backupviewer.png")


def run_self_test(binary: Path) -> int:
    """Run the built executable's --self-test offscreen, from an empty folder, so that
    nothing from this checkout can stand in for a file missing from the bundle."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    for name in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"):
        env.pop(name, None)
    print(f"+ {binary} --self-test", flush=True)
    with tempfile.TemporaryDirectory(prefix="backupviewer-self-test-") as folder:
        return subprocess.run([str(binary), "--self-test"], cwd=folder, env=env).returncode


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.monotonic()
    ensure_icons()
    run_pyinstaller(args.onefile)
    if sys.platform.startswith("linux"):
        add_desktop_entry(args.onefile)
    result = result_path(args.onefile)
    print(
        f"\nBuilt {result} ({size_mb(result):.0f} MB) in {time.monotonic() - started:.0f} s"
        f"\nRun: {bundle_info.cli_binary(DIST, args.onefile)}",
        flush=True,
    )
    if args.self_test:
        code = run_self_test(bundle_info.cli_binary(DIST, args.onefile))
        print(f"self-test of the built executable: {'passed' if code == 0 else 'FAILED'}")
        return code
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Find the app's resource files (icons, style sheets, translations) frozen or from a checkout."""

from __future__ import annotations

import sys
from pathlib import Path, PurePosixPath

# The top of a source checkout: the folder above the package (this file is in backupviewer/core/).
_CHECKOUT = Path(__file__).resolve().parents[2]
_CHECKOUT_MARKER = "pyproject.toml"


def resources_root() -> Path | None:
    """The folder that holds the resources: ``resources/`` in the frozen bundle (PyInstaller's
    ``sys._MEIPASS``) or at the top of a source checkout; None where there is none, as in an
    installed wheel, which ships the package only."""
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        root = Path(bundle) / "resources"
    elif (_CHECKOUT / _CHECKOUT_MARKER).is_file():
        root = _CHECKOUT / "resources"
    else:
        return None
    return root if root.is_dir() else None


def resource_path(name: str) -> Path | None:
    """The file or folder `name` (a relative path with ``/``, e.g. ``"icons/icon-32.png"``) in
    the resources, or None when it is absent: callers fall back (a drawn icon, no style sheet)."""
    relative = PurePosixPath(name)
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        raise ValueError(f"not a relative resource name: {name!r}")
    root = resources_root()
    if root is None:
        return None
    path = root.joinpath(*relative.parts)
    return path if path.exists() else None

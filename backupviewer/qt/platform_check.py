"""Can Qt open a window here? On Linux, Qt answers a missing X11 library or a missing display
with an abort and a page about plugins; this says it in one sentence – what to install, or
where to run it – and takes Wayland where X11 cannot be used but Wayland can."""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import MutableMapping
from pathlib import Path

DESKTOP_PACKAGES = (
    "libegl1 libgl1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 "
    "libxcb-render-util0 libxcb-shape0 libxkbcommon-x11-0 fonts-dejavu-core"
)
"""What Qt's X11 support needs that a Debian or Ubuntu desktop may lack (the README's line)."""
INSTALL_LINE = f"sudo apt-get install {DESKTOP_PACKAGES}"
BUNDLED_X11 = (
    "libxcb-cursor.so.0",
    "libxcb-icccm.so.4",
    "libxcb-image.so.0",
    "libxcb-keysyms.so.1",
    "libxcb-render-util.so.0",
    "libxkbcommon-x11.so.0",
)
"""Libraries of Qt's X11 support that a desktop may lack: the Linux bundle carries them."""
_HEADLESS = ("offscreen", "minimal", "vnc", "linuxfb", "eglfs", "vkkhrdisplay")


def window_problem(
    environ: MutableMapping[str, str] | None = None, plugins: Path | None = None
) -> str | None:
    """Why Qt could not open a window (None: it can, or this is not Linux). Where X11 cannot
    be used but a Wayland session can, ``QT_QPA_PLATFORM=wayland`` is set in `environ`.
    `plugins`: the folder of Qt's platform plugins (Qt's own by default)."""
    environ = os.environ if environ is None else environ
    if not sys.platform.startswith("linux"):
        return None
    chosen = environ.get("QT_QPA_PLATFORM", "").split(";")[0].partition(":")[0].strip()
    if chosen and chosen != "xcb":
        return None  # Wayland, offscreen and the like: Qt's own words will do
    folder = plugins or _platform_plugins(environ)
    if not chosen and environ.get("WAYLAND_DISPLAY"):
        if _load_error(folder / "libqxcb.so") is not None and not _load_error(
            folder / "libqwayland.so"
        ):
            environ["QT_QPA_PLATFORM"] = "wayland"  # (Qt would try X11 only, and abort)
        return None
    if not environ.get("DISPLAY"):
        return (
            "BackupViewer cannot open its window: there is no display to show it on (DISPLAY "
            "is not set). Start it from a desktop session; without a window, its commands "
            "work anywhere (backupviewer --help)."
        )
    missing = x11_problem(folder)
    if missing is None:
        return None
    return (
        f"BackupViewer cannot open its window: Qt's X11 support needs {missing}, which this "
        f"system does not have. On Debian or Ubuntu, install what it needs with: {INSTALL_LINE}"
    )


def x11_problem(plugins: Path | None = None) -> str | None:
    """What keeps Qt's X11 plugin from loading, in a few words (None: it loads)."""
    return _load_error((plugins or _platform_plugins(os.environ)) / "libqxcb.so")


def _platform_plugins(environ: MutableMapping[str, str]) -> Path:
    """Where Qt looks for its platform plugins."""
    override = environ.get("QT_QPA_PLATFORM_PLUGIN_PATH")
    if override:
        return Path(override)
    from PySide6.QtCore import QLibraryInfo

    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"


def _load_error(plugin: Path) -> str | None:
    """What keeps `plugin` from loading, in a few words (None: it loads)."""
    if not plugin.is_file():
        return f"its plugin {plugin.name} (not found in {plugin.parent})"
    try:
        ctypes.CDLL(str(plugin), mode=os.RTLD_LAZY | os.RTLD_LOCAL)
    except OSError as exc:
        reason = str(exc)
        library, found, _ = reason.rpartition(": cannot open shared object file")
        return library.rpartition(": ")[2] if found else reason
    return None

"""The packaging pieces without a PyInstaller build: the spec's decisions, icons, resources."""

from __future__ import annotations

import importlib.metadata
import os
import struct
import sys
import types
from pathlib import Path
from typing import Any

import pytest

import backupviewer
from backupviewer.core import resources

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "backupviewer.spec"
ICONS = ROOT / "resources" / "icons"


@pytest.fixture
def packaging_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make `packaging/` importable (it is a folder of scripts, not a package)."""
    monkeypatch.syspath_prepend(str(PACKAGING))
    for name in ("bundle_info", "make_icons"):
        sys.modules.pop(name, None)


# -- the version: one source of truth ----------------------------------------------------------


def test_the_bundle_version_is_the_package_version(packaging_path: None) -> None:
    import bundle_info

    assert bundle_info.version() == backupviewer.__version__
    # pyproject.toml must not drift from the package either.
    assert importlib.metadata.version("backupviewer") == backupviewer.__version__
    assert bundle_info.version_tuple()[: len(backupviewer.__version__.split("."))] == tuple(
        int(part) for part in backupviewer.__version__.split(".")
    )


# -- the spec, run against stand-ins for PyInstaller's classes --------------------------------


class Recorded:
    """A stand-in for EXE, COLLECT, BUNDLE or PYZ that keeps what the spec passed."""

    calls: list[Recorded]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.kind = type(self).__name__
        self.args = args
        self.kwargs = kwargs
        Recorded.calls.append(self)


QT = "PySide6/Qt/"
FAKE_BINARIES = [
    # (dest, source, typecode); sources double as names for the fake linker below.
    ("PySide6/QtWidgets.abi3.so", "QtWidgets.abi3.so", "EXTENSION"),
    (QT + "lib/libQt6Widgets.so.6", "libQt6Widgets.so.6", "BINARY"),
    (QT + "lib/libQt6Gui.so.6", "libQt6Gui.so.6", "BINARY"),
    (QT + "lib/libQt6Network.so.6", "libQt6Network.so.6", "BINARY"),
    ("libkrb5.so.3", "libkrb5.so.3", "BINARY"),
    ("libpython3.11.so.1.0", "libpython3.11.so.1.0", "BINARY"),
    ("libz.so.1", "libz.so.1", "BINARY"),
    (QT + "plugins/platforms/libqxcb.so", "libqxcb.so", "BINARY"),
    (QT + "plugins/platforms/libqoffscreen.so", "libqoffscreen.so", "BINARY"),
    (QT + "plugins/platforms/libqvnc.so", "libqvnc.so", "BINARY"),
    (QT + "plugins/platforms/libqwayland.so", "libqwayland.so", "BINARY"),
    (QT + "plugins/imageformats/libqjpeg.so", "libqjpeg.so", "BINARY"),
    (QT + "plugins/imageformats/libqtiff.so", "libqtiff.so", "BINARY"),
    (QT + "plugins/imageformats/libqsvg.so", "libqsvg.so", "BINARY"),
    (QT + "plugins/tls/libqopensslbackend.so", "libqopensslbackend.so", "BINARY"),
    (QT + "plugins/platformthemes/libqgtk3.so", "libqgtk3.so", "BINARY"),
    (QT + "plugins/platformthemes/libqxdgdesktopportal.so", "libqxdgdesktopportal.so", "BINARY"),
    (QT + "plugins/styles/libqfancystyle.so", "libqfancystyle.so", "BINARY"),
    ("PySide6/plugins/platforms/qwindows.dll", "qwindows.dll", "BINARY"),
    ("PySide6/plugins/platforms/qdirect2d.dll", "qdirect2d.dll", "BINARY"),
    ("PySide6/opengl32sw.dll", "opengl32sw.dll", "BINARY"),
]
FAKE_LINKS = {
    "QtWidgets.abi3.so": ["libQt6Widgets.so.6"],
    "libQt6Widgets.so.6": ["libQt6Gui.so.6", "libc.so.6"],
    "libQt6Gui.so.6": ["libz.so.1"],
    "libqopensslbackend.so": ["libQt6Network.so.6"],
    "libQt6Network.so.6": ["libkrb5.so.3"],
}
FAKE_DATAS = [
    (QT + "translations/qtbase_de.qm", "qtbase_de.qm", "DATA"),
    ("libQt6Gui.so.6", QT + "lib/libQt6Gui.so.6", "SYMLINK"),
    ("libQt6Network.so.6", QT + "lib/libQt6Network.so.6", "SYMLINK"),
    ("certifi/cacert.pem", "cacert.pem", "DATA"),
]


class Analysis(Recorded):
    def __init__(self, scripts: list[str], **kwargs: Any) -> None:
        super().__init__(scripts, **kwargs)
        self.scripts = scripts
        self.pure: list[Any] = []
        self.binaries = list(FAKE_BINARIES)
        # PyInstaller turns (source, folder) pairs into (destination, source, kind) entries.
        given = [
            (os.path.join(folder, os.path.basename(source)), source, "DATA")
            for source, folder in kwargs["datas"]
        ]
        self.datas = given + FAKE_DATAS


class PYZ(Recorded):
    pass


class EXE(Recorded):
    pass


class COLLECT(Recorded):
    pass


class BUNDLE(Recorded):
    pass


def fake_pyinstaller_modules(monkeypatch: pytest.MonkeyPatch) -> None:
    """The two PyInstaller modules the spec imports itself, faked."""
    bindepend = types.ModuleType("PyInstaller.depend.bindepend")
    bindepend.get_imports = lambda source: [(name, None) for name in FAKE_LINKS.get(source, [])]  # type: ignore[attr-defined]
    versioninfo = types.ModuleType("PyInstaller.utils.win32.versioninfo")
    for name in (
        "VSVersionInfo",
        "FixedFileInfo",
        "StringFileInfo",
        "StringTable",
        "StringStruct",
        "VarFileInfo",
        "VarStruct",
    ):
        setattr(versioninfo, name, type(name, (), {"__init__": Recorded.__init__}))
    modules = {
        "PyInstaller": types.ModuleType("PyInstaller"),
        "PyInstaller.depend": types.ModuleType("PyInstaller.depend"),
        "PyInstaller.depend.bindepend": bindepend,
        "PyInstaller.utils": types.ModuleType("PyInstaller.utils"),
        "PyInstaller.utils.win32": types.ModuleType("PyInstaller.utils.win32"),
        "PyInstaller.utils.win32.versioninfo": versioninfo,
    }
    modules["PyInstaller.depend"].bindepend = bindepend  # type: ignore[attr-defined]
    modules["PyInstaller.utils.win32"].versioninfo = versioninfo  # type: ignore[attr-defined]
    for name, module in modules.items():
        monkeypatch.setitem(sys.modules, name, module)


def run_spec(
    monkeypatch: pytest.MonkeyPatch,
    platform: str = "linux",
    *,
    onefile_env: str | None = None,
    argv: tuple[str, ...] = (),
) -> dict[str, Any]:
    """Execute the spec as PyInstaller does (its globals, its argv) and return its namespace."""
    fake_pyinstaller_modules(monkeypatch)
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr(sys, "argv", [str(SPEC), *argv])
    monkeypatch.syspath_prepend(str(PACKAGING))
    monkeypatch.delitem(sys.modules, "bundle_info", raising=False)
    if onefile_env is None:
        monkeypatch.delenv("BACKUPVIEWER_ONEFILE", raising=False)
    else:
        monkeypatch.setenv("BACKUPVIEWER_ONEFILE", onefile_env)
    Recorded.calls = []
    namespace: dict[str, Any] = {
        "SPECPATH": str(PACKAGING),
        "SPEC": str(SPEC),
        "os": os,
        "Analysis": Analysis,
        "PYZ": PYZ,
        "EXE": EXE,
        "COLLECT": COLLECT,
        "BUNDLE": BUNDLE,
    }
    exec(compile(SPEC.read_bytes(), str(SPEC), "exec"), namespace)
    # bundle_info read sys.platform when imported: forget that copy.
    sys.modules.pop("bundle_info", None)
    return namespace


def calls(kind: str) -> list[Recorded]:
    return [call for call in Recorded.calls if call.kind == kind]


def test_spec_builds_a_folder_from_the_entry_script_with_the_resources(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)  # the spec must not depend on the working directory
    spec = run_spec(monkeypatch)
    (analysis,) = calls("Analysis")
    (script,) = analysis.args[0]
    assert Path(script) == PACKAGING / "entry.py"
    assert Path(script).is_file()
    bundled = {
        Path(dest).as_posix(): Path(source)
        for dest, source, _ in spec["a"].datas
        if dest.startswith("resources")
    }
    for size in (16, 256):
        name = f"resources/icons/icon-{size}.png"
        assert bundled[name] == ROOT / name
    assert not [n for n in bundled if "screenshot" in n or n.endswith((".ico", ".icns", ".svg"))]
    (collect,) = calls("COLLECT")
    assert collect.kwargs["name"] == "BackupViewer"
    assert collect.kwargs["upx"] is False
    (exe,) = calls("EXE")
    assert exe.kwargs["exclude_binaries"] is True
    assert exe.kwargs["name"] == "backupviewer"
    assert exe.kwargs["strip"] is True
    assert not calls("BUNDLE")


def test_spec_excludes_test_tools_and_unused_qt_modules(monkeypatch: pytest.MonkeyPatch) -> None:
    run_spec(monkeypatch)
    excludes = set(calls("Analysis")[0].kwargs["excludes"])
    for leak in ("pytest", "_pytest", "pytestqt", "hypothesis", "mypy", "PyInstaller", "tkinter"):
        assert leak in excludes
    for unused in ("PySide6.QtNetwork", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtPdf"):
        assert unused in excludes
    for needed in ("PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets"):
        assert needed not in excludes
    assert not [name for name in excludes if name.startswith("backupviewer")]


def test_spec_keeps_the_plugins_the_app_uses_and_prunes_what_only_dropped_ones_need(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    spec = run_spec(monkeypatch)
    kept = {dest for dest, _, _ in spec["a"].binaries}
    assert kept == {
        "PySide6/QtWidgets.abi3.so",
        QT + "lib/libQt6Widgets.so.6",
        QT + "lib/libQt6Gui.so.6",
        "libz.so.1",
        "libpython3.11.so.1.0",
        QT + "plugins/platforms/libqxcb.so",
        QT + "plugins/platforms/libqoffscreen.so",
        QT + "plugins/platforms/libqwayland.so",
        QT + "plugins/imageformats/libqjpeg.so",
        QT + "plugins/platformthemes/libqxdgdesktopportal.so",
        QT + "plugins/styles/libqfancystyle.so",
        "PySide6/plugins/platforms/qwindows.dll",
    }
    datas = {dest for dest, _, _ in spec["a"].datas}
    assert "libQt6Gui.so.6" in datas  # a link to a kept library stays
    assert "libQt6Network.so.6" not in datas  # one to a pruned library would dangle
    assert QT + "translations/qtbase_de.qm" not in datas
    assert "certifi/cacert.pem" in datas
    resources = {(Path(source).name, dest) for source, dest in spec["resource_datas"]()}
    assert ("backupviewer_zh_CN.qm", "resources/translations") in resources
    assert ("qtbase_zh_CN.qm", "resources/translations") in resources  # Qt's, of this language
    assert not any(name.endswith(".ts") for name, _ in resources)  # (their source)
    assert not any(name.startswith("qtbase_") and "zh_CN" not in name for name, _ in resources)


def test_spec_builds_one_file_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    for how in ({"onefile_env": "1"}, {"argv": ("--onefile",)}):
        run_spec(monkeypatch, **how)  # type: ignore[arg-type]
        (exe,) = calls("EXE")
        assert not calls("COLLECT")
        assert "exclude_binaries" not in exe.kwargs
        assert exe.kwargs["name"] == "backupviewer"
    for off in ("0", ""):
        run_spec(monkeypatch, onefile_env=off)
        assert calls("COLLECT")


def test_spec_on_windows_adds_a_console_twin_and_version_information(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    spec = run_spec(monkeypatch, "win32")
    gui, cli = calls("EXE")
    assert (gui.kwargs["name"], gui.kwargs["console"]) == ("BackupViewer", False)
    assert (cli.kwargs["name"], cli.kwargs["console"]) == ("backupviewer-cli", True)
    assert gui.kwargs["icon"].endswith("backupviewer.ico")
    assert Path(gui.kwargs["icon"]).is_file()
    assert gui.kwargs["strip"] is False
    (collect,) = calls("COLLECT")
    assert gui in collect.args and cli in collect.args
    version = gui.kwargs["version"]
    assert version is spec["windows_version"]
    strings = version.kwargs["kids"][0].args[0][0].args[1]
    assert ("ProductVersion", backupviewer.__version__) in [s.args for s in strings]
    kept = {dest for dest, _, _ in spec["a"].binaries}
    assert "PySide6/opengl32sw.dll" not in kept
    assert "PySide6/plugins/platforms/qwindows.dll" in kept


def test_spec_on_macos_makes_an_app_with_the_package_version(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    run_spec(monkeypatch, "darwin")
    (exe,) = calls("EXE")
    assert exe.kwargs["icon"].endswith("backupviewer.icns")
    assert exe.kwargs["strip"] is False
    (bundle,) = calls("BUNDLE")
    assert bundle.kwargs["name"] == "BackupViewer.app"
    assert bundle.kwargs["version"] == backupviewer.__version__
    assert bundle.kwargs["info_plist"]["CFBundleShortVersionString"] == backupviewer.__version__


def test_cli_binary_paths(monkeypatch: pytest.MonkeyPatch, packaging_path: None) -> None:
    dist = Path("dist")
    for platform, onedir, onefile in (
        ("linux", "BackupViewer/backupviewer", "backupviewer"),
        ("win32", "BackupViewer/backupviewer-cli.exe", "BackupViewer.exe"),
        ("darwin", "BackupViewer.app/Contents/MacOS/BackupViewer", "BackupViewer"),
    ):
        monkeypatch.setattr(sys, "platform", platform)
        sys.modules.pop("bundle_info", None)
        import bundle_info

        assert bundle_info.cli_binary(dist).as_posix() == f"dist/{onedir}"
        assert bundle_info.cli_binary(dist, onefile=True).as_posix() == f"dist/{onefile}"
    sys.modules.pop("bundle_info", None)


# -- icons: the committed files are complete, well-formed and match the SVG -----------------------


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_png_icon_set_is_complete(packaging_path: None) -> None:
    import make_icons

    for size in make_icons.PNG_SIZES:
        assert png_size((ICONS / make_icons.png_name(size)).read_bytes()) == (size, size)


def test_ico_holds_one_png_per_size(packaging_path: None) -> None:
    import make_icons

    data = (ICONS / make_icons.ICO_NAME).read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind, count) == (0, 1, len(make_icons.ICO_SIZES))
    for number, size in enumerate(make_icons.ICO_SIZES):
        entry = data[6 + 16 * number : 22 + 16 * number]
        width, height, _, _, planes, bits, length, offset = struct.unpack("<BBBBHHII", entry)
        assert (width or 256, height or 256, planes, bits) == (size, size, 1, 32)
        assert png_size(data[offset : offset + length]) == (size, size)
        assert offset + length <= len(data)


def test_icns_holds_pngs_of_the_sizes_its_types_want(packaging_path: None) -> None:
    import make_icons

    data = (ICONS / make_icons.ICNS_NAME).read_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack(">I", data[4:8])[0] == len(data)
    found = []
    at = 8
    while at < len(data):
        kind, length = data[at : at + 4], struct.unpack(">I", data[at + 4 : at + 8])[0]
        found.append((kind, png_size(data[at + 8 : at + length])[0]))
        at += length
    assert at == len(data)
    assert found == list(make_icons.ICNS_TYPES)


def test_icons_are_rendered_from_the_current_svg(packaging_path: None, qapp: Any) -> None:
    """Editing resources/icon.svg without running packaging/make_icons.py fails here."""
    import make_icons
    from PySide6.QtGui import QImage

    rendered = make_icons.render_pngs(make_icons.SOURCE, {32, 256})
    for size, data in rendered.items():
        fresh = argb_bytes(QImage.fromData(data))
        committed = argb_bytes(QImage(str(ICONS / make_icons.png_name(size))))
        assert len(committed) == len(fresh) == size * size * 4
        difference = sum(abs(a - b) for a, b in zip(fresh, committed, strict=True))
        assert difference / len(fresh) < 2.0, f"icon-{size}.png is stale: run make_icons.py"


def argb_bytes(image: Any) -> bytes:
    from PySide6.QtGui import QImage

    return bytes(image.convertToFormat(QImage.Format.Format_ARGB32).constBits())


def test_desktop_file_names_the_command_and_the_icon() -> None:
    lines = (PACKAGING / "backupviewer.desktop").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    entries = dict(line.split("=", 1) for line in lines[1:] if line)
    assert entries["Type"] == "Application"
    assert entries["Exec"].split()[0] == "backupviewer"
    assert entries["Icon"] == "backupviewer"
    assert entries["Categories"].endswith(";")


# -- resources: found the same way from a checkout and from the frozen app ---------------------


def test_resource_path_in_a_checkout() -> None:
    icon = resources.resource_path("icons/icon-32.png")
    assert icon == ROOT / "resources" / "icons" / "icon-32.png"
    assert resources.resource_path("icons") == ROOT / "resources" / "icons"
    assert resources.resource_path("icons/no-such.png") is None


def test_resource_path_in_the_frozen_app(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "resources" / "icons").mkdir(parents=True)
    (tmp_path / "resources" / "icons" / "icon-32.png").write_bytes(b"png")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.resource_path("icons/icon-32.png") == tmp_path / "resources/icons/icon-32.png"
    assert resources.resource_path("icon.svg") is None


def test_resource_path_without_resources(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """An installed wheel has the package but no resources folder: callers get None."""
    monkeypatch.setattr(resources, "_CHECKOUT", tmp_path)
    assert resources.resources_root() is None
    assert resources.resource_path("icons/icon-32.png") is None


@pytest.mark.parametrize("name", ["", "/etc/passwd", "../pyproject.toml", "icons/../../x"])
def test_resource_path_refuses_names_outside_the_resources(name: str) -> None:
    with pytest.raises(ValueError):
        resources.resource_path(name)

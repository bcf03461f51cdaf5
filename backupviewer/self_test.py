"""``backupviewer --self-test``: the real app against its demo server, offscreen, with a report."""

from __future__ import annotations

import asyncio
import io
import logging
import os
import platform
import ssl
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from backupviewer import __version__
from backupviewer.core import resources

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from backupviewer.app import BackupViewerApp
    from backupviewer.core.schedule.trigger import Schedule
    from backupviewer.widgets.window.main_window import MainWindow

logger = logging.getLogger(__name__)

# Enough backups that the answer (about 1.9 MB) is decoded in the worker process, the path a
# frozen app is most likely to get wrong, and few enough to take a second or two.
DEMO_ROWS = 5_000
TIME_LIMIT_S = 120.0
ICON_SIZES = (16, 32, 256)
IMAGE_FORMATS = {"png", "jpeg"}
# The keyring backend each system should have, as (module, class).
_KEYRING_BACKENDS = {
    "win32": ("keyring.backends.Windows", "WinVaultKeyring"),
    "darwin": ("keyring.backends.macOS", "Keyring"),
}
_KEYRING_DEFAULT = ("keyring.backends.SecretService", "Keyring")


class Skipped(Exception):
    """A step that could not run because an earlier one failed."""


class Report:
    """Prints one line per check (``ok``, ``warn`` or ``FAIL``) and counts the outcomes."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self.failures = 0
        self.warnings = 0

    def line(self, text: str) -> None:
        try:
            self._stream.write(text + "\n")
        except UnicodeEncodeError:  # a console that cannot show every character
            encoding = getattr(self._stream, "encoding", None) or "ascii"
            self._stream.write(text.encode(encoding, "replace").decode(encoding) + "\n")
        self._stream.flush()

    def ok(self, what: str, detail: str) -> None:
        self.line(f"ok    {what:<12} {detail}")

    def warn(self, what: str, detail: str) -> None:
        self.warnings += 1
        self.line(f"warn  {what:<12} {detail}")

    def fail(self, what: str, detail: str) -> None:
        self.failures += 1
        self.line(f"FAIL  {what:<12} {detail}")


class Problem(Exception):
    """A check found something wrong; the message says what, for the report."""


def run(stream: TextIO | None = None) -> int:
    """Run every check, print the report to `stream` (stdout by default); 0 when all passed.

    The window is drawn offscreen unless ``QT_QPA_PLATFORM`` names another platform. Nothing
    of the user's is touched: settings go to a temporary file and no password is stored.
    """
    out = stream or sys.stdout or io.StringIO()  # a windowed Windows program has no stdout
    report = Report(out)
    started = time.monotonic()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import qasync
    from PySide6.QtCore import qVersion
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(["backupviewer"])
    assert isinstance(app, QApplication)
    kind = "frozen bundle" if getattr(sys, "frozen", False) else "source"
    report.line(
        f"BackupViewer {__version__} self-test ({kind}): Python {platform.python_version()}, "
        f"Qt {qVersion()} ({app.platformName()}), {platform.system()} {platform.machine()}"
    )
    with tempfile.TemporaryDirectory(prefix="backupviewer-self-test-") as folder:
        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        with loop:
            loop.run_until_complete(_run_checks(report, app, Path(folder)))
    passed = report.failures == 0
    outcome = "passed" if passed else f"FAILED ({report.failures} failed)"
    notes = f", {report.warnings} warning{'s' * (report.warnings != 1)}" if report.warnings else ""
    report.line(f"self-test {outcome}{notes} in {time.monotonic() - started:.1f} s")
    return 0 if passed else 1


async def _run_checks(report: Report, app: QApplication, folder: Path) -> None:
    try:
        await asyncio.wait_for(_checks(report, app, folder), TIME_LIMIT_S)
    except TimeoutError:
        report.fail("time", f"the checks took longer than {TIME_LIMIT_S:.0f} s; stopped")


async def _checks(report: Report, app: QApplication, folder: Path) -> None:
    from PySide6.QtCore import QSettings

    from backupviewer.app import BackupViewerApp
    from backupviewer.options import Options
    from backupviewer.server.secrets import PasswordStore
    from backupviewer.widgets.application import configure_application

    configure_application(app)
    await _step(report, "resources", lambda: _check_resources(app))
    await _step(report, "fonts", _check_fonts)
    await _step(report, "languages", _check_languages)
    await _step(report, "images", _check_image_formats)
    await _step(report, "x11 plugin", _check_x11)
    await _step(report, "keyring", _check_keyring)
    await _step(report, "trust store", _check_trust_store)

    # The app as `app.main` builds it, on a demo server, with settings of its own.
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    viewer = BackupViewerApp(
        Options(demo=True, demo_rows=DEMO_ROWS), settings, PasswordStore(backend=False)
    )
    try:
        started = await _step(report, "demo server", lambda: _start(viewer))
        signed_in = await _step(report, "sign-in", lambda: _sign_in(viewer if started else None))
        window = await _step(report, "main window", lambda: _load(viewer if signed_in else None))
        await _step(report, "schedules", lambda: _decode_schedules(window))
        await _step(report, "csv export", lambda: _export(window, folder / "history.csv"))
    finally:
        await viewer.shutdown()


async def _step(report: Report, what: str, check: Callable[[], Any]) -> Any:
    """Run one check (plain or async); it returns (value, detail) or a detail, or raises."""
    started = time.monotonic()
    try:
        result = check()
        if isinstance(result, Awaitable):
            result = await result
    except Skipped:
        report.fail(what, "skipped: an earlier step failed")
        return None
    except Problem as problem:
        report.fail(what, str(problem))
        return None
    except Exception as exc:  # a self-test reports every failure and goes on
        logger.debug("Self-test step %s failed", what, exc_info=True)
        report.fail(what, f"{type(exc).__name__}: {exc}")
        return None
    value, detail = result if isinstance(result, tuple) else (None, result)
    if isinstance(detail, Warning):
        report.warn(what, str(detail))
    else:
        report.ok(what, f"{detail} ({time.monotonic() - started:.2f} s)")
    return value


# -- the checks ---------------------------------------------------------------------------------


def _check_resources(app: QApplication) -> str | Warning:
    """The icon files, found the way the app finds them (in the bundle or the checkout)."""
    missing = [s for s in ICON_SIZES if resources.resource_path(f"icons/icon-{s}.png") is None]
    root = resources.resources_root()
    if not missing and not app.windowIcon().isNull():
        return f"icons in {root}"
    sizes = ", ".join(str(size) for size in missing) or "all there, yet unreadable"
    message = f"app icons missing (sizes {sizes}) from {root or 'the app: no resources folder'}"
    if getattr(sys, "frozen", False):
        raise Problem(message)
    return Warning(f"{message}: an installed package draws its icon instead")


def _check_x11() -> str | Warning:
    """Qt's X11 plugin loads (Linux): the bundle carries what a fresh desktop lacks."""
    if not sys.platform.startswith("linux"):
        return "not used on this system"
    from backupviewer.qt import platform_check

    missing = platform_check.x11_problem()
    frozen = getattr(sys, "frozen", False)
    if missing is not None:
        words = f"Qt's X11 plugin cannot load: it needs {missing}"
        if frozen:
            raise Problem(words)
        return Warning(f"{words}; a window would need: {platform_check.INSTALL_LINE}")
    if frozen:
        folder = Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent))
        lacking = [name for name in platform_check.BUNDLED_X11 if not any(folder.rglob(name))]
        if lacking:
            raise Problem(
                f"the bundle lacks {', '.join(lacking)}, which a fresh desktop may not have: "
                "build it where they are installed (packaging/ci_system_libs.sh)"
            )
        return f"loads, with {len(platform_check.BUNDLED_X11)} libraries of its own"
    return "loads"


def _check_fonts() -> str:
    from PySide6.QtGui import QFontDatabase

    families = QFontDatabase.families()
    if not families:
        raise Problem(
            "no fonts found: text would show as empty boxes (install one, e.g. fonts-dejavu-core)"
        )
    return f"{len(families)} font families"


def _check_languages() -> str | Warning:
    """The Chinese catalogues (ours and Qt's) load and translate; a font can show Chinese."""
    from PySide6.QtCore import QTranslator
    from PySide6.QtGui import QFontDatabase

    from backupviewer.qt import language

    ours, qts = QTranslator(), QTranslator()
    mine = language.catalogue_path(language.CHINESE)
    qt = language.qt_catalogue_path(language.CHINESE)
    menu, button = ("MainMenus", "&File"), ("QPlatformTheme", "Close")  # (not for lupdate)
    if not (mine and ours.load(str(mine)) and ours.translate(*menu)):
        raise Problem(f"the Chinese translation is missing or unreadable ({mine})")
    if not (qt and qts.load(str(qt)) and qts.translate(*button)):
        raise Problem(f"Qt's Chinese translation is missing or unreadable ({qt})")
    if not QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        return Warning(
            "zh_CN catalogues load, but no font shows Chinese: the Chinese interface would "
            "show boxes (install fonts-noto-cjk)"
        )
    return "en, zh_CN (Qt's own too)"


def _check_image_formats() -> str:
    """PNG for the icons, JPEG for the server's captcha picture (a plugin in the bundle)."""
    from PySide6.QtGui import QImageReader

    readable = {bytes(name.data()).decode() for name in QImageReader.supportedImageFormats()}
    missing = sorted(IMAGE_FORMATS - readable)
    if missing:
        raise Problem(f"cannot read {', '.join(missing)} pictures (an image plugin is missing)")
    return f"reads {', '.join(sorted(IMAGE_FORMATS))}"


def _start(viewer: BackupViewerApp) -> tuple[bool, str]:
    """Start the app as ``--demo`` does: its demo server, and the sign-in dialog filled in."""
    viewer.start()
    demo = viewer.demo
    if demo is None or not viewer.login.isVisible():
        raise Problem("the app did not start its demo server and sign-in dialog")
    return True, f"{demo.rows:,} backups at {demo.url}"


async def _sign_in(viewer: BackupViewerApp | None) -> tuple[bool, str]:
    """Press Sign in in the dialog, as the user would."""
    if viewer is None:
        raise Skipped
    outcome: asyncio.Future[str] = asyncio.get_running_loop().create_future()

    def settle(text: str) -> None:
        if not outcome.done():
            outcome.set_result(text)

    session = viewer.session
    session.signed_in.connect(settle)
    session.sign_in_failed.connect(lambda message: settle(f"failed: {message}"))
    viewer.login.login_button.click()
    text = await outcome
    if text.startswith("failed: ") or session.client is None:
        raise Problem(f"signing in {text}")
    return True, f"signed in as {text}"


async def _load(viewer: BackupViewerApp | None) -> tuple[MainWindow, str]:
    """The main window the app opened, with the history it loaded through its workers."""
    from backupviewer.core.answer_file import AnswerFile

    if viewer is None or viewer.window is None or viewer.session.client is None:
        raise Skipped
    window, loader, model = viewer.window, viewer.loader, viewer.model
    while loader.busy or loader.last_loaded is None:
        if loader.last_error is not None:
            raise Problem(f"loading failed: {loader.last_error}")
        await asyncio.sleep(0.02)
    answer = await viewer.session.client.history()  # type: ignore[attr-defined]
    size = answer.size if isinstance(answer, AnswerFile) else len(answer)
    where = "a worker process" if isinstance(answer, AnswerFile) else "the GUI process"
    if isinstance(answer, AnswerFile):
        answer.close()
    snapshot = model.snapshot
    expected = DEMO_ROWS + snapshot.running  # the demo also shows a backup running
    if model.total_count != expected or model.shown_count != expected:
        raise Problem(f"{model.total_count:,} backups loaded, {expected:,} expected")
    if snapshot.health is None or not snapshot.health.schedules:
        raise Problem("the backups' health was not judged")
    window.show_details_of(0)
    image = window.grab().toImage()
    if image.isNull() or image.width() < 100:
        raise Problem("the window could not be drawn")
    return window, (
        f"{model.total_count:,} backups in the table ({snapshot.running} running) and "
        f"{model.missed_count} missed runs, {size / 1e6:.1f} MB decoded in {where}, drawn at "
        f"{image.width()}×{image.height()}"
    )


def _decode_schedules(window: MainWindow | None) -> str:
    """Every row's schedule (its own trigger, else its schedule's) described, with next runs."""
    if window is None:
        raise Skipped
    schedules: dict[str, Schedule] = {}
    refused: set[str] = set()
    rows = 0
    snapshot = window.model.snapshot
    for record in map(snapshot.table.record, window.model.table_rows()):
        if record.schedule is not None:
            schedules[record.schedule_text] = record.schedule
        elif record.schedule_error:
            refused.add(record.schedule_error)
        rows += record.schedule is not None or bool(record.schedule_error)
    after = datetime.now(UTC)
    for schedule in schedules.values():
        schedule.describe()
        schedule.next_runs(after, 3)
    if not schedules:
        raise Problem("no schedule trigger could be decoded")
    return (
        f"{rows:,} rows with a trigger, {len(schedules) + len(refused)} distinct: "
        f"{len(schedules)} decoded"
        + (f", {len(refused)} refused with a message" if refused else "")
    )


def _export(window: MainWindow | None, path: Path) -> str:
    from backupviewer.history.csv_export import read_csv

    if window is None:
        raise Skipped
    count = window.export_csv(path)
    if count is None:
        raise Problem(f"the CSV file could not be written to {path.parent}")
    rows = read_csv(path)
    if count != window.model.rowCount() or len(rows) != count:
        raise Problem(f"{count:,} rows written, {len(rows):,} read back")
    return f"{count:,} rows written and read back, {path.stat().st_size / 1e6:.1f} MB"


def _check_keyring() -> str | Warning:
    """A usable keyring, or why there is none (a warning: passwords are then not remembered).
    The bundle lacking this system's backend is a failure."""
    import importlib

    import keyring
    import keyring.backend

    from backupviewer.server.secrets import PasswordStore

    backend = keyring.get_keyring()
    if PasswordStore().available():
        return f"{backend.name}"
    keyring.backend.get_all_keyring()  # loads the backends the package declares
    module_name, class_name = _KEYRING_BACKENDS.get(sys.platform, _KEYRING_DEFAULT)
    if module_name not in sys.modules:
        raise Problem(f"{module_name} is missing: the bundle lacks keyring's backends")
    try:
        expected = getattr(importlib.import_module(module_name), class_name)
        why = f"priority {expected.priority}"
    except Exception as exc:  # noqa: BLE001 - the backend's own words on why it cannot work
        why = str(exc) or type(exc).__name__
    return Warning(f"not available, so passwords won't be remembered ({backend.name}: {why})")


def _check_trust_store() -> str:
    """The system's certificate authorities, as the client's TLS context will use them."""
    import truststore

    truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # what the client builds for https
    if sys.platform == "darwin":
        return "macOS keychain, through the Security framework"
    if sys.platform == "win32":
        count = len(ssl.enum_certificates("ROOT"))  # type: ignore[attr-defined]
        if not count:
            raise Problem("the Windows certificate store has no root certificates")
        return f"{count} root certificates in the Windows certificate store"
    probe = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    try:  # truststore's own choice of the system's CA file or folder
        from truststore._openssl import _configure_context
    except ImportError:
        probe.load_default_certs()
    else:
        with _configure_context(probe):
            pass
    count = probe.cert_store_stats()["x509_ca"]
    if count:
        return f"{count} certificate authorities from the system"
    folder = ssl.get_default_verify_paths().capath
    if folder and any(Path(folder).glob("*.[0-9]")):
        return f"certificate authorities read on demand from {folder}"
    raise Problem(
        "no certificate authorities found, so https servers cannot be checked: install the "
        "system's CA certificates (ca-certificates), or choose a CA file when signing in"
    )

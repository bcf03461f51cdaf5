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
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from backupviewer import __version__
from backupviewer.core import resources

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from backupviewer.demo.server import DemoServer
    from backupviewer.server.client import DataforClient
    from backupviewer.widgets.main_window import MainWindow

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

    from backupviewer.app import configure_application
    from backupviewer.demo.server import DemoServer
    from backupviewer.table.workers import WorkerPool

    configure_application(app)
    await _step(report, "resources", lambda: _check_resources(app))
    await _step(report, "fonts", _check_fonts)
    await _step(report, "images", _check_image_formats)
    await _step(report, "keyring", _check_keyring)
    await _step(report, "trust store", _check_trust_store)

    server = DemoServer(rows=DEMO_ROWS)
    pool = WorkerPool()
    client: DataforClient | None = None
    window: MainWindow | None = None
    try:
        running = await _step(report, "demo server", lambda: _start(server))
        client = await _step(report, "sign-in", lambda: _sign_in(running))
        settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
        window = await _step(report, "main window", lambda: _load(client, pool, settings))
        await _step(report, "schedules", lambda: _decode_schedules(client, window))
        await _step(report, "csv export", lambda: _export(window, folder / "history.csv"))
    finally:
        if window is not None:
            window.loader.set_source(None)
            window.hide()
            window.deleteLater()
        if client is not None:
            await client.aclose()
        pool.close()
        server.stop()


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


def _check_fonts() -> str:
    from PySide6.QtGui import QFontDatabase

    families = QFontDatabase.families()
    if not families:
        raise Problem(
            "no fonts found: text would show as empty boxes (install one, e.g. fonts-dejavu-core)"
        )
    return f"{len(families)} font families"


def _check_image_formats() -> str:
    """PNG for the icons, JPEG for the server's captcha picture (a plugin in the bundle)."""
    from PySide6.QtGui import QImageReader

    readable = {bytes(name.data()).decode() for name in QImageReader.supportedImageFormats()}
    missing = sorted(IMAGE_FORMATS - readable)
    if missing:
        raise Problem(f"cannot read {', '.join(missing)} pictures (an image plugin is missing)")
    return f"reads {', '.join(sorted(IMAGE_FORMATS))}"


def _start(server: DemoServer) -> tuple[DemoServer, str]:
    server.start()
    return server, f"{server.rows:,} backups at {server.url}"


async def _sign_in(server: DemoServer | None) -> tuple[DataforClient, str]:
    from backupviewer.core.auth import AuthMethod, Credentials
    from backupviewer.demo import accounts
    from backupviewer.server.client import DataforClient

    if server is None:
        raise Skipped
    client = DataforClient(server.url, timeout=30.0)
    account = accounts.ADMIN
    try:
        name = await client.sign_in(
            Credentials(account.user, account.password, method=AuthMethod.SESSION)
        )
    except BaseException:
        await client.aclose()
        raise
    return client, f"signed in as {name}"


async def _load(client: DataforClient | None, pool: Any, settings: Any) -> tuple[MainWindow, str]:
    """The real main window with the real model and loader, loading through the worker."""
    from backupviewer.qt.history_model import HistoryModel
    from backupviewer.qt.loader import HistoryLoader
    from backupviewer.table.workers import INLINE_LIMIT_BYTES
    from backupviewer.widgets.main_window import MainWindow

    if client is None:
        raise Skipped
    size = len(await client.fetch_history_bytes())
    model = HistoryModel()
    loader = HistoryLoader(model, pool)
    window = MainWindow(model, loader, settings)
    model.setParent(window)
    loader.setParent(window)
    window.set_session(client.display_name or "", client.base_url)
    window.resize(1100, 700)
    window.show()
    loader.set_source(client)
    task = loader.refresh()
    if task is None:
        raise Problem("the loader did not start")
    await task
    if loader.last_error is not None:
        raise Problem(f"loading failed: {loader.last_error}")
    if model.total_count != DEMO_ROWS or window.table.model().rowCount() != DEMO_ROWS:
        raise Problem(f"{model.total_count:,} backups loaded, {DEMO_ROWS:,} expected")
    window.show_details_of(0)
    image = window.grab().toImage()
    if image.isNull() or image.width() < 100:
        raise Problem("the window could not be drawn")
    where = "a worker process" if size >= INLINE_LIMIT_BYTES else "the GUI process"
    return window, (
        f"{model.total_count:,} backups in the table, {size / 1e6:.1f} MB decoded in {where}, "
        f"drawn at {image.width()}×{image.height()}"
    )


async def _decode_schedules(client: DataforClient | None, window: MainWindow | None) -> str:
    """Every row's trigger (its own, else its schedule's) through the schedule decoder."""
    from backupviewer.core.records import triggers_from_schedules
    from backupviewer.core.schedule import ScheduleError, parse_trigger

    if client is None or window is None:
        raise Skipped
    from_list = triggers_from_schedules(await client.fetch_schedules())
    triggers: dict[str, int] = {}
    for record in window.model.records_shown():
        raw = record.raw if isinstance(record.raw, Mapping) else {}
        trigger = raw.get("cron") or from_list.get(record.schedule_id)
        if trigger:
            text = trigger if isinstance(trigger, str) else str(trigger)
            triggers[text] = triggers.get(text, 0) + 1
    decoded = refused = 0
    after = datetime.now(UTC)
    for text in triggers:
        try:
            schedule = parse_trigger(text)
        except ScheduleError:
            refused += 1
            continue
        schedule.describe()
        schedule.next_runs(after, 3)
        decoded += 1
    if not decoded:
        raise Problem("no schedule trigger could be decoded")
    rows = sum(triggers.values())
    return f"{rows:,} rows with a trigger, {len(triggers)} distinct: {decoded} decoded" + (
        f", {refused} refused with a message" if refused else ""
    )


def _export(window: MainWindow | None, path: Path) -> str:
    from backupviewer.table.csv_export import read_csv

    if window is None:
        raise Skipped
    count = window.export_csv(path)
    if count is None:
        raise Problem(f"the CSV file could not be written to {path.parent}")
    rows = read_csv(path)
    if count != window.model.shown_count or len(rows) != count:
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

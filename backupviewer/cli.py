"""Headless commands: ``backupviewer export`` (the history as CSV) and ``demo-server``."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import io
import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from types import FrameType
from urllib.parse import urlsplit

from backupviewer.core.auth import AuthMethod, Credentials, TlsOptions
from backupviewer.core.columns import CSV_ORDER
from backupviewer.core.errors import (
    BackupViewerError,
    CaptchaRequired,
    NetworkError,
    NotPermitted,
    ProtocolError,
    SignInError,
)
from backupviewer.core.records import Status
from backupviewer.server.addresses import normalize_base_url
from backupviewer.server.client import DataforClient
from backupviewer.table.csv_export import write_table, write_table_stream
from backupviewer.table.history_table import HistoryTable
from backupviewer.table.workers import decode_answer

logger = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_SIGN_IN = 3
EXIT_NOT_PERMITTED = 4
EXIT_UNAVAILABLE = 5
EXIT_NOT_UNDERSTOOD = 6
EXIT_INTERRUPTED = 130

PASSWORD_VARIABLE = "BACKUPVIEWER_PASSWORD"
TOKEN_VARIABLE = "BACKUPVIEWER_TOKEN"
_SECRET_OPTIONS = ("--password", "--token", "--secret", "-p")
_STATUS_WORDS = tuple(status.word for status in Status)

_EXPORT_EPILOG = f"""\
The password (or token) is never an argument: pipe it in with --password-stdin (a terminal
is asked for it), or set {PASSWORD_VARIABLE} (for --auth token: {TOKEN_VARIABLE}).

Without --output the file is backups-<host>-<yyyymmdd-hhmmss>.csv in the current folder;
--output - writes to standard output. The file is UTF-8 (--bom for Excel) and is replaced
only when complete.

exit codes: 0 done, 1 the file could not be written, 2 usage, 3 sign-in failed,
4 not permitted (not an administrator), 5 network or server error, 6 the server's answer
was not understood, 130 interrupted.

example: printf '%s\\n' "$PW" | backupviewer export --server http://localhost:28080/datafor \\
         --user admin --password-stdin --status failed --output failed.csv
"""


class _UsageError(Exception):
    """A command line that cannot work; the message says how to fix it."""


def main(argv: Sequence[str]) -> int:
    """Run ``export`` or ``demo-server`` with `argv` (without the program name)."""
    arguments = list(argv)
    for argument in arguments:
        if argument.split("=", 1)[0] in _SECRET_OPTIONS:
            return _usage(
                f"{argument.split('=', 1)[0]} is not accepted: a secret on the command line "
                "shows in the process list and the shell history. Use --password-stdin, or "
                f"set {PASSWORD_VARIABLE} or {TOKEN_VARIABLE}."
            )
    try:
        args = _parser().parse_args(arguments)
    except SystemExit as exit_:  # argparse has printed the usage or the help
        return exit_.code if isinstance(exit_.code, int) else EXIT_USAGE
    _configure_logging(args.verbose)
    try:
        if args.command == "export":
            return _export(args)
        return _demo_server(args)
    except _UsageError as exc:
        return _usage(str(exc))
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return EXIT_INTERRUPTED


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="backupviewer", description="BackupViewer without a window.", allow_abbrev=False
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    export = commands.add_parser(
        "export",
        help="write a Datafor server's backup history as CSV",
        description="Sign in to a Datafor server and write its backup history as CSV.",
        epilog=_EXPORT_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        allow_abbrev=False,
    )
    export.add_argument("--server", required=True, metavar="URL", help="e.g. host:28080/datafor")
    export.add_argument("--user", metavar="NAME", help="user name (not needed for --auth token)")
    export.add_argument("--tenant", metavar="T", help="tenant, e.g. tenant1 (session sign-in)")
    export.add_argument(
        "--auth",
        choices=[method.value for method in AuthMethod],
        default=AuthMethod.SESSION.value,
        help="how to sign in (default: session)",
    )
    export.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password (or token) from the first line of standard input",
    )
    export.add_argument("--output", "-o", metavar="FILE|-", help="where to write the CSV")
    export.add_argument(
        "--status",
        metavar="LIST",
        help=f"only backups with these statuses, comma-separated: {', '.join(_STATUS_WORDS)}",
    )
    export.add_argument("--bom", action="store_true", help="start the file with a UTF-8 BOM")
    tls = export.add_mutually_exclusive_group()
    tls.add_argument("--ca-bundle", metavar="PATH", help="trust the CA certificates in this file")
    tls.add_argument(
        "--insecure", action="store_true", help="do not check the server's certificate (unsafe)"
    )
    export.add_argument(
        "--timeout", type=float, default=60.0, metavar="S", help="seconds to wait for an answer"
    )
    export.add_argument("--verbose", "-v", action="count", default=0, help="log what happens")

    demo = commands.add_parser(
        "demo-server",
        help="run a demo Datafor server on 127.0.0.1",
        description="Serve a generated backup history on 127.0.0.1 until Ctrl+C.",
        allow_abbrev=False,
    )
    demo.add_argument("--port", type=int, default=28080, help="port (default 28080; 0: any)")
    demo.add_argument("--rows", type=int, default=2000, help="backups in the history")
    demo.add_argument("--seed", type=int, default=1, help="seed of the generated history")
    demo.add_argument(
        "--cron-share",
        type=float,
        default=0.4,
        metavar="F",
        help="share of the rows, the oldest, that carry their schedule's trigger (default 0.4)",
    )
    demo.add_argument(
        "--spaced",
        action="store_true",
        help="write the history's JSON with spaces and escaped non-ASCII, as Python's json does",
    )
    demo.add_argument(
        "--running-seconds",
        type=float,
        default=60.0,
        metavar="S",
        help="show a backup running for this long after the start (0: none)",
    )
    demo.add_argument("--verbose", "-v", action="count", default=0, help="log every request")
    return parser


# The HTTP libraries' debug logs show every header: session cookies, Authorization values.
_QUIET_LOGGERS = ("httpcore", "hpack", "h2")


def _configure_logging(verbosity: int) -> None:
    level = logging.WARNING if verbosity == 0 else logging.INFO if verbosity == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(levelname)s: %(message)s", stream=sys.stderr)
    for name in _QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    # httpx's INFO lines are the request lines (method, address, status), without headers.
    logging.getLogger("httpx").setLevel(max(level, logging.INFO))


def _usage(message: str) -> int:
    print(f"backupviewer: {message}", file=sys.stderr)
    return EXIT_USAGE


# -- export ----------------------------------------------------------------------------------


def _export(args: argparse.Namespace) -> int:
    try:
        normalize_base_url(args.server)
    except NetworkError as exc:
        raise _UsageError(f"--server: {exc}") from None
    method = AuthMethod(args.auth)
    if method is not AuthMethod.TOKEN and not args.user:
        raise _UsageError(f"--user is needed for --auth {method}.")
    if args.tenant and method is not AuthMethod.SESSION:
        raise _UsageError("--tenant works only with --auth session.")
    if args.ca_bundle and not Path(args.ca_bundle).is_file():
        raise _UsageError(f"--ca-bundle {args.ca_bundle}: there is no such file.")
    if args.timeout <= 0:
        raise _UsageError("--timeout must be a positive number of seconds.")
    wanted = _statuses(args.status)
    if args.output not in (None, "-") and not Path(args.output).parent.is_dir():
        raise _UsageError(f"--output {args.output}: the folder does not exist.")
    credentials = Credentials(
        user=args.user or "",
        secret=_secret(args.password_stdin, method),
        method=method,
        tenant=args.tenant or None,
    )
    tls = TlsOptions(ca_bundle=args.ca_bundle, insecure=args.insecure)
    try:
        table, base_url = asyncio.run(_fetch(args.server, credentials, tls, args.timeout))
    except BackupViewerError as exc:
        return _failure(exc)
    chosen = [row for row in range(len(table)) if wanted is None or table.status_at(row) in wanted]
    output = args.output or _default_name(base_url)
    try:
        _write(table, chosen, output, bom=args.bom)
    except OSError as exc:
        where = "standard output" if output == "-" else output
        print(f"backupviewer export: could not write {where}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    where = "standard output" if output == "-" else output
    print(f"Exported {len(chosen):,} of {len(table):,} backups to {where}.", file=sys.stderr)
    return EXIT_OK


def _statuses(text: str | None) -> set[Status] | None:
    if text is None:
        return None
    words = [word.strip().lower() for word in text.split(",") if word.strip()]
    unknown = [word for word in words if word not in _STATUS_WORDS]
    if unknown or not words:
        raise _UsageError(
            f"--status {text!r}: use a comma-separated list of {', '.join(_STATUS_WORDS)}."
        )
    return {Status(word) for word in words}


def _secret(from_stdin: bool, method: AuthMethod) -> str:
    what = "token" if method is AuthMethod.TOKEN else "password"
    variable = TOKEN_VARIABLE if method is AuthMethod.TOKEN else PASSWORD_VARIABLE
    if from_stdin:
        if sys.stdin is None:
            raise _UsageError("--password-stdin was given but there is no standard input.")
        if sys.stdin.isatty():
            secret = getpass.getpass(f"{what.capitalize()}: ")
        else:
            secret = sys.stdin.readline().rstrip("\r\n")
        if not secret:
            raise _UsageError(f"--password-stdin was given but no {what} came in.")
        return secret
    secret = os.environ.get(variable, "")
    if not secret:
        raise _UsageError(
            f"No {what} given: pipe it in with --password-stdin, or set {variable}. "
            "It is never taken as an argument."
        )
    return secret


async def _fetch(
    server: str, credentials: Credentials, tls: TlsOptions, timeout: float
) -> tuple[HistoryTable, str]:
    """The history, decoded as the window decodes it (in this process), and where it came
    from."""
    async with DataforClient(server, tls=tls, timeout=timeout) as client:
        await client.sign_in(credentials)
        try:
            answer = await client.history()
            return decode_answer(answer, await client.triggers()), client.base_url
        finally:
            await client.sign_out()


def _failure(exc: BackupViewerError) -> int:
    """Print what went wrong and what to do; return the exit code for it."""
    print(f"backupviewer export: {exc}", file=sys.stderr)
    if isinstance(exc, CaptchaRequired):
        print(
            "The server wants a captcha after failed sign-ins, which a command cannot show. "
            "Sign in once in the app or the web console, or use --auth basic or --auth token.",
            file=sys.stderr,
        )
    if isinstance(exc, SignInError):
        return EXIT_SIGN_IN
    if isinstance(exc, NotPermitted):
        return EXIT_NOT_PERMITTED
    if isinstance(exc, ProtocolError):
        return EXIT_NOT_UNDERSTOOD
    return EXIT_UNAVAILABLE


def _default_name(base_url: str) -> str:
    parts = urlsplit(base_url)
    host = (parts.hostname or "server").replace(":", "-")
    port = f"-{parts.port}" if parts.port else ""
    return f"backups-{host}{port}-{datetime.now():%Y%m%d-%H%M%S}.csv"


def _write(table: HistoryTable, rows: list[int], output: str, *, bom: bool) -> None:
    if output != "-":
        write_table(table, rows, CSV_ORDER, output, bom=bom)
        return
    sys.stdout.flush()
    stream = io.TextIOWrapper(
        sys.stdout.buffer, encoding="utf-8-sig" if bom else "utf-8", newline=""
    )
    try:
        write_table_stream(table, rows, CSV_ORDER, stream)
        stream.flush()
    except BrokenPipeError:
        # The reader (say, `head`) has gone: send what is left, and Python's last flush, nowhere.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise
    finally:
        stream.detach()


# -- demo server -----------------------------------------------------------------------------


def _demo_server(args: argparse.Namespace) -> int:
    from backupviewer.demo import accounts
    from backupviewer.demo.server import DemoServer

    if args.rows < 0 or not 0 <= args.port <= 65535:
        raise _UsageError("--rows must be 0 or more and --port between 0 and 65535.")
    if not 0 <= args.cron_share <= 1:
        raise _UsageError("--cron-share must be between 0 and 1.")
    logging.getLogger("backupviewer.demo").setLevel(logging.INFO)
    if args.rows > 100_000:
        print(f"Generating {args.rows:,} backups…", file=sys.stderr, flush=True)
    server = DemoServer(
        rows=args.rows,
        port=args.port,
        seed=args.seed,
        cron_share=args.cron_share,
        spaced=args.spaced,
    )
    _stop_on_sigterm()
    try:
        server.start()
    except OSError as exc:
        print(
            f"backupviewer demo-server: cannot listen on port {args.port} ({exc.strerror}). "
            "Choose another with --port (0 picks a free one).",
            file=sys.stderr,
        )
        return EXIT_FAILED
    try:
        if args.running_seconds > 0:
            server.start_backup(seconds=args.running_seconds)
        admin, viewer = accounts.ADMIN, accounts.VIEWER
        lines = [
            f"Demo Datafor server at {server.url} with {args.rows:,} backups",
            f"  administrator:         {admin.user} / {admin.password}",
            f"  not an administrator:  {viewer.user} / {viewer.password}",
            f"  token (administrator): {accounts.ADMIN_TOKEN}",
            f"  tenants: {accounts.ACTIVE_TENANT} (active), {accounts.DISABLED_TENANT} (disabled)",
            f"After {accounts.CAPTCHA_AFTER} failed sign-ins the server asks for a captcha; "
            "its code is logged below.",
        ]
        if args.running_seconds > 0:
            lines.append(f"A backup is running now; it finishes in {args.running_seconds:g} s.")
        lines.append("Press Ctrl+C to stop.")
        print("\n".join(lines), flush=True)
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        print("Demo server stopped.", file=sys.stderr)
    finally:
        server.stop()
    return EXIT_OK


def _stop_on_sigterm() -> None:
    """Let SIGTERM end the demo server as cleanly as Ctrl+C does."""
    if threading.current_thread() is not threading.main_thread():
        return

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)

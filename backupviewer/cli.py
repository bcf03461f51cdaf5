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
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from types import FrameType
from typing import TextIO
from urllib.parse import urlsplit

from backupviewer.core.addresses import has_user_info, normalize_base_url, unencrypted
from backupviewer.core.auth import AuthMethod, Credentials, TlsOptions
from backupviewer.core.columns import CSV_ORDER
from backupviewer.core.errors import (
    BackupViewerError,
    CaptchaRequired,
    NetworkError,
    NotPermitted,
    ProtocolError,
    SignInError,
    StorageError,
    printable,
)
from backupviewer.core.records import Status
from backupviewer.demo import command as demo_command
from backupviewer.server.client import HISTORY_DEADLINE, MAX_ANSWER, DataforClient
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

Without --output the file is backups-<host>-<yyyymmdd-hhmmss>.csv in the current folder
(--output FOLDER: that name in FOLDER); --output - writes to standard output. The file is
UTF-8 (--bom for Excel) and is replaced only when complete.

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
    _interrupt_on_sigterm()
    try:
        if args.command == "export":
            return _export(args)
        return demo_command.run(args)
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
        "--timeout",
        type=float,
        default=60.0,
        metavar="S",
        help="seconds a request (sign-in, schedules) or a part of the history may take "
        "(default 60)",
    )
    export.add_argument(
        "--deadline",
        type=float,
        default=HISTORY_DEADLINE,
        metavar="S",
        help=f"seconds the whole history may take to arrive (default {HISTORY_DEADLINE:g})",
    )
    export.add_argument(
        "--max-size",
        type=float,
        default=MAX_ANSWER / 1e6,
        metavar="MB",
        help=f"the largest history accepted, in MB (default {MAX_ANSWER / 1e6:,.0f})",
    )
    export.add_argument("--verbose", "-v", action="count", default=0, help="log what happens")

    demo_command.add_parser(commands)
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
    if has_user_info(args.server):
        raise _UsageError(
            "--server holds a user name or password (user:password@…); leave them out of the "
            f"address: the user goes in --user, the password through --password-stdin or "
            f"{PASSWORD_VARIABLE}."
        )
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
    if min(args.timeout, args.deadline, args.max_size) <= 0:
        raise _UsageError("--timeout, --deadline and --max-size must be positive numbers.")
    wanted = _statuses(args.status)
    folder = _output_folder(args.output)
    credentials = Credentials(
        user=args.user or "",
        secret=_secret(args.password_stdin, method),
        method=method,
        tenant=args.tenant or None,
    )
    client = DataforClient(
        args.server,
        tls=TlsOptions(ca_bundle=args.ca_bundle, insecure=args.insecure),
        timeout=args.timeout,
        history_deadline=args.deadline,
        max_answer=int(args.max_size * 1_000_000),
    )
    try:
        table = asyncio.run(_fetch(client, credentials))
    except BackupViewerError as exc:
        return _failure(exc)
    chosen = [row for row in range(len(table)) if wanted is None or table.status_at(row) in wanted]
    output = args.output if folder is None else str(folder / _default_name(client.base_url))
    where = "standard output" if output == "-" else output
    try:
        _write(table, chosen, output, bom=args.bom)
    except OSError as exc:
        _say(f"could not write {where}: {exc.strerror or exc}")
        return EXIT_FAILED
    print(f"Exported {len(chosen):,} of {len(table):,} backups to {where}.", file=sys.stderr)
    unreadable = sum(map(table.flagged.__getitem__, chosen))
    if unreadable:
        print(
            f"{unreadable:,} of them have fields the viewer could not read; they are written "
            "as well as they could be read (the window shows why).",
            file=sys.stderr,
        )
    return EXIT_OK


def _output_folder(output: str | None) -> Path | None:
    """Where a file of the default name goes (None: `output` is the file, or "-"), checked
    before anything is downloaded; raises `_UsageError` for a place that cannot be written."""
    if output == "-":
        return None
    path = Path(output or ".")
    if output is None or path.is_dir():
        if not os.access(path, os.W_OK):
            raise _UsageError(f"--output {path}: this folder cannot be written to.")
        return path
    if not path.parent.is_dir():
        raise _UsageError(f"--output {output}: the folder does not exist ({path.parent}).")
    writable = path if path.exists() else path.parent
    if not os.access(writable, os.W_OK):
        raise _UsageError(f"--output {output}: it cannot be written to.")
    return None


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
            secret = _without_line_end(sys.stdin.readline())
        if not secret:
            raise _UsageError(f"--password-stdin was given but no {what} came in.")
        return secret
    secret = _without_line_end(os.environ.get(variable, ""))
    if not secret:
        raise _UsageError(
            f"No {what} given: pipe it in with --password-stdin, or set {variable}. "
            "It is never taken as an argument."
        )
    return secret


def _without_line_end(text: str) -> str:
    """`text` without the one line ending (LF or CRLF) that a line read from a pipe or a
    file has; any other space or control character stays, for the sign-in to refuse."""
    return text.removesuffix("\n").removesuffix("\r")


async def _fetch(client: DataforClient, credentials: Credentials) -> HistoryTable:
    """The history, decoded as the window decodes it (in this process). Where the server is
    found before any credential is sent; plain http across a network is said first."""
    async with client:
        base = await client.locate()
        if unencrypted(base):
            secret = "token" if credentials.method is AuthMethod.TOKEN else "password"
            _say(
                f"warning: {base} is not encrypted (plain http): the {secret} crosses the "
                "network in clear text. Use https:// if the server offers it."
            )
        await client.sign_in(credentials)
        try:
            answer = await client.history()
            return decode_answer(answer, (await client.schedules()).triggers)
        finally:
            await client.sign_out()


def _say(message: str) -> None:
    """A line on standard error, with any control character from a server shown escaped."""
    print(f"backupviewer export: {printable(message)}", file=sys.stderr)


def _failure(exc: BackupViewerError) -> int:
    """Print what went wrong and what to do; return the exit code for it."""
    _say(str(exc))
    if isinstance(exc, CaptchaRequired):
        print(
            "The server wants a captcha after failed sign-ins, which a command cannot show. "
            "Sign in once in the app or the web console, or use --auth basic or --auth token.",
            file=sys.stderr,
        )
    if isinstance(exc, SignInError):
        return EXIT_SIGN_IN
    if isinstance(exc, StorageError):
        return EXIT_FAILED
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
        if sys.stdout.isatty():  # a server's escape sequences never reach a terminal raw
            write_table_stream(table, rows, CSV_ORDER, _TerminalSafe(stream))
        else:
            write_table_stream(table, rows, CSV_ORDER, stream)
        stream.flush()
    except BrokenPipeError:
        # The reader (say, `head`) has gone: send what is left, and Python's last flush, nowhere.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise
    finally:
        stream.detach()


class _TerminalSafe(io.TextIOBase):
    """Writes to `stream` with control characters (but tab and line ends) shown escaped."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(text.translate(_TERMINAL_ESCAPES))
        return len(text)


_TERMINAL_ESCAPES = {
    code: f"\\x{code:02x}" for code in (*range(0x20), *range(0x7F, 0xA0)) if code not in (9, 10, 13)
}


def _interrupt_on_sigterm() -> None:
    """SIGTERM as Ctrl+C: a command ends as cleanly on ``kill`` as on an interrupt (partial
    files removed, servers stopped)."""
    if threading.current_thread() is not threading.main_thread():
        return

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)

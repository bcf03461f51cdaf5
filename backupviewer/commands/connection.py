"""What ``export`` and ``check`` share: the sign-in options, the secret, the exit codes, and
fetching the history with the server's schedules as the window does."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import getpass
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from backupviewer.core.datafor.addresses import has_user_info, normalize_base_url, unencrypted
from backupviewer.core.datafor.auth import AuthMethod, Credentials, TlsOptions
from backupviewer.core.durations import parse_span, span_option
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
from backupviewer.core.schedule.items import ScheduleList
from backupviewer.history.table import HistoryTable
from backupviewer.history.workers import Answer, decode_answer
from backupviewer.server.client import HISTORY_DEADLINE, MAX_ANSWER, DataforClient

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_SIGN_IN = 3
EXIT_NOT_PERMITTED = 4
EXIT_UNAVAILABLE = 5
EXIT_NOT_UNDERSTOOD = 6
EXIT_INTERRUPTED = 130

SIGN_OUT_SECONDS = 2.0
"""How long signing out may take at the end of a command (it is only a courtesy)."""

PASSWORD_VARIABLE = "BACKUPVIEWER_PASSWORD"
TOKEN_VARIABLE = "BACKUPVIEWER_TOKEN"
SECRET_WORDS = f"""\
The password (or token) is never an argument: pipe it in with --password-stdin (a terminal
is asked for it), or set {PASSWORD_VARIABLE} (for --auth token: {TOKEN_VARIABLE})."""


class UsageError(Exception):
    """A command line that cannot work; the message says how to fix it."""


@dataclass(frozen=True)
class Fetched:
    """A signed-in fetch: the history as the window decodes it, and the schedules."""

    table: HistoryTable
    schedules: ScheduleList
    base_url: str


def add_sign_in_arguments(
    parser: argparse.ArgumentParser,
    deadline: float = HISTORY_DEADLINE,
    deadline_help: str = "seconds the whole history may take to arrive",
) -> None:
    """The options every command that signs in takes (``--deadline`` with this default and
    meaning): one server (``--server``) or a file of them (``--servers``)."""
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--server", metavar="URL", help="e.g. host:28080/datafor")
    where.add_argument(
        "--servers",
        metavar="FILE",
        help="every server in this TOML file, at once (see SERVERS FILE below)",
    )
    parser.add_argument("--user", metavar="NAME", help="user name (not needed for --auth token)")
    parser.add_argument("--tenant", metavar="T", help="tenant, e.g. tenant1 (session sign-in)")
    parser.add_argument(
        "--auth",
        choices=[method.value for method in AuthMethod],
        default=AuthMethod.SESSION.value,
        help="how to sign in (default: session)",
    )
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password (or token) from the first line of standard input",
    )
    tls = parser.add_mutually_exclusive_group()
    tls.add_argument("--ca-bundle", metavar="PATH", help="trust the CA certificates in this file")
    tls.add_argument(
        "--insecure", action="store_true", help="do not check the server's certificate (unsafe)"
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=60.0,
        metavar="S",
        help="seconds a request (sign-in, schedules) or a part of the history may take "
        "(default 60)",
    )
    parser.add_argument(
        "--deadline",
        type=float,
        default=deadline,
        metavar="S",
        help=f"{deadline_help} (default {deadline:g})",
    )
    parser.add_argument(
        "--max-size",
        type=float,
        default=MAX_ANSWER / 1e6,
        metavar="MB",
        help=f"the largest history accepted, in MB (default {MAX_ANSWER / 1e6:,.0f})",
    )
    parser.add_argument("--verbose", "-v", action="count", default=0, help="log what happens")


def add_health_arguments(parser: argparse.ArgumentParser, window: int, tolerance: int) -> None:
    """``--window`` and ``--tolerance``, with these defaults (ms)."""
    parser.add_argument(
        "--window",
        default=span_option(window),
        metavar="SPAN",
        help=f"how far back to look for missed, failed and slow runs (default "
        f"{span_option(window)}; units w, d, h, m, s)",
    )
    parser.add_argument(
        "--tolerance",
        default=span_option(tolerance),
        metavar="SPAN",
        help=f"how late a backup may start for its scheduled time before the run counts as "
        f"missed (default {span_option(tolerance)})",
    )


def span(value: str, option: str) -> int:
    """A length of time from the command line, in ms (a `UsageError` when it is none)."""
    try:
        ms = parse_span(value)
    except ValueError as exc:
        raise UsageError(f"{option}: {exc}") from None
    if ms <= 0:
        raise UsageError(f"{option} must be longer than nothing.")
    return ms


def prepare(args: argparse.Namespace) -> tuple[DataforClient, Credentials]:
    """The client and the credentials the options describe (`UsageError` when they
    cannot work); the secret is read here."""
    if has_user_info(args.server):
        raise UsageError(
            "--server holds a user name or password (user:password@…); leave them out of the "
            f"address: the user goes in --user, the password through --password-stdin or "
            f"{PASSWORD_VARIABLE}."
        )
    try:
        normalize_base_url(args.server)
    except NetworkError as exc:
        raise UsageError(f"--server: {exc}") from None
    method = AuthMethod(args.auth)
    if method is not AuthMethod.TOKEN and not args.user:
        raise UsageError(f"--user is needed for --auth {method}.")
    if args.tenant and method is not AuthMethod.SESSION:
        raise UsageError("--tenant works only with --auth session.")
    check_limits(args)
    credentials = Credentials(
        user=args.user or "",
        secret=_secret(args.password_stdin, method),
        method=method,
        tenant=args.tenant or None,
    )
    return client_for(args.server, args), credentials


def check_limits(args: argparse.Namespace) -> None:
    """The options every server of a command shares: a `UsageError` when they cannot work."""
    if args.ca_bundle and not Path(args.ca_bundle).is_file():
        raise UsageError(f"--ca-bundle {args.ca_bundle}: there is no such file.")
    if min(args.timeout, args.deadline, args.max_size) <= 0:
        raise UsageError("--timeout, --deadline and --max-size must be positive numbers.")


def client_for(url: str, args: argparse.Namespace) -> DataforClient:
    """A client for the server at `url`, with the command's limits and certificate checks."""
    return DataforClient(
        url,
        tls=TlsOptions(ca_bundle=args.ca_bundle, insecure=args.insecure),
        timeout=args.timeout,
        history_deadline=args.deadline,
        max_answer=int(args.max_size * 1_000_000),
    )


async def fetch(client: DataforClient, credentials: Credentials, command: str) -> Fetched:
    """The history, decoded as the window decodes it (in this process), and the schedules.
    Plain http across a network is said first."""

    def warn(base: str) -> None:
        secret = "token" if credentials.method is AuthMethod.TOKEN else "password"
        say(
            command,
            f"warning: {base} is not encrypted (plain http): the {secret} crosses the "
            "network in clear text. Use https:// if the server offers it.",
        )

    answer, schedules = await receive(client, credentials, warn)
    return Fetched(decode_answer(answer, schedules.triggers), schedules, client.base_url)


async def receive(
    client: DataforClient,
    credentials: Credentials,
    unencrypted_warning: Callable[[str], None] | None = None,
    receiving: contextlib.AbstractAsyncContextManager[object] | None = None,
) -> tuple[Answer, ScheduleList]:
    """Sign in, then the history's answer (undecoded) and the schedules; signed out after.
    The server is found before any credential is sent; `unencrypted_warning` is told its
    address first when it is plain http across a network; `receiving` is held while the
    history arrives (a window limits how many arrive at once)."""
    async with client:
        base = await client.locate()
        if unencrypted_warning is not None and unencrypted(base):
            unencrypted_warning(base)
        await client.sign_in(credentials)
        try:
            async with receiving or contextlib.nullcontext():
                answer = await client.history()
            return answer, await client.schedules()
        finally:
            # Also when given up at a deadline: a server that stopped answering must not
            # hold the command for another time limit.
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(SIGN_OUT_SECONDS):
                    await client.sign_out()


def say(command: str, message: str) -> None:
    """A line on standard error, with any control character from a server shown escaped."""
    print(f"backupviewer {command}: {printable(message)}", file=sys.stderr)


def exit_code(exc: BackupViewerError) -> int:
    """The exit code for a failure (export's numbering)."""
    if isinstance(exc, SignInError):
        return EXIT_SIGN_IN
    if isinstance(exc, StorageError):
        return EXIT_FAILED
    if isinstance(exc, NotPermitted):
        return EXIT_NOT_PERMITTED
    if isinstance(exc, ProtocolError):
        return EXIT_NOT_UNDERSTOOD
    return EXIT_UNAVAILABLE


def advice(exc: BackupViewerError) -> str:
    """What to do beyond the error's own words ("" when they say it all)."""
    if isinstance(exc, CaptchaRequired):
        return (
            "The server wants a captcha after failed sign-ins, which a command cannot show. "
            "Sign in once in the app or the web console, or use --auth basic or --auth token."
        )
    return ""


def _secret(from_stdin: bool, method: AuthMethod) -> str:
    what = "token" if method is AuthMethod.TOKEN else "password"
    variable = TOKEN_VARIABLE if method is AuthMethod.TOKEN else PASSWORD_VARIABLE
    if from_stdin:
        if sys.stdin is None:
            raise UsageError("--password-stdin was given but there is no standard input.")
        if sys.stdin.isatty():
            secret = getpass.getpass(f"{what.capitalize()}: ")
        else:
            secret = _without_line_end(sys.stdin.readline())
        if not secret:
            raise UsageError(f"--password-stdin was given but no {what} came in.")
        return secret
    secret = _without_line_end(os.environ.get(variable, ""))
    if not secret:
        raise UsageError(
            f"No {what} given: pipe it in with --password-stdin, or set {variable}. "
            "It is never taken as an argument."
        )
    return secret


def _without_line_end(text: str) -> str:
    """`text` without the one line ending (LF or CRLF) that a line read from a pipe or a
    file has; any other space or control character stays, for the sign-in to refuse."""
    return text.removesuffix("\n").removesuffix("\r")

"""The commands without a window: ``export``, ``check`` and ``demo-server`` (parsed here)."""

from __future__ import annotations

import argparse
import contextlib
import difflib
import io
import logging
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from datetime import datetime
from types import FrameType

from backupviewer.commands import check, export
from backupviewer.commands.connection import (
    EXIT_INTERRUPTED,
    EXIT_USAGE,
    PASSWORD_VARIABLE,
    TOKEN_VARIABLE,
    UsageError,
)
from backupviewer.core.errors import described
from backupviewer.demo import command as demo_command

logger = logging.getLogger(__name__)

_SECRET_OPTIONS = ("--password", "--token", "--secret", "-p")


def main(argv: Sequence[str], clock: Callable[[], datetime] | None = None) -> int:
    """Run ``export``, ``check`` or ``demo-server`` with `argv` (without the program name);
    `clock` gives "now" for judging the health (this computer's clock by default).

    ``check`` answers as a monitoring plugin does even when its command line is wrong:
    UNKNOWN (3), never the usage code 2, which a monitor would read as CRITICAL.
    """
    arguments = list(argv)
    checking = bool(arguments) and arguments[0] == "check"
    refused = _refused_secret(arguments)
    if refused:
        return check.unknown(refused) if checking else _usage(refused)
    parser = _parser()
    unknown = _unknown_option(parser, arguments)
    if unknown:
        return check.unknown(unknown) if checking else _usage(unknown)
    errors = io.StringIO()
    try:
        with contextlib.redirect_stderr(errors) if checking else contextlib.nullcontext():
            args = parser.parse_args(arguments)
    except SystemExit as exit_:  # argparse has printed the usage or the help
        code = exit_.code if isinstance(exit_.code, int) else EXIT_USAGE
        if checking and code:
            last = errors.getvalue().strip().splitlines()
            return check.unknown(last[-1] if last else "the command line cannot work")
        return code
    _configure_logging(args.verbose)
    _interrupt_on_sigterm()
    try:
        clock = clock or _now
        if args.command == "export":
            return export.run(args, clock)
        if args.command == "check":
            return check.run(args, clock)
        return demo_command.run(args)
    except UsageError as exc:
        return check.unknown(f"backupviewer check: {exc}") if checking else _usage(str(exc))
    except KeyboardInterrupt as exc:
        if checking:  # a monitor reads 130 as CRITICAL: a check stopped is UNKNOWN
            _ignore_signals()
            return check.unknown(f"stopped by {exc.args[0] if exc.args else 'SIGINT'}")
        print("Interrupted.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:  # (MemoryError too): a check answers UNKNOWN, whatever happens
        if not checking:
            raise
        logger.debug("Unexpected error", exc_info=True)
        said = described(exc)
        kind = type(exc).__name__
        what = kind if said == kind else f"{kind}: {said}"
        return check.unknown(f"unexpected error: {what} (run with -vv for the details)")


def _refused_secret(arguments: list[str]) -> str:
    for argument in arguments:
        if argument.split("=", 1)[0] in _SECRET_OPTIONS:
            return (
                f"{argument.split('=', 1)[0]} is not accepted: a secret on the command line "
                "shows in the process list and the shell history. Use --password-stdin, or "
                f"set {PASSWORD_VARIABLE} or {TOKEN_VARIABLE}."
            )
    return ""


def _unknown_option(parser: argparse.ArgumentParser, arguments: list[str]) -> str:
    """Why the command line names an option its command does not have, with the likeliest
    one meant ("" when it names none): argparse would first complain of a required option
    missing – the one mistyped."""
    commands = next((a for a in parser._actions if isinstance(a, argparse._SubParsersAction)), None)
    command = commands.choices.get(arguments[0]) if commands and arguments else None
    if command is None:
        return ""
    known = {name for action in command._actions for name in action.option_strings}
    for argument in arguments[1:]:
        if argument == "--":
            break
        name = argument.split("=", 1)[0]
        if name.startswith("--") and name not in known:
            close = difflib.get_close_matches(name, sorted(known), n=1)
            guess = f"; did you mean {close[0]}?" if close else ""
            command_name = arguments[0]
            return (
                f"{command_name}: unknown option {name}{guess} "
                f"(see backupviewer {command_name} --help)"
            )
    return ""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="backupviewer", description="BackupViewer without a window.", allow_abbrev=False
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    export.add_parser(commands)
    check.add_parser(commands)
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


def _now() -> datetime:
    return datetime.now().astimezone()


def _usage(message: str) -> int:
    print(f"backupviewer: {message}", file=sys.stderr)
    return EXIT_USAGE


def _interrupt_on_sigterm() -> None:
    """SIGTERM as Ctrl+C: a command ends as cleanly on ``kill`` as on an interrupt (partial
    files removed, servers stopped)."""
    if threading.current_thread() is not threading.main_thread():
        return

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt("SIGTERM")

    signal.signal(signal.SIGTERM, interrupt)


def _ignore_signals() -> None:
    """While a stopped command says so: a second SIGINT or SIGTERM does not cut it short."""
    if threading.current_thread() is threading.main_thread():
        for number in (signal.SIGINT, signal.SIGTERM):
            signal.signal(number, signal.SIG_IGN)

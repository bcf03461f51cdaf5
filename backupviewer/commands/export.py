"""``backupviewer export``: the history as CSV – every backup, and the missed runs of the window."""

from __future__ import annotations

import argparse
import asyncio
import io
import os
import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from backupviewer.commands import connection
from backupviewer.commands.connection import EXIT_FAILED, EXIT_OK, SECRET_WORDS, UsageError
from backupviewer.core.columns import CSV_ORDER
from backupviewer.core.errors import BackupViewerError
from backupviewer.core.records import Status
from backupviewer.health.findings import HealthSettings
from backupviewer.health.snapshot import Snapshot, take_snapshot
from backupviewer.history.csv_export import write_table, write_table_stream
from backupviewer.history.safe_output import TerminalSafe
from backupviewer.history.table import HistoryTable, TableRow

_STATUS_WORDS = tuple(status.word for status in Status)
_DEFAULTS = HealthSettings()
_EPILOG = f"""\
{SECRET_WORDS}

Without --output the file is backups-<host>-<yyyymmdd-hhmmss>.csv in the current folder
(--output FOLDER: that name in FOLDER); --output - writes to standard output. The file is
UTF-8 (--bom for Excel) and is replaced only when complete.

Besides every backup, the file has a row for each run a schedule missed in the --window
(status "missed", started at the time it was due, no end); --status leaves them out or keeps
only them. Runs missed in a row are one row, started at the first: its message says how many
("Missed 43,200 runs in a row, every 1 min, from ... to ...").

exit codes: 0 done, 1 the file could not be written, 2 usage, 3 sign-in failed,
4 not permitted (not an administrator), 5 network or server error, 6 the server's answer
was not understood, 130 interrupted.

example: printf '%s\\n' "$PW" | backupviewer export --server http://localhost:28080/datafor \\
         --user admin --password-stdin --status failed --output failed.csv
"""


def add_parser(commands: Any) -> None:
    """Add the ``export`` command to `commands` (argparse's subparsers)."""
    export = commands.add_parser(
        "export",
        help="write a Datafor server's backup history as CSV",
        description="Sign in to a Datafor server and write its backup history as CSV.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        allow_abbrev=False,
    )
    connection.add_sign_in_arguments(export)
    export.add_argument("--output", "-o", metavar="FILE|-", help="where to write the CSV")
    export.add_argument(
        "--status",
        metavar="LIST",
        help=f"only rows with these statuses, comma-separated: {', '.join(_STATUS_WORDS)}",
    )
    export.add_argument("--bom", action="store_true", help="start the file with a UTF-8 BOM")
    connection.add_health_arguments(export, _DEFAULTS.window_ms, _DEFAULTS.tolerance_ms)


def run(args: argparse.Namespace, clock: Callable[[], datetime]) -> int:
    settings = HealthSettings(
        connection.span(args.window, "--window"), connection.span(args.tolerance, "--tolerance")
    )
    wanted = _statuses(args.status)
    folder = _output_folder(args.output)
    client, credentials = connection.prepare(args)
    try:
        fetched = asyncio.run(connection.fetch(client, credentials, "export"))
    except BackupViewerError as exc:
        return _failure(exc)
    snapshot = take_snapshot(fetched.table, fetched.schedules, clock(), settings)
    table = snapshot.table
    chosen = [
        TableRow(row)
        for row in range(len(table))
        if wanted is None or table.status_at(TableRow(row)) in wanted
    ]
    output = args.output if folder is None else str(folder / _default_name(fetched.base_url))
    where = "standard output" if output == "-" else output
    try:
        _write(table, chosen, output, bom=args.bom)
    except OSError as exc:
        connection.say("export", f"could not write {where}: {exc.strerror or exc}")
        return EXIT_FAILED
    _tell(f"Exported {_exported(snapshot, chosen)} to {where}.")
    if fetched.schedules.unavailable:
        _tell(fetched.schedules.unavailable)
    for note in snapshot.verdict().notes:
        _tell(note)
    unreadable = sum(map(table.is_flagged, chosen))
    if unreadable:
        _tell(
            f"{unreadable:,} of them {'has' if unreadable == 1 else 'have'} fields the viewer "
            "could not read; they are written as well as they could be read (the window shows "
            "why)."
        )
    return EXIT_OK


def _exported(snapshot: Snapshot, rows: list[TableRow]) -> str:
    """``12 of 15 backups and 3 missed runs`` (``… in 1 row``, for runs missed in a row)."""
    missed = sum(map(snapshot.is_missed, rows))
    runs = snapshot.missed_runs_in(rows)
    said = f"{len(rows) - missed:,} of {snapshot.backup_count:,} backups"
    if runs:
        said += f" and {runs:,} missed run{'' if runs == 1 else 's'}"
    if runs != missed:
        said += f" (in {missed:,} row{'' if missed == 1 else 's'})"
    return said


def _failure(exc: BackupViewerError) -> int:
    connection.say("export", str(exc))
    if advice := connection.advice(exc):
        _tell(advice)
    return connection.exit_code(exc)


def _tell(message: str) -> None:
    print(message, file=sys.stderr)


def _output_folder(output: str | None) -> Path | None:
    """Where a file of the default name goes (None: `output` is the file, or "-"), checked
    before anything is downloaded; raises `UsageError` for a place that cannot be written."""
    if output == "-":
        return None
    path = Path(output or ".")
    if output is None or path.is_dir():
        if not os.access(path, os.W_OK):
            raise UsageError(f"--output {path}: this folder cannot be written to.")
        return path
    if not path.parent.is_dir():
        raise UsageError(f"--output {output}: the folder does not exist ({path.parent}).")
    writable = path if path.exists() else path.parent
    if not os.access(writable, os.W_OK):
        raise UsageError(f"--output {output}: it cannot be written to.")
    return None


def _statuses(text: str | None) -> set[Status] | None:
    if text is None:
        return None
    words = [word.strip().lower() for word in text.split(",") if word.strip()]
    unknown = [word for word in words if word not in _STATUS_WORDS]
    if unknown or not words:
        raise UsageError(
            f"--status {text!r}: use a comma-separated list of {', '.join(_STATUS_WORDS)}."
        )
    return {Status(word) for word in words}


def _default_name(base_url: str) -> str:
    parts = urlsplit(base_url)
    host = (parts.hostname or "server").replace(":", "-")
    port = f"-{parts.port}" if parts.port else ""
    return f"backups-{host}{port}-{datetime.now():%Y%m%d-%H%M%S}.csv"


def _write(table: HistoryTable, rows: Sequence[int], output: str, *, bom: bool) -> None:
    if output != "-":
        write_table(table, rows, CSV_ORDER, output, bom=bom)
        return
    sys.stdout.flush()
    stream = io.TextIOWrapper(
        sys.stdout.buffer, encoding="utf-8-sig" if bom else "utf-8", newline=""
    )
    try:
        if sys.stdout.isatty():  # a server's escape sequences never reach a terminal raw
            write_table_stream(table, rows, CSV_ORDER, TerminalSafe(stream))
        else:
            write_table_stream(table, rows, CSV_ORDER, stream)
        stream.flush()
    except BrokenPipeError:
        # The reader (say, `head`) has gone: send what is left, and Python's last flush, nowhere.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise
    finally:
        stream.detach()

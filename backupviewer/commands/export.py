"""``backupviewer export``: the history as CSV – every backup, and the missed runs of the window."""

from __future__ import annotations

import argparse
import asyncio
import io
import os
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from backupviewer.commands import connection, many_servers
from backupviewer.commands.connection import (
    EXIT_FAILED,
    EXIT_OK,
    SECRET_WORDS,
    Fetched,
    UsageError,
)
from backupviewer.commands.many_servers import SERVERS_WORDS
from backupviewer.core.columns import CSV_ORDER
from backupviewer.core.errors import BackupViewerError
from backupviewer.core.records import Status
from backupviewer.health.findings import HealthSettings
from backupviewer.health.snapshot import Snapshot, take_snapshot
from backupviewer.history.csv_export import (
    Writable,
    write_table,
    write_table_stream,
    write_tables,
    write_tables_stream,
)
from backupviewer.history.safe_output import TerminalSafe
from backupviewer.history.table import TableRow

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

With --servers FILE every server of the file is read at once into one CSV, the server's
name in a first column (server); a server that fails is said and nothing is written,
unless --keep-going writes the others.

{SERVERS_WORDS}

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
    export.add_argument(
        "--keep-going",
        action="store_true",
        help="with --servers: write the servers that could be read when others fail (the exit "
        "code still says the first failure)",
    )
    connection.add_health_arguments(export, _DEFAULTS.window_ms, _DEFAULTS.tolerance_ms)


def run(args: argparse.Namespace, clock: Callable[[], datetime]) -> int:
    settings = HealthSettings(
        connection.span(args.window, "--window"), connection.span(args.tolerance, "--tolerance")
    )
    wanted = _statuses(args.status)
    folder = _output_folder(args.output)
    if args.servers:
        return _export_servers(args, settings, wanted, folder, clock)
    client, credentials = connection.prepare(args)
    try:
        fetched = asyncio.run(connection.fetch(client, credentials, "export"))
    except BackupViewerError as exc:
        return _failure(exc)
    snapshot = take_snapshot(fetched.table, fetched.schedules, clock(), settings)
    chosen = _chosen(snapshot, wanted)
    output = args.output if folder is None else str(folder / _default_name(fetched.base_url))
    where = "standard output" if output == "-" else output
    table = snapshot.table
    try:
        _write(
            lambda path: write_table(table, chosen, CSV_ORDER, path, bom=args.bom),
            lambda stream: write_table_stream(table, chosen, CSV_ORDER, stream),
            output,
            bom=args.bom,
        )
    except OSError as exc:
        connection.say("export", f"could not write {where}: {exc.strerror or exc}")
        return EXIT_FAILED
    _tell(f"Exported {_exported(snapshot, chosen)} to {where}.")
    _tell_notes(fetched, snapshot, chosen)
    return EXIT_OK


def _export_servers(
    args: argparse.Namespace,
    settings: HealthSettings,
    wanted: set[Status] | None,
    folder: Path | None,
    clock: Callable[[], datetime],
) -> int:
    """Every server of ``--servers`` in one CSV, its name first on each row; a server that
    fails is said, and nothing is written unless ``--keep-going`` (the exit code is the
    first failure's either way)."""
    entries = many_servers.servers_of(args)
    each = args.deadline + 3 * args.timeout  # (signing in, the schedules, then the history)
    outcomes = many_servers.fetch_all(entries, args, "export", each)
    failed = [outcome for outcome in outcomes if outcome.fetched is None]
    for outcome in failed:
        connection.say("export", outcome.problem)
    done = [(o.entry.name, o.fetched) for o in outcomes if o.fetched is not None]
    if failed and (not args.keep_going or not done):
        more = "" if done else " (no server could be read)"
        _tell(f"Nothing written{more}; --keep-going writes the servers that could be read.")
        return failed[0].code
    now = clock()
    snapshots = [(name, fetched, take_snapshot(fetched.table, fetched.schedules, now, settings))
                 for name, fetched in done]  # fmt: skip
    parts = [(name, snapshot.table, _chosen(snapshot, wanted)) for name, _, snapshot in snapshots]
    output = args.output if folder is None else str(folder / _servers_name(args.servers))
    where = "standard output" if output == "-" else output
    try:
        _write(
            lambda path: write_tables(parts, CSV_ORDER, path, bom=args.bom),
            lambda stream: write_tables_stream(parts, CSV_ORDER, stream),
            output,
            bom=args.bom,
        )
    except OSError as exc:
        connection.say("export", f"could not write {where}: {exc.strerror or exc}")
        return EXIT_FAILED
    _tell(f"Exported to {where}:")
    for (name, fetched, snapshot), (_, _, chosen) in zip(snapshots, parts, strict=True):
        _tell(f"  {name}: {_exported(snapshot, chosen)}.")
        _tell_notes(fetched, snapshot, chosen, f"  {name}: ")
    return failed[0].code if failed else EXIT_OK


def _chosen(snapshot: Snapshot, wanted: set[Status] | None) -> list[TableRow]:
    table = snapshot.table
    return [
        TableRow(row)
        for row in range(len(table))
        if wanted is None or table.status_at(TableRow(row)) in wanted
    ]


def _tell_notes(
    fetched: Fetched, snapshot: Snapshot, chosen: list[TableRow], lead: str = ""
) -> None:
    """What the export could not do in full: schedules unavailable, runs not judged, fields
    not read."""
    if fetched.schedules.unavailable:
        _tell(lead + fetched.schedules.unavailable)
    for note in snapshot.verdict().notes:
        _tell(lead + note)
    unreadable = sum(map(snapshot.table.is_flagged, chosen))
    if unreadable:
        _tell(
            f"{lead}{unreadable:,} of them {'has' if unreadable == 1 else 'have'} fields the "
            "viewer could not read; they are written as well as they could be read (the window "
            "shows why)."
        )


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


def _servers_name(servers: str) -> str:
    stem = "".join(c if c.isalnum() or c in "-_" else "-" for c in Path(servers).stem)[:40]
    return f"backups-{stem or 'servers'}-{datetime.now():%Y%m%d-%H%M%S}.csv"


def _write(
    to_file: Callable[[str], int],
    to_stream: Callable[[Writable], int],
    output: str,
    *,
    bom: bool,
) -> None:
    """Write the CSV to the file `output` (`to_file`), or to standard output for ``-``."""
    if output != "-":
        to_file(output)
        return
    sys.stdout.flush()
    stream = io.TextIOWrapper(
        sys.stdout.buffer, encoding="utf-8-sig" if bom else "utf-8", newline=""
    )
    try:
        # (a server's escape sequences never reach a terminal raw)
        to_stream(TerminalSafe(stream) if sys.stdout.isatty() else stream)
        stream.flush()
    except BrokenPipeError:
        # The reader (say, `head`) has gone: send what is left, and Python's last flush, nowhere.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise
    finally:
        stream.detach()

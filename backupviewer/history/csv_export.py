"""A table's rows as CSV: atomic, UTF-8 (optional BOM for Excel), safe against formula injection.

The window's export and ``backupviewer export`` both write through `write_table` (a file) or
`write_table_stream` (standard output). Cells come from `HistoryTable.csv_cells` a block of
rows and a column at a time, and each block's lines are joined in C: five times faster than
`csv.writer` row by row, and the same text (minimal quoting, CRLF line ends).
"""

from __future__ import annotations

import contextlib
import csv
import operator
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from itertools import compress, count, repeat
from pathlib import Path
from typing import Protocol

from backupviewer.core.columns import Column, Kind
from backupviewer.core.words import translate
from backupviewer.history.safe_output import TerminalSafe, check_links
from backupviewer.history.table import HistoryTable

BLOCK_ROWS = 50_000  # rows whose cells are made at a time (memory stays flat)
# A cell starting with one of these is read as a formula by spreadsheets.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0", "＝", "＋", "－", "＠")
"""What makes a spreadsheet run a cell as a formula: Excel, LibreOffice Calc and Google Sheets
take ``= + - @`` (tab, CR and NUL before them), and East Asian Excel its full-width forms."""
_BLANKS = " \t\r\n\u00a0\u3000"
"""What LibreOffice's "Trim spaces" import option strips before it looks for a formula."""
_ESCAPE = "'"
_RISKY_STARTS = (*_FORMULA_STARTS, _ESCAPE, *_BLANKS)
_FIRST = operator.itemgetter(slice(1))  # a cell's first character, "" for an empty one
_PLAIN_KINDS = (Kind.STATUS, Kind.TIME, Kind.DURATION)
"""Columns whose cells the formatters write with no character a spreadsheet would run or CSV
would quote (words, digits, ``-:.T+``): written as they are."""
_SPECIAL = (",", '"', "\r", "\n")
_LINE_END = "\r\n"
_UMASK = os.umask(0o022)
os.umask(_UMASK)


def write_table(
    table: HistoryTable,
    rows: Sequence[int],
    columns: Sequence[Column],
    path: str | os.PathLike[str],
    *,
    bom: bool = False,
    titles: bool = False,
) -> int:
    """Write `rows` of `table` (in that order) with `columns` to `path`, atomically: into a
    temporary file beside it, renamed over it only when complete, so that a failure (a full
    disk) leaves any earlier file as it was. `titles`: the header as the window titles the
    columns (in its language) instead of the stable names scripts read. Returns the rows
    written; raises `OSError`."""
    return _write_atomically(
        lambda stream: write_table_stream(table, rows, columns, stream, titles=titles), path, bom
    )


class Writable(Protocol):
    """Where text can be written: an open text file, standard output."""

    def write(self, text: str, /) -> int: ...


def write_table_stream(
    table: HistoryTable,
    rows: Sequence[int],
    columns: Sequence[Column],
    stream: Writable,
    *,
    titles: bool = False,
) -> int:
    """`write_table` to an open text stream (standard output, say)."""
    if not columns:
        raise ValueError(translate("CsvExport", "CSV needs at least one column."))
    names = (column.header if titles else column.csv_name for column in columns)
    stream.write(",".join(map(_field, names)) + _LINE_END)
    return _write_rows(table, rows, columns, stream)


def write_tables(
    parts: Sequence[tuple[str, HistoryTable, Sequence[int]]],
    columns: Sequence[Column],
    path: str | os.PathLike[str],
    *,
    bom: bool = False,
) -> int:
    """`write_table` for several servers: for each (name, table, rows) of `parts` its rows,
    the server's name in a first column (`Column.SERVER`, as all servers as one history
    writes it). Returns the rows written."""
    return _write_atomically(lambda stream: write_tables_stream(parts, columns, stream), path, bom)


def write_tables_stream(
    parts: Sequence[tuple[str, HistoryTable, Sequence[int]]],
    columns: Sequence[Column],
    stream: Writable,
) -> int:
    """`write_tables` to an open text stream."""
    names = (Column.SERVER.csv_name, *(column.csv_name for column in columns))
    stream.write(",".join(map(_field, names)) + _LINE_END)
    return sum(
        _write_rows(table, rows, columns, stream, _field(neutralise(name)) + ",")
        for name, table, rows in parts
    )


def _write_rows(
    table: HistoryTable,
    rows: Sequence[int],
    columns: Sequence[Column],
    stream: Writable,
    lead: str = "",
) -> int:
    """The lines of `rows`, each after `lead` (a first cell and its comma, or nothing)."""
    for start in range(0, len(rows), BLOCK_ROWS):
        block = rows[start : start + BLOCK_ROWS]
        fields = [
            cells if column.kind in _PLAIN_KINDS else _fields(cells)
            for column, cells in ((column, table.csv_cells(column, block)) for column in columns)
        ]
        if len(fields) == 1 and not lead:  # a lone empty cell is quoted, or the line is blank
            lines: Iterator[str] | list[str] = [field or '""' for field in fields[0]]
        else:
            lines = map(",".join, zip(*fields, strict=True))
        if lead:
            lines = (lead + line for line in lines)
        stream.write(_LINE_END.join(lines) + _LINE_END)
    return len(rows)


def neutralise(cell: str) -> str:
    """Prefix a quote to a cell a spreadsheet would run as a formula, also behind blanks it
    may trim (and to one already starting with a quote, so that `restore` can undo it
    without guessing)."""
    if cell.startswith((_ESCAPE, *_FORMULA_STARTS)) or (
        cell.lstrip(_BLANKS).startswith(_FORMULA_STARTS)
    ):
        return _ESCAPE + cell
    return cell


def restore(cell: str) -> str:
    """Undo `neutralise`."""
    return cell[1:] if cell.startswith(_ESCAPE) else cell


def read_csv(path: str | os.PathLike[str]) -> list[dict[str, str]]:
    """Read a file written by `write_table` back into rows of restored cells (of any size:
    a server's message can be longer than the csv module's 128 KiB default)."""
    limit = csv.field_size_limit()
    csv.field_size_limit(sys.maxsize)
    try:
        with open(path, encoding="utf-8-sig", newline="") as stream:
            reader = csv.DictReader(stream)
            return [{key: restore(value) for key, value in row.items()} for row in reader]
    finally:
        csv.field_size_limit(limit)


def _fields(cells: list[str]) -> list[str]:
    """A column's cells as CSV fields: neutralised, then quoted where needed. Both checks
    run in C over the column at once (the cells' first characters, then all of it joined):
    most columns need neither."""
    firsts = "".join(map(_FIRST, cells))
    if any(start in firsts for start in _RISKY_STARTS):  # then look closer, cell by cell
        for row in compress(count(), map(str.startswith, cells, repeat(_RISKY_STARTS))):
            cells[row] = neutralise(cells[row])
    together = "\0".join(cells)
    if not any(special in together for special in _SPECIAL):
        return cells
    distinct = dict.fromkeys(cells)
    if len(distinct) > len(cells) // 4:
        return list(map(_field, cells))
    fields = {cell: _field(cell) for cell in distinct}
    return list(map(fields.__getitem__, cells))


def _field(cell: str) -> str:
    """A cell as `csv.writer` writes it (minimal quoting): in quotes, with its quotes doubled,
    when it holds a comma, a quote or a line break."""
    if any(special in cell for special in _SPECIAL):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def _write_atomically(
    write: Callable[[Writable], int], path: str | os.PathLike[str], bom: bool
) -> int:
    """Write a regular file (or one a symbolic link points to) by way of a temporary file
    beside it, renamed over it once complete; anything else at `path` (a FIFO, a terminal,
    ``/dev/null``) is written into as it is, never replaced – a terminal with control
    characters escaped. A link another user planted in a shared folder is refused."""
    encoding = "utf-8-sig" if bom else "utf-8"
    check_links(path)
    try:
        kind = os.stat(path).st_mode
    except FileNotFoundError:
        kind = stat.S_IFREG  # new (or a link to a file not made yet)
    if not stat.S_ISREG(kind):
        with open(path, "w", encoding=encoding, newline="") as stream:
            return write(TerminalSafe(stream) if stream.isatty() else stream)
    target = Path(os.path.realpath(path))  # through links: the file they lead to is replaced
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with open(fd, "w", encoding=encoding, newline="") as stream:
            written = write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        _keep_mode(target, temp_name)
        os.replace(temp_name, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        if isinstance(exc, OSError):  # name the user's file, never our temporary one
            words = (exc.strerror or str(exc)).replace(temp_name, os.fspath(path))
            raise OSError(exc.errno, words, os.fspath(path)) from None
        raise
    return written


def _keep_mode(target: Path, temp_name: str) -> None:
    """Give the new file the mode a plainly created one would have (mkstemp makes it 0600)."""
    try:
        mode = target.stat().st_mode & 0o777
    except FileNotFoundError:
        mode = 0o666 & ~_UMASK
    os.chmod(temp_name, mode)

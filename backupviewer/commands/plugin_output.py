"""What a monitoring plugin prints, which a server's text cannot forge: a status line with the
performance data after ``|``, then detail lines – control characters shown escaped, ``|``
replaced wherever a server's text may hold it, and everything within the sizes monitors read
(NRPE took 1 KiB once; Nagios reads the first 8 KiB)."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from backupviewer.core.errors import printable

FIRST_LINE_BYTES = 1_000
"""The status line (sentence and performance data) in UTF-8 bytes at most."""
LINE_CHARACTERS = 200
"""A detail line in characters at most."""
OUTPUT_BYTES = 8_000
"""All the lines together in UTF-8 bytes at most."""
PIPE = "¦"
"""What stands for ``|`` in outside text (a ``|`` starts the performance data)."""
_ELLIPSIS = "…"
_PERFDATA_BYTES = OUTPUT_BYTES // 2  # (for the figures past the first line)
_MORE_BYTES = 64  # kept for the line that says how many more there were


def plugin_lines(
    level: str,
    sentence: str,
    perfdata: str,
    details: Sequence[str],
    more_perfdata: Sequence[str] = (),
) -> list[str]:
    """The lines to print: ``BACKUPS <level> - <sentence> | <perfdata>`` (the sentence cut so
    that the line fits `FIRST_LINE_BYTES`), then each of `details` cut to `LINE_CHARACTERS`,
    as many as fit `OUTPUT_BYTES` with a last line saying how many more there were; then
    `more_perfdata` (items ``label=value`` of our own making) after a ``|`` on lines of their
    own, as the plugin format carries performance data past the first line (at most half of
    `OUTPUT_BYTES`: the items beyond are left out whole)."""
    head = f"BACKUPS {level} - "
    tail = f" | {perfdata}" if perfdata else ""
    room = FIRST_LINE_BYTES - len(head.encode()) - len(tail.encode())
    lines = [head + _cut_bytes(clean(sentence), room) + tail]
    perf_lines = _perf_lines(more_perfdata, _PERFDATA_BYTES)
    used = sum(len(line.encode()) + 1 for line in (lines[0], *perf_lines))
    for number, detail in enumerate(details):
        line = _cut(clean(detail), LINE_CHARACTERS)
        size = len(line.encode()) + 1
        if used + size + _MORE_BYTES > OUTPUT_BYTES:
            lines.append(_more(len(details) - number))
            break
        lines.append(line)
        used += size
    return lines + perf_lines


def perfdata_fits(items: Sequence[str]) -> bool:
    """Whether all of `items` find room past the first line (see `plugin_lines`)."""
    shown = _perf_lines(items, _PERFDATA_BYTES)
    return sum(len(line.removeprefix("| ").split()) for line in shown) == len(items)


def _perf_lines(items: Sequence[str], limit: int) -> list[str]:
    """`items` on lines of at most `LINE_CHARACTERS`, the first after ``| ``, within `limit`
    bytes in all."""
    lines: list[str] = []
    line, used = "| ", 0
    for item in items:
        if len(line) + len(item) + 1 > LINE_CHARACTERS and line.strip("| "):
            lines.append(line.rstrip())
            used += len(lines[-1].encode()) + 1
            line = ""
        if used + len(line.encode()) + len(item.encode()) + 2 > limit:
            break
        line += item + " "
    if line.strip("| "):
        lines.append(line.rstrip())
    return lines


def print_lines(lines: Sequence[str]) -> None:
    """Print a plugin's lines on standard output at once."""
    sys.stdout.write("\n".join(lines) + "\n")
    sys.stdout.flush()


def clean(text: str) -> str:
    """Outside `text` on one line of plugin output: control characters (line breaks among
    them) shown escaped, ``|`` as `PIPE`."""
    return printable(text).replace("|", PIPE)


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + _ELLIPSIS


def _cut_bytes(text: str, limit: int) -> str:
    """`text` within `limit` UTF-8 bytes, "…" at the end when cut (never inside a character)."""
    data = text.encode()
    if len(data) <= limit:
        return text
    return data[: max(0, limit - len(_ELLIPSIS.encode()))].decode("utf-8", "ignore") + _ELLIPSIS


def _more(count: int) -> str:
    return f"… and {count:,} more line{'' if count == 1 else 's'} not shown"

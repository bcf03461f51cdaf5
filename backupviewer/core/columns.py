"""The table's columns, declared once: header, CSV name, tip, and how a value becomes text.

Every cell of the window, the clipboard and the CSV file (in the app and on the command line)
is made by the formatters here, from the values the table keeps: texts as they are, times as
whole milliseconds since the epoch (`UNKNOWN` when there is none) with their zone, durations
as milliseconds. The formatters take many values at once: a table formats a column of rows
in a few passes run in C, and one cell as a column of one.
"""

from __future__ import annotations

import enum
import operator
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta, timezone
from functools import lru_cache
from itertools import repeat

from backupviewer.core.records import Status
from backupviewer.core.words import QT_TRANSLATE_NOOP, translate

UNKNOWN = -(2**63)
"""A time or duration the server did not give or the viewer could not read (sorts first)."""
MS_PER_DAY = 86_400_000


class Kind(enum.Enum):
    """What a column holds, and so how its values are shown, written and ordered."""

    TEXT = "text"  # shown and written as it is, ordered case-blind
    STATUS = "status"  # a `Status`: shown as a word (and the server's value if unknown)
    TIME = "time"  # milliseconds since the epoch and a zone
    DURATION = "duration"  # milliseconds


@dataclass(frozen=True)
class _Spec:
    header: str
    csv_name: str
    kind: Kind
    tip: str


class Column(enum.IntEnum):
    """The table's columns, in the order of their numbers (the window chooses which it shows
    and where)."""

    STATUS = 0
    NAME = 1
    STARTED = 2
    FINISHED = 3
    DURATION = 4
    CONTENT = 5
    SCHEDULE = 6
    CREATED_BY = 7
    ID = 8
    FOLDER = 9
    UPDATED_BY = 10
    SCHEDULE_ID = 11
    MESSAGE = 12
    SERVER = 13  # (empty but in the view of all servers)

    @property
    def header(self) -> str:
        """The column's title in the window (translated; CSV writes `csv_name`)."""
        return translate("Columns", _SPECS[self].header)

    @property
    def csv_name(self) -> str:
        return _SPECS[self].csv_name

    @property
    def kind(self) -> Kind:
        return _SPECS[self].kind

    @property
    def tip(self) -> str:
        """What the column holds, for its header's tooltip."""
        return translate("Columns", _SPECS[self].tip)


_SPECS = {
    Column.STATUS: _Spec(
        QT_TRANSLATE_NOOP("Columns", "Status"),
        "status",
        Kind.STATUS,
        QT_TRANSLATE_NOOP(
            "Columns",
            "Succeeded, failed, running – or missed: a scheduled run with no backup (the icon "
            "says the same)",
        ),
    ),
    Column.NAME: _Spec(
        QT_TRANSLATE_NOOP("Columns", "Name"),
        "name",
        Kind.TEXT,
        QT_TRANSLATE_NOOP(
            "Columns",
            "The backup's name; a warning sign marks a row with fields the viewer could not read",
        ),
    ),
    Column.STARTED: _Spec(
        QT_TRANSLATE_NOOP("Columns", "Started"),
        "started",
        Kind.TIME,
        QT_TRANSLATE_NOOP(
            "Columns",
            "When the backup started, in the server's local time",
        ),
    ),
    Column.FINISHED: _Spec(
        QT_TRANSLATE_NOOP("Columns", "Finished"),
        "finished",
        Kind.TIME,
        QT_TRANSLATE_NOOP(
            "Columns",
            "When the backup ended, in the server's local time; empty while running",
        ),
    ),
    Column.DURATION: _Spec(
        QT_TRANSLATE_NOOP("Columns", "Duration"),
        "duration_s",
        Kind.DURATION,
        QT_TRANSLATE_NOOP(
            "Columns",
            "From start to end; empty while running",
        ),
    ),
    Column.CONTENT: _Spec(
        QT_TRANSLATE_NOOP("Columns", "Content"),
        "content",
        Kind.TEXT,
        QT_TRANSLATE_NOOP(
            "Columns",
            "What the backup holds",
        ),
    ),
    Column.SCHEDULE: _Spec(
        QT_TRANSLATE_NOOP("Columns", "Schedule"),
        "schedule",
        Kind.TEXT,
        QT_TRANSLATE_NOOP(
            "Columns",
            "The schedule that made the backup (empty for manual and uploaded ones)",
        ),
    ),
    Column.CREATED_BY: _Spec(
        QT_TRANSLATE_NOOP("Columns", "Created by"),
        "created_by",
        Kind.TEXT,
        QT_TRANSLATE_NOOP(
            "Columns",
            "The user the server names as the backup's creator",
        ),
    ),
    Column.ID: _Spec(
        QT_TRANSLATE_NOOP("Columns", "Backup ID"),
        "id",
        Kind.TEXT,
        QT_TRANSLATE_NOOP(
            "Columns",
            "The server's name for the backup; it holds the start time and the server's time zone",
        ),
    ),
    Column.FOLDER: _Spec(
        QT_TRANSLATE_NOOP("Columns", "Folder"),
        "folder",
        Kind.TEXT,
        QT_TRANSLATE_NOOP(
            "Columns",
            "The folder on the server that holds the backup file",
        ),
    ),
    Column.UPDATED_BY: _Spec(
        QT_TRANSLATE_NOOP("Columns", "Updated by"),
        "updated_by",
        Kind.TEXT,
        QT_TRANSLATE_NOOP(
            "Columns",
            "The user who changed the backup's entry last",
        ),
    ),
    Column.SCHEDULE_ID: _Spec(
        QT_TRANSLATE_NOOP("Columns", "Schedule ID"),
        "schedule_id",
        Kind.TEXT,
        QT_TRANSLATE_NOOP(
            "Columns",
            "The id of the schedule that made the backup (empty for manual and uploaded ones)",
        ),
    ),
    Column.MESSAGE: _Spec(
        QT_TRANSLATE_NOOP("Columns", "Message"),
        "message",
        Kind.TEXT,
        QT_TRANSLATE_NOOP(
            "Columns",
            "What the server said about the backup: for a failed one, why it failed",
        ),
    ),
    Column.SERVER: _Spec(
        QT_TRANSLATE_NOOP("Columns", "Server"),
        "server",
        Kind.TEXT,
        QT_TRANSLATE_NOOP("Columns", "The server (the name you gave it) the backup is on"),
    ),
}

CSV_ORDER: tuple[Column, ...] = (
    Column.ID,
    Column.NAME,
    Column.STATUS,
    Column.STARTED,
    Column.FINISHED,
    Column.DURATION,
    Column.CONTENT,
    Column.SCHEDULE,
    Column.FOLDER,
    Column.CREATED_BY,
    Column.UPDATED_BY,
    Column.SCHEDULE_ID,
    Column.MESSAGE,
)
"""The columns of ``backupviewer export``, in their order."""

# -- status ----------------------------------------------------------------------------------

STATUS_RANK = {
    Status.FAILED: 0,
    Status.MISSED: 1,
    Status.RUNNING: 2,
    Status.UNKNOWN: 3,
    Status.SUCCEEDED: 4,
}
"""How a sort by status orders them: failures first, then the runs that never happened."""


_STATUS_TEXTS = {
    Status.RUNNING: QT_TRANSLATE_NOOP("Columns", "Running"),
    Status.SUCCEEDED: QT_TRANSLATE_NOOP("Columns", "Succeeded"),
    Status.FAILED: QT_TRANSLATE_NOOP("Columns", "Failed"),
    Status.UNKNOWN: QT_TRANSLATE_NOOP("Columns", "Unknown"),
    Status.MISSED: QT_TRANSLATE_NOOP("Columns", "Missed"),
}
"""The status words the window shows (CSV writes `status_word`, in English)."""


def status_text(status: Status, raw: str) -> str:
    """``Succeeded``, ``Failed``, ``Running``, or ``Unknown (7)`` with the value the server sent
    (in the interface's language)."""
    if status is Status.UNKNOWN and raw:
        return translate("Columns", "Unknown ({value})").format(value=raw)
    return translate("Columns", _STATUS_TEXTS[status])


def status_word(status: Status) -> str:
    """The status as CSV writes it: ``succeeded``, ``failed``, ``running`` or ``unknown``."""
    return status.word


# -- times -----------------------------------------------------------------------------------


def wall_times(stamps: Sequence[int], zone: timezone | None) -> list[str]:
    """``2025-02-26 11:12:00``: each time as the wall clock in `zone` shows it, to the second
    (what the table shows; the zone is in the header's tip and the details)."""
    days, in_day = _split(stamps, zone)
    texts = map(operator.add, map(_day_text, days, repeat(" ")), map(_CLOCK.__getitem__,
                map(operator.floordiv, in_day, repeat(60_000))))  # fmt: skip
    seconds = map(operator.floordiv, map(operator.mod, in_day, repeat(60_000)), repeat(1000))
    return list(map(operator.add, texts, map(_SECONDS.__getitem__, seconds)))


def local_times(stamps: Sequence[int], zone: timezone | None = None) -> list[str]:
    """`wall_times` on this computer's clock (its daylight-saving rules included); `zone` is
    the time's own zone, only to tell a known instant from a wall clock whose zone is unknown
    (those stay as they are)."""
    if zone is None:
        return wall_times(stamps, None)
    walls = [stamp + _local_offset_ms(stamp) for stamp in stamps]
    return wall_times(walls, None)


def _local_offset_ms(stamp: int) -> int:
    try:
        return time.localtime(stamp // 1000).tm_gmtoff * 1000
    except (OverflowError, OSError, ValueError):  # beyond what the platform's clock holds
        return 0


def iso_times(stamps: Sequence[int], zone: timezone | None) -> list[str]:
    """``2025-02-26T11:12:00.350+08:00``: ISO 8601 to the millisecond with the offset (none
    when the zone is unknown), what CSV writes."""
    days, in_day = _split(stamps, zone)
    texts = map(operator.add, map(_day_text, days, repeat("T")), map(_CLOCK.__getitem__,
                map(operator.floordiv, in_day, repeat(60_000))))  # fmt: skip
    texts = map(operator.add, texts, map(_SECONDS_MS.__getitem__,
                map(operator.mod, in_day, repeat(60_000))))  # fmt: skip
    offset = offset_suffix(zone)
    return list(map(operator.add, texts, repeat(offset)) if offset else texts)


def offset_suffix(zone: timezone | None) -> str:
    """The zone as ISO 8601 writes it after a time: ``+08:00`` (``Z`` never); "" if unknown."""
    if zone is None:
        return ""
    offset = zone.utcoffset(None)
    sign = "-" if offset < timedelta(0) else "+"
    minutes, seconds = divmod(int(abs(offset).total_seconds()), 60)
    text = f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"
    return f"{text}:{seconds:02d}" if seconds else text


def _split(stamps: Sequence[int], zone: timezone | None) -> tuple[list[int], list[int]]:
    """Each time's day (since the epoch) and millisecond of that day, on the wall clock."""
    offset = 0 if zone is None else zone.utcoffset(None) // timedelta(milliseconds=1)
    walls = list(map(operator.add, stamps, repeat(offset))) if offset else stamps
    return (
        list(map(operator.floordiv, walls, repeat(MS_PER_DAY))),
        list(map(operator.mod, walls, repeat(MS_PER_DAY))),
    )


@lru_cache(maxsize=8192)
def _day_text(day: int, separator: str) -> str:
    """``2025-02-26`` and the separator: the date part of a time, made once per day."""
    return date.fromordinal(_EPOCH_DAY + day).isoformat() + separator


_EPOCH_DAY = date(1970, 1, 1).toordinal()
_CLOCK = [f"{hour:02d}:{minute:02d}:" for hour in range(24) for minute in range(60)]
_SECONDS = [f"{second:02d}" for second in range(60)]
_SECONDS_MS = [f"{second:02d}.{ms:03d}" for second in range(60) for ms in range(1000)]


# -- durations -------------------------------------------------------------------------------


def duration_text(seconds: float | None) -> str:
    """A length people read at a glance: ``45 s``, ``3 min 05 s``, ``2 h 04 min``."""
    if seconds is None:
        return ""
    whole = int(seconds + 0.5)
    if whole < 60:
        if seconds < 10:
            return translate("Columns", "{seconds:.1f} s").format(seconds=seconds)
        return translate("Columns", "{seconds} s").format(seconds=whole)
    minutes, secs = divmod(whole, 60)
    if minutes < 60:
        return translate("Columns", "{minutes} min {seconds:02d} s").format(
            minutes=minutes, seconds=secs
        )
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return translate("Columns", "{hours} h {minutes:02d} min").format(
            hours=hours, minutes=minutes
        )
    days, hours = divmod(hours, 24)
    return translate("Columns", "{days} d {hours:02d} h").format(days=days, hours=hours)


def duration_texts(lengths: Sequence[int]) -> list[str]:
    """`duration_text` of each length in milliseconds (what the table shows)."""
    return list(map(duration_text, map(operator.truediv, lengths, repeat(1000))))


def seconds_texts(lengths: Sequence[int]) -> list[str]:
    """Each length in milliseconds as seconds, without trailing zeros: ``12``, ``0.35``
    (what CSV writes)."""
    wholes = map(str, map(operator.floordiv, lengths, repeat(1000)))
    return list(map(operator.add, wholes, map(_FRACTION.__getitem__,
                map(operator.mod, lengths, repeat(1000)))))  # fmt: skip


_FRACTION = [f".{ms:03d}".rstrip("0").rstrip(".") for ms in range(1000)]

"""The one list of columns: headers, cell text and CSV text for a `Record`."""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from backupviewer.core.records import Record, Status


class Column(enum.IntEnum):
    """The table's columns, in the order of their numbers (the window chooses which it shows
    and where, see `widgets.main_window`)."""

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

    @property
    def header(self) -> str:
        return _HEADERS[self]

    @property
    def csv_name(self) -> str:
        return _CSV_NAMES[self]

    def text(self, record: Record) -> str:
        """What the table shows in this column."""
        return _TEXT[self](record)

    def sort_key(self, record: Record) -> Any:
        """A plain int/float/str that orders this column by its real value."""
        key = _SORT_KEY.get(self)
        return key(record) if key is not None else _TEXT[self](record).casefold()

    def csv_text(self, record: Record) -> str:
        """What CSV export writes in this column (times in ISO 8601, durations in seconds)."""
        return _CSV_TEXT.get(self, _TEXT[self])(record)


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

_HEADERS = {
    Column.STATUS: "Status",
    Column.NAME: "Name",
    Column.STARTED: "Started",
    Column.FINISHED: "Finished",
    Column.DURATION: "Duration",
    Column.CONTENT: "Content",
    Column.SCHEDULE: "Schedule",
    Column.CREATED_BY: "Created by",
    Column.ID: "Backup ID",
    Column.FOLDER: "Folder",
    Column.UPDATED_BY: "Updated by",
    Column.SCHEDULE_ID: "Schedule ID",
    Column.MESSAGE: "Message",
}

_CSV_NAMES = {
    Column.STATUS: "status",
    Column.NAME: "name",
    Column.STARTED: "started",
    Column.FINISHED: "finished",
    Column.DURATION: "duration_s",
    Column.CONTENT: "content",
    Column.SCHEDULE: "schedule",
    Column.CREATED_BY: "created_by",
    Column.ID: "id",
    Column.FOLDER: "folder",
    Column.UPDATED_BY: "updated_by",
    Column.SCHEDULE_ID: "schedule_id",
    Column.MESSAGE: "message",
}


def status_text_of(status: Status, raw: str) -> str:
    """``Succeeded``, ``Failed``, ``Running``, or ``Unknown (7)`` with the value the server sent."""
    if status is Status.UNKNOWN:
        return f"Unknown ({raw})" if raw else "Unknown"
    return status.word.capitalize()


def time_text(moment: datetime | None) -> str:
    """Server-local wall time; the zone is shown in the details and the header tip."""
    return moment.isoformat(" ", "seconds")[:19] if moment is not None else ""


def iso_text(moment: datetime | None) -> str:
    return moment.isoformat(timespec="milliseconds") if moment is not None else ""


def duration_text(seconds: float | None) -> str:
    """A length people read at a glance: ``45 s``, ``3 min 05 s``, ``2 h 04 min``."""
    if seconds is None:
        return ""
    whole = int(seconds + 0.5)
    if whole < 60:
        return f"{seconds:.1f} s" if seconds < 10 else f"{whole} s"
    minutes, secs = divmod(whole, 60)
    if minutes < 60:
        return f"{minutes} min {secs:02d} s"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {minutes:02d} min"
    days, hours = divmod(hours, 24)
    return f"{days} d {hours:02d} h"


def seconds_text(seconds: float | None) -> str:
    if seconds is None:
        return ""
    return f"{seconds:.3f}".rstrip("0").rstrip(".")


_TEXT: dict[Column, Callable[[Record], str]] = {
    Column.STATUS: lambda r: status_text_of(r.status, r.status_raw),
    Column.NAME: lambda r: r.name,
    Column.STARTED: lambda r: time_text(r.started),
    Column.FINISHED: lambda r: time_text(r.finished),
    Column.DURATION: lambda r: duration_text(r.duration_s),
    Column.CONTENT: lambda r: r.content_labels,
    Column.SCHEDULE: lambda r: r.schedule_text,
    Column.CREATED_BY: lambda r: r.created_by,
    Column.ID: lambda r: r.id,
    Column.FOLDER: lambda r: r.folder,
    Column.UPDATED_BY: lambda r: r.updated_by,
    Column.SCHEDULE_ID: lambda r: r.schedule_id,
    Column.MESSAGE: lambda r: r.message,
}

_CSV_TEXT: dict[Column, Callable[[Record], str]] = {
    Column.STATUS: lambda r: r.status.word,
    Column.STARTED: lambda r: iso_text(r.started),
    Column.FINISHED: lambda r: iso_text(r.finished),
    Column.DURATION: lambda r: seconds_text(r.duration_s),
}


_STATUS_RANK = {Status.FAILED: 0, Status.RUNNING: 1, Status.UNKNOWN: 2, Status.SUCCEEDED: 3}


def _time_key(moment: datetime | None) -> float:
    """Seconds since the epoch; unknown times sort first, naive ones as if UTC."""
    if moment is None:
        return float("-inf")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


_SORT_KEY: dict[Column, Callable[[Record], Any]] = {
    Column.STATUS: lambda r: _STATUS_RANK[r.status],
    Column.STARTED: lambda r: _time_key(r.started),
    Column.FINISHED: lambda r: _time_key(r.finished),
    Column.DURATION: lambda r: -1.0 if r.duration_s is None else r.duration_s,
}

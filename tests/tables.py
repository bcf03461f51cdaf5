"""Test helpers: answers and tables made from rows, and each cell as written out from a Record.

`reference_text` and `reference_csv` are an independent statement of what a cell says, made
from the careful `Record` path with datetime's own formatting: the columnar table (which
formats whole columns at once, see `core.columns`) must agree with them for every row.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

import msgspec

from backupviewer.core.columns import Column
from backupviewer.core.records import Record, Status, record_from_row
from backupviewer.core.schedule.items import ScheduleList, schedule_items
from backupviewer.history.table import HistoryTable
from backupviewer.history.workers import decode_answer


def answer(rows: list[Any]) -> bytes:
    """A successful ``log/query`` answer holding `rows` (numbers of any size too)."""
    return msgspec.json.encode({"success": True, "msg": "", "data": rows})


def table_of(rows: list[Any], triggers: Mapping[str, str] | None = None) -> HistoryTable:
    """The rows decoded as the app decodes an answer."""
    return decode_answer(answer(rows), triggers)


def schedule_triggers(items: list[Any]) -> dict[str, str]:
    """Each schedule's trigger by its id, from an ``api/query`` answer's items."""
    return ScheduleList(tuple(schedule_items(items))).triggers


def records_of(rows: list[Any], triggers: Mapping[str, str] | None = None) -> list[Record]:
    """Each row's record, read the careful way."""
    return [record_from_row(row, triggers or {}) for row in rows]


def records_in(body: bytes, triggers: Mapping[str, str] | None = None) -> list[Record]:
    """The records of a whole answer, as the details pane reads them from the table."""
    table = decode_answer(body, triggers)
    return [table.record(row) for row in range(len(table))]


def reference_text(record: Record, column: Column) -> str:
    """What the table shows in `column` for `record`."""
    if column is Column.STATUS:
        if record.status is Status.UNKNOWN:
            return f"Unknown ({record.status_raw})" if record.status_raw else "Unknown"
        return record.status.value.capitalize()
    if column is Column.STARTED:
        return _wall(record.started)
    if column is Column.FINISHED:
        return _wall(record.finished)
    if column is Column.DURATION:
        length = _length_ms(record)
        return "" if length is None else _human(length / 1000)
    return _plain_text(record, column)


def reference_csv(record: Record, column: Column) -> str:
    """What CSV writes in `column` for `record` (before the guard against formulas)."""
    if column is Column.STATUS:
        return record.status.value
    if column in (Column.STARTED, Column.FINISHED):
        moment = record.started if column is Column.STARTED else record.finished
        return "" if moment is None else moment.isoformat(timespec="milliseconds")
    if column is Column.DURATION:
        length = _length_ms(record)
        if length is None:
            return ""
        return f"{length // 1000}.{length % 1000:03d}".rstrip("0").rstrip(".")
    return _plain_text(record, column)


def _plain_text(record: Record, column: Column) -> str:
    return {
        Column.NAME: record.name,
        Column.CONTENT: record.content_labels,
        Column.SCHEDULE: record.schedule_text,
        Column.CREATED_BY: record.created_by,
        Column.ID: record.id,
        Column.FOLDER: record.folder,
        Column.UPDATED_BY: record.updated_by,
        Column.SCHEDULE_ID: record.schedule_id,
        Column.MESSAGE: record.message,
        Column.SERVER: "",  # (one server's table; see tests/test_fleet_snapshot.py)
    }[column]


def _wall(moment: datetime | None) -> str:
    return "" if moment is None else moment.isoformat(" ", "seconds")[:19]


def _ms(moment: datetime) -> int:
    epoch = datetime(1970, 1, 1, tzinfo=UTC if moment.tzinfo else None)
    return (moment - epoch) // timedelta(milliseconds=1)


def _length_ms(record: Record) -> int | None:
    """Whole milliseconds from start to end of a finished backup (each time taken to the
    millisecond first); None when unknown, negative, or one time has a zone and one not."""
    start, end = record.started, record.finished
    if start is None or end is None or (start.tzinfo is None) != (end.tzinfo is None):
        return None
    length = _ms(end) - _ms(start)
    return length if length >= 0 else None


def _human(seconds: float) -> str:
    whole = int(seconds + 0.5)
    if whole < 60:
        return f"{seconds:.1f} s" if seconds < 10 else f"{whole} s"
    if whole < 3600:
        return f"{whole // 60} min {whole % 60:02d} s"
    if whole < 48 * 3600:
        return f"{whole // 3600} h {whole % 3600 // 60:02d} min"
    return f"{whole // 86400} d {whole % 86400 // 3600:02d} h"

"""The records in columns: compact to send between processes, quick to sort, filter and export.

A worker process decodes a large history into `HistoryTable` pieces; the GUI keeps only these
columns (shared strings, float arrays, each row's raw JSON) and rebuilds a full `Record` on
demand for the one row whose details are shown.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime, timezone
from functools import lru_cache
from typing import Any

import orjson

from backupviewer.columns import Column, duration_text, seconds_text, status_text_of, time_text
from backupviewer.content import labels
from backupviewer.csv_export import neutralise
from backupviewer.records import (
    STATUS_CODES,
    Record,
    Status,
    parts_of,
    record_from_row,
    schedule_of,
    zone_from_id,
)

STATUSES: tuple[Status, ...] = tuple(Status)
_STATUS_INDEX = {status: index for index, status in enumerate(STATUSES)}
_NUMBER_COLUMNS = (Column.STARTED, Column.FINISHED, Column.DURATION)
TEXT_COLUMNS: tuple[Column, ...] = tuple(c for c in Column if c not in _NUMBER_COLUMNS)
_NAN = math.nan


class HistoryTable:
    """Rows of backups stored by column; `extend` appends another table's rows."""

    __slots__ = (
        "_sort_keys",
        "duration",
        "finished",
        "flagged",
        "raw",
        "search",
        "started",
        "status",
        "texts",
        "triggers",
        "zone_end",
        "zone_start",
        "zones",
    )

    def __init__(self, triggers: Mapping[str, str] | None = None) -> None:
        self.status = bytearray()
        self.started = array("d")
        self.finished = array("d")
        self.duration = array("d")
        self.zones: list[timezone | None] = [None]
        self.zone_start = array("H")
        self.zone_end = array("H")
        self.texts: dict[Column, list[str]] = {column: [] for column in TEXT_COLUMNS}
        self.search: list[str] = []
        self.flagged = bytearray()
        self.raw: list[bytes] = []
        self.triggers: dict[str, str] = dict(triggers or {})
        self._sort_keys: dict[Column, list[Any]] = {}

    def __len__(self) -> int:
        return len(self.status)

    # -- building (in the worker) ------------------------------------------------------------

    def append_rows(self, rows: Iterable[Any]) -> None:
        """Decode parsed log rows and add them; never raises and never drops a row.

        This is the hot loop of a load (100,000 rows). A row in the documented shape takes a
        fast path straight from the dict to the cells; any other row is decoded into a
        `Record` first. `tests/test_history_table.py` checks both against `Column.text`.
        """
        built: list[tuple[Any, ...]] = []
        add = built.append
        triggers = self.triggers
        for row in rows:
            cells = _fast_cells(row, triggers) if type(row) is dict else None
            add(cells or _record_cells(record_from_row(row, triggers)))
        self._add_cells(built)

    def append_records(self, records: Iterable[Record]) -> None:
        """Add already decoded records."""
        self._add_cells([_record_cells(record) for record in records])

    def _add_cells(self, built: list[tuple[Any, ...]]) -> None:
        if not built:
            return
        columns = list(zip(*built, strict=True))
        status, started, finished, duration, zone_start, zone_end, flagged, raw, search, *texts = (
            columns
        )
        self.status += bytes(status)
        self.started.extend(started)
        self.finished.extend(finished)
        self.duration.extend(duration)
        self.zone_start.extend(self._zone_slot(zone) for zone in zone_start)
        self.zone_end.extend(self._zone_slot(zone) for zone in zone_end)
        self.flagged += bytes(flagged)
        self.raw += raw
        self.search += search
        shared: dict[str, str] = {}
        share = shared.setdefault
        for column, values in zip(TEXT_COLUMNS, texts, strict=True):
            self.texts[column] += [share(v, v) for v in values]
        self._sort_keys.clear()

    def extend(self, other: HistoryTable) -> None:
        """Append all rows of `other` (built from the same answer) to this table."""
        offset = {i: self._zone_slot(zone) for i, zone in enumerate(other.zones)}
        self.status += other.status
        self.started += other.started
        self.finished += other.finished
        self.duration += other.duration
        self.zone_start.extend(offset[i] for i in other.zone_start)
        self.zone_end.extend(offset[i] for i in other.zone_end)
        for column in TEXT_COLUMNS:
            self.texts[column] += other.texts[column]
        self.search += other.search
        self.flagged += other.flagged
        self.raw += other.raw
        self.triggers.update(other.triggers)
        self._sort_keys.clear()

    def _zone_slot(self, zone: timezone | None) -> int:
        zones = self.zones
        if zone is zones[-1]:
            return len(zones) - 1
        if zone not in zones:
            zones.append(zone)
        return zones.index(zone)

    # -- reading (in the GUI) ----------------------------------------------------------------

    def record(self, row: int) -> Record:
        """The full record of one row, decoded again from its raw JSON."""
        raw = orjson.loads(self.raw[row])
        return record_from_row(raw, self.triggers)

    def status_of(self, row: int) -> Status:
        return STATUSES[self.status[row]]

    def moment(self, row: int, column: Column) -> datetime | None:
        """Start or end of a row as an aware datetime (naive when the zone is unknown)."""
        stamp = (self.started if column is Column.STARTED else self.finished)[row]
        if stamp != stamp:  # NaN: unknown
            return None
        starting = column is Column.STARTED
        zone = self.zones[(self.zone_start if starting else self.zone_end)[row]]
        if zone is None:
            return datetime.fromtimestamp(stamp, UTC).replace(tzinfo=None)
        return datetime.fromtimestamp(stamp, zone)

    def text(self, row: int, column: Column) -> str:
        """The table's text for one cell (numbers are formatted only when asked for)."""
        texts = self.texts.get(column)
        if texts is not None:
            return texts[row]
        if column is Column.DURATION:
            value = self.duration[row]
            return "" if value != value else duration_text(value)
        return time_text(self.moment(row, column))

    def csv_cell(self, row: int, column: Column) -> str:
        """One cell as CSV export writes it (already neutralised against formulas)."""
        if column is Column.STATUS:
            return _STATUS_WORDS[STATUSES[self.status[row]]]
        texts = self.texts.get(column)
        if texts is not None:
            return neutralise(texts[row])
        if column is Column.DURATION:
            value = self.duration[row]
            return "" if value != value else seconds_text(value)
        moment = self.moment(row, column)
        return moment.isoformat(timespec="milliseconds") if moment is not None else ""

    def sort_keys(self, column: Column) -> Sequence[Any]:
        """Plain ints, floats or strings ordering `column` by its real value (cached)."""
        keys = self._sort_keys.get(column)
        if keys is None:
            keys = self._sort_keys[column] = self._make_sort_keys(column)
        return keys

    def _make_sort_keys(self, column: Column) -> list[Any]:
        if column is Column.STATUS:
            order = [STATUS_RANK[s] for s in STATUSES]
            return [order[i] for i in self.status]
        if column in _NUMBER_COLUMNS:
            values = {Column.STARTED: self.started, Column.FINISHED: self.finished}.get(
                column, self.duration
            )
            return [-math.inf if v != v else v for v in values]
        folded: dict[str, str] = {}
        return [folded.get(t) or folded.setdefault(t, t.casefold()) for t in self.texts[column]]


def table_from_rows(rows: Iterable[Any], triggers: Mapping[str, str] | None = None) -> HistoryTable:
    """Decode parsed rows into a table."""
    table = HistoryTable(triggers)
    table.append_rows(rows)
    return table


STATUS_RANK = {Status.FAILED: 0, Status.RUNNING: 1, Status.UNKNOWN: 2, Status.SUCCEEDED: 3}
_STATUS_WORDS = {status: status.word for status in Status}
_FINISHED = (Status.SUCCEEDED, Status.FAILED)
_TEXT_OF = {column: column.text for column in TEXT_COLUMNS}


def _zone_of(moment: datetime | None) -> timezone | None:
    """The fixed offset a time carries; None when unknown or not a plain offset."""
    zone = moment.tzinfo if moment is not None else None
    return zone if isinstance(zone, timezone) else None


# One row's cells, in this order: status index, start and end timestamps and the duration
# (NaN = unknown), the zones of start and end, flagged, raw JSON, search text, then the texts
# of TEXT_COLUMNS.
_Cells = tuple[Any, ...]


def _record_cells(record: Record) -> _Cells:
    """The cells of a decoded record: the reference the fast path must agree with."""
    started, finished, duration = record.started, record.finished, record.duration_s
    texts = [_TEXT_OF[column](record) for column in TEXT_COLUMNS]
    raw = record.raw if type(record.raw) is dict else {}
    return (
        _STATUS_INDEX[record.status],
        _stamp(started),
        _stamp(finished),
        _NAN if duration is None else duration,
        _zone_of(started),
        _zone_of(finished),
        bool(record.problems or record.schedule_error),
        _raw_bytes(record.raw),
        _search_text(texts, raw.get("add_time"), raw.get("update_time")),
        *texts,
    )


def _stamp(moment: datetime | None) -> float:
    """Seconds since the epoch; a time whose zone is unknown counts as UTC (and shows as it
    came, see `HistoryTable.moment`)."""
    if moment is None:
        return _NAN
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


def _fast_cells(row: dict[str, Any], triggers: Mapping[str, str]) -> _Cells | None:
    """The cells of a row in the documented shape, or None to take the careful path."""
    get = row.get
    texts: list[str] = []
    for key in _TEXT_KEYS:
        value = get(key)
        if type(value) is str:
            texts.append(value)
        elif value is None:
            texts.append("")
        else:
            return None
    backup_id, name, message, folder, created_by, updated_by, schedule_id = texts
    status_raw = get("status")
    status = STATUS_CODES.get(status_raw) if type(status_raw) is str else None
    zone, iso_offset = zone_from_id(backup_id)
    add_time, update_time = get("add_time"), get("update_time")
    if status is None or zone is None or type(add_time) is not str:
        return None
    try:
        started = datetime.fromisoformat(add_time + iso_offset)
        updated = (
            datetime.fromisoformat(update_time + iso_offset) if type(update_time) is str else None
        )
    except ValueError:
        return None
    if updated is None and update_time is not None:
        return None
    parts, parts_error = parts_of(get("config"))
    if parts_error:
        return None
    _, schedule_error, schedule_text = schedule_of(get("cron"), triggers.get(schedule_id))
    start_stamp = started.timestamp()
    end_stamp = updated.timestamp() if updated is not None and status in _FINISHED else _NAN
    cells = [
        _STATUS_TEXT[status],
        name,
        _content_text(parts),
        schedule_text,
        created_by,
        backup_id,
        folder,
        updated_by,
        schedule_id,
        message,
    ]
    return (
        _STATUS_INDEX[status],
        start_stamp,
        end_stamp,
        end_stamp - start_stamp if end_stamp >= start_stamp else _NAN,
        zone,
        zone if end_stamp == end_stamp else None,
        schedule_error is not None,
        _raw_bytes(row),
        _search_text(cells, add_time, update_time),
        *cells,
    )


def _search_text(texts: list[str], add_time: Any, update_time: Any) -> str:
    """What the filter box searches: every text column and the times as the server wrote them."""
    times = [t for t in (add_time, update_time) if type(t) is str]
    return "\n".join(texts + times).casefold()


_TEXT_KEYS = ("id", "name", "msg", "folder", "add_by", "update_by", "backupid")
_STATUS_TEXT = {status: status_text_of(status, "") for status in Status}
_content_text = lru_cache(maxsize=1024)(labels)


def _raw_bytes(raw: Any) -> bytes:
    try:
        return orjson.dumps(raw)
    except (TypeError, orjson.JSONEncodeError):
        return orjson.dumps({"value": repr(raw)})

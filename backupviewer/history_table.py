"""The records in columns: compact to send between processes, quick to sort, filter and export.

A worker process decodes a large history into `HistoryTable` pieces; the GUI keeps only these
columns (shared strings, float arrays, each row's raw JSON) and rebuilds a full `Record` on
demand for the one row whose details are shown.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime, timezone
from typing import Any

import orjson

from backupviewer.columns import Column, duration_text, seconds_text, status_text_of, time_text
from backupviewer.content import labels
from backupviewer.csv_export import neutralise
from backupviewer.records import Record, Status, parse_rows, record_from_row

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
        "zone_of",
        "zones",
    )

    def __init__(self, triggers: Mapping[str, str] | None = None) -> None:
        self.status = bytearray()
        self.started = array("d")
        self.finished = array("d")
        self.duration = array("d")
        self.zones: list[timezone | None] = [None]
        self.zone_of = bytearray()
        self.texts: dict[Column, list[str]] = {column: [] for column in TEXT_COLUMNS}
        self.search: list[str] = []
        self.flagged = bytearray()
        self.raw: list[bytes] = []
        self.triggers: dict[str, str] = dict(triggers or {})
        self._sort_keys: dict[Column, list[Any]] = {}

    def __len__(self) -> int:
        return len(self.status)

    # -- building (in the worker) ------------------------------------------------------------

    def append_records(self, records: Iterable[Record]) -> None:
        """Add records; repeated texts share one string object (smaller, faster to send).

        This is the hot loop of a load (100,000 rows), so it reads the record's fields
        directly; `tests/test_history_table.py` checks every cell against `Column.text`.
        """
        shared: dict[str, str] = {}
        share = shared.setdefault
        contents: dict[tuple[str, ...], str] = {}
        zone_index = {zone: i for i, zone in enumerate(self.zones)}
        appends = [self.texts[c].append for c in TEXT_COLUMNS]
        nan = _NAN
        for record in records:
            (
                backup_id,
                name,
                status,
                status_raw,
                message,
                started,
                updated,
                _,
                parts,
                _,
                schedule_error,
                schedule_text,
                folder,
                created_by,
                updated_by,
                schedule_id,
                problems,
                raw,
            ) = record
            finished = updated if status in _FINISHED else None
            content = contents.get(parts)
            if content is None:
                content = contents[parts] = labels(parts)
            cells = (
                _status_text(status, status_raw, share),
                share(name, name),
                content,
                schedule_text,
                share(created_by, created_by),
                backup_id,
                share(folder, folder),
                share(updated_by, updated_by),
                share(schedule_id, schedule_id),
                share(message, message),
            )
            for append, cell in zip(appends, cells, strict=True):
                append(cell)
            self.status.append(_STATUS_INDEX[status])
            start_stamp = started.timestamp() if started is not None else nan
            end_stamp = finished.timestamp() if finished is not None else nan
            self.started.append(start_stamp)
            self.finished.append(end_stamp)
            self.duration.append(end_stamp - start_stamp if end_stamp >= start_stamp else nan)
            zone = _zone_of(started or updated)
            if zone not in zone_index:
                zone_index[zone] = len(self.zones)
                self.zones.append(zone)
            self.zone_of.append(zone_index[zone])
            self.search.append(
                "\n".join((*cells, _time_cell(started), _time_cell(finished))).casefold()
            )
            self.flagged.append(bool(problems or schedule_error))
            self.raw.append(_raw_bytes(raw))
        self._sort_keys.clear()

    def extend(self, other: HistoryTable) -> None:
        """Append all rows of `other` (built from the same answer) to this table."""
        offset = {i: self._zone_slot(zone) for i, zone in enumerate(other.zones)}
        self.status += other.status
        self.started += other.started
        self.finished += other.finished
        self.duration += other.duration
        self.zone_of += bytes(offset[i] for i in other.zone_of)
        for column in TEXT_COLUMNS:
            self.texts[column] += other.texts[column]
        self.search += other.search
        self.flagged += other.flagged
        self.raw += other.raw
        self.triggers.update(other.triggers)
        self._sort_keys.clear()

    def _zone_slot(self, zone: timezone | None) -> int:
        if zone not in self.zones:
            self.zones.append(zone)
        return self.zones.index(zone)

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
        zone = self.zones[self.zone_of[row]]
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


def table_from_rows(rows: Sequence[Any], triggers: Mapping[str, str] | None = None) -> HistoryTable:
    """Decode parsed rows into a table."""
    table = HistoryTable(triggers)
    table.append_records(parse_rows(rows, triggers))
    return table


STATUS_RANK = {Status.FAILED: 0, Status.RUNNING: 1, Status.UNKNOWN: 2, Status.SUCCEEDED: 3}
_STATUS_WORDS = {status: status.word for status in Status}
_FINISHED = (Status.SUCCEEDED, Status.FAILED)
_TEXT_OF = {column: column.text for column in TEXT_COLUMNS}


def _status_text(status: Status, raw: str, share: Callable[[str, str], str]) -> str:
    text = status_text_of(status, raw)
    return share(text, text)


def _zone_of(moment: datetime | None) -> timezone | None:
    zone = moment.tzinfo if moment is not None else None
    return zone if isinstance(zone, timezone) else None


def _time_cell(moment: datetime | None) -> str:
    return time_text(moment)


def _raw_bytes(raw: Any) -> bytes:
    try:
        return orjson.dumps(raw)
    except (TypeError, orjson.JSONEncodeError):
        return orjson.dumps({"value": repr(raw)})

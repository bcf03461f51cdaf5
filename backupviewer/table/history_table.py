"""The records in columns: compact to send between processes, quick to sort, filter and export.

A worker process decodes a large history into `HistoryTable` pieces; the GUI keeps only these
columns (shared strings, float arrays, the raw JSON and search text as blobs) and
rebuilds a full `Record` on demand for the one row whose details are shown.
"""

from __future__ import annotations

import contextlib
import math
import operator
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime, timedelta, timezone
from functools import lru_cache
from itertools import accumulate, compress, count, repeat
from typing import Any

import orjson

from backupviewer.core.columns import Column, duration_text, seconds_text, status_text_of, time_text
from backupviewer.core.content import labels
from backupviewer.core.records import (
    STATUS_CODES,
    Record,
    Status,
    parts_of,
    record_from_row,
    schedule_of,
    zone_from_id,
)
from backupviewer.table.csv_export import neutralise, neutralise_all
from backupviewer.table.raw_rows import RawRows
from backupviewer.table.row_spans import Row, Span, loose_row, rows_of
from backupviewer.table.text_column import TextColumn, rows_hit

STATUSES: tuple[Status, ...] = tuple(Status)
_STATUS_INDEX = {status: index for index, status in enumerate(STATUSES)}
_NUMBER_COLUMNS = (Column.STARTED, Column.FINISHED, Column.DURATION)
TEXT_COLUMNS: tuple[Column, ...] = tuple(c for c in Column if c not in _NUMBER_COLUMNS)
CODED_COLUMNS: tuple[Column, ...] = tuple(c for c in TEXT_COLUMNS if c is not Column.ID)
"""The text columns kept as `TextColumn`s: all but the backup id, which differs by row."""
_NAN = math.nan
_NOT_FOUND = -1


class HistoryTable:
    """Rows of backups stored by column; `extend` appends another table's rows.

    Text columns but the backup id are `TextColumn`s (distinct texts and a code per row).
    What is unique per row is kept as blobs rather than 100,000 small objects each, which are
    slow to send between processes and whose memory is hard to give back: the backup id and
    the times as the server wrote them, case-folded, joined by newlines, as UTF-8 (what the
    filter searches besides the text columns) in one buffer per piece, joined into one on the
    first `matching`. Each row's raw JSON (for `raw_json` and `record`) is in `raw`: read
    from the answer's file, or kept in compressed blocks (see `raw_rows`).
    """

    __slots__ = (
        "_search_index",
        "_sort_keys",
        "duration",
        "finished",
        "flagged",
        "ids",
        "raw",
        "search_blobs",
        "search_lengths",
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
        self.ids: list[str] = []
        self.texts: dict[Column, TextColumn] = {column: TextColumn() for column in CODED_COLUMNS}
        self.search_blobs: list[bytes] = []  # one per piece until joined
        self.search_lengths = array("I")  # of each row's search text
        self._search_index: tuple[bytes, array[int], array[int]] | None = None
        self.flagged = bytearray()
        self.raw = RawRows()  # each row's JSON as the server sent it
        self.triggers: dict[str, str] = dict(triggers or {})
        self._sort_keys: dict[Column, list[Any]] = {}

    def __len__(self) -> int:
        return len(self.status)

    def __getstate__(self) -> dict[str, Any]:
        state = {name: getattr(self, name) for name in self.__slots__}
        state["_sort_keys"], state["_search_index"] = {}, None
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name, value in state.items():
            setattr(self, name, value)

    # -- building (in the worker) ------------------------------------------------------------

    def append_rows(self, rows: Iterable[Any]) -> None:
        """Decode parsed log rows and add them; never raises and never drops a row.

        This is the hot loop of a load (100,000 rows), so it works column by column: each
        field is read for all rows at once, each distinct value (a name, a schedule, a
        content list) is decoded once, and most of the work runs in C (`map`, `zip`,
        `bytes.join`). A row that is not in the documented shape is decoded into a `Record`
        instead; `tests/test_history_table.py` checks both paths against `Column.text`.
        """
        rows = rows if isinstance(rows, list) else list(rows)
        if rows:
            self._add_columns(_decoded_columns(rows, self.triggers), _raw_column(rows))

    def append_spans(self, spans: list[Span], file: tuple[str, array[int]] | None = None) -> None:
        """`append_rows` for rows given as their bytes (see `row_spans`), which become their
        raw JSON as they are, or, with `file` (its path, where each row starts), are read
        from that file when needed; never raises and never drops a row."""
        if not spans:
            return
        columns = _decoded_spans(spans, self.triggers)
        if file is None:
            self._add_columns(columns, spans)
        else:
            self._add_columns(columns, None)
            self.raw.add_file_rows(file[0], file[1], array("q", map(len, spans)))

    def append_records(self, records: Iterable[Record]) -> None:
        """Add already decoded records."""
        records = list(records)
        cells = [_record_cells(record) for record in records]
        if cells:
            columns = [list(column) for column in zip(*cells, strict=True)]
            self._add_columns(columns, [_raw_bytes(record.raw) for record in records])

    def _add_columns(self, columns: list[Any], raw: Sequence[bytes | Span] | None) -> None:
        status, started, finished, duration, zone_start, zone_end, flagged, search, *texts = columns
        if raw is not None:
            self.raw.add_rows(raw)
        self.search_blobs.append(b"".join(search))
        self.search_lengths.extend(map(len, search))
        self._search_index = None
        self.status += bytes(status)
        self.started.extend(started)
        self.finished.extend(finished)
        self.duration.extend(duration)
        for slots, zones in ((self.zone_start, zone_start), (self.zone_end, zone_end)):
            slot_of = {zone: self._zone_slot(zone) for zone in dict.fromkeys(zones)}
            slots.extend(map(slot_of.__getitem__, zones))
        self.flagged += bytes(flagged)
        for column, values in zip(TEXT_COLUMNS, texts, strict=True):
            if column is Column.ID:
                self.ids += values
            elif isinstance(values, _Coded):
                self.texts[column].extend(values.column())
            else:
                self.texts[column].extend(TextColumn.of(values))
        self._sort_keys.clear()

    def extend(self, other: HistoryTable) -> None:
        """Append all rows of `other` (built from the same answer) to this table."""
        offset = [self._zone_slot(zone) for zone in other.zones]
        self.raw.extend(other.raw)
        self.search_blobs += other.search_blobs
        self.search_lengths += other.search_lengths
        self._search_index = None
        self.status += other.status
        self.started += other.started
        self.finished += other.finished
        self.duration += other.duration
        if offset == list(range(len(offset))):  # the usual case: the same zones
            self.zone_start += other.zone_start
            self.zone_end += other.zone_end
        else:
            self.zone_start.extend(map(offset.__getitem__, other.zone_start))
            self.zone_end.extend(map(offset.__getitem__, other.zone_end))
        self.ids += other.ids
        for column in CODED_COLUMNS:
            self.texts[column].extend(other.texts[column])
        self.flagged += other.flagged
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
        return record_from_row(loose_row(self.raw_json(row)), self.triggers)

    def raw_json(self, row: int) -> bytes:
        """The row as the server sent it, as JSON."""
        if not 0 <= row < len(self):
            raise IndexError(row)
        return self.raw.row(row)

    def pack_raw(self, blocks: int) -> bool:
        """Compress up to `blocks` blocks of raw JSON kept in memory (to a tenth of the
        size); whether some remain. Done after a load, a little at a time, rather than while
        the rows are decoded."""
        return self.raw.pack(blocks)

    def search_text(self, row: int) -> bytes:
        """What the filter searches in one row: its text columns, then the backup id and the
        times as the server wrote them, case-folded, joined by newlines, as UTF-8."""
        blob, starts, ends = self._search()
        folded = [self.texts[column].folded()[self.texts[column].codes[row]]
                  for column in CODED_COLUMNS]  # fmt: skip
        return b"\n".join([*folded, blob[starts[row] : ends[row]]])

    def _search(self) -> tuple[bytes, array[int], array[int]]:
        """The search texts in one buffer, with where each row's starts and ends (made when
        first needed after rows came, and kept)."""
        if self._search_index is None:
            blob = b"".join(self.search_blobs)
            self.search_blobs = [blob]
            ends = array("q", accumulate(self.search_lengths, initial=0))
            self._search_index = (blob, ends[:-1], ends[1:])
        return self._search_index

    def matching(self, needle: bytes, rows: Sequence[int]) -> list[int]:
        """Those of `rows` (in their order) whose search text contains `needle`, which is
        case-folded UTF-8: the text columns' distinct texts are searched, then one
        `bytes.find` per row in the blob, all run from C."""
        blob, starts, ends = self._search()
        if len(rows) >= len(self) // 4:  # search every row, in table order, then pick
            at = list(map(blob.find, repeat(needle), starts, ends))
            found = map(_NOT_FOUND.__lt__, map(at.__getitem__, rows))
        else:
            found = map(_NOT_FOUND.__lt__, map(blob.find, repeat(needle),
                        map(starts.__getitem__, rows), map(ends.__getitem__, rows)))  # fmt: skip
        masks = [mask for column in CODED_COLUMNS
                 if (mask := self.texts[column].hits(needle)) is not None]  # fmt: skip
        if masks:
            hit = rows_hit(masks, len(self))
            found = map(operator.or_, found, map(hit.__getitem__, rows))
        return list(compress(rows, found))

    def status_of(self, row: int) -> Status:
        return STATUSES[self.status[row]]

    def moment(self, row: int, column: Column) -> datetime | None:
        """Start or end of a row as an aware datetime (naive when the zone is unknown)."""
        stamp = self._stamps_of(column)[row]
        if stamp != stamp:  # NaN: unknown
            return None
        return _moment(stamp, self.zones[self._slots_of(column)[row]])

    def text(self, row: int, column: Column) -> str:
        """The table's text for one cell (numbers are formatted only when asked for)."""
        texts = self.texts.get(column)
        if texts is not None:
            return texts[row]
        if column is Column.ID:
            return self.ids[row]
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
        if column is Column.ID:
            return neutralise(self.ids[row])
        if column is Column.DURATION:
            value = self.duration[row]
            return "" if value != value else seconds_text(value)
        moment = self.moment(row, column)
        return moment.isoformat(timespec="milliseconds") if moment is not None else ""

    def texts_of(self, column: Column, rows: Sequence[int]) -> list[str]:
        """`text` of many rows at once (what copying the selection needs)."""
        texts = self.texts.get(column)
        if texts is not None:
            return texts.take(rows)
        if column is Column.ID:
            return list(map(self.ids.__getitem__, rows))
        if column is Column.DURATION:
            return _formatted(list(map(self.duration.__getitem__, rows)), _duration_texts)
        return self._moment_texts(column, rows, " ", "seconds", zoned=False)

    def csv_cells_of(self, column: Column, rows: Sequence[int]) -> list[str]:
        """`csv_cell` of many rows at once, column by column (what export needs)."""
        if column is Column.STATUS:
            words = [_STATUS_WORDS[status] for status in STATUSES]
            return list(map(words.__getitem__, map(self.status.__getitem__, rows)))
        texts = self.texts.get(column)
        if texts is not None:
            return texts.take_mapped(rows, neutralise_all(list(texts.texts)))
        if column is Column.ID:
            return neutralise_all(list(map(self.ids.__getitem__, rows)))
        if column is Column.DURATION:
            return _formatted(list(map(self.duration.__getitem__, rows)), _seconds_texts)
        return self._moment_texts(column, rows, "T", "milliseconds", zoned=True)

    def csv_times_later(
        self, column: Column, rows: Sequence[int], offload: Offload | None
    ) -> Callable[[], list[str]]:
        """`csv_cells_of` a time column, formatted by `offload` (another process) while the
        caller does other work; the returned function gives the cells. Without `offload`,
        or for rows of several zones, they are formatted here."""
        stamps, slots, unknown = self._times_of(column, rows)
        zones = set(slots) - {-1}
        lines = None
        if offload is not None and len(zones) == 1 and self.zones[min(zones)] is not None:
            zone = self.zones[min(zones)]
            lines = offload(wall_lines, array("d", stamps), zone, "T", "milliseconds", True)
        if lines is None:
            return _ready(self._texts_at(stamps, slots, "T", "milliseconds", zoned=True))

        def cells() -> list[str]:
            found: list[str] = lines().split("\n")
            for row in unknown:
                found[row] = ""
            return found

        return cells

    def _stamps_of(self, column: Column) -> array[float]:
        return self.started if column is Column.STARTED else self.finished

    def _slots_of(self, column: Column) -> array[int]:
        return self.zone_start if column is Column.STARTED else self.zone_end

    def _moment_texts(
        self, column: Column, rows: Sequence[int], separator: str, timespec: str, zoned: bool
    ) -> list[str]:
        """``moment(row, column).isoformat(separator, timespec)`` of each row ("" if none),
        without the zone unless `zoned` (then `time_text` is its first 19 characters)."""
        stamps, slots, _ = self._times_of(column, rows)
        return self._texts_at(stamps, slots, separator, timespec, zoned)

    def _times_of(
        self, column: Column, rows: Sequence[int]
    ) -> tuple[list[float], list[int], list[int]]:
        """The rows' times and zone slots, an unknown time as 0.0 in slot -1, and which
        rows those are."""
        stamps = list(map(self._stamps_of(column).__getitem__, rows))
        slots = list(map(self._slots_of(column).__getitem__, rows))
        unknown = list(compress(count(), map(math.isnan, stamps)))
        for row in unknown:
            stamps[row], slots[row] = 0.0, -1
        return stamps, slots, unknown

    def _texts_at(
        self, stamps: list[float], slots: list[int], separator: str, timespec: str, zoned: bool
    ) -> list[str]:
        """`_moment_texts` from `_times_of`: formatted from C, a zone at a time (usually
        there is one); "" in slot -1."""
        texts = [""] * len(stamps)
        for slot in dict.fromkeys(slots):
            if slot < 0:
                continue  # unknown: stays ""
            chosen = list(compress(count(), map(slot.__eq__, slots)))
            if len(chosen) == len(slots):
                texts = self._wall_texts(stamps, slot, separator, timespec, zoned)
                break
            part = self._wall_texts(
                list(map(stamps.__getitem__, chosen)), slot, separator, timespec, zoned
            )
            for row, text in zip(chosen, part, strict=True):
                texts[row] = text
        return texts

    def _wall_texts(
        self, stamps: list[float], slot: int, separator: str, timespec: str, zoned: bool
    ) -> list[str]:
        return wall_texts(stamps, self.zones[slot], separator, timespec, zoned)

    def sort_keys(self, column: Column) -> Sequence[Any]:
        """Plain ints, floats or strings ordering `column` by its real value (cached)."""
        keys = self._sort_keys.get(column)
        if keys is None:
            keys = self._sort_keys[column] = self._make_sort_keys(column)
        return keys

    def _make_sort_keys(self, column: Column) -> list[Any]:
        if column is Column.STATUS:
            order = [STATUS_RANK[s] for s in STATUSES]
            return list(map(order.__getitem__, self.status))
        if column in _NUMBER_COLUMNS:
            values = {Column.STARTED: self.started, Column.FINISHED: self.finished}.get(
                column, self.duration
            )
            keys = values.tolist()
            for row in compress(count(), map(math.isnan, keys)):
                keys[row] = -math.inf
            return keys
        if column is Column.ID:
            return list(map(str.casefold, self.ids))
        return self.texts[column].sort_keys()


def _ready(texts: list[str]) -> Callable[[], list[str]]:
    return lambda: texts


def wall_texts(
    stamps: Sequence[float], zone: timezone | None, separator: str, timespec: str, zoned: bool
) -> list[str]:
    """Each time as ``isoformat(separator, timespec)`` in `zone`, with the zone only when
    `zoned` (then without, `time_text`, its first 19 characters); formatted from C."""
    walls = map(operator.add, repeat(_wall_epoch(zone)), map(timedelta, repeat(0), stamps))
    texts = map(datetime.isoformat, walls, repeat(separator), repeat(timespec))
    if not zoned:
        return list(map(_SECONDS_TEXT, texts))
    if zone is None:
        return list(texts)
    return list(map(operator.add, texts, repeat(_offset_text(zone))))


def wall_lines(
    stamps: Sequence[float], zone: timezone | None, separator: str, timespec: str, zoned: bool
) -> str:
    """`wall_texts` as one text, a line each: what a worker process hands back (one string
    travels between processes much faster than 50,000)."""
    return "\n".join(wall_texts(stamps, zone, separator, timespec, zoned))


Offload = Callable[..., Callable[[], Any] | None]
"""Starts ``function(*args)`` elsewhere (`parse_worker.WorkerPool.call_soon`): a function
waiting for its result, or None when nobody is free."""


def table_from_rows(rows: Iterable[Any], triggers: Mapping[str, str] | None = None) -> HistoryTable:
    """Decode parsed rows into a table."""
    table = HistoryTable(triggers)
    table.append_rows(rows)
    return table


STATUS_RANK = {Status.FAILED: 0, Status.RUNNING: 1, Status.UNKNOWN: 2, Status.SUCCEEDED: 3}
_STATUS_WORDS = {status: status.word for status in Status}
_FINISHED = (Status.SUCCEEDED, Status.FAILED)
_TEXT_OF = {column: column.text for column in TEXT_COLUMNS}
_SECONDS_TEXT = operator.itemgetter(slice(19))  # `time_text`: without the zone


def _moment(stamp: float, zone: timezone | None) -> datetime:
    """The time at `stamp` in `zone`; as a naive time when the zone is unknown (it was read
    as UTC, see `_stamp`)."""
    wall = _wall(stamp, zone)
    return wall if zone is None else wall.replace(tzinfo=zone)


def _wall(stamp: float, zone: timezone | None) -> datetime:
    """The wall time at `stamp` in `zone`, rounded to the microsecond as
    `datetime.fromtimestamp` rounds (``timedelta`` rounds seconds the same way), without
    passing through UTC (whose year may be out of range where the wall time is not)."""
    return _wall_epoch(zone) + timedelta(0, stamp)


@lru_cache(maxsize=64)
def _wall_epoch(zone: timezone | None) -> datetime:
    """1970-01-01 00:00 UTC as a wall time in `zone` (UTC when unknown)."""
    return datetime(1970, 1, 1) + (zone.utcoffset(None) if zone is not None else timedelta(0))


@lru_cache(maxsize=64)
def _offset_text(zone: timezone) -> str:
    """The zone as `datetime.isoformat` writes it after the time (``+08:00``)."""
    return datetime(2000, 1, 1, tzinfo=zone).isoformat()[19:]


def _seconds_texts(values: list[float]) -> list[str]:
    """`seconds_text` of each number, from C."""
    fixed = map(format, values, repeat(".3f"))
    return list(map(str.rstrip, map(str.rstrip, fixed, repeat("0")), repeat(".")))


def _duration_texts(values: list[float]) -> list[str]:
    return list(map(duration_text, values))


def _formatted(values: list[float], texts_of: Callable[[list[float]], list[str]]) -> list[str]:
    """`texts_of` the numbers; "" for NaN (unknown)."""
    unknown = list(compress(count(), map(math.isnan, values)))
    for row in unknown:
        values[row] = 0.0
    texts = texts_of(values)
    for row in unknown:
        texts[row] = ""
    return texts


def _zone_of(moment: datetime | None) -> timezone | None:
    """The fixed offset a time carries; None when unknown or not a plain offset."""
    zone = moment.tzinfo if moment is not None else None
    return zone if isinstance(zone, timezone) else None


# A row's cells, in this order: status index, start and end timestamps and the duration
# (NaN = unknown), the zones of start and end, flagged, search text, then the texts
# of TEXT_COLUMNS. `_decoded_columns` gives the same as columns (one list per cell).
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
        _search_text(record.id, raw.get("add_time"), raw.get("update_time")),
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


def _search_text(backup_id: str, add_time: Any, update_time: Any) -> bytes:
    """What the filter searches besides the text columns: the backup id and the times as the
    server wrote them."""
    times = [t for t in (add_time, update_time) if type(t) is str]
    return "\n".join([backup_id, *times]).casefold().encode()


# -- the column-wise fast path -------------------------------------------------------------------

_TEXT_KEYS = ("name", "msg", "folder", "add_by", "update_by", "backupid")  # and "id"
_STATUS_TEXT = {status: status_text_of(status, "") for status in Status}
_STATUS_OF_CODE = {code: _STATUS_INDEX[status] for code, status in STATUS_CODES.items()}
_UNFINISHED_INDEXES = frozenset(_STATUS_INDEX[s] for s in STATUSES if s not in _FINISHED)
_ZERO = 0.0
_STATUS_TEXT_OF_INDEX = [_STATUS_TEXT[status] for status in STATUSES]
# Keys a documented row always has: read with `itemgetter`, the faster way, when all have them.
_USUAL_KEYS = frozenset({"id", "name", "status", "add_time", "update_time", "config", "folder",
                         "add_by", "update_by", "backupid"})  # fmt: skip
_content_text = lru_cache(maxsize=1024)(labels)
_EMPTY: dict[str, Any] = {}
_EMPTY_ROW = Row()
_NONE = type(None)
_from_iso = datetime.fromisoformat


def _decoded_columns(rows: list[Any], triggers: Mapping[str, str]) -> list[list[Any]]:
    """The cells of parsed `rows` as columns (see `_Cells`).

    Equal to `_record_cells(record_from_row(row, triggers))` for every row: rows that are
    not in the documented shape are marked in `careful` on the way and decoded that way.
    """
    careful = bytearray(len(rows))  # 1: decode this row through its Record
    if all(type(row) is dict for row in rows):
        dicts = rows
    else:
        dicts = [row if type(row) is dict else _EMPTY for row in rows]
        for row in compress(count(), (type(row) is not dict for row in rows)):
            careful[row] = 1

    def field(key: str) -> list[Any]:
        if key in _USUAL_KEYS:
            with contextlib.suppress(KeyError):
                return list(map(operator.itemgetter(key), dicts))
        return list(map(dict.get, dicts, repeat(key)))

    return _columns_of(field, careful, rows.__getitem__, triggers)


def _decoded_spans(spans: list[Span], triggers: Mapping[str, str]) -> list[list[Any]]:
    """`_decoded_columns` of the rows these spans hold (equal to it for every row)."""
    rows = rows_of(spans)
    careful = bytearray(len(rows))
    if None in rows:  # not an object: decoded through its Record
        for row in compress(count(), map(_NONE.__instancecheck__, rows)):
            careful[row] = 1
            rows[row] = _EMPTY_ROW

    def field(key: str) -> list[Any]:
        return list(map(operator.attrgetter(key), rows))

    return _columns_of(field, careful, lambda row: loose_row(spans[row]), triggers)


def _columns_of(
    field: Callable[[str], list[Any]],
    careful: bytearray,
    row_at: Callable[[int], Any],
    triggers: Mapping[str, str],
) -> list[Any]:
    """The columns from each field's values (`field`), rows marked `careful` (and any the
    fast path cannot read) decoded from their parsed row (`row_at`) through a `Record`."""
    backup_id = _texts(field("id"), careful)
    name, message, folder, created_by, updated_by, schedule_id = (
        _Coded(field(key), careful) for key in _TEXT_KEYS
    )
    status = _statuses(field("status"), careful)
    zones = _zones(backup_id, careful)
    add_time, update_time = field("add_time"), field("update_time")
    started = _stamps(add_time, zones, careful, required=True)
    updated = _stamps(update_time, zones, careful, required=False)
    finished = updated  # the last update of a finished backup is its end
    for row in compress(count(), map(_UNFINISHED_INDEXES.__contains__, status)):
        finished[row] = _NAN
    duration = list(map(operator.sub, finished, started))  # NaN when either is
    for row in compress(count(), map(_ZERO.__gt__, duration)):
        duration[row] = _NAN  # ended before it started: unknown
    zone_end = zones.copy()
    for row in compress(count(), map(math.isnan, finished)):
        zone_end[row] = None
    content = _contents(field("config"), careful)
    schedule, flagged = _schedules(field("cron"), schedule_id, triggers)
    status_text = _Coded.of_codes(list(_STATUS_TEXT_OF_INDEX), status.copy())
    texts = [status_text, name, content, schedule, created_by, backup_id, folder, updated_by,
             schedule_id, message]  # fmt: skip
    columns: list[Any] = [
        status,
        started,
        finished,
        duration,
        zones,
        zone_end,
        flagged,
        _search_column(backup_id, add_time, update_time),
        *texts,
    ]
    for row in compress(count(), careful):
        cells = _record_cells(record_from_row(row_at(row), triggers))
        for column, cell in zip(columns, cells, strict=True):
            column[row] = cell
    return columns


def _texts(values: list[Any], careful: bytearray) -> list[str]:
    """A text field: strings as they are, None as ""; any other value takes the careful path."""
    kinds = set(map(type, values))
    if kinds <= {str}:
        return values
    if kinds <= {str, _NONE}:
        return ["" if value is None else value for value in values]
    texts = []
    for row, value in enumerate(values):
        if type(value) is str:
            texts.append(value)
        else:
            texts.append("")
            if value is not None:
                careful[row] = 1
    return texts


class _Coded:
    """A text column as it is decoded: a code per row into `texts`, each distinct value read
    once (None as ""; rows holding any other value that is not a text are marked careful).
    A row can be given another text (`__setitem__`) before it becomes a `TextColumn`."""

    __slots__ = ("_code_of", "codes", "texts")

    def __init__(self, values: list[Any], careful: bytearray) -> None:
        coder = _coder()
        try:
            codes = list(map(coder.__getitem__, values))
        except TypeError:  # a list or an object: not hashable, and not a text
            _mark(careful, (type(value) not in _PLAIN for value in values))
            coder.clear()
            plain = (value if type(value) in _PLAIN else None for value in values)
            codes = list(map(coder.__getitem__, plain))
        keys = list(coder)
        odd = {code for code, key in enumerate(keys) if type(key) not in _PLAIN}
        if odd:
            _mark(careful, map(odd.__contains__, codes))
        self.texts = [key if type(key) is str else "" for key in keys]
        self.codes = codes
        self._code_of: dict[str, int] | None = None

    @classmethod
    def of_codes(cls, texts: list[str], codes: list[int]) -> _Coded:
        """The column whose rows hold these codes into `texts`."""
        coded = cls.__new__(cls)
        coded.texts, coded.codes, coded._code_of = texts, codes, None
        return coded

    def __setitem__(self, row: int, text: str) -> None:
        if self._code_of is None:
            self._code_of = {text: code for code, text in enumerate(self.texts)}
        code = self._code_of.get(text)
        if code is None:
            code = self._code_of[text] = len(self.texts)
            self.texts.append(text)
        self.codes[row] = code

    def __getitem__(self, row: int) -> str:
        return self.texts[self.codes[row]]

    def column(self) -> TextColumn:
        return TextColumn.of_codes(self.texts, self.codes)


_PLAIN = (str, type(None))


def _mark(careful: bytearray, rows: Iterable[bool]) -> None:
    """Mark the rows for which `rows` is true as careful."""
    for row in compress(count(), rows):
        careful[row] = 1


def _statuses(values: list[Any], careful: bytearray) -> list[int]:
    codes = _STATUS_OF_CODE
    if set(map(type, values)) <= {str}:
        found: list[int | None] = list(map(codes.get, values))
    else:
        found = [codes.get(value) if type(value) is str else None for value in values]
    if None in found:
        for row in compress(count(), map(_NONE.__instancecheck__, found)):
            careful[row] = 1
            found[row] = 0
    return found  # type: ignore[return-value]


def _zones(backup_ids: list[str], careful: bytearray) -> list[timezone | None]:
    """The zone each row's id carries; rows without one take the careful path."""
    zones = _zones_of_usual_ids(backup_ids)
    if zones is None:
        zones = [zone for zone, _ in map(zone_from_id, backup_ids)]
    if None in zones:
        for row in compress(count(), map(_NONE.__instancecheck__, zones)):
            careful[row] = 1
    return zones


# Ids of the usual shape, ``Backup_2025.02.26-11.12.00.205+0800``, with their digits as 0:
# all ids have it when they all read as this, repeated (with one sign; mixed signs are rare).
_ID_SHAPE = str.maketrans("123456789", "000000000")
_USUAL_IDS = tuple(f"Backup_0000.00.00-00.00.00.000{sign}0000\n" for sign in "+-")
_SUFFIX = operator.itemgetter(slice(-5, None))


def _zones_of_usual_ids(backup_ids: list[str]) -> list[timezone | None] | None:
    """`zone_from_id` of each id when all are of the usual shape (checked at once, in C),
    read once per distinct suffix; None when some are not."""
    shapes = "".join(map(operator.add, backup_ids, repeat("\n"))).translate(_ID_SHAPE)
    if all(shapes != usual * len(backup_ids) for usual in _USUAL_IDS):
        return None
    suffixes = list(map(_SUFFIX, backup_ids))
    zone_of = {suffix: zone_from_id(_ID_OF + suffix)[0] for suffix in dict.fromkeys(suffixes)}
    return list(map(zone_of.__getitem__, suffixes))


_ID_OF = "Backup_2000.01.01-00.00.00.000"  # and a suffix: an id of that zone


def _stamp_at(value: Any, epoch: datetime) -> float:
    """Seconds since `epoch` (the epoch as a wall time in the row's zone) of a time as the
    server writes them, without a zone; NaN for anything else."""
    try:
        return (_from_iso(value) - epoch).total_seconds()
    except (TypeError, ValueError):  # not a text, not a time, or one with a zone
        return _NAN


def _stamps(
    values: list[Any], zones: list[timezone | None], careful: bytearray, *, required: bool
) -> list[float]:
    """Seconds since the epoch of the server's local times in each row's zone (NaN: none).

    A time the fast path cannot read takes the careful path, and so does a missing one when
    `required` (rows without a zone take it anyway). A date alone reads as midnight, as
    `record_from_row` reads it.
    """
    epoch_of = {zone: _wall_epoch(zone) for zone in dict.fromkeys(zones)}
    stamps = list(map(_stamp_at, values, map(epoch_of.__getitem__, zones)))
    for row in compress(count(), map(math.isnan, stamps)):
        if required or values[row] is not None:
            careful[row] = 1
    return stamps


def _contents(configs: list[Any], careful: bytearray) -> _Coded:
    """The content column: each distinct ``config`` decoded once (lists, which are not the
    documented text, one by one); rows whose config cannot be read are marked careful."""
    if _all_plain(configs):
        coder = _coder()
        codes = list(map(coder.__getitem__, configs))
        texts = list(map(_content_of, coder))
    else:
        codes = list(range(len(configs)))
        texts = list(map(_content_of, configs))
    unread = {code for code, text in enumerate(texts) if text is None}
    if unread:
        _mark(careful, map(unread.__contains__, codes))
    return _Coded.of_codes(["" if text is None else text for text in texts], codes)


def _content_of(config: Any) -> str | None:
    """The content words of a ``config``; None when it cannot be read."""
    parts, error = parts_of(config)
    return None if error else _content_text(parts)


def _schedules(
    crons: list[Any], schedule_ids: _Coded, triggers: Mapping[str, str]
) -> tuple[_Coded | list[str], list[bool]]:
    """Schedule texts, and whether each could not be decoded: once per (trigger, schedule)."""
    if not _all_plain(crons):  # lists or objects (not the documented text): one by one
        found = [schedule_of(cron, triggers.get(schedule_ids[row]))
                 for row, cron in enumerate(crons)]  # fmt: skip
        return [text for _, _, text in found], [error is not None for _, error, _ in found]
    cron_coder = _coder()
    cron_codes = map(cron_coder.__getitem__, crons)
    width = max(len(schedule_ids.texts), 1)
    pairs = map(operator.add, map(operator.mul, cron_codes, repeat(width)), schedule_ids.codes)
    pair_coder = _coder()
    codes = list(map(pair_coder.__getitem__, pairs))
    distinct_crons = list(cron_coder)
    texts, flags = [], []
    for pair in pair_coder:
        cron, schedule_id = distinct_crons[pair // width], schedule_ids.texts[pair % width]
        _, error, text = schedule_of(cron, triggers.get(schedule_id))
        texts.append(text)
        flags.append(error is not None)
    return _Coded.of_codes(texts, codes), list(map(flags.__getitem__, codes))


def _coder() -> defaultdict[Any, int]:
    """A dict giving each new key the next number, when it is first looked up."""
    coder: defaultdict[Any, int] = defaultdict()
    coder.default_factory = coder.__len__
    return coder


def _all_plain(values: list[Any]) -> bool:
    """Whether every value is a text or None."""
    return set(map(type, values)) <= {str, _NONE}


def _raw_column(rows: list[Any]) -> list[bytes]:
    try:
        return list(map(orjson.dumps, rows))
    except (TypeError, orjson.JSONEncodeError):
        return list(map(_raw_bytes, rows))


def _search_column(
    backup_ids: list[str], add_time: list[Any], update_time: list[Any]
) -> list[bytes]:
    """`_search_text` of every row (folding commutes with joining: it maps each character on
    its own)."""
    ids = list(map(str.encode, map(str.casefold, backup_ids)))
    updates = _folded_times(update_time)
    missing = [row for row, value in enumerate(update_time) if type(value) is not str]
    joined = list(map(b"\n".join, zip(ids, _folded_times(add_time), updates, strict=True)))
    for row in missing:
        joined[row] = joined[row][:-1]  # no time, no separator
    return joined


def _folded_times(values: list[Any]) -> list[bytes]:
    """Times as the server wrote them, case-folded, as UTF-8 (b"" where there is none)."""
    if set(map(type, values)) <= {str}:
        together = "\n".join(values)
        if together.casefold() == together:  # digits and punctuation, as usual
            return list(map(str.encode, values))
        return list(map(str.encode, map(str.casefold, values)))
    return [value.casefold().encode() if type(value) is str else b"" for value in values]


def _raw_bytes(raw: Any) -> bytes:
    try:
        return orjson.dumps(raw)
    except (TypeError, orjson.JSONEncodeError):
        return orjson.dumps({"value": repr(raw)})

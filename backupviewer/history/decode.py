"""Decode rows of a history answer into a `HistoryTable`, column by column.

This is the hot loop of a load (100,000 rows), so it works by column: each field is read for
all rows at once, each distinct value (a name, a schedule, a content list) is decoded once,
and most of the work runs in C (`map`, `zip`, `bytes.join`). A row that is not in the
documented shape is decoded as a `Record` instead (the careful path), which reads anything
and notes what it could not; both paths give the same cells for a row.
"""

from __future__ import annotations

import json
import operator
from array import array
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime, timedelta, timezone
from functools import lru_cache
from itertools import compress, count, repeat
from typing import Any

import orjson

from backupviewer.core import content
from backupviewer.core.columns import UNKNOWN, Column
from backupviewer.core.datafor import envelope
from backupviewer.core.errors import ProtocolError
from backupviewer.core.records import (
    STATUS_CODES,
    Record,
    Status,
    decoded_trigger,
    parts_of,
    trigger_code,
    zone_from_id,
)
from backupviewer.core.words import QT_TRANSLATE_NOOP, Phrase
from backupviewer.history.raw_rows import Source
from backupviewer.history.row_bytes import Row, Span, row_record, rows_of
from backupviewer.history.table import CODED_COLUMNS, STATUSES, Cells, HistoryTable
from backupviewer.history.text_column import TextColumn

_STATUS_INDEX = {status: index for index, status in enumerate(STATUSES)}
_FINISHED = (Status.SUCCEEDED, Status.FAILED)
_UNFINISHED = frozenset(_STATUS_INDEX[s] for s in STATUSES if s not in _FINISHED)
_STATUS_OF_CODE = {code: _STATUS_INDEX[status] for code, status in STATUS_CODES.items()}
_TEXT_FIELDS = {
    Column.NAME: "name",
    Column.MESSAGE: "msg",
    Column.FOLDER: "folder",
    Column.CREATED_BY: "add_by",
    Column.UPDATED_BY: "update_by",
    Column.SCHEDULE_ID: "backupid",
}
_ONE_MS = timedelta(milliseconds=1)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_NAIVE_EPOCH = datetime(1970, 1, 1)
_NONE = type(None)
_PLAIN = (str, _NONE)
_EMPTY_ROW = Row()
_from_iso = datetime.fromisoformat
_TZINFO = operator.attrgetter("tzinfo")
_ZERO = 0
_SEARCH_FORMAT = "{}\n{}\n{}\n".format


def decode(
    spans: Sequence[Span | bytes],
    starts: array[int],
    triggers: Mapping[str, str] | None,
    source: Source | None = None,
) -> HistoryTable:
    """A table of these rows (each its JSON's bytes) lying at `starts` in `source` (None: in
    the answer, attached later); never raises and never drops a row."""
    table = HistoryTable(triggers)
    if spans:
        table.append(_cells(spans, table.triggers))
        table.raw.add(starts, array("q", map(len, spans)), source)
    return table


def careful_rows(body: bytes) -> list[bytes]:
    """The rows of an answer the quick way could not read, parsed whole: raises the
    `BackupViewerError` that says what is wrong with it, or gives each row's JSON written
    again."""
    data = envelope.read_data(body, "backup history")
    if data is None:
        data = []
    if not isinstance(data, list):
        raise ProtocolError(
            Phrase(
                "Decode",
                QT_TRANSLATE_NOOP(
                    "Decode", "The server's backup history is not a list of backups."
                ),
            )
        )
    return list(map(_row_json, data))


def _row_json(row: Any) -> bytes:
    """A parsed row written as JSON again; a placeholder where even that fails (nested too
    deep), so that the row still shows, marked unreadable."""
    try:
        return orjson.dumps(row)
    except TypeError:  # (orjson's own error is one too) nested deeper than orjson writes
        pass
    try:
        return json.dumps(row, ensure_ascii=False).encode()
    except (RecursionError, ValueError):
        return b'"(a row nested too deep to show)"'


def _cells(spans: Sequence[Span | bytes], triggers: Mapping[str, str]) -> Cells:
    """The cells of each row; rows the quick way cannot read are decoded as `Record`s."""
    rows = rows_of(spans)  # type: ignore[arg-type]
    careful = bytearray(len(rows))  # 1: decode this row through its Record
    if None in rows:  # not an object
        for row in compress(count(), map(_NONE.__instancecheck__, rows)):
            careful[row] = 1
            rows[row] = _EMPTY_ROW

    def field(key: str) -> list[Any]:
        return list(map(operator.attrgetter(key), rows))

    ids = _texts(field("id"), careful)
    texts = {column: _Coded(field(key), careful) for column, key in _TEXT_FIELDS.items()}
    status = _statuses(field("status"), careful)
    zones = _zones(ids, careful)
    add_time, update_time = field("add_time"), field("update_time")
    started = _stamps(add_time, zones, careful, required=True)
    finished = _stamps(update_time, zones, careful, required=False)  # a finished one's end
    for row in compress(count(), map(_UNFINISHED.__contains__, status)):
        finished[row] = UNKNOWN
    duration = list(map(operator.sub, finished, started))
    unknown = map(operator.or_, map(UNKNOWN.__eq__, started), map(UNKNOWN.__eq__, finished))
    for row in compress(count(), map(operator.or_, unknown, map(_ZERO.__gt__, duration))):
        duration[row] = UNKNOWN
    zone_end = zones.copy()
    for row in compress(count(), map(UNKNOWN.__eq__, finished)):
        zone_end[row] = None
    texts[Column.CONTENT] = _contents(field("config"), careful)
    schedule, flagged = _schedules(field("cron"), texts[Column.SCHEDULE_ID], triggers)
    texts[Column.SCHEDULE] = schedule
    texts[Column.STATUS] = _Coded.of_codes([""], [0] * len(rows))  # (a status it knows)
    texts[Column.SERVER] = _Coded.of_codes([""], [0] * len(rows))  # (see `health.fleet`)
    search = _search_column(ids, add_time, update_time)
    for row in compress(count(), careful):
        record = row_record(spans[row], triggers)
        cells = _record_cells(record, triggers)
        status[row], started[row], finished[row], duration[row] = cells[:4]
        zones[row], zone_end[row], flagged[row], search[row] = cells[4:8]
        ids[row] = record.id
        for column, text in cells[8].items():
            texts[column][row] = text
    return Cells(
        status, started, finished, duration, zones, zone_end, flagged, search, ids,
        {column: texts[column].column() for column in CODED_COLUMNS},
    )  # fmt: skip


# -- the careful path: a row read as a Record ------------------------------------------------


def _record_cells(record: Record, triggers: Mapping[str, str]) -> tuple[Any, ...]:
    """The cells of a decoded record, in the order of `Cells`, its texts by column (the
    codes of `HistoryTable.texts`)."""
    started, finished = _stamp(record.started), _stamp(record.finished)
    same_kind = (
        record.started is not None
        and record.finished is not None
        and (record.started.tzinfo is None) == (record.finished.tzinfo is None)
    )
    length = finished - started if same_kind else UNKNOWN
    raw = record.raw if type(record.raw) is dict else {}
    texts = {
        Column.STATUS: record.status_raw if record.status is Status.UNKNOWN else "",
        Column.NAME: record.name,
        Column.CONTENT: content.parts_code(record.parts),
        Column.SCHEDULE: trigger_code(raw.get("cron"), triggers.get(record.schedule_id)),
        Column.CREATED_BY: record.created_by,
        Column.FOLDER: record.folder,
        Column.UPDATED_BY: record.updated_by,
        Column.SCHEDULE_ID: record.schedule_id,
        Column.MESSAGE: record.message,
    }
    return (
        _STATUS_INDEX[record.status],
        started,
        finished,
        length if length >= 0 else UNKNOWN,
        _zone_of(record.started),
        _zone_of(record.finished),
        bool(record.problems or record.schedule_error),
        _search_text(record.id, raw.get("add_time"), raw.get("update_time")),
        texts,
    )


def _stamp(moment: datetime | None) -> int:
    """Milliseconds since the epoch; a time whose zone is unknown counts as UTC (and shows
    as it came)."""
    if moment is None:
        return UNKNOWN
    epoch = _NAIVE_EPOCH if moment.tzinfo is None else _EPOCH
    return (moment - epoch) // _ONE_MS


def _zone_of(moment: datetime | None) -> timezone | None:
    """The fixed offset a time carries; None when unknown or not a plain offset."""
    zone = moment.tzinfo if moment is not None else None
    return zone if isinstance(zone, timezone) else None


def _search_text(backup_id: str, add_time: Any, update_time: Any) -> str:
    """What the filter searches besides the text columns: the backup id and the times as the
    server wrote them ("" for one that is not a text), each followed by a line break."""
    times = [t if type(t) is str else "" for t in (add_time, update_time)]
    return _SEARCH_FORMAT(backup_id, *times)


# -- the quick path: a column at a time ------------------------------------------------------


def _texts(values: list[Any], careful: bytearray) -> list[str]:
    """A text field: strings as they are, None as ""; any other value takes the careful path."""
    kinds = set(map(type, values))
    if kinds <= {str}:
        return values
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
_ID_OF = "Backup_2000.01.01-00.00.00.000"  # and a suffix: an id of that zone


def _zones_of_usual_ids(backup_ids: list[str]) -> list[timezone | None] | None:
    """`zone_from_id` of each id when all are of the usual shape (checked at once, in C),
    read once per distinct suffix; None when some are not."""
    shapes = "".join(map(operator.add, backup_ids, repeat("\n"))).translate(_ID_SHAPE)
    if all(shapes != usual * len(backup_ids) for usual in _USUAL_IDS):
        return None
    suffixes = list(map(_SUFFIX, backup_ids))
    zone_of = {suffix: zone_from_id(_ID_OF + suffix)[0] for suffix in dict.fromkeys(suffixes)}
    return list(map(zone_of.__getitem__, suffixes))


def _stamps(
    values: list[Any], zones: list[timezone | None], careful: bytearray, *, required: bool
) -> list[int]:
    """Milliseconds since the epoch of the server's local times in each row's zone (UNKNOWN:
    none).

    A time the quick path cannot read takes the careful path, and so does a missing one when
    `required` (rows without a zone take it anyway). A date alone reads as midnight, as
    `record_from_row` reads it.
    """
    walls, unread = _walls(values)
    epoch_of = {zone: _wall_epoch(zone) for zone in dict.fromkeys(zones)}
    stamps = list(map(operator.floordiv, map(operator.sub, walls, map(epoch_of.__getitem__,
                  zones)), repeat(_ONE_MS)))  # fmt: skip
    for row in unread:
        stamps[row] = UNKNOWN
        if required or values[row] is not None:
            careful[row] = 1
    return stamps


def _walls(values: list[Any]) -> tuple[list[datetime], list[int]]:
    """Each value read as a wall time without a zone (from C), and the rows whose value is
    none (the epoch stands in for them): not a text, not a time, or a time with a zone."""
    walls: list[datetime] = []
    unread: list[int] = []
    rest = iter(values)
    while True:
        try:
            walls.extend(map(_from_iso, rest))  # (those read before a failure stay)
            break
        except (TypeError, ValueError):  # the value that failed was taken from `rest`
            unread.append(len(walls))
            walls.append(_NAIVE_EPOCH)
    aware = list(compress(count(), map(operator.is_not, map(_TZINFO, walls), repeat(None))))
    for row in aware:
        walls[row] = _NAIVE_EPOCH
    return walls, sorted(unread + aware) if aware else unread


@lru_cache(maxsize=64)
def _wall_epoch(zone: timezone | None) -> datetime:
    """1970-01-01 00:00 UTC as a wall time in `zone` (UTC when unknown)."""
    return _NAIVE_EPOCH + (zone.utcoffset(None) if zone is not None else timedelta(0))


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
    """The `content.parts_code` of a ``config``; None when it cannot be read."""
    parts, error = parts_of(config)
    return None if error else content.parts_code(parts)


def _schedules(
    crons: list[Any], schedule_ids: _Coded, triggers: Mapping[str, str]
) -> tuple[_Coded, list[bool]]:
    """Each row's `trigger_code`, and whether it could not be decoded: each distinct
    (trigger, schedule) once."""
    if not _all_plain(crons):  # lists or objects (not the documented text): one by one
        each = [trigger_code(cron, triggers.get(schedule_ids[row]))
                for row, cron in enumerate(crons)]  # fmt: skip
        flags = [decoded_trigger(code)[1] is not None for code in each]
        return _Coded.of_codes(each, list(range(len(each)))), flags
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
        code = trigger_code(cron, triggers.get(schedule_id))
        texts.append(code)
        flags.append(decoded_trigger(code)[1] is not None)
    return _Coded.of_codes(texts, codes), list(map(flags.__getitem__, codes))


def _coder() -> defaultdict[Any, int]:
    """A dict giving each new key the next number, when it is first looked up."""
    coder: defaultdict[Any, int] = defaultdict()
    coder.default_factory = coder.__len__
    return coder


def _all_plain(values: list[Any]) -> bool:
    """Whether every value is a text or None."""
    return set(map(type, values)) <= {str, _NONE}


def _search_column(backup_ids: list[str], add_time: list[Any], update_time: list[Any]) -> list[str]:
    """`_search_text` of every row, from C."""
    return list(map(_SEARCH_FORMAT, backup_ids, _texts_or_blank(add_time),
                    _texts_or_blank(update_time)))  # fmt: skip


def _texts_or_blank(values: list[Any]) -> list[str]:
    """The values that are texts, and "" for the others."""
    if set(map(type, values)) <= {str}:
        return values
    return [value if type(value) is str else "" for value in values]

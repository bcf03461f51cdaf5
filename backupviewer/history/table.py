"""The history in columns: compact to keep and to send between processes, quick to read.

`decode` fills a table's columns with values and codes, never words; the model, copy and CSV
export read cells through `cells` and `csv_cells`, which format with the one set of formatters
in `core.columns` and put codes in words (`history.wording`) in the language of the moment –
CSV always in English. A row's whole `Record` is rebuilt from its raw JSON when the details
pane asks for it.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Generator, Mapping, Sequence
from datetime import timezone
from itertools import accumulate, compress, count
from typing import Any, NamedTuple, NewType

import orjson

from backupviewer.core import columns, words
from backupviewer.core.columns import UNKNOWN, Column, Kind
from backupviewer.core.missed import missed_record
from backupviewer.core.pace import Pace
from backupviewer.core.records import Record, Status
from backupviewer.history import wording
from backupviewer.history.raw_rows import RawRows
from backupviewer.history.row_bytes import row_record
from backupviewer.history.text_column import TextColumn

TableRow = NewType("TableRow", int)
"""A row of a `HistoryTable` – not a row of a view of it, which has its own order and filters."""
STATUSES: tuple[Status, ...] = tuple(Status)
"""A row's status is kept as its index in this tuple."""
CODED_COLUMNS: tuple[Column, ...] = tuple(
    c for c in Column if c.kind in (Kind.TEXT, Kind.STATUS) and c is not Column.ID
)
"""The columns kept as `TextColumn`s: all texts but the backup id, which differs by row, and
the status (a status the viewer does not know as the server wrote it, "" for the others)."""
_STATUS_WORDS = [columns.status_word(status) for status in STATUSES]
_MISSED = STATUSES.index(Status.MISSED)
_STATUS_RANKS = [columns.STATUS_RANK[status] for status in STATUSES]
_FEW = 64  # rows whose coded cells are put in words one by one (more: the whole column)


class Cells(NamedTuple):
    """Rows decoded column by column (see `decode`): what `HistoryTable.append` takes."""

    status: Sequence[int]  # an index into STATUSES per row
    started: Sequence[int]  # milliseconds since the epoch, or UNKNOWN
    finished: Sequence[int]
    duration: Sequence[int]  # milliseconds, or UNKNOWN
    zone_start: Sequence[timezone | None]  # the zone of each time (None: unknown)
    zone_end: Sequence[timezone | None]
    flagged: Sequence[bool]  # some field could not be read
    search: Sequence[str]  # the id and the times as the server wrote them (see `search_index`)
    ids: list[str]
    texts: dict[Column, TextColumn]  # the CODED_COLUMNS


class HistoryTable:
    """Backups stored by column; `append` adds decoded rows, `extend` another table's."""

    __slots__ = (
        "_search_index",
        "_shown",
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
        self.started = array("q")
        self.finished = array("q")
        self.duration = array("q")
        self.zones: list[timezone | None] = [None]
        self.zone_start = array("H")  # a row's index into `zones`
        self.zone_end = array("H")
        self.ids: list[str] = []
        self.texts: dict[Column, TextColumn] = {column: TextColumn() for column in CODED_COLUMNS}
        self.flagged = bytearray()
        self.search_blobs: list[bytes] = []  # one per piece until joined (see `search_index`)
        self.search_lengths = array("I")  # of each row's search text
        self._search_index: tuple[bytes, array[int], array[int]] | None = None
        self.raw = RawRows()  # where each row's JSON lies
        self.triggers: dict[str, str] = dict(triggers or {})
        self._sort_keys: dict[object, Sequence[Any]] = {}
        self._shown: dict[tuple[Column, object], TextColumn] = {}

    def __len__(self) -> int:
        return len(self.status)

    def __getstate__(self) -> dict[str, Any]:
        state = {name: getattr(self, name) for name in self.__slots__}
        state["_sort_keys"], state["_search_index"], state["_shown"] = {}, None, {}
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name, value in state.items():
            setattr(self, name, value)

    # -- filling ------------------------------------------------------------------------------

    def append(self, cells: Cells) -> None:
        """Add decoded rows (their raw JSON is added to `raw` by whoever decoded them)."""
        self.status += bytes(cells.status)
        self.started.extend(cells.started)
        self.finished.extend(cells.finished)
        self.duration.extend(cells.duration)
        for slots, zones in ((self.zone_start, cells.zone_start), (self.zone_end, cells.zone_end)):
            slot_of = {zone: self._zone_slot(zone) for zone in dict.fromkeys(zones)}
            slots.extend(map(slot_of.__getitem__, zones))
        self.flagged += bytes(cells.flagged)
        self._add_search(cells.search)
        self.ids += cells.ids
        for column in CODED_COLUMNS:
            self.texts[column].extend(cells.texts[column])
        self._changed()

    def _add_search(self, texts: Sequence[str]) -> None:
        """Add rows' search texts, case-folded, as UTF-8: all at once when they are ASCII (as
        ids and times are), where folding keeps each text's length."""
        together = "".join(texts)
        if together.isascii():
            self.search_blobs.append(together.casefold().encode("ascii"))
            self.search_lengths.extend(map(len, texts))
        else:
            folded = [text.casefold().encode() for text in texts]
            self.search_blobs.append(b"".join(folded))
            self.search_lengths.extend(map(len, folded))

    def extend(self, other: HistoryTable) -> None:
        """Append all rows of `other` (decoded from the same answer)."""
        offset = [self._zone_slot(zone) for zone in other.zones]
        self.raw.extend(other.raw)
        self.search_blobs += other.search_blobs
        self.search_lengths += other.search_lengths
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
        self._changed()

    def _changed(self) -> None:
        self._sort_keys.clear()
        self._shown.clear()
        self._search_index = None

    def _zone_slot(self, zone: timezone | None) -> int:
        zones = self.zones
        if zone is zones[-1]:
            return len(zones) - 1
        if zone not in zones:
            zones.append(zone)
        return zones.index(zone)

    # -- cells ---------------------------------------------------------------------------------

    def text(self, row: int, column: Column, *, local: bool = False) -> str:
        """The table's text of one cell."""
        return self.cells(column, [row], local=local)[0]

    def cells(self, column: Column, rows: Sequence[int], *, local: bool = False) -> list[str]:
        """The table's texts of `column` for `rows`, in their order, in the language of the
        moment; times on the server's clock, or this computer's when `local` (the zone of a
        time stays what it is)."""
        if column in wording.WORDED:
            made = self._shown.get((column, words.language()))
            if made is None and len(rows) <= _FEW:
                return [wording.word(self, column, row) for row in rows]
            return self.shown(column).take(rows)
        texts = self.texts.get(column)
        if texts is not None:
            return texts.take(rows)
        if column is Column.ID:
            return list(map(self.ids.__getitem__, rows))
        if column.kind is Kind.DURATION:
            return _known(self.duration, rows, columns.duration_texts)
        return self._times(column, rows, columns.local_times if local else columns.wall_times)

    def shown(self, column: Column) -> TextColumn:
        """The texts `column` shows: for a column of codes (`wording.WORDED`) their words in
        the language of the moment, made once per language, and kept."""
        if column not in wording.WORDED:
            return self.texts[column]
        key = (column, words.language())
        made = self._shown.get(key)
        if made is None:
            if len(self._shown) >= 2 * len(wording.WORDED):  # (a language not spoken now)
                self._shown.clear()
            made = self._shown[key] = wording.shown(self, column)
        return made

    def words_in_steps(self, pace: Pace) -> Generator[None, None, None]:
        """Make the coded columns' words of the language of the moment, pausing whenever a
        step's work is done: what a filter or a sort of them needs, ready before it is asked."""
        for column in wording.WORDED:
            key = (column, words.language())
            if key not in self._shown:
                self._shown[key] = yield from wording.shown_in_steps(self, column, pace)

    def csv_cells(self, column: Column, rows: Sequence[int]) -> list[str]:
        """The texts CSV writes for `column` and `rows` (times in ISO 8601, durations in
        seconds, statuses as words; all in English, whatever the window speaks); the writer
        guards them against formulas."""
        with words.english():
            return self._csv_cells(column, rows)

    def _csv_cells(self, column: Column, rows: Sequence[int]) -> list[str]:
        if column.kind is Kind.STATUS:
            return list(map(_STATUS_WORDS.__getitem__, map(self.status.__getitem__, rows)))
        if column.kind is Kind.DURATION:
            return _known(self.duration, rows, columns.seconds_texts)
        if column.kind is Kind.TIME:
            return self._times(column, rows, columns.iso_times)
        return self.cells(column, rows)

    def _times(
        self,
        column: Column,
        rows: Sequence[int],
        texts_of: Callable[[Sequence[int], timezone | None], list[str]],
    ) -> list[str]:
        """A time column's texts, formatted a zone at a time (usually there is one)."""
        started = column is Column.STARTED
        stamps = list(map((self.started if started else self.finished).__getitem__, rows))
        slots = list(map((self.zone_start if started else self.zone_end).__getitem__, rows))
        unknown = list(compress(count(), map(UNKNOWN.__eq__, stamps)))
        for row in unknown:
            slots[row] = -1
        distinct = [slot for slot in dict.fromkeys(slots) if slot >= 0]
        if len(distinct) == 1 and not unknown:
            return texts_of(stamps, self.zones[distinct[0]])
        texts = [""] * len(stamps)
        for slot in distinct:
            chosen = list(compress(count(), map(slot.__eq__, slots)))
            formatted = texts_of(list(map(stamps.__getitem__, chosen)), self.zones[slot])
            for row, text in zip(chosen, formatted, strict=True):
                texts[row] = text
        return texts

    def sort_keys(self, column: Column) -> Sequence[Any]:
        """Plain ints or strings ordering `column` by its real value, or by its words in the
        language of the moment (made once, then kept)."""
        key = (column, words.language()) if column in wording.WORDED else column
        keys = self._sort_keys.get(key)
        if keys is None:
            keys = self._sort_keys[key] = self._make_sort_keys(column)
        return keys

    def _make_sort_keys(self, column: Column) -> Sequence[Any]:
        if column.kind is Kind.STATUS:
            return list(map(_STATUS_RANKS.__getitem__, self.status))
        if column.kind is Kind.DURATION:
            return self.duration.tolist()  # (UNKNOWN sorts first; a list is read faster)
        if column.kind is Kind.TIME:
            return (self.started if column is Column.STARTED else self.finished).tolist()
        if column is Column.ID:
            return list(map(str.casefold, self.ids))
        return self.shown(column).sort_keys()

    # -- one row --------------------------------------------------------------------------------

    def status_at(self, row: int) -> Status:
        return STATUSES[self.status[row]]

    def having(self, status: Status) -> bytes:
        """A byte per row: 1 where the row has this status."""
        wanted = STATUSES.index(status)
        return bytes(self.status.translate(bytes(i == wanted for i in range(256))))

    def count(self, status: Status) -> int:
        """How many rows have this status."""
        return self.status.count(STATUSES.index(status))

    def moment(self, row: int, column: Column = Column.STARTED) -> tuple[int, timezone | None]:
        """When the row started (or, for `Column.FINISHED`, ended): ms since the epoch
        (`UNKNOWN`: not known) and its zone (None: not known)."""
        if column is Column.FINISHED:
            return self.finished[row], self.zones[self.zone_end[row]]
        return self.started[row], self.zones[self.zone_start[row]]

    def wall_time(self, row: int, column: Column = Column.STARTED) -> str:
        """When the row started (or ended), to the minute, as the server's clock read it:
        ``2026-03-09 11:12`` ("" when it is not known)."""
        stamp, zone = self.moment(row, column)
        return "" if stamp == UNKNOWN else columns.wall_times([stamp], zone)[0][:16]

    def time_zones(self) -> list[timezone]:
        """The zones the table's times are in (those known)."""
        return [zone for zone in self.zones if zone is not None]

    def backup_id(self, row: int) -> str:
        return self.ids[row]

    def value(self, row: int, column: Column) -> str:
        """A text column's value as the server sent it (the name, the schedule's id…); for a
        column of codes (`wording.WORDED`) the code."""
        return self.texts[column][row]

    def is_flagged(self, row: int) -> bool:
        """Whether some field of the row could not be read."""
        return bool(self.flagged[row])

    def record(self, row: int) -> Record:
        """The full record of one row, decoded again from its raw JSON (a missed run's
        from the viewer's description of it)."""
        if self.status[row] == _MISSED:
            return missed_record(orjson.loads(self.raw_json(row)))
        return row_record(self.raw_json(row), self.triggers)

    def is_missed(self, row: int) -> bool:
        """Whether the row is a missed run (the viewer's), not a backup (the server's)."""
        return self.status[row] == _MISSED

    def raw_json(self, row: int) -> bytes:
        """The row as the server sent it, as JSON."""
        if not 0 <= row < len(self):
            raise IndexError(row)
        return self.raw.row(row)

    # -- search ---------------------------------------------------------------------------------

    def search_index(self) -> tuple[bytes, array[int], array[int]]:
        """What the filter searches besides the text columns, in one buffer: the backup id
        and the times as the server wrote them, each followed by a line break, case-folded,
        as UTF-8; with where each row's starts and ends (made when first needed, and kept)."""
        if self._search_index is None:
            blob = b"".join(self.search_blobs)
            self.search_blobs = [blob]
            ends = array("q", accumulate(self.search_lengths, initial=0))
            self._search_index = (blob, ends[:-1], ends[1:])
        return self._search_index


def _known(
    values: array[int], rows: Sequence[int], texts_of: Callable[[Sequence[int]], list[str]]
) -> list[str]:
    """`texts_of` the values of `rows`; "" where a value is unknown."""
    chosen = list(map(values.__getitem__, rows))
    unknown = list(compress(count(), map(UNKNOWN.__eq__, chosen)))
    for row in unknown:
        chosen[row] = 0
    texts = texts_of(chosen)
    for row in unknown:
        texts[row] = ""
    return texts

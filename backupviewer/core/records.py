"""Backup log rows from ``log/query`` decoded into immutable, forgiving records."""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta, timezone
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

import orjson

from backupviewer.core import content, words
from backupviewer.core.words import QT_TRANSLATE_NOOP, translate

if TYPE_CHECKING:
    from backupviewer.core.schedule.trigger import Schedule


class Status(enum.Enum):
    """A backup's state; `UNKNOWN` keeps rows whose status the server sent as something else.
    `MISSED` is the viewer's own: a schedule's fire time at which no backup started (never a
    status a server's row is read as)."""

    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    UNKNOWN = "unknown"
    MISSED = "missed"

    @property
    def word(self) -> str:
        return self.value


STATUS_CODES = {"0": Status.RUNNING, "1": Status.SUCCEEDED, "2": Status.FAILED}
_STATUS_WORDS = {s.value: s for s in Status if s is not Status.MISSED} | {
    "success": Status.SUCCEEDED,
    "fail": Status.FAILED,
}
_FINISHED = (Status.SUCCEEDED, Status.FAILED)
MAX_FIELD = 20_000
"""A trigger or a list of contents longer than this (characters) is not read: no real one
comes near, and reading one takes time in proportion (a server's 4 MB trigger took 2 s)."""
_ID_TIME = re.compile(
    r"^Backup_(\d{4})\.(\d\d)\.(\d\d)-(\d\d)\.(\d\d)\.(\d\d)(?:\.(\d{1,3}))?([+-])(\d\d)(\d\d)$"
)
_START_UNREADABLE = QT_TRANSLATE_NOOP(
    "Records", "Start time {value} is not a time the viewer can read."
)
_UPDATE_UNREADABLE = QT_TRANSLATE_NOOP(
    "Records", "Last update time {value} is not a time the viewer can read."
)


class Record(NamedTuple):
    """One backup as shown to the user; every field is readable even when the row was not.

    A named tuple rather than a dataclass: 100,000 of them are built per load, and a tuple is
    the cheapest immutable object to build and to send between processes.
    """

    id: str
    name: str
    status: Status
    status_raw: str
    message: str
    started: datetime | None
    updated: datetime | None
    zone_known: bool
    parts: tuple[str, ...]
    schedule: Schedule | None
    schedule_error: str | None
    schedule_text: str
    folder: str
    created_by: str
    updated_by: str
    schedule_id: str
    problems: tuple[str, ...]
    raw: Any  # the row exactly as the server sent it

    @property
    def finished(self) -> datetime | None:
        """When a finished backup ended; None while running or when unknown."""
        return self.updated if self.status in _FINISHED else None

    @property
    def duration_s(self) -> float | None:
        """Seconds from start to end of a finished backup; None when either is unknown."""
        end, start = self.finished, self.started
        if end is None or start is None or (end.tzinfo is None) != (start.tzinfo is None):
            return None
        seconds = (end - start).total_seconds()
        return seconds if seconds >= 0 else None

    @property
    def content_labels(self) -> str:
        return content.labels(self.parts)


def record_from_row(row: Any, triggers: Mapping[str, str]) -> Record:
    """Build one record, noting each unreadable field in ``problems`` instead of failing."""
    problems: list[str] = []
    raw = row
    if type(row) is not dict:
        problems.append(translate("Records", "The row is not an object; it is shown as it came."))
        row = {}
    get = row.get
    backup_id = _text(get("id"), "id", problems)
    zone, iso_offset = zone_from_id(backup_id)
    status_raw = _text(get("status"), "status", problems)
    status = status_of(status_raw)
    if status is Status.UNKNOWN:
        problems.append(
            translate("Records", "Status {status} is not one the viewer knows.").format(
                status=repr(status_raw)
            )
        )
    started = _time(get("add_time"), iso_offset, zone, _START_UNREADABLE, problems)
    if started is None and zone is not None:
        started = _time_from_id(backup_id, zone)
        if started is not None:
            problems.append(
                translate("Records", "The start time shown is the one in the backup ID.")
            )
    updated = _time(get("update_time"), iso_offset, zone, _UPDATE_UNREADABLE, problems)
    parts, parts_error = parts_of(get("config"))
    if parts_error:
        problems.append(parts_error)
    schedule_id = _text(get("backupid"), "backupid", problems)
    schedule, schedule_error, schedule_text = schedule_of(get("cron"), triggers.get(schedule_id))
    return Record(
        backup_id,
        _text(get("name"), "name", problems),
        status,
        status_raw,
        _text(get("msg"), "msg", problems),
        started,
        updated,
        zone is not None,
        parts,
        schedule,
        schedule_error,
        schedule_text,
        _text(get("folder"), "folder", problems),
        _text(get("add_by"), "add_by", problems),
        _text(get("update_by"), "update_by", problems),
        schedule_id,
        tuple(problems),
        raw,
    )


def _text(value: Any, key: str, problems: list[str]) -> str:
    """A field as text: strings as they are, numbers written out, anything else noted."""
    if type(value) is str:
        return value
    if value is None:
        return ""
    if isinstance(value, bool | dict | list):
        problems.append(
            translate("Records", "Field {field} is {value} instead of text.").format(
                field=repr(key), value=_short(value)
            )
        )
        return _short(value)
    return str(value)


def _json_text(value: Any) -> str:
    """A value as JSON text; its Python form when it is none (say, nested too deep)."""
    try:
        return orjson.dumps(value).decode()
    except (TypeError, orjson.JSONEncodeError):
        try:
            return repr(value)
        except RecursionError:
            return translate("Records", "(a {kind} nested too deep to show)").format(
                kind=type(value).__name__
            )


def _short(value: Any) -> str:
    return _json_text(value)[:200]


def status_of(raw: str) -> Status:
    """The status a row's ``status`` field says: ``"0"`` (``0.0``, ``"running"``) is RUNNING,
    ``"1"`` SUCCEEDED, ``"2"`` FAILED; UNKNOWN for anything else."""
    found = STATUS_CODES.get(raw)
    if found is not None:
        return found
    key = raw.strip().lower()
    if key.endswith(".0"):
        key = key[:-2]
    return STATUS_CODES.get(key) or _STATUS_WORDS.get(key) or Status.UNKNOWN


_NO_ZONE: tuple[None, str] = (None, "")
_ZONES: dict[str, tuple[timezone, str]] = {}


def zone_from_id(backup_id: str) -> tuple[timezone, str] | tuple[None, str]:
    """The server's UTC offset from a backup id's suffix (``…+0800``) and the same offset in
    ISO form (``+08:00``); ``(None, "")`` when the id carries none."""
    match = _ID_TIME.match(backup_id)
    if match is None:
        return _NO_ZONE
    suffix = backup_id[-5:]
    known = _ZONES.get(suffix)
    if known is not None:
        return known
    sign, hours, minutes = match.groups()[-3:]
    if int(hours) > 23 or int(minutes) > 59:
        return _NO_ZONE
    delta = timedelta(hours=int(hours), minutes=int(minutes))
    zone = (timezone(-delta if sign == "-" else delta), f"{sign}{hours}:{minutes}")
    _ZONES[suffix] = zone
    return zone


def _time_from_id(backup_id: str, zone: timezone) -> datetime | None:
    """When the backup started, as its id tells (``Backup_2025.02.26-11.12.00.205+0800``)."""
    match = _ID_TIME.match(backup_id)
    if match is None:
        return None
    year, month, day, hour, minute, second, millis = match.groups()[:7]
    try:
        return datetime(
            int(year), int(month), int(day), int(hour), int(minute), int(second),
            int((millis or "0").ljust(3, "0")) * 1000, tzinfo=zone,
        )  # fmt: skip
    except ValueError:
        return None


def _time(
    value: Any, iso_offset: str, zone: timezone | None, unreadable: str, problems: list[str]
) -> datetime | None:
    """Read a server-local time (``yyyy-MM-dd HH:mm:ss.S…``) or epoch milliseconds;
    `unreadable` (marked for translation) says what a value that is neither was."""
    if type(value) is str and iso_offset:
        try:
            return datetime.fromisoformat(value + iso_offset)  # the common case, fast
        except ValueError:
            pass
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip())
        except ValueError:
            problems.append(translate("Records", unreadable).format(value=repr(value)))
            return None
        if moment.tzinfo is not None:
            return moment.astimezone(zone) if zone is not None else moment
        return moment.replace(tzinfo=zone) if zone is not None else moment
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return datetime.fromtimestamp(value / 1000, tz=zone or UTC)
        except (OverflowError, OSError, ValueError):
            pass
    problems.append(translate("Records", unreadable).format(value=_short(value)))
    return None


def parts_of(value: Any) -> tuple[tuple[str, ...], str | None]:
    if value is None or value == "":
        return (), None
    if isinstance(value, str):
        return _parts_from_text(value, words.language())
    return _parts_from_json(value, _short(value))


@lru_cache(maxsize=4096)
def _parts_from_text(text: str, _language: object) -> tuple[tuple[str, ...], str | None]:
    """(Cached by the language of the moment, which its error is in.)"""
    if len(text) > MAX_FIELD:
        return (), translate("Records", "Content: {error}").format(error=_too_long(len(text)))
    try:
        parsed = orjson.loads(text)
    except orjson.JSONDecodeError:
        return (), _not_parts(repr(text[:200]))
    return _parts_from_json(parsed, text)


def _parts_from_json(value: Any, shown: str) -> tuple[tuple[str, ...], str | None]:
    items = value if isinstance(value, list) else [value]
    parts: list[str] = []
    for item in items:
        part = item.get("id") if isinstance(item, dict) else item
        if isinstance(part, str) and part:
            parts.append(part)
        else:
            return tuple(parts), _not_parts(repr(shown[:200]))
    return tuple(parts), None


def _too_long(length: int) -> str:
    return translate(
        "Records", "{length:,} characters long, far longer than any real one: it is not read."
    ).format(length=length)


def _not_parts(shown: str) -> str:
    return translate("Records", "Content {content} is not the documented list of parts.").format(
        content=shown
    )


_Decoded = tuple["Schedule | None", str | None, str]


def schedule_of(own: Any, from_list: str | None) -> _Decoded:
    """Decode the row's own trigger, else the one its schedule carries.

    Gives the schedule (or None), why it could not be decoded, and the text the table shows.
    """
    return decoded_trigger(trigger_code(own, from_list))


def trigger_code(own: Any, from_list: str | None) -> str:
    """What a table keeps of a row's schedule: its own trigger's text (JSON for one sent as
    an object), else the `trigger_code` its schedule carries; "" for none. A text too long to
    read is kept as its first `MAX_FIELD` characters and its length: a code longer than
    `MAX_FIELD` is never a trigger's text."""
    if own is None or own == "":
        return from_list or ""
    text = own if isinstance(own, str) else _json_text(own)
    return f"{text[:MAX_FIELD]}…{len(text)}" if len(text) > MAX_FIELD else text


def schedule_words(code: str) -> str:
    """The schedule of a `trigger_code` in words, in the language of the moment (what the
    table's Schedule column shows)."""
    return decoded_trigger(code)[2]


def decoded_trigger(code: str) -> _Decoded:
    """A `trigger_code` decoded, as `schedule_of` does."""
    return _decode_trigger(code, words.language()) if code else (None, None, "")


@lru_cache(maxsize=32_768)
def _decode_trigger(text: str, _language: object) -> _Decoded:
    """A `trigger_code` decoded (cached by the language of the moment: the words of a
    schedule, its warnings and errors are in it). The cache holds the schedules of a 10 MB
    answer (27,000): a schedule's words are asked for each time it is shown, and the
    schedules of a refresh are the ones of the load before."""
    from backupviewer.core.errors import ScheduleError
    from backupviewer.core.schedule.trigger import parse_trigger

    if len(text) > MAX_FIELD:
        error = _too_long(int(text.rpartition("…")[2]))
        return None, error, translate("Records", "Unreadable schedule: {error}").format(error=error)
    try:
        schedule = parse_trigger(text)
    except ScheduleError as exc:
        return (
            None,
            str(exc),
            translate("Records", "Unreadable schedule: {error}").format(error=exc),
        )
    return schedule, None, schedule.describe()


# Both remember texts in a language: forgotten when the interface's changes.
words.forget_on_change(_parts_from_text.cache_clear)
words.forget_on_change(_decode_trigger.cache_clear)

"""The backup schedules as ``api/query`` lists them, read forgivingly into `ScheduleItem`s."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timezone
from typing import Any

from backupviewer.core import content
from backupviewer.core.datafor.server_entry import on_server
from backupviewer.core.records import (
    MAX_FIELD,
    parts_of,
    schedule_of,
    schedule_words,
    trigger_code,
)
from backupviewer.core.schedule.trigger import Schedule
from backupviewer.core.words import QT_TRANSLATE_NOOP, translate

_LAST_RUN = QT_TRANSLATE_NOOP("ScheduleList", "Last run")
_NEXT_RUN = QT_TRANSLATE_NOOP("ScheduleList", "Next run")
_ITEM_WORK = 100  # reading an item besides its trigger and contents, as characters of them
_ON = {"1", "true", "yes", "on", "enabled"}
_OFF = {"0", "false", "no", "off", "disabled"}
PAUSED = "PAUSED"
# The scheduler's states in a word (shown through translate("ScheduleList", word)).
_STATE_WORDS = {
    "PAUSED": QT_TRANSLATE_NOOP("ScheduleList", "Paused"),
    "COMPLETE": QT_TRANSLATE_NOOP("ScheduleList", "Complete"),
    "ERROR": QT_TRANSLATE_NOOP("ScheduleList", "Error"),
    "BLOCKED": QT_TRANSLATE_NOOP("ScheduleList", "Blocked"),
    "NONE": QT_TRANSLATE_NOOP("ScheduleList", "None"),
}


@dataclass(frozen=True, repr=False)
class ScheduleItem:
    """One schedule: its trigger decoded, its server times as aware datetimes (None when the
    server gave none), and what could not be read in `problems`. Its repr is short: Python
    writes one for each of thousands of schedules where it names a task that holds them."""

    id: str
    name: str
    enabled: bool
    state: str  # the scheduler's state, upper case: NORMAL, PAUSED, COMPLETE, ERROR … ("": none)
    folder: str
    parts: tuple[str, ...]
    trigger: str  # the trigger's JSON text, a `trigger_code` ("" when there is none)
    schedule: Schedule | None
    schedule_error: str | None
    job_id: str
    last_run: datetime | None
    next_run: datetime | None
    created_by: str
    created: datetime | None
    problems: tuple[str, ...]
    raw: dict[str, Any]
    listed: bool = True  # False: known only from the backups (the server's list was not read)
    server: str = ""  # the server's name in the view of all servers (see `health.fleet`)

    def __repr__(self) -> str:
        return f"ScheduleItem(id={self.id[:40]!r}, name={self.name[:40]!r})"

    @property
    def key(self) -> str:
        """What tells the schedule apart among all servers' (`Snapshot.schedule_key` of its
        rows)."""
        return on_server(self.server, self.id)

    @property
    def active(self) -> bool:
        """Whether the schedule is meant to fire: enabled and not paused."""
        return self.enabled and self.state != PAUSED

    @property
    def content_labels(self) -> str:
        return content.labels(self.parts)

    @property
    def schedule_text(self) -> str:
        """The schedule in words, in the language of the moment."""
        return schedule_words(self.trigger)

    @property
    def zone(self) -> timezone | None:
        """The server's offset, as the trigger states it."""
        return None if self.schedule is None else self.schedule.offset

    @property
    def state_text(self) -> str:
        """``Enabled``, ``Paused``, ``Disabled``, ``Complete`` …: the state in a word."""
        if not self.enabled:
            return translate("ScheduleList", "Disabled")
        if not self.state or self.state == "NORMAL":
            return translate("ScheduleList", "Enabled")
        word = _STATE_WORDS.get(self.state)
        return self.state.capitalize() if word is None else translate("ScheduleList", word)

    def next_run_after(self, now: datetime) -> tuple[datetime | None, bool]:
        """The next fire time: the server's when it gives one still ahead, else computed from
        the trigger (True); None when the schedule will not fire (or is not active)."""
        if not self.active:
            return None, False
        if self.next_run is not None and self.next_run > now:
            return self.next_run, False
        if self.schedule is None:
            return None, False
        runs = self.schedule.next_runs(now, 1)
        return (runs[0], True) if runs else (None, False)


@dataclass(frozen=True)
class ScheduleList:
    """The server's schedules, or why there are none to show (the history loads anyway)."""

    items: tuple[ScheduleItem, ...] = ()
    unavailable: str = ""  # a sentence; "" when the list was read

    @property
    def triggers(self) -> dict[str, str]:
        """Each schedule's trigger text by its id (for rows that carry none)."""
        return {item.id: item.trigger for item in self.items if item.trigger}

    @property
    def known(self) -> bool:
        return not self.unavailable


def in_parts(items: Sequence[Any], work: int = 40_000) -> Iterator[Sequence[Any]]:
    """`items` (an ``api/query`` answer's) in parts that take about the same time to read
    with `schedule_items` (some 20 ms: reading a trigger takes time in proportion to its
    length), for a window to read them between its events."""
    first = done = 0
    for index, item in enumerate(items):
        done += _ITEM_WORK
        if isinstance(item, dict):
            done += sum(min(len(text), MAX_FIELD) for key in ("cron", "config")
                        if isinstance(text := item.get(key), str))  # fmt: skip
        if done >= work:
            yield items[first : index + 1]
            first, done = index + 1, 0
    if first < len(items):
        yield items[first:]


def schedule_items(items: Iterable[Any]) -> list[ScheduleItem]:
    """The readable items of an ``api/query`` answer (objects with an id), in its order."""
    found = []
    for item in items:
        if isinstance(item, dict) and isinstance(item.get("id"), str) and item["id"]:
            found.append(schedule_item(item))
    return found


def unlisted(schedule_id: str, name: str) -> ScheduleItem:
    """A schedule known only from its backups: its failures and slow runs can be judged, its
    missed runs not."""
    return replace(schedule_item({"id": schedule_id, "name": name}), listed=False)


def schedule_item(item: dict[str, Any]) -> ScheduleItem:
    problems: list[str] = []
    trigger = item.get("cron")
    schedule, error, _ = schedule_of(trigger, None)
    if error:
        problems.append(translate("ScheduleList", "Schedule: {error}").format(error=error))
    zone = None if schedule is None else schedule.offset
    parts, parts_error = parts_of(item.get("config"))
    if parts_error:
        problems.append(parts_error)
    return ScheduleItem(
        id=item["id"],
        name=_text(item.get("name")),
        enabled=_enabled(item.get("enable"), problems),
        state=_text(item.get("state")).strip().upper(),
        folder=_text(item.get("folder")),
        parts=parts,
        trigger=trigger_code(trigger, None),
        schedule=schedule,
        schedule_error=error,
        job_id=_text(item.get("jobid")),
        last_run=_epoch(item.get("lastRun"), zone, _LAST_RUN, problems),
        next_run=_epoch(item.get("nextRun"), zone, _NEXT_RUN, problems),
        created_by=_text(item.get("add_by")),
        created=_local(item.get("add_time"), zone),
        problems=tuple(problems),
        raw=item,
    )


def _text(value: Any) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


def _enabled(value: Any, problems: list[str]) -> bool:
    """``"1"``/``"0"`` as documented; booleans and words too. Unreadable: enabled (a schedule
    the viewer cannot read is better checked than silently left out), noted."""
    word = _text(value).strip().lower()
    if word in _ON:
        return True
    if word in _OFF:
        return False
    problems.append(
        translate(
            "ScheduleList", "Enabled {value} is not a value the viewer knows; taken as enabled."
        ).format(value=repr(value))
    )
    return True


def _epoch(value: Any, zone: timezone | None, what: str, problems: list[str]) -> datetime | None:
    """Epoch milliseconds (a number or numeric text) as an aware time in `zone`."""
    if value is None or value == "":
        return None
    try:
        ms = int(value) if not isinstance(value, bool) else None
    except (TypeError, ValueError):
        ms = None
    unreadable = translate("ScheduleList", "{what} {value} is not a time the viewer can read.")
    if ms is None or ms <= 0:
        problems.append(unreadable.format(what=translate("ScheduleList", what), value=repr(value)))
        return None
    try:
        return datetime.fromtimestamp(ms / 1000, tz=zone or UTC)
    except (OverflowError, OSError, ValueError):
        problems.append(unreadable.format(what=translate("ScheduleList", what), value=repr(value)))
        return None


def _local(value: Any, zone: timezone | None) -> datetime | None:
    """A server-local time (``yyyy-MM-dd HH:mm:ss.S``) in the trigger's offset; None when
    either is missing or unreadable."""
    if not isinstance(value, str) or zone is None:
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return moment.astimezone(zone) if moment.tzinfo else moment.replace(tzinfo=zone)

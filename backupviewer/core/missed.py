"""Missed runs – a schedule's fire times at which no backup started – as words and as a record.

Fire times missed in a row are one `MissedRun` (one row of the table), however many they are.
The viewer keeps a missed run in its table as the JSON of `description`: its fire times, until
when a backup would have counted, and the schedule as the server listed it; `missed_record`
reads it back for the details.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timezone
from typing import Any

from backupviewer.core.durations import span_text
from backupviewer.core.records import Record, Status
from backupviewer.core.schedule.items import ScheduleItem, schedule_item
from backupviewer.core.words import one_after_other, translate

_NO_SCHEDULE = schedule_item({"id": ""})  # (the words of a run do not name its schedule)


@dataclass(frozen=True, slots=True)
class MissedRun:
    """`count` fire times of `schedule` in a row, from `due` to `last` (ms since the epoch),
    at which no backup started (from a minute before each until the tolerance passed or the
    next fire time came; for the last, until `until`). `every`: ms between them when they
    are evenly spaced (0: one, or not evenly); `cut`: the fire times before `due` were not
    judged (beyond the budget of fire times)."""

    schedule: ScheduleItem
    due: int
    until: int
    zone: timezone
    count: int = 1
    last: int = 0  # (0: `due`, a single fire time)
    every: int = 0
    cut: bool = False

    @property
    def final(self) -> int:
        """The last of its fire times."""
        return self.last or self.due


def description(run: MissedRun) -> dict[str, Any]:
    """What a missed run's row keeps: its times in ISO 8601 in the server's zone, how many
    and how far apart, and the schedule's item."""
    zone = run.zone
    body: dict[str, Any] = {"due": _iso(run.due, zone), "until": _iso(run.until, zone)}
    if run.count > 1:
        body.update(count=run.count, last=_iso(run.final, zone), every_ms=run.every)
    if run.cut:
        body["earlier_not_judged"] = True
    return {"missed": body, "schedule": run.schedule.raw}


def message(run: MissedRun) -> str:
    """Why the row counts as missed: ``No backup started between 02:00 and 02:15.``; for
    fire times in a row ``Missed 43,200 runs in a row, every 1 min, from … to ….``"""
    if run.count <= 1:
        start, end = _local(run.due, run.zone), _local(run.until, run.zone)
        same_day = start.date() == end.date()
        shown_end = f"{end:%H:%M}" if same_day else f"{end:%Y-%m-%d %H:%M}"
        words = translate(
            "Missed",
            "No backup started between {start} and {end} "
            "(a backup up to a minute early would have counted).",
        ).format(start=f"{start:%H:%M}", end=shown_end)
    else:
        first, last = _local(run.due, run.zone), _local(run.final, run.zone)
        shape = "%Y-%m-%d %H:%M:%S" if first.second or last.second else "%Y-%m-%d %H:%M"
        if run.every:
            words = translate(
                "Missed",
                "Missed {count:,} runs in a row, every {every}, from {first} to {last}: no "
                "backup started for any of them.",
            )
        else:
            words = translate(
                "Missed",
                "Missed {count:,} runs in a row, from {first} to {last}: no backup started for "
                "any of them.",
            )
        words = words.format(
            count=run.count,
            every=span_text(run.every),
            first=first.strftime(shape),
            last=last.strftime(shape),
        )
    if run.cut:
        words = one_after_other(
            words,
            translate(
                "Missed", "Earlier runs were not judged: too many fire times to judge them all."
            ),
        )
    return words


def missed_count(record: Record) -> int:
    """How many fire times in a row the record of a missed run stands for (see `message`)."""
    raw = record.raw if record.status is Status.MISSED else None
    body = raw.get("missed") if isinstance(raw, dict) else None
    count = body.get("count", 1) if isinstance(body, dict) else 1
    return count if isinstance(count, int) and count > 0 else 1


def missed_record(value: Any) -> Record:
    """The record of a missed run from its `description` (as parsed JSON); the last of its
    fire times is the record's `updated` time."""
    item = schedule_item(value.get("schedule") or {"id": ""}) if isinstance(value, dict) else None
    run = _run_of(value, item)
    if item is None or run is None:
        raise ValueError("not the description of a missed run")
    return Record(
        id="",
        name=item.name,
        status=Status.MISSED,
        status_raw="",
        message=message(run),
        started=_local(run.due, run.zone),
        updated=_local(run.final, run.zone),
        zone_known=True,
        parts=item.parts,
        schedule=item.schedule,
        schedule_error=item.schedule_error,
        schedule_text=item.schedule_text,
        folder=item.folder,
        created_by="",
        updated_by="",
        schedule_id=item.id,
        problems=(),
        raw=value,
    )


def message_of(value: Any) -> str:
    """The `message` of a missed run from its `description` (as parsed JSON), in the
    language of the moment ("" for what is no description)."""
    run = _run_of(value, _NO_SCHEDULE)
    return "" if run is None else message(run)


def _run_of(value: Any, item: ScheduleItem | None) -> MissedRun | None:
    """The missed run a `description` describes, of `item` (None: not a description)."""
    body = value.get("missed") if isinstance(value, dict) else None
    due = _read(body, "due")
    if item is None or due is None or not isinstance(body, dict):
        return None
    until = _read(body, "until")
    last = _read(body, "last") or due
    zone = due.tzinfo if isinstance(due.tzinfo, timezone) else UTC
    count = body.get("count", 1)
    every = body.get("every_ms", 0)
    return MissedRun(
        item,
        _ms(due),
        _ms(until or due),
        zone,
        count=count if isinstance(count, int) and count > 0 else 1,
        last=_ms(last),
        every=every if isinstance(every, int) and every > 0 else 0,
        cut=body.get("earlier_not_judged") is True,
    )


def _iso(ms: int, zone: timezone) -> str:
    return _local(ms, zone).isoformat(timespec="milliseconds")


def _local(ms: int, zone: timezone) -> datetime:
    return datetime.fromtimestamp(ms / 1000, UTC).astimezone(zone)


def _ms(moment: datetime) -> int:
    return round(moment.timestamp() * 1000)


def _read(body: Any, key: str) -> datetime | None:
    value = body.get(key) if isinstance(body, dict) else None
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None

"""A missed run – a schedule's fire time at which no backup started – as words and as a record.

The viewer keeps a missed run in its table as the JSON of `description`: the fire time, until
when a backup would have counted, and the schedule as the server listed it; `missed_record`
reads it back for the details.
"""

from __future__ import annotations

from datetime import UTC, datetime, timezone
from typing import Any

from backupviewer.core.records import Record, Status
from backupviewer.core.schedule_list import ScheduleItem, schedule_item
from backupviewer.core.words import translate


def description(item: ScheduleItem, due: int, until: int, zone: timezone) -> dict[str, Any]:
    """What a missed run's row keeps: `due` and `until` (ms since the epoch) in ISO 8601 in
    the server's `zone`, and the schedule's item."""
    return {"missed": {"due": _iso(due, zone), "until": _iso(until, zone)}, "schedule": item.raw}


def message(due: int, until: int, zone: timezone) -> str:
    """Why the run counts as missed: ``No backup started between 02:00 and 02:15.``"""
    start, end = _local(due, zone), _local(until, zone)
    same_day = start.date() == end.date()
    shown_end = f"{end:%H:%M}" if same_day else f"{end:%Y-%m-%d %H:%M}"
    return translate(
        "Missed",
        "No backup started between {start} and {end} "
        "(a backup up to a minute early would have counted).",
    ).format(start=f"{start:%H:%M}", end=shown_end)


def missed_record(value: Any) -> Record:
    """The record of a missed run from its `description` (as parsed JSON)."""
    body = value.get("missed") if isinstance(value, dict) else None
    item = schedule_item(value.get("schedule") or {"id": ""}) if isinstance(value, dict) else None
    due = _read(body, "due")
    until = _read(body, "until")
    if item is None or due is None:
        raise ValueError("not the description of a missed run")
    zone = due.tzinfo if isinstance(due.tzinfo, timezone) else UTC
    words = message(_ms(due), _ms(until or due), zone)
    return Record(
        id="",
        name=item.name,
        status=Status.MISSED,
        status_raw="",
        message=words,
        started=due,
        updated=None,
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

"""Reading a trigger's fields as servers write them: numbers as numbers or text, lists, times
(see trigger-format.md's tolerance rules); a value that cannot be used is a `ScheduleError`."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import UTC, datetime, timezone
from typing import Any

from backupviewer.core.errors import ScheduleError
from backupviewer.core.words import translate

_MAX_NUMBER = 10**15
_NUMBER_RE = re.compile(r"\s*([+-]?[0-9]{1,16})(?:\.0*)?\s*")


def label(body: Mapping[Any, Any]) -> str | None:
    label = body.get("uiPassParam")
    return label if isinstance(label, str) else None


def start(body: Mapping[Any, Any], warnings: list[str]) -> datetime:
    """The aware ``startTime``, which the run times depend on; naive means UTC (with a warning)."""
    start = when(body.get("startTime"), "startTime")
    if start is None:
        raise ScheduleError(
            translate(
                "TriggerFields", "The schedule has no startTime, so its run times are unknown."
            )
        )
    return aware(start, warnings)


def optional_start(body: Mapping[Any, Any], warnings: list[str]) -> datetime | None:
    """The ``startTime`` of a cron trigger, which only opens the window and gives the offset."""
    raw = body.get("startTime")
    try:
        start = when(raw, "startTime")
    except ScheduleError:
        message = translate(
            "TriggerFields", "The startTime {value} cannot be read; times are shown in UTC."
        )
        warnings.append(message.format(value=show(raw)))
        return None
    if start is None:
        warnings.append(
            translate(
                "TriggerFields",
                "The trigger has no startTime, so its UTC offset is unknown; UTC is used.",
            )
        )
        return None
    return aware(start, warnings)


def aware(start: datetime, warnings: list[str]) -> datetime:
    if start.utcoffset() is None:
        warnings.append(
            translate("TriggerFields", "The startTime has no UTC offset; UTC is assumed.")
        )
        start = start.replace(tzinfo=UTC)
    return start


def end(
    body: Mapping[Any, Any], offset: timezone, start: datetime | None, warnings: list[str]
) -> datetime | None:
    """The aware ``endTime`` or None; a naive one is read in the start's offset."""
    end = when(body.get("endTime"), "endTime")
    if end is None:
        return None
    if end.utcoffset() is None:
        end = end.replace(tzinfo=offset)
    check_order(start, end, warnings)
    return end


def check_order(start: datetime | None, end: datetime | None, warnings: list[str]) -> None:
    """Warn of an end before the start: the server refuses such a trigger."""
    if start is not None and end is not None and end < start:
        warnings.append(
            translate(
                "TriggerFields", "The endTime is before the startTime, so the schedule never runs."
            )
        )


def when(raw: object, what: str) -> datetime | None:
    if blank(raw):
        return None
    message = translate("TriggerFields", "The {field} {value} is not a date and time.")
    if not isinstance(raw, str):
        raise ScheduleError(message.format(field=what, value=show(raw)))
    try:
        return datetime.fromisoformat(raw.strip())
    except ValueError:
        raise ScheduleError(message.format(field=what, value=show(raw))) from None


def offset_of(start: datetime | None) -> timezone:
    delta = None if start is None else start.utcoffset()
    return UTC if delta is None else timezone(delta)


def number(raw: object, what: str, *, default: int) -> int:
    """An integer given as a number or numeric text; `default` when absent, null or ""."""
    if blank(raw):
        return default
    value: int | None = None
    if isinstance(raw, int) and not isinstance(raw, bool):
        value = raw
    elif isinstance(raw, float) and math.isfinite(raw) and raw.is_integer():
        value = int(raw)
    elif isinstance(raw, str) and (match := _NUMBER_RE.fullmatch(raw)):
        value = int(match[1])
    if value is None or abs(value) > _MAX_NUMBER:
        message = translate("TriggerFields", "The {field} {value} is not a usable whole number.")
        raise ScheduleError(message.format(field=what, value=show(raw)))
    return value


def numbers(raw: object, what: str, low: int, high: int) -> tuple[int, ...]:
    """A JSON list of numbers (or numeric strings) within `low`…`high`, duplicates dropped."""
    if blank(raw):
        return ()
    if not isinstance(raw, list | tuple):
        message = translate("TriggerFields", "The {field} {value} is not a list.")
        raise ScheduleError(message.format(field=what, value=show(raw)))
    values = []
    for item in raw:
        value = None if blank(item) else number(item, what, default=-1)
        if value is None or not low <= value <= high:
            message = translate(
                "TriggerFields", "The {field} value {value} is out of range ({low}–{high})."
            )
            raise ScheduleError(message.format(field=what, value=show(item), low=low, high=high))
        values.append(value)
    return tuple(dict.fromkeys(values))


def blank(raw: object) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def show(raw: object) -> str:
    """A short, safe rendering of a JSON value for a message."""
    if isinstance(raw, Mapping | list | tuple):
        if isinstance(raw, Mapping):
            return translate("TriggerFields", "(a JSON object)")
        return translate("TriggerFields", "(a JSON list)")
    if isinstance(raw, int) and abs(raw) > _MAX_NUMBER:
        return translate("TriggerFields", "(a huge number)")
    shown = repr(raw)
    return shown if len(shown) <= 40 else shown[:37] + "…"

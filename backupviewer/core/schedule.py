"""Pentaho 9.3 scheduler triggers (a log row's ``cron`` JSON): decode, describe, next runs."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from backupviewer.core import trigger_fields as fields
from backupviewer.core.errors import ScheduleError
from backupviewer.core.quartz import CronError, CronRule, next_fire, parse_cron
from backupviewer.core.quartz_words import clock_text, describe_rule, join_words, ordinal

__all__ = ["Schedule", "ScheduleError", "offset_text", "parse_trigger"]

logger = logging.getLogger(__name__)

DAY = 86400
SEARCH_YEARS = 100
"""`next_runs` looks this many years ahead at most, then returns what it found."""

_MAX_INTERVAL = 10**10  # seconds, about 300 years
_INTERVAL_UNITS = (
    (7 * DAY, "week", "WEEKLY"),
    (DAY, "day", "DAILY"),
    (3600, "hour", "HOURS"),
    (60, "minute", "MINUTES"),
    (1, "second", "SECONDS"),
)
_TO_BE_GENERATED = "TO_BE_GENERATED"
_WORK_DAYS = frozenset(range(1, 6))


@dataclass(frozen=True, slots=True)
class Schedule:
    """A decoded trigger: what the detail pane shows, and its fire times.

    `kind` follows from the structure (RUN_ONCE, SECONDS, MINUTES, HOURS, DAILY, WEEKLY,
    MONTHLY, YEARLY, CRON); `label` is the raw ``uiPassParam``. `repeat_count` (-1 = forever)
    and `interval_seconds` are set for simple triggers; `interval_seconds` also for
    "every N days". `warnings` flag problems; `notes` explain (daylight saving and the like).
    """

    kind: str
    label: str | None
    start: datetime | None
    end: datetime | None
    offset: timezone
    summary: str
    expression: str | None = None
    repeat_count: int | None = None
    interval_seconds: int | None = None
    warnings: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    rule: CronRule | None = field(default=None, repr=False)

    def describe(self) -> str:
        """One line in words, always naming the time of day and the UTC offset."""
        return self.summary

    def quartz(self) -> str | None:
        """The 7-field Quartz expression, or None where none is exact (simple triggers)."""
        return self.expression

    def next_runs(self, after: datetime, count: int) -> list[datetime]:
        """Up to `count` fire times strictly after the aware `after`, in the trigger's offset.

        Raises `ScheduleError` for a naive `after`; returns fewer (or no) runs when the schedule
        ends or nothing fires within `SEARCH_YEARS` years.
        """
        if not isinstance(after, datetime) or after.utcoffset() is None:
            raise ScheduleError("The time to look ahead from needs a UTC offset.")
        runs: list[datetime] = []
        if count <= 0:
            return runs
        try:
            if self.rule is None:
                self._interval_runs(after, count, runs)
            else:
                self._rule_runs(self.rule, after, count, runs)
        except OverflowError:
            logger.debug("Fire times stop at the end of the calendar", exc_info=True)
        except ValueError:
            logger.warning("Unexpected failure computing fire times", exc_info=True)
        return runs

    def _interval_runs(self, after: datetime, count: int, runs: list[datetime]) -> None:
        """Simple triggers: `start` + k·interval for k = 0 … repeat_count, within `end`."""
        if self.start is None:
            return
        step = timedelta(seconds=self.interval_seconds or 0)
        repeats = (self.repeat_count or 0) if step else 0
        if after < self.start:
            k = 0
        elif step:
            k = (after - self.start) // step + 1
        else:
            return
        while len(runs) < count and (repeats < 0 or k <= repeats):
            fire = self.start + k * step
            if self.end is not None and fire > self.end:
                return
            runs.append(fire.astimezone(self.offset))
            k += 1

    def _rule_runs(self, rule: CronRule, after: datetime, count: int, runs: list[datetime]) -> None:
        """Quartz rules: walk the calendar in the trigger's own (fixed) offset."""
        try:
            earliest = after.astimezone(self.offset).replace(tzinfo=None, microsecond=0)
            earliest += timedelta(seconds=1)
        except OverflowError:
            if after.year > 1:
                return  # later than any wall time of this calendar
            earliest = datetime.min
        if self.start is not None:
            earliest = max(earliest, _ceil_second(_wall(self.start, self.offset)))
        end = None if self.end is None else _wall(self.end, self.offset)
        last_year = earliest.year + SEARCH_YEARS
        while len(runs) < count:
            fire = next_fire(rule, earliest, last_year)
            if fire is None or (end is not None and fire > end):
                return
            runs.append(fire.replace(tzinfo=self.offset))
            earliest = fire + timedelta(seconds=1)


def parse_trigger(value: str | bytes | Mapping[str, Any]) -> Schedule:
    """Decode the ``cron`` JSON of a log row (text or an already-parsed dict).

    Raises `ScheduleError`, and nothing else, for anything it cannot read.
    """
    try:
        return _parse(value)
    except ScheduleError:
        raise
    except (ArithmeticError, LookupError, TypeError, ValueError, RecursionError) as exc:
        logger.warning("Unexpected failure reading a schedule trigger", exc_info=True)
        raise ScheduleError("The schedule could not be read.") from exc


def _parse(value: object) -> Schedule:
    document = _load(value)
    if not isinstance(document, Mapping):
        raise ScheduleError("The schedule is not a JSON object.")
    readers: dict[str, Callable[[Mapping[Any, Any]], Schedule]] = {
        "simpleJobTrigger": _simple,
        "complexJobTrigger": _complex,
        "cronJobTrigger": _cron,
    }
    found = [key for key in readers if key in document]
    if len(found) != 1:
        names = join_words(list(readers))
        raise ScheduleError(f"The schedule is not exactly one of {names}.")
    body = document[found[0]]
    if not isinstance(body, Mapping):
        raise ScheduleError(f"The {found[0]} is not a JSON object.")
    return readers[found[0]](body)


def _load(value: object) -> object:
    if isinstance(value, Mapping):
        return value
    if not isinstance(value, str | bytes | bytearray):
        raise ScheduleError("The schedule is neither JSON text nor a JSON object.")
    try:
        return json.loads(value)
    except (ValueError, RecursionError):
        raise ScheduleError("The schedule is not valid JSON.") from None


# -- the three trigger kinds ---------------------------------------------------------------------


def _simple(body: Mapping[Any, Any]) -> Schedule:
    """``simpleJobTrigger``: once at `startTime`, or every interval `repeatCount` more times."""
    warnings: list[str] = []
    start = fields.start(body, warnings)
    offset = fields.offset_of(start)
    end = fields.end(body, offset, start, warnings)
    interval = fields.number(body.get("repeatInterval"), "repeatInterval", default=0)
    if not 0 <= interval <= _MAX_INTERVAL:
        raise ScheduleError(f"The repeatInterval {interval} s is out of range.")
    raw_count = body.get("repeatCount")
    count = fields.number(raw_count, "repeatCount", default=0)
    if fields.blank(raw_count) and interval:
        warnings.append(
            "The trigger has no repeatCount; the server reads that as 0 and runs it once."
        )
    count = max(count, -1)  # the server treats every negative count as "forever"
    once = not interval or not count
    when = f"{start:%Y-%m-%d} {_clock(start)}"
    if once:
        kind = "RUN_ONCE"
        summary = f"Once, on {start:%Y-%m-%d} at {_clock(start)} ({offset_text(offset)})"
    else:
        unit, kind = _interval_unit(interval)
        summary = f"{unit.capitalize()} from {when} ({offset_text(offset)})"
    summary += _until(end, offset)
    if not once and count > 0:
        repeats = "1 repeat" if count == 1 else f"{count} repeats"
        summary += f"; runs {count + 1} times (the first run and {repeats})"
    return Schedule(
        kind=kind,
        label=fields.label(body),
        start=start,
        end=end,
        offset=offset,
        summary=summary,
        repeat_count=count,
        interval_seconds=interval,
        warnings=tuple(warnings),
    )


def _complex(body: Mapping[Any, Any]) -> Schedule:
    """``complexJobTrigger``: day/month/year lists at the hour and minute of `startTime`."""
    warnings: list[str] = []
    notes: list[str] = []
    start = fields.start(body, warnings)
    offset = fields.offset_of(start)
    end = fields.end(body, offset, start, warnings)
    _check_cron_string(body.get("cronString"), warnings)
    dows = fields.numbers(body.get("daysOfWeek"), "daysOfWeek", 0, 6)
    weeks = fields.numbers(body.get("weeksOfMonth"), "weeksOfMonth", 0, 4)
    doms = fields.numbers(body.get("daysOfMonth"), "daysOfMonth", 1, 31)
    months = fields.numbers(body.get("monthsOfYear"), "monthsOfYear", 0, 11)
    years = fields.numbers(body.get("years"), "years", 1970, 2099)
    if dows and doms:
        warnings.append("Both daysOfWeek and daysOfMonth are set; the server uses daysOfWeek.")
    if weeks and not dows:
        warnings.append("weeksOfMonth is ignored because daysOfWeek is empty.")
    dom_field, dow_field, interval = "?", "?", None
    if dows and weeks:
        dow_field = ",".join(_nth_item(d, w) for d in dows for w in weeks)
    elif dows:
        dow_field = ",".join(str(d + 1) for d in dows)
    elif doms:
        dom_field = ",".join(str(d) for d in doms)
    else:
        dom_field, interval = _every_days(body, warnings, notes)
    month_field = ",".join(str(m + 1) for m in months) or "*"
    year_field = ",".join(str(y) for y in years) or "*"
    expression = f"0 {start.minute} {start.hour} {dom_field} {month_field} {dow_field} {year_field}"
    rule = _rule(expression)
    notes.append(_dst_note(offset))
    summary = f"{_capital(describe_rule(rule))} ({offset_text(offset)}){_until(end, offset)}"
    return Schedule(
        kind=_complex_kind(dows, weeks, doms, months),
        label=fields.label(body),
        start=start,
        end=end,
        offset=offset,
        summary=summary,
        expression=rule.text,
        interval_seconds=interval,
        warnings=tuple(warnings),
        notes=tuple(notes),
        rule=rule,
    )


def _cron(body: Mapping[Any, Any]) -> Schedule:
    """``cronJobTrigger``: the user's own Quartz expression."""
    warnings: list[str] = []
    text = body.get("cronString")
    if not isinstance(text, str) or not text.strip():
        raise ScheduleError("The cron trigger has no cronString.")
    try:
        rule = parse_cron(text)
    except CronError as exc:
        raise ScheduleError(f"The cron string {fields.show(text)} cannot be read. {exc}") from None
    start = fields.optional_start(body, warnings)
    offset = fields.offset_of(start)
    end = fields.end(body, offset, start, warnings)
    warnings.extend(_cron_warnings(rule.features))
    described = f"{describe_rule(rule)}, {offset_text(offset)}"
    return Schedule(
        kind="CRON",
        label=fields.label(body),
        start=start,
        end=end,
        offset=offset,
        summary=f"CRON: {rule.text} ({described}){_until(end, offset)}",
        expression=rule.text,
        warnings=tuple(warnings),
        notes=(_dst_note(offset),),
        rule=rule,
    )


# -- pieces of the structure ----------------------------------------------------------------------


def _complex_kind(
    dows: tuple[int, ...], weeks: tuple[int, ...], doms: tuple[int, ...], months: tuple[int, ...]
) -> str:
    """Pentaho's own classification of a complex trigger."""
    if months:
        return "YEARLY"
    if (dows and weeks) or (doms and not dows):
        return "MONTHLY"
    if dows and set(dows) != _WORK_DAYS:
        return "WEEKLY"
    return "DAILY"


def _check_cron_string(raw: object, warnings: list[str]) -> None:
    """A complex trigger's ``cronString`` other than ``TO_BE_GENERATED`` is not used."""
    if isinstance(raw, str) and raw.strip() and raw.strip() != _TO_BE_GENERATED:
        warnings.append(
            f"The cronString {fields.show(raw)} is ignored; the schedule follows the day and "
            "month lists."
        )


def _every_days(
    body: Mapping[Any, Any], warnings: list[str], notes: list[str]
) -> tuple[str, int | None]:
    """Day-of-month field (and interval) without day lists: every N days, or every day."""
    raw = body.get("cronString")
    if isinstance(raw, str) and raw.strip() == _TO_BE_GENERATED:
        interval = _whole_days(body.get("repeatInterval"))
        if interval == DAY:
            return "*", interval
        notes.append(_stepping_note(interval // DAY))
        return f"*/{interval // DAY}", interval
    _check_daily_interval(body.get("repeatInterval"), warnings)
    return "*", None


def _nth_item(dow: int, week: int) -> str:
    """Quartz ``d#k`` (or ``dL`` for the last week) from JSON day and week numbers."""
    return f"{dow + 1}L" if week == 4 else f"{dow + 1}#{week + 1}"


def _rule(expression: str) -> CronRule:
    try:
        return parse_cron(expression)
    except CronError as exc:
        raise ScheduleError(f"The schedule cannot be expressed in Quartz. {exc}") from None


def _whole_days(raw: object) -> int:
    """The ``repeatInterval`` of "every N days": a multiple of a day, N from 1 to 31."""
    interval = fields.number(raw, "repeatInterval", default=0)
    if interval <= 0 or interval % DAY:
        raise ScheduleError(
            f"“Every N days” needs a repeatInterval in whole days, not {fields.show(raw)} s."
        )
    if interval // DAY > 31:
        raise ScheduleError(f"“Every {interval // DAY} days” is more than Quartz's 31-day step.")
    return interval


def _check_daily_interval(raw: object, warnings: list[str]) -> None:
    """Warn of a ``repeatInterval`` other than a day on an every-day trigger (it is ignored)."""
    if fields.blank(raw):
        return
    try:
        ok = fields.number(raw, "repeatInterval", default=DAY) == DAY
    except ScheduleError:
        ok = False
    if not ok:
        warnings.append(
            f"The repeatInterval is {fields.show(raw)} s, not one day (86400 s); "
            "the server ignores it and runs every day."
        )


def _cron_warnings(features: frozenset[str]) -> list[str]:
    """What a Pentaho 9.3 server does differently with this Quartz expression."""
    warnings = []
    rejected = [
        text
        for feature, text in (
            ("W", "'W' (nearest weekday)"),
            ("LW", "'LW' (last weekday)"),
            ("L-n", "'L-n' (days before the last day)"),
            ("month names", "month names"),
        )
        if feature in features
    ]
    if rejected:
        warnings.append(
            f"A Pentaho 9.3 server rejects {join_words(rejected)} in a cron string, "
            "so it may not run this schedule."
        )
    if "day names" in features:
        warnings.append(
            "A Pentaho 9.3 server reads day names one day early (MON runs on Sunday); "
            "the times shown follow Quartz, where MON is Monday."
        )
    if "L in a list" in features:
        warnings.append(
            "Quartz refuses 'L' (the last day or weekday) beside other days in one field, as in "
            "'1,L' or '2#1,6L', so the server cannot run this schedule as written; put the "
            "'L' day in a schedule of its own."
        )
    if "several nth" in features:
        warnings.append(
            "Quartz refuses more than one 'n#k' day (like '2#1,6#3') in the day-of-week field, so "
            "the server cannot run this schedule as written; make one schedule for each of them."
        )
    if "star days" in features:
        warnings.append(
            "Quartz needs '?' in the day-of-month or day-of-week field; the '*' there is "
            "read as '?', and a server would reject the string as written."
        )
    return warnings


def _stepping_note(days: int) -> str:
    fires = [ordinal(day) for day in range(1, 32, days)]
    if len(fires) > 4:
        fires = [fires[0], fires[1], "…", fires[-2], fires[-1]]
    return (
        f"“Every {days} days” steps through the days of the month: it runs on the "
        f"{join_words(fires)}, then again on the 1st of the next month."
    )


def _dst_note(offset: timezone) -> str:
    return (
        f"Times use the fixed offset {offset_text(offset)} of the start time; daylight-saving "
        "changes in the server's time zone cannot be predicted."
    )


# -- words and times ------------------------------------------------------------------------------


def offset_text(offset: timezone) -> str:
    """``UTC+08:00`` (seconds added when the offset has them)."""
    delta = offset.utcoffset(None)
    sign = "-" if delta < timedelta(0) else "+"
    seconds = int(abs(delta).total_seconds())
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"UTC{sign}{hours:02d}:{minutes:02d}" + (f":{seconds:02d}" if seconds else "")


def _interval_unit(interval: int) -> tuple[str, str]:
    """("every 15 minutes", "MINUTES") for 900 seconds."""
    size, unit, kind = next(item for item in _INTERVAL_UNITS if interval % item[0] == 0)
    count = interval // size
    return (f"every {unit}" if count == 1 else f"every {count} {unit}s"), kind


def _until(end: datetime | None, offset: timezone) -> str:
    if end is None:
        return ""
    local = _wall(end, offset)
    if (local.hour, local.minute, local.second) == (23, 59, 59):
        return f", until the end of {local:%Y-%m-%d}"
    return f", until {local:%Y-%m-%d} {_clock(local)}"


def _clock(moment: datetime) -> str:
    return clock_text(moment.hour, moment.minute, moment.second)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _wall(moment: datetime, offset: timezone) -> datetime:
    """The naive wall time of an aware `moment` at `offset`, clamped to the calendar's ends."""
    try:
        return moment.astimezone(offset).replace(tzinfo=None)
    except OverflowError:
        return datetime.max if moment.year > 1 else datetime.min


def _ceil_second(moment: datetime) -> datetime:
    if not moment.microsecond:
        return moment
    return moment.replace(microsecond=0) + timedelta(seconds=1)

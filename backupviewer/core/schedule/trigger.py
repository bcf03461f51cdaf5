"""Pentaho 9.3 scheduler triggers (a log row's ``cron`` JSON): decode, describe, next runs.

`parse_trigger` reads a trigger, `cron_schedule` a bare Quartz expression; both give a
`Schedule`: its words (`describe`), its Quartz expression (`quartz`), its fire times
(`next_runs`, as the server's Quartz 2.3.2 computes them), and `warnings` – sentences on what
the server does otherwise than the trigger seems to say, or cannot do at all (an expression
Quartz refuses lists no runs). tests/test_quartz_oracle.py checks all of it against Quartz.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from backupviewer.core.errors import ScheduleError
from backupviewer.core.schedule import summary as said
from backupviewer.core.schedule import trigger_fields as fields
from backupviewer.core.schedule.list_words import join_values
from backupviewer.core.schedule.quartz import CronError, CronRule, parse_cron
from backupviewer.core.schedule.quartz_search import EndlessSearch, next_fire
from backupviewer.core.schedule.summary import DAY, offset_text
from backupviewer.core.words import translate

__all__ = ["Schedule", "ScheduleError", "cron_schedule", "offset_text", "parse_trigger"]

logger = logging.getLogger(__name__)

SEARCH_YEARS = 100
"""`next_runs` looks this many years ahead at most, then returns what it found (Quartz looks
until 100 years after the year its server started)."""

_MAX_INTERVAL = 10**10  # seconds, about 300 years
_TO_BE_GENERATED = "TO_BE_GENERATED"
_WORK_DAYS = frozenset(range(1, 6))


@dataclass(frozen=True, slots=True)
class Schedule:
    """A decoded trigger: what the detail pane shows, and its fire times.

    `kind` follows from the structure (RUN_ONCE, SECONDS, MINUTES, HOURS, DAILY, WEEKLY,
    MONTHLY, YEARLY, CRON); `label` is the raw ``uiPassParam``. `repeat_count` (-1 = forever)
    and `interval_seconds` are set for simple triggers; `interval_seconds` also for
    "every N days". `warnings` say, in the interface's language, what the server does
    otherwise than the trigger seems to say or cannot do (`refused`: then `next_runs` lists
    nothing); `notes` explain (daylight saving and the like).
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

    @property
    def refused(self) -> bool:
        """Quartz refuses this trigger, so the server cannot run it (`warnings` say why)."""
        if self.rule is not None and self.rule.refused:
            return True
        start = self.start if self.rule is None else _whole_second(self.start)
        return start is not None and self.end is not None and self.end < start

    def next_runs(
        self, after: datetime, count: int, *, last_year: int | None = None
    ) -> list[datetime]:
        """Up to `count` fire times strictly after the aware `after`, in the trigger's offset,
        each found from the one before as the server's Quartz does.

        Raises `ScheduleError` for a naive `after`; returns fewer (or no) runs when the schedule
        ends, when nothing fires up to `last_year` (by default `SEARCH_YEARS` after `after`),
        when Quartz refuses the expression, or where Quartz would search for ever.
        """
        if not isinstance(after, datetime) or after.utcoffset() is None:
            raise ScheduleError("The time to look ahead from needs a UTC offset.")
        runs: list[datetime] = []
        if count <= 0:
            return runs
        try:
            if self.rule is None:
                self._interval_runs(after, count, runs)
            elif not self.rule.refused:
                self._rule_runs(self.rule, after, count, runs, last_year)
        except OverflowError:
            logger.debug("Fire times stop at the end of the calendar", exc_info=True)
        except ValueError:
            logger.warning("Unexpected failure computing fire times", exc_info=True)
        return runs

    def _interval_runs(self, after: datetime, count: int, runs: list[datetime]) -> None:
        """Simple triggers: `start` + k·interval for k = 0 … repeat_count, before `end` (the
        start itself up to it, as Quartz's SimpleTrigger has it)."""
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
            if self.end is not None and (fire >= self.end if k else fire > self.end):
                return
            runs.append(fire.astimezone(self.offset))
            k += 1

    def _rule_runs(
        self, rule: CronRule, after: datetime, count: int, runs: list[datetime], last: int | None
    ) -> None:
        """Quartz rules: walk the calendar in the trigger's own (fixed) offset, from the whole
        second after `after` (and no earlier than the start's whole second, as Quartz does)."""
        try:
            earliest = after.astimezone(self.offset).replace(tzinfo=None, microsecond=0)
            earliest += timedelta(seconds=1)
        except OverflowError:
            if after.year > 1:
                return  # later than any wall time of this calendar
            earliest = datetime.min
        last_year = max(earliest.year, 1970) + SEARCH_YEARS if last is None else last
        if self.start is not None:
            earliest = max(earliest, _wall(self.start, self.offset).replace(microsecond=0))
        end = None if self.end is None else _wall(self.end, self.offset)
        while len(runs) < count:
            try:
                fire = next_fire(rule, earliest, last_year)
            except EndlessSearch:
                return
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
        raise ScheduleError(translate("Schedule", "The schedule could not be read.")) from exc


def _parse(value: object) -> Schedule:
    document = _load(value)
    if not isinstance(document, Mapping):
        raise ScheduleError(translate("Schedule", "The schedule is not a JSON object."))
    readers: dict[str, Callable[[Mapping[Any, Any]], Schedule]] = {
        "simpleJobTrigger": _simple,
        "complexJobTrigger": _complex,
        "cronJobTrigger": _cron,
    }
    found = [key for key in readers if key in document]
    if len(found) != 1:
        names = join_values(readers)
        message = translate("Schedule", "The schedule is not exactly one of {names}.")
        raise ScheduleError(message.format(names=names))
    body = document[found[0]]
    if not isinstance(body, Mapping):
        message = translate("Schedule", "The {trigger} is not a JSON object.")
        raise ScheduleError(message.format(trigger=found[0]))
    return readers[found[0]](body)


def _load(value: object) -> object:
    if isinstance(value, Mapping):
        return value
    if not isinstance(value, str | bytes | bytearray):
        raise ScheduleError(
            translate("Schedule", "The schedule is neither JSON text nor a JSON object.")
        )
    try:
        return json.loads(value)
    except (ValueError, RecursionError):
        raise ScheduleError(translate("Schedule", "The schedule is not valid JSON.")) from None


# -- the three trigger kinds ---------------------------------------------------------------------


def _simple(body: Mapping[Any, Any]) -> Schedule:
    """``simpleJobTrigger``: once at `startTime`, or every interval `repeatCount` more times."""
    warnings: list[str] = []
    start = fields.start(body, warnings)
    offset = fields.offset_of(start)
    end = fields.end(body, offset, start, warnings)
    interval = fields.number(body.get("repeatInterval"), "repeatInterval", default=0)
    if not 0 <= interval <= _MAX_INTERVAL:
        message = translate("Schedule", "The repeatInterval {interval} s is out of range.")
        raise ScheduleError(message.format(interval=interval))
    raw_count = body.get("repeatCount")
    count = fields.number(raw_count, "repeatCount", default=0)
    if fields.blank(raw_count) and interval:
        warnings.append(said.no_repeat_count())
    count = max(count, -1)  # the server treats every negative count as "forever"
    once = not interval or not count
    if once:
        kind, summary = "RUN_ONCE", said.once_summary(start, offset)
    else:
        summary, kind = said.interval_summary(interval, start, offset)
    summary += _until(end, offset)
    if not once and count > 0:
        summary += said.repeats_words(count)
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
    end = fields.end(body, offset, _whole_second(start), warnings)
    _check_cron_string(body.get("cronString"), warnings)
    dows = fields.numbers(body.get("daysOfWeek"), "daysOfWeek", 0, 6)
    weeks = fields.numbers(body.get("weeksOfMonth"), "weeksOfMonth", 0, 4)
    doms = fields.numbers(body.get("daysOfMonth"), "daysOfMonth", 1, 31)
    months = fields.numbers(body.get("monthsOfYear"), "monthsOfYear", 0, 11)
    years = fields.numbers(body.get("years"), "years", 1970, 2099)
    if dows and doms:
        warnings.append(
            translate(
                "Schedule", "Both daysOfWeek and daysOfMonth are set; the server uses daysOfWeek."
            )
        )
    if weeks and not dows:
        warnings.append(
            translate("Schedule", "weeksOfMonth is ignored because daysOfWeek is empty.")
        )
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
    warnings.extend(said.refusal_warnings(rule.features))
    notes.append(said.dst_note(offset))
    summary = said.rule_summary(rule, offset) + _until(end, offset)
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
        raise ScheduleError(translate("Schedule", "The cron trigger has no cronString."))
    rule = _cron_rule(text)
    start = fields.optional_start(body, warnings)
    offset = fields.offset_of(start)
    end = fields.end(body, offset, _whole_second(start), warnings)
    return _cron_schedule(rule, fields.label(body), start, end, offset, warnings)


def cron_schedule(
    expression: str,
    offset: timezone = UTC,
    *,
    start: datetime | None = None,
    end: datetime | None = None,
) -> Schedule:
    """A bare Quartz expression as a schedule, read on the wall clock of `offset` (the
    server's), firing from `start` until `end` (naive ones are read in `offset`) – as a
    ``cronJobTrigger`` with that expression is.

    Raises `ScheduleError` for an expression Quartz refuses and that has no meaning.
    """
    rule = _cron_rule(expression)
    if start is not None and start.utcoffset() is None:
        start = start.replace(tzinfo=offset)
    if end is not None and end.utcoffset() is None:
        end = end.replace(tzinfo=offset)
    warnings: list[str] = []
    fields.check_order(_whole_second(start), end, warnings)
    return _cron_schedule(rule, None, start, end, offset, warnings)


def _cron_rule(text: str) -> CronRule:
    try:
        return parse_cron(text)
    except CronError as exc:
        message = translate("Schedule", "The cron string {text} cannot be read. {reason}")
        raise ScheduleError(message.format(text=fields.show(text), reason=exc)) from None


def _cron_schedule(
    rule: CronRule,
    label: str | None,
    start: datetime | None,
    end: datetime | None,
    offset: timezone,
    warnings: list[str],
) -> Schedule:
    warnings.extend(said.cron_warnings(rule))
    return Schedule(
        kind="CRON",
        label=label,
        start=start,
        end=end,
        offset=offset,
        summary=said.cron_summary(rule, offset) + _until(end, offset),
        expression=rule.text,
        warnings=tuple(warnings),
        notes=(*_stepping_notes(rule), said.dst_note(offset)),
        rule=rule,
    )


def _stepping_notes(rule: CronRule) -> tuple[str, ...]:
    """A day-of-month field ``1/n`` steps through each month anew (as every n days does)."""
    days = sorted(rule.dom_days)
    if rule.dom_special or len(days) < 3:
        return ()
    step = days[1] - days[0]
    if step < 2 or days != list(range(1, 32, step)):
        return ()
    return (said.stepping_note(step),)


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
        warnings.append(said.ignored_cron_string(fields.show(raw)))


def _every_days(
    body: Mapping[Any, Any], warnings: list[str], notes: list[str]
) -> tuple[str, int | None]:
    """Day-of-month field (and interval) without day lists: every N days, or every day."""
    raw = body.get("cronString")
    if isinstance(raw, str) and raw.strip() == _TO_BE_GENERATED:
        interval = _whole_days(body.get("repeatInterval"))
        if interval == DAY:
            return "*", interval
        notes.append(said.stepping_note(interval // DAY))
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
        message = translate("Schedule", "The schedule cannot be expressed in Quartz. {reason}")
        raise ScheduleError(message.format(reason=exc)) from None


def _whole_days(raw: object) -> int:
    """The ``repeatInterval`` of "every N days": a multiple of a day, N from 1 to 31."""
    interval = fields.number(raw, "repeatInterval", default=0)
    if interval <= 0 or interval % DAY:
        message = translate(
            "Schedule", "“Every N days” needs a repeatInterval in whole days, not {value} s."
        )
        raise ScheduleError(message.format(value=fields.show(raw)))
    if interval // DAY > 31:
        message = translate("Schedule", "“Every {days} days” is more than Quartz's 31-day step.")
        raise ScheduleError(message.format(days=interval // DAY))
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
        warnings.append(said.ignored_interval(fields.show(raw)))


# -- words and times ------------------------------------------------------------------------------


def _until(end: datetime | None, offset: timezone) -> str:
    return said.until_words(None if end is None else _wall(end, offset))


def _wall(moment: datetime, offset: timezone) -> datetime:
    """The naive wall time of an aware `moment` at `offset`, clamped to the calendar's ends."""
    try:
        return moment.astimezone(offset).replace(tzinfo=None)
    except OverflowError:
        return datetime.max if moment.year > 1 else datetime.min


def _whole_second(moment: datetime | None) -> datetime | None:
    """A cron trigger's start as Quartz keeps it: without its fraction of a second."""
    return None if moment is None else moment.replace(microsecond=0)

"""Quartz cron expressions: parse them and find their fire times (`quartz_words` says them)."""

from __future__ import annotations

import calendar
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import datetime, timedelta

from backupviewer.core.words import QT_TRANSLATE_NOOP, translate

__all__ = [
    "DAY_NAMES",
    "MONTH_NAMES",
    "WEEKDAYS",
    "CronError",
    "CronRule",
    "DaySpecial",
    "LastDay",
    "NearestWeekday",
    "NthWeekday",
    "matching_days",
    "next_fire",
    "parse_cron",
]

# English names, shown through translate("Quartz", name) (`quartz_words` does).
DAY_NAMES = (
    "",
    QT_TRANSLATE_NOOP("Quartz", "Sunday"),
    QT_TRANSLATE_NOOP("Quartz", "Monday"),
    QT_TRANSLATE_NOOP("Quartz", "Tuesday"),
    QT_TRANSLATE_NOOP("Quartz", "Wednesday"),
    QT_TRANSLATE_NOOP("Quartz", "Thursday"),
    QT_TRANSLATE_NOOP("Quartz", "Friday"),
    QT_TRANSLATE_NOOP("Quartz", "Saturday"),
)
MONTH_NAMES = (
    "",
    QT_TRANSLATE_NOOP("Quartz", "January"),
    QT_TRANSLATE_NOOP("Quartz", "February"),
    QT_TRANSLATE_NOOP("Quartz", "March"),
    QT_TRANSLATE_NOOP("Quartz", "April"),
    QT_TRANSLATE_NOOP("Quartz", "May"),
    QT_TRANSLATE_NOOP("Quartz", "June"),
    QT_TRANSLATE_NOOP("Quartz", "July"),
    QT_TRANSLATE_NOOP("Quartz", "August"),
    QT_TRANSLATE_NOOP("Quartz", "September"),
    QT_TRANSLATE_NOOP("Quartz", "October"),
    QT_TRANSLATE_NOOP("Quartz", "November"),
    QT_TRANSLATE_NOOP("Quartz", "December"),
)
_DAY_ABBR = {name[:3].upper(): number for number, name in enumerate(DAY_NAMES) if name}
_MONTH_ABBR = {name[:3].upper(): number for number, name in enumerate(MONTH_NAMES) if name}

# (name, lowest, highest) of the seven fields, in Quartz order.
# The names are shown through translate("Quartz", name).
_FIELDS = (
    (QT_TRANSLATE_NOOP("Quartz", "second"), 0, 59),
    (QT_TRANSLATE_NOOP("Quartz", "minute"), 0, 59),
    (QT_TRANSLATE_NOOP("Quartz", "hour"), 0, 23),
    (QT_TRANSLATE_NOOP("Quartz", "day of month"), 1, 31),
    (QT_TRANSLATE_NOOP("Quartz", "month"), 1, 12),
    (QT_TRANSLATE_NOOP("Quartz", "day of week"), 1, 7),
    (QT_TRANSLATE_NOOP("Quartz", "year"), 1970, 2099),
)
_MAX_STEP = (59, 59, 23, 31, 12, 7, 129)
_DOM, _MONTH, _DOW, _YEAR = 3, 4, 5, 6
WEEKDAYS = frozenset(range(2, 7))
"""Monday to Friday in Quartz's numbering."""

_VALUE = r"([0-9]{1,4}|[A-Z]{3})"
_SPAN_RE = re.compile(rf"(?:\*|{_VALUE}(?:-{_VALUE})?)(?:/([0-9]{{1,4}}))?")
_LAST_RE = re.compile(r"L(?:-([0-9]{1,2}))?(W?)")
_NEAREST_RE = re.compile(r"([0-9]{1,2})W")
_NTH_RE = re.compile(rf"{_VALUE}(?:#([0-9]{{1,2}})|(L))")


class CronError(ValueError):
    """A cron expression that Quartz would not accept; the message says why."""


@dataclass(frozen=True, slots=True)
class LastDay:
    """``L``, ``L-n``, ``LW``, ``L-nW``: the last day less `offset`, moved to a weekday if asked."""

    offset: int = 0
    weekday: bool = False


@dataclass(frozen=True, slots=True)
class NearestWeekday:
    """``nW``: the weekday (Mon–Fri) nearest to day `day`, never leaving the month."""

    day: int


@dataclass(frozen=True, slots=True)
class NthWeekday:
    """``d#k`` (the k-th weekday `dow` of the month) and ``dL`` (the last one, `nth` = -1)."""

    dow: int
    nth: int


DaySpecial = LastDay | NearestWeekday | NthWeekday


@dataclass(frozen=True, slots=True)
class CronRule:
    """A parsed 7-field Quartz expression as sorted value sets plus the special day rules.

    `dom_any`/`dow_any` mean "no constraint" (``?`` or ``*``). `features` records the Quartz
    extensions used (``W``, ``LW``, ``L-n``, ``month names``, ``day names``, ``star days``)
    and the lists Quartz itself refuses though they have a meaning: ``L in a list`` (``L``,
    ``LW``, ``L-n`` or ``nL`` beside other days) and ``several nth`` (two ``n#k`` days).
    """

    text: str
    seconds: tuple[int, ...]
    minutes: tuple[int, ...]
    hours: tuple[int, ...]
    months: tuple[int, ...]
    years: tuple[int, ...] | None
    dom_any: bool
    dom_days: frozenset[int]
    dom_special: tuple[DaySpecial, ...]
    dow_any: bool
    dow_days: frozenset[int]
    dow_special: tuple[DaySpecial, ...]
    features: frozenset[str] = frozenset()


# -- parsing ------------------------------------------------------------------------------------


def parse_cron(text: str) -> CronRule:
    """Parse a 6- or 7-field Quartz expression (a missing year becomes ``*``)."""
    tokens = text.split()
    if len(tokens) == 6:
        tokens.append("*")
    if len(tokens) != 7:
        raise CronError(
            translate("Quartz", "A Quartz cron expression has 6 or 7 fields, not {count}.").format(
                count=len(tokens)
            )
        )
    features: set[str] = set()
    upper = [token.upper() for token in tokens]
    dom_text, dow_text = upper[_DOM], upper[_DOW]
    if dom_text == "?" and dow_text == "?":
        raise CronError(translate("Quartz", "Only one of day-of-month and day-of-week may be '?'."))
    if dom_text != "?" and dow_text != "?":
        if dow_text == "*":
            tokens[_DOW] = upper[_DOW] = dow_text = "?"
        elif dom_text == "*":
            tokens[_DOM] = upper[_DOM] = dom_text = "?"
        else:
            raise CronError(
                translate(
                    "Quartz", "Quartz needs '?' in day-of-month or day-of-week; both are set."
                )
            )
        features.add("star days")
    seconds, minutes, hours = (_plain_field(upper[i], i, features) for i in range(3))
    months = _plain_field(upper[_MONTH], _MONTH, features)
    years = None if upper[_YEAR] == "*" else _plain_field(upper[_YEAR], _YEAR, features)
    dom_days, dom_special = _day_field(dom_text, _DOM, features)
    dow_days, dow_special = _day_field(dow_text, _DOW, features)
    return CronRule(
        text=" ".join(tokens),
        seconds=tuple(sorted(seconds)),
        minutes=tuple(sorted(minutes)),
        hours=tuple(sorted(hours)),
        months=tuple(sorted(months)),
        years=None if years is None else tuple(sorted(years)),
        dom_any=dom_text in ("?", "*"),
        dom_days=frozenset(dom_days),
        dom_special=dom_special,
        dow_any=dow_text in ("?", "*"),
        dow_days=frozenset(dow_days),
        dow_special=dow_special,
        features=frozenset(features),
    )


def _items(text: str, index: int) -> list[str]:
    items = text.split(",")
    if any(not item for item in items):
        message = translate("Quartz", "The {field} field {text} has an empty list item.")
        raise CronError(message.format(field=_field_name(index), text=repr(text)))
    return items


def _field_name(index: int) -> str:
    return translate("Quartz", _FIELDS[index][0])


def _plain_field(text: str, index: int, features: set[str]) -> set[int]:
    """Values of a field made of ``*``, values, ranges, steps and lists only."""
    values: set[int] = set()
    for item in _items(text, index):
        values.update(_span(item, index, features))
    return values


def _day_field(
    text: str, index: int, features: set[str]
) -> tuple[set[int], tuple[DaySpecial, ...]]:
    """Plain values and special rules of the day-of-month or day-of-week field."""
    if text == "?":
        return set(), ()
    values: set[int] = set()
    special: list[DaySpecial] = []
    items = _items(text, index)
    if len(items) > 1 and "L" in text:
        features.add("L in a list")  # CronExpression: "'L' … with other days … not implemented"
    if index == _DOW and text.count("#") > 1:
        features.add("several nth")  # CronExpression: "multiple "nth" days is not implemented"
    for item in items:
        rule = _dom_special(item, features) if index == _DOM else _dow_special(item, features)
        if rule is None:
            values.update(_span(item, index, features))
        elif rule not in special:
            special.append(rule)
    return values, tuple(special)


def _dom_special(item: str, features: set[str]) -> DaySpecial | None:
    if match := _LAST_RE.fullmatch(item):
        offset = int(match[1] or 0)
        if offset > 30:
            raise CronError(
                translate("Quartz", "'{item}': the offset from the last day is at most 30.").format(
                    item=item
                )
            )
        weekday = bool(match[2])
        if weekday:
            features.add("LW")
        if offset or match[1]:
            features.add("L-n")
        return LastDay(offset, weekday)
    if match := _NEAREST_RE.fullmatch(item):
        day = int(match[1])
        if not 1 <= day <= 31:
            raise CronError(
                translate("Quartz", "'{item}': the day for 'W' must be 1 to 31.").format(item=item)
            )
        features.add("W")
        return NearestWeekday(day)
    return None


def _dow_special(item: str, features: set[str]) -> DaySpecial | None:
    match = _NTH_RE.fullmatch(item)
    if match is None:
        return None
    dow = _value(match[1], _DOW, features)
    if match[3]:
        return NthWeekday(dow, -1)
    nth = int(match[2])
    if not 1 <= nth <= 5:
        raise CronError(
            translate("Quartz", "'{item}': the week after '#' must be 1 to 5.").format(item=item)
        )
    return NthWeekday(dow, nth)


def _span(item: str, index: int, features: set[str]) -> list[int]:
    """Expand ``*``, ``a``, ``a-b``, ``*/s``, ``a/s``, ``a-b/s`` (ranges may wrap around)."""
    _, low, high = _FIELDS[index]
    if index == _DOW and item == "L":
        return [7]
    match = _SPAN_RE.fullmatch(item)
    if match is None:
        message = translate("Quartz", "'{item}' is not a valid {field} value.")
        raise CronError(message.format(item=item, field=_field_name(index)))
    first_text, last_text, step_text = match.groups()
    step = int(step_text) if step_text else 1
    if not 1 <= step <= _MAX_STEP[index]:
        message = translate("Quartz", "'{item}': the step must be 1 to {most}.")
        raise CronError(message.format(item=item, most=_MAX_STEP[index]))
    if first_text is None:
        start, stop = low, high
    else:
        start = _value(first_text, index, features)
        stop = _value(last_text, index, features) if last_text else high if step_text else start
    if start <= stop:
        return list(range(start, stop + 1, step))
    if index == _YEAR:
        raise CronError(
            translate("Quartz", "'{item}': a year range must not run backwards.").format(item=item)
        )
    size = high - low + 1
    return [(value - low) % size + low for value in range(start, stop + size + 1, step)]


def _value(text: str, index: int, features: set[str]) -> int:
    _, low, high = _FIELDS[index]
    if text.isascii() and text.isdigit():
        value = int(text)
    elif index == _MONTH and text in _MONTH_ABBR:
        value = _MONTH_ABBR[text]
        features.add("month names")
    elif index == _DOW and text in _DAY_ABBR:
        value = _DAY_ABBR[text]
        features.add("day names")
    else:
        message = translate("Quartz", "'{text}' is not a valid {field}.")
        raise CronError(message.format(text=text, field=_field_name(index)))
    if not low <= value <= high:
        message = translate("Quartz", "The {field} {value} is out of range ({low} to {high}).")
        raise CronError(message.format(field=_field_name(index), value=value, low=low, high=high))
    return value


# -- fire times ---------------------------------------------------------------------------------


def next_fire(rule: CronRule, earliest: datetime, last_year: int) -> datetime | None:
    """First fire time at or after the naive wall time `earliest`, searching up to `last_year`."""
    year, month, day = earliest.year, earliest.month, earliest.day
    clock = earliest.hour * 3600 + earliest.minute * 60 + earliest.second
    if earliest.microsecond:
        clock += 1
    last_year = min(last_year, 9999)
    while year <= last_year:
        if rule.years is not None and year not in rule.years:
            later = bisect_right(rule.years, year)
            if later == len(rule.years):
                return None
            year, month, day, clock = rule.years[later], 1, 1, 0
            continue
        if month not in rule.months:
            later = bisect_right(rule.months, month)
            if later == len(rule.months):
                year, month, day, clock = year + 1, rule.months[0], 1, 0
            else:
                month, day, clock = rule.months[later], 1, 0
            continue
        for candidate in matching_days(rule, year, month):
            if candidate < day:
                continue
            seconds = _next_time(rule, clock if candidate == day else 0)
            if seconds is not None:
                return datetime(year, month, candidate) + timedelta(seconds=seconds)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        day, clock = 1, 0
    return None


def _next_time(rule: CronRule, clock: int) -> int | None:
    """Seconds since midnight of the first fire time of day at or after `clock`, or None."""
    hour0, rest = divmod(clock, 3600)
    minute0, second0 = divmod(rest, 60)
    for hour in rule.hours[bisect_left(rule.hours, hour0) :]:
        minute_from = minute0 if hour == hour0 else 0
        for minute in rule.minutes[bisect_left(rule.minutes, minute_from) :]:
            second_from = second0 if (hour, minute) == (hour0, minute0) else 0
            found = bisect_left(rule.seconds, second_from)
            if found < len(rule.seconds):
                return hour * 3600 + minute * 60 + rule.seconds[found]
    return None


def matching_days(rule: CronRule, year: int, month: int) -> list[int]:
    """Days of the month (sorted) that satisfy both day fields."""
    first_dow, last = calendar.monthrange(year, month)
    first_dow = (first_dow + 1) % 7 + 1  # Python Monday=0 -> Quartz Sunday=1
    days = list(range(1, last + 1))
    if not rule.dom_any:
        chosen = set(rule.dom_days)
        for special in rule.dom_special:
            chosen.update(_special_days(special, first_dow, last))
        days = [day for day in days if day in chosen]
    if not rule.dow_any:
        chosen = {day for day in days if (first_dow + day - 2) % 7 + 1 in rule.dow_days}
        for special in rule.dow_special:
            chosen.update(_special_days(special, first_dow, last))
        days = [day for day in days if day in chosen]
    return days


def _special_days(rule: DaySpecial, first_dow: int, last: int) -> list[int]:
    """The day (if any) of a special rule in a month starting on `first_dow` with `last` days."""
    if isinstance(rule, NthWeekday):
        if rule.nth == -1:
            last_dow = (first_dow + last - 2) % 7 + 1
            return [last - (last_dow - rule.dow) % 7]
        day = 1 + (rule.dow - first_dow) % 7 + 7 * (rule.nth - 1)
        return [day] if day <= last else []
    if isinstance(rule, LastDay):
        day = last - rule.offset
        if day < 1:
            return []
        return [_nearest_weekday(day, first_dow, last)] if rule.weekday else [day]
    if rule.day > last:
        return []
    return [_nearest_weekday(rule.day, first_dow, last)]


def _nearest_weekday(day: int, first_dow: int, last: int) -> int:
    """Quartz's ``W``: Saturday moves to Friday and Sunday to Monday, staying in the month."""
    dow = (first_dow + day - 2) % 7 + 1
    if dow == 7:
        return day + 2 if day == 1 else day - 1
    if dow == 1:
        return day - 2 if day == last else day + 1
    return day

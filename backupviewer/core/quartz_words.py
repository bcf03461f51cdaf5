"""Quartz rules in words: "Every weekday at 11:12", "The second Tuesday of every month"."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import pairwise

from backupviewer.core.quartz import (
    DAY_NAMES,
    MONTH_NAMES,
    WEEKDAYS,
    CronRule,
    DaySpecial,
    LastDay,
    NearestWeekday,
    NthWeekday,
)

_ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", -1: "last"}


# -- words --------------------------------------------------------------------------------------


def describe_rule(rule: CronRule) -> str:
    """The rule in words, starting in lower case: "every weekday at 11:12"."""
    days = _day_phrase(rule) + _year_phrase(rule.years)
    clock = _time_phrase(rule)
    if clock.startswith("at "):
        return f"{days} {clock}"
    if days == "every day":
        return clock
    return f"{days}, {clock}"


def join_words(words: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def week_order(dows: Iterable[int]) -> list[int]:
    """Quartz days of the week (1 = Sunday) as a calendar week reads them: Monday first, so
    that a weekend is "Saturday and Sunday"."""
    return sorted(dows, key=lambda dow: (dow + 5) % 7)


def _months_phrase(months: tuple[int, ...]) -> str:
    return join_words([MONTH_NAMES[month] for month in months])


def _day_phrase(rule: CronRule) -> str:
    every_month = len(rule.months) == 12
    if not rule.dow_any:
        return _dow_phrase(rule, every_month)
    if not rule.dom_any:
        return _dom_phrase(rule, every_month)
    return "every day" if every_month else f"every day in {_months_phrase(rule.months)}"


def _dow_phrase(rule: CronRule, every_month: bool) -> str:
    parts = []
    if rule.dow_days:
        if len(rule.dow_days) == 7:
            plain = "every day"
        elif rule.dow_days == WEEKDAYS:
            plain = "every weekday"
        else:
            plain = "every " + join_words([DAY_NAMES[dow] for dow in week_order(rule.dow_days)])
        parts.append(plain if every_month else f"{plain} in {_months_phrase(rule.months)}")
    nths = [special for special in rule.dow_special if isinstance(special, NthWeekday)]
    if nths:
        of = "every month" if every_month else _months_phrase(rule.months)
        parts.append(f"{_nth_phrase(nths)} of {of}")
    return " and ".join(parts)


def _nth_phrase(nths: list[NthWeekday]) -> str:
    """Weeks and weekdays in words: the second Tuesday, the last Monday and Friday."""
    dows = week_order(dict.fromkeys(item.dow for item in nths))
    weeks = list(dict.fromkeys(item.nth for item in nths))
    if len(dows) == 1:
        return f"the {join_words([_ORDINALS[week] for week in weeks])} {DAY_NAMES[dows[0]]}"
    if len(weeks) == 1:
        return f"the {_ORDINALS[weeks[0]]} {join_words([DAY_NAMES[dow] for dow in dows])}"
    return join_words([f"the {_ORDINALS[item.nth]} {DAY_NAMES[item.dow]}" for item in nths])


def _dom_phrase(rule: CronRule, every_month: bool) -> str:
    days = sorted(rule.dom_days)
    step = _progression(days)
    if (
        step
        and step > 1
        and len(days) > 2
        and days[0] <= step
        and days[-1] + step > 31
        and not rule.dom_special
    ):
        start = "" if days[0] == 1 else f" from day {days[0]}"
        where = "" if every_month else f" in {_months_phrase(rule.months)}"
        return f"every {step} days{start}{where}"
    if len(days) == 31 and not rule.dom_special:
        return "every day" if every_month else f"every day in {_months_phrase(rule.months)}"
    if len(days) == 1 and len(rule.months) == 1 and not rule.dom_special:
        return f"every {MONTH_NAMES[rule.months[0]]} {days[0]}"
    parts = []
    if len(days) == 31:
        parts.append("every day")
    elif days:
        parts.append(("day " if len(days) == 1 else "days ") + _numbers(days))
    parts.extend(_dom_special_phrase(special) for special in rule.dom_special)
    of = "every month" if every_month else _months_phrase(rule.months)
    return f"{join_words(parts)} of {of}"


def _dom_special_phrase(special: DaySpecial) -> str:
    if isinstance(special, NearestWeekday):
        return f"the weekday nearest day {special.day}"
    if isinstance(special, LastDay):
        before = "the last day"
        if special.offset:
            unit = "day" if special.offset == 1 else "days"
            before = f"{special.offset} {unit} before the last day"
        if not special.weekday:
            return before
        return "the last weekday" if not special.offset else f"the weekday nearest {before}"
    return f"the {_ORDINALS[special.nth]} {DAY_NAMES[special.dow]}"


def _year_phrase(years: tuple[int, ...] | None) -> str:
    if years is None:
        return ""
    step = _progression(list(years))
    if len(years) > 2 and step == 1:
        return f" from {years[0]} to {years[-1]}"
    if len(years) > 2 and step:
        return f" in every {ordinal(step)} year from {years[0]} to {years[-1]}"
    return " in " + _numbers(years)


def ordinal(number: int) -> str:
    """``1st``, ``2nd``, ``3rd``, ``4th``, ``11th``, ``22nd``."""
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    if 10 <= number % 100 <= 20:
        suffix = "th"
    return f"{number}{suffix}"


def _numbers(values: Iterable[int]) -> str:
    return join_words([str(value) for value in values])


def _progression(values: Sequence[int]) -> int | None:
    """The common step of an arithmetic sequence of at least two values, else None."""
    if len(values) < 2:
        return None
    step = values[1] - values[0]
    if all(b - a == step for a, b in pairwise(values)):
        return step
    return None


def clock_text(hour: int, minute: int, second: int = 0) -> str:
    """``11:12`` or, with seconds, ``11:12:30``."""
    return f"{hour:02d}:{minute:02d}" + (f":{second:02d}" if second else "")


def _time_phrase(rule: CronRule) -> str:
    hours, minutes, seconds = rule.hours, rule.minutes, rule.seconds
    if len(hours) * len(minutes) * len(seconds) <= 4:
        times = [clock_text(h, m, s) for h in hours for m in minutes for s in seconds]
        return "at " + join_words(times)
    hour_phrase = _hour_phrase(hours)
    if len(minutes) == 1 and len(seconds) == 1:
        minute, second = minutes[0], seconds[0]
        at = f"at minute {minute}" + (f", second {second}" if second else "")
        if minute == second == 0:
            at = "on the hour"
        if hour_phrase is None:
            return f"every hour {at}"
        if hour_phrase.startswith("every "):
            return f"{hour_phrase} {at}"
        return f"every hour {at}, {hour_phrase}"
    second_phrase = None if seconds == (0,) else _unit_phrase(seconds, 60, "second")
    if len(minutes) == 60:
        minute_phrase = "every minute" if len(seconds) == 1 else None
    else:
        minute_phrase = _unit_phrase(minutes, 60, "minute")
    parts = [minute_phrase, second_phrase] if len(seconds) == 1 else [second_phrase, minute_phrase]
    return ", ".join(part for part in [*parts, hour_phrase] if part)


def _unit_phrase(values: tuple[int, ...], size: int, unit: str) -> str:
    """A minute or second field in words: every 5 minutes, every second, at seconds 0 and 30."""
    if len(values) == size:
        return f"every {unit}"
    step = _progression(values)
    if step and len(values) > 2 and values[0] < step and values[-1] + step >= size:
        start = "" if values[0] == 0 else f" from {unit} {values[0]}"
        return f"every {step} {unit}s{start}"
    return f"at {unit}{'s' if len(values) > 1 else ''} {_numbers(values)}"


def _hour_phrase(hours: tuple[int, ...]) -> str | None:
    if len(hours) == 24:
        return None
    step = _progression(hours)
    if step and step > 1 and len(hours) > 2:
        start = "" if hours[0] == 0 else f" from {hours[0]:02d}:00"
        stop = "" if hours[-1] + step >= 24 else f" to {hours[-1]:02d}:00"
        return f"every {step} hours{start}{stop}"
    runs: list[list[int]] = []
    for hour in hours:
        if runs and runs[-1][-1] == hour - 1:
            runs[-1].append(hour)
        else:
            runs.append([hour])
    if len(runs) > 3:
        return "in the hours " + _numbers(hours)
    spans = [f"between {run[0]:02d}:00 and {run[-1]:02d}:59" for run in runs]
    return " and ".join(spans)

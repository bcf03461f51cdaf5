"""When a Quartz rule fires: the search Quartz 2.3.2's CronExpression makes, quirks included.

From the moment asked, Quartz finds a time of day, then asks the day rule whether it takes the
day or where to go on, then checks the month and the year; each step that moves starts the
search again from there. Most day rules take a fixed set of days each month. ``nW``, ``LW``
and ``L-nW`` compute their day on a lenient calendar (a day past the month's end runs on into
the next month, day 0 is the last day of the month before), compare it with the moment asked,
and may send the search back: for ``L-nW`` 28 days or more before the end and ``0W`` Quartz
then loops for ever, and `next_fire` raises `EndlessSearch` at that point instead.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from datetime import date, datetime, timedelta

from backupviewer.core.schedule.quartz_rule import (
    LAST_YEAR,
    CronRule,
    LastDay,
    NearestWeekday,
    NthWeekday,
)

__all__ = ["EndlessSearch", "next_fire"]

_DAY = 86400
_SUNDAY, _SATURDAY = 1, 7
_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

Day = tuple[int, int, int]  # year, month, day: a day of the calendar, or a lenient one


class EndlessSearch(Exception):
    """Quartz 2.3.2 would search for ever from here: the server's trigger hangs."""


def next_fire(rule: CronRule, earliest: datetime, last_year: int) -> datetime | None:
    """The first fire time at or after the naive wall time `earliest` (whole seconds), as
    Quartz finds it, in years up to `last_year`; None if there is none.

    Raises `EndlessSearch` where Quartz would never answer.
    """
    if "never" in rule.features:
        return None
    years = rule.years
    first_year = 1970 if years is None else years[0] if years else LAST_YEAR + 1
    floor = earliest.toordinal() * _DAY + earliest.hour * 3600 + earliest.minute * 60
    floor += earliest.second
    year, month, day = earliest.year, earliest.month, earliest.day
    clock = earliest.hour * 3600 + earliest.minute * 60 + earliest.second
    if year < first_year and "may loop" not in rule.features:
        # Quartz checks the year last, so it gets there the same way: straight is faster.
        # Not where its day rule may loop in the years before (found by the oracle).
        year, month, day, clock = first_year, 1, 1, 0
    take = _day_rule(rule)
    months = rule.months
    went_back: set[Day] = set()
    while year <= LAST_YEAR:
        found = _next_time(rule, clock)
        if found is None:
            year, month, day = _lenient(year, month, day + 1)
            clock = 0
            continue
        clock = found
        moved = take(rule, year, month, day, clock, floor)
        if moved is not None:
            target = _lenient(*moved)
            if target <= (year, month, day):  # back (or in place): Quartz may go round
                if target in went_back:
                    raise EndlessSearch
                went_back.add(target)
            (year, month, day), clock = target, 0
            continue
        if year > last_year:
            return None
        if month not in months:
            later = bisect_right(months, month)
            year, month = (year, months[later]) if later < len(months) else (year + 1, months[0])
            day, clock = 1, 0
            continue
        if years is not None:
            at = bisect_left(years, year)
            if at == len(years):
                return None
            if years[at] != year:
                year, month, day, clock = years[at], 1, 1, 0
                continue
        return datetime(year, month, day) + timedelta(seconds=clock)
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


# -- the day rules: None takes the day, else the (lenient) day to go on from --------------------

DayRule = Callable[[CronRule, int, int, int, int, int], Day | None]


def _day_rule(rule: CronRule) -> DayRule:
    special = (rule.dom_special or rule.dow_special or (None,))[0]
    if isinstance(special, NthWeekday):
        return _last_weekday if special.nth == -1 else _nth_weekday
    if isinstance(special, LastDay) and not special.weekday:
        return _last_day
    if special is not None:
        return _weekday_near
    return _plain_days


def _plain_days(
    rule: CronRule, year: int, month: int, day: int, _clock: int, _floor: int
) -> Day | None:
    """Days of the month or of the week from a list: the next listed day, else next month."""
    last = _days_in(year, month)
    if not rule.dom_any:
        wanted = rule.dom_days
        found = next((later for later in range(day, last + 1) if later in wanted), 0)
    elif not rule.dow_any:
        weekday = _weekday(year, month, day)
        ahead = next(k for k in range(8) if k == 7 or (weekday + k - 1) % 7 + 1 in rule.dow_days)
        found = day + ahead if ahead < 7 and day + ahead <= last else 0
    else:
        return None
    if not found:
        return year, month + 1, 1
    return None if found == day else (year, month, found)


def _last_day(
    rule: CronRule, year: int, month: int, day: int, _clock: int, _floor: int
) -> Day | None:
    """``L`` and ``L-n``: the last day less the offset, if the month has it."""
    special = rule.dom_special[0]
    assert isinstance(special, LastDay)
    wanted = _days_in(year, month) - special.offset
    if day > wanted:
        return year, month + 1, 1
    return None if day == wanted else (year, month, wanted)


def _weekday_near(
    rule: CronRule, year: int, month: int, day: int, clock: int, floor: int
) -> Day | None:
    """``nW``, ``LW``, ``L-nW`` as Quartz computes them: the day's weekday on a lenient
    calendar, Saturday moved to Friday (to Monday on the 1st) and Sunday to Monday (to Friday
    on the month's last day); if that day at this time of day is before the moment asked, on
    to the next month (to its day n for ``nW``)."""
    special = rule.dom_special[0]
    last = _days_in(year, month)
    if isinstance(special, LastDay):
        wanted, then = last - special.offset, 1
    else:
        assert isinstance(special, NearestWeekday)
        wanted = then = special.day
    placed = _ordinal(year, month, wanted)
    weekday = placed % 7 + 1
    moved = wanted
    if weekday == _SATURDAY:
        moved = wanted + 2 if wanted == 1 else wanted - 1
    elif weekday == _SUNDAY:
        moved = wanted - 2 if wanted == last else wanted + 1
    # Quartz keeps the year of the lenient day it placed, then sets the month again.
    placed_year = year if 1 <= wanted <= last else date.fromordinal(placed).year
    if (
        placed + moved - wanted if placed_year == year else _ordinal(placed_year, month, moved)
    ) * _DAY + clock < floor:
        return year, month + 1, then
    return None if moved == day else (year, month, moved)


def _last_weekday(
    rule: CronRule, year: int, month: int, day: int, _clock: int, _floor: int
) -> Day | None:
    """``dL``: the last weekday d of the month."""
    special = rule.dow_special[0]
    assert isinstance(special, NthWeekday)
    ahead = (special.dow - _weekday(year, month, day)) % 7
    last = _days_in(year, month)
    if day + ahead > last:
        return year, month + 1, 1
    ahead += (last - day - ahead) // 7 * 7
    return None if not ahead else (year, month, day + ahead)


def _nth_weekday(
    rule: CronRule, year: int, month: int, day: int, _clock: int, _floor: int
) -> Day | None:
    """``d#k``: the k-th weekday d of the month, if the month has one."""
    special = rule.dow_special[0]
    assert isinstance(special, NthWeekday)
    ahead = (special.dow - _weekday(year, month, day)) % 7
    found = day + ahead
    weeks = (special.nth - (found + 6) // 7) * 7
    found += weeks
    if weeks < 0 or found > _days_in(year, month):
        return year, month + 1, 1
    return None if not ahead and not weeks else (year, month, found)


# -- the calendar ---------------------------------------------------------------------------------


def _days_in(year: int, month: int) -> int:
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _MONTH_DAYS[month]


def _ordinal(year: int, month: int, day: int) -> int:
    """The proleptic Gregorian ordinal of a lenient day (any month number, any day number)."""
    year += (month - 1) // 12
    month = (month - 1) % 12 + 1
    return date(year, month, 1).toordinal() + day - 1


def _lenient(year: int, month: int, day: int) -> Day:
    """A lenient day as the calendar day it stands for."""
    if 1 <= month <= 12 and 1 <= day <= 28:
        return year, month, day
    moment = date.fromordinal(_ordinal(year, month, day))
    return moment.year, moment.month, moment.day


def _weekday(year: int, month: int, day: int) -> int:
    """Quartz's day of the week: 1 = Sunday … 7 = Saturday."""
    return date(year, month, day).toordinal() % 7 + 1

"""Quartz rules in words: "Every weekday at 11:12", "The second Tuesday of every month".

Every phrase that puts pieces together is one translatable template with named places
(``"{days} at {times}"``), so that a language with another word order can arrange them.
"""

from __future__ import annotations

from collections.abc import Iterable

from backupviewer.core.schedule.list_words import join_values, join_words, progression
from backupviewer.core.schedule.quartz_rule import (
    DAY_NAMES,
    LAST_YEAR,
    MONTH_NAMES,
    WEEKDAYS,
    CronRule,
    DaySpecial,
    LastDay,
    NearestWeekday,
    NthWeekday,
)
from backupviewer.core.schedule.time_words import clock_times, time_phrase
from backupviewer.core.words import QT_TRANSLATE_NOOP, translate

_ORDINALS = {
    1: QT_TRANSLATE_NOOP("QuartzWords", "first"),
    2: QT_TRANSLATE_NOOP("QuartzWords", "second"),
    3: QT_TRANSLATE_NOOP("QuartzWords", "third"),
    4: QT_TRANSLATE_NOOP("QuartzWords", "fourth"),
    5: QT_TRANSLATE_NOOP("QuartzWords", "fifth"),
    -1: QT_TRANSLATE_NOOP("QuartzWords", "last"),
}
# A day in a list of days of the week ("every Monday and Friday"); languages that say these
# shorter than the names of `DAY_NAMES` ("the second Tuesday") translate them here.
_WEEK_DAYS = (
    "",
    QT_TRANSLATE_NOOP("QuartzWords", "Sunday"),
    QT_TRANSLATE_NOOP("QuartzWords", "Monday"),
    QT_TRANSLATE_NOOP("QuartzWords", "Tuesday"),
    QT_TRANSLATE_NOOP("QuartzWords", "Wednesday"),
    QT_TRANSLATE_NOOP("QuartzWords", "Thursday"),
    QT_TRANSLATE_NOOP("QuartzWords", "Friday"),
    QT_TRANSLATE_NOOP("QuartzWords", "Saturday"),
)


# -- words --------------------------------------------------------------------------------------


_IN_MONTHS = {
    QT_TRANSLATE_NOOP("QuartzWords", "every day in {months}"): QT_TRANSLATE_NOOP(
        "QuartzYearWords", "every day in {months}"
    ),
    QT_TRANSLATE_NOOP("QuartzWords", "{days} in {months}"): QT_TRANSLATE_NOOP(
        "QuartzYearWords", "{days} in {months}"
    ),
    QT_TRANSLATE_NOOP("QuartzWords", "{weekdays} of {months}"): QT_TRANSLATE_NOOP(
        "QuartzYearWords", "{weekdays} of {months}"
    ),
    QT_TRANSLATE_NOOP("QuartzWords", "every {month} {day}"): QT_TRANSLATE_NOOP(
        "QuartzYearWords", "every {month} {day}"
    ),
    QT_TRANSLATE_NOOP("QuartzWords", "day {day} of {months}"): QT_TRANSLATE_NOOP(
        "QuartzYearWords", "day {day} of {months}"
    ),
    QT_TRANSLATE_NOOP("QuartzWords", "days {days} of {months}"): QT_TRANSLATE_NOOP(
        "QuartzYearWords", "days {days} of {months}"
    ),
    QT_TRANSLATE_NOOP("QuartzWords", "{days} of {months}"): QT_TRANSLATE_NOOP(
        "QuartzYearWords", "{days} of {months}"
    ),
}
"""What a day in some months is called, and (in "QuartzYearWords") the same when the rule
also names its years: a language that says "every year" in the first (每年1月1日) must not
say it again beside the years (2025年的1月1日)."""


def _in_months(text: str, yearly: bool) -> str:
    """`text` (one of `_IN_MONTHS`) translated for a rule with years (`yearly`) or without."""
    return (
        translate("QuartzYearWords", _IN_MONTHS[text]) if yearly else translate("QuartzWords", text)
    )


def describe_rule(rule: CronRule) -> str:
    """The rule in words, starting in lower case: "every weekday at 11:12"."""
    plain_days = _day_phrase(rule)
    days = _with_years(plain_days, rule.years)
    times = clock_times(rule)
    if times is not None:
        return translate("QuartzWords", "{days} at {times}").format(days=days, times=times)
    clock = time_phrase(rule)
    if rule.years is None and plain_days == translate("QuartzWords", "every day"):
        return clock
    return translate("QuartzWords", "{days}, {clock}").format(days=days, clock=clock)


def week_order(dows: Iterable[int]) -> list[int]:
    """Quartz days of the week (1 = Sunday) as a calendar week reads them: Monday first, so
    that a weekend is "Saturday and Sunday"."""
    return sorted(dows, key=lambda dow: (dow + 5) % 7)


def day_name(dow: int) -> str:
    """The name of a Quartz day of the week (1 = Sunday) in the interface's language."""
    if not 1 <= dow <= 7:
        return translate("QuartzWords", "day {number} of the week").format(number=dow)
    return translate("Quartz", DAY_NAMES[dow])


def month_name(month: int) -> str:
    """The name of a month (1 = January) in the interface's language."""
    return translate("Quartz", MONTH_NAMES[month])


def _months_phrase(months: tuple[int, ...]) -> str:
    return join_words([month_name(month) for month in months])


def _day_phrase(rule: CronRule) -> str:
    every_month = len(rule.months) == 12
    if not rule.dow_any:
        return _dow_phrase(rule, every_month)
    if not rule.dom_any:
        return _dom_phrase(rule, every_month)
    return _every_day(rule.months, every_month, rule.years is not None)


def _every_day(months: tuple[int, ...], every_month: bool, yearly: bool) -> str:
    if every_month:
        return translate("QuartzWords", "every day")
    return _in_months("every day in {months}", yearly).format(months=_months_phrase(months))


def _dow_phrase(rule: CronRule, every_month: bool) -> str:
    yearly = rule.years is not None
    parts = []
    months = _months_phrase(rule.months)
    if rule.dow_days:
        if len(rule.dow_days) == 7:
            plain = translate("QuartzWords", "every day")
        elif rule.dow_days == WEEKDAYS:
            plain = translate("QuartzWords", "every weekday")
        else:
            names = join_words(
                [translate("QuartzWords", _WEEK_DAYS[dow]) for dow in week_order(rule.dow_days)]
            )
            plain = translate("QuartzWords", "every {days}").format(days=names)
        if not every_month:
            plain = _in_months("{days} in {months}", yearly).format(days=plain, months=months)
        parts.append(plain)
    nths = [special for special in rule.dow_special if isinstance(special, NthWeekday)]
    if nths:
        if every_month:
            parts.append(
                translate("QuartzWords", "{weekdays} of every month").format(
                    weekdays=_nth_phrase(nths)
                )
            )
        else:
            of = _in_months("{weekdays} of {months}", yearly)
            parts.append(of.format(weekdays=_nth_phrase(nths), months=months))
    return join_words(parts)


def _nth(ordinal_words: str, weekdays: str) -> str:
    return translate("QuartzWords", "the {ordinal} {weekday}").format(
        ordinal=ordinal_words, weekday=weekdays
    )


def _nth_phrase(nths: list[NthWeekday]) -> str:
    """Weeks and weekdays in words: the second Tuesday, the last Monday and Friday."""
    dows = week_order(dict.fromkeys(item.dow for item in nths))
    weeks = list(dict.fromkeys(item.nth for item in nths))
    if len(dows) == 1:
        return _nth(
            join_words([translate("QuartzWords", _ORDINALS[week]) for week in weeks]),
            day_name(dows[0]),
        )
    if len(weeks) == 1:
        return _nth(
            translate("QuartzWords", _ORDINALS[weeks[0]]),
            join_words([day_name(dow) for dow in dows]),
        )
    return join_words(
        [_nth(translate("QuartzWords", _ORDINALS[item.nth]), day_name(item.dow)) for item in nths]
    )


def _dom_phrase(rule: CronRule, every_month: bool) -> str:
    yearly = rule.years is not None
    days = sorted(rule.dom_days)
    months = _months_phrase(rule.months)
    step = progression(days)
    if (
        step
        and step > 1
        and len(days) > 2
        and days[0] <= step
        and days[-1] + step > 31
        and not rule.dom_special
    ):
        return _day_steps(step, days[0], None if every_month else months)
    if len(days) == 31 and not rule.dom_special:
        return _every_day(rule.months, every_month, yearly)
    if len(days) == 1 and len(rule.months) == 1 and not rule.dom_special:
        return _in_months("every {month} {day}", yearly).format(
            month=month_name(rule.months[0]), day=days[0]
        )
    if not rule.dom_special and days:
        if every_month:
            if len(days) == 1:
                return translate("QuartzWords", "day {day} of every month").format(day=days[0])
            return translate("QuartzWords", "days {days} of every month").format(
                days=join_values(days)
            )
        if len(days) == 1:
            return _in_months("day {day} of {months}", yearly).format(day=days[0], months=months)
        return _in_months("days {days} of {months}", yearly).format(
            days=join_values(days), months=months
        )
    parts = []
    if len(days) == 31:
        parts.append(translate("QuartzWords", "every day"))
    elif len(days) == 1:
        parts.append(translate("QuartzWords", "day {day}").format(day=days[0]))
    elif days:
        parts.append(translate("QuartzWords", "days {days}").format(days=join_values(days)))
    parts.extend(_dom_special_phrase(special) for special in rule.dom_special)
    if every_month:
        return translate("QuartzWords", "{days} of every month").format(days=join_words(parts))
    return _in_months("{days} of {months}", yearly).format(days=join_words(parts), months=months)


def _day_steps(step: int, first: int, months: str | None) -> str:
    """Day-of-month stepping: every 3 days, every 3 days from day 2 (in June)."""
    if months is None:
        if first == 1:
            return translate("QuartzWords", "every {step} days").format(step=step)
        return translate("QuartzWords", "every {step} days from day {first}").format(
            step=step, first=first
        )
    if first == 1:
        return translate("QuartzWords", "every {step} days in {months}").format(
            step=step, months=months
        )
    phrase = translate("QuartzWords", "every {step} days from day {first} in {months}")
    return phrase.format(step=step, first=first, months=months)


def _dom_special_phrase(special: DaySpecial) -> str:
    if isinstance(special, NearestWeekday):
        return translate("QuartzWords", "the weekday nearest day {day}").format(day=special.day)
    if isinstance(special, LastDay):
        before = translate("QuartzWords", "the last day")
        if special.offset == 1:
            before = translate("QuartzWords", "1 day before the last day")
        elif special.offset:
            before = translate("QuartzWords", "{count} days before the last day").format(
                count=special.offset,
                from_end=special.offset + 1,  # (Chinese counts from the end)
            )
        if not special.weekday:
            return before
        if not special.offset:
            return translate("QuartzWords", "the last weekday")
        return translate("QuartzWords", "the weekday nearest {day}").format(day=before)
    return _nth(translate("QuartzWords", _ORDINALS[special.nth]), day_name(special.dow))


def _with_years(days: str, years: tuple[int, ...] | None) -> str:
    if years is None:
        return days
    step = progression(list(years))
    first, last = years[0], years[-1]
    if len(years) > 2 and step and last + step > LAST_YEAR:  # on for as long as Quartz looks
        if step == 1:
            return translate("QuartzWords", "{days} from {first} on").format(days=days, first=first)
        phrase = translate("QuartzWords", "{days} in every {ordinal} year from {first}")
        return phrase.format(days=days, ordinal=ordinal(step), first=first)
    if len(years) > 2 and step == 1:
        return translate("QuartzWords", "{days} from {first} to {last}").format(
            days=days, first=first, last=last
        )
    if len(years) > 2 and step:
        phrase = translate("QuartzWords", "{days} in every {ordinal} year from {first} to {last}")
        return phrase.format(days=days, ordinal=ordinal(step), first=first, last=last)
    return translate("QuartzWords", "{days} in {years}").format(days=days, years=join_values(years))


_ORDINALS_OF = (
    QT_TRANSLATE_NOOP("QuartzWords", "{number}th"),
    QT_TRANSLATE_NOOP("QuartzWords", "{number}st"),
    QT_TRANSLATE_NOOP("QuartzWords", "{number}nd"),
    QT_TRANSLATE_NOOP("QuartzWords", "{number}rd"),
)


def ordinal_form(number: int) -> int:
    """Which English ending `number` takes as an ordinal: 1 st, 2 nd, 3 rd, 0 th."""
    last = number % 10 if not 10 <= number % 100 <= 20 else 0
    return last if last <= 3 else 0


def ordinal(number: int) -> str:
    """``1st``, ``2nd``, ``3rd``, ``4th``, ``11th``, ``22nd`` (as "every 2nd year" says it)."""
    return translate("QuartzWords", _ORDINALS_OF[ordinal_form(number)]).format(number=number)

"""A Quartz cron expression as `quartz.parse_cron` reads it: its values and special day rules."""

from __future__ import annotations

from dataclasses import dataclass

from backupviewer.core.words import QT_TRANSLATE_NOOP

__all__ = [
    "DAY_NAMES",
    "LAST_YEAR",
    "MONTH_NAMES",
    "REFUSALS",
    "WEEKDAYS",
    "CronError",
    "CronRule",
    "DaySpecial",
    "LastDay",
    "NearestWeekday",
    "NthWeekday",
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
LAST_YEAR = 2999
"""Quartz never looks past this year (a year field's values stop here)."""
WEEKDAYS = frozenset(range(2, 7))
"""Monday to Friday in Quartz's numbering."""
REFUSALS = frozenset({"L in a list", "several nth", "star days"})
"""`CronRule.features` that make Quartz refuse an expression which still has a meaning."""


class CronError(ValueError):
    """A cron expression that Quartz would not accept; the message says why."""


@dataclass(frozen=True, slots=True)
class LastDay:
    """``L``, ``L-n``, ``LW``, ``L-nW``: the last day less `offset`, moved to a weekday if asked."""

    offset: int = 0
    weekday: bool = False


@dataclass(frozen=True, slots=True)
class NearestWeekday:
    """``nW``: the weekday (Mon–Fri) nearest to day `day`, as Quartz finds it."""

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

    `dom_any`/`dow_any` mean "no constraint" (``?``, or every day). A rule Quartz accepts has
    at most one special day rule, in the field that is not ``?``; one it refuses (`refused`)
    keeps every rule as written, for its description. `years` is None for every year from
    1970. `features` records the Quartz extensions used (``W``, ``LW``, ``L-n``, ``month
    names``, ``day names``), the refusals (`REFUSALS`), ``lowest day`` (a special rule beside
    other days: Quartz keeps the lowest), ``never`` (``n#k`` with no such day of the week) and
    ``may loop`` (rules on which Quartz 2.3.2 can search for ever); `quirks` the items Quartz
    reads otherwise than they look.
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
    quirks: tuple[str, ...] = ()

    @property
    def refused(self) -> bool:
        """Quartz refuses the expression: the server cannot run it."""
        return not self.features.isdisjoint(REFUSALS)

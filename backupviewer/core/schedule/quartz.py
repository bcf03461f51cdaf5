"""Quartz cron expressions read as Quartz 2.3.2 reads them: `parse_cron` (`quartz_search` says
when they fire, `quartz_words` says them in words).

The real library is the reference (tests/test_quartz_oracle.py compares with it), quirks
included: it takes 6 to 7 fields and ignores any after the seventh; it ignores what follows a
value it has read (``5X`` is ``5``, the step of ``JUN/2`` and ``MON-FRI/2``); ``99`` stands for
``*`` and, in a day field, ``98`` for ``?``; a step of 0 keeps the first value only. Of several
days in a field with ``n#k``, ``nL`` or ``nW`` it keeps the lowest. It refuses more than one
``#``, an ``L`` beside other days, and two day fields both set or both ``?``: `CronRule.refused`
names those, which are still described as written but never run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from backupviewer.core.schedule.quartz_rule import (
    DAY_NAMES,
    LAST_YEAR,
    MONTH_NAMES,
    REFUSALS,
    WEEKDAYS,
    CronError,
    CronRule,
    DaySpecial,
    LastDay,
    NearestWeekday,
    NthWeekday,
)
from backupviewer.core.words import QT_TRANSLATE_NOOP, translate

__all__ = [
    "DAY_NAMES",
    "MONTH_NAMES",
    "REFUSALS",
    "WEEKDAYS",
    "CronError",
    "CronRule",
    "DaySpecial",
    "LastDay",
    "NearestWeekday",
    "NthWeekday",
    "parse_cron",
]

_DAY_ABBR = {name[:3].upper(): number for number, name in enumerate(DAY_NAMES) if name}
_MONTH_ABBR = {name[:3].upper(): number for number, name in enumerate(MONTH_NAMES) if name}
# (name, lowest, highest) of the seven fields, in Quartz order; a '*' year starts at 1970.
# The names are shown through translate("Quartz", name).
_FIELDS = (
    (QT_TRANSLATE_NOOP("Quartz", "second"), 0, 59),
    (QT_TRANSLATE_NOOP("Quartz", "minute"), 0, 59),
    (QT_TRANSLATE_NOOP("Quartz", "hour"), 0, 23),
    (QT_TRANSLATE_NOOP("Quartz", "day of month"), 1, 31),
    (QT_TRANSLATE_NOOP("Quartz", "month"), 1, 12),
    (QT_TRANSLATE_NOOP("Quartz", "day of week"), 1, 7),
    (QT_TRANSLATE_NOOP("Quartz", "year"), 1970, LAST_YEAR),
)
_SECOND, _MINUTE, _HOUR, _DOM, _MONTH, _DOW, _YEAR = range(7)
_MOST_STEP = (59, 59, 23, 31, 12, 7, None)  # after '*' or a single value; a range's is free
_WRAP = (60, 60, 24, 31, 12, 7, 0)  # a range that runs backwards wraps around this many
_ALL, _NO = 99, 98  # Quartz's own codes for '*' and '?': these values stand for them
_INT_MAX = 2**31 - 1
_TRIMMED = "".join(map(chr, range(33)))  # what Java's String.trim removes
_MARKS = {("L", _DOW), ("W", _DOM), ("#", _DOW)}  # what may follow a value, and where
_DIGITS = re.compile(r"[0-9]*")
_LAST_ITEM = re.compile(r"L-[0-9]*W?")
_JAVA_INT = re.compile(r"[+-]?\d+")
_LOOKS = re.compile(r"(\*|[0-9]+|[A-Z]{3})(?:-([0-9]+|[A-Z]{3}))?(?:/([0-9]+))?")
_SPECIAL = {
    _DOM: re.compile(r"\?|L(?:-[0-9]{1,2})?W?|[0-9]{1,2}W"),
    _DOW: re.compile(r"\?|L|(?:[1-7]|[A-Z]{3})(?:L|#[1-5])"),
}


@dataclass
class _Field:
    """What the items of one field add up to, as Quartz collects them."""

    index: int
    text: str
    values: set[int] = field(default_factory=set)
    every: bool = False  # a plain '*' filled it (Quartz then also holds its code for '*')
    unspecified: bool = False  # '?' (or 98) is among its items
    specials: list[DaySpecial] = field(default_factory=list)  # as written
    nth: int = 0  # Quartz keeps one '#' week for the whole field: the last one read
    last: bool = False  # 'L' in day-of-month, 'nL' in day-of-week
    last_offset: int = 0
    nearest: bool = False  # 'W'

    def top(self) -> int | None:
        """The highest value Quartz holds for the field (its codes for '*' and '?' included)."""
        if self.every:
            return _ALL
        if self.unspecified:
            return _NO
        return max(self.values, default=None)


def parse_cron(text: str) -> CronRule:
    """Read a Quartz expression as Quartz does (a missing year is ``*``).

    Raises `CronError` for what Quartz refuses, unless `CronRule.refused` can say it.
    """
    tokens = [token for token in re.split("[ \t]", text) if token]
    if len(tokens) < 6:
        raise CronError(
            translate("Quartz", "A Quartz cron expression has 6 or 7 fields, not {count}.").format(
                count=len(tokens)
            )
        )
    reader = _Reader()
    if len(tokens) > 7:
        reader.quirks.append(" ".join(tokens[7:]))  # Quartz reads seven fields, no more
    tokens = [*tokens[:7], "*"][:7]
    for index, token in enumerate(tokens):
        reader.read(token, index)
    return reader.rule(" ".join(tokens))


class _Reader:
    """Reads the fields of one expression as Quartz does; keeps its features and quirks."""

    def __init__(self) -> None:
        self.features: set[str] = set()
        self.quirks: list[str] = []
        self.fields: list[_Field] = []

    def read(self, token: str, index: int) -> None:
        # Quartz trims a field of the characters up to the space and reads it in upper case.
        text = token.strip(_TRIMMED).upper()
        if index in (_DOM, _DOW) and "L" in text and len(text) > 1 and "," in text:
            self.features.add("L in a list")  # "'L' … with other days … not implemented"
        if index == _DOW and text.count("#") > 1:
            self.features.add("several nth")  # "multiple "nth" days is not implemented"
        found = _Field(index, text)
        self.fields.append(found)
        items = text.split(",")
        if "" in items:
            self.quirks.append(token)  # Quartz skips empty items
        for item in filter(None, items):
            self._item(item, found)
            if not _as_it_looks(item, index):
                self.quirks.append(item)
        if not found.values and index in (_SECOND, _MINUTE, _HOUR, _MONTH):
            raise _no_value(token, index)

    def _item(self, item: str, found: _Field) -> None:
        first = item[0]
        if "A" <= first <= "Z" and item not in ("L", "LW") and not _LAST_ITEM.fullmatch(item):
            self._name(item, found)
        elif first == "?":
            self._unspecified(item, found)
        elif first in "*/":
            self._every(item, found)
        elif first == "L":
            self._last(item, found)
        elif "0" <= first <= "9":
            self._number(item, found)
        else:
            raise _invalid(item, found.index)

    def _name(self, item: str, found: _Field) -> None:
        """``JAN``, ``MON-FRI``, ``MON#2``, ``FRIL``: the name, then only what Quartz expects
        right after it; the rest is ignored (the step of ``JAN/3``)."""
        index = found.index
        names = _MONTH_ABBR if index == _MONTH else _DAY_ABBR if index == _DOW else {}
        if item[:3] not in names:
            raise _invalid(item, index)
        self.features.add("month names" if index == _MONTH else "day names")
        start, end, mark = names[item[:3]], -1, item[3:4]
        if mark == "-":
            if item[4:7] not in names:
                raise _invalid(item, index)
            end = names[item[4:7]]
        elif mark == "#" and index == _DOW:
            found.nth = _week(item, item[4:])
            found.specials.append(NthWeekday(start, found.nth))
        elif mark == "L" and index == _DOW:
            found.last = True
            found.specials.append(NthWeekday(start, -1))
        self._add(found, start, end, 0 if end == -1 else 1, item)

    def _unspecified(self, item: str, found: _Field) -> None:
        """``?``; Quartz reads one more character without looking at it."""
        if len(item) > 2 or found.index not in (_DOM, _DOW):
            raise _invalid(item, found.index)
        dom = self.fields[_DOM] if len(self.fields) > _DOM else None
        if found.index == _DOW and dom is not None and not dom.last and dom.top() in (None, _NO):
            raise CronError(
                translate("Quartz", "Only one of day-of-month and day-of-week may be '?'.")
            )
        found.unspecified = True

    def _every(self, item: str, found: _Field) -> None:
        """``*``, ``*/s``, ``/s``; what follows ``*`` is ignored unless it is a step."""
        if item == "*":
            self._add(found, _ALL, -1, 0, item)
            return
        at = 1 if item[0] == "*" else 0
        if item[at] != "/":
            self._add(found, _ALL, -1, 1, item)
            return
        step = _java_int(item[at + 1 :])
        if step is None:
            raise _invalid(item, found.index)
        _check_step(item, step, found.index)
        self._add(found, _ALL, -1, step, item)

    def _last(self, item: str, found: _Field) -> None:
        """``L``, ``LW``, ``L-n``, ``L-nW``: the last day of the month; in the day-of-week
        field ``L`` (whatever follows) is Saturday, in the others it is nothing."""
        if found.index == _DOW:
            self._add(found, 7, 7, 0, item)
        if found.index != _DOM:
            return
        offset, weekday = 0, item.endswith("W")
        if item.startswith("L-"):
            digits = item[2:].rstrip("W")
            if len(item) == 2 or int("0" + digits) > 30:
                raise CronError(
                    translate(
                        "Quartz", "'{item}': the offset from the last day is at most 30."
                    ).format(item=item)
                )
            offset = int("0" + digits)
            self.features.add("L-n")
        if weekday:
            self.features.add("LW")
        found.last, found.last_offset = True, offset
        found.nearest = found.nearest or weekday
        found.specials.append(LastDay(offset, weekday))

    def _number(self, item: str, found: _Field) -> None:
        """A value, then what Quartz reads after it: ``L``, ``W``, ``#k``, ``-b``, ``-b/s``,
        ``/s``; anything else after the value is ignored."""
        index = found.index
        digits = _DIGITS.match(item)
        assert digits is not None
        value, at = int(digits[0]), digits.end()
        if value > _INT_MAX:
            raise _invalid(item, index)
        mark = item[at : at + 1]
        if mark in ("L", "W", "#") and (mark, index) not in _MARKS:
            raise _invalid(item, index)
        if mark == "L":
            if not 1 <= value <= 7:
                raise _out_of_range(value, index)
            found.last = True
            found.specials.append(NthWeekday(value, -1))
        elif mark == "W":
            if value > 31:
                message = translate("Quartz", "'{item}': the day for 'W' must be 1 to 31.")
                raise CronError(message.format(item=item))
            found.nearest = True
            found.specials.append(NearestWeekday(value))
            self.features.add("W")
        elif mark == "#":
            found.nth = _week(item, item[at + 1 :])
            found.specials.append(NthWeekday(value, found.nth))
        if mark in ("L", "W", "#"):
            found.values.add(value)
        elif mark == "-":
            self._range(item, at + 1, value, found)
        elif mark == "/":
            step = _digits_after(item, at + 1)
            if step is None or (step[1] == 1 and at + 2 < len(item)):
                raise _invalid(item, index)  # Quartz wants a digit after a one-digit step
            _check_step(item, step[0], index)
            self._add(found, value, -1, step[0], item)
        else:
            self._add(found, value, -1, -1, item)

    def _range(self, item: str, at: int, value: int, found: _Field) -> None:
        """``a-b`` and ``a-b/s``: the step is not checked, and 0 keeps ``a`` only."""
        end = _digits_after(item, at)
        if end is None:
            raise _invalid(item, found.index)
        step = 1
        if item[at + end[1] : at + end[1] + 1] == "/":
            read = _digits_after(item, at + end[1] + 1)
            if read is None:
                raise _invalid(item, found.index)
            step = read[0]
        self._add(found, value, end[0], step, item)

    def _add(self, found: _Field, start: int, end: int, step: int, item: str) -> None:
        """A value, range or step added as Quartz adds it (its codes 99 and 98 included)."""
        index = found.index
        _, low, high = _FIELDS[index]
        day_field = index in (_DOM, _DOW)
        if start != _ALL and not (day_field and start == _NO) and index != _YEAR:
            too_low = start == 0 if index == _DOW else start < low
            if too_low or start > high or end > high:
                raise _out_of_range(end if low <= start <= high else start, index)
        if step in (0, -1) and start != _ALL:
            if day_field and start == _NO:
                found.unspecified = True
            else:
                found.values.add(start)
            return
        if start == _ALL:
            start, found.every = low, found.every or step <= 0
            step = max(step, 1)
        end = (LAST_YEAR if index == _YEAR else high) if end == -1 else end
        wrap = 0
        if end < start:
            if index == _YEAR:
                message = translate("Quartz", "'{item}': a year range must not run backwards.")
                raise CronError(message.format(item=item))
            wrap = _WRAP[index]
            end += wrap
        for value in range(start, min(end, LAST_YEAR) + 1, step):
            if wrap:
                value = value % wrap or (wrap if index in (_DOM, _MONTH, _DOW) else 0)
            found.values.add(value)

    def rule(self, text: str) -> CronRule:
        """The rule the fields make: Quartz's own reading, or the written one it refuses."""
        dom, dow = self.fields[_DOM], self.fields[_DOW]
        if not dom.unspecified and not dow.unspecified:
            star = dow if dow.text == "*" else dom if dom.text == "*" else None
            if star is not None:
                star.unspecified = True  # described as if it were '?'
                self.features.add("star days")
            elif self.features.isdisjoint(REFUSALS):
                raise CronError(
                    translate(
                        "Quartz", "Quartz needs '?' in day-of-month or day-of-week; both are set."
                    )
                )
        elif dom.unspecified and dow.unspecified:
            raise CronError(
                translate("Quartz", "Only one of day-of-month and day-of-week may be '?'.")
            )
        for day_field in (dom, dow):
            if not day_field.unspecified and not day_field.values and not day_field.last:
                raise _no_value(day_field.text, day_field.index)
        years = self.fields[_YEAR].values
        every_year = len(years) == LAST_YEAR - 1969 and min(years) == 1970
        dom_days, dom_special = self._days(dom)
        dow_days, dow_special = self._days(dow)
        fields = self.fields
        return CronRule(
            text=text,
            seconds=tuple(sorted(fields[_SECOND].values)),
            minutes=tuple(sorted(fields[_MINUTE].values)),
            hours=tuple(sorted(fields[_HOUR].values)),
            months=tuple(sorted(fields[_MONTH].values)),
            years=None if every_year else tuple(sorted(years)),
            dom_any=dom.unspecified or (len(dom_days) == 31 and not dom_special),
            dom_days=frozenset(dom_days),
            dom_special=dom_special,
            dow_any=dow.unspecified or (len(dow_days) == 7 and not dow_special),
            dow_days=frozenset(dow_days),
            dow_special=dow_special,
            features=frozenset(self.features),
            quirks=tuple(dict.fromkeys(self.quirks)),
        )

    def _days(self, found: _Field) -> tuple[set[int], tuple[DaySpecial, ...]]:
        """A day field's plain days and special rule: as written where Quartz refuses the
        expression, else as Quartz keeps them (one rule, on the lowest of the days)."""
        if found.unspecified:
            return set(), ()
        if not self.features.isdisjoint(REFUSALS - {"star days"}):
            marked = {s.dow for s in found.specials if isinstance(s, NthWeekday)}
            marked |= {s.day for s in found.specials if isinstance(s, NearestWeekday)}
            return found.values - marked, tuple(dict.fromkeys(found.specials))
        lowest = min(found.values, default=0)
        if len(found.values) > 1 and (found.nearest or found.nth or found.last):
            self.features.add("lowest day")
        if found.index == _DOM and found.last:
            if found.nearest and found.last_offset >= 28:
                self.features.add("may loop")
            return set(), (LastDay(found.last_offset, found.nearest),)
        if found.index == _DOM and found.nearest:
            if lowest == 0:
                self.features.add("may loop")
            return set(), (NearestWeekday(lowest),)
        if found.index == _DOW and (found.last or found.nth):
            dow = lowest or 7  # Quartz reads day 0 as Saturday here
            if dow > 7:
                self.features.add("never")
            return set(), (NthWeekday(dow, -1 if found.last else found.nth),)
        return found.values, ()


# -- small readers --------------------------------------------------------------------------------


def _as_it_looks(item: str, index: int) -> bool:
    """Whether Quartz reads `item` as it looks: no ignored rest, no code 99 (or 98), no zero
    step, no step after a name."""
    special = _SPECIAL.get(index)
    if special is not None and special.fullmatch(item):
        return True
    match = _LOOKS.fullmatch(item)
    if match is None:
        return False
    first, last, step = match.groups()
    numbers = [int(part) for part in (first, last) if part and part.isdigit()]
    named = first.isalpha() or bool(last and last.isalpha())
    codes = (_ALL, _NO) if index in (_DOM, _DOW) else (_ALL,)
    return not (named and step) and step != "0" * len(step or "x") and not set(numbers) & set(codes)


def _field_name(index: int) -> str:
    return translate("Quartz", _FIELDS[index][0])


def _invalid(item: str, index: int) -> CronError:
    message = translate("Quartz", "'{item}' is not a valid {field} value.")
    return CronError(message.format(item=item, field=_field_name(index)))


def _no_value(text: str, index: int) -> CronError:
    message = translate("Quartz", "The {field} field {text} gives no value at all.")
    return CronError(message.format(field=_field_name(index), text=repr(text)))


def _out_of_range(value: int, index: int) -> CronError:
    _, low, high = _FIELDS[index]
    message = translate("Quartz", "The {field} {value} is out of range ({low} to {high}).")
    return CronError(message.format(field=_field_name(index), value=value, low=low, high=high))


def _java_int(text: str) -> int | None:
    """`text` as Java's Integer.parseInt reads it (a sign, decimal digits of any script)."""
    if not _JAVA_INT.fullmatch(text):
        return None
    value = int(text)
    return value if -_INT_MAX - 1 <= value <= _INT_MAX else None


def _digits_after(item: str, at: int) -> tuple[int, int] | None:
    """The number Quartz reads at `at` after '-' or '/': one decimal digit of any script, then
    ASCII digits; its value and length, or None."""
    first = item[at : at + 1]
    if not first.isdecimal():
        return None
    rest = _DIGITS.match(item, at + 1)
    assert rest is not None
    value = int(str(int(first)) + rest[0])
    return (value, 1 + len(rest[0])) if value <= _INT_MAX else None


def _week(item: str, text: str) -> int:
    week = _java_int(text)
    if week is None or not 1 <= week <= 5:
        message = translate("Quartz", "'{item}': the week after '#' must be 1 to 5.")
        raise CronError(message.format(item=item))
    return week


def _check_step(item: str, step: int, index: int) -> None:
    most = _MOST_STEP[index]
    if most is not None and step > most:
        message = translate("Quartz", "'{item}': the step must be 1 to {most}.")
        raise CronError(message.format(item=item, most=most))

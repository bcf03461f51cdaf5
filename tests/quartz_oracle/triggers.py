"""Triggers of every form for the Quartz oracle test (tests/test_quartz_oracle.py).

Flat draws of small integers, turned into triggers by plain functions: quick to draw, and each
integer shrinks towards the simplest form (0 picks the first choice: no junk, no end).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from hypothesis import strategies as st

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
DAY_MS = 86_400_000

# Offsets in minutes: the usual, the negative, the half and quarter hours, the extremes.
OFFSETS = [0, 480, -300, -240, 60, 120, 330, 345, 525, 570, -570, -210, 765, 840, -840, -720]
offsets = st.one_of(
    st.sampled_from(OFFSETS), st.integers(-56, 56).map(lambda quarters: quarters * 15)
).map(lambda minutes: timezone(timedelta(minutes=minutes)))
YEAR_MS = 365 * DAY_MS
# Moments from 1990 to 2090, often whole minutes (as start times are), sometimes not.
moments_ms = st.tuples(st.integers(631_152_000_000, 3_786_912_000_000), st.integers(0, 2)).map(
    lambda drawn: drawn[0] // (60_000, 1000, 1)[drawn[1]] * (60_000, 1000, 1)[drawn[1]]
)


def at_ms(ms: int, zone: timezone) -> datetime:
    return (EPOCH + timedelta(milliseconds=ms)).astimezone(zone)


def ms_of(moment: datetime) -> int:
    return (moment - EPOCH) // timedelta(milliseconds=1)


def iso(moment: datetime, milliseconds: bool = True) -> str:
    return moment.isoformat(timespec="milliseconds" if milliseconds else "seconds")


# An end: none, on a fire time (or a millisecond or second either side), at the end of a day,
# anywhere – sometimes before the start.
END_DRAW = st.tuples(st.integers(0, 8), st.integers(0, 30), st.integers(-YEAR_MS, 30 * YEAR_MS))


def end_text(drawn: tuple[int, int, int], start: int, step_ms: int, zone: timezone) -> str | None:
    kind, k, anywhere = drawn
    if kind <= 3:
        return (None, "", None, None)[kind]
    if kind <= 5:
        near = start + k * max(step_ms, 1000)
        return iso(at_ms(near + (0, 0, -1000, -1, 1, 1000)[(anywhere % 6)] * (kind - 4), zone))
    if kind == 6:
        day = at_ms(start + (k - 2) * DAY_MS, zone)
        return iso(day.replace(hour=23, minute=59, second=59, microsecond=0))
    return iso(at_ms(start + anywhere, zone))


INTERVALS = [0, 1, 30, 59, 60, 120, 900, 3600, 7200, 86400, 604800]
SIMPLE_DRAW = st.tuples(
    offsets,
    moments_ms,
    st.booleans(),
    st.integers(0, len(INTERVALS)),
    st.integers(1, 10**7),
    st.booleans(),
    st.sampled_from([-1, -1, -5, 0, 1, 2, 14, None]) | st.integers(0, 40),
    END_DRAW,
)


def simple_trigger(drawn: tuple[Any, ...]) -> dict[str, Any]:
    zone, start, whole, pick, any_interval, as_text, count, end = drawn
    interval = INTERVALS[pick] if pick < len(INTERVALS) else any_interval
    body: dict[str, Any] = {
        "startTime": iso(at_ms(start, zone), not whole),
        "repeatInterval": str(interval) if as_text else interval,
    }
    if count is not None:
        body["repeatCount"] = count
    ending = end_text(end, start, interval * 1000, zone)
    if ending is not None:
        body["endTime"] = ending
    return {"simpleJobTrigger": body}


LISTS = (
    ("daysOfWeek", 0, 6, 7),
    ("weeksOfMonth", 0, 4, 5),
    ("daysOfMonth", 1, 31, 5),
    ("monthsOfYear", 0, 11, 4),
    ("years", 2020, 2099, 3),
)
COMPLEX_DRAW = st.tuples(
    offsets,
    moments_ms,
    st.booleans(),
    st.integers(0, 3),
    st.tuples(*(st.lists(st.integers(0, 99), max_size=size) for _, _, _, size in LISTS)),
    st.integers(1, 31),
    END_DRAW,
)


def complex_trigger(drawn: tuple[Any, ...]) -> dict[str, Any]:
    """Day lists (each value as a number or as text), every N days, or every day."""
    zone, start, whole, shape, lists, days, end = drawn
    body: dict[str, Any] = {"startTime": iso(at_ms(start, zone), not whole)}
    for (key, low, high, _), values in zip(LISTS, lists, strict=True):
        picked = list(dict.fromkeys(low + value % (high - low + 1) for value in values))
        if picked and (shape <= 1 or key in ("monthsOfYear", "years")):
            body[key] = [str(value) if index % 2 else value for index, value in enumerate(picked)]
    if shape == 2:
        body["cronString"] = "TO_BE_GENERATED"
        body["repeatInterval"] = days * 86400
    elif shape == 3:
        body["repeatInterval"] = 86400
    ending = end_text(end, start, DAY_MS, zone)
    if ending is not None:
        body["endTime"] = ending
    return {"complexJobTrigger": body}


MONTH_NAMES = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
DAY_NAMES = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]
RANGES = {0: (0, 59), 1: (0, 59), 2: (0, 23), 3: (1, 31), 4: (1, 12), 5: (1, 7), 6: (2000, 2100)}
# What Quartz reads in its own way, or refuses, appended to an item now and then.
JUNK = ["X", "?", "#", "W", "L", "/", "-", "/0", "é", "٣", "1", "*", "99", "98", "#2", "L-1"]
# Item forms (see item_text), weighted: plain values most, junk and raw numbers least.
FORMS = [0] * 3 + [1] * 10 + [2, 3, 4] * 4 + [5, 6, 7] * 3 + [8, 9] * 2 + [10] + [11] * 8 + [12]
ITEM = st.tuples(
    st.sampled_from(FORMS),
    st.integers(0, 99),
    st.integers(0, 99),
    st.integers(0, 99),
    st.sampled_from([False] * 40 + [True]),
)


def item_text(index: int, form: int, a: int, b: int, s: int, junk: bool) -> str:
    """One item of field `index`: '*', values, ranges (wrapping when b < a), steps, names, the
    special day forms, raw numbers (maybe out of range); junk appended when asked."""
    low, high = RANGES[index]
    size = high - low + 1
    x, y = low + a % size, low + b % size
    if index == 6:  # a year range that runs backwards is refused: now and then only
        x, y = (y, x) if x > y and a % 8 else (x, y)
    step = 1 + s % (size - 1) if s < 95 else size  # too long a step now and then
    names = MONTH_NAMES if index == 4 else DAY_NAMES if index == 5 else None
    if names and form in (6, 7, 8, 9):
        x_text, y_text = names[x - low], names[y - low]
    else:
        x_text, y_text = str(x), str(y)
    text = (
        "*",
        x_text,
        f"{x_text}-{y_text}",
        f"{x_text}-{y_text}/{step}",
        f"*/{step}",
        f"{x_text}/{step}",
        x_text,
        f"{x_text}-{y_text}",
        f"{x_text}-{y_text}/{step}",
        f"{x_text}/{step}",
        f"/{step}",
        _special(index, x, a, b, s),
        str(a),
    )[form]
    if junk:
        text += JUNK[b % len(JUNK)]
    return text


def _special(index: int, x: int, a: int, b: int, s: int) -> str:
    if index == 3:
        return ("L", "LW", f"L-{a % 32}", f"L-{a % 32}W", f"{a % 33}W")[s % 5]
    if index == 5:
        name = DAY_NAMES[x - 1]
        return (
            "L",
            f"{x}L",
            f"{x}#{1 + b % 5}",
            f"{name}#{1 + b % 5}",
            f"{name}L",
            f"{a % 9}#{b % 7}",
        )[s % 6]
    return str(x)


FIELD = st.tuples(ITEM, st.sampled_from([1, 1, 1, 2, 3]), ITEM, ITEM).map(
    lambda drawn: [drawn[0], drawn[2], drawn[3]][: drawn[1]]
)
EXPRESSION_DRAW = st.tuples(
    st.tuples(*[FIELD] * 7),
    st.sampled_from([0] * 6 + [2] * 6 + [4, 5, 6, 7]),
    st.sampled_from([0] * 18 + [8, 9]),
    st.integers(0, 3),
    st.integers(0, 3),
    st.integers(0, 3),
)


def expression(drawn: tuple[Any, ...]) -> str:
    """A Quartz expression: mostly one day field '?', sometimes both, neither or '*'; 6 or 7
    fields, sometimes fewer or more; any case; spaces or tabs."""
    items, pair, shape, year, gap, case = drawn
    fields = [
        ",".join(item_text(index, *item) for item in field) for index, field in enumerate(items)
    ]
    fields[3], fields[5] = (
        (fields[3], "?"),
        (fields[3], "?"),
        ("?", fields[5]),
        ("?", fields[5]),
        (fields[3], fields[5]),
        ("*", fields[5]),
        (fields[3], "*"),
        ("?", "?"),
    )[pair]
    fields[6] = (fields[6], "", "", "*")[year]
    if shape == 8:
        fields = fields[: 3 + items[0][0][1] % 3]
    elif shape == 9:
        fields.append("2030")
    text = (" ", " ", "\t", "  ")[gap].join(field for field in fields if field)
    return (text, text, text.lower(), text.title())[case]


def cron_trigger(drawn: tuple[Any, ...]) -> dict[str, Any]:
    text, with_start, zone, start, whole, end = drawn
    body: dict[str, Any] = {"cronString": text, "uiPassParam": "CRON"}
    if with_start:
        body["startTime"] = iso(at_ms(start, zone), not whole)
        ending = end_text(end, start, DAY_MS, zone)
        if ending is not None:
            body["endTime"] = ending
    return {"cronJobTrigger": body}


expressions = EXPRESSION_DRAW.map(expression)
# The special day rules alone, at a time of day, in some months: where Quartz is most quirky.
day_rules = st.tuples(
    st.booleans(), st.integers(0, 99), st.integers(0, 99), st.integers(0, 99), FIELD
).map(
    lambda drawn: (
        f"0 {drawn[1] % 60} {drawn[2] % 24} "
        + (f"{_special(3, 1, *drawn[1:4])} " if drawn[0] else "? ")
        + ",".join(item_text(4, *item) for item in drawn[4])
        + ("" if drawn[0] else f" {_special(5, 1 + drawn[3] % 7, *drawn[1:4])}")
        + (" ?" if drawn[0] else "")
    )
)
TRIGGERS_OF_KIND = (
    COMPLEX_DRAW.map(complex_trigger),
    SIMPLE_DRAW.map(simple_trigger),
    st.tuples(expressions, st.integers(0, 4), offsets, moments_ms, st.booleans(), END_DRAW).map(
        cron_trigger
    ),
)


@dataclass(frozen=True)
class Case:
    """One generated trigger (a trigger's JSON, or a bare expression in an offset), the moment
    to look ahead from and how many runs, and a window for the missed-run detection."""

    trigger: dict[str, Any] | None
    expression: str | None
    zone: timezone
    after: int
    count: int
    lower: int
    span: int


SPANS = [60_000, 3_600_000, DAY_MS, 7 * DAY_MS, 45 * DAY_MS]
AROUND = [0, -1, 1, -1000, 999]


@st.composite
def cases(draw: st.DrawFn) -> Case:
    kind = draw(st.integers(0, 6))
    trigger = None if kind >= 5 else draw(TRIGGERS_OF_KIND[kind // 2 if kind < 4 else 2])
    text = None if trigger else draw(expressions if kind == 5 else day_rules)
    zone, near, use_start, around, lower, span, count = draw(
        st.tuples(
            offsets,
            moments_ms,
            st.booleans(),
            st.integers(0, len(AROUND)),
            st.integers(-DAY_MS, YEAR_MS),
            st.integers(0, len(SPANS) - 1),
            st.integers(1, 25),
        )
    )
    start = _start_ms(next(iter(trigger.values()))) if trigger else None
    if start is not None and use_start:
        near = start
    shift = AROUND[around] if around < len(AROUND) else draw(st.integers(-3 * YEAR_MS, 3 * YEAR_MS))
    after = max(near + shift, 0)
    return Case(trigger, text, zone, after, count, max(after + lower, 0), SPANS[span])


def _start_ms(body: dict[str, Any]) -> int | None:
    try:
        start = datetime.fromisoformat(body["startTime"])
    except (KeyError, TypeError, ValueError):
        return None
    return ms_of(start if start.tzinfo else start.replace(tzinfo=UTC))

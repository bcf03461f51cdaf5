"""Property tests: any input gives a schedule or a `ScheduleError`; fire times keep their rules."""

from __future__ import annotations

import calendar
import json
import pickle
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from itertools import pairwise
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from backupviewer.core.schedule import trigger as schedule_module
from backupviewer.core.schedule.trigger import Schedule, ScheduleError, offset_text, parse_trigger

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TRIGGER_KEYS = ("simpleJobTrigger", "complexJobTrigger", "cronJobTrigger")

offsets = st.integers(min_value=-14 * 60, max_value=14 * 60).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)
afters = st.one_of(
    st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2150, 1, 1), timezones=offsets),
    st.sampled_from(
        [
            datetime.min.replace(tzinfo=UTC),
            datetime.max.replace(tzinfo=UTC),
            datetime(9999, 12, 31, 12, tzinfo=timezone(timedelta(hours=-12))),
        ]
    ),
)
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=20,
)
small = st.integers(min_value=0, max_value=6)
numberish = st.one_of(
    small,
    small.map(str),
    st.integers(min_value=-3, max_value=40),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["0", "1", "-1", "5", " 3 ", "2.0", "60", "900", "86400", "259200", "x", ""]),
    st.none(),
    st.booleans(),
    st.text(max_size=4),
)
good_times = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=offsets
).map(lambda moment: moment.isoformat(timespec="milliseconds"))
times = st.one_of(
    good_times,
    good_times,
    good_times,
    st.datetimes(
        min_value=datetime(1, 1, 2),
        max_value=datetime(9999, 12, 30),
        timezones=st.one_of(st.none(), offsets),
    ).map(datetime.isoformat),
    st.datetimes(
        min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=offsets
    ).map(lambda moment: moment.isoformat(timespec="milliseconds")),
    st.sampled_from([None, "", "2024-11-15T11:12:00.000+08:00", "2024-11-15", "soon"]),
    st.integers(),
    json_values,
)

SECONDS = ["0", "*", "0/15", "5-10", "1,30", "*/7", "59", "45-15"]
HOURS = ["0", "*", "9-17", "0/6", "23", "22-2", "12"]
MONTHS = ["*", "1", "2", "JAN", "2-3", "FEB,AUG", "*/4", "11-2"]
YEARS = ["", "*", "2025", "2025-2030", "2024/4", "2099"]


def _last(day: date) -> int:
    return calendar.monthrange(day.year, day.month)[1]


def _nearest_weekday(day: date, target: int) -> bool:
    """Independent reading of Quartz ``nW``: the weekday closest to `target`, inside the month."""
    last = _last(day)
    if target > last:
        return False
    wanted = day.replace(day=target)
    if wanted.weekday() == 5:
        wanted += timedelta(days=2 if target == 1 else -1)
    elif wanted.weekday() == 6:
        wanted += timedelta(days=-2 if target == last else 1)
    return day == wanted


def _last_weekday(day: date) -> bool:
    last = day.replace(day=_last(day))
    while last.weekday() >= 5:
        last -= timedelta(days=1)
    return day == last


# Each day token with a predicate written independently of the module (Python weekdays: Mon=0).
DOM: dict[str, Callable[[date], bool]] = {
    "?": lambda d: True,
    "*": lambda d: True,
    "1": lambda d: d.day == 1,
    "31": lambda d: d.day == 31,
    "L": lambda d: d.day == _last(d),
    "L-3": lambda d: d.day == _last(d) - 3,
    "LW": _last_weekday,
    "15W": lambda d: _nearest_weekday(d, 15),
    "1W": lambda d: _nearest_weekday(d, 1),
    "*/3": lambda d: d.day % 3 == 1,
    "10-20/5": lambda d: d.day in (10, 15, 20),
    "28-3": lambda d: d.day >= 28 or d.day <= 3,
}
DOW: dict[str, Callable[[date], bool]] = {
    "?": lambda d: True,
    "*": lambda d: True,
    "1": lambda d: d.weekday() == 6,
    "MON-FRI": lambda d: d.weekday() < 5,
    "6L": lambda d: d.weekday() == 4 and d.day + 7 > _last(d),
    "2#5": lambda d: d.weekday() == 0 and d.day >= 29,
    "1#1": lambda d: d.weekday() == 6 and d.day <= 7,
    "L": lambda d: d.weekday() == 5,
    "FRI-MON": lambda d: d.weekday() in (4, 5, 6, 0),
    "3/2": lambda d: d.weekday() in (1, 3, 5),
}
MONTH: dict[str, Callable[[date], bool]] = {
    "*": lambda d: True,
    "2": lambda d: d.month == 2,
    "FEB,AUG": lambda d: d.month in (2, 8),
    "11-2": lambda d: d.month in (11, 12, 1, 2),
    "*/4": lambda d: d.month in (1, 5, 9),
}


def check(schedule: Schedule, after: datetime, count: int = 5) -> list[datetime]:
    """The contract every parsed schedule keeps."""
    text = schedule.describe()
    assert isinstance(text, str)
    assert offset_text(schedule.offset) in text
    quartz = schedule.quartz()
    assert quartz is None or isinstance(quartz, str)
    runs = schedule.next_runs(after, count)
    assert len(runs) <= count
    for run in runs:
        assert run.utcoffset() == schedule.offset.utcoffset(None)
        assert run > after
        # Quartz fires a cron trigger from its start's whole second
        assert schedule.start is None or run >= schedule.start.replace(microsecond=0)
        assert schedule.end is None or run <= schedule.end
    assert all(earlier < later for earlier, later in pairwise(runs))
    assert pickle.loads(pickle.dumps(schedule)) == schedule
    assert isinstance(hash(schedule), int)
    return runs


def parse_or_none(value: Any) -> Schedule | None:
    try:
        return parse_trigger(value)
    except ScheduleError:
        return None


@FAST
@given(json_values, afters)
def test_any_json_value_parses_or_raises_schedule_error(value: Any, after: datetime) -> None:
    for candidate in (value, json.dumps(value), *({key: value} for key in TRIGGER_KEYS)):
        schedule = parse_or_none(candidate)
        if schedule is not None:
            check(schedule, after)


@FAST
@given(st.text(max_size=60) | st.binary(max_size=60))
def test_any_text_parses_or_raises_schedule_error(text: str | bytes) -> None:
    parse_or_none(text)


def mostly(valid: st.SearchStrategy[Any], weird: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """`valid` about five times in six, else `weird`."""
    return st.integers(0, 5).flatmap(lambda pick: weird if pick == 0 else valid)


trigger_bodies = st.fixed_dictionaries(
    {"startTime": mostly(good_times, times)},
    optional={
        "endTime": mostly(st.none() | good_times, times),
        "repeatInterval": mostly(st.sampled_from([0, 1, 60, 900, 3600, 86400, "600"]), numberish),
        "repeatCount": mostly(st.integers(-2, 5) | st.integers(-2, 5).map(str), numberish),
        "uiPassParam": st.sampled_from(["DAILY", "WEEKLY", "RUN_ONCE", "CRON", ""]) | json_values,
        "daysOfWeek": mostly(st.lists(small, max_size=6), st.lists(numberish, max_size=6)),
        "weeksOfMonth": mostly(st.lists(small.map(lambda n: n % 5), max_size=2), numberish),
        "daysOfMonth": mostly(st.lists(small.map(lambda n: n * 5 + 1), max_size=3), numberish),
        "monthsOfYear": mostly(st.lists(small, max_size=3), st.lists(numberish, max_size=5)),
        "years": mostly(st.lists(st.integers(2020, 2099), max_size=2), st.lists(numberish)),
        "cronString": mostly(
            st.sampled_from(["TO_BE_GENERATED", "0 0 12 ? * 2", "0 0/5 * * * ?", "0 0 1 L * ?"]),
            st.text(max_size=20) | json_values,
        ),
        "extra": json_values,
    },
)


@FAST
@given(st.sampled_from(TRIGGER_KEYS), trigger_bodies, afters)
def test_trigger_shaped_input_parses_or_raises_schedule_error(
    key: str, body: dict[str, Any], after: datetime
) -> None:
    # the private entry point has no safety net, so a stray exception would surface here
    try:
        schedule = schedule_module._parse({key: body})
    except ScheduleError:
        event("rejected")
        return
    event(f"parsed {schedule.kind}")
    check(schedule, after)
    assert parse_trigger(json.dumps({key: body})) == schedule


starts = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2060, 1, 1), timezones=offsets
)
valid_complex = st.fixed_dictionaries(
    {"startTime": starts.map(datetime.isoformat)},
    optional={
        "endTime": st.none()
        | st.datetimes(
            min_value=datetime(2000, 1, 1), max_value=datetime(2080, 1, 1), timezones=offsets
        ).map(datetime.isoformat),
        "daysOfWeek": st.lists(st.integers(0, 6) | st.integers(0, 6).map(str), max_size=7),
        "weeksOfMonth": st.lists(st.integers(0, 4), max_size=5),
        "daysOfMonth": st.lists(st.integers(1, 31), max_size=5),
        "monthsOfYear": st.lists(st.integers(0, 11), max_size=4),
        "years": st.lists(st.integers(2000, 2099), max_size=3),
        "cronString": st.just("TO_BE_GENERATED"),
        "repeatInterval": st.integers(1, 31).map(lambda n: n * 86400),
    },
)


@FAST
@given(valid_complex, afters)
def test_valid_complex_triggers_match_their_quartz_equivalent(
    body: dict[str, Any], after: datetime
) -> None:
    if body.get("cronString") and "repeatInterval" not in body:
        body["repeatInterval"] = 86400
    schedule = schedule_module._parse({"complexJobTrigger": body})
    runs = check(schedule, after)
    event(f"{schedule.kind} with {'some' if runs else 'no'} runs")
    quartz = schedule.quartz()
    assert quartz is not None and len(quartz.split()) == 7
    as_cron = {"cronString": quartz, "startTime": body["startTime"], "endTime": body.get("endTime")}
    assert parse_trigger({"cronJobTrigger": as_cron}).next_runs(after, 5) == runs
    assert all((run.second, run.microsecond) == (0, 0) for run in runs)


def day_pair(draw_quartz_pair: bool) -> st.SearchStrategy[tuple[str, str]]:
    """(day of month, day of week): usually with exactly one '?', as Quartz wants."""
    any_pair = st.tuples(st.sampled_from(list(DOM)), st.sampled_from(list(DOW)))
    by_month = st.tuples(st.sampled_from([day for day in DOM if day != "?"]), st.just("?"))
    by_week = st.tuples(st.just("?"), st.sampled_from([day for day in DOW if day != "?"]))
    return by_month | by_week if draw_quartz_pair else by_month | by_week | any_pair


@FAST
@given(
    st.sampled_from(SECONDS),
    st.sampled_from(SECONDS),
    st.sampled_from(HOURS),
    day_pair(draw_quartz_pair=False),
    st.sampled_from(MONTHS),
    st.sampled_from(YEARS),
    afters,
)
def test_generated_cron_strings_parse_or_raise(
    second: str,
    minute: str,
    hour: str,
    days: tuple[str, str],
    month: str,
    year: str,
    after: datetime,
) -> None:
    dom, dow = days
    expression = f"{second} {minute} {hour} {dom} {month} {dow} {year}".strip()
    body = {"cronString": expression, "startTime": "2020-01-01T00:00:00+08:00"}
    try:
        schedule = schedule_module._parse({"cronJobTrigger": body})
    except ScheduleError:
        assert (dom == "?") == (dow == "?") and "*" not in (dom, dow)
        event("rejected")
        return
    event("parsed")
    check(schedule, after)


@settings(max_examples=120, deadline=None)
@given(
    day_pair(draw_quartz_pair=True),
    st.sampled_from(list(MONTH)),
    st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)),
)
def test_day_rules_match_an_independent_reading(
    days: tuple[str, str], month: str, day: date
) -> None:
    dom, dow = days
    expression = f"0 0 12 {dom} {month} {dow} *"
    schedule = parse_trigger({"cronJobTrigger": {"cronString": expression}})
    window = [day + timedelta(days=offset) for offset in range(400)]
    expected = [
        moment
        for moment in window
        if DOM[dom](moment) and DOW[dow](moment) and MONTH[month](moment)
    ]
    after = datetime(day.year, day.month, day.day, tzinfo=UTC)
    found = [run.date() for run in schedule.next_runs(after, len(expected) + 1)]
    event(f"{'some' if expected else 'no'} expected days")
    assert found[: len(expected)] == expected
    assert len(found) == len(expected) or found[-1] > window[-1]


valid_simple = st.fixed_dictionaries(
    {
        "startTime": starts.map(datetime.isoformat),
        "repeatInterval": st.integers(0, 10**7) | st.sampled_from([60, 3600, 86400, 604800]),
        "repeatCount": st.integers(-1, 20),
    },
    optional={"endTime": st.none() | starts.map(datetime.isoformat)},
)


@FAST
@given(valid_simple, afters)
def test_simple_triggers_fire_on_their_interval(body: dict[str, Any], after: datetime) -> None:
    schedule = schedule_module._parse({"simpleJobTrigger": body})
    event(schedule.kind)
    assert schedule.quartz() is None
    runs = check(schedule, after)
    start, step = schedule.start, timedelta(seconds=body["repeatInterval"])
    assert start is not None
    for run in runs:
        assert (step and (run - start) % step == timedelta(0)) or run == start
    if body.get("endTime") is None and after < start:
        total = 1 if schedule.kind == "RUN_ONCE" else body["repeatCount"] + 1
        assert len(runs) == (5 if total <= 0 else min(total, 5))

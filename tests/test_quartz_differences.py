"""Each kind of difference the Quartz oracle found (tests/test_quartz_oracle.py), as a fixed
example whose expected times Quartz 2.3.2 itself gave; these run without Java."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from fires import fires_of

from backupviewer.core.schedule.quartz import parse_cron
from backupviewer.core.schedule.trigger import Schedule, ScheduleError, cron_schedule, parse_trigger

CST = timezone(timedelta(hours=8))
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def at(*parts: int, tz: timezone = CST) -> datetime:
    return datetime(*parts, tzinfo=tz)  # type: ignore[misc]


def runs(schedule: Schedule, after: datetime, count: int = 6) -> list[str]:
    return [f"{run:%Y-%m-%d %H:%M:%S}" for run in schedule.next_runs(after, count)]


def complex_(**fields: Any) -> Schedule:
    body = {"startTime": "2024-11-15T09:00:00.000+08:00", **fields}
    return parse_trigger({"complexJobTrigger": body})


def ms(moment: datetime) -> int:
    return (moment - EPOCH) // timedelta(milliseconds=1)


# -- 1. several '#' (or 'L' beside other weekdays) from a complex trigger ------------------------


@pytest.mark.parametrize(
    ("days", "weeks", "expression", "words"),
    [
        ([4], [3, 1], "0 0 9 ? * 5#4,5#2 *", "more than one 'n#k' day"),
        ([1, 2], [0], "0 0 9 ? * 2#1,3#1 *", "more than one 'n#k' day"),
        ([1, 5], [4], "0 0 9 ? * 2L,6L *", "'L' (the last day or weekday) beside other days"),
    ],
)
def test_a_complex_trigger_quartz_refuses_is_warned_about_and_lists_no_runs(
    days: list[int], weeks: list[int], expression: str, words: str
) -> None:
    schedule = complex_(daysOfWeek=days, weeksOfMonth=weeks)
    assert schedule.quartz() == expression
    assert any(words in warning for warning in schedule.warnings)
    assert schedule.next_runs(at(2025, 1, 1), 20) == []
    assert schedule.describe().endswith("at 09:00 (UTC+08:00)")  # still said as written


# -- 2. a simple trigger's endTime is exclusive ---------------------------------------------------


def test_a_simple_trigger_fires_before_its_end_not_on_it() -> None:
    body = {
        "startTime": "2026-03-10T14:12:00.000+08:00",
        "repeatInterval": 120,
        "repeatCount": 14,
        "endTime": "2026-03-10T14:16:00.000+08:00",
    }
    schedule = parse_trigger({"simpleJobTrigger": body})
    assert runs(schedule, at(2026, 1, 1)) == ["2026-03-10 14:12:00", "2026-03-10 14:14:00"]
    found = fires_of(schedule, ms(at(2026, 3, 10)), ms(at(2026, 3, 11)))
    assert list(found.times) == [ms(at(2026, 3, 10, 14, 12)), ms(at(2026, 3, 10, 14, 14))]
    assert found.after is None
    # but it always fires at its start, when that is its end
    on_start = {**body, "endTime": body["startTime"]}
    for extra in ({}, {"repeatInterval": 0, "repeatCount": 0}):
        schedule = parse_trigger({"simpleJobTrigger": {**on_start, **extra}})
        assert runs(schedule, at(2026, 1, 1)) == ["2026-03-10 14:12:00"]


def test_the_missed_run_detection_sees_a_run_once_ahead_of_its_window() -> None:
    schedule = parse_trigger({"simpleJobTrigger": {"startTime": "2026-03-10T14:12:00+08:00"}})
    found = fires_of(schedule, ms(at(2026, 3, 9)), ms(at(2026, 3, 10)))
    assert (list(found.times), found.after, found.cut) == ([], ms(at(2026, 3, 10, 14, 12)), False)


# -- 3. '#k' (or 'nL', 'nW') beside other days: Quartz keeps the lowest day ------------------


@pytest.mark.parametrize(
    ("expression", "after", "expected"),
    [
        (
            "41 18 2-9 ? * 1#1,4 *",  # the first Sunday only, not every Wednesday
            at(2026, 3, 1),
            ["2026-03-01 02:18:41", "2026-03-01 03:18:41", "2026-03-01 04:18:41"],
        ),
        (
            "0 0 12 ? * 4,2#1",
            at(2026, 3, 1, tz=UTC),
            ["2026-03-02 12:00:00", "2026-04-06 12:00:00"],
        ),
        (
            "0 0 12 10W,3 * ?",
            at(2026, 3, 1, tz=UTC),
            ["2026-03-03 12:00:00", "2026-04-03 12:00:00"],
        ),
    ],
)
def test_a_special_day_beside_other_days_applies_to_the_lowest(
    expression: str, after: datetime, expected: list[str]
) -> None:
    schedule = cron_schedule(expression, after.tzinfo)  # type: ignore[arg-type]
    assert runs(schedule, after, len(expected)) == expected
    assert any("the lowest in the field" in warning for warning in schedule.warnings)


# -- 4. a step after a name is ignored ---------------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "after", "expected"),
    [
        ("7,24,34 * 4 8 JUN/2 ?", at(2026, 7, 1), ["2027-06-08 04:00:07", "2027-06-08 04:00:24"]),
        (
            "0 0 12 ? * MON-FRI/2",
            at(2026, 3, 5),
            ["2026-03-05 12:00:00", "2026-03-06 12:00:00", "2026-03-09 12:00:00"],
        ),
        (
            "0 0 12 1 JAN-DEC/3 ?",
            at(2026, 3, 2),
            ["2026-04-01 12:00:00", "2026-05-01 12:00:00", "2026-06-01 12:00:00"],
        ),
    ],
)
def test_a_step_after_a_name_is_ignored(
    expression: str, after: datetime, expected: list[str]
) -> None:
    schedule = cron_schedule(expression, CST)
    assert runs(schedule, after, len(expected)) == expected
    assert any("otherwise than written" in warning for warning in schedule.warnings)


# -- 5. 29W–31W in a month without that day ----------------------------------------------------


def test_31w_fires_on_the_last_weekday_before_it_in_a_short_month_when_quartz_gets_there() -> None:
    schedule = cron_schedule("0 0 12 31W * ?")  # May 1, 2027 is a Saturday
    expected = ["2027-04-30 12:00:00", "2027-05-31 12:00:00", "2027-07-30 12:00:00"]
    assert runs(schedule, at(2027, 4, 1, tz=UTC), 3) == expected
    assert runs(schedule, at(2027, 3, 31, 13, tz=UTC), 3) == expected
    # Quartz leaves a month by its day n of the next: from March 31 (a Wednesday, 2027) it
    # passed into April by the hour; from May 31 it goes to "June 31", that is July 1.
    assert runs(schedule, at(2027, 5, 31, 13, tz=UTC), 1) == ["2027-07-30 12:00:00"]


def test_29w_in_a_february_of_28_days_depends_on_where_quartz_comes_from() -> None:
    schedule = cron_schedule("0 0 12 29W * ?")  # March 1, 2025 is a Saturday
    assert runs(schedule, at(2025, 2, 1, tz=UTC), 2) == [
        "2025-02-28 12:00:00",
        "2025-03-28 12:00:00",
    ]
    # after January's run Quartz goes on to "February 29", that is March 1
    assert runs(schedule, at(2025, 1, 29, 13, tz=UTC), 1) == ["2025-03-28 12:00:00"]


# -- where Quartz searches for ever ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "expected"),
    [("0 0 0 L-28W * ?", ["2025-01-03 00:00:00"]), ("0 0 12 0W * ?", [])],
)
def test_where_quartz_loops_for_ever_the_runs_end_there_with_a_warning(
    expression: str, expected: list[str]
) -> None:
    schedule = cron_schedule(expression)
    assert runs(schedule, at(2025, 1, 1, tz=UTC), 5) == expected
    assert any("for ever" in warning for warning in schedule.warnings)


def test_a_loop_in_a_year_the_rule_leaves_out_still_stops_quartz() -> None:
    # Quartz checks the year after the day, so it loops in 1990 before it could reach 2001
    # (found by the oracle: we had gone straight to 2001 and listed its first second)
    schedule = cron_schedule("* * * 0W * ? 2001")
    assert runs(schedule, at(1990, 1, 1, tz=UTC), 1) == []


# -- more that the oracle found ----------------------------------------------------------------


def test_a_start_with_milliseconds_counts_from_its_whole_second() -> None:
    body = {"startTime": "2024-11-15T11:12:00.500+08:00", "cronString": "0 12 11 * * ?"}
    schedule = parse_trigger({"cronJobTrigger": body})
    assert runs(schedule, at(2024, 1, 1), 2) == ["2024-11-15 11:12:00", "2024-11-16 11:12:00"]
    # so an end in the same second, though before the start, leaves that second's run
    ends_first = parse_trigger(
        {"cronJobTrigger": {**body, "endTime": "2024-11-15T11:12:00.1+08:00"}}
    )
    assert runs(ends_first, at(2024, 1, 1), 2) == ["2024-11-15 11:12:00"]
    assert (ends_first.refused, ends_first.warnings) == (False, ())


def test_years_run_on_past_2099_up_to_the_horizon() -> None:
    schedule = cron_schedule("0 0 12 1 1 ? 2090/5")
    after = at(2089, 1, 1, tz=UTC)
    years = [run.year for run in schedule.next_runs(after, 9)]  # 100 years from `after`
    assert years == [2090, 2095, 2100, 2105, 2110, 2115, 2120, 2125, 2130]
    assert [run.year for run in schedule.next_runs(after, 9, last_year=2100)] == [2090, 2095, 2100]
    assert "every January 1 in every 5th year from 2090 at 12:00" in schedule.describe()


@pytest.mark.parametrize(
    ("expression", "after", "expected"),
    [
        ("0 0 99 1 * ?", at(2026, 3, 1, tz=UTC), ["2026-03-01 01:00:00", "2026-03-01 02:00:00"]),
        ("0 0 5X * * ?", at(2026, 3, 1, tz=UTC), ["2026-03-01 05:00:00", "2026-03-02 05:00:00"]),
        ("0 0 12 ? * 0#2", at(2026, 3, 1, tz=UTC), ["2026-03-14 12:00:00", "2026-04-11 12:00:00"]),
        ("0 0/0 12 * * ?", at(2026, 3, 1, tz=UTC), ["2026-03-01 12:00:00", "2026-03-02 12:00:00"]),
        ("0 0 12 ? * 1,,2", at(2026, 3, 1, tz=UTC), ["2026-03-01 12:00:00", "2026-03-02 12:00:00"]),
        (
            "0 0 12 1-2-3 * ?",
            at(2026, 3, 1, tz=UTC),
            ["2026-03-01 12:00:00", "2026-03-02 12:00:00"],
        ),
        (
            "0 0 12 * * ? * *",
            at(2026, 3, 1, tz=UTC),
            ["2026-03-01 12:00:00", "2026-03-02 12:00:00"],
        ),
    ],
)
def test_what_quartz_reads_in_its_own_way_runs_as_it_reads_it(
    expression: str, after: datetime, expected: list[str]
) -> None:
    schedule = cron_schedule(expression)
    assert runs(schedule, after, 2) == expected
    assert any("otherwise than written" in warning for warning in schedule.warnings)


def test_a_day_of_the_week_above_7_before_a_hash_never_runs() -> None:
    schedule = cron_schedule("0 0 12 ? * 8#1")
    assert schedule.next_runs(at(2026, 3, 1), 2) == []
    assert any("never runs" in warning for warning in schedule.warnings)
    assert "day 8 of the week" in schedule.describe()


def test_a_bare_expression_reads_in_the_offset_given() -> None:
    schedule = cron_schedule("0 30 9 ? * MON", CST, start=datetime(2026, 3, 10))
    assert schedule.quartz() == "0 30 9 ? * MON *"
    assert schedule.start == at(2026, 3, 10)
    assert runs(schedule, at(2026, 1, 1), 2) == ["2026-03-16 09:30:00", "2026-03-23 09:30:00"]
    assert schedule.describe() == "CRON: 0 30 9 ? * MON * (every Monday at 09:30, UTC+08:00)"
    with pytest.raises(ScheduleError):
        cron_schedule("0 30 9 ? * MON#9")
    end_first = cron_schedule("0 * * * * ?", start=at(2026, 3, 10), end=at(2026, 3, 9))
    assert any("never runs" in warning for warning in end_first.warnings)


def test_the_rule_keeps_what_quartz_reads_otherwise() -> None:
    rule = parse_cron("0 0 12 ? jun/2,8 mon-fri/2 2030 extra")
    assert rule.text == "0 0 12 ? jun/2,8 mon-fri/2 2030"
    assert rule.quirks == ("extra", "JUN/2", "MON-FRI/2")
    assert rule.months == (6, 8)
    assert rule.dow_days == frozenset(range(2, 7))

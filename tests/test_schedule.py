"""Decoding, describing and evaluating Pentaho scheduler triggers (the ``cron`` JSON field)."""

from __future__ import annotations

import json
import pickle
import time
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from backupviewer.core.schedule.quartz import CronError, parse_cron
from backupviewer.core.schedule.trigger import Schedule, ScheduleError, offset_text, parse_trigger

CST = timezone(timedelta(hours=8))
START = "2024-11-15T11:12:00.000+08:00"

WEEKDAYS = (
    '{"complexJobTrigger":{"endTime":null,"startTime":"2024-11-15T11:12:00.000+08:00",'
    '"uiPassParam":"DAILY","repeatCount":-1,"daysOfWeek":["1","2","3","4","5"]}}'
)
EVERY_DAY = (
    '{"complexJobTrigger":{"uiPassParam":"DAILY","startTime":"2026-10-01T02:00:00.000+08:00",'
    '"endTime":null,"repeatInterval":86400}}'
)
EVERY_3_DAYS = (
    '{"complexJobTrigger":{"endTime":null,"startTime":"2024-11-15T11:12:00.000+08:00",'
    '"uiPassParam":"DAILY","repeatCount":-1,"cronString":"TO_BE_GENERATED",'
    '"repeatInterval":259200}}'
)


def at(
    year: int,
    month: int,
    day: int,
    hour: int = 0,
    minute: int = 0,
    second: int = 0,
    *,
    tz: timezone = CST,
) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=tz)


def simple(**fields: Any) -> Schedule:
    return parse_trigger({"simpleJobTrigger": {"startTime": START, **fields}})


def complex_(start: str = START, **fields: Any) -> Schedule:
    return parse_trigger({"complexJobTrigger": {"startTime": start, **fields}})


def cron(expression: str, start: str | None = START, **fields: Any) -> Schedule:
    body: dict[str, Any] = {"cronString": expression, **fields}
    if start is not None:
        body["startTime"] = start
    return parse_trigger({"cronJobTrigger": body})


def days(schedule: Schedule, after: datetime, count: int = 6) -> list[str]:
    return [f"{run:%Y-%m-%d}" for run in schedule.next_runs(after, count)]


# -- the worked examples of the spec ----------------------------------------------------------


def test_worked_example_every_weekday() -> None:
    schedule = parse_trigger(WEEKDAYS)
    assert schedule.quartz() == "0 12 11 ? * 2,3,4,5,6 *"
    assert schedule.describe() == "Every weekday at 11:12 (UTC+08:00)"
    assert schedule.next_runs(at(2025, 2, 26, 12, 0), 3) == [
        at(2025, 2, 27, 11, 12),
        at(2025, 2, 28, 11, 12),
        at(2025, 3, 3, 11, 12),
    ]
    assert (schedule.kind, schedule.label) == ("DAILY", "DAILY")


def test_worked_example_every_day() -> None:
    schedule = parse_trigger(EVERY_DAY)
    assert schedule.quartz() == "0 0 2 * * ? *"
    assert schedule.describe() == "Every day at 02:00 (UTC+08:00)"
    assert schedule.next_runs(at(2025, 2, 26, 12, 0), 3) == [
        at(2026, 10, 1, 2, 0),
        at(2026, 10, 2, 2, 0),
        at(2026, 10, 3, 2, 0),
    ]
    assert schedule.warnings == ()


def test_worked_example_every_3_days() -> None:
    schedule = parse_trigger(EVERY_3_DAYS)
    assert schedule.quartz() == "0 12 11 */3 * ? *"
    assert schedule.describe() == "Every 3 days at 11:12 (UTC+08:00)"
    assert schedule.next_runs(at(2025, 2, 27, 10, 37), 2) == [
        at(2025, 2, 28, 11, 12),
        at(2025, 3, 1, 11, 12),
    ]
    assert schedule.interval_seconds == 259200
    assert schedule.kind == "DAILY"


# -- simple triggers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "fields",
    [{"repeatInterval": 0, "repeatCount": -1}, {"repeatInterval": 3600, "repeatCount": 0}, {}],
)
def test_run_once(fields: dict[str, Any]) -> None:
    schedule = simple(uiPassParam="RUN_ONCE", **fields)
    assert schedule.kind == "RUN_ONCE"
    assert schedule.quartz() is None
    assert schedule.describe() == "Once, on 2024-11-15 at 11:12 (UTC+08:00)"
    assert schedule.next_runs(at(2024, 1, 1), 5) == [at(2024, 11, 15, 11, 12)]
    assert schedule.next_runs(at(2024, 11, 15, 11, 12), 5) == []


@pytest.mark.parametrize(
    ("interval", "kind", "words"),
    [
        (1, "SECONDS", "Every second"),
        (30, "SECONDS", "Every 30 seconds"),
        (90, "SECONDS", "Every 90 seconds"),
        (60, "MINUTES", "Every minute"),
        (900, "MINUTES", "Every 15 minutes"),
        (3600, "HOURS", "Every hour"),
        (7200, "HOURS", "Every 2 hours"),
        (86400, "DAILY", "Every day"),
        (172800, "DAILY", "Every 2 days"),
        (604800, "WEEKLY", "Every week"),
        (1209600, "WEEKLY", "Every 2 weeks"),
    ],
)
def test_interval_kinds_and_wording(interval: int, kind: str, words: str) -> None:
    schedule = simple(repeatInterval=interval, repeatCount=-1, uiPassParam="whatever")
    assert schedule.kind == kind
    assert schedule.describe() == f"{words} from 2024-11-15 11:12 (UTC+08:00)"
    assert schedule.quartz() is None
    assert schedule.interval_seconds == interval
    assert schedule.repeat_count == -1


def test_interval_forever_counts_from_start_in_absolute_time() -> None:
    schedule = simple(startTime="2024-11-15T11:12:30+08:00", repeatInterval=3600, repeatCount=-1)
    assert schedule.next_runs(at(2030, 1, 1, 0, 0), 3) == [
        at(2030, 1, 1, 0, 12, 30),
        at(2030, 1, 1, 1, 12, 30),
        at(2030, 1, 1, 2, 12, 30),
    ]
    # a run exactly at `after` is not "after"
    assert schedule.next_runs(at(2030, 1, 1, 0, 12, 30), 1) == [at(2030, 1, 1, 1, 12, 30)]


def test_repeat_count_means_extra_runs_after_the_first() -> None:
    schedule = simple(repeatInterval=900, repeatCount=10)
    assert schedule.describe() == (
        "Every 15 minutes from 2024-11-15 11:12 (UTC+08:00); "
        "runs 11 times (the first run and 10 repeats)"
    )
    runs = schedule.next_runs(at(2024, 1, 1), 100)
    assert len(runs) == 11
    assert runs[0] == at(2024, 11, 15, 11, 12)
    assert runs[-1] == at(2024, 11, 15, 13, 42)
    assert schedule.next_runs(runs[-1], 5) == []
    assert (
        simple(repeatInterval=60, repeatCount=1)
        .describe()
        .endswith("; runs 2 times (the first run and 1 repeat)")
    )


def test_negative_repeat_counts_mean_forever_like_the_server() -> None:
    schedule = simple(repeatInterval=60, repeatCount=-7)
    assert schedule.repeat_count == -1
    assert len(schedule.next_runs(at(2050, 1, 1), 3)) == 3


def test_missing_repeat_count_is_zero_with_a_warning() -> None:
    schedule = simple(repeatInterval=60)
    assert schedule.kind == "RUN_ONCE"
    assert any("repeatCount" in warning for warning in schedule.warnings)


def test_simple_runs_are_bounded_by_end_time() -> None:
    schedule = simple(repeatInterval=86400, repeatCount=-1, endTime="2024-11-17T11:12:00.000+08:00")
    assert schedule.next_runs(at(2024, 1, 1), 10) == [
        at(2024, 11, 15, 11, 12),
        at(2024, 11, 16, 11, 12),  # the end is exclusive, as in Quartz's SimpleTrigger
    ]
    assert schedule.describe() == (
        "Every day from 2024-11-15 11:12 (UTC+08:00), until 2024-11-17 11:12"
    )


def test_simple_runs_come_in_the_trigger_offset() -> None:
    schedule = simple(repeatInterval=3600, repeatCount=-1)
    runs = schedule.next_runs(datetime(2025, 1, 1, 0, 30, tzinfo=UTC), 2)
    assert runs == [at(2025, 1, 1, 9, 12), at(2025, 1, 1, 10, 12)]
    assert all(run.utcoffset() == timedelta(hours=8) for run in runs)


def test_simple_seconds_in_the_start_are_kept() -> None:
    schedule = simple(startTime="2024-11-15T11:12:05+08:00")
    assert schedule.describe() == "Once, on 2024-11-15 at 11:12:05 (UTC+08:00)"


# -- complex triggers: one test per case row --------------------------------------------------


def test_every_n_days_of_one_is_every_day() -> None:
    schedule = complex_(cronString="TO_BE_GENERATED", repeatInterval=86400)
    assert schedule.quartz() == "0 12 11 * * ? *"
    assert schedule.describe() == "Every day at 11:12 (UTC+08:00)"


def test_every_n_days_steps_through_the_month() -> None:
    schedule = parse_trigger(EVERY_3_DAYS)
    assert days(schedule, at(2025, 1, 27, 12, 0), 4) == [
        "2025-01-28",
        "2025-01-31",
        "2025-02-01",
        "2025-02-04",
    ]
    assert any("1st, 4th, …, 28th and 31st" in note for note in schedule.notes)


@pytest.mark.parametrize("interval", [None, 0, 3600, 90000, "soon", 32 * 86400])
def test_every_n_days_needs_whole_days_up_to_31(interval: object) -> None:
    with pytest.raises(ScheduleError):
        complex_(cronString="TO_BE_GENERATED", repeatInterval=interval)


def test_every_day_without_any_lists() -> None:
    schedule = complex_(uiPassParam="DAILY")
    assert schedule.quartz() == "0 12 11 * * ? *"
    assert schedule.kind == "DAILY"
    assert schedule.warnings == ()


@pytest.mark.parametrize("interval", [3600, "abc", 0])
def test_every_day_flags_an_interval_other_than_a_day(interval: object) -> None:
    schedule = complex_(repeatInterval=interval)
    assert schedule.quartz() == "0 12 11 * * ? *"
    assert len(schedule.warnings) == 1
    assert "86400" in schedule.warnings[0]


def test_weekly_day_list_in_json_order() -> None:
    schedule = complex_("2024-11-15T02:00:00+08:00", daysOfWeek=[0, 1], uiPassParam="WEEKLY")
    assert schedule.quartz() == "0 0 2 ? * 1,2 *"
    assert schedule.describe() == "Every Monday and Sunday at 02:00 (UTC+08:00)"
    assert schedule.kind == "WEEKLY"
    assert complex_(daysOfWeek=[5, 3, 1]).quartz() == "0 12 11 ? * 6,4,2 *"
    assert (
        complex_(daysOfWeek=[5, 3, 1])
        .describe()
        .startswith("Every Monday, Wednesday and Friday at 11:12")
    )


def test_monthly_day_n() -> None:
    schedule = complex_("2024-11-15T02:00:00+08:00", daysOfMonth=["15"], uiPassParam="MONTHLY")
    assert schedule.quartz() == "0 0 2 15 * ? *"
    assert schedule.describe() == "Day 15 of every month at 02:00 (UTC+08:00)"
    assert schedule.kind == "MONTHLY"
    day_31 = complex_(daysOfMonth=[31])
    assert days(day_31, at(2025, 1, 1), 3) == ["2025-01-31", "2025-03-31", "2025-05-31"]


def test_monthly_nth_weekday() -> None:
    schedule = complex_(
        "2024-11-15T02:00:00+08:00", daysOfWeek=[2], weeksOfMonth=[1], uiPassParam="MONTHLY"
    )
    assert schedule.quartz() == "0 0 2 ? * 3#2 *"
    assert schedule.describe() == "The second Tuesday of every month at 02:00 (UTC+08:00)"
    assert schedule.kind == "MONTHLY"
    assert days(schedule, at(2025, 1, 1), 3) == ["2025-01-14", "2025-02-11", "2025-03-11"]


def test_monthly_last_weekday() -> None:
    schedule = complex_(daysOfWeek=[5], weeksOfMonth=[4])
    assert schedule.quartz() == "0 12 11 ? * 6L *"
    assert schedule.describe() == "The last Friday of every month at 11:12 (UTC+08:00)"
    assert days(schedule, at(2025, 1, 1), 3) == ["2025-01-31", "2025-02-28", "2025-03-28"]


def test_weeks_times_weekdays_form_a_cross_product() -> None:
    schedule = complex_(daysOfWeek=[1, 5], weeksOfMonth=[3, 4])
    assert schedule.quartz() == "0 12 11 ? * 2#4,2L,6#4,6L *"
    assert schedule.describe().startswith(
        "The fourth Monday, the last Monday, the fourth Friday and the last Friday of every month"
    )
    assert days(schedule, at(2025, 3, 1), 4) == []  # Quartz refuses it: the server never runs it
    same_day = complex_(daysOfWeek=[1], weeksOfMonth=[0, 2])
    assert same_day.describe().startswith("The first and third Monday of every month")


def test_yearly_month_and_day() -> None:
    schedule = complex_(
        "2024-11-15T02:00:00+08:00", monthsOfYear=[0], daysOfMonth=[15], uiPassParam="YEARLY"
    )
    assert schedule.quartz() == "0 0 2 15 1 ? *"
    assert schedule.describe() == "Every January 15 at 02:00 (UTC+08:00)"
    assert schedule.kind == "YEARLY"
    assert days(schedule, at(2025, 1, 15, 3), 2) == ["2026-01-15", "2027-01-15"]


def test_yearly_nth_weekday_of_a_month() -> None:
    schedule = complex_(
        "2024-11-15T02:00:00+08:00", monthsOfYear=[0], daysOfWeek=[0], weeksOfMonth=[0]
    )
    assert schedule.quartz() == "0 0 2 ? 1 1#1 *"
    assert schedule.describe() == "The first Sunday of January at 02:00 (UTC+08:00)"
    assert schedule.kind == "YEARLY"
    assert days(schedule, at(2025, 1, 1), 2) == ["2025-01-05", "2026-01-04"]


def test_yearly_on_february_29_waits_for_leap_years() -> None:
    schedule = complex_(monthsOfYear=[1], daysOfMonth=[29])
    assert schedule.describe().startswith("Every February 29 at 11:12")
    assert days(schedule, at(2025, 1, 1), 3) == ["2028-02-29", "2032-02-29", "2036-02-29"]
    # 2100 is not a leap year
    assert days(schedule, at(2096, 3, 1), 1) == ["2104-02-29"]


def test_several_months_and_days() -> None:
    schedule = complex_(monthsOfYear=[0, 6], daysOfMonth=[1, 15])
    assert schedule.quartz() == "0 12 11 1,15 1,7 ? *"
    assert schedule.describe().startswith("Days 1 and 15 of January and July at 11:12")


def test_years_fill_the_year_field() -> None:
    schedule = complex_(monthsOfYear=[0], daysOfMonth=[15], years=[2025, "2026"])
    assert schedule.quartz() == "0 12 11 15 1 ? 2025,2026"
    assert schedule.describe().startswith("Every January 15 in 2025 and 2026 at 11:12")
    assert days(schedule, at(2024, 12, 1), 5) == ["2025-01-15", "2026-01-15"]


def test_days_of_week_win_over_days_of_month() -> None:
    schedule = complex_(daysOfWeek=[1], daysOfMonth=[15])
    assert schedule.quartz() == "0 12 11 ? * 2 *"
    assert any("daysOfWeek" in warning for warning in schedule.warnings)


def test_weeks_without_weekdays_are_ignored_with_a_warning() -> None:
    schedule = complex_(daysOfMonth=[15], weeksOfMonth=[1])
    assert schedule.quartz() == "0 12 11 15 * ? *"
    assert any("weeksOfMonth" in warning for warning in schedule.warnings)


def test_a_real_cron_string_in_a_complex_trigger_is_ignored_with_a_warning() -> None:
    schedule = complex_(daysOfWeek=[1], cronString="0 0 5 * * ?")
    assert schedule.quartz() == "0 12 11 ? * 2 *"
    assert any("cronString" in warning for warning in schedule.warnings)


def test_complex_seconds_are_always_zero() -> None:
    schedule = complex_("2024-11-15T11:12:45.500+08:00", daysOfWeek=[4])
    assert schedule.quartz() == "0 12 11 ? * 5 *"
    assert schedule.next_runs(at(2024, 11, 15, 12), 1) == [at(2024, 11, 21, 11, 12)]


# -- cron triggers ------------------------------------------------------------------------------


def test_cron_six_fields_get_a_year() -> None:
    schedule = cron("0 0 12 ? * 2", uiPassParam="CRON")
    assert schedule.quartz() == "0 0 12 ? * 2 *"
    assert schedule.kind == "CRON"
    assert schedule.describe() == "CRON: 0 0 12 ? * 2 * (every Monday at 12:00, UTC+08:00)"
    assert days(schedule, at(2025, 2, 26), 2) == ["2025-03-03", "2025-03-10"]


def test_cron_seven_fields_and_spacing() -> None:
    schedule = cron("  0 15 10  ? * 6L 2025 ")
    assert schedule.quartz() == "0 15 10 ? * 6L 2025"
    assert schedule.describe() == (
        "CRON: 0 15 10 ? * 6L 2025 (the last Friday of every month in 2025 at 10:15, UTC+08:00)"
    )
    assert days(schedule, at(2025, 11, 1), 5) == ["2025-11-28", "2025-12-26"]


def test_cron_day_names_are_evaluated_as_quartz_but_warned_about() -> None:
    schedule = cron("0 0 12 ? * MON *")
    assert schedule.describe() == "CRON: 0 0 12 ? * MON * (every Monday at 12:00, UTC+08:00)"
    assert days(schedule, at(2025, 2, 26), 1) == ["2025-03-03"]  # a Monday
    assert any("MON runs on Sunday" in warning for warning in schedule.warnings)


@pytest.mark.parametrize(
    ("expression", "token"),
    [
        ("0 0 12 15W * ?", "'W'"),
        ("0 0 12 LW * ?", "'LW'"),
        ("0 0 12 L-3 * ?", "'L-n'"),
        ("0 0 12 ? JAN 2", "month names"),
    ],
)
def test_cron_features_a_93_server_rejects_are_warned_about(expression: str, token: str) -> None:
    warnings = cron(expression).warnings
    assert len(warnings) == 1
    assert "rejects" in warnings[0]
    assert token in warnings[0]


@pytest.mark.parametrize(
    "expression",
    [
        "0 0 12 ? * 2",
        "0 0 12 L * ?",
        "0 0 12 ? * 6#3",
        "0 0 12 ? 1 6L",
        "0 0 12 1,15,31 * ?",
        "0 0 12 ? * 2-6",
    ],
)
def test_plain_quartz_has_no_warnings(expression: str) -> None:
    assert cron(expression).warnings == ()


@pytest.mark.parametrize(
    ("expression", "words"),
    [
        ("0 0 12 ? * 2#1,6#3", "more than one 'n#k' day"),
        ("0 0 12 ? * 2#1,6#3,4#2", "more than one 'n#k' day"),
        ("0 0 12 ? * 2#1,6L", "'L' (the last day or weekday) beside other days"),
        ("0 0 12 ? * 2,6L", "'L' (the last day or weekday) beside other days"),
        ("0 0 12 ? * 1,l", "'L' (the last day or weekday) beside other days"),
        ("0 0 12 1,L * ?", "'L' (the last day or weekday) beside other days"),
        ("0 0 12 L,15 * ?", "'L' (the last day or weekday) beside other days"),
    ],
)
def test_cron_lists_quartz_refuses_are_warned_about(expression: str, words: str) -> None:
    schedule = cron(expression)
    warned = [warning for warning in schedule.warnings if words in warning]
    assert len(warned) == 1 and "cannot run this schedule as written" in warned[0]
    assert schedule.next_runs(at(2025, 1, 1), 1) == []  # described, but the server never runs it


def test_several_weeks_and_days_in_a_complex_trigger_are_warned_about() -> None:
    schedule = complex_(daysOfWeek=[1, 5], weeksOfMonth=[3, 4])
    assert schedule.quartz() == "0 12 11 ? * 2#4,2L,6#4,6L *"
    assert [warning[:48] for warning in schedule.warnings] == [
        "Quartz refuses 'L' (the last day or weekday) bes",
        "Quartz refuses more than one 'n#k' day (like '2#",
    ]


@pytest.mark.parametrize(
    ("expression", "after", "expected"),
    [
        ("0 0 12 L * ?", (2024, 2, 1), ["2024-02-29", "2024-03-31", "2024-04-30"]),
        ("0 0 12 L * ?", (2025, 2, 1), ["2025-02-28", "2025-03-31"]),
        ("0 0 12 L-2 * ?", (2025, 2, 1), ["2025-02-26", "2025-03-29", "2025-04-28"]),
        ("0 0 12 LW * ?", (2025, 5, 1), ["2025-05-30", "2025-06-30", "2025-07-31", "2025-08-29"]),
        ("0 0 12 LW * ?", (2025, 11, 1), ["2025-11-28"]),
        ("0 0 12 1W * ?", (2025, 1, 1), ["2025-01-01", "2025-02-03", "2025-03-03", "2025-04-01"]),
        ("0 0 12 1W * ?", (2025, 5, 2), ["2025-06-02"]),
        ("0 0 12 15W * ?", (2025, 3, 1), ["2025-03-14", "2025-04-15", "2025-05-15", "2025-06-16"]),
        ("0 0 12 31W * ?", (2025, 3, 1), ["2025-03-31", "2025-05-30", "2025-07-31", "2025-08-29"]),
        ("0 0 12 30W * ?", (2025, 11, 1), ["2025-11-28"]),
        ("0 0 12 L-3W * ?", (2025, 3, 1), ["2025-03-28", "2025-04-28", "2025-05-28"]),
        ("0 0 12 ? * 6#3", (2025, 1, 1), ["2025-01-17", "2025-02-21", "2025-03-21"]),
        ("0 0 12 ? * 2#5", (2025, 1, 1), ["2025-03-31", "2025-06-30", "2025-09-29"]),
        ("0 0 12 ? * 6L", (2025, 1, 1), ["2025-01-31", "2025-02-28", "2025-03-28"]),
        ("0 0 12 ? * 1L", (2025, 1, 1), ["2025-01-26", "2025-02-23", "2025-03-30"]),
        ("0 0 12 ? * L", (2025, 1, 1), ["2025-01-04", "2025-01-11", "2025-01-18"]),
        ("0 0 12 ? * FRI-MON", (2025, 1, 1), ["2025-01-03", "2025-01-04", "2025-01-05"]),
        ("0 0 12 ? JAN,MAR 2 2025", (2025, 1, 25), ["2025-01-27", "2025-03-03"]),
        ("0 0 12 10-20/5 * ?", (2025, 1, 1), ["2025-01-10", "2025-01-15", "2025-01-20"]),
        ("0 0 12 29 2 ? 2025-2030", (2025, 1, 1), ["2028-02-29"]),
    ],
)
def test_quartz_day_rules_against_hand_checked_dates(
    expression: str, after: tuple[int, int, int], expected: list[str]
) -> None:
    schedule = cron(expression, "2020-01-01T00:00:00+08:00")
    found = days(schedule, at(*after), 10)
    assert found[: len(expected)] == expected
    if expression.endswith("2030"):
        assert found == expected  # and nothing after 2030


def test_cron_times_of_day() -> None:
    schedule = cron("0 0/20 9-10 ? * 2")
    assert schedule.next_runs(at(2025, 3, 3, 10, 20), 3) == [
        at(2025, 3, 3, 10, 40),
        at(2025, 3, 10, 9, 0),
        at(2025, 3, 10, 9, 20),
    ]
    assert "every 20 minutes, between 09:00 and 10:59" in schedule.describe()
    seconds = cron("15,45 * * * * ?")
    assert seconds.next_runs(at(2025, 3, 3, 10, 20, 50), 2) == [
        at(2025, 3, 3, 10, 21, 15),
        at(2025, 3, 3, 10, 21, 45),
    ]


@pytest.mark.parametrize(
    ("expression", "words"),
    [
        ("0 0 * * * ?", "every hour on the hour"),
        ("0 30 * * * ?", "every hour at minute 30"),
        ("0,30 5 * * * ?", "at seconds 0 and 30, every hour at minute 5"),
        ("0 0,30 1,3,7,9,13,22 * * ?", "at minutes 0 and 30, in the hours 1, 3, 7, 9, 13 and 22"),
        ("0 0 0/6 * * ?", "every day at 00:00, 06:00, 12:00 and 18:00"),
        ("0 0 0/2 * * ?", "every 2 hours on the hour"),
        (
            "0 0/5 14,18 * * ?",
            "every 5 minutes, between 14:00 and 14:59 and between 18:00 and 18:59",
        ),
        ("* * * * * ?", "every second"),
        ("0/10 * * * * ?", "every 10 seconds"),
        ("0 0 9,17 ? * MON-FRI", "every weekday at 09:00 and 17:00"),
        ("0 0 12 L * ?", "the last day of every month at 12:00"),
        ("0 0 12 LW * ?", "the last weekday of every month at 12:00"),
        ("0 0 12 L-3 * ?", "3 days before the last day of every month at 12:00"),
        ("0 0 12 15W * ?", "the weekday nearest day 15 of every month at 12:00"),
        ("0 0 12 ? * 2#3", "the third Monday of every month at 12:00"),
        ("0 0 12 1 1 ? 2025/2", "every January 1 in every 2nd year from 2025 at 12:00"),
        ("0 0 12 1 1 ? 2025-2030", "every January 1 from 2025 to 2030 at 12:00"),
        ("0 0 12 ? * 1,7", "every Saturday and Sunday at 12:00"),
        ("0 0 12 * 6-8 ?", "every day in June, July and August at 12:00"),
    ],
)
def test_cron_wording(expression: str, words: str) -> None:
    assert (
        cron(expression).describe() == f"CRON: {parse_cron(expression).text} ({words}, UTC+08:00)"
    )


def test_a_cron_stepping_through_the_days_of_a_month_says_so() -> None:
    (note,) = (text for text in cron("0 0 12 1/3 * ?").notes if "steps" in text)
    assert "1st, 4th, …, 28th and 31st, then again on the 1st of the next month" in note
    for expression in ("0 0 12 2/3 * ?", "0 0 12 1,15 * ?", "0 0 12 * * ?"):
        assert not any("steps" in text for text in cron(expression).notes), expression


def test_cron_star_in_both_day_fields_is_read_as_question_mark() -> None:
    schedule = cron("0 0 12 * * *")
    assert schedule.quartz() == "0 0 12 * * * *"  # as the server holds it
    assert schedule.describe() == "CRON: 0 0 12 * * * * (every day at 12:00, UTC+08:00)"
    assert any("'?'" in warning for warning in schedule.warnings)
    assert days(schedule, at(2025, 1, 1), 2) == []  # Quartz refuses the string as written


def test_cron_without_start_time_uses_utc_with_a_warning() -> None:
    schedule = cron("0 0 12 ? * 2", start=None)
    assert schedule.start is None
    assert schedule.offset == UTC
    assert schedule.describe().endswith("UTC+00:00)")
    assert any("startTime" in warning for warning in schedule.warnings)
    assert schedule.next_runs(at(2025, 3, 1, tz=UTC), 1) == [at(2025, 3, 3, 12, tz=UTC)]


def test_cron_with_an_unreadable_start_time_uses_utc_with_a_warning() -> None:
    schedule = cron("0 0 12 ? * 2", start="someday")
    assert schedule.start is None
    assert any("someday" in warning for warning in schedule.warnings)


# -- bounds -------------------------------------------------------------------------------------


def test_no_run_before_start_time() -> None:
    schedule = complex_("2025-03-05T11:12:30+08:00", daysOfWeek=[1, 2, 3, 4, 5])
    # 11:12:00 on the start day is before the start (11:12:30)
    assert days(schedule, at(2025, 1, 1), 2) == ["2025-03-06", "2025-03-07"]
    exact = complex_("2025-03-05T11:12:00+08:00", daysOfWeek=[1, 2, 3, 4, 5])
    assert exact.next_runs(at(2025, 1, 1), 1) == [at(2025, 3, 5, 11, 12)]


def test_no_run_after_end_time() -> None:
    schedule = complex_(daysOfWeek=[1, 2, 3, 4, 5], endTime="2025-03-04T23:59:59.000+08:00")
    assert days(schedule, at(2025, 2, 28, 12), 10) == ["2025-03-03", "2025-03-04"]
    assert schedule.describe() == "Every weekday at 11:12 (UTC+08:00), until the end of 2025-03-04"
    assert schedule.end == at(2025, 3, 4, 23, 59, 59)


def test_end_time_is_inclusive_and_read_in_its_own_offset() -> None:
    schedule = complex_(daysOfWeek=[1, 2, 3, 4, 5], endTime="2025-03-04T03:12:00Z")
    assert days(schedule, at(2025, 2, 28, 12), 10) == ["2025-03-03", "2025-03-04"]
    assert schedule.describe().endswith(", until 2025-03-04 11:12")


@pytest.mark.parametrize("end", [None, "", "  "])
def test_blank_end_time_means_no_end(end: object) -> None:
    schedule = complex_(endTime=end)
    assert schedule.end is None
    assert len(schedule.next_runs(at(2090, 1, 1), 3)) == 3
    assert "until" not in schedule.describe()


def test_absent_end_time_means_no_end() -> None:
    assert complex_().end is None


def test_end_before_start_never_runs_and_says_so() -> None:
    schedule = simple(repeatInterval=60, repeatCount=-1, endTime="2024-01-01T00:00:00+08:00")
    assert schedule.next_runs(at(2000, 1, 1), 5) == []
    assert any("never runs" in warning for warning in schedule.warnings)


def test_naive_end_time_is_read_in_the_start_offset() -> None:
    schedule = complex_(endTime="2025-03-04T23:59:59")
    assert schedule.end == at(2025, 3, 4, 23, 59, 59)


def test_naive_start_time_is_utc_with_a_warning() -> None:
    schedule = complex_("2024-11-15T11:12:00", daysOfWeek=[1])
    assert schedule.offset == UTC
    assert any("UTC is assumed" in warning for warning in schedule.warnings)


def test_runs_stop_when_nothing_fires_within_the_search_window() -> None:
    schedule = cron("0 0 12 30 2 ?")  # February 30th
    started = time.perf_counter()
    assert schedule.next_runs(at(2025, 1, 1), 5) == []
    assert time.perf_counter() - started < 1


# -- time zone and daylight saving -------------------------------------------------------------


def test_time_of_day_comes_from_start_time_in_its_own_offset() -> None:
    schedule = complex_("2024-11-15T21:30:00-05:00", daysOfWeek=[1])
    assert schedule.quartz() == "0 30 21 ? * 2 *"
    assert schedule.describe() == "Every Monday at 21:30 (UTC-05:00)"
    runs = schedule.next_runs(datetime(2025, 3, 1, tzinfo=UTC), 1)
    assert runs == [datetime(2025, 3, 3, 21, 30, tzinfo=timezone(timedelta(hours=-5)))]
    assert runs[0].tzinfo == schedule.offset


def test_daylight_saving_cannot_be_predicted_note() -> None:
    for schedule in (parse_trigger(WEEKDAYS), cron("0 0 12 ? * 2")):
        assert any("daylight-saving" in note for note in schedule.notes)
    assert simple(repeatInterval=60, repeatCount=-1).notes == ()


@pytest.mark.parametrize(
    ("offset", "text"),
    [
        (timedelta(hours=8), "UTC+08:00"),
        (timedelta(hours=-3, minutes=-30), "UTC-03:30"),
        (timedelta(0), "UTC+00:00"),
        (timedelta(hours=5, minutes=45, seconds=10), "UTC+05:45:10"),
    ],
)
def test_offset_text(offset: timedelta, text: str) -> None:
    assert offset_text(timezone(offset)) == text


# -- tolerance ----------------------------------------------------------------------------------


def test_numbers_as_strings_and_strings_as_numbers() -> None:
    as_text = simple(repeatInterval="900", repeatCount="10")
    as_numbers = simple(repeatInterval=900.0, repeatCount=10)
    assert as_text.describe() == as_numbers.describe()
    assert (as_text.interval_seconds, as_text.repeat_count) == (900, 10)
    mixed = complex_(daysOfWeek=[1, "2", " 3 ", 4.0, "5"])
    assert mixed.quartz() == "0 12 11 ? * 2,3,4,5,6 *"
    assert mixed.describe() == "Every weekday at 11:12 (UTC+08:00)"


def test_start_time_without_milliseconds() -> None:
    schedule = complex_("2024-11-15T11:12:00+08:00", daysOfWeek=[1])
    assert schedule.start == at(2024, 11, 15, 11, 12)


def test_unknown_keys_are_ignored() -> None:
    document = json.loads(WEEKDAYS)
    document["complexJobTrigger"]["somethingNew"] = {"nested": [1, 2]}
    document["jobName"] = "backup"
    assert parse_trigger(document) == parse_trigger(WEEKDAYS)


def test_repeat_count_inside_a_complex_trigger_means_nothing() -> None:
    assert complex_(daysOfWeek=[1], repeatCount="??").repeat_count is None


@pytest.mark.parametrize("label", [None, "WEEKLY", "SOMETHING_ELSE", 42])
def test_label_does_not_decide_the_schedule(label: object) -> None:
    document = json.loads(WEEKDAYS)
    document["complexJobTrigger"]["uiPassParam"] = label
    schedule = parse_trigger(document)
    assert schedule.kind == "DAILY"
    assert schedule.quartz() == "0 12 11 ? * 2,3,4,5,6 *"
    assert schedule.label == (label if isinstance(label, str) else None)


def test_missing_label_decodes_from_structure() -> None:
    schedule = complex_(daysOfMonth=[1])
    assert (schedule.kind, schedule.label) == ("MONTHLY", None)


def test_text_bytes_and_dicts_are_accepted() -> None:
    expected = parse_trigger(WEEKDAYS)
    assert parse_trigger(WEEKDAYS.encode()) == expected
    assert parse_trigger(json.loads(WEEKDAYS)) == expected


def test_weekday_list_must_be_exactly_monday_to_friday_for_every_weekday() -> None:
    assert complex_(daysOfWeek=[5, 4, 3, 2, 1]).describe().startswith("Every weekday at")
    assert complex_(daysOfWeek=[1, 2, 3, 4]).kind == "WEEKLY"


# -- errors ------------------------------------------------------------------------------------


def _body(kind: str, **fields: Any) -> str:
    return json.dumps({kind: {"startTime": START, **fields}}, allow_nan=True)


ERRORS = {
    "not JSON": "{not json",
    "empty text": "",
    "JSON list": "[1, 2]",
    "JSON number": "42",
    "JSON null": "null",
    "no trigger key": '{"weeklyJobTrigger": {}}',
    "two trigger keys": '{"simpleJobTrigger": {}, "cronJobTrigger": {}}',
    "body not an object": '{"simpleJobTrigger": "daily"}',
    "simple without start": '{"simpleJobTrigger": {"repeatInterval": 60, "repeatCount": -1}}',
    "complex without start": '{"complexJobTrigger": {"daysOfWeek": [1]}}',
    "unreadable start": '{"complexJobTrigger": {"startTime": "tomorrow"}}',
    "start as a number": '{"simpleJobTrigger": {"startTime": 1731640320000}}',
    "unreadable end": _body("complexJobTrigger", endTime="never"),
    "interval text": _body("simpleJobTrigger", repeatInterval="x"),
    "negative interval": _body("simpleJobTrigger", repeatInterval=-5),
    "fractional interval": _body("simpleJobTrigger", repeatInterval=1.5),
    "bool interval": _body("simpleJobTrigger", repeatInterval=True),
    "NaN interval": _body("simpleJobTrigger", repeatInterval=float("nan")),
    "huge interval": _body("simpleJobTrigger", repeatInterval=1e300),
    "count text": _body("simpleJobTrigger", repeatInterval=60, repeatCount="many"),
    "weekday 7": _body("complexJobTrigger", daysOfWeek=[7]),
    "weekday -1": _body("complexJobTrigger", daysOfWeek=["-1"]),
    "month 12": _body("complexJobTrigger", monthsOfYear=[12]),
    "week 5": _body("complexJobTrigger", daysOfWeek=[1], weeksOfMonth=[5]),
    "day 0": _body("complexJobTrigger", daysOfMonth=[0]),
    "day 32": _body("complexJobTrigger", daysOfMonth=["32"]),
    "year 1900": _body("complexJobTrigger", years=[1900]),
    "list is text": _body("complexJobTrigger", daysOfWeek="1,2"),
    "null in a list": _body("complexJobTrigger", daysOfWeek=[1, None]),
    "object in a list": _body("complexJobTrigger", daysOfWeek=[{}]),
    "cron without string": _body("cronJobTrigger"),
}
BAD_CRON = [
    "every day at noon",
    "0 0 12 * *",
    "0 0 25 * * ?",
    "0 60 12 * * ?",
    "0 0 12 ? * 8",
    "0 0 12 ? 13 2",
    "0 0 12 ? * ?",
    "0 0 12 1 * 2",
    "0 0 12 L-31 * ?",
    "0 0 12 32W * ?",
    "0 0 12 ? * 2#6",
    "0 0 12 ? * 2#0",
    "0 0 12 ? * XYZ",
    "0 0/60 12 * * ?",
    "0 0 12 * * ? 2030-2025",
    "0 0 12 W * ?",
    "0 0 12 ? * L#2",
    "0 0 12 ?/2 * ?",
    "0 0 12 * * ? ?",
    "0 ? 12 * * ?",
    "0 0 12 ١ * ?",
]


@pytest.mark.parametrize("text", list(ERRORS.values()), ids=list(ERRORS))
def test_errors_are_schedule_errors(text: str) -> None:
    with pytest.raises(ScheduleError):
        parse_trigger(text)


@pytest.mark.parametrize("expression", BAD_CRON)
def test_unreadable_cron_strings(expression: str) -> None:
    with pytest.raises(ScheduleError):
        cron(expression)
    with pytest.raises(CronError):
        parse_cron(expression)


@pytest.mark.parametrize("value", [None, 42, 1.5, ["a"], object()])
def test_non_text_non_object_values(value: object) -> None:
    with pytest.raises(ScheduleError):
        parse_trigger(value)  # type: ignore[arg-type]


def test_schedule_error_is_a_value_error_with_a_readable_message() -> None:
    with pytest.raises(ValueError, match="daysOfWeek value 7 is out of range"):
        complex_(daysOfWeek=[7])


def test_deeply_nested_json_is_a_schedule_error() -> None:
    with pytest.raises(ScheduleError):
        parse_trigger("[" * 100_000 + "]" * 100_000)


def test_huge_integers_are_schedule_errors() -> None:
    with pytest.raises(ScheduleError):
        simple(repeatInterval=10**400)
    with pytest.raises(ScheduleError):
        parse_trigger('{"simpleJobTrigger": {"repeatInterval": ' + "9" * 5000 + "}}")


def test_naive_after_is_rejected() -> None:
    with pytest.raises(ScheduleError):
        parse_trigger(WEEKDAYS).next_runs(datetime(2025, 1, 1), 3)


@pytest.mark.parametrize("count", [0, -3])
def test_no_runs_asked_for(count: int) -> None:
    assert parse_trigger(WEEKDAYS).next_runs(at(2025, 1, 1), count) == []
    assert simple(repeatInterval=60, repeatCount=-1).next_runs(at(2025, 1, 1), count) == []


def test_runs_near_the_end_of_the_calendar_do_not_raise() -> None:
    far = simple(startTime="9999-12-31T23:59:58+00:00", repeatInterval=1, repeatCount=-1)
    assert len(far.next_runs(datetime(9999, 1, 1, tzinfo=UTC), 5)) == 2
    rule = cron("* * * * * ?", start=None)
    assert rule.next_runs(datetime.max.replace(tzinfo=UTC), 5) == []
    assert len(rule.next_runs(datetime.min.replace(tzinfo=UTC), 2)) == 2


# -- the object itself -----------------------------------------------------------------------


def test_schedule_is_immutable_picklable_and_hashable() -> None:
    schedule = parse_trigger(WEEKDAYS)
    assert pickle.loads(pickle.dumps(schedule)) == schedule
    assert hash(schedule) == hash(parse_trigger(WEEKDAYS))
    with pytest.raises(AttributeError):
        schedule.kind = "WEEKLY"  # type: ignore[misc]
    for other in (
        simple(repeatInterval=60, repeatCount=-1),
        cron("0 0 12 ? * 6#3"),
        parse_trigger(EVERY_3_DAYS),
    ):
        assert pickle.loads(pickle.dumps(other)) == other
        assert isinstance(hash(other), int)


def test_detail_pane_attributes() -> None:
    schedule = parse_trigger(WEEKDAYS)
    assert schedule.start == at(2024, 11, 15, 11, 12)
    assert schedule.end is None
    assert schedule.offset == CST
    assert schedule.repeat_count is None
    assert schedule.interval_seconds is None
    assert isinstance(schedule.warnings, tuple)
    assert isinstance(schedule.notes, tuple)


def test_next_runs_is_fast() -> None:
    schedules = [parse_trigger(WEEKDAYS), parse_trigger(EVERY_3_DAYS), cron("0 15 10 ? * 6L")]
    after = at(2025, 2, 26, 12)
    started = time.perf_counter()
    for _ in range(100):
        for schedule in schedules:
            schedule.next_runs(after, 5)
    assert (time.perf_counter() - started) / 300 < 0.005

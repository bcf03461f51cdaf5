"""The demo's schedules: one of every trigger kind (see trigger-format.md), some paused, ended
or deleted, with the days and seconds each fires on; and the calendar the demo counts in."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta, timezone
from typing import Any

ZONE = timezone(timedelta(hours=8))
"""The demo server's time zone."""
FOLDER = "backup/"
DAY = 86_400
EPOCH_DAY = date(1970, 1, 1).toordinal()
# Above this many rows a high-frequency schedule is added, so the history spans about two years.
_STRESS_FROM = 5_000
_STRESS_SPAN_DAYS = 700


@dataclass(frozen=True)
class Plan:
    """A demo schedule: what ``api/query`` lists and on which days and seconds it fires."""

    id: str
    name: str
    parts: tuple[str, ...]
    trigger: dict[str, Any]
    fires: Callable[[date], Iterable[int]]
    first_day: int
    last_day: int | None = None
    enabled: bool = True
    listed: bool = True
    state: str = "NORMAL"
    folder: str = FOLDER
    owner: str = "admin"

    def seconds_on(self, day: int) -> Iterable[int]:
        if day < self.first_day or (self.last_day is not None and day > self.last_day):
            return ()
        return self.fires(date_of(day))


def stress_interval(rows: int) -> int | None:
    """Seconds between runs of the high-frequency schedule big histories need, or None."""
    if rows <= _STRESS_FROM:
        return None
    seconds = DAY * _STRESS_SPAN_DAYS / rows
    return max(10, round(seconds / 60) * 60 if seconds >= 60 else round(seconds))


def plans(today: int, rng: random.Random, stress: int | None) -> list[Plan]:
    """Schedules of every trigger kind (see trigger-format.md), some paused, ended or deleted."""
    since = today - 2000

    def plan(
        name: str,
        parts: tuple[str, ...],
        trigger: dict[str, Any],
        fires: Callable[[date], Iterable[int]],
        **more: Any,
    ) -> Plan:
        return Plan(f"{rng.getrandbits(128):032x}", name, parts, trigger, fires, **more)

    def complex_(hour: int, minute: int, label: str, **fields: Any) -> dict[str, Any]:
        start = iso(since, hour, minute)
        body = {"endTime": None, "startTime": start, "uiPassParam": label, "repeatCount": -1}
        return {"complexJobTrigger": body | fields}

    def at(hour: int, minute: int, when: Callable[[date], bool]) -> Callable[[date], list[int]]:
        second = hour * 3600 + minute * 60
        return lambda d: [second] if when(d) else []

    def dow(d: date) -> int:  # the JSON numbering: 0 = Sunday
        return (d.weekday() + 1) % 7

    plans = [
        plan(
            "每日全量备份",
            ("db", "upload", "file"),
            complex_(2, 0, "DAILY", repeatInterval=86400),
            fires=at(2, 0, lambda d: True),
            first_day=since,
        ),
        plan(
            "工作日备份",
            ("db",),
            complex_(11, 12, "DAILY", daysOfWeek=["1", "2", "3", "4", "5"]),
            fires=at(11, 12, lambda d: 1 <= dow(d) <= 5),
            first_day=since,
        ),
        plan(
            "每三天备份",
            ("db", "upload"),
            complex_(11, 12, "DAILY", cronString="TO_BE_GENERATED", repeatInterval=259200),
            fires=at(11, 12, lambda d: (d.day - 1) % 3 == 0),
            first_day=since,
        ),
        plan(
            "Weekend reports",
            ("db",),
            complex_(23, 30, "WEEKLY", daysOfWeek=[0, 6]),
            fires=at(23, 30, lambda d: dow(d) in (0, 6)),
            first_day=since,
            folder="backup/weekly/",
        ),
        plan(
            "月初归档",
            ("db", "upload", "file"),
            complex_(3, 0, "MONTHLY", daysOfMonth=[1]),
            fires=at(3, 0, lambda d: d.day == 1),
            first_day=since,
        ),
        plan(
            "第二个星期二维护前备份",
            ("db",),
            complex_(4, 15, "MONTHLY", daysOfWeek=["2"], weeksOfMonth=["1"]),
            fires=at(4, 15, lambda d: dow(d) == 2 and (d.day - 1) // 7 == 1),
            first_day=since,
        ),
        plan(
            "Last Friday of the month",
            ("db", "upload"),
            complex_(22, 0, "MONTHLY", daysOfWeek=["5"], weeksOfMonth=["4"]),
            fires=at(22, 0, lambda d: dow(d) == 5 and (d + timedelta(7)).month != d.month),
            first_day=since,
        ),
        plan(
            "年度备份",
            ("db", "upload", "file"),
            complex_(5, 0, "YEARLY", monthsOfYear=["0"], daysOfMonth=["15"]),
            fires=at(5, 0, lambda d: d.month == 1 and d.day == 15),
            first_day=since,
        ),
        plan(
            "New year, first Sunday",
            ("db",),
            complex_(6, 0, "YEARLY", monthsOfYear=["0"], daysOfWeek=["0"], weeksOfMonth=["0"]),
            fires=at(6, 0, lambda d: d.month == 1 and d.day <= 7 and dow(d) == 0),
            first_day=since,
        ),
        plan(
            "Cron: weeknights",
            ("db",),
            cron_trigger(since, "0 30 1 ? * 2-6"),
            fires=at(1, 30, lambda d: 1 <= dow(d) <= 5),
            first_day=since,
        ),
        plan(
            "Cron: month end",
            ("db", "upload"),
            cron_trigger(since, "0 0 12 L * ? *"),
            fires=at(12, 0, lambda d: (d + timedelta(1)).day == 1),
            first_day=since,
        ),
        plan(
            "每12小时增量备份",
            ("upload",),
            simple_trigger(since, 8, 0, "HOURS", 43200, -1),
            fires=every(since, 8, 0, 43200, -1),
            first_day=since,
        ),
        plan(
            "每日晚间备份",
            ("upload",),
            simple_trigger(since, 20, 0, "DAILY", 86400, -1),
            fires=every(since, 20, 0, 86400, -1),
            first_day=since,
        ),
        plan(
            "临时测试：每30分钟，共6次",
            ("db",),
            simple_trigger(today - 9, 14, 0, "MINUTES", 1800, 5),
            fires=every(today - 9, 14, 0, 1800, 5),
            first_day=today - 9,
            state="COMPLETE",
        ),
        plan(
            "Load test every 45 s",
            ("db",),
            simple_trigger(today - 15, 16, 20, "SECONDS", 45, 20),
            fires=every(today - 15, 16, 20, 45, 20),
            first_day=today - 15,
            state="COMPLETE",
        ),
        plan(
            "升级前一次性备份",
            ("db", "upload", "file"),
            simple_trigger(today - 3, 21, 0, "RUN_ONCE", 0, 0),
            fires=every(today - 3, 21, 0, 0, 0),
            first_day=today - 3,
            state="COMPLETE",
        ),
        plan(
            "已暂停的月中备份",
            ("db",),
            complex_(3, 30, "MONTHLY", daysOfMonth=["15"]),
            fires=at(3, 30, lambda d: d.day == 15),
            first_day=since,
            last_day=today - 20,
            enabled=False,
            state="PAUSED",
        ),
        plan(
            "Q3 项目备份",
            ("db", "upload"),
            ended(complex_(23, 0, "WEEKLY", daysOfWeek=["3"]), today - 45),
            fires=at(23, 0, lambda d: dow(d) == 3),
            first_day=since,
            last_day=today - 45,
            state="COMPLETE",
        ),
        plan(
            "旧的每周备份（已删除）",
            ("db",),
            complex_(1, 0, "WEEKLY", daysOfWeek=["1"]),
            fires=at(1, 0, lambda d: dow(d) == 1),
            first_day=since,
            last_day=today - 6,
            listed=False,
        ),
    ]
    if stress is not None:
        first = today - _STRESS_SPAN_DAYS - 30
        label = "HOURS" if stress % 3600 == 0 else "MINUTES" if stress % 60 == 0 else "SECONDS"
        plans.append(
            plan(
                "高频增量备份",
                ("db",),
                simple_trigger(first, 0, 0, label, stress, -1),
                fires=every(first, 0, 0, stress, -1),
                first_day=first,
            )
        )
    return plans


def cron_trigger(day: int, expression: str) -> dict[str, Any]:
    start = iso(day, 0, 0).replace(".000", "")  # some servers omit the milliseconds
    return {"cronJobTrigger": {"startTime": start, "uiPassParam": "CRON", "cronString": expression}}


def simple_trigger(
    day: int, hour: int, minute: int, label: str, interval: int, count: int
) -> dict[str, Any]:
    return {
        "simpleJobTrigger": {
            "endTime": "",
            "startTime": iso(day, hour, minute),
            "uiPassParam": label,
            "repeatCount": count,
            "repeatInterval": interval,
        }
    }


def ended(trigger: dict[str, Any], day: int) -> dict[str, Any]:
    """The trigger with an end date, set as the schedule dialog does (23:59:59 that day)."""
    body = next(iter(trigger.values()))
    body["endTime"] = iso(day, 23, 59).replace(":00.000", ":59.000")
    return trigger


def every(day: int, hour: int, minute: int, interval: int, count: int) -> Callable[[date], range]:
    """Fire times of a simple trigger: start, then every `interval` s, `count` more (-1: ever)."""
    start = day * DAY + hour * 3600 + minute * 60
    last = start + interval * count if count >= 0 else None

    step = interval or DAY  # a one-off never repeats, so any step will do

    def fires(d: date) -> range:
        day_start = day_number(d) * DAY
        first = start + max(0, -((start - day_start) // step)) * step
        stop = day_start + DAY if last is None else min(day_start + DAY, last + 1)
        return range(first - day_start, max(first, stop) - day_start, step)

    return fires


def iso(day: int, hour: int, minute: int) -> str:
    return f"{date_of(day).isoformat()}T{hour:02d}:{minute:02d}:00.000+08:00"


def date_of(day: int) -> date:
    return date.fromordinal(day + EPOCH_DAY)


def day_number(d: date) -> int:
    return d.toordinal() - EPOCH_DAY

"""Test helpers: backup histories and schedules made to order, relative to a given now."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import orjson

ZONE = timezone(timedelta(hours=8))
NIGHTLY = "a" * 32


def stamp(moment: datetime) -> str:
    """Server-local time as Datafor writes it."""
    local = moment.astimezone(ZONE)
    return f"{local:%Y-%m-%d %H:%M:%S}.{local.microsecond // 1000:03d}"


def backup(
    start: datetime,
    seconds: float = 300,
    *,
    schedule_id: str = NIGHTLY,
    name: str = "Nightly",
    status: str = "1",
    msg: str | None = None,
) -> dict[str, Any]:
    """A log row of a backup that started at `start` and took `seconds` (status 0: running)."""
    local = start.astimezone(ZONE)
    row = {
        "id": f"Backup_{local:%Y.%m.%d-%H.%M.%S}.{local.microsecond // 1000:03d}+0800",
        "backupid": schedule_id,
        "name": name,
        "folder": "backup/",
        "config": '[{"id":"db"}]',
        "status": status,
        "add_by": "admin",
        "add_time": stamp(start),
        "update_by": "admin",
        "update_time": stamp(start + timedelta(seconds=seconds)),
    }
    if msg is not None:
        row["msg"] = msg
    return row


def daily_trigger(since: datetime, hour: int = 2, minute: int = 0) -> str:
    """Every day at hour:minute (+08:00) from `since`'s day."""
    start = since.astimezone(ZONE).replace(hour=hour, minute=minute, second=0, microsecond=0)
    body = {"uiPassParam": "DAILY", "startTime": start.isoformat(timespec="milliseconds"),
            "endTime": None, "repeatInterval": 86400}  # fmt: skip
    return orjson.dumps({"complexJobTrigger": body}).decode()


def schedule(
    trigger: str,
    *,
    schedule_id: str = NIGHTLY,
    name: str = "Nightly",
    enable: str = "1",
    state: str = "NORMAL",
) -> dict[str, Any]:
    return {"id": schedule_id, "name": name, "enable": enable, "folder": "backup/",
            "config": '[{"id":"db"}]', "cron": trigger, "jobid": "admin\tx", "state": state,
            "lastRun": None, "nextRun": None, "add_by": "admin", "add_time": None}  # fmt: skip


def fires(now: datetime, days: int, hour: int = 2, minute: int = 0) -> list[datetime]:
    """The daily fire times at hour:minute (+08:00) of the last `days` days before `now`,
    oldest first."""
    local = now.astimezone(ZONE)
    today = local.replace(hour=hour, minute=minute, second=0, microsecond=0)
    if today > local:
        today -= timedelta(days=1)
    return [today - timedelta(days=back) for back in range(days - 1, -1, -1)]


def nightly(now: datetime, days: int = 20, **changes: Any) -> list[dict[str, Any]]:
    """A nightly backup for each of the last `days` days, newest first, each a few seconds
    after its time; `changes` maps a day back (0: the newest) to the fields it has instead
    (None: no backup that day)."""
    rows = []
    for back, fire in enumerate(reversed(fires(now, days))):
        change = changes.get(f"day{back}", {})
        if change is None:
            continue
        rows.append(backup(fire + timedelta(seconds=3), **change))
    return rows


def answer(rows: list[dict[str, Any]]) -> bytes:
    return orjson.dumps({"success": True, "msg": "", "data": rows})


def every_second(index: int, since: datetime, *, cron: bool = False) -> dict[str, Any]:
    """A schedule that fires every second from `since`: a simple trigger, or the Quartz
    expression ``* * * * * ?``."""
    start = since.astimezone(ZONE).isoformat(timespec="milliseconds")
    if cron:
        body: dict[str, Any] = {"cronJobTrigger": {"startTime": start, "uiPassParam": "CRON",
                                                   "cronString": "* * * * * ?"}}  # fmt: skip
    else:
        body = {"simpleJobTrigger": {"startTime": start, "uiPassParam": "SECONDS",
                                     "repeatInterval": 1, "repeatCount": -1}}  # fmt: skip
    return schedule(orjson.dumps(body).decode(), schedule_id=f"{index:032x}", name=f"Hasty {index}")


def daily_schedules(count: int, since: datetime) -> list[dict[str, Any]]:
    """`count` schedules, each every day at its own minute, none of which ever made a backup."""
    return [
        schedule(
            daily_trigger(since, hour=index // 60 % 24, minute=index % 60),
            schedule_id=f"{index:032x}",
            name=f"Daily {index}",
        )
        for index in range(count)
    ]


def hostile_schedules(case: str, since: datetime) -> list[dict[str, Any]]:
    """The schedules of a hostile case: 40 firing every second, one ``* * * * * ?``, or
    5,000 daily ones."""
    if case == "40 every second":
        return [every_second(index, since) for index in range(40)]
    if case == "one * * * * * ?":
        return [every_second(0, since, cron=True)]
    assert case == "5,000 daily"
    return daily_schedules(5000, since)


HOSTILE_CASES = ("40 every second", "one * * * * * ?", "5,000 daily")

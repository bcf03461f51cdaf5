"""A deterministic, realistic demo backup history: log rows and schedules as Datafor JSON."""

from __future__ import annotations

import json
import random
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from itertools import groupby, islice
from operator import itemgetter
from typing import Any

import orjson

from backupviewer.demo.plans import (
    DAY,
    FOLDER,
    ZONE,
    Plan,
    date_of,
    day_number,
    plans,
    stress_interval,
)

ZONE_SUFFIX = "+0800"
_ID_PREFIXES = {False: b'{"id":"', True: b'{"id": "'}
_SEPARATORS = {False: b",", True: b", "}
_ID_LENGTH = len("Backup_2025.02.26-11.12.00.205+0800")
CRON_SHARE = 0.4  # the oldest scheduled rows, this share of the history, carry their own `cron`
_GARBAGE_SHARE = 0.004
# So that the demo shows every state of health at once: this schedule's run three days ago is
# missed, this one's newest run failed, and this one's run two days ago took an hour (its
# usual is a few minutes). Every other schedule's newest run succeeded.
MISSED_PLAN, MISSED_DAYS_AGO = "每日全量备份", 3
FAILING_PLAN = "工作日备份"
SLOW_PLAN, SLOW_DAYS_AGO, SLOW_SECONDS = "每日晚间备份", 2, 3600

FAILURE_REASONS = (
    "No space left on device",
    "磁盘空间不足：/opt/datafor/backup 剩余 0 MB",
    "java.io.FileNotFoundException: /opt/datafor/backup (Permission denied)",
    "Backup timed out after 3600 s",
    "数据库连接失败: Communications link failure (jdbc:mysql://10.0.3.12:3306/datafor)",
    "Backup interrupted: the server was restarted",
    "java.lang.OutOfMemoryError: Java heap space\n\tat java.util.Arrays.copyOf(Arrays.java:3236)"
    "\n\tat com.datafor.backup.ZipWriter.write(ZipWriter.java:88)",
    "Could not read /public/销售报表/月度汇总.prpt: Too many open files",
    "",
)
MANUAL_NAMES = (
    "升级前备份",
    "手动备份",
    "before upgrade to 6.2",
    "迁移前全量备份",
    "月末结账前",
    "ll",
)
UPLOADED_NAMES = ("backup-from-staging.zip", "生产环境备份-2024Q3.zip")
PEOPLE = ("admin", "张伟", "li.na", "ops-bot")
_PART_SETS = (("db",), ("db", "upload"), ("db", "upload", "file"), ("upload",), ("file",))
# Seconds a backup of each part takes, roughly (low, high).
_PART_SECONDS = {"db": (20, 300), "upload": (30, 900), "file": (60, 1200)}


def parts_config(parts: Iterable[str]) -> str:
    """The ``config`` JSON text for a list of part ids."""
    return orjson.dumps([{"id": part} for part in parts]).decode()


@dataclass(frozen=True)
class History:
    """Generated rows (comma-separated JSON objects, newest first) and schedule items; and
    what a health check should find in them: the fire times left without a backup (schedule
    id, epoch ms), the slow backups (their ids) and the schedules whose newest run failed."""

    rows: bytes
    offsets: array[int]
    schedules: bytes
    count: int
    spaced: bool = False
    missed: tuple[tuple[str, int], ...] = ()
    slow: tuple[str, ...] = ()
    failing: tuple[str, ...] = ()

    @property
    def separator(self) -> bytes:
        """What stands between two rows (and, before the first, after ``"data":[``)."""
        return _SEPARATORS[self.spaced]

    def find(self, backup_id: str) -> dict[str, Any] | None:
        """The row with this id, or None (ids are unique and sorted newest first)."""
        key = backup_id.encode()
        if len(key) != _ID_LENGTH:
            return None
        prefix = len(_ID_PREFIXES[self.spaced])
        lo, hi = 0, self.count
        while lo < hi:
            mid = (lo + hi) // 2
            start = self.offsets[mid] + prefix
            if self.rows[start : start + _ID_LENGTH] > key:
                lo = mid + 1
            else:
                hi = mid
        if lo == self.count:
            return None
        start = self.offsets[lo]
        if self.rows[start + prefix : start + prefix + _ID_LENGTH] != key:
            return None
        end = self.offsets[lo + 1] - len(self.separator) if lo + 1 < self.count else len(self.rows)
        row: dict[str, Any] = orjson.loads(self.rows[start:end])
        return row


STATES = ("all", "healthy", "failing", "missed")
"""What a history shows: every state of health at once (a missed run, a failing schedule, a
slow backup), none, or one of them."""


def generate(
    rows: int,
    seed: int = 1,
    now: datetime | None = None,
    cron_share: float = CRON_SHARE,
    spaced: bool = False,
    state: str = "all",
) -> History:
    """The history of `rows` backups up to `now` (server time, +08:00; default: this minute).

    The oldest `cron_share` of the rows carry their schedule's trigger (older servers), the
    others not. `spaced` writes the JSON as Python's `json` module does by default (a space
    after each comma and colon, non-ASCII escaped), where Datafor writes it compact. The same
    arguments give the same bytes. `state`: one of `STATES`.
    """
    return _Generator(max(0, rows), seed, _minute(now), cron_share, spaced, state).run()


def build_history(
    rows: int,
    seed: int = 1,
    now: datetime | None = None,
    cron_share: float = CRON_SHARE,
    spaced: bool = False,
    state: str = "all",
) -> History:
    """`generate`, with the last results cached (servers in one process share them)."""
    return _cached(max(0, rows), seed, _minute(now), cron_share, spaced, state)


@lru_cache(maxsize=8)
def _cached(
    rows: int, seed: int, now: datetime, cron_share: float, spaced: bool, state: str
) -> History:
    return _Generator(rows, seed, now, cron_share, spaced, state).run()


def _minute(now: datetime | None) -> datetime:
    return (now or datetime.now(ZONE)).astimezone(ZONE).replace(second=0, microsecond=0)


class _Generator:
    """Walks back day by day from `now`, emitting each day's backups newest first; a day's
    backups depend on the seed and the day only (but today's, cut at `now`, and each
    schedule's newest run, which the demo's states of health choose)."""

    def __init__(
        self, rows: int, seed: int, now: datetime, cron_share: float, spaced: bool, state: str
    ) -> None:
        self.rows = rows
        self.cron_share = cron_share
        self.spaced = spaced
        self.seed = seed
        self.rng = random.Random(seed)
        self.today = day_number(now.date())
        self.now_second = now.hour * 3600 + now.minute * 60
        self.plans = plans(self.today, self.rng, stress_interval(rows))
        self.crons = [orjson.dumps(plan.trigger).decode() for plan in self.plans]
        self.configs = [parts_config(plan.parts) for plan in self.plans]
        self.last_run: dict[int, int] = {}
        self.spoiled = 0
        self._dates: dict[int, tuple[str, str]] = {}
        names = [plan.name for plan in self.plans]
        if state not in STATES:
            raise ValueError(f"state: one of {', '.join(STATES)}")
        shown = {
            "all": (True, True, True),
            "healthy": (False, False, False),
            "failing": (False, True, False),
            "missed": (True, False, False),
        }[state]
        wanted = zip((MISSED_PLAN, FAILING_PLAN, SLOW_PLAN), shown, strict=True)
        found = [names.index(plan) if show else None for plan, show in wanted]
        self.missed_plan, self.failing_plan, self.slow_plan = found
        self.every_state = state == "all"
        self.failure_rate = 0.0 if state == "healthy" else 0.06  # (a run's, by chance)
        self.missed: list[tuple[str, int]] = []
        self.slow: list[str] = []
        self.failing: list[str] = []

    def run(self) -> History:
        body = bytearray()
        offsets = array("Q")
        old_from = self.rows * (1 - self.cron_share)
        separator = _SEPARATORS[self.spaced]
        encode = _spaced_json if self.spaced else orjson.dumps
        for index, (day, ms, plan) in enumerate(islice(self._timeline(), self.rows)):
            if index:
                body += separator
            offsets.append(len(body))
            body += encode(self._row(day, ms, plan, index >= old_from))
        return History(
            bytes(body),
            offsets,
            self._schedules(),
            len(offsets),
            self.spaced,
            tuple(self.missed),
            tuple(self.slow),
            tuple(self.failing),
        )

    def _timeline(self) -> Iterator[tuple[int, int, int]]:
        """Every backup as (day, millisecond of the day, plan), newest first, without end."""
        day = self.today
        while True:
            # A day's own random numbers: its backups stay the same as time goes on.
            self.rng = random.Random(f"{self.seed}/{day}")
            for second, group in groupby(self._events(day), key=itemgetter(0)):
                for plan, ms in self._stamped(group):
                    yield day, second * 1000 + ms, plan
            day -= 1

    def _stamped(self, group: Iterable[tuple[int, int]]) -> Iterable[tuple[int, int]]:
        """The plans firing in one second, each with its own millisecond, newest first."""
        plans = [plan for _, plan in group]
        if len(plans) == 1:
            return [(plans[0], int(self.rng.random() * 1000))]
        return zip(
            plans, sorted(self.rng.sample(range(1000), len(plans)), reverse=True), strict=True
        )

    def _events(self, day: int) -> list[tuple[int, int]]:
        """(second of day, plan index or -1 for manual, -2 for uploaded), newest first."""
        events = [
            (second, index)
            for index, plan in enumerate(self.plans)
            for second in plan.seconds_on(day)
        ]
        rng = self.rng
        if rng.random() < 0.35:
            events.append((rng.randrange(9 * 3600, 19 * 3600), -1))
        if rng.random() < 0.03:
            events.append((rng.randrange(10 * 3600, 17 * 3600), -2))
        events.sort(reverse=True)
        if day == self.today:
            events = [event for event in events if event[0] < self.now_second]
        if self.missed_plan is not None and day == self.today - MISSED_DAYS_AGO:
            plan = self.plans[self.missed_plan]
            for second in plan.seconds_on(day):
                events.remove((second, self.missed_plan))
                self.missed.append((plan.id, _epoch_ms((day * DAY + second) * 1000)))
        return events

    def _row(self, day: int, ms: int, plan_index: int, old_shape: bool) -> dict[str, Any]:
        rng = self.rng
        random_ = rng.random
        second = ms // 1000
        clock = f"{_MINUTES_DOTTED[second // 60]}.{_SECONDS[second % 60]}"
        backup_id = f"Backup_{self._dates_of(day)[1]}-{clock}.{ms % 1000:03d}"
        newest = False  # the newest run of its schedule
        if plan_index >= 0:
            plan = self.plans[plan_index]
            name, schedule_id, folder, user = plan.name, plan.id, plan.folder, plan.owner
            config, parts = self.configs[plan_index], plan.parts
            failure_rate = self.failure_rate
            newest = plan_index not in self.last_run
            self.last_run.setdefault(plan_index, day * DAY * 1000 + ms)
            if newest:
                failure_rate = 1.0 if plan_index == self.failing_plan else 0.0
        else:
            uploaded = plan_index == -2
            names = UPLOADED_NAMES if uploaded else MANUAL_NAMES
            name, schedule_id, folder = rng.choice(names), "", FOLDER
            user = "admin" if uploaded else rng.choice(PEOPLE)
            parts = _PART_SETS[2] if uploaded else rng.choice(_PART_SETS)
            config = parts_config(parts)
            failure_rate = 0.0 if uploaded else self.failure_rate / 2
        failed = random_() < failure_rate
        if failed and newest:
            self.failing.append(schedule_id)
        start = ms + 2
        low, high = (2, 20) if plan_index == -2 else _seconds_for(parts)
        # (a history of one state keeps its backups' lengths close: none is slow by chance)
        spread = random_() if self.every_state else 0.45 + 0.1 * random_()
        end = start + int((low + spread * (high - low)) * (333 if failed else 1000))
        if plan_index == self.slow_plan and day == self.today - SLOW_DAYS_AGO:
            end = start + SLOW_SECONDS * 1000
            failed = False
            self.slow.append(backup_id + ZONE_SUFFIX)
        row: dict[str, Any] = {
            "id": backup_id + ZONE_SUFFIX,
            "backupid": schedule_id,
            "name": name,
            "folder": folder,
            "config": config,
            "status": "2" if failed else "1",
            "add_by": user,
            "add_time": self._stamp(day, start),
            "update_by": user,
            "update_time": self._stamp(day, end),
        }
        if old_shape and plan_index >= 0:
            row["cron"] = self.crons[plan_index]
        if failed:
            row["msg"] = rng.choice(FAILURE_REASONS)
        if random_() < _GARBAGE_SHARE and not newest and backup_id + ZONE_SUFFIX not in self.slow:
            self.spoiled += 1
            _spoil(row, self.spoiled)
        return row

    def _dates_of(self, day: int) -> tuple[str, str]:
        found = self._dates.get(day)
        if found is None:
            text = date_of(day).isoformat()
            found = self._dates[day] = (text, text.replace("-", "."))
        return found

    def _stamp(self, day: int, ms: int) -> str:
        """Server-local time as Java's Timestamp prints it: ``2025-02-26 11:12:00.35``."""
        extra, ms = divmod(ms, DAY * 1000)
        second = ms // 1000
        clock = f"{_MINUTES[second // 60]}:{_SECONDS[second % 60]}"
        return f"{self._dates_of(day + extra)[0]} {clock}.{_FRACTIONS[ms % 1000]}"

    def _schedules(self) -> bytes:
        items = []
        for index, plan in enumerate(self.plans):
            if not plan.listed:
                continue
            last = self.last_run.get(index)
            nxt = self._next_run(plan) if plan.enabled and plan.state == "NORMAL" else None
            created = self._stamp(plan.first_day - 3, 10 * 3600 * 1000 + 350)
            items.append(
                {
                    "id": plan.id,
                    "name": plan.name,
                    "enable": "1" if plan.enabled else "0",
                    "folder": plan.folder,
                    "config": self.configs[index],
                    "cron": self.crons[index],
                    "jobid": f"{plan.owner}\tDataforBackup\t{plan.id[:8]}-{plan.id[8:12]}",
                    "state": plan.state,
                    "lastRun": None if last is None else _epoch_ms(last),
                    "nextRun": nxt,
                    "add_by": plan.owner,
                    "add_time": created,
                }
            )
        return orjson.dumps(items)

    def _next_run(self, plan: Plan) -> int | None:
        for day in range(self.today, self.today + 400):
            later = [s for s in plan.seconds_on(day) if day > self.today or s >= self.now_second]
            if later:
                return _epoch_ms((day * DAY + min(later)) * 1000)
        return None


def _spaced_json(row: dict[str, Any]) -> bytes:
    return json.dumps(row).encode()


def backup_id(moment: datetime) -> str:
    """The id (and zip name) of a backup started at `moment`."""
    local = moment.astimezone(ZONE)
    return f"Backup_{local:%Y.%m.%d-%H.%M.%S}.{local.microsecond // 1000:03d}{ZONE_SUFFIX}"


def java_time(moment: datetime) -> str:
    """Server-local time as Java's Timestamp prints it: ``2025-02-26 11:12:00.35``."""
    local = moment.astimezone(ZONE)
    return f"{local:%Y-%m-%d %H:%M:%S}.{_FRACTIONS[local.microsecond // 1000]}"


def live_row(started: datetime, *, name: str, user: str) -> dict[str, Any]:
    """The log row of a manual full backup that started at `started` and is still running."""
    return {
        "id": backup_id(started),
        "backupid": "",
        "name": name,
        "folder": FOLDER,
        "config": parts_config(_PART_SETS[2]),
        "status": "0",
        "add_by": user,
        "add_time": java_time(started),
        "update_by": user,
        "update_time": java_time(started),
    }


def _spoil(row: dict[str, Any], count: int) -> None:
    """Damage one field the way odd servers and old data do; the kinds take turns."""
    kind = count % 6
    if kind == 0:
        row["status"] = "7"
    elif kind == 1:
        row["add_time"] = "2025-02-30 25:61:00"
    elif kind == 2:
        row["config"] = '[{"id":"db"'
    elif kind == 3:
        row["cron"] = "0 0 2 * * ?"
    elif kind == 4:
        row["status"] = 1 if row["status"] == "1" else 2  # a number, as some versions send
    else:
        del row["name"]


@lru_cache(maxsize=16)
def _seconds_for(parts: tuple[str, ...]) -> tuple[int, int]:
    """The range of seconds a backup of these parts takes."""
    return sum(_PART_SECONDS[p][0] for p in parts), sum(_PART_SECONDS[p][1] for p in parts)


def _epoch_ms(local_ms: int) -> int:
    """Epoch milliseconds of a server-local time given as ms since 1970-01-01 00:00 local."""
    return local_ms - 8 * 3600 * 1000


def _java_fraction(ms: int) -> str:
    """Milliseconds as Java prints them: trailing zeros dropped, ``0`` for none."""
    return f"{ms:03d}".rstrip("0") or "0"


_FRACTIONS = [_java_fraction(ms) for ms in range(1000)]
# Every minute of a day as ``HH:mm`` and ``HH.mm`` (ids), and seconds as ``ss``.
_MINUTES = [f"{m // 60:02d}:{m % 60:02d}" for m in range(1440)]
_MINUTES_DOTTED = [text.replace(":", ".") for text in _MINUTES]
_SECONDS = [f"{s:02d}" for s in range(60)]

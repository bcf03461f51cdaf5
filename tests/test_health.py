"""The health of a history: missed fire times, slow and failing runs, the days' counts."""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import orjson
import pytest
from histories import (
    NIGHTLY,
    ZONE,
    backup,
    daily_trigger,
    every_second,
    fires,
    nightly,
    schedule,
)
from hypothesis import given
from hypothesis import strategies as st
from tables import table_of

from backupviewer.core.schedule.items import ScheduleItem, schedule_item, schedule_items
from backupviewer.core.schedule.trigger import Schedule
from backupviewer.demo.history import generate
from backupviewer.health.assess import assess, assess_in_steps
from backupviewer.health.findings import Health, HealthSettings, Level, ScheduleHealth
from backupviewer.health.percentile import SlidingPercentile
from backupviewer.history.workers import decode_answer

NOW = datetime(2026, 3, 10, 9, 30, tzinfo=ZONE)
SINCE = NOW - timedelta(days=60)


def nightly_item(**changes: str) -> ScheduleItem:
    return schedule_item(schedule(daily_trigger(SINCE), **changes))


def health_of(rows: list[dict[str, object]], *items: ScheduleItem, **settings: int) -> Health:
    return assess(table_of(rows), items or (nightly_item(),), NOW, HealthSettings(**settings))


def ms(moment: datetime) -> int:
    return round(moment.timestamp() * 1000)


def dues(schedule: ScheduleHealth) -> list[int]:
    """The fire times a schedule missed, one by one (none of them in a row)."""
    assert all(run.count == 1 for run in schedule.missed)
    return [run.due for run in schedule.missed]


def test_every_fire_time_with_a_backup_near_it_is_kept() -> None:
    health = health_of(nightly(NOW, 20))
    (found,) = health.schedules
    # (the oldest backup started 3 s after its time, and nothing before it is judged)
    assert found.missed == () and found.judged == 19 and found.level is Level.OK
    assert health.level is Level.OK and health.missed == ()


def test_a_fire_time_without_a_backup_is_missed_at_that_time() -> None:
    health = health_of(nightly(NOW, 20, day3=None))
    (found,) = health.schedules
    assert dues(found) == [ms(fires(NOW, 20)[-4])]
    assert (found.missed_in_a_row, found.level) == (0, Level.WARNING)
    (run,) = health.missed
    assert run.due == ms(fires(NOW, 20)[-4]) and run.until == run.due + 15 * 60_000
    assert run.schedule.name == "Nightly"


def test_the_last_two_fire_times_missed_is_critical() -> None:
    (found,) = health_of(nightly(NOW, 20, day0=None, day1=None)).schedules
    assert (found.missed_count, found.missed_in_a_row, found.level) == (2, 2, Level.CRITICAL)
    assert "its last 2 scheduled runs were missed" in found.reasons


def test_a_minute_early_counts_and_past_the_tolerance_does_not() -> None:
    times = fires(NOW, 3)
    early = backup(times[0] - timedelta(seconds=55))
    late = backup(times[1] + timedelta(minutes=16))
    on_time = backup(times[2] + timedelta(minutes=14))
    (found,) = health_of([on_time, late, early]).schedules
    assert dues(found) == [ms(times[1])]
    (wider,) = health_of([on_time, late, early], tolerance_ms=20 * 60_000).schedules
    assert wider.missed == ()


def test_a_fire_time_within_the_tolerance_of_now_is_not_judged_yet() -> None:
    due = fires(NOW, 1)[0]
    rows = nightly(NOW, 10, day0=None)
    soon = assess(table_of(rows), [nightly_item()], due + timedelta(minutes=10))
    later = assess(table_of(rows), [nightly_item()], due + timedelta(minutes=16))
    assert soon.missed == () and [r.due for r in later.missed] == [ms(due)]


def test_missed_runs_are_looked_for_only_where_the_history_reaches() -> None:
    (found,) = health_of(nightly(NOW, 5)).schedules  # the window is 30 days, the history 5
    assert found.missed == () and found.judged == 4  # (after the oldest backup's start)


def test_disabled_and_paused_schedules_are_never_missed() -> None:
    rows = nightly(NOW, 20, day0=None, day1=None)
    for item in (nightly_item(enable="0"), nightly_item(state="PAUSED")):
        (found,) = health_of(rows, item).schedules
        assert found.missed == () and found.level is Level.OK and found.note
        assert found.item.active is False


def test_a_backup_counts_for_the_nearer_of_two_close_fire_times() -> None:
    start = SINCE.replace(hour=9, minute=0)
    every_45_s = {"simpleJobTrigger": {"startTime": start.isoformat(), "repeatInterval": 45,
                                       "repeatCount": -1}}  # fmt: skip
    item = schedule_item(schedule(orjson.dumps(every_45_s).decode()))
    due = [NOW - timedelta(minutes=30) + timedelta(seconds=45 * k) for k in range(8)]
    due = [start + ((d - start) // timedelta(seconds=45)) * timedelta(seconds=45) for d in due]
    rows = [backup(d + timedelta(seconds=1)) for i, d in enumerate(due) if i != 4]
    health = assess(table_of(rows), [item], NOW, HealthSettings(window_ms=40 * 60_000))
    assert (ms(due[4]), 1) in [(run.due, run.count) for run in health.schedules[0].missed]


def test_a_backup_far_slower_than_its_usual_is_slow() -> None:
    rows = nightly(NOW, 20, day0={"seconds": 3000})
    health = health_of(rows)
    table = table_of(rows)
    (slow,) = health.slow.values()
    assert table.ids[slow.row] == rows[0]["id"]
    assert (slow.duration, slow.usual, slow.runs, slow.running) == (3_000_000, 300_000, 19, False)
    assert health.schedules[0].slow == 1 and health.level is Level.WARNING


def test_a_running_backup_past_its_usual_is_slow_while_it_runs() -> None:
    rows = nightly(NOW, 20)
    rows.insert(0, backup(NOW - timedelta(hours=1), status="0"))
    (slow,) = health_of(rows).slow.values()
    assert slow.running and slow.duration == 3_600_000


def test_no_slow_run_without_ten_earlier_successes_or_a_minute_more() -> None:
    assert health_of(nightly(NOW, 10, day0={"seconds": 3000})).slow == {}
    assert health_of(nightly(NOW, 20, day0={"seconds": 20}, **{
        f"day{d}": {"seconds": 5} for d in range(1, 20)})).slow == {}  # fmt: skip


def test_the_newest_run_failing_is_critical_and_three_are_repeatedly() -> None:
    failed = {"status": "2", "msg": "No space left on device"}
    (once,) = health_of(nightly(NOW, 20, day0=failed)).schedules
    assert (once.failed_in_a_row, once.level) == (1, Level.CRITICAL)
    assert once.reasons == ["failing: its last run failed"]
    (thrice,) = health_of(nightly(NOW, 20, day0=failed, day1=failed, day2=failed)).schedules
    assert thrice.failed_in_a_row == 3 and thrice.state_words.startswith("Failing repeatedly")
    (recovered,) = health_of(nightly(NOW, 20, day1=failed)).schedules
    assert recovered.level is Level.OK and recovered.failures == 1


def test_a_running_backup_does_not_hide_a_failure_before_it() -> None:
    rows = nightly(NOW, 20, day0={"status": "2"})
    rows.insert(0, backup(NOW - timedelta(minutes=5), status="0"))
    (found,) = health_of(rows).schedules
    assert found.failed_in_a_row == 1 and found.last_finished == 1


def test_the_days_count_backups_and_missed_runs_by_outcome() -> None:
    rows = nightly(NOW, 20, day0={"status": "2"}, day2=None)
    rows.insert(0, backup(NOW - timedelta(minutes=5), status="0", schedule_id=""))
    health = health_of(rows)
    assert len(health.days) == 31 and health.days[-1].day == NOW.date()
    today, yesterday, before = health.days[-1], health.days[-2], health.days[-3]
    assert (today.failed, today.running, today.succeeded) == (1, 1, 0)
    assert (yesterday.succeeded, before.missed, before.total) == (1, 1, 1)
    assert sum(day.total for day in health.days) == len(rows) + 1
    assert (health.failed, health.running, health.backups) == (1, 1, len(rows))


def test_the_newest_success_is_of_a_schedule() -> None:
    rows = nightly(NOW, 5)
    rows.insert(0, backup(NOW - timedelta(minutes=30), schedule_id="", name="by hand"))
    table = table_of(rows)
    health = assess(table, [nightly_item()], NOW)
    assert health.newest_success is not None
    assert table.ids[health.newest_success] == rows[1]["id"]


def test_the_demo_shows_every_state_exactly() -> None:
    history = generate(3000, seed=5, now=NOW)
    items = schedule_items(orjson.loads(history.schedules))
    body = b'{"success":true,"msg":"","data":[' + history.rows + b"]}"
    table = decode_answer(body, {item.id: item.trigger for item in items})
    health = assess(table, items, NOW)
    assert [(run.schedule.id, run.due) for run in health.missed] == list(history.missed)
    assert sorted(table.ids[row] for row in health.slow) == sorted(history.slow)
    failing = [s.item.id for s in health.schedules if s.failed_in_a_row and s.item.active]
    assert failing == list(history.failing)
    states = {s.item.name: s.level for s in health.schedules}
    assert states["已暂停的月中备份"] is Level.OK and health.level is Level.CRITICAL
    assert sum(level is Level.OK for level in states.values()) == len(states) - 3


@given(st.lists(st.integers(0, 10**9), min_size=1, max_size=80), st.integers(1, 30))
def test_the_sliding_percentile_is_the_nearest_rank_of_the_last(
    values: list[int], size: int
) -> None:
    usual = SlidingPercentile(size)
    for count, value in enumerate(values, 1):
        usual.add(value)
        last = sorted(values[max(0, count - size) : count])
        assert usual.count == len(last)
        assert usual.value() == last[math.ceil(0.9 * len(last)) - 1]


def test_schedule_items_read_forgivingly() -> None:
    items = schedule_items(
        [
            {"id": "x", "enable": "maybe", "lastRun": "soon", "nextRun": 1773104400000},
            {"id": ""},
            "not an object",
            {"id": NIGHTLY, "enable": 0, "state": "paused", "cron": daily_trigger(SINCE)},
        ]
    )
    odd, paused = items
    assert odd.enabled and odd.last_run is None and len(odd.problems) == 2
    assert odd.next_run is not None and odd.schedule is None and odd.state_text == "Enabled"
    assert not paused.enabled and paused.state == "PAUSED" and paused.state_text == "Disabled"
    assert paused.schedule is not None and paused.zone == ZONE


@pytest.mark.parametrize(("every_second_too", "walking_steps"), [(0, 20), (40, 2)])
def test_each_step_of_the_judging_does_a_bounded_share_of_the_work(
    monkeypatch: pytest.MonkeyPatch, every_second_too: int, walking_steps: int
) -> None:
    """Counted where the work is done (fire times the calendar gives, fire times compared
    with the backups' starts), not where the judging says it is: no step does more than a
    few thousand, whatever the schedules; one schedule's fire times take many steps."""
    counts = {"walked": 0, "judged": 0}

    def counting(name: str, work: Callable[..., Any], size: Callable[[Any], int]) -> Any:
        def counted(*args: Any) -> Any:
            result = work(*args)
            counts[name] += size(result)
            return result

        return counted

    monkeypatch.setattr(Schedule, "next_runs", counting("walked", Schedule.next_runs, len))
    monkeypatch.setattr(bisect, "bisect_left", counting("judged", bisect.bisect_left, lambda _: 1))
    items = [nightly_item(), schedule_item(every_second(99, SINCE, cron=True))]
    items += [schedule_item(every_second(index, SINCE)) for index in range(every_second_too)]
    steps = assess_in_steps(table_of(nightly(NOW, 20)), items, NOW)
    per_step = []
    while True:
        before = dict(counts)
        try:
            next(steps)
        except StopIteration as done:
            health = done.value
            break
        per_step.append({name: counts[name] - before[name] for name in counts})
    assert max(step["walked"] for step in per_step) <= 4_000
    assert max(step["judged"] for step in per_step) <= 10_000
    assert sum(step["walked"] > 0 for step in per_step) >= walking_steps  # the `* * * * * ?`
    assert len(health.missed) == len(items) - 1 and health.unjudged  # (one row each; said)

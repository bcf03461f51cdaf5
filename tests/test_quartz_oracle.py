"""Every schedule means what Quartz makes of it: generated triggers against the real Quartz.

Thousands of triggers of every form – complex triggers with every list, simple triggers with
counts, starts and ends, cron triggers and bare Quartz expressions in every syntax (valid and
not) – in offsets from -14 h to +14 h, each compared with Quartz 2.3.2 itself
(tests/quartz_oracle): that `Schedule.quartz()` is an expression Quartz accepts, or that the
schedule warns where Quartz refuses it (and then lists no runs); `next_runs` to the
millisecond, in the trigger's offset; and the fire times the missed-run detection judges.

Each run draws a new seed and prints it; ``QUARTZ_ORACLE_SEED=<seed>`` replays a run and
``QUARTZ_ORACLE_TRIGGERS=<n>`` sets how many triggers (2,400 by default). Hypothesis shrinks a
failure to a minimal trigger. Without Java or Quartz the test is skipped, saying what is
missing – but not in CI (``CI=true``), where that fails it.
"""

from __future__ import annotations

import json
import os
import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import pytest
from fires import fires_of
from hypothesis import HealthCheck, given, note, seed, settings
from quartz_oracle.harness import PATIENT_MS, Answer, Oracle, Unavailable
from quartz_oracle.triggers import DAY_MS, Case, at_ms, cases, ms_of

from backupviewer.core.schedule.trigger import Schedule, ScheduleError, cron_schedule, parse_trigger

SEED = int(os.environ.get("QUARTZ_ORACLE_SEED") or random.SystemRandom().randrange(2**32))
TRIGGERS = int(os.environ.get("QUARTZ_ORACLE_TRIGGERS") or 2400)
REPLAY = f"replay with QUARTZ_ORACLE_SEED={SEED}"
seen: Counter[str] = Counter()


@pytest.fixture(scope="module")
def quartz() -> Iterator[Oracle | Unavailable]:
    """The oracle, or why it cannot run here (the test then skips, or fails in CI)."""
    try:
        oracle = Oracle().start()
    except Unavailable as exc:
        yield exc
        return
    yield oracle
    oracle.close()


# -- the comparison ----------------------------------------------------------------------------


@dataclass
class Reading:
    """How the server's Quartz gets the trigger: an expression or a simple trigger's numbers,
    in an offset, from a start until an end (ms)."""

    expression: str | None
    offset_ms: int
    start: int | None
    end: int | None
    interval_ms: int = 0
    repeat: int = 0


def reading(case: Case, schedule: Schedule) -> Reading:
    """The trigger as Quartz gets it, read from the generated values (the expression: ours)."""
    if case.trigger is None:
        return Reading(case.expression, _offset_ms(case.zone), None, None)
    kind, body = next(iter(case.trigger.items()))
    start = datetime.fromisoformat(body["startTime"]) if body.get("startTime") else None
    zone = start.utcoffset() if start else timedelta(0)
    end = datetime.fromisoformat(body["endTime"]) if body.get("endTime") else None
    start_ms = None if start is None else ms_of(start)
    end_ms = None if end is None else ms_of(end if end.tzinfo else end.replace(tzinfo=start.tzinfo))
    if kind != "simpleJobTrigger":
        assert zone is not None
        return Reading(schedule.quartz(), zone // timedelta(milliseconds=1), start_ms, end_ms)
    interval = int(body["repeatInterval"])
    count = int(body.get("repeatCount") or 0)
    repeat = -1 if count < 0 else count
    return Reading(None, 0, start_ms, end_ms, interval * 1000, repeat if interval else 0)


def _offset_ms(zone: timezone) -> int:
    offset = zone.utcoffset(None)
    assert offset is not None
    return offset // timedelta(milliseconds=1)


def ask(oracle: Oracle, read: Reading, after: int, count: int, limit: int | None = None) -> Answer:
    if read.expression is None:
        assert read.start is not None
        return oracle.simple(
            read.start, read.end, read.interval_ms, read.repeat, after, count, limit
        )
    return oracle.cron(read.expression, read.offset_ms, read.start, read.end, after, count, limit)


def ours(case: Case) -> Schedule:
    if case.trigger is not None:
        return parse_trigger(json.dumps(case.trigger))
    assert case.expression is not None
    return cron_schedule(case.expression, case.zone)


def check_refusal(oracle: Oracle, case: Case) -> None:
    """We cannot read the trigger: Quartz must refuse it too."""
    assert case.trigger is None or "cronJobTrigger" in case.trigger, "a trigger we cannot read"
    text = case.expression or case.trigger["cronJobTrigger"]["cronString"]  # type: ignore[index]
    answer = oracle.cron(text, 0, 0, None, 0, 1)
    note(f"Quartz: {answer}")
    assert answer.status in ("refused", "crashed"), f"we cannot read what Quartz runs: {text!r}"
    seen["refused by both"] += 1


def check_runs(oracle: Oracle, case: Case, schedule: Schedule) -> None:
    read = reading(case, schedule)
    note(f"ours: {schedule!r}\nQuartz gets: {read}")
    answer = ask(oracle, read, case.after, case.count)
    note(f"Quartz: {answer}")
    after = at_ms(case.after, case.zone)
    runs = schedule.next_runs(after, case.count, last_year=oracle.max_year)
    if answer.status == "timeout" and not any("for ever" in text for text in schedule.warnings):
        answer = ask(oracle, read, case.after, case.count, PATIENT_MS)  # slow, or endless?
        note(f"Quartz, given longer: {answer}")
    if answer.status in ("refused", "crashed"):
        assert schedule.refused, "Quartz refuses what we show as runnable"
        assert schedule.warnings, "Quartz refuses what we show without a warning"
        assert runs == [], "runs listed for what Quartz refuses"
        seen["refused, warned"] += 1
        return
    assert not schedule.refused, "we refuse what Quartz runs"
    assert [ms_of(run) for run in runs] == answer.fires, "next runs differ"
    assert all(run.utcoffset() == schedule.offset.utcoffset(None) for run in runs)
    if read.expression is not None:
        assert all(run.utcoffset() == timedelta(milliseconds=read.offset_ms) for run in runs)
    if answer.status == "timeout":
        assert any("for ever" in warning for warning in schedule.warnings), "no loop warning"
        seen["Quartz loops, warned"] += 1
        return
    seen["some runs, equal" if runs else "no runs, equal"] += 1
    if case.trigger is not None:
        check_missed_run_times(oracle, case, schedule, read)
    if case.trigger and "cronJobTrigger" in case.trigger:
        written = case.trigger["cronJobTrigger"]["cronString"]
        if written.split() != (schedule.quartz() or "").split():
            again = oracle.cron(
                written, read.offset_ms, read.start, read.end, case.after, case.count
            )
            assert again.fires == answer.fires, "the expression as written runs otherwise"


def check_missed_run_times(oracle: Oracle, case: Case, schedule: Schedule, read: Reading) -> None:
    """The fire times the missed-run detection judges in [lower, lower + span], and the one
    after them, are Quartz's."""
    upto = case.lower + case.span
    found = fires_of(schedule, case.lower, upto)
    fires, then, cut = list(found.times), found.after, found.cut
    first = fires[0] - 1 if cut else case.lower - 1  # newest only: Quartz from the first kept
    wanted = min(len(fires), 400) + 1
    answer = ask(oracle, read, first, wanted)
    note(f"missed-run fire times: {fires[:5]}… ({len(fires)}), then {then}; Quartz: {answer}")
    if answer.status == "timeout":
        assert answer.fires[: len(fires)] == fires[: len(answer.fires)]
        return
    assert fires[: wanted - 1] == answer.fires[: wanted - 1], "missed-run fire times differ"
    if len(fires) < wanted:
        quartz_then = answer.fires[len(fires)] if len(answer.fires) > len(fires) else None
        near = upto + 366 * DAY_MS  # a later one only bounds the last run's window: near matters
        if (then is not None and then <= near) or (quartz_then is not None and quartz_then <= near):
            assert then == quartz_then, "the fire time after the window differs"
    seen["missed-run fire times equal"] += 1


@seed(SEED)
@settings(
    max_examples=TRIGGERS,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(case=cases())
def _compare(quartz: Oracle, case: Case) -> None:
    note(f"{case}\n{REPLAY}")
    seen["triggers"] += 1
    try:
        schedule = ours(case)
    except ScheduleError as exc:
        note(f"ours: {exc}")
        check_refusal(quartz, case)
        return
    if schedule.rule is not None:
        seen.update(f"with {feature}" for feature in schedule.rule.features)
        seen["with quirks"] += bool(schedule.rule.quirks)
    check_runs(quartz, case, schedule)


@pytest.mark.timeout(900)  # ~20 s; shrinking a failure may take minutes (Quartz's timeouts)
def test_every_trigger_fires_as_quartz_says(
    quartz: Oracle | Unavailable, capsys: pytest.CaptureFixture[str]
) -> None:
    if isinstance(quartz, Unavailable):
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI must compare with the real Quartz, which cannot run: {quartz}")
        pytest.skip(f"the real Quartz cannot run here: {quartz}")
    seen.clear()
    try:
        _compare(quartz)
    except BaseException as exc:
        exc.add_note(REPLAY)
        raise
    with capsys.disabled():
        print(f"\nQuartz oracle (seed {SEED}): {dict(seen)}; {quartz.requests} requests")
    assert seen["triggers"] >= TRIGGERS

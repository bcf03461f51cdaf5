"""All servers as one history: the judged snapshots of several servers made into one
`Snapshot`, which the backups window shows as it shows one server's.

Every server's backups come one server after the other, each row's server's name in the
`Column.SERVER` column, then the rows of every server's missed runs, newest first. A
schedule's item carries its server's name (`ScheduleItem.server`), so a schedule is known by
its `ScheduleItem.key` even where two servers use the same id. The health is the servers'
added up: the schedules of all, ranked worst first; the counts summed, day by day for the
strip; the newest successful backup is the oldest of the servers' newest – "every server has
one at most this old".
"""

from __future__ import annotations

from collections.abc import Generator, Sequence
from dataclasses import replace
from datetime import UTC, date
from itertools import chain, repeat

from backupviewer.core.columns import Column
from backupviewer.core.missed import MissedRun
from backupviewer.core.pace import ROW, SCHEDULE, Pace, finish
from backupviewer.core.schedule.items import ScheduleItem, ScheduleList
from backupviewer.health.findings import DayCounts, Health, HealthSettings, ScheduleHealth
from backupviewer.health.snapshot import Snapshot, judged_in_steps
from backupviewer.health.verdict import last_success_age
from backupviewer.history.table import HistoryTable
from backupviewer.history.text_column import TextColumn

__all__ = ["combine", "combine_in_steps"]


def combine(parts: Sequence[tuple[str, Snapshot]]) -> Snapshot:
    """The snapshots of `parts` (each a server's name and its judged snapshot) as one."""
    return finish(combine_in_steps(parts))


def combine_in_steps(
    parts: Sequence[tuple[str, Snapshot]], pace: Pace | None = None
) -> Generator[None, None, Snapshot]:
    """`combine`, pausing (yielding) whenever a step's work is done (see `core.pace`)."""
    pace = pace or Pace()
    parts = [(name, snapshot) for name, snapshot in parts if snapshot.health is not None]
    backups = HistoryTable()
    offsets: list[int] = []
    for _, snapshot in parts:
        offsets.append(len(backups))
        backups.extend(snapshot.backups)
        if pace.spent(ROW * len(snapshot.backups) // 4):
            yield
    names = _distinct([name for name, _ in parts])
    codes = list(chain.from_iterable(
        repeat(number, len(snapshot.backups)) for number, (_, snapshot) in enumerate(parts)
    ))  # fmt: skip
    backups.texts[Column.SERVER] = TextColumn.of_codes(names, codes)
    if pace.spent(ROW * len(codes) // 4):
        yield
    healths = []
    for name, (_, snapshot), offset in zip(names, parts, offsets, strict=True):
        assert snapshot.health is not None
        healths.append(_moved(name, snapshot.health, offset))
        if pace.spent(SCHEDULE * len(snapshot.health.schedules)):
            yield
    schedules = ScheduleList(
        tuple(chain.from_iterable(tuple(s.item for s in health.schedules) for health in healths)),
        "; ".join(
            f"{name}: {s.schedules.unavailable}"
            for name, (_, s) in zip(names, parts, strict=True)
            if s.schedules.unavailable
        ),
    )
    health = _added(healths, backups, schedules.unavailable)
    return (yield from judged_in_steps(backups, schedules, health, pace))


def _distinct(names: list[str]) -> list[str]:
    """The names, a number after those given twice ("prod", "prod (2)")."""
    seen: set[str] = set()
    distinct = []
    for name in names:
        number, unique = 1, name
        while unique in seen:
            number += 1
            unique = f"{name} ({number})"
        seen.add(unique)
        distinct.append(unique)
    return distinct


def _moved(server: str, health: Health, offset: int) -> Health:
    """`health` with its rows `offset` further down and its schedules named after `server`."""
    items: dict[int, ScheduleItem] = {}

    def item(of: ScheduleItem) -> ScheduleItem:
        found = items.get(id(of))
        if found is None:
            found = items[id(of)] = replace(of, server=server)
        return found

    def row(number: int | None) -> int | None:
        return None if number is None else number + offset

    def missed(run: MissedRun) -> MissedRun:
        return replace(run, schedule=item(run.schedule))

    schedules = {
        id(s): replace(
            s,
            item=item(s.item),
            missed=tuple(map(missed, s.missed)),
            last_run=row(s.last_run),
            last_finished=row(s.last_finished),
            last_success=row(s.last_success),
        )
        for s in health.schedules
    }

    def again(found: tuple[ScheduleHealth, ...]) -> tuple[ScheduleHealth, ...]:
        return tuple(schedules[id(s)] for s in found)

    return replace(
        health,
        schedules=again(health.schedules),
        ranked=again(health.ranked),
        unjudged=again(health.unjudged),
        missed=tuple(map(missed, health.missed)),
        slow={n + offset: replace(run, row=run.row + offset) for n, run in health.slow.items()},
        stuck={n + offset: replace(run, row=run.row + offset) for n, run in health.stuck.items()},
        failing=frozenset(n + offset for n in health.failing),
        newest_success=row(health.newest_success),
        furthest=row(health.furthest),
    )


def _added(healths: list[Health], backups: HistoryTable, schedules_note: str) -> Health:
    """The healths of several servers (moved: see `_moved`) as one."""
    if not healths:
        return Health(0, HealthSettings(), 0, 0, UTC)
    first = healths[0]
    ranked = sorted(
        chain.from_iterable(health.ranked for health in healths),
        key=lambda s: (-s.level, not s.item.active, s.item.name.casefold(), s.item.server),
    )
    ages = [(last_success_age(h, backups), h.newest_success) for h in healths]
    known = [(age, row) for age, row in ages if age is not None]
    furthest = [h.furthest for h in healths if h.furthest is not None]
    return Health(
        now=max(h.now for h in healths),
        settings=first.settings,
        window_start=min(h.window_start for h in healths),
        judged_from=min(h.judged_from for h in healths),
        zone=first.zone,
        schedules=tuple(chain.from_iterable(h.schedules for h in healths)),
        ranked=tuple(ranked),
        critical=sum(h.critical for h in healths),
        troubled=sum(h.troubled for h in healths),
        unjudged=tuple(s for s in ranked if s.unjudged_before is not None),
        missed=tuple(
            sorted(chain.from_iterable(h.missed for h in healths), key=lambda run: -run.final)
        ),
        missed_count=sum(h.missed_count for h in healths),
        slow=dict(chain.from_iterable(h.slow.items() for h in healths)),
        stuck=dict(chain.from_iterable(h.stuck.items() for h in healths)),
        failing=frozenset(chain.from_iterable(h.failing for h in healths)),
        days=_days(healths),
        backups=sum(h.backups for h in healths),
        failed=sum(h.failed for h in healths),
        running=sum(h.running for h in healths),
        newest_success=max(known)[1] if known else None,
        budget=sum(h.budget for h in healths),
        future=sum(h.future for h in healths),
        furthest=max(furthest, key=backups.started.__getitem__) if furthest else None,
        schedules_note=schedules_note,
    )


def _days(healths: list[Health]) -> tuple[DayCounts, ...]:
    """The servers' days added up, day by day (of each server's calendar)."""
    days: dict[date, DayCounts] = {}
    for counts in chain.from_iterable(h.days for h in healths):
        was = days.get(counts.day)
        days[counts.day] = counts if was is None else replace(
            was,
            start=min(was.start, counts.start),
            succeeded=was.succeeded + counts.succeeded,
            failed=was.failed + counts.failed,
            running=was.running + counts.running,
            missed=was.missed + counts.missed,
            other=was.other + counts.other,
        )  # fmt: skip
    return tuple(days[day] for day in sorted(days))

"""The health of the backups in words: one sentence and figures for a monitor, a line per
schedule that is not well, and the summary line of the window."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from backupviewer.core.columns import Column, offset_suffix, wall_times
from backupviewer.core.spans import span_text
from backupviewer.table.health import Health, Level, ScheduleHealth
from backupviewer.table.history_table import HistoryTable


@dataclass(frozen=True)
class Verdict:
    """What ``backupviewer check`` prints: the level, one sentence, the performance data and
    a line per schedule that is not OK."""

    level: Level
    sentence: str
    perfdata: str
    lines: tuple[str, ...]

    @property
    def first_line(self) -> str:
        return f"BACKUPS {self.level.name} - {self.sentence} | {self.perfdata}"


def verdict(health: Health, table: HistoryTable) -> Verdict:
    """The verdict on `health` (assessed on `table`)."""
    troubled = sorted(
        (s for s in health.schedules if s.level is not Level.OK),
        key=lambda s: (-s.level, s.item.name.casefold()),
    )
    missed = len(health.missed)
    slow = len(health.slow)
    age = last_success_age(health, table)
    perf = (
        f"failed={health.failed} missed={missed} slow={slow} running={health.running} "
        f"last_success_age={'U' if age is None else f'{age // 1000}s'}"
    )
    return Verdict(
        level=health.level,
        sentence=_sentence(health, troubled, table),
        perfdata=perf,
        lines=tuple(_line(s, table) for s in troubled),
    )


def last_success_age(health: Health, table: HistoryTable) -> int | None:
    """Milliseconds since the newest successful backup ended (started, when its end is not
    known); None when there is none."""
    row = health.newest_success
    if row is None:
        return None
    end = table.finished[row] if table.duration[row] >= 0 else table.started[row]
    return max(0, health.now - end)


def summary(health: Health, table: HistoryTable) -> str:
    """The window's health line: the newest successful backup and its age, then failures,
    missed and slow runs in the window, and what runs now."""
    return f"{_newest(health, table)} {_window_counts(health)}"


def _sentence(health: Health, troubled: list[ScheduleHealth], table: HistoryTable) -> str:
    critical = [s.item.name or "(unnamed)" for s in troubled if s.level is Level.CRITICAL]
    warned = [s.item.name or "(unnamed)" for s in troubled if s.level is Level.WARNING]
    parts = []
    if critical:
        parts.append(f"{_count(len(critical), 'schedule')} in trouble ({_names(critical)})")
    if warned:
        parts.append(f"{_count(len(warned), 'schedule')} to look at ({_names(warned)})")
    if not parts:
        active = sum(s.item.active for s in health.schedules)
        if not health.schedules_known:
            parts.append(f"{_count(active, 'schedule')} seen in the backups, none failing")
        else:
            parts.append(f"{_count(active, 'active schedule')} on time, none failing")
    return f"{'; '.join(parts)}. {_newest(health, table)} {_window_counts(health)}"


def _line(schedule: ScheduleHealth, table: HistoryTable) -> str:
    name = schedule.item.name or f"(unnamed schedule {schedule.item.id})"
    why = "; ".join(schedule.reasons)
    row = schedule.last_run
    if schedule.failed_in_a_row and row is not None:
        message = table.texts[Column.MESSAGE][row].strip().splitlines()
        if message:
            why += f" – {message[0][:200]}"
    return f"{schedule.level.name}: {name}: {why}"


def _newest(health: Health, table: HistoryTable) -> str:
    row = health.newest_success
    age = last_success_age(health, table)
    if row is None or age is None:
        return "No successful backup at all."
    name = table.texts[Column.NAME][row] or "unnamed"
    zone = table.zones[table.zone_start[row]]
    when = wall_times([table.started[row]], zone)[0][:16] + offset_suffix(zone)
    return f"Newest successful backup {_age(age)} ago ({name}, started {when})."


def _window_counts(health: Health) -> str:
    days = round(health.settings.window_ms / 86_400_000)
    span = f"the last {days} days" if days != 1 else "the last day"
    if health.judged_from > health.window_start:
        since = datetime.fromtimestamp(health.judged_from / 1000, UTC).astimezone(health.zone)
        span += f" (the history starts {since:%Y-%m-%d})"
    counts = [
        _count(health.failed, "failed backup"),
        _count(len(health.missed), "missed run")
        if health.schedules_known
        else "missed runs not looked for (the schedules could not be read)",
        _count(len(health.slow), "slow backup"),
    ]
    running = f"{health.running:,} running now" if health.running else "none running now"
    return f"In {span}: {', '.join(counts)}; {running}."


def _age(ms: int) -> str:
    """An age to the minute (to the second under a minute)."""
    return span_text(ms if ms < 60_000 else ms - ms % 60_000)


def _names(names: list[str]) -> str:
    shown = ", ".join(names[:3])
    return shown + (f" and {len(names) - 3:,} more" if len(names) > 3 else "")


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"

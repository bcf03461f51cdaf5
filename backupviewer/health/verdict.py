"""The health of the backups in words: one sentence and figures for a monitor (the window's
health line says the same sentence), a line per schedule that is not well, notes (what was
beyond the budget of fire times)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

from backupviewer.core.columns import UNKNOWN, Column, local_times, offset_suffix, wall_times
from backupviewer.core.durations import span_text
from backupviewer.core.words import QT_TRANSLATE_NOOP, one_after_other, translate
from backupviewer.health.findings import Health, Level, ScheduleHealth
from backupviewer.history.table import HistoryTable

_LEVEL_WORDS = {
    Level.OK: QT_TRANSLATE_NOOP("Verdict", "OK"),
    Level.WARNING: QT_TRANSLATE_NOOP("Verdict", "WARNING"),
    Level.CRITICAL: QT_TRANSLATE_NOOP("Verdict", "CRITICAL"),
    Level.UNKNOWN: QT_TRANSLATE_NOOP("Verdict", "UNKNOWN"),
}
"""A schedule's level at the start of its line: as a monitor reads it in English (`check`),
in the interface's language in the window."""


@dataclass(frozen=True)
class Verdict:
    """What ``backupviewer check`` prints: the level, one sentence, the performance data, a
    line per schedule that is not OK, and notes on what could not be judged."""

    level: Level
    sentence: str
    perfdata: str
    lines: tuple[str, ...]
    notes: tuple[str, ...] = ()

    @property
    def first_line(self) -> str:
        return f"BACKUPS {self.level.name} - {self.sentence} | {self.perfdata}"


def verdict(
    health: Health, table: HistoryTable, most_lines: int | None = None, *, local: bool = False
) -> Verdict:
    """The verdict on `health` (assessed on `table`); with `most_lines`, the lines of that
    many schedules and one that counts the others; `local`: times on this computer's clock
    (else the server's)."""
    troubled = health.ranked[: health.troubled]
    lines = [_line(s, table) for s in troubled[:most_lines]]
    if most_lines is not None and len(troubled) > most_lines:
        lines.append(
            translate("Verdict", "… and {count:,} more schedules that are not OK.").format(
                count=len(troubled) - most_lines
            )
        )
    missed = health.missed_count
    slow = len(health.slow)
    age = last_success_age(health, table)
    perf = (
        f"failed={health.failed} missed={missed} slow={slow} running={health.running} "
        f"last_success_age={'U' if age is None else f'{age // 1000}s'}"
    )
    return Verdict(
        level=health.level,
        sentence=_sentence(health, table, local),
        perfdata=perf,
        lines=tuple(lines),
        notes=tuple(_unjudged_notes(health)),
    )


def last_success_age(health: Health, table: HistoryTable) -> int | None:
    """Milliseconds since the newest successful backup ended (started, when its end is not
    known); None when there is none."""
    row = health.newest_success
    if row is None:
        return None
    return max(0, health.now - table.moment(row, _success_end(table, row))[0])


def _success_end(table: HistoryTable, row: int) -> Column:
    """What the age of a successful backup is measured from: its end, else its start."""
    end, _ = table.moment(row, Column.FINISHED)
    start, _ = table.moment(row)
    return (
        Column.FINISHED if end != UNKNOWN and start != UNKNOWN and end >= start else Column.STARTED
    )


def _sentence(health: Health, table: HistoryTable, local: bool) -> str:
    critical = health.ranked[: health.critical]
    warned = health.ranked[health.critical : health.troubled]
    parts = []
    if critical:
        parts.append(
            _counted(
                len(critical),
                translate("Verdict", "{count:,} schedule in trouble ({names})"),
                translate("Verdict", "{count:,} schedules in trouble ({names})"),
                names=_names([_label(s) for s in critical[:4]], len(critical)),
            )
        )
    if warned:
        parts.append(
            _counted(
                len(warned),
                translate("Verdict", "{count:,} schedule to look at ({names})"),
                translate("Verdict", "{count:,} schedules to look at ({names})"),
                names=_names([_label(s) for s in warned[:4]], len(warned)),
            )
        )
    if not parts:
        active = sum(s.item.active for s in health.schedules)
        if not health.schedules_known:
            parts.append(
                _counted(
                    active,
                    translate("Verdict", "{count:,} schedule seen in the backups, none failing"),
                    translate("Verdict", "{count:,} schedules seen in the backups, none failing"),
                )
            )
        else:
            parts.append(
                _counted(
                    active,
                    translate("Verdict", "{count:,} active schedule on time, none failing"),
                    translate("Verdict", "{count:,} active schedules on time, none failing"),
                )
            )
    sentence = translate("Verdict", "{situation}. {newest} {counts}").format(
        situation=translate("Verdict", "; ").join(parts),
        newest=_newest(health, table, local),
        counts=_window_counts(health),
    )
    beyond = _unjudged_clause(health)
    return one_after_other(sentence, beyond)


def _line(schedule: ScheduleHealth, table: HistoryTable) -> str:
    name = schedule.item.name or translate("Verdict", "(unnamed schedule {id})").format(
        id=schedule.item.id
    )
    if schedule.item.server:
        name = _on_server(schedule.item.server, name)
    why = translate("Verdict", "; ").join(schedule.reasons)
    row = schedule.last_run
    if schedule.failed_in_a_row and row is not None:
        message = table.text(row, Column.MESSAGE).strip().splitlines()
        if message:
            why = translate("Verdict", "{reasons} – {message}").format(
                reasons=why, message=message[0][:200]
            )
    return translate("Verdict", "{level}: {name}: {reasons}").format(
        level=translate("Verdict", _LEVEL_WORDS[schedule.level]), name=name, reasons=why
    )


def _newest(health: Health, table: HistoryTable, local: bool) -> str:
    """The newest successful backup of a schedule (of any backup when no schedule has one),
    how long ago it ended (started, when its end is not known), and when."""
    row = health.newest_success
    age = last_success_age(health, table)
    future = _future(health, table, local)
    if (row is None or age is None) and future:
        return translate("Verdict", "No successful backup before now. {future}").format(
            future=future
        )
    if row is None or age is None:
        return translate("Verdict", "No successful backup at all.")
    ended = _success_end(table, row) is Column.FINISHED
    server = table.value(row, Column.SERVER)
    if server and table.value(row, Column.SCHEDULE_ID):  # the oldest of the servers' newest
        newest = (
            translate(
                "Verdict",
                "Every server's newest successful scheduled backup ended at most {age} ago "
                "(the oldest: {name}, {time}).",
            )
            if ended
            else translate(
                "Verdict",
                "Every server's newest successful scheduled backup started at most {age} ago "
                "(the oldest: {name}, {time}).",
            )
        )
    elif table.value(row, Column.SCHEDULE_ID):
        newest = (
            translate(
                "Verdict", "Newest successful scheduled backup ended {age} ago ({name}, {time})."
            )
            if ended
            else translate(
                "Verdict", "Newest successful scheduled backup started {age} ago ({name}, {time})."
            )
        )
    else:
        newest = (
            translate(
                "Verdict",
                "No scheduled backup succeeded; the newest successful backup ended {age} ago "
                "({name}, {time}).",
            )
            if ended
            else translate(
                "Verdict",
                "No scheduled backup succeeded; the newest successful backup started {age} ago "
                "({name}, {time}).",
            )
        )
    newest = newest.format(
        age=_age(age),
        name=_on_server(server, table.value(row, Column.NAME) or translate("Verdict", "unnamed"))
        if server
        else table.value(row, Column.NAME) or translate("Verdict", "unnamed"),
        time=_when(table, row, _success_end(table, row), local),
    )
    return one_after_other(newest, future)


def _future(health: Health, table: HistoryTable, local: bool) -> str:
    """The backups that start in the future, in words ("" when none does)."""
    row = health.furthest
    if row is None:
        return ""
    return _counted(
        health.future,
        translate(
            "Verdict",
            "{count:,} backup starts in the future by the server's clock ({name}, {started}) "
            "– is its clock wrong?",
        ),
        translate(
            "Verdict",
            "{count:,} backups start in the future by the server's clock (the furthest: {name}, "
            "{started}) – is its clock wrong?",
        ),
        name=table.value(row, Column.NAME) or translate("Verdict", "unnamed"),
        started=_when(table, row, Column.STARTED, local),
    )


def _when(table: HistoryTable, row: int, column: Column, local: bool) -> str:
    """A row's start or end to the minute with its offset: on the server's clock, or on
    this computer's when `local` (a time whose zone is unknown as the server wrote it)."""
    stamp, zone = table.moment(row, column)
    if zone is None or not local:
        return wall_times([stamp], zone)[0][:16] + offset_suffix(zone)
    here = timezone(timedelta(seconds=time.localtime(stamp // 1000).tm_gmtoff))
    return local_times([stamp], zone)[0][:16] + offset_suffix(here)


def _unjudged_clause(health: Health) -> str:
    """A short sentence for the schedules beyond the budget of fire times ("": none)."""
    unjudged = health.unjudged
    return _counted(
        len(unjudged),
        translate(
            "Verdict",
            "{count:,} schedule fires too often to judge every run: only its newest were judged.",
        ),
        translate(
            "Verdict",
            "{count:,} schedules fire too often to judge every run: only their newest were "
            "judged.",
        ),
    ) if unjudged else ""  # fmt: skip


def _unjudged_notes(health: Health) -> list[str]:
    """Which schedules were judged over their newest fire times only, and from when."""
    unjudged = health.unjudged
    if not unjudged:
        return []
    judged = [s for s in unjudged if s.judged]
    first = last = ""
    if judged:  # (thousands of schedules: their times read once)
        since = [s.unjudged_before or 0 for s in judged]
        earliest, latest = judged[since.index(min(since))], judged[since.index(max(since))]
        first, last = (_minute(_since(s), s.item.zone) for s in (earliest, latest))
    if len(unjudged) == 1 and judged:
        text = translate(
            "Verdict",
            "Missed runs are looked for over at most {budget:,} fire times, shared by all "
            "schedules: {names} fires more often, so only its runs from {first} on were judged.",
        )
    elif len(unjudged) == 1:
        text = translate(
            "Verdict",
            "Missed runs are looked for over at most {budget:,} fire times, shared by all "
            "schedules: {names} fires more often, and none of its runs were judged.",
        )
    elif not judged:
        text = translate(
            "Verdict",
            "Missed runs are looked for over at most {budget:,} fire times, shared by all "
            "schedules: {count:,} schedules fire more often ({names}), and none of their runs "
            "were judged.",
        )
    elif first == last:
        text = translate(
            "Verdict",
            "Missed runs are looked for over at most {budget:,} fire times, shared by all "
            "schedules: {count:,} schedules fire more often ({names}), so only their runs from "
            "{first} on were judged.",
        )
    else:
        text = translate(
            "Verdict",
            "Missed runs are looked for over at most {budget:,} fire times, shared by all "
            "schedules: {count:,} schedules fire more often ({names}), so only their newest "
            "runs were judged, from {first} on for some, from {last} on for others.",
        )
    names = _names([_label(s) for s in unjudged[:4]], len(unjudged))
    return [
        text.format(budget=health.budget, count=len(unjudged), names=names, first=first, last=last)
    ]


def _since(schedule: ScheduleHealth) -> int:
    return schedule.unjudged_before or 0


def _minute(ms: int, zone: timezone | None) -> str:
    """A time to the minute, on the wall clock of `zone` (UTC when unknown)."""
    return f"{datetime.fromtimestamp(ms / 1000, UTC).astimezone(zone or UTC):%Y-%m-%d %H:%M}"


def _window_counts(health: Health) -> str:
    days = round(health.settings.window_ms / 86_400_000)
    since = ""
    if health.judged_from > health.window_start:
        start = datetime.fromtimestamp(health.judged_from / 1000, UTC).astimezone(health.zone)
        since = f"{start:%Y-%m-%d}"
    if days == 1 and not since:
        sentence = translate("Verdict", "In the last day: {failed}, {missed}, {slow}; {running}.")
    elif days == 1:
        sentence = translate(
            "Verdict",
            "In the last day (the history starts {since}): {failed}, {missed}, {slow}; {running}.",
        )
    elif not since:
        sentence = translate(
            "Verdict", "In the last {days} days: {failed}, {missed}, {slow}; {running}."
        )
    else:
        sentence = translate(
            "Verdict",
            "In the last {days} days (the history starts {since}): "
            "{failed}, {missed}, {slow}; {running}.",
        )
    if health.schedules_known:
        missed = _counted(
            health.missed_count,
            translate("Verdict", "{count:,} missed run"),
            translate("Verdict", "{count:,} missed runs"),
        )
    else:
        missed = translate(
            "Verdict", "missed runs not looked for (the schedules could not be read)"
        )
    if health.running:
        running = translate("Verdict", "{count:,} running now").format(count=health.running)
    else:
        running = translate("Verdict", "none running now")
    return sentence.format(
        days=days,
        since=since,
        failed=_counted(
            health.failed,
            translate("Verdict", "{count:,} failed backup"),
            translate("Verdict", "{count:,} failed backups"),
        ),
        missed=missed,
        slow=_counted(
            len(health.slow),
            translate("Verdict", "{count:,} slow backup"),
            translate("Verdict", "{count:,} slow backups"),
        ),
        running=running,
    )


def _age(ms: int) -> str:
    """An age to the minute (to the second under a minute)."""
    return span_text(ms if ms < 60_000 else ms - ms % 60_000)


def _label(schedule: ScheduleHealth) -> str:
    """A schedule's name (in the view of all servers: on its server)."""
    name = schedule.item.name or _unnamed()
    return _on_server(schedule.item.server, name) if schedule.item.server else name


def _on_server(server: str, name: str) -> str:
    return translate("Verdict", "{server} · {name}").format(server=server, name=name)


def _unnamed() -> str:
    return translate("Verdict", "(unnamed)")


def _names(names: list[str], count: int | None = None) -> str:
    """The first three names, and how many more of `count` (all of `names` by default)."""
    count = len(names) if count is None else count
    shown = translate("Verdict", ", ").join(names[:3])
    if count <= 3:
        return shown
    return translate("Verdict", "{names} and {count:,} more").format(names=shown, count=count - 3)


def _counted(number: int, one: str, many: str, **values: str) -> str:
    """`one` (the template for a single thing) or `many`, filled in with `number` as count."""
    return (one if number == 1 else many).format(count=number, **values)

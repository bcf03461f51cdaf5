"""What a row's tooltips say – why it failed or was missed, how slow it was, what was
unreadable, when it ran on either clock – and the icons its cells carry."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import timedelta, timezone

from PySide6.QtGui import QIcon

from backupviewer.core.columns import UNKNOWN, Column, Kind, duration_text
from backupviewer.core.durations import ago_text, span_text
from backupviewer.core.records import Record, Status
from backupviewer.core.schedule.trigger import offset_text
from backupviewer.core.words import translate
from backupviewer.health.assess import AHEAD_MS
from backupviewer.health.findings import Health, SlowRun, StuckRun
from backupviewer.history.table import STATUSES, HistoryTable
from backupviewer.qt.plain_text import tip
from backupviewer.qt.status_icons import slow_icon, status_icon, warning_icon

_UNKNOWN = STATUSES.index(Status.UNKNOWN)


def cell_icon(
    table: HistoryTable, health: Health | None, number: int, column: Column, frame: int
) -> QIcon | None:
    """The icon of a cell, if it has one (`frame`: of the running spinner)."""
    if column is Column.STATUS:
        return status_icon(table.status_at(number), frame)
    if column is Column.NAME and table.flagged[number]:
        return warning_icon()
    if column is Column.DURATION and health is not None and number in health.slow:
        return slow_icon()
    if column is Column.SCHEDULE and failing(table, health, number):
        return status_icon(Status.FAILED)
    return None


def cell_tip(
    table: HistoryTable,
    health: Health | None,
    number: int,
    column: Column,
    record_of: Callable[[int], Record],
) -> str | None:
    """The tooltip of a cell: why, how slow, what was unreadable, when; long texts whole (up
    to `plain_text.TIP_CHARACTERS`), as written – a server's markup is never rendered."""
    return tip(_cell_words(table, health, number, column, record_of))


def _cell_words(
    table: HistoryTable,
    health: Health | None,
    number: int,
    column: Column,
    record_of: Callable[[int], Record],
) -> str | None:
    if column is Column.STATUS:
        if table.status[number] == _UNKNOWN:
            return unknown_tip(record_of(number))
        return status_tip(table, health, number)
    if column is Column.NAME and table.flagged[number]:
        return problems_tip(record_of(number))
    slow = health.slow.get(number) if health is not None else None
    if column is Column.DURATION and slow is not None:
        return slow_tip(slow)
    if column is Column.SCHEDULE and (failed := failing(table, health, number)):
        return f"{table.text(number, Column.SCHEDULE)}{failed}"
    if column in (Column.STARTED, Column.FINISHED):
        return time_tip(table, number, column)
    text = table.text(number, column)
    return text if len(text) > 40 else None


def status_tip(table: HistoryTable, health: Health | None, number: int) -> str:
    """The Status cell's tooltip (for a status the viewer knows)."""
    status = table.status_at(number)
    if status is Status.FAILED:
        message = table.texts[Column.MESSAGE][number].strip() or translate(
            "RowTips", "The server gave no reason."
        )
        failed = translate("RowTips", "Failed: {message}").format(message=message)
        return failed + failing(table, health, number)
    if status is Status.MISSED:
        message = table.texts[Column.MESSAGE][number]
        return translate("RowTips", "Missed: {message}").format(message=message)
    if status is Status.RUNNING:
        stuck = health.stuck.get(number) if health is not None else None
        if stuck is not None:
            return _stuck_tip(stuck)
        return translate("RowTips", "Running for {elapsed}; it is watched until it ends.").format(
            elapsed=_elapsed(_since(table, number))
        )
    return translate("RowTips", "Succeeded")


def running_text(table: HistoryTable, health: Health | None, number: int) -> str:
    """A running backup's Duration cell: how long it has run (ticking), and "stuck?" when
    it has run far longer than its schedule ever took."""
    stuck = health.stuck.get(number) if health is not None else None
    elapsed = _since(table, number)
    if elapsed is None:
        return translate("RowTips", "running")
    if stuck is not None:
        return translate("RowTips", "{elapsed} – stuck?").format(elapsed=_elapsed(elapsed))
    return translate("RowTips", "{elapsed}…").format(elapsed=_elapsed(elapsed))


def _since(table: HistoryTable, number: int) -> int | None:
    start = table.started[number]
    return None if start == UNKNOWN else max(0, round(time.time() * 1000) - start)


def _elapsed(ms: int | None) -> str:
    return translate("RowTips", "an unknown time") if ms is None else duration_text(ms / 1000)


def _stuck_tip(stuck: StuckRun) -> str:
    """What a stuck backup's Status cell (and its details) say."""
    return translate("RowTips", "Running for {elapsed} – stuck? {advice}").format(
        elapsed=_elapsed(stuck.elapsed), advice=_stuck_words(stuck)
    )


def _stuck_words(stuck: StuckRun) -> str:
    if stuck.longest is None:
        return translate("RowTips", "Backups rarely take this long; check the server.")
    return translate(
        "RowTips",
        "Its schedule's longest successful run took {duration}; check the server. It is no "
        "longer watched.",
    ).format(duration=duration_text(stuck.longest / 1000))


def unknown_tip(record: Record) -> str:
    return translate(
        "RowTips", "The server sent status {status}, which the viewer does not know."
    ).format(status=repr(record.status_raw))


def problems_tip(record: Record) -> str:
    """What could not be read in a flagged row."""
    problems = [*record.problems]
    if record.schedule_error:
        problems.append(
            translate("RowTips", "Schedule: {error}").format(error=record.schedule_error)
        )
    return translate("RowTips", "Some fields could not be read:\n{problems}").format(
        problems="• " + "\n• ".join(problems)
    )


def slow_tip(slow: SlowRun) -> str:
    if slow.running:
        text = translate(
            "RowTips",
            "Slow: has been running for {duration}, {factor:.1f}× the usual {usual} (the 90th "
            "percentile of the last {runs:,} successful runs of its schedule before it).",
        )
    else:
        text = translate(
            "RowTips",
            "Slow: took {duration}, {factor:.1f}× the usual {usual} (the 90th percentile of "
            "the last {runs:,} successful runs of its schedule before it).",
        )
    return text.format(
        duration=duration_text(slow.duration / 1000),
        factor=slow.duration / slow.usual,
        usual=duration_text(slow.usual / 1000),
        runs=slow.runs,
    )


def health_notes(table: HistoryTable, health: Health | None, number: int) -> list[str]:
    """What the health says of row `number`, in sentences (for the details)."""
    if health is None:
        return []
    notes = []
    slow = health.slow.get(number)
    if slow is not None:
        notes.append(slow_tip(slow))
    stuck = health.stuck.get(number)
    if stuck is not None:
        notes.append(_stuck_tip(stuck))
    schedule = failing(table, health, number).strip()
    if schedule:
        notes.append(schedule)
    start = table.started[number]
    if start != UNKNOWN and start > health.now + AHEAD_MS:
        notes.append(
            translate(
                "RowTips",
                "It starts in the future by the server's clock ({ahead} after now) – is the "
                "server's clock wrong?",
            ).format(ahead=span_text(start - health.now))
        )
    return notes


def failing(table: HistoryTable, health: Health | None, number: int) -> str:
    """For the newest finished run of a failing schedule: that the schedule is failing (on
    a line of its own); "" for any other row."""
    if health is None:
        return ""
    schedule = health.schedule(table.texts[Column.SCHEDULE_ID][number])
    if schedule is None or schedule.last_finished != number or not schedule.failed_in_a_row:
        return ""
    if schedule.failed_in_a_row >= 3:
        return "\n" + translate(
            "RowTips", "Its schedule is failing repeatedly: the last {count} runs failed."
        ).format(count=schedule.failed_in_a_row)
    return "\n" + translate(
        "RowTips", "Its schedule is failing: this, its newest finished run, failed."
    )


def time_tip(table: HistoryTable, number: int, column: Column) -> str | None:
    """A Started or Finished cell's tooltip: how long ago, and the time on both clocks."""
    started = column is Column.STARTED
    stamp = (table.started if started else table.finished)[number]
    if stamp == UNKNOWN:
        return None
    zone = table.zones[(table.zone_start if started else table.zone_end)[number]]
    server = table.text(number, column)
    if zone is None:
        return translate(
            "RowTips", "{time} on the server's clock (its time zone is unknown)"
        ).format(time=server)
    here = timezone(timedelta(seconds=time.localtime(stamp // 1000).tm_gmtoff))
    ago = ago_text(round(time.time() * 1000) - stamp)
    lines = (
        ago[:1].upper() + ago[1:],
        translate("RowTips", "{time} on the server's clock ({offset})").format(
            time=server, offset=offset_text(zone)
        ),
        translate("RowTips", "{time} on this computer's ({offset})").format(
            time=table.text(number, column, local=True), offset=offset_text(here)
        ),
    )
    return "\n".join(lines)


def time_header(column: Column, table: HistoryTable, local: bool) -> tuple[str, str]:
    """A time column's title and tooltip, naming the clock its times are on."""
    if column.kind is not Kind.TIME:
        return column.header, column.tip
    offsets = translate("RowTips", ", ").join(
        offset_text(zone) for zone in table.zones if zone is not None
    )
    if local:
        here = offset_text(timezone(timedelta(seconds=time.localtime().tm_gmtoff)))
        clock = translate("RowTips", "this computer's clock ({offset})").format(offset=here)
        title = translate("RowTips", "{column} (your time)")
    else:
        clock = (
            translate("RowTips", "the server's clock ({offsets})").format(offsets=offsets)
            if offsets
            else translate("RowTips", "the server's clock")
        )
        title = translate("RowTips", "{column} (server time)")
    if column is Column.STARTED:
        tip = translate(
            "RowTips",
            "When the backup started, on {clock}. View ▸ Clock switches between the server's "
            "clock and this computer's.",
        )
    else:
        tip = translate(
            "RowTips",
            "When the backup ended, on {clock}. View ▸ Clock switches between the server's "
            "clock and this computer's.",
        )
    return title.format(column=column.header), tip.format(clock=clock)

"""What a row says where it is shown – its tooltips (why it failed or was missed, how slow it
was, what was unreadable, when it ran on either clock), the health's notes for the details, a
running backup's time – and the icons its cells carry: the words of a `Snapshot`'s row, made
in the language of the moment."""

from __future__ import annotations

import time
from datetime import timedelta, timezone

from PySide6.QtGui import QIcon

from backupviewer.core.columns import UNKNOWN, Column, Kind, duration_text
from backupviewer.core.durations import ago_text, span_text
from backupviewer.core.records import Record, Status
from backupviewer.core.schedule.trigger import offset_text
from backupviewer.core.words import translate
from backupviewer.health.assess import AHEAD_MS
from backupviewer.health.findings import SlowRun, StuckRun
from backupviewer.health.snapshot import Snapshot
from backupviewer.history.table import HistoryTable, TableRow
from backupviewer.qt.plain_text import tip
from backupviewer.qt.status_icons import slow_icon, status_icon, warning_icon


def cell_icon(snapshot: Snapshot, row: TableRow, column: Column, frame: int) -> QIcon | None:
    """The icon of a cell, if it has one (`frame`: of the running spinner)."""
    table = snapshot.table
    if column is Column.STATUS:
        return status_icon(table.status_at(row), frame)
    if column is Column.NAME and table.is_flagged(row):
        return warning_icon()
    if column is Column.DURATION and snapshot.slow(row) is not None:
        return slow_icon()
    if column is Column.SCHEDULE and snapshot.failing(row) is not None:
        return status_icon(Status.FAILED)
    return None


def cell_tip(snapshot: Snapshot, row: TableRow, column: Column) -> str | None:
    """The tooltip of a cell: why, how slow, what was unreadable, when; long texts whole (up
    to `plain_text.TIP_CHARACTERS`), as written – a server's markup is never rendered."""
    return tip(_cell_words(snapshot, row, column))


def _cell_words(snapshot: Snapshot, row: TableRow, column: Column) -> str | None:
    table = snapshot.table
    if column is Column.STATUS:
        if table.status_at(row) is Status.UNKNOWN:
            return unknown_tip(snapshot.record(row))
        return status_tip(snapshot, row)
    if column is Column.NAME and table.is_flagged(row):
        return problems_tip(snapshot.record(row))
    slow = snapshot.slow(row)
    if column is Column.DURATION and slow is not None:
        return slow_tip(slow)
    if column is Column.SCHEDULE and (failed := failing(snapshot, row)):
        return f"{table.text(row, Column.SCHEDULE)}\n{failed}"
    if column in (Column.STARTED, Column.FINISHED):
        return time_tip(table, row, column)
    text = table.text(row, column)
    return text if len(text) > 40 else None


def status_tip(snapshot: Snapshot, row: TableRow) -> str:
    """The Status cell's tooltip (for a status the viewer knows)."""
    table = snapshot.table
    status = table.status_at(row)
    if status is Status.FAILED:
        message = table.text(row, Column.MESSAGE).strip() or translate(
            "RowTips", "The server gave no reason."
        )
        failed = translate("RowTips", "Failed: {message}").format(message=message)
        schedule = failing(snapshot, row)
        return f"{failed}\n{schedule}" if schedule else failed
    if status is Status.MISSED:
        message = table.text(row, Column.MESSAGE)
        return translate("RowTips", "Missed: {message}").format(message=message)
    if status is Status.RUNNING:
        stuck = snapshot.stuck(row)
        if stuck is not None:
            return _stuck_tip(stuck)
        return translate("RowTips", "Running for {elapsed}; it is watched until it ends.").format(
            elapsed=_elapsed(_since(table, row))
        )
    return translate("RowTips", "Succeeded")


def running_text(snapshot: Snapshot, row: TableRow) -> str:
    """A running backup's Duration cell: how long it has run (ticking), and "stuck?" when
    it has run far longer than its schedule ever took."""
    elapsed = _since(snapshot.table, row)
    if elapsed is None:
        return translate("RowTips", "running")
    if snapshot.stuck(row) is not None:
        return translate("RowTips", "{elapsed} – stuck?").format(elapsed=_elapsed(elapsed))
    return translate("RowTips", "{elapsed}…").format(elapsed=_elapsed(elapsed))


def _since(table: HistoryTable, row: TableRow) -> int | None:
    start = table.moment(row)[0]
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


def health_notes(snapshot: Snapshot, row: TableRow) -> list[str]:
    """What the health says of `row`, in sentences (for the details)."""
    health = snapshot.health
    if health is None:
        return []
    notes = []
    slow = snapshot.slow(row)
    if slow is not None:
        notes.append(slow_tip(slow))
    stuck = snapshot.stuck(row)
    if stuck is not None:
        notes.append(_stuck_tip(stuck))
    schedule = failing(snapshot, row)
    if schedule:
        notes.append(schedule)
    start = snapshot.table.moment(row)[0]
    if start != UNKNOWN and start > health.now + AHEAD_MS:
        notes.append(
            translate(
                "RowTips",
                "It starts in the future by the server's clock ({ahead} after now) – is the "
                "server's clock wrong?",
            ).format(ahead=span_text(start - health.now))
        )
    return notes


def failing(snapshot: Snapshot, row: TableRow) -> str:
    """For the newest finished run of a failing schedule: that the schedule is failing; ""
    for any other row."""
    schedule = snapshot.failing(row)
    if schedule is None:
        return ""
    if schedule.failing_repeatedly:
        return translate(
            "RowTips", "Its schedule is failing repeatedly: the last {count} runs failed."
        ).format(count=schedule.failed_in_a_row)
    return translate("RowTips", "Its schedule is failing: this, its newest finished run, failed.")


def time_tip(table: HistoryTable, row: TableRow, column: Column) -> str | None:
    """A Started or Finished cell's tooltip: how long ago, and the time on both clocks."""
    stamp, zone = table.moment(row, column)
    if stamp == UNKNOWN:
        return None
    server = table.text(row, column)
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
            time=table.text(row, column, local=True), offset=offset_text(here)
        ),
    )
    return "\n".join(lines)


def time_header(column: Column, table: HistoryTable, local: bool) -> tuple[str, str]:
    """A time column's title and tooltip, naming the clock its times are on."""
    if column.kind is not Kind.TIME:
        return column.header, column.tip
    offsets = translate("RowTips", ", ").join(map(offset_text, table.time_zones()))
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

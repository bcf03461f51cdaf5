"""What a row's tooltips say: why it failed or was missed, how slow it was, what was unreadable."""

from __future__ import annotations

from backupviewer.core.columns import Column, duration_text
from backupviewer.core.records import Record, Status
from backupviewer.table.health import Health, SlowRun
from backupviewer.table.history_table import HistoryTable


def status_tip(table: HistoryTable, health: Health | None, number: int) -> str:
    """The Status cell's tooltip (for a status the viewer knows)."""
    status = table.status_at(number)
    if status is Status.FAILED:
        message = table.texts[Column.MESSAGE][number].strip() or "The server gave no reason."
        return f"Failed: {message}{failing(table, health, number)}"
    if status is Status.MISSED:
        return f"Missed: {table.texts[Column.MESSAGE][number]}"
    if status is Status.RUNNING:
        return "Running: the list refreshes itself until it ends."
    return "Succeeded"


def unknown_tip(record: Record) -> str:
    return f"The server sent status {record.status_raw!r}, which the viewer does not know."


def problems_tip(record: Record) -> str:
    """What could not be read in a flagged row."""
    problems = [*record.problems]
    if record.schedule_error:
        problems.append(f"Schedule: {record.schedule_error}")
    return "Some fields could not be read:\n• " + "\n• ".join(problems)


def slow_tip(slow: SlowRun) -> str:
    took = "has been running for" if slow.running else "took"
    return (
        f"Slow: {took} {duration_text(slow.duration / 1000)}, {slow.duration / slow.usual:.1f}× "
        f"the usual {duration_text(slow.usual / 1000)} (the 90th percentile of the last "
        f"{slow.runs:,} successful runs of its schedule before it)."
    )


def health_notes(table: HistoryTable, health: Health | None, number: int) -> list[str]:
    """What the health says of row `number`, in sentences (for the details)."""
    if health is None:
        return []
    notes = []
    slow = health.slow.get(number)
    if slow is not None:
        notes.append(slow_tip(slow))
    schedule = failing(table, health, number).strip()
    if schedule:
        notes.append(schedule)
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
        return (
            f"\nIts schedule is failing repeatedly: the last {schedule.failed_in_a_row} runs "
            "failed."
        )
    return "\nIts schedule is failing: this, its newest finished run, failed."

"""Missed runs as rows of a `HistoryTable`, their cells made as a backup's are."""

from __future__ import annotations

from collections.abc import Sequence

import orjson

from backupviewer.core import columns, missed
from backupviewer.core.columns import UNKNOWN, Column
from backupviewer.core.fire_times import MissedRun
from backupviewer.core.records import Status
from backupviewer.table.history_table import CODED_COLUMNS, STATUSES, Cells, HistoryTable
from backupviewer.table.raw_rows import Bytes
from backupviewer.table.text_column import TextColumn

MISSED = STATUSES.index(Status.MISSED)


def missed_table(runs: Sequence[MissedRun]) -> HistoryTable:
    """A table with a row for each missed run: status Missed, started at its fire time, the
    schedule's name, content, folder and schedule, and why it counts as missed."""
    table = HistoryTable()
    if not runs:
        return table
    items = [run.schedule for run in runs]
    walls = [columns.wall_times([run.due], run.zone)[0] for run in runs]
    texts = {
        Column.STATUS: [columns.status_text(Status.MISSED, "")] * len(runs),
        Column.NAME: [item.name for item in items],
        Column.CONTENT: [item.content_labels for item in items],
        Column.SCHEDULE: [item.schedule_text for item in items],
        Column.FOLDER: [item.folder for item in items],
        Column.SCHEDULE_ID: [item.id for item in items],
        Column.MESSAGE: [missed.message(run.due, run.until, run.zone) for run in runs],
    }
    nothing = [""] * len(runs)
    table.append(
        Cells(
            status=[MISSED] * len(runs),
            started=[run.due for run in runs],
            finished=[UNKNOWN] * len(runs),
            duration=[UNKNOWN] * len(runs),
            zone_start=[run.zone for run in runs],
            zone_end=[None] * len(runs),
            flagged=[False] * len(runs),
            search=[f"\n{wall}\n\n" for wall in walls],
            ids=list(nothing),
            texts={c: TextColumn.of(texts.get(c, nothing)) for c in CODED_COLUMNS},
        )
    )
    rows = [
        orjson.dumps(missed.description(run.schedule, run.due, run.until, run.zone)) for run in runs
    ]
    source, starts, lengths = Bytes.joined(rows)
    table.raw.add(starts, lengths, source)
    return table


def with_missed(backups: HistoryTable, runs: Sequence[MissedRun]) -> HistoryTable:
    """The backups, then a row for each missed run (`backups` itself when there is none)."""
    if not runs:
        return backups
    table = HistoryTable()
    table.extend(backups)
    table.extend(missed_table(runs))
    return table

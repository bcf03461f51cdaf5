"""Tells about trouble that appears while the window is watching: every backup that failed
(scheduled or started by hand), a run that was missed – in the system tray where the desktop
has one, else in the status bar."""

from __future__ import annotations

import logging
import operator
from collections.abc import Callable, Iterator
from itertools import compress, count, repeat
from typing import cast

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QSystemTrayIcon

from backupviewer.core.columns import Column, wall_times
from backupviewer.core.records import Status
from backupviewer.core.words import translate
from backupviewer.health.snapshot import Snapshot
from backupviewer.history.table import TableRow
from backupviewer.qt.history_model import HistoryModel
from backupviewer.qt.plain_text import one_line, without_markup

logger = logging.getLogger(__name__)

_SCHEDULE_ID, _DUE, _LAST = map(operator.attrgetter, ("schedule.id", "due", "last"))
_TOLD_AT_ONCE = 5
"""New things told one by one after a load, at most; the rest in one notice."""
_REASON_CHARACTERS = 120  # of a failure's message in its notice


class Notifier(QObject):
    """Compares each health with the one before (in the same session) and tells what is new:
    every backup that failed (one that was running before, too), and missed runs – once for
    runs missed in a row, however long the row grows; a few one by one, the rest in one notice.
    The first health after signing in tells nothing (it is all on screen).

    Signals: ``noticed(text, key)`` for each new thing (key: the row's key, for `show_row`);
    ``show_row(key)`` when the user clicks a notification.
    """

    noticed = Signal(str, str)
    show_row = Signal(str)

    def __init__(
        self,
        model: HistoryModel,
        icon: QIcon,
        say: Callable[[str], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._model = model
        self._say = say
        self._known: set[str] | None = None
        self._missed: dict[str, int] = {}  # by schedule: the end of its newest missed runs
        self._looking = False  # (news looked for on the next turn of the event loop)
        self._last_key = ""
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(icon, self)
            self.tray.setToolTip("BackupViewer")
            self.tray.messageClicked.connect(self._on_tray_message_clicked)
            self.tray.show()
        model.snapshot_changed.connect(self._on_model_snapshot_changed)

    def forget(self) -> None:
        """A new session: what it shows at first is not news."""
        self._known = None

    def _on_model_snapshot_changed(self) -> None:
        # After the table and the health are shown, in a turn of the event loop of its own
        # (what thousands of missed runs cost comes apart from theirs): a timer, for Qt posts
        # a timer of 0 ms as an event, handled in the same turn as theirs.
        if not self._looking:
            self._looking = True
            QTimer.singleShot(1, self, self._look_for_news)

    def _look_for_news(self) -> None:
        self._looking = False
        snapshot = self._model.snapshot
        if snapshot.health is None:
            return
        found = _failed(snapshot)
        missed = snapshot.health.missed  # (newest first)
        ids = list(map(_SCHEDULE_ID, missed))
        dues = list(map(_DUE, missed))
        ends = list(map(max, dues, map(_LAST, missed)))
        known, self._missed = self._missed, dict(zip(reversed(ids), reversed(ends), strict=True))
        # New: what starts after the end of its schedule's newest missed runs known (a row
        # that grew, or whose start moved, is not news).
        after = map(operator.gt, dues, map(known.get, ids, repeat(-1)))
        fresh = list(compress(range(len(missed)), after))
        if self._known is None:
            self._known = set(found)
            return
        first = snapshot.backup_count
        news = [(key, _failure_words(snapshot, row))
                for key, row in found.items() if key not in self._known]  # fmt: skip
        self._known |= set(found)
        more = len(news) + len(fresh) - _TOLD_AT_ONCE
        told = max(0, _TOLD_AT_ONCE - len(news))
        news += [
            (snapshot.key(TableRow(first + index)), _missed_words(snapshot, index))
            for index in fresh[:told]
        ]
        for key, text in news[:_TOLD_AT_ONCE]:
            self._tell(text, key)
        if more > 0:
            key = (
                news[_TOLD_AT_ONCE][0]
                if len(news) > _TOLD_AT_ONCE
                else snapshot.key(TableRow(first + fresh[told]))
            )
            self._tell(
                translate("Notifier", "… and {count:,} more failed backups or missed runs.").format(
                    count=more
                ),
                key,
            )

    def _tell(self, text: str, key: str) -> None:
        logger.info("Noticed: %s", text)
        self.noticed.emit(text, key)
        self._last_key = key
        if self.tray is not None:
            self.tray.showMessage(
                "BackupViewer", without_markup(text), QSystemTrayIcon.MessageIcon.Warning, 15_000
            )
        else:
            self._say(one_line(text))

    def _on_tray_message_clicked(self) -> None:
        if self._last_key:
            self.show_row.emit(self._last_key)


def _failed(snapshot: Snapshot) -> dict[str, TableRow]:
    """Every failed backup's row by its id."""
    table = snapshot.table
    rows = cast("Iterator[TableRow]", compress(count(), table.having(Status.FAILED)))
    return {table.backup_id(row): row for row in rows}


def _failure_words(snapshot: Snapshot, row: TableRow) -> str:
    """What failed, when, and why (as far as a notice has room)."""
    table = snapshot.table
    name = table.value(row, Column.NAME)
    why = one_line(table.text(row, Column.MESSAGE))[:_REASON_CHARACTERS]
    if why:
        said = (
            translate("Notifier", "{name} failed at {time}: {reason}")
            if name
            else translate("Notifier", "A backup failed at {time}: {reason}")
        )
    else:
        said = (
            translate("Notifier", "{name} failed at {time}.")
            if name
            else translate("Notifier", "A backup failed at {time}.")
        )
    return said.format(name=name, time=table.wall_time(row), reason=why)


def _missed_words(snapshot: Snapshot, index: int) -> str:
    """What the health's missed run `index` (its row of the table) says."""
    row = TableRow(snapshot.backup_count + index)
    run = snapshot.missed_run(row)
    assert run is not None
    name = snapshot.table.value(row, Column.NAME)
    if run.count == 1:
        return (
            translate("Notifier", "{name} missed its run at {time}.")
            if name
            else translate("Notifier", "A schedule missed its run at {time}.")
        ).format(name=name, time=snapshot.table.wall_time(row))
    return (
        translate("Notifier", "{name} missed {count:,} runs in a row, {first} to {last}.")
        if name
        else translate("Notifier", "A schedule missed {count:,} runs in a row, {first} to {last}.")
    ).format(
        name=name,
        count=run.count,
        first=snapshot.table.wall_time(row),
        last=wall_times([run.final], run.zone)[0][:16],
    )

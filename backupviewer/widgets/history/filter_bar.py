"""The filters above the table: text to look for in any column, the period, and which
statuses to show (with how many there are of each).

Signals: ``text_changed(text)``; ``since_chosen(ms or None)``; ``status_chosen(StatusFilter)``;
``into_results()`` when Down or Enter in the filter box asks for the rows found;
``schedule_cleared()`` and ``day_cleared()`` when the chip of the schedule or the day chosen
elsewhere (the schedules panel, the strip) is clicked away.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal, SignalInstance
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from backupviewer.core.words import QT_TRANSLATE_NOOP, translate
from backupviewer.history.query import StatusFilter
from backupviewer.qt.plain_text import one_line, tip
from backupviewer.qt.status_icons import status_icon, warning_icon
from backupviewer.widgets import named

STATUS_CHOICES = {
    StatusFilter.ALL: QT_TRANSLATE_NOOP("FilterBar", "All statuses"),
    StatusFilter.ATTENTION: QT_TRANSLATE_NOOP("FilterBar", "Needs attention"),
    StatusFilter.FAILED: QT_TRANSLATE_NOOP("FilterBar", "Failed"),
    StatusFilter.MISSED: QT_TRANSLATE_NOOP("FilterBar", "Missed"),
    StatusFilter.RUNNING: QT_TRANSLATE_NOOP("FilterBar", "Running"),
    StatusFilter.SUCCEEDED: QT_TRANSLATE_NOOP("FilterBar", "Succeeded"),
    StatusFilter.UNKNOWN: QT_TRANSLATE_NOOP("FilterBar", "Unknown"),
}
"""The status filter's choices and their words (English: `translate` them where they are
shown), in the order the drop-down offers them."""

_HOUR_MS = 3_600_000
PERIODS = {
    QT_TRANSLATE_NOOP("FilterBar", "Any time"): None,
    QT_TRANSLATE_NOOP("FilterBar", "Last 24 hours"): 24 * _HOUR_MS,
    QT_TRANSLATE_NOOP("FilterBar", "Last 7 days"): 7 * 24 * _HOUR_MS,
    QT_TRANSLATE_NOOP("FilterBar", "Last 30 days"): 30 * 24 * _HOUR_MS,
}
"""The period choices (English words: `translate` them where they are shown): how far back
from now, None for the whole history."""
_INTO_RESULTS = (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter)


class FilterBar(QWidget):
    """The filter box (Esc clears it) and the status drop-down, side by side; `find_key`
    is the shortcut that brings the cursor into the box, named in its placeholder."""

    text_changed = Signal(str)
    since_chosen = Signal(object)
    status_chosen = Signal(object)
    server_chosen = Signal(object)  # a server's name, None for all
    into_results = Signal()
    schedule_cleared = Signal()
    day_cleared = Signal()

    def __init__(
        self,
        find_key: str,
        parent: QWidget | None = None,
        now_ms: Callable[[], int] = lambda: round(time.time() * 1000),
    ) -> None:
        super().__init__(parent)
        self._now_ms = now_ms
        self.edit = named(QLineEdit(), "filterEdit")
        self.edit.setPlaceholderText(
            translate("FilterBar", "Filter… ({shortcut})").format(shortcut=find_key)
            if find_key
            else translate("FilterBar", "Filter…")
        )
        self.edit.setClearButtonEnabled(True)
        self.edit.setToolTip(
            translate(
                "FilterBar",
                "Shows the backups with this text in any column, in any case (times as the "
                "server wrote them); Down or Enter goes to the rows found, Esc clears it",
            )
        )
        self.edit.installEventFilter(self)
        clear = QAction(translate("FilterBar", "Clear filter"), self.edit)
        clear.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        clear.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        clear.triggered.connect(self.edit.clear)
        self.edit.addAction(clear)
        self.status = named(QComboBox(), "statusFilter")
        for choice, word in STATUS_CHOICES.items():
            status, label = choice.status, translate("FilterBar", word)
            if choice is StatusFilter.ATTENTION:
                self.status.addItem(warning_icon(), label, choice)
            elif status is None:
                self.status.addItem(label, choice)
            else:
                self.status.addItem(status_icon(status), label, choice)
        self.status.setItemData(
            self.status.findData(StatusFilter.ATTENTION),
            translate(
                "FilterBar",
                "Failed backups, missed runs, slow backups, backups of a status the viewer does "
                "not know, and backups with fields it could not read",
            ),
            Qt.ItemDataRole.ToolTipRole,
        )
        self.status.setItemData(
            self.status.findData(StatusFilter.MISSED),
            translate("FilterBar", "Times a schedule was due and no backup started"),
            Qt.ItemDataRole.ToolTipRole,
        )
        self.status.setToolTip(
            translate(
                "FilterBar",
                "Show backups of one status only, or those that need a look; the numbers count "
                "the chosen period",
            )
        )
        self.status.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.period = named(QComboBox(), "periodFilter")
        for word, span in PERIODS.items():
            self.period.addItem(translate("FilterBar", word), span)
        self.period.setToolTip(
            translate("FilterBar", "Show the backups started in this period, up to now")
        )
        self.server = named(QComboBox(), "serverFilter")  # (all servers as one history)
        self.server.setToolTip(translate("FilterBar", "Show the backups of one server only"))
        self.server.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.server.setVisible(False)
        self.server.currentIndexChanged.connect(
            lambda: self.server_chosen.emit(self.server.currentData())
        )
        self.schedule_chip = _chip("scheduleChip", self.schedule_cleared)
        self.day_chip = _chip("dayChip", self.day_cleared)
        when = QLabel(translate("FilterBar", "&When:"))
        when.setBuddy(self.period)
        shows = QLabel(translate("FilterBar", "&Show:"))
        shows.setBuddy(self.status)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.schedule_chip)
        layout.addWidget(self.day_chip)
        layout.addWidget(self.server)
        layout.addWidget(when)
        layout.addWidget(self.period)
        layout.addWidget(shows)
        layout.addWidget(self.status)
        self.setTabOrder(self.edit, self.period)
        self.setTabOrder(self.period, self.status)
        self.edit.textChanged.connect(self.text_changed)
        self.period.currentIndexChanged.connect(self.choose_period)
        self.status.currentIndexChanged.connect(self._on_status_changed)

    def since(self) -> int | None:
        """The start of the chosen period (ms since the epoch) as of now; None: any time."""
        span = self.period.currentData()
        return None if span is None else self._now_ms() - int(span)

    def choose_period(self) -> None:
        """Say the chosen period's start again (it moves with the time: after a refresh)."""
        self.since_chosen.emit(self.since())

    def show_counts(self, counts: dict[StatusFilter, int]) -> None:
        """ "Failed (9)": each choice with how many rows it shows."""
        for index in range(self.status.count()):
            choice = self.status.itemData(index)
            if isinstance(choice, StatusFilter):
                count = counts.get(choice)
                label = translate("FilterBar", STATUS_CHOICES[choice])
                self.status.setItemText(
                    index,
                    label
                    if count is None
                    else translate("FilterBar", "{choice} ({count:,})").format(
                        choice=label, count=count
                    ),
                )

    def show_choices(self, schedule: str | None, day: str | None) -> None:
        """The filters chosen outside the bar, each as a chip that clears it (None: none)."""
        chips = (
            (
                self.schedule_chip,
                translate("FilterBar", "Schedule: {name}"),
                translate("FilterBar", "Only the rows of the schedule “{name}”: click for all"),
                schedule,
            ),
            (
                self.day_chip,
                translate("FilterBar", "Day: {name}"),
                translate("FilterBar", "Only the rows started on {name}: click for every day"),
                day,
            ),
        )
        for chip, words, explained, what in chips:
            chip.setVisible(what is not None)
            if what is not None:
                chip.setText(f"{words.format(name=one_line(what, _CHIP_CHARACTERS))}  ✕")
                chip.setToolTip(tip(explained.format(name=what)))

    def show_servers(self, names: list[str]) -> None:
        """Offer a choice of these servers (the one chosen kept while it is there)."""
        chosen = self.server.currentData()
        self.server.blockSignals(True)
        self.server.clear()
        self.server.addItem(translate("FilterBar", "All servers"), None)
        for name in names:
            self.server.addItem(name, name)
        found = self.server.findData(chosen) if chosen is not None else 0
        self.server.setCurrentIndex(max(found, 0))
        self.server.blockSignals(False)
        self.server.setVisible(bool(names))
        if chosen is not None and found < 0:  # (that server is gone)
            self.server_chosen.emit(None)

    def take_over(self, other: FilterBar) -> None:
        """Choose what `other` chose (the window made again in another language)."""
        self.edit.setText(other.edit.text())
        self.period.setCurrentIndex(other.period.currentIndex())
        self.status.setCurrentIndex(other.status.currentIndex())

    def clear(self) -> None:
        """Every filter back to showing all (a new session)."""
        self.edit.clear()
        self.period.setCurrentIndex(0)
        self.status.setCurrentIndex(0)
        self.server.setCurrentIndex(0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in _INTO_RESULTS
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            self.into_results.emit()
            return True
        return super().eventFilter(watched, event)

    def _on_status_changed(self) -> None:
        choice = self.status.currentData()
        if isinstance(choice, StatusFilter):
            self.status_chosen.emit(choice)


_CHIP_CHARACTERS = 30  # of a schedule's name on its chip (whole in the tooltip)
_CHIP_STYLE = (
    "QToolButton { border: 1px solid palette(mid); border-radius: 9px; padding: 1px 8px; }"
    "QToolButton:hover { background: palette(midlight); }"
)


def _chip(name: str, cleared: SignalInstance) -> QToolButton:
    """A rounded button that says a filter and clears it when clicked (hidden until set)."""
    chip = named(QToolButton(), name)
    chip.setStyleSheet(_CHIP_STYLE)
    chip.setCursor(Qt.CursorShape.PointingHandCursor)
    chip.clicked.connect(cleared)
    chip.setVisible(False)
    return chip

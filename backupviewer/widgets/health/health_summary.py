"""The health line above the table: the newest good backup and its age, what went wrong in
the window and what runs now – in words, with the icon and colour of the worst of it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from backupviewer.core.records import Status
from backupviewer.core.words import QT_TRANSLATE_NOOP, translate
from backupviewer.health.findings import Level
from backupviewer.health.snapshot import Snapshot, unjudged
from backupviewer.history.table import HistoryTable
from backupviewer.qt.plain_text import escape, short_words, tip
from backupviewer.qt.status_icons import status_color, status_icon, warning_icon
from backupviewer.widgets import named, rich

_WORDS = {
    Level.OK: QT_TRANSLATE_NOOP("HealthSummary", "Backups healthy."),
    Level.WARNING: QT_TRANSLATE_NOOP("HealthSummary", "Backups need a look."),
    Level.CRITICAL: QT_TRANSLATE_NOOP("HealthSummary", "Backups failing."),
    Level.UNKNOWN: QT_TRANSLATE_NOOP("HealthSummary", "Backups not judged."),
}


_TIP_LINES = 20
"""Schedules named one by one in the tooltip, at most (the others counted)."""


class HealthSummary(QWidget):
    """An icon and a sentence; a stripe on the left in the colour of the worst state."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("healthSummary")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.icon = QLabel()
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.label = rich(named(QLabel(), "healthText"))
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.icon)
        layout.addWidget(self.label, 1)
        self.level: Level | None = None
        self.show_health(unjudged(HistoryTable()))

    def show_health(self, snapshot: Snapshot, *, local: bool = False) -> None:
        """Say what the health of `snapshot` is (`local`: its times on this computer's
        clock); hidden while it is not judged."""
        self.setVisible(snapshot.health is not None)
        if snapshot.health is None:
            self.level = None
            return
        found = snapshot.verdict(_TIP_LINES, local=local)
        self.level = found.level
        icon = {
            Level.OK: status_icon(Status.SUCCEEDED),
            Level.WARNING: warning_icon(),
            Level.CRITICAL: status_icon(Status.FAILED),
        }.get(found.level, warning_icon())
        self.icon.setPixmap(icon.pixmap(18, 18))
        words = escape(short_words(found.sentence))
        level = translate("HealthSummary", _WORDS[found.level])
        self.label.setText(
            translate("HealthSummary", "<b>{level}</b> {sentence}").format(
                level=level, sentence=words
            )
        )
        self.setToolTip(
            tip(
                "\n".join((*found.lines, *found.notes))
                or translate("HealthSummary", "Every active schedule ran on time.")
            )
        )
        color = _stripe(found.level)
        self.setStyleSheet(f"#healthSummary {{ border-left: 4px solid {color.name()}; }}")


def _stripe(level: Level) -> QColor:
    if level is Level.CRITICAL:
        return status_color(Status.FAILED)
    if level is Level.WARNING:
        return QColor(212, 150, 20)
    return status_color(Status.SUCCEEDED)

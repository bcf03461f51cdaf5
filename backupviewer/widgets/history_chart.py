"""The history strip: a bar per day of the window, stacked by outcome, drawn with QPainter.

Failed and missed parts carry a pattern besides their colour (hatched, dotted), so the strip
reads without colour too. Hover says a day's counts; a click filters the table to that day, a
second click on it clears the filter.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from backupviewer.core.records import Status
from backupviewer.qt.status_icons import status_color
from backupviewer.table.health import DayCounts

_LAYERS = (  # bottom to top: what each bar stacks, its status colour and pattern
    ("succeeded", Status.SUCCEEDED, None),
    ("running", Status.RUNNING, None),
    ("other", Status.UNKNOWN, None),
    ("failed", Status.FAILED, Qt.BrushStyle.BDiagPattern),
    ("missed", Status.MISSED, Qt.BrushStyle.Dense6Pattern),
)
_HEIGHT = 64
_LABELS = 16  # room under the bars for the dates


class HistoryChart(QWidget):
    """Days of the window as stacked bars.

    Signals: ``day_chosen(DayCounts | None)`` when a bar is clicked (None: the chosen day was
    clicked again, or the days changed).
    """

    day_chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyChart")
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName("Backups per day")
        self.days: tuple[DayCounts, ...] = ()
        self.chosen: date | None = None

    def set_days(self, days: Sequence[DayCounts]) -> None:
        """Show these days; a chosen day still among them stays chosen."""
        self.days = tuple(days)
        if self.chosen is not None and all(d.day != self.chosen for d in self.days):
            self.chosen = None
            self.day_chosen.emit(None)
        self.setAccessibleDescription(self.summary())
        self.update()

    def summary(self) -> str:
        """The strip in words (for screen readers, and the tooltip off the bars)."""
        if not self.days:
            return "No days to show."
        total = sum(day.total for day in self.days)
        failed = sum(day.failed for day in self.days)
        missed = sum(day.missed for day in self.days)
        return (
            f"{len(self.days)} days from {self.days[0].day:%Y-%m-%d} to "
            f"{self.days[-1].day:%Y-%m-%d}: {total:,} runs, {failed:,} failed, {missed:,} missed."
        )

    def day_at(self, x: float) -> DayCounts | None:
        """The day whose bar is at `x` (None: none)."""
        if not self.days:
            return None
        step = self._bars().width() / len(self.days)
        index = int((x - self._bars().left()) // step)
        return self.days[index] if 0 <= index < len(self.days) else None

    def choose(self, day: DayCounts | None) -> None:
        """Choose `day` (None: none) as a click does."""
        self.chosen = None if day is None or day.day == self.chosen else day.day
        self.update()
        chosen = day if self.chosen is not None else None
        self.day_chosen.emit(chosen)

    # -- Qt ----------------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return QSize(600, _HEIGHT + _LABELS)

    def minimumSizeHint(self) -> QSize:
        return QSize(120, _HEIGHT + _LABELS)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        day = self.day_at(event.position().x())
        text = _day_words(day) if day is not None else self.summary()
        QToolTip.showText(event.globalPosition().toPoint(), text, self)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            day = self.day_at(event.position().x())
            if day is not None:
                self.choose(day)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        palette = self.palette()
        area = self._bars()
        text = palette.windowText().color()
        faint = QColor(text)
        faint.setAlpha(60)
        painter.setPen(QPen(faint))
        painter.drawLine(area.bottomLeft(), area.bottomRight())
        if not self.days:
            painter.setPen(palette.placeholderText().color())
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, "No backups in the window yet.")
            painter.end()
            return
        most = max(max(day.total for day in self.days), 1)
        step = area.width() / len(self.days)
        gap = min(2.0, step / 4)
        for index, day in enumerate(self.days):
            left = area.left() + index * step
            self._bar(painter, day, QRectF(left + gap / 2, area.top(), step - gap, area.height()),
                      most)  # fmt: skip
            if day.day == self.chosen:
                painter.setPen(QPen(palette.highlight().color(), 2))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(QRectF(left, area.top() - 1, step, area.height() + 2))
        self._labels(painter, area, most, text)
        painter.end()

    # -- drawing ---------------------------------------------------------------------------

    def _bars(self) -> QRectF:
        return QRectF(self.rect()).adjusted(2, 4, -2, -_LABELS)

    def _bar(self, painter: QPainter, day: DayCounts, box: QRectF, most: int) -> None:
        bottom = box.bottom()
        for name, status, pattern in _LAYERS:
            count = getattr(day, name)
            if not count:
                continue
            height = max(2.0, box.height() * count / most)
            part = QRectF(box.left(), bottom - height, box.width(), height)
            color = status_color(status)
            painter.fillRect(part, color)
            if pattern is not None:
                painter.fillRect(part, QBrush(QColor(255, 255, 255, 170), pattern))
            bottom -= height

    def _labels(self, painter: QPainter, area: QRectF, most: int, color: QColor) -> None:
        """The first and last day at the ends; in the middle a legend (each colour with its
        pattern and word) and the tallest bar's count."""
        painter.setPen(color)
        font = painter.font()
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.85))
        painter.setFont(font)
        below = QRectF(area.left(), area.bottom() + 1, area.width(), _LABELS - 1)
        first, last = self.days[0].day, self.days[-1].day
        painter.drawText(below, Qt.AlignmentFlag.AlignLeft, f"{first:%b %d}")
        painter.drawText(below, Qt.AlignmentFlag.AlignRight, f"{last:%b %d}")
        metrics = painter.fontMetrics()
        entries = [(name, status, pattern) for name, status, pattern in _LAYERS if name != "other"]
        words = [f"{name}" for name, _, _ in entries] + [f"tallest: {most:,}"]
        swatch = metrics.height() * 0.7
        width = sum(metrics.horizontalAdvance(w) for w in words) + len(entries) * (swatch + 4)
        x = below.center().x() - (width + 14 * (len(words) - 1)) / 2
        for (_, status, pattern), word in zip(entries, words, strict=False):
            box = QRectF(x, below.center().y() - swatch / 2, swatch, swatch)
            painter.fillRect(box, status_color(status))
            if pattern is not None:
                painter.fillRect(box, QBrush(QColor(255, 255, 255, 170), pattern))
            x += swatch + 4
            painter.drawText(QPointF(x, below.center().y() + metrics.ascent() / 2 - 1), word)
            x += metrics.horizontalAdvance(word) + 14
        painter.drawText(QPointF(x, below.center().y() + metrics.ascent() / 2 - 1), words[-1])


def _day_words(day: DayCounts) -> str:
    counts = [f"{getattr(day, name):,} {name}" for name, _, _ in _LAYERS if getattr(day, name)]
    said = ", ".join(counts) if counts else "no backups"
    return f"{day.day:%A, %Y-%m-%d}: {said}\nClick to show only this day; click again for all."

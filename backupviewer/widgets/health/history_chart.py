"""The history strip: a bar per day of the window, stacked by outcome, drawn with QPainter.

Failed and missed parts carry a pattern besides their colour (hatched, dotted), so the strip
reads without colour too, and never shrink below a third of a bar's height: one busy day sets
the scale, and a failure beside it must not become a sliver. Hover says a day's counts; a
click filters the table to that day, a second click on it clears the filter.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from backupviewer.core.records import Status
from backupviewer.core.words import QT_TRANSLATE_NOOP, translate
from backupviewer.health.findings import DayCounts
from backupviewer.qt.status_icons import status_color

_LAYERS = (  # bottom to top: what each bar stacks, its status colour and pattern
    ("succeeded", Status.SUCCEEDED, None),
    ("running", Status.RUNNING, None),
    ("other", Status.UNKNOWN, None),
    ("failed", Status.FAILED, Qt.BrushStyle.BDiagPattern),
    ("missed", Status.MISSED, Qt.BrushStyle.Dense6Pattern),
)
_WORDS = {  # a layer's word in the legend, and its count in a day's words
    "succeeded": QT_TRANSLATE_NOOP("HistoryChart", "succeeded"),
    "running": QT_TRANSLATE_NOOP("HistoryChart", "running"),
    "failed": QT_TRANSLATE_NOOP("HistoryChart", "failed"),
    "missed": QT_TRANSLATE_NOOP("HistoryChart", "missed"),
}
_COUNTS = {
    "succeeded": QT_TRANSLATE_NOOP("HistoryChart", "{count:,} succeeded"),
    "running": QT_TRANSLATE_NOOP("HistoryChart", "{count:,} running"),
    "other": QT_TRANSLATE_NOOP("HistoryChart", "{count:,} other"),
    "failed": QT_TRANSLATE_NOOP("HistoryChart", "{count:,} failed"),
    "missed": QT_TRANSLATE_NOOP("HistoryChart", "{count:,} missed"),
}
_MONTHS = (  # as %b writes them (the C locale's), in the interface's language
    QT_TRANSLATE_NOOP("HistoryChart", "Jan"),
    QT_TRANSLATE_NOOP("HistoryChart", "Feb"),
    QT_TRANSLATE_NOOP("HistoryChart", "Mar"),
    QT_TRANSLATE_NOOP("HistoryChart", "Apr"),
    QT_TRANSLATE_NOOP("HistoryChart", "May"),
    QT_TRANSLATE_NOOP("HistoryChart", "Jun"),
    QT_TRANSLATE_NOOP("HistoryChart", "Jul"),
    QT_TRANSLATE_NOOP("HistoryChart", "Aug"),
    QT_TRANSLATE_NOOP("HistoryChart", "Sep"),
    QT_TRANSLATE_NOOP("HistoryChart", "Oct"),
    QT_TRANSLATE_NOOP("HistoryChart", "Nov"),
    QT_TRANSLATE_NOOP("HistoryChart", "Dec"),
)
_WEEKDAYS = (  # as %A writes them (the C locale's), in the interface's language
    QT_TRANSLATE_NOOP("HistoryChart", "Monday"),
    QT_TRANSLATE_NOOP("HistoryChart", "Tuesday"),
    QT_TRANSLATE_NOOP("HistoryChart", "Wednesday"),
    QT_TRANSLATE_NOOP("HistoryChart", "Thursday"),
    QT_TRANSLATE_NOOP("HistoryChart", "Friday"),
    QT_TRANSLATE_NOOP("HistoryChart", "Saturday"),
    QT_TRANSLATE_NOOP("HistoryChart", "Sunday"),
)
_HEIGHT = 64
_LABELS = 16  # room under the bars for the dates
TROUBLE = frozenset({"failed", "missed"})
TROUBLE_SHARE = 0.35
"""The share of a bar's height that its failed and missed parts take at least, together."""
_THINNEST = 2.0  # pixels of any part that has a count


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
        self.setAccessibleName(translate("HistoryChart", "Backups per day"))
        self.days: tuple[DayCounts, ...] = ()
        self.chosen: date | None = None
        self.placeholder = ""

    def set_days(self, days: Sequence[DayCounts]) -> None:
        """Show these days; a chosen day still among them stays chosen."""
        self.days = tuple(days)
        if self.chosen is not None and all(d.day != self.chosen for d in self.days):
            self.chosen = None
            self.day_chosen.emit(None)
        self.setAccessibleDescription(self.summary())
        self.update()

    def set_placeholder(self, text: str) -> None:
        """What the strip says while it has no days (loading, or why nothing was loaded)."""
        if text != self.placeholder:
            self.placeholder = text
            self.update()

    def summary(self) -> str:
        """The strip in words (for screen readers, and the tooltip off the bars)."""
        if not self.days:
            return translate("HistoryChart", "No days to show.")
        return translate(
            "HistoryChart",
            "{days} days from {first} to {last}: {total:,} runs, {failed:,} failed, "
            "{missed:,} missed.",
        ).format(
            days=len(self.days),
            first=f"{self.days[0].day:%Y-%m-%d}",
            last=f"{self.days[-1].day:%Y-%m-%d}",
            total=sum(day.total for day in self.days),
            failed=sum(day.failed for day in self.days),
            missed=sum(day.missed for day in self.days),
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
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, self.placeholder)
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
        parts = dict(segments(day, most, box.height()))
        for name, status, pattern in _LAYERS:
            height = parts.get(name)
            if not height:
                continue
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
        painter.drawText(below, Qt.AlignmentFlag.AlignLeft, _short_date(first))
        painter.drawText(below, Qt.AlignmentFlag.AlignRight, _short_date(last))
        metrics = painter.fontMetrics()
        entries = [(name, status, pattern) for name, status, pattern in _LAYERS if name != "other"]
        tallest = translate("HistoryChart", "tallest: {most:,}").format(most=most)
        words = [translate("HistoryChart", _WORDS[name]) for name, _, _ in entries] + [tallest]
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


def segments(day: DayCounts, most: int, height: float) -> list[tuple[str, float]]:
    """The height of each part of `day`'s bar, bottom to top, on a scale where `most` runs
    fill `height`; failed and missed parts take at least `TROUBLE_SHARE` of it together, the
    others shrink to make room."""
    counts = [(name, getattr(day, name)) for name, _, _ in _LAYERS if getattr(day, name)]
    sized = [(name, max(_THINNEST, height * count / max(most, 1))) for name, count in counts]
    trouble = [name for name, _ in counts if name in TROUBLE]
    if not trouble:
        return sized
    least = height * TROUBLE_SHARE / len(trouble)
    sized = [(name, max(size, least) if name in TROUBLE else size) for name, size in sized]
    room = height - sum(size for name, size in sized if name in TROUBLE)
    others = sum(size for name, size in sized if name not in TROUBLE)
    if others > room > 0:
        shrink = room / others
        sized = [
            (name, size if name in TROUBLE else max(_THINNEST, size * shrink))
            for name, size in sized
        ]
    return sized


def _day_words(day: DayCounts) -> str:
    counts = [
        translate("HistoryChart", _COUNTS[name]).format(count=getattr(day, name))
        for name, _, _ in _LAYERS
        if getattr(day, name)
    ]
    said = translate("HistoryChart", ", ").join(counts) or translate("HistoryChart", "no backups")
    return translate(
        "HistoryChart",
        "{weekday}, {date}: {counts}\nClick to show only this day; click again for all.",
    ).format(
        weekday=translate("HistoryChart", _WEEKDAYS[day.day.weekday()]),
        date=f"{day.day:%Y-%m-%d}",
        counts=said,
    )


def _short_date(day: date) -> str:
    """``Mar 5``: a month and day under the bars."""
    month = translate("HistoryChart", _MONTHS[day.month - 1])
    return translate("HistoryChart", "{month} {day}").format(month=month, day=day.day)

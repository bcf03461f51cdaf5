"""Icons drawn with QPainter: a shape per status, so colour is never the only cue, a mark
for slow backups, and a drop-down arrow in the text colour of the theme."""

from __future__ import annotations

import math
from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

from backupviewer.core.records import Status

SPINNER_FRAMES = 8
_SIZES = (16, 20, 24, 32, 40, 48, 64)
# Mid-tone colours that read on light and dark backgrounds alike.
_GREEN = QColor(46, 160, 67)
_RED = QColor(218, 54, 51)
_BLUE = QColor(47, 129, 247)
_GREY = QColor(128, 128, 128)
_AMBER = QColor(212, 150, 20)
_VIOLET = QColor(137, 87, 229)
_WHITE = QColor(255, 255, 255)
_TRACK = QColor(170, 178, 189)  # the spinner's ring: visible on white, dark and selection blue


def status_icon(status: Status, frame: int = 0) -> QIcon:
    """Check in a green disc, cross in a red octagon, a turning arc, a grey "?" diamond, or
    for a missed run a violet dashed ring around clock hands (an empty slot in time)."""
    return _icon(status, frame % SPINNER_FRAMES if status is Status.RUNNING else 0)


def status_color(status: Status) -> QColor:
    """The colour of a status's icon (mid-tones that read on light and dark alike)."""
    return QColor(_COLORS.get(status, _GREY))


def warning_icon() -> QIcon:
    """An amber triangle with "!": the row has fields the viewer could not read."""
    return _icon(None, 0)


def slow_icon() -> QIcon:
    """An amber hourglass: the backup took much longer than its schedule's usual."""
    return _icon(None, _SLOW)


def down_arrow_icon(color: QColor) -> QIcon:
    """A chevron pointing down, drawn in `color` (the palette's text colour reads on light
    and dark themes alike, unlike a style's fixed arrow)."""
    return _arrow_icon(color.rgba())


@cache
def _arrow_icon(rgba: int) -> QIcon:
    icon = QIcon()
    for size in _SIZES:
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        _stroke(painter, QColor.fromRgba(rgba), max(1.5, size / 9))
        middle, half = size / 2, size * 0.22
        painter.drawPolyline(
            QPolygonF(
                [
                    QPointF(middle - half, middle - half / 2),
                    QPointF(middle, middle + half / 2),
                    QPointF(middle + half, middle - half / 2),
                ]
            )
        )
        painter.end()
        icon.addPixmap(pixmap)
    return icon


@cache
def _icon(status: Status | None, frame: int) -> QIcon:
    icon = QIcon()
    for size in _SIZES:
        icon.addPixmap(_pixmap(status, frame, size))
    return icon


def _pixmap(status: Status | None, frame: int, size: int) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    box = QRectF(0, 0, size, size).adjusted(size * 0.06, size * 0.06, -size * 0.06, -size * 0.06)
    if status is Status.SUCCEEDED:
        _succeeded(painter, box)
    elif status is Status.FAILED:
        _failed(painter, box)
    elif status is Status.RUNNING:
        _running(painter, box, frame)
    elif status is Status.UNKNOWN:
        _unknown(painter, box)
    elif status is Status.MISSED:
        _missed(painter, box)
    elif frame == _SLOW:
        _hourglass(painter, box)
    else:
        _warning(painter, box)
    painter.end()
    return pixmap


_SLOW = -1  # (the frame number that asks _icon for the hourglass)
_COLORS = {
    Status.SUCCEEDED: _GREEN,
    Status.FAILED: _RED,
    Status.RUNNING: _BLUE,
    Status.UNKNOWN: _GREY,
    Status.MISSED: _VIOLET,
}


def _stroke(painter: QPainter, color: QColor, width: float) -> None:
    pen = QPen(color, width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)


def _succeeded(painter: QPainter, box: QRectF) -> None:
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(_GREEN)
    painter.drawEllipse(box)
    _stroke(painter, _WHITE, box.width() * 0.14)
    w, x, y = box.width(), box.x(), box.y()
    check = QPainterPath(QPointF(x + w * 0.27, y + w * 0.52))
    check.lineTo(x + w * 0.44, y + w * 0.69)
    check.lineTo(x + w * 0.74, y + w * 0.34)
    painter.drawPath(check)


def _failed(painter: QPainter, box: QRectF) -> None:
    centre, radius = box.center(), box.width() / 2
    octagon = QPolygonF(
        [
            centre + QPointF(radius * math.cos(a), radius * math.sin(a))
            for a in (math.pi / 8 + k * math.pi / 4 for k in range(8))
        ]
    )
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(_RED)
    painter.drawPolygon(octagon)
    _stroke(painter, _WHITE, box.width() * 0.14)
    d = box.width() * 0.2
    painter.drawLine(centre + QPointF(-d, -d), centre + QPointF(d, d))
    painter.drawLine(centre + QPointF(-d, d), centre + QPointF(d, -d))


def _running(painter: QPainter, box: QRectF, frame: int) -> None:
    ring = box.adjusted(
        box.width() * 0.1, box.width() * 0.1, -box.width() * 0.1, -box.width() * 0.1
    )
    _stroke(painter, _TRACK, box.width() * 0.16)
    painter.drawEllipse(ring)
    _stroke(painter, _BLUE, box.width() * 0.16)
    start = 90 * 16 - frame * (360 * 16 // SPINNER_FRAMES)
    painter.drawArc(ring, start, -120 * 16)


def _unknown(painter: QPainter, box: QRectF) -> None:
    centre, radius = box.center(), box.width() / 2
    diamond = QPolygonF(
        [
            centre + QPointF(0, -radius),
            centre + QPointF(radius, 0),
            centre + QPointF(0, radius),
            centre + QPointF(-radius, 0),
        ]
    )
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(_GREY)
    painter.drawPolygon(diamond)
    _glyph(painter, box, "?")


def _missed(painter: QPainter, box: QRectF) -> None:
    inset = box.width() * 0.08
    ring = box.adjusted(inset, inset, -inset, -inset)
    pen = QPen(_VIOLET, box.width() * 0.14)
    pen.setDashPattern([1.6, 1.1])
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawEllipse(ring)
    _stroke(painter, _VIOLET, box.width() * 0.12)
    centre, w = box.center(), box.width()
    painter.drawLine(centre, centre + QPointF(0, -w * 0.24))
    painter.drawLine(centre, centre + QPointF(w * 0.18, w * 0.1))


def _hourglass(painter: QPainter, box: QRectF) -> None:
    w, x, y = box.width(), box.x(), box.y()
    glass = QPolygonF(
        [
            QPointF(x + w * 0.2, y + w * 0.08),
            QPointF(x + w * 0.8, y + w * 0.08),
            QPointF(x + w * 0.54, y + w * 0.5),
            QPointF(x + w * 0.8, y + w * 0.92),
            QPointF(x + w * 0.2, y + w * 0.92),
            QPointF(x + w * 0.46, y + w * 0.5),
        ]
    )
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(_AMBER)
    painter.drawPolygon(glass)
    _stroke(painter, _AMBER, w * 0.1)
    painter.drawLine(QPointF(x + w * 0.12, y + w * 0.06), QPointF(x + w * 0.88, y + w * 0.06))
    painter.drawLine(QPointF(x + w * 0.12, y + w * 0.94), QPointF(x + w * 0.88, y + w * 0.94))


def _warning(painter: QPainter, box: QRectF) -> None:
    triangle = QPolygonF(
        [
            QPointF(box.center().x(), box.top()),
            box.bottomRight(),
            box.bottomLeft(),
        ]
    )
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(_AMBER)
    painter.drawPolygon(triangle)
    _glyph(painter, box.adjusted(0, box.height() * 0.15, 0, 0), "!")


def _glyph(painter: QPainter, box: QRectF, text: str) -> None:
    font = painter.font()
    font.setBold(True)
    font.setPixelSize(max(6, round(box.height() * 0.6)))
    painter.setFont(font)
    painter.setPen(_WHITE)
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

"""What the window's tables share: whole rows, quiet lines, and a word when they are empty."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QStyleOptionHeader,
    QTableView,
    QWidget,
)

FIT_MAX = 280
"""A column fitted to its content is never wider than this."""
_FIT_PADDING = 12
"""Room between a fitted column's longest text and the next column."""
_FIT_ROWS = 100
"""How many rows fitting measures: a few screens (a model answers some ten roles a cell, and a
server may list 27,000 schedules)."""


class PlainTable(QTableView):
    """A table of whole rows (selected as rows, alternating colours, no grid, one line a row,
    Tab leaves it) that draws `placeholder` – why it is empty – while it has no row."""

    def __init__(self, margin: int = 24, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.placeholder = ""
        self._margin = margin
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setShowGrid(False)
        self.setTabKeyNavigation(False)
        rows = self.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setResizeContentsPrecision(_FIT_ROWS)
        self._arrows = _SortArrows()  # (kept: a widget does not own its style)
        self._arrows.setParent(header)
        header.setStyle(self._arrows)

    def fit_to_content(self, columns: Iterable[int]) -> None:
        """`columns` as wide as their texts (measured over the first `_FIT_ROWS` rows), never
        wider than `FIT_MAX`, never narrower than their titles."""
        header = self.horizontalHeader()
        for column in columns:
            fitted = min(self.sizeHintForColumn(column) + _FIT_PADDING, FIT_MAX)
            header.resizeSection(column, max(fitted, header.sectionSizeHint(column)))

    def set_placeholder(self, text: str) -> None:
        """What the empty table says (drawn only while it has no rows)."""
        if text != self.placeholder:
            self.placeholder = text
            self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        if self.placeholder and model is not None and model.rowCount() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().placeholderText().color())
            margin = self._margin
            area = self.viewport().rect().adjusted(margin, margin // 2, -margin, -margin // 2)
            flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
            painter.drawText(area, int(flags) | int(Qt.TextFlag.TextWordWrap), self.placeholder)
            painter.end()


class _SortArrows(QProxyStyle):
    """The application's style with the header's sort arrow pointing the way the rows go:
    ▼ for newest (largest) first, ▲ for oldest first – Qt draws them the other way round."""

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if element == QStyle.PrimitiveElement.PE_IndicatorHeaderArrow and isinstance(
            option, QStyleOptionHeader
        ):
            flipped = QStyleOptionHeader(option)
            indicator = QStyleOptionHeader.SortIndicator
            flipped.sortIndicator = {
                indicator.SortUp: indicator.SortDown,
                indicator.SortDown: indicator.SortUp,
            }.get(option.sortIndicator, option.sortIndicator)
            option = flipped
        super().drawPrimitive(element, option, painter, widget)

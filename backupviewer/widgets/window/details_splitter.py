"""The tables beside the details pane: the pane is there while it is wanted and has a backup
to show; an empty one gives its room to the tables and comes back as wide as it was."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtWidgets import QSplitter, QWidget

PANE_WIDTH = 380
"""The details pane's width until the user chooses another."""
_WIDTH_KEY = "mainWindow/detailsWidth"
_OLD_KEY = "mainWindow/splitter"  # the splitter's state, as older versions kept it


class DetailsSplitter(QSplitter):
    """`tables` on the left, `pane` on the right (hidden until `place` shows it)."""

    def __init__(self, tables: QWidget, pane: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setObjectName("mainSplitter")
        self._pane = pane
        self.addWidget(tables)
        self.addWidget(pane)
        self.setStretchFactor(0, 3)
        self.setStretchFactor(1, 1)
        self.setCollapsible(0, False)
        self.setSizes([900, PANE_WIDTH])
        self.pane_width = PANE_WIDTH
        pane.setVisible(False)  # until it has a backup to show

    def place(self, wanted: bool) -> None:
        """Show the pane (as wide as it was last) or give its room to the tables."""
        if wanted == self._pane.isVisibleTo(self):
            return
        if wanted:
            self._pane.setVisible(True)
            total = sum(self.sizes()) or self.width()
            self.setSizes([max(total - self.pane_width, 1), self.pane_width])
        else:
            self.pane_width = self.sizes()[1] or self.pane_width
            self._pane.setVisible(False)

    def save(self, settings: QSettings) -> None:
        if self._pane.isVisibleTo(self):
            self.pane_width = self.sizes()[1] or self.pane_width
        settings.setValue(_WIDTH_KEY, self.pane_width)

    def restore(self, settings: QSettings) -> None:
        """The pane's width as saved (read once from an older version's splitter state)."""
        old = settings.value(_OLD_KEY)
        if isinstance(old, QByteArray | bytes) and self.restoreState(old) and self.sizes()[1]:
            self.pane_width = self.sizes()[1]
            self._pane.setVisible(False)
        width = str(settings.value(_WIDTH_KEY) or "")
        if width.isdigit() and int(width) > 0:
            self.pane_width = int(width)

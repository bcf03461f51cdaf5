"""The health check's settings: how far back to look, how late a backup may start, how much
longer than usual is slow."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from backupviewer.core.columns import MS_PER_DAY
from backupviewer.core.words import translate
from backupviewer.health.findings import HealthSettings
from backupviewer.widgets import named


class HealthSettingsDialog(QDialog):
    """Edits `HealthSettings`.

    Signals: ``chosen(HealthSettings)`` when OK is pressed.
    """

    chosen = Signal(object)

    def __init__(self, settings: HealthSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("healthSettings")
        self.setWindowTitle(translate("HealthSettings", "Health check"))
        intro = QLabel(
            translate(
                "HealthSettings",
                "Missed, failed and slow runs are looked for in a window of days back from now. A "
                "scheduled run counts as missed when no backup started from a minute before its "
                "time until the tolerance after it.",
            )
        )
        intro.setWordWrap(True)
        self.window_days = named(QSpinBox(), "windowDays")
        self.window_days.setRange(1, 3660)
        self.window_days.setSuffix(translate("HealthSettings", " days"))
        self.window_days.setValue(max(1, round(settings.window_ms / MS_PER_DAY)))
        self.tolerance = named(QSpinBox(), "toleranceMinutes")
        self.tolerance.setRange(1, 1440)
        self.tolerance.setSuffix(translate("HealthSettings", " minutes"))
        self.tolerance.setValue(max(1, round(settings.tolerance_ms / 60_000)))
        self.slow_factor = named(QDoubleSpinBox(), "slowFactor")
        self.slow_factor.setRange(1.1, 100)
        self.slow_factor.setDecimals(1)
        self.slow_factor.setSingleStep(0.5)
        self.slow_factor.setSuffix(translate("HealthSettings", " × usual"))
        self.slow_factor.setValue(settings.slow_factor)
        self.slow_factor.setToolTip(
            translate(
                "HealthSettings",
                "Slow: longer than this many times the 90th percentile of the schedule's last "
                "1,000 successful runs before it (once there were 10), and a minute more",
            )
        )
        form = QFormLayout()
        form.addRow(translate("HealthSettings", "&Window:"), self.window_days)
        form.addRow(translate("HealthSettings", "&Tolerance:"), self.tolerance)
        form.addRow(translate("HealthSettings", "&Slow after:"), self.slow_factor)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def settings(self) -> HealthSettings:
        """What the fields say."""
        return HealthSettings(
            self.window_days.value() * MS_PER_DAY,
            self.tolerance.value() * 60_000,
            round(self.slow_factor.value(), 1),
        )

    def accept(self) -> None:
        self.chosen.emit(self.settings())
        super().accept()

"""The main window's status bar: how many backups are shown, loading, auto-refresh, when the
list was refreshed, and who is signed in where."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

from PySide6.QtCore import QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QWidget

from backupviewer.core.durations import ago_text
from backupviewer.core.schedule.trigger import offset_text
from backupviewer.core.words import translate
from backupviewer.qt.plain_text import escape, one_line, short_words, tip
from backupviewer.widgets import named, plain, rich

_EXPORTED_MS = 60_000
"""How long "Exported … Open folder" stays."""
_NAME_CHARACTERS = 40
"""The user's name in the status bar is cut after this many characters (whole in its tooltip)."""
_TICK_MS = 20_000
"""How often "Refreshed 5 min ago" is brought up to date."""


class StatusBar(QStatusBar):
    """Counts and loading on the left, refresh time and session on the right."""

    def __init__(
        self, clock: Callable[[], datetime] | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._clock = clock or (lambda: datetime.now().astimezone())
        self._refreshed: datetime | None = None
        self._failed = False  # the last refresh failed: the list is older than it
        self._ticker = QTimer(self)
        self._ticker.setInterval(_TICK_MS)
        self._ticker.timeout.connect(self._show_refreshed_age)
        self.count_label = plain(named(QLabel(), "countLabel"))
        self.busy_bar = named(QProgressBar(), "busyBar")
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setMaximumWidth(120)
        self.busy_bar.setMaximumHeight(12)
        self.busy_bar.setVisible(False)
        self.busy_label = plain(named(QLabel(), "busyLabel"))
        self.auto_label = plain(named(QLabel(), "autoRefreshLabel"))
        self.refreshed_label = plain(named(QLabel(), "refreshedLabel"))
        self.user_label = plain(named(QLabel(), "userLabel"))
        self.export_label = rich(named(QLabel(), "exportLabel"))
        self.export_label.setVisible(False)
        self.export_label.linkActivated.connect(self._on_export_label_link_activated)
        self._export_timer = QTimer(self)
        self._export_timer.setSingleShot(True)
        self._export_timer.setInterval(_EXPORTED_MS)
        self._export_timer.timeout.connect(self.export_label.hide)
        for label in (self.count_label, self.busy_label, self.auto_label, self.refreshed_label,
                      self.user_label):  # fmt: skip
            label.setContentsMargins(6, 0, 6, 0)
        self.addWidget(self.count_label)
        self.addWidget(self.busy_bar)
        self.addWidget(self.busy_label)
        self.addWidget(self.auto_label)
        self.addWidget(self.export_label)
        self.addPermanentWidget(self.refreshed_label)
        self.addPermanentWidget(self.user_label)

    def show_counts(
        self, shown: int, total: int, *, loaded: bool, missed: tuple[int, int] = (0, 0)
    ) -> None:
        """ "12 of 1,501 backups", then the missed runs shown of all (never counted as
        backups): " · 2 of 3 missed runs"; "No backups" once an empty history has loaded;
        nothing before (the busy label says why)."""
        if total:
            text = (
                translate("StatusBar", "{shown:,} of {total:,} backup")
                if total == 1
                else translate("StatusBar", "{shown:,} of {total:,} backups")
            ).format(shown=shown, total=total)
        else:
            text = translate("StatusBar", "No backups") if loaded else ""
        missed_shown, missed_total = missed
        if missed_total:
            if missed_shown == missed_total:
                part = (
                    translate("StatusBar", "{total:,} missed run")
                    if missed_total == 1
                    else translate("StatusBar", "{total:,} missed runs")
                )
            else:
                part = (
                    translate("StatusBar", "{shown:,} of {total:,} missed run")
                    if missed_total == 1
                    else translate("StatusBar", "{shown:,} of {total:,} missed runs")
                )
            part = part.format(shown=missed_shown, total=missed_total)
            text = f"{text} · {part}" if text else part
        self.count_label.setText(text)
        self.count_label.setVisible(bool(text))

    def show_busy(self, busy: bool, text: str = "") -> None:
        """While loading: a moving bar and what is going on."""
        if text:
            self.busy_label.setText(text)
        self.busy_bar.setVisible(busy)
        self.busy_label.setVisible(busy)

    def show_progress(self, text: str) -> None:
        self.busy_label.setText(text)

    def show_refreshed(self, moment: datetime) -> None:
        """ "Refreshed 5 min ago" (kept up to date); the time itself in the tooltip, on this
        computer's clock and saying so."""
        self._refreshed = moment.astimezone()
        self._failed = False
        self._show_refreshed_age()
        self._ticker.start()

    def show_refresh_failed(self) -> None:
        """A refresh failed: the list is the one loaded before, and says how old it is."""
        if self._refreshed is not None:
            self._failed = True
            self._show_refreshed_age()

    def _show_refreshed_age(self) -> None:
        if self._refreshed is None:
            return
        age = round((self._clock() - self._refreshed).total_seconds() * 1000)
        loaded = translate(
            "StatusBar",
            "The list was loaded on {date} at {time}, this computer's clock ({offset}).",
        ).format(
            date=f"{self._refreshed:%Y-%m-%d}",
            time=f"{self._refreshed:%H:%M:%S}",
            offset=offset_text(timezone(self._refreshed.utcoffset() or timedelta(0))),
        )
        if self._failed:
            text = translate("StatusBar", "Refresh failed · list from {ago}")
            failed = translate("StatusBar", "The last refresh failed (see the message above).")
            loaded = f"{failed}\n{loaded}"
        else:
            text = translate("StatusBar", "Refreshed {ago}")
        self.refreshed_label.setText(text.format(ago=ago_text(age)))
        self.refreshed_label.setToolTip(tip(loaded))

    def show_exported(self, text: str, path: Path) -> None:
        """What an export wrote, with a link that opens the folder it is in (for a minute)."""
        folder = QUrl.fromLocalFile(str(path.absolute().parent)).toString()
        self.export_label.setText(
            translate("StatusBar", "{what} · <a href='{folder}'>Open folder</a>").format(
                what=escape(short_words(text)), folder=html.escape(folder)
            )
        )
        self.export_label.setToolTip(
            tip(
                translate("StatusBar", "Open {folder} in the file manager").format(
                    folder=path.absolute().parent
                )
            )
        )
        self.export_label.show()
        self._export_timer.start()

    def _on_export_label_link_activated(self, link: str) -> None:
        QDesktopServices.openUrl(QUrl(link))

    def show_auto_refresh(self, text: str) -> None:
        self.auto_label.setText(text)

    def clear_session(self) -> None:
        """Signed out: no refresh time, no user, no running backup of the old session."""
        self._refreshed = None
        self._failed = False
        self._ticker.stop()
        self.export_label.hide()
        for label in (self.refreshed_label, self.user_label, self.auto_label):
            label.clear()
            label.setToolTip("")
        self.show_busy(False)

    def show_session(self, user: str, server: str) -> None:
        """Who is signed in where (the user's name as the server gave it, cut to a line)."""
        self.user_label.setText(
            translate("StatusBar", "{user} on {server}").format(
                user=one_line(user, _NAME_CHARACTERS), server=one_line(server)
            )
        )
        self.user_label.setToolTip(
            tip(
                translate("StatusBar", "Signed in as {user} on {server}").format(
                    user=user, server=server
                )
            )
        )

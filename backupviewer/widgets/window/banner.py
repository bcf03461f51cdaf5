"""The message above the table when a load failed: what went wrong, and what to do about it.

Signals: ``retry_clicked()``; ``sign_in_clicked()``.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QStyle, QToolButton

from backupviewer.core.words import translate
from backupviewer.qt.plain_text import escape, short_words
from backupviewer.qt.status_icons import warning_icon
from backupviewer.widgets import named, rich


class Banner(QFrame):
    """A red-edged strip with a message, Try again or a sign-in button, and a close cross;
    it stays until closed or until the owner hides it."""

    retry_clicked = Signal()
    sign_in_clicked = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("banner")
        self.setStyleSheet(
            "#banner { background: rgba(218, 54, 51, 0.13); border-left: 4px solid #da3633; }"
        )
        icon = QLabel()
        icon.setPixmap(warning_icon().pixmap(20, 20))
        self.message = rich(named(QLabel(), "bannerText"))
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.retry_button = named(QPushButton(translate("Banner", "Try again")), "bannerRetry")
        self.sign_in_button = named(
            QPushButton(translate("Banner", "Sign in again…")), "bannerSignIn"
        )
        close = QToolButton()
        close.setAutoRaise(True)
        close.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_TitleBarCloseButton))
        close.setToolTip(translate("Banner", "Hide this message"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 6, 6)
        layout.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.retry_button)
        layout.addWidget(self.sign_in_button)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.retry_button.clicked.connect(self.retry_clicked)
        self.sign_in_button.clicked.connect(self.sign_in_clicked)
        close.clicked.connect(self.hide)
        self.another_user = False  # the sign-in button asks for another user
        self.setVisible(False)

    def show_message(self, message: str, *, sign_in: bool = False, sign_in_text: str = "") -> None:
        """Show `message` (rich text) with Try again, or with a sign-in button (saying
        `sign_in_text`, "Sign in again…" when it is "")."""
        self.another_user = False
        self.message.setText(message)
        self.sign_in_button.setText(sign_in_text or translate("Banner", "Sign in again…"))
        self.retry_button.setVisible(not sign_in)
        self.sign_in_button.setVisible(sign_in)
        self.setVisible(True)

    def show_load_failure(self, message: str, kept_since: datetime | None) -> None:
        """A load failed; the rows loaded at `kept_since` are still shown (None: none are)."""
        reason = escape(short_words(message))
        if kept_since is not None:
            self.show_message(
                translate(
                    "Banner",
                    "<b>Refresh failed.</b> {reason} The list shows the backups loaded at {time} "
                    "(this computer's clock).",
                ).format(reason=reason, time=f"{kept_since:%H:%M:%S}")
            )
        else:
            self.show_message(
                translate(
                    "Banner", "<b>The backup history could not be loaded.</b> {reason}"
                ).format(reason=reason)
            )

    def show_left_out(self, servers: str) -> None:
        """All servers as one history: these servers' rows are not in it, or not as they are
        now (and why)."""
        self.show_message(
            translate("Banner", "<b>Not every server is shown as it is now.</b> {servers}.").format(
                servers=escape(servers)
            )
        )

    def show_not_permitted(self, message: str) -> None:
        self.show_message(
            translate("Banner", "<b>No permission.</b> {reason}").format(
                reason=escape(short_words(message))
            ),
            sign_in=True,
            sign_in_text=translate("Banner", "Sign in as another user…"),
        )
        self.another_user = True

    def show_session_ended(self) -> None:
        self.show_message(
            translate(
                "Banner",
                "<b>Your session has ended.</b> Sign in again to refresh; the list shows the "
                "backups loaded before.",
            ),
            sign_in=True,
        )

"""The sign-in dialog: server (with the ones used before), user, secret, tenant, method, captcha."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QSettings, QStringListModel, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from backupviewer.core.datafor.addresses import EXAMPLE_URL, unencrypted, without_user_info
from backupviewer.core.datafor.auth import AuthMethod
from backupviewer.core.words import QT_TRANSLATE_NOOP, translate
from backupviewer.qt.plain_text import short_words
from backupviewer.qt.session_controller import SignInRequest
from backupviewer.qt.status_icons import down_arrow_icon, warning_icon
from backupviewer.widgets import named, plain, rich
from backupviewer.widgets.sign_in import login_choices
from backupviewer.widgets.sign_in.login_checks import missing
from backupviewer.widgets.sign_in.login_choices import MAX_SERVERS

logger = logging.getLogger(__name__)

METHOD_LABELS = {
    AuthMethod.SESSION: QT_TRANSLATE_NOOP("LoginDialog", "Sign-in form (session)"),
    AuthMethod.BASIC: QT_TRANSLATE_NOOP("LoginDialog", "HTTP Basic"),
    AuthMethod.TOKEN: QT_TRANSLATE_NOOP("LoginDialog", "Token (JWT)"),
}


class LoginDialog(QDialog):
    """Asks for a server and credentials; shows errors inline and a captcha when needed.

    It signs nobody in itself: it emits ``submitted(SignInRequest)``, and the owner reports
    back with `set_busy`, `show_error`, `show_captcha` and finally `accept`; `set_quits`
    says whether closing it quits the app. ``cancelled()`` is emitted when Cancel is pressed
    while signing in (the dialog then stays open); ``captcha_refresh_requested()`` when the
    user wants another picture.
    """

    submitted = Signal(object)
    cancelled = Signal()
    captcha_refresh_requested = Signal()
    all_servers_requested = Signal()

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._busy = False
        self._quits = True
        self._error_field = ""
        self._keyring = False  # whether passwords can be remembered (see `offer_remember`)
        self.setObjectName("loginDialog")
        self.setWindowTitle(translate("LoginDialog", "Sign in – BackupViewer"))
        self._build()
        self._restore()

    # -- building --------------------------------------------------------------------------

    def _build(self) -> None:
        intro = QLabel(
            translate(
                "LoginDialog", "Sign in to a Datafor server as an administrator to see its backups."
            )
        )
        intro.setWordWrap(True)

        self.server_edit = named(QLineEdit(), "serverEdit")
        self.server_edit.setPlaceholderText(EXAMPLE_URL)
        self.server_edit.setClearButtonEnabled(True)
        self._servers = QStringListModel(self)
        completer = QCompleter(self._servers, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.server_edit.setCompleter(completer)
        self._recent_action = QAction(
            down_arrow_icon(self.palette().text().color()),
            translate("LoginDialog", "Servers used before (Alt+Down)"),
            self,
        )
        self._recent_action.triggered.connect(self._on_recent_action_triggered)
        self.server_edit.addAction(self._recent_action, QLineEdit.ActionPosition.TrailingPosition)
        recent_shortcut = QAction(self.server_edit)
        recent_shortcut.setShortcut(QKeySequence("Alt+Down"))
        recent_shortcut.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        recent_shortcut.triggered.connect(self._on_recent_action_triggered)
        self.server_edit.addAction(recent_shortcut)
        completer.activated.connect(self._on_completer_activated)

        self.user_edit = named(QLineEdit(), "userEdit")
        self.password_edit = named(QLineEdit(), "passwordEdit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.tenant_edit = named(QLineEdit(), "tenantEdit")
        self.tenant_edit.setPlaceholderText(
            translate("LoginDialog", "Optional, for example tenant1")
        )
        self.method_combo = named(QComboBox(), "authMethodCombo")
        for method, label in METHOD_LABELS.items():
            self.method_combo.addItem(translate("LoginDialog", label), method.value)
        self.method_combo.currentIndexChanged.connect(self._on_method_combo_changed)
        self.remember_check = QCheckBox(
            translate("LoginDialog", "Remember the password in the system keyring")
        )
        self.remember_check.setObjectName("rememberCheck")
        self.remember_check.setEnabled(False)  # (until the keyring was looked for: its room
        # is kept from the start, so that the dialog does not grow a moment after it opened)

        self.captcha_image = named(QLabel(), "captchaImage")
        self.captcha_image.setMinimumHeight(40)
        self.captcha_edit = named(QLineEdit(), "captchaEdit")
        self.captcha_edit.setPlaceholderText(
            translate("LoginDialog", "The characters in the picture")
        )
        self.captcha_refresh = named(
            QPushButton(translate("LoginDialog", "New picture")), "captchaRefresh"
        )
        self.captcha_refresh.setAutoDefault(False)
        self.captcha_refresh.clicked.connect(self.captcha_refresh_requested)
        captcha_row = QHBoxLayout()
        captcha_row.addWidget(self.captcha_image)
        captcha_row.addWidget(self.captcha_refresh)
        captcha_row.addStretch()
        self._captcha_box = QWidget()
        captcha_layout = QVBoxLayout(self._captcha_box)
        captcha_layout.setContentsMargins(0, 0, 0, 0)
        captcha_layout.addLayout(captcha_row)
        captcha_layout.addWidget(self.captcha_edit)

        self._form = QFormLayout()
        self.http_warning = rich(named(QLabel(), "httpWarning"))
        self.http_warning.setWordWrap(True)
        not_https = translate(
            "LoginDialog",
            "⚠ Not https: unless the server moves the viewer to https, the password crosses the "
            "network in clear text.",
        )
        self.http_warning.setText(f"<small>{not_https}</small>")
        self.http_warning.setVisible(False)
        self.server_edit.textChanged.connect(self._on_server_edit_changed)
        self.server_field = QWidget()  # the address, with a word under it on plain http
        server_layout = QVBoxLayout(self.server_field)
        server_layout.setContentsMargins(0, 0, 0, 0)
        server_layout.setSpacing(2)
        server_layout.addWidget(self.server_edit)
        server_layout.addWidget(self.http_warning)
        server_label = QLabel(translate("LoginDialog", "&Server:"))
        server_label.setBuddy(self.server_edit)
        self._form.addRow(server_label, self.server_field)
        self._form.addRow(translate("LoginDialog", "Sign-in &method:"), self.method_combo)
        self._form.addRow(translate("LoginDialog", "&User name:"), self.user_edit)
        self._form.addRow(translate("LoginDialog", "&Password:"), self.password_edit)
        self._form.addRow(translate("LoginDialog", "Te&nant:"), self.tenant_edit)
        self._form.addRow("", self.remember_check)
        self._form.addRow(translate("LoginDialog", "&Code:"), self._captcha_box)
        self._form.setRowVisible(self._captcha_box, False)

        self.error_label = plain(named(QLabel(), "loginError"))
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._error_icon = QLabel()
        self._error_icon.setPixmap(warning_icon().pixmap(20, 20))
        self._error_icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        error_row = QHBoxLayout()
        error_row.addWidget(self._error_icon)
        error_row.addWidget(self.error_label, 1)
        self._error_box = QWidget()
        self._error_box.setLayout(error_row)
        error_row.setContentsMargins(0, 0, 0, 0)
        self._error_box.setVisible(False)

        self.progress = named(QProgressBar(), "loginProgress")
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(6)
        self.progress.setVisible(False)
        self._progress_label = QLabel(translate("LoginDialog", "Signing in…"))
        self._progress_label.setVisible(False)

        self.buttons = QDialogButtonBox()
        self.login_button = self.buttons.addButton(
            translate("LoginDialog", "Sign in"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.login_button.setObjectName("loginButton")
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("cancelButton")
        self.servers_button = QPushButton(translate("LoginDialog", "All servers…"))
        self.servers_button.setObjectName("allServersButton")
        self.servers_button.setToolTip(
            translate("LoginDialog", "Every server you keep, the worst first (add them there)")
        )
        self.servers_button.clicked.connect(self.all_servers_requested)
        # Enter signs in wherever the focus is; a focused Cancel must never become the default.
        for button in (self.login_button, self.cancel_button, self.servers_button):
            button.setAutoDefault(False)
        self.login_button.setDefault(True)
        self.login_button.clicked.connect(self._on_login_button_clicked)
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        self._update_cancel_button()

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(6)
        layout.addLayout(self._form)
        layout.addWidget(self._error_box)
        layout.addWidget(self._progress_label)
        layout.addWidget(self.progress)
        layout.addStretch()
        bottom = QHBoxLayout()  # (all servers: away from this sign-in, on the other side)
        bottom.addWidget(self.servers_button)
        bottom.addWidget(self.buttons, 1)
        layout.addLayout(bottom)
        self.setMinimumWidth(460)

    # -- what the owner calls --------------------------------------------------------------

    def prefill(
        self,
        server: str = "",
        user: str = "",
        secret: str = "",
        method: AuthMethod | None = None,
        tenant: str = "",
    ) -> None:
        """Fill fields (empty arguments leave a field as it is)."""
        if server:
            self.server_edit.setText(server)
        if user:
            self.user_edit.setText(user)
        if secret:
            self.password_edit.setText(secret)
        if method is not None:
            self._select_method(method)
        if tenant:
            self.tenant_edit.setText(tenant)
        self._focus_first_empty()

    def offer_remember(self, available: bool, remembered: str | None = None) -> None:
        """Offer "remember password" – disabled, saying why, when there is no keyring to keep
        it in; fill a remembered password."""
        self._keyring = available
        self._enable_remember()
        if not available:
            self.remember_check.setChecked(False)
        self.remember_check.setToolTip(
            translate("LoginDialog", "Kept in the system keyring, never in a file")
            if available
            else translate(
                "LoginDialog",
                "This system has no keyring (such as GNOME Keyring, KWallet, the Windows "
                "Credential Manager or the macOS keychain), so a password cannot be kept safely.",
            )
        )
        if remembered and not self.password_edit.text():
            self.password_edit.setText(remembered)
            self.remember_check.setChecked(True)
            self._focus_first_empty()

    def set_quits(self, quits: bool) -> None:
        """Whether closing the dialog quits the app (no main window behind it): its button
        then says Quit instead of Cancel."""
        self._quits = quits
        self._update_cancel_button()

    def set_busy(self, busy: bool) -> None:
        """While signing in: fields locked, progress shown, Cancel stops the request."""
        self._busy = busy
        self._update_cancel_button()
        for widget in (self.server_edit, self.user_edit, self.password_edit, self.tenant_edit,
                       self.method_combo, self._captcha_box):  # fmt: skip
            widget.setEnabled(not busy)
        self._enable_remember()
        self.login_button.setEnabled(not busy)
        self.login_button.setDefault(not busy)
        self.progress.setVisible(busy)
        self._progress_label.setVisible(busy)
        if busy:
            self._error_box.setVisible(False)
        elif self._error_box.isVisibleTo(self):
            self._focus_after_error()
        else:
            self._focus_first_empty()

    def show_error(self, message: str, field: str = "") -> None:
        """Show why signing in failed, beside the fields (never a pop-up), and put the cursor
        in the field it is about (``server``, ``user``, ``password``, ``tenant``,
        ``captcha``), its text selected to be typed over."""
        self._error_field = field
        self.error_label.setText(short_words(message))
        self._error_box.setVisible(bool(message))
        self._fit_height()
        self._focus_after_error()

    def show_captcha(self, image: bytes, message: str) -> None:
        """Show the server's captcha picture and ask for its code."""
        pixmap = QPixmap()
        if not pixmap.loadFromData(image):
            logger.warning("The captcha picture could not be decoded (%d bytes)", len(image))
        self.captcha_image.setPixmap(pixmap)
        self.captcha_image.setText(
            "" if not pixmap.isNull() else translate("LoginDialog", "(picture unreadable)")
        )
        self.captcha_edit.clear()
        self._form.setRowVisible(self._captcha_box, True)
        self.show_error(message, "captcha")

    def request(self) -> SignInRequest:
        """What the fields say now."""
        captcha_shown = self._captcha_box.isVisibleTo(self)
        return SignInRequest(
            server=self.server_edit.text().strip(),
            user=self.user_edit.text().strip(),
            secret=self.password_edit.text(),
            method=self._method(),
            tenant=self.tenant_edit.text().strip(),
            captcha=self.captcha_edit.text().strip() if captcha_shown else "",
            remember=self._keyring and self.remember_check.isChecked(),
        )

    def save_choices(self) -> None:
        """Remember server, user, method and tenant in the settings (never the password)."""
        request = self.request()
        servers = [request.server] + [s for s in self._servers.stringList() if s != request.server]
        self._servers.setStringList(servers[:MAX_SERVERS])
        login_choices.save(self._settings, servers, request.server, request.user,
                           request.method, request.tenant)  # fmt: skip

    def reset_for_new_attempt(self) -> None:
        """Clear the password, the error and the captcha (after signing out)."""
        self.password_edit.clear()
        self._form.setRowVisible(self._captcha_box, False)
        self.show_error("")
        self.set_busy(False)
        self._focus_first_empty()

    # -- internals -------------------------------------------------------------------------

    def _restore(self) -> None:
        settings = self._settings
        self._servers.setStringList(login_choices.recent_servers(settings))
        saved = str(settings.value("login/method", "") or "")
        if saved in set(AuthMethod):
            self._select_method(AuthMethod(saved))
        self.server_edit.setText(without_user_info(str(settings.value("login/server", "") or "")))
        self.user_edit.setText(str(settings.value("login/user", "") or ""))
        self.tenant_edit.setText(str(settings.value("login/tenant", "") or ""))
        self._on_method_combo_changed()
        self._focus_first_empty()

    def _method(self) -> AuthMethod:
        return AuthMethod(str(self.method_combo.currentData()))

    def _select_method(self, method: AuthMethod) -> None:
        index = self.method_combo.findData(method.value)
        if index >= 0:
            self.method_combo.setCurrentIndex(index)

    def _focus_first_empty(self) -> None:
        for edit in (self.server_edit, self.user_edit, self.password_edit):
            if edit.isEnabled() and edit.isVisibleTo(self) and not edit.text():
                edit.setFocus()
                return
        self.login_button.setFocus()

    def _focus_after_error(self) -> None:
        edits = {
            "server": self.server_edit,
            "user": self.user_edit,
            "password": self.password_edit,
            "tenant": self.tenant_edit,
            "captcha": self.captcha_edit,
        }
        edit = edits.get(self._error_field)
        if edit is None and self._captcha_box.isVisibleTo(self):
            edit = self.captcha_edit
        if edit is not None and edit.isEnabled() and edit.isVisibleTo(self):
            edit.setFocus(Qt.FocusReason.OtherFocusReason)
            edit.selectAll()
        else:
            self._focus_first_empty()

    def _update_cancel_button(self) -> None:
        quits = self._quits and not self._busy
        self.cancel_button.setText(
            translate("LoginDialog", "Quit") if quits else translate("LoginDialog", "Cancel")
        )
        self.cancel_button.setToolTip(
            translate("LoginDialog", "Stop signing in")
            if self._busy
            else translate("LoginDialog", "Close BackupViewer")
            if quits
            else translate("LoginDialog", "Close this dialog and go back to the window")
        )

    def _on_login_button_clicked(self) -> None:
        if self._busy:
            return
        request = self.request()
        problem, field = missing(request, self._captcha_box.isVisibleTo(self))
        if problem:
            self.show_error(problem, field)
            return
        self.submitted.emit(request)

    def _on_cancel_button_clicked(self) -> None:
        if self._busy:
            self.cancelled.emit()
        else:
            self.reject()

    def _on_server_edit_changed(self, text: str) -> None:
        warn = bool(text.strip()) and unencrypted(text)
        if warn != self.http_warning.isVisibleTo(self):
            self.http_warning.setVisible(warn)
            self._fit_height()

    def _fit_height(self) -> None:
        """The height its rows and wrapped words need at its width: grown for a long error
        (a window's minimum size does not count wrapped lines), shrunk when a captcha or an
        error went."""
        layout = self.layout()
        layout.activate()
        needed = layout.totalHeightForWidth(self.width())
        if needed != self.height():
            self.resize(self.width(), needed)

    def _on_method_combo_changed(self) -> None:
        token = self._method() is AuthMethod.TOKEN
        label = self._form.labelForField(self.password_edit)
        if isinstance(label, QLabel):
            label.setText(
                translate("LoginDialog", "&Token:")
                if token
                else translate("LoginDialog", "&Password:")
            )
        self.user_edit.setPlaceholderText(
            translate("LoginDialog", "Optional with a token") if token else ""
        )
        self._enable_remember()

    def _enable_remember(self) -> None:
        """ "Remember the password" can be chosen when a keyring can keep it, for a password
        (not a token), while not signing in."""
        can = self._keyring and not self._busy and self._method() is not AuthMethod.TOKEN
        self.remember_check.setEnabled(can)

    def _on_recent_action_triggered(self) -> None:
        completer = self.server_edit.completer()
        completer.setCompletionPrefix("")
        completer.complete()

    def _on_completer_activated(self, server: str) -> None:
        user = login_choices.users_by_server(self._settings).get(server)
        if user:
            self.user_edit.setText(user)
            self.password_edit.clear()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:  # light and dark themes switched
            self._recent_action.setIcon(down_arrow_icon(self.palette().text().color()))
        super().changeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self._busy:
            self.cancelled.emit()
            return
        super().keyPressEvent(event)

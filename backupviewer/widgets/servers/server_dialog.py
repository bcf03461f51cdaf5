"""Add a server to the window of all servers, or change one: its name, address, tenant,
sign-in method and user – and, if the user gives it, the password (kept in the keyring only
when asked)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from backupviewer.core.datafor.addresses import has_user_info, normalize_base_url
from backupviewer.core.datafor.auth import AuthMethod
from backupviewer.core.datafor.server_entry import ServerEntry, default_name
from backupviewer.core.errors import NetworkError
from backupviewer.core.words import translate
from backupviewer.widgets import named
from backupviewer.widgets.sign_in.login_dialog import METHOD_LABELS


class ServerDialog(QDialog):
    """The fields of one server; `entry()` once accepted (`taken`: the other servers' names,
    which this one's may not repeat)."""

    def __init__(
        self,
        taken: set[str],
        keyring: bool,
        entry: ServerEntry | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("serverDialog")
        self._taken = {name.casefold() for name in taken}
        self.setWindowTitle(
            translate("ServerDialog", "Add a server")
            if entry is None
            else translate("ServerDialog", "Change the server")
        )
        self.name_edit = named(QLineEdit(), "serverName")
        self.url_edit = named(QLineEdit(), "serverUrl")
        self.url_edit.setPlaceholderText("bi.example.com:28080")
        self.tenant_edit = named(QLineEdit(), "serverTenant")
        self.method_combo = named(QComboBox(), "serverMethod")
        for method, label in METHOD_LABELS.items():
            self.method_combo.addItem(translate("LoginDialog", label), method)
        self.user_edit = named(QLineEdit(), "serverUser")
        self.password_edit = named(QLineEdit(), "serverPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(
            translate("ServerDialog", "leave empty to be asked, or to use the keyring's")
        )
        self.remember_check = named(
            QCheckBox(translate("ServerDialog", "Remember the password in the system keyring")),
            "serverRemember",
        )
        self.remember_check.setEnabled(keyring)
        if not keyring:
            self.remember_check.setToolTip(
                translate("ServerDialog", "This system has no keyring to keep it in.")
            )
        self.name_edit.setPlaceholderText(translate("ServerDialog", "the host, if empty"))
        self.error = named(QLabel(), "serverError")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c0392b;")
        form = QFormLayout()
        form.addRow(translate("ServerDialog", "&Name:"), self.name_edit)
        form.addRow(translate("ServerDialog", "&Address:"), self.url_edit)
        form.addRow(translate("ServerDialog", "&Tenant:"), self.tenant_edit)
        form.addRow(translate("ServerDialog", "&Sign in with:"), self.method_combo)
        form.addRow(translate("ServerDialog", "&User:"), self.user_edit)
        form.addRow(translate("ServerDialog", "&Password:"), self.password_edit)
        form.addRow("", self.remember_check)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        if entry is not None:
            self.name_edit.setText(entry.name)
            self.url_edit.setText(entry.url)
            self.tenant_edit.setText(entry.tenant or "")
            self.method_combo.setCurrentIndex(self.method_combo.findData(entry.auth))
            self.user_edit.setText(entry.user)
        self.resize(460, self.sizeHint().height())

    def entry(self) -> ServerEntry:
        """The server as the fields say."""
        url = self.url_edit.text().strip()
        tenant = self.tenant_edit.text().strip()
        name = self.name_edit.text().strip() or default_name(url, tenant)
        method = AuthMethod(self.method_combo.currentData())
        return ServerEntry(name, url, self.user_edit.text().strip(), method, tenant or None)

    def password(self) -> str:
        return self.password_edit.text()

    def remember(self) -> bool:
        return self.remember_check.isEnabled() and self.remember_check.isChecked()

    def _on_buttons_accepted(self) -> None:
        entry = self.entry()
        problem = ""
        if not entry.url:
            problem = translate("ServerDialog", "Enter the server's address.")
        elif has_user_info(entry.url):
            problem = translate(
                "ServerDialog",
                "Leave the user name and password out of the address: they have fields of "
                "their own.",
            )
        elif not _usable(entry.url):
            problem = translate("ServerDialog", "This is not a web address.")
        elif entry.auth is not AuthMethod.TOKEN and not entry.user:
            problem = translate("ServerDialog", "Enter the user name.")
        elif entry.tenant and entry.auth is not AuthMethod.SESSION:
            problem = translate("ServerDialog", "A tenant needs the sign-in form (session).")
        elif entry.name.casefold() in self._taken:
            problem = translate("ServerDialog", "Another server is called {name}.").format(
                name=entry.name
            )
        self.error.setText(problem)
        if not problem:
            self.accept()


def _usable(url: str) -> bool:
    try:
        normalize_base_url(url)
    except NetworkError:
        return False
    return True

"""Helpers for the GUI tests: drive the qasync loop, wait for conditions, sign in."""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Callable, Coroutine
from typing import Any

from keyring.backend import KeyringBackend
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import Qt as QtGui
from PySide6.QtGui import QTextDocument
from PySide6.QtTest import QTest

from backupviewer.app import BackupViewerApp
from backupviewer.demo.server import DemoServer


class MemoryKeyring(KeyringBackend):
    """A keyring that lives in a dict."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.passwords.pop((service, username), None)


def wait(loop: asyncio.AbstractEventLoop, condition: Callable[[], object], timeout: float = 15):
    """Process Qt events (and so the loop's callbacks) until `condition()` is true, then the
    events it posted (what a queued connection delivers on the next turn, the health panel's)."""
    assert loop.is_running(), "the loop fixture keeps the qasync loop marked as running"
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {condition}")
        QTest.qWait(5)
    QCoreApplication.processEvents()


def run(loop: asyncio.AbstractEventLoop, coroutine: Coroutine[Any, Any, Any], timeout: float = 20):
    """Run `coroutine` as a task on the qasync loop and return its result."""
    task = asyncio.ensure_future(coroutine)
    wait(loop, task.done, timeout)
    return task.result()


def pause(loop: asyncio.AbstractEventLoop, seconds: float) -> None:
    """Let the app run for `seconds`."""
    deadline = time.monotonic() + seconds
    wait(loop, lambda: time.monotonic() >= deadline, seconds + 5)


def window_shown(app: BackupViewerApp) -> bool:
    """The main window is built early (hidden); this tells whether the user sees it."""
    return app.window is not None and app.window.isVisible()


def sign_in(
    loop: asyncio.AbstractEventLoop,
    app: BackupViewerApp,
    server: DemoServer,
    *,
    user: str = "admin",
    secret: str = "password",
    method: str = "session",
) -> None:
    """Open the dialog, fill it, press Sign in and wait until the history is shown."""
    if not app.login.isVisible():
        app.start()
    fill_login(app, server.url, user, secret, method)
    app.login.login_button.click()
    wait(
        loop,
        lambda: (
            app.window is not None
            and app.window.isVisible()
            and not app.loader.busy
            and app.loader.last_loaded is not None
        ),
    )


def fill_login(app: BackupViewerApp, url: str, user: str, secret: str, method: str) -> None:
    login = app.login
    login.server_edit.setText(url)
    login.user_edit.setText(user)
    login.password_edit.setText(secret)
    login.method_combo.setCurrentIndex(login.method_combo.findData(method))


def shown(text: str | None) -> str:
    """What Qt shows of a tooltip's (or label's) text: rich text as a person reads it."""
    if not text or not QtGui.mightBeRichText(text):
        return text or ""
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def mnemonic_clashes(menus: list[object]) -> list[tuple[str, list[str]]]:
    """Within each menu (and the menu bar), the mnemonic keys that two entries share."""
    from PySide6.QtWidgets import QMenu

    clashes = []
    for menu in menus:
        entries = [action.text() for action in menu.actions() if action.text()]  # type: ignore[attr-defined]
        seen: dict[str, list[str]] = {}
        for text in entries:
            found = re.search(r"&([^&])", text)
            if found:
                seen.setdefault(found.group(1).casefold(), []).append(text)
        clashes += [(key, texts) for key, texts in seen.items() if len(texts) > 1]
        for action in menu.actions():  # type: ignore[attr-defined]
            if isinstance(action.menu(), QMenu):
                clashes += mnemonic_clashes([action.menu()])
    return clashes


def records_shown(model: object) -> list[object]:
    """The records a history model shows, in view order (each rebuilt from its JSON)."""
    snapshot = model.snapshot  # type: ignore[attr-defined]
    return [snapshot.record(row) for row in model.table_rows()]  # type: ignore[attr-defined]

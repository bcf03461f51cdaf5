"""Signing in and out: one client per session, captcha retries on the same cookies, cancel."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, Signal

from backupviewer.core.datafor.auth import AuthMethod, Credentials
from backupviewer.core.errors import BackupViewerError, CaptchaRequired, SignInError, TenantError
from backupviewer.core.words import translate
from backupviewer.qt.loader import HistorySource
from backupviewer.qt.tasks import report_unexpected

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SignInRequest:
    """What the sign-in dialog submits; `secret` is a password or a token."""

    server: str
    user: str
    secret: str = field(repr=False)
    method: AuthMethod = AuthMethod.SESSION
    tenant: str = ""
    captcha: str = ""
    remember: bool | None = False  # None: leave the keyring as it is

    def credentials(self) -> Credentials:
        """What the client signs in with."""
        return Credentials(
            user=self.user,
            secret=self.secret,
            method=self.method,
            tenant=self.tenant or None,
            captcha=self.captcha or None,
        )


class SessionClient(HistorySource, Protocol):
    """The part of the Datafor client that signing in uses, and the history is loaded from."""

    base_url: str
    display_name: str | None

    async def sign_in(self, credentials: Credentials) -> str: ...

    async def fetch_captcha(self) -> bytes: ...

    async def sign_out(self) -> None: ...

    async def aclose(self) -> None: ...

    async def download_backup(
        self, backup_id: str, target: Path, progress: Callable[[int, int | None], None] | None
    ) -> Path: ...


class Passwords(Protocol):
    """Where remembered passwords live (`backupviewer.server.secrets.PasswordStore`)."""

    def save(self, server: str, user: str, password: str, tenant: str = "") -> bool: ...

    def delete(self, server: str, user: str, tenant: str = "") -> None: ...


ClientFactory = Callable[[str], SessionClient]


class SessionController(QObject):
    """Signs in with a new client per server and keeps it while the session lasts.

    A captcha is fetched and answered with the same client (the expected code lives in its
    session cookie). Cancel stops the request in flight.

    Signals: ``signed_in(display_name)``; ``sign_in_failed(message)`` (`failed_field` then
    names the field of the request the failure is about); ``captcha_required(image,
    message)``; ``busy_changed(busy)``; ``remember_failed(message)`` (signed in, but the
    password asked to be remembered could not be kept).
    """

    signed_in = Signal(str)
    sign_in_failed = Signal(str)
    captcha_required = Signal(bytes, str)
    busy_changed = Signal(bool)
    remember_failed = Signal(str)

    def __init__(
        self,
        client_factory: ClientFactory,
        passwords: Passwords,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._new_client = client_factory
        self._passwords = passwords
        self._client: SessionClient | None = None
        self._pending: tuple[str, SessionClient] | None = None
        self._task: asyncio.Task[bool] | None = None
        self.request: SignInRequest | None = None
        self.failed_field = ""

    @property
    def client(self) -> SessionClient | None:
        """The signed-in client, None when signed out."""
        return self._client

    @property
    def busy(self) -> bool:
        return self._task is not None and not self._task.done()

    def start_sign_in(self, request: SignInRequest) -> asyncio.Task[bool]:
        """Sign in in the background (cancelling an attempt in flight); see `sign_in`."""
        self.cancel()
        task = asyncio.ensure_future(self.sign_in(request))
        task.add_done_callback(report_unexpected)
        self._task = task
        return task

    def cancel(self) -> None:
        """Stop the sign-in in flight; the dialog stays as it was, without an error."""
        if self._task is not None and not self._task.done():
            self._task.cancel()

    async def sign_in(self, request: SignInRequest) -> bool:
        """Sign in; the outcome arrives as signals. True when signed in."""
        self.busy_changed.emit(True)
        try:
            return await self._sign_in(request)
        except asyncio.CancelledError:
            logger.info("Sign-in cancelled")
            raise
        finally:
            self.busy_changed.emit(False)

    async def _sign_in(self, request: SignInRequest) -> bool:
        try:
            client = await self._client_for(request)
            name = await client.sign_in(request.credentials())
        except CaptchaRequired as exc:
            logger.info("The server asks for a captcha")
            return await self._ask_captcha(client, str(exc))
        except BackupViewerError as exc:
            logger.info("Sign-in failed: %s", exc)
            self._fail(str(exc), field_of(exc))
            return False
        self._pending = None
        previous, self._client = self._client, client
        if previous is not None and previous is not client:
            await _close_quietly(previous)
        self.request = request
        logger.info("Signed in to %s as %s", request.server, request.user or "(token)")
        self.signed_in.emit(name or request.user)
        self._remember(request)
        return True

    async def _ask_captcha(self, client: SessionClient, message: str) -> bool:
        try:
            image = await client.fetch_captcha()
        except BackupViewerError as exc:
            failure = translate("Session", "{message} The picture could not be loaded: {error}")
            self._fail(failure.format(message=message, error=exc), "server")
            return False
        self.captcha_required.emit(image, message)
        return False

    async def refresh_captcha(self) -> None:
        """Fetch another captcha picture for the pending sign-in."""
        if self._pending is not None:
            message = translate("Session", "Type the characters in the new picture.")
            await self._ask_captcha(self._pending[1], message)

    async def sign_out(self) -> None:
        """End the session on the server (best effort) and drop the client."""
        self.cancel()
        client, self._client = self._client, None
        if client is not None:
            try:
                await client.sign_out()
            except BackupViewerError as exc:
                logger.info("Signing out on the server failed (ignored): %s", exc)
            await _close_quietly(client)

    async def close(self) -> None:
        """Close every client (on quit, while the loop still runs)."""
        self.cancel()
        clients = [self._client, self._pending[1] if self._pending else None]
        self._client, self._pending = None, None
        for client in clients:
            if client is not None:
                await _close_quietly(client)

    async def _client_for(self, request: SignInRequest) -> SessionClient:
        """The pending client for this server and method (same cookies), else a new one."""
        key = f"{request.method} {request.server.strip()}"
        if self._pending is not None and self._pending[0] == key:
            return self._pending[1]
        if self._pending is not None:
            await _close_quietly(self._pending[1])
        client = self._new_client(request.server.strip())
        self._pending = (key, client)
        return client

    def _fail(self, message: str, field: str) -> None:
        self.failed_field = field
        self.sign_in_failed.emit(message)

    def _remember(self, request: SignInRequest) -> None:
        if request.method is AuthMethod.TOKEN or not request.user or request.remember is None:
            return
        if request.remember:
            if not self._passwords.save(
                request.server, request.user, request.secret, request.tenant
            ):
                self.remember_failed.emit(
                    translate(
                        "Session",
                        "The password could not be kept in the system keyring (it refused or is "
                        "locked): you will be asked for it next time.",
                    )
                )
        else:
            self._passwords.delete(request.server, request.user, request.tenant)


def field_of(error: BackupViewerError) -> str:
    """The field of the sign-in form that `error` is about: ``captcha``, ``tenant``,
    ``password`` (wrong credentials) or ``server`` (unreachable, not a Datafor server)."""
    if isinstance(error, CaptchaRequired):
        return "captcha"
    if isinstance(error, TenantError):
        return "tenant"
    if isinstance(error, SignInError):
        return "password"
    return "server"


async def _close_quietly(client: SessionClient) -> None:
    try:
        await client.aclose()
    except BackupViewerError as exc:
        logger.debug("Closing a client failed (ignored): %s", exc)

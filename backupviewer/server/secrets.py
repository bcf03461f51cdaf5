"""Passwords in the OS keyring (via `keyring`), only when asked; no backend means no remembering."""

from __future__ import annotations

import logging
from typing import Any

from backupviewer.core.datafor.addresses import without_user_info

logger = logging.getLogger(__name__)

SERVICE = "BackupViewer"


class PasswordStore:
    """Save, load and forget the password of a (server, user, tenant) in the system keyring
    (one saved before tenants had entries of their own is still found for any tenant).

    Every failure of the keyring (none installed, locked, D-Bus gone) means "not remembered":
    it is logged without the secret and never raised.
    """

    def __init__(self, backend: Any = None) -> None:
        self._backend = backend

    def available(self) -> bool:
        """True when a real keyring backend exists (importing `keyring` is deferred to here)."""
        return self._keyring() is not None

    def load(self, server: str, user: str, tenant: str = "") -> str | None:
        backend = self._keyring()
        if backend is None or not server or not user:
            return None
        try:
            password = backend.get_password(SERVICE, _account(server, user, tenant))
            if password is None and tenant:  # (saved for the address before)
                password = backend.get_password(SERVICE, _account(server, user))
        except Exception as exc:  # noqa: BLE001 - any backend failure means "not remembered"
            logger.warning("Could not read the keyring: %s", type(exc).__name__)
            return None
        return password if isinstance(password, str) else None

    def save(self, server: str, user: str, password: str, tenant: str = "") -> bool:
        """Remember the password; False when the keyring refused."""
        backend = self._keyring()
        if backend is None or not server or not user or not password:
            return False
        try:
            backend.set_password(SERVICE, _account(server, user, tenant), password)
        except Exception as exc:  # noqa: BLE001 - see class docstring
            logger.warning("Could not save to the keyring: %s", type(exc).__name__)
            return False
        return True

    def delete(self, server: str, user: str, tenant: str = "") -> None:
        """Forget the password, if one was remembered."""
        backend = self._keyring()
        if backend is None or not server or not user:
            return
        try:
            account = _account(server, user, tenant)
            if backend.get_password(SERVICE, account) is not None:
                backend.delete_password(SERVICE, account)
        except Exception as exc:  # noqa: BLE001 - see class docstring
            logger.warning("Could not delete from the keyring: %s", type(exc).__name__)

    def _keyring(self) -> Any:
        if self._backend is None:
            self._backend = _system_backend()
        return self._backend or None


def _system_backend() -> Any:
    """The usable system backend, or False when there is none (so the probe runs once)."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        logger.info("The keyring package is not installed; passwords are not remembered")
        return False
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 1) <= 0:
        logger.info("No keyring backend found; passwords are not remembered")
        return False
    return backend


def _account(server: str, user: str, tenant: str = "") -> str:
    """The keyring's account name: the user at the address (and its tenant: two tenants of a
    server are two accounts), never a password typed in it."""
    account = f"{user}@{without_user_info(server).rstrip('/')}"
    return f"{account} ({tenant})" if tenant else account

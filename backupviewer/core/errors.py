"""Typed errors with messages a person can act on; shared by the core, the client and the UI."""

from __future__ import annotations

import re

from backupviewer.core.words import Phrase


class BackupViewerError(Exception):
    """Base of every expected failure; ``str(error)`` is meant for the user (its message may
    be a `Phrase`: words made when it is shown)."""


class ProtocolError(BackupViewerError):
    """The server's answer is not the documented JSON (HTML, truncated, wrong shape)."""


class ServerError(BackupViewerError):
    """The server reported a failure (``success: false``, HTTP 5xx, a proxy error page)."""

    def __init__(
        self, message: str | Phrase, *, code: str | None = None, server_message: str = ""
    ) -> None:
        super().__init__(message)
        self.code = code
        self.server_message = server_message


class NetworkError(BackupViewerError):
    """The server could not be reached (refused, DNS, timeout, TLS)."""


class SignInError(BackupViewerError):
    """Signing in failed: wrong credentials, unknown tenant and the like."""


class CaptchaRequired(SignInError):
    """The server wants a captcha code; ``wrong`` tells whether one was sent and rejected."""

    def __init__(self, message: str, *, wrong: bool = False) -> None:
        super().__init__(message)
        self.wrong = wrong


class TenantError(SignInError):
    """The tenant does not exist, is disabled, or cannot be used with this sign-in method."""


class SessionExpired(SignInError):
    """The session ended (timed out or signed out elsewhere); signing in again helps."""


class NotPermitted(BackupViewerError):
    """The signed-in user is not an administrator."""


class ScheduleError(BackupViewerError, ValueError):
    """A schedule trigger cannot be read: not JSON, an unknown kind, or a value out of range."""


class DownloadError(BackupViewerError):
    """A backup could not be downloaded (the server sent an error note instead of the zip)."""


class StorageError(BackupViewerError):
    """This computer could not keep something it received (a full disk, a missing folder)."""


def printable(text: str) -> str:
    """`text` with control characters (escape sequences, NUL, line breaks) shown as ``\\x1b``
    and the like, so that server text cannot steer a terminal or break a message's layout."""
    return text.translate(_ESCAPED)


def described(error: BaseException) -> str:
    """A library's exception in words fit for a message: its text made `printable` and cut
    short; only its kind where the text may carry a header, a credential or a cookie."""
    text = str(error)
    if not text or _SECRETS.search(text):
        return type(error).__name__
    text = printable(text)
    return text if len(text) <= 200 else text[:199] + "…"


_ESCAPED = {code: f"\\x{code:02x}" for code in (*range(0x20), *range(0x7F, 0xA0))}
_SECRETS = re.compile(r"authoriz|bearer|basic |cookie|header|token|passw|secret", re.IGNORECASE)

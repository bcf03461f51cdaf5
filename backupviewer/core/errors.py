"""Typed errors with messages a person can act on; shared by the core, the client and the UI."""

from __future__ import annotations


class BackupViewerError(Exception):
    """Base of every expected failure; ``str(error)`` is meant for the user."""


class ProtocolError(BackupViewerError):
    """The server's answer is not the documented JSON (HTML, truncated, wrong shape)."""


class ServerError(BackupViewerError):
    """The server reported a failure (``success: false``, HTTP 5xx, a proxy error page)."""

    def __init__(self, message: str, *, code: str | None = None, server_message: str = "") -> None:
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

"""How the viewer proves who it is: the sign-in methods, credentials and certificate checks."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class AuthMethod(enum.StrEnum):
    """How the client proves who it is."""

    SESSION = "session"  # JSON login, then a session cookie
    BASIC = "basic"  # HTTP Basic on every request
    TOKEN = "token"  # Bearer token on /plugin paths


@dataclass(frozen=True)
class Credentials:
    """What the user typed to sign in; `secret` is the password or the token."""

    user: str
    secret: str = field(repr=False)
    method: AuthMethod = AuthMethod.SESSION
    tenant: str | None = None
    captcha: str | None = None


@dataclass(frozen=True)
class TlsOptions:
    """Certificate checks: the system trust store by default, a CA bundle, or none at all."""

    ca_bundle: str | None = None
    insecure: bool = False

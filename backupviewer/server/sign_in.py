"""What signing in can meet: the input checked first, the server's answers in words."""

from __future__ import annotations

import re
from collections.abc import Generator
from typing import Any

import httpx

from backupviewer.core.datafor import envelope
from backupviewer.core.datafor.auth import AuthMethod, Credentials
from backupviewer.core.errors import CaptchaRequired, ServerError, SignInError, TenantError
from backupviewer.core.words import QT_TRANSLATE_NOOP, translate

_TOKEN = re.compile(r"[\x21-\x7e]+")  # printable ASCII without spaces: what a header may hold
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# The messages below are translated where they are raised: translate("SignIn", …).
WRONG_PASSWORD = QT_TRANSLATE_NOOP(
    "SignIn", "Wrong user name or password. Check both and try again."
)
NOT_RECOGNISED = {
    AuthMethod.SESSION: QT_TRANSLATE_NOOP(
        "SignIn",
        "The server accepted the sign-in but then did not recognise the session. A proxy may "
        "be dropping the session cookie; try signing in with HTTP Basic.",
    ),
    AuthMethod.BASIC: QT_TRANSLATE_NOOP(
        "SignIn", "The server did not accept the user name and password."
    ),
    AuthMethod.TOKEN: QT_TRANSLATE_NOOP(
        "SignIn",
        "The server did not accept the token. Check that it is complete and has not expired.",
    ),
}
EXPIRED: dict[AuthMethod | None, str] = {
    None: QT_TRANSLATE_NOOP("SignIn", "You are not signed in. Sign in first."),
    AuthMethod.SESSION: QT_TRANSLATE_NOOP(
        "SignIn",
        "Your session on the server has ended (it timed out or was signed out elsewhere). "
        "Sign in again.",
    ),
    AuthMethod.BASIC: QT_TRANSLATE_NOOP(
        "SignIn", "The server no longer accepts the user name and password. Sign in again."
    ),
    AuthMethod.TOKEN: QT_TRANSLATE_NOOP(
        "SignIn",
        "The server no longer accepts the token (it may have expired). Sign in again with a "
        "new token.",
    ),
}


def check_input(credentials: Credentials, method: AuthMethod) -> None:
    """Refuse what cannot be sent, in words that never repeat the secret."""
    token = method is AuthMethod.TOKEN
    if not token and not credentials.user.strip():
        raise SignInError(translate("SignIn", "Enter a user name."))
    if not credentials.secret:
        raise SignInError(
            translate("SignIn", "Enter the token.")
            if token
            else translate("SignIn", "Enter a password.")
        )
    if token and not _TOKEN.fullmatch(credentials.secret):
        raise SignInError(
            translate(
                "SignIn",
                "The token holds a space, a line break or another character no token has. "
                "Copy it again, all of it and nothing more.",
            )
        )
    if _CONTROL.search(credentials.user):
        raise SignInError(
            translate(
                "SignIn",
                "The user name or password holds a line break, a tab or another control "
                "character, which no password has. Type it again.",
            )
        )
    if _CONTROL.search(credentials.secret):
        raise SignInError(
            translate(
                "SignIn",
                "The password holds a line break, a tab or another control character, which no "
                "password has. Type it again.",
            )
        )
    if credentials.tenant and method is not AuthMethod.SESSION:
        raise TenantError(
            translate(
                "SignIn",
                "A tenant can only be given with session sign-in: clear the tenant or sign in "
                "with a session.",
            )
        )


def login_outcome(document: Any, credentials: Credentials) -> None:
    """Return for a successful login answer; raise the matching sign-in error otherwise."""
    try:
        envelope.unwrap(document, "sign-in answer")
        return
    except ServerError as exc:
        message, code = exc.server_message, exc.code
    low = message.lower()
    tenant = credentials.tenant
    need = document.get("needCaptcha") in (True, "true")
    if "captcha" in low:
        if "wrong" in low:
            raise CaptchaRequired(
                translate(
                    "SignIn",
                    "The code from the picture was not right. Type the code from the new picture.",
                ),
                wrong=True,
            )
        raise CaptchaRequired(translate("SignIn", "Type the code shown in the picture to sign in."))
    if "tenant" in low:
        if "disabled" in low:
            raise TenantError(
                translate(
                    "SignIn",
                    "The tenant {tenant} is disabled. Ask the server administrator to enable "
                    "it, or sign in to another tenant.",
                ).format(tenant=repr(tenant))
            )
        raise TenantError(
            translate(
                "SignIn",
                "The server has no tenant {tenant}. Check its spelling (for example tenant1), "
                "or leave the tenant empty.",
            ).format(tenant=repr(tenant))
        )
    if "too many" in low or "lock" in low:
        raise SignInError(
            translate(
                "SignIn",
                "The server refuses sign-ins from this computer after too many failed attempts "
                "(for up to 24 hours). Wait, or ask the server administrator to lift the block.",
            )
        )
    if low in ("", "wrong password") or ("password" in low and "empty" not in low):
        if need:
            raise CaptchaRequired(
                translate(
                    "SignIn",
                    "Wrong user name or password. After several failed attempts the server also "
                    "wants the code shown in the picture: check the password and type the code.",
                )
            )
        raise SignInError(translate("SignIn", WRONG_PASSWORD))
    if code == "400":
        raise SignInError(
            translate(
                "SignIn", "Enter a user name and a password (the server said: {message})."
            ).format(message=message)
        )
    raise SignInError(
        translate("SignIn", "The server refused the sign-in: {message}.").format(message=message)
    )


class BearerAuth(httpx.Auth):
    """Adds ``Authorization: Bearer …`` to /plugin paths (the only ones that accept it)."""

    def __init__(self, token: str) -> None:
        self._token = token

    def __repr__(self) -> str:
        return "<BearerAuth token=***>"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if "/plugin/" in request.url.path:
            request.headers["Authorization"] = f"Bearer {self._token}"
        yield request

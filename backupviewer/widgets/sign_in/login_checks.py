"""What the sign-in form still lacks before it is sent, in words, and which field it is about."""

from __future__ import annotations

from backupviewer.core.datafor.addresses import EXAMPLE_URL, has_user_info
from backupviewer.core.datafor.auth import AuthMethod
from backupviewer.core.words import translate
from backupviewer.qt.session_controller import SignInRequest


def missing(request: SignInRequest, captcha_shown: bool) -> tuple[str, str]:
    """What is missing, and in which field (``server``, ``user``, ``password``, ``captcha``;
    "" when nothing is); `captcha_shown`: the dialog asks for a captcha's code."""
    if not request.server:
        return translate(
            "LoginChecks", "Enter the server's address, for example {example}."
        ).format(example=EXAMPLE_URL), "server"
    if has_user_info(request.server):
        return translate(
            "LoginChecks",
            "The address holds a user name or password (user:password@…). Leave them "
            "out of it and type them in their fields: an address is remembered, a "
            "password only in the system keyring, when you ask.",
        ), "server"
    token = request.method is AuthMethod.TOKEN
    if not token and not request.user:
        return translate("LoginChecks", "Enter your user name."), "user"
    if not request.secret:
        if token:
            return translate("LoginChecks", "Enter the token."), "password"
        return translate("LoginChecks", "Enter your password."), "password"
    if captcha_shown and not request.captcha:
        return translate("LoginChecks", "Type the characters shown in the picture."), "captcha"
    return "", ""

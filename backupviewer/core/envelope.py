"""Read Datafor's JSON envelope ``{"success", "code", "msg", "data"}`` from raw bytes."""

from __future__ import annotations

from typing import Any

import orjson

from backupviewer.core.errors import ProtocolError, ServerError
from backupviewer.core.words import QT_TRANSLATE_NOOP, translate

# What a message names the answer it could not read (`what`), translated where it is shown.
ANSWER = QT_TRANSLATE_NOOP("Envelope", "answer")
SIGN_IN_ANSWER = QT_TRANSLATE_NOOP("Envelope", "sign-in answer")
USER_DETAILS = QT_TRANSLATE_NOOP("Envelope", "user details")
CAPTCHA_PICTURE = QT_TRANSLATE_NOOP("Envelope", "captcha picture")
HISTORY = QT_TRANSLATE_NOOP("Envelope", "backup history")
SCHEDULES = QT_TRANSLATE_NOOP("Envelope", "list of schedules")
BACKUP = QT_TRANSLATE_NOOP("Envelope", "backup")
BACKUP_DOWNLOAD = QT_TRANSLATE_NOOP("Envelope", "backup download")


def what_words(what: str) -> str:
    """`what` (one of the names above) in the interface's language."""
    return translate("Envelope", what)


def looks_like_html(body: bytes) -> bool:
    """True when the body is an HTML page (a login page or a proxy's error page)."""
    head = body[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<?xml"))


def load_json(body: bytes, what: str = ANSWER) -> Any:
    """Parse JSON bytes, turning every failure into a `ProtocolError` naming `what`."""
    if looks_like_html(body):
        raise ProtocolError(
            translate(
                "Envelope",
                "The server sent a web page instead of the {what}. The address may point at a "
                "proxy or a login page rather than the Datafor server, or the session may have "
                "ended.",
            ).format(what=what_words(what))
        )
    if not body.strip():
        raise ProtocolError(
            translate("Envelope", "The server sent an empty {what}.").format(what=what_words(what))
        )
    try:
        return orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        if "recursion" in str(exc).lower() or "depth" in str(exc).lower():
            hint = translate("Envelope", "it is nested deeper than any backup history is")
        elif _truncated(body):
            hint = translate("Envelope", "it was cut off")
        else:
            hint = translate("Envelope", "it is not valid JSON")
        raise ProtocolError(
            translate(
                "Envelope",
                "The server's {what} could not be read: {reason} ({error}). Try again; if it "
                "keeps happening, check the proxy or the server log.",
            ).format(what=what_words(what), reason=hint, error=exc)
        ) from None


def _truncated(body: bytes) -> bool:
    tail = body.rstrip()[-1:]
    return tail not in (b"}", b"]")


def code_text(value: Any) -> str | None:
    """The envelope's ``code`` as text whether it came as a string or a number."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip() or None


def unwrap(document: Any, what: str = ANSWER) -> Any:
    """Return ``data`` of a successful envelope; raise `ServerError` for ``success: false``."""
    if not isinstance(document, dict) or "success" not in document:
        raise ProtocolError(
            translate("Envelope", "The server's {what} is not in the documented format.").format(
                what=what_words(what)
            )
        )
    success = document.get("success")
    if success is True or (isinstance(success, str) and success.strip().lower() == "true"):
        return document.get("data")
    code = code_text(document.get("code"))
    msg = str(document.get("msg") or "").strip()
    if msg and code:
        said = translate("Envelope", "The server refused the request: {message} (code {code}).")
    elif msg:
        said = translate("Envelope", "The server refused the request: {message}.")
    elif code:
        said = translate("Envelope", "The server refused the request (code {code}).")
    else:
        said = translate("Envelope", "The server refused the request.")
    raise ServerError(said.format(message=msg, code=code), code=code, server_message=msg)


def read_data(body: bytes, what: str = ANSWER) -> Any:
    """`load_json` then `unwrap`."""
    return unwrap(load_json(body, what), what)

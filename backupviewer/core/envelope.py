"""Read Datafor's JSON envelope ``{"success", "code", "msg", "data"}`` from raw bytes."""

from __future__ import annotations

from typing import Any

import orjson

from backupviewer.core.errors import ProtocolError, ServerError


def looks_like_html(body: bytes) -> bool:
    """True when the body is an HTML page (a login page or a proxy's error page)."""
    head = body[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<?xml"))


def load_json(body: bytes, what: str = "answer") -> Any:
    """Parse JSON bytes, turning every failure into a `ProtocolError` naming `what`."""
    if looks_like_html(body):
        raise ProtocolError(
            f"The server sent a web page instead of the {what}. The address may point at a proxy "
            "or a login page rather than the Datafor server, or the session may have ended."
        )
    if not body.strip():
        raise ProtocolError(f"The server sent an empty {what}.")
    try:
        return orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        if "recursion" in str(exc).lower() or "depth" in str(exc).lower():
            hint = "it is nested deeper than any backup history is"
        else:
            hint = "it was cut off" if _truncated(body) else "it is not valid JSON"
        raise ProtocolError(
            f"The server's {what} could not be read: {hint} ({exc}). Try again; if it keeps "
            "happening, check the proxy or the server log."
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


def unwrap(document: Any, what: str = "answer") -> Any:
    """Return ``data`` of a successful envelope; raise `ServerError` for ``success: false``."""
    if not isinstance(document, dict) or "success" not in document:
        raise ProtocolError(f"The server's {what} is not in the documented format.")
    success = document.get("success")
    if success is True or (isinstance(success, str) and success.strip().lower() == "true"):
        return document.get("data")
    code = code_text(document.get("code"))
    msg = str(document.get("msg") or "").strip()
    detail = f": {msg}" if msg else ""
    raise ServerError(
        f"The server refused the request{detail}" + (f" (code {code})." if code else "."),
        code=code,
        server_message=msg,
    )


def read_data(body: bytes, what: str = "answer") -> Any:
    """`load_json` then `unwrap`."""
    return unwrap(load_json(body, what), what)

"""Read Datafor's JSON envelope ``{"success", "code", "msg", "data"}`` from raw bytes."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Generator
from typing import Any

import orjson

from backupviewer.core.errors import ProtocolError, ServerError
from backupviewer.core.words import QT_TRANSLATE_NOOP, Phrase, translate

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
    """Parse JSON bytes, turning every failure into a `ProtocolError` naming `what` (its words
    made where it is shown: a decoding worker raises it too)."""
    named = Phrase("Envelope", what)
    if looks_like_html(body):
        raise ProtocolError(
            Phrase(
                "Envelope",
                QT_TRANSLATE_NOOP(
                    "Envelope",
                    "The server sent a web page instead of the {what}. The address may point "
                    "at a proxy or a login page rather than the Datafor server, or the session "
                    "may have ended.",
                ),
                what=named,
            )
        )
    if not body.strip():
        raise ProtocolError(
            Phrase(
                "Envelope",
                QT_TRANSLATE_NOOP("Envelope", "The server sent an empty {what}."),
                what=named,
            )
        )
    try:
        return orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        if "recursion" in str(exc).lower() or "depth" in str(exc).lower():
            hint = QT_TRANSLATE_NOOP("Envelope", "it is nested deeper than any backup history is")
        elif _truncated(body):
            hint = QT_TRANSLATE_NOOP("Envelope", "it was cut off")
        else:
            hint = QT_TRANSLATE_NOOP("Envelope", "it is not valid JSON")
        raise ProtocolError(
            Phrase(
                "Envelope",
                QT_TRANSLATE_NOOP(
                    "Envelope",
                    "The server's {what} could not be read: {reason} ({error}). Try again; if "
                    "it keeps happening, check the proxy or the server log.",
                ),
                what=named,
                reason=Phrase("Envelope", hint),
                error=str(exc),
            )
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
            Phrase(
                "Envelope",
                QT_TRANSLATE_NOOP(
                    "Envelope", "The server's {what} is not in the documented format."
                ),
                what=Phrase("Envelope", what),
            )
        )
    success = document.get("success")
    if success is True or (isinstance(success, str) and success.strip().lower() == "true"):
        return document.get("data")
    code = code_text(document.get("code"))
    msg = str(document.get("msg") or "").strip()
    if msg and code:
        said = QT_TRANSLATE_NOOP(
            "Envelope", "The server refused the request: {message} (code {code})."
        )
    elif msg:
        said = QT_TRANSLATE_NOOP("Envelope", "The server refused the request: {message}.")
    elif code:
        said = QT_TRANSLATE_NOOP("Envelope", "The server refused the request (code {code}).")
    else:
        said = QT_TRANSLATE_NOOP("Envelope", "The server refused the request.")
    raise ServerError(
        Phrase("Envelope", said, message=msg, code=code), code=code, server_message=msg
    )


def read_data(body: bytes, what: str = ANSWER) -> Any:
    """`load_json` then `unwrap`."""
    return unwrap(load_json(body, what), what)


def read_data_in_steps(
    body: bytes, what: str = ANSWER, keep: Callable[[Any], bool] | None = None
) -> Generator[None, None, Any]:
    """`read_data`, pausing (yielding) between parts of a large answer whose ``data`` is a
    list – orjson would take up to a quarter of a second at once for 10 MB of small items,
    where a window must not stop for more than a few dozen milliseconds. The list is cut at
    commas into parts of about `_PART` bytes, each read at once: a cut inside an item leaves
    a part that is not JSON, and the cut moves on to the next comma. Any other answer, or one
    whose parts cannot be found, is read at once (which says what is wrong with it). `keep`:
    which items of the list to keep (all when None); with it, ``data`` is always a list."""
    if len(body) <= _AT_ONCE or (found := _data_list(body)) is None:
        data = read_data(body, what)
        return list(filter(keep, data)) if keep is not None and isinstance(data, list) else data
    document, start, close = found
    items: list[Any] = []
    while start < close:
        yield
        part = yield from _part(body, start, close)
        if part is None:
            data = read_data(body, what)
            return list(filter(keep, data)) if keep is not None else data
        read, start = part
        items += read if keep is None else filter(keep, read)
    document["data"] = items
    return unwrap(document, what)


_AT_ONCE = 512_000  # an answer this small is read at once (a few milliseconds)
_PART = 256_000
_CUTS = 16  # cuts tried for one part (then the answer is read at once)
_DATA = re.compile(rb'"data"\s*:\s*\[')


def _data_list(body: bytes) -> tuple[dict[str, Any], int, int] | None:
    """The envelope with an empty ``data`` list, and where the list's items lie in `body`;
    None when the answer is not such an envelope."""
    for found in itertools.islice(_DATA.finditer(body), 4):
        close = len(body)
        for _ in range(4):
            close = body.rfind(b"]", found.end(), close)
            if close < 0:
                break
            try:
                document = orjson.loads(body[: found.end()] + body[close:])
            except orjson.JSONDecodeError:
                continue
            if isinstance(document, dict) and document.get("data") == []:
                return document, found.end(), close
    return None


def _part(
    body: bytes, start: int, close: int
) -> Generator[None, None, tuple[list[Any], int] | None]:
    """The items of the list from `start` up to a cut near `_PART` bytes on, and where the
    next part starts; None when no cut within a few parts' length makes one."""
    limit = start + 4 * _PART
    cut = start + _PART
    for _ in range(_CUTS):
        if cut < close:
            cut = body.find(b",", cut, min(close, limit))
            if cut < 0 and close > limit:
                return None  # (an item of megabytes)
            cut = close if cut < 0 else cut
        cut = min(cut, close)
        try:
            return orjson.loads(b"[" + body[start:cut] + b"]"), min(cut + 1, close)
        except orjson.JSONDecodeError:
            if cut >= close:
                return None
            cut += 1
            yield
    return None

"""Server addresses: what the user typed made into base URLs, and what is safe to keep of it."""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit, urlunsplit

from backupviewer.core.errors import NetworkError
from backupviewer.core.words import translate

CONTEXT = "datafor"
EXAMPLE_URL = "http://localhost:28080/datafor"
_USER_INFO = re.compile(r"^([a-z][a-z0-9+.-]*://)?.*@", re.IGNORECASE | re.DOTALL)


def normalize_base_url(text: str) -> list[str]:
    """Base URLs to try for what the user typed, the typed one first.

    Adds ``http://`` when no scheme is given, drops a trailing slash, a query and any user
    name in the address, and offers the address with the ``/datafor`` context added or
    removed. Raises `NetworkError` when the text cannot be a web address; its message never
    repeats a user name or password typed into the address.
    """
    typed = text.strip()
    if not typed:
        raise NetworkError(
            translate("Addresses", "Enter the server's address, for example {example}.").format(
                example=EXAMPLE_URL
            )
        )
    not_an_address = NetworkError(
        translate("Addresses", "{address} is not a web address. Enter one like {example}.").format(
            address=repr(without_user_info(typed)), example=EXAMPLE_URL
        )
    )
    try:
        parts = urlsplit(typed if "://" in typed else f"http://{typed}")
        port = parts.port
    except ValueError:  # a port out of range, a broken [IPv6] address
        raise not_an_address from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or port == 0:
        raise not_an_address
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    netloc = host if port is None else f"{host}:{port}"
    path = parts.path.rstrip("/")
    segments = path.split("/")

    def url(with_path: str) -> str:
        return urlunsplit((parts.scheme.lower(), netloc, with_path, "", ""))

    if segments[-1] == CONTEXT:
        other = "/".join(segments[:-1])
    elif CONTEXT in segments:
        other = "/".join(segments[: segments.index(CONTEXT) + 1])
    else:
        other = f"{path}/{CONTEXT}"
    return [url(path), url(other)]


def without_user_info(text: str) -> str:
    """`text` without a ``user:password@`` part, so it can be shown or logged."""
    return _USER_INFO.sub(r"\1", text)


def has_user_info(text: str) -> bool:
    """Whether an address holds a user name or password (``https://user:pw@host``)."""
    typed = text.strip()
    try:
        netloc = urlsplit(typed if "://" in typed else f"http://{typed}").netloc
    except ValueError:
        return "@" in typed
    return "@" in netloc


def is_local(url: str) -> bool:
    """Whether `url` points at this computer (``localhost``, 127.x.x.x, ``::1``), where plain
    http crosses no network."""
    try:
        host = urlsplit(url if "://" in url else f"http://{url}").hostname or ""
    except ValueError:
        return False
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def unencrypted(url: str) -> bool:
    """Whether a secret sent to `url` would cross a network in clear text (plain http, or no
    scheme, to another computer)."""
    scheme = url.strip().partition("://")[0].lower() if "://" in url else "http"
    return scheme == "http" and not is_local(url)

"""Server addresses: what the user typed made into base URLs, and where a redirect points."""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

import httpx

from backupviewer.core.errors import NetworkError, ProtocolError

CONTEXT = "datafor"
EXAMPLE_URL = "http://localhost:28080/datafor"
_USER_INFO = re.compile(r"^([a-z][a-z0-9+.-]*://)?.*@", re.IGNORECASE | re.DOTALL)
_PATH_PARAMETERS = re.compile(r";[^/]*")


def normalize_base_url(text: str) -> list[str]:
    """Base URLs to try for what the user typed, the typed one first.

    Adds ``http://`` when no scheme is given, drops a trailing slash, a query and any user
    name in the address, and offers the address with the ``/datafor`` context added or
    removed. Raises `NetworkError` when the text cannot be a web address; its message never
    repeats a user name or password typed into the address.
    """
    typed = text.strip()
    if not typed:
        raise NetworkError(f"Enter the server's address, for example {EXAMPLE_URL}.")
    not_an_address = NetworkError(
        f"{without_user_info(typed)!r} is not a web address. Enter one like {EXAMPLE_URL}."
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


def redirect_target(response: httpx.Response) -> str:
    """Where a redirect points, made absolute, without user info, path parameters or query.

    Path parameters (Tomcat's ``;jsessionid=``) and the query may hold secrets.
    """
    try:
        target = response.url.join(response.headers.get("location", ""))
    except httpx.InvalidURL:
        return "an unusable address"
    path = _PATH_PARAMETERS.sub("", target.path)
    host = f"[{target.host}]" if ":" in target.host else target.host
    netloc = host if target.port is None else f"{host}:{target.port}"
    return urlunsplit((target.scheme, netloc, path, "", ""))


def moved_base(response: httpx.Response, path: str) -> str | None:
    """The base URL a redirect of ``<base>/<path>`` points to: its target less `path`.

    None when `response` is no redirect, or its target is not `path` under some base URL.
    """
    if not response.is_redirect:
        return None
    target = urlsplit(redirect_target(response))
    suffix = f"/{path}"
    if not target.path.rstrip("/").endswith(suffix):
        return None
    base_path = target.path.rstrip("/").removesuffix(suffix)
    try:
        return normalize_base_url(urlunsplit((target.scheme, target.netloc, base_path, "", "")))[0]
    except NetworkError:
        return None


def refuse_downgrade(base: str, response: httpx.Response) -> None:
    """Never follow a redirect from https to plain http with the credentials."""
    target = redirect_target(response)
    if base.startswith("https:") and target.startswith("http:"):
        raise ProtocolError(
            f"The server at {base} redirects to {target}, which is not encrypted, so the viewer "
            "does not send the sign-in there. If that really is the server's address, enter it "
            "yourself."
        )

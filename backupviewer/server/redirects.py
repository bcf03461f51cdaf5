"""Finding the server: where a redirect points, and which redirects may be followed."""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from urllib.parse import SplitResult, urlsplit, urlunsplit

import httpx

from backupviewer.core.datafor import envelope
from backupviewer.core.datafor.addresses import EXAMPLE_URL, normalize_base_url
from backupviewer.core.errors import NetworkError, ProtocolError
from backupviewer.core.words import translate

logger = logging.getLogger(__name__)

_NOT_HERE = (404, 405, 501)
"""What a web server that is not Datafor answers Datafor's requests with (501: a plain web
server that knows GET only)."""

_PATH_PARAMETERS = re.compile(r";[^/]*")
_MAX_MOVES = 5  # redirects followed while looking for the server


def redirect_target(response: httpx.Response) -> str:
    """Where a redirect points, made absolute, without user info, path parameters or query.

    Path parameters (Tomcat's ``;jsessionid=``) and the query may hold secrets.
    """
    try:
        target = response.url.join(response.headers.get("location", ""))
    except httpx.InvalidURL:
        return translate("Redirects", "an unusable address")
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


def same_host(base: str, target: str) -> bool:
    """Whether a redirect from `base` to `target` stays with the same server: the same host
    name and port, or the same host name from http up to https (whatever its port)."""
    here, there = urlsplit(base), urlsplit(target)
    if (here.hostname or "").lower() != (there.hostname or "").lower():
        return False
    if here.scheme == "http" and there.scheme == "https":
        return True
    return here.scheme == there.scheme and _port(here) == _port(there)


def _port(parts: SplitResult) -> int | None:
    try:
        return parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    except ValueError:
        return None


def refuse_downgrade(base: str, response: httpx.Response) -> None:
    """Never follow a redirect from https to plain http with the credentials."""
    target = redirect_target(response)
    if base.startswith("https:") and target.startswith("http:"):
        raise ProtocolError(
            translate(
                "Redirects",
                "The server at {address} redirects to {target}, which is not encrypted, so the "
                "viewer does not send the sign-in there. If that really is the server's address, "
                "enter it yourself.",
            ).format(address=base, target=target)
        )


async def find_server(
    candidates: list[str],
    path: str,
    attempt: Callable[[str], Awaitable[httpx.Response]],
) -> str:
    """The first candidate base URL that answers like Datafor.

    `attempt` sends the request for `path` (with no credential) to a base URL. A server
    that redirects it to the same path on the same host (up to https, or under another
    context) has moved there, and the request is sent again there; a redirect to another
    host ends the search: the user is told where the server went, and nothing is sent.
    """
    misses: dict[str, None] = {}  # what came back, in order, without repeats
    tried: dict[str, None] = {}
    moved: str | None = None  # the first redirect that leads to no base URL
    for first in candidates:
        base = first
        tried[base] = None
        response = await attempt(base)
        for hop in range(_MAX_MOVES + 1):
            new_base = moved_base(response, path)
            if new_base is None:
                break
            if hop == _MAX_MOVES or new_base == base:
                raise ProtocolError(
                    translate(
                        "Redirects",
                        "The server at {address} keeps redirecting (last to {target}). Check "
                        "the address (http or https) and the proxy set-up.",
                    ).format(address=first, target=redirect_target(response))
                )
            refuse_downgrade(base, response)
            if not same_host(base, new_base):
                raise ProtocolError(_moved(redirect_target(response)))
            logger.debug("%s redirects to %s; trying there", base, new_base)
            base = new_base
            tried[base] = None
            response = await attempt(base)
        status = response.status_code
        if response.is_redirect:
            moved = moved or redirect_target(response)
            continue
        if status in _NOT_HERE or (status == 200 and envelope.looks_like_html(response.content)):
            page = translate("Redirects", "a web page")
            misses[f"HTTP {status}" if status != 200 else page] = None
            continue
        if base != first:
            logger.info("The server moved from %s to %s", first, base)
        return base
    if moved is not None:
        raise ProtocolError(_moved(moved))
    raise ProtocolError(
        translate(
            "Redirects",
            "No Datafor server answered at {addresses} ({answers}). Check the address: a "
            "default installation is {example}.",
        ).format(
            addresses=translate("Redirects", " or ").join(tried),
            answers=translate("Redirects", ", ").join(misses),
            example=EXAMPLE_URL,
        )
    )


def _moved(target: str) -> str:
    return translate("Redirects", "The server moved to {target}; use that address.").format(
        target=target
    )

"""httpx's failures made into the project's typed errors, with words a person can act on."""

from __future__ import annotations

import contextlib
import logging
import socket
import ssl
from collections.abc import Iterator
from urllib.parse import urlsplit

import httpx

from backupviewer.core import words
from backupviewer.core.datafor import envelope
from backupviewer.core.datafor.addresses import EXAMPLE_URL
from backupviewer.core.errors import (
    BackupViewerError,
    NetworkError,
    ProtocolError,
    ServerError,
    described,
)
from backupviewer.server.redirects import redirect_target

logger = logging.getLogger(__name__)


def check_http(response: httpx.Response, what: str) -> None:
    """Raise `ServerError` for HTTP errors (besides 401/403, which callers judge).

    Redirects count as errors too: signing in follows a server that moved, so one afterwards
    means the server moved while signed in. `what` names the answer (see `envelope`).
    """
    status = response.status_code
    named = envelope.what_words(what)
    if response.is_redirect:
        raise ServerError(
            words.translate(
                "HttpErrors",
                "The server sent the request for the {what} on to {target} (HTTP {status}). If "
                "the server has moved, sign in again at its new address.",
            ).format(what=named, target=redirect_target(response), status=status),
            code=str(status),
        )
    if status < 400 or status in (401, 403):
        return
    reason = f"HTTP {status} {response.reason_phrase}".strip()
    if status in (502, 503, 504):
        message = words.translate(
            "HttpErrors",
            "The server could not send the {what} ({reason}). A proxy in front of Datafor "
            "could not reach it: the server may be down or restarting. Try again later.",
        )
    elif status == 501:
        message = words.translate(
            "HttpErrors",
            "The server at {address} does not know the request for the {what} ({reason}): it "
            "is a web server, but not Datafor. Check the address (and the port).",
        )
    elif status >= 500:
        message = words.translate(
            "HttpErrors",
            "The server failed while sending the {what} ({reason}). Try again later; if it "
            "keeps happening, the server log will say why.",
        )
    elif status == 404:
        message = words.translate(
            "HttpErrors",
            "The server has no {what} at {address} ({reason}). Check the address and that the "
            "Datafor backup plugin is installed.",
        )
    else:
        message = words.translate(
            "HttpErrors", "The server refused the request for the {what} ({reason})."
        )
    if status == 501:
        address = response.url.copy_with(path="/", query=None)
    else:
        address = response.url.copy_with(query=None)
    raise ServerError(message.format(what=named, reason=reason, address=address), code=str(status))


@contextlib.contextmanager
def translated(url: str, timeout: float) -> Iterator[None]:
    """Turn httpx's exceptions into the project's typed errors."""
    try:
        yield
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        logger.debug("Request to %s failed: %r", url, exc)
        raise translate(exc, url, timeout) from None


def translate(exc: Exception, url: str, timeout: float) -> BackupViewerError:
    """httpx's `exc` for a request to `url` as the project's error, in the user's words
    (`words.translate` gives those: this function took the name first)."""
    parts = urlsplit(url)
    where = f"{parts.scheme}://{parts.netloc}"
    if isinstance(exc, httpx.ConnectTimeout):
        return NetworkError(
            words.translate(
                "HttpErrors",
                "Could not reach the server at {address}: it did not answer the connection "
                "attempt. Check the address, the network and any VPN or firewall.",
            ).format(address=where)
        )
    if isinstance(exc, httpx.TimeoutException):
        return NetworkError(
            words.translate(
                "HttpErrors",
                "The server at {address} did not answer within {seconds:g} s. It may be busy; "
                "try again later.",
            ).format(address=where, seconds=timeout)
        )
    if isinstance(exc, httpx.ConnectError):
        return _connect_error(_root_cause(exc), where, parts.hostname or where)
    if isinstance(exc, httpx.RemoteProtocolError | httpx.ReadError | httpx.WriteError):
        return NetworkError(
            words.translate(
                "HttpErrors",
                "The connection to {address} broke off before the answer was complete. Try "
                "again; if it keeps happening, a proxy or the server may be cutting answers "
                "short.",
            ).format(address=where)
        )
    if isinstance(exc, httpx.UnsupportedProtocol | httpx.InvalidURL):
        return NetworkError(
            words.translate(
                "HttpErrors", "{address} is not an address the viewer can use, such as {example}."
            ).format(address=url, example=EXAMPLE_URL)
        )
    if isinstance(exc, httpx.TooManyRedirects):
        return ProtocolError(
            words.translate(
                "HttpErrors",
                "The server at {address} keeps redirecting. Check the address (http or https) "
                "and the proxy set-up.",
            ).format(address=where)
        )
    if isinstance(exc, httpx.DecodingError | httpx.ProtocolError):
        return ProtocolError(
            words.translate(
                "HttpErrors", "The answer from {address} could not be read ({error}). Try again."
            ).format(address=where, error=described(exc))
        )
    return NetworkError(
        words.translate(
            "HttpErrors", "The request to {address} failed ({error}). Try again."
        ).format(address=where, error=described(exc))
    )


def _connect_error(cause: BaseException, where: str, host: str) -> NetworkError:
    if isinstance(cause, ssl.SSLCertVerificationError):
        reason = getattr(cause, "verify_message", None) or cause
        message = words.translate(
            "HttpErrors",
            "The certificate of {address} is not trusted ({reason}). If the server uses a "
            "private certificate authority, choose its CA certificate file (--ca-bundle); turn "
            "certificate checks off (--insecure) only on a network you trust.",
        )
    elif isinstance(cause, ssl.SSLError):
        reason = cause.reason or cause
        message = words.translate(
            "HttpErrors",
            "A secure (TLS) connection to {address} failed ({reason}). If the server speaks "
            "plain HTTP, use an http:// address.",
        )
    elif isinstance(cause, socket.gaierror):
        reason = ""
        message = words.translate(
            "HttpErrors",
            "The server name {host} could not be found (DNS). Check the spelling of the "
            "address and the network connection.",
        )
    elif isinstance(cause, ConnectionRefusedError):
        reason = ""
        message = words.translate(
            "HttpErrors",
            "Could not reach the server at {address}: connection refused. Is the address "
            "right and the server running?",
        )
    else:
        reason = described(cause)
        message = words.translate(
            "HttpErrors",
            "Could not reach the server at {address} ({reason}). Check the address and the "
            "network.",
        )
    return NetworkError(message.format(address=where, reason=reason, host=repr(host)))


def _root_cause(exc: BaseException) -> BaseException:
    """The innermost exception behind `exc` (ssl, socket or OS errors under httpx's)."""
    for _ in range(20):
        inner = exc.__cause__ or exc.__context__
        if inner is None:
            break
        exc = inner
    return exc

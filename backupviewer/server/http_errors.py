"""httpx's failures made into the project's typed errors, with words a person can act on."""

from __future__ import annotations

import contextlib
import logging
import socket
import ssl
from collections.abc import Iterator
from urllib.parse import urlsplit

import httpx

from backupviewer.core.addresses import EXAMPLE_URL
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
    means the server moved while signed in.
    """
    status = response.status_code
    if response.is_redirect:
        raise ServerError(
            f"The server sent the request for the {what} on to {redirect_target(response)} "
            f"(HTTP {status}). If the server has moved, sign in again at its new address.",
            code=str(status),
        )
    if status < 400 or status in (401, 403):
        return
    reason = f"HTTP {status} {response.reason_phrase}".strip()
    if status in (502, 503, 504):
        message = (
            f"The server could not send the {what} ({reason}). A proxy in front of Datafor "
            "could not reach it: the server may be down or restarting. Try again later."
        )
    elif status == 501:
        message = (
            f"The server at {response.url.copy_with(path='/', query=None)} does not know the "
            f"request for the {what} ({reason}): it is a web server, but not Datafor. Check the "
            "address (and the port)."
        )
    elif status >= 500:
        message = (
            f"The server failed while sending the {what} ({reason}). Try again later; if it "
            "keeps happening, the server log will say why."
        )
    elif status == 404:
        message = (
            f"The server has no {what} at {response.url.copy_with(query=None)} ({reason}). "
            "Check the address and that the Datafor backup plugin is installed."
        )
    else:
        message = f"The server refused the request for the {what} ({reason})."
    raise ServerError(message, code=str(status))


@contextlib.contextmanager
def translated(url: str, timeout: float) -> Iterator[None]:
    """Turn httpx's exceptions into the project's typed errors."""
    try:
        yield
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        logger.debug("Request to %s failed: %r", url, exc)
        raise translate(exc, url, timeout) from None


def translate(exc: Exception, url: str, timeout: float) -> BackupViewerError:
    parts = urlsplit(url)
    where = f"{parts.scheme}://{parts.netloc}"
    if isinstance(exc, httpx.ConnectTimeout):
        return NetworkError(
            f"Could not reach the server at {where}: it did not answer the connection attempt. "
            "Check the address, the network and any VPN or firewall."
        )
    if isinstance(exc, httpx.TimeoutException):
        return NetworkError(
            f"The server at {where} did not answer within {timeout:g} s. It may be busy; try "
            "again later."
        )
    if isinstance(exc, httpx.ConnectError):
        return _connect_error(_root_cause(exc), where, parts.hostname or where)
    if isinstance(exc, httpx.RemoteProtocolError | httpx.ReadError | httpx.WriteError):
        return NetworkError(
            f"The connection to {where} broke off before the answer was complete. Try again; if "
            "it keeps happening, a proxy or the server may be cutting answers short."
        )
    if isinstance(exc, httpx.UnsupportedProtocol | httpx.InvalidURL):
        return NetworkError(f"{url} is not an address the viewer can use, such as {EXAMPLE_URL}.")
    if isinstance(exc, httpx.TooManyRedirects):
        return ProtocolError(
            f"The server at {where} keeps redirecting. Check the address (http or https) and "
            "the proxy set-up."
        )
    if isinstance(exc, httpx.DecodingError | httpx.ProtocolError):
        return ProtocolError(
            f"The answer from {where} could not be read ({described(exc)}). Try again."
        )
    return NetworkError(f"The request to {where} failed ({described(exc)}). Try again.")


def _connect_error(cause: BaseException, where: str, host: str) -> NetworkError:
    if isinstance(cause, ssl.SSLCertVerificationError):
        reason = getattr(cause, "verify_message", None) or cause
        return NetworkError(
            f"The certificate of {where} is not trusted ({reason}). If "
            "the server uses a private certificate authority, choose its CA certificate file "
            "(--ca-bundle); turn certificate checks off (--insecure) only on a network you trust."
        )
    if isinstance(cause, ssl.SSLError):
        return NetworkError(
            f"A secure (TLS) connection to {where} failed ({cause.reason or cause}). If the "
            "server speaks plain HTTP, use an http:// address."
        )
    if isinstance(cause, socket.gaierror):
        return NetworkError(
            f"The server name {host!r} could not be found (DNS). Check the spelling of the "
            "address and the network connection."
        )
    if isinstance(cause, ConnectionRefusedError):
        return NetworkError(
            f"Could not reach the server at {where}: connection refused. Is the address right "
            "and the server running?"
        )
    return NetworkError(
        f"Could not reach the server at {where} ({described(cause)}). Check the address and "
        "the network."
    )


def _root_cause(exc: BaseException) -> BaseException:
    """The innermost exception behind `exc` (ssl, socket or OS errors under httpx's)."""
    for _ in range(20):
        inner = exc.__cause__ or exc.__context__
        if inner is None:
            break
        exc = inner
    return exc

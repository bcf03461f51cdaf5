"""The Datafor client: sign-in, history, schedules and downloads; the only module using httpx."""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import logging
import os
import re
import socket
import ssl
import tempfile
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterator
from concurrent.futures import Future
from email.message import Message
from pathlib import Path
from types import TracebackType
from typing import Any, BinaryIO, NoReturn
from urllib.parse import urlsplit, urlunsplit

import httpx
import truststore

from backupviewer import __version__
from backupviewer.core import envelope
from backupviewer.core.auth import AuthMethod, Credentials, TlsOptions
from backupviewer.core.errors import (
    BackupViewerError,
    CaptchaRequired,
    DownloadError,
    NetworkError,
    NotPermitted,
    ProtocolError,
    ServerError,
    SessionExpired,
    SignInError,
    TenantError,
)
from backupviewer.core.records import Record, parse_log_response, triggers_from_schedules

logger = logging.getLogger(__name__)

LOGIN = "plugin/datafor/api/extension/auth/login"
CAPTCHA = "plugin/datafor/api/extension/auth/captcha.jpg"
LOGOUT = "plugin/datafor/api/extension/auth/logout"
WHO_AM_I = "plugin/datafor-modeler/api/user/detail"
LOG_QUERY = "plugin/datafor-backup/api/log/query"
SCHEDULES = "plugin/datafor-backup/api/query"
DOWNLOAD = "plugin/datafor-backup/api/log/download"
SMALL_BODY = 64 * 1024  # answers below this size have their envelope checked here
SPOOL_FROM = 1_000_000  # `DataforClient.history` puts larger answers in a temporary file
CONTEXT = "datafor"
EXAMPLE_URL = "http://localhost:28080/datafor"
_CHUNK = 64 * 1024
_FORM = {"Content-Type": "application/x-www-form-urlencoded"}
_JSON = {"Content-Type": "application/json"}
_Received = tuple[httpx.Response, bytes, tuple[BinaryIO, str] | None]
"""A history answer as received: the response, the start of its body, and the temporary file
holding all of it when it is large (the open file, its path)."""
_IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"BM")
_MAX_MOVES = 5  # redirects followed while looking for the server
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


class DataforClient:
    """One signed-in connection to a Datafor server (one `httpx.AsyncClient`).

    Every failure is raised as a `backupviewer.core.errors` type whose text is meant for the user;
    no httpx exception leaves this class. Secrets never reach logs, errors or reprs.
    """

    def __init__(
        self,
        base_url: str,
        *,
        tls: TlsOptions | None = None,
        timeout: float = 30.0,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._typed = base_url
        try:
            self.base_url = normalize_base_url(base_url)[0]
        except NetworkError:
            self.base_url = without_user_info(base_url.strip())
        self.display_name: str | None = None
        self.user: str | None = None
        self._tls = tls or TlsOptions()
        self._verified: ssl.SSLContext | bool | None = None  # see `_settings`
        self._timeout = timeout
        self._transport = transport
        self._http: httpx.AsyncClient | None = None
        self._method: AuthMethod | None = None
        self._auth: httpx.Auth | None = None
        self._located = False

    def __repr__(self) -> str:
        return f"<DataforClient {self.base_url} user={self.user!r}>"

    async def __aenter__(self) -> DataforClient:
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        await self.aclose()

    # -- signing in and out ------------------------------------------------------------------

    async def sign_in(self, credentials: Credentials) -> str:
        """Sign in and ask who we are; returns the user's display name.

        Raises `SignInError` (and its `CaptchaRequired`, `TenantError`), `NetworkError`,
        `ServerError` or `ProtocolError`. After `CaptchaRequired`, call `fetch_captcha` and
        sign in again with ``captcha=`` set.
        """
        method = AuthMethod(credentials.method)
        _check_input(credentials, method)
        candidates = [self.base_url] if self._located else normalize_base_url(self._typed)
        self._method = method
        self.user = self.display_name = None
        if method is AuthMethod.SESSION:
            self._auth = None
            await self._session_login(credentials, candidates)
            me = await self.who_am_i()
        else:
            self._client().cookies.clear()
            if method is AuthMethod.BASIC:
                self._auth = httpx.BasicAuth(credentials.user, credentials.secret)
            else:
                self._auth = _BearerAuth(credentials.secret)
            response = await self._locate(
                candidates, WHO_AM_I, lambda base: self._get(WHO_AM_I, base)
            )
            if response.status_code == 401:
                raise SignInError(_WRONG_PASSWORD)
            me = await self._user_from(response)
        if me is None:
            raise SignInError(_NOT_RECOGNISED[method])
        self.user = str(me.get("username") or credentials.user)
        self.display_name = str(me.get("name") or self.user)
        logger.info("Signed in to %s as %s (%s)", self.base_url, self.user, method)
        return self.display_name

    async def fetch_captcha(self) -> bytes:
        """The captcha picture for the current session (same cookie jar as the sign-in)."""
        response = await self._get(CAPTCHA)
        _check_http(response, "captcha picture")
        body = response.content
        image = response.headers.get("content-type", "").startswith("image/")
        if not (image or body.startswith(_IMAGE_MAGIC)):
            raise ProtocolError("The server did not send a captcha picture. Try again.")
        return body

    async def who_am_i(self) -> dict[str, Any] | None:
        """The signed-in user's details (``userid``, ``username``, ``name``…), None if anonymous."""
        return await self._user_from(await self._get(WHO_AM_I))

    async def sign_out(self) -> None:
        """End the session on the server; best effort, never raises for network trouble."""
        method, self._method = self._method, None
        if method is AuthMethod.SESSION and self._http is not None:
            try:
                await self._get(LOGOUT)
            except BackupViewerError as exc:
                logger.warning("Signing out of %s failed: %s", self.base_url, exc)
            else:
                logger.info("Signed out of %s", self.base_url)
        if self._http is not None:
            self._http.cookies.clear()
        self._auth = None
        self.user = self.display_name = None

    async def aclose(self) -> None:
        """Close the connection pool; the client cannot be used afterwards."""
        if self._http is not None:
            await self._http.aclose()

    # -- data --------------------------------------------------------------------------------

    async def fetch_history_bytes(self) -> bytes:
        """The raw ``log/query`` answer after the HTTP checks.

        Small answers also have their envelope checked (``success: false`` becomes a typed
        error); big ones are handed on unparsed for parsing off the GUI thread.
        """
        async with self.history(spool_from=None) as answer:
            assert isinstance(answer, bytes)
            return answer

    @contextlib.asynccontextmanager
    async def history(self, spool_from: int | None = SPOOL_FROM) -> AsyncIterator[bytes | str]:
        """`fetch_history_bytes`, but an answer larger than `spool_from` bytes is streamed into a
        temporary file as it arrives, and the path of that file is given instead (removed on
        exit): 100,000 backups (37 MB) never lie in memory, and worker processes read them."""
        url = f"{self.base_url}/{LOG_QUERY}"
        spooled: tuple[BinaryIO, str] | None = None
        try:
            with _translated(url, self._timeout):
                if self._transport is None:
                    response, head, spooled = await self._history_in_thread(url, spool_from)
                else:  # a transport of the tests' own: it only runs on the event loop
                    response, head, spooled = await self._history_here(url, spool_from)
            if not 200 <= response.status_code < 300:
                await self._read(response, _HISTORY)  # raises the matching error
            if envelope.looks_like_html(head):
                await self._web_page_instead(_HISTORY)
            if spooled is None:
                if len(head) < SMALL_BODY:
                    await self._data(head, _HISTORY)
                yield head
            else:
                spooled[0].close()
                yield spooled[1]
        finally:
            _remove_spooled(spooled)

    async def _history_here(self, url: str, spool_from: int | None) -> _Received:
        """The history request on the event loop: (response, head of the body, spooled)."""
        client = self._client()
        request = client.build_request("POST", url, content=b"{}", headers=_JSON)
        response = await client.send(request, auth=self._auth, stream=True)
        try:
            if not 200 <= response.status_code < 300:
                await response.aread()
                return response, b"", None
            return response, *await _spool(response, spool_from)
        finally:
            await response.aclose()

    async def _history_in_thread(self, url: str, spool_from: int | None) -> _Received:
        """`_history_here`, received by a blocking client in a thread: a large answer comes
        in 64 KiB reads, and each would otherwise be a turn of the GUI's event loop (a third
        slower for 37 MB, with the window busy meanwhile). Cancelling gives the download up;
        a file it had already written is removed."""
        stop = threading.Event()
        cookies = httpx.Cookies(self._client().cookies)  # a copy made here, not in the thread
        done = _in_thread(self._history_blocking, url, spool_from, cookies, stop)
        try:
            received = await asyncio.wrap_future(done)
        except asyncio.CancelledError:
            stop.set()
            done.add_done_callback(_discard_download)
            raise
        self._client().cookies.extract_cookies(received[0])  # a session the server renewed
        return received

    def _history_blocking(
        self, url: str, spool_from: int | None, cookies: httpx.Cookies, stop: threading.Event
    ) -> _Received:
        with httpx.Client(cookies=cookies, **self._settings()) as client:
            request = client.build_request("POST", url, content=b"{}", headers=_JSON)
            response = client.send(request, auth=self._auth, stream=True)
            try:
                if not 200 <= response.status_code < 300:
                    response.read()
                    return response, b"", None
                return response, *_spool_in_thread(response, spool_from, stop)
            finally:
                response.close()

    async def fetch_history(self) -> list[Record]:
        """The backup history as records, with triggers from the schedules for newer rows."""
        body = await self.fetch_history_bytes()
        try:
            triggers = triggers_from_schedules(await self.fetch_schedules())
        except (ServerError, ProtocolError) as exc:
            logger.warning("No schedules, so rows without a trigger show none: %s", exc)
            triggers = {}
        return parse_log_response(body, triggers)

    async def fetch_schedules(self) -> list[dict[str, Any]]:
        """The items of ``api/query`` (the backup schedules)."""
        response = await self._send("POST", SCHEDULES, content=b"", headers=_FORM)
        data = await self._data(await self._read(response, _SCHEDULES), _SCHEDULES)
        if data is None:
            return []
        if not isinstance(data, list):
            raise ProtocolError("The server's list of schedules is not a list.")
        return [item for item in data if isinstance(item, dict)]

    async def download_backup(
        self,
        backup_id: str,
        target: Path,
        progress: Callable[[int, int | None], None] | None = None,
    ) -> Path:
        """Save backup `backup_id`'s zip as `target`; returns `target`.

        Streams into a temporary file beside `target`, renamed into place only when complete;
        on any failure or cancellation nothing is left behind. `progress` gets (bytes so far,
        total or None). Raises `DownloadError` when the server sends an error note instead.
        """
        target = Path(target)
        url = f"{self.base_url}/{DOWNLOAD}"
        client = self._client()
        with _translated(url, self._timeout):
            request = client.build_request("GET", url, params={"id": backup_id})
            response = await client.send(request, auth=self._auth, stream=True)
            try:
                name = _attachment_name(response.headers.get("content-disposition"))
                if response.status_code != 200 or not _is_zip(response, name):
                    body = await _read_some(response)
                    await self._refused_download(response, body, name, backup_id)
                total = _content_length(response)
                await _save(response, target, total, progress)
            finally:
                await response.aclose()
        logger.info("Downloaded backup %s to %s", backup_id, target)
        return target

    # -- plumbing ------------------------------------------------------------------------------

    def _client(self) -> httpx.AsyncClient:
        if self._http is None:
            self._http = httpx.AsyncClient(transport=self._transport, **self._settings())
        return self._http

    def _settings(self) -> dict[str, Any]:
        """What every httpx client of this connection is made with (the certificate check
        is made once: both the event loop's client and the history's blocking one use it)."""
        if self._verified is None:
            self._verified = _verify(self._tls)
        return {
            "verify": self._verified,
            "timeout": httpx.Timeout(self._timeout, connect=min(self._timeout, 10.0)),
            "follow_redirects": False,  # see _locate: httpx would drop the sign-in on the way
            "headers": {"User-Agent": f"BackupViewer/{__version__}"},
        }

    async def _send(
        self, method: str, path: str, base: str | None = None, **kwargs: Any
    ) -> httpx.Response:
        url = f"{base or self.base_url}/{path}"
        client = self._client()
        with _translated(url, self._timeout):
            request = client.build_request(method, url, **kwargs)
            return await client.send(request, auth=self._auth)

    def _get(self, path: str, base: str | None = None) -> Awaitable[httpx.Response]:
        return self._send("GET", path, base)

    async def _locate(
        self,
        candidates: list[str],
        path: str,
        attempt: Callable[[str], Awaitable[httpx.Response]],
    ) -> httpx.Response:
        """The first candidate base URL that answers like Datafor becomes `base_url`.

        `attempt` sends the request for `path` to a base URL. A server that redirects that
        request to the same path elsewhere (http to https, a new host or context) has moved:
        the request is sent again, unchanged, to the new base URL. httpx's own redirect
        handling would turn the sign-in POST into a GET and drop the credentials.
        """
        misses: dict[str, None] = {}  # what came back, in order, without repeats
        tried: dict[str, None] = {}
        moved: str | None = None  # the first redirect that leads to no base URL
        for first in candidates:
            base = first
            tried[base] = None
            response = await attempt(base)
            for hop in range(_MAX_MOVES + 1):
                new_base = _moved_base(response, path)
                if new_base is None:
                    break
                if hop == _MAX_MOVES or new_base == base:
                    raise ProtocolError(
                        f"The server at {first} keeps redirecting (last to "
                        f"{_redirect_target(response)}). Check the address (http or https) and "
                        "the proxy set-up."
                    )
                _refuse_downgrade(base, response)
                logger.debug("%s redirects to %s; trying there", base, new_base)
                base = new_base
                tried[base] = None
                response = await attempt(base)
            status = response.status_code
            if response.is_redirect:
                moved = moved or _redirect_target(response)
                continue
            if status in (404, 405) or (
                status == 200 and envelope.looks_like_html(response.content)
            ):
                misses[f"HTTP {status}" if status != 200 else "a web page"] = None
                continue
            if base != first:
                logger.info("The server moved from %s to %s", first, base)
            self.base_url, self._located = base, True
            return response
        if moved is not None:
            raise ProtocolError(f"The server moved to {moved}; use that address.")
        raise ProtocolError(
            f"No Datafor server answered at {' or '.join(tried)} ({', '.join(misses)}). "
            f"Check the address: a default installation is {EXAMPLE_URL}."
        )

    async def _session_login(self, credentials: Credentials, candidates: list[str]) -> None:
        form = {"username": credentials.user, "password": credentials.secret}
        if credentials.tenant:
            form["tenantId"] = credentials.tenant
        if credentials.captcha is not None:
            form["captchaCode"] = credentials.captcha

        def attempt(base: str) -> Awaitable[httpx.Response]:
            return self._send("POST", LOGIN, base, data=form)

        response = await self._locate(candidates, LOGIN, attempt)
        if response.status_code in (401, 403):
            raise SignInError(
                f"The server refused the sign-in (HTTP {response.status_code}). Check the user "
                "name and password; after many failed attempts an address is also blocked."
            )
        _check_http(response, "sign-in answer")
        _login_outcome(envelope.load_json(response.content, "sign-in answer"), credentials)

    async def _user_from(self, response: httpx.Response) -> dict[str, Any] | None:
        """The ``user`` of a who-am-I answer; None when the call ran as anonymous."""
        if response.status_code in (401, 403) or envelope.looks_like_html(response.content):
            return None
        _check_http(response, "user details")
        try:
            data = envelope.read_data(response.content, "user details")
        except ServerError as exc:
            if exc.code in ("401", "403"):
                return None
            raise
        if data is None or data == [] or data == {}:
            return None
        user = data.get("user") if isinstance(data, dict) else None
        if not isinstance(user, dict):
            raise ProtocolError("The server's user details are not in the documented format.")
        return user or None

    async def _read(self, response: httpx.Response, what: str) -> bytes:
        """The body after HTTP checks; 401/403 and login pages are judged by asking who we are."""
        if response.status_code in (401, 403):
            await self._refused(what)
        _check_http(response, what)
        body = response.content
        if envelope.looks_like_html(body):
            await self._web_page_instead(what)
        return body

    async def _data(self, body: bytes, what: str) -> Any:
        """`envelope.read_data`, with refusals coded 401/403 judged by asking who we are."""
        try:
            return envelope.read_data(body, what)
        except ServerError as exc:
            if exc.code in ("401", "403"):
                await self._refused(what)
            raise

    async def _signed_in(self) -> dict[str, Any]:
        """Who we are; raises `SessionExpired` when the server treats us as anonymous."""
        me = await self.who_am_i()
        if me is None:
            raise SessionExpired(_EXPIRED[self._method])
        return me

    async def _refused(self, what: str) -> NoReturn:
        """A refusal means an ended session, or a user who is not an administrator."""
        me = await self._signed_in()
        who = me.get("name") or me.get("username") or self.user
        raise NotPermitted(
            f"{who} is signed in but is not an administrator, and only administrators can "
            f"{_ACTIONS[what]}. Sign in as an administrator, or ask one for that role."
        )

    async def _web_page_instead(self, what: str) -> NoReturn:
        """A web page instead of JSON: the login page of an ended session, or a proxy's."""
        await self._signed_in()
        raise ProtocolError(
            f"The server sent a web page instead of the {what}. A proxy or another web site "
            "may be answering at this address; check it."
        )

    async def _refused_download(
        self, response: httpx.Response, body: bytes, name: str | None, backup_id: str
    ) -> NoReturn:
        """Turn whatever came instead of the zip into the matching error."""
        if response.status_code in (401, 403):
            await self._refused(_BACKUPS)
        _check_http(response, "backup")
        if envelope.looks_like_html(body):
            await self._web_page_instead(_BACKUPS)
        note = body.decode("utf-8", "replace").strip()[:500]
        if name is not None:
            if note.lower() == "no permission":
                await self._refused(_BACKUPS)
            if "not found" in note.lower():
                raise DownloadError(
                    f"The server has no zip file for backup {backup_id}: it may have failed, "
                    "still be running, or have been deleted (retention). The server said: "
                    f"{note}"
                )
            raise DownloadError(f"The server did not send backup {backup_id}. It said: {note}")
        if body.lstrip().startswith(b"{"):
            await self._data(body, _BACKUPS)
        raise ProtocolError(
            f"The server did not send backup {backup_id} as a zip file (it sent "
            f"{response.headers.get('content-type') or 'an unnamed answer'}). Try again; if it "
            "keeps happening, check the proxy or the server log."
        )


class _BearerAuth(httpx.Auth):
    """Adds ``Authorization: Bearer …`` to /plugin paths (the only ones that accept it)."""

    def __init__(self, token: str) -> None:
        self._token = token

    def __repr__(self) -> str:
        return "<BearerAuth token=***>"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if "/plugin/" in request.url.path:
            request.headers["Authorization"] = f"Bearer {self._token}"
        yield request


_HISTORY = "backup history"
_SCHEDULES = "list of schedules"
_BACKUPS = "backup download"
_ACTIONS = {
    _HISTORY: "see the backup history",
    _SCHEDULES: "see the backup schedules",
    _BACKUPS: "download backups",
}
_WRONG_PASSWORD = "Wrong user name or password. Check both and try again."
_NOT_RECOGNISED = {
    AuthMethod.SESSION: "The server accepted the sign-in but then did not recognise the "
    "session. A proxy may be dropping the session cookie; try signing in with HTTP Basic.",
    AuthMethod.BASIC: "The server did not accept the user name and password.",
    AuthMethod.TOKEN: "The server did not accept the token. Check that it is complete and has "
    "not expired.",
}
_EXPIRED: dict[AuthMethod | None, str] = {
    None: "You are not signed in. Sign in first.",
    AuthMethod.SESSION: "Your session on the server has ended (it timed out or was signed out "
    "elsewhere). Sign in again.",
    AuthMethod.BASIC: "The server no longer accepts the user name and password. Sign in again.",
    AuthMethod.TOKEN: "The server no longer accepts the token (it may have expired). Sign in "
    "again with a new token.",
}


def _check_input(credentials: Credentials, method: AuthMethod) -> None:
    if method is not AuthMethod.TOKEN and not credentials.user.strip():
        raise SignInError("Enter a user name.")
    if not credentials.secret:
        raise SignInError("Enter the token." if method is AuthMethod.TOKEN else "Enter a password.")
    if credentials.tenant and method is not AuthMethod.SESSION:
        raise TenantError(
            "A tenant can only be given with session sign-in: clear the tenant or sign in "
            "with a session."
        )


def _login_outcome(document: Any, credentials: Credentials) -> None:
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
                "The code from the picture was not right. Type the code from the new picture.",
                wrong=True,
            )
        raise CaptchaRequired("Type the code shown in the picture to sign in.")
    if "tenant" in low:
        if "disabled" in low:
            raise TenantError(
                f"The tenant {tenant!r} is disabled. Ask the server administrator to enable "
                "it, or sign in to another tenant."
            )
        raise TenantError(
            f"The server has no tenant {tenant!r}. Check its spelling (for example tenant1), "
            "or leave the tenant empty."
        )
    if "too many" in low or "lock" in low:
        raise SignInError(
            "The server refuses sign-ins from this computer after too many failed attempts "
            "(for up to 24 hours). Wait, or ask the server administrator to lift the block."
        )
    if low in ("", "wrong password") or ("password" in low and "empty" not in low):
        if need:
            raise CaptchaRequired(
                "Wrong user name or password. After several failed attempts the server also "
                "wants the code shown in the picture: check the password and type the code."
            )
        raise SignInError(_WRONG_PASSWORD)
    if code == "400":
        raise SignInError(f"Enter a user name and a password (the server said: {message}).")
    raise SignInError(f"The server refused the sign-in: {message}.")


def _check_http(response: httpx.Response, what: str) -> None:
    """Raise `ServerError` for HTTP errors (besides 401/403, which callers judge).

    Redirects count as errors too: signing in follows a server that moved (`_locate`), so one
    afterwards means the server moved while signed in.
    """
    status = response.status_code
    if response.is_redirect:
        raise ServerError(
            f"The server sent the request for the {what} on to {_redirect_target(response)} "
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


def _redirect_target(response: httpx.Response) -> str:
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


def _moved_base(response: httpx.Response, path: str) -> str | None:
    """The base URL a redirect of ``<base>/<path>`` points to: its target less `path`.

    None when `response` is no redirect, or its target is not `path` under some base URL.
    """
    if not response.is_redirect:
        return None
    target = urlsplit(_redirect_target(response))
    suffix = f"/{path}"
    if not target.path.rstrip("/").endswith(suffix):
        return None
    base_path = target.path.rstrip("/").removesuffix(suffix)
    try:
        return normalize_base_url(urlunsplit((target.scheme, target.netloc, base_path, "", "")))[0]
    except NetworkError:
        return None


def _refuse_downgrade(base: str, response: httpx.Response) -> None:
    """Never follow a redirect from https to plain http with the credentials."""
    target = _redirect_target(response)
    if base.startswith("https:") and target.startswith("http:"):
        raise ProtocolError(
            f"The server at {base} redirects to {target}, which is not encrypted, so the viewer "
            "does not send the sign-in there. If that really is the server's address, enter it "
            "yourself."
        )


def _verify(tls: TlsOptions) -> ssl.SSLContext | bool:
    """The certificate check httpx should use; raises `NetworkError` for a bad CA bundle."""
    if tls.insecure:
        logger.warning("Certificate checks are OFF (insecure mode): the connection can be read")
        return False
    if tls.ca_bundle:
        try:
            return ssl.create_default_context(cafile=tls.ca_bundle)
        except (OSError, ssl.SSLError) as exc:
            raise NetworkError(
                f"The CA certificate file {tls.ca_bundle} could not be used ({exc}). Choose a PEM "
                "file with the certificate of the authority that signed the server's certificate."
            ) from None
    return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


@contextlib.contextmanager
def _translated(url: str, timeout: float) -> Iterator[None]:
    """Turn httpx's exceptions into the project's typed errors."""
    try:
        yield
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        logger.debug("Request to %s failed: %r", url, exc)
        raise _translate(exc, url, timeout) from None


def _translate(exc: Exception, url: str, timeout: float) -> BackupViewerError:
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
        return ProtocolError(f"The answer from {where} could not be read ({exc}). Try again.")
    return NetworkError(f"The request to {where} failed ({exc}). Try again.")


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
        f"Could not reach the server at {where} ({cause}). Check the address and the network."
    )


def _root_cause(exc: BaseException) -> BaseException:
    """The innermost exception behind `exc` (ssl, socket or OS errors under httpx's)."""
    for _ in range(20):
        inner = exc.__cause__ or exc.__context__
        if inner is None:
            break
        exc = inner
    return exc


def _attachment_name(disposition: str | None) -> str | None:
    if not disposition:
        return None
    message = Message()
    message["content-disposition"] = disposition
    return message.get_filename()


def _is_zip(response: httpx.Response, name: str | None) -> bool:
    """Whether the answer is the backup: a zip by name, or an unnamed zip by type."""
    if name is not None:
        return name.lower().endswith(".zip")
    kind = response.headers.get("content-type", "").partition(";")[0].strip().lower()
    return kind in ("application/zip", "application/x-zip-compressed", "application/octet-stream")


def _content_length(response: httpx.Response) -> int | None:
    try:
        return int(response.headers["content-length"])
    except (KeyError, ValueError):
        return None


async def _read_some(response: httpx.Response) -> bytes:
    """Up to `SMALL_BODY` bytes of a streamed answer (an error note is short)."""
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        chunks.append(chunk)
        size += len(chunk)
        if size >= SMALL_BODY:
            break
    return b"".join(chunks)[:SMALL_BODY]


class _Spool:
    """An answer as it arrives: all of it in memory, or, once it passes `spool_from` bytes,
    its start in memory (for checks) and all of it in a temporary file."""

    def __init__(self, spool_from: int | None) -> None:
        self._spool_from = spool_from
        self._chunks: list[bytes] = []
        self._size = 0
        self.file: tuple[BinaryIO, str] | None = None  # (the open file, its path)

    def add(self, chunk: bytes) -> None:
        if self.file is not None:
            self.file[0].write(chunk)
            return
        self._chunks.append(chunk)
        self._size += len(chunk)
        if self._spool_from is not None and self._size > self._spool_from:
            handle, path = tempfile.mkstemp(prefix="backupviewer-history-", suffix=".json")
            self.file = (os.fdopen(handle, "wb"), path)
            _SPOOLED.add(path)
            head = b"".join(self._chunks)
            self.file[0].write(head)
            self._chunks = [head[:SMALL_BODY]]

    def result(self) -> tuple[bytes, tuple[BinaryIO, str] | None]:
        """The answer (or its start) and the file holding all of it, if any."""
        return b"".join(self._chunks), self.file

    def discard(self) -> None:
        """Remove the file, if any (the answer will not be used)."""
        _remove_spooled(self.file)


def _remove_spooled(spooled: tuple[BinaryIO, str] | None) -> None:
    if spooled is not None:
        spooled[0].close()
        with contextlib.suppress(OSError):
            os.unlink(spooled[1])
        _SPOOLED.discard(spooled[1])


_SPOOLED: set[str] = set()
"""Answers being received into a file, or in use: removed at exit should a download thread
still be writing one then (a quit while receiving)."""


@atexit.register
def _remove_spooled_at_exit() -> None:
    for path in list(_SPOOLED):
        with contextlib.suppress(OSError):
            os.unlink(path)


async def _spool(
    response: httpx.Response, spool_from: int | None
) -> tuple[bytes, tuple[BinaryIO, str] | None]:
    """Read a streamed answer into a `_Spool`."""
    spool = _Spool(spool_from)
    try:
        async for chunk in response.aiter_bytes():
            spool.add(chunk)
    except BaseException:
        spool.discard()
        raise
    return spool.result()


def _spool_in_thread(
    response: httpx.Response, spool_from: int | None, stop: threading.Event
) -> tuple[bytes, tuple[BinaryIO, str] | None]:
    """`_spool` for a response of a blocking client; gives up (removing the file) once
    `stop` is set."""
    spool = _Spool(spool_from)
    try:
        for chunk in response.iter_bytes():
            if stop.is_set():
                raise _Stopped
            spool.add(chunk)
    except BaseException:
        spool.discard()
        raise
    return spool.result()


class _Stopped(Exception):
    """The download was given up (its load was cancelled)."""


async def _save(
    response: httpx.Response,
    target: Path,
    total: int | None,
    progress: Callable[[int, int | None], None] | None,
) -> None:
    """Stream the body into a temporary file beside `target`; rename it only when complete."""
    try:
        handle, temp = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".part", dir=target.parent
        )
    except OSError as exc:
        raise DownloadError(
            f"Could not create a file in {target.parent}: {exc.strerror or exc}. Choose a folder "
            "you can write to."
        ) from None
    try:
        with open(handle, "wb") as out:
            if progress is not None:
                progress(0, total)
            async for chunk in response.aiter_bytes(_CHUNK):
                out.write(chunk)
                if progress is not None:
                    progress(response.num_bytes_downloaded, total)
            out.flush()
            await asyncio.to_thread(os.fsync, out.fileno())
        os.replace(temp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(exc, OSError):
            raise DownloadError(
                f"Could not save the backup as {target}: {exc.strerror or exc}. Check the free "
                "space and choose another place if needed."
            ) from None
        raise


def _in_thread(work: Callable[..., _Received], *args: Any) -> Future[_Received]:
    """Run `work` in a daemon thread (quitting never waits for a download) for its future."""
    done: Future[_Received] = Future()

    def run() -> None:
        if done.set_running_or_notify_cancel():
            try:
                done.set_result(work(*args))
            except BaseException as exc:  # noqa: BLE001 - handed to whoever awaits it
                done.set_exception(exc)

    threading.Thread(target=run, name="backupviewer-download", daemon=True).start()
    return done


def _discard_download(
    done: Future[_Received],
) -> None:
    """A download whose load was cancelled: remove the file it wrote, if it finished."""
    if not done.cancelled() and done.exception() is None:
        _remove_spooled(done.result()[2])

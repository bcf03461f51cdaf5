"""The Datafor client: sign-in, history, schedules and downloads over one httpx client.

Every failure is raised as a `backupviewer.core.errors` type whose text is meant for the user;
no httpx exception leaves this package. Secrets never reach logs, errors or reprs.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import importlib
import logging
import ssl
import threading
from collections.abc import Awaitable, Callable
from pathlib import Path
from types import TracebackType
from typing import Any, NoReturn
from urllib.parse import urlencode

import httpx
import truststore

from backupviewer import __version__
from backupviewer.core.answer_file import AnswerFile
from backupviewer.core.datafor import envelope
from backupviewer.core.datafor.addresses import normalize_base_url, without_user_info
from backupviewer.core.datafor.auth import AuthMethod, Credentials, TlsOptions
from backupviewer.core.errors import (
    BackupViewerError,
    NetworkError,
    NotPermitted,
    ProtocolError,
    ServerError,
    SessionExpired,
    SignInError,
    described,
)
from backupviewer.core.pace import between_events
from backupviewer.core.schedule.items import ScheduleItem, ScheduleList, in_parts, schedule_items
from backupviewer.core.words import translate
from backupviewer.server import client_errors, receiving
from backupviewer.server.http_errors import check_http, translated
from backupviewer.server.redirects import find_server
from backupviewer.server.sign_in import (
    EXPIRED,
    NOT_RECOGNISED,
    WRONG_PASSWORD,
    BearerAuth,
    check_input,
    login_outcome,
)

logger = logging.getLogger(__name__)

LOGIN = "plugin/datafor/api/extension/auth/login"
CAPTCHA = "plugin/datafor/api/extension/auth/captcha.jpg"
LOGOUT = "plugin/datafor/api/extension/auth/logout"
WHO_AM_I = "plugin/datafor-modeler/api/user/detail"
LOG_QUERY = "plugin/datafor-backup/api/log/query"
SCHEDULES = "plugin/datafor-backup/api/query"
DOWNLOAD = "plugin/datafor-backup/api/log/download"
_FORM = {"Content-Type": "application/x-www-form-urlencoded"}
_IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"BM")
HISTORY_DEADLINE = 600.0
"""Seconds the whole history answer may take to arrive (each other request: `timeout`)."""
MAX_ANSWER = 2_000_000_000
"""The largest history answer accepted, in bytes (a million backups are about 370 MB)."""
SMALL_ANSWER = 64_000_000
"""The largest answer accepted for any other request (sign-in, schedules, who-am-I)."""


class DataforClient:
    """One signed-in connection to a Datafor server (one `httpx.AsyncClient`)."""

    def __init__(
        self,
        base_url: str,
        *,
        tls: TlsOptions | None = None,
        timeout: float = 30.0,
        history_deadline: float = HISTORY_DEADLINE,
        max_answer: int = MAX_ANSWER,
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
        self._history_deadline = history_deadline
        self._max_answer = max_answer
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

    async def locate(self) -> str:
        """Find where Datafor answers, with requests that carry no credential, and make it
        `base_url`: the typed address, or it with the ``/datafor`` context added or removed,
        following redirects only on the same host (a path elsewhere, http up to https).
        Raises `ProtocolError` for an address where no Datafor answers, or one that sends
        the viewer to another host ("The server moved to …; use that address")."""
        if not self._located:
            self._auth = None
            self._client().cookies.clear()
            candidates = normalize_base_url(self._typed)
            base = await find_server(candidates, WHO_AM_I, lambda base: self._get(WHO_AM_I, base))
            self.base_url, self._located = base, True
        return self.base_url

    async def sign_in(self, credentials: Credentials) -> str:
        """Find the server (`locate`), then sign in there and ask who we are; returns the
        user's display name. No credential is sent before the server is found.

        Raises `SignInError` (and its `CaptchaRequired`, `TenantError`), `NetworkError`,
        `ServerError` or `ProtocolError`. After `CaptchaRequired`, call `fetch_captcha` and
        sign in again with ``captcha=`` set.
        """
        method = AuthMethod(credentials.method)
        check_input(credentials, method)
        await self.locate()
        self._method = method
        self.user = self.display_name = None
        if method is AuthMethod.SESSION:
            self._auth = None
            await self._session_login(credentials)
            me = await self.who_am_i()
        else:
            self._client().cookies.clear()
            if method is AuthMethod.BASIC:
                self._auth = httpx.BasicAuth(credentials.user, credentials.secret)
            else:
                self._auth = BearerAuth(credentials.secret)
            response = await self._get(WHO_AM_I)
            if response.status_code == 401:
                raise SignInError(translate("SignIn", WRONG_PASSWORD))
            me = await self._user_from(response)
        if me is None:
            raise SignInError(translate("SignIn", NOT_RECOGNISED[method]))
        self.user = str(me.get("username") or credentials.user)
        self.display_name = str(me.get("name") or self.user)
        logger.info("Signed in to %s as %s (%s)", self.base_url, self.user, method)
        return self.display_name

    async def fetch_captcha(self) -> bytes:
        """The captcha picture for the current session (same cookie jar as the sign-in)."""
        response = await self._get(CAPTCHA)
        check_http(response, envelope.CAPTCHA_PICTURE)
        body = response.content
        image = response.headers.get("content-type", "").startswith("image/")
        if not (image or body.startswith(_IMAGE_MAGIC)):
            raise client_errors.no_captcha()
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

    async def history(self) -> bytes | AnswerFile:
        """The ``log/query`` answer after the HTTP checks: its bytes, or for an answer larger
        than `receiving.SPOOL_FROM` (100,000 backups are 37 MB) the `AnswerFile` holding it,
        which the caller owns from then on. A small answer also has its envelope checked
        (``success: false`` becomes a typed error); a large one is decoded elsewhere.

        It is received by a blocking client in a thread (see `receiving`); cancelling gives
        the download up, and a file it had already written is removed.
        """
        url = f"{self.base_url}/{LOG_QUERY}"
        stop = threading.Event()
        cookies = httpx.Cookies(self._client().cookies)  # a copy made here, not in the thread
        limits = receiving.Limits(self._history_deadline, self._max_answer, self._timeout)
        with translated(url, self._timeout):
            done = receiving.in_thread(
                receiving.receive_history, url, self._settings(), cookies, self._auth, stop, limits
            )
            try:
                response, head, file = await asyncio.wrap_future(done)
            except asyncio.CancelledError:
                stop.set()
                done.add_done_callback(receiving.discard)
                raise
        self._client().cookies.extract_cookies(response)  # a session the server renewed
        try:
            if not 200 <= response.status_code < 300:
                await self._read(response, _HISTORY)  # raises the matching error
            if envelope.looks_like_html(head):
                await self._web_page_instead(_HISTORY)
            if file is None:
                if len(head) < receiving.SMALL_BODY:
                    with contextlib.suppress(ProtocolError):  # (the table reads odd rows)
                        await self._data(head, _HISTORY)  # a refusal, judged here
                return head
            return file.finish()
        except BaseException:
            if file is not None:
                file.close()
            raise

    async def backup(self, backup_id: str) -> dict[str, Any] | None:
        """One backup's row as the server has it now (``log/query`` with its ``id``: a few
        hundred bytes, where the whole history is megabytes); None when it has none."""
        form = urlencode({"id": backup_id}).encode()
        response = await self._send("POST", LOG_QUERY, content=form, headers=_FORM)
        data = await self._data(await self._read(response, _HISTORY), _HISTORY)
        rows = data if isinstance(data, list) else []
        found = [row for row in rows if isinstance(row, dict) and row.get("id") == backup_id]
        return found[0] if found else None

    async def schedules(self) -> ScheduleList:
        """The backup schedules; when they cannot be read (an older server without the list,
        an account that may not read it, a network hiccup), none, with a sentence saying why:
        the history loads without them. An ended session is raised: it ends the history's
        load too."""
        try:
            items: list[ScheduleItem] = []
            for part in in_parts(await self.fetch_schedules()):
                items += schedule_items(part)
                await asyncio.sleep(0)  # (a window's events between the parts)
            return ScheduleList(tuple(items))
        except SessionExpired:
            raise
        except NotPermitted:
            why, detail = client_errors.MAY_NOT_READ, ""
        except (ServerError, ProtocolError) as exc:
            why, detail = client_errors.NOT_LISTED, str(exc)
        except BackupViewerError as exc:
            why, detail = client_errors.NOT_LOADED, str(exc)
        logger.warning("Schedules not loaded: %s (%s)", why, detail)
        return ScheduleList(unavailable=client_errors.schedules_unavailable(why, detail))

    async def fetch_schedules(self) -> list[dict[str, Any]]:
        """The items of ``api/query`` that are schedules (objects with an id)."""
        response = await self._send("POST", SCHEDULES, content=b"", headers=_FORM)
        data = await self._data(await self._read(response, _SCHEDULES), _SCHEDULES, _listed)
        if data is None:
            return []
        if not isinstance(data, list):
            raise client_errors.schedules_not_a_list()
        return data

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
        with translated(url, self._timeout):
            request = client.build_request("GET", url, params={"id": backup_id})
            response = await client.send(request, auth=self._auth, stream=True)
            try:
                name = receiving.attachment_name(response.headers.get("content-disposition"))
                if response.status_code != 200 or not receiving.is_zip(response, name):
                    body = await receiving.read_some(response)
                    await self._refused_download(response, body, name, backup_id)
                total = receiving.content_length(response)
                await receiving.save(response, target, total, progress, self._timeout)
            finally:
                await response.aclose()
        logger.info("Downloaded backup %s to %s", backup_id, target)
        return target

    # -- plumbing ------------------------------------------------------------------------------

    def _client(self) -> httpx.AsyncClient:
        if self._http is None:
            self._http = httpx.AsyncClient(**self._settings())
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
        """One request, answered in full within `timeout` seconds and `SMALL_ANSWER` bytes."""
        url = f"{base or self.base_url}/{path}"
        client = self._client()
        with translated(url, self._timeout):
            request = client.build_request(method, url, **kwargs)
            try:
                async with asyncio.timeout(self._timeout):
                    response = await client.send(request, auth=self._auth, stream=True)
                    try:
                        body = await receiving.read_up_to(response, SMALL_ANSWER)
                    finally:
                        await response.aclose()
            except TimeoutError:
                raise client_errors.too_slow(receiving.origin(url), self._timeout) from None
        return receiving.with_body(response, body)

    def _get(self, path: str, base: str | None = None) -> Awaitable[httpx.Response]:
        return self._send("GET", path, base)

    async def _session_login(self, credentials: Credentials) -> None:
        form = {"username": credentials.user, "password": credentials.secret}
        if credentials.tenant:
            form["tenantId"] = credentials.tenant
        if credentials.captcha is not None:
            form["captchaCode"] = credentials.captcha
        response = await self._send("POST", LOGIN, data=form)
        if response.status_code in (401, 403):
            raise client_errors.sign_in_refused(response.status_code)
        check_http(response, envelope.SIGN_IN_ANSWER)
        login_outcome(envelope.load_json(response.content, envelope.SIGN_IN_ANSWER), credentials)

    async def _user_from(self, response: httpx.Response) -> dict[str, Any] | None:
        """The ``user`` of a who-am-I answer; None when the call ran as anonymous."""
        if response.status_code in (401, 403) or envelope.looks_like_html(response.content):
            return None
        check_http(response, envelope.USER_DETAILS)
        try:
            data = envelope.read_data(response.content, envelope.USER_DETAILS)
        except ServerError as exc:
            if exc.code in ("401", "403"):
                return None
            raise
        if data is None or data == [] or data == {}:
            return None
        user = data.get("user") if isinstance(data, dict) else None
        if not isinstance(user, dict):
            raise client_errors.odd_user_details()
        return user or None

    async def _read(self, response: httpx.Response, what: str) -> bytes:
        """The body after HTTP checks; 401/403 and login pages are judged by asking who we are."""
        if response.status_code in (401, 403):
            await self._refused(what)
        check_http(response, what)
        body = response.content
        if envelope.looks_like_html(body):
            await self._web_page_instead(what)
        return body

    async def _data(self, body: bytes, what: str, keep: Callable[[Any], bool] | None = None) -> Any:
        """`envelope.read_data` (with `keep`, the items of a list that it keeps, read a part
        at a time: the window's events between the parts), with refusals coded 401/403
        judged by asking who we are."""
        try:
            if keep is None:
                return envelope.read_data(body, what)
            return await between_events(envelope.read_data_in_steps(body, what, keep))
        except ServerError as exc:
            if exc.code in ("401", "403"):
                await self._refused(what)
            raise

    async def _signed_in(self) -> dict[str, Any]:
        """Who we are; raises `SessionExpired` when the server treats us as anonymous."""
        me = await self.who_am_i()
        if me is None:
            raise SessionExpired(translate("SignIn", EXPIRED[self._method]))
        return me

    async def _refused(self, what: str) -> NoReturn:
        """A refusal means an ended session, or a user who is not an administrator."""
        me = await self._signed_in()
        who = me.get("name") or me.get("username") or self.user
        raise client_errors.not_administrator(who, what)

    async def _web_page_instead(self, what: str) -> NoReturn:
        """A web page instead of JSON: the login page of an ended session, or a proxy's."""
        await self._signed_in()
        raise client_errors.web_page_instead(what)

    async def _refused_download(
        self, response: httpx.Response, body: bytes, name: str | None, backup_id: str
    ) -> NoReturn:
        """Turn whatever came instead of the zip into the matching error."""
        if response.status_code in (401, 403):
            await self._refused(_BACKUPS)
        check_http(response, envelope.BACKUP)
        if envelope.looks_like_html(body):
            await self._web_page_instead(_BACKUPS)
        note = body.decode("utf-8", "replace").strip()[:500]
        if name is not None:
            if note.lower() == "no permission":
                await self._refused(_BACKUPS)
            if "not found" in note.lower():
                raise client_errors.no_zip(backup_id, note)
            raise client_errors.not_sent(backup_id, note)
        if body.lstrip().startswith(b"{"):
            await self._data(body, _BACKUPS)
        raise client_errors.not_a_zip(backup_id, response.headers.get("content-type"))


_HISTORY = client_errors.HISTORY
_SCHEDULES = client_errors.SCHEDULES
_BACKUPS = client_errors.BACKUPS


def _listed(item: Any) -> bool:
    """Whether an item of ``api/query`` is a schedule `schedule_items` reads."""
    return isinstance(item, dict) and isinstance(item.get("id"), str) and bool(item["id"])


def _verify(tls: TlsOptions) -> ssl.SSLContext | bool:
    """The certificate check httpx should use; raises `NetworkError` for a bad CA bundle."""
    if tls.insecure:
        logger.warning("Certificate checks are OFF (insecure mode): the connection can be read")
        return False
    if tls.ca_bundle:
        try:
            return ssl.create_default_context(cafile=tls.ca_bundle)
        except (OSError, ssl.SSLError) as exc:
            raise client_errors.unusable_ca_file(tls.ca_bundle, described(exc)) from None
    return _system_trust()


@functools.cache
def _system_trust() -> ssl.SSLContext:
    """The system's trust store as a context, made once: clients share it (making one takes
    a moment, and a window of many servers makes many clients)."""
    return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


_FIRST_REQUEST_MODULES = (
    "anyio._backends._asyncio",
    "anyio.to_thread",
    "h11",
    "httpcore._async.http11",
    "httpcore._backends.anyio",
    "certifi",
    "encodings.idna",
)
"""What httpx imports when it first sends a request."""


def warm_up() -> None:
    """Import now what the first request would, and make the trust store's context: a window
    that is about to read many servers at once does not stall for it then."""
    for name in _FIRST_REQUEST_MODULES:
        with contextlib.suppress(ImportError):
            importlib.import_module(name)
    _system_trust()

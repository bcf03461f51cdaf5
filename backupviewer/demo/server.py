"""A Datafor-compatible HTTP server on 127.0.0.1 for the demo mode and the tests."""

from __future__ import annotations

import base64
import binascii
import enum
import io
import logging
import random
import secrets
import socket
import threading
import time
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, urlsplit

import orjson

from backupviewer.demo import accounts, captcha
from backupviewer.demo.accounts import Account
from backupviewer.demo.history import (
    CRON_SHARE,
    ZONE,
    History,
    build_history,
    java_time,
    live_row,
)

logger = logging.getLogger(__name__)

CONTEXT = "/datafor"
LOGIN = "/plugin/datafor/api/extension/auth/login"
CAPTCHA = "/plugin/datafor/api/extension/auth/captcha.jpg"
LOGOUT = "/plugin/datafor/api/extension/auth/logout"
WHO_AM_I = "/plugin/datafor-modeler/api/user/detail"
LOG_QUERY = "/plugin/datafor-backup/api/log/query"
SCHEDULES = "/plugin/datafor-backup/api/query"
DOWNLOAD = "/plugin/datafor-backup/api/log/download"
_DATA_PATHS = (WHO_AM_I, LOG_QUERY, SCHEDULES, DOWNLOAD)
_NO_PERMISSION = {"success": False, "code": 403, "msg": "no permission"}
_SEEN_KEPT = 1000  # requests remembered in `DemoServer.seen`
_LOG_HEAD = b'{"msg":"","success":true,"data":['  # a history answer's start, as Datafor writes it


class Misbehaviour(enum.StrEnum):
    """Ways the server can be told to fail, for the next few matching requests."""

    SLOW = "slow"  # wait `delay` seconds, then answer normally
    TRUNCATED = "truncated"  # announce the full length, send half of the body, close
    HTML = "html"  # the HTML login page with HTTP 200 (what some deployments answer)
    PROXY_502 = "proxy_502"  # a reverse proxy's HTML error page, HTTP 502
    HTTP_500 = "http_500"  # a servlet container's HTML error page, HTTP 500
    GARBAGE = "garbage"  # HTTP 200 JSON that is not the documented envelope
    DISCONNECT = "disconnect"  # close the connection without answering


@dataclass
class _Rule:
    mode: Misbehaviour
    times: int
    delay: float
    path: str | None


@dataclass
class _Session:
    id: str
    account: Account | None = None
    captcha: str | None = None


@dataclass
class _Live:
    """A backup started while the server runs (the `running` knob)."""

    row: dict[str, Any]
    started: datetime
    finishes: float | None
    failed: bool
    finished: datetime | None = None


@dataclass(frozen=True)
class Seen:
    """A request as the server received it (bodies of sign-ins are not kept)."""

    method: str
    path: str
    content_type: str
    body: bytes = field(repr=False)


class DemoServer:
    """Serves a generated history on 127.0.0.1 in a background thread; see the module docs.

    Thread-safe controls for tests: `misbehave`, `expire_sessions`, `start_backup`,
    `finish_backup`, `reset_login_failures`, `reset`, `captcha_code_for_last_session`.
    """

    def __init__(
        self,
        rows: int = 200,
        port: int = 0,
        seed: int = 1,
        *,
        now: datetime | None = None,
        cron_share: float = CRON_SHARE,
        spaced: bool = False,
    ) -> None:
        self.rows = rows
        self.cron_share = cron_share
        self.spaced = spaced
        self._port = port
        self._seed = seed
        self._now = now
        self._lock = threading.Lock()
        self._rng = random.Random()
        self._history: History | None = None
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._connections: set[socket.socket] = set()
        self._sessions: dict[str, _Session] = {}
        self._failures: dict[str, int] = {}
        self._rules: list[_Rule] = []
        self._live: list[_Live] = []
        self._login_page_for_stale = False
        self._last_captcha: str | None = None
        self.seen: list[Seen] = []

    # -- life cycle --------------------------------------------------------------------------

    def start(self) -> DemoServer:
        """Generate the history and start serving; returns self."""
        if self._httpd is not None:
            return self
        self._history = build_history(
            self.rows, self._seed, self._now, self.cron_share, self.spaced
        )
        httpd = _HTTPServer(("127.0.0.1", self._port), _Handler)
        httpd.demo = self  # type: ignore[attr-defined]
        self._httpd = httpd
        self._thread = threading.Thread(
            target=httpd.serve_forever, args=(0.05,), name="demo-server", daemon=True
        )
        self._thread.start()
        logger.info("Demo server listening at %s with %d backups", self.url, self.rows)
        return self

    def stop(self) -> None:
        """Stop serving and drop open connections."""
        httpd, self._httpd = self._httpd, None
        if httpd is None:
            return
        httpd.shutdown()
        httpd.server_close()
        with self._lock:
            connections, self._connections = self._connections, set()
        for connection in connections:
            _shut(connection)
        if self._thread is not None:
            self._thread.join()

    def __enter__(self) -> DemoServer:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._httpd is None:
            raise RuntimeError("The demo server is not running.")
        return int(self._httpd.server_address[1])

    @property
    def url(self) -> str:
        """The base URL a user types, including the ``/datafor`` context."""
        return f"http://127.0.0.1:{self.port}{CONTEXT}"

    # -- controls ----------------------------------------------------------------------------

    def misbehave(
        self,
        mode: Misbehaviour | str,
        times: int = 1,
        *,
        delay: float = 2.0,
        path: str | None = None,
    ) -> None:
        """Fail the next `times` requests whose path contains `path` (any request if None)."""
        with self._lock:
            self._rules.append(_Rule(Misbehaviour(mode), times, delay, path))

    def expire_sessions(self, *, login_page: bool = False) -> None:
        """End every session; with `login_page`, stale cookies then get the HTML login page."""
        with self._lock:
            self._sessions.clear()
            self._login_page_for_stale = login_page

    def start_backup(
        self, name: str = "手动备份", *, seconds: float | None = None, failed: bool = False
    ) -> str:
        """Show a manual backup as running; it ends after `seconds` (None: at `finish_backup`).

        Returns its id.
        """
        started = datetime.now(ZONE)
        finishes = None if seconds is None else time.monotonic() + seconds
        row = live_row(started, name=name, user=accounts.ADMIN.user)
        with self._lock:
            self._live.append(_Live(row, started, finishes, failed))
        return str(row["id"])

    def finish_backup(self, *, failed: bool = False) -> None:
        """End every running backup now, succeeded or failed."""
        with self._lock:
            for live in self._live:
                if live.finished is None:
                    live.failed = failed
                    live.finished = datetime.now(ZONE)

    @property
    def running(self) -> bool:
        """True while a backup started with `start_backup` has not finished."""
        with self._lock:
            self._settle()
            return any(live.finished is None for live in self._live)

    def captcha_code_for_last_session(self) -> str | None:
        """The code shown by the captcha picture served last."""
        with self._lock:
            return self._last_captcha

    def reset_login_failures(self) -> None:
        """Forget failed sign-ins: no captcha needed, no address locked."""
        with self._lock:
            self._failures.clear()

    def reset(self) -> None:
        """Undo every control: misbehaviour, failures, stale-cookie mode, live backups, log."""
        with self._lock:
            self._rules.clear()
            self._failures.clear()
            self._live.clear()
            self._login_page_for_stale = False
            self._last_captcha = None
            self.seen.clear()

    # -- used by the handler (under the lock where state is shared) --------------------------

    def _take_rule(self, path: str) -> _Rule | None:
        with self._lock:
            for rule in self._rules:
                if rule.path is None or rule.path in path:
                    rule.times -= 1
                    if rule.times <= 0:
                        self._rules.remove(rule)
                    return rule
        return None

    def _settle(self) -> None:
        """Finish live backups whose time is up (call with the lock held)."""
        now = time.monotonic()
        for live in self._live:
            if live.finished is None and live.finishes is not None and now >= live.finishes:
                live.finished = datetime.now(ZONE)

    def _live_rows(self) -> list[dict[str, Any]]:
        with self._lock:
            self._settle()
            rows = []
            for live in reversed(self._live):
                row = dict(live.row)
                if live.finished is None:
                    row["update_time"] = java_time(datetime.now(ZONE))
                else:
                    row["status"] = "2" if live.failed else "1"
                    row["update_time"] = java_time(live.finished)
                    if live.failed:
                        row["msg"] = "No space left on device"
                rows.append(row)
            return rows

    def _find(self, backup_id: str) -> dict[str, Any] | None:
        for row in self._live_rows():
            if row["id"] == backup_id:
                return row
        assert self._history is not None
        return self._history.find(backup_id)

    def _session(self, session_id: str | None) -> tuple[_Session | None, bool]:
        """The session for a cookie, and whether the cookie was stale in login-page mode."""
        if not session_id:
            return None, False
        with self._lock:
            found = self._sessions.get(session_id)
            return found, found is None and self._login_page_for_stale

    def _new_session(self, account: Account | None = None) -> _Session:
        session = _Session(secrets.token_hex(16).upper(), account)
        with self._lock:
            self._sessions[session.id] = session
        return session

    def _drop_session(self, session_id: str) -> None:
        with self._lock:
            self._sessions.pop(session_id, None)

    def _new_captcha(self, session: _Session) -> bytes:
        with self._lock:
            code = captcha.new_code(self._rng)
            session.captcha = self._last_captcha = code
        logger.info("Captcha code for the next sign-in: %s", code)
        return captcha.picture(code, self._rng)

    def _check_captcha(self, session: _Session | None, code: str) -> str | None:
        """Why the captcha check fails, or None; each picture is good for one try."""
        with self._lock:
            if session is None or session.captcha is None:
                return "please get captcha code first"
            if not code:
                return "captcha code cannot be empty"
            expected, session.captcha = session.captcha, None
        return None if secrets.compare_digest(expected, code) else "captcha code is wrong"

    def _failures_of(self, address: str) -> int:
        with self._lock:
            return self._failures.get(address, 0)

    def _count_failure(self, address: str) -> int:
        with self._lock:
            self._failures[address] = self._failures.get(address, 0) + 1
            return self._failures[address]

    def _clear_failures(self, address: str) -> None:
        with self._lock:
            self._failures.pop(address, None)

    def _track(self, connection: socket.socket, open_: bool) -> None:
        with self._lock:
            if open_:
                self._connections.add(connection)
            else:
                self._connections.discard(connection)

    def _record(self, seen: Seen) -> None:
        with self._lock:
            if len(self.seen) >= _SEEN_KEPT:
                del self.seen[: _SEEN_KEPT // 2]
            self.seen.append(seen)


class _HTTPServer(ThreadingHTTPServer):
    """Logs a request's failure (a client that hung up, say) instead of printing it."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        logger.debug("A request from %s failed", client_address, exc_info=True)


class _Handler(BaseHTTPRequestHandler):
    """One connection; answers as Datafor does (see datafor-api.md)."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in separate writes
    server_version = "Apache-Coyote/1.1"
    sys_version = ""
    timeout = 60

    # -- plumbing ------------------------------------------------------------------------------

    @property
    def demo(self) -> DemoServer:
        demo: DemoServer = self.server.demo  # type: ignore[attr-defined]
        return demo

    def setup(self) -> None:
        super().setup()
        self.demo._track(self.connection, True)

    def finish(self) -> None:
        self.demo._track(self.connection, False)
        super().finish()

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        path = urlsplit(getattr(self, "path", "")).path  # no query: it may hold a token
        logger.debug("%s %s -> %s", self.command, path, code)

    def log_message(self, format: str, *args: Any) -> None:
        logger.debug(format, *args)

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def _handle(self) -> None:
        parts = urlsplit(self.path)
        self._query = parse_qs(parts.query)
        length = int(self.headers.get("Content-Length") or 0)
        self._body = self.rfile.read(length) if length > 0 else b""
        self._truncate = False
        path = parts.path
        kept = b"" if path.endswith(LOGIN) else self._body
        self.demo._record(Seen(self.command, path, self.headers.get_content_type(), kept))
        if not path.startswith(CONTEXT + "/") and path != CONTEXT:
            self._html(HTTPStatus.NOT_FOUND, _error_page(404, "Not Found"))
            return
        path = path[len(CONTEXT) :]
        rule = self.demo._take_rule(path)
        if rule is not None and self._misbehave(rule):
            return
        self._route(path)

    def _misbehave(self, rule: _Rule) -> bool:
        """Apply `rule`; True when the answer has been sent (or refused) already."""
        mode = rule.mode
        if mode is Misbehaviour.SLOW:
            time.sleep(rule.delay)
        elif mode is Misbehaviour.TRUNCATED:
            self._truncate = True
        elif mode is Misbehaviour.HTML:
            self._html(HTTPStatus.OK, _LOGIN_PAGE)
        elif mode is Misbehaviour.PROXY_502:
            self._html(HTTPStatus.BAD_GATEWAY, _PROXY_PAGE, server="nginx/1.24.0")
        elif mode is Misbehaviour.HTTP_500:
            self._html(HTTPStatus.INTERNAL_SERVER_ERROR, _error_page(500, "Internal Server Error"))
        elif mode is Misbehaviour.GARBAGE:
            self._json({"status": "ok", "result": None})
        else:
            self.close_connection = True
            _shut(self.connection)
        return mode not in (Misbehaviour.SLOW, Misbehaviour.TRUNCATED)

    def _send(
        self,
        status: int,
        content_type: str,
        body: bytes | list[bytes],
        headers: dict[str, str] | None = None,
    ) -> None:
        """Send an answer; in truncated mode announce it all but send only half, then close."""
        pieces = body if isinstance(body, list) else [body]
        total = sum(len(piece) for piece in pieces)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(total))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self._truncate:
            self.wfile.write(b"".join(pieces)[: total // 2])
            self.wfile.flush()
            self.close_connection = True
            _shut(self.connection)
            return
        for piece in pieces:
            self.wfile.write(piece)

    def _json(self, document: Any, headers: dict[str, str] | None = None) -> None:
        self._send(200, "application/json;charset=UTF-8", orjson.dumps(document), headers)

    def _html(self, status: int, page: str, server: str | None = None) -> None:
        headers = {"Server": server} if server else None
        self._send(status, "text/html;charset=UTF-8", page.encode(), headers)

    def _attachment(self, name: str, content_type: str, body: bytes) -> None:
        disposition = f'attachment; filename="{name}"'
        self._send(200, content_type, body, {"Content-Disposition": disposition})

    def _form(self) -> dict[str, str]:
        """Form fields of the body and query (first value of each)."""
        fields = {k: v[0] for k, v in self._query.items()}
        if self.headers.get_content_type() == "application/x-www-form-urlencoded":
            body = parse_qs(self._body.decode("utf-8", "replace"), keep_blank_values=True)
            fields.update({k: v[0] for k, v in body.items()})
        elif self.headers.get_content_type() == "application/json" and self._body.strip():
            try:
                document = orjson.loads(self._body)
            except orjson.JSONDecodeError:
                document = None
            if isinstance(document, dict):
                fields.update({k: str(v) for k, v in document.items()})
        return fields

    # -- who is calling ------------------------------------------------------------------------

    def _cookie_session(self) -> str | None:
        for part in (self.headers.get("Cookie") or "").split(";"):
            name, _, value = part.strip().partition("=")
            if name == "JSESSIONID" and value:
                return value
        return None

    def _caller(self, path: str) -> tuple[Account | None, _Session | None, bool] | None:
        """(account or None for anonymous, session, stale cookie in login-page mode).

        None when the answer (HTTP 401 for wrong Basic credentials) has been sent.
        """
        authorization = self.headers.get("Authorization") or ""
        scheme, _, value = authorization.partition(" ")
        session, stale = self.demo._session(self._cookie_session())
        if scheme.lower() == "basic":
            account = _basic_account(value.strip())
            if account is None:
                self._send(
                    HTTPStatus.UNAUTHORIZED,
                    "text/html;charset=UTF-8",
                    _error_page(401, "Unauthorized").encode(),
                    {"WWW-Authenticate": 'Basic realm="Pentaho Realm"'},
                )
                return None
            return account, session, False
        token = value.strip() if scheme.lower() == "bearer" else self._query.get("token", [""])[0]
        if token and path.startswith("/plugin/"):
            return accounts.TOKENS.get(token), session, False
        return (session.account if session else None), session, stale

    # -- endpoints -----------------------------------------------------------------------------

    def _route(self, path: str) -> None:
        caller = self._caller(path)
        if caller is None:
            return
        account, session, stale = caller
        if stale and path in _DATA_PATHS:
            self._html(HTTPStatus.OK, _LOGIN_PAGE)
            return
        method = self.command
        if method == "POST" and path == LOGIN:
            self._login(session)
        elif method == "GET" and path == CAPTCHA:
            self._captcha(session)
        elif method == "GET" and path == LOGOUT:
            self._logout(session)
        elif method == "GET" and path == WHO_AM_I:
            self._who_am_i(account)
        elif method == "POST" and path == LOG_QUERY:
            self._log_query(account)
        elif method == "POST" and path == SCHEDULES:
            self._schedules(account)
        elif method == "GET" and path == DOWNLOAD:
            self._download(account)
        elif path in ("", "/", "/Login"):
            self._html(HTTPStatus.OK, _LOGIN_PAGE)
        elif path in _ALL_PATHS:
            self._html(HTTPStatus.METHOD_NOT_ALLOWED, _error_page(405, "Method Not Allowed"))
        else:
            self._html(HTTPStatus.NOT_FOUND, _error_page(404, "Not Found"))

    def _login(self, session: _Session | None) -> None:
        form = self._form()
        address = self.client_address[0]
        user, password = form.get("username", ""), form.get("password", "")
        failures = self.demo._failures_of(address)
        if failures >= accounts.LOCK_AFTER:
            self._json(_refusal("403", "too many failed login attempts, try again in 24 hours"))
            return
        if not user or not password:
            what = "username" if not user else "password"
            self._json(_refusal("400", f"{what} cannot be empty"))
            return
        tenant = form.get("tenantId", "").strip().removeprefix("/pentaho/").strip("/")
        if tenant and tenant not in accounts.TENANTS:
            self._json(_refusal("403", "tenant not exist"))
            return
        if tenant and not accounts.TENANTS[tenant]:
            self._json(_refusal("403", "tenant is disabled"))
            return
        if failures >= accounts.CAPTCHA_AFTER:
            problem = self.demo._check_captcha(session, form.get("captchaCode", "").strip())
            if problem:
                self.demo._count_failure(address)
                self._json({"success": False, "data": "0", "msg": problem, "needCaptcha": True})
                return
        account = accounts.ACCOUNTS.get(user)
        if account is None or not secrets.compare_digest(account.password, password):
            failures = self.demo._count_failure(address)
            need = failures >= accounts.CAPTCHA_AFTER
            self._json(
                {"success": False, "data": "0", "msg": "wrong password", "needCaptcha": need}
            )
            return
        self.demo._clear_failures(address)
        if session is not None and session.account == account:
            self._json({"success": True, "code": "200", "data": "2"})
            return
        if session is not None:
            self.demo._drop_session(session.id)
        fresh = self.demo._new_session(account)
        headers = {
            "Set-Cookie": f"JSESSIONID={fresh.id}; Path={CONTEXT}; HttpOnly",
            "Authorization": f"Session {fresh.id}",
        }
        document = {"success": True, "msg": "login success", "data": "1", "jsessionid": fresh.id}
        self._json(document, headers)

    def _captcha(self, session: _Session | None) -> None:
        headers = {"Cache-Control": "no-store"}
        if session is None:
            session = self.demo._new_session()
            headers["Set-Cookie"] = f"JSESSIONID={session.id}; Path={CONTEXT}; HttpOnly"
        self._send(200, "image/png", self.demo._new_captcha(session), headers)

    def _logout(self, session: _Session | None) -> None:
        signed_in = session is not None and session.account is not None
        if session is not None:
            self.demo._drop_session(session.id)
        self._json({"success": True, "code": "200", "data": "1" if signed_in else "2"})

    def _who_am_i(self, account: Account | None) -> None:
        if account is None:
            self._json({"success": True, "code": "200", "data": {}})
            return
        user = {
            "userid": account.user_id,
            "username": account.user,
            "name": account.name,
            "email": account.email,
            "admin": account.admin,
        }
        self._json({"success": True, "code": "200", "data": {"user": user}})

    def _log_query(self, account: Account | None) -> None:
        if account is None or not account.admin:
            self._json(_NO_PERMISSION)
            return
        wanted = self._form().get("id", "").strip()
        history = self.demo._history
        assert history is not None
        if wanted:
            row = self.demo._find(wanted)
            self._json({"msg": "", "success": True, "data": [row] if row else []})
            return
        live = history.separator.join(orjson.dumps(row) for row in self.demo._live_rows())
        glue = history.separator if live and history.rows else b""
        head = b'{"msg": "", "success": true, "data": [' if history.spaced else _LOG_HEAD
        body = [head, live, glue, history.rows, b"]}"]
        self._send(200, "application/json;charset=UTF-8", body)

    def _schedules(self, account: Account | None) -> None:
        if account is None:
            self._json({"success": False, "code": 401, "msg": "please login first"})
            return
        if not account.admin:
            self._json(_NO_PERMISSION)
            return
        history = self.demo._history
        assert history is not None
        items = orjson.loads(history.schedules)
        wanted = self._form().get("id", "").strip()
        if wanted:
            items = [item for item in items if item["id"] == wanted]
        self._json({"success": True, "code": "200", "data": items})

    def _download(self, account: Account | None) -> None:
        backup_id = self._query.get("id", [""])[0]
        if account is None or not account.admin:
            self._attachment("info.txt", "text/plain;charset=UTF-8", b"no permission")
            return
        row = self.demo._find(backup_id)
        if row is None or str(row.get("status")) != "1":
            note = f"{backup_id}.zip not found".encode()
            self._attachment("info.txt", "text/plain;charset=UTF-8", note)
            return
        self._attachment(f"{backup_id}.zip", "application/octet-stream", _backup_zip(row))


def _refusal(code: str, message: str) -> dict[str, Any]:
    return {"success": False, "code": code, "msg": message}


def _basic_account(value: str) -> Account | None:
    try:
        user, _, password = base64.b64decode(value, validate=True).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return None
    account = accounts.ACCOUNTS.get(user)
    if account is None or not secrets.compare_digest(account.password, password):
        return None
    return account


def _backup_zip(row: dict[str, Any]) -> bytes:
    """A real zip standing for the backup: its log row and some incompressible bulk."""
    rng = random.Random(str(row["id"]))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("backup.json", orjson.dumps(row, option=orjson.OPT_INDENT_2))
        archive.writestr("README.txt", "A BackupViewer demo backup; it restores nothing.\n")
        archive.writestr("data/bulk.bin", rng.randbytes(rng.randrange(96, 512) * 1024))
    return buffer.getvalue()


def _shut(connection: socket.socket) -> None:
    try:
        connection.shutdown(socket.SHUT_RDWR)
    except OSError:
        logger.debug("Connection was already closed")


def _error_page(code: int, reason: str) -> str:
    return (
        f'<!doctype html><html lang="en"><head><title>HTTP Status {code} – {reason}</title>'
        f"</head><body><h1>HTTP Status {code} – {reason}</h1><hr><p><b>Type</b> Status Report"
        f"</p><hr><h3>Apache Tomcat/9.0.83</h3></body></html>"
    )


_ALL_PATHS = (LOGIN, CAPTCHA, LOGOUT, *_DATA_PATHS)
_LOGIN_PAGE = (
    '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Datafor – Login</title></head>'
    '<body><form method="post" action="/datafor/j_spring_security_check">'
    '<input name="j_username"><input name="j_password" type="password">'
    "<button>Login</button></form></body></html>"
)
_PROXY_PAGE = (
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.24.0</center>\r\n"
    "</body>\r\n</html>\r\n"
)

"""The demo server's HTTP side: one connection's requests answered as Datafor answers them."""

from __future__ import annotations

import base64
import binascii
import io
import logging
import random
import secrets
import socket
import time
import zipfile
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import orjson

from backupviewer.demo import accounts
from backupviewer.demo.accounts import Account
from backupviewer.demo.api import (
    ALL_PATHS,
    CAPTCHA,
    CONTEXT,
    DATA_PATHS,
    DOWNLOAD,
    LOG_QUERY,
    LOGIN,
    LOGOUT,
    SCHEDULES,
    WHO_AM_I,
    Misbehaviour,
    Rule,
    Seen,
    Session,
)

logger = logging.getLogger(__name__)

_ANSWERING = (Misbehaviour.SLOW, Misbehaviour.TRUNCATED, Misbehaviour.TRICKLE, Misbehaviour.FLOOD)
"""Misbehaviours that still answer, oddly (the others answer instead of the route)."""
_NO_PERMISSION = {"success": False, "code": 403, "msg": "no permission"}
_LOG_HEAD = b'{"msg":"","success":true,"data":['  # a history answer's start, as Datafor writes it


class HTTPServer(ThreadingHTTPServer):
    """Logs a request's failure (a client that hung up, say) instead of printing it."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        logger.debug("A request from %s failed", client_address, exc_info=True)


class Handler(BaseHTTPRequestHandler):
    """One connection; answers as Datafor does (see datafor-api.md)."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in separate writes
    server_version = "Apache-Coyote/1.1"
    sys_version = ""
    timeout = 60

    # -- plumbing ------------------------------------------------------------------------------

    @property
    def demo(self) -> Any:
        """The `DemoServer` whose state this request reads and changes."""
        return self.server.demo  # type: ignore[attr-defined]

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
        self._odd_body: Rule | None = None
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

    def _misbehave(self, rule: Rule) -> bool:
        """Apply `rule`; True when the answer has been sent (or refused) already."""
        mode = rule.mode
        if mode is Misbehaviour.SLOW:
            time.sleep(rule.delay)
        elif mode in (Misbehaviour.TRUNCATED, Misbehaviour.TRICKLE, Misbehaviour.FLOOD):
            self._odd_body = rule
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
            shut(self.connection)
        return mode not in _ANSWERING

    def _send(
        self,
        status: int,
        content_type: str,
        body: bytes | list[bytes],
        headers: dict[str, str] | None = None,
    ) -> None:
        """Send an answer, or misbehave while sending it (see `_send_oddly`)."""
        pieces = body if isinstance(body, list) else [body]
        total = sum(len(piece) for piece in pieces)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if self._odd_body is None or self._odd_body.mode is not Misbehaviour.FLOOD:
            self.send_header("Content-Length", str(total))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self._odd_body is not None:
            self._send_oddly(self._odd_body, b"".join(pieces))
            return
        for piece in pieces:
            self.wfile.write(piece)

    def _send_oddly(self, rule: Rule, body: bytes) -> None:
        """Truncated: half of the body, then close. Trickle: a byte every `rule.delay`
        seconds. Flood: the body's start, then filler until the client hangs up."""
        self.close_connection = True
        try:
            if rule.mode is Misbehaviour.TRUNCATED:
                self.wfile.write(body[: len(body) // 2])
            elif rule.mode is Misbehaviour.TRICKLE:
                for at in range(len(body)):
                    self.wfile.write(body[at : at + 1])
                    self.wfile.flush()
                    time.sleep(rule.delay)
            else:
                self.wfile.write(body[: max(1, len(body) // 2)])
                filler = b'{"id":"flood"},' * 4096
                while True:
                    self.wfile.write(filler)
            self.wfile.flush()
        except OSError:
            return  # the client hung up
        finally:
            shut(self.connection)

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

    def _caller(self, path: str) -> tuple[Account | None, Session | None, bool] | None:
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
        tenant = session.tenant if session is not None else ""
        if stale and path in DATA_PATHS:
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
            self._log_query(account, tenant)
        elif method == "POST" and path == SCHEDULES:
            self._schedules(account, tenant)
        elif method == "GET" and path == DOWNLOAD:
            self._download(account, tenant)
        elif path in ("", "/", "/Login"):
            self._html(HTTPStatus.OK, _LOGIN_PAGE)
        elif path in ALL_PATHS:
            self._html(HTTPStatus.METHOD_NOT_ALLOWED, _error_page(405, "Method Not Allowed"))
        else:
            self._html(HTTPStatus.NOT_FOUND, _error_page(404, "Not Found"))

    def _login(self, session: Session | None) -> None:
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
        if session is not None and session.account == account and session.tenant == tenant:
            self._json({"success": True, "code": "200", "data": "2"})
            return
        if session is not None:
            self.demo._drop_session(session.id)
        fresh = self.demo._new_session(account, tenant)
        headers = {
            "Set-Cookie": f"JSESSIONID={fresh.id}; Path={CONTEXT}; HttpOnly",
            "Authorization": f"Session {fresh.id}",
        }
        document = {"success": True, "msg": "login success", "data": "1", "jsessionid": fresh.id}
        self._json(document, headers)

    def _captcha(self, session: Session | None) -> None:
        headers = {"Cache-Control": "no-store"}
        if session is None:
            session = self.demo._new_session()
            headers["Set-Cookie"] = f"JSESSIONID={session.id}; Path={CONTEXT}; HttpOnly"
        self._send(200, "image/png", self.demo._new_captcha(session), headers)

    def _logout(self, session: Session | None) -> None:
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

    def _log_query(self, account: Account | None, tenant: str) -> None:
        if account is None or not account.admin:
            self._json(_NO_PERMISSION)
            return
        wanted = self._form().get("id", "").strip()
        history = self.demo.history_of(tenant)
        if wanted:
            row = self.demo._find(wanted, tenant)
            self._json({"msg": "", "success": True, "data": [row] if row else []})
            return
        live_rows = self.demo.live_rows_of(tenant)
        live = history.separator.join(orjson.dumps(row) for row in live_rows)
        glue = history.separator if live and history.rows else b""
        head = b'{"msg": "", "success": true, "data": [' if history.spaced else _LOG_HEAD
        body = [head, live, glue, history.rows, b"]}"]
        self._send(200, "application/json;charset=UTF-8", body)

    def _schedules(self, account: Account | None, tenant: str) -> None:
        if account is None:
            self._json({"success": False, "code": 401, "msg": "please login first"})
            return
        if not account.admin:
            self._json(_NO_PERMISSION)
            return
        history = self.demo.history_of(tenant)
        items = orjson.loads(history.schedules)
        wanted = self._form().get("id", "").strip()
        if wanted:
            items = [item for item in items if item["id"] == wanted]
        self._json({"success": True, "code": "200", "data": items})

    def _download(self, account: Account | None, tenant: str) -> None:
        backup_id = self._query.get("id", [""])[0]
        if account is None or not account.admin:
            self._attachment("info.txt", "text/plain;charset=UTF-8", b"no permission")
            return
        row = self.demo._find(backup_id, tenant)
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


def shut(connection: socket.socket) -> None:
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

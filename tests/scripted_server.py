"""A plain HTTP server on 127.0.0.1 that answers from a script: for the client's tests of what
the demo server never does (odd redirects, odd answers, hostile servers)."""

from __future__ import annotations

import ssl
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes = field(repr=False)


@dataclass(frozen=True)
class Answer:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


LOGIN = "/plugin/datafor/api/extension/auth/login"
WHO_AM_I = "/plugin/datafor-modeler/api/user/detail"
LOG_QUERY = "/plugin/datafor-backup/api/log/query"
SCHEDULES = "/plugin/datafor-backup/api/query"
SIGNED_IN = Answer(
    200,
    {"Content-Type": "application/json"},
    b'{"success": true, "data": {"user": {"username": "a", "name": "A"}}}',
)


def json_answer(body: bytes) -> Answer:
    return Answer(200, {"Content-Type": "application/json"}, body)


TLS_FOLDER = Path(__file__).parent / "data" / "tls"
CERTIFICATE = TLS_FOLDER / "cert.pem"
"""The https server's self-signed certificate: trust it with ``TlsOptions(ca_bundle=...)``."""


class MiniDatafor:
    """A script that answers as a Datafor server at `context` does, as far as signing in,
    the history and the schedules go: anonymous who-am-I, the session sign-in, a history of
    `rows` and the `schedules` (JSON lists)."""

    def __init__(
        self, context: str = "/datafor", rows: bytes = b"[]", schedules: bytes = b"[]"
    ) -> None:
        self.context = context
        self.rows = rows
        self.schedules = schedules

    def __call__(self, request: Request) -> Answer:
        path = request.path.partition("?")[0]
        if not path.startswith(self.context + "/"):
            return Answer(404, {"Content-Type": "text/html"}, b"<html>Not Found</html>")
        path = path[len(self.context) :]
        signed_in = "JSESSIONID=s3ssion" in request.headers.get("Cookie", "")
        if path == LOGIN and b"password=password" in request.body:
            cookie = f"JSESSIONID=s3ssion; Path={self.context}; HttpOnly"
            return Answer(200, {"Content-Type": "application/json", "Set-Cookie": cookie},
                          b'{"success": true, "msg": "login success", "data": "1"}')  # fmt: skip
        if path == LOGIN:
            return json_answer(b'{"success": false, "data": "0", "msg": "wrong password"}')
        if path == WHO_AM_I:
            return SIGNED_IN if signed_in else json_answer(b'{"success": true, "data": {}}')
        if path == LOG_QUERY and signed_in:
            return json_answer(b'{"success": true, "msg": "", "data": ' + self.rows + b"}")
        if path == SCHEDULES and signed_in:
            return json_answer(b'{"success": true, "code": "200", "data": ' + self.schedules + b"}")
        return json_answer(b'{"success": false, "code": 403, "msg": "no permission"}')


@contextmanager
def scripted(
    script: Callable[[Request], Answer], *, tls: bool = False
) -> Iterator[tuple[str, list[Request]]]:
    """Serve `script` (over https with the test certificate when `tls`); yields the
    server's address and the requests it received."""
    seen: list[Request] = []

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def answer(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            request = Request(self.command, self.path, dict(self.headers.items()), body)
            seen.append(request)
            reply = script(request)
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            self.wfile.write(reply.body)

        do_GET = do_POST = answer

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    if tls:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(CERTIFICATE, TLS_FOLDER / "key.pem")
        server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"{'https' if tls else 'http'}://127.0.0.1:{server.server_address[1]}", seen
    finally:
        server.shutdown()
        server.server_close()
        thread.join()

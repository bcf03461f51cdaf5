"""A plain HTTP server on 127.0.0.1 that answers from a script: for the client's tests of what
the demo server never does (odd redirects, odd answers, hostile servers)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
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


WHO_AM_I = "/plugin/datafor-modeler/api/user/detail"
SIGNED_IN = Answer(
    200,
    {"Content-Type": "application/json"},
    b'{"success": true, "data": {"user": {"username": "a", "name": "A"}}}',
)


def json_answer(body: bytes) -> Answer:
    return Answer(200, {"Content-Type": "application/json"}, body)


@contextmanager
def scripted(script: Callable[[Request], Answer]) -> Iterator[tuple[str, list[Request]]]:
    """Serve `script`; yields the server's address and the requests it received."""
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
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", seen
    finally:
        server.shutdown()
        server.server_close()
        thread.join()

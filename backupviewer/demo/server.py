"""A Datafor-compatible HTTP server on 127.0.0.1 for the demo mode and the tests."""

from __future__ import annotations

import logging
import random
import secrets
import socket
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from http.server import ThreadingHTTPServer
from types import TracebackType
from typing import Any

from backupviewer.demo import accounts, captcha
from backupviewer.demo.accounts import Account
from backupviewer.demo.api import (
    CAPTCHA,
    CONTEXT,
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
from backupviewer.demo.handler import Handler, HTTPServer, shut
from backupviewer.demo.history import (
    CRON_SHARE,
    History,
    build_history,
    java_time,
    live_row,
)
from backupviewer.demo.plans import ZONE

logger = logging.getLogger(__name__)

__all__ = [
    "CAPTCHA",
    "CONTEXT",
    "DOWNLOAD",
    "LOGIN",
    "LOGOUT",
    "LOG_QUERY",
    "SCHEDULES",
    "WHO_AM_I",
    "DemoServer",
    "Misbehaviour",
    "Seen",
]

_NO_PERMISSION = {"success": False, "code": 403, "msg": "no permission"}
_SEEN_KEPT = 1000  # requests remembered in `DemoServer.seen`
_LOG_HEAD = b'{"msg":"","success":true,"data":['  # a history answer's start, as Datafor writes it


@dataclass
class _Live:
    """A backup started while the server runs (the `running` knob)."""

    row: dict[str, Any]
    started: datetime
    finishes: float | None
    failed: bool
    finished: datetime | None = None


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
        keep_time: bool = False,
    ) -> None:
        self.rows = rows
        self.keep_time = keep_time and now is None
        self.cron_share = cron_share
        self.spaced = spaced
        self._port = port
        self._seed = seed
        self._now = now
        self._lock = threading.Lock()
        self._rng = random.Random()
        self._histories: dict[str, History] = {}  # by state of health (see `history_of`)
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._connections: set[socket.socket] = set()
        self._sessions: dict[str, Session] = {}
        self._failures: dict[str, int] = {}
        self._rules: list[Rule] = []
        self._live: list[_Live] = []
        self._login_page_for_stale = False
        self._last_captcha: str | None = None
        self.seen: list[Seen] = []

    # -- life cycle --------------------------------------------------------------------------

    def start(self) -> DemoServer:
        """Generate the history and start serving; returns self."""
        if self._httpd is not None:
            return self
        self._histories["all"] = build_history(
            self.rows, self._seed, self._now, self.cron_share, self.spaced
        )
        httpd = HTTPServer(("127.0.0.1", self._port), Handler)
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
            shut(connection)
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
            self._rules.append(Rule(Misbehaviour(mode), times, delay, path))

    def expire_sessions(self, *, login_page: bool = False) -> None:
        """End every session; with `login_page`, stale cookies then get the HTML login page."""
        with self._lock:
            self._sessions.clear()
            self._login_page_for_stale = login_page

    def start_backup(
        self,
        name: str = "手动备份",
        *,
        seconds: float | None = None,
        failed: bool = False,
        started: datetime | None = None,
    ) -> str:
        """Show a manual backup as running (since `started`, default now); it ends after
        `seconds` (None: at `finish_backup`). Returns its id.
        """
        started = started or datetime.now(ZONE)
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

    def _take_rule(self, path: str) -> Rule | None:
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

    @property
    def history(self) -> History:
        """The generated history: as of the start, or – keeping time – of this minute, its
        schedules' newest runs made as their times come."""
        return self.history_of("")

    def history_of(self, tenant: str) -> History:
        """`history` as a tenant sees it: the tenants of `accounts.TENANT_STATES` a history of
        their own in one state of health, the others (and no tenant) the one in every state."""
        state = accounts.TENANT_STATES.get(tenant, "all")
        with self._lock:
            if state not in self._histories or self.keep_time:
                self._histories[state] = build_history(
                    self.rows, self._seed, self._now, self.cron_share, self.spaced, state
                )
            return self._histories[state]

    def live_rows_of(self, tenant: str) -> list[dict[str, Any]]:
        """The backups started while serving (`start_backup`): in the history of every state."""
        return self._live_rows() if tenant not in accounts.TENANT_STATES else []

    def _find(self, backup_id: str, tenant: str = "") -> dict[str, Any] | None:
        for row in self.live_rows_of(tenant):
            if row["id"] == backup_id:
                return row
        return self.history_of(tenant).find(backup_id)

    def _session(self, session_id: str | None) -> tuple[Session | None, bool]:
        """The session for a cookie, and whether the cookie was stale in login-page mode."""
        if not session_id:
            return None, False
        with self._lock:
            found = self._sessions.get(session_id)
            return found, found is None and self._login_page_for_stale

    def _new_session(self, account: Account | None = None, tenant: str = "") -> Session:
        session = Session(secrets.token_hex(16).upper(), account, tenant=tenant)
        with self._lock:
            self._sessions[session.id] = session
        return session

    def _drop_session(self, session_id: str) -> None:
        with self._lock:
            self._sessions.pop(session_id, None)

    def _new_captcha(self, session: Session) -> bytes:
        with self._lock:
            code = captcha.new_code(self._rng)
            session.captcha = self._last_captcha = code
        logger.info("Captcha code for the next sign-in: %s", code)
        return captcha.picture(code, self._rng)

    def _check_captcha(self, session: Session | None, code: str) -> str | None:
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

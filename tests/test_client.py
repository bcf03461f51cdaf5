"""The Datafor client against the demo server over loopback HTTP (MockTransport where it can't)."""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import socket
import ssl
import tempfile
import threading
import zipfile
from collections.abc import Awaitable, Callable, Coroutine, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest
from scripted_server import (
    CERTIFICATE,
    SIGNED_IN,
    WHO_AM_I,
    Answer,
    MiniDatafor,
    Request,
    json_answer,
    scripted,
)

from backupviewer.core.answer_file import AnswerFile
from backupviewer.core.datafor.addresses import normalize_base_url
from backupviewer.core.datafor.auth import AuthMethod, Credentials, TlsOptions
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
from backupviewer.core.records import Record, Status
from backupviewer.demo import accounts
from backupviewer.demo.server import LOG_QUERY, LOGIN, DemoServer, Misbehaviour
from backupviewer.history.workers import decode_answer
from backupviewer.server import http_errors, receiving
from backupviewer.server.client import DataforClient
from backupviewer.server.redirects import refuse_downgrade

T = TypeVar("T")
ADMIN = Credentials(accounts.ADMIN.user, accounts.ADMIN.password)
VIEWER = Credentials(accounts.VIEWER.user, accounts.VIEWER.password)


def run(scenario: Callable[[], Coroutine[Any, Any, T]]) -> T:
    return asyncio.run(scenario())


async def signed_in(
    server: DemoServer, credentials: Credentials = ADMIN, **kw: Any
) -> DataforClient:
    client = DataforClient(server.url, **kw)
    await client.sign_in(credentials)
    return client


async def history_of(client: DataforClient) -> list[Record]:
    """The history as the app reads it: decoded through the table, each row's record."""
    table = decode_answer(await client.history(), (await client.schedules()).triggers)
    return [table.record(row) for row in range(len(table))]


def fails_with(kind: type[BackupViewerError], call: Callable[[], Awaitable[Any]]) -> str:
    """Run `call` expecting a `kind` error; return its message."""

    async def scenario() -> str:
        with pytest.raises(kind) as caught:
            await call()
        return str(caught.value)

    return run(scenario)


# -- addresses -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("localhost:28080", ["http://localhost:28080", "http://localhost:28080/datafor"]),
        (" http://h:1/datafor/ ", ["http://h:1/datafor", "http://h:1"]),
        ("HTTPS://Host/datafor", ["https://host/datafor", "https://host"]),
        ("h/datafor/Home?x=1#top", ["http://h/datafor/Home", "http://h/datafor"]),
        ("http://u:pw@h:8080/bi/", ["http://h:8080/bi", "http://h:8080/bi/datafor"]),
        ("[::1]:28080", ["http://[::1]:28080", "http://[::1]:28080/datafor"]),
    ],
)
def test_normalize_base_url(typed: str, expected: list[str]) -> None:
    assert normalize_base_url(typed) == expected


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "   ",
        "ftp://host",
        "http://",
        "host:port",
        "http://h:99999",
        "http://h:0",
        "http://[::1",
    ],
)
def test_normalize_base_url_refuses_non_addresses(typed: str) -> None:
    with pytest.raises(NetworkError, match="address"):
        normalize_base_url(typed)


@pytest.mark.parametrize(
    "typed", ["http://admin:s3cret@host:99999/datafor", "ftp://admin:s3cret@host", "a:s3cret@h:x"]
)
def test_a_refused_address_never_shows_the_password_in_it(typed: str) -> None:
    with pytest.raises(NetworkError) as caught:
        normalize_base_url(typed)
    assert "s3cret" not in str(caught.value) and "is not a web address" in str(caught.value)
    client = DataforClient(typed)
    assert "s3cret" not in repr(client) and "s3cret" not in client.base_url
    assert "s3cret" not in fails_with(NetworkError, lambda: client.sign_in(ADMIN))


# -- signing in ------------------------------------------------------------------------------


def test_session_sign_in_finds_the_context_and_reads_everything(demo_server: DemoServer) -> None:
    async def scenario() -> None:
        root = demo_server.url.removesuffix("/datafor") + "/"
        async with DataforClient(root) as client:
            assert await client.sign_in(ADMIN) == accounts.ADMIN.name
            assert client.base_url == demo_server.url
            assert (client.user, client.display_name) == ("admin", accounts.ADMIN.name)
            records = await history_of(client)
            schedules = await client.fetch_schedules()
            me = await client.who_am_i()
        assert len(records) == demo_server.rows
        assert len(schedules) > 10 and all("cron" in item for item in schedules)
        assert me is not None and me["username"] == "admin"
        newer = [r for r in records if r.schedule_id and "cron" not in r.raw]
        assert newer and all(r.schedule is not None for r in newer[:20] if r.schedule_text)

    run(scenario)
    query = [seen for seen in demo_server.seen if seen.path.endswith(LOG_QUERY)][-1]
    assert (query.method, query.content_type, query.body) == ("POST", "application/json", b"{}")


@pytest.mark.parametrize(
    "credentials",
    [
        Credentials("admin", "password", AuthMethod.BASIC),
        Credentials("", accounts.ADMIN_TOKEN, AuthMethod.TOKEN),
        Credentials("admin", "password", tenant="tenant1"),
        Credentials("admin", "password", tenant="/pentaho/tenant1"),
    ],
    ids=["basic", "token", "tenant", "tenant-path"],
)
def test_other_ways_to_sign_in(demo_server: DemoServer, credentials: Credentials) -> None:
    async def scenario() -> int:
        async with await signed_in(demo_server, credentials) as client:
            assert client.display_name == accounts.ADMIN.name
            return len(await client.history())

    assert run(scenario) > 50_000


@pytest.mark.parametrize(
    ("credentials", "kind", "words"),
    [
        (Credentials("admin", "nope"), SignInError, "Wrong user name or password"),
        (Credentials("ghost", "nope"), SignInError, "Wrong user name or password"),
        (Credentials("admin", "nope", AuthMethod.BASIC), SignInError, "Wrong user name"),
        (Credentials("", "forged", AuthMethod.TOKEN), SignInError, "did not accept the token"),
        (Credentials("admin", "password", tenant="tenant9"), TenantError, "no tenant 'tenant9'"),
        (Credentials("admin", "password", tenant="tenant2"), TenantError, "is disabled"),
    ],
)
def test_sign_in_failures(
    demo_server: DemoServer, credentials: Credentials, kind: type[Exception], words: str
) -> None:
    async def scenario() -> None:
        async with DataforClient(demo_server.url) as client:
            with pytest.raises(kind, match=words) as caught:
                await client.sign_in(credentials)
            assert not isinstance(caught.value, CaptchaRequired)
            assert client.user is None

    run(scenario)


@pytest.mark.parametrize(
    ("credentials", "words"),
    [
        (Credentials(" ", "x"), "Enter a user name"),
        (Credentials("admin", ""), "Enter a password"),
        (Credentials("", "", AuthMethod.TOKEN), "Enter the token"),
        (Credentials("admin", "x", AuthMethod.BASIC, tenant="tenant1"), "tenant"),
    ],
)
def test_sign_in_input_is_checked_before_asking(
    demo_server: DemoServer, credentials: Credentials, words: str
) -> None:
    async def scenario() -> None:
        async with DataforClient(demo_server.url) as client:
            await client.sign_in(credentials)

    assert words in fails_with(SignInError, scenario)
    assert demo_server.seen == []


def test_captcha_flow(demo_server: DemoServer) -> None:
    async def scenario() -> None:
        async with DataforClient(demo_server.url) as client:
            for _ in range(accounts.CAPTCHA_AFTER - 1):
                with pytest.raises(SignInError) as plain:
                    await client.sign_in(Credentials("admin", "bad"))
                assert not isinstance(plain.value, CaptchaRequired)
            with pytest.raises(CaptchaRequired) as first:
                await client.sign_in(Credentials("admin", "bad"))
            assert not first.value.wrong and "Wrong user name or password" in str(first.value)
            assert (await client.fetch_captcha()).startswith(b"\x89PNG")
            with pytest.raises(CaptchaRequired) as wrong:
                await client.sign_in(Credentials("admin", "password", captcha="0000x"))
            assert wrong.value.wrong and "not right" in str(wrong.value)
            with pytest.raises(CaptchaRequired) as again:
                await client.sign_in(Credentials("admin", "password", captcha="1234"))
            assert not again.value.wrong  # each picture is good for one try: fetch a new one
            await client.fetch_captcha()
            code = demo_server.captcha_code_for_last_session()
            assert code is not None
            assert await client.sign_in(Credentials("admin", "password", captcha=code))

    run(scenario)


def test_locked_address(demo_server: DemoServer) -> None:
    async def scenario() -> None:
        async with DataforClient(demo_server.url) as client:
            for _ in range(accounts.LOCK_AFTER):
                with pytest.raises(SignInError):
                    await client.sign_in(Credentials("admin", "bad"))
            with pytest.raises(SignInError, match="too many failed attempts"):
                await client.sign_in(ADMIN)
            demo_server.reset_login_failures()
            assert await client.sign_in(ADMIN)

    run(scenario)


# -- permissions and sessions ------------------------------------------------------------------


def test_a_non_administrator_is_told_so(demo_server: DemoServer, tmp_path: Path) -> None:
    async def scenario() -> list[str]:
        messages = []
        async with await signed_in(demo_server, VIEWER) as client:
            for call in (
                client.history,
                client.fetch_schedules,
                lambda: client.download_backup("Backup_x", tmp_path / "x.zip"),
            ):
                with pytest.raises(NotPermitted) as caught:
                    await call()
                messages.append(str(caught.value))
        return messages

    history, schedules, download = run(scenario)
    assert history.startswith(f"{accounts.VIEWER.name} is signed in but is not an administrator")
    assert "see the backup schedules" in schedules and "download backups" in download
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("login_page", [False, True], ids=["anonymous-json", "login-page"])
def test_session_expiring_between_calls(demo_server: DemoServer, login_page: bool) -> None:
    async def scenario() -> None:
        async with await signed_in(demo_server) as client:
            await client.history()
            demo_server.expire_sessions(login_page=login_page)
            for call in (client.history, client.fetch_schedules):
                with pytest.raises(SessionExpired, match="session on the server has ended"):
                    await call()
            assert await client.who_am_i() is None
            await client.sign_in(ADMIN)
            assert await client.history()

    run(scenario)


def test_calls_before_signing_in_say_so(demo_server: DemoServer) -> None:
    async def scenario() -> None:
        async with DataforClient(demo_server.url) as client:
            await client.history()

    assert "not signed in" in fails_with(SessionExpired, scenario)


def test_sign_out(fresh_demo_server: DemoServer) -> None:
    async def scenario() -> None:
        async with await signed_in(fresh_demo_server) as client:
            await client.sign_out()
            assert client.user is None and await client.who_am_i() is None
            await client.sign_in(ADMIN)
            fresh_demo_server.stop()
            await client.sign_out()  # best effort: no error when the server is gone

    run(scenario)


def test_running_backup_then_finished(demo_server: DemoServer) -> None:
    async def scenario() -> None:
        async with await signed_in(demo_server) as client:
            demo_server.start_backup()
            first = (await history_of(client))[0]
            assert first.status is Status.RUNNING and first.finished is None
            demo_server.finish_backup()
            again = (await history_of(client))[0]
            assert (again.id, again.status) == (first.id, Status.SUCCEEDED)

    run(scenario)


# -- downloads -------------------------------------------------------------------------------


def some_id(client_records: list[Any], status: Status) -> str:
    return str(next(r.id for r in client_records if r.status is status))


def test_download_complete(demo_server: DemoServer, tmp_path: Path) -> None:
    steps: list[tuple[int, int | None]] = []

    async def scenario() -> Path:
        async with await signed_in(demo_server) as client:
            backup_id = some_id(await history_of(client), Status.SUCCEEDED)
            return await client.download_backup(
                backup_id, tmp_path / f"{backup_id}.zip", lambda a, b: steps.append((a, b))
            )

    saved = run(scenario)
    assert list(tmp_path.iterdir()) == [saved]
    assert zipfile.is_zipfile(saved)
    size = saved.stat().st_size
    assert steps[0] == (0, size) and steps[-1] == (size, size) and len(steps) > 2
    assert [done for done, _ in steps] == sorted(done for done, _ in steps)


def test_download_cancelled_leaves_nothing(demo_server: DemoServer, tmp_path: Path) -> None:
    async def scenario() -> None:
        async with await signed_in(demo_server) as client:
            backup_id = some_id(await history_of(client), Status.SUCCEEDED)
            task: asyncio.Task[Path] | None = None

            def progress(done: int, total: int | None) -> None:
                if done and task is not None:
                    task.cancel()

            task = asyncio.create_task(
                client.download_backup(backup_id, tmp_path / "b.zip", progress)
            )
            with pytest.raises(asyncio.CancelledError):
                await task

    run(scenario)
    assert list(tmp_path.iterdir()) == []


def test_download_errors_leave_nothing(demo_server: DemoServer, tmp_path: Path) -> None:
    async def scenario() -> list[str]:
        messages = []
        async with await signed_in(demo_server) as client:
            failed = some_id(await history_of(client), Status.FAILED)
            done = some_id(await history_of(client), Status.SUCCEEDED)
            for backup_id in (failed, "Backup_2000.01.01-00.00.00.000+0800"):
                with pytest.raises(DownloadError) as caught:
                    await client.download_backup(backup_id, tmp_path / "a.zip")
                messages.append(str(caught.value))
            demo_server.misbehave(Misbehaviour.TRUNCATED, path="download")
            with pytest.raises(NetworkError, match="broke off"):
                await client.download_backup(done, tmp_path / "b.zip")
            with pytest.raises(DownloadError, match="Could not create a file"):
                await client.download_backup(done, tmp_path / "missing" / "c.zip")
            demo_server.expire_sessions()
            with pytest.raises(SessionExpired):
                await client.download_backup(done, tmp_path / "d.zip")
        return messages

    failed_note, unknown_note = run(scenario)
    assert "no zip file for backup" in failed_note and failed_note.endswith("zip not found")
    assert "Backup_2000.01.01-00.00.00.000+0800.zip not found" in unknown_note
    assert list(tmp_path.iterdir()) == []


def test_download_keeps_an_earlier_file_until_complete(
    demo_server: DemoServer, tmp_path: Path
) -> None:
    target = tmp_path / "keep.zip"
    target.write_bytes(b"earlier")

    async def scenario() -> None:
        async with await signed_in(demo_server) as client:
            done = some_id(await history_of(client), Status.SUCCEEDED)
            demo_server.misbehave(Misbehaviour.DISCONNECT, path="download")
            with pytest.raises(NetworkError):
                await client.download_backup(done, target)

    run(scenario)
    assert target.read_bytes() == b"earlier"
    assert list(tmp_path.iterdir()) == [target]


# -- misbehaving servers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mode", "kind", "words"),
    [
        (Misbehaviour.TRUNCATED, NetworkError, "broke off before the answer was complete"),
        (Misbehaviour.DISCONNECT, NetworkError, "broke off"),
        (Misbehaviour.HTML, ProtocolError, "web page instead of the backup history"),
        (Misbehaviour.PROXY_502, ServerError, "HTTP 502 Bad Gateway"),
        (Misbehaviour.HTTP_500, ServerError, "HTTP 500 Internal Server Error"),
        (Misbehaviour.GARBAGE, ProtocolError, "not in the documented format"),
    ],
)
def test_history_when_the_server_misbehaves(
    demo_server: DemoServer, mode: Misbehaviour, kind: type[Exception], words: str
) -> None:
    async def scenario() -> None:
        async with await signed_in(demo_server) as client:
            demo_server.misbehave(mode, path="log/query")
            with pytest.raises(kind, match=words):
                await history_of(client)  # (the client, or the table reading what came)
            assert await history_of(client)  # once only

    run(scenario)


def test_a_large_history_streams_into_a_file_removed_once_dropped(
    demo_server: DemoServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))

    async def scenario() -> None:
        async with await signed_in(demo_server) as client:
            whole = await client.history()
            assert isinstance(whole, bytes)
            monkeypatch.setattr(receiving, "SPOOL_FROM", len(whole) // 3)
            answer = await client.history()
            assert isinstance(answer, AnswerFile) and answer.path.parent == tmp_path
            assert answer.read(0, len(whole) + 1) == whole
            del answer
            await asyncio.sleep(0)  # (the step that received it holds it till it ends)
            gc.collect()
            assert list(tmp_path.iterdir()) == []
            monkeypatch.setattr(receiving, "SPOOL_FROM", len(whole))
            assert await client.history() == whole
            monkeypatch.setattr(receiving, "SPOOL_FROM", 100)
            for mode, kind in ((Misbehaviour.TRUNCATED, NetworkError),
                               (Misbehaviour.HTML, ProtocolError)):  # fmt: skip
                demo_server.misbehave(mode, path="log/query")
                with pytest.raises(kind):
                    await client.history()
                await asyncio.sleep(0)
                gc.collect()
                assert list(tmp_path.iterdir()) == []

    run(scenario)


def test_slow_answers_time_out(demo_server: DemoServer) -> None:
    async def scenario() -> None:
        async with await signed_in(demo_server, timeout=0.3) as client:
            demo_server.misbehave(Misbehaviour.SLOW, delay=0.8, path="api/query")
            with pytest.raises(NetworkError, match=r"did not (finish )?answer(ing)? within 0.3 s"):
                await client.fetch_schedules()

    run(scenario)


@pytest.mark.parametrize(
    ("mode", "kind", "words"),
    [
        (Misbehaviour.HTML, ProtocolError, "No Datafor server answered at"),
        (Misbehaviour.PROXY_502, ServerError, "A proxy in front of Datafor"),
        (Misbehaviour.HTTP_500, ServerError, "HTTP 500"),
        (Misbehaviour.GARBAGE, ProtocolError, "sign-in answer is not in the documented format"),
        (Misbehaviour.TRUNCATED, NetworkError, "broke off"),
    ],
)
def test_sign_in_when_the_server_misbehaves(
    demo_server: DemoServer, mode: Misbehaviour, kind: type[BackupViewerError], words: str
) -> None:
    demo_server.misbehave(mode, times=2)

    async def scenario() -> None:
        async with DataforClient(demo_server.url) as client:
            await client.sign_in(ADMIN)

    assert words in fails_with(kind, scenario)


def test_not_a_datafor_address(demo_server: DemoServer) -> None:
    async def scenario() -> None:
        elsewhere = demo_server.url.removesuffix("/datafor") + "/elsewhere"
        async with DataforClient(elsewhere) as client:
            await client.sign_in(ADMIN)

    message = fails_with(ProtocolError, scenario)
    assert "No Datafor server answered at" in message and "HTTP 404" in message


def test_a_plain_web_server_is_said_not_to_be_datafor() -> None:
    """As Python's own http.server answers: GET unknown → 404, POST → 501."""

    def plain(request: Request) -> Answer:
        if request.method == "POST":
            return Answer(501, {"Content-Type": "text/html"}, b"<html>Unsupported method</html>")
        if request.path in ("/", "/datafor/"):
            return Answer(200, {"Content-Type": "text/html"}, b"<html>Directory listing</html>")
        return Answer(404, {"Content-Type": "text/html"}, b"<html>File not found</html>")

    async def scenario(address: str) -> None:
        async with DataforClient(address) as client:
            await client.sign_in(ADMIN)

    with scripted(plain) as (address, _):
        message = fails_with(ProtocolError, lambda: scenario(address))
    assert "No Datafor server answered at" in message and "Try again later" not in message


# -- servers that moved ----------------------------------------------------------------------

Plan = Callable[[str], tuple[int, str]]


@contextmanager
def redirecting(plan: Plan) -> Iterator[str]:
    """A plain HTTP server on 127.0.0.1 that answers every request with ``plan(path)``:
    a redirect status and its Location. Yields the server's base address."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def answer(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            status, location = plan(self.path)
            self.send_response(status)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_GET = do_POST = answer

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def to_demo(demo: DemoServer, status: int) -> Plan:
    """Send every request to the same path on the demo server (another origin)."""
    return lambda path: (status, f"http://127.0.0.1:{demo.port}{path}")


TOKEN = Credentials("", accounts.ADMIN_TOKEN, AuthMethod.TOKEN)


def carries_a_credential(request: Request) -> bool:
    """Whether a request holds a password, an Authorization header or a session cookie."""
    return (
        b"password" in request.body
        or "Authorization" in request.headers
        or "JSESSIONID" in request.headers.get("Cookie", "")
    )


@pytest.mark.parametrize("status", [301, 302, 307, 308])
@pytest.mark.parametrize(
    "credentials",
    [ADMIN, Credentials("admin", "password", AuthMethod.BASIC), TOKEN],
    ids=["session", "basic", "token"],
)
def test_a_redirect_to_another_host_gets_no_credential(
    demo_server: DemoServer, status: int, credentials: Credentials
) -> None:
    """The old address sends everything to another one (here another port): the viewer says
    where the server went, and neither host ever sees a credential."""
    seen_old: list[Request] = []  # (the server's own list, once it runs)

    async def scenario() -> None:
        def elsewhere(request: Request) -> Answer:
            target = f"http://127.0.0.1:{demo_server.port}{request.path}"
            return Answer(status, {"Location": target})

        with scripted(elsewhere) as (old, seen):
            try:
                async with DataforClient(old + "/datafor") as client:
                    await client.sign_in(credentials)
            finally:
                seen_old.extend(seen)

    message = fails_with(ProtocolError, scenario)
    assert (
        message
        == f"The server moved to {demo_server.url}/{WHO_AM_I.lstrip('/')}; use that address."
    )
    assert demo_server.seen == []
    assert seen_old and not any(map(carries_a_credential, seen_old))


def test_a_move_to_another_path_on_the_same_host_is_followed() -> None:
    rows = b'[{"id": "Backup_2025.02.26-11.12.00.205+0800", "status": "1"}]'
    datafor = MiniDatafor("/datafor", rows)

    def moved(request: Request) -> Answer:
        if request.path.startswith("/bi/"):
            return Answer(301, {"Location": request.path.replace("/bi/", "/datafor/", 1)})
        return datafor(request)

    async def scenario() -> tuple[str, bytes | AnswerFile, list[Request]]:
        with scripted(moved) as (address, seen):
            async with DataforClient(address + "/bi") as client:
                await client.sign_in(ADMIN)
                return client.base_url, await client.history(), seen

    base, answer, seen = run(scenario)
    assert base.endswith("/datafor") and isinstance(answer, bytes) and rows in answer
    logins = [r for r in seen if r.path.endswith(LOGIN)]
    assert [r.path.split("/")[1] for r in logins] == ["datafor"]  # the password went once


def test_plain_http_that_moves_up_to_https_gets_the_password_only_over_https() -> None:
    """An address typed without a scheme first finds the server with no credential: the
    redirect up to https is seen before the password is sent, which then goes there only."""
    datafor = MiniDatafor("/datafor", b"[]")

    async def scenario() -> tuple[str, list[Request], list[Request]]:
        with scripted(datafor, tls=True) as (secure, seen_secure):
            port = secure.rsplit(":", 1)[1]

            def upgrade(request: Request) -> Answer:
                return Answer(301, {"Location": f"https://127.0.0.1:{port}{request.path}"})

            with scripted(upgrade) as (plain, seen_plain):
                typed = plain.removeprefix("http://") + "/datafor"  # no scheme
                tls = TlsOptions(ca_bundle=str(CERTIFICATE))
                async with DataforClient(typed, tls=tls) as client:
                    await client.sign_in(ADMIN)
                    return client.base_url, seen_plain, seen_secure

    base, seen_plain, seen_secure = run(scenario)
    assert base.startswith("https://127.0.0.1:") and base.endswith("/datafor")
    assert seen_plain and not any(map(carries_a_credential, seen_plain))
    assert any(b"password=password" in r.body for r in seen_secure)


def test_a_redirect_elsewhere_says_where_the_server_went(demo_server: DemoServer) -> None:
    home = f"127.0.0.1:{demo_server.port}/datafor/Home"

    def plan(path: str) -> tuple[int, str]:
        return 302, f"http://admin:s3cret@{home};jsessionid=SECRETID?from=x"

    async def scenario() -> None:
        with redirecting(plan) as old:
            async with DataforClient(old + "/datafor") as client:
                await client.sign_in(ADMIN)

    message = fails_with(ProtocolError, scenario)
    assert message == f"The server moved to http://{home}; use that address."
    assert demo_server.seen == []


def test_a_redirect_loop_is_reported() -> None:
    async def scenario() -> None:
        with redirecting(lambda path: (301, path)) as old:
            async with DataforClient(old + "/datafor") as client:
                await client.sign_in(ADMIN)

    assert "keeps redirecting" in fails_with(ProtocolError, scenario)


def test_no_redirect_from_https_to_plain_http() -> None:
    request = httpx.Request("POST", "https://h.example/datafor/plugin/x")
    to_http = httpx.Response(301, headers={"Location": "http://h.example/datafor/plugin/x"},
                             request=request)  # fmt: skip
    with pytest.raises(ProtocolError, match="not encrypted"):
        refuse_downgrade("https://h.example/datafor", to_http)
    refuse_downgrade("http://h.example/datafor", to_http)  # http to http: nothing lost


def test_a_redirect_after_signing_in_is_an_error() -> None:
    def script(request: Request) -> Answer:
        if request.path.endswith("user/detail"):
            return SIGNED_IN
        return Answer(302, {"Location": "https://new.example/datafor/x"})

    async def scenario() -> None:
        with scripted(script) as (address, _):
            async with DataforClient(address) as client:
                await client.sign_in(Credentials("a", "b", AuthMethod.BASIC))
                await client.history()

    message = fails_with(ServerError, scenario)
    assert "on to https://new.example/datafor/x (HTTP 302)" in message
    assert "sign in again at its new address" in message


# -- networks --------------------------------------------------------------------------------


def test_connection_refused(fresh_demo_server: DemoServer) -> None:
    url = fresh_demo_server.url
    fresh_demo_server.stop()

    async def scenario() -> None:
        async with DataforClient(url) as client:
            await client.sign_in(ADMIN)

    message = fails_with(NetworkError, scenario)
    assert "connection refused. Is the address right and the server running?" in message


def test_https_to_a_plain_http_server(demo_server: DemoServer) -> None:
    async def scenario() -> None:
        async with DataforClient(demo_server.url.replace("http:", "https:")) as client:
            await client.sign_in(ADMIN)

    assert "secure (TLS) connection" in fails_with(NetworkError, scenario)


def test_unusable_ca_bundle(demo_server: DemoServer, tmp_path: Path) -> None:
    bundle = tmp_path / "ca.pem"
    bundle.write_text("not a certificate")

    async def scenario() -> None:
        async with DataforClient(demo_server.url, tls=TlsOptions(ca_bundle=str(bundle))) as client:
            await client.sign_in(ADMIN)

    assert "CA certificate file" in fails_with(NetworkError, scenario)


def test_insecure_is_explicit_and_logged(
    demo_server: DemoServer, caplog: pytest.LogCaptureFixture
) -> None:
    async def scenario() -> None:
        async with await signed_in(demo_server, tls=TlsOptions(insecure=True)):
            pass

    run(scenario)
    assert "Certificate checks are OFF" in caplog.text
    assert TlsOptions() == TlsOptions(ca_bundle=None, insecure=False)


def chained(outer: httpx.HTTPError, cause: BaseException) -> httpx.HTTPError:
    outer.__cause__ = cause
    return outer


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (
            chained(httpx.ConnectError("x"), ssl.SSLCertVerificationError(1, "verify failed")),
            "not trusted",
        ),
        (chained(httpx.ConnectError("x"), socket.gaierror(-2, "unknown")), "could not be found"),
        (httpx.ConnectTimeout("x"), "did not answer the connection attempt"),
        (httpx.ReadTimeout("x"), "did not answer within 30 s"),
        (httpx.ReadError("reset"), "broke off"),
        (chained(httpx.ConnectError("x"), OSError("no route")), "Could not reach the server"),
    ],
)
def test_network_errors_are_translated(error: httpx.HTTPError, words: str) -> None:
    translated = http_errors.translate(error, "https://h.example:1/datafor/x", 30.0)
    assert isinstance(translated, NetworkError)
    assert words in str(translated)
    if "trusted" in words:
        assert "--ca-bundle" in str(translated)


def test_success_false_becomes_a_server_error_with_its_message() -> None:
    body = b'{"success": false, "code": "500", "msg": "database down"}'

    def script(request: Request) -> Answer:
        return SIGNED_IN if request.path.endswith("user/detail") else json_answer(body)

    async def scenario() -> None:
        with scripted(script) as (address, _):
            async with DataforClient(address) as client:
                await client.sign_in(Credentials("a", "b", AuthMethod.BASIC))
                await client.history()

    message = fails_with(ServerError, scenario)
    assert "database down" in message and "500" in message


def test_big_answers_are_handed_on_unparsed(monkeypatch: pytest.MonkeyPatch) -> None:
    body = b'{"success": true, "data": [' + b"1," * 40_000 + b"1]}"
    monkeypatch.setattr(receiving, "SPOOL_FROM", len(body) + 1)

    def script(request: Request) -> Answer:
        return SIGNED_IN if request.path.endswith("user/detail") else json_answer(body)

    async def scenario() -> bytes | AnswerFile:
        with scripted(script) as (address, _):
            async with DataforClient(address) as client:
                await client.sign_in(Credentials("a", "b", AuthMethod.BASIC))
                return await client.history()

    assert run(scenario) == body


@pytest.mark.parametrize(
    ("content_type", "saved"), [("application/zip", True), ("text/plain", False)]
)
def test_a_download_without_a_file_name(tmp_path: Path, content_type: str, saved: bool) -> None:
    target = tmp_path / "x.zip"

    def script(request: Request) -> Answer:
        if request.path.endswith("user/detail"):
            return SIGNED_IN
        return Answer(200, {"Content-Type": content_type}, b"PK\x03\x04...")

    async def scenario() -> None:
        with scripted(script) as (address, _):
            async with DataforClient(address) as client:
                await client.sign_in(Credentials("a", "b", AuthMethod.BASIC))
                await client.download_backup("x", target)

    if saved:
        run(scenario)
        assert target.read_bytes() == b"PK\x03\x04..."
    else:
        message = fails_with(ProtocolError, scenario)
        assert "did not send backup x as a zip file (it sent text/plain)" in message
        assert list(tmp_path.iterdir()) == []


def test_bearer_token_only_on_plugin_paths() -> None:
    async def scenario() -> list[Request]:
        with scripted(lambda request: SIGNED_IN) as (address, seen):
            async with DataforClient(address) as client:
                await client.sign_in(Credentials("", "tok", AuthMethod.TOKEN))
                await client._send("GET", "Login")
        return seen

    seen = {request.path: request.headers.get("Authorization") for request in run(scenario)}
    assert seen == {WHO_AM_I: "Bearer tok", "/Login": None}


def test_schedules_that_cannot_be_read_leave_the_rows_without_them(
    demo_server: DemoServer,
) -> None:
    async def scenario() -> list[Record]:
        async with await signed_in(demo_server) as client:
            demo_server.misbehave(Misbehaviour.GARBAGE, path="api/query")
            schedules = await client.schedules()
            assert (
                schedules.items == () and "missed runs are not looked for" in schedules.unavailable
            )
            demo_server.misbehave(Misbehaviour.GARBAGE, path="api/query")
            return await history_of(client)

    records = run(scenario)
    assert len(records) == demo_server.rows
    newer = [r for r in records if r.schedule_id and "cron" not in r.raw]
    assert newer and all(r.schedule is None for r in newer)


# -- secrets ---------------------------------------------------------------------------------


def test_secrets_stay_out_of_reprs_logs_and_errors(
    demo_server: DemoServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    secret = "correct-horse-battery"
    token = Credentials("", accounts.ADMIN_TOKEN, AuthMethod.TOKEN)

    async def scenario() -> list[str]:
        texts = []
        for credentials in (Credentials("admin", secret), token, ADMIN):
            async with DataforClient(demo_server.url) as client:
                try:
                    await client.sign_in(credentials)
                except SignInError as exc:
                    texts.append(str(exc))
                if client.user:
                    await client.history()
                texts += [repr(client), repr(credentials), repr(client._auth)]
        return texts

    texts = run(scenario)
    for text in [*texts, caplog.text]:
        assert secret not in text and accounts.ADMIN_TOKEN not in text
    assert "Signed in to" in caplog.text


def test_a_history_load_cancelled_while_receiving_leaves_no_file(
    demo_server: DemoServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(receiving, "SPOOL_FROM", 1_000)

    async def scenario() -> None:
        async with await signed_in(demo_server) as client:

            async def load() -> None:
                await client.history()
                raise AssertionError("the load should have been cancelled")

            demo_server.misbehave(Misbehaviour.SLOW, delay=0.5, path=LOG_QUERY)
            task = asyncio.create_task(load())
            await asyncio.sleep(0.2)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            await asyncio.sleep(1.0)  # the receiving thread sees the cancel and ends

    run(scenario)
    assert list(tmp_path.iterdir()) == []


QUIT_WHILE_RECEIVING = """
import asyncio, socket, sys, threading, time
from backupviewer.server.client import DataforClient

def serve(sock):
    conn, _ = sock.accept()
    conn.recv(65536)
    body = b'{"success":true,"data":[' + b'{"id":"x"},' * 200_000
    conn.sendall(b"HTTP/1.1 200 OK\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n")
    conn.sendall(b"%x\\r\\n%s\\r\\n" % (len(body), body))
    time.sleep(30)  # the rest never comes before the quit

async def main():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    threading.Thread(target=serve, args=(sock,), daemon=True).start()
    client = DataforClient(f"http://127.0.0.1:{sock.getsockname()[1]}/datafor")

    async def load():
        await client.history()

    task = asyncio.ensure_future(load())
    await asyncio.sleep(1.0)
    task.cancel()  # what quitting does to a load
    await asyncio.gather(task, return_exceptions=True)
    await client.aclose()

asyncio.run(main())
"""


def test_quitting_while_receiving_a_history_leaves_no_file(tmp_path: Path) -> None:
    import subprocess
    import sys

    env = {**os.environ, "TMPDIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", QUIT_WHILE_RECEIVING], env=env, timeout=60, capture_output=True
    )
    assert done.returncode == 0, done.stderr.decode()
    assert list(tmp_path.iterdir()) == []

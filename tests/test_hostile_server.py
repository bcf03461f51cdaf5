"""A server that hangs, floods or fools the viewer, an address that would leak a secret, an
output that is no plain file: each ends in words, with nothing leaked and nothing lost."""

from __future__ import annotations

import asyncio
import gc
import io
import os
import select
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest
from scripted_server import Answer, MiniDatafor, Request, json_answer, scripted
from tables import answer

from backupviewer import cli
from backupviewer.commands import connection
from backupviewer.commands import export as export_command
from backupviewer.core import answer_file
from backupviewer.core.answer_file import AnswerFile
from backupviewer.core.columns import CSV_ORDER, Column
from backupviewer.core.datafor.auth import AuthMethod, Credentials
from backupviewer.core.errors import (
    NetworkError,
    ProtocolError,
    SignInError,
    StorageError,
    described,
)
from backupviewer.demo import accounts
from backupviewer.demo.server import LOG_QUERY, LOGIN, DemoServer, Misbehaviour
from backupviewer.history.csv_export import (
    neutralise,
    read_csv,
    restore,
    write_table,
    write_table_stream,
)
from backupviewer.history.workers import Decoder, decode_answer
from backupviewer.server import client as client_module
from backupviewer.server.client import DataforClient
from backupviewer.server.http_errors import translate

ADMIN = Credentials(accounts.ADMIN.user, accounts.ADMIN.password)
SECRET = "s3cret-Pw"


@pytest.fixture(autouse=True)
def _no_secret_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(cli.PASSWORD_VARIABLE, raising=False)
    monkeypatch.delenv(cli.TOKEN_VARIABLE, raising=False)


def export(monkeypatch: pytest.MonkeyPatch, server: str, *args: str, stdin: str = "") -> int:
    """``backupviewer export --server <server>`` in-process, the secret on standard input."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    return cli.main(["export", "--server", server, "--password-stdin", *args])


def run(coroutine: Any) -> Any:
    return asyncio.run(coroutine)


# -- secrets ----------------------------------------------------------------------------------


def test_a_redirect_elsewhere_ends_the_export_before_a_password_leaves(
    demo_server: DemoServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def elsewhere(request: Request) -> Answer:
        return Answer(302, {"Location": f"http://127.0.0.1:{demo_server.port}{request.path}"})

    with scripted(elsewhere) as (old, seen):
        code = export(monkeypatch, old + "/datafor", "--user", "admin", stdin=f"{SECRET}\n")
    assert code == connection.EXIT_NOT_UNDERSTOOD
    assert f"The server moved to {demo_server.url}/" in capsys.readouterr().err
    assert demo_server.seen == [] and not any(SECRET.encode() in r.body for r in seen)


def test_plain_http_to_another_computer_is_said_before_signing_in(
    demo_server: DemoServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    # 0.0.0.0 reaches this computer, but is no loopback address: as good as another host.
    address = f"http://0.0.0.0:{demo_server.port}/datafor"
    code = export(monkeypatch, address, "--user", "admin", "-o", str(tmp_path / "x.csv"),
                  stdin="password\n")  # fmt: skip
    err = capsys.readouterr().err
    assert code == connection.EXIT_OK
    assert "warning: http://0.0.0.0" in err and "password crosses the network in clear text" in err
    capsys.readouterr()
    local = export(monkeypatch, demo_server.url, "--user", "admin", "-o", str(tmp_path / "y.csv"),
                   stdin="password\n")  # fmt: skip
    assert local == connection.EXIT_OK and "warning" not in capsys.readouterr().err


@pytest.mark.parametrize(
    ("auth", "secret", "words"),
    [
        ("token", "eyJ0eXAi OiJKV1Qi\n", "The token holds a space"),
        ("token", "eyJ0eXAi\tOiJKV1Qi\n", "The token holds a space"),
        ("token", "eyJ0eXAi\rOiJKV1Qi\n", "The token holds a space"),
        ("token", "éyJ0eXAiOiJKV1Qi\n", "The token holds a space"),
        ("session", "pass\tword\n", "The password holds a line break, a tab"),
        ("basic", "pass\x1bword\n", "The password holds a line break, a tab"),
    ],
)
def test_a_secret_with_a_stray_character_is_refused_without_showing_it(
    demo_server: DemoServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    auth: str,
    secret: str,
    words: str,
) -> None:
    user = [] if auth == "token" else ["--user", "admin"]
    code = export(monkeypatch, demo_server.url, "--auth", auth, *user, stdin=secret)
    err = capsys.readouterr().err
    assert code == connection.EXIT_SIGN_IN and words in err
    assert secret.strip()[:6] not in err and secret.strip()[-6:] not in err


def test_the_line_end_of_a_secret_from_a_pipe_or_a_variable_is_dropped(
    demo_server: DemoServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    token = accounts.ADMIN_TOKEN
    out = str(tmp_path / "t.csv")
    assert export(monkeypatch, demo_server.url, "--auth", "token", "-o", out,
                  stdin=token + "\r\n") == connection.EXIT_OK  # fmt: skip
    monkeypatch.setenv(cli.TOKEN_VARIABLE, token + "\n")
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    args = ["export", "--server", demo_server.url, "--auth", "token", "-o", out]
    assert cli.main(args) == connection.EXIT_OK


def test_a_library_error_holding_a_header_is_described_without_it() -> None:
    leak = httpx.LocalProtocolError(f"Illegal header value b'Bearer {SECRET}\\n'")
    for text in (described(leak), str(translate(leak, "https://h:1/datafor", 30.0))):
        assert SECRET not in text
    assert described(RuntimeError("line\x1b[2Jbreak\n")) == "line\\x1b[2Jbreak\\x0a"


def test_a_token_the_client_is_given_directly_never_reaches_a_message(
    demo_server: DemoServer,
) -> None:
    async def scenario() -> str:
        async with DataforClient(demo_server.url) as client:
            with pytest.raises(SignInError) as caught:
                await client.sign_in(Credentials("", f"{SECRET}\nX", AuthMethod.TOKEN))
        return str(caught.value)

    assert SECRET not in run(scenario())
    assert demo_server.seen == []  # refused before anything was sent


# -- hangs and floods ---------------------------------------------------------------------------


def test_a_trickling_sign_in_ends_within_the_time_limit(demo_server: DemoServer) -> None:
    demo_server.misbehave(Misbehaviour.TRICKLE, delay=0.05, path=LOGIN)

    async def scenario() -> None:
        async with DataforClient(demo_server.url, timeout=0.5) as client:
            await client.sign_in(ADMIN)

    started = time.monotonic()
    with pytest.raises(NetworkError, match=r"did not finish answering within 0\.5 s"):
        run(scenario())
    assert time.monotonic() - started < 5


def test_a_trickling_history_ends_the_export_with_words(
    demo_server: DemoServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    demo_server.misbehave(Misbehaviour.TRICKLE, delay=0.01, path=LOG_QUERY)
    started = time.monotonic()
    code = export(monkeypatch, demo_server.url, "--user", "admin", "--timeout", "2",
                  "--deadline", "1", stdin="password\n")  # fmt: skip
    assert code == connection.EXIT_UNAVAILABLE and time.monotonic() - started < 10
    assert "did not finish sending the backup history within 1 s" in capsys.readouterr().err


def test_a_history_that_trickles_below_a_real_speed_ends_long_before_the_deadline(
    demo_server: DemoServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    demo_server.misbehave(Misbehaviour.TRICKLE, delay=0.2, path=LOG_QUERY)
    started = time.monotonic()
    code = export(
        monkeypatch, demo_server.url, "--user", "admin", "--timeout", "1", stdin="password\n"
    )  # fmt: skip  (the deadline: 600 s)
    assert code == connection.EXIT_UNAVAILABLE and time.monotonic() - started < 10
    err = capsys.readouterr().err
    assert "sent the backup history slower than 1,000 bytes a second for 1 s" in err


def test_an_endless_history_stops_at_the_size_limit_and_leaves_no_file(
    demo_server: DemoServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    demo_server.misbehave(Misbehaviour.FLOOD, path=LOG_QUERY)
    code = export(monkeypatch, demo_server.url, "--user", "admin", "--max-size", "3",
                  "-o", str(tmp_path / "never.csv"), stdin="password\n")  # fmt: skip
    assert code == connection.EXIT_NOT_UNDERSTOOD
    assert "answer is larger than 3 MB" in capsys.readouterr().err
    gc.collect()
    assert list(tmp_path.iterdir()) == []


def test_an_endless_small_answer_stops_at_its_limit(
    demo_server: DemoServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(client_module, "SMALL_ANSWER", 200_000)
    demo_server.misbehave(Misbehaviour.FLOOD, path=LOGIN)

    async def scenario() -> None:
        async with DataforClient(demo_server.url) as client:
            await client.sign_in(ADMIN)

    with pytest.raises(ProtocolError, match="larger than 0 MB"):
        run(scenario())


def test_a_full_temporary_folder_is_said_in_words(
    demo_server: DemoServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(self: AnswerFile, chunk: bytes) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(AnswerFile, "write", full)
    monkeypatch.setattr(client_module.receiving, "SPOOL_FROM", 1_000)

    async def scenario() -> None:
        async with DataforClient(demo_server.url) as client:
            await client.sign_in(ADMIN)
            await client.history()

    with pytest.raises(StorageError, match=r"No space left on device\. Free some space"):
        run(scenario())


# -- what is read ------------------------------------------------------------------------------

ROW = {"id": "Backup_2025.02.26-11.12.00.205+0800", "name": "real", "status": "1",
       "add_time": "2025-02-26 11:12:00.207", "update_time": "2025-02-26 11:13:00.2"}  # fmt: skip


def big_rows(count: int, name: str = "real") -> list[dict[str, Any]]:
    """Enough rows (about 1.4 MB) for the answer to go to a file and the workers."""
    return [{**ROW, "id": f"Backup_2025.02.26-11.12.{i % 60:02d}.{i % 1000:03d}+0800",
             "name": f"{name} {i}"} for i in range(8_000)]  # fmt: skip


@pytest.fixture
def decoder() -> Iterator[Decoder]:
    made = Decoder()
    yield made
    made.close()


def test_a_decoy_list_of_rows_before_the_real_data_never_shows(decoder: Decoder) -> None:
    """Rows of the same lengths (first and last the same bytes) in a nested "data" before
    the real one: the details and raw JSON show the real rows."""
    real = big_rows(8_000)
    decoy = [real[0], *({**row, "name": row["name"].upper()} for row in real[1:-1]), real[-1]]
    body = (b'{"success":true,"x":{"data":' + orjson.dumps(decoy) + b'},"data":'
            + orjson.dumps(real) + b"}")  # fmt: skip
    datafor = MiniDatafor("/datafor", orjson.dumps(real))

    def script(request: Request) -> Answer:
        if request.path.endswith(LOG_QUERY) and "s3ssion" in request.headers.get("Cookie", ""):
            return json_answer(body)
        return datafor(request)

    async def scenario() -> list[Any]:
        with scripted(script) as (address, _):
            async with DataforClient(address + "/datafor") as client:
                await client.sign_in(ADMIN)
                history = await client.history()
        assert isinstance(history, AnswerFile)
        tables = [piece async for piece in decoder.decode(history, {})]
        return [row for table in tables for row in range(len(table)) for row in [(table, row)]]

    shown = run(scenario())
    assert [table.record(row).name for table, row in shown] == [row["name"] for row in real]
    assert [orjson.loads(table.raw_json(row)) for table, row in shown] == real


DEEP = "[" * 1000 + "]" * 1000
DEEP_OBJECT = '{"cronJobTrigger":' + '{"a":' * 1000 + "1" + "}" * 1000 + "}"


def test_rows_nested_a_thousand_levels_deep_still_show(decoder: Decoder) -> None:
    rows = [
        *big_rows(8_000)[:6_000],
        {**ROW, "id": "cron-deep", "cron": DEEP},
        {**ROW, "id": "cron-deep-object", "cron": DEEP_OBJECT},
        {**ROW, "id": "config-deep", "config": DEEP},
    ]
    body = answer(rows)[:-2] + b',{"id":"name-deep","name":' + DEEP.encode() + b"}]}"
    table = decode_answer(body)
    assert len(table) == len(rows) + 1
    records = {table.record(row).id: table.record(row) for row in range(len(table) - 1)}
    assert records["cron-deep"].schedule_error == "The schedule is not valid JSON."
    assert records["cron-deep-object"].schedule_error is not None
    assert records["config-deep"].problems
    assert table.flagged[len(table) - 1]  # the one no parser reads: shown, marked
    file = AnswerFile()
    file.write(body)
    pieces = run(_collect(decoder.decode(file.finish(), {})))
    assert sum(map(len, pieces)) == len(rows) + 1


def test_an_answer_nested_too_deep_for_any_parser_is_a_protocol_error() -> None:
    too_deep = b'{"success":true,"data":[' + b"[" * 5000 + b"]" * 5000 + b"]}"
    with pytest.raises(ProtocolError, match="nested deeper than any backup history"):
        decode_answer(too_deep)


async def _collect(pieces: Any) -> list[Any]:
    return [piece async for piece in pieces]


def test_the_command_line_exports_what_the_window_shows(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A byte that is not UTF-8, 1e400 and a 400-digit number: every row exported."""
    odd = (b'[{"id":"b1","name":"Caf\xe9","status":"1"},{"id":"b2","status":1e400},'
           b'{"id":"b3","status":' + b"9" * 400 + b'},{"id":"b4","status":"1"}]')  # fmt: skip
    datafor = MiniDatafor("/datafor", odd)
    out = tmp_path / "odd.csv"
    with scripted(datafor) as (address, _):
        code = export(monkeypatch, address + "/datafor", "--user", "admin", "-o", str(out),
                      stdin="password\n")  # fmt: skip
    err = capsys.readouterr().err
    assert code == connection.EXIT_OK, err
    rows = read_csv(out)
    assert [row["id"] for row in rows] == ["b1", "b2", "b3", "b4"]
    assert rows[0]["name"] == "Caf\ufffd"
    assert "3 of them have fields the viewer could not read" in err


# -- what is written ------------------------------------------------------------------------------


def table_of_one() -> Any:
    return decode_answer(answer([ROW]))


def test_an_output_that_is_a_symbolic_link_replaces_the_file_it_points_to(tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    write_table(table_of_one(), [0], [Column.ID], link)
    assert link.is_symlink() and real.read_bytes() == f"id\r\n{ROW['id']}\r\n".encode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.csv", "real.csv"]


def _others_link(folder: Path, target: Path) -> Path:
    """A link to `target` in `folder` (made world-writable and sticky, as /tmp is) that
    another user owns (root can give it away; anyone else cannot)."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("only root can make a link that another user owns")
    folder.mkdir()
    folder.chmod(0o1777)
    link = folder / "report.csv"
    link.symlink_to(target)
    os.lchown(link, 4242, 4242)
    return link


def test_a_link_another_user_planted_in_a_shared_folder_is_not_followed(
    demo_server: DemoServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    victim = tmp_path / "victims-file"
    victim.write_text("precious", encoding="utf-8")
    link = _others_link(tmp_path / "shared", victim)
    code = export(monkeypatch, demo_server.url, "--user", "admin", "-o", str(link),
                  stdin="password\n")  # fmt: skip
    assert code == connection.EXIT_FAILED
    assert "leads through a link that another user made in a shared folder" in (
        capsys.readouterr().err
    )
    assert victim.read_text(encoding="utf-8") == "precious" and link.is_symlink()
    assert sorted(p.name for p in link.parent.iterdir()) == ["report.csv"]


def test_a_link_of_ones_own_in_a_shared_folder_is_followed(tmp_path: Path) -> None:
    mine = tmp_path / "mine.csv"
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o1777)
    link = folder / "link.csv"
    link.symlink_to(mine)
    write_table(table_of_one(), [0], [Column.ID], link)
    assert mine.read_bytes() == f"id\r\n{ROW['id']}\r\n".encode()


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="no terminals here")
def test_an_output_that_is_a_terminal_gets_no_escape_sequence(tmp_path: Path) -> None:
    leader, follower = os.openpty()
    row = {**ROW, "name": "x\x1b[2J\x1b]0;pwned\x07y"}
    try:
        write_table(decode_answer(answer([row])), [0], [Column.NAME], os.ttyname(follower))
        shown = b""
        while select.select([leader], [], [], 1.0)[0]:  # (a pty hands it over in pieces)
            shown += os.read(leader, 65536)
            if shown.count(b"\n") >= 2:
                break
    finally:
        os.close(leader)
        os.close(follower)
    assert b"\x1b" not in shown and b"\x07" not in shown
    assert b"x\\x1b[2J\\x1b]0;pwned\\x07y" in shown


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_an_output_that_is_a_fifo_is_written_into(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_table(table_of_one(), [0], [Column.ID], fifo)
    reader.join(10)
    assert received == [f"id\r\n{ROW['id']}\r\n".encode()]
    assert fifo.is_fifo() and list(tmp_path.iterdir()) == [fifo]


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="no /dev/null here")
def test_an_output_that_is_a_device_is_never_replaced() -> None:
    before = os.stat("/dev/null")
    write_table(table_of_one(), [0], [Column.ID], "/dev/null")
    after = os.stat("/dev/null")
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)


def test_server_text_reaches_messages_escaped(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    datafor = MiniDatafor("/datafor")

    def script(request: Request) -> Answer:
        if request.path.endswith(LOG_QUERY):
            return json_answer(b'{"success": false, "msg": "\\u001b[2Jdisk\\u0000 full"}')
        return datafor(request)

    with scripted(script) as (address, _):
        code = export(monkeypatch, address + "/datafor", "--user", "admin", stdin="password\n")
    err = capsys.readouterr().err
    assert code == connection.EXIT_UNAVAILABLE
    assert "\x1b" not in err and "\x00" not in err and "\\x1b[2Jdisk\\x00 full" in err


def test_csv_to_a_terminal_shows_escape_sequences_escaped_and_to_a_pipe_as_they_are(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    table = decode_answer(answer([{**ROW, "name": "\x1b[31mred\x1b[0m\ttab"}]))
    for tty, expected in ((True, "\\x1b[31mred\\x1b[0m\ttab"), (False, "\x1b[31mred\x1b[0m\ttab")):
        out = io.BytesIO()
        fake = io.TextIOWrapper(out, encoding="utf-8")
        monkeypatch.setattr(fake, "isatty", lambda tty=tty: tty, raising=False)
        monkeypatch.setattr(sys, "stdout", fake)
        export_command._write(
            lambda path: 0,
            lambda stream: write_table_stream(table, [0], CSV_ORDER, stream),
            "-",
            bom=False,
        )
        assert expected.encode() in out.getvalue(), tty


def test_sigterm_during_an_export_leaves_no_part_file(
    demo_server: DemoServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    real_write = export_command.write_table.__globals__["write_table_stream"]

    def killed_halfway(table: Any, rows: Any, columns: Any, stream: Any, **kwargs: Any) -> int:
        stream.write("id\r\n")
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(1)  # (the signal lands here)
        return int(real_write(table, rows, columns, stream, **kwargs))

    monkeypatch.setitem(
        export_command.write_table.__globals__, "write_table_stream", killed_halfway
    )
    previous = signal.getsignal(signal.SIGTERM)
    try:
        code = export(monkeypatch, demo_server.url, "--user", "admin", "-o",
                      str(tmp_path / "cut.csv"), stdin="password\n")  # fmt: skip
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert code == connection.EXIT_INTERRUPTED and list(tmp_path.iterdir()) == []


def test_answer_files_a_killed_app_left_are_removed_a_day_later(tmp_path: Path) -> None:
    stale = tmp_path / f"{answer_file.PREFIX}killed.json"
    stale.write_bytes(b"{}")
    old = time.time() - 2 * 86_400
    os.utime(stale, (old, old))
    assert answer_file.remove_stale(str(tmp_path)) == 1 and not stale.exists()


def test_a_cell_longer_than_the_csv_modules_default_is_read_back(tmp_path: Path) -> None:
    message = "x" * 300_000
    table = decode_answer(answer([{**ROW, "msg": message}]))
    write_table(table, [0], [Column.MESSAGE], tmp_path / "long.csv")
    assert read_csv(tmp_path / "long.csv") == [{"message": message}]


@pytest.mark.parametrize(
    "cell", ["＝1+1", "＋1", "－2", "＠SUM(A1)", " =1+1", "\u3000=1", "\u00a0@x", "\0x", "  -5"]
)
def test_formulas_behind_blanks_and_in_full_width_are_guarded(cell: str) -> None:
    assert neutralise(cell) == "'" + cell and restore(neutralise(cell)) == cell
    assert neutralise(" plain") == " plain"

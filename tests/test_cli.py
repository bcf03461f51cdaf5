"""``backupviewer export`` and ``demo-server`` end to end, in-process and as real processes."""

from __future__ import annotations

import base64
import csv
import io
import logging
import os
import signal
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from clock import AWKWARD, SERVER_ZONE, fixed

from backupviewer import cli
from backupviewer.commands import connection
from backupviewer.commands import export as export_command
from backupviewer.demo import accounts
from backupviewer.demo.server import DemoServer, Misbehaviour
from backupviewer.history.csv_export import read_csv

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = accounts.ADMIN.password


@pytest.fixture(autouse=True)
def _no_secret_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(cli.PASSWORD_VARIABLE, raising=False)
    monkeypatch.delenv(cli.TOKEN_VARIABLE, raising=False)


def export(
    monkeypatch: pytest.MonkeyPatch, server: DemoServer, *args: str, stdin: str | None = None
) -> int:
    """Run ``export --server <demo>`` in-process; `stdin` is what standard input holds."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin or ""))
    options = ["--password-stdin"] if stdin is not None else []
    return cli.main(["export", "--server", server.url, *options, *args])


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def test_export_writes_the_csv(
    demo_server: DemoServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    out = tmp_path / "all.csv"
    code = export(monkeypatch, demo_server, "--user", "admin", "-o", str(out), stdin="password\n")
    assert code == connection.EXIT_OK
    rows = read(out)
    backups = [row for row in rows if row["status"] != "missed"]
    assert len(backups) == demo_server.rows
    assert {"id", "name", "status", "started", "schedule"} <= set(rows[0])
    assert any(row["name"] == "每日全量备份" for row in rows)
    assert {row["status"] for row in rows} >= {"succeeded", "failed"}
    missed = [row for row in rows if row["status"] == "missed"]
    assert [(row["schedule_id"], row["started"]) for row in missed] == expected_missed(demo_server)
    assert all(row["finished"] == row["duration_s"] == row["id"] == "" for row in missed)
    said = (
        f"Exported {demo_server.rows:,} of {demo_server.rows:,} backups and 1 missed run to {out}."
    )
    assert said in capsys.readouterr().err


def backups_in(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """The rows of backups (not of missed runs)."""
    return [row for row in rows if row["status"] != "missed"]


def expected_missed(demo_server: DemoServer) -> list[tuple[str, str]]:
    """The demo's missed runs (those it left out on purpose) as CSV writes them."""
    zone = timezone(timedelta(hours=8))
    return [
        (plan_id, datetime.fromtimestamp(due / 1000, zone).isoformat(timespec="milliseconds"))
        for plan_id, due in demo_server.history.missed
    ]


def test_export_filters_by_status_to_stdout(
    demo_server: DemoServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    demo_server.start_backup()
    monkeypatch.setenv(cli.PASSWORD_VARIABLE, PASSWORD)
    code = export(
        monkeypatch, demo_server, "--user", "admin", "--status", "running,failed", "-o", "-"
    )
    assert code == connection.EXIT_OK
    captured = capsys.readouterr()
    rows = list(csv.DictReader(io.StringIO(captured.out)))
    assert rows and {row["status"] for row in rows} == {"running", "failed"}
    assert f"Exported {len(rows):,} of {demo_server.rows + 1:,}" in captured.err


@pytest.mark.parametrize(
    ("auth", "variable", "secret", "user"),
    [
        ("basic", cli.PASSWORD_VARIABLE, PASSWORD, ["--user", "admin"]),
        ("token", cli.TOKEN_VARIABLE, accounts.ADMIN_TOKEN, []),
    ],
)
def test_export_with_basic_or_token_and_a_bom(
    demo_server: DemoServer,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    auth: str,
    variable: str,
    secret: str,
    user: list[str],
) -> None:
    monkeypatch.setenv(variable, secret)
    out = tmp_path / "b.csv"
    assert export(monkeypatch, demo_server, "--auth", auth, *user, "--bom", "-o", str(out)) == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbfid,")


def test_export_default_file_name(
    demo_server: DemoServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    assert export(monkeypatch, demo_server, "--user", "admin", stdin=PASSWORD) == 0
    (written,) = tmp_path.iterdir()
    assert written.name.startswith(f"backups-127.0.0.1-{demo_server.port}-")
    backups = [row for row in read(written) if row["status"] != "missed"]
    assert written.suffix == ".csv" and len(backups) == demo_server.rows


@pytest.mark.parametrize(
    ("args", "stdin", "words"),
    [
        (["--user", "admin"], None, "No password given"),
        (["--auth", "token"], None, f"set {cli.TOKEN_VARIABLE}"),
        (["--user", "admin"], "", "no password came in"),
        (["--password", "hunter2"], None, "--password is not accepted"),
        (["--token=hunter2"], None, "--token is not accepted"),
        (["--user", "admin", "--status", "done"], PASSWORD, "--status 'done'"),
        (["--user", "admin", "--auth", "basic", "--tenant", "t"], PASSWORD, "--tenant works only"),
        (["--auth", "basic"], PASSWORD, "--user is needed"),
        (["--user", "a", "-o", "/nonexistent-dir/x.csv"], PASSWORD, "folder does not exist"),
        (["--user", "a", "--ca-bundle", "/nonexistent.pem"], PASSWORD, "no such file"),
        (["--user", "a", "--ca-bundle", "x", "--insecure"], PASSWORD, "not allowed with"),
        (["--user", "a", "--timeout", "0"], PASSWORD, "--timeout, --deadline and --max-size"),
        (["--user", "a", "--max-size", "-1"], PASSWORD, "must be positive numbers"),
        (["--user", "a", "--pass", "x"], PASSWORD, "unknown option --pass (see"),
        (["--sever", "x"], PASSWORD, "unknown option --sever; did you mean --server?"),
    ],
)
def test_usage_errors(
    demo_server: DemoServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    stdin: str | None,
    words: str,
) -> None:
    assert export(monkeypatch, demo_server, *args, stdin=stdin) == connection.EXIT_USAGE
    err = capsys.readouterr().err
    assert words in err and "hunter2" not in err
    assert demo_server.seen == []


@pytest.mark.parametrize(
    ("server", "words"),
    [
        ("", "Enter the server's address"),
        ("   ", "Enter the server's address"),
        ("ftp://x", "'ftp://x' is not a web address"),
        ("http://host:99999", "'http://host:99999' is not a web address"),
        ("http://admin:s3cret@host:99999/datafor", "holds a user name or password"),
        ("admin:s3cret@host/datafor", "holds a user name or password"),
    ],
)
def test_a_server_address_that_cannot_work_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], server: str, words: str
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD))
    args = ["export", "--server", server, "--user", "admin", "--password-stdin"]
    assert cli.main(args) == connection.EXIT_USAGE
    err = capsys.readouterr().err
    assert err.startswith("backupviewer: --server") and words in err
    assert "s3cret" not in err
    assert sys.stdin.read() == PASSWORD  # refused before asking for the password


def test_help_and_missing_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["export", "--help"]) == 0
    assert "exit codes: 0 done" in capsys.readouterr().out
    assert cli.main([]) == connection.EXIT_USAGE


def test_the_apps_help_lists_the_commands_and_an_unknown_word_is_said() -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "backupviewer", *args]
        return subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)

    shown = run("--help")
    assert shown.returncode == 0
    for command in ("export", "check", "demo-server", "backupviewer-cli"):
        assert command in shown.stdout
    unknown = run("exprot")
    assert unknown.returncode == connection.EXIT_USAGE
    assert "unknown command 'exprot'. Did you mean 'export'?" in unknown.stderr
    assert "export, check, demo-server" in unknown.stderr


def test_the_console_launcher_runs_the_same_program() -> None:
    text = (Path(__file__).parents[1] / "pyproject.toml").read_text(encoding="utf-8")
    assert 'backupviewer-cli = "backupviewer.__main__:main"' in text.split("[project.scripts]")[1]


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["--user", "admin"], connection.EXIT_SIGN_IN, "Wrong user name or password"),
        (["--user", "admin", "--tenant", "tenant2"], connection.EXIT_SIGN_IN, "is disabled"),
        (["--user", "suzy"], connection.EXIT_NOT_PERMITTED, "not an administrator"),
    ],
)
def test_sign_in_and_permission_failures(
    demo_server: DemoServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    code: int,
    words: str,
) -> None:
    secret = "wrong" if args == ["--user", "admin"] else PASSWORD
    assert export(monkeypatch, demo_server, *args, stdin=secret) == code
    err = capsys.readouterr().err
    assert err.startswith("backupviewer export: ") and words in err


def test_captcha_needed_says_what_to_do(
    demo_server: DemoServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for _ in range(accounts.CAPTCHA_AFTER):
        export(monkeypatch, demo_server, "--user", "admin", stdin="wrong")
    capsys.readouterr()
    assert export(monkeypatch, demo_server, "--user", "admin", stdin=PASSWORD) == 3
    assert "use --auth basic or --auth token" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("mode", "code", "words"),
    [
        (Misbehaviour.PROXY_502, connection.EXIT_UNAVAILABLE, "HTTP 502"),
        (Misbehaviour.HTTP_500, connection.EXIT_UNAVAILABLE, "HTTP 500"),
        (Misbehaviour.TRUNCATED, connection.EXIT_UNAVAILABLE, "broke off"),
        (Misbehaviour.GARBAGE, connection.EXIT_NOT_UNDERSTOOD, "not in the documented format"),
        (Misbehaviour.HTML, connection.EXIT_NOT_UNDERSTOOD, "web page"),
    ],
)
def test_server_failures(
    demo_server: DemoServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    mode: Misbehaviour,
    code: int,
    words: str,
) -> None:
    demo_server.misbehave(mode, path="log/query")
    out = tmp_path / "x.csv"
    assert (
        export(monkeypatch, demo_server, "--user", "admin", "-o", str(out), stdin=PASSWORD) == code
    )
    assert words in capsys.readouterr().err
    assert not out.exists()


def test_unreachable_server(
    fresh_demo_server: DemoServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = fresh_demo_server.url
    fresh_demo_server.stop()
    monkeypatch.setenv(cli.PASSWORD_VARIABLE, PASSWORD)
    assert cli.main(["export", "--server", url, "--user", "admin"]) == connection.EXIT_UNAVAILABLE
    assert "connection refused. Is the address right" in capsys.readouterr().err


def test_unusable_ca_bundle(
    demo_server: DemoServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    bundle = tmp_path / "ca.pem"
    bundle.write_text("not a certificate")
    args = ["--user", "admin", "--ca-bundle", str(bundle)]
    assert export(monkeypatch, demo_server, *args, stdin=PASSWORD) == connection.EXIT_UNAVAILABLE
    assert "CA certificate file" in capsys.readouterr().err


def test_write_failure(
    demo_server: DemoServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    def full_disk(*args: object, **kwargs: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export_command, "write_table", full_disk)
    target = tmp_path / "out.csv"
    code = export(monkeypatch, demo_server, "--user", "admin", "-o", str(target), stdin=PASSWORD)
    assert code == connection.EXIT_FAILED
    assert f"could not write {target}: No space left on device" in capsys.readouterr().err


def test_output_to_a_folder_gets_a_file_of_the_default_name_there(
    demo_server: DemoServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    code = export(monkeypatch, demo_server, "--user", "admin", "-o", str(tmp_path), stdin=PASSWORD)
    assert code == connection.EXIT_OK
    (written,) = tmp_path.iterdir()
    assert written.name.startswith(f"backups-127.0.0.1-{demo_server.port}-")
    assert len(backups_in(read_csv(written))) == demo_server.rows


# -- real processes ----------------------------------------------------------------------------


def run_module(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("BACKUPVIEWER_")}
    return subprocess.run(
        [sys.executable, "-m", "backupviewer", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environment,
        timeout=60,
        check=False,
    )


def test_export_as_a_process(demo_server: DemoServer, tmp_path: Path) -> None:
    out = tmp_path / "p.csv"
    base = ["export", "--server", demo_server.url, "--user", "admin", "--password-stdin"]
    done = run_module(*base, "-o", str(out), stdin=f"{PASSWORD}\n")
    assert done.returncode == 0, done.stderr
    assert len(backups_in(read(out))) == demo_server.rows
    refused = run_module(*base, stdin="wrong\n")
    assert refused.returncode == connection.EXIT_SIGN_IN
    assert refused.stderr.startswith("backupviewer export: Wrong user name or password")
    assert "Traceback" not in refused.stderr + done.stderr


@pytest.mark.parametrize("auth", ["session", "basic"])
def test_very_verbose_export_shows_no_secrets(demo_server: DemoServer, auth: str) -> None:
    args = ["--server", demo_server.url, "--user", "admin", "--auth", auth, "--password-stdin"]
    done = run_module("export", *args, "-vv", "-o", "-", stdin=f"{PASSWORD}\n")
    assert done.returncode == 0, done.stderr
    err = done.stderr
    assert "Signed in to" in err and "HTTP Request: GET" in err  # the log is on
    basic = base64.b64encode(f"admin:{PASSWORD}".encode()).decode()
    for secret in ("jsessionid", "authorization", "set-cookie", basic.lower()):
        assert secret not in err.lower()
    assert f"password={PASSWORD}" not in err


def test_verbosity_never_opens_the_http_libraries_debug_logs() -> None:
    saved = {name: logging.getLogger(name).level for name in ("httpcore", "hpack", "httpx")}
    try:
        cli._configure_logging(2)
        assert logging.getLogger("httpcore").getEffectiveLevel() == logging.WARNING
        assert logging.getLogger("hpack").getEffectiveLevel() == logging.WARNING
        assert logging.getLogger("httpx").getEffectiveLevel() == logging.INFO
    finally:
        for name, level in saved.items():
            logging.getLogger(name).setLevel(level)


@pytest.mark.parametrize("instant", AWKWARD.values(), ids=AWKWARD.keys())
def test_demo_server_as_a_process(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], instant: datetime
) -> None:
    now = instant.isoformat()
    demo = ["demo-server", "--port", "0", "--rows", "20", "--now", now]
    process = subprocess.Popen(
        [sys.executable, "-m", "backupviewer", *demo],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        url = first.split(" at ", 1)[1].split(" ", 1)[0]
        rest = [process.stdout.readline() for _ in range(5)]
        assert f"{accounts.ADMIN.user} / {accounts.ADMIN.password}" in rest[0]
        assert accounts.ADMIN_TOKEN in rest[2]
        monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
        args = ["--server", url, "--user", "admin", "--password-stdin", "-o", "-"]
        assert cli.main(["export", *args], clock=fixed(instant)) == 0
        rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
        backups = [row for row in rows if row["status"] != "missed"]
        assert len(backups) == 20 + 1 and rows[0]["status"] == "running"
        assert rows[0]["started"].startswith(f"{instant.astimezone(SERVER_ZONE):%Y-%m-%dT%H:%M}")
        assert rows[len(backups) :] == [row for row in rows if row["status"] == "missed"]
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=10)
    finally:
        process.kill()
    assert process.returncode == 0
    assert "Traceback" not in err and "Demo server stopped." in err

"""``check`` and ``export`` over several servers (``--servers FILE``), against real servers on
127.0.0.1: the demo's tenants in their states of health, a wrong password, one that hangs."""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

import pytest
from clock import NOW, fixed
from servers_toml import five_servers, server_table, servers_file

from backupviewer import cli
from backupviewer.commands import check_servers
from backupviewer.commands.check_servers import ServerVerdict, worst
from backupviewer.commands.plugin_output import plugin_lines
from backupviewer.demo.server import DemoServer
from backupviewer.health.findings import Level
from backupviewer.history.csv_export import read_csv

OK, WARNING, CRITICAL, UNKNOWN = 0, 1, 2, 3


def run(
    monkeypatch: pytest.MonkeyPatch, command: str, path: str, *args: str
) -> tuple[int, list[str], str]:
    monkeypatch.setenv("DEMO_PASSWORD", "password")
    monkeypatch.setenv("WRONG_PASSWORD", "not the password")
    out, err = io.StringIO(), io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    code = cli.main([command, "--servers", path, *args], fixed(NOW))
    return code, out.getvalue().splitlines(), err.getvalue()


def perfdata(lines: list[str]) -> dict[str, str]:
    """Every figure: the first line's and those on the lines after a ``|``."""
    items = lines[0].split(" | ", 1)[1].split()
    later = next((n for n, line in enumerate(lines) if line.startswith("| ")), len(lines))
    for line in lines[later:]:
        items += line.removeprefix("| ").split()
    return dict(item.split("=", 1) for item in items)


def test_the_worst_state_of_all_servers_is_the_checks(
    tenants: DemoServer, hanging: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = five_servers(tmp_path, tenants.url, hanging)
    started = time.monotonic()
    code, lines, _ = run(monkeypatch, "check", path, "--deadline", "4", "--timeout", "60")
    took = time.monotonic() - started
    assert code == CRITICAL and took < 4 + 2, took
    assert lines[0].startswith(
        "BACKUPS CRITICAL - 4 of 5 servers not OK: south CRITICAL, east WARNING, west UNKNOWN, "
        "hangs UNKNOWN. | failed="
    )
    assert lines[1].startswith("south: CRITICAL - 1 schedule in trouble (工作日备份)")
    assert lines[2].startswith("east: WARNING - 1 schedule to look at (每日全量备份)")
    assert lines[3] == "west: UNKNOWN - Wrong user name or password. Check both and try again."
    assert lines[4].startswith("hangs: UNKNOWN - no answer within 2 s from http://127.0.0.1:")
    figures = perfdata(lines)
    assert (figures["servers_not_ok"], figures["south_missed"], figures["east_missed"]) == (
        "4", "0", "1"
    )  # fmt: skip
    assert figures["north_missed"] == figures["north_slow"] == "0"
    each = ("north", "south", "east")
    assert int(figures["failed"]) == sum(int(figures[f"{name}_failed"]) for name in each)
    assert "west_failed" not in figures and "hangs_failed" not in figures


def test_healthy_servers_are_ok_together(
    tenants: DemoServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = servers_file(
        tmp_path,
        server_table("north", tenants.url, "healthy"),
        server_table("n2", tenants.url, "healthy"),
    )
    code, lines, _ = run(monkeypatch, "check", path)
    assert code == OK
    assert lines[0].startswith("BACKUPS OK - 2 servers, all OK (north, n2). | failed=")
    assert lines[1].startswith("| north_failed=")


def test_a_servers_name_cannot_forge_the_figures_or_the_state(
    tenants: DemoServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = servers_file(tmp_path, server_table("evil | failed=0 x", tenants.url, "failing"))
    code, lines, _ = run(monkeypatch, "check", path)
    assert code == CRITICAL and lines[0].count("|") == 1
    assert lines[1].startswith("evil ¦ failed=0 x: CRITICAL")
    assert "evil_failed_0_x_failed" in perfdata(lines)


def test_the_order_of_the_states() -> None:
    assert worst([Level.OK, Level.UNKNOWN, Level.WARNING]) is Level.WARNING
    assert worst([Level.OK, Level.UNKNOWN]) is Level.UNKNOWN
    assert worst([Level.UNKNOWN, Level.CRITICAL]) is Level.CRITICAL
    assert worst([]) is Level.UNKNOWN


def test_a_file_that_cannot_be_used_is_unknown_for_check(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = servers_file(tmp_path, '[[server]]\nurl = "h"\nuser = "a"\npassword = "x"\n')
    code, lines, _ = run(monkeypatch, "check", path)
    assert code == UNKNOWN
    assert lines[0].startswith(f"BACKUPS UNKNOWN - backupviewer check: {path}:4: password:")


def test_options_of_one_server_are_refused_beside_a_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = servers_file(tmp_path, server_table("a", "http://h"))
    code, _, err = run(monkeypatch, "export", path, "--user", "admin", "--auth", "basic")
    assert code == 2
    assert "--user, --auth belong to one --server; with --servers" in err
    code, _, err = run(monkeypatch, "export", path, "--server", "http://h")
    assert code == 2 and "not allowed with argument" in err


def test_one_csv_of_all_servers_with_the_server_first(
    tenants: DemoServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = servers_file(
        tmp_path,
        server_table("north", tenants.url, "healthy"),
        server_table("east", tenants.url, "missed"),
    )
    output = tmp_path / "all.csv"
    code, _, err = run(monkeypatch, "export", path, "--output", str(output))
    assert code == OK, err
    rows = read_csv(output)
    assert list(rows[0])[:3] == ["server", "id", "name"]
    north = [row for row in rows if row["server"] == "north"]
    east = [row for row in rows if row["server"] == "east"]
    assert len(north) == 300 and len(east) == 301 and len(rows) == 601
    assert [row["status"] for row in east].count("missed") == 1
    assert (
        "north: 300 of 300 backups." in err and "east: 300 of 300 backups and 1 missed run" in err
    )


def test_a_server_that_fails_writes_nothing_unless_told_to_keep_going(
    tenants: DemoServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = servers_file(
        tmp_path,
        server_table("north", tenants.url, "healthy"),
        server_table("west", tenants.url, variable="WRONG_PASSWORD"),
        server_table("south", tenants.url, "no-such-tenant"),
    )
    output = tmp_path / "all.csv"
    code, _, err = run(monkeypatch, "export", path, "--output", str(output))
    assert code == 3 and not output.exists()
    assert "backupviewer export: west: Wrong user name or password." in err
    assert "backupviewer export: south: " in err and "Nothing written" in err
    code, _, err = run(monkeypatch, "export", path, "--output", str(output), "--keep-going")
    assert code == 3
    assert {row["server"] for row in read_csv(output)} == {"north"}


def test_the_figures_of_whole_servers_fit_the_worst_first_and_the_rest_are_counted() -> None:
    figures = {"failed": "0", "missed": "0", "slow": "0", "running": "0",
               "last_success_age": "86400s"}  # fmt: skip
    verdicts = [ServerVerdict(f"server-number-{n:03d}", Level.OK, "", figures) for n in range(100)]
    verdicts.insert(70, ServerVerdict("trouble", Level.CRITICAL, "", figures))
    items, left_out = check_servers._each(sorted(verdicts, key=check_servers._rank))
    assert items[0].startswith("trouble_failed=") and left_out > 0
    shown = {item.split("_", 1)[0] for item in items}
    assert len(items) == 5 * (101 - left_out) and len(shown) == 101 - left_out
    lines = plugin_lines("OK", "s", "failed=0", [], items)
    assert sum(len(line.removeprefix("| ").split()) for line in lines[1:]) == len(items)

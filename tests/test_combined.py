"""All servers as one history (`health.combined`): the demo's tenants read over HTTP from a real
demo server, each judged alone, then made one snapshot – every row, schedule and count of each
server found in it, under its server's name."""

from __future__ import annotations

import asyncio
from collections import Counter

import pytest
from clock import NOW

from backupviewer.commands.connection import fetch
from backupviewer.core.columns import Column
from backupviewer.core.datafor.auth import Credentials
from backupviewer.demo import accounts
from backupviewer.demo.server import DemoServer
from backupviewer.health.combined import combine
from backupviewer.health.findings import Level
from backupviewer.health.snapshot import Snapshot, take_snapshot
from backupviewer.history.csv_export import read_csv, write_table
from backupviewer.history.query import RowFilter, matching
from backupviewer.history.table import TableRow
from backupviewer.server.client import DataforClient

NAMES = {"": "all", **{tenant: state for tenant, state in accounts.TENANT_STATES.items()}}


@pytest.fixture(scope="module")
def parts(tenants: DemoServer) -> list[tuple[str, Snapshot]]:
    """Each tenant (and the server's own history) judged alone, as the window judges one."""

    async def read(tenant: str) -> Snapshot:
        credentials = Credentials(
            accounts.ADMIN.user, accounts.ADMIN.password, tenant=tenant or None
        )
        async with DataforClient(tenants.url) as client:
            fetched = await fetch(client, credentials, "export")
        return take_snapshot(fetched.table, fetched.schedules, NOW)

    async def read_all() -> list[Snapshot]:
        return list(await asyncio.gather(*map(read, NAMES)))

    return list(zip(NAMES.values(), asyncio.run(read_all()), strict=True))


def test_every_row_of_every_server_is_there_under_its_name(
    parts: list[tuple[str, Snapshot]],
) -> None:
    combined = combine(parts)
    table = combined.table
    assert len(combined.backups) == sum(len(s.backups) for _, s in parts)
    assert len(table) == sum(len(s.table) for _, s in parts)
    servers = Counter(table.texts[Column.SERVER])
    assert servers == {name: len(s.table) for name, s in parts}
    for name, snapshot in parts:  # each backup once, as it was, under its server
        rows = matching(table, range(len(table)), RowFilter(server=name))
        assert sorted(table.ids[r] for r in rows) == sorted(snapshot.table.ids)
        mine = [r for r in rows if not combined.is_missed(TableRow(r))]
        assert [table.text(r, Column.NAME) for r in mine] == [
            snapshot.table.text(r, Column.NAME) for r in range(len(snapshot.backups))
        ]
    # a key tells rows apart even where two tenants' backups share an id
    keys = [combined.key(TableRow(row)) for row in range(len(table))]
    assert len(set(keys)) == len(keys)
    assert all(combined.row_of(key) == row for row, key in enumerate(keys))


def test_the_health_is_the_servers_added_up(parts: list[tuple[str, Snapshot]]) -> None:
    combined = combine(parts)
    health, alone = combined.health, [s.health for _, s in parts]
    assert health is not None and all(h is not None for h in alone)
    assert health.missed_count == sum(h.missed_count for h in alone if h)
    assert health.failed == sum(h.failed for h in alone if h)
    assert health.critical == sum(h.critical for h in alone if h)
    assert health.level is max((h.level for h in alone if h), key=lambda level: level.value)
    assert health.level is Level.CRITICAL  # (the failing tenant)
    assert sum(day.failed for day in health.days) == sum(
        day.failed for h in alone if h for day in h.days
    )
    # each row's schedule is its own server's, judged as it was there
    snapshots = dict(parts)
    table = combined.table
    for row in map(TableRow, range(len(table))):
        server, schedule_id = table.value(row, Column.SERVER), table.value(row, Column.SCHEDULE_ID)
        alone_health = snapshots[server].health
        assert alone_health is not None
        mine = alone_health.schedule(schedule_id) if schedule_id else None
        theirs = combined.schedule_health(row)
        assert (mine is None) == (theirs is None)
        if mine is not None and theirs is not None:
            assert (theirs.item.server, theirs.item.id) == (server, mine.item.id)
            assert (theirs.level, theirs.failures, theirs.missed_count) == (
                mine.level,
                mine.failures,
                mine.missed_count,
            )


def test_the_health_line_names_each_schedule_with_its_server(
    parts: list[tuple[str, Snapshot]],
) -> None:
    verdict = combine(parts).verdict()
    assert "failing · " in verdict.sentence
    assert "Every server's newest successful scheduled backup" in verdict.sentence
    oldest = max(
        (s.verdict().perfdata.split("last_success_age=")[1] for _, s in parts),
        key=lambda age: int(age.rstrip("s")),
    )
    assert f"last_success_age={oldest}" in verdict.perfdata
    assert any(line.startswith("CRITICAL: failing · ") for line in verdict.lines)


def test_a_csv_of_all_servers_names_each_rows_server(
    parts: list[tuple[str, Snapshot]], tmp_path
) -> None:
    combined = combine(parts)
    path = tmp_path / "all.csv"
    write_table(combined.table, range(len(combined.table)), [Column.SERVER, Column.ID], path)
    rows = read_csv(path)
    assert Counter(row["server"] for row in rows) == {n: len(s.table) for n, s in parts}

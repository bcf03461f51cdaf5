"""Shared fixtures: the built-in demo server, started once and reset before every test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from clock import NOW
from servers_toml import silent_address

from backupviewer.demo.server import DemoServer

DEMO_ROWS = 300


@pytest.fixture(scope="session")
def _shared_demo_server() -> Iterator[DemoServer]:
    with DemoServer(rows=DEMO_ROWS, seed=7) as server:
        yield server


@pytest.fixture
def demo_server(_shared_demo_server: DemoServer) -> Iterator[DemoServer]:
    """The session's demo server with no misbehaviour, failures or running backups left over."""
    _shared_demo_server.reset()
    yield _shared_demo_server
    _shared_demo_server.reset()


@pytest.fixture
def fresh_demo_server() -> Iterator[DemoServer]:
    """A demo server of its own, for tests that end sessions or stop the server."""
    with DemoServer(rows=50, seed=3) as server:
        yield server


@pytest.fixture(scope="module")
def tenants() -> Iterator[DemoServer]:
    """A demo server of the module's, its tenants in their states of health at a fixed time."""
    with DemoServer(rows=300, seed=5, now=NOW) as server:
        yield server


@pytest.fixture
def hanging() -> Iterator[str]:
    """An address that takes connections and never answers."""
    with silent_address() as address:
        yield address

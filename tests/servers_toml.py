"""Servers files for the tests of many servers: a ``[[server]]`` table, a file of them, and an
address that takes connections and never answers."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def server_table(name: str, url: str, tenant: str = "", variable: str = "DEMO_PASSWORD") -> str:
    """A server signing in as admin with the password in `variable`."""
    lines = ["[[server]]", f'name = "{name}"', f'url = "{url}"', 'user = "admin"']
    lines += [f'tenant = "{tenant}"'] if tenant else []
    return "\n".join([*lines, f'password_env = "{variable}"', ""])


def servers_file(folder: Path, *tables: str, name: str = "servers.toml") -> str:
    """The file of these tables in `folder`, readable and writable by its owner alone."""
    path = folder / name
    path.write_text("\n".join(tables), encoding="utf-8")
    path.chmod(0o600)
    return str(path)


def five_servers(folder: Path, url: str, hanging: str) -> str:
    """The demo's three tenants at `url` (north healthy, south failing, east with a missed
    run), west with a wrong password (``WRONG_PASSWORD``), and hangs at `hanging`."""
    return servers_file(
        folder,
        server_table("north", url, "healthy"),
        server_table("south", url, "failing"),
        server_table("east", url, "missed"),
        server_table("west", url, variable="WRONG_PASSWORD"),
        server_table("hangs", hanging),
    )


@contextmanager
def silent_address() -> Iterator[str]:
    """An address that takes connections and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/datafor"
    finally:
        listener.close()

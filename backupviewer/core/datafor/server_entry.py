"""One server of a servers file: where it is and how to sign in (its secret read apart)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from backupviewer.core.datafor.auth import AuthMethod


@dataclass(frozen=True)
class ServerEntry:
    """One server of a servers file; its secret is read when it is needed
    (`backupviewer.server.servers_file.secret`)."""

    name: str
    url: str
    user: str
    auth: AuthMethod = AuthMethod.SESSION
    tenant: str | None = None
    password_env: str | None = None
    password_command: tuple[str, ...] | None = None


def default_name(url: str, tenant: str = "") -> str:
    """What a server is called until the user says: the host of `url` (and the tenant)."""
    typed = url if "://" in url else f"http://{url}"
    try:
        host = urlsplit(typed).hostname or url
    except ValueError:
        host = url
    return f"{host}/{tenant}" if tenant else host


def on_server(server: str, key: str) -> str:
    """`key` (a backup's or a schedule's id) told apart among all servers' – the same id may
    be on two servers (tenants of one server, a copied schedule); "" server: `key` itself."""
    return f"{server}\0{key}" if server else key


def off_server(key: str) -> tuple[str, str]:
    """The server ("" for none) and the id of an `on_server` key."""
    server, _, rest = key.rpartition("\0")
    return server, rest

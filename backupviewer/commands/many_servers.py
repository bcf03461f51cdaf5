"""Several servers at once for ``export`` and ``check`` (``--servers FILE``): each signed in to
and fetched concurrently, each within the same time; one that fails or hangs is said on its
own and costs the others nothing."""

from __future__ import annotations

import argparse
import asyncio
import logging
from dataclasses import dataclass

from backupviewer.commands import connection
from backupviewer.commands.connection import EXIT_SIGN_IN, Fetched, UsageError
from backupviewer.core.daemon_thread import in_daemon_thread
from backupviewer.core.datafor.auth import Credentials
from backupviewer.core.datafor.server_entry import ServerEntry
from backupviewer.core.errors import BackupViewerError, described
from backupviewer.server.servers_file import (
    SecretError,
    ServersFileError,
    read_servers,
    secret,
)

logger = logging.getLogger(__name__)

SERVERS_WORDS = """\
SERVERS FILE (--servers): TOML, a [[server]] table for each server –
  [[server]]
  name = "prod"                       # short and unique (default: the host, and the tenant)
  url = "https://bi.example.com/datafor"
  tenant = "tenant1"                  # optional
  auth = "session"                    # session (default), basic or token
  user = "monitor"
  password_env = "PROD_PASSWORD"      # the variable that holds the password, or
  # password_command = "pass show datafor/prod"   a command printing it on its first line;
  #                                     neither: the keyring entry the app saves
A password written in the file is refused, and so is a file others can write. --timeout,
--deadline, --max-size, --ca-bundle and --insecure apply to every server."""

_ONE_SERVER_OPTIONS = ("user", "tenant", "password_stdin")


@dataclass(frozen=True)
class Outcome:
    """What became of one server: its history and schedules, or why there are none (in
    words, with export's exit code for it)."""

    entry: ServerEntry
    fetched: Fetched | None = None
    problem: str = ""
    code: int = 0


def servers_of(args: argparse.Namespace) -> list[ServerEntry]:
    """The servers of ``--servers FILE``; a `UsageError` for a file that cannot be used or an
    option that belongs to one server."""
    given = [f"--{name.replace('_', '-')}" for name in _ONE_SERVER_OPTIONS if getattr(args, name)]
    if args.auth != "session" and "--auth" not in given:
        given.append("--auth")
    if given:
        raise UsageError(
            f"{', '.join(given)} belong to one --server; with --servers, each server's user, "
            "tenant, sign-in and secret come from the file."
        )
    connection.check_limits(args)
    try:
        return read_servers(args.servers)
    except ServersFileError as exc:
        raise UsageError(str(exc)) from None


def fetch_all(
    entries: list[ServerEntry], args: argparse.Namespace, command: str, seconds: float
) -> list[Outcome]:
    """Every server's history and schedules, fetched at once, each within `seconds`; in the
    order of `entries`."""
    return asyncio.run(_fetch_all(entries, args, command, seconds))


async def _fetch_all(
    entries: list[ServerEntry], args: argparse.Namespace, command: str, seconds: float
) -> list[Outcome]:
    return list(
        await asyncio.gather(*(_fetch_one(entry, args, command, seconds) for entry in entries))
    )


async def _fetch_one(
    entry: ServerEntry, args: argparse.Namespace, command: str, seconds: float
) -> Outcome:
    """One server's history and schedules, its secret read first, all within `seconds`; what
    goes wrong is this server's outcome, never the others'."""
    client = connection.client_for(entry.url, args)
    try:
        async with asyncio.timeout(seconds):
            try:
                password = await in_daemon_thread(lambda: secret(entry, timeout=seconds), "secret")
            except TimeoutError:
                return Outcome(
                    entry,
                    problem=f"{entry.name}: its password could not be had within {seconds:g} s "
                    "(the keyring or password_command did not answer)",
                    code=EXIT_SIGN_IN,
                )
            credentials = Credentials(entry.user, password, entry.auth, entry.tenant)
            fetched = await connection.fetch(client, credentials, command)
    except SecretError as exc:
        return Outcome(entry, problem=str(exc), code=EXIT_SIGN_IN)
    except TimeoutError:
        return Outcome(
            entry,
            problem=f"{entry.name}: no answer within {seconds:g} s from {client.base_url}",
            code=connection.EXIT_UNAVAILABLE,
        )
    except BackupViewerError as exc:
        words = " ".join(filter(None, (str(exc), connection.advice(exc))))
        return Outcome(entry, problem=f"{entry.name}: {words}", code=connection.exit_code(exc))
    except Exception as exc:
        logger.debug("Reading %s failed", entry.name, exc_info=True)
        return Outcome(
            entry,
            problem=f"{entry.name}: unexpected error: {described(exc)} (-vv for the details)",
            code=connection.EXIT_UNAVAILABLE,
        )
    return Outcome(entry, fetched)

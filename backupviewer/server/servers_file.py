"""A file of servers for the commands (``--servers FILE``): TOML, one ``[[server]]`` table each.

    [[server]]
    name = "prod"                        # short, unique (default: the host, and the tenant)
    url = "https://bi.example.com/datafor"
    tenant = "tenant1"                   # optional (session sign-in)
    auth = "session"                     # session (default), basic or token
    user = "monitor"
    password_env = "PROD_PASSWORD"       # a variable's name, or
    # password_command = "pass show datafor/prod"   its first output line, or neither:
    #                                      the keyring, the entry the app saves

A password written in the file is refused, and so is a file that others can write. Every
mistake names the file, the line and the key.
"""

from __future__ import annotations

import difflib
import errno
import os
import re
import shlex
import stat
import subprocess
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path

from backupviewer.core.datafor.addresses import has_user_info, normalize_base_url
from backupviewer.core.datafor.auth import AuthMethod
from backupviewer.core.datafor.server_entry import ServerEntry, default_name
from backupviewer.core.errors import NetworkError, SignInError
from backupviewer.core.words import translate
from backupviewer.server.secrets import PasswordStore

COMMAND_SECONDS = 30.0
"""How long a ``password_command`` may take."""
_KEYS = ("name", "url", "tenant", "auth", "user", "password_env", "password_command")
_SECRET_KEYS = ("password", "token", "secret", "passwd", "pass")
_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_HEADER = re.compile(r"^\s*\[\[\s*server\s*\]\]")
_KEY_LINE = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*=""")


class ServersFileError(Exception):
    """A servers file that cannot be used; the message names the file, the line, the key."""


class SecretError(SignInError):
    """A server's secret could not be had (its variable unset, its command failed, nothing in
    the keyring); the message says which and how to give it."""


def read_servers(path: str | os.PathLike[str]) -> list[ServerEntry]:
    """The servers of the file at `path`, in its order; raises `ServersFileError`."""
    shown = os.fspath(path)
    try:
        text = _read_own_file(Path(path), shown).decode("utf-8")
    except OSError as exc:
        raise ServersFileError(f"{shown}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ServersFileError(f"{shown}: not a text file in UTF-8") from None
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ServersFileError(f"{shown}: not TOML: {exc}") from None
    lines = _LineFinder(text)
    unexpected = [key for key in document if key != "server"]
    if unexpected:
        line = lines.top(unexpected[0])
        raise ServersFileError(
            f"{shown}:{line}: {unexpected[0]}: unknown; each server is a [[server]] table"
        )
    tables = document.get("server")
    if not isinstance(tables, list) or not tables:
        raise ServersFileError(f"{shown}: no server in it; write a [[server]] table for each")
    entries: list[ServerEntry] = []
    for index, table in enumerate(tables):
        if not isinstance(table, dict):
            where = f"{shown}:{lines.of(index, 'server')}: server"
            raise ServersFileError(f"{where}: each server is a [[server]] table of keys")
        entry = _entry(table, lambda key, i=index: f"{shown}:{lines.of(i, key)}: {key}")  # type: ignore[misc]
        twin = next((e for e in entries if e.name.casefold() == entry.name.casefold()), None)
        if twin is not None:
            where = f"{shown}:{lines.of(index, 'name')}: name"
            raise ServersFileError(f"{where}: {entry.name!r} is the name of an earlier server")
        entries.append(entry)
    return entries


def _entry(table: dict[str, object], where: Callable[[str], str]) -> ServerEntry:
    for key in table:
        if key.lower() in _SECRET_KEYS:
            raise ServersFileError(
                f"{where(key)}: a secret is never kept in this file; name a variable that holds "
                "it (password_env), a command that prints it (password_command), or leave both "
                "out for the keyring"
            )
        if key not in _KEYS:
            close = difflib.get_close_matches(key, _KEYS, n=1)
            guess = f"; did you mean {close[0]}?" if close else ""
            raise ServersFileError(f"{where(key)}: unknown key{guess} (keys: {', '.join(_KEYS)})")
    text = {key: _text(table, key, where) for key in _KEYS if key != "password_command"}
    url = text["url"]
    if not url:
        raise ServersFileError(f"{where('url')}: every server needs its address (url = ...)")
    if has_user_info(url):
        raise ServersFileError(f"{where('url')}: no user name or password in the address")
    try:
        normalize_base_url(url)
    except NetworkError as exc:
        raise ServersFileError(f"{where('url')}: {exc}") from None
    try:
        auth = AuthMethod(text["auth"] or AuthMethod.SESSION.value)
    except ValueError:
        methods = ", ".join(method.value for method in AuthMethod)
        raise ServersFileError(f"{where('auth')}: one of {methods}") from None
    if auth is not AuthMethod.TOKEN and not text["user"]:
        raise ServersFileError(f"{where('user')}: needed for auth {auth.value}")
    if text["tenant"] and auth is not AuthMethod.SESSION:
        raise ServersFileError(f"{where('tenant')}: works only with auth session")
    variable = text["password_env"]
    if variable and not _VARIABLE.fullmatch(variable):
        raise ServersFileError(
            f"{where('password_env')}: the name of an environment variable (letters, digits "
            "and _), not the password itself"
        )
    command = _command(table, where)
    if command and text["password_env"]:
        raise ServersFileError(
            f"{where('password_command')}: give password_env or password_command, not both"
        )
    return ServerEntry(
        name=text["name"] or default_name(url, text["tenant"]),
        url=url,
        user=text["user"],
        auth=auth,
        tenant=text["tenant"] or None,
        password_env=text["password_env"] or None,
        password_command=command,
    )


def _text(table: dict[str, object], key: str, where: Callable[[str], str]) -> str:
    value = table.get(key, "")
    if not isinstance(value, str):
        raise ServersFileError(f"{where(key)}: a text in quotes")
    if any(ord(c) < 32 or ord(c) == 127 for c in value):
        raise ServersFileError(f"{where(key)}: no control characters")
    return value.strip()


def _command(table: dict[str, object], where: Callable[[str], str]) -> tuple[str, ...] | None:
    value = table.get("password_command")
    if value is None:
        return None
    if isinstance(value, list) and value and all(isinstance(part, str) for part in value):
        return tuple(str(part) for part in value)
    if isinstance(value, str) and value.strip():
        try:
            if sys.platform != "win32":
                return tuple(shlex.split(value))
            words = shlex.split(value, posix=False)  # (backslashes stay; quotes too: dropped)
            return tuple(w[1:-1] if len(w) > 1 and w[0] == w[-1] == '"' else w for w in words)
        except ValueError as exc:
            raise ServersFileError(f"{where('password_command')}: {exc}") from None
    raise ServersFileError(
        f"{where('password_command')}: a command, as a text or a list of its words"
    )


def _read_own_file(path: Path, shown: str) -> bytes:
    """The file's bytes, read only when no one else could have changed it: it is the user's
    own (or root's), no symbolic link, not writable by group or others, in a folder others
    cannot write to (a sticky one aside) – whoever can change it could make a command of
    theirs run here. Windows keeps such rights otherwise."""
    if os.name != "posix":
        return path.read_bytes()
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ServersFileError(
                f"{shown}: a symbolic link; name the file itself (a link could be changed by "
                "whoever owns it)"
            ) from None
        raise
    with os.fdopen(fd, "rb") as file:
        found = os.fstat(file.fileno())
        fix = f"(chmod go-w {shlex.quote(shown)})"
        if found.st_uid not in (os.geteuid(), 0):
            raise ServersFileError(f"{shown}: it belongs to another user, who could make a "
                                   "command run here; use a file of your own")  # fmt: skip
        if found.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            raise ServersFileError(f"{shown}: others can write to it, and could make a "
                                   f"command run here; make it yours alone {fix}")  # fmt: skip
        folder = os.stat(path.parent).st_mode
        if folder & stat.S_IWOTH and not folder & stat.S_ISVTX:
            raise ServersFileError(
                f"{shown}: its folder can be written by anyone, who could put another file in "
                "its place; keep it in a folder of yours"
            )
        return file.read()


class _LineFinder:
    """Where a key stands in the text: the line of ``key =`` in the n-th ``[[server]]``."""

    def __init__(self, text: str) -> None:
        self._headers: list[int] = []
        self._keys: list[dict[str, int]] = []
        self._top: dict[str, int] = {}
        for number, line in enumerate(text.splitlines(), start=1):
            if _HEADER.match(line):
                self._headers.append(number)
                self._keys.append({})
            elif found := _KEY_LINE.match(line):
                key = found.group(1).strip("\"'")
                (self._keys[-1] if self._keys else self._top).setdefault(key, number)

    def of(self, index: int, key: str) -> int:
        """The line of `key` in server `index`, else that server's ``[[server]]`` line."""
        if index >= len(self._headers):
            return 1
        return self._keys[index].get(key, self._headers[index])

    def top(self, key: str) -> int:
        return self._top.get(key, 1)


def secret(
    entry: ServerEntry, store: PasswordStore | None = None, *, timeout: float = COMMAND_SECONDS
) -> str:
    """The server's password (or token): from its variable, its command (given at most
    `timeout` seconds, and never more than `COMMAND_SECONDS`), else the keyring (the entry the
    app saves). Raises `SecretError`."""
    if entry.password_env:
        value = os.environ.get(entry.password_env, "").removesuffix("\n").removesuffix("\r")
        if not value:
            words = translate(
                "ServersFile", "{server}: the variable {variable} (password_env) is not set"
            )
            raise SecretError(words.format(server=entry.name, variable=entry.password_env))
        return value
    if entry.password_command:
        return _from_command(entry, min(timeout, COMMAND_SECONDS))
    kept = (store or PasswordStore()).load(entry.url, entry.user, entry.tenant or "")
    if not kept and entry.auth is AuthMethod.TOKEN:
        words = translate(
            "ServersFile",
            "{server}: a token is not kept in the keyring; give password_env or "
            "password_command in the file",
        )
        raise SecretError(words.format(server=entry.name))
    if not kept:
        words = translate(
            "ServersFile",
            "{server}: no password for {user} in the keyring; sign in once in the app with "
            "Remember password, or give password_env or password_command in the file",
        )
        raise SecretError(words.format(server=entry.name, user=entry.user))
    return kept


def _from_command(entry: ServerEntry, timeout: float) -> str:
    """The first line the command prints. Its words are never repeated in a message (a
    password written there by mistake would be shown)."""
    command = entry.password_command or ()
    what = translate("ServersFile", "{server}: password_command").format(server=entry.name)
    try:
        done = subprocess.run(
            command, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout,
            check=False,
        )  # fmt: skip
    except FileNotFoundError:
        words = translate("ServersFile", "{what}: its program cannot be found")
        raise SecretError(words.format(what=what)) from None
    except subprocess.TimeoutExpired:
        words = translate("ServersFile", "{what} gave no answer within {seconds:g} s")
        raise SecretError(words.format(what=what, seconds=timeout)) from None
    except OSError as exc:
        words = translate("ServersFile", "{what}: its program cannot be run ({error})")
        raise SecretError(words.format(what=what, error=exc.strerror)) from None
    if done.returncode != 0:
        words = translate("ServersFile", "{what} failed (exit {code})")
        raise SecretError(words.format(what=what, code=done.returncode))
    first = done.stdout.decode("utf-8", "replace").split("\n", 1)[0].removesuffix("\r")
    if not first:
        words = translate("ServersFile", "{what} printed no password")
        if entry.auth is AuthMethod.TOKEN:
            words = translate("ServersFile", "{what} printed no token")
        raise SecretError(words.format(what=what))
    return first

"""The servers file of ``--servers``: what it holds, every mistake named by file, line and key,
and where each server's secret comes from (real files, real commands)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from backupviewer.core.datafor.auth import AuthMethod
from backupviewer.core.datafor.server_entry import ServerEntry
from backupviewer.server.secrets import PasswordStore
from backupviewer.server.servers_file import (
    SecretError,
    ServersFileError,
    read_servers,
    secret,
)

GOOD = """\
# production and the test server
[[server]]
name = "prod"
url = "https://bi.example.com/datafor"
tenant = "tenant1"
user = "monitor"
password_env = "PROD_PASSWORD"

[[server]]
url = "test.example.com:28080"
auth = "basic"
user = "admin"
password_command = ["pass", "show", "datafor/test"]

[[server]]
url = "http://10.0.0.7:28080/datafor"
auth = "token"
"""


def servers_file(tmp_path: Path, text: str, mode: int = 0o600) -> Path:
    path = tmp_path / "servers.toml"
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)
    return path


def refusal(tmp_path: Path, text: str) -> str:
    with pytest.raises(ServersFileError) as caught:
        read_servers(servers_file(tmp_path, text))
    return str(caught.value)


def test_every_server_with_its_keys_and_defaults(tmp_path: Path) -> None:
    prod, test, token = read_servers(servers_file(tmp_path, GOOD))
    assert prod == ServerEntry(
        "prod", "https://bi.example.com/datafor", "monitor", AuthMethod.SESSION, "tenant1",
        "PROD_PASSWORD", None,
    )  # fmt: skip
    assert (test.name, test.auth, test.password_command) == (
        "test.example.com",
        AuthMethod.BASIC,
        ("pass", "show", "datafor/test"),
    )
    assert (token.name, token.auth, token.user) == ("10.0.0.7", AuthMethod.TOKEN, "")


def test_a_default_name_holds_the_tenant(tmp_path: Path) -> None:
    text = '[[server]]\nurl = "bi.example.com"\ntenant = "north"\nuser = "a"\n'
    (entry,) = read_servers(servers_file(tmp_path, text))
    assert entry.name == "bi.example.com/north"


def test_a_password_in_the_file_is_refused_with_its_line(tmp_path: Path) -> None:
    text = GOOD.replace('password_env = "PROD_PASSWORD"', 'password = "hunter2"')
    said = refusal(tmp_path, text)
    assert said.startswith(f"{tmp_path / 'servers.toml'}:7: password: a secret is never kept")
    assert "hunter2" not in said


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (('user = "monitor"', 'usr = "monitor"'), ":6: usr: unknown key; did you mean user?"),
        (('tenant = "tenant1"', "tenant = 1"), ":5: tenant: a text in quotes"),
        (('name = "prod"\n', ""), ":7: name: 'test.example.com' is the name of an earlier"),
        (('auth = "basic"', 'auth = "kerberos"'), ":11: auth: one of session, basic, token"),
        (('url = "https://bi.example.com/datafor"', 'url = ""'), ":4: url: every server needs"),
        (('url = "https://bi.example.com/datafor"', 'url = "https://a:b@x"'), ":4: url: no user"),
        (('auth = "basic"', 'auth = "basic"\ntenant = "x"'), ":12: tenant: works only with"),
        (('auth = "token"', 'auth = "token"\nbogus = 1'), ":18: bogus: unknown key"),
    ],
)
def test_each_mistake_names_the_line_and_the_key(
    tmp_path: Path, change: tuple[str, str], expected: str
) -> None:
    text = GOOD.replace(*change)
    if change[0] == 'name = "prod"\n':  # two servers of the same default name
        text = text.replace("bi.example.com/datafor", "test.example.com:28080").replace(
            'tenant = "tenant1"\n', ""
        )
    assert expected in refusal(tmp_path, text)


def test_toml_that_cannot_be_read_names_the_file_and_the_line(tmp_path: Path) -> None:
    said = refusal(tmp_path, '[[server]]\nurl = "x\n')
    assert said.startswith(f"{tmp_path / 'servers.toml'}: not TOML:") and "line 2" in said


def test_a_file_without_servers_says_how_to_write_one(tmp_path: Path) -> None:
    assert "write a [[server]] table for each" in refusal(tmp_path, "# nothing yet\n")
    assert ":1: servers: unknown; each server is a [[server]] table" in refusal(
        tmp_path, "servers = 1\n"
    )


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX's")
def test_a_file_others_can_write_is_refused(tmp_path: Path) -> None:
    path = servers_file(tmp_path, GOOD, mode=0o620)
    with pytest.raises(ServersFileError, match="others can write to it"):
        read_servers(path)
    path.chmod(0o644)
    assert len(read_servers(path)) == 3


def test_a_missing_file_is_said(tmp_path: Path) -> None:
    with pytest.raises(ServersFileError, match="No such file"):
        read_servers(tmp_path / "nowhere.toml")


def entry(**fields: object) -> ServerEntry:
    return ServerEntry(**{"name": "prod", "url": "http://h", "user": "admin", **fields})  # type: ignore[arg-type]


def test_a_secret_from_a_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PROD_PASSWORD", "s3cret\n")
    assert secret(entry(password_env="PROD_PASSWORD")) == "s3cret"
    monkeypatch.delenv("PROD_PASSWORD")
    with pytest.raises(
        SecretError, match=r"prod: the variable PROD_PASSWORD \(password_env\) is not set"
    ):
        secret(entry(password_env="PROD_PASSWORD"))


def test_a_secret_from_the_first_line_a_command_prints() -> None:
    command = (sys.executable, "-c", "print('first line'); print('second')")
    assert secret(entry(password_command=command)) == "first line"


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("import sys; print('leaked'); sys.exit(4)", "failed (exit 4)"),
        ("pass", "printed no password"),
    ],
)
def test_a_command_that_fails_is_said_without_its_output(code: str, expected: str) -> None:
    with pytest.raises(SecretError) as caught:
        secret(entry(password_command=(sys.executable, "-c", code)))
    assert expected in str(caught.value) and "leaked" not in str(caught.value)


def test_a_command_that_does_not_exist_is_said() -> None:
    with pytest.raises(SecretError, match="its program cannot be found"):
        secret(entry(password_command=("no-such-program-here",)))


class _Keyring:
    """A keyring backend holding one entry (the system's is not for tests)."""

    def __init__(self) -> None:
        self.entries = {("BackupViewer", "admin@http://h"): "from the keyring"}

    def get_password(self, service: str, account: str) -> str | None:
        return self.entries.get((service, account))


def test_without_a_variable_or_a_command_the_apps_keyring_entry() -> None:
    store = PasswordStore(backend=_Keyring())
    assert secret(entry(), store) == "from the keyring"
    with pytest.raises(SecretError, match="no password for ops in the keyring; sign in once"):
        secret(entry(user="ops"), store)


def test_a_password_written_as_a_variables_name_is_refused_without_showing_it(
    tmp_path: Path,
) -> None:
    said = refusal(tmp_path, GOOD.replace('"PROD_PASSWORD"', '"My S3cret!"'))
    assert ":7: password_env: the name of an environment variable" in said
    assert "S3cret" not in said


def test_a_command_that_fails_never_repeats_its_words() -> None:
    with pytest.raises(SecretError) as caught:
        secret(entry(password_command=("hunter2-not-a-program",)))
    assert "hunter2" not in str(caught.value)


def test_a_server_that_is_no_table_is_said(tmp_path: Path) -> None:
    assert ":1: server: each server is a [[server]] table" in refusal(tmp_path, "server = [1]\n")


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX's")
def test_a_link_a_file_of_another_user_and_a_folder_anyone_writes_are_refused(
    tmp_path: Path,
) -> None:
    real = servers_file(tmp_path, GOOD)
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    with pytest.raises(ServersFileError, match="a symbolic link"):
        read_servers(link)
    open_folder = tmp_path / "open"
    open_folder.mkdir()
    inside = servers_file(open_folder, GOOD)
    open_folder.chmod(0o777)
    with pytest.raises(ServersFileError, match="its folder can be written by anyone"):
        read_servers(inside)
    open_folder.chmod(0o1777)  # (sticky, as /tmp: no one can replace a file of yours)
    assert len(read_servers(inside)) == 3
    if os.geteuid() != 0:
        pytest.skip("only root can give a file to another user")
    os.chown(inside, 4242, 4242)
    with pytest.raises(ServersFileError, match="belongs to another user"):
        read_servers(inside)


def test_a_token_is_never_looked_for_in_the_keyring() -> None:
    store = PasswordStore(backend=_Keyring())
    with pytest.raises(SecretError, match="a token is not kept in the keyring"):
        secret(entry(auth=AuthMethod.TOKEN, user=""), store)

"""The keyring wrapper: remembers only when asked, survives any backend failure, logs no secret."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from guitools import MemoryKeyring
from keyring.backends import fail

from backupviewer.server.secrets import SERVICE, PasswordStore


class BrokenKeyring(MemoryKeyring):
    def get_password(self, service: str, username: str) -> str | None:
        raise RuntimeError("D-Bus went away")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise RuntimeError(f"locked (was given {password})")


def test_save_load_delete() -> None:
    backend = MemoryKeyring()
    store = PasswordStore(backend)
    assert store.available()
    assert store.save("http://bi/datafor/", "admin", "s3cret")
    assert backend.passwords == {(SERVICE, "admin@http://bi/datafor"): "s3cret"}
    assert store.load("http://bi/datafor", "admin") == "s3cret"
    assert store.load("http://bi/datafor", "other") is None
    store.delete("http://bi/datafor", "admin")
    store.delete("http://bi/datafor", "admin")
    assert backend.passwords == {}
    assert not store.save("", "admin", "x") and not store.save("s", "u", "")


def test_two_tenants_of_a_server_keep_a_password_each_and_an_old_one_is_still_found() -> None:
    backend = MemoryKeyring()
    store = PasswordStore(backend)
    backend.set_password(SERVICE, "admin@http://bi/datafor", "saved before tenants")
    assert store.load("http://bi/datafor", "admin", "north") == "saved before tenants"
    assert store.save("http://bi/datafor", "admin", "north's", "north")
    assert store.save("http://bi/datafor", "admin", "south's", "south")
    assert store.load("http://bi/datafor", "admin", "north") == "north's"
    assert store.load("http://bi/datafor", "admin", "south") == "south's"
    assert (SERVICE, "admin@http://bi/datafor (north)") in backend.passwords
    store.delete("http://bi/datafor", "admin", "north")
    assert store.load("http://bi/datafor", "admin", "south") == "south's"
    assert store.load("http://bi/datafor", "admin") == "saved before tenants"


def test_the_account_name_never_holds_a_password_typed_into_the_address() -> None:
    backend = MemoryKeyring()
    store = PasswordStore(backend)
    assert store.save("http://admin:typo@bi/datafor/", "admin", "s3cret")
    assert backend.passwords == {(SERVICE, "admin@http://bi/datafor"): "s3cret"}
    assert store.load("http://bi/datafor", "admin") == "s3cret"


def test_a_broken_backend_means_not_remembered_and_no_secret_in_the_log(
    caplog: pytest.LogCaptureFixture,
) -> None:
    store = PasswordStore(BrokenKeyring())
    with caplog.at_level(logging.DEBUG):
        assert store.load("s", "u") is None
        assert not store.save("s", "u", "hunter2")
        store.delete("s", "u")
    assert "hunter2" not in caplog.text
    assert "RuntimeError" in caplog.text


def test_no_backend_at_all(monkeypatch: pytest.MonkeyPatch) -> None:
    import keyring

    monkeypatch.setattr(keyring, "get_keyring", lambda: fail.Keyring())
    store = PasswordStore()
    assert not store.available()
    assert store.load("s", "u") is None and not store.save("s", "u", "p")
    assert not PasswordStore(backend=False).available()


def test_backend_is_probed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    import keyring

    calls: list[Any] = []
    monkeypatch.setattr(keyring, "get_keyring", lambda: calls.append(1) or fail.Keyring())
    store = PasswordStore()
    store.available()
    store.available()
    assert calls == [1]

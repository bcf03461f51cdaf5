"""Downloads a server cannot abuse: a clean file name whatever the id, a zip or words, a stall
or a trickle ended in words, part files of a killed app cleared, progress from the first bytes."""

from __future__ import annotations

import asyncio
import os
import time
import unicodedata
from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scripted_server import SIGNED_IN, Answer, Request, scripted

from backupviewer.core.datafor.auth import AuthMethod, Credentials
from backupviewer.core.errors import DownloadError, NetworkError
from backupviewer.core.file_names import MAX_NAME, file_name
from backupviewer.demo.server import DOWNLOAD, DemoServer, Misbehaviour
from backupviewer.server import receiving
from backupviewer.server.client import DataforClient

ID = "Backup_2026.12.07-11.12.00.950+0800"


@pytest.mark.parametrize(
    ("backup_id", "name"),
    [
        (ID, f"{ID}.zip"),
        ("../../../tmp/x", "tmp_x.zip"),
        ("..\\..\\Windows\\x", "Windows_x.zip"),
        ("/etc/passwd", "etc_passwd.zip"),
        ("a\x00b", "a_b.zip"),
        ("report\u202egpj.exe", "report_gpj.exe.zip"),  # a right-to-left override hides .exe
        ("\u2066x\u2069\u200f", "x.zip"),
        ("", "backup.zip"),
        ("..", "backup.zip"),
        (" . ", "backup.zip"),
        ("CON", "_CON.zip"),
        ("nul.txt", "_nul.txt.zip"),
        ("a:b*c?d|e", "a_b_c_d_e.zip"),
        ("x" * 1000, "x" * (MAX_NAME - 4) + ".zip"),
        ("line\nbreak", "line_break.zip"),
        ("备份_2026", "备份_2026.zip"),
    ],
)
def test_a_file_name_from_a_backup_id(backup_id: str, name: str) -> None:
    assert file_name(backup_id, ".zip") == name


@given(st.text())
def test_any_id_gives_one_plain_name_in_the_folder(backup_id: str) -> None:
    name = file_name(backup_id, ".zip")
    assert name.endswith(".zip") and len(name) <= MAX_NAME
    for path in (PurePosixPath(name), PureWindowsPath(name)):
        assert path.name == name and len(path.parts) == 1
    assert ".." not in name and not name.startswith((".", " "))
    assert not any(unicodedata.category(c) in ("Cc", "Cf", "Cs") for c in name)


def test_an_html_page_sent_as_a_zip_is_an_error_in_words(tmp_path: Path) -> None:
    def script(request: Request) -> Answer:
        if request.path.endswith("user/detail"):
            return SIGNED_IN
        page = b"<html><body>Please sign in</body></html>"
        headers = {"Content-Type": "application/octet-stream",
                   "Content-Disposition": f'attachment; filename="{ID}.zip"'}  # fmt: skip
        return Answer(200, headers, page)

    with pytest.raises(DownloadError) as caught:
        download(script, tmp_path / "x.zip")
    assert "is not a zip file (it begins with “<htm”)" in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_a_download_that_trickles_ends_in_words_and_leaves_nothing(
    demo_server: DemoServer, tmp_path: Path
) -> None:
    demo_server.misbehave(Misbehaviour.TRICKLE, path=DOWNLOAD, delay=0.05)
    started = time.monotonic()
    with pytest.raises(DownloadError) as caught:
        asyncio.run(demo_download(demo_server, tmp_path / "slow.zip", timeout=1.0))
    assert "slower than 1,000 bytes a second for 1 s" in str(caught.value)
    assert time.monotonic() - started < 10
    assert list(tmp_path.iterdir()) == []


def test_a_download_that_stops_sending_ends_in_words(
    demo_server: DemoServer, tmp_path: Path
) -> None:
    demo_server.misbehave(Misbehaviour.TRICKLE, path=DOWNLOAD, delay=5)
    started = time.monotonic()
    with pytest.raises(NetworkError) as caught:
        asyncio.run(demo_download(demo_server, tmp_path / "stalled.zip", timeout=1.0))
    assert "1 s" in str(caught.value)
    assert time.monotonic() - started < 10
    assert list(tmp_path.iterdir()) == []


def test_progress_moves_from_the_first_bytes(demo_server: DemoServer, tmp_path: Path) -> None:
    demo_server.misbehave(Misbehaviour.TRICKLE, path=DOWNLOAD, delay=0.01)
    steps: list[int] = []

    async def scenario() -> None:
        task = asyncio.ensure_future(
            demo_download(demo_server, tmp_path / "b.zip", progress=lambda a, b: steps.append(a))
        )
        while not any(0 < done < 64 * 1024 for done in steps):
            await asyncio.sleep(0.05)
            assert not task.done()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(asyncio.wait_for(scenario(), 20))
    assert list(tmp_path.iterdir()) == []


def test_part_files_of_a_killed_app_go_when_the_folder_is_used_again(
    demo_server: DemoServer, tmp_path: Path
) -> None:
    stale = tmp_path / f".{ID}.zip.k1ll3d99.part"
    stale.write_bytes(b"PK\x03\x04 half a backup")
    old = time.time() - receiving.STALE_PART_SECONDS - 60
    os.utime(stale, (old, old))
    live = tmp_path / ".other.zip.l1v3l1v3.part"  # another download, writing now
    live.write_bytes(b"PK\x03\x04")
    mine = tmp_path / ".notes.part"  # not a download's part file
    mine.write_text("keep")
    os.utime(mine, (old, old))
    asyncio.run(demo_download(demo_server, tmp_path / "new.zip"))
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([live.name, mine.name, "new.zip"])


def download(script: object, target: Path) -> None:
    async def scenario() -> None:
        with scripted(script) as (address, _):  # type: ignore[arg-type]
            async with DataforClient(address) as client:
                await client.sign_in(Credentials("a", "b", AuthMethod.BASIC))
                await client.download_backup(ID, target)

    asyncio.run(scenario())


async def demo_download(
    server: DemoServer, target: Path, timeout: float = 30.0, progress: object = None
) -> Path:
    async with DataforClient(server.url, timeout=timeout) as client:
        await client.sign_in(Credentials("admin", "password"))
        answer = await client._send("POST", "plugin/datafor-backup/api/log/query")
        succeeded = next(r for r in answer.json()["data"] if r["status"] == "1")
        return await client.download_backup(succeeded["id"], target, progress)  # type: ignore[arg-type]

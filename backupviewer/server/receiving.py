"""Answers received to disk or memory: the history (in a thread) and backup downloads.

A large history answer comes in 64 KiB reads; received on the event loop each read would be a
turn of the window's loop (a third slower for 37 MB, the window busy meanwhile), so a
blocking client receives it in a thread, into an `AnswerFile` once it is larger than
`SPOOL_FROM`.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

from backupviewer.core.answer_file import AnswerFile
from backupviewer.core.errors import DownloadError, NetworkError, ProtocolError, StorageError
from backupviewer.core.words import translate

SMALL_BODY = 64 * 1024  # answers below this size have their envelope checked at once
SPOOL_FROM = 1_000_000  # larger history answers go into a file
_CHUNK = 64 * 1024
Received = tuple[httpx.Response, bytes, AnswerFile | None]
"""A history answer as received: the response, the start of its body (all of it when small),
and the file holding all of it when it is large."""


def attachment_name(disposition: str | None) -> str | None:
    if not disposition:
        return None
    message = Message()
    message["content-disposition"] = disposition
    return message.get_filename()


def is_zip(response: httpx.Response, name: str | None) -> bool:
    """Whether the answer is the backup: a zip by name, or an unnamed zip by type."""
    if name is not None:
        return name.lower().endswith(".zip")
    kind = response.headers.get("content-type", "").partition(";")[0].strip().lower()
    return kind in ("application/zip", "application/x-zip-compressed", "application/octet-stream")


def content_length(response: httpx.Response) -> int | None:
    try:
        return int(response.headers["content-length"])
    except (KeyError, ValueError):
        return None


async def read_some(response: httpx.Response) -> bytes:
    """Up to `SMALL_BODY` bytes of a streamed answer (an error note is short)."""
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        chunks.append(chunk)
        size += len(chunk)
        if size >= SMALL_BODY:
            break
    return b"".join(chunks)[:SMALL_BODY]


async def save(
    response: httpx.Response,
    target: Path,
    total: int | None,
    progress: Callable[[int, int | None], None] | None,
) -> None:
    """Stream the body into a temporary file beside `target`; rename it only when complete."""
    try:
        handle, temp = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".part", dir=target.parent
        )
    except OSError as exc:
        raise DownloadError(
            translate(
                "Receiving",
                "Could not create a file in {folder}: {reason}. Choose a folder you can write to.",
            ).format(folder=target.parent, reason=exc.strerror or exc)
        ) from None
    try:
        with open(handle, "wb") as out:
            if progress is not None:
                progress(0, total)
            async for chunk in response.aiter_bytes(_CHUNK):
                out.write(chunk)
                if progress is not None:
                    progress(response.num_bytes_downloaded, total)
            out.flush()
            await asyncio.to_thread(os.fsync, out.fileno())
        os.replace(temp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(exc, OSError):
            raise DownloadError(
                translate(
                    "Receiving",
                    "Could not save the backup as {file}: {reason}. Check the free space and "
                    "choose another place if needed.",
                ).format(file=target, reason=exc.strerror or exc)
            ) from None
        raise


@dataclass(frozen=True)
class Limits:
    """How long the whole history may take to arrive, in seconds, and how large it may be."""

    deadline: float
    size: int


def receive_history(
    url: str, settings: dict[str, Any], cookies: httpx.Cookies, auth: httpx.Auth | None,
    stop: threading.Event, limits: Limits,
) -> Received:  # fmt: skip
    """POST for the history with a blocking client made with `settings` (run it in a thread,
    see `in_thread`); gives up, removing what it wrote, once `stop` is set, or with a typed
    error once the answer passes the `limits` or the disk is full."""
    deadline = time.monotonic() + limits.deadline
    with httpx.Client(cookies=cookies, **settings) as client:
        request = client.build_request(
            "POST", url, content=b"{}", headers={"Content-Type": "application/json"}
        )
        response = client.send(request, auth=auth, stream=True)
        try:
            if not 200 <= response.status_code < 300:  # an error page: its start will do
                return with_body(response, _start_of(response.iter_bytes())), b"", None
            spool = _Spool()
            try:
                for chunk in response.iter_bytes():
                    if stop.is_set():
                        raise Stopped
                    spool.add(chunk)
                    if spool.size > limits.size:
                        raise _too_large(limits.size)
                    if time.monotonic() > deadline:
                        raise NetworkError(_late(url, limits.deadline))
            except OSError as exc:  # (httpx's own errors are not OSErrors)
                spool.discard()
                raise StorageError(
                    translate(
                        "Receiving",
                        "The backup history could not be kept in the temporary folder {folder}: "
                        "{reason}. Free some space there and refresh.",
                    ).format(folder=tempfile.gettempdir(), reason=exc.strerror or exc)
                ) from None
            except BaseException:
                spool.discard()
                raise
            return response, *spool.result()
        finally:
            response.close()


class Stopped(Exception):
    """The download was given up (its load was cancelled)."""


class _Spool:
    """An answer as it arrives: all of it in memory, or, once it passes `SPOOL_FROM` bytes,
    its start in memory (for checks) and all of it in an `AnswerFile`."""

    def __init__(self) -> None:
        self._chunks: list[bytes] = []
        self.size = 0
        self.file: AnswerFile | None = None

    def add(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.file is not None:
            self.file.write(chunk)
            return
        self._chunks.append(chunk)
        if self.size > SPOOL_FROM:
            self.file = AnswerFile()
            head = b"".join(self._chunks)
            self.file.write(head)
            self._chunks = [head[:SMALL_BODY]]

    def result(self) -> tuple[bytes, AnswerFile | None]:
        """The answer (or its start) and the file holding all of it, if any."""
        return b"".join(self._chunks), self.file

    def discard(self) -> None:
        """Remove the file, if any (the answer will not be used)."""
        if self.file is not None:
            self.file.close()


async def read_up_to(response: httpx.Response, limit: int) -> bytes:
    """The body of a streamed answer; `ProtocolError` once it passes `limit` bytes."""
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            raise _too_large(limit)
    return b"".join(chunks)


def _start_of(chunks: Iterator[bytes]) -> bytes:
    """Up to `SMALL_BODY` bytes of an answer (what an error page needs)."""
    kept: list[bytes] = []
    size = 0
    for chunk in chunks:
        kept.append(chunk)
        size += len(chunk)
        if size >= SMALL_BODY:
            break
    return b"".join(kept)[:SMALL_BODY]


def with_body(response: httpx.Response, body: bytes) -> httpx.Response:
    """A streamed `response` made whole again with its `body` (already decoded)."""
    headers = [(name, value) for name, value in response.headers.multi_items()
               if name.lower() not in _BODY_HEADERS]  # fmt: skip
    whole = httpx.Response(
        response.status_code, headers=headers, content=body, request=response.request
    )
    whole.extensions = response.extensions
    return whole


_BODY_HEADERS = ("content-encoding", "content-length", "transfer-encoding")


def _too_large(limit: int) -> ProtocolError:
    return ProtocolError(
        translate(
            "Receiving",
            "The server's answer is larger than {megabytes:,.0f} MB, more than a backup history "
            "holds (a million backups are about 370 MB); it was not kept. If the history really "
            "is that large, raise the limit (backupviewer export --max-size).",
        ).format(megabytes=limit / 1e6)
    )


def _late(url: str, deadline: float) -> str:
    return translate(
        "Receiving",
        "The server at {address} did not finish sending the backup history within {seconds:g} "
        "s. It may be overloaded, or the connection too slow; try again later.",
    ).format(address=origin(url), seconds=deadline)


def origin(url: str) -> str:
    """``scheme://host:port`` of `url`: where a message says the trouble is."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def in_thread(work: Callable[..., Received], *args: Any) -> Future[Received]:
    """Run `work` in a daemon thread (quitting never waits for a download) for its future."""
    done: Future[Received] = Future()

    def run() -> None:
        if done.set_running_or_notify_cancel():
            try:
                done.set_result(work(*args))
            except BaseException as exc:  # noqa: BLE001 - handed to whoever awaits it
                done.set_exception(exc)

    threading.Thread(target=run, name="backupviewer-download", daemon=True).start()
    return done


def discard(done: Future[Received]) -> None:
    """A download nobody waits for any more: remove the file it wrote, if it finished."""
    if not done.cancelled() and done.exception() is None:
        file = done.result()[2]
        if file is not None:
            file.close()

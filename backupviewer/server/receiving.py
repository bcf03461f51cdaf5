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
MIN_SPEED = 1_000
"""Bytes a second an answer must keep up, measured over the time limit of a request: one that
trickles slower for that long is given up (as curl's ``--speed-limit``/``--speed-time``)."""
STALE_PART_SECONDS = 600
"""A download's hidden part file not written to for this long was left by a BackupViewer that
was killed: a live download writes at least every time limit (a minute), or gives up."""
ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
"""How a zip file starts (a file, an empty archive, a spanned one)."""
_PART_PREFIX, _PART_SUFFIX = ".", ".part"
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


class Pace:
    """Tells when an answer has come slower than `MIN_SPEED` bytes a second over `seconds`."""

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self._seconds = seconds
        self._clock = clock
        self._since = clock()
        self._bytes = 0

    def too_slow(self, size: int) -> bool:
        """Count `size` more bytes; True once a whole span of `seconds` brought too few."""
        self._bytes += size
        now = self._clock()
        if now - self._since < self._seconds:
            return False
        slow = self._bytes < MIN_SPEED * (now - self._since)
        self._since, self._bytes = now, 0
        return slow


async def save(
    response: httpx.Response,
    target: Path,
    total: int | None,
    progress: Callable[[int, int | None], None] | None,
    stall: float,
) -> None:
    """Stream the body into a temporary file beside `target`; rename it only when complete.
    It must be a zip (`DownloadError` otherwise) that keeps coming at `MIN_SPEED` over `stall`
    seconds; the part files a killed BackupViewer left in that folder go first."""
    remove_stale_parts(target.parent)
    try:
        handle, temp = tempfile.mkstemp(
            prefix=f"{_PART_PREFIX}{target.name}.", suffix=_PART_SUFFIX, dir=target.parent
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
            pace = Pace(stall)
            start = b""
            async for chunk in response.aiter_bytes():  # (as it comes: progress from the first)
                if len(start) < len(ZIP_SIGNATURES[0]):
                    start += chunk[: len(ZIP_SIGNATURES[0])]
                    _check_zip(start, response)
                out.write(chunk)
                if progress is not None:
                    progress(response.num_bytes_downloaded, total)
                if pace.too_slow(len(chunk)):
                    raise DownloadError(_crawling(str(response.url), stall, "backup"))
            _check_zip(start, response, complete=True)
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


def remove_stale_parts(folder: Path) -> None:
    """Remove the hidden part files of downloads that a killed BackupViewer left in `folder`
    (ours by name, untouched for `STALE_PART_SECONDS`)."""
    old = time.time() - STALE_PART_SECONDS
    try:
        candidates = list(folder.glob(f"{_PART_PREFIX}*.zip.*{_PART_SUFFIX}"))
    except OSError:
        return
    for part in candidates:
        with contextlib.suppress(OSError):
            if part.is_file() and not part.is_symlink() and part.stat().st_mtime < old:
                part.unlink()


def _check_zip(start: bytes, response: httpx.Response, *, complete: bool = False) -> None:
    """`DownloadError` when the answer's first bytes are not a zip's (once there are enough
    of them, or when the answer is `complete`)."""
    if len(start) < len(ZIP_SIGNATURES[0]) and not complete:
        return
    if start.startswith(ZIP_SIGNATURES):
        return
    seen = start.decode("ascii", "replace").translate(_VISIBLE) or translate("Receiving", "nothing")
    raise DownloadError(
        translate(
            "Receiving",
            "The server's answer is not a zip file (it begins with “{start}”), so nothing was "
            "saved. A proxy or the server may have answered with an error page; try again, and "
            "if it keeps happening, check the server's log.",
        ).format(start=seen)
    )


_VISIBLE = {code: "?" for code in (*range(32), 127)}


@dataclass(frozen=True)
class Limits:
    """How long the whole history may take to arrive, in seconds, how large it may be, and
    over how many seconds it must keep coming at `MIN_SPEED`."""

    deadline: float
    size: int
    stall: float


def receive_history(
    url: str, settings: dict[str, Any], cookies: httpx.Cookies, auth: httpx.Auth | None,
    stop: threading.Event, limits: Limits,
) -> Received:  # fmt: skip
    """POST for the history with a blocking client made with `settings` (run it in a thread,
    see `in_thread`); gives up, removing what it wrote, once `stop` is set, or with a typed
    error once the answer passes the `limits` or the disk is full."""
    deadline = time.monotonic() + limits.deadline
    pace = Pace(limits.stall)
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
                    if pace.too_slow(len(chunk)):
                        raise NetworkError(_crawling(url, limits.stall, "history"))
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


def _crawling(url: str, seconds: float, what: str) -> str:
    if what == "history":
        text = translate(
            "Receiving",
            "The server at {address} sent the backup history slower than {speed:,} bytes a "
            "second for {seconds:g} s, so it was given up. The server or the connection is "
            "overloaded; try again later.",
        )
    else:
        text = translate(
            "Receiving",
            "The server at {address} sent the backup slower than {speed:,} bytes a second for "
            "{seconds:g} s, so it was given up and nothing was saved. The server or the "
            "connection is overloaded; try again later.",
        )
    return text.format(address=origin(url), speed=MIN_SPEED, seconds=seconds)


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

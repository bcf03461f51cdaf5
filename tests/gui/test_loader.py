"""The history loader with a scripted source: latest wins, errors, busy state, chunks."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncGenerator, Mapping
from typing import Any

import orjson
import pytest
import qasync
from guitools import pause, records_shown, run, wait
from pytestqt.qtbot import QtBot

from backupviewer.core.answer_file import AnswerFile
from backupviewer.core.errors import NotPermitted, ProtocolError, SessionExpired
from backupviewer.core.schedule.items import ScheduleList, schedule_item
from backupviewer.history import workers
from backupviewer.history.table import HistoryTable
from backupviewer.history.workers import Answer, Decoder, decode_answer
from backupviewer.qt.history_model import HistoryModel
from backupviewer.qt.loader import HistoryLoader
from backupviewer.qt.watching import Watching


def body_of(count: int, running: int = 0) -> bytes:
    rows = [
        {
            "id": f"Backup_2025.03.01-10.00.{i % 60:02d}.{i % 1000:03d}+0800",
            "name": f"backup {i}",
            "status": "0" if i < running else "1",
            "add_time": "2025-03-01 10:00:00.0",
            "update_time": "2025-03-01 10:05:00.0",
            "config": '[{"id":"db"}]',
            "backupid": "s1" if i % 2 else "",
        }
        for i in range(count)
    ]
    return orjson.dumps({"success": True, "data": rows})


class Source:
    """A client stand-in answering from a script of bodies and errors."""

    def __init__(self, *answers: bytes | BaseException) -> None:
        self.answers = list(answers)
        self.gate: asyncio.Event | None = None
        self.calls = 0

    async def history(self) -> bytes:
        self.calls += 1
        if self.gate is not None:
            await self.gate.wait()
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, BaseException):
            raise answer
        return answer

    async def schedules(self) -> ScheduleList:
        trigger = {"repeatInterval": 86400, "repeatCount": -1,
                   "startTime": "2025-01-01T02:00:00.000+08:00"}  # fmt: skip
        cron = orjson.dumps({"simpleJobTrigger": trigger}).decode()
        return ScheduleList((schedule_item({"id": "s1", "name": "Daily", "cron": cron}),))


CHUNK_ROWS = workers.PIECE_ROWS


class InlineDecoder:
    """Decodes on the spot; `chunked` makes it hand back worker-style pieces."""

    def __init__(self, chunked: bool = False) -> None:
        self.chunked = chunked

    async def decode(
        self, body: Answer, triggers: Mapping[str, str] | None
    ) -> AsyncGenerator[HistoryTable, None]:
        assert isinstance(body, bytes)
        if not self.chunked:
            yield decode_answer(body, triggers)
            return
        pieces = list(workers._pieces(body, 0, 1, triggers, CHUNK_ROWS))  # all ready at once
        for piece in pieces:
            piece.raw.attach(workers.Bytes(body))
            yield piece


@pytest.fixture
def model(qtbot: QtBot) -> HistoryModel:
    return HistoryModel()


def make_loader(model: HistoryModel, chunked: bool = False, **kwargs: Any) -> HistoryLoader:
    return HistoryLoader(model, InlineDecoder(chunked), **kwargs)


def test_loads_rows_with_triggers_from_the_schedules(
    loop: qasync.QEventLoop, model: HistoryModel, qtbot: QtBot
) -> None:
    loader = make_loader(model)
    loader.set_source(Source(body_of(10)))
    with qtbot.waitSignal(loader.loaded) as blocker:
        loader.refresh()
        wait(loop, lambda: loader.task is not None and loader.task.done())
    assert blocker.args == [10]
    assert model.total_count == 10 and not loader.busy
    scheduled = [r for r in records_shown(model) if r.schedule_id]
    assert scheduled and all(r.schedule is not None for r in scheduled)


def test_latest_wins(loop: qasync.QEventLoop, model: HistoryModel) -> None:
    loader = make_loader(model)
    source = Source(body_of(3))
    source.gate = asyncio.Event()
    loader.set_source(source)
    loaded: list[int] = []
    loader.loaded.connect(loaded.append)
    first = loader.refresh()
    pause(loop, 0.05)
    second = loader.refresh()
    assert first is not None and second is not None
    wait(loop, first.done)
    assert first.cancelled() and loader.busy
    source.gate.set()
    wait(loop, second.done)
    assert loaded == [3] and not loader.busy


def test_failure_keeps_the_rows_and_cancel_is_silent(
    loop: qasync.QEventLoop, model: HistoryModel
) -> None:
    loader = make_loader(model)
    source = Source(body_of(5), ProtocolError("The server sent a web page instead."))
    loader.set_source(source)
    run(loop, loader.load(source))
    failures: list[str] = []
    busy: list[bool] = []
    loader.failed.connect(failures.append)
    loader.busy_changed.connect(busy.append)
    run(loop, loader.load(source))
    assert failures == ["The server sent a web page instead."]
    assert model.total_count == 5 and busy == [True, False]
    source.gate = asyncio.Event()
    task = loader.refresh()
    pause(loop, 0.05)
    loader.cancel()
    assert task is not None
    wait(loop, task.done)
    assert task.cancelled() and not loader.busy and failures == [failures[0]]


def test_expired_session_and_no_permission(loop: qasync.QEventLoop, model: HistoryModel) -> None:
    loader = make_loader(model)
    expired: list[bool] = []
    failures: list[str] = []
    refused: list[str] = []
    loader.session_expired.connect(lambda: expired.append(True))
    loader.failed.connect(failures.append)
    loader.not_permitted.connect(refused.append)
    source = Source(SessionExpired("ended"), NotPermitted("Only administrators."))
    run(loop, loader.load(source))
    run(loop, loader.load(source))
    assert expired == [True] and refused == ["Only administrators."] and failures == []
    assert loader.last_error == "Only administrators."


def test_unexpected_errors_go_to_the_exception_hook(
    loop: qasync.QEventLoop, model: HistoryModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, error, trace: seen.append(error))
    loader = make_loader(model)
    loader.set_source(Source(ZeroDivisionError("boom")))
    task = loader.refresh()
    assert task is not None
    wait(loop, task.done)
    assert isinstance(seen[0], ZeroDivisionError) and not loader.busy


def test_chunks_appear_progressively_then_sorted(
    loop: qasync.QEventLoop, model: HistoryModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    from backupviewer.core.columns import Column
    from backupviewer.qt import loader as loader_module

    monkeypatch.setattr(loader_module, "SHOW_EVERY_S", 0.0)
    model.sort(Column.NAME, model.sort_order)
    loader = make_loader(model, chunked=True)
    progress: list[int] = []
    inserted: list[int] = []
    loader.progress.connect(progress.append)
    model.rowsInserted.connect(lambda parent, first, last: inserted.append(last - first + 1))
    source = Source(body_of(2 * CHUNK_ROWS + 10))
    run(loop, loader.load(source))
    assert progress == [CHUNK_ROWS, 2 * CHUNK_ROWS, 2 * CHUNK_ROWS + 10]
    assert inserted == [CHUNK_ROWS, CHUNK_ROWS, 10]
    names = [model.record_at(r).name.casefold() for r in range(model.rowCount())]
    assert names == sorted(names)
    # a refresh with rows shown swaps the whole history at once
    inserted.clear()
    run(loop, loader.load(Source(body_of(7))))
    assert inserted == [] and model.total_count == 7


def test_chunks_coming_quickly_are_shown_together_after_the_first(
    loop: qasync.QEventLoop, model: HistoryModel
) -> None:
    loader = make_loader(model, chunked=True)  # pieces come at once, well within SHOW_EVERY_S
    inserted: list[int] = []
    model.rowsInserted.connect(lambda parent, first, last: inserted.append(last - first + 1))
    run(loop, loader.load(Source(body_of(3 * CHUNK_ROWS + 10))))
    assert inserted == [CHUNK_ROWS, 2 * CHUNK_ROWS + 10]
    assert model.total_count == 3 * CHUNK_ROWS + 10


def test_a_load_failing_halfway_leaves_no_half_history(
    loop: qasync.QEventLoop, model: HistoryModel
) -> None:
    class FailingHalfway:
        async def decode(
            self, body: Answer, triggers: Mapping[str, str] | None
        ) -> AsyncGenerator[HistoryTable, None]:
            assert isinstance(body, bytes)
            yield decode_answer(body, triggers)
            raise ProtocolError("The helper process stopped.")

    loader = HistoryLoader(model, FailingHalfway())
    failures: list[str] = []
    loader.failed.connect(failures.append)
    run(loop, loader.load(Source(body_of(5))))
    assert failures == ["The helper process stopped."] and model.total_count == 0
    run(loop, make_loader(model).load(Source(body_of(3))))
    run(loop, loader.load(Source(body_of(5))))  # a failed refresh keeps the rows shown
    assert model.total_count == 3 and len(failures) == 2


def test_auto_refresh_until_nothing_runs(loop: qasync.QEventLoop, model: HistoryModel) -> None:
    loader = make_loader(model)
    watching = Watching(loader, model, auto_refresh_ms=50)
    changes: list[bool] = []
    watching.auto_refresh_changed.connect(changes.append)
    source = Source(body_of(3, running=1), body_of(3, running=1), body_of(3))
    loader.set_source(source)
    loader.refresh()
    wait(loop, lambda: changes == [True, False])
    calls = source.calls
    assert calls == 3 and model.snapshot.running == 0
    pause(loop, 0.3)
    assert source.calls == calls


def test_worker_process_decodes_a_large_history(
    loop: qasync.QEventLoop, model: HistoryModel
) -> None:
    decoder = Decoder()

    class Large(Source):
        async def history(self) -> AnswerFile:  # type: ignore[override]
            file = AnswerFile()
            file.write(await super().history())
            return file.finish()

    try:
        loader = HistoryLoader(model, decoder)
        run(loop, loader.load(Large(body_of(12_000))), timeout=60)
        assert model.total_count == 12_000
        assert model.record_at(0).raw["name"] == model.record_at(0).name
    finally:
        decoder.close()


def test_both_requests_failing_reports_once_and_leaves_nothing_unretrieved(
    loop: qasync.QEventLoop, model: HistoryModel
) -> None:
    import gc

    unhandled: list[dict[str, Any]] = []
    loop.set_exception_handler(lambda _, context: unhandled.append(context))

    class Expired:
        async def history(self) -> bytes:
            await asyncio.sleep(0.01)
            raise SessionExpired("ended")

        async def schedules(self) -> ScheduleList:
            raise SessionExpired("ended too")

    loader = make_loader(model)
    source = Expired()
    expired: list[bool] = []
    loader.session_expired.connect(lambda: expired.append(True))
    run(loop, loader.load(source))
    gc.collect()
    pause(loop, 0.05)
    assert expired == [True]
    assert unhandled == []


def test_a_trickling_refresh_fails_in_words_and_keeps_the_rows(
    loop: qasync.QEventLoop, model: HistoryModel, demo_server: Any
) -> None:
    """A real client against the demo server: the first load works, then the server sends
    the history a byte at a time; the refresh ends at the deadline, the rows stay."""
    from backupviewer.core.datafor.auth import Credentials
    from backupviewer.demo.server import LOG_QUERY, Misbehaviour
    from backupviewer.server.client import DataforClient

    client = DataforClient(demo_server.url, timeout=2.0, history_deadline=1.0)
    run(loop, client.sign_in(Credentials("admin", "password")))
    loader = make_loader(model)
    failures: list[str] = []
    loader.failed.connect(failures.append)
    run(loop, loader.load(client))
    assert model.total_count == demo_server.rows
    demo_server.misbehave(Misbehaviour.TRICKLE, delay=0.01, path=LOG_QUERY)
    run(loop, loader.load(client), timeout=20)
    assert model.total_count == demo_server.rows
    assert failures and "did not finish sending the backup history within 1 s" in failures[0]
    run(loop, client.aclose())


def test_a_refresh_that_trickles_below_a_real_speed_fails_in_words_and_keeps_the_rows(
    loop: qasync.QEventLoop, model: HistoryModel, demo_server: Any
) -> None:
    from backupviewer.core.datafor.auth import Credentials
    from backupviewer.demo.server import LOG_QUERY, Misbehaviour
    from backupviewer.server.client import DataforClient

    client = DataforClient(demo_server.url, timeout=1.0)  # the deadline: 600 s
    run(loop, client.sign_in(Credentials("admin", "password")))
    loader = make_loader(model)
    failures: list[str] = []
    loader.failed.connect(failures.append)
    run(loop, loader.load(client))
    demo_server.misbehave(Misbehaviour.TRICKLE, delay=0.2, path=LOG_QUERY)
    run(loop, loader.load(client), timeout=20)
    assert model.total_count == demo_server.rows
    assert failures and "slower than 1,000 bytes a second for 1 s" in failures[0]
    run(loop, client.aclose())

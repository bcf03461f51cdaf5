"""Backup records from log/query answers: documented shapes, tolerance, and clean errors."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tables import records_in, records_of, schedule_triggers

from backupviewer.core.errors import ProtocolError, ServerError
from backupviewer.core.records import (
    Record,
    Status,
)

DATA = Path(__file__).parent / "data"
CST = timezone(timedelta(hours=8))


def load(name: str) -> bytes:
    return (DATA / name).read_bytes()


def test_seed_response_decodes_to_documented_values() -> None:
    (record,) = records_in(load("log_query_seed.json"))
    assert record.id == "Backup_2025.02.26-11.12.00.205+0800"
    assert record.schedule_id == "51b51905fc0b482f995f0f32b48105ba"
    assert record.schedule_id
    assert record.name == "ll"
    assert record.folder == "backup/"
    assert record.parts == ("upload",)
    assert record.content_labels == "Uploaded data files"
    assert record.status is Status.SUCCEEDED
    assert record.status_raw == "1"
    assert record.created_by == record.updated_by == "admin"
    assert record.started == datetime(2025, 2, 26, 11, 12, 0, 207000, tzinfo=CST)
    assert record.finished == datetime(2025, 2, 26, 11, 12, 0, 350000, tzinfo=CST)
    assert record.started.utcoffset() == timedelta(hours=8)
    assert record.zone_known
    assert record.duration_s == pytest.approx(0.143)
    assert record.schedule is not None
    assert record.schedule.quartz() == "0 12 11 ? * 2,3,4,5,6 *"
    assert "weekday" in record.schedule_text.lower() and "11:12" in record.schedule_text
    assert record.problems == ()
    assert record.raw["cron"].startswith('{"complexJobTrigger"')


def test_newer_rows_take_the_trigger_from_their_schedule() -> None:
    triggers = schedule_triggers(orjson.loads(load("schedules.json"))["data"])
    records = records_in(load("log_query_mixed.json"), triggers)
    nightly = records[0]
    assert nightly.schedule is not None
    assert nightly.schedule.quartz() == "0 0 2 * * ? *"
    assert "02:00" in nightly.schedule_text


def test_mixed_rows_are_all_kept_with_their_problems() -> None:
    records = records_in(load("log_query_mixed.json"))
    assert len(records) == 4
    failed, running, odd, not_an_object = records

    assert failed.status is Status.FAILED
    assert failed.message == "No space left on device"
    assert failed.name == "夜间备份"
    assert failed.parts == ("db", "upload", "file")
    assert failed.content_labels == "Content and settings; Uploaded data files; Application files"
    assert failed.duration_s == pytest.approx(190.5)
    assert failed.raw["owner"] == "ops"  # unknown extra fields stay for the raw view
    assert failed.problems == ()

    assert running.status is Status.RUNNING
    assert running.finished is None and running.duration_s is None
    assert running.started == datetime(
        2026, 11, 28, 9, 30, 0, 100000, tzinfo=timezone(-timedelta(hours=5))
    )
    assert running.name == ""
    assert running.parts == ("db",)
    assert not running.schedule_id

    assert odd.status is Status.UNKNOWN and odd.status_raw == "7"
    assert odd.started is None
    assert not odd.zone_known
    assert odd.schedule is None and odd.schedule_error
    assert odd.schedule_text.startswith("Unreadable schedule")
    assert odd.updated is not None and odd.updated.tzinfo is not None  # epoch milliseconds
    assert odd.parts == ()
    assert len(odd.problems) == 3  # status, start time, content

    assert not_an_object.id == ""
    assert not_an_object.raw == 42
    assert not_an_object.problems


def test_code_as_number_or_string_in_a_refusal() -> None:
    for code in (b"403", b'"403"'):
        body = b'{"success": false, "code": ' + code + b', "msg": "no permission"}'
        with pytest.raises(ServerError) as caught:
            records_in(body)
        assert caught.value.code == "403"
        assert caught.value.server_message == "no permission"
        assert "no permission" in str(caught.value)


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (b"<!DOCTYPE html><html><title>Login</title></html>", "web page"),
        (b'{"success": true, "data": [{"id": "Backup_2025', "cut off"),
        (b"", "empty"),
        (b'{"success": true, "data": {"id": 1}}', "not a list"),
        (b"[1, 2]", "documented format"),
    ],
)
def test_answers_that_are_not_the_documented_json(body: bytes, words: str) -> None:
    with pytest.raises(ProtocolError, match=words):
        records_in(body)


def test_null_data_means_no_backups() -> None:
    assert records_in(b'{"success": true, "data": null}') == []


def test_field_of_the_wrong_type_is_shown_and_noted() -> None:
    (record,) = records_of([{"id": "x", "name": {"zh": "备份"}, "add_by": 7, "status": True}])
    assert record.name == '{"zh":"备份"}'
    assert record.created_by == "7"
    assert record.status is Status.UNKNOWN
    assert any("'name'" in p for p in record.problems)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=5)
    ),
    max_leaves=20,
)
FIELDS = (
    "id",
    "backupid",
    "name",
    "folder",
    "config",
    "status",
    "add_by",
    "add_time",
    "update_by",
    "update_time",
    "cron",
    "msg",
)
ROWISH = st.dictionaries(st.sampled_from(FIELDS), JSON | st.text(max_size=30), max_size=12)


@settings(max_examples=300, deadline=None)
@given(rows=st.lists(ROWISH | JSON, max_size=5))
def test_any_rows_give_one_record_each(rows: list[object]) -> None:
    records = records_of(rows)
    assert len(records) == len(rows)
    for record in records:
        assert isinstance(record, Record)
        assert isinstance(record.status, Status)
        assert isinstance(record.schedule_text, str)
        record.duration_s  # noqa: B018 – must not raise


@settings(max_examples=300, deadline=None)
@given(document=JSON | st.binary(max_size=64))
def test_any_answer_gives_records_or_one_clean_error(document: object) -> None:
    body = document if isinstance(document, bytes) else json.dumps(document).encode()
    try:
        records_in(body)
    except (ProtocolError, ServerError) as error:
        assert str(error)


def test_unreadable_start_time_falls_back_to_the_backup_id() -> None:
    (record,) = records_of(
        [{"id": "Backup_2026.11.26-21.00.00.5+0800", "status": "2", "add_time": "2025-02-30 25:61",
          "update_time": "2026-11-26 21:04:00"}]
    )  # fmt: skip
    assert record.started == datetime(2026, 11, 26, 21, 0, 0, 500000, tzinfo=CST)
    assert record.duration_s == pytest.approx(239.5)
    assert any("'2025-02-30 25:61'" in p for p in record.problems)
    assert any("backup ID" in p for p in record.problems)

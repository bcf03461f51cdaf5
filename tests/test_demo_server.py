"""The demo server and its generated history, spoken to over real loopback HTTP."""

from __future__ import annotations

import base64
import io
import re
import socket
import time
import zipfile
from collections import Counter
from datetime import datetime
from typing import Any

import httpx
import orjson
import pytest
from tables import records_in

from backupviewer.core.records import Status
from backupviewer.demo import accounts
from backupviewer.demo.history import build_history, generate
from backupviewer.demo.plans import ZONE
from backupviewer.demo.server import (
    CAPTCHA,
    DOWNLOAD,
    LOG_QUERY,
    LOGIN,
    LOGOUT,
    SCHEDULES,
    WHO_AM_I,
    DemoServer,
    Misbehaviour,
)

NOW = datetime(2026, 3, 10, 9, 30, tzinfo=ZONE)
ID = re.compile(r"^Backup_\d{4}\.\d\d\.\d\d-\d\d\.\d\d\.\d\d\.\d{3}\+0800$")
JAVA_TIME = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{1,3}$")


def rows_of(body: bytes) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = orjson.loads(b"[" + body + b"]")
    return rows


def login(client: httpx.Client, server: DemoServer, user: str, password: str, **more: str) -> Any:
    form = {"username": user, "password": password, **more}
    return client.post(server.url + LOGIN, data=form).json()


# -- the generated history -----------------------------------------------------------------


def test_history_is_deterministic_and_seedable() -> None:
    assert generate(500, seed=5, now=NOW).rows == generate(500, seed=5, now=NOW).rows
    assert generate(500, seed=5, now=NOW).rows != generate(500, seed=6, now=NOW).rows
    assert build_history(500, seed=5, now=NOW) is build_history(500, seed=5, now=NOW)


def test_history_rows_are_realistic() -> None:
    history = generate(6000, seed=2, now=NOW)
    rows = rows_of(history.rows)
    assert len(rows) == history.count == 6000
    ids = [row["id"] for row in rows]
    assert all(ID.match(i) for i in ids)
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == len(ids)
    assert ids[0] < "Backup_2026.03.10-09.30"
    statuses = Counter(str(row.get("status")) for row in rows)
    assert statuses["1"] > statuses["2"] > 0 and statuses["7"] > 0
    assert all(row.get("msg") is not None for row in rows if row.get("status") == "2")
    reasons = {row.get("msg") for row in rows}
    assert "No space left on device" in reasons
    assert any("Permission denied" in (reason or "") for reason in reasons)
    times = [row["add_time"] for row in rows if isinstance(row.get("add_time"), str)]
    fractions = Counter(len(t.rsplit(".", 1)[1]) for t in times if JAVA_TIME.match(t))
    assert set(fractions) == {1, 2, 3}
    assert any(t == "2025-02-30 25:61:00" for t in times)
    with_cron = [row for row in rows if "cron" in row]
    assert 0 < len(with_cron) < len(rows)
    assert any(row["cron"] == "0 0 2 * * ?" for row in with_cron)
    assert any(row.get("config") == '[{"id":"db"' for row in rows)
    assert any("name" not in row for row in rows)
    names = {row.get("name") for row in rows}
    assert "每日全量备份" in names and "手动备份" in names and "backup-from-staging.zip" in names
    manual = [row for row in rows if row["backupid"] == ""]
    assert manual and len(manual) < len(rows) / 5


def test_schedules_cover_every_trigger_kind() -> None:
    history = generate(200, seed=1, now=NOW)
    items = orjson.loads(history.schedules)
    triggers = [orjson.loads(item["cron"]) for item in items]
    kinds = Counter(next(iter(trigger)) for trigger in triggers)
    assert set(kinds) == {"simpleJobTrigger", "complexJobTrigger", "cronJobTrigger"}
    labels = {next(iter(t.values())).get("uiPassParam") for t in triggers}
    assert {"RUN_ONCE", "SECONDS", "MINUTES", "HOURS", "DAILY", "WEEKLY", "MONTHLY"} <= labels
    assert {"YEARLY", "CRON"} <= labels
    assert {item["state"] for item in items} == {"NORMAL", "PAUSED", "COMPLETE"}
    assert {item["enable"] for item in items} == {"0", "1"}
    listed = {item["id"] for item in items}
    orphans = {row["backupid"] for row in rows_of(history.rows)} - listed - {""}
    assert orphans, "a deleted schedule leaves rows behind"
    normal = [item for item in items if item["state"] == "NORMAL"]
    assert all(item["nextRun"] > NOW.timestamp() * 1000 for item in normal)


def test_every_generated_row_decodes() -> None:
    history = generate(3000, seed=4, now=NOW)
    body = b'{"success":true,"data":[' + history.rows + b"]}"
    records = records_in(body)
    assert len(records) == 3000
    assert {r.status for r in records} == {Status.SUCCEEDED, Status.FAILED, Status.UNKNOWN}
    assert sum(1 for r in records if r.problems) < 3000 * 0.02


def test_find_looks_rows_up_by_id() -> None:
    history = generate(1000, seed=1, now=NOW)
    rows = rows_of(history.rows)
    for index in (0, 1, 500, 999):
        assert history.find(rows[index]["id"]) == rows[index]
    assert history.find("Backup_1999.01.01-00.00.00.000+0800") is None
    assert history.find("nonsense") is None


def test_a_hundred_thousand_rows_take_well_under_two_seconds() -> None:
    started = time.perf_counter()
    history = generate(100_000, now=NOW)
    elapsed = time.perf_counter() - started
    assert history.count == 100_000
    assert elapsed < 2.0, f"{elapsed:.2f} s"


@pytest.mark.slow
def test_a_million_rows_take_under_twenty_seconds() -> None:
    started = time.perf_counter()
    history = generate(1_000_000, now=NOW)
    elapsed = time.perf_counter() - started
    assert history.count == 1_000_000
    assert history.rows.endswith(b"}") and history.rows.count(b'{"id":"Backup_') == 1_000_000
    assert elapsed < 20.0, f"{elapsed:.2f} s"


# -- the server ------------------------------------------------------------------------------


def test_session_login_sets_the_cookie_and_answers_as_documented(demo_server: DemoServer) -> None:
    with httpx.Client() as client:
        response = client.post(demo_server.url + LOGIN, data={"username": "admin", **PW})
        answer = response.json()
        assert answer["success"] is True and answer["data"] == "1" and answer["jsessionid"]
        cookie = response.headers["set-cookie"]
        assert cookie == f"JSESSIONID={answer['jsessionid']}; Path=/datafor; HttpOnly"
        assert response.headers["authorization"] == f"Session {answer['jsessionid']}"
        assert login(client, demo_server, "admin", "password")["data"] == "2"
        me = client.get(demo_server.url + WHO_AM_I).json()
        assert me["data"]["user"]["username"] == "admin"
        assert client.get(demo_server.url + LOGOUT).json()["data"] == "1"
        assert client.get(demo_server.url + LOGOUT).json()["data"] == "2"
        assert client.get(demo_server.url + WHO_AM_I).json() == {
            "success": True,
            "code": "200",
            "data": {},
        }


PW = {"password": "password"}


def test_login_refusals(demo_server: DemoServer) -> None:
    with httpx.Client() as client:
        assert login(client, demo_server, "", "x")["msg"] == "username cannot be empty"
        assert login(client, demo_server, "admin", "")["code"] == "400"
        assert login(client, demo_server, "admin", "password", tenantId="nope")["msg"] == (
            "tenant not exist"
        )
        disabled = login(client, demo_server, "admin", "password", tenantId="tenant2")
        assert disabled == {"success": False, "code": "403", "msg": "tenant is disabled"}
        ok = login(client, demo_server, "admin", "password", tenantId="/pentaho/tenant1")
        assert ok["success"] is True
        wrong = login(client, demo_server, "nobody", "x")
        assert wrong == {
            "success": False,
            "data": "0",
            "msg": "wrong password",
            "needCaptcha": False,
        }


def test_captcha_after_failed_logins_then_lockout(demo_server: DemoServer) -> None:
    with httpx.Client() as client:
        answers = [
            login(client, demo_server, "admin", "bad") for _ in range(accounts.CAPTCHA_AFTER)
        ]
        assert [a["needCaptcha"] for a in answers] == [False, False, True]
        first = login(client, demo_server, "admin", "password")
        assert first["msg"] == "please get captcha code first" and first["needCaptcha"] is True
        picture = client.get(demo_server.url + CAPTCHA)
        assert picture.headers["content-type"] == "image/png"
        assert picture.content.startswith(b"\x89PNG\r\n\x1a\n")
        assert login(client, demo_server, "admin", "password")["msg"] == (
            "captcha code cannot be empty"
        )
        code = demo_server.captcha_code_for_last_session()
        assert code is not None and len(code) == 4
        wrong = login(client, demo_server, "admin", "password", captchaCode="wrong")
        assert wrong["msg"] == "captcha code is wrong"
        client.get(demo_server.url + CAPTCHA)
        code = demo_server.captcha_code_for_last_session()
        assert code is not None
        assert login(client, demo_server, "admin", "password", captchaCode=code)["success"]
    with httpx.Client() as client:
        for _ in range(accounts.LOCK_AFTER):
            login(client, demo_server, "admin", "bad")
        locked = login(client, demo_server, "admin", "password")
        assert locked["success"] is False and "too many" in locked["msg"]
        demo_server.reset_login_failures()
        assert login(client, demo_server, "admin", "password")["success"] is True


def test_basic_and_token(demo_server: DemoServer) -> None:
    url = demo_server.url
    wrong = httpx.get(url + WHO_AM_I, auth=("admin", "bad"))
    assert wrong.status_code == 401 and "Basic" in wrong.headers["www-authenticate"]
    garbled = httpx.get(url + WHO_AM_I, headers={"Authorization": "Basic !!!"})
    assert garbled.status_code == 401
    viewer = httpx.get(url + WHO_AM_I, auth=("suzy", "password")).json()
    assert viewer["data"]["user"]["name"] == accounts.VIEWER.name
    bearer = {"Authorization": f"Bearer {accounts.ADMIN_TOKEN}"}
    assert httpx.post(url + LOG_QUERY, headers=bearer).json()["success"] is True
    by_param = httpx.post(url + LOG_QUERY, params={"token": accounts.ADMIN_TOKEN}).json()
    assert by_param["success"] is True
    assert httpx.get(url + "/Login", headers=bearer).text.startswith("<!DOCTYPE html>")
    unknown = httpx.post(url + LOG_QUERY, headers={"Authorization": "Bearer nope"}).json()
    assert unknown == {"success": False, "code": 403, "msg": "no permission"}


def test_history_and_schedules_for_admins_only(demo_server: DemoServer) -> None:
    url = demo_server.url
    admin, viewer = ("admin", "password"), ("suzy", "password")
    body = httpx.post(url + LOG_QUERY, json={}, auth=admin).json()
    assert body["success"] is True and len(body["data"]) == demo_server.rows
    one = body["data"][5]
    by_form = httpx.post(url + LOG_QUERY, data={"id": one["id"]}, auth=admin).json()
    assert by_form["data"] == [one]
    by_json = httpx.post(url + LOG_QUERY, json={"id": one["id"]}, auth=admin).json()
    assert by_json["data"] == [one]
    schedules = httpx.post(url + SCHEDULES, auth=admin).json()
    assert schedules["success"] is True and len(schedules["data"]) > 10
    first = schedules["data"][0]["id"]
    assert len(httpx.post(url + SCHEDULES, data={"id": first}, auth=admin).json()["data"]) == 1
    refused = {"success": False, "code": 403, "msg": "no permission"}
    assert httpx.post(url + LOG_QUERY, json={}, auth=viewer).json() == refused
    assert httpx.post(url + SCHEDULES, auth=viewer).json() == refused
    assert httpx.post(url + LOG_QUERY, json={}).json() == refused
    assert httpx.post(url + SCHEDULES).json()["code"] == 401


def test_download_serves_a_zip_or_an_info_note(demo_server: DemoServer) -> None:
    url, admin = demo_server.url, ("admin", "password")
    rows = httpx.post(url + LOG_QUERY, json={}, auth=admin).json()["data"]
    done = next(row for row in rows if row["status"] == "1")
    failed = next(row for row in rows if row["status"] == "2")
    response = httpx.get(url + DOWNLOAD, params={"id": done["id"]}, auth=admin)
    assert response.headers["content-disposition"] == f'attachment; filename="{done["id"]}.zip"'
    assert int(response.headers["content-length"]) == len(response.content) > 90_000
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert orjson.loads(archive.read("backup.json")) == done
    for backup_id, auth, note in (
        (failed["id"], admin, f"{failed['id']}.zip not found"),
        ("Backup_nope", admin, "Backup_nope.zip not found"),
        (done["id"], ("suzy", "password"), "no permission"),
        (done["id"], None, "no permission"),
    ):
        answer = httpx.get(url + DOWNLOAD, params={"id": backup_id}, auth=auth)
        assert answer.status_code == 200
        assert answer.headers["content-disposition"] == 'attachment; filename="info.txt"'
        assert answer.text == note


def test_running_knob(demo_server: DemoServer) -> None:
    url, admin = demo_server.url, ("admin", "password")
    assert not demo_server.running
    backup_id = demo_server.start_backup("夜间手动")
    assert demo_server.running
    first = httpx.post(url + LOG_QUERY, json={}, auth=admin).json()["data"][0]
    assert first["id"] == backup_id and first["status"] == "0" and first["name"] == "夜间手动"
    note = httpx.get(url + DOWNLOAD, params={"id": backup_id}, auth=admin).text
    assert note.endswith("not found")
    demo_server.finish_backup()
    assert not demo_server.running
    data = httpx.post(url + LOG_QUERY, json={}, auth=admin).json()["data"]
    assert data[0]["status"] == "1" and len(data) == demo_server.rows + 1
    assert httpx.get(url + DOWNLOAD, params={"id": backup_id}, auth=admin).content[:2] == b"PK"
    demo_server.start_backup(seconds=0.2, failed=True)
    time.sleep(0.3)
    assert not demo_server.running
    latest = httpx.post(url + LOG_QUERY, json={}, auth=admin).json()["data"][0]
    assert latest["status"] == "2" and latest["msg"]


def test_expired_sessions_answer_anonymously_or_with_the_login_page(
    demo_server: DemoServer,
) -> None:
    with httpx.Client() as client:
        login(client, demo_server, "admin", "password")
        demo_server.expire_sessions()
        assert client.get(demo_server.url + WHO_AM_I).json()["data"] == {}
        login(client, demo_server, "admin", "password")
        demo_server.expire_sessions(login_page=True)
        page = client.post(demo_server.url + LOG_QUERY, json={})
        assert page.status_code == 200 and page.text.startswith("<!DOCTYPE html>")
        assert login(client, demo_server, "admin", "password")["data"] == "1"
        assert client.post(demo_server.url + LOG_QUERY, json={}).json()["success"] is True


@pytest.mark.parametrize(
    ("mode", "status", "start"),
    [
        (Misbehaviour.HTML, 200, b"<!DOCTYPE html>"),
        (Misbehaviour.PROXY_502, 502, b"<html>"),
        (Misbehaviour.HTTP_500, 500, b"<!doctype html>"),
        (Misbehaviour.GARBAGE, 200, b'{"status":"ok"'),
    ],
)
def test_misbehaviour_answers(
    demo_server: DemoServer, mode: Misbehaviour, status: int, start: bytes
) -> None:
    demo_server.misbehave(mode, times=2, path="log/query")
    for _ in range(2):
        assert httpx.get(demo_server.url + WHO_AM_I).status_code == 200  # other paths work
        answer = httpx.post(demo_server.url + LOG_QUERY, json={})
        assert (answer.status_code, answer.content[: len(start)]) == (status, start)
    assert httpx.post(demo_server.url + LOG_QUERY, json={}).json()["success"] is False


def test_misbehaviour_on_the_wire(demo_server: DemoServer) -> None:
    url = demo_server.url + WHO_AM_I
    demo_server.misbehave("truncated")
    with pytest.raises(httpx.RemoteProtocolError, match=r"incomplete|complete message body"):
        httpx.get(url)
    demo_server.misbehave("disconnect")
    with pytest.raises(httpx.RemoteProtocolError, match="without sending a response"):
        httpx.get(url)
    demo_server.misbehave("slow", delay=0.3)
    started = time.perf_counter()
    assert httpx.get(url).status_code == 200
    assert time.perf_counter() - started >= 0.3
    demo_server.misbehave("http_500")
    demo_server.reset()
    assert httpx.get(url).status_code == 200


def test_paths_outside_the_context_are_not_found(demo_server: DemoServer) -> None:
    root = demo_server.url.removesuffix("/datafor")
    assert httpx.post(root + LOGIN, data={"username": "admin", **PW}).status_code == 404
    assert httpx.get(demo_server.url + LOG_QUERY).status_code == 405
    assert httpx.get(demo_server.url + "/plugin/nothing").status_code == 404


def test_requests_are_recorded_without_sign_in_bodies(demo_server: DemoServer) -> None:
    with httpx.Client() as client:
        login(client, demo_server, "admin", "password")
        client.post(demo_server.url + LOG_QUERY, json={})
    sign_in, query = demo_server.seen[-2:]
    assert sign_in.path.endswith(LOGIN) and sign_in.body == b""
    assert (query.content_type, query.body) == ("application/json", b"{}")


def test_stop_closes_the_port(fresh_demo_server: DemoServer) -> None:
    port = fresh_demo_server.port
    with httpx.Client() as client:
        assert client.get(fresh_demo_server.url + WHO_AM_I).status_code == 200
        fresh_demo_server.stop()
        with pytest.raises(httpx.TransportError):
            client.get(f"http://127.0.0.1:{port}/datafor{WHO_AM_I}")
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0
    fresh_demo_server.stop()  # twice is harmless


def test_basic_header_of_unknown_user_is_refused(demo_server: DemoServer) -> None:
    header = "Basic " + base64.b64encode(b"ghost:password").decode()
    assert httpx.get(demo_server.url + WHO_AM_I, headers={"Authorization": header}).status_code == (
        401
    )

"""The web API never answers 500 to a bad request and keeps its door shut (issue 16): allowed hosts, the write
token, security headers on error responses, and a connection that survives a refused request."""

from __future__ import annotations

import http.client
import json
import shutil

import pytest
from fastapi.testclient import TestClient

from tests.test_api_server import ARTICLE, AUTH, BASE, TOKEN, served, store_fixtures

db_file, client = store_fixtures("guard")


@pytest.fixture
def writable(tmp_path, db_file, pipeline):
    from dotterel.web import create_app

    copy = tmp_path / "copy.duckdb"
    shutil.copy(db_file, copy)
    return TestClient(create_app(copy, pipeline=pipeline, token=TOKEN), base_url=BASE, headers=AUTH)


def assert_secure(res) -> None:
    assert "default-src 'none'" in res.headers["content-security-policy"], res.headers
    assert res.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("path, params", [
    ("/api/events", {"offset": 2**63}), ("/api/events", {"offset": 10**30}), ("/api/actors", {"offset": 2**63}),
    ("/api/quotes", {"offset": 2**64}), ("/api/documents", {"offset": 2**63}), ("/api/network", {"min_weight": 2**70}),
    ("/api/events", {"since": "2024-99-99"}), ("/api/events", {"until": "2024-02-31"}),
    ("/api/stats", {"since": "2024-13"}), ("/api/network", {"until": "2023-02-29"}),
    ("/api/documents", {"since": "2024-02-31"}), ("/api/documents", {"until": "0000"}),
])
def test_out_of_range_parameters_are_4xx_with_a_message(client, path, params):
    res = client.get(path, params=params)
    assert res.status_code == 422, res.text
    assert res.json()["detail"]
    assert_secure(res)


def test_real_dates_still_filter(client):
    assert client.get("/api/events", params={"since": "2024-02-29", "until": "2024-12"}).status_code == 200


@pytest.mark.parametrize("body", [
    '{"text": "Police arrested ten people in Nairobi \\ud800 on Friday."}',
    '{"text": "Police arrested ten people in Nairobi on Friday.", "id": "x\\udfff"}',
    '{"text": "Police arrested ten people in Nairobi on Friday.", "title": "\\ud800"}',
    "[" * 100_000,
    '{"text": ' + "[" * 5000 + "]" * 5000 + "}",
])
def test_bad_posts_are_422(writable, body):
    res = writable.post("/api/documents", content=body, headers={"content-type": "application/json"})
    assert res.status_code == 422, res.text
    assert_secure(res)


def test_an_unexpected_error_is_a_json_500_with_the_headers(db_file, pipeline):
    from dotterel.web import create_app

    app = create_app(db_file, pipeline=pipeline)

    @app.get("/boom")
    def boom() -> dict:
        raise RuntimeError("bug")

    with TestClient(app, base_url=BASE, raise_server_exceptions=False) as c:
        res = c.get("/boom")
        assert res.status_code == 500 and "internal error" in res.json()["detail"]
        assert_secure(res)


@pytest.mark.parametrize("host, status", [
    ("localhost", 200), ("localhost:8000", 200), ("127.0.0.1:8000", 200), ("[::1]:8000", 200), ("LOCALHOST", 200),
    ("evil.example", 400), ("evil.example:8000", 400), ("127.0.0.1.evil.example", 400), ("", 400),
])
def test_only_loopback_host_names_are_answered(client, host, status):
    res = client.get("/api/stats", headers={"host": host})
    assert res.status_code == status, res.text
    assert_secure(res)
    if status == 400:
        assert "not allowed" in res.json()["detail"]


def test_allowed_hosts_are_configurable(db_file, pipeline):
    from dotterel.web import create_app

    with TestClient(create_app(db_file, pipeline=pipeline, allowed_hosts=["news.example"]), base_url=BASE) as c:
        assert c.get("/api/stats", headers={"host": "news.example:443"}).status_code == 200
        assert c.get("/api/stats", headers={"host": "other.example"}).status_code == 400


def test_writes_need_the_token(tmp_path, db_file, pipeline):
    from dotterel.web import create_app

    copy = tmp_path / "copy.duckdb"
    shutil.copy(db_file, copy)
    with TestClient(create_app(copy, pipeline=pipeline), base_url=BASE) as no_token:
        res = no_token.post("/api/documents", json={"text": ARTICLE}, headers=AUTH)
        assert res.status_code == 403 and "--token" in res.json()["detail"]
        assert_secure(res)
    with TestClient(create_app(copy, pipeline=pipeline, token=TOKEN), base_url=BASE) as c:
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}):
            res = c.post("/api/documents", json={"text": ARTICLE}, headers=headers)
            assert res.status_code == 401, res.text
        assert c.get("/api/documents", params={"q": "Gondar"}).json()["total"] == 0
        assert c.post("/api/documents", json={"text": ARTICLE}, headers=AUTH).status_code == 201


def test_bind_policy():
    from dotterel.web.guard import bind_policy, is_loopback

    assert bind_policy("127.0.0.1", None, []) == (["localhost", "127.0.0.1", "::1"], [])
    assert is_loopback("127.0.0.2") and is_loopback("::1") and not is_loopback("0.0.0.0")
    with pytest.raises(ValueError, match="--token"):
        bind_policy("0.0.0.0", None, [])
    hosts, warnings = bind_policy("192.0.2.7", "t", ["news.example"])
    assert "192.0.2.7" in hosts and "news.example" in hosts and "beyond this machine" in warnings[0]
    assert len(bind_policy("0.0.0.0", "t", [])[1]) == 2  # also: name the hosts clients use


def test_serve_refuses_a_wide_bind_without_a_token(tmp_path, db_file, monkeypatch):
    from typer.testing import CliRunner

    from dotterel.cli import app

    monkeypatch.delenv("DOTTEREL_TOKEN", raising=False)
    result = CliRunner().invoke(app, ["serve", "--db", str(db_file), "--host", "0.0.0.0", "--read-only"])
    assert result.exit_code == 2 and "--token" in result.stderr


def test_a_refused_request_keeps_the_connection_alive(db_file, tmp_path):
    """uvicorn closes the connection after a 500; a 4xx keeps it: the next keep-alive request is answered."""
    with served(db_file, tmp_path) as port:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        for path in (f"/api/events?offset={2**63}", "/api/events?since=2024-02-31", "/api/documents?until=2024-99-99"):
            conn.request("GET", path)
            res = conn.getresponse()
            assert res.status == 422 and json.loads(res.read())["detail"]
            conn.request("GET", "/api/stats")  # same connection
            res = conn.getresponse()
            assert res.status == 200 and json.loads(res.read())["documents"] > 0
        conn.request("GET", "/api/stats", headers={"Host": "rebound.example"})
        res = conn.getresponse()
        assert res.status == 400 and res.getheader("x-content-type-options") == "nosniff"
        res.read()
        conn.close()

"""The write path of the server: posted documents coded off the request, a bounded queue, 202 with a status URL,
reads that never wait on coding, and a read cache that every write empties."""

from __future__ import annotations

import shutil
import threading
import time

import pytest
from fastapi.testclient import TestClient

from tests.test_api_server import ARTICLE, AUTH, BASE, TOKEN, store_fixtures

db_file, _ = store_fixtures("writer")

OTHER = ("KHARTOUM, May 2 - Sudanese army aircraft bombed a market in El Fasher on Thursday, killing at least "
         "nine civilians, residents said.")
THIRD = ("BAMAKO, June 9 - Gunmen attacked a village near Mopti on Monday, killing at least six people, the "
         "regional governor said.")


class HeldPipeline:
    """The real pipeline, behind a gate the test opens: coding a document waits until ``release``."""

    def __init__(self, pipeline):
        self.pipeline, self.gate, self.started = pipeline, threading.Event(), threading.Event()

    def code_one(self, document):
        self.started.set()
        self.gate.wait(30)
        return self.pipeline.code_one(document)


@pytest.fixture
def held(tmp_path, db_file, pipeline):
    from dotterel.web import create_app

    copy = tmp_path / "held.duckdb"
    shutil.copy(db_file, copy)
    slow = HeldPipeline(pipeline)
    with TestClient(create_app(copy, pipeline=slow, token=TOKEN, queue_size=1), base_url=BASE, headers=AUTH) as client:
        yield client, slow
        slow.gate.set()


def finished(client, status_url: str, timeout: float = 30) -> dict:
    deadline = time.time() + timeout
    while time.time() < deadline:
        job = client.get(status_url).json()
        if job["status"] in ("done", "error"):
            return job
        time.sleep(0.1)
    raise AssertionError(f"job not finished: {job}")


def test_a_document_still_coding_is_accepted_with_a_status_url(held):
    client, slow = held
    res = client.post("/api/documents", params={"wait": 0}, json={"text": ARTICLE + " Two more died later."})
    assert res.status_code == 202, res.text
    job = res.json()
    assert job["status"] in ("queued", "coding") and res.headers["location"] == job["status_url"]
    slow.gate.set()
    done = finished(client, job["status_url"])
    assert done["status"] == "done" and client.get(done["document_url"]).json()["events"]


def test_reads_answer_while_a_document_is_coded(held):
    client, slow = held
    assert client.post("/api/documents", params={"wait": 0}, json={"text": OTHER}).status_code == 202
    assert slow.started.wait(30)  # the worker is inside the pipeline now, and stays there
    started = time.perf_counter()
    for path in ("/api/events", "/api/stats", "/api/actors", "/api/network"):
        assert client.get(path).status_code == 200
    assert time.perf_counter() - started < 10  # nowhere near the 30 s the gate would hold a waiting read


def test_a_full_queue_is_503_and_the_same_text_is_one_job(held):
    client, slow = held
    first = client.post("/api/documents", params={"wait": 0}, json={"text": OTHER})
    assert slow.started.wait(30)  # taken by the worker: the queue (one place) is empty again
    second = client.post("/api/documents", params={"wait": 0}, json={"text": THIRD})
    again = client.post("/api/documents", params={"wait": 0}, json={"text": THIRD})
    assert first.status_code == second.status_code == again.status_code == 202
    assert again.json()["job"] == second.json()["job"]  # posted twice, coded once
    busy = client.post("/api/documents", params={"wait": 0}, json={"text": ARTICLE + " Later reports differed."})
    assert busy.status_code == 503 and busy.headers["retry-after"] and "busy" in busy.json()["detail"]
    slow.gate.set()
    assert finished(client, second.json()["status_url"])["status"] == "done"
    assert client.get("/api/jobs/no-such-job").status_code == 404


def test_a_write_empties_the_read_cache(tmp_path, db_file, pipeline):
    from dotterel.web import create_app

    copy = tmp_path / "cached.duckdb"
    shutil.copy(db_file, copy)
    with TestClient(create_app(copy, pipeline=pipeline, token=TOKEN), base_url=BASE, headers=AUTH) as client:
        before = client.get("/api/stats").json()["documents"]
        assert client.get("/api/stats").json()["documents"] == before  # answered again (from the cache)
        assert client.post("/api/documents", json={"text": THIRD}).status_code == 201
        assert client.get("/api/stats").json()["documents"] == before + 1


def test_a_failing_document_is_its_jobs_error_and_the_worker_goes_on():
    from dotterel.model import Document
    from dotterel.web.writer import Writer

    def code_one(document):
        if "bad" in document.text:
            raise ValueError("cannot code this")
        return document.text

    stored = []
    writer = Writer(code_one, lambda coded: (stored.append(coded) or "k", {}))
    bad = writer.submit(Document(doc_id="a", text="a bad text"))
    good = writer.submit(Document(doc_id="b", text="a good text"))
    assert bad.done.wait(10) and good.done.wait(10)
    assert bad.status == "error" and "cannot code this" in bad.error
    assert good.status == "done" and stored == ["a good text"]


def test_the_cli_reads_a_store_that_a_server_writes(db_file, tmp_path, monkeypatch):
    """`dotterel serve` holds its store only to read, and writes for a moment: `dotterel events` runs beside it, and a
    document posted while another process reads the store waits its turn (202), then lands."""
    import json
    import subprocess
    import sys
    import urllib.request

    from typer.testing import CliRunner

    from dotterel.cli import app
    from dotterel.store import Store
    from tests.test_api_server import free_port

    copy = tmp_path / "served.duckdb"
    shutil.copy(db_file, copy)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "dotterel.cli", "serve", "--db", str(copy), "--port", str(port),
                               "--token", TOKEN], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"

    def call(path: str, body: dict | None = None) -> tuple[int, dict]:
        request = urllib.request.Request(base + path, data=json.dumps(body).encode() if body else None,
                                         headers={"content-type": "application/json", **AUTH})
        try:
            with urllib.request.urlopen(request, timeout=60) as res:
                return res.status, json.load(res)
        except urllib.error.HTTPError as err:
            return err.code, json.load(err)

    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if call("/api/stats")[0] == 200:
                    break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None, "dotterel serve did not start"
                time.sleep(0.2)
        result = CliRunner().invoke(app, ["events", "--db", str(copy), "--json", "--limit", "5"])
        assert result.exit_code == 0, result.output
        assert len([json.loads(line) for line in result.stdout.splitlines()]) == 5  # JSON lines
        with Store(copy, read_only=True):  # another process reads: the server's write must wait for it
            status, job = call("/api/documents?wait=1", {"text": OTHER})
            assert status == 202, job
        status, done = call(job["status_url"])
        deadline = time.monotonic() + 60
        while done["status"] not in ("done", "error") and time.monotonic() < deadline:
            time.sleep(0.2)
            status, done = call(job["status_url"])
        assert done["status"] == "done", done
        monkeypatch.setenv("DOTTEREL_READ_WAIT", "30")
        result = CliRunner().invoke(app, ["events", "--db", str(copy), "--json", "--limit", "1000"])
        assert result.exit_code == 0 and "El Fasher" in result.stdout
    finally:
        server.terminate()
        server.wait(10)

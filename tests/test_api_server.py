"""The REST API (`dotterel serve`): every endpoint, filter and error, over a small store coded by the pipeline.

Assertions check that each filter keeps exactly the rows that satisfy it (computed from the unfiltered rows),
so they hold as the coders improve; a few facts that any working coder gets (a police arrest in Nairobi) are pinned.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager

import pytest
from fastapi.testclient import TestClient

from dotterel.network import QUAD

# Articles written for these tests (news style); one carries markup and script that must stay inert text.
ARTICLES = [
    ("kenya-1", "2024-06-26", "Police disperse protesters in Nairobi",
     "NAIROBI, June 26 (Reuters) - Kenyan police arrested 30 protesters in Nairobi on Tuesday after thousands "
     "marched against a proposed finance bill. \"We will not be silenced,\" said Boniface Mwangi, an activist. "
     "Police fired tear gas at demonstrators near parliament, witnesses said."),
    ("iraq-1", "2024-06-24", "Air strike kills militants near Mosul",
     "An American air strike killed 12 Islamic State fighters near Mosul on Sunday, the Iraqi defence ministry said. "
     "Iraq and the United States signed a security agreement in Baghdad on Monday. "
     "Iran-backed militias attacked a US base in Syria on Monday."),
    ("xss-1", "2024-06-25", "<script>window.__pwned = 1</script> Ministers meet",
     "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\"> "
     "The foreign ministers of France and Germany met in Paris on Monday to discuss aid to Ukraine. "
     "\"<b>We stand with Kyiv</b> <script>window.__pwned = 3</script>,\" said Annalena Baerbock."),
    ("bomb-1", "2024-06-27", "Roadside bomb kills four",
     "A roadside bomb killed four soldiers near Kandahar on Thursday. The blast hit their patrol on a rural road. "
     "Officials said the dead were all from the same unit."),
]
SAMPLES = 3  # first lines of the bundled public-domain sample corpus
TOKEN = "test-token"
BASE = "http://localhost"  # the app answers to loopback host names only
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_store(path, pipeline, sample_records) -> None:
    from dotterel.ingest import document_from_text
    from dotterel.store import Store

    docs = [document_from_text(text, doc_id=i, date=d, title=t) for i, d, t, text in ARTICLES]
    docs += [document_from_text(r["text"], doc_id=r["id"], date="2016-08-0" + str(n + 1), title=r.get("title"),
                                url=r.get("url")) for n, r in enumerate(sample_records[:SAMPLES])]
    with Store(path) as store:
        store.add(pipeline.code(docs))


def store_fixtures(folder: str):
    """A test module's store of the articles and samples, and a client of the app over it (module-scoped)."""

    @pytest.fixture(scope="module")
    def db_file(tmp_path_factory, pipeline, sample_records):
        path = tmp_path_factory.mktemp(folder) / "store.duckdb"
        build_store(path, pipeline, sample_records)
        return path

    @pytest.fixture(scope="module")
    def client(db_file, pipeline):
        from dotterel.web import create_app

        with TestClient(create_app(db_file, pipeline=pipeline), base_url=BASE) as c:
            yield c

    return db_file, client


db_file, client = store_fixtures("api")


@pytest.fixture(scope="module")
def all_events(client) -> list[dict]:
    page = client.get("/api/events", params={"limit": 1000}).json()
    assert page["total"] == len(page["items"]) > 5
    return page["items"]


@pytest.fixture
def writable(tmp_path, db_file, pipeline):
    """A client over a copy of the store, for tests that add documents."""
    from dotterel.web import create_app

    copy = tmp_path / "copy.duckdb"
    shutil.copy(db_file, copy)

    def make(**kw) -> TestClient:
        return TestClient(create_app(copy, pipeline=pipeline, token=TOKEN, **kw), base_url=BASE, headers=AUTH)
    return make


def ids(page: dict) -> set[str]:
    return {e["id"] for e in page["items"]}


def events(client, **params) -> dict:
    res = client.get("/api/events", params={"limit": 1000, **params})
    assert res.status_code == 200, res.text
    return res.json()


# ------------------------------------------------------------------ events and filters
def test_events_are_contract_rows_with_quad_and_document_key(all_events):
    arrest = next(e for e in all_events if e["event_type"] == "COERCE" and e["location_name"] == "Nairobi")
    assert arrest["quad"] == 4 and arrest["doc_id"] == "kenya-1" and arrest["date"] == "2024-06-26"
    assert len(arrest["key"]) == 40 and arrest["evidence_text"] and arrest["evidence_end"] > arrest["evidence_start"]
    assert all(e["quad"] == QUAD.get(e["event_type"]) for e in all_events)


def test_paging(client, all_events):
    first, second = events(client, limit=2, offset=0), events(client, limit=2, offset=2)
    assert first["total"] == second["total"] == len(all_events)
    assert [e["id"] for e in first["items"] + second["items"]] == [e["id"] for e in all_events[:4]]
    assert events(client, offset=10_000)["items"] == []


@pytest.mark.parametrize("params, keep", [
    ({"since": "2024-06-25"}, lambda e: (e["date"] or "") >= "2024-06-25"),
    ({"until": "2024-06-24"}, lambda e: e["date"] is not None and e["date"][:10] <= "2024-06-24"),
    ({"since": "2024-06", "until": "2024-06"}, lambda e: (e["date"] or "").startswith("2024-06")),
    ({"event_type": "COERCE,assault"}, lambda e: e["event_type"] in ("COERCE", "ASSAULT")),
    ({"quad": "1,2"}, lambda e: e["quad"] in (1, 2)),
    ({"quad": "4", "event_type": "ASSAULT"}, lambda e: e["event_type"] == "ASSAULT"),
    ({"quad": "1", "event_type": "ASSAULT"}, lambda e: False),
    ({"country": "ken"}, lambda e: "KEN" in (e["country"], e["actor_country"], e["recipient_country"])),
    ({"actor": "kenya"}, lambda e: any("kenya" in (e[k] or "").lower() for k in
                                       ("actor_name", "actor_text", "recipient_name", "recipient_text"))),
    ({"actor": "USA"}, lambda e: "USA" in (e["actor_id"], e["recipient_id"]) or any(
        "usa" in (e[k] or "").lower() for k in ("actor_name", "actor_text", "recipient_name", "recipient_text"))),
    ({"q": "tear gas"}, lambda e: e["doc_id"] == "kenya-1"),
])
def test_event_filters_keep_exactly_the_matching_rows(client, all_events, params, keep):
    expected = {e["id"] for e in all_events if keep(e)}
    assert ids(events(client, **params)) == expected
    if params in ({"country": "ken"}, {"q": "tear gas"}, {"event_type": "COERCE,assault"}):
        assert expected  # these filters are not vacuous on this store


def test_doc_filter_and_combined_filters(client, all_events):
    kenya = next(e["key"] for e in all_events if e["doc_id"] == "kenya-1")
    assert ids(events(client, doc=kenya)) == {e["id"] for e in all_events if e["key"] == kenya}
    both = events(client, doc=kenya, event_type="COERCE")
    assert both["items"] and all(e["event_type"] == "COERCE" and e["key"] == kenya for e in both["items"])


def test_search_text_is_literal_not_sql(client, all_events):
    assert events(client, q="%")["total"] == 0  # no '%' in any text: LIKE wildcards are escaped
    assert {e["doc_id"] for e in events(client, q="_")["items"]} == {"xss-1"}  # only it has a literal '_'
    assert events(client, actor="' OR 1=1 --")["total"] == 0
    assert events(client, country="x' OR 'a'='a")["total"] == 0
    assert events(client, q="fired tear")["total"] >= 1


@pytest.mark.parametrize("params", [{"quad": "5"}, {"quad": "x"}, {"event_type": "BOMBING"}, {"since": "June"},
                                    {"until": "2024-6-1"}, {"limit": 0}, {"limit": 5000}, {"offset": -1}])
def test_bad_filters_are_422(client, params):
    for path in ("/api/events", "/api/stats", "/api/network") if "limit" not in params and "offset" not in params \
            else ("/api/events",):
        res = client.get(path, params=params)
        assert res.status_code == 422, (path, params, res.text)
        assert "detail" in res.json()


# ------------------------------------------------------------------ actors, quotes, network, documents, stats
def test_actors_list_filter_and_detail(client):
    page = client.get("/api/actors", params={"limit": 1000}).json()
    assert page["total"] == len(page["items"]) > 3
    kenya = client.get("/api/actors", params={"country": "KEN"}).json()["items"]
    assert kenya and all(a["country"] == "KEN" for a in kenya)
    police = client.get("/api/actors", params={"name": "police"}).json()["items"]
    assert police and all("police" in a["name"].lower() or a["id"] == "police" for a in police)
    busy = max(page["items"], key=lambda a: a["events"])
    detail = client.get(f"/api/actors/{busy['id']}").json()
    assert detail["id"] == busy["id"] and len(detail["events"]) == busy["events"] > 0
    assert all(busy["id"] in (e["actor_id"], e["recipient_id"]) for e in detail["events"])
    assert isinstance(detail["quotes"], list) and isinstance(detail["relations"], list)
    assert client.get("/api/actors/no-such-actor").status_code == 404


def test_actor_detail_has_quotes_of_its_speakers(client):
    quotes = client.get("/api/quotes", params={"limit": 1000}).json()["items"]
    spoken = next(q for q in quotes if q["speaker_id"])
    detail = client.get(f"/api/actors/{spoken['speaker_id']}")
    if detail.status_code == 200:  # speakers are actors when the actor stage merged them
        assert any(q["text"] == spoken["text"] for q in detail.json()["quotes"])


def test_quotes_filters(client):
    page = client.get("/api/quotes", params={"limit": 1000}).json()
    assert page["total"] == len(page["items"]) >= 2
    mwangi = client.get("/api/quotes", params={"speaker": "mwangi"}).json()["items"]
    assert [q["text"] for q in mwangi] == ["We will not be silenced,"] or [q["text"].rstrip(",") for q in mwangi] == \
        ["We will not be silenced"]
    assert client.get("/api/quotes", params={"q": "silenced"}).json()["total"] == 1
    doc = mwangi[0]["key"]
    assert {q["key"] for q in client.get("/api/quotes", params={"doc": doc}).json()["items"]} == {doc}
    assert client.get("/api/quotes", params={"limit": 1, "offset": 1}).json()["items"][0] == page["items"][1]


def test_network_edges_follow_the_events(client, all_events):
    net = client.get("/api/network").json()
    nodes = {n["id"] for n in net["nodes"]}
    assert net["edges"] and all(e["source"] in nodes and e["target"] in nodes for e in net["edges"])
    assert all(e["sign"] in ("cooperation", "conflict") and e["weight"] >= 1 for e in net["edges"])
    unnamed = {e["actor_name"] for e in all_events if e["actor_text"] == "" and not e["actor_id"]}
    assert unnamed  # the samples have doers they do not name ...
    assert not unnamed & {n["id"] for n in net["nodes"]}  # ... and they are not one hub node (a name as its id)
    dyadic = [e for e in all_events if e["recipient_name"] and e["quad"] == 4]
    assert any(e["sign"] == "conflict" for e in net["edges"]) == bool(dyadic)
    only = client.get("/api/network", params={"quad": "1,2"}).json()
    assert all(e["conflict"] == 0 for e in only["edges"])
    kenya = client.get("/api/network", params={"country": "KEN"}).json()
    assert {n["id"] for n in kenya["nodes"]} <= nodes and len(kenya["nodes"]) < len(net["nodes"])
    top = client.get("/api/network", params={"top": 3}).json()
    busiest = sorted(net["nodes"], key=lambda n: -n["events"])
    assert 2 <= len(top["nodes"]) <= 3 and min(n["events"] for n in top["nodes"]) >= busiest[3]["events"]
    assert all({e["source"], e["target"]} <= {n["id"] for n in top["nodes"]} for e in top["edges"])
    assert client.get("/api/network", params={"top": 0}).status_code == 422
    heavy = client.get("/api/network", params={"min_weight": 1000}).json()
    assert heavy == {"nodes": [], "edges": []}


def test_documents_list_and_search(client):
    page = client.get("/api/documents").json()
    assert page["total"] == len(ARTICLES) + SAMPLES
    assert all("text" not in d for d in page["items"])
    kenya = next(d for d in page["items"] if d["doc_id"] == "kenya-1")
    assert kenya["events"] >= 2 and kenya["quotes"] >= 1 and kenya["publication_date"] == "2024-06-26"
    assert [d["doc_id"] for d in client.get("/api/documents", params={"q": "TEAR GAS"}).json()["items"]] == ["kenya-1"]
    dated = client.get("/api/documents", params={"since": "2024-06-25", "until": "2024-06-26"}).json()["items"]
    assert sorted(d["doc_id"] for d in dated) == ["kenya-1", "xss-1"]
    assert client.get("/api/documents", params={"since": "soon"}).status_code == 422


def test_document_has_text_and_every_evidence_span(client):
    key = next(d["key"] for d in client.get("/api/documents").json()["items"] if d["doc_id"] == "kenya-1")
    doc = client.get(f"/api/documents/{key}").json()
    assert doc["text"].startswith("NAIROBI, June 26") and doc["title"] == "Police disperse protesters in Nairobi"
    kinds = [s["kind"] for s in doc["spans"]]
    assert kinds.count("event") == len(doc["events"]) and kinds.count("quote") == len(doc["quotes"]) >= 1
    for e in doc["events"]:
        assert doc["text"][e["evidence_start"]:e["evidence_end"]] == e["evidence_text"]
    for q in doc["quotes"]:
        assert doc["text"][q["start"]:q["end"]] == q["text"]
    assert client.get("/api/documents/kenya-1").json()["key"] == key  # by doc id too
    assert client.get("/api/documents/nope").status_code == 404


def test_stats_counts_and_timeline(client, all_events):
    stats = client.get("/api/stats").json()
    assert stats["events"] == len(all_events) and stats["documents"] == len(ARTICLES) + SAMPLES
    assert sum(stats["by_quad"].values()) == sum(1 for e in all_events if e["quad"])
    assert sum(r["n"] for r in stats["by_type"]) == len(all_events)
    day_dated = [e for e in all_events if e["date"] and len(e["date"]) >= 10]
    assert sum(sum(d[q] for q in "01234") for d in stats["timeline"]) == len(day_dated)
    assert stats["undated"] == len(all_events) - len(day_dated)
    assert [d["day"] for d in stats["timeline"]] == sorted({e["date"][:10] for e in day_dated})
    coerce = client.get("/api/stats", params={"event_type": "COERCE"}).json()
    assert coerce["events"] == sum(e["event_type"] == "COERCE" for e in all_events) and set(coerce["by_quad"]) == set("1234")


# ------------------------------------------------------------------ writing
ARTICLE = ("ADDIS ABABA, March 3 - Ethiopian troops clashed with Fano militia fighters near Gondar on Sunday, "
           "killing at least 15 people, local officials said.")


def test_post_text_codes_and_stores_it(writable):
    client = writable()
    res = client.post("/api/documents", json={"text": ARTICLE, "date": "2025-03-04", "title": "Clashes near Gondar"})
    assert res.status_code == 201, res.text
    record = res.json()
    assert record["publication_date"] == "2025-03-04" and record["title"] == "Clashes near Gondar"
    assert record["events"] and record["error"] is None
    stored = client.get(f"/api/documents/{record['key']}").json()
    assert stored["text"] == ARTICLE and len(stored["events"]) == len(record["events"])
    again = client.post("/api/documents", json={"text": ARTICLE})
    assert again.status_code == 200 and again.json()["key"] == record["key"]  # same text: stored once
    assert client.get("/api/documents", params={"q": "Gondar"}).json()["total"] == 1


def test_post_html_extracts_the_article(writable):
    html = (f"<html><head><title>Fighting in Amhara</title></head><body><nav>Home | World</nav><article><h1>Fighting "
            f"in Amhara</h1><p>{ARTICLE}</p><p>Residents said the fighting lasted for several hours and that many "
            f"families fled to nearby villages.</p></article></body></html>")
    res = writable().post("/api/documents", json={"html": html, "url": "https://example.org/a", "id": "amhara"})
    assert res.status_code == 201, res.text
    record = res.json()
    assert record["doc_id"] == "amhara" and record["url"] == "https://example.org/a"
    assert "<p>" not in json.dumps(record["events"]) and record["events"]


@pytest.mark.parametrize("kwargs, status, says", [
    ({"content": ARTICLE, "headers": {"content-type": "text/plain"}}, 415, "application/json"),
    ({"content": "{not json", "headers": {"content-type": "application/json"}}, 422, "invalid JSON"),
    ({"json": {"text": ARTICLE, "html": "<p>x</p>"}}, 422, "exactly one"),
    ({"json": {"title": "no text"}}, 422, "exactly one"),
    ({"json": {"text": ARTICLE, "date": "March 3"}}, 422, "YYYY-MM-DD"),
    ({"json": {"text": "   "}}, 422, "empty"),
    ({"json": {"text": 42}}, 422, "string"),
    ({"json": ["a list"]}, 422, ""),
])
def test_post_errors(writable, kwargs, status, says):
    res = writable().post("/api/documents", **kwargs)
    assert res.status_code == status, res.text
    assert says in json.dumps(res.json()["detail"])


def test_post_size_limit(writable):
    client = writable(max_body=1000)
    res = client.post("/api/documents", json={"text": ARTICLE * 10})
    assert res.status_code == 413 and "too large" in res.json()["detail"]
    assert client.post("/api/documents", json={"text": ARTICLE}).status_code == 201


def test_read_only_mode_refuses_writes(tmp_path, db_file, pipeline):
    from dotterel.web import create_app

    copy = tmp_path / "ro.duckdb"
    shutil.copy(db_file, copy)
    with TestClient(create_app(copy, read_only=True, pipeline=pipeline, token=TOKEN), base_url=BASE,
                    headers=AUTH) as client:
        res = client.post("/api/documents", json={"text": ARTICLE})
        assert res.status_code == 403 and "read-only" in res.json()["detail"]
        assert client.get("/api/events").json()["total"] > 0


# ------------------------------------------------------------------ pages and headers
def test_pages_have_a_strict_csp_and_no_inline_script(client):
    for path in ("/", "/docs", "/static/app.js", "/api/stats"):
        res = client.get(path)
        assert res.status_code == 200, path
        csp = res.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp
        assert res.headers["x-content-type-options"] == "nosniff"
    for page in ("/", "/docs"):
        html = client.get(page).text
        assert "<script>" not in html and "http://" not in html.replace("http://www.w3.org", "")
        assert "https://" not in html  # nothing from a CDN
    script = client.get("/static/app.js").text
    assert not any(sink in script for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("))


def test_openapi_lists_every_endpoint(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/events", "/api/actors", "/api/actors/{actor_id}", "/api/quotes", "/api/network",
                 "/api/documents", "/api/documents/{key}", "/api/stats"):
        assert path in paths, path
    assert "post" in paths["/api/documents"]
    assert client.get("/static/vendor/swagger-ui-bundle.js").status_code == 200


def test_serve_command_is_registered(tmp_path):
    from typer.testing import CliRunner

    from dotterel.cli import app

    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0 and "--read-only" in result.output and "--port" in result.output
    missing = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.duckdb"), "--read-only"])
    assert missing.exit_code == 2


def test_parallel_reads_and_a_write(writable):
    """Requests run in a thread pool: each reads through its own cursor while a write codes and stores."""
    from concurrent.futures import ThreadPoolExecutor

    client = writable()
    paths = ["/api/events", "/api/stats", "/api/network", "/api/actors", "/api/quotes", "/api/documents"] * 4

    def post():
        return client.post("/api/documents", json={"text": ARTICLE}).status_code

    with ThreadPoolExecutor(6) as pool:
        write = pool.submit(post)
        reads = list(pool.map(lambda p: client.get(p).status_code, paths))
    assert reads == [200] * len(paths) and write.result() == 201


@contextmanager
def served(db_file, tmp_path):
    """`dotterel serve --read-only` on a copy of the store, on a free loopback port: yields the port once it answers."""
    copy = tmp_path / "served.duckdb"
    shutil.copy(db_file, copy)
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "dotterel.cli", "serve", "--db", str(copy), "--read-only",
                             "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/stats", timeout=2):
                    break
            except OSError:
                assert time.monotonic() < deadline and proc.poll() is None, "dotterel serve did not start"
                time.sleep(0.2)
        yield port
    finally:
        proc.terminate()
        proc.wait(10)


def test_serve_command_serves_the_store(db_file, tmp_path):
    with served(db_file, tmp_path) as port, urllib.request.urlopen(f"http://127.0.0.1:{port}/api/stats", timeout=5) as res:
        assert json.load(res)["documents"] == len(ARTICLES) + SAMPLES


@pytest.mark.parametrize("sort, key, reverse", [("fatalities", "fatalities", False), ("-fatalities", "fatalities", True),
                                                 ("actor", "actor_name", False), ("-date", "date", True)])
def test_events_sort_by_a_column(client, sort, key, reverse):
    items = events(client, sort=sort)["items"]
    known = [e[key] for e in items if e[key] is not None]
    assert known and known == sorted(known, reverse=reverse)
    assert all(e[key] is None for e in items[len(known):])  # the unknown last, either way


def test_an_unknown_sort_is_422(client):
    res = client.get("/api/events", params={"sort": "evidence_text; DROP TABLE events"})
    assert res.status_code == 422

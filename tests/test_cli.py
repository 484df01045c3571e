"""The command line end to end: `dotterel code` in every output format, exit statuses, the store
commands, re-ingest, exports, and the bundled sample corpus."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from typer.testing import CliRunner

from dotterel.cli import app

from .conftest import SAMPLE

runner = CliRunner()
TEXT = ("Turkish warplanes struck Kurdish militant positions in northern Iraq on Tuesday, killing 14 fighters, "
        "the Turkish defence ministry said.")


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def corpus(tmp_path, lines: list[dict | str]):
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    return path


def test_code_json_follows_the_contract(tmp_path):
    src = corpus(tmp_path, [{"id": "a", "text": TEXT, "date": "2019-05-29", "title": "Strikes", "url": "http://x"}])
    out = tmp_path / "out.jsonl"
    result = run("code", str(src), "--format", "json", "-o", str(out))
    assert result.exit_code == 0, result.output
    [rec] = [json.loads(line) for line in out.read_text().splitlines()]
    assert set(rec) == {"doc_id", "publication_date", "title", "url", "events", "quotes", "actors", "relations", "error"}
    assert rec["doc_id"] == "a" and rec["publication_date"] == "2019-05-29" and rec["error"] is None
    event = next(e for e in rec["events"] if e["event_type"] == "ASSAULT")
    assert set(event) >= {"id", "event_type", "mode", "context", "actor", "recipient", "date", "date_precision",
                          "location", "fatalities", "injured", "arrested", "incident_count", "acled_event_type",
                          "acled_sub_event_type", "historical", "evidence"}
    ev = event["evidence"]
    assert TEXT[ev["start"]:ev["end"]] == ev["text"]
    assert event["actor"]["country"] == "TUR"
    assert event["fatalities"] == 14
    assert event["date"] == "2019-05-28"


def test_one_bad_document_does_not_stop_the_run(tmp_path):
    src = corpus(tmp_path, [{"id": "a", "text": TEXT}, "{not json", {"id": "c", "text": ""}, {"id": "d", "text": TEXT}])
    out = tmp_path / "out.jsonl"
    result = run("code", str(src), "-o", str(out), "--date", "2019-05-29")
    assert result.exit_code == 1
    recs = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["doc_id"] for r in recs] == ["a", "corpus.jsonl:2", "c", "d"]
    assert recs[1]["error"] and recs[1]["events"] == [] and recs[1]["actors"] == []
    assert "empty document" in recs[2]["error"]
    assert recs[3]["events"]
    assert "corpus.jsonl:2" in result.stderr


def test_arguments_errors_exit_2(tmp_path):
    assert run("code", str(tmp_path / "missing.jsonl")).exit_code == 2
    src = corpus(tmp_path, [{"id": "a", "text": TEXT}])
    assert run("code", str(src), "--format", "xml").exit_code == 2
    assert run("code", str(src), "--date", "May 2019").exit_code == 2


def test_plover_format(tmp_path):
    src = corpus(tmp_path, [{"id": "a", "text": TEXT, "date": "2019-05-29"}])
    out = tmp_path / "out.jsonl"
    assert run("code", str(src), "--format", "plover", "-o", str(out)).exit_code == 0
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert rows
    assert set(rows[0]) == {"id", "date", "actor", "recipient", "event", "mode", "context", "event_loc", "event_text",
                            "size", "text_info", "coder", "coded_date"}
    assault = next(r for r in rows if r["event"] == "ASSAULT")
    assert assault["size"]["dead"] == 14 and assault["text_info"]["doc_id"] == "a"


def test_acled_format(tmp_path):
    src = corpus(tmp_path, [{"id": "a", "text": TEXT, "date": "2019-05-29", "url": "http://x/a"}])
    out = tmp_path / "out.csv"
    assert run("code", str(src), "--format", "acled", "-o", str(out)).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert rows and rows[0]["event_date"] == "2019-05-28"
    assert rows[0]["event_type"] in {"Explosions/Remote violence", "Battles"}
    assert rows[0]["source"] == "http://x/a" and rows[0]["fatalities"] == "14"


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("store") / "sample.duckdb"
    result = runner.invoke(app, ["ingest", str(SAMPLE), "--db", str(db)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return db


def test_ingest_is_idempotent(sample_db):
    from dotterel.store import Store

    with Store(sample_db, read_only=True) as store:
        before = store.summary()
    result = run("ingest", str(SAMPLE), "--db", str(sample_db))
    assert result.exit_code == 0
    assert "stored 0 new documents (45 already there)" in result.stderr
    with Store(sample_db, read_only=True) as store:
        after = store.summary()
    assert before == after
    assert after["documents"] == 45 and after["events"] > 100


def test_store_queries_from_the_cli(sample_db):
    result = run("events", "--db", str(sample_db), "--type", "ASSAULT", "--json", "--limit", "5")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 5 and all(r["event_type"] == "ASSAULT" for r in rows)
    result = run("events", "--db", str(sample_db), "--actor", "Islamic State", "--json")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and all("Islamic State" in (r["actor_name"] + str(r["recipient_name"])) for r in rows)
    actors = [json.loads(line) for line in run("actors", "--db", str(sample_db), "--json").stdout.splitlines()]
    assert "Islamic State" in [a["name"] for a in actors[:10]]
    quotes = run("quotes", "--db", str(sample_db), "--contains", "Daesh", "--json").stdout.splitlines()
    assert quotes and all("daesh" in json.loads(q)["text"].lower() for q in quotes)
    summary = run("summary", "--db", str(sample_db)).stdout
    assert "documents: 45" in summary and "events by type:" in summary and "top dyads:" in summary


def test_exports_from_the_store(sample_db, tmp_path):
    geo = tmp_path / "events.geojson"
    assert run("export", "--format", "geojson", "--db", str(sample_db), "-o", str(geo)).exit_code == 0
    data = json.loads(geo.read_text())
    assert data["type"] == "FeatureCollection" and data["features"]
    lon, lat = data["features"][0]["geometry"]["coordinates"]
    assert -180 <= lon <= 180 and -90 <= lat <= 90
    gml = tmp_path / "net.graphml"
    assert run("export", "--format", "graphml", "--db", str(sample_db), "-o", str(gml)).exit_code == 0
    assert ET.parse(gml).getroot().tag.endswith("graphml")
    js = tmp_path / "all.jsonl"
    assert run("export", "--format", "json", "--db", str(sample_db), "-o", str(js)).exit_code == 0
    assert len(js.read_text().splitlines()) == 45


def test_network_command(sample_db):
    result = run("network", "--db", str(sample_db), "--format", "json")
    data = json.loads(result.stdout)
    assert data["nodes"] and data["links"] and "communities" in data


def test_workers_give_the_same_output(tmp_path):
    lines = [json.loads(x) for x in SAMPLE.read_text().splitlines()[:6]]
    src = corpus(tmp_path, lines)
    one, two = tmp_path / "1.jsonl", tmp_path / "2.jsonl"
    assert run("code", str(src), "-o", str(one)).exit_code == 0
    assert run("code", str(src), "-o", str(two), "--workers", "2").exit_code == 0
    assert one.read_text() == two.read_text()

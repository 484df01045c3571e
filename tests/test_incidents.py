"""Incidents in the store: the benchmark clusters coded and fused at ingest, from scratch again, and read back."""

from __future__ import annotations

import importlib.util
import json

import pytest
from typer.testing import CliRunner

from .conftest import ROOT


def bench():
    spec = importlib.util.spec_from_file_location("bench_fusion", ROOT / "bench" / "fusion.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def fused(tmp_path_factory, pipeline):
    b = bench()
    db = tmp_path_factory.mktemp("incidents") / "bench.duckdb"
    scores = b.run(pipeline, b.read(b.CORPUS), b.read(b.DUPLICATES), db)
    return db, scores


def test_fixture_clusters_are_many_incidents_in_several_words():
    reports = bench().read(bench().CORPUS)
    sizes: dict[str, int] = {}
    for r in reports:
        sizes[r["incident"]] = sizes.get(r["incident"], 0) + 1
    assert sum(n >= 2 for n in sizes.values()) >= 12 and max(sizes.values()) <= 5


def test_pairwise_precision_and_recall_on_the_fixture_clusters(fused):
    _, scores = fused
    assert scores["precision"] >= 0.9, scores["wrong_pairs"]
    # the misses come from upstream: a place resolved to the wrong country, an actor misread (see bench/fusion.py)
    assert scores["recall"] >= 0.75, scores["missed_pairs"]
    assert scores["duplicates_found"] == "2/2" and scores["false_duplicates"] == 0


def test_pairwise_metric():
    pairwise = bench().pairwise
    gold = {"a": "x", "b": "x", "c": "y"}
    assert pairwise(gold, {"a": {"1"}, "b": {"1"}, "c": {"2"}})["precision"] == 1.0
    scores = pairwise(gold, {"a": {"1"}, "b": {"2"}, "c": {"1"}})
    assert (scores["tp"], scores["fp"], scores["fn"]) == (0, 1, 1)


def incidents_of(con) -> set[tuple]:
    return set(con.execute("SELECT i.id, s.event_id, i.n_sources FROM incidents i JOIN incident_sources s ON "
                           "s.incident_id = i.id").fetchall())


def test_fusing_from_scratch_gives_the_incremental_incidents(fused, tmp_path):
    import shutil

    from dotterel.incident_store import refuse_all
    from dotterel.store import Store

    copy = tmp_path / "copy.duckdb"
    shutil.copy(fused[0], copy)
    with Store(copy) as store:
        before = incidents_of(store.con)
        counts = refuse_all(store.con)
        assert incidents_of(store.con) == before
    assert counts["duplicates"] == 2 and counts["multi_source"] >= 10


def test_cli_incidents_with_sources(fused):
    from dotterel.cli import app

    out = CliRunner().invoke(app, ["incidents", "--db", str(fused[0]), "--country", "Mali", "--json"])
    assert out.exit_code == 0, out.output
    items = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(items) == 1 and items[0]["n_sources"] == 2
    assert {s["doc_id"] for s in items[0]["sources"]} == {"mli-1", "mli-2"}
    assert all(s["url"] and s["evidence"]["text"] for s in items[0]["sources"])
    assert "same actor" in items[0]["sources"][1]["reason"]
    out = CliRunner().invoke(app, ["incidents", "--db", str(fused[0]), "--type", "BOMBING"])
    assert out.exit_code == 2 and "ASSAULT" in out.output


def test_api_incidents(fused):
    from fastapi.testclient import TestClient

    from dotterel.web import create_app

    with TestClient(create_app(fused[0], read_only=True), base_url="http://localhost") as client:
        page = client.get("/api/incidents", params={"min_sources": 2, "limit": 3}).json()
        assert page["total"] >= 10 and len(page["items"]) == 3
        assert all(i["n_sources"] >= 2 and len(i["sources"]) >= 2 for i in page["items"])
        one = client.get(f"/api/incidents/{page['items'][0]['id']}").json()
        assert one["provenance"]["actor"]["doc_id"] in {s["doc_id"] for s in one["sources"]}
        kharkiv = client.get("/api/incidents", params={"actor": "Russia", "country": "UKR"}).json()["items"]
        copy = next(s for i in kharkiv for s in i["sources"] if s["doc_id"] == "kha-1-repost")
        assert copy["duplicate"]
        assert client.get("/api/incidents/none").status_code == 404


def test_store_fusion_across_date_precisions_and_near_misses(tmp_path):
    from dotterel.store import Store

    from .synthetic import event, record, ref, store_records

    isil, civilians = ref("Islamic State", "ISIL", None, "REB"), ref("Civilians (Iraq)", "IRQ.CVL.civilian", "IRQ", "CVL")
    month = event(2, "ASSAULT", isil, civilians, "2024-06", "Kirkuk", 7)
    month["date_precision"] = "month"
    docs = [record("a", [event(1, "ASSAULT", isil, civilians, "2024-06-10", "Kirkuk", 7)], "2024-06-11"),
            record("b", [month], "2024-06-30"),
            record("c", [event(3, "ASSAULT", isil, civilians, "2024-07-20", "Kirkuk", 2)], "2024-07-21"),
            record("d", [event(4, "ASSAULT", isil, civilians, "2024-06-10", "Mosul", 4)], "2024-06-11")]
    with Store(tmp_path / "s.duckdb") as store:
        store_records(store, docs)
        groups = store.con.execute("SELECT list(d.doc_id ORDER BY d.doc_id) FROM incident_sources s JOIN documents d "
                                   "USING (content_hash) GROUP BY s.incident_id ORDER BY 1").fetchall()
    assert [g[0] for g in groups] == [["a", "b"], ["c"], ["d"]]

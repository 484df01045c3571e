"""The Ray scale-out path (optional extra): a local Ray with two CPUs codes the samples/ corpus like the local path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ray = pytest.importorskip("ray")
duckdb = pytest.importorskip("duckdb")

from dotterel.ingest import read_inputs  # noqa: E402
from dotterel.scale import code_with_ray, read_records  # noqa: E402
from dotterel.store import Store  # noqa: E402

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "us_gov_press_releases.jsonl"

# Records that fail at ingest: the Ray path must keep them, with their error, as the local path does.
BROKEN = [{"id": "empty-one", "text": "   "}, {"id": "bad-date", "text": "Police arrested two men.", "date": "soon"}]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    path = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([lines[0], *(json.dumps(b) for b in BROKEN), *lines[1:]]) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def parquet(corpus, tmp_path_factory):
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        out = tmp_path_factory.mktemp("ray") / "coded"
        n = code_with_ray([str(corpus)], out, num_actors=2, batch_size=4, rows_per_file=20)
        yield out, n
    finally:
        ray.shutdown()


@pytest.fixture(scope="module")
def local(corpus, pipeline):
    return list(pipeline.code(read_inputs([str(corpus)])))


def test_ray_records_equal_the_local_pipelines(parquet, local):
    out, n = parquet
    assert n == len(local) == 47
    assert read_records(out) == [c.to_dict() for c in local]


def test_output_is_partitioned_and_read_in_input_order(parquet, local):
    out, n = parquet
    assert sorted(p.name for p in out.iterdir()) == ["part-00000.parquet", "part-00001.parquet", "part-00002.parquet"]
    seqs = duckdb.connect().execute(f"SELECT seq FROM '{out}/part-00001.parquet' ORDER BY seq").fetchall()
    assert [s for (s,) in seqs] == list(range(20, 40))


def test_document_errors_are_kept(parquet):
    errors = {r["doc_id"]: r for r in read_records(parquet[0]) if r["error"]}
    assert set(errors) == {"empty-one", "bad-date"}
    assert errors["empty-one"]["error"] == "empty document: no text" and errors["empty-one"]["events"] == []
    assert "unreadable date" in errors["bad-date"]["error"]


def test_duckdb_queries_the_parquet_directly(parquet, local):
    out, con = f"{parquet[0]}/*.parquet", duckdb.connect()
    n_events = con.execute(f"SELECT sum(json_array_length(events::JSON)) FROM '{out}'").fetchone()[0]
    assert n_events == sum(len(c.events) for c in local) > 0
    types = con.execute(f"SELECT DISTINCT unnest(json_extract_string(events::JSON, '$[*].event_type')) FROM '{out}'")
    assert {t for (t,) in types.fetchall()} == {e.event_type for c in local for e in c.events}


def test_store_imports_the_parquet_like_coded_documents(parquet, local, tmp_path):
    with Store(tmp_path / "ray.duckdb") as from_ray, Store(tmp_path / "local.duckdb") as from_local:
        assert from_ray.import_parquet(parquet[0]) == from_local.add(local)
        assert from_ray.import_parquet(parquet[0]) == 0  # same content: nothing new
        assert from_ray.records() == from_local.records()
        assert from_ray.summary() == from_local.summary()
        for table in ("events", "actors", "quotes", "relations"):
            ray_rows = from_ray.con.execute(f"SELECT * FROM {table}").fetchall()
            assert sorted(map(str, ray_rows)) == sorted(map(str, from_local.con.execute(f"SELECT * FROM {table}").fetchall()))


def test_cli_scale_code_and_import(parquet, tmp_path):
    """`dotterel scale code|import` as cli.py registers it: app.add_typer(scale_app, name="scale")."""
    import typer
    from typer.testing import CliRunner

    from dotterel.cli_scale import scale_app

    app = typer.Typer()
    app.add_typer(scale_app, name="scale")
    small, out, db = tmp_path / "small.jsonl", tmp_path / "cli", tmp_path / "cli.duckdb"
    small.write_text("\n".join([*SAMPLE.read_text(encoding="utf-8").splitlines()[:2], json.dumps(BROKEN[0])]) + "\n")
    result = CliRunner().invoke(app, ["scale", "code", str(small), "-o", str(out), "--actors", "1"])
    assert result.exit_code == 1  # the broken record is reported, as `dotterel code` does
    assert "empty-one: empty document" in result.output and "wrote 3 documents (1 not coded)" in result.output
    by_id = {r["doc_id"]: r for r in read_records(parquet[0])}
    assert read_records(out) == [by_id[r["doc_id"]] for r in read_records(out)]
    result = CliRunner().invoke(app, ["scale", "import", str(out), "--db", str(db)])
    assert result.exit_code == 0 and "stored 3 new documents" in result.output, result.output
    with Store(db, read_only=True) as store:
        assert sorted(store.records(), key=lambda r: r["doc_id"]) == sorted(read_records(out), key=lambda r: r["doc_id"])

"""The command line never loses a document and says what went wrong in one line (issue 16): one output line
per input line, document errors exit 1, usage and a busy store exit 2, a failure of the program itself exits 3
after what was coded is written or stored."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from dotterel.cli import app
from dotterel.model import CodedDocument

runner = CliRunner()
TEXT = ("Turkish warplanes struck Kurdish militant positions in northern Iraq on Tuesday, killing 14 fighters, "
        "the Turkish defence ministry said.")


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def corpus(tmp_path, lines: list[str]):
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def good(i: int) -> str:
    return json.dumps({"id": f"g{i}", "text": TEXT + f" Report {i}.", "date": "2019-05-29"})


def test_bad_lines_are_error_records_and_the_run_goes_on(tmp_path):
    lines = [good(1), '{"id": "\\ud800", "text": "x"}', "[" * 100_000, '{"id": "t", "title": "\\udc00", "text": "y"}',
             good(2)]
    out = tmp_path / "out.jsonl"
    result = run("code", str(corpus(tmp_path, lines)), "-o", str(out))
    assert result.exit_code == 1, result.output
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(recs) == 5
    assert recs[0]["doc_id"] == "g1" and recs[4]["doc_id"] == "g2" and recs[4]["events"]
    assert [bool(r["error"]) for r in recs] == [False, True, True, True, False]
    assert "surrogate" in recs[1]["error"] and "nested too deeply" in recs[2]["error"]


def failing_coder(after: int):
    """A stand-in for code_documents that codes ``after`` documents and then fails as a bug would."""
    def code_documents(documents, **_):
        for n, doc in enumerate(documents):
            if n == after:
                raise RuntimeError("simulated bug")
            yield CodedDocument.from_document(doc)
    return code_documents


def test_an_internal_failure_exits_3_after_writing_what_was_coded(tmp_path, monkeypatch):
    monkeypatch.setattr("dotterel.pipeline.code_documents", failing_coder(after=2))
    out = tmp_path / "out.jsonl"
    result = run("code", str(corpus(tmp_path, [good(i) for i in range(4)])), "-o", str(out))
    assert result.exit_code == 3
    assert "internal error" in result.stderr and "simulated bug" in result.stderr and "Traceback" not in result.stderr
    assert [json.loads(line)["doc_id"] for line in out.read_text().splitlines()] == ["g0", "g1"]


def test_an_internal_failure_in_ingest_stores_what_was_coded(tmp_path, monkeypatch):
    from dotterel.store import Store

    monkeypatch.setattr("dotterel.pipeline.code_documents", failing_coder(after=3))
    db = tmp_path / "s.duckdb"
    result = run("ingest", str(corpus(tmp_path, [good(i) for i in range(5)])), "--db", str(db))
    assert result.exit_code == 3 and "internal error" in result.stderr
    with Store(db, read_only=True) as store:
        assert [d["doc_id"] for d in store.documents()] == ["g0", "g1", "g2"]


def test_error_documents_with_the_same_text_each_keep_their_row(tmp_path):
    from dotterel.store import Store

    lines = [json.dumps({"id": f"e{i}", "text": ""}) for i in range(4)] + ["{broken"] * 3
    db = tmp_path / "s.duckdb"
    result = run("ingest", str(corpus(tmp_path, lines)), "--db", str(db))
    assert result.exit_code == 1
    with Store(db, read_only=True) as store:
        assert store.summary()["errors"] == 7
    again = run("ingest", str(corpus(tmp_path, lines)), "--db", str(db))
    assert "stored 0 new documents" in again.stderr  # still idempotent


@pytest.mark.parametrize("option", [["--since", "2023-13-45"], ["--until", "2024-02-31"], ["--since", "June"]])
def test_date_filters_are_checked(tmp_path, option):
    from dotterel.store import Store

    db = tmp_path / "s.duckdb"
    Store(db).close()
    for command in ("events", "network"):
        result = run(command, "--db", str(db), *option)
        assert result.exit_code == 2 and "real date" in result.stderr, (command, result.output)
    assert run("events", "--db", str(db), "--since", "2024-02-29").exit_code == 0


def test_a_store_held_by_another_process_is_one_line_exit_2(tmp_path, monkeypatch):
    from dotterel.store import Store

    monkeypatch.setenv("DOTTEREL_READ_WAIT", "0.5")  # a reader waits a moment for a writer, then says why not

    db = tmp_path / "s.duckdb"
    Store(db).close()
    holder = subprocess.Popen([sys.executable, "-c", f"import duckdb, sys, time; c = duckdb.connect({str(db)!r}); "
                               "print('held', flush=True); sys.stdin.read()"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        for args in (["events", "--db", str(db)], ["ingest", str(corpus(tmp_path, [good(1)])), "--db", str(db)]):
            result = run(*args)
            assert result.exit_code == 2, result.output
            [line] = result.stderr.strip().splitlines()
            assert str(db) in line and "in use by process" in line and "Traceback" not in line
    finally:
        holder.stdin.close()
        holder.wait(10)


def test_an_unwritable_output_is_a_usage_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run("code", str(corpus(tmp_path, [good(1)])), "-o", str(blocker / "out.jsonl"))
    assert result.exit_code == 2 and "cannot write" in result.stderr

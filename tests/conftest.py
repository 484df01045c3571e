"""Shared fixtures: one pipeline per test session (loading spaCy is the slow part)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "us_gov_press_releases.jsonl"


@pytest.fixture(scope="session")
def pipeline():
    from dotterel.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def code(pipeline):
    """Code one text: code(text, date=None) -> contract record (dict)."""
    from dotterel.ingest import document_from_text

    def run(text: str, date: str | None = None, doc_id: str = "t") -> dict:
        return pipeline.code_one(document_from_text(text, doc_id=doc_id, date=date)).to_dict()

    return run


@pytest.fixture(scope="session")
def sample_records() -> list[dict]:
    return [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(autouse=True)
def private_kb(tmp_path, monkeypatch):
    """Tests never read or write the user's own knowledge-base file."""
    monkeypatch.setenv("DOTTEREL_KB", str(tmp_path / "user-actors.jsonl"))

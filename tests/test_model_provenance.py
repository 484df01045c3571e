"""The shipped event model is rebuilt from its data by `make model`: its metadata records what it was trained
from, and a model that no longer matches the current data or feature code fails here."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import numpy as np
import pytest

from dotterel.events.classifier import SHIPPED, EventModel, fit
from dotterel.events.provenance import feature_code_hash, gsr_hashes, package_data_hashes

GSR = Path(__file__).resolve().parents[2] / "shared" / "data" / "dev"
STALE = "changed since the shipped event model was trained: run `make model` and commit the model"


@pytest.fixture(scope="module")
def recorded() -> dict:
    with resources.as_file(resources.files("dotterel") / "data" / SHIPPED) as path:
        meta = EventModel.load(path).meta
    assert "provenance" in meta, "the shipped model records no provenance: " + STALE
    return meta["provenance"]


def test_model_matches_the_package_data_it_was_trained_on(recorded):
    for name, digest in package_data_hashes().items():
        assert recorded["data"].get(name) == digest, f"{name} {STALE}"


def test_model_matches_the_feature_code(recorded):
    assert recorded["feature_code"] == feature_code_hash(), f"the feature extractors {STALE}"


@pytest.mark.skipif(not (GSR / "gsr_dev.gold.jsonl").is_file(), reason="../shared/data/dev is not here")
def test_model_matches_the_gsr_sentences(recorded):
    for name, digest in gsr_hashes(GSR).items():
        assert recorded["data"].get(name) == digest, f"{name} {STALE}"


SAMPLES = [(["trig=attack", "obj=post"], {"event_type": "ASSAULT", "mode": "firearms"}),
           (["trig=march", "prep=in|capital"], {"event_type": "PROTEST", "mode": "demo"}),
           (["trig=say", "neg=not"], {"event_type": "NONE"}),
           (["trig=shell", "obj=village"], {"event_type": "ASSAULT", "mode": "heavy-weapons"})]


def test_training_and_saving_are_deterministic(tmp_path):
    first, second = fit(SAMPLES, epochs=20, meta={"x": 1}), fit(SAMPLES, epochs=20, meta={"x": 1})
    for head in first.heads:
        assert np.array_equal(first.heads[head].weights, second.heads[head].weights)
    first.save(tmp_path / "a.npz")
    second.save(tmp_path / "b.npz")
    assert (tmp_path / "a.npz").read_bytes() == (tmp_path / "b.npz").read_bytes()
    loaded = EventModel.load(tmp_path / "a.npz")
    assert loaded.meta == {"x": 1, "examples": 4} and loaded.vocab == first.vocab
    assert loaded.predict(["trig=march"], "event_type")[0] == "PROTEST"

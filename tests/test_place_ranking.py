"""The place ranking's weights are data (src/dotterel/data/place_ranking.json, made by
scripts/train_place_ranking.py): the file must fit the feature code, record what it was trained from, and still
rank the way news means a name."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from importlib import resources
from pathlib import Path

import pytest

from dotterel.where.candidates import Toponym
from dotterel.where.features import FEATURES, HAND_WEIGHTS, WEIGHTS_FILE, score, weights
from dotterel.where.gazetteer import Place

DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "dev"
STALE = "changed since the place ranking was trained: run scripts/train_place_ranking.py and commit its file"


@pytest.fixture(scope="module")
def shipped() -> dict:
    return json.loads((resources.files("dotterel") / "data" / WEIGHTS_FILE).read_text(encoding="utf-8"))


def test_weights_file_matches_the_feature_code(shipped):
    assert tuple(shipped["features"]) == FEATURES, "the ranking features " + STALE
    assert len(shipped["weights"]) == len(FEATURES) == len(HAND_WEIGHTS)
    assert weights() == tuple(shipped["weights"])
    assert tuple(shipped["hand_weights"]) == HAND_WEIGHTS, "the hand weights " + STALE
    assert shipped["shipped"] in ("learned", "hand")
    if shipped["shipped"] == "hand":
        assert shipped["weights"] == shipped["hand_weights"]


def test_weights_file_records_its_training(shipped):
    training = shipped["training"]
    assert set(training["sha256"]) == {"evloc_dev.input.jsonl", "evloc_dev.gold.jsonl"}
    assert all(len(d) == 64 for d in training["sha256"].values())
    assert training["command"].startswith("python scripts/train_place_ranking.py")


@pytest.mark.skipif(not (DEV / "evloc_dev.gold.jsonl").is_file(), reason="../shared/data/dev is not here")
def test_weights_file_matches_the_evloc_data(shipped):
    for name, digest in shipped["training"]["sha256"].items():
        assert hashlib.sha256((DEV / name).read_bytes()).hexdigest() == digest, f"{name} {STALE}"


def test_a_province_qualifier_chooses_its_namesake():
    # "Springfield, Illinois": the small town in the named province beats the bigger namesake elsewhere
    here = Place("Springfield", "USA", 39.8, -89.6, 110000, "Illinois")
    there = Place("Springfield", "USA", 37.2, -93.3, 170000, "Missouri")
    t = Toponym(10, 21, "Springfield", [there, here], True)
    context = ({"illinois"}, set(), Counter({"USA": 2}), [])
    assert score(here, t, *context, inner=True) > score(there, t, *context, inner=True)


def test_qualified_town_in_a_sentence(code):
    rec = code("On 9 March 2024, gunmen attacked a police post in Paris, Texas, wounding two officers.")
    locs = [e["location"] for e in rec["events"] if e["location"]]
    assert locs and locs[0]["country"] == "USA"

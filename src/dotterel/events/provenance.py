"""What the shipped event model was trained from, so that a stale model is caught and can be rebuilt exactly.

``provenance()`` hashes the inputs of ``scripts/train_model.py`` (``make model``): the shipped examples, the
trigger lexicon the features read (triggers.yaml), PLOVER's gsr_dev sentences when their folder is given, and
the code that turns a clause into features. The script stores it in the model's metadata; a test compares the
stored hashes with the current files, so a model that no longer matches its data fails the suite.
"""

from __future__ import annotations

import hashlib
import inspect
from importlib import resources
from pathlib import Path

from . import classifier, training

# package data the model is trained from or whose words become its features
PACKAGE_DATA = ("training/plover_examples.jsonl", "triggers.yaml")
# PLOVER's codebook examples (CC BY-SA 4.0), read from where they lie, never copied into the repo
GSR_FILES = ("gsr_dev.input.jsonl", "gsr_dev.gold.jsonl")
# the code that decides which clause becomes a sample and what its features are
FEATURE_CODE = (classifier.clause_features, classifier.features_of, training.samples, training.candidates, training.pick)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def package_data_hashes() -> dict[str, str]:
    root = resources.files("dotterel") / "data"
    out = {}
    for name in PACKAGE_DATA:
        path = root
        for part in name.split("/"):
            path = path / part
        out[name] = sha256(path.read_bytes())
    return out


def gsr_hashes(folder: Path) -> dict[str, str]:
    return {name: sha256((folder / name).read_bytes()) for name in GSR_FILES}


def feature_code_hash() -> str:
    """A hash of the feature extractors' source: a model trained with other features must be retrained."""
    return sha256("\n".join(inspect.getsource(f) for f in FEATURE_CODE).encode("utf-8"))


def provenance(gsr: Path | None) -> dict:
    data = package_data_hashes()
    if gsr is not None:
        data.update(gsr_hashes(gsr))
    return {"data": data, "feature_code": feature_code_hash()}

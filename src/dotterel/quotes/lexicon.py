"""The reporting-cue lexicon (``data/speech_cues.txt``): which verbs attribute speech, which stance."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from spacy.tokens import Token


def _lines() -> list[list[str]]:
    path = Path(str(resources.files("dotterel") / "data" / "speech_cues.txt"))
    return [parts for line in path.read_text(encoding="utf-8").splitlines() if (parts := line.split("#", 1)[0].split())]


@lru_cache(maxsize=8)
def word_list(name: str) -> frozenset[str]:
    """A package data file of one word or phrase a line ("#" starts a comment line)."""
    lines = Path(str(resources.files("dotterel") / "data" / name)).read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


@lru_cache(maxsize=1)
def cues() -> dict[str, str]:
    """lemma -> kind ("speech" | "direct" | "thought" | "object" | "noun" | "adj"); speech wins when a lemma
    is listed twice; nouns and adjectives share lemmas with verbs ("call", "opposed"), so they live under
    "noun:LEMMA" and "adj:LEMMA"."""
    out: dict[str, str] = {}
    for parts in _lines():
        if len(parts) >= 2 and parts[1] in ("noun", "adj"):
            out[parts[1] + ":" + parts[0]] = parts[1]
        elif len(parts) >= 2 and out.get(parts[0]) != "speech":
            out[parts[0]] = parts[1]
    return out


@lru_cache(maxsize=1)
def preps() -> dict[str, frozenset[str]]:
    """lemma -> the prepositions that introduce its content besides the general ones ("refer to X")."""
    return {parts[0]: frozenset(parts[2].split(",")) for parts in _lines() if len(parts) >= 3}


def cue_kind(token: Token) -> str | None:
    """The kind of reporting cue a token is, or None. Verbs count as verb kinds, nouns as "noun" only
    ("the claims" is no verb of saying, "said" is no noun cue)."""
    if token.pos_ == "NOUN":
        return cues().get("noun:" + token.lemma_.lower())
    if token.pos_ == "ADJ" or (token.tag_ == "VBN" and token.dep_ in ("acomp", "oprd")):  # "is opposed to"
        return cues().get("adj:" + token.lower_)
    if token.pos_ not in ("VERB", "AUX") and token.tag_ not in ("VBZ", "VBD", "VBP", "VBN", "VBG", "VB"):
        return None
    # inflected forms are listed where the model's lemma is wrong ("hopes" -> "hop")
    return cues().get(token.lemma_.lower()) or cues().get(token.lower_)


def is_speech(token: Token) -> bool:
    """A verb that can attribute a direct quote."""
    return cue_kind(token) in ("speech", "direct")

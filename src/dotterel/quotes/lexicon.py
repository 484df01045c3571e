"""The reporting-cue lexicon (``data/speech_cues.txt``): which verbs attribute speech, which stance."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from spacy.tokens import Token


@lru_cache(maxsize=1)
def cues() -> dict[str, str]:
    """lemma -> kind ("speech" | "direct" | "thought" | "object"); speech wins when a lemma is listed twice."""
    path = Path(str(resources.files("dotterel") / "data" / "speech_cues.txt"))
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("#", 1)[0].split()
        if len(parts) == 2 and out.get(parts[0]) != "speech":
            out[parts[0]] = parts[1]
    return out


def cue_kind(token: Token) -> str | None:
    """The kind of reporting cue a token is, or None. Only verbs count ("a report", "the claims" do not)."""
    if token.pos_ not in ("VERB", "AUX") and token.tag_ not in ("VBZ", "VBD", "VBP", "VBN", "VBG", "VB"):
        return None
    return cues().get(token.lemma_.lower())


def is_speech(token: Token) -> bool:
    """A verb that can attribute a direct quote."""
    return cue_kind(token) in ("speech", "direct")

"""Capitalised runs of a document's text, the raw material of spotting beyond the model's entities: where they
start and end (sentence stops, line breaks, an opening preposition), and each read with its cue and trimmed words
when the text lets it be a place."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from .candidates import HELD, Toponym, _cue, _gap_ok, _group_open, _qualifier_group, lookup
from .gazetteer import Gazetteer, Place, norm
from .lexicon import FACILITY, GEO_OF, LOCATIVE_CUES, RUN, STRONG_CUES, TIME_WORDS


def _runs(text: str) -> list[tuple[int, int]]:
    """Capitalised runs, cut at sentence stops ("Donetsk. The OSCE" is two runs)."""
    out = []
    for m in RUN.finditer(text):
        a = m.start()
        for stop in re.finditer(r"(?<![A-Z])(?<!\b[A-Z][a-z])\.\s+|(?<=[a-z’'])\.(?=[A-Z])|['’]s\s+", m.group(0)):
            # a sentence stop ends a run; so does a possessive ("Bethlehem's Church" -> "Bethlehem")
            cut = stop.start() + (0 if stop.group(0)[0] in "'’" else 1)
            out.append((a, m.start() + cut))
            a = m.start() + stop.end()
        out.append((a, m.end()))
    return [_after_opening_preposition(text, a, b) for a0, b0 in out for a, b in _lines(text, a0, b0)]


def _lines(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """A line break ends a name: a heading ("Syria") is no part of the next line's first words."""
    out, start = [], a
    for m in re.finditer(r"\s*\n\s*", text[a:b]):
        out.append((start, a + m.start()))
        start = a + m.end()
    return out + [(start, b)]


OPENING_PREPOSITION = re.compile(r"(?:Near|In|At|Outside|Around|Inside|Across|Nearby|Into|Towards?|Through|Within)\s+(?=[A-Z])")


def _after_opening_preposition(text: str, a: int, b: int) -> tuple[int, int]:
    """A sentence may open with its place: "Near Mosul, two strikes ...": the run is the name, the capitalised
    preposition its cue."""
    m = OPENING_PREPOSITION.match(text, a, b)
    return (m.end(), b) if m else (a, b)


@dataclass
class Run:
    """A capitalised run read as a possible name: where it starts, its words and what the text says around it."""

    s: int
    words: list[str]
    cue: str
    chained: bool
    qualified: bool  # followed by "(district, province)": a place, whatever the cue or the model's label
    placed_in: bool  # followed by "in <province>" ("shelled Manbij in Aleppo"): a place, whatever the cue
    strong: bool
    facility: bool  # a named site ("the Marj Al-Sultan Military Airport"): a place after any cue
    geo_before: bool


def _read_run(text: str, gaz: Gazetteer, s: int, run_end: int, found: list[Toponym],
              abbreviations: Collection[str] = ()) -> Run | None:
    """The run's cue and words, trimmed of a sentence stop, time words and a "-held" prefix; None when no cue or
    marker lets it be a place."""
    cue = _cue(text, s)
    prev_end = max((t.end for t in found if t.end <= s), default=-100)
    chained = cue in ",(" and s - prev_end <= 25 and _gap_ok(text[prev_end:s])
    if cue in ",(" and not chained and (group := _group_open(text, s)) is not None:
        # every part of a parenthesised qualifier group chains, however long the parts before it:
        # "Tolkaro hamlet, Bendel subdivision (Far-North, Cameroon)"
        chained = group - prev_end <= 25 and "." not in text[prev_end:group]
    geo_before = bool(GEO_OF.search(text[max(0, s - 30):s]))
    qualified = _qualifier_group(gaz, text, run_end, cue, abbreviations)
    placed_in = _placed_in(gaz, text, run_end)
    strong = cue in STRONG_CUES or geo_before or qualified or placed_in
    facility = bool(FACILITY.search(text[s:run_end].rstrip(".")))
    if not strong and not chained and cue not in LOCATIVE_CUES and not facility:
        return None
    words = text[s:run_end].split()
    if words and words[-1].endswith(".") and words[-1].count(".") == 1:  # sentence stop, not "U.S."
        words[-1] = words[-1][:-1]
    while words and words[-1].lower().strip(".,") in TIME_WORDS:  # "in Nice Saturday"
        words.pop()
    while len(words) > 1 and HELD.search(words[0]):  # "in Indian-controlled Kashmir": the name follows
        s = text.index(words[1], s + len(words[0]))
        words.pop(0)
    if not words or words[0].lower() in TIME_WORDS or words[0] in ("The", "A") or \
            (words[0] == "An" and not lookup(gaz, " ".join(words))[0]):  # "(An Nuqat al Khams)" is a name
        return None
    return Run(s, words, cue, chained, qualified, placed_in, strong, facility, geo_before)


IN_PROVINCE = re.compile(r"\s+in\s+(?:the\s+)?(?:(?:[a-z]+ern|rural)\s+)?(?:countryside\s+of\s+)?"
                         r"((?:(?:al|el|ad|ar|as|an|ash|az|at)-)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)"
                         r"(?:\s+(?:province|governorate|countryside))?\b")


def _placed_in(gaz: Gazetteer, text: str, end: int) -> bool:
    """Whether a province follows the name as where it lies: "shelled Kafr Nabl in Idlib", "raided Busayrah in
    rural Deir ez-Zor", "Tal Tamer in the countryside of Hasakah province"."""
    m = IN_PROVINCE.match(text, end)
    if m is None:
        return False
    name = m.group(1)
    return any(_province(p) for p in lookup(gaz, name)[0]) or \
        (" " in name and any(_province(p) for p in lookup(gaz, name.split()[0])[0]))


def _province(p: Place) -> bool:
    """A province, or the city that names its province ("Idlib")."""
    return p.precision == "admin1" or (p.precision == "city" and bool(p.admin1) and norm(p.admin1) == norm(p.name))

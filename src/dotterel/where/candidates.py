"""Toponym candidates: the ``Toponym`` record, gazetteer look-up of a surface form, the cue before a name, the
passes that add names the run pass cannot see (mislabelled big places, ACLED's coded places, state abbreviations
in qualifier groups), the qualifier-group tests they share, and the chaining of qualifiers."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc

from ..docindex import doc_text
from .gazetteer import Gazetteer, Place, _supplement, norm
from .lexicon import (
    ADMIN_WORDS,
    CUE_MODIFIERS,
    GENERIC,
    GEO_AFTER,
    GEO_OF,
    GEO_PREFIX,
    LOCAL_AGENTS,
    NOT_NAMES,
    ORG_WORDS,
    RUN,
    SITE_NOUNS,
    TIME_WORDS,
)

PLACE_LABELS = {"GPE", "LOC", "FAC"}
NOT_PLACE_LABELS = {"PERSON", "ORG", "NORP", "DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "WORK_OF_ART", "EVENT", "LAW"}
MAX_CANDS = 40
RANK = {"site": 0, "city": 0, "admin2": 1, "admin1": 2, "country": 3}  # how wide a place of each precision is


@dataclass
class Toponym:
    start: int
    end: int
    text: str
    cands: list[Place]
    from_ner: bool
    prefer_admin: bool = False
    best: Place | None = None
    cue: str = ""  # the word (or , or parenthesis) right before it
    anchor: Place | None = None  # for a name the gazetteer lacks: the place that qualifies it
    chained: bool = False  # follows another toponym: "Bar-Sanguun village (Kismaayo, Lower Juba)"
    inner_of: bool = False  # chained as the smaller place: "the Pakistani town of X", "Syria's province of X"
    qualified: bool = False  # followed by a parenthesised group of places: "Kagara (Rafi LGA, Niger)"
    scope: bool = False  # a regional scope ("the Middle East"): no place, and no location for its events


def lookup(gaz: Gazetteer, text: str) -> tuple[list[Place], bool]:
    """Candidates for a surface form, and whether a generic admin word ('district') was stripped."""
    text = GEO_PREFIX.sub("", text.strip(" .,;:()'’\""))
    if norm(text) in NOT_NAMES or norm(text) in TIME_WORDS:
        return [], False
    cands = gaz.candidates(text)
    if cands:
        return cands[:MAX_CANDS], False
    m = GENERIC.search(text)
    if m and norm(text[:m.start()]) not in NOT_NAMES:  # "the North Zone" is no province called North
        return gaz.candidates(text[:m.start()])[:MAX_CANDS], m.group(1).lower() in ADMIN_WORDS
    if (part := SIDE_OF.match(text)) and norm(part.group(1)) not in NOT_NAMES:
        # "East Mosul", "Northern Iraq": a part of a place the gazetteer knows as a whole
        return gaz.candidates(part.group(1))[:MAX_CANDS], False
    return [], False


SIDE_OF = re.compile(r"(?:East|West|North|South|Eastern|Western|Northern|Southern|Central|Old|Downtown)\s+([A-Z].+)$")


HELD = re.compile(r"\w-(?:held|controlled|occupied|administered|run|dominated|ruled)$", re.I)


def _cue(text: str, start: int) -> str:
    before = text[max(0, start - 16):start].rstrip()
    if re.search(r"\bcapital\s*,$", before, re.I):
        return "capital"  # "the Mongolian capital, Ulan Bator"
    if before[-1:] in ",(":
        return before[-1:]
    before = text[max(0, start - 40):start].rstrip()
    words = re.findall(r"[\w'’-]+", before)
    run = RUN.match(text, start)
    province_after = bool(run and GEO_AFTER.match(text, run.end()))
    while len(words) >= 2 and (words[-1].lower() in CUE_MODIFIERS and words[-1][:1].islower() or HELD.search(words[-1])
                               or (province_after and re.search(r"['’]s$", words[-1]) and words[-1][:1].isupper())):
        # "in downtown Yala", "in northern Mali", "in Indian-controlled Kashmir", "in Iraq's northern Nineveh
        # province": the preposition before the modifiers
        words.pop()
    if len(words) >= 2 and words[-1].lower() == "to" and words[-2].lower() in ("close", "next", "adjacent"):
        return "near"
    if len(words) >= 2 and words[-1].lower() == "the":  # "in the West Bank"
        return words[-2].lower()
    return words[-1].lower() if words else ""


# ACLED's own note on where it coded an event: "rallied outside parliament [coded to Athens-Central Athens]"
CODED = "coded to"


CODED_TO = re.compile(r"\[coded to ([A-Z][^\]\-]*?)(?:-[^\]]*)?(?: with [^\]]*)?\]")


def coded_to(gaz: Gazetteer, text: str, found: list[Toponym]) -> list[Toponym]:
    out = []
    for m in CODED_TO.finditer(text):
        s, e = m.span(1)
        seen = [t for t in found if t.start < e and s < t.end]
        for t in seen:  # the run pass may have read the name already: it is still ACLED's coded place
            t.cue = CODED
        if not seen and (cands := lookup(gaz, m.group(1))[0]):
            out.append(Toponym(s, e, m.group(1), cands, False, False, cue=CODED))
    return out


@lru_cache(maxsize=1)
def _state_abbreviations() -> dict[str, tuple[str, str]]:
    table = _supplement("places.json").get("state_abbreviations", {})
    return {k: (v[0], v[1]) for k, v in table.items() if not k.startswith("_")}


@lru_cache(maxsize=1)
def _abbreviation_slot() -> re.Pattern | None:
    """An abbreviation as the last part of a parenthesised group: "(UP)", ", AP)"."""
    table = _state_abbreviations()
    names = "|".join(re.escape(k) for k in sorted(table, key=len, reverse=True))
    return re.compile(r"[(,]\s*(" + names + r")\s*\)") if table else None


def abbreviated_states(gaz: Gazetteer, text: str, found: list[Toponym]) -> list[Toponym]:
    """A state's abbreviation as the last part of a parenthesised qualifier: "(Prakasam, AP)", "Shamli (UP)"."""
    slot = _abbreviation_slot()
    if slot is None:
        return []
    table = _state_abbreviations()
    out = []
    for m in slot.finditer(text):
        s, e = m.span(1)
        if BYLINE.match(text, m.end()):
            continue
        if m.group(0)[0] == "," and _group_open(text, s) is None:
            continue  # "..., AP)" only inside a parenthesised group
        prev = max((t.end for t in found if t.end <= s), default=-100)
        if s - prev > 40 or "." in text[prev:s]:
            continue  # qualifying a place named just before, never a byline: "WASHINGTON (AP) -", "said (AP)"
        name, country = table[m.group(1)]
        cands = [p for p in gaz.candidates(name) if p.precision == "admin1" and p.country == country]
        if cands and not any(t.start < e and s < t.end for t in found):
            out.append(Toponym(s, e, m.group(1), cands[:1], False, False, cue=m.group(0)[0], chained=True))
    return out


def _gap_ok(gap: str) -> bool:
    """Whether the text between two places lets the second qualify the first: generic place words and punctuation
    ("Kerawa village, Kolofata"), not a list ("Canapi, Alagoas, and Manari, Pernambuco"): there the second is the
    next item. Inside a parenthesised group every part qualifies: "Safala (Abala and Tera, Tillabery)"."""
    return "." not in gap and not re.search(r"\b(?:and|or)\b", gap.split("(")[0])


QUALIFIER_GROUP = re.compile(r"\s*\(([^()]{2,80})\)")
BYLINE = re.compile(r"\s*[-—–:]")


def _qualifier_group(gaz: Gazetteer, text: str, end: int, cue: str, abbreviations: Collection[str] = ()) -> bool:
    """Whether a parenthesised list of places follows (after an optional 'town', 'village'): "Chimakurthi town
    (Prakasam, AP)", "Abu Salim (Tripoli)"; some part must be a province, district or country the gazetteer knows
    (or, under a profile that reads them, a state's abbreviation last), so that "(Reuters)" is no place. A
    qualifier itself (after "," or "(") is never the place such a group qualifies."""
    if cue in ",(":
        return False
    after = GEO_AFTER.match(text, end)
    m = QUALIFIER_GROUP.match(text, after.end() if after else end)
    if not m:
        return False
    parts = [GENERIC.sub("", part.strip()) for part in m.group(1).split(",")]
    if BYLINE.match(text, m.end()):
        return False  # "WASHINGTON (AP) -": a dateline and its agency
    return parts[-1] in abbreviations or any(
        p.precision in ("admin1", "admin2", "country") or p.population >= 100000
        for part in parts if len(part) > 2 for p in lookup(gaz, part)[0])


def _group_open(text: str, s: int) -> int | None:
    """Where the parenthesis that s sits in opens, when it opens in the same sentence, at most 60 characters before."""
    before = text[max(0, s - 60):s]
    i = before.rfind("(")
    if i < 0 or ")" in before[i:] or "." in before[i:]:
        return None
    return max(0, s - 60) + i


def _big(cands: list[Place]) -> bool:
    return any(p.precision in ("country", "admin1") or p.population >= 50000 for p in cands)


def _name_like(sub: str) -> bool:
    """A short proper name that could be a village: no acronym, no possessive, no organisation word."""
    ws = sub.split()
    return len(ws) <= 3 and not sub.isupper() and not re.search(r"['’]s?$", sub) and \
        not any(w.lower().strip(".,") in ORG_WORDS for w in ws)


SOFT_LABELS = {"ORG", "PERSON"}
SOFT_CUES = {"in", "near", "at", "outside", "around", "inside", "nearby", "outskirts", "vicinity"}
MISLABEL_CUES = {"in", "near", "at", "outside", "inside", "around", "to", "into", "towards", "toward", "through"}
MISLABEL_MIN_POP = {"ORG": 50000, "NORP": 50000, "PERSON": 500000}
PLACE_HEADS = {"district", "governorate", "province", "region", "area", "village", "town", "city", "neighbourhood",
               "neighborhood", "quarter", "suburb", "frontline", "front", "camp", "sector", "municipality", "countryside"}


def mislabelled(doc: Doc, gaz: Gazetteer, found: list[Toponym]) -> list[Toponym]:
    """Well-known places the small model tags as an organisation or a person ("captured Lubumbashi",
    "the streets of Bamako"), taken only in a place's slot: the object of a preposition or of a verb, or the
    modifier of a site ("a Karachi market"). A big city or a province by its own name, never a small namesake."""
    out = []
    for ent in doc.ents:
        if ent.label_ not in MISLABEL_MIN_POP or any(t.start < ent.end_char and ent.start_char < t.end for t in found):
            continue
        span = ent[1:] if len(ent) > 1 and ent[0].lower_ == "the" else ent
        readings = gaz.candidates(span.text)
        cands = [p for p in readings if p.primary or p.population >= 100000]  # "Misrata"
        if not cands or norm(span.text) in NOT_NAMES:
            continue
        # after a locative preposition a smaller town will do ("at the entrance to Misrata")
        cue = _cue(doc_text(doc), span.start_char)
        floor = MISLABEL_MIN_POP[ent.label_] if cue not in MISLABEL_CUES else 20000
        root = span.root
        # a name on a settlement or front noun is that place, however small ("the Sirwah frontline", "X district")
        named_place = root.dep_ == "compound" and root.head.lower_ in PLACE_HEADS and \
            any(p.precision in ("city", "admin2", "admin1") for p in readings)
        if named_place:
            cands = [p for p in readings if p.precision != "country"]
        big = named_place or any(p.precision == "city" and p.population >= floor for p in cands) or \
            (ent.label_ != "PERSON" and any(p.precision in ("admin1", "country") for p in cands))
        slot = root.dep_ in ("pobj", "dobj", "nsubjpass") or cue == "(" or \
            (root.dep_ in ("compound", "poss") and (root.head.lower_ in SITE_NOUNS or root.head.lower_ in LOCAL_AGENTS))
        if big and slot:
            out.append(Toponym(span.start_char, span.end_char, span.text, cands[:MAX_CANDS], True, False, cue=cue))
    return out


def _chain(text: str, found: list[Toponym]) -> None:
    """Qualifiers found as entities chain too: "near Vodyane, Donetsk", "Ta Tork commune of Samlout district"."""
    for i, t in enumerate(found):
        gap = text[found[i - 1].end:t.start] if i else "."
        if (t.cue in ",(" and len(gap) <= 25 or GEO_OF.search(gap) and len(gap) <= 30) and _gap_ok(gap):
            t.chained = True
            # "the West Bank city of Nablus": the place after a settlement noun is that settlement, inside the one before;
            # "the southern Syria province of Daraa": nothing named after a country can be wider than it
            # ("Lalpur village of Bhagabanpur area" without an article names Lalpur the village, inside Bhagabanpur)
            before = text[max(0, found[i - 1].start - 20):found[i - 1].start]
            modifier = bool(re.search(r"\b(the|a|an)\s+(?:\S+\s+)?$", before, re.I))
            t.inner_of = t.cue not in ",(" and ((modifier and bool(SETTLEMENT_OF.search(gap))) or
                                               not _can_qualify(t, found[i - 1]))


SETTLEMENT_OF = re.compile(r"\b(city|town|village|hamlet|settlement|camp|port|capital|township)\s+of\s+(the\s+)?$", re.I)


def _can_qualify(o: Toponym, t: Toponym) -> bool:
    """Whether o may name a place around t: some reading of o is at least as wide as some reading of t."""
    if not o.cands or not t.cands:
        return True
    return max(RANK[p.precision] for p in o.cands) >= min(RANK[p.precision] for p in t.cands)

"""Toponym spotting and disambiguation for one document.

Spotting: spaCy's place entities, plus capitalised runs right after a locative cue ("near Bohdanivka,
Donetsk", "(Kismaayo, Lower Juba)") that the gazetteer knows, since the small model misses many villages.
Generic words ("Lahore city", "Napak district") are stripped when the full name is unknown.

Disambiguation scores every candidate by the admin1 provinces and countries that other toponyms of the
document name, the document's country focus (places and actors), the primary-name match and population.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Doc

from .gazetteer import Gazetteer, Place, norm
from .lexicon import (
    ADMIN_WORDS,
    CONNECTORS,
    CUE_MODIFIERS,
    FACILITY,
    GENERIC,
    GEO_AFTER,
    GEO_OF,
    GEO_PREFIX,
    LOCAL_AGENTS,
    LOCATIVE_CUES,
    NOT_NAMES,
    ORG_WORDS,
    RUN,
    SITE_NOUNS,
    STRONG_CUES,
    TIME_WORDS,
)

PLACE_LABELS = {"GPE", "LOC", "FAC"}
NOT_PLACE_LABELS = {"PERSON", "ORG", "NORP", "DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "WORK_OF_ART", "EVENT", "LAW"}
MAX_CANDS = 40


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
    return [], False


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


PEOPLE_AFTER = re.compile(r"(?:\s+and\s+(?:the\s+)?[A-Z][\w'’-]*)?\s+(?:tribes?|tribesmen|clans?|clansmen|militias?|"
                          r"militiamen|families|family|herders|fighters|youths)\b", re.I)
HELD = re.compile(r"\w-(?:held|controlled|occupied|administered|run|dominated|ruled)$", re.I)


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


def spot(doc: Doc, gaz: Gazetteer, actor_spans: list[tuple[int, int]] | None = None) -> list[Toponym]:
    """Place entities, then capitalised runs after a locative cue; a run right after a strong locative
    preposition overrides the small model's other labels ("in Kovvur town" tagged ORG). A run the gazetteer
    does not know is kept as an unplaced toponym when the text says it is a place ("the village of X",
    "X district", a place entity, or right after "in/near/at" with no other label)."""
    text = doc.text
    found: list[Toponym] = []
    place_ents = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in PLACE_LABELS]
    runs = _runs(text)
    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS:
            s, e, name = ent.start_char, ent.end_char, ent.text
            # the small model often tags a part of a longer name ("Catole do Rocha" -> "Rocha"): take the whole run
            run = next(((a, b) for a, b in runs if a <= s and e <= b and (a, b) != (s, e)), None)
            if run and " " in text[run[0]:run[1]] and not text[run[0]:s].strip().startswith(("The", "A ")):
                whole = text[run[0]:run[1]].rstrip(".")
                cands, admin = lookup(gaz, whole)
                cue = _cue(text, run[0])
                if cands:
                    found.append(Toponym(run[0], run[0] + len(whole), whole, cands, True, admin, cue=cue,
                                         qualified=_qualifier_group(gaz, text, run[0] + len(whole), cue)))
                    continue
                if cue in STRONG_CUES:
                    continue  # the run pass below splits or keeps the whole name
            elif " " in ent.text and not lookup(gaz, ent.text)[0]:
                continue  # an unknown multi-word entity: the run pass below may split "Zapopan Jalisco"
            cands, admin = lookup(gaz, name)
            if cands:
                cue = _cue(text, s)
                found.append(Toponym(s, e, name, cands, True, admin, cue=cue, qualified=_qualifier_group(gaz, text, e, cue)))
    found += mislabelled(doc, gaz, found)
    found += coded_to(gaz, text, found)
    blocked = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in NOT_PLACE_LABELS]
    # an organisation or person label on a name right after "in"/"near" is often the small model's guess for an
    # unfamiliar village ("killed in Olangur"); a known actor ("in Hamas", "at the UN") never is a place
    firm = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in NOT_PLACE_LABELS and e.label_ not in SOFT_LABELS]
    firm += actor_spans or []
    norp = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "NORP"]
    persons = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"]
    for s, run_end in runs:
        cue = _cue(text, s)
        prev_end = max((t.end for t in found if t.end <= s), default=-100)
        chained = cue in ",(" and s - prev_end <= 25 and _gap_ok(text[prev_end:s])
        if cue in ",(" and not chained and (group := _group_open(text, s)) is not None:
            # every part of a parenthesised qualifier group chains, however long the parts before it:
            # "Kerawa village, Kolofata subdivision (Mayo-Sava, Extreme-Nord)"
            chained = group - prev_end <= 25 and "." not in text[prev_end:group]
        geo_before = bool(GEO_OF.search(text[max(0, s - 30):s]))
        # a name followed by "(district, province)" is named as a place, whatever the cue or the model's label
        qualified = _qualifier_group(gaz, text, run_end, cue)
        strong = cue in STRONG_CUES or geo_before or qualified
        # a named site ("the Marj Al-Sultan Military Airport", "Donetsk Filtration Station") is a place after any cue
        facility = bool(FACILITY.search(text[s:run_end].rstrip(".")))
        if not strong and not chained and cue not in LOCATIVE_CUES and not facility:
            continue
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
            continue
        # the run may end in a generic word ("Bathinda city"): lookup() strips it; never cut down to a bare first word
        placed = False
        site = facility and bool(FACILITY.search(" ".join(words))) and not lookup(gaz, " ".join(words))[0]
        for k in range(len(words), 0, -1) if not site else ():
            rest_up = [p for p in lookup(gaz, " ".join(words[k:]))[0]
                       if p.precision in ("admin1", "country")] if k < len(words) else []
            if k == 1 and len(words) > 1 and not words[1][:1].isdigit() and words[1] not in CONNECTORS and not rest_up:
                # a bare first word only when it is a country, province or big city ("in France Khaled Issa said"),
                # never a generic prefix ("Colonia Mesa Verde" is no Uruguayan province)
                first, _ = lookup(gaz, words[0]) if not GEO_PREFIX.match(words[0] + " x") else ([], False)
                if first and (first[0].precision in ("country", "admin1") or first[0].population >= 100000):
                    found.append(Toponym(s, s + len(words[0]), words[0], first, False, False, cue=cue, chained=chained))
                    placed = True
                break
            sub = " ".join(words[:k])
            e = s + len(sub)
            if any(t.start < e and s < t.end for t in found):
                placed = True
                break
            # a model label blocks a name after a weak cue, unless the text itself marks it a place ("the limits of
            # Maidan Shar city", "the entry to Ar Rajban (Al Jabal Al Gharbi)") and it is no known actor
            marked = bool(GENERIC.search(sub)) or bool(GEO_AFTER.match(text[e:e + 25])) or text[e:e + 2] == " (" or \
                bool(facility and FACILITY.search(sub))  # "Al Asad Air Base" tagged ORG
            if any(a < e and s < b for a, b in blocked) and not strong and not chained and \
                    not (marked and not any(a < e and s < b for a, b in firm) and lookup(gaz, sub)[0]):
                placed = True
                break
            rest = " ".join(words[k:])
            # a shorter name only when the words dropped are a province or country ("Tijuana Baja California"),
            # never a namesake of a fragment ("Colonia Mesa Colorada" is not Mesa, Arizona)
            up = [p for p in lookup(gaz, rest)[0] if p.precision in ("admin1", "country")] if rest else []
            if rest and not up and not rest[:1].isdigit():
                continue
            cands, admin = lookup(gaz, sub)
            if cands and k == len(words) and re.match(r"['’]s\b", text[e:e + 3]) and not _big(cands):
                placed = True  # "Joseph's Tomb": a possessive names a place only when it is a well-known one
                break
            if cands and len(sub) > 2:
                found.append(Toponym(s, e, sub, cands, False, admin, cue=cue, chained=chained, qualified=qualified))
                if up:
                    r0 = text.find(rest, e)
                    found.append(Toponym(r0, r0 + len(rest), rest, up, False, True, cue=",", chained=True))
                placed = True
                break
        if not placed:
            sub = " ".join(words)
            e = s + len(sub)
            if any(t.start < e and s < t.end for t in found) or norm(sub) in NOT_NAMES or len(sub) < 3:
                continue
            if cue in ",(" and re.match(r"\s*\)", text[e:e + 3]) and (province := gaz.province_like(sub)):
                # the province slot of a qualifier group, spelt another way: "Wadi al-Rabi (Aljfara)"
                found.append(Toponym(s, e, sub, province, False, True, cue=cue, chained=chained))
                continue
            if re.search(r"-[a-z]+$", sub):  # "American-led", "Israeli-occupied": an adjective, not a place
                continue
            if PEOPLE_AFTER.match(text, e):
                continue  # "between the Rizeigat and Misseriya tribesmen": peoples, not places
            if " of " in sub and (tail := sub.rsplit(" of ", 1)[1]) and (tail_cands := lookup(gaz, tail)[0]):
                # "PD10 of Kandahar city", "Teri Bazar of Chittagong": an unknown part of a known place
                t0 = s + sub.rindex(" of ") + 4
                found.append(Toponym(t0, t0 + len(tail), tail, tail_cands, False, False, cue="of"))
                continue
            # a name the model tagged otherwise still reads as a place before a parenthesised qualifier: "in X (Y)"
            labelled = any(a < e and s < b for a, b in blocked) and \
                not ((cue in STRONG_CUES or qualified) and text[e:e + 2] == " (")
            if labelled and cue in SOFT_CUES and not any(a < e and s < b for a, b in firm) and _name_like(sub) and \
                    not (cue == "at" and any(a < e and s < b for a, b in persons)):  # "shot at Mengistu"
                labelled = False
            geo_after = bool(GEO_AFTER.match(text[e:e + 25])) or bool(GENERIC.search(sub))
            is_ent = any(a <= s and e <= b for a, b in place_ents)
            if any(a < e and s < b for a, b in norp) and not qualified:
                continue  # "the Pakistani town of": a people's name, not a place
            if facility and FACILITY.search(sub) and not any(a < e and s < b for a, b in firm) and len(words) <= 6:
                site = Toponym(s, e, sub, [], False, False, cue=cue if cue in STRONG_CUES else "at", chained=chained)
                for k in range(len(words) - 1, 0, -1):  # its town gives the point: "Donetsk Filtration Station"
                    head = FACILITY.search(" " + " ".join(words[k:]))
                    if head and head.start() == 0 and (town := lookup(gaz, " ".join(words[:k]))[0]):
                        site.anchor = max(town, key=lambda p: (p.precision != "country", p.population))
                        break
                found.append(site)
                continue
            if geo_before or geo_after or is_ent or ((cue in STRONG_CUES or chained or qualified) and not labelled):
                found.append(Toponym(s, e, sub, [], False, False, cue=cue if cue in STRONG_CUES or not geo_before else "in",
                                     chained=chained, qualified=qualified))
        found.sort(key=lambda t: t.start)
    found = sorted(found + abbreviated_states(gaz, text, found), key=lambda t: t.start)
    for i, t in enumerate(found):  # qualifiers found as entities chain too: "near Vodyane, Donetsk"
        gap = text[found[i - 1].end:t.start] if i else "."
        if (t.cue in ",(" and len(gap) <= 25 or GEO_OF.search(gap) and len(gap) <= 30) and _gap_ok(gap):
            t.chained = True  # "Ta Tork commune of Samlout district" chains as well
            # "the West Bank city of Nablus": the place after a settlement noun is that settlement, inside the one before;
            # "the southern Syria province of Daraa": nothing named after a country can be wider than it
            # ("Lalpur village of Bhagabanpur area" without an article names Lalpur the village, inside Bhagabanpur)
            before = text[max(0, found[i - 1].start - 20):found[i - 1].start]
            modifier = bool(re.search(r"\b(the|a|an)\s+(?:\S+\s+)?$", before, re.I))
            t.inner_of = t.cue not in ",(" and ((modifier and bool(SETTLEMENT_OF.search(gap))) or
                                               not _can_qualify(t, found[i - 1]))
    return found


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
    from .gazetteer import _supplement

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


def _qualifier_group(gaz: Gazetteer, text: str, end: int, cue: str) -> bool:
    """Whether a parenthesised list of places follows (after an optional 'town', 'village'): "Chimakurthi town
    (Prakasam, AP)", "Abu Salim (Tripoli)"; some part must be a province, district or country the gazetteer knows
    (or a state's abbreviation last), so that "(Reuters)" is no place. A qualifier itself (after "," or "(") is
    never the place such a group qualifies."""
    if cue in ",(":
        return False
    after = GEO_AFTER.match(text, end)
    m = QUALIFIER_GROUP.match(text, after.end() if after else end)
    if not m:
        return False
    parts = [GENERIC.sub("", part.strip()) for part in m.group(1).split(",")]
    if BYLINE.match(text, m.end()):
        return False  # "WASHINGTON (AP) -": a dateline and its agency
    return parts[-1] in _state_abbreviations() or any(
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


def mislabelled(doc: Doc, gaz: Gazetteer, found: list[Toponym]) -> list[Toponym]:
    """Well-known places the small model tags as an organisation or a person ("captured Lubumbashi",
    "the streets of Bamako"), taken only in a place's slot: the object of a preposition or of a verb, or the
    modifier of a site ("a Karachi market"). A big city or a province by its own name, never a small namesake."""
    out = []
    for ent in doc.ents:
        if ent.label_ not in MISLABEL_MIN_POP or any(t.start < ent.end_char and ent.start_char < t.end for t in found):
            continue
        span = ent[1:] if len(ent) > 1 and ent[0].lower_ == "the" else ent
        cands = [p for p in gaz.candidates(span.text) if p.primary or p.population >= 100000]  # "Misrata"
        if not cands or norm(span.text) in NOT_NAMES:
            continue
        # after a locative preposition a smaller town will do ("at the entrance to Misrata")
        cue = _cue(doc.text, span.start_char)
        floor = MISLABEL_MIN_POP[ent.label_] if cue not in MISLABEL_CUES else 20000
        big = any(p.precision == "city" and p.population >= floor for p in cands) or \
            (ent.label_ != "PERSON" and any(p.precision in ("admin1", "country") for p in cands))
        root = span.root
        slot = root.dep_ in ("pobj", "dobj", "nsubjpass") or \
            (root.dep_ in ("compound", "poss") and (root.head.lower_ in SITE_NOUNS or root.head.lower_ in LOCAL_AGENTS))
        if big and slot:
            out.append(Toponym(span.start_char, span.end_char, span.text, cands[:MAX_CANDS], True, False, cue=cue))
    return out


SETTLEMENT_OF = re.compile(r"\b(city|town|village|hamlet|settlement|camp|port|capital|township)\s+of\s+(the\s+)?$", re.I)
WORLD_CITY = 1_000_000
RANK = {"site": 0, "city": 0, "admin2": 1, "admin1": 2, "country": 3}  # how wide a place of each precision is


def _can_qualify(o: Toponym, t: Toponym) -> bool:
    """Whether o may name a place around t: some reading of o is at least as wide as some reading of t."""
    if not o.cands or not t.cands:
        return True
    return max(RANK[p.precision] for p in o.cands) >= min(RANK[p.precision] for p in t.cands)


def qualifiers(t: Toponym, toponyms: list[Toponym]) -> list[Toponym]:
    """The toponyms chained right after t: 'Bar-Sanguun village (Kismaayo, Lower Juba)', 'Cawayan, Masbate'; for a
    place chained as the smaller one ("the Pakistani town of X"), the place before it."""
    if t.inner_of:
        before = [o for o in toponyms if o.end <= t.start]
        return before[-1:]
    out, end = [], t.end
    for o in toponyms:
        if o.start >= end and o.inner_of:
            break
        if o.start >= end and o.chained and o.start - end <= 25:
            out.append(o)
            end = o.end
        elif o.start >= end:
            break
    return out


def resolve_all(toponyms: list[Toponym], actor_countries: Counter, provinces: frozenset[str] = frozenset(),
                text: str = "", mute: tuple[Toponym, ...] = ()) -> None:
    """Choose each toponym's place given the others (admin1 and country hints) and the document focus. A name
    whose qualifiers fit none of its candidates ("Goyali, Gadabay" with only an Indian Goyali known) is left
    unplaced, so that the qualifier gives the point rather than a namesake far away. ``provinces``: normalised
    province names the document's context implies (a monitoring mission's region)."""
    focus: Counter = Counter(actor_countries)
    for t in toponyms:
        if any(t is m for m in mute):  # "US dollar": no hint about the other places
            continue
        countries = {p.country for p in t.cands}
        if len(countries) == 1:
            focus[next(iter(countries))] += 1
    for t in reversed(toponyms):  # qualifiers come after what they qualify: resolve them first
        if not t.cands:
            continue
        others = [o for o in toponyms if o is not t and norm(o.text) != norm(t.text) and not any(o is m for m in mute)]
        # nothing qualifies a country, and only a country a province: "Iraq, Syria", "Australia, Belgium, Canada",
        # "Ohio, Tennessee and Texas" are lists
        quals = [o for o in qualifiers(t, toponyms) if o.cands] if not _names_country(t) else []
        if _names_province(t) and quals and all(o.cue == "," and norm(o.text) != norm(t.text) and not _names_country(o)
                                                for o in quals):
            quals = []  # (but "Durango, Durango" and "Colon (Colon)" name a town in its province)
        admin1 = {norm(p.name) for o in others for p in o.cands if p.precision == "admin1"}
        if not quals and not t.chained:  # the context's provinces place a bare village name, never a qualifier
            admin1 |= provinces
        admin1 |= {norm(o.best.admin1) for o in quals if o.best and o.best.admin1}
        named_countries = {p.country for o in others for p in o.cands[:1] if p.precision == "country"}
        near = [o for o in others if abs(o.start - t.end) < 60]
        inner = bool(quals)  # a place qualified by others is the smaller one ("Campeche, Campeche")
        points = [o.best for o in quals if o.best and o.best.precision in ("admin2", "city")]
        if t.chained and (outer := _qualified(t, toponyms)) is not None:
            # a qualifier agrees with what it qualifies: "Panama City (Bella Vista)" is no Bella Vista in Mexico
            points += [p for p in outer.cands if p.precision != "country"]
            admin1 = admin1 | {norm(p.admin1) for p in outer.cands if p.admin1}
        t.best = max(t.cands, key=lambda p: score(p, t, admin1, named_countries, focus, near, inner, points))
        if not inner and t.chained and (up := _wider_readings(t, toponyms)):
            t.best = max(up, key=lambda p: score(p, t, admin1, named_countries, focus, near))  # "..., Michoacan"
        if quals and not fits(t.best, quals):
            if t.best.precision == "city" and any(norm(o.text) == norm(t.text) for o in quals):
                pass  # "Nawabshah city (Nawabshah, Punjab)": the district named after the city confirms it
            elif t.best.precision == "city" and t.best.population >= 100000 and \
                    all(o.best.precision not in ("admin1", "country") for o in quals if o.best):
                for o in quals:  # a city that big is what the text means; its neighbourhood is a namesake elsewhere
                    o.cands, o.best = [], None
            else:
                t.cands, t.best = [], None
        elif provinces and not quals and not t.chained and t.best.precision == "city" and \
                t.best.population < 100000 and norm(t.best.admin1 or "") not in provinces:
            t.cands, t.best = [], None  # a monitor's village far outside the region it reports on is a namesake
    # a small namesake abroad is not meant when the document's well-known places are all in other countries
    # ("in Morelia, Michoacan, ... in Colonia Camino Real" is no hamlet in the United States)
    sure = {t.best.country for t in toponyms if t.best and placing(t) and (
        t.best.precision in ("country", "admin1") or t.best.population >= 100000 or qualifiers(t, toponyms))}
    for t in toponyms:  # a site's town guessed from its name alone ("Belen Hospital"): only in the document's countries
        if t.anchor is not None and not t.cands and sure and t.anchor.country not in sure:
            t.anchor = None
    for t in toponyms:
        if sure and t.best and t.best.country not in sure and t.best.precision in ("city", "admin2") and \
                t.best.population < 100000 and not qualifiers(t, toponyms) and \
                not any(p.precision == "admin1" and p.primary and p.country == t.best.country for p in t.cands):
            t.cands, t.best = [], None  # (a town named like its province is well known: "in Dar'a")
    # likewise a small namesake in another province of that country: "in Fortaleza, Ceara, ... in Bom Jardim
    # neighborhood" is no town of that name elsewhere in Brazil; a namesake in the province is, else none is known
    held = [(t.best.country, t.best.admin1, t.start) for t in toponyms if t.best and t.best.admin1 and
            (t.best.precision == "admin1" or (t.best.precision == "city" and qualifiers(t, toponyms)))]
    for t in toponyms:
        b = t.best
        if not b or b.precision not in ("city", "admin2") or b.population >= 100000 or t.chained or qualifiers(t, toponyms):
            continue
        # only a province named in the same paragraph: an article's sections each have their own
        mine = {norm(a) for c, a, at in held if c == b.country and "\n" not in text[min(at, t.start):max(at, t.start)]}
        if mine and norm(b.admin1 or "") not in mine:  # ("Anbar" is "Al Anbar")
            inside = [p for p in t.cands if p.country == b.country and norm(p.admin1 or "") in mine and p.primary]
            t.best = max(inside, key=lambda p: p.population) if inside else None
            if not inside:
                t.cands = []
    for t in toponyms:
        quals = qualifiers(t, toponyms)
        if not t.best and quals:
            t.anchor = next((_point(q) for q in quals if q.best), None)
        if quals:  # later bare mentions of a qualified name mean the same place ("near Vodyane" again)
            for o in toponyms:
                if o.start > t.start and norm(o.text) == norm(t.text) and not qualifiers(o, toponyms):
                    o.cands, o.best, o.anchor = t.cands, t.best, t.anchor


def _names_country(t: Toponym) -> bool:
    return any(p.precision == "country" and own_name(t, p) for p in t.cands)


def _names_province(t: Toponym) -> bool:
    return any(p.precision == "admin1" and own_name(t, p) for p in t.cands)


def own_name(t: Toponym, p: Place) -> bool:
    """Whether the text names the place by its own name, its article included: "Salvador" is no name of El Salvador."""
    article = re.match(r"(?:el|al|la|le|the|ad|ar|as|an|at|az)\b", p.name, re.I)
    return p.primary and (article is None or bool(re.match(r"(?:the\s+)?" + re.escape(article.group(0)) + r"\b",
                                                             t.text, re.I)))


def _wider_readings(t: Toponym, toponyms: list[Toponym]) -> list[Place]:
    """A qualifier's province or district readings; its country reading too when no province of that name lies in a
    country the qualified place can be in ("Berane, Montenegro" is no Brazilian municipality; "Kagara (Rafi LGA,
    Niger)" is Niger State)."""
    up = [p for p in t.cands if p.precision in ("admin1", "admin2")]
    outer = _qualified(t, toponyms)
    countries = {c.country for c in outer.cands} if outer is not None else set()
    if countries and not any(p.country in countries for p in up):
        up += [p for p in t.cands if p.precision == "country" and p.country in countries]
    return up


def placing(t: Toponym) -> bool:
    """Whether the text names t as a place where things are, not an origin ("migrants from X")."""
    return t.cue != "from"


def _point(q: Toponym) -> Place | None:
    """The point a qualifier gives an unknown place inside it: a province read from a name that also names a big
    city keeps its precision but takes the city's point, where its people and its events are ("Abu Salim
    (Tripoli)" is a Tripoli neighbourhood, not the middle of the province)."""
    b = q.best
    if b is None or b.precision != "admin1":
        return b
    city = [p for p in q.cands if p.precision == "city" and p.population >= 100000 and p.country == b.country
            and ((p.admin1 and norm(p.admin1) == norm(b.name)) or abs(p.lat - b.lat) + abs(p.lon - b.lon) < 1.5)]
    if not city:
        return b
    big = max(city, key=lambda p: p.population)
    return replace(b, lat=big.lat, lon=big.lon)


def _qualified(t: Toponym, toponyms: list[Toponym]) -> Toponym | None:
    """The place a chained toponym qualifies: the chain's head before it."""
    prev = None
    for o in toponyms:
        if o.start >= t.start:
            break
        prev = o
    while prev is not None and prev.chained:
        earlier = [o for o in toponyms if o.end <= prev.start]
        if not earlier:
            break
        prev = earlier[-1]
    return prev if prev is not None and prev.cands else None


def fits(p: Place, quals: list[Toponym]) -> bool:
    for o in quals:
        for q in [o.best] if o.best else o.cands:  # a qualifier not resolved yet: any of its readings
            if (q.precision == "country" or p.precision == "country") and q.country == p.country:
                return True
            if q.admin1 and p.admin1 and norm(q.admin1) == norm(p.admin1):
                return True
            if q.precision != "country" and abs(q.lat - p.lat) + abs(q.lon - p.lon) < 1.0:
                return True
    return False


def score(p: Place, t: Toponym, admin1: set[str], countries: set, focus: Counter, near: list[Toponym],
          inner: bool = False, points: list[Place] | None = None) -> float:
    s = 0.0
    if points and any(abs(q.lat - p.lat) + abs(q.lon - p.lon) < 0.6 or
                      (p.precision == "admin1" and q.admin1 and norm(q.admin1) == norm(p.name)) for q in points):
        s += 4  # inside or beside its qualifying district or town: "Qazaxlar, Fuzuli"
    if p.admin1 and norm(p.admin1) in admin1 and p.precision != "admin1":
        s += 5
    elif p.precision == "admin1" and t.chained and norm(p.name) in admin1:
        s += 5  # a qualifying province that holds a reading of the place it qualifies: "Paris, Texas"
    elif p.precision == "admin1" and any(o.best and o.best.admin1 == p.name for o in near):
        s += 2
    if p.country in countries:
        s += 3
    total = sum(focus.values())
    if total and p.country:
        s += 2 * focus[p.country] / total
    s += 1.5 if p.primary else 0
    if t.prefer_admin and p.precision in ("admin1", "admin2"):
        s += 2
    elif p.precision == "admin2":
        s -= 1.5  # a district named after its town: the bare name is the town
    elif p.precision == "admin1" and not t.chained and any(c.precision == "city" and c.country == p.country for c in t.cands):
        s -= 1  # "in Karbala": the city, unless the text says province
    if inner and p.precision in ("city", "site"):
        s += 2.5
    if p.precision == "country":
        s += 1.5 + (6 if own_name(t, p) and not t.chained else 0)  # a country's own name names the country
    elif p.precision == "admin1" and own_name(t, p) and not t.chained and not any(
            c.precision == "city" and (c.country == p.country or (c.primary and c.population >= 5000)) for c in t.cands):
        s += 4  # so does a province's ("in Texas"), unless a town has its name ("in Karbala", "in Karak")
    if p.precision == "site":
        s += 3  # curated entries are what news means by the name
    elif p.precision == "city" and p.primary and p.population >= WORLD_CITY and not t.chained and not inner:
        s += 3  # a world city by its own name ("Paris"), whatever small namesakes the article's countries have
    return s + math.log10(p.population + 1) / 3

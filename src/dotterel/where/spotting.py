"""Toponym spotting for one document: spaCy's place entities, plus capitalised runs right after a locative cue
("near Bohdanivka, Donetsk", "(Kismaayo, Lower Juba)") that the gazetteer knows, since the small model misses many
villages. Generic words ("Lahore city", "Napak district") are stripped when the full name is unknown; places
written one after another are chained as qualifiers ("Cawayan, Masbate")."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from .candidates import (
    HELD,
    NOT_PLACE_LABELS,
    PLACE_LABELS,
    RANK,
    SOFT_CUES,
    SOFT_LABELS,
    Toponym,
    _big,
    _cue,
    _gap_ok,
    _group_open,
    _name_like,
    _qualifier_group,
    abbreviated_states,
    coded_to,
    lookup,
    mislabelled,
)
from .gazetteer import Gazetteer, norm
from .lexicon import (
    CONNECTORS,
    FACILITY,
    GENERIC,
    GEO_AFTER,
    GEO_OF,
    GEO_PREFIX,
    LOCATIVE_CUES,
    NOT_NAMES,
    RUN,
    STRONG_CUES,
    TIME_WORDS,
)

PEOPLE_AFTER = re.compile(r"(?:\s+and\s+(?:the\s+)?[A-Z][\w'’-]*)?\s+(?:tribes?|tribesmen|clans?|clansmen|militias?|"
                          r"militiamen|families|family|herders|fighters|youths)\b", re.I)


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


SETTLEMENT_OF = re.compile(r"\b(city|town|village|hamlet|settlement|camp|port|capital|township)\s+of\s+(the\s+)?$", re.I)


def _can_qualify(o: Toponym, t: Toponym) -> bool:
    """Whether o may name a place around t: some reading of o is at least as wide as some reading of t."""
    if not o.cands or not t.cands:
        return True
    return max(RANK[p.precision] for p in o.cands) >= min(RANK[p.precision] for p in t.cands)

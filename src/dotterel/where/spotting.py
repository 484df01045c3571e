"""Toponym spotting for one document: spaCy's place entities, plus capitalised runs right after a locative cue
("near Bohdanivka, Donetsk", "(Kismaayo, Lower Juba)") that the gazetteer knows, since the small model misses many
villages. Generic words ("Lahore city", "Napak district") are stripped when the full name is unknown; places
written one after another are chained as qualifiers ("Cawayan, Masbate")."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from spacy.tokens import Doc

from ..docindex import doc_text
from ..profile import Profile, load_profile
from .candidates import (
    NOT_PLACE_LABELS,
    PLACE_LABELS,
    SOFT_CUES,
    SOFT_LABELS,
    Toponym,
    _big,
    _chain,
    _cue,
    _name_like,
    _qualifier_group,
    _state_abbreviations,
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
    GEO_PREFIX,
    NOT_NAMES,
    STRONG_CUES,
)
from .runs import Run, _read_run, _runs

PEOPLE_AFTER = re.compile(r"(?:\s+and\s+(?:the\s+)?[A-Z][\w'’-]*)?\s+(?:tribes?|tribesmen|clans?|clansmen|militias?|"
                          r"militiamen|families|family|herders|fighters|youths)\b", re.I)


def spot(doc: Doc, gaz: Gazetteer, actor_spans: list[tuple[int, int]] | None = None,
         profile: Profile | None = None) -> list[Toponym]:
    """Place entities, then capitalised runs after a locative cue; a run right after a strong locative
    preposition overrides the small model's other labels ("in Kovvur town" tagged ORG). A run the gazetteer
    does not know is kept as an unplaced toponym when the text says it is a place ("the village of X",
    "X district", a place entity, or right after "in/near/at" with no other label). The ``profile`` says whether
    "[coded to X]" and abbreviated states ("(Prakasam, AP)") are read."""
    text = doc_text(doc)
    profile = load_profile(profile)
    abbreviations = _state_abbreviations() if profile.reads("state_abbreviations") else {}
    runs = _runs(text)
    found = _entities(doc, gaz, runs, abbreviations)
    found += mislabelled(doc, gaz, found)
    if profile.reads("coded_to"):
        found += coded_to(gaz, text, found)
    labels = Labels.of(doc, actor_spans or [])
    for s, run_end in runs:
        run = _read_run(text, gaz, s, run_end, found, abbreviations)
        if run is not None and not _known_name(text, gaz, run, found, labels):
            _unknown_name(text, gaz, run, found, labels)
        found.sort(key=lambda t: t.start)
    found = sorted(found + road_ends(gaz, text, found), key=lambda t: t.start)
    if profile.reads("state_abbreviations"):
        found = sorted(found + abbreviated_states(gaz, text, found), key=lambda t: t.start)
    # "the Somali capital", "a Syrian town": a nationality after an article, modifying a common noun, is no place
    # of that name ("in Kolimigundla town" has no article: a town's name)
    peoples = {(e.start_char, e.end_char) for e in doc.ents if e.label_ == "NORP" and len(e) == 1 and e.start > 0 and
               doc[e.start - 1].pos_ == "DET" and e.root.dep_ in ("amod", "compound") and e.root.head.i > e.root.i and
               e.root.head.is_lower}
    found = [t for t in found if (t.start, t.end) not in peoples]
    _chain(text, found)
    return found


ROAD = re.compile(r"\bthe\s+((?:[A-Z][\w'’]+\s+)?[A-Z][\w'’]+)(?:\s*-\s*((?:[A-Z][\w'’]+\s+)?[A-Z][\w'’]+))?\s+"
                  r"(?:road|highway|roundabout|bridge|intersection|junction|crossroads)\b")


def road_ends(gaz: Gazetteer, text: str, found: list[Toponym]) -> list[Toponym]:
    """The towns a road, bridge or roundabout is named after, where the gazetteer knows them as towns: "blocked the
    Kabul-Jalalabad highway", "the Halba roundabout" happened there."""
    out = []
    for m in ROAD.finditer(text):
        for g in (1, 2):
            s, e = m.span(g)
            cands = [p for p in lookup(gaz, m.group(g))[0] if p.precision == "city"] if s >= 0 else []
            if cands and not any(t.start < e and s < t.end for t in found + out):
                out.append(Toponym(s, e, m.group(g), cands, False, False, cue="on"))
    return out


def _entities(doc: Doc, gaz: Gazetteer, runs: list[tuple[int, int]], abbreviations: Collection[str]) -> list[Toponym]:
    """The model's place entities the gazetteer knows, each widened to its whole capitalised run."""
    text, found = doc_text(doc), []
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        s, e, name = ent.start_char, ent.end_char, ent.text
        # the small model often tags a part of a longer name ("Catole do Rocha" -> "Rocha"): take the whole run
        run = next(((a, b) for a, b in runs if a <= s and e <= b and (a, b) != (s, e)), None)
        if run and " " in text[run[0]:run[1]] and not text[run[0]:s].strip().startswith(("The", "A ")):
            whole = text[run[0]:run[1]].rstrip(".")
            cands, admin = lookup(gaz, whole)
            cue = _cue(text, run[0])
            if cands:
                found.append(Toponym(run[0], run[0] + len(whole), whole, cands, True, admin, cue=cue,
                                     qualified=_qualifier_group(gaz, text, run[0] + len(whole), cue,
                                                                 abbreviations)))
                continue
            if cue in STRONG_CUES:
                continue  # the run pass splits or keeps the whole name
        elif " " in ent.text and not lookup(gaz, ent.text)[0]:
            continue  # an unknown multi-word entity: the run pass may split "Zapopan Jalisco"
        cands, admin = lookup(gaz, name)
        if cands:
            cue = _cue(text, s)
            qualified = _qualifier_group(gaz, text, e, cue, abbreviations)
            found.append(Toponym(s, e, name, cands, True, admin, cue=cue, qualified=qualified))
    return found


@dataclass
class Labels:
    """The model's labels a run is checked against. An organisation or person label on a name right after
    "in"/"near" is often the small model's guess for an unfamiliar village ("killed in Olangur"); a firm label or a
    known actor ("in Hamas", "at the UN") never is a place."""

    places: list[tuple[int, int]]
    blocked: list[tuple[int, int]]
    firm: list[tuple[int, int]]
    peoples: list[tuple[int, int]]
    persons: list[tuple[int, int]]

    @classmethod
    def of(cls, doc: Doc, actor_spans: list[tuple[int, int]]) -> Labels:
        def spans(keep) -> list[tuple[int, int]]:
            return [(e.start_char, e.end_char) for e in doc.ents if keep(e.label_)]

        return cls(spans(lambda x: x in PLACE_LABELS), spans(lambda x: x in NOT_PLACE_LABELS),
                   spans(lambda x: x in NOT_PLACE_LABELS and x not in SOFT_LABELS) + actor_spans,
                   spans(lambda x: x == "NORP"), spans(lambda x: x == "PERSON"))


def _hits(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    return any(a < e and s < b for a, b in spans)


def _known_name(text: str, gaz: Gazetteer, run: Run, found: list[Toponym], labels: Labels) -> bool:
    """The longest start of the run the gazetteer knows, added to ``found``; whether the run is settled (read, or
    blocked by an overlap or a label). The run may end in a generic word ("Bathinda city"): lookup() strips it; it is
    never cut down to a bare first word."""
    s, words, cue, chained = run.s, run.words, run.cue, run.chained
    site = run.facility and bool(FACILITY.search(" ".join(words))) and not lookup(gaz, " ".join(words))[0]
    for k in range(len(words), 0, -1) if not site else ():
        rest_up = [p for p in lookup(gaz, " ".join(words[k:]))[0]
                   if p.precision in ("admin1", "country")] if k < len(words) else []
        if k == 1 and len(words) > 1 and not words[1][:1].isdigit() and words[1] not in CONNECTORS and not rest_up:
            # a bare first word only when it is a country, province or big city ("in France Khaled Issa said"),
            # never a generic prefix ("Colonia Mesa Verde" is no Uruguayan province)
            first, _ = lookup(gaz, words[0]) if not GEO_PREFIX.match(words[0] + " x") else ([], False)
            if first and (first[0].precision in ("country", "admin1") or first[0].population >= 100000):
                found.append(Toponym(s, s + len(words[0]), words[0], first, False, False, cue=cue, chained=chained))
                return True
            return False
        sub = " ".join(words[:k])
        e = s + len(sub)
        if any(t.start < e and s < t.end for t in found):
            return True
        # a model label blocks a name after a weak cue, unless the text itself marks it a place ("the limits of
        # Maidan Shar city", "the road into Zawiyat Dahmani (Tripoli)") and it is no known actor
        marked = bool(GENERIC.search(sub)) or bool(GEO_AFTER.match(text[e:e + 25])) or text[e:e + 2] == " (" or \
            bool(run.facility and FACILITY.search(sub))  # "Al Asad Air Base" tagged ORG
        if _hits(labels.blocked, s, e) and not run.strong and not chained and \
                not (marked and not _hits(labels.firm, s, e) and lookup(gaz, sub)[0]):
            return True
        rest = " ".join(words[k:])
        # a shorter name only when the words dropped are a province or country ("Tijuana Baja California"),
        # never a namesake of a fragment ("Colonia Mesa Colorada" is not Mesa, Arizona)
        up = [p for p in lookup(gaz, rest)[0] if p.precision in ("admin1", "country")] if rest else []
        if rest and not up and not rest[:1].isdigit():
            continue
        cands, admin = lookup(gaz, sub)
        if cands and k == len(words) and re.match(r"['’]s\b", text[e:e + 3]) and not _big(cands):
            return True  # "Joseph's Tomb": a possessive names a place only when it is a well-known one
        if cands and len(sub) > 2:
            found.append(Toponym(s, e, sub, cands, False, admin, cue=cue, chained=chained, qualified=run.qualified))
            if up:
                r0 = text.find(rest, e)
                found.append(Toponym(r0, r0 + len(rest), rest, up, False, True, cue=",", chained=True))
            return True
    return False


def _unknown_name(text: str, gaz: Gazetteer, run: Run, found: list[Toponym], labels: Labels) -> None:
    """A run the gazetteer does not know, kept as a place when the text says it is one; a named site takes its
    town's point from its own name ("Donetsk Filtration Station")."""
    s, words, cue, chained, qualified = run.s, run.words, run.cue, run.chained, run.qualified
    sub = " ".join(words)
    e = s + len(sub)
    if any(t.start < e and s < t.end for t in found) or norm(sub) in NOT_NAMES or len(sub) < 3:
        return
    if cue in ",(" and re.match(r"\s*\)", text[e:e + 3]) and (province := gaz.province_like(sub)):
        # the province slot of a qualifier group, spelt another way: "Wadi al-Rabi (Aljfara)"
        found.append(Toponym(s, e, sub, province, False, True, cue=cue, chained=chained))
        return
    if re.search(r"-[a-z]+$", sub):  # "American-led", "Israeli-occupied": an adjective, not a place
        return
    if PEOPLE_AFTER.match(text, e):
        return  # "between the Rizeigat and Misseriya tribesmen": peoples, not places
    if " of " in sub and (tail := sub.rsplit(" of ", 1)[1]) and (tail_cands := lookup(gaz, tail)[0]):
        # "PD10 of Kandahar city", "Teri Bazar of Chittagong": an unknown part of a known place
        t0 = s + sub.rindex(" of ") + 4
        found.append(Toponym(t0, t0 + len(tail), tail, tail_cands, False, False, cue="of"))
        return
    # a name the model tagged otherwise still reads as a place before a parenthesised qualifier: "in X (Y)"
    labelled = _hits(labels.blocked, s, e) and not ((cue in STRONG_CUES or qualified) and text[e:e + 2] == " (")
    if labelled and cue in SOFT_CUES and not _hits(labels.firm, s, e) and _name_like(sub) and \
            not (cue == "at" and _hits(labels.persons, s, e)):  # "shot at Mengistu"
        labelled = False
    geo_after = bool(GEO_AFTER.match(text[e:e + 25])) or bool(GENERIC.search(sub))
    is_ent = any(a <= s and e <= b for a, b in labels.places)
    if _hits(labels.peoples, s, e) and not qualified:
        return  # "the Pakistani town of": a people's name, not a place
    if run.facility and FACILITY.search(sub) and not _hits(labels.firm, s, e) and len(words) <= 6:
        site = Toponym(s, e, sub, [], False, False, cue=cue if cue in STRONG_CUES else "at", chained=chained)
        for k in range(len(words) - 1, 0, -1):  # its town gives the point: "Donetsk Filtration Station"
            head = FACILITY.search(" " + " ".join(words[k:]))
            if head and head.start() == 0 and (town := lookup(gaz, " ".join(words[:k]))[0]):
                site.anchor = max(town, key=lambda p: (p.precision != "country", p.population))
                break
        found.append(site)
        return
    if run.geo_before or geo_after or is_ent or ((cue in STRONG_CUES or chained or qualified or run.placed_in) and
                                                 not labelled):
        found.append(Toponym(s, e, sub, [], False, False, cue=cue if cue in STRONG_CUES or not run.geo_before else "in",
                             chained=chained, qualified=qualified))

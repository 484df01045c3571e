"""Place: toponyms resolved against the offline gazetteer, and each event's location.

An event's location is the place of its own clause or sentence: the place attached to it ("killed ... in
Mosul"), else a place in a locative phrase of its sentence. In a multi-sentence document an event with none
takes the place of an earlier sentence of its paragraph, its section heading, the article's dateline or lead
place, else the article's main country; a single sentence is never given a guess. A regional scope ("the Middle
East", "in Iraq and Syria") gives no location. Modules: spotting (names in the text), candidates (their
gazetteer readings), ranking (choosing a reading), document (the article's own geography), attachment (whether a
place is where something happened).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import replace

from spacy.tokens import Doc

from ..docindex import doc_text
from ..model import CodedDocument, Event, Location
from ..profile import Profile, load_profile
from .attachment import PREAMBLE, PREAMBLE_AS_REPORTED, _root, _sent_start, attached, governing_prep, locative, named_in_sentence
from .candidates import CODED, RANK, Toponym
from .document import (
    actor_countries,
    article_countries,
    dateline,
    drop_actors,
    fit_namesakes,
    headings,
    home,
    in_country_list,
    main_country,
    main_place,
    mark_scopes,
    paragraph_start,
    respell,
    sole_place,
)
from .gazetteer import Gazetteer, Place, _supplement, load_gazetteer, norm
from .lexicon import DIRECTIONS, GENERIC, GEO_NOUNS, NOT_NAMES, SITE_NOUNS, _alt
from .ranking import resolve_all
from .sectors import toward_sectors
from .spotting import spot


class PlaceResolver:
    """Pipeline stage: sets ``location`` on each event from the places of its sentence."""

    name = "where"

    def __init__(self, gazetteer: Gazetteer | None = None, profile: Profile | None = None):
        self.gaz = gazetteer or load_gazetteer()
        self.profile = load_profile(profile)
        self.contexts = context_places(self.gaz) if self.profile.reads("monitor_regions") else []
        self.preamble = PREAMBLE_AS_REPORTED if self.profile.reads("as_reported") else PREAMBLE

    def __call__(self, doc: Doc, coded: CodedDocument) -> None:
        if not coded.events:
            return
        mentions = getattr(coded, "mentions", [])
        known = [(m.start, m.end) for m in mentions
                 if getattr(m, "ref", None) and m.ref.id and not m.ref.id.startswith("local:")]
        toponyms = drop_actors(spot(doc, self.gaz, known, self.profile), [(m.start, m.end) for m in mentions if _organisation(m)])
        mark_scopes(toponyms)
        modifiers = [t for t in toponyms if _modifier(doc, t)]
        actors = actor_countries(mentions, modifiers, doc)
        # a name modifying a thing ("US dollar", "Iraq war") says nothing about where the article is
        named_most = article_countries([t for t in toponyms if t not in modifiers], Counter())
        countries = home(named_most + Counter({c: min(n, 3) for c, n in actors.items()}))
        respell(toponyms, self.gaz, countries, named_most)  # spelt the way of the country whose places it names
        text = doc_text(doc)
        contexts = [(region, provinces) for pattern, region, provinces in self.contexts if pattern.search(text)]
        resolve_all(toponyms, actors, frozenset(n for _, provinces in contexts for n in provinces), text, tuple(modifiers))
        fit_namesakes(toponyms, countries)
        toward_sectors(toponyms, text, self.gaz)  # "southern Lebanon" is not Lebanon's middle
        seen: dict[int, bool] = {}  # each toponym's reading is asked for once per event and per rival: parse it once

        def locates(t: Toponym) -> bool:
            if id(t) not in seen:
                seen[id(t)] = locative(doc, t, toponyms, self.preamble)
            return seen[id(t)]

        multi = len(list(doc.sents)) > 1
        country = lead = None
        heads = headings(doc_text(doc)) if multi else []  # once per document: section headings
        if multi:
            located, line = [t for t in toponyms if t.best and locates(t)], dateline(doc_text(doc), toponyms, self.gaz)
            line_place = named(line) if isinstance(line, Toponym) else line
            country = main_country(located, line_place, self.gaz)
            lead = main_place(located, line_place, country, doc_text(doc)) or sole_place(toponyms, modifiers)
        for event in coded.events:
            place = self.event_place(doc, event, toponyms, locates, countries)
            if place is SCOPE:
                continue  # "strikes in Iraq and Syria", "across the Middle East": no one place
            if place is None and multi:  # a report's context places it
                place = context_place(doc, event, toponyms, locates, heads) or lead or country
            elif place is None and (only := named_in_sentence(doc, event, toponyms, modifiers)) is not None:
                place = named(only)  # a lone sentence: the one place it names
            if place is not None and place.lat != place.lat and contexts:  # a village the gazetteer lacks
                region = contexts[0][0]
                place = Place(place.name, region.country, region.lat, region.lon, 0, region.admin1, None, "admin1")
            if place is not None:
                event.location = to_location(place)

    def event_place(self, doc: Doc, event: Event, toponyms: list[Toponym], locates: Callable[[Toponym], bool],
                    countries: set[str] | frozenset[str] = frozenset()) -> Place | None:
        span = event.trigger or event.evidence
        tok = doc.char_span(span.start, span.end, alignment_mode="expand")
        if tok is None:
            return None
        head, sent = tok.root, tok.root.sent
        mine = [t for t in toponyms if sent.start_char <= t.start < sent.end_char]
        ranked = []
        for i, t in enumerate(mine):
            att, loc = attached(doc, t, head), locates(t)
            if not (att or loc):
                continue  # a place named as an actor or a modifier ("Russia said", "Iraqi forces") is no event place
            # a place named as a bearing ("south of Tikrit") only locates when nothing else does
            bearing = (prep := governing_prep(doc, t)) is not None and prep.lower_ in DIRECTIONS
            # a possessive place qualifies another ("in Pakistan's port city of Karachi"): rank it after
            poss = (root := _root(doc, t)) is not None and root.dep_ == "poss"
            # of two chained places the smaller is the event's ("the Deir al-Asafir suburb of Damascus",
            # "the West Bank city of Nablus")
            wider = (t.chained and i > 0 and _wider(t, mine[i - 1])) or \
                (i + 1 < len(mine) and mine[i + 1].chained and _wider(t, mine[i + 1]))
            rank = RANK[t.best.precision] if t.best else 0
            # a place inside the trigger's own phrase ("targeting positions at Tal Dhalfa") before one outside it
            inside = root is not None and root.i != head.i and head in root.ancestors
            # a country named beside one of its own towns only locates what the town cannot ("in Esperanza
            # (Santa Fe), merchants gathered ... the isolation in Argentina")
            coarse = t.best is not None and t.best.precision == "country" and any(
                o.best is not None and o.best.country == t.best.country and o.best.precision != "country" and
                locates(o) for o in mine)
            ranked.append(((t.cue != CODED, bearing, not att, coarse, not inside, poss, wider, rank,
                            abs(t.start - span.start)), t))
        if not ranked:
            return None
        ranked.sort(key=lambda x: x[0])
        best_key, best = ranked[0]
        if best.scope:
            return SCOPE
        if (inner := _inner(doc_text(doc), best, [t for _, t in ranked])) is not None:
            best_key, best = next((k, t) for k, t in ranked if t is inner)
        if best.best is None:
            near = [t for t in mine if t.best and t.best.precision != "country"]  # its sentence's places give its point,
            near = [t for t in near if not countries or t.best.country in countries] or near  # the article's first
            placing_ = [t for _, t in ranked if t in near]  # those where things are first: not "forces of Artsakh"
            return unplaced(best, placing_ or near)
        if best.best.precision == "country":
            if in_country_list(doc_text(doc), best, mine):
                return SCOPE  # "the fighting in Iraq and Syria": a regional scope
            tied = {t.best.country for k, t in ranked if t.best and k[:-1] == best_key[:-1]}  # all but distance
            if len(tied) > 1:
                return None  # no one of them is the place
        return named(best)


SCOPE = Place("", None, float("nan"), float("nan"))  # the event happened across a region: no one place


def _modifier(doc: Doc, t: Toponym) -> bool:
    root = _root(doc, t)
    return root is not None and root.dep_ in ("compound", "amod") and root.head.lower_ not in GEO_NOUNS and \
        root.head.lower_ not in SITE_NOUNS and root.head.pos_ != "PROPN"


IN_GAP = re.compile(r"(?:\s+(?:" + _alt("geo_after") + r"))?\s*(?:,|in|near|of)\s+(?:the\s+)?(?:\w+ern\s+)?$", re.I)


def _inner(text: str, t: Toponym, ranked: list[Toponym]) -> Toponym | None:
    """The smaller place right before t that t contains: "protested in Jarablus (town) in Aleppo" was in Jarablus."""
    if t.best is None:
        return None
    before = [o for o in ranked if o.end <= t.start and IN_GAP.fullmatch(text[o.end:t.start])]
    o = before[-1] if before else None
    if o is None or o.best is None or o.best.country != t.best.country or RANK[o.best.precision] > RANK[t.best.precision] \
            or (o.best.precision == t.best.precision and o.best.population >= t.best.population):
        return None  # (a town "in Aleppo": the governorate named by its city)
    inside = t.best.precision == "country" or (o.best.admin1 is not None and norm(o.best.admin1) in
                                                (norm(t.best.admin1 or ""), norm(t.best.name)))
    return o if inside else None


def _organisation(m) -> bool:
    """A mention resolved to an organisation or person (not a state, whose id is its ISO3 code)."""
    ref = getattr(m, "ref", None)
    return bool(ref and ref.id and not ref.id.startswith("local:") and not re.fullmatch(r"[A-Z]{3}", ref.id))


def context_place(doc: Doc, event: Event, toponyms: list[Toponym], locates: Callable[[Toponym], bool],
                  heads: list[tuple[int, int]]) -> Place | None:
    """For an event whose own sentence names no place: the place of the nearest earlier sentence of its
    paragraph, else the first place its paragraph locates things in, else the place its section heading names."""
    span = event.trigger or event.evidence
    tok = doc.char_span(span.start, span.end, alignment_mode="expand")
    if tok is None:
        return None
    sent = tok.root.sent
    para = max(paragraph_start(doc_text(doc), tok.start_char), sent.start_char)  # a sentence may run over a line break
    para = paragraph_start(doc_text(doc), para)
    end = doc_text(doc).find("\n", tok.end_char)
    end = len(doc_text(doc)) if end < 0 else end
    placed = [t for t in toponyms if para <= t.start < end and not t.scope and (t.best or t.anchor) and locates(t)]
    earlier = [t for t in placed if t.start < sent.start_char]
    if earlier:
        last = _sent_start(doc, earlier[-1])
        here = [t for t in earlier if _sent_start(doc, t) == last]
        return _as_place(min(here, key=lambda t: RANK[t.best.precision] if t.best else 0))
    if placed:
        return _as_place(placed[0])
    for start, stop in reversed([h for h in heads if h[1] <= para]):
        named_here = [t for t in toponyms if start <= t.start < stop and t.best and not t.scope]
        if named_here:
            return named(named_here[0])
        break
    return None


def _as_place(t: Toponym) -> Place:
    return named(t) if t.best else unplaced(t, [])


def _size(t: Toponym) -> tuple[int, int]:
    return (RANK[t.best.precision], t.best.population) if t.best else (-1, 0)  # unknown: a village


def _wider(t: Toponym, other: Toponym) -> bool:
    """Whether t names the wider of two chained places: a qualifier after a comma or in parentheses always does
    ("Sehwan town (Jamshoro, Sindh)"); in "the X suburb of Y" / "the X city of Y" the bigger place does."""
    if t.start > other.start and (t.cue in ",(" or t.inner_of):
        return not t.inner_of
    if other.start > t.start and (other.cue in ",(" or other.inner_of):
        return other.inner_of
    return _size(t) > _size(other)


def unplaced(t: Toponym, known: list[Toponym]) -> Place:
    """A place the gazetteer lacks keeps its name. Its point is its qualifier's when the text says where it lies
    ("Hosingow town (Kismaayo, Lower Juba)" -> Kismaayo), else that of the most specific known place of its own
    sentence ("in Tijuana, ... found dead in La Presa Rural" -> Tijuana); else it has none: never a point
    borrowed from another sentence."""
    name = re.sub(r"^(the|The)\s+", "", GENERIC.sub("", t.text)).strip()
    if not name or norm(name) in NOT_NAMES:  # "the North Zone" is no place called "North"
        name = re.sub(r"^(the|The)\s+", "", t.text).strip()
    around = [o.best for o in sorted(known, key=lambda o: abs(o.start - t.start)) if o.best]
    if t.anchor:
        p = t.anchor
    elif around:
        p = min(around, key=lambda q: RANK[q.precision])
    else:
        return Place(name, None, float("nan"), float("nan"), 0, None, None, "site")
    return Place(name, p.country, p.lat, p.lon, 0, p.admin1, None, p.precision)


def named(t: Toponym) -> Place:
    """The document's own spelling names a city or province (GeoNames' 'Ţarābulus' is the text's 'Tripoli');
    a country keeps its canonical name ('U.S.' -> 'United States')."""
    assert t.best is not None
    if t.best.precision == "country":
        return t.best
    surface = GENERIC.sub("", t.text.strip(" .,;:()'’\"")).strip()
    surface = re.sub(r"^(the|The)\s+", "", surface)
    return replace(t.best, name=surface or t.best.name)


def context_places(gaz: Gazetteer) -> list[tuple[re.Pattern, Place, frozenset[str]]]:
    """places.json's context_places: (phrase pattern, the region, its provinces' normalised names)."""
    out = []
    for rec in _supplement("places.json").get("context_places", []):
        region = next((p for p in gaz.candidates(rec["place"]) if p.country == rec["country"]), None)
        names = frozenset(norm(p.name) for n in rec.get("provinces", []) for p in gaz.candidates(n)
                          if p.precision == "admin1" and p.country == rec["country"])
        if region is not None:
            out.append((re.compile(r"\b(?:" + "|".join(re.escape(x) for x in rec["phrases"]) + r")\b"), region, names))
    return out


def to_location(place: Place) -> Location:
    placed = place.lat == place.lat  # NaN: a named place without a point
    return Location(name=place.name, admin1=place.admin1, country=place.country, lat=round(place.lat, 5) if placed else None,
                    lon=round(place.lon, 5) if placed else None, geonameid=place.geonameid,
                    precision=CONTRACT_PRECISION.get(place.precision, place.precision) if placed else None)


# the contract knows four precisions: a district centroid is located to part of a region, like a province's
CONTRACT_PRECISION = {"admin2": "admin1"}


__all__ = ["Gazetteer", "Place", "PlaceResolver", "load_gazetteer"]

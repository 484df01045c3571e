"""Place: toponyms resolved against the offline gazetteer, and each event's location."""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Span, Token

from ..model import CodedDocument, Event, Location
from .gazetteer import Gazetteer, Place, load_gazetteer

PLACE_LABELS = {"GPE", "LOC", "FAC"}
ATTACHING_PREPS = {"in", "near", "at", "outside", "around", "inside", "into", "across", "on", "from", "of"}


class PlaceResolver:
    """Pipeline stage: sets ``location`` on each event from the places of its sentence."""

    name = "where"

    def __init__(self, gazetteer: Gazetteer | None = None):
        self.gaz = gazetteer or load_gazetteer()

    def __call__(self, doc: Doc, coded: CodedDocument) -> None:
        toponyms = [e for e in doc.ents if e.label_ in PLACE_LABELS]
        focus = Counter()  # the document's country focus decides between same-named places
        for ent in toponyms:
            for place in self.gaz.candidates(ent.text)[:1]:
                focus[place.country] += 1
        for event in coded.events:
            in_sentence = [e for e in toponyms if event.evidence.start <= e.start_char < event.evidence.end]
            best = self.event_place(doc, event, in_sentence, focus)
            if best is not None:
                event.location = to_location(best)

    def event_place(self, doc: Doc, event: Event, toponyms: list[Span], focus: Counter) -> Place | None:
        if not toponyms:
            return None
        trigger_token = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand") if event.trigger else None
        head = trigger_token.root if trigger_token is not None else None
        ranked = sorted(toponyms, key=lambda e: (not attached(e, head), -specificity(e, self.gaz),
                                                 abs(e.start_char - (event.trigger.start if event.trigger else 0))))
        for ent in ranked:
            if place := self.choose(ent.text, focus):
                return place
        return None

    def choose(self, name: str, focus: Counter) -> Place | None:
        cands = self.gaz.candidates(name)
        if not cands:
            return None
        return max(cands, key=lambda p: (focus.get(p.country, 0) > 0, p.precision != "country", p.population))


def attached(ent: Span, head: Token | None) -> bool:
    """Whether the place hangs off the trigger through a preposition ("killed ... in Mosul")."""
    if head is None:
        return False
    token = ent.root
    while token.head.i != token.i and token.i != head.i:
        if token.dep_ == "pobj" and token.head.lower_ in ATTACHING_PREPS and token.head.head.i == head.i:
            return True
        token = token.head
    return False


def specificity(ent: Span, gaz: Gazetteer) -> int:
    cands = gaz.candidates(ent.text)
    return 0 if not cands or all(p.precision == "country" for p in cands) else 1


def to_location(place: Place) -> Location:
    return Location(name=place.name, admin1=place.admin1, country=place.country, lat=round(place.lat, 5),
                    lon=round(place.lon, 5), geonameid=place.geonameid, precision=place.precision)


__all__ = ["Gazetteer", "Place", "PlaceResolver", "load_gazetteer"]

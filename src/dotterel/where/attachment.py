"""Attachment: whether a place is where something happened. A place is locative after a locative preposition or as
the object of an act on a place; attached to an event when it hangs off the event's trigger; a country named as a
party or an owner ("sanctions on Iran", "US forces") is neither."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from ..docindex import doc_text
from ..model import Event
from .candidates import CODED, RANK, Toponym
from .lexicon import (
    ATTACHING_PREPS,
    COUNTRY_NOT_LOCATIVE,
    DIRECTIONS,
    GEO_NOUNS,
    LOCAL_AGENTS,
    PLACE_VERBS,
    SITE_NOUNS,
    STRONG_CUES,
)


def _root(doc: Doc, t: Toponym) -> Token | None:
    span = doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is not None and len(span) > 1 and span[0].dep_ == "det":
        span = span[1:]  # "the Deir al-Asafir" (suburb): the name, not its article, hangs in the parse
    return span.root if span is not None else None


def governing_prep(doc: Doc, t: Toponym) -> Token | None:
    """The preposition whose object the place is, through conjuncts, appositions, possessives and 'city of'.
    A compass word stands for a preposition ("ambushed 30 km north of Kirkuk", "raids south of Baghdad")."""
    token = _root(doc, t)
    for _ in range(6):
        if token is None:
            return None
        if token.dep_ == "pobj":
            prep = token.head
            if prep.lower_ == "of" and prep.head.lower_ in DIRECTIONS and prep.head.dep_ != "pobj":
                return prep.head
            if prep.lower_ == "of" and prep.head.lower_ in ("inside", "outside") and prep.head.dep_ == "prep":
                return prep.head  # "inside of Darayya"
            if prep.lower_ == "to" and prep.head.lower_ in ("entrance", "entry", "approaches", "gateway"):
                token = prep.head  # "at the entrance to Ajaylat"
                continue
            if prep.lower_ == "of" and (prep.head.lower_ in GEO_NOUNS or prep.head.lower_ in SITE_NOUNS or
                                        prep.head.pos_ == "PROPN" or any(c.isdigit() for c in prep.head.text)):
                token = prep.head  # "the outskirts of X", "PD10 of Kandahar city", "Teri Bazar of Chittagong"
                continue
            return prep
        if token.dep_ in ("conj", "appos", "compound", "poss") or (token.dep_ == "nmod" and token.head.pos_ != "VERB"):
            token = token.head
            continue
        return None
    return None


def _country_not_a_place(doc: Doc, t: Toponym, prep: Token | None) -> bool:
    """A country named as a party ("talks between Russia and Ukraine", "sanctions on Iran") or as an owner or
    actor ("at US forces", "Russia's army") says who, not where."""
    return t.best is not None and t.best.precision == "country" and (
        (prep is not None and prep.lower_ in COUNTRY_NOT_LOCATIVE) or _names_who(doc, t))


def _names_who(doc: Doc, t: Toponym) -> bool:
    """A country modifying a noun that is no part of a territory names an owner or an actor: "US forces",
    "the US embassy in Baghdad", "Russia's army" (not "Iraq's Anbar province", "Syria's north")."""
    root = _root(doc, t)
    return root is not None and root.dep_ in ("compound", "poss") and root.head.lower_ not in GEO_NOUNS and \
        root.head.pos_ != "PROPN"


def _place_noun(doc: Doc, t: Toponym) -> Token | None:
    """The noun a place names or qualifies when it is no prepositional object: 'attacked a Kabul hotel' ->
    hotel, 'patrolled the streets of Bishkek' -> streets, 'captured Goma' -> Goma."""
    token = _root(doc, t)
    for _ in range(4):
        if token is None or token.head.i == token.i:
            return token
        if token.dep_ in ("conj", "appos"):
            token = token.head
        elif token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lower_ in GEO_NOUNS:
            token = token.head.head
        elif token.dep_ in ("compound", "poss", "nmod") and token.head.lower_ in SITE_NOUNS:
            token = token.head
        else:
            return token
    return token


FAR = re.compile(r"(\d[\d,.]*)\s*(?:-\s*)?(km|kms|kilometers|kilometres|miles|mi)\b[^.;]{0,30}$", re.I)


def far(doc: Doc, bearing: Token) -> bool:
    """'330 km southwest of Algiers' names a reference point, not where it happened; '2 km north of' does."""
    if bearing.lower_ not in DIRECTIONS:
        return False
    m = FAR.search(doc_text(doc)[max(0, bearing.idx - 45):bearing.idx])
    if not m:
        return False
    try:
        km = float(m.group(1).replace(",", "")) * (1.6 if m.group(2).lower().startswith("mi") else 1)
    except ValueError:
        return False
    return km > 30


def _preamble(as_reported: bool) -> re.Pattern:
    """A report's opening date phrase, after which a bare place names where it happened; ``as_reported``
    (profile acled-notes) also takes a note's remark on the date: "as reported on", "(as reported)"."""
    opener = "on|around|as of|by|late on|early on|overnight on" + ("|as reported on" if as_reported else "")
    remark = r"(?:\s*\([^)]{0,30}\))?" if as_reported else ""
    return re.compile(r"^\W*(?:(?:" + opener + r")\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+|"
                      r"[A-Z][a-z]+\s+\d{1,2}(?:st|nd|rd|th)?)(?:,?\s+\d{4})?" + remark + r"\s*,\s*$", re.I)


PREAMBLE, PREAMBLE_AS_REPORTED = _preamble(False), _preamble(True)


def _sent_start(doc: Doc, t: Toponym) -> int:
    span = doc.char_span(t.start, t.end, alignment_mode="expand")
    return span.sent.start_char if span is not None else 0


def _is_prep(prep: Token) -> bool:
    return prep.lower_ in ATTACHING_PREPS or prep.lower_ in DIRECTIONS


def _reaches(token: Token, head: Token) -> bool:
    """A compass word hangs off the trigger or off the object of one of its prepositions ('in raids north of')."""
    for _ in range(3):
        if token.i == head.i:
            return True
        if token.head.i == token.i:
            return False
        token = token.head
    return False


def locative(doc: Doc, t: Toponym, toponyms: list[Toponym] | None = None, preamble: re.Pattern = PREAMBLE) -> bool:
    """The place follows a locative preposition, or is its object in the parse, or qualifies such a place
    ("in Kovvur town (West Godaveri, AP)"), or names the site acted on ("patrolled the streets of Bishkek",
    "stormed a Kabul hotel")."""
    country = t.best is not None and t.best.precision == "country"
    prep = governing_prep(doc, t)
    if _country_not_a_place(doc, t, prep) or (country and t.cue in COUNTRY_NOT_LOCATIVE):
        return False
    if t.cue in STRONG_CUES or t.qualified or t.cue == CODED:
        return True
    if t.cue == "," and preamble.match(doc_text(doc)[_sent_start(doc, t):t.start]):
        return True  # "On 3 March 2024, Merida, Merida state, farmers blocked a road"
    if t.chained and toponyms:
        prev = [o for o in toponyms if o.end <= t.start]
        if prev and locative(doc, prev[-1], toponyms, preamble):
            return True
    if prep is not None:
        return _is_prep(prep) and not far(doc, prep)
    noun = _place_noun(doc, t)
    if noun is not None and noun.dep_ == "dobj" and noun.head.lemma_ in PLACE_VERBS:
        return True  # "police patrolled Katmandu", "troops entered Kuwait": the verb's object is where it happened
    if country:
        return False
    root = _root(doc, t)
    if root is not None and root.dep_ == "compound" and root.head.lower_ in LOCAL_AGENTS and root.head.dep_ == "nsubj":
        return True  # "Dallas police shot ...", "Basra protesters marched": the city's own people act there
    if root is not None and root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in LOCAL_AGENTS \
            and root.head.head.dep_ == "nsubj":
        return True  # "residents of Jen burnt tyres"
    return noun is not None and root is not None and noun.i != root.i and noun.dep_ in ("dobj", "nsubjpass") \
        and noun.lower_ in SITE_NOUNS


def attached(doc: Doc, t: Toponym, head: Token) -> bool:
    """Whether the place hangs off the trigger through a locative preposition ("killed ... in Mosul"), or is
    the place the trigger acts on ("captured the towns of Uvira and Goma", "bombed a Kabul hotel")."""
    prep = governing_prep(doc, t)
    if _country_not_a_place(doc, t, prep):
        return False
    if prep is not None:
        if prep.lower_ in DIRECTIONS:
            return _reaches(prep, head) and not far(doc, prep)
        return prep.lower_ in ATTACHING_PREPS and prep.head.i == head.i
    noun = _place_noun(doc, t)
    if noun is None or noun.head.i != head.i or noun.dep_ not in ("dobj", "nsubjpass"):
        return False
    # a country is where the act happened only as the object of an act on a place ("invaded Kuwait"), not of
    # any verb ("chanted 'Only Macedonia'")
    return t.best is None or t.best.precision != "country" or (noun.dep_ == "dobj" and head.lemma_ in PLACE_VERBS)


# prepositions that place what they govern ("of a quarter of Talas", "on the front near Marib"), unlike an origin,
# a destination or a source ("from Kobane", "to Mosul", "according to Washington")
PLACING = {"in", "at", "near", "of", "outside", "around", "across", "on", "inside", "within", "throughout", "along",
           "off", "between", "into", "over"}


def named_in_sentence(doc: Doc, event: Event, toponyms: list[Toponym], modifiers: list[Toponym]) -> Toponym | None:
    """A one-sentence report whose act hangs on no place ("residents of a quarter of Talas, Kayseri protested"): the
    most specific town or province the sentence names, not as a modifier ("Iraqi forces"), is where it happened."""
    span = event.trigger or event.evidence
    tok = doc.char_span(span.start, span.end, alignment_mode="expand")
    if tok is None:
        return None
    sent = tok.root.sent
    here = [t for t in toponyms if sent.start_char <= t.start < sent.end_char and t.best is not None and not t.scope
            and t not in modifiers and t.best.precision != "country" and _placed(doc, t, tok.root)]
    return min(here, key=lambda t: RANK[t.best.precision] if t.best else 0) if here else None


def _placed(doc: Doc, t: Toponym, trigger: Token) -> bool:
    """Named where things happen: after a placing preposition, or as what the act itself hit or took ("raided
    the town of X", "X was captured")."""
    if (prep := governing_prep(doc, t)) is not None:
        return prep.lower_ in PLACING
    root = _root(doc, t)
    return root is not None and root.dep_ in ("dobj", "nsubjpass") and root.head == trigger

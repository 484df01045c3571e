"""The article's own geography: which countries it is about, and what that rules out.

A country's name is never a town abroad ("Lebanon" is no town in Tennessee), a regional scope ("the Middle
East", "the Gulf") is no place at all, a name the gazetteer misses is tried in the article's countries under
other transliterations ("Al Huwayjah" is Hawija), and a small namesake must lie in the article's countries.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from spacy.tokens import Doc

from .candidates import RANK, Toponym
from .gazetteer import Gazetteer, Place, norm
from .lexicon import GENERIC, GEO_PREFIX, REGIONAL_SCOPES
from .ranking import _qualified, own_name, qualifiers

SMALL = 100_000  # a town this small is meant only where the article is
GLOBAL_RESPELL_MIN = 7  # letters a name needs to be respelt with no country to go by


def mark_scopes(toponyms: list[Toponym]) -> None:
    """A regional scope names no place: it keeps no reading, so that it locates nothing."""
    for t in toponyms:
        if norm(t.text) in REGIONAL_SCOPES:
            t.cands, t.best, t.anchor, t.scope = [], None, None, True


def drop_actors(toponyms: list[Toponym], actor_spans: list[tuple[int, int]]) -> list[Toponym]:
    """An organisation or person the actor stage resolved ("Hamas", "Hezbollah") is no place, whatever a
    gazetteer alternate name says ('Hamas' is no spelling of Hamm); a state named as an actor still is."""
    # only the actor's own name ("Karachi police" names an actor, and "Karachi" still a place), and never a
    # well-known place's own name: "Brussels" or "Moscow" standing for a government are places where they locate
    return [t for t in toponyms if _well_known(t) or
            not any(abs(a - t.start) <= 4 and abs(b - t.end) <= 2 for a, b in actor_spans)]


def _well_known(t: Toponym) -> bool:
    return any(p.primary and (p.precision in ("country", "admin1") or p.population >= SMALL) for p in t.cands)


def country_reading(t: Toponym) -> Place | None:
    """The country a toponym names by its own name ("Lebanon", "Palestine"), if any."""
    return next((p for p in t.cands if p.precision == "country" and own_name(t, p)), None)


def article_countries(toponyms: list[Toponym], actor_countries: Counter) -> Counter:
    """How strongly the article is about each country: countries named as such, places that lie in one
    country only, and the countries of its actors."""
    weight: Counter = Counter()
    for t in toponyms:
        if t.scope or not t.cands:
            continue
        if (c := country_reading(t)) is not None:
            weight[c.country] += 1
        elif len({p.country for p in t.cands}) == 1:
            weight[t.cands[0].country] += 2  # a town or province says more than a country named in passing
    for country, n in actor_countries.items():
        weight[country] += min(n, 3)
    return weight


def actor_countries(mentions: list, modifiers: list[Toponym], doc: Doc) -> Counter:
    """The countries of the article's actors, as evidence of where it is: not an actor named inside a modifier
    ("the US dollar exchange rate"), nor a group the actor stage gave the article's own country ("protesters",
    "military and police forces", "an unidentified armed group": their country was read from these same places)."""
    kept = [m for m in mentions if getattr(m, "ref", None) and m.ref.country and
            not any(t.start < m.end and m.start < t.end for t in modifiers)]
    # when no other actor says where it is, theirs is all there is ("WASHINGTON (AP) - Police arrested ..."), unless
    # it came from a modifier ("protesting the US dollar rate")
    muted = {p.country for t in modifiers for p in t.cands[:1]}
    return Counter(m.ref.country for m in kept if not _borrowed(m, doc)) or \
        Counter(m.ref.country for m in kept if m.ref.country not in muted)


def _borrowed(m, doc: Doc) -> bool:
    """A country's generic group ("USA.OPP.protesters", "SYR.MIL") whose own words name no nation or place: its
    country is the article's, not evidence of it ("Lebanese protesters", "Turkish forces" keep theirs)."""
    if "." not in (m.ref.id or ""):
        return False
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    return span is not None and not any(tok.ent_type_ in ("NORP", "GPE") for tok in span)


def home(weight: Counter) -> set[str]:
    """The countries the article is about: those it names (or places its actors in) at least half as often
    as its main one; a country listed in passing ("coalition members include ...") is not one."""
    top = max(weight.values(), default=0)
    return {c for c, n in weight.items() if c and n * 2 >= top}


def bare_name(t: Toponym) -> str:
    return GEO_PREFIX.sub("", GENERIC.sub("", t.text.strip(" .,;:()'’\""))).strip()


def respell(toponyms: list[Toponym], gaz: Gazetteer, countries: set[str], weight: Counter) -> None:
    """A name the gazetteer lacks read as another spelling of a place in the article's countries, the one
    whose places it names most first. Only a country whose places the article names about as often as its main
    one's is a spelling's home: a country named once beside an actor ("the U.S. condemns ...") is not where an
    Arabic name is another spelling of a Montana town."""
    top = max((weight[c] for c in countries), default=0)
    if top > 0:
        countries = {c for c in countries if 2 * weight[c] >= top}
    for t in toponyms:
        if t.scope or (t.anchor is not None and not t.cands):
            continue
        if t.cands:
            continue  # a name the gazetteer knows is that place or a namesake, never another spelling
        name = bare_name(t)
        if not countries and len(name) < GLOBAL_RESPELL_MIN:
            continue  # with no country to go by, never a short name ("Calif.")
        found = gaz.respelt(name, countries or None)
        if found and (countries or len({p.country for p in found}) == 1):
            # with no country to go by, only a spelling that names places in one country
            first = max((p.country for p in found), key=lambda c: weight[c])
            t.cands = [p for p in found if p.country == first]


def fit_namesakes(toponyms: list[Toponym], countries: set[str]) -> None:
    """After disambiguation: a country's name is the country; a small town or a province abroad gives way to a
    namesake in the article's countries."""
    for t in toponyms:
        if t.best is None:
            continue
        quals = qualifiers(t, toponyms)
        if (c := country_reading(t)) is not None and _country_meant(t, quals, toponyms):
            t.best = c
            continue
        if quals:
            continue
        if t.best.precision == "admin1" and countries and t.best.country not in countries:
            inside = [p for p in t.cands if p.country in countries and p.precision != "country"]
            if inside:  # "Red Sea" in a Yemeni report is no Sudanese province
                t.best = max(inside, key=lambda p: (p.primary, p.population))
            continue
        if t.best.precision not in ("city", "admin2") or t.best.population >= SMALL:
            continue
        if countries and t.best.country not in countries:
            inside = [p for p in t.cands if p.country in countries]
            if inside:
                t.best = max(inside, key=lambda p: (p.primary, p.precision == "city", p.population))


def _country_meant(t: Toponym, quals: list[Toponym], toponyms: list[Toponym]) -> bool:
    """Whether a name that is a country's names the country: always, except as a place qualified by a province
    ("Lebanon, Pennsylvania") or as the province qualifying a town ("Atlanta, Georgia"); a list of countries
    ("Australia, Belgium, Canada") is no qualification."""
    if quals and not all(country_reading(o) for o in quals):
        return False
    if t.chained and t.best is not None and t.best.precision == "admin1":
        head = _qualified(t, toponyms)
        return head is not None and country_reading(head) is not None
    return True


def main_country(located: list[Toponym], lead: Place | None, gaz: Gazetteer) -> Place | None:
    """The article's main country: the one its dateline names, else the one where it locates most things
    (as places of something, not "US dollars" or "Iraqi forces"), when one leads."""
    if lead is not None and lead.country:
        return gaz.country(lead.country)
    ranked = Counter(t.best.country for t in located if t.best is not None and t.best.country).most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return gaz.country(ranked[0][0])


DATELINE = re.compile(r"(?:^|\n)[^\S\n]*([A-Z][A-Za-z.'’ -]{1,40}?)(?:,[^\n—–]{1,40}?)?(?:\s*\([^)\n]{1,30}\))?\s*[—–-]+\s")
DATELINE_MIN_POP = 100_000  # a dateline names a city news agencies report from


def dateline(text: str, toponyms: list[Toponym], gaz: Gazetteer) -> Toponym | Place | None:
    """The place of a news dateline opening one of the first paragraphs: "BAGHDAD (Reuters) -",
    "NEW YORK, Nov. 19 (UPI) —"."""
    m = DATELINE.search(text[:800])
    if m is None:
        return None
    spotted = next((t for t in toponyms if m.start(1) <= t.start < m.end(1) and t.best is not None), None)
    cands = spotted.cands if spotted is not None else gaz.candidates(m.group(1).strip())
    cities = [p for p in cands if p.precision == "city" and p.population >= DATELINE_MIN_POP]
    if cities:  # "WASHINGTON -" is the capital, whatever states the article names
        return max(cities, key=lambda p: p.population)
    return spotted


def main_place(located: list[Toponym], lead: Place | None, country: Place | None, text: str) -> Place | None:
    """Where the article's story happens: its dateline's place, else the place its lead (first three
    sentences) locates something in, when that place lies in the article's main country."""
    if lead is not None:
        return lead
    early = [t for t in located if t.best is not None and t.best.precision != "country" and t.start < _lead_end(text)]
    if early and country is not None and early[0].best.country == country.country:
        return early[0].best
    return None


def _lead_end(text: str) -> int:
    """Where the lead ends: after three sentences of the body (title lines skipped)."""
    body = re.search(r"[^\n]{120,}", text)
    start = body.start() if body else 0
    stops = [m.end() for m in re.finditer(r"[.!?][\"”’']?\s", text[start:])]
    return start + (stops[2] if len(stops) > 2 else len(text) - start)


HEADING = re.compile(r"^[^\S\n]*([A-Z][^\n.!?:;]{1,60})[^\S\n]*$", re.M)


def headings(text: str) -> list[tuple[int, int]]:
    """Short lines without a full stop that open a section ("Syria", "Iraq", "Northern Iraq operations")."""
    return [(m.start(1), m.end(1)) for m in HEADING.finditer(text) if len(m.group(1).split()) <= 6]


def paragraph_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def sole_place(toponyms: list[Toponym], modifiers: list[Toponym]) -> Place | None:
    """The one place a short report names, when nothing locates its events ("residents of a neighbourhood of
    Talas, Kayseri held a demonstration"): every place it names lies in one province; the most specific one,
    places named as origins ("from X") only when there is no other."""
    named = [t for t in toponyms if t.best is not None and not t.scope and t.best.precision != "country" and
             not any(t is m for m in modifiers)]
    named = [t for t in named if t.cue != "from"] or named
    if not named or len({(t.best.country, norm(t.best.admin1 or t.best.name)) for t in named}) > 1:
        return None
    t = min(named, key=lambda t: RANK[t.best.precision])
    return replace(t.best, name=bare_name(t) or t.best.name)


LIST_GAP = re.compile(r"\s*(?:,|,?\s*(?:and|or|&))\s*(?:the\s+)?")


def in_country_list(text: str, t: Toponym, mine: list[Toponym]) -> bool:
    """Whether a country is listed with another ("Iraq and Syria", "Syria, Iraq or Lebanon")."""
    i = mine.index(t)
    around = [o for o in (mine[i - 1] if i else None, mine[i + 1] if i + 1 < len(mine) else None) if o is not None]
    return any(o.best is not None and o.best.precision == "country" and o.best.country != t.best.country and
               LIST_GAP.fullmatch(text[min(o.end, t.end):max(o.start, t.start)]) for o in around)

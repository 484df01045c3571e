"""Disambiguation: every candidate of a toponym scored by the admin1 provinces and countries that other toponyms of
the document name, the document's country focus (places and actors), the primary-name match and population;
qualifiers must fit what they qualify, and small namesakes outside the document's provinces and countries give way."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from .candidates import Toponym
from .features import own_name, score
from .gazetteer import Place, norm


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
        t.best = choose(t.cands, t, admin1, named_countries, focus, near, inner, points)
        if not inner and t.chained and (up := _wider_readings(t, toponyms)):
            t.best = choose(up, t, admin1, named_countries, focus, near)  # "..., Michoacan"
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
    sure = {t.best.country for t in toponyms if t.best and placing(t) and not any(t is m for m in mute) and (
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


def choose(cands: list[Place], t: Toponym, *context) -> Place:
    """The best-scored reading, the first on a tie; one place to watch the choices (scripts/train_place_ranking.py)."""
    return max(cands, key=lambda p: score(p, t, *context))


def _names_country(t: Toponym) -> bool:
    return any(p.precision == "country" and own_name(t, p) for p in t.cands)


def _names_province(t: Toponym) -> bool:
    return any(p.precision == "admin1" and own_name(t, p) for p in t.cands)


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
            # beside it; another spelling's reading only close by ("Kabuta (Al Mansura, Aden)" is no Qabbaytah in Lahij)
            if q.precision != "country" and abs(q.lat - p.lat) + abs(q.lon - p.lon) < (1.0 if p.primary else 0.3):
                return True
    return False

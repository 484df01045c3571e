"""The ranking of a toponym's candidates as a dot product: one named feature per reason to prefer a reading, and
weights read from src/dotterel/data/place_ranking.json (learned from evloc_dev by scripts/train_place_ranking.py,
or the hand weights when learning did not help), so that the weights are data, versioned with what made them."""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from functools import lru_cache
from importlib import resources

from .candidates import Toponym
from .gazetteer import Place, norm

WORLD_CITY = 1_000_000
WEIGHTS_FILE = "place_ranking.json"
# the order is the weights file's: append only, and retrain (or re-save the hand weights) after a change
FEATURES = ("in_qualifier_point", "admin1_in_context", "chained_province_holds", "province_of_near", "in_named_country",
            "focus_share", "primary", "prefer_admin_match", "admin2_penalty", "province_vs_city", "inner_city",
            "country_reading", "own_country_name", "own_province_name", "curated_site", "world_city", "log_population")
# the weights set by hand before they were learned: the training's starting point and prior
HAND_WEIGHTS = (4.0, 5.0, 5.0, 2.0, 3.0, 2.0, 1.5, 2.0, -1.5, -1.0, 2.5, 1.5, 6.0, 4.0, 3.0, 3.0, 1 / 3)


def own_name(t: Toponym, p: Place) -> bool:
    """Whether the text names the place by its own name, its article included: "Salvador" is no name of El Salvador."""
    article = re.match(r"(?:el|al|la|le|the|ad|ar|as|an|at|az)\b", p.name, re.I)
    return p.primary and (article is None or bool(re.match(r"(?:the\s+)?" + re.escape(article.group(0)) + r"\b",
                                                             t.text, re.I)))


def features(p: Place, t: Toponym, admin1: set[str], countries: set, focus: Counter, near: list[Toponym],
             inner: bool = False, points: list[Place] | None = None) -> list[float]:
    """The reading's feature vector, in FEATURES order; ``admin1`` and ``countries``: the provinces and countries
    the document's other toponyms name, ``points``: what t's qualifiers locate, ``inner``: t is qualified."""
    f = dict.fromkeys(FEATURES, 0.0)
    # inside or beside its qualifying district or town: "Qazaxlar, Fuzuli"
    f["in_qualifier_point"] = float(bool(points) and any(
        abs(q.lat - p.lat) + abs(q.lon - p.lon) < 0.6 or
        (p.precision == "admin1" and bool(q.admin1) and norm(q.admin1 or "") == norm(p.name)) for q in points or ()))
    if p.admin1 and norm(p.admin1) in admin1 and p.precision != "admin1":
        f["admin1_in_context"] = 1.0
    elif p.precision == "admin1" and t.chained and norm(p.name) in admin1:
        f["chained_province_holds"] = 1.0  # a qualifying province that holds a reading of what it qualifies: "Paris, Texas"
    elif p.precision == "admin1" and any(o.best and o.best.admin1 == p.name for o in near):
        f["province_of_near"] = 1.0
    f["in_named_country"] = float(p.country in countries)
    total = sum(focus.values())
    f["focus_share"] = focus[p.country] / total if total and p.country else 0.0
    f["primary"] = float(p.primary)
    if t.prefer_admin and p.precision in ("admin1", "admin2"):
        f["prefer_admin_match"] = 1.0
    elif p.precision == "admin2":
        f["admin2_penalty"] = 1.0  # a district named after its town: the bare name is the town
    elif p.precision == "admin1" and not t.chained and any(c.precision == "city" and c.country == p.country for c in t.cands):
        f["province_vs_city"] = 1.0  # "in Karbala": the city, unless the text says province
    f["inner_city"] = float(inner and p.precision in ("city", "site"))
    if p.precision == "country":
        f["country_reading"] = 1.0
        f["own_country_name"] = float(own_name(t, p) and not t.chained)  # a country's own name names the country
    elif p.precision == "admin1" and own_name(t, p) and not t.chained and not any(
            c.precision == "city" and (c.country == p.country or (c.primary and c.population >= 5000)) for c in t.cands):
        f["own_province_name"] = 1.0  # so does a province's ("in Texas"), unless a town has its name ("in Karbala")
    if p.precision == "site":
        f["curated_site"] = 1.0  # curated entries are what news means by the name
    elif p.precision == "city" and p.primary and p.population >= WORLD_CITY and not t.chained and not inner:
        f["world_city"] = 1.0  # a world city by its own name ("Paris"), whatever small namesakes the article's countries have
    f["log_population"] = math.log10(p.population + 1)
    return list(f.values())


@lru_cache(maxsize=1)
def weights() -> tuple[float, ...]:
    """The shipped weights, checked against FEATURES: a file made for other features must not rank silently."""
    data = json.loads((resources.files("dotterel") / "data" / WEIGHTS_FILE).read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise ValueError(f"{WEIGHTS_FILE} was made for other features: rerun scripts/train_place_ranking.py")
    return tuple(float(w) for w in data["weights"])


def score(p: Place, t: Toponym, admin1: set[str], countries: set, focus: Counter, near: list[Toponym],
          inner: bool = False, points: list[Place] | None = None) -> float:
    return sum(w * x for w, x in zip(weights(), features(p, t, admin1, countries, focus, near, inner, points)))

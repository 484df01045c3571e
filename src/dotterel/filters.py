"""Filter values as people type them, checked and normalised: dates ("last week", "3 days ago", 2024-05), PLOVER
types, countries by name or ISO3, actors by id or name. Pure functions; each raises FilterError with a message that
says what would work.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import cache
from importlib import resources

import yaml


class FilterError(ValueError):
    """A filter value that means nothing; the message says what is accepted."""


@cache
def yaml_weights() -> dict:
    """data/plover_weights.yaml: PLOVER's 16 types with their quad class and intensity weights."""
    return yaml.safe_load((resources.files("dotterel") / "data" / "plover_weights.yaml").read_text(encoding="utf-8"))


def plover_types() -> dict[str, dict]:
    return yaml_weights()["types"]


DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
AGO = re.compile(r"^(?:(\d+)\s+(day|week|month|year)s?\s+ago|(?:last|past)\s+(\d+)\s+(day|week|month|year)s?)$")
SPAN_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}


def parse_when(value: str | None, option: str = "--since", today: dt.date | None = None) -> str | None:
    """YYYY, YYYY-MM or YYYY-MM-DD as they are; today, yesterday, last week/month/year, N days ago, last N days as
    the day they start on."""
    if not value:
        return None
    text = " ".join(value.lower().split())
    if DATE.match(text):
        from .ingest.dateline import is_date_prefix

        if is_date_prefix(text):
            return text
        raise FilterError(f"{option} must be a real date; {value!r} is none")
    today = today or dt.date.today()
    named = {"today": 0, "yesterday": 1, "last week": 7, "past week": 7, "last month": 30, "past month": 30,
             "last year": 365, "past year": 365}
    if text in named:
        return (today - dt.timedelta(days=named[text])).isoformat()
    m = AGO.match(text)
    if m:
        n, unit = (int(m.group(1)), m.group(2)) if m.group(1) else (int(m.group(3)), m.group(4))
        return (today - dt.timedelta(days=n * SPAN_DAYS[unit])).isoformat()
    raise FilterError(f"{option} must be a real date (YYYY, YYYY-MM, YYYY-MM-DD) or today, yesterday, last week, last month, "
                      f"last year, 'N days ago', 'last N days'; got {value!r}")


def check_types(value: str | None) -> list[str] | None:
    """Comma-separated PLOVER types, upper-cased; an unknown one lists the valid ones."""
    if not value:
        return None
    types = [t.strip().upper() for t in value.split(",") if t.strip()]
    unknown = [t for t in types if t not in plover_types()]
    if unknown:
        raise FilterError(f"unknown event type {', '.join(unknown)}; PLOVER's types are {', '.join(sorted(plover_types()))}")
    return types


@cache
def country_names() -> dict[str, str]:
    """Lower-cased country names and aliases -> ISO3, from the actor base's states and the gazetteer's aliases."""
    names: dict[str, str] = {}
    data = resources.files("dotterel") / "data"
    for line in (data / "actors.jsonl").read_text(encoding="utf-8").splitlines():
        actor = json.loads(line) if line.strip() else {}
        if actor.get("kind") == "state" and actor.get("country"):
            for name in [actor["name"], *actor.get("aliases", [])]:
                names.setdefault(name.lower(), actor["country"])
    for iso, aliases in json.loads((data / "places.json").read_text(encoding="utf-8"))["country_aliases"].items():
        for name in aliases:
            names.setdefault(name.lower(), iso)
    return names


def check_country(value: str | None) -> str | None:
    """ISO3 code or a country's name -> ISO3."""
    if not value:
        return None
    text = value.strip()
    codes = set(country_names().values())
    if text.upper() in codes:
        return text.upper()
    iso = country_names().get(text.lower())
    if iso:
        return iso
    close = sorted(n for n in country_names() if n.startswith(text.lower()[:3]))[:5]
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise FilterError(f"--country {value!r} is no country name or ISO 3166 alpha-3 code{hint}")


def parse_precision(value: str | None) -> list[str] | None:
    """Comma-separated location precisions (site, city, admin1, country, none), lower-cased."""
    from .query import PRECISIONS

    if not value:
        return None
    wanted = [p.strip().lower() for p in value.split(",") if p.strip()]
    unknown = [p for p in wanted if p not in PRECISIONS]
    if unknown:
        raise FilterError(f"unknown location precision {', '.join(unknown)}; use {', '.join(PRECISIONS)}")
    return wanted or None

"""Synthetic contract records for store-level tests of incidents, trends and exports (no coding needed)."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

PLACES = {"Kirkuk": ("Kirkuk", "IRQ", 35.47, 44.39), "Mosul": ("Nineveh", "IRQ", 36.34, 43.13),
          "Aleppo": ("Aleppo", "SYR", 36.20, 37.16)}


def ref(name: str, actor_id: str | None, country: str | None = None, sector: str | None = None) -> dict[str, Any]:
    return {"text": name, "name": name, "id": actor_id, "country": country, "sector": sector}


def event(n: int, event_type: str, actor: dict, recipient: dict | None, date: str, place: str | None = None,
          fatalities: int | None = None, mode: str | None = None, acled: tuple[str, str] | None = None) -> dict[str, Any]:
    text = f"report {n}: {actor['name']} {event_type.lower()} {recipient['name'] if recipient else ''}"
    loc = None
    if place:
        admin1, country, lat, lon = PLACES[place]
        loc = {"name": place, "admin1": admin1, "country": country, "lat": lat, "lon": lon, "geonameid": None,
               "precision": "city"}
    return {"id": f"ev{n}", "event_type": event_type, "mode": mode, "context": [], "actor": actor, "recipient": recipient,
            "date": date, "date_precision": "day", "location": loc, "fatalities": fatalities, "injured": None,
            "arrested": None, "incident_count": None, "acled_event_type": acled[0] if acled else None,
            "acled_sub_event_type": acled[1] if acled else None, "historical": False,
            "evidence": {"start": 0, "end": len(text), "text": text}, "mentions": [], "confidence": 0.8,
            "salience": "main"}


def record(doc_id: str, events: list[dict], date: str | None = None, url: str | None = None) -> dict[str, Any]:
    return {"doc_id": doc_id, "publication_date": date, "title": None, "url": url, "events": events, "quotes": [],
            "actors": [{"id": r["id"], "name": r["name"], "kind": "armed_group", "country": r["country"],
                        "sector": r["sector"], "aliases": [r["name"]], "member_of": []}
                       for e in events for r in (e["actor"], e["recipient"]) if r and r["id"]],
            "relations": [], "error": None}


def store_records(store, records: list[dict[str, Any]]) -> int:
    """Store ready-made contract records (one document each, its text made from its evidence)."""
    def item(rec):
        text = " ".join(e["evidence"]["text"] for e in rec["events"]) + f" ({rec['doc_id']})"
        return hashlib.sha1(text.encode()).hexdigest(), text, lambda: rec

    return store._add(item(r) for r in records)


def days(start: str, n: int) -> list[str]:
    first = dt.date.fromisoformat(start)
    return [(first + dt.timedelta(days=i)).isoformat() for i in range(n)]

"""One incident from the reports that tell it: merged fields, each with the source it came from.

Independent sources are distinct ``source`` values (a near-duplicate copy of a document is the same source).
Fatalities: the range over sources and the value chosen, the one most sources give (ties: the lowest, the
conservative reading ACLED also takes). Confidence: 1 - prod(1 - c) over independent sources, each source
counted once with its surest report.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from .fusion import PLACE_LEVEL
from .model import stable_id

ACTOR_FIELDS = ("actor_id", "actor_name", "actor_country")
RECIPIENT_FIELDS = ("recipient_id", "recipient_name", "recipient_country")
PLACE_FIELDS = ("location_name", "admin1", "country", "lat", "lon", "geo_precision")
DATE_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}


def incident_id(members: list[dict[str, Any]]) -> str:
    """Stable: the id of the founding report (the first in store order)."""
    return "inc-" + stable_id(members[0]["id"], length=12)


def sources(members: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Each independent source with its surest report."""
    best: dict[str, dict[str, Any]] = {}
    for r in members:
        key = r.get("source") or r["content_hash"]
        if key not in best or (r.get("confidence") or 0) > (best[key].get("confidence") or 0):
            best[key] = r
    return best


def combined_confidence(members: list[dict[str, Any]]) -> float:
    doubt = 1.0
    for r in sources(members).values():
        doubt *= 1.0 - min(max(r.get("confidence") if r.get("confidence") is not None else 0.5, 0.0), 0.99)
    return round(1.0 - doubt, 3)


def _pick(members: list[dict[str, Any]], fields: tuple[str, ...], rank) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """The fields of the best-ranked report that has them (ties: the value most reports give), and that report."""
    having = [r for r in members if r.get(fields[0]) is not None or r.get(fields[1]) is not None]
    if not having:
        return {f: None for f in fields}, None
    votes = Counter(tuple(r.get(f) for f in fields) for r in having)
    chosen = min(having, key=lambda r: (rank(r), -votes[tuple(r.get(f) for f in fields)]))
    return {f: chosen.get(f) for f in fields}, chosen


def _provenance(report: dict[str, Any] | None) -> dict[str, Any] | None:
    return None if report is None else {"doc_id": report["doc_id"], "content_hash": report["content_hash"],
                                        "event_id": report["id"]}


def fatalities(members: list[dict[str, Any]]) -> dict[str, Any]:
    counted = [r for r in sources(members).values() if r.get("fatalities") is not None]
    if not counted:
        return {"value": None, "min": None, "max": None, "source": None}
    votes = Counter(r["fatalities"] for r in counted)
    value = min(votes, key=lambda v: (-votes[v], v))
    chosen = next(r for r in counted if r["fatalities"] == value)
    return {"value": value, "min": min(votes), "max": max(votes), "source": _provenance(chosen)}


def _known_actor(r: dict[str, Any], side: str) -> int:
    name = (r.get(f"{side}_name") or "").lower()
    return 0 if r.get(f"{side}_id") else 1 if name and name != "unidentified actor" else 2


def merge(members: list[dict[str, Any]]) -> dict[str, Any]:
    """The incident record: merged fields, their provenance, the sources and the explanation of each merge."""
    types = Counter(r["event_type"] for r in members)
    event_type = min(types, key=lambda t: (-types[t], t))
    actor, actor_from = _pick(members, ACTOR_FIELDS, lambda r: _known_actor(r, "actor"))
    recipient, recipient_from = _pick(members, RECIPIENT_FIELDS, lambda r: _known_actor(r, "recipient"))
    where, place_from = _pick(members, PLACE_FIELDS, lambda r: PLACE_LEVEL.get(r.get("geo_precision") or "", 4))
    dated = [r for r in members if r.get("date")]
    date_from = min(dated, key=lambda r: (DATE_RANK.get(r.get("date_precision") or "", 4), -len(str(r["date"]))),
                    default=None)
    mode = Counter(r["mode"] for r in members if r.get("mode") and r["event_type"] == event_type).most_common(1)
    toll = fatalities(members)
    independent = sources(members)
    return {
        "id": incident_id(members), "event_type": event_type, "mode": mode[0][0] if mode else None,
        **actor, **recipient, **where,
        "date": date_from["date"] if date_from else None,
        "date_precision": date_from.get("date_precision") if date_from else None,
        "fatalities": toll["value"], "fatalities_min": toll["min"], "fatalities_max": toll["max"],
        "n_sources": len(independent), "n_reports": len(members), "confidence": combined_confidence(members),
        "provenance": {"actor": _provenance(actor_from), "recipient": _provenance(recipient_from),
                       "location": _provenance(place_from), "date": _provenance(date_from),
                       "fatalities": toll["source"]},
        "sources": [{"event_id": r["id"], "content_hash": r["content_hash"], "source": r.get("source") or r["content_hash"],
                     "doc_id": r["doc_id"], "url": r.get("url"), "evidence": {"start": r.get("evidence_start"),
                     "end": r.get("evidence_end"), "text": r.get("evidence_text")}, "event_type": r["event_type"],
                     "date": r.get("date"), "location_name": r.get("location_name"), "fatalities": r.get("fatalities"),
                     "confidence": r.get("confidence"), "duplicate": (r.get("source") or r["content_hash"]) != r["content_hash"],
                     "reason": r.get("reason")} for r in members],
    }

"""Incident fusion: coded events from many documents that report one real-world incident become one incident.

Pure functions over *reports*: flat event dicts with the store's event columns (``event_type``, ``actor_id``,
``actor_name``, ``recipient_*``, ``date``, ``date_precision``, ``lat``, ``lon``, ``location_name``, ``admin1``,
``country``, ``geo_precision``, ``fatalities``, ``confidence``, ``content_hash``) plus ``source`` (the document a
near-duplicate copy stands for, see ``neardup``) and ``publication_date``. ``report_of`` makes one from a contract
event. Every decision comes with its reasons, so that each merge can be explained.

Rules (weights and distances in data/fusion.yaml): the types are equal or listed as compatible; the actors are the
same id, or the same name, or one side is unknown; a recipient missing on one side is compatible, two different
ones are not; the date windows overlap (a day's window widened by a day of slack); located places are within
``max_km``, or share the admin1 when one side is only province-level; two differently named cities further apart
than ``same_place_km`` contradict. A report joins an incident when it contradicts none of its reports and agrees
with one of them by at least ``min_score`` points.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from .model import unnamed_side

UNKNOWN = {"", "unidentified actor", "unknown", "none"}
# reasons that tie two reports to one incident beyond type and date (a report must have one of them)
TIES = ("same actor", "same dyad", "same place", "same province", "same toll")
PLACE_LEVEL = {"site": 0, "city": 1, "admin1": 2, "country": 3}


@cache
def settings() -> dict[str, Any]:
    return yaml.safe_load((resources.files("dotterel") / "data" / "fusion.yaml").read_text(encoding="utf-8"))


@dataclass
class Match:
    """How two reports (or a report and an incident) compare: ``ok`` unless something contradicts."""

    ok: bool = True
    score: int = 0
    reasons: list[str] = field(default_factory=list)

    def gain(self, points_name: str, reason: str) -> None:
        self.score += settings()["score"][points_name]
        self.reasons.append(reason)

    def refuse(self, reason: str) -> Match:
        self.ok = False
        self.reasons.append(reason)
        return self


def report_of(record: dict[str, Any], event: dict[str, Any], source: str | None = None) -> dict[str, Any]:
    """A flat report from a contract record and one of its events (the store's event columns)."""
    loc = event.get("location") or {}
    actor, recipient = event.get("actor") or {}, event.get("recipient") or {}
    ev = event.get("evidence") or {}
    content_hash = record.get("content_hash") or record["doc_id"]
    return {"id": event["id"], "content_hash": content_hash, "source": source or content_hash,
            "doc_id": record["doc_id"], "url": record.get("url"), "publication_date": record.get("publication_date"),
            "event_type": event["event_type"], "mode": event.get("mode"),
            "actor_id": actor.get("id"), "actor_name": actor.get("name"), "actor_country": actor.get("country"),
            "recipient_id": recipient.get("id"), "recipient_name": recipient.get("name"),
            "recipient_country": recipient.get("country"), "date": event.get("date"),
            "date_precision": event.get("date_precision"), "location_name": loc.get("name"), "admin1": loc.get("admin1"),
            "country": loc.get("country"), "lat": loc.get("lat"), "lon": loc.get("lon"), "geo_precision": loc.get("precision"),
            "fatalities": event.get("fatalities"), "confidence": event.get("confidence"),
            "salience": event.get("salience"), "evidence_text": ev.get("text"), "evidence_start": ev.get("start"),
            "evidence_end": ev.get("end")}


# ------------------------------------------------------------------ dates
def _day(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value and len(str(value)) >= 10 else None
    except ValueError:
        return None


def date_window(report: dict[str, Any]) -> tuple[dt.date, dt.date] | None:
    """The days the event may have happened on; None when nothing is known."""
    date, slack = str(report.get("date") or ""), dt.timedelta(days=settings()["day_slack"])
    try:
        if len(date) >= 10:
            day = dt.date.fromisoformat(date[:10])
            width = dt.timedelta(days=6) if report.get("date_precision") == "week" else dt.timedelta(0)
            return day - slack, day + width + slack
        if len(date) == 7:
            year, month = int(date[:4]), int(date[5:7])
            return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
        if len(date) == 4:
            return dt.date(int(date), 1, 1), dt.date(int(date), 12, 31)
    except ValueError:
        return None
    published = _day(report.get("publication_date"))
    if published:
        return published - dt.timedelta(days=settings()["undated_days_before"]), published
    return None


def _overlap(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


# ------------------------------------------------------------------ places
def distance_km(a: dict[str, Any], b: dict[str, Any]) -> float | None:
    """Great-circle distance of two located reports (None when either has no coordinates)."""
    if a.get("lat") is None or b.get("lat") is None or a.get("lon") is None or b.get("lon") is None:
        return None
    p1, p2 = math.radians(a["lat"]), math.radians(b["lat"])
    dp, dl = p2 - p1, math.radians(b["lon"] - a["lon"])
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _level(report: dict[str, Any]) -> int:
    return PLACE_LEVEL.get(report.get("geo_precision") or "", 1 if report.get("location_name") else 9)


def _norm(value: Any) -> str:
    return " ".join(str(value or "").lower().replace("-", " ").split())


def compare_places(a: dict[str, Any], b: dict[str, Any], m: Match) -> None:
    """Add the places' agreement to ``m``, or refuse it."""
    cfg = settings()
    if not a.get("location_name") or not b.get("location_name"):
        return  # one report does not say where: no evidence either way
    if a.get("country") and b.get("country") and a["country"] != b["country"]:
        m.refuse(f"different countries ({a['country']} / {b['country']})")
        return
    coarse = max(_level(a), _level(b))
    if coarse >= PLACE_LEVEL["admin1"]:  # one side names only a province (or a country)
        if coarse == PLACE_LEVEL["admin1"] and a.get("admin1") and b.get("admin1") and _norm(a["admin1"]) != _norm(b["admin1"]):
            m.refuse(f"different provinces ({a['admin1']} / {b['admin1']})")
        elif coarse == PLACE_LEVEL["admin1"]:
            m.gain("same_admin1", f"same province ({a.get('admin1') or b.get('admin1')})")
        return
    km = distance_km(a, b)
    same_name = _norm(a["location_name"]) == _norm(b["location_name"])
    if km is None:
        if not same_name:
            m.refuse(f"different places ({a['location_name']} / {b['location_name']})")
        else:
            m.gain("same_place", f"same place ({a['location_name']})")
        return
    if km > cfg["max_km"]:
        m.refuse(f"{km:.0f} km apart ({a['location_name']} / {b['location_name']})")
    elif not same_name and _level(a) == _level(b) == PLACE_LEVEL["city"] and km > cfg["same_place_km"]:
        m.refuse(f"different towns {km:.0f} km apart ({a['location_name']} / {b['location_name']})")
    else:
        m.gain("same_place", f"same place ({a['location_name']})" if same_name
               else f"{km:.0f} km apart ({a['location_name']} / {b['location_name']})")


# ------------------------------------------------------------------ actors
def _known(report: dict[str, Any], side: str) -> bool:
    return (_norm(report.get(f"{side}_name")) not in UNKNOWN and not unnamed_side(report, side)) or \
        bool(report.get(f"{side}_id"))


def _coded(actor_id: Any) -> str | None:
    """A knowledge-base id; a ``local:`` id only spells the surface form, so it is no evidence of identity."""
    return actor_id if actor_id and not str(actor_id).startswith("local:") else None


def same_party(a: dict[str, Any], side_a: str, b: dict[str, Any], side_b: str) -> str | None:
    """How two actor references name one party ('id', 'code': one code inside the other, as ISR and ISR.MIL;
    'name'), or None when nothing says so."""
    id_a, id_b = a.get(f"{side_a}_id"), b.get(f"{side_b}_id")
    if id_a and id_b and id_a == id_b:
        return "id"
    code_a, code_b = _coded(id_a), _coded(id_b)
    if code_a and code_b and (code_a.startswith(code_b + ".") or code_b.startswith(code_a + ".")):
        return "code"
    name_a, name_b = _norm(a.get(f"{side_a}_name")), _norm(b.get(f"{side_b}_name"))
    if name_a and name_a == name_b and name_a not in UNKNOWN and not unnamed_side(a, side_a) and \
            not unnamed_side(b, side_b):
        return "name"
    return None


def different_parties(a: dict[str, Any], side_a: str, b: dict[str, Any], side_b: str) -> bool:
    """Both references resolved to the knowledge base, to parties that are not one: a contradiction. An
    unresolved surface form ("a hotel", "gunmen") contradicts nothing."""
    return bool(_coded(a.get(f"{side_a}_id")) and _coded(b.get(f"{side_b}_id"))) and \
        same_party(a, side_a, b, side_b) is None


def compare_actors(a: dict[str, Any], b: dict[str, Any], m: Match) -> None:
    swapped = a["event_type"] == b["event_type"] and a["event_type"] in settings()["symmetric_types"] \
        and _known(a, "recipient") and _known(b, "recipient") \
        and same_party(a, "actor", b, "recipient") and same_party(a, "recipient", b, "actor")
    if swapped:  # a clash or a meeting told from either side
        m.gain("same_actor_name", f"same dyad, told from the other side ({a['actor_name']} / {b['actor_name']})")
        m.gain("same_recipient", "same dyad")
        return
    for side, points in (("actor", None), ("recipient", "same_recipient")):
        if different_parties(a, side, b, side):
            m.refuse(f"different {side}s ({a.get(f'{side}_name')} / {b.get(f'{side}_name')})")
            return
        how = same_party(a, side, b, side)
        if how:
            m.gain(points or ("same_actor_id" if how in ("id", "code") else "same_actor_name"),
                   f"same {side} ({a.get(f'{side}_name')}, by {how})")


# ------------------------------------------------------------------ the decision
def types_compatible(a: str, b: str) -> bool:
    return a == b or any(a in group and b in group for group in settings()["compatible_types"])


def compare(a: dict[str, Any], b: dict[str, Any]) -> Match:
    """Whether two reports tell one incident, with the reasons (and points) for and against."""
    m = Match()
    if not types_compatible(a["event_type"], b["event_type"]):
        return m.refuse(f"different types ({a['event_type']} / {b['event_type']})")
    if a["event_type"] == b["event_type"]:
        m.gain("same_type", f"same type ({a['event_type']})")
    wa, wb = date_window(a), date_window(b)
    if wa and wb:
        if not _overlap(wa, wb):
            return m.refuse(f"different dates ({a.get('date') or 'undated'} / {b.get('date') or 'undated'})")
        if len(str(a.get("date") or "")) >= 10 and str(a.get("date"))[:10] == str(b.get("date") or "")[:10]:
            m.gain("same_day", f"same day ({str(a['date'])[:10]})")
    compare_actors(a, b, m)
    if m.ok:
        compare_places(a, b, m)
    if m.ok and a.get("fatalities") is not None and a.get("fatalities") == b.get("fatalities") and a["fatalities"] > 0:
        m.gain("same_fatalities", f"same toll ({a['fatalities']} killed)")
    return m


def join(report: dict[str, Any], members: list[dict[str, Any]]) -> Match:
    """How a report fits an incident: refused if it contradicts any member; else the best agreement with one member,
    which must reach ``min_score`` (``same_document_score`` with a report of its own document: the document pass
    already told them apart, so only a near-certain match overrules it)."""
    cfg = settings()
    best = Match(ok=False, reasons=["no members"])
    for member in members:
        m = compare(report, member)
        if m.ok and member["content_hash"] == report["content_hash"] and m.score < cfg["same_document_score"]:
            m.refuse("the same document tells it as another event")
        if not m.ok:
            return m
        if not best.ok or m.score > best.score:
            best = m
    if best.ok and best.score < cfg["min_score"]:
        best.refuse(f"too little in common (score {best.score} < {cfg['min_score']})")
    elif best.ok and not any(r.startswith(TIES) or " km apart" in r for r in best.reasons):
        best.refuse("neither the actor, the place nor the toll ties them")
    return best


def place(report: dict[str, Any], incidents: list[list[dict[str, Any]]]) -> tuple[int | None, Match | None]:
    """The index of the incident a report joins (the best fitting one) and why; (None, None) for a new incident."""
    chosen: tuple[int | None, Match | None] = (None, None)
    for i, members in enumerate(incidents):
        m = join(report, members)
        if m.ok and (chosen[1] is None or m.score > chosen[1].score):
            chosen = (i, m)
    return chosen


def cluster(reports: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Group reports into incidents, in the given order (the store's: ingest order), each report joining the best
    incident so far or opening a new one. Each report gets ``reason`` (why it joined; None for a founder)."""
    incidents: list[list[dict[str, Any]]] = []
    for report in reports:
        i, m = place(report, incidents)
        if i is None:
            incidents.append([{**report, "reason": None}])
        else:
            incidents[i].append({**report, "reason": "; ".join(m.reasons)})
    return incidents

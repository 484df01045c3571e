"""Incidents in the DuckDB store: near-duplicate documents, incidents and their sources, kept up to date at ingest.

``fuse_documents`` takes the documents just stored, in ingest order: each is checked against earlier documents for
a near-duplicate (recorded in ``document_duplicates``, so its events count as the same source), then each of its
events joins the incident it fits (see ``fusion``) or opens a new one. ``refuse_all`` re-does everything from
scratch in ingest order, which gives the same incidents as the incremental runs did.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from . import fusion
from .fusion_merge import merge
from .neardup import THRESHOLD, band_keys, jaccard, shingles, signature
from .query import rows

SCHEMA = """
CREATE TABLE IF NOT EXISTS document_bands (band BIGINT, content_hash VARCHAR);
CREATE TABLE IF NOT EXISTS document_duplicates (content_hash VARCHAR PRIMARY KEY, duplicate_of VARCHAR, similarity DOUBLE);
CREATE TABLE IF NOT EXISTS incidents (
  id VARCHAR PRIMARY KEY, event_type VARCHAR, mode VARCHAR, actor_id VARCHAR, actor_name VARCHAR, actor_country VARCHAR,
  recipient_id VARCHAR, recipient_name VARCHAR, recipient_country VARCHAR, location_name VARCHAR, admin1 VARCHAR,
  country VARCHAR, lat DOUBLE, lon DOUBLE, geo_precision VARCHAR, date VARCHAR, date_precision VARCHAR,
  fatalities INTEGER, fatalities_min INTEGER, fatalities_max INTEGER, n_sources INTEGER, n_reports INTEGER,
  confidence DOUBLE, record JSON);
CREATE TABLE IF NOT EXISTS incident_sources (
  incident_id VARCHAR, event_id VARCHAR, content_hash VARCHAR, source VARCHAR, reason VARCHAR);
"""
INCIDENT_COLUMNS = ["id", "event_type", "mode", "actor_id", "actor_name", "actor_country", "recipient_id", "recipient_name",
                    "recipient_country", "location_name", "admin1", "country", "lat", "lon", "geo_precision", "date",
                    "date_precision", "fatalities", "fatalities_min", "fatalities_max", "n_sources", "n_reports",
                    "confidence"]
REPORTS = ("SELECT e.*, CAST(d.publication_date AS VARCHAR) AS publication_date, d.url, "
           "coalesce(dup.duplicate_of, e.content_hash) AS source FROM events e JOIN documents d USING (content_hash) "
           "LEFT JOIN document_duplicates dup ON dup.content_hash = e.content_hash")


def ensure_schema(con) -> None:
    con.execute(SCHEMA)


# ------------------------------------------------------------------ near-duplicates
def record_duplicate(con, content_hash: str, text: str) -> str | None:
    """Index a document's bands; when an earlier document is the same article, record and return it."""
    hashed = shingles(text or "")
    keys = band_keys(signature(hashed))
    marks = ", ".join("?" * len(keys))
    candidates = con.execute(f"SELECT DISTINCT b.content_hash, d.text FROM document_bands b JOIN documents d USING "
                             f"(content_hash) WHERE b.band IN ({marks}) AND b.content_hash <> ?",
                             [*keys, content_hash]).fetchall()
    best, similarity = None, 0.0
    for other, other_text in sorted(candidates):
        s = jaccard(hashed, shingles(other_text or ""))
        if s >= THRESHOLD and s > similarity:
            best, similarity = other, s
    con.executemany("INSERT INTO document_bands VALUES (?, ?)", [[k, content_hash] for k in keys])
    if best is None:
        return None
    original = con.execute("SELECT duplicate_of FROM document_duplicates WHERE content_hash = ?", [best]).fetchone()
    best = original[0] if original else best
    con.execute("INSERT OR REPLACE INTO document_duplicates VALUES (?, ?, ?)", [content_hash, best, round(similarity, 3)])
    return best


# ------------------------------------------------------------------ incidents
def _date_clause(report: dict[str, Any]) -> tuple[str, list[Any]]:
    """Events whose date may overlap the report's window: day dates a week around it, month and year dates that
    contain it, undated events published around it."""
    window = fusion.date_window(report)
    if window is None:
        return "", []
    lo, hi = (window[0] - dt.timedelta(days=7)).isoformat(), (window[1] + dt.timedelta(days=7)).isoformat()
    published_hi = (window[1] + dt.timedelta(days=fusion.settings()["undated_days_before"] + 7)).isoformat()
    return ("AND ((e.date IS NULL AND CAST(d.publication_date AS VARCHAR) BETWEEN ? AND ?) OR "
            "(length(e.date) >= 10 AND left(e.date, 10) BETWEEN ? AND ?) OR (length(e.date) = 7 AND e.date BETWEEN ? AND ?) "
            "OR (length(e.date) = 4 AND e.date BETWEEN ? AND ?))", [lo, published_hi, lo, hi, lo[:7], hi[:7], lo[:4], hi[:4]])


def candidate_groups(con, report: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The incidents (id -> reports, in join order) with a report of a compatible type and a date that may overlap,
    in one query (the fusion rules decide)."""
    types = sorted({t for g in fusion.settings()["compatible_types"] if report["event_type"] in g for t in g}
                   | {report["event_type"]})
    dates, params = _date_clause(report)
    candidates = (f"SELECT DISTINCT s.incident_id FROM incident_sources s JOIN events e ON e.id = s.event_id AND "
                  f"e.content_hash = s.content_hash JOIN documents d ON d.content_hash = e.content_hash "
                  f"WHERE e.event_type IN ({', '.join('?' * len(types))}) {dates}")
    found = rows(con, f"SELECT r.*, s.incident_id, s.reason FROM incident_sources s JOIN ({candidates}) c USING "
                      f"(incident_id) JOIN ({REPORTS}) r ON r.id = s.event_id AND r.content_hash = s.content_hash "
                      f"ORDER BY s.incident_id, s.rowid", [*types, *params])
    groups: dict[str, list[dict[str, Any]]] = {}
    for r in found:
        groups.setdefault(r.pop("incident_id"), []).append(r)
    return groups


def save_incident(con, incident_id: str, group: list[dict[str, Any]]) -> None:
    record = merge(group)
    record["id"] = incident_id  # an incident keeps its id as reports join it
    con.execute("DELETE FROM incidents WHERE id = ?", [incident_id])
    con.execute(f"INSERT INTO incidents VALUES ({', '.join('?' * (len(INCIDENT_COLUMNS) + 1))})",
                [record[c] for c in INCIDENT_COLUMNS] + [json.dumps(record, ensure_ascii=False, default=str)])


def fuse_documents(con, content_hashes: list[str]) -> int:
    """Fuse the events of newly stored documents (in this order) into incidents; returns how many they touched."""
    ensure_schema(con)
    touched: dict[str, list[dict[str, Any]]] = {}
    if not content_hashes:
        return 0
    ordered = con.execute(f"SELECT content_hash FROM documents WHERE content_hash IN ({', '.join('?' * len(content_hashes))}) "
                          f"ORDER BY ingested_at, doc_id", list(content_hashes)).fetchall()  # the store's order
    for (h,) in ordered:
        text = con.execute("SELECT text FROM documents WHERE content_hash = ? AND error IS NULL", [h]).fetchone()
        if text is None:
            continue
        record_duplicate(con, h, text[0])
        for report in rows(con, f"{REPORTS} WHERE e.content_hash = ? ORDER BY e.evidence_start, e.id", [h]):
            by_id = candidate_groups(con, report)
            ids, groups = list(by_id), list(by_id.values())
            index, match = fusion.place(report, groups)
            if index is None:
                incident_id, reason, group = "inc-" + fusion_id(report), None, []
            else:
                incident_id, reason, group = ids[index], "; ".join(match.reasons), groups[index]
            con.execute("INSERT INTO incident_sources VALUES (?, ?, ?, ?, ?)",
                        [incident_id, report["id"], h, report["source"], reason])
            touched[incident_id] = group + [{**report, "reason": reason}]
            save_incident(con, incident_id, touched[incident_id])
    return len(touched)


def fusion_id(report: dict[str, Any]) -> str:
    from .model import stable_id

    return stable_id(report["id"], report["content_hash"], length=12)


def refuse_all(con) -> dict[str, int]:
    """Drop every incident and duplicate mark and fuse the whole store again, in ingest order."""
    ensure_schema(con)
    for table in ("document_bands", "document_duplicates", "incidents", "incident_sources"):
        con.execute(f"DELETE FROM {table}")
    hashes = [r[0] for r in con.execute("SELECT content_hash FROM documents ORDER BY ingested_at, doc_id").fetchall()]
    fuse_documents(con, hashes)
    one = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
    return {"documents": len(hashes), "duplicates": one("SELECT count(*) FROM document_duplicates"),
            "incidents": one("SELECT count(*) FROM incidents"),
            "multi_source": one("SELECT count(*) FROM incidents WHERE n_sources > 1")}

"""Reading incidents: the same filters as events (dates, type, actor, country), shared by the CLI and the web API."""

from __future__ import annotations

import json
from typing import Any

from .query import Where, has_table, precision_clause, rows

INCIDENT_ORDER = "date NULLS LAST, n_sources DESC, id"
ACTOR_TEXT = ("actor_name", "recipient_name")
ACTOR_IDS = ("actor_id", "recipient_id")


def has_incidents(con) -> bool:
    """A store written before incidents existed (and opened read-only) has no incident tables: no incidents."""
    return has_table(con, "incidents")


def incident_where(since: str | None = None, until: str | None = None, event_type: list[str] | None = None,
                   actor: str | None = None, country: str | None = None, min_sources: int | None = None,
                   literal: bool = True, precision: list[str] | None = None, recipient: str | None = None) -> Where:
    w = Where(literal=literal).since(since).until(until, width=10).one_of(event_type, "event_type")
    w.match(actor, ACTOR_TEXT, ACTOR_IDS).same(country, "country", "actor_country", "recipient_country")
    w.match(recipient, ("recipient_name",), ("recipient_id",))
    if min_sources:
        w.add("n_sources >= ?", min_sources)
    return precision_clause(w, precision)


def _item(row: dict[str, Any], full: bool = False) -> dict[str, Any]:
    record = json.loads(row.pop("record"))
    row["sources"] = record["sources"]
    if full:
        row["provenance"] = record["provenance"]
    return row


def incidents(con, w: Where, limit: int | None = 100, offset: int = 0) -> dict[str, Any]:
    """A page of incidents matching ``w``, each with its sources; ``total`` counts every match."""
    if not has_incidents(con):
        return {"total": 0, "limit": limit, "offset": offset, "items": []}
    total = con.execute(f"SELECT count(*) FROM incidents WHERE {w.sql}", w.params).fetchone()[0]
    sql = f"SELECT * FROM incidents WHERE {w.sql} ORDER BY {INCIDENT_ORDER}"
    params = list(w.params)
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [limit, offset]
    return {"total": total, "limit": limit, "offset": offset, "items": [_item(r) for r in rows(con, sql, params)]}


def incident(con, incident_id: str) -> dict[str, Any] | None:
    """One incident with its sources (document, url, evidence, why each joined) and the provenance of each field."""
    if not has_incidents(con):
        return None
    found = rows(con, "SELECT * FROM incidents WHERE id = ?", [incident_id])
    return _item(found[0], full=True) if found else None


def duplicates(con) -> list[dict[str, Any]]:
    """Documents recorded as near-duplicates of an earlier one."""
    if not has_incidents(con):
        return []
    return rows(con, "SELECT a.doc_id, b.doc_id AS duplicate_of, x.similarity FROM document_duplicates x JOIN documents a "
                     "ON a.content_hash = x.content_hash JOIN documents b ON b.content_hash = x.duplicate_of ORDER BY 1", [])


TREND_COLUMNS = "event_type, mode, actor_name, recipient_name, country, actor_country, date, fatalities"


def trend_rows(con, w: Where, source: str = "incidents") -> list[dict[str, Any]]:
    """The rows the escalation monitor counts: incidents (each real incident once), or the raw events; a store
    without incidents gives its events."""
    if source not in ("incidents", "events"):
        raise ValueError(f"source must be incidents or events, got {source!r}")
    table = source if source == "events" or has_incidents(con) else "events"
    return rows(con, f"SELECT {TREND_COLUMNS} FROM {table} WHERE {w.sql}", w.params)

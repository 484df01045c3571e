"""The stored records an export writes, cut down to the events that match the filters of `dotterel events`, with an
analyst's corrections applied and the events flagged wrong or duplicate left out (unless asked for)."""

from __future__ import annotations

import json
from typing import Any

from .corrections import apply_to_records
from .query import ACTOR_IDS, ACTOR_TEXT, Where, precision_clause


def event_where(since: str | None = None, until: str | None = None, types: list[str] | None = None,
                actor: str | None = None, country: str | None = None, precision: list[str] | None = None) -> Where:
    w = Where(literal=False).match(actor, ACTOR_TEXT, ACTOR_IDS).one_of(types, "event_type")
    w.since(since).until(until, width=10).same(country, "country", "actor_country", "recipient_country")
    return precision_clause(w, precision)


def selected_records(con, where: tuple[str, list[Any]], filtered: bool, include_flagged: bool = False
                     ) -> list[dict[str, Any]]:
    """Every stored record when nothing is filtered; else the records with a matching event (``where`` over
    ``events e``), each keeping only its matching events (its actors, quotes and relations as they are)."""
    records = con.execute("SELECT content_hash, record FROM documents ORDER BY ingested_at, doc_id").fetchall()
    if not filtered:
        return apply_to_records(con, [json.loads(r) for _, r in records], include_flagged)
    sql, params = where
    keep: dict[str, set[str]] = {}
    for h, event_id in con.execute(f"SELECT e.content_hash, e.id FROM events e WHERE {sql}", params).fetchall():
        keep.setdefault(h, set()).add(event_id)
    out = []
    for h, raw in records:
        if h in keep:
            rec = json.loads(raw)
            rec["events"] = [e for e in rec["events"] if e["id"] in keep[h]]
            out.append(rec)
    return apply_to_records(con, out, include_flagged)

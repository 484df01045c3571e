"""Read queries of the web API over the DuckDB store: one filter, many views.

Filters are built with ..query, the core the Python API shares. User text only ever reaches SQL as a bound
parameter (LIKE patterns are escaped so '%' and '_' in a search match themselves). The DuckDB fts extension is
not assumed: search is ILIKE.
"""

from __future__ import annotations

from typing import Any

from ..corrections import annotate
from ..network import QUAD, build_graph
from ..query import EVENT_ORDER, EventFilter, Where, actor_columns, like, rows

__all__ = ["QUAD", "QUAD_NAMES", "EventFilter", "like", "rows"]  # the web app's names, now kept in ..query

QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


def quad_of(event_type: str | None) -> int | None:
    return QUAD.get(event_type or "")


def _event_out(row: dict[str, Any]) -> dict[str, Any]:
    row["quad"] = quad_of(row.get("event_type"))
    row["key"] = row.pop("content_hash")
    return row


# the columns a table of events can be sorted by (name -> SQL); "-name" sorts descending
EVENT_SORTS = {"date": "date", "type": "event_type", "mode": "mode", "actor": "actor_name", "recipient": "recipient_name",
               "location": "location_name", "fatalities": "fatalities", "confidence": "confidence", "document": "doc_id"}


def event_order(sort: str | None) -> str:
    """ORDER BY for ``sort`` (a key of EVENT_SORTS, "-" first for descending), ties by date and text position."""
    if not sort:
        return f"{EVENT_ORDER}, e.id"
    column = EVENT_SORTS[sort.lstrip("-")]
    return f"{column} {'DESC' if sort.startswith('-') else 'ASC'} NULLS LAST, {EVENT_ORDER}, e.id"


def events(con, f: EventFilter, limit: int, offset: int, sort: str | None = None) -> dict[str, Any]:
    where, params = f.where()
    total = con.execute(f"SELECT count(*) FROM events e WHERE {where}", params).fetchone()[0]
    items = rows(con, f"SELECT e.*, (SELECT any_value(d.url) FROM documents d WHERE d.content_hash = e.content_hash) "
                      f"AS url FROM events e WHERE {where} ORDER BY {event_order(sort)} LIMIT ? OFFSET ?",
                 params + [limit, offset])
    return {"total": total, "limit": limit, "offset": offset, "items": annotate(con, [_event_out(r) for r in items], "event")}


def actors(con, name: str | None, country: str | None, kind: str | None, limit: int, offset: int) -> dict[str, Any]:
    w = Where("a").match(name, ("name",), ("id",), ("aliases",)).same(country, "country").equal(kind, "kind")
    # each actor's events (as actor or recipient, once when both) counted in one pass, not one subquery per actor
    counts = ("SELECT id, count(*) AS n FROM (SELECT actor_id AS id FROM events UNION ALL SELECT recipient_id FROM events "
              "WHERE recipient_id IS DISTINCT FROM actor_id) WHERE id IS NOT NULL GROUP BY id")
    base = (f"SELECT {actor_columns()}, coalesce(any_value(c.n), 0) AS events FROM actors a LEFT JOIN ({counts}) c "
            f"ON c.id = a.id WHERE {w.sql} GROUP BY a.id")
    total = con.execute(f"SELECT count(*) FROM ({base})", w.params).fetchone()[0]
    items = rows(con, f"{base} ORDER BY events DESC, documents DESC, name LIMIT ? OFFSET ?", w.params + [limit, offset])
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def actor(con, actor_id: str) -> dict[str, Any] | None:
    base = rows(con, f"SELECT {actor_columns(member_of=True)} FROM actors a WHERE a.id = ? GROUP BY a.id", [actor_id])
    if not base:
        return None
    out = base[0]
    out["events"] = [_event_out(r) for r in rows(
        con, f"SELECT * FROM events WHERE actor_id = ? OR recipient_id = ? ORDER BY {EVENT_ORDER} LIMIT 500",
        [actor_id, actor_id])]
    out["quotes"] = quotes_of(con, "speaker_id = ? OR speaker_org_id = ?", [actor_id, actor_id])
    out["relations"] = rows(con, "SELECT content_hash AS key, a, b, type, evidence_start, evidence_end, evidence_text "
                                 "FROM relations WHERE a = ? OR b = ?", [actor_id, actor_id])
    return out


def quotes_of(con, where: str, params: list[Any], limit: int = 500, offset: int = 0) -> list[dict[str, Any]]:
    return rows(con, f"SELECT content_hash AS key, doc_id, text, start_char AS start, end_char AS \"end\", kind, cue, "
                     f"speaker_text, speaker_name, speaker_id, speaker_org_name, speaker_org_id FROM quotes "
                     f"WHERE {where} ORDER BY doc_id, start_char LIMIT ? OFFSET ?", params + [limit, offset])


def quotes(con, speaker: str | None, q: str | None, doc: str | None, limit: int, offset: int) -> dict[str, Any]:
    w = Where().match(speaker, ("speaker_name", "speaker_text", "speaker_org_name"), ("speaker_id",))
    w.match(q, ("text",)).equal(doc, "content_hash")
    total = con.execute(f"SELECT count(*) FROM quotes WHERE {w.sql}", w.params).fetchone()[0]
    return {"total": total, "limit": limit, "offset": offset, "items": quotes_of(con, w.sql, w.params, limit, offset)}


def network(con, f: EventFilter, min_weight: int = 1, top: int | None = None) -> dict[str, Any]:
    """The actor graph of the filtered events; ``top`` keeps the most active actors (a readable picture)."""
    where, params = f.where()
    sides = ("e.actor_id, e.actor_name, e.actor_text, e.actor_country, e.recipient_id, e.recipient_name, "
             "e.recipient_text, e.recipient_country, e.event_type")
    # alike events counted in SQL: one row per dyad and type, not one per event
    event_rows = rows(con, f"SELECT {sides}, count(*) AS n FROM events e WHERE {where} GROUP BY ALL ORDER BY ALL", params)
    relation_rows = rows(con, f"SELECT a, b, type FROM relations WHERE content_hash IN "
                              f"(SELECT e.content_hash FROM events e WHERE {where})", params)
    if f.quad:  # a quad filter keeps the relations of its side: hostility with conflict, the others with cooperation
        conflict, cooperation = any(q in (3, 4) for q in f.quad), any(q in (1, 2) for q in f.quad)
        relation_rows = [r for r in relation_rows if (conflict if r["type"] == "hostile" else cooperation)]
    graph = build_graph(event_rows, relation_rows)
    countries: dict[str, str] = {}
    for r in event_rows:
        for side in ("actor", "recipient"):
            node = r[f"{side}_id"] or r[f"{side}_name"]
            if node and r[f"{side}_country"]:
                countries.setdefault(node, r[f"{side}_country"])
    keep = set(graph.nodes)
    if top is not None:
        keep = set(sorted(graph.nodes, key=lambda n: (-graph.nodes[n].get("events", 0), str(n)))[:top])
    edges = [{"source": a, "target": b, "weight": d["weight"], "cooperation": d.get("cooperation", 0),
              "conflict": d.get("conflict", 0) + d.get("hostile", 0), "sign": d["sign"]}
             for a, b, d in graph.edges(data=True) if d["weight"] >= min_weight and a in keep and b in keep]
    linked = {e["source"] for e in edges} | {e["target"] for e in edges}
    nodes = [{"id": n, "name": d.get("name") or n, "events": d.get("events", 0), "country": countries.get(n)}
             for n, d in graph.nodes(data=True) if n in linked]
    return {"nodes": nodes, "edges": edges}


def documents(con, q: str | None, since: str | None, until: str | None, limit: int, offset: int) -> dict[str, Any]:
    published = "CAST(publication_date AS VARCHAR)"
    w = Where().match(q, ("text", "title"), ("doc_id",)).since(since, published).until(until, published)
    clause, params = w.sql, w.params
    total = con.execute(f"SELECT count(*) FROM documents WHERE {clause}", params).fetchone()[0]
    items = rows(con, f"SELECT content_hash AS key, doc_id, CAST(publication_date AS VARCHAR) AS publication_date, title, "
                      f"url, error, length(text) AS chars, (SELECT count(*) FROM events e WHERE e.content_hash = "
                      f"d.content_hash) AS events, (SELECT count(*) FROM quotes q WHERE q.content_hash = d.content_hash) "
                      f"AS quotes FROM documents d WHERE {clause} ORDER BY ingested_at, doc_id LIMIT ? OFFSET ?",
                 params + [limit, offset])
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def document(con, key: str) -> dict[str, Any] | None:
    """One document with its text and every evidence span (events, quotes, relations), by content hash or doc id."""
    found = rows(con, "SELECT content_hash AS key, doc_id, CAST(publication_date AS VARCHAR) AS publication_date, title, "
                      "url, text, error FROM documents WHERE content_hash = ? OR doc_id = ? ORDER BY ingested_at LIMIT 2",
                 [key, key])
    if not found:
        return None
    doc = found[0]
    h = doc["key"]
    doc["events"] = [_event_out(r) for r in rows(con, "SELECT * FROM events WHERE content_hash = ? ORDER BY "
                                                      "evidence_start", [h])]
    doc["quotes"] = quotes_of(con, "content_hash = ?", [h])
    doc["relations"] = rows(con, "SELECT a, b, type, evidence_start, evidence_end, evidence_text FROM relations "
                                 "WHERE content_hash = ? ORDER BY evidence_start", [h])
    spans = [{"start": e["evidence_start"], "end": e["evidence_end"], "kind": "event", "quad": e["quad"],
              "label": f"{e['event_type']}: {e['actor_name']}" + (f" -> {e['recipient_name']}" if e["recipient_name"]
                                                                  else ""), "id": e["id"]} for e in doc["events"]]
    spans += [{"start": q["start"], "end": q["end"], "kind": "quote", "quad": None,
               "label": f"quote: {q['speaker_name'] or 'unknown speaker'}", "id": None} for q in doc["quotes"]]
    spans += [{"start": r["evidence_start"], "end": r["evidence_end"], "kind": "relation", "quad": None,
               "label": f"{r['a']} {r['type']} {r['b']}", "id": None} for r in doc["relations"]]
    doc["spans"] = sorted(spans, key=lambda s: (s["start"], -s["end"]))
    return doc


def stats(con, f: EventFilter) -> dict[str, Any]:
    where, params = f.where()
    by_type = con.execute(f"SELECT e.event_type, count(*) n FROM events e WHERE {where} GROUP BY 1 ORDER BY n DESC, 1",
                          params).fetchall()
    by_country = con.execute(f"SELECT e.country, count(*) n FROM events e WHERE {where} AND e.country IS NOT NULL "
                             f"GROUP BY 1 ORDER BY n DESC, 1 LIMIT 50", params).fetchall()
    # timeline by day: only day-precise event dates can be placed on a day
    per_day = con.execute(f"SELECT left(e.date, 10) AS day, e.event_type, count(*) FROM events e WHERE {where} "
                          f"AND length(e.date) >= 10 GROUP BY 1, 2 ORDER BY 1", params).fetchall()
    timeline: dict[str, dict[str, int]] = {}
    for day, event_type, n in per_day:
        slot = timeline.setdefault(day, {"day": day, "1": 0, "2": 0, "3": 0, "4": 0, "0": 0})
        slot[str(quad_of(event_type) or 0)] += n
    by_quad = {str(q): 0 for q in QUAD_NAMES}
    for t, n in by_type:
        if quad_of(t):
            by_quad[str(quad_of(t))] += n
    # the filter's counts in one pass over the events, the store's in one query
    n_events, event_documents, fatalities, undated = con.execute(
        f"SELECT count(*), count(DISTINCT e.content_hash), coalesce(sum(e.fatalities), 0), "
        f"count(*) FILTER (WHERE e.date IS NULL OR length(e.date) < 10) FROM events e WHERE {where}", params).fetchone()
    documents, quotes, actors = con.execute("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM quotes), "
                                            "(SELECT count(DISTINCT id) FROM actors)").fetchone()
    return {
        "documents": documents,
        "events": n_events,
        "event_documents": event_documents,
        "fatalities": fatalities,
        "undated": undated,
        "quotes": quotes,
        "actors": actors,
        "by_type": [{"event_type": t, "quad": quad_of(t), "n": n} for t, n in by_type],
        "by_quad": by_quad,
        "quad_names": {str(k): v for k, v in QUAD_NAMES.items()},
        "by_country": [{"country": c, "n": n} for c, n in by_country],
        "timeline": list(timeline.values()),
    }

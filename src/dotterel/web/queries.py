"""Read queries of the web API over the DuckDB store: one filter, many views.

Every query is parameterised; user text only ever reaches SQL as a bound parameter (LIKE patterns are
escaped so '%' and '_' in a search match themselves). The DuckDB fts extension is not assumed: search is ILIKE.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb

from ..network import QUAD, build_graph

QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


def like(text: str) -> str:
    """A LIKE pattern that matches ``text`` anywhere, literally (used with ESCAPE '\\')."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def rows(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cur = con.execute(sql, params)
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, row)) for row in cur.fetchall()]


def quad_of(event_type: str | None) -> int | None:
    return QUAD.get(event_type or "")


@dataclass
class EventFilter:
    """The dashboard's shared filter; every field optional."""

    since: str | None = None  # YYYY-MM-DD (or a prefix), compared with the event date
    until: str | None = None
    event_type: list[str] | None = None  # PLOVER types
    quad: list[int] | None = None  # PLOVER quad classes 1-4
    actor: str | None = None  # actor or recipient id, name or surface form
    country: str | None = None  # ISO3 of the place or of the actor
    q: str | None = None  # text in the evidence, the document text or its title
    doc: str | None = None  # one document (content hash)

    def where(self, alias: str = "e") -> tuple[str, list[Any]]:
        a = alias + "."
        where: list[str] = ["1=1"]
        params: list[Any] = []
        if self.since:
            where.append(f"{a}date >= ?")
            params.append(self.since)
        if self.until:
            where.append(f"left({a}date, {len(self.until)}) <= ?")
            params.append(self.until)
        types = [t.upper() for t in self.event_type or []]
        if self.quad:
            quad_types = [t for t, q in QUAD.items() if q in self.quad]
            types = [t for t in types if t in quad_types] if types else quad_types
            if not types:
                types = ["\x00none"]  # a type filter and a quad filter that exclude each other
        if types:
            where.append(f"upper({a}event_type) IN ({', '.join('?' * len(types))})")
            params += types
        if self.actor:
            pattern = like(self.actor)
            where.append(f"({a}actor_id = ? OR {a}recipient_id = ? OR {a}actor_name ILIKE ? ESCAPE '\\' OR "
                         f"{a}actor_text ILIKE ? ESCAPE '\\' OR {a}recipient_name ILIKE ? ESCAPE '\\' OR "
                         f"{a}recipient_text ILIKE ? ESCAPE '\\')")
            params += [self.actor, self.actor, pattern, pattern, pattern, pattern]
        if self.country:
            where.append(f"(upper({a}country) = upper(?) OR upper({a}actor_country) = upper(?) OR "
                         f"upper({a}recipient_country) = upper(?))")
            params += [self.country] * 3
        if self.q:
            pattern = like(self.q)
            where.append(f"({a}evidence_text ILIKE ? ESCAPE '\\' OR {a}content_hash IN (SELECT content_hash FROM "
                         f"documents WHERE text ILIKE ? ESCAPE '\\' OR title ILIKE ? ESCAPE '\\'))")
            params += [pattern] * 3
        if self.doc:
            where.append(f"{a}content_hash = ?")
            params.append(self.doc)
        return " AND ".join(where), params


def _event_out(row: dict[str, Any]) -> dict[str, Any]:
    row["quad"] = quad_of(row.get("event_type"))
    row["key"] = row.pop("content_hash")
    return row


def events(con, f: EventFilter, limit: int, offset: int) -> dict[str, Any]:
    where, params = f.where()
    total = con.execute(f"SELECT count(*) FROM events e WHERE {where}", params).fetchone()[0]
    items = rows(con, f"SELECT e.* FROM events e WHERE {where} ORDER BY e.date NULLS LAST, e.doc_id, "
                      f"e.evidence_start, e.id LIMIT ? OFFSET ?", params + [limit, offset])
    return {"total": total, "limit": limit, "offset": offset, "items": [_event_out(r) for r in items]}


def actors(con, name: str | None, country: str | None, kind: str | None, limit: int, offset: int) -> dict[str, Any]:
    where, params = ["1=1"], []
    if name:
        where.append("(a.id = ? OR a.name ILIKE ? ESCAPE '\\' OR list_contains(a.aliases, ?))")
        params += [name, like(name), name]
    if country:
        where.append("upper(a.country) = upper(?)")
        params.append(country)
    if kind:
        where.append("a.kind = ?")
        params.append(kind)
    base = (f"SELECT a.id, any_value(a.name) AS name, any_value(a.kind) AS kind, any_value(a.country) AS country, "
            f"any_value(a.sector) AS sector, count(DISTINCT a.content_hash) AS documents, "
            f"list_distinct(flatten(list(a.aliases))) AS aliases, "
            f"(SELECT count(*) FROM events e WHERE e.actor_id = a.id OR e.recipient_id = a.id) AS events "
            f"FROM actors a WHERE {' AND '.join(where)} GROUP BY a.id")
    total = con.execute(f"SELECT count(*) FROM ({base})", params).fetchone()[0]
    items = rows(con, f"{base} ORDER BY events DESC, documents DESC, name LIMIT ? OFFSET ?", params + [limit, offset])
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def actor(con, actor_id: str) -> dict[str, Any] | None:
    base = rows(con, "SELECT id, any_value(name) AS name, any_value(kind) AS kind, any_value(country) AS country, "
                     "any_value(sector) AS sector, count(DISTINCT content_hash) AS documents, "
                     "list_distinct(flatten(list(aliases))) AS aliases, list_distinct(flatten(list(member_of))) "
                     "AS member_of FROM actors WHERE id = ? GROUP BY id", [actor_id])
    if not base:
        return None
    out = base[0]
    out["events"] = [_event_out(r) for r in rows(
        con, "SELECT * FROM events WHERE actor_id = ? OR recipient_id = ? ORDER BY date NULLS LAST, doc_id, "
             "evidence_start LIMIT 500", [actor_id, actor_id])]
    out["quotes"] = quotes_of(con, "speaker_id = ? OR speaker_org_id = ?", [actor_id, actor_id])
    out["relations"] = rows(con, "SELECT content_hash AS key, a, b, type, evidence_start, evidence_end, evidence_text "
                                 "FROM relations WHERE a = ? OR b = ?", [actor_id, actor_id])
    return out


def quotes_of(con, where: str, params: list[Any], limit: int = 500, offset: int = 0) -> list[dict[str, Any]]:
    return rows(con, f"SELECT content_hash AS key, doc_id, text, start_char AS start, end_char AS \"end\", kind, cue, "
                     f"speaker_text, speaker_name, speaker_id, speaker_org_name, speaker_org_id FROM quotes "
                     f"WHERE {where} ORDER BY doc_id, start_char LIMIT ? OFFSET ?", params + [limit, offset])


def quotes(con, speaker: str | None, q: str | None, doc: str | None, limit: int, offset: int) -> dict[str, Any]:
    where, params = ["1=1"], []
    if speaker:
        pattern = like(speaker)
        where.append("(speaker_id = ? OR speaker_name ILIKE ? ESCAPE '\\' OR speaker_text ILIKE ? ESCAPE '\\' OR "
                     "speaker_org_name ILIKE ? ESCAPE '\\')")
        params += [speaker, pattern, pattern, pattern]
    if q:
        where.append("text ILIKE ? ESCAPE '\\'")
        params.append(like(q))
    if doc:
        where.append("content_hash = ?")
        params.append(doc)
    clause = " AND ".join(where)
    total = con.execute(f"SELECT count(*) FROM quotes WHERE {clause}", params).fetchone()[0]
    return {"total": total, "limit": limit, "offset": offset, "items": quotes_of(con, clause, params, limit, offset)}


def network(con, f: EventFilter, min_weight: int = 1, top: int | None = None) -> dict[str, Any]:
    """The actor graph of the filtered events; ``top`` keeps the most active actors (a readable picture)."""
    where, params = f.where()
    event_rows = rows(con, f"SELECT e.actor_id, e.actor_name, e.actor_country, e.recipient_id, e.recipient_name, "
                           f"e.recipient_country, e.event_type FROM events e WHERE {where}", params)
    relation_rows = rows(con, f"SELECT a, b, type FROM relations WHERE content_hash IN "
                              f"(SELECT e.content_hash FROM events e WHERE {where})", params)
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
    where, params = ["1=1"], []
    if q:
        where.append("(text ILIKE ? ESCAPE '\\' OR title ILIKE ? ESCAPE '\\' OR doc_id = ?)")
        params += [like(q), like(q), q]
    if since:
        where.append("CAST(publication_date AS VARCHAR) >= ?")
        params.append(since)
    if until:
        where.append(f"left(CAST(publication_date AS VARCHAR), {len(until)}) <= ?")
        params.append(until)
    clause = " AND ".join(where)
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
    one = lambda sql: con.execute(sql, params).fetchone()[0]  # noqa: E731
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
    return {
        "documents": con.execute("SELECT count(*) FROM documents").fetchone()[0],
        "events": one(f"SELECT count(*) FROM events e WHERE {where}"),
        "event_documents": one(f"SELECT count(DISTINCT e.content_hash) FROM events e WHERE {where}"),
        "fatalities": one(f"SELECT coalesce(sum(e.fatalities), 0) FROM events e WHERE {where}"),
        "undated": one(f"SELECT count(*) FROM events e WHERE {where} AND (e.date IS NULL OR length(e.date) < 10)"),
        "quotes": con.execute("SELECT count(*) FROM quotes").fetchone()[0],
        "actors": con.execute("SELECT count(DISTINCT id) FROM actors").fetchone()[0],
        "by_type": [{"event_type": t, "quad": quad_of(t), "n": n} for t, n in by_type],
        "by_quad": by_quad,
        "quad_names": {str(k): v for k, v in QUAD_NAMES.items()},
        "by_country": [{"country": c, "n": n} for c, n in by_country],
        "timeline": list(timeline.values()),
    }

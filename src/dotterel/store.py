"""The DuckDB store: documents, events, actors, quotes and relations with the contract's fields.

Each batch of documents is written in one transaction, so a crash never leaves half a document.
A document is identified by its content hash: re-ingesting the same text changes nothing.
Queries are parameterised; results come back as lists of dicts, or DataFrames on request.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import duckdb

from . import corrections
from .incident_store import ensure_schema, fuse_documents
from .links import linked_event
from .model import CodedDocument
from .query import ACTOR_IDS, ACTOR_TEXT, EVENT_ORDER, Where, actor_columns, precision_clause, rows

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
  content_hash VARCHAR PRIMARY KEY, doc_id VARCHAR, publication_date DATE, title VARCHAR, url VARCHAR,
  text VARCHAR, error VARCHAR, ingested_at TIMESTAMP DEFAULT current_timestamp, record JSON);
CREATE TABLE IF NOT EXISTS events (
  id VARCHAR, content_hash VARCHAR, doc_id VARCHAR, event_type VARCHAR, mode VARCHAR, context VARCHAR[],
  actor_text VARCHAR, actor_name VARCHAR, actor_id VARCHAR, actor_country VARCHAR, actor_sector VARCHAR,
  recipient_text VARCHAR, recipient_name VARCHAR, recipient_id VARCHAR, recipient_country VARCHAR,
  recipient_sector VARCHAR, date VARCHAR, date_precision VARCHAR, location_name VARCHAR, admin1 VARCHAR,
  country VARCHAR, lat DOUBLE, lon DOUBLE, geonameid BIGINT, geo_precision VARCHAR, fatalities INTEGER,
  injured INTEGER, arrested INTEGER, incident_count INTEGER, acled_event_type VARCHAR,
  acled_sub_event_type VARCHAR, historical BOOLEAN, evidence_start INTEGER, evidence_end INTEGER,
  evidence_text VARCHAR);
CREATE TABLE IF NOT EXISTS actors (
  content_hash VARCHAR, id VARCHAR, name VARCHAR, kind VARCHAR, country VARCHAR, sector VARCHAR,
  aliases VARCHAR[], member_of VARCHAR[]);
CREATE TABLE IF NOT EXISTS quotes (
  content_hash VARCHAR, doc_id VARCHAR, text VARCHAR, start_char INTEGER, end_char INTEGER, kind VARCHAR,
  cue VARCHAR, speaker_text VARCHAR, speaker_name VARCHAR, speaker_id VARCHAR, speaker_org_name VARCHAR,
  speaker_org_id VARCHAR, event_id VARCHAR);
ALTER TABLE quotes ADD COLUMN IF NOT EXISTS event_id VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS confidence DOUBLE;
ALTER TABLE events ADD COLUMN IF NOT EXISTS salience VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS mentions INTEGER;
CREATE TABLE IF NOT EXISTS relations (
  content_hash VARCHAR, a VARCHAR, b VARCHAR, type VARCHAR, evidence_start INTEGER, evidence_end INTEGER,
  evidence_text VARCHAR, source VARCHAR);
ALTER TABLE relations ADD COLUMN IF NOT EXISTS source VARCHAR;
"""

EVENT_COLUMNS = ["id", "content_hash", "doc_id", "event_type", "mode", "context", "actor_text", "actor_name",
                 "actor_id", "actor_country", "actor_sector", "recipient_text", "recipient_name", "recipient_id",
                 "recipient_country", "recipient_sector", "date", "date_precision", "location_name", "admin1",
                 "country", "lat", "lon", "geonameid", "geo_precision", "fatalities", "injured", "arrested",
                 "incident_count", "acled_event_type", "acled_sub_event_type", "historical", "evidence_start",
                 "evidence_end", "evidence_text", "confidence", "salience", "mentions"]


def _ref(ref: dict | None) -> list[Any]:
    ref = ref or {}
    return [ref.get("text"), ref.get("name"), ref.get("id"), ref.get("country"), ref.get("sector")]


def event_row(content_hash: str, doc_id: str, e: dict) -> list[Any]:
    loc = e.get("location") or {}
    ev = e["evidence"]
    return [e["id"], content_hash, doc_id, e["event_type"], e["mode"], e["context"], *_ref(e["actor"]),
            *_ref(e["recipient"]), e["date"], e["date_precision"], loc.get("name"), loc.get("admin1"),
            loc.get("country"), loc.get("lat"), loc.get("lon"), loc.get("geonameid"), loc.get("precision"),
            e["fatalities"], e["injured"], e["arrested"], e["incident_count"], e["acled_event_type"],
            e["acled_sub_event_type"], e["historical"], ev["start"], ev["end"], ev["text"], e.get("confidence"),
            e.get("salience"), len(e.get("mentions") or [])]


def document_key(doc: CodedDocument) -> str:
    """The store key: the content hash; for a document that was not coded, a hash of its name and error as well,
    since many error documents have the same (often empty) text and each must keep its own row."""
    if doc.error is None:
        return doc.content_hash
    ident = "\x00".join([doc.doc_id, doc.error, doc.content_hash])
    return hashlib.sha1(ident.encode("utf-8", "replace")).hexdigest()


class StoreError(Exception):
    """The store file cannot be opened (another process holds it, or it is no DuckDB file): one clear line."""


def open_problem(path: str, err: duckdb.Error) -> str:
    """What went wrong opening ``path``, and what to do, in one line."""
    message = str(err)
    if "lock" in message.lower():
        holder = re.search(r"PID (\d+)", message)
        who = f"process {holder.group(1)}" if holder else "another process"
        return (f"{path}: the store is in use by {who} (an `ingest` writing it, or, for a write, any process reading "
                f"it, a running `dotterel serve` too). DuckDB lets one process write a store, or several read it: wait "
                f"for that process, or send documents to the running server (POST /api/documents)")
    return f"{path}: cannot open the store ({message.splitlines()[0]})"


def relation_row(content_hash: str, r: dict) -> list[Any]:
    """A kb relation has no evidence; a record written before ``source`` existed came from the text."""
    ev = r.get("evidence") or {}
    return [content_hash, r["a"], r["b"], r["type"], ev.get("start"), ev.get("end"), ev.get("text"),
            r.get("source", "text")]


class Store:
    def __init__(self, path: str | Path = "dotterel.duckdb", read_only: bool = False):
        self.path = str(path)
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as err:
            raise StoreError(open_problem(self.path, err)) from None
        if not read_only:
            self.con.execute(SCHEMA)
            ensure_schema(self.con)
            corrections.ensure_schema(self.con)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---------------------------------------------------------------- writing
    def has(self, content_hash: str) -> bool:
        return bool(self.con.execute("SELECT 1 FROM documents WHERE content_hash = ?", [content_hash]).fetchone())

    def add(self, documents: Iterable[CodedDocument]) -> int:
        """Store a batch in one transaction; documents already stored (same content) are skipped.
        Returns the number of new documents."""
        return self._add((document_key(doc), doc.text, doc.to_dict) for doc in documents)

    def import_parquet(self, path: str | Path) -> int:
        """Store the documents of a Parquet file written by ``dotterel.scale`` (one transaction, same-content
        documents skipped, as ``add``). Returns the number of new documents."""
        from .scale import read_rows, row_record

        rows = list(read_rows(path, self.con))  # read before the transaction: a bad file leaves the store as it was
        return self._add((r["content_hash"], r["text"], lambda r=r: row_record(r)) for r in rows)

    def _add(self, documents: Iterable[tuple[str, str, Callable[[], dict[str, Any]]]]) -> int:
        """Insert (content hash, text, record maker) triples; the record is made only for a new document."""
        new = 0
        self.con.execute("BEGIN TRANSACTION")
        try:
            seen: dict[str, None] = {}  # insertion-ordered
            for h, text, record in documents:
                if h in seen or self.has(h):
                    continue
                seen[h] = None
                self._insert(h, text, record())
                new += 1
            fuse_documents(self.con, list(seen))  # new events join the incidents they report, or open new ones
            corrections.reapply_incidents(self.con)  # fusion rewrote the incidents it touched
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        return new

    def _insert(self, h: str, text: str, rec: dict[str, Any]) -> None:
        doc_id = rec["doc_id"]
        self.con.execute("INSERT INTO documents (content_hash, doc_id, publication_date, title, url, text, error, record)"
                         " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                         [h, doc_id, rec["publication_date"], rec["title"], rec["url"], text, rec["error"],
                          json.dumps(rec, ensure_ascii=False)])
        if rec["events"]:
            columns, marks = ", ".join(EVENT_COLUMNS), ", ".join("?" * len(EVENT_COLUMNS))
            self.con.executemany(f"INSERT INTO events ({columns}) VALUES ({marks})",
                                 [event_row(h, doc_id, e) for e in rec["events"]])
        if rec["actors"]:
            self.con.executemany("INSERT INTO actors VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                 [[h, a["id"], a["name"], a["kind"], a["country"], a["sector"], a["aliases"],
                                   a["member_of"]] for a in rec["actors"]])
        if rec["quotes"]:
            # a quote that is itself a threat or a demand points to that event
            self.con.executemany("INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                 [[h, doc_id, q["text"], q["start"], q["end"], q["kind"], q["cue"],
                                   *(_ref(q["speaker"])[:3]), (q["speaker_org"] or {}).get("name"),
                                   (q["speaker_org"] or {}).get("id"), linked_event(q, rec["events"])]
                                  for q in rec["quotes"]])
        if rec["relations"]:
            self.con.executemany("INSERT INTO relations VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                 [relation_row(h, r) for r in rec["relations"]])

    # ---------------------------------------------------------------- reading
    def _rows(self, sql: str, params: list[Any]) -> list[dict[str, Any]]:
        return rows(self.con, sql, params)

    @staticmethod
    def _limit(sql: str, params: list[Any], limit: int | None, offset: int | None = None) -> tuple[str, list[Any]]:
        if limit is None:
            return sql, params
        if offset is None:
            return sql + " LIMIT ?", params + [limit]
        return sql + " LIMIT ? OFFSET ?", params + [limit, offset]

    def events(self, actor: str | None = None, event_type: str | None = None, since: str | None = None,
               until: str | None = None, country: str | None = None, limit: int | None = None,
               offset: int = 0, min_confidence: float | None = None, salience: str | None = None,
               precision: list[str] | None = None) -> list[dict[str, Any]]:
        """Events, filtered; ``actor`` matches id, name or surface form of actor or recipient; ``precision`` keeps
        events placed that precisely (site, city, admin1, country, none)."""
        w = Where(literal=False).match(actor, ACTOR_TEXT, ACTOR_IDS).one_of([event_type] if event_type else None, "event_type")
        w.since(since).until(until, width=10).same(country, "country", "actor_country")
        precision_clause(w.at_least(min_confidence, "confidence").equal(salience, "salience"), precision)
        return self._rows(*self._limit(f"SELECT * FROM events WHERE {w.sql} ORDER BY {EVENT_ORDER}", w.params, limit, offset))

    def actors(self, actor: str | None = None, country: str | None = None,
               limit: int | None = None) -> list[dict[str, Any]]:
        w = Where("a", literal=False).match(actor, ("name",), ("id",)).same(country, "country")
        sql = f"SELECT {actor_columns()} FROM actors a WHERE {w.sql} GROUP BY a.id ORDER BY documents DESC, name"
        return self._rows(*self._limit(sql, w.params, limit))

    def quotes(self, speaker: str | None = None, org: str | None = None, contains: str | None = None,
               limit: int | None = None) -> list[dict[str, Any]]:
        w = Where(literal=False).match(speaker, ("speaker_name", "speaker_text")).match(org, ("speaker_org_name",))
        w.match(contains, ("text",))
        return self._rows(*self._limit(f"SELECT * FROM quotes WHERE {w.sql} ORDER BY doc_id, start_char", w.params, limit))

    def relations(self) -> list[dict[str, Any]]:
        return self._rows("SELECT * FROM relations", [])

    def documents(self) -> list[dict[str, Any]]:
        return self._rows("SELECT content_hash, doc_id, publication_date, title, url, error FROM documents "
                          "ORDER BY ingested_at, doc_id", [])

    def records(self) -> list[dict[str, Any]]:
        """The stored contract records, in ingest order."""
        return [json.loads(r[0]) for r in self.con.execute(
            "SELECT record FROM documents ORDER BY ingested_at, doc_id").fetchall()]

    def summary(self) -> dict[str, Any]:
        one = lambda sql: self.con.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "documents": one("SELECT count(*) FROM documents"),
            "errors": one("SELECT count(*) FROM documents WHERE error IS NOT NULL"),
            "events": one("SELECT count(*) FROM events"),
            "quotes": one("SELECT count(*) FROM quotes"),
            "events_by_type": self.con.execute(
                "SELECT event_type, count(*) n FROM events GROUP BY 1 ORDER BY n DESC, 1").fetchall(),
            "top_actors": self.con.execute(
                "SELECT actor_name, count(*) n FROM events WHERE actor_name <> 'Unidentified actor' "
                "GROUP BY 1 ORDER BY n DESC, 1 LIMIT 10").fetchall(),
            "top_dyads": self.con.execute(
                "SELECT actor_name, recipient_name, count(*) n FROM events WHERE recipient_name IS NOT NULL "
                "GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT 10").fetchall(),
            "error_documents": self.con.execute(
                "SELECT doc_id, error FROM documents WHERE error IS NOT NULL ORDER BY doc_id").fetchall(),
        }

    def dataframe(self, table: str):
        """A table as a pandas DataFrame (``events``, ``actors``, ``quotes``, ``relations``, ``documents``)."""
        if table not in {"events", "actors", "quotes", "relations", "documents"}:
            raise ValueError(f"unknown table {table!r}")
        return self.con.execute(f"SELECT * FROM {table}").df()

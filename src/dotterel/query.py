"""The read-query core over the DuckDB store, shared by the Python API (``Store``, so the CLI) and the web API.

One small filter builder (:class:`Where`) and the SELECTs both sides use, so a filter means the same wherever
it is written once. Two matching dialects are kept because both are public behaviour: the web API matches text
literally (``ILIKE`` with '%' and '_' escaped), the Python API/CLI with a plain case-folded ``LIKE`` (so '%'
and '_' in a search are wildcards there). User text only ever reaches SQL as a bound parameter.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb

# The CLI's event order; the web API adds the event id so that pages never overlap.
EVENT_ORDER = "date NULLS LAST, doc_id, evidence_start"


def has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    """Whether the store has the table: one written before it existed, opened read-only, has not."""
    return bool(con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]).fetchone()[0])


def rows(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    """The result as a list of dicts keyed by column name."""
    cur = con.execute(sql, params)
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, row)) for row in cur.fetchall()]


def like(text: str) -> str:
    """A LIKE pattern that matches ``text`` anywhere, literally (used with ESCAPE '\\')."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


class Where:
    """A WHERE clause built from optional filters: a filter whose value is empty adds nothing.

    ``alias`` prefixes every column given by name; ``literal`` picks the text-matching dialect (see the module).
    """

    def __init__(self, alias: str = "", literal: bool = True):
        self.prefix = f"{alias}." if alias else ""
        self.literal = literal
        self.clauses: list[str] = ["1=1"]
        self.params: list[Any] = []

    def add(self, clause: str, *params: Any) -> Where:
        self.clauses.append(clause)
        self.params += params
        return self

    def at_least(self, value: float | None, column: str) -> Where:
        """``column`` >= value; rows without a value (stored before the column existed) count as sure."""
        if value is None:
            return self
        return self.add(f"coalesce({self.col(column)}, 1.0) >= ?", value)

    def col(self, name: str) -> str:
        return self.prefix + name

    def match(self, value: str | None, like_cols: tuple[str, ...] = (), equal_cols: tuple[str, ...] = (),
              list_cols: tuple[str, ...] = ()) -> Where:
        """``value`` is in any of ``like_cols``, or is one of ``equal_cols``, or an item of a list in ``list_cols``."""
        if not value:
            return self
        terms: list[str] = [f"{self.col(c)} = ?" for c in equal_cols]
        params: list[Any] = [value] * len(equal_cols)
        if self.literal:
            terms += [f"{self.col(c)} ILIKE ? ESCAPE '\\'" for c in like_cols]
            params += [like(value)] * len(like_cols)
        else:
            terms += [f"lower({self.col(c)}) LIKE ?" for c in like_cols]
            params += [f"%{value.lower()}%"] * len(like_cols)
        terms += [f"list_contains({self.col(c)}, ?)" for c in list_cols]
        params += [value] * len(list_cols)
        return self.add(f"({' OR '.join(terms)})", *params)

    def same(self, value: str | None, *cols: str) -> Where:
        """``value`` equals any of ``cols``, ignoring case (codes: ISO3 countries)."""
        if not value:
            return self
        return self.add(f"({' OR '.join(f'upper({self.col(c)}) = upper(?)' for c in cols)})", *[value] * len(cols))

    def one_of(self, values: list[str] | None, col: str) -> Where:
        """``col`` is one of ``values``, ignoring case (PLOVER event types)."""
        if not values:
            return self
        return self.add(f"upper({self.col(col)}) IN ({', '.join(['upper(?)'] * len(values))})", *values)

    def equal(self, value: Any, col: str) -> Where:
        return self.add(f"{self.col(col)} = ?", value) if value else self

    def since(self, value: str | None, col: str = "date") -> Where:
        return self.add(f"{self.col(col)} >= ?", value) if value else self

    def until(self, value: str | None, col: str = "date", width: int | None = None) -> Where:
        """``col`` is not after ``value``, compared on its first ``width`` characters (default: as many as
        ``value`` has, so "2024-05" takes in the whole month)."""
        if not value:
            return self
        return self.add(f"left({self.col(col)}, {width or len(value)}) <= ?", value)

    @property
    def sql(self) -> str:
        return " AND ".join(self.clauses)


def actor_columns(alias: str = "a", member_of: bool = False) -> str:
    """The SELECT list of the actor aggregate (one row per actor id over every document it is in)."""
    a = f"{alias}." if alias else ""
    cols = (f"{a}id, any_value({a}name) AS name, any_value({a}kind) AS kind, any_value({a}country) AS country, "
            f"any_value({a}sector) AS sector, count(DISTINCT {a}content_hash) AS documents, "
            f"list_distinct(flatten(list({a}aliases))) AS aliases")
    return cols + (f", list_distinct(flatten(list({a}member_of))) AS member_of" if member_of else "")


# How precisely an event is placed (the contract's location precision); "none": not placed at all
PRECISIONS = ("site", "city", "admin1", "country", "none")


def precision_clause(w: Where, precision: list[str] | None) -> Where:
    """Events placed with one of ``precision`` (values of PRECISIONS)."""
    if not precision:
        return w
    named = [p for p in precision if p != "none"]
    terms = [f"{w.col('geo_precision')} IN ({', '.join('?' * len(named))})"] if named else []
    terms += [f"{w.col('geo_precision')} IS NULL"] if "none" in precision else []
    return w.add(f"({' OR '.join(terms)})", *named)


# Event columns matched by an ``actor`` filter: the actor or the recipient, by surface form, name or id.
ACTOR_TEXT = ("actor_name", "actor_text", "recipient_name", "recipient_text")
ACTOR_IDS = ("actor_id", "recipient_id")


@dataclass
class EventFilter:
    """The dashboard's shared filter; every field optional."""

    since: str | None = None  # YYYY-MM-DD (or a prefix), compared with the event date
    until: str | None = None
    event_type: list[str] | None = None  # PLOVER types
    quad: list[int] | None = None  # PLOVER quad classes 1-4
    actor: str | None = None  # actor or recipient id, name or surface form
    recipient: str | None = None  # the recipient alone (a dyad: actor and recipient)
    country: str | None = None  # ISO3 of the place or of the actor
    q: str | None = None  # text in the evidence, the document text or its title
    doc: str | None = None  # one document (content hash)
    min_confidence: float | None = None  # the coder's confidence, 0-1
    salience: str | None = None  # main | background
    precision: list[str] | None = None  # location precision: values of PRECISIONS

    def where(self, alias: str = "e") -> tuple[str, list[Any]]:
        from .network import QUAD  # not at the top: it loads spaCy, which the Store's CLI commands never need

        w = Where(alias).since(self.since).until(self.until)
        types = [t.upper() for t in self.event_type or []]
        if self.quad:
            quad_types = [t for t, q in QUAD.items() if q in self.quad]
            types = [t for t in types if t in quad_types] if types else quad_types
            if not types:
                types = ["\x00none"]  # a type filter and a quad filter that exclude each other
        w.one_of(types, "event_type").match(self.actor, ACTOR_TEXT, ACTOR_IDS)
        w.match(self.recipient, ("recipient_name", "recipient_text"), ("recipient_id",))
        w.same(self.country, "country", "actor_country", "recipient_country")
        if self.q:
            pattern = like(self.q)
            w.add(f"({w.col('evidence_text')} ILIKE ? ESCAPE '\\' OR {w.col('content_hash')} IN (SELECT content_hash "
                  f"FROM documents WHERE text ILIKE ? ESCAPE '\\' OR title ILIKE ? ESCAPE '\\'))", *[pattern] * 3)
        w.equal(self.doc, "content_hash").at_least(self.min_confidence, "confidence").equal(self.salience, "salience")
        precision_clause(w, self.precision)
        return w.sql, w.params

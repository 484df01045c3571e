"""An analyst's corrections and flags on events and incidents, kept in the store with who and when, and reversible.

A correction is a row of ``corrections`` (never deleted: undoing one marks it ``undone_at``). Its new value is also
written into the event's or incident's row, so every read (API filters, stats, network, trends) sees it; exports
apply the same corrections to the stored contract records (``apply_to_records``). Undoing puts back the value of
the latest correction still standing, or the coder's value the first correction replaced.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .filters import plover_types
from .ingest.dateline import is_date_prefix
from .query import has_table, rows

SCHEMA = """
CREATE TABLE IF NOT EXISTS corrections (
  id INTEGER PRIMARY KEY, target VARCHAR, target_id VARCHAR, field VARCHAR, old_value VARCHAR, new_value VARCHAR,
  note VARCHAR, who VARCHAR, made_at TIMESTAMP, undone_at TIMESTAMP);
"""
TARGETS = {"event": "events", "incident": "incidents"}
# the field an analyst names -> the column of events and incidents that holds it
FIELDS = {"event_type": "event_type", "actor": "actor_name", "recipient": "recipient_name", "fatalities": "fatalities",
          "date": "date", "location": "location_name"}
FLAG = "flag"
FLAGS = ("wrong", "duplicate", "unsure")
EXCLUDED_FLAGS = ("wrong", "duplicate")  # left out of exports unless asked for
MAX_TEXT = 500
DATE_PRECISION = {4: "year", 7: "month", 10: "day"}


class CorrectionError(ValueError):
    """A correction that cannot be made: the message names the id and the problem."""


class UnknownTarget(CorrectionError):
    """No event, incident or correction with that id."""


def ensure_schema(con) -> None:
    con.execute(SCHEMA)


def has_corrections(con) -> bool:
    """A store written before corrections existed (opened read-only) has none."""
    return has_table(con, "corrections")


def field_name(field: str) -> str:
    """The analyst's name of a field; its column name is accepted too (actor_name -> actor)."""
    for name, column in FIELDS.items():
        if field in (name, column):
            return name
    raise CorrectionError(f"cannot correct field {field!r}; correctable fields are {', '.join(FIELDS)} (or flag it)")


def checked_value(field: str, value: Any) -> str | None:
    """The value as stored (text), or CorrectionError saying what the field takes."""
    if field == "fatalities":
        if value is None or value == "":
            return None
        try:
            number = int(str(value).strip())
        except ValueError:
            raise CorrectionError(f"fatalities must be a whole number of at least 0, got {value!r}") from None
        if number < 0:
            raise CorrectionError(f"fatalities must be a whole number of at least 0, got {value!r}")
        return str(number)
    text = "" if value is None else str(value).strip()
    if field == "event_type":
        if text.upper() not in plover_types():
            raise CorrectionError(f"event_type must be a PLOVER type ({', '.join(sorted(plover_types()))}), got {value!r}")
        return text.upper()
    if field == "date":
        if not (text and is_date_prefix(text) and len(text) in DATE_PRECISION):
            raise CorrectionError(f"date must be a real date YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
        return text
    if field in ("actor", "location") and not text:
        raise CorrectionError(f"{field} needs a name")
    if len(text) > MAX_TEXT:
        raise CorrectionError(f"{field} is too long ({len(text)} characters, at most {MAX_TEXT})")
    return text or None  # an empty recipient removes it


def _table(target: str) -> str:
    if target not in TARGETS:
        raise CorrectionError(f"target must be event or incident, got {target!r}")
    return TARGETS[target]


def exists(con, target: str, target_id: str) -> bool:
    table = _table(target)
    if not has_table(con, table):
        return False
    return bool(con.execute(f"SELECT 1 FROM {table} WHERE id = ? LIMIT 1", [target_id]).fetchone())


def _set(con, target: str, target_id: str, field: str, value: str | None) -> None:
    """Write a field's value into the event's (every copy's) or the incident's row."""
    column = FIELDS[field]
    typed: Any = int(value) if field == "fatalities" and value is not None else value
    con.execute(f"UPDATE {_table(target)} SET {column} = ? WHERE id = ?", [typed, target_id])
    if field == "date":
        con.execute(f"UPDATE {_table(target)} SET date_precision = ? WHERE id = ?",
                    [DATE_PRECISION.get(len(value or "")), target_id])


def _current(con, target: str, target_id: str, field: str) -> str | None:
    found = con.execute(f"SELECT {FIELDS[field]} FROM {_table(target)} WHERE id = ? LIMIT 1", [target_id]).fetchone()
    return None if found is None or found[0] is None else str(found[0])


def _record(con, target: str, target_id: str, field: str, old: str | None, new: str | None, note: str | None,
            who: str | None) -> dict[str, Any]:
    next_id = con.execute("SELECT coalesce(max(id), 0) + 1 FROM corrections").fetchone()[0]
    con.execute("INSERT INTO corrections VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)",
                [next_id, target, target_id, field, old, new, (note or None) and note[:MAX_TEXT],
                 (who or "anonymous")[:200], dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)])
    return get(con, next_id)


def correct(con, target: str, target_id: str, field: str, value: Any, who: str | None = None,
            note: str | None = None) -> dict[str, Any]:
    """Set a field of an event or incident; returns the correction."""
    ensure_schema(con)
    if not exists(con, target, target_id):
        raise UnknownTarget(f"no {target} {target_id!r}")
    try:
        name = field_name(field)
        new = checked_value(name, value)
    except CorrectionError as err:
        raise CorrectionError(f"{target} {target_id!r}: {err}") from None
    old = _current(con, target, target_id, name)
    _set(con, target, target_id, name, new)
    return _record(con, target, target_id, name, old, new, note, who)


def flag(con, target: str, target_id: str, reason: str, who: str | None = None, note: str | None = None) -> dict[str, Any]:
    """Flag an event or incident (wrong, duplicate, unsure); returns the flag's correction."""
    ensure_schema(con)
    if not exists(con, target, target_id):
        raise UnknownTarget(f"no {target} {target_id!r}")
    if reason not in FLAGS:
        raise CorrectionError(f"{target} {target_id!r}: flag must be one of {', '.join(FLAGS)}, got {reason!r}")
    return _record(con, target, target_id, FLAG, active_flag(con, target, target_id), reason, note, who)


def get(con, correction_id: int) -> dict[str, Any]:
    found = rows(con, "SELECT * FROM corrections WHERE id = ?", [correction_id])
    if not found:
        raise UnknownTarget(f"no correction {correction_id}")
    return found[0]


def undo(con, correction_id: int) -> dict[str, Any]:
    """Mark a correction undone (it stays in the history) and put back the value it replaced."""
    ensure_schema(con)
    c = get(con, correction_id)
    if c["undone_at"] is not None:
        raise CorrectionError(f"correction {correction_id} was already undone at {c['undone_at']}")
    con.execute("UPDATE corrections SET undone_at = ? WHERE id = ?",
                [dt.datetime.now(dt.timezone.utc).replace(tzinfo=None), correction_id])
    if c["field"] != FLAG and exists(con, c["target"], c["target_id"]):
        _set(con, c["target"], c["target_id"], c["field"], standing_value(con, c["target"], c["target_id"], c["field"]))
    return get(con, correction_id)


def standing_value(con, target: str, target_id: str, field: str) -> str | None:
    """The latest correction still standing, else the coder's value (what the first correction replaced)."""
    history = con.execute("SELECT old_value, new_value, undone_at FROM corrections WHERE target = ? AND target_id = ? "
                          "AND field = ? ORDER BY id", [target, target_id, field]).fetchall()
    standing = [new for _, new, undone in history if undone is None]
    return standing[-1] if standing else history[0][0] if history else None


def listing(con, target: str | None = None, target_id: str | None = None, include_undone: bool = True
            ) -> list[dict[str, Any]]:
    if not has_corrections(con):
        return []
    sql, params = "SELECT * FROM corrections WHERE 1=1", []
    if target:
        sql, params = sql + " AND target = ?", params + [target]
    if target_id:
        sql, params = sql + " AND target_id = ?", params + [target_id]
    if not include_undone:
        sql += " AND undone_at IS NULL"
    return rows(con, sql + " ORDER BY id", params)


def active_flag(con, target: str, target_id: str) -> str | None:
    return active(con, target, [target_id]).get(target_id, {}).get(FLAG)


def active(con, target: str, ids: list[str] | None = None) -> dict[str, dict[str, str | None]]:
    """target id -> {field: the standing value, "flag": the standing flag} over corrections not undone."""
    if not has_corrections(con):
        return {}
    sql, params = "SELECT target_id, field, new_value FROM corrections WHERE target = ? AND undone_at IS NULL", [target]
    if ids is not None:
        if not ids:
            return {}
        sql += f" AND target_id IN ({', '.join('?' * len(ids))})"
        params += ids
    out: dict[str, dict[str, str | None]] = {}
    for target_id, field, value in con.execute(sql + " ORDER BY id", params).fetchall():
        out.setdefault(target_id, {})[field] = value  # a later correction of a field wins
    return out


def annotate(con, items: list[dict[str, Any]], target: str) -> list[dict[str, Any]]:
    """Add ``flag`` and ``corrected`` (the fields an analyst changed) to event or incident rows."""
    standing = active(con, target, sorted({i["id"] for i in items}))
    for item in items:
        mine = standing.get(item["id"], {})
        item["flag"] = mine.get(FLAG)
        item["corrected"] = sorted(f for f in mine if f != FLAG)
    return items


def apply_to_event(event: dict[str, Any], fields: dict[str, str | None]) -> dict[str, Any]:
    """A contract event with the standing corrections applied."""
    for field, value in fields.items():
        if field == "event_type":
            event["event_type"] = value
        elif field == "fatalities":
            event["fatalities"] = None if value is None else int(value)
        elif field == "date":
            event["date"], event["date_precision"] = value, DATE_PRECISION.get(len(value or ""))
        elif field in ("actor", "recipient"):
            ref = event.get(field) or {"text": None, "name": None, "id": None, "country": None, "sector": None}
            event[field] = {**ref, "name": value} if value is not None or field == "actor" else None
        elif field == "location":
            place = event.get("location") or {"name": None, "admin1": None, "country": None, "lat": None, "lon": None,
                                               "geonameid": None, "precision": None}
            event["location"] = {**place, "name": value}
    return event


def apply_to_records(con, records: list[dict[str, Any]], include_flagged: bool = False) -> list[dict[str, Any]]:
    """Stored contract records with the standing event corrections applied and, unless ``include_flagged``,
    without the events flagged wrong or duplicate."""
    standing = active(con, "event")
    if not standing:
        return records
    for rec in records:
        kept = []
        for e in rec["events"]:
            fields = standing.get(e["id"], {})
            if fields.get(FLAG) in EXCLUDED_FLAGS and not include_flagged:
                continue
            kept.append(apply_to_event(e, {k: v for k, v in fields.items() if k != FLAG}))
        rec["events"] = kept
    return records


def reapply_incidents(con) -> None:
    """Incident fusion rewrites an incident's row: put the standing incident corrections back on it."""
    for incident_id, fields in active(con, "incident").items():
        for field, value in fields.items():
            if field != FLAG:
                _set(con, "incident", incident_id, field, value)

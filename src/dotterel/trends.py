"""The escalation monitor: daily conflict and cooperation intensity per dyad, actor or country, and alerts when a
series breaks out of its trailing baseline.

Pure functions over event-like rows (``event_type``, ``mode``, ``actor_name``, ``recipient_name``, ``country``,
``actor_country``, ``date``, ``fatalities``): the store's incidents (one real incident counted once, however many
reports tell it) or its events. Weights: data/plover_weights.yaml. An alert: on a day, a series' conflict (or
cooperation) intensity stands at least ``z`` standard deviations above the mean of the ``window`` days before it
(days without events count as 0; the deviation is at least ``min_std``, so a flat series needs a real jump), with
at least ``min_baseline_events`` events in that window (a baseline to break out of) and ``min_events`` that day.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from .filters import plover_types, yaml_weights

BY = ("dyad", "actor", "country")
SIDES = ("conflict", "cooperation")


@dataclass(frozen=True)
class AlertRule:
    window: int = 14
    z: float = 3.0
    min_std: float = 1.0
    min_baseline_events: int = 3
    min_events: int = 1


def intensity(row: dict[str, Any]) -> tuple[str, float] | None:
    """(side, intensity) of one event; None for a type the weights do not know."""
    spec = plover_types().get(str(row.get("event_type") or "").upper())
    if spec is None:
        return None
    cfg = yaml_weights()
    weight = (spec.get("modes") or {}).get(row.get("mode"), spec["weight"])
    dead = min(max(row.get("fatalities") or 0, 0), cfg["max_fatalities"])
    return spec["side"], float(weight) + cfg["per_fatality"] * dead


def keys_of(row: dict[str, Any], by: str) -> list[str]:
    """The series an event counts in: its dyad ("A -> B"), its actor, or its country (the place's, else the actor's)."""
    actor = row.get("actor_name") or "Unidentified actor"
    if by == "dyad":
        return [f"{actor} -> {row['recipient_name']}"] if row.get("recipient_name") else []
    if by == "actor":
        return [actor]
    if by == "country":
        country = row.get("country") or row.get("actor_country")
        return [country] if country else []
    raise ValueError(f"by must be one of {', '.join(BY)}, got {by!r}")


def _days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


def daily_series(rows: list[dict[str, Any]], by: str = "dyad") -> dict[str, list[dict[str, Any]]]:
    """Per key, one entry per calendar day from the key's first to its last dated event: conflict and cooperation
    intensity and the number of events. Only day-precise dates can be placed on a day."""
    cells: dict[str, dict[dt.date, dict[str, float]]] = defaultdict(dict)
    for row in rows:
        date = str(row.get("date") or "")
        if len(date) < 10:
            continue
        try:
            day = dt.date.fromisoformat(date[:10])
        except ValueError:
            continue
        scored = intensity(row)
        if scored is None:
            continue
        side, value = scored
        for key in keys_of(row, by):
            cell = cells[key].setdefault(day, {"conflict": 0.0, "cooperation": 0.0, "events": 0})
            cell[side] += value
            cell["events"] += 1
    empty = {"conflict": 0.0, "cooperation": 0.0, "events": 0}
    return {key: [{"day": d.isoformat(), **by_day.get(d, empty)} for d in _days(min(by_day), max(by_day))]
            for key, by_day in sorted(cells.items())}


def alerts(series: dict[str, list[dict[str, Any]]], rule: AlertRule = AlertRule()) -> list[dict[str, Any]]:
    """Days on which a series breaks out of its trailing baseline, strongest first."""
    found = []
    for key, points in series.items():
        for i in range(rule.window, len(points)):
            today, before = points[i], points[i - rule.window:i]
            if today["events"] < rule.min_events or sum(p["events"] for p in before) < rule.min_baseline_events:
                continue
            for side in SIDES:
                values = [p[side] for p in before]
                mean = sum(values) / len(values)
                std = max(math.sqrt(sum((v - mean) ** 2 for v in values) / len(values)), rule.min_std)
                z = (today[side] - mean) / std
                if z >= rule.z:
                    found.append({"key": key, "day": today["day"], "side": side, "value": round(today[side], 2),
                                  "baseline": round(mean, 2), "std": round(std, 2), "z": round(z, 2),
                                  "events": today["events"]})
    return sorted(found, key=lambda a: (-a["z"], a["day"], a["key"]))


def summary(series: dict[str, list[dict[str, Any]]], top: int | None = None) -> list[dict[str, Any]]:
    """One line per series: totals, the peak conflict day, the last window's trend; busiest first."""
    out = []
    for key, points in series.items():
        peak = max(points, key=lambda p: p["conflict"])
        out.append({"key": key, "events": sum(p["events"] for p in points),
                    "conflict": round(sum(p["conflict"] for p in points), 2),
                    "cooperation": round(sum(p["cooperation"] for p in points), 2),
                    "peak_day": peak["day"] if peak["conflict"] else None, "peak_conflict": round(peak["conflict"], 2)})
    out.sort(key=lambda s: (-s["events"], s["key"]))
    return out[:top] if top else out

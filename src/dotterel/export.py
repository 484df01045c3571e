"""Output formats over contract records: json (the contract), PLOVER JSON, ACLED CSV, an event table CSV, GeoJSON,
GraphML."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

import networkx as nx

from .export_acled import ACLED_COLUMNS, GEO_PRECISION, acled_rows
from .network import build_graph

__all__ = ["ACLED_COLUMNS", "CSV_COLUMNS", "FORMATS", "GEO_PRECISION", "acled_rows", "csv_rows", "geojson", "graph_of",
           "plover_records", "write"]

FORMATS = ("json", "plover", "acled", "csv", "geojson", "graphml")
CSV_COLUMNS = ["id", "date", "event_type", "mode", "actor", "recipient", "location", "admin1", "country", "lat", "lon",
               "precision", "fatalities", "injured", "arrested", "confidence", "doc_id", "url", "evidence"]


def csv_rows(record: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """One flat row per event: the table an analyst opens in a spreadsheet."""
    for e in record["events"]:
        loc = e.get("location") or {}
        yield {"id": e["id"], "date": e["date"], "event_type": e["event_type"], "mode": e["mode"],
               "actor": e["actor"]["name"], "recipient": (e["recipient"] or {}).get("name"), "location": loc.get("name"),
               "admin1": loc.get("admin1"), "country": loc.get("country"), "lat": loc.get("lat"), "lon": loc.get("lon"),
               "precision": loc.get("precision"), "fatalities": e["fatalities"], "injured": e["injured"],
               "arrested": e["arrested"], "confidence": e.get("confidence"), "doc_id": record["doc_id"],
               "url": record["url"], "evidence": e["evidence"]["text"]}


def plover_records(record: dict[str, Any], coded_date: str | None = None) -> Iterator[dict[str, Any]]:
    """One PLOVER JSON record per event (PLOVER's field names)."""
    coded_date = coded_date or dt.date.today().isoformat()
    for e in record["events"]:
        loc = e.get("location")
        yield {
            "id": e["id"], "date": e["date"],
            "actor": _plover_actor(e["actor"]), "recipient": _plover_actor(e["recipient"]) if e["recipient"] else None,
            "event": e["event_type"], "mode": e["mode"], "context": e["context"],
            "event_loc": {"name": loc["name"], "admin1": loc["admin1"], "country": loc["country"],
                          "lat": loc["lat"], "lon": loc["lon"], "geonameid": loc["geonameid"],
                          "precision": loc["precision"]} if loc else None,
            "event_text": e["evidence"]["text"],
            "size": {"dead": e["fatalities"], "injured": e["injured"], "arrested": e["arrested"]},
            "text_info": {"doc_id": record["doc_id"], "publication_date": record["publication_date"],
                          "title": record["title"], "url": record["url"],
                          "evidence_start": e["evidence"]["start"], "evidence_end": e["evidence"]["end"]},
            "coder": "dotterel", "coded_date": coded_date,
        }


def _plover_actor(ref: dict[str, Any]) -> dict[str, Any]:
    return {"text": ref["text"], "name": ref["name"], "wikidata_id": ref["id"] if str(ref.get("id", "")).startswith("Q")
            else None, "id": ref["id"], "country": ref["country"], "sector": ref["sector"]}


def geojson(records: Iterable[dict[str, Any]]) -> dict[str, Any]:
    features = []
    for rec in records:
        for e in rec["events"]:
            loc = e.get("location")
            if not loc or loc.get("lat") is None:
                continue
            props = {k: e[k] for k in ("id", "event_type", "mode", "date", "fatalities", "acled_event_type",
                                       "acled_sub_event_type")}
            props.update(actor=e["actor"]["name"], recipient=(e["recipient"] or {}).get("name"),
                         place=loc["name"], doc_id=rec["doc_id"], evidence=e["evidence"]["text"])
            features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]},
                             "properties": props})
    return {"type": "FeatureCollection", "features": features}


def graph_of(records: Iterable[dict[str, Any]]) -> nx.Graph:
    rows, relations, names = [], [], {}
    for rec in records:
        names.update({a["id"]: a["name"] for a in rec["actors"]})
        for e in rec["events"]:
            rec_ref = e["recipient"] or {}
            rows.append({"actor_id": e["actor"]["id"], "actor_name": e["actor"]["name"], "actor_text": e["actor"]["text"],
                         "event_type": e["event_type"], "recipient_id": rec_ref.get("id"),
                         "recipient_name": rec_ref.get("name"), "recipient_text": rec_ref.get("text")})
        relations += rec["relations"]
    return build_graph(rows, relations, names)


def write(records: Iterable[dict[str, Any]], fmt: str, out: IO[str]) -> int:
    """Write records in a format; returns the number of items written."""
    n = 0
    if fmt == "json":
        for rec in records:
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
    elif fmt == "plover":
        for rec in records:
            for p in plover_records(rec):
                out.write(json.dumps(p, ensure_ascii=False) + "\n")
                n += 1
    elif fmt in ("acled", "csv"):
        writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS if fmt == "acled" else CSV_COLUMNS)
        writer.writeheader()
        for rec in records:
            for row in (acled_rows if fmt == "acled" else csv_rows)(rec):
                writer.writerow(row)
                n += 1
    elif fmt == "geojson":
        data = geojson(records)
        json.dump(data, out, ensure_ascii=False)
        n = len(data["features"])
    elif fmt == "graphml":
        graph = graph_of(records)
        buf = io.BytesIO()
        nx.write_graphml(graph, buf)
        out.write(buf.getvalue().decode("utf-8"))
        n = graph.number_of_nodes()
    else:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return n

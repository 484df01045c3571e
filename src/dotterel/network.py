"""Relations between actors, from the text ("Iran-backed", "allies of") and from events, and the
actor graph over a corpus (networkx)."""

from __future__ import annotations

import re
from collections.abc import Iterable

import networkx as nx
from spacy.tokens import Doc

from .actors import mention_at
from .model import CodedDocument, Relation, Span

# PLOVER quad classes: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict
QUAD = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1, "COOPERATE": 2, "AID": 2, "RETREAT": 2,
        "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4,
        "COERCE": 4, "ASSAULT": 4}
BACKED = re.compile(r"\b([A-Z][\w.'-]*(?:\s[A-Z][\w.'-]*)*)-(?:backed|allied|aligned|sponsored|funded|supported)\b")


def cooperative(event_type: str) -> bool:
    return QUAD.get(event_type, 0) in (1, 2)


class RelationExtractor:
    """Pipeline stage: fills ``coded.relations`` ("Iran-backed militias" -> Iran backs them)."""

    name = "network"

    def __call__(self, doc: Doc, coded: CodedDocument) -> None:
        relations = []
        for m in BACKED.finditer(doc.text):
            backer = mention_at(coded.mentions, _token_at(doc, m.start(1)), doc)
            token = _token_at(doc, m.end())
            backed = mention_at(coded.mentions, doc[token].head.i if token is not None else None, doc) \
                if token is not None else None
            if backer and backed and backer.ref.id and backed.ref.id and backer.ref.id != backed.ref.id:
                relations.append(Relation(a=backer.ref.id, b=backed.ref.id, type="backs",
                                          evidence=Span(m.start(), m.end(), m.group(0))))
        coded.relations = relations


def _token_at(doc: Doc, char: int) -> int | None:
    span = doc.char_span(char, min(char + 1, len(doc.text)), alignment_mode="expand")
    return span.start if span is not None else None


def build_graph(event_rows: Iterable[dict], relation_rows: Iterable[dict] = ()) -> nx.Graph:
    """Actor graph: an edge per dyad, weight = number of events, sign by PLOVER quad
    (cooperation positive, conflict negative), plus textual relations."""
    graph = nx.Graph()
    for row in event_rows:
        a, b = row.get("actor_id") or row.get("actor_name"), row.get("recipient_id") or row.get("recipient_name")
        if not a or not b or a == b:
            continue
        for node, name in ((a, row.get("actor_name")), (b, row.get("recipient_name"))):
            if node not in graph:
                graph.add_node(node, name=name or node, events=0)
            graph.nodes[node]["events"] += 1
        data = graph.get_edge_data(a, b) or {"weight": 0, "cooperation": 0, "conflict": 0}
        data["weight"] += 1
        data["cooperation" if cooperative(row["event_type"]) else "conflict"] += 1
        graph.add_edge(a, b, **data)
    for row in relation_rows:
        a, b = row["a"], row["b"]
        for node in (a, b):
            if node not in graph:
                graph.add_node(node, name=node, events=0)
        data = graph.get_edge_data(a, b) or {"weight": 0, "cooperation": 0, "conflict": 0}
        data["weight"] += 1
        data["hostile" if row["type"] == "hostile" else "cooperation"] = data.get(
            "hostile" if row["type"] == "hostile" else "cooperation", 0) + 1
        graph.add_edge(a, b, **data)
    for _, _, data in graph.edges(data=True):
        data["sign"] = "cooperation" if data.get("cooperation", 0) >= data.get("conflict", 0) else "conflict"
    return graph

"""Relations between actors, from the text ("Iran-backed", "allies of") and from events, and the
actor graph over a corpus (networkx)."""

from __future__ import annotations

import re
from collections.abc import Iterable

import networkx as nx
from spacy.tokens import Doc

from .actors import mention_at
from .model import UNKNOWN_ACTOR, CodedDocument, Relation, Span

# PLOVER quad classes: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict
QUAD = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1, "COOPERATE": 2, "AID": 2, "RETREAT": 2,
        "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4,
        "COERCE": 4, "ASSAULT": 4}
BACKED = re.compile(r"\b([A-Z][\w.'-]*(?:\s[A-Z][\w.'-]*)*)-(backed|allied|aligned|sponsored|funded|supported|affiliated)\b")
COMPOUND_TYPE = {"allied": "ally", "aligned": "ally", "affiliated": "member_of"}
# "Y, a member of X", "Y is an ally of X": the noun says how Y stands to X
OF_NOUNS = {"member": "member_of", "affiliate": "member_of", "branch": "member_of", "wing": "member_of",
            "part": "member_of", "faction": "member_of", "unit": "member_of", "ally": "ally", "partner": "ally",
            "proxy": "backs_by", "client": "backs_by"}
# "Y, backed by X", "Y was funded by X", "formed with help from X": X backs Y
BACKING_VERBS = {"back", "support", "fund", "finance", "arm", "train", "sponsor", "equip", "bankroll"}
HELP_NOUNS = {"help", "support", "backing", "funding", "assistance", "aid"}


def cooperative(event_type: str) -> bool:
    return QUAD.get(event_type, 0) in (1, 2)


class RelationExtractor:
    """Pipeline stage: fills ``coded.relations`` from what the text says ("Iran-backed militias",
    "Kata'ib Hezbollah, a member of the PMF", "allies of Russia", "formed with help from the IRGC"),
    each with its evidence span."""

    name = "network"

    def __call__(self, doc: Doc, coded: CodedDocument) -> None:
        self.doc, self.mentions = doc, coded.mentions
        relations: list[Relation] = []
        for m in BACKED.finditer(doc.text):
            backer = self.mention(_token_at(doc, m.start(1)))
            token = _token_at(doc, m.end() - 1)  # "backed", whose head is the noun it modifies
            backed = self.mention(doc[token].head.i) if token is not None else None
            self.add(relations, backer, backed, COMPOUND_TYPE.get(m.group(2), "backs"), m.start(), m.end(), flip=True)
        if coded.mentions:
            for tok in doc:
                self.from_token(tok, relations)
        coded.relations = relations

    def mention(self, token_i: int | None):
        return mention_at(self.mentions, token_i, self.doc) if token_i is not None else None

    def from_token(self, tok, relations: list[Relation]) -> None:
        lemma = tok.lemma_.lower()
        if lemma in OF_NOUNS and tok.pos_ == "NOUN":
            obj = next((g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "to")
                        for g in c.children if g.dep_ == "pobj"), None)
            subj = _subject_of_noun(tok)
            if obj is not None and subj is not None:
                kind = OF_NOUNS[lemma]
                self.add(relations, self.mention(obj.i), self.mention(subj.i), "backs" if kind == "backs_by" else kind,
                         *_extent(self.doc, subj, obj), flip=kind == "backs_by")
        elif lemma in BACKING_VERBS and tok.tag_ == "VBN":
            agent = next((g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
            subj = tok.head if tok.dep_ in ("acl", "amod") else next(
                (c for c in tok.children if c.dep_ == "nsubjpass"), None)
            if agent is not None and subj is not None:
                self.add(relations, self.mention(agent.i), self.mention(subj.i), "backs", *_extent(self.doc, subj, agent),
                         flip=True)
        elif lemma in HELP_NOUNS and tok.dep_ == "pobj" and tok.head.lower_ == "with":
            src = next((g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("from", "of")
                        for g in c.children if g.dep_ == "pobj"), None)
            verb = tok.head.head
            subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is None and verb.dep_ == "acl":
                subj = verb.head
            if src is not None and subj is not None:
                self.add(relations, self.mention(src.i), self.mention(subj.i), "backs", *_extent(self.doc, subj, src),
                         flip=True)

    def add(self, relations: list[Relation], x, y, rel: str, start: int, end: int, flip: bool = False) -> None:
        """x, y mentions; 'backs' relations read backer -> backed; member_of reads member -> body."""
        if x is None or y is None or not x.ref.id or not y.ref.id or x.ref.id == y.ref.id:
            return
        a, b = (x.ref.id, y.ref.id) if flip else (y.ref.id, x.ref.id)
        if rel == "backs" and not flip:
            a, b = b, a
        evidence = Span(start, end, self.doc.text[start:end])
        if not any(r.a == a and r.b == b and r.type == rel for r in relations):
            relations.append(Relation(a=a, b=b, type=rel, evidence=evidence))


def _subject_of_noun(noun):
    """Whom a relational noun describes: the head of an apposition, or the subject of 'is a member of'."""
    if noun.dep_ == "appos":
        return noun.head
    if noun.dep_ in ("attr", "dobj") and noun.head.lemma_ in ("be", "remain", "become"):
        return next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
    if noun.dep_ == "pobj" and noun.head.lower_ == "as":  # "described as a proxy of Iran"
        verb = noun.head.head
        return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")), None)
    return None


def _extent(doc: Doc, a, b) -> tuple[int, int]:
    lo, hi = min(a.left_edge.i, b.left_edge.i, a.i, b.i), max(a.i, b.i)
    return doc[lo].idx, doc[hi].idx + len(doc[hi])


def _token_at(doc: Doc, char: int) -> int | None:
    span = doc.char_span(char, min(char + 1, len(doc.text)), alignment_mode="expand")
    return span.start if span is not None else None


def _node(row: dict, side: str) -> str | None:
    """The graph node of one side of an event row: its id, else its name; the placeholder for an unnamed
    actor is no node (as one hub it would join unrelated events)."""
    name = row.get(f"{side}_name")
    return row.get(f"{side}_id") or (name if name != UNKNOWN_ACTOR else None)


def build_graph(event_rows: Iterable[dict], relation_rows: Iterable[dict] = ()) -> nx.Graph:
    """Actor graph: an edge per dyad, weight = number of events, sign by PLOVER quad
    (cooperation positive, conflict negative), plus textual relations."""
    graph = nx.Graph()
    for row in event_rows:
        a, b = _node(row, "actor"), _node(row, "recipient")
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

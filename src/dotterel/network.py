"""Relations between actors, from the text ("Iran-backed", "allies of"), the knowledge base and events, and
the actor graph over a corpus (networkx)."""

from __future__ import annotations

import re
from collections.abc import Iterable

import networkx as nx
from spacy.tokens import Doc

from .actors import mention_at
from .actors.kb import ActorBase
from .docindex import doc_text
from .model import UNKNOWN_ACTOR, Actor, CodedDocument, Relation, Span, unnamed_side
from .network_common import actor_id, words
from .network_kb import hostile_events, known, membership, opposed_prefixes, paired_names, parties
from .network_text import TextRelations

# PLOVER quad classes: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict
QUAD = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1, "COOPERATE": 2, "AID": 2, "RETREAT": 2,
        "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4,
        "COERCE": 4, "ASSAULT": 4}
BACKED = re.compile(r"\b([A-Z][\w.'-]*(?:\s[A-Z][\w.'-]*)*)-(backed|allied|aligned|sponsored|funded|supported|affiliated|led)\b")
COMPOUND_TYPE = {"allied": "ally", "aligned": "ally", "affiliated": "member_of", "led": "member_of"}
KINDS = ("ally", "backs", "member_of", "hostile")
FORCES = {"state", "military", "armed_group"}


def cooperative(event_type: str) -> bool:
    return QUAD.get(event_type, 0) in (1, 2)


class RelationExtractor:
    """Pipeline stage: fills ``coded.relations`` with what the text says ("Iran-backed militias", "Kata'ib
    Hezbollah, a member of the PMF", "X's fight against Y", "the coalition includes X and Y"), each with its
    evidence span, and with what the knowledge base knows of actors both in the article (source "kb")."""

    name = "network"

    def __init__(self, base: ActorBase | None = None):
        self.base = base or ActorBase.load()
        # every name and alias of the knowledge base, for names that only a compound gives ("Russian-Iranian")
        self.names: dict[str, list[str]] = {}
        for actor in self.base.actors.values():
            for name in {actor.name.lower(), *(x.lower() for x in actor.aliases)}:
                self.names.setdefault(name, []).append(actor.id)

    def __call__(self, doc: Doc, coded: CodedDocument) -> None:
        self.doc, self.mentions = doc, coded.mentions
        relations: list[Relation] = []
        for m in BACKED.finditer(doc_text(doc)):
            last = _token_at(doc, m.end(1) - 1)  # the last word: "The Saudi-led" is Saudi
            backer = self.mention(last)
            token = _token_at(doc, m.end() - 1)  # "backed", whose head is the noun it modifies
            backed = self.mention(doc[token].head.i) if token is not None else None
            start = doc[last].idx if last is not None else m.start()
            self.add(relations, backer, backed, COMPOUND_TYPE.get(m.group(2), "backs"), start, m.end(), flip=True)
        if coded.mentions:
            for tok in doc:
                self.of_noun(tok, relations)
            aliases = {x.lower(): a.id for a in coded.actors for x in (a.name, *a.aliases)}
            rules = TextRelations(doc, coded.mentions, aliases)
            for f in rules.find():
                start, end = doc[f.lo].idx, doc[f.hi].idx + len(doc[f.hi])
                relations.append(Relation(f.a, f.b, f.type, Span(start, end, doc_text(doc)[start:end])))
            known_ids = {a.id for a in coded.actors}
            coded.actors += [Actor(id=i, name=name, aliases=[name]) for i, name in rules.new_actors.items() if i not in known_ids]
            relations += opposed_prefixes(doc, coded, aliases) + paired_names(doc, coded, self.names)
        relations += parties(doc, coded, self.base) + membership(doc, coded, self.base, self.names)
        relations += known(coded, self.base) + hostile_events(coded)
        coded.relations = unique(relations, {a.id: a.kind for a in coded.actors})

    def mention(self, token_i: int | None):
        return mention_at(self.mentions, token_i, self.doc) if token_i is not None else None

    def of_noun(self, tok, relations: list[Relation]) -> None:
        """"Y, a member of X", "Y is an ally of X", "an enemy of X": the noun says how Y stands to X."""
        of_nouns = words()["of_nouns"]
        lemma = tok.lemma_.lower()
        if lemma in of_nouns and tok.pos_ == "NOUN":
            obj = next((g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "to")
                        for g in c.children if g.dep_ == "pobj"), None)
            subj = _subject_of_noun(tok)
            if obj is not None and subj is not None:
                kind = of_nouns[lemma]
                self.add(relations, self.mention(obj.i), self.mention(subj.i), "backs" if kind == "backs_by" else kind,
                         *_extent(self.doc, subj, obj), flip=kind == "backs_by")

    def add(self, relations: list[Relation], x, y, rel: str, start: int, end: int, flip: bool = False) -> None:
        """x, y mentions; 'backs' relations read backer -> backed; member_of reads member -> body."""
        if x is None or y is None:
            return
        a, b = (actor_id(x), actor_id(y)) if flip else (actor_id(y), actor_id(x))
        if rel == "backs" and not flip:
            a, b = b, a
        relations.append(Relation(a=a, b=b, type=rel, evidence=Span(start, end, doc_text(self.doc)[start:end])))


def unique(relations: list[Relation], kinds: dict[str, str]) -> list[Relation]:
    """One relation per (type, a, b), ally and hostile either way round; the first found (the text's, before the
    knowledge base's) is kept; both ends must be actors of the record, and never the same one. A person who
    fights or backs a state or an armed force mostly acts for another body the parse does not see ("the president
    ordered troops to assist X"), so such pairs are left out; two people "against" each other are mostly rivals
    in a race ("ran against", "defeated in the caucuses"), not enemies."""
    out, seen = [], set()
    for r in relations:
        key = (r.type, *sorted((r.a, r.b))) if r.type in ("ally", "hostile") else (r.type, r.a, r.b)
        if r.a == r.b or r.a not in kinds or r.b not in kinds or r.type not in KINDS or key in seen:
            continue
        ends = {kinds[r.a], kinds[r.b]}
        if r.type in ("hostile", "backs") and "person" in ends and ends & FORCES:
            continue
        if r.type == "hostile" and ends == {"person"} and r.source == "text":  # rivals in a race, not enemies
            continue
        seen.add(key)
        out.append(r)
    return out


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
    span = doc.char_span(char, min(char + 1, len(doc_text(doc))), alignment_mode="expand")
    return span.start if span is not None else None


def _node(row: dict, side: str) -> str | None:
    """The graph node of one side of an event row: its id, else its name; the placeholder for an unnamed
    actor is no node (as one hub it would join unrelated events)."""
    name = row.get(f"{side}_name")
    return row.get(f"{side}_id") or (name if name != UNKNOWN_ACTOR and not unnamed_side(row, side) else None)


def build_graph(event_rows: Iterable[dict], relation_rows: Iterable[dict] = (), names: dict[str, str] | None = None) -> nx.Graph:
    """Actor graph: an edge per dyad, weight = number of events, sign by PLOVER quad
    (cooperation positive, conflict negative), plus the relations (text and kb; `names` names their nodes).
    An event row may stand for ``n`` alike events (rows counted by a GROUP BY)."""
    graph = nx.Graph()
    for row in event_rows:
        a, b = _node(row, "actor"), _node(row, "recipient")
        if not a or not b or a == b:
            continue
        n = row.get("n", 1)
        for node, name in ((a, row.get("actor_name")), (b, row.get("recipient_name"))):
            if node not in graph:
                graph.add_node(node, name=name or node, events=0)
            graph.nodes[node]["events"] += n
        data = graph.get_edge_data(a, b) or {"weight": 0, "cooperation": 0, "conflict": 0}
        data["weight"] += n
        data["cooperation" if cooperative(row["event_type"]) else "conflict"] += n
        graph.add_edge(a, b, **data)
    for row in relation_rows:
        a, b = row["a"], row["b"]
        for node in (a, b):
            if node not in graph:
                graph.add_node(node, name=(names or {}).get(node, node), events=0)
        data = graph.get_edge_data(a, b) or {"weight": 0, "cooperation": 0, "conflict": 0}
        data["weight"] += 1
        data["hostile" if row["type"] == "hostile" else "cooperation"] = data.get(
            "hostile" if row["type"] == "hostile" else "cooperation", 0) + 1
        graph.add_edge(a, b, **data)
    for _, _, data in graph.edges(data=True):
        data["sign"] = "cooperation" if data.get("cooperation", 0) >= data.get("conflict", 0) else "conflict"
    return graph

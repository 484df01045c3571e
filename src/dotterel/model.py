"""The shared document model: dataclasses mirroring ../shared/CONTRACT.md.

Every stage reads a spaCy ``Doc`` and a partly built :class:`CodedDocument` and adds its own fields.
``to_dict`` gives the exact contract record; anything a stage keeps only for later stages
(mentions, sentence clauses) lives in ``CodedDocument.scratch`` and never reaches the output.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any

# The actor of an event whose doer the text does not name; never a node of the actor network.
UNKNOWN_ACTOR = "Unidentified actor"


def unnamed_side(row: dict, side: str) -> bool:
    """Is one side of a stored event row a doer the text does not name: no words and no id (the placeholder, or
    the kind-and-country name events/unnamed.py gives it, "Unidentified Armed Group (Iraq)")? Such a name is no
    identity: two of them are not one party, and as a graph node it would join unrelated events."""
    return row.get(f"{side}_text") == "" and not row.get(f"{side}_id")


def stable_id(*parts: object, length: int = 16) -> str:
    """A short hash that is the same for the same parts on every machine and run."""
    raw = "\x1f".join(str(p) for p in parts)
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:length]


@dataclass
class _DocumentHead:
    """The fields an input document and its coded record share, in the contract's order."""

    doc_id: str
    text: str
    publication_date: str | None = None
    title: str | None = None
    url: str | None = None


@dataclass
class Document(_DocumentHead):
    """One input document as ingested, before any NLP."""

    source: str | None = None  # where it was read from: a path, or path:line
    error: str | None = None  # an ingest error: the document is kept, but not coded

    @property
    def content_hash(self) -> str:
        return hashlib.sha1(self.text.encode("utf-8", "replace")).hexdigest()


@dataclass
class Span:
    start: int
    end: int
    text: str


@dataclass
class ActorRef:
    """An actor as one passage names it: the words, and who they were resolved to."""

    text: str  # the surface form in the text ("the group", "Iraqi police")
    name: str  # the resolved name: a knowledge-base name, or an ACLED-style built one
    id: str | None = None  # knowledge-base id; None for an actor the base does not hold
    country: str | None = None  # ISO3
    sector: str | None = None  # PLOVER sector code (MIL, GOV, ...)


@dataclass
class Location:
    name: str
    admin1: str | None
    country: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None = None
    precision: str = "city"


@dataclass
class Event:
    event_type: str
    actor: ActorRef
    evidence: Span
    doc_id: str = ""
    recipient: ActorRef | None = None
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    date: str | None = None
    date_precision: str | None = None
    location: Location | None = None
    fatalities: int | None = None
    injured: int | None = None
    arrested: int | None = None
    incident_count: int | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    historical: bool = False
    mentions: list[Span] = field(default_factory=list)  # other passages reporting the same event
    confidence: float = 1.0  # how sure the coder is that this act happened as coded
    salience: str = "main"  # main: the article's own news; background: context it recalls
    trigger: Span | None = None  # the word(s) that triggered it; kept for later stages, not exported
    carried: bool = False  # actor or recipient taken from an earlier sentence; not exported

    @property
    def id(self) -> str:
        return stable_id(self.doc_id, self.evidence.start, self.evidence.end, self.event_type,
                         self.actor.name, self.trigger.start if self.trigger else "")

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "event_type": self.event_type,
            "mode": self.mode,
            "context": list(self.context),
            "actor": asdict(self.actor),
            "recipient": asdict(self.recipient) if self.recipient else None,
            "date": self.date,
            "date_precision": self.date_precision,
            "location": asdict(self.location) if self.location else None,
            "fatalities": self.fatalities,
            "injured": self.injured,
            "arrested": self.arrested,
            "incident_count": self.incident_count,
            "acled_event_type": self.acled_event_type,
            "acled_sub_event_type": self.acled_sub_event_type,
            "historical": self.historical,
            "evidence": asdict(self.evidence),
            "mentions": [asdict(m) for m in self.mentions],
            "confidence": round(self.confidence, 3),
            "salience": self.salience,
        }


@dataclass
class Quote:
    text: str
    start: int
    end: int
    kind: str  # direct | indirect
    cue: str | None = None
    speaker: ActorRef | None = None
    speaker_org: ActorRef | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text, "start": self.start, "end": self.end, "kind": self.kind, "cue": self.cue,
            "speaker": asdict(self.speaker) if self.speaker else None,
            "speaker_org": asdict(self.speaker_org) if self.speaker_org else None,
        }


@dataclass
class Actor:
    """An actor of a document (the record's ``actors``); the knowledge base's records extend it."""

    id: str
    name: str
    kind: str = "other"  # person | armed_group | state | government | military | party | igo | media | population | other
    country: str | None = None  # ISO3
    sector: str | None = None  # PLOVER sector code
    aliases: list[str] = field(default_factory=list)  # every surface form seen (or known) for it
    member_of: list[str] = field(default_factory=list)  # ids of the bodies it belongs to


@dataclass
class Relation:
    a: str
    b: str
    type: str  # ally | backs | member_of | hostile
    evidence: Span | None = None  # the passage that states it; None for what the knowledge base knows
    source: str = "text"  # text | kb


@dataclass
class Mention:
    """An actor mention in the text: character span, the resolved reference, and its head token."""

    start: int
    end: int
    ref: ActorRef
    kind: str = "other"
    head: int | None = None  # token index of the syntactic head, when known


@dataclass
class CodedDocument(_DocumentHead):
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    error: str | None = None
    content_hash: str = ""

    @classmethod
    def from_document(cls, doc: Document) -> CodedDocument:
        return cls(doc_id=doc.doc_id, text=doc.text, publication_date=doc.publication_date,
                   title=doc.title, url=doc.url, error=doc.error, content_hash=doc.content_hash)

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "publication_date": self.publication_date,
            "title": self.title,
            "url": self.url,
            "events": [e.to_dict() for e in self.events],
            "quotes": [q.to_dict() for q in self.quotes],
            "actors": [asdict(a) for a in self.actors],
            "relations": [asdict(r) for r in self.relations],
            "error": self.error,
        }

    def failed(self, reason: str) -> CodedDocument:
        """Mark the document as not coded: the contract wants its line with empty lists."""
        self.error = reason
        self.events, self.quotes, self.actors, self.relations, self.mentions = [], [], [], [], []
        return self

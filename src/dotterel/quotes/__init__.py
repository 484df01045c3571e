"""Quotes and their speakers: direct speech between quote marks, indirect speech
("the minister said that ...", "according to officials, ..."), the speaker and the body they speak for."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..actors import mention_at
from ..docindex import doc_text
from ..model import ActorRef, CodedDocument, Mention, Quote
from .direct import Part, parts, segments
from .indirect import according, clauses, headed
from .salience import Salience
from .speaker import Speaker, core, entities, org_of

__all__ = ["QuoteExtractor"]
SLACK = 3  # a clause trimmed of its closing mark and full stop still contains the quote that ends it


@dataclass
class Pending:
    """A quote found, its speaker not yet resolved (speakers resolve in text order: a pronoun takes the
    referent salient at that point)."""
    start: int
    end: int
    kind: str
    cue: Token | None
    cue_text: str | None
    part: Part | None = None
    source: Span | None = None   # "according to [source]"
    name: Span | None = None     # "[Name]: words"


class QuoteExtractor:
    """Pipeline stage: fills ``coded.quotes``."""

    name = "quotes"

    def __call__(self, doc: Doc, coded: CodedDocument) -> None:
        direct = [self.pending(doc, p) for p in parts(doc)]
        marked = [(s.open_start, s.open_end) for s in segments(doc_text(doc))]
        kept: list[Pending] = []
        for q in self.indirect(doc):
            if q.cue is not None and any(a <= q.cue.idx < b for a, b in marked):
                continue  # a reporting word inside someone's quoted words is no attribution of the writer's
            inner = [d for d in direct if q.start <= d.start and d.end <= q.end + SLACK]
            if any(d.start < q.end and q.start < d.end and d not in inner for d in direct):
                continue
            for d in inner:  # quoted words inside reported speech are the words of that clause's speaker
                if q.cue is not None and q.source is None and q.name is None and (d.part is None or d.part.lead):
                    d.cue, d.cue_text = q.cue, q.cue_text
            # reported speech that is mostly one quoted stretch ("said the bill would “gut the protections”") is
            # that direct quote; one that carries quoted phrases keeps both (the phrases are quotes too, and the
            # clause is what was reported: "said X was “slow” and Y “too late”")
            if inner and 2 * max(d.end - d.start for d in inner) >= q.end - q.start:
                continue
            q.end = max([q.end] + [d.end for d in inner])  # the clause ends with its quoted words
            if not any(o.start < q.end and q.start < o.end for o in kept):
                kept.append(q)
        coded.quotes = self.resolve(doc, coded.mentions, sorted(kept + direct, key=lambda q: (q.start, q.end)))

    @staticmethod
    def pending(doc: Doc, part: Part) -> Pending:
        text = doc_text(doc)
        end = part.seg.end
        while end > part.seg.start and text[end - 1] in ", \t":  # the article gold leaves a trailing comma out
            end -= 1
        return Pending(part.seg.start, end, "direct", part.cue, part.cue.text if part.cue is not None else None, part=part)

    @staticmethod
    def indirect(doc: Doc) -> list[Pending]:
        out = [Pending(span.start_char, span.end_char, "indirect", cue, cue.text) for span, cue in clauses(doc)]
        out += [Pending(span.start_char, span.end_char, "indirect", cue, "according to", source=source)
                for span, source, cue in according(doc)]
        out += [Pending(span.start_char, span.end_char, "indirect", None, ":", name=name) for span, name in headed(doc)]
        return sorted(out, key=lambda q: q.start)

    def resolve(self, doc: Doc, mentions: list[Mention], pending: list[Pending]) -> list[Quote]:
        salience = Salience(doc, entities(doc), [(s.open_start, s.open_end) for s in segments(doc_text(doc))])
        who = Speaker(doc, mentions, salience)
        chain_speaker: dict[int, tuple[ActorRef | None, ActorRef | None]] = {}
        last: tuple[ActorRef | None, ActorRef | None] = (None, None)
        text = doc_text(doc)
        out = []
        for q in pending:
            part = q.part
            if part is not None and not part.lead and part.chain in chain_speaker:
                speaker, org = chain_speaker[part.chain]
            elif part is not None and q.cue is None:
                # a quote paragraph of its own goes on from the last speaker
                opens = text[:part.seg.open_start].rstrip(" \t").endswith("\n") or part.seg.open_start == 0
                voice = salience.voice(part.seg.open_start) if opens else None
                same = voice is not None and last[0] is not None and voice.name == last[0].name
                speaker, org = last if same else (voice, None)
            elif q.source is not None:
                speaker, org = self.according_speaker(doc, who, q.source, mentions)
            elif q.name is not None:
                speaker, org = self.headed_speaker(q.name, mentions, doc), None
            else:
                speaker, org = who.of_cue(q.cue)
            if part is not None:
                chain_speaker.setdefault(part.chain, (speaker, org))
            if speaker is not None:
                last = (speaker, org)
            out.append(Quote(text=text[q.start:q.end], start=q.start, end=q.end, kind=q.kind, cue=q.cue_text,
                             speaker=speaker, speaker_org=org))
        return out

    @staticmethod
    def according_speaker(doc: Doc, who: Speaker, source: Span,
                          mentions: list[Mention]) -> tuple[ActorRef | None, ActorRef | None]:
        speaker, org = who.of_subject(source.root)
        if speaker is not None and speaker.text != source.text and source.root.lower_ not in ("he", "she"):
            speaker = ActorRef(text=source.text, name=speaker.name if speaker.id else core(doc, source.root).text,
                               id=speaker.id, country=speaker.country, sector=speaker.sector)
        return speaker, org or org_of(doc, source, source.root, mentions)

    @staticmethod
    def headed_speaker(name: Span, mentions: list[Mention], doc: Doc) -> ActorRef:
        mention = mention_at(mentions, name.root.i, doc)
        ref = mention.ref if mention is not None else None
        return ActorRef(text=name.text, name=ref.name if ref else name.text, id=ref.id if ref else None,
                        country=ref.country if ref else None, sector=ref.sector if ref else None)

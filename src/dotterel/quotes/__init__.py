"""Quotes and their speakers: direct speech between quote marks, indirect speech
("the minister said that ...", "according to officials, ..."), the speaker and the body they speak for."""

from __future__ import annotations

from spacy.tokens import Doc

from ..actors import mention_at
from ..model import ActorRef, CodedDocument, Mention, Quote
from .direct import chains
from .indirect import according, clauses, headed
from .lexicon import text_of
from .speaker import core, org_of, resolve, speaker_of

__all__ = ["QuoteExtractor"]
SLACK = 3  # a clause trimmed of its closing mark and full stop still contains the quote that ends it


class QuoteExtractor:
    """Pipeline stage: fills ``coded.quotes``."""

    name = "quotes"

    def __call__(self, doc: Doc, coded: CodedDocument) -> None:
        direct = self.direct(doc, coded.mentions)
        indirect = self.indirect(doc, coded.mentions)
        quotes: list[Quote] = []
        for q in indirect:
            # reported speech that carries quoted fragments ("said Obama is “obsessed” with ...") is one
            # quote; a direct quote that is the whole complement stays direct
            inner = [d for d in direct if q.start <= d.start and d.end <= q.end + SLACK]
            if inner and inner[0].start <= q.start + SLACK and inner[0].end >= q.end - SLACK:
                continue  # the complement is the quote itself
            if any(d.start < q.end and q.start < d.end and d not in inner for d in direct):
                continue
            direct = [d for d in direct if d not in inner]
            end = max([q.end] + [d.end for d in inner])  # the clause ends with its quoted words
            q = Quote(text=text_of(doc)[q.start:end], start=q.start, end=end, kind=q.kind, cue=q.cue, speaker=q.speaker,
                      speaker_org=q.speaker_org)
            if any(o.start < q.end and q.start < o.end for o in quotes):
                continue
            quotes.append(q)
        coded.quotes = sorted(quotes + direct, key=lambda q: q.start)

    def direct(self, doc: Doc, mentions: list[Mention]) -> list[Quote]:
        out = []
        last_speaker: tuple[ActorRef | None, ActorRef | None] = (None, None)
        for chain in chains(doc):
            start, end = chain.segs[0].start, chain.segs[-1].end
            speaker, org = speaker_of(doc, chain.cue, mentions) if chain.cue is not None else (None, None)
            if chain.cue is None and text_of(doc)[chain.segs[0].open_start - 2:chain.segs[0].open_start].endswith("\n"):
                speaker, org = last_speaker  # a quote paragraph of its own goes on from the last speaker
            if speaker is not None:
                last_speaker = (speaker, org)
            out.append(Quote(text=text_of(doc)[start:end], start=start, end=end, kind="direct",
                             cue=chain.cue.text if chain.cue is not None else None, speaker=speaker, speaker_org=org))
        return out

    def indirect(self, doc: Doc, mentions: list[Mention]) -> list[Quote]:
        out = []
        for span, cue in clauses(doc):
            speaker, org = speaker_of(doc, cue, mentions)
            out.append(Quote(text=span.text, start=span.start_char, end=span.end_char, kind="indirect",
                             cue=cue.text, speaker=speaker, speaker_org=org))
        for span, source, _cue in according(doc):
            speaker, org = resolve(doc, source.root, mentions)
            if speaker is not None and speaker.text != source.text and source.root.lower_ not in ("he", "she"):
                speaker = ActorRef(text=source.text, name=speaker.name if speaker.id else core(doc, source.root).text,
                                   id=speaker.id, country=speaker.country, sector=speaker.sector)
            out.append(Quote(text=span.text, start=span.start_char, end=span.end_char, kind="indirect",
                             cue="according to", speaker=speaker, speaker_org=org or org_of(doc, source, source.root,
                                                                                            mentions)))
        for span, name in headed(doc):
            mention = mention_at(mentions, name.root.i, doc)
            ref = mention.ref if mention is not None else None
            speaker = ActorRef(text=name.text, name=ref.name if ref else name.text, id=ref.id if ref else None,
                               country=ref.country if ref else None, sector=ref.sector if ref else None)
            org = None
            out.append(Quote(text=span.text, start=span.start_char, end=span.end_char, kind="indirect", cue=":",
                             speaker=speaker, speaker_org=org))
        return sorted(out, key=lambda q: q.start)


"""Quotes and their speakers: direct speech between quote marks, and indirect speech
("the minister said that ...", "according to officials, ...")."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from .actors import mention_at
from .model import ActorRef, CodedDocument, Mention, Quote

CUES = {"say", "tell", "add", "state", "announce", "warn", "claim", "insist", "note", "explain", "declare",
        "argue", "write", "report", "confirm", "deny", "stress", "assert", "vow", "threaten", "urge",
        "acknowledge", "allege", "reply", "respond", "ask", "predict", "believe", "think", "tweet", "continue"}
DIRECT = re.compile(r"[\"“]([^\"“”]{2,3000}?)[\"”]")
MIN_QUOTE_WORDS = 4  # shorter quoted strings are scare quotes or titles ("liberation")


class QuoteExtractor:
    """Pipeline stage: fills ``coded.quotes``."""

    name = "quotes"

    def __call__(self, doc: Doc, coded: CodedDocument) -> None:
        quotes = self.direct(doc, coded.mentions)
        taken = [(q.start, q.end) for q in quotes]
        quotes += [q for q in self.indirect(doc, coded.mentions)
                   if not any(a < q.end and q.start < b for a, b in taken)]
        coded.quotes = sorted(quotes, key=lambda q: q.start)

    def direct(self, doc: Doc, mentions: list[Mention]) -> list[Quote]:
        out = []
        for m in DIRECT.finditer(doc.text):
            text = m.group(1)
            if len(text.split()) < MIN_QUOTE_WORDS:
                continue
            start, end = m.start(1), m.end(1)
            cue = self.cue_near(doc, m.start(), m.end())
            speaker = speaker_of(doc, cue, mentions) if cue is not None else None
            out.append(Quote(text=text, start=start, end=end, kind="direct", cue=cue.text if cue is not None else None,
                             speaker=speaker))
        return out

    @staticmethod
    def cue_near(doc: Doc, start: int, end: int) -> Token | None:
        """A reporting verb just after the closing mark or just before the opening one."""
        after = doc.char_span(end, min(len(doc.text), end + 80), alignment_mode="expand")
        before = doc.char_span(max(0, start - 80), start, alignment_mode="expand")
        for span in (after, before):
            if span is None:
                continue
            for token in span:
                if token.lemma_.lower() in CUES and token.pos_ == "VERB":
                    return token
        return None

    def indirect(self, doc: Doc, mentions: list[Mention]) -> list[Quote]:
        out = []
        for token in doc:
            if token.lemma_.lower() not in CUES or token.pos_ != "VERB":
                continue
            content = [c for c in token.children if c.dep_ == "ccomp"]
            if not content:
                continue
            clause = content[0]
            left, right = clause.left_edge.i, clause.right_edge.i
            if doc[left].dep_ == "mark" and doc[left].lower_ in ("that", "if", "whether"):
                left += 1
            span = doc[left:right + 1]
            if len(span) < MIN_QUOTE_WORDS or '"' in span.text or "“" in span.text:
                continue
            out.append(Quote(text=span.text, start=span.start_char, end=span.end_char, kind="indirect",
                             cue=token.text, speaker=speaker_of(doc, token, mentions)))
        return out


def speaker_of(doc: Doc, cue: Token, mentions: list[Mention]) -> ActorRef | None:
    subj = next((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return None
    mention = mention_at(mentions, subj.i, doc)
    if mention is not None:
        return mention.ref
    phrase = doc[subj.left_edge.i:subj.right_edge.i + 1]
    text = phrase.text if len(phrase) <= 12 else subj.text
    return ActorRef(text=text, name=text)

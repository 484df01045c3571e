"""Per-document indexes, built once, so that the stages' per-token look-ups stay linear in document length.

spaCy's ``Doc.text`` joins every token on each call and ``Doc.ents`` builds every entity span on each call: a
stage asking for either once per token or per event is quadratic. These helpers keep the answer on the Doc
(``doc.user_data``) for as long as the Doc lives; nothing in the pipeline sets entities after the parse.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING

import numpy
from spacy.tokens import Doc, Span

if TYPE_CHECKING:
    from .model import Mention

_TEXT, _ENT_AT, _STARTS, _MENTIONS = "dotterel.text", "dotterel.ent_at", "dotterel.starts", "dotterel.mentions"
_LOWER = "dotterel.lower"


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per document."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def ent_at(doc: Doc, token_index: int) -> Span | None:
    """The entity that a token lies in (entities never overlap), from a token -> entity array built once."""
    table = doc.user_data.get(_ENT_AT)
    if table is None:
        table = [None] * len(doc)
        for ent in doc.ents:
            table[ent.start:ent.end] = [ent] * len(ent)
        doc.user_data[_ENT_AT] = table
    return table[token_index]


def token_starts(doc: Doc) -> list[int]:
    """Each token's first character, in order (for bisecting a character offset to tokens)."""
    starts = doc.user_data.get(_STARTS)
    if starts is None:
        starts = doc.user_data[_STARTS] = doc.to_array("IDX").tolist()
    return starts


def tokens_among(doc: Doc, words: frozenset[str]) -> list[int]:
    """Indexes of the tokens whose lower-case form is one of ``words``, found in the parse's own arrays: a stage
    looking for a few words need not make a Token object for every token of the document."""
    lower = doc.user_data.get(_LOWER)
    if lower is None:
        lower = doc.user_data[_LOWER] = doc.to_array("LOWER")
    hashes = [doc.vocab.strings[w] for w in words]
    return numpy.flatnonzero(numpy.isin(lower, hashes)).tolist()


def mention_index(mentions: list[Mention], doc: Doc) -> MentionIndex:
    """The index of the list last asked about on this Doc, rebuilt when another list, or a longer one, is asked."""
    kept = doc.user_data.get(_MENTIONS)
    if kept is None or kept[0] is not mentions or kept[1] != len(mentions):
        kept = doc.user_data[_MENTIONS] = (mentions, len(mentions), MentionIndex(mentions, doc))
    return kept[2]


class MentionIndex:
    """``mention_at`` for a list of mentions that does not change while it is asked: built once, O(1) a question.

    Same answer as a scan of the list: the first mention the token heads, else the shortest mention the token's
    first character lies in (the first in list order among equally short ones).
    """

    def __init__(self, mentions: list[Mention], doc: Doc):
        self.doc = doc
        self.heads: dict[int, Mention] = {}
        self.inside: dict[int, Mention] = {}
        starts = token_starts(doc)
        for m in mentions:
            self.heads.setdefault(m.head, m)
            for i in range(bisect_left(starts, m.start), bisect_left(starts, m.end)):
                best = self.inside.get(i)
                if best is None or m.end - m.start < best.end - best.start:
                    self.inside[i] = m

    def at(self, token_index: int) -> Mention | None:
        found = self.heads.get(token_index)
        if found is not None:
            return found
        return self.inside.get(token_index + len(self.doc) if token_index < 0 else token_index)

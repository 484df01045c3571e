"""Per-document indexes (docindex) give the answers of the scans they replace; the default size limit holds."""

from __future__ import annotations

import random

from dotterel.docindex import MentionIndex, doc_text, ent_at
from dotterel.ingest import MAX_CHARS, document_from_text
from dotterel.model import ActorRef, Mention

TEXT = ("Iraqi police arrested two men in Mosul on Monday. The Syrian Democratic Forces said "
        "Hezbollah commander Ali Karaki was killed near Damascus by an Israeli air strike.")


def scan(mentions: list[Mention], token_index: int, doc) -> Mention | None:
    """The former mention_at: a scan of every mention."""
    char = doc[token_index].idx
    best = None
    for m in mentions:
        if m.head == token_index:
            return m
        if m.start <= char < m.end and (best is None or m.end - m.start < best.end - best.start):
            best = m
    return best


def test_mention_index_answers_as_the_scan(pipeline):
    doc = pipeline.nlp(TEXT)
    rng = random.Random(3)
    for _ in range(30):
        mentions = []
        for _ in range(rng.randint(0, 12)):  # overlapping, nested, equal-length and head-sharing mentions
            a = rng.randrange(len(doc))
            b = rng.randrange(a, min(len(doc), a + 5))
            start, end = doc[a].idx + rng.choice([0, 1]), doc[b].idx + len(doc[b])
            mentions.append(Mention(start, end, ActorRef(text="x", name="x"), head=rng.choice([None, a, b])))
        index = MentionIndex(mentions, doc)
        for i in [*range(len(doc)), -1]:
            assert index.at(i) is scan(mentions, i, doc)


def test_doc_text_and_ent_at(pipeline):
    doc = pipeline.nlp(TEXT)
    assert doc_text(doc) == doc.text and doc_text(doc) is doc_text(doc)
    for tok in doc:
        assert ent_at(doc, tok.i) == next((e for e in doc.ents if e.start <= tok.i < e.end), None)


def test_default_limit_refuses_a_longer_document():
    assert MAX_CHARS == 100_000
    assert "too long" in document_from_text("Police arrested two men. " * 5000).error
    assert document_from_text("Police arrested two men. " * 3000).error is None

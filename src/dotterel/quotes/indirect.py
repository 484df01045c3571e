"""Indirect speech: the clause a reporting verb governs ("the minister said that ...",
"X told Reuters ...", "..., officials said"), and "according to X, ..." attributions."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from .lexicon import cue_kind

MIN_WORDS = 4
EDGE_PUNCT = set(",;:—–-\"“”‘’'") | {"--"}


def trimmed(doc: Doc, left: int, right: int) -> Span | None:
    """doc[left:right+1] without a leading complementizer and edge punctuation."""
    while left <= right and (doc[left].text in EDGE_PUNCT or doc[left].is_space):
        left += 1
    if left <= right and doc[left].dep_ == "mark" and doc[left].lower_ in ("that", "if", "whether"):
        left += 1
    while right >= left and (doc[right].text in EDGE_PUNCT or doc[right].is_space or doc[right].text == "."):
        right -= 1
    if right < left:
        return None
    return doc[left:right + 1]


def clauses(doc: Doc) -> Iterator[tuple[Span, Token]]:
    """(content, cue) for each reporting verb with a clausal complement."""
    for token in doc:
        if cue_kind(token) is None:
            continue
        content = [c for c in token.children if c.dep_ == "ccomp"]
        if not content:
            continue
        clause = content[0]
        left, right = clause.left_edge.i, clause.right_edge.i
        if left <= token.i <= right:  # the parse hung the cue inside its own content: keep the far side
            left = token.i + 1 if clause.i > token.i else left
            right = token.i - 1 if clause.i < token.i else right
        span = trimmed(doc, left, right)
        if span is not None and len(span) >= MIN_WORDS:
            yield span, token


def according(doc: Doc) -> Iterator[tuple[Span, Span, Token]]:
    """(content, source phrase, "according") for "according to X" attributions."""
    for token in doc:
        if token.lower_ != "according":
            continue
        to = next((c for c in token.children if c.lower_ == "to"), None)
        if to is None and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            to = doc[token.i + 1]
        if to is None:
            continue
        obj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if obj is None:
            continue
        source = doc[obj.left_edge.i:obj.right_edge.i + 1]
        phrase_l = token.i
        phrase_r = max(token.right_edge.i, to.right_edge.i, obj.right_edge.i)
        sent = token.sent
        # the content is the rest of the sentence, on either side of the "according to" phrase
        left_part = trimmed(doc, sent.start, phrase_l - 1) if phrase_l > sent.start else None
        right_part = trimmed(doc, phrase_r + 1, sent.end - 1) if phrase_r + 1 < sent.end else None
        parts = [p for p in (left_part, right_part) if p is not None]
        if not parts:
            continue
        content = doc[parts[0].start:parts[-1].end] if len(parts) == 2 and len(parts[0]) < 3 else \
            max(parts, key=len)
        if len(content) >= MIN_WORDS:
            yield content, source, token

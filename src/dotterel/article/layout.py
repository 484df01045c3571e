"""Where a passage sits in the article: its sentence, the headline, and whether it is quoted speech."""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Token

from ..actors.coref import quoted_spans
from ..docindex import doc_text
from ..model import Event

_LAYOUT = "dotterel.layout"


HEADLINE_WORDS = 22  # longer first lines are leads


class Layout:
    """Sentence indexes of character offsets, the headline, and the spans inside quote marks."""

    def __init__(self, doc: Doc):
        self.text = doc_text(doc)
        self.sentence_starts = [s.start_char for s in doc.sents]
        self.quoted = [(a + 1, b - 1) for a, b in quoted_spans(self.text)]  # the words, without their marks
        self.headline_end = self._headline_end()

    @classmethod
    def of(cls, doc: Doc) -> Layout:
        """The document's layout, built once and kept on the Doc for the stages that read it (see docindex)."""
        layout = doc.user_data.get(_LAYOUT)
        if layout is None:
            layout = doc.user_data[_LAYOUT] = cls(doc)
        return layout

    def _headline_end(self) -> int:
        """End of the headline: a first line that is one short sentence and not the whole text; 0 without one.
        (A report written one sentence a line opens with its lead, thirty words and more, not a headline.)"""
        first_line = self.text.find("\n")
        if first_line <= 0 or not self.text[first_line:].strip() or len(self.text[:first_line].split()) > HEADLINE_WORDS:
            return 0
        return first_line if self.sentence(first_line - 1) == 0 else 0

    def in_headline(self, char: int) -> bool:
        return char < self.headline_end

    def sentence(self, char: int) -> int:
        return max(0, bisect_right(self.sentence_starts, char) - 1)

    def in_quote(self, start: int, end: int) -> bool:
        """Does the passage lie mostly inside quote marks?"""
        inside = sum(max(0, min(b, end) - max(a, start)) for a, b in self.quoted)
        return 2 * inside > end - start

    @property
    def n_sentences(self) -> int:
        return len(self.sentence_starts)

    def target_span(self, event: Event) -> tuple[int, int] | None:
        """Where the event's target words lie in its passage (character offsets in the text), when they do."""
        target = event.recipient
        if target is None or not target.text:
            return None
        start = self.text.find(target.text, event.evidence.start, event.evidence.end)
        return (start, start + len(target.text)) if start >= 0 else None


def trigger_token(doc: Doc, event: Event) -> Token | None:
    """The head token of the words that triggered an event (None for an event built without them)."""
    if event.trigger is None:
        return None
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    return span.root if span is not None else None


def title_case(text: str) -> bool:
    """A line in title case ("Trump Addresses Munich Attack"): it parses too poorly to name a doer."""
    words = [w for w in text.split() if len(w) > 3 and w[0].isalpha()]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)

"""Where a passage sits in the article: its sentence, its paragraph, and whether it is quoted speech."""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Doc

from ..docindex import doc_text

# quote marks that open and close a quotation: curly, straight and doubled apostrophes
_QUOTED = re.compile(r"“[^”]*”|\"[^\"\n]*\"|''[^'\n]*''")


class Layout:
    """Sentence and paragraph indexes of character offsets, and the spans inside quote marks."""

    def __init__(self, doc: Doc):
        self.text = doc_text(doc)
        self.sentence_starts = [s.start_char for s in doc.sents]
        self.paragraph_starts = [0] + [m.end() for m in re.finditer(r"\n\s*", self.text)]
        self.quoted = [(m.start() + 1, m.end() - 1) for m in _QUOTED.finditer(self.text)]

    @property
    def headline_end(self) -> int:
        """End of the headline: a first line that is one sentence and not the whole text; 0 without one."""
        first_line = self.text.find("\n")
        if first_line <= 0 or not self.text[first_line:].strip():
            return 0
        return first_line if self.sentence(first_line - 1) == 0 else 0

    def in_headline(self, char: int) -> bool:
        return char < self.headline_end

    def sentence(self, char: int) -> int:
        return max(0, bisect_right(self.sentence_starts, char) - 1)

    def paragraph(self, char: int) -> int:
        return max(0, bisect_right(self.paragraph_starts, char) - 1)

    def in_quote(self, start: int, end: int) -> bool:
        """Does the passage lie mostly inside quote marks?"""
        inside = sum(max(0, min(b, end) - max(a, start)) for a, b in self.quoted)
        return 2 * inside > end - start

    @property
    def n_sentences(self) -> int:
        return len(self.sentence_starts)

"""Direct speech: quote-mark segments (straight and curly), joined across an interrupting
attribution ("“X,” he said, “Y.”") and across paragraphs left open by the multi-paragraph convention,
each chain attributed to the reporting verb next to it."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .lexicon import is_speech, text_of

MARKS = re.compile(r"''|[\"“”\n]")  # '' is the double quote of some wire styles (''Yes,'' he said)
SYMMETRIC = ('"', "''")  # marks that both open and close
MIN_WORDS = 6        # shorter quoted strings are scare quotes or titles ("liberation") ...
MIN_SENTENCE_WORDS = 2  # ... unless the attribution joins them to more ("“Judge,” he said, “I ...”")
MAX_GAP_WORDS = 14   # an attribution between two pieces of one quote is short


@dataclass
class Segment:
    start: int          # offsets of the words, without the marks
    end: int
    open_start: int     # offsets with the marks
    open_end: int
    closed: bool        # False: the paragraph ended before a closing mark


def segments(text: str) -> list[Segment]:
    out: list[Segment] = []
    opened: tuple[int, int, str] | None = None  # (mark start, words start, mark)
    for m in MARKS.finditer(text):
        ch, i = m.group(), m.start()
        if ch == "\n":
            if opened is not None and i - opened[1] > 0:
                out.append(Segment(opened[1], i, opened[0], i, closed=False))
            opened = None
        elif opened is None:
            if ch != "”":
                opened = (i, m.end(), ch)
        elif ch == "”" or (ch in SYMMETRIC and opened[2] == ch):
            out.append(Segment(opened[1], i, opened[0], m.end(), closed=True))
            opened = None
    if opened is not None and len(text) - opened[1] > 0:
        out.append(Segment(opened[1], len(text), opened[0], len(text), closed=False))
    return [trim(text, s) for s in out if text[s.start:s.end].strip()]


def trim(text: str, s: Segment) -> Segment:
    a, b = s.start, s.end
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return Segment(a, b, s.open_start, s.open_end, s.closed)


def words(text: str) -> int:
    return len(text.split())


def cue_in(doc: Doc, start: int, end: int, segs: list[Segment]) -> Token | None:
    """The first speech verb in text[start:end] outside any quote segment."""
    if end <= start:
        return None
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return None
    for token in span:
        if is_speech(token) and not any(s.open_start <= token.idx < s.open_end for s in segs):
            return token
    return None


@dataclass
class Chain:
    segs: list[Segment]
    cue: Token | None = None


_sents: list[tuple[Doc, list[int], list[int]]] = []  # the last document's sentence offsets (Token.sent is slow)


def sentence_bounds(doc: Doc, char: int) -> tuple[int, int]:
    text = text_of(doc)
    while char > 0 and (char >= len(text) or text[char].isspace()):  # white space belongs to no token
        char -= 1
    if not _sents or _sents[0][0] is not doc:
        sents = list(doc.sents)
        _sents[:] = [(doc, [s.start_char for s in sents], [s.end_char for s in sents])]
    _, starts, ends = _sents[0]
    k = bisect_right(starts, char) - 1
    if k < 0 or char >= ends[k]:
        return char, char
    return starts[k], ends[k]


def chains(doc: Doc) -> list[Chain]:
    text = text_of(doc)
    segs = segments(text)
    out: list[Chain] = []
    for seg in segs:
        prev = out[-1] if out else None
        if prev is not None:
            last = prev.segs[-1]
            gap = text[last.open_end:seg.open_start]
            if "\n" not in gap and words(gap) <= MAX_GAP_WORDS and interrupts(text[last.start:last.end], gap):
                cue = cue_in(doc, last.open_end, seg.open_start, segs)
                if cue is not None and prev.cue is None and not second_cue(doc, cue, seg.open_start, segs):
                    prev.segs.append(seg)
                    prev.cue = cue
                    continue
            # the multi-paragraph convention: an unclosed paragraph goes on in the next one
            if not last.closed and not gap.strip() and text.startswith(("\"", "“", "''"), seg.open_start):
                prev.segs.append(seg)
                continue
        out.append(Chain([seg]))
    for chain in out:
        if chain.cue is None:
            chain.cue = attribution(doc, chain, segs)
    return [c for c in out if keep(doc, c)]


def second_cue(doc: Doc, cue: Token, end: int, segs: list[Segment]) -> bool:
    """A second reporting verb between the pieces ("“X,” he said, adding, “Y”", "“X,” she said. Then she
    added: “Y”") introduces a quote of its own."""
    return cue_in(doc, cue.idx + len(cue.text), end, segs) is not None


def interrupts(before: str, gap: str) -> bool:
    """An attribution that cuts a quote in two follows a comma ("“X,” he said, “Y”") or starts in lower
    case ("“Why?” he asked. “Y”"), and ends with punctuation; "“X.” He added, “Y”" starts a new quote."""
    first = next((ch for ch in gap if ch.isalpha()), "")
    if not gap.rstrip().endswith((",", ".", ":", ";")):  # "..., Issa said Clinton's “judgment”" goes on
        return False
    return before.rstrip().endswith(",") or first.islower()


def attribution(doc: Doc, chain: Chain, segs: list[Segment]) -> Token | None:
    """A speech verb after the closing mark in the same sentence ("...,” the minister said"),
    else before the opening mark ("He added, “...”", "Smith said:\\n\\n“...”")."""
    text = text_of(doc)
    last, first = chain.segs[-1], chain.segs[0]
    para_end = text.find("\n", last.open_end)
    para_end = len(text) if para_end < 0 else para_end
    nxt = next((s.open_start for s in segs if s.open_start >= last.open_end), para_end)
    after_end = min(sentence_bounds(doc, last.open_end - 1)[1] + 1, para_end, nxt)
    if last.open_end < after_end and any(ch.isalpha() for ch in text[last.open_end:after_end]):
        cue = cue_in(doc, last.open_end, min(after_end, last.open_end + 160), segs)
        if cue is not None:
            return cue
    para_start = text.rfind("\n", 0, first.open_start) + 1
    before_start = max(sentence_bounds(doc, first.open_start)[0], para_start)
    if para_start == first.open_start:  # the quote opens its paragraph: "Smith said:" ends the last one
        prev = text[:para_start].rstrip()
        if prev.endswith(":") or prev.endswith(","):
            before_start = max(sentence_bounds(doc, len(prev) - 1)[0], text.rfind("\n", 0, len(prev)) + 1)
            return cue_in(doc, before_start, len(prev), segs)
        return None
    return cue_in(doc, max(before_start, first.open_start - 200), first.open_start, segs) or \
        previous_sentence_cue(doc, before_start, segs)


def previous_sentence_cue(doc: Doc, start: int, segs: list[Segment]) -> Token | None:
    """"The judge turned to me. He asked: “...”" - a speech verb in the sentence just before the quote,
    within the paragraph."""
    text = text_of(doc)
    para_start = text.rfind("\n", 0, start) + 1
    if start <= para_start:
        return None
    prev_start = max(sentence_bounds(doc, max(start - 2, 0))[0], para_start)
    return cue_in(doc, prev_start, start, segs)


def keep(doc: Doc, chain: Chain) -> bool:
    """Long enough to be speech; a short quote ("“Too many,” he said.") only when attributed and opening
    its sentence (so "On “Meet the Press,” she said ..." is a title)."""
    text = text_of(doc)
    total = sum(words(text[s.start:s.end]) for s in chain.segs)
    if total >= MIN_WORDS:
        return True
    first = chain.segs[0]
    opens = not text[sentence_bounds(doc, first.open_start)[0]:first.open_start].strip()
    return (len(chain.segs) == 1 and chain.cue is not None and total >= MIN_SENTENCE_WORDS and opens
            and text[first.start:first.end].rstrip()[-1:] in ",.?!")

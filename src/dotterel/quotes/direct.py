"""Direct speech: quote-mark segments (straight and curly), joined across an interrupting
attribution ("“X,” he said, “Y.”") and across paragraphs left open by the multi-paragraph convention,
each chain attributed to the reporting verb next to it."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..docindex import doc_text
from .lexicon import cue_kind, is_speech
from .salience import document_noun

MARKS = re.compile(r"''|[\"“”\n]")  # '' is the double quote of some wire styles (''Yes,'' he said)
SYMMETRIC = ('"', "''")  # marks that both open and close
# a quote that "ends" with its own attribution (", he added, ") lacks its closing mark
UNCLOSED = re.compile(r",\s+(?:he|she|they|[A-Z][\w.'’-]+)\s+(?:said|says|added|adds|continued|argued|explained),\s*$")
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
        elif ch == "”" or (ch in SYMMETRIC and opened[2] in (ch, "“")):  # “..." is a typo'd close
            tail = UNCLOSED.search(text, opened[1], i) if ch in SYMMETRIC else None
            if tail is not None:  # "A, he added, "B." - the writer left out the mark that closes A
                out.append(Segment(opened[1], tail.start(), opened[0], tail.start(), closed=True))
                opened = (i, m.end(), ch)
                continue
            out.append(Segment(opened[1], i, opened[0], m.end(), closed=True))
            opened = None
    if opened is not None and len(text) - opened[1] > 0:
        out.append(Segment(opened[1], len(text), opened[0], len(text), closed=False))
    # an attribute value in markup (tweet_id="...", href="...") is no one's words
    return [trim(text, s) for s in out if text[s.start:s.end].strip() and not text[:s.open_start].endswith("=")]


def trim(text: str, s: Segment) -> Segment:
    a, b = s.start, s.end
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return Segment(a, b, s.open_start, s.open_end, s.closed)


def words(text: str) -> int:
    return len(text.split())


def cue_in(doc: Doc, start: int, end: int, segs: list[Segment], last: bool = False) -> Token | None:
    """The first (or the last) speech verb in text[start:end] outside any quote segment."""
    if end <= start:
        return None
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return None
    for token in (reversed(span) if last else span):
        if is_speech(token) and not any(s.open_start <= token.idx < s.open_end for s in segs):
            return token
    return None


@dataclass
class Chain:
    segs: list[Segment]
    cue: Token | None = None


_sents: list[tuple[Doc, list[int], list[int]]] = []  # the last document's sentence offsets (Token.sent is slow)


def sentence_bounds(doc: Doc, char: int) -> tuple[int, int]:
    text = doc_text(doc)
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


def chains(doc: Doc, segs: list[Segment]) -> list[Chain]:
    text = doc_text(doc)
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
    return out


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
    text = doc_text(doc)
    last, first = chain.segs[-1], chain.segs[0]
    para_end = text.find("\n", last.open_end)
    para_end = len(text) if para_end < 0 else para_end
    nxt = next((s.open_start for s in segs if s.open_start >= last.open_end), para_end)
    after_end = min(sentence_bounds(doc, last.open_end - 1)[1] + 1, para_end, nxt)
    if last.open_end < after_end and any(ch.isalpha() for ch in text[last.open_end:after_end]):
        cue = cue_in(doc, last.open_end, min(after_end, last.open_end + 160), segs)
        # "“...,” suggesting that ..." and "“...” and vowed to ..." are the writer's additions
        if cue is not None and cue.tag_ != "VBG" and not re.search(r"\b(and|but)\b", text[last.open_end:cue.idx]):
            return cue
    para_start = text.rfind("\n", 0, first.open_start) + 1
    before_start = max(sentence_bounds(doc, first.open_start)[0], para_start)
    if para_start == first.open_start:  # the quote opens its paragraph: "Smith said:" ends the last one
        prev = text[:para_start].rstrip()
        if prev.endswith(":") or prev.endswith(","):
            before_start = max(sentence_bounds(doc, len(prev) - 1)[0], text.rfind("\n", 0, len(prev)) + 1)
            return cue_in(doc, before_start, len(prev), segs) or issued(doc, before_start, len(prev))
        return None
    # the verb nearest the quote: "An official, speaking on condition of anonymity, said that “...”"
    return cue_in(doc, max(before_start, first.open_start - 200), first.open_start, segs, last=True) or \
        previous_sentence_cue(doc, before_start, segs)


def issued(doc: Doc, start: int, end: int) -> Token | None:
    """"X issued the following statement:" - the verb whose object is a text of X's."""
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return None
    noun = next((t for t in span if t.pos_ == "NOUN" and document_noun(t.lemma_) and t.dep_ == "dobj"), None)
    return noun.head if noun is not None else None


def previous_sentence_cue(doc: Doc, start: int, segs: list[Segment]) -> Token | None:
    """"The judge turned to me. He asked: “...”" - a speech verb in the sentence just before the quote,
    within the paragraph."""
    text = doc_text(doc)
    para_start = text.rfind("\n", 0, start) + 1
    if start <= para_start:
        return None
    prev_start = max(sentence_bounds(doc, max(start - 2, 0))[0], para_start)
    return cue_in(doc, prev_start, start, segs)


def keep(doc: Doc, chain: Chain) -> bool:
    """Long enough to be speech; a short quote ("“Too many,” he said.") only when attributed and opening
    its sentence (so "On “Meet the Press,” she said ..." is a title)."""
    text = doc_text(doc)
    total = sum(words(text[s.start:s.end]) for s in chain.segs)
    if total >= MIN_WORDS:
        return True
    first = chain.segs[0]
    return chain.cue is not None and opens_sentence(doc, first) and text[first.start:first.end].rstrip()[-1:] in ",.?!"


def opens_sentence(doc: Doc, seg: Segment) -> bool:
    text = doc_text(doc)
    return not text[sentence_bounds(doc, seg.open_start)[0]:seg.open_start].strip()


@dataclass
class Part:
    """One stretch of words between quote marks: a quote of its own (the article convention splits a
    quote at each attribution and paragraph), sharing the speaker of its chain."""
    seg: Segment
    cue: Token | None
    chain: int          # index of the chain: its parts have one speaker
    lead: bool          # the chain's first part
    fragment: bool = False  # a short quoted phrase inside a reported sentence ("called it “chaos”")


def parts(doc: Doc) -> list[Part]:
    """Every quote-marked stretch that is speech: the parts of kept chains, and short phrases that a
    reporting verb governs (a quoted phrase in a sentence without one is a scare quote or a title)."""
    text = doc_text(doc)
    segs = segments(text)
    out: list[Part] = []
    for k, chain in enumerate(chains(doc, segs)):
        if keep(doc, chain):
            # a quote no verb of saying frames may still be the object of one ("condemned “...”")
            cue = chain.cue or governing_cue(doc, chain.segs[0], segs, sentence=False)
            out += [Part(seg, cue, k, i == 0) for i, seg in enumerate(chain.segs)]
            continue
        for seg in chain.segs:
            cue = governing_cue(doc, seg, segs)
            if cue is not None and not title(text, seg, opens_sentence(doc, seg)):
                out.append(Part(seg, cue, k, True, fragment=True))
    return out


def title(text: str, seg: Segment, opening: bool) -> bool:
    """"On “Meet the Press,” she said": capitalised words inside a sentence, not ending a sentence."""
    words_ = re.findall(r"[^\W\d_][\w'’-]*", text[seg.start:seg.end])
    if opening or not words_:
        return False
    capitalised = all(w[0].isupper() for w in words_ if len(w) > 3) and words_[0][0].isupper()
    # a full stop inside the marks ends the sentence, unless a possessive owns the name ("on ABC's “This Week.”")
    owned = bool(POSSESSIVE.search(text, max(0, seg.open_start - 4), seg.open_start))
    return capitalised and (owned or text[seg.start:seg.end].rstrip()[-1:] not in ".?!")


POSSESSIVE = re.compile(r"['’]s\s*$")


FRAGMENT_KINDS = ("speech", "direct", "object")


def governing_cue(doc: Doc, seg: Segment, segs: list[Segment], sentence: bool = True) -> Token | None:
    """The reporting verb a quoted phrase depends on ("called it “chaos”", "said he was “meticulous”"),
    else a speech verb elsewhere in its sentence ("“A big truck” hit the crowd, he said")."""
    span = doc.char_span(seg.start, seg.end, alignment_mode="expand")
    if span is None:
        return None
    token = span.root
    for _ in range(8):
        if token.head == token:
            break
        token = token.head
        if not seg.open_start <= token.idx < seg.open_end and cue_kind(token) in FRAGMENT_KINDS:
            return token
    if not sentence:
        return None
    start, end = sentence_bounds(doc, seg.open_start)
    return cue_in(doc, start, end, segs)

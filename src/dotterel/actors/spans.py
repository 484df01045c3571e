"""Small span helpers of actor resolution: match selection, names, determiners, 'former', '-backed', 'anti-'."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from ..docindex import ent_at
from ..model import Mention
from .titles import FORMER_WORDS

STANCE_PREFIXES = {"anti", "counter"}
BACKING_WORDS = {"backed", "allied", "aligned", "sponsored", "funded", "supported", "linked", "affiliated", "led"}


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def longest(found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    found = sorted(found, key=lambda x: (-(x[1] - x[0]), x[0]))
    taken: set[int] = set()
    out = []
    for s, e, actor_id in found:
        if not taken.intersection(range(s, e)):
            taken.update(range(s, e))
            out.append((s, e, actor_id))
    return sorted(out)


def _token_range(doc: Doc, m: Mention) -> tuple[int, int]:
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    return (span.start, span.end) if span is not None else (0, 0)


def person_name(doc: Doc, root) -> str:
    ent = ent_at(doc, root.i)
    return ent.text if ent is not None else root.text


def former_at(doc: Doc, start: int) -> bool:
    """'former President X', 'ex-minister X', 'the late King X': the words just before a name or its title."""
    i = start - 1
    while i >= 0 and i >= start - 5 and (doc[i].is_title or doc[i].lower_ in FORMER_WORDS or doc[i].text == "-"):
        if doc[i].lower_ in FORMER_WORDS or doc[i].lower_.startswith("ex-"):
            return True
        i -= 1
    return any(t.lower_ in FORMER_WORDS for t in doc[max(start - 5, 0):start + 1] if t.dep_ == "amod")


def backer_at(doc: Doc, end: int) -> bool:
    """'Iran-backed militias': the name before '-backed' is another actor, not the militias' country."""
    return end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ in BACKING_WORDS


def stance_at(doc: Doc, start: int) -> bool:
    """'anti-Trump protesters', 'the counter-ISIL coalition': the name after 'anti-' is whom they oppose."""
    return start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in STANCE_PREFIXES


def plural_title(lemma: str) -> str:
    word = lemma.title()
    if word.endswith("man") and not word.endswith("Human"):
        return word[:-3] + "men"
    if word.endswith("y") and not word.endswith("ey"):
        return word[:-1] + "ies"
    return word if word.endswith("s") else word + ("es" if word.endswith(("sh", "ch")) else "s")


# an indefinite or counting determiner is part of how the text names a party ("another bystander", "a protester",
# "each side"); the definite ones only point back
KEPT_DETERMINERS = {"a", "an", "another", "each", "every", "both", "some", "several", "many", "no"}


def trim_determiners(span: Span) -> Span:
    start = span.start
    while start < span.end and span.doc[start].pos_ in ("DET", "PUNCT") and span.doc[start].lower_ not in KEPT_DETERMINERS:
        start += 1
    return span.doc[start:span.end]


# a count before a group's name: "at least 35 more", "nearly 300", "dozens of", "some 60 other"
COUNT = re.compile(r"^(?:(?:at (?:least|most)|more than|less than|fewer than|up to|about|around|nearly|almost|over|some|"
                   r"several|many|dozens|hundreds|thousands|scores|[\d,.]+|one|two|three|four|five|six|seven|eight|nine|"
                   r"ten|twenty|more|other|another|of)\s+)+", re.IGNORECASE)


def without_count(text: str) -> str:
    """A group's name without the count before it ("at least 35 more innocent civilians" -> "innocent civilians");
    the text itself when nothing counts it or nothing would be left."""
    rest = COUNT.sub("", text)
    return rest if rest and rest != text else text

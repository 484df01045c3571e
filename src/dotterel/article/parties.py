"""Does an unresolved noun phrase name a party — people or a group — or a thing, an idea or an act?

The actor stage resolves names, knowledge-base actors and role nouns. What it leaves is a bare phrase: "two
men" and "unionists" can act; "the lackluster response", "these ripple effects" and "the massacre" cannot.
The test reads the phrase's head word: a proper name, a noun of people or groups (a data file), or a person
suffix make a party; an abstract ending or a noun that names an act (the event lexicon) does not.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

ABSTRACT_ENDINGS = ("tion", "sion", "ment", "ness", "ity", "ism", "ance", "ence", "ure", "ship", "ing", "cy", "ect", "ects")
PERSON_ENDINGS = ("er", "ers", "or", "ors", "ist", "ists", "ian", "ians", "ant", "ants", "men")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


@lru_cache(maxsize=1)
def party_nouns() -> frozenset[str]:
    text = (resources.files("dotterel") / "data" / "party_nouns.txt").read_text(encoding="utf-8")
    return frozenset(w.strip().lower() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def names_a_party(text: str, act_nouns: frozenset[str] | set[str]) -> bool:
    words = _WORD.findall(text)
    if not words:
        return False
    head = words[-1].lower()
    singular = head[:-1] if head.endswith("s") else head
    if head in act_nouns or singular in act_nouns:
        return False
    if any(w[0].isupper() for w in words[1:]) or (len(words) == 1 and words[0][0].isupper() and words[0][1:].islower()
                                                  and not head.endswith(ABSTRACT_ENDINGS)):
        return True  # a proper name ("the Pentagon", "Hamas")
    if head in party_nouns() or singular in party_nouns():
        return True
    return head.endswith(PERSON_ENDINGS) and not head.endswith(ABSTRACT_ENDINGS)

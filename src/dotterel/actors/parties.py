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
PERSON_ENDINGS = ("er", "ers", "or", "ors", "ist", "ists", "ian", "ians", "ant", "ants", "ent", "ents", "men", "ee", "ees")
NOT_PEOPLE = {"event", "events", "incident", "incidents", "content", "extent", "moment", "moments", "order", "orders",
              "number", "numbers", "border", "borders", "center", "centre", "matter", "matters", "power", "water"}
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


@lru_cache(maxsize=4)
def _words(name: str) -> frozenset[str]:
    text = (resources.files("dotterel") / "data" / name).read_text(encoding="utf-8")
    return frozenset(w.strip().lower() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def party_nouns() -> frozenset[str]:
    return _words("party_nouns.txt")


def person_nouns() -> frozenset[str]:
    """Nouns that name one person ("minister", "spokesman"): never what "it" stands for."""
    return _words("quotes_person_nouns.txt")


# days and months: "Saturday's attack" names a date, not a party
CALENDAR = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
            "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "today",
            "yesterday", "tonight"}
PRONOUNS = {"he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "us", "me", "who", "which", "that"}


@lru_cache(maxsize=1)
def role_heads() -> frozenset[str]:
    """Last words of the role nouns in agents.tsv ("police officer" -> "officer"): heads that name people."""
    text = (resources.files("dotterel") / "data" / "agents.tsv").read_text(encoding="utf-8")
    return frozenset(line.split("\t")[0].split()[-1].lower() for line in text.splitlines()
                     if line.strip() and not line.startswith(("#", "@")))


def head_word(text: str) -> str | None:
    words = _WORD.findall(text)
    return words[-1] if words else None


def heads_a_party(head: str) -> bool:
    """A common noun that names people or a group: "men", "forces", "officer", "unionists"."""
    low = head.lower()
    singular = low[:-1] if low.endswith("s") else low
    vocabulary = party_nouns() | role_heads()
    if low in vocabulary or singular in vocabulary or low.removesuffix("es") in vocabulary:
        return True
    return low.endswith(PERSON_ENDINGS) and not low.endswith(ABSTRACT_ENDINGS) and low not in NOT_PEOPLE


def names_a_thing(text: str) -> bool:
    """The phrase's head is a lowercase noun that names no people: "Turkey's Syria policy", "the sanctions bill"."""
    head = head_word(text)
    return head is not None and head.islower() and head.lower() not in PRONOUNS and not heads_a_party(head)


def names_a_party(text: str, act_nouns: frozenset[str] | set[str]) -> bool:
    words = _WORD.findall(text)
    if not words or any(w.lower() in CALENDAR for w in words):
        return False
    head = words[-1].lower()
    singular = head[:-1] if head.endswith("s") else head
    if head in act_nouns or singular in act_nouns:
        return False
    if any(w[0].isupper() for w in words[1:]) or (len(words) == 1 and words[0][0].isupper() and words[0][1:].islower()
                                                  and not head.endswith(ABSTRACT_ENDINGS)):
        return True  # a proper name ("the Pentagon", "Hamas")
    return heads_a_party(head)

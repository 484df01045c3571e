"""Casualty, arrest and incident counts from a sentence: "killed three", "left two dead",
"at least 12 people were wounded", "1 fatality", "more than 60 attacks"."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
    "single": 1, "no": 0, "zero": 0, "both": 2, "couple": 2,
}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}

KILL = {"kill", "die", "dead", "death", "fatality", "execute", "murder", "slay", "behead", "assassinate", "perish",
        "massacre", "body", "corpse"}
# transitive acts whose subject is the perpetrator
AGENTIVE = {"kill", "murder", "execute", "slay", "behead", "assassinate", "massacre", "wound", "injure", "hurt",
            "arrest", "detain", "apprehend", "jail", "imprison"}
INJURE = {"wound", "injure", "injury", "hurt", "casualty"}
ARREST = {"arrest", "detain", "apprehend", "jail", "imprison", "round"}
INCIDENT = {"attack", "strike", "airstrike", "incident", "raid", "bombing", "explosion", "rocket", "assault", "clash"}


def parse_number(text: str) -> int | None:
    """'12', '1,200', 'three', 'twenty-five', 'two hundred', 'dozens' (None: too vague)."""
    text = text.lower().replace(",", "").strip()
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return int(float(text))
    total, current = 0, 0
    for part in re.split(r"[\s-]+", text):
        if part in SCALES:
            current = max(current, 1) * SCALES[part]
            if SCALES[part] >= 1000:
                total, current = total + current, 0
        elif part in NUMBER_WORDS:
            current += NUMBER_WORDS[part]
        elif re.fullmatch(r"\d+", part):
            current += int(part)
        else:
            return None
    return total + current if (total or current or text in ("no", "zero")) else None


def number_of(token: Token) -> int | None:
    """The count a noun carries through its nummod ("three soldiers", "twenty-five people")."""
    for child in token.children:
        if child.dep_ == "nummod" or (child.like_num and child.dep_ in ("amod", "compound", "quantmod")):
            words = [t.text for t in child.subtree if t.like_num or t.lower_ in NUMBER_WORDS or t.lower_ in SCALES]
            if value := parse_number(" ".join(words) or child.text):
                return value
        if child.dep_ == "det" and child.lower_ in ("a", "an", "one", "another") and token.tag_ in ("NN", "NNP"):
            return 1
    if token.like_num:
        return parse_number(token.text)
    return None


def _victims(token: Token) -> list[Token]:
    """The nouns that may carry the count for a casualty word: its objects and subjects, and, for "shot and
    killed", "beaten to death", "left five people dead", those of the verb it hangs from."""
    out = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass", "attr")]
    if token.lemma_.lower() not in AGENTIVE:  # "an operation killed": the subject is the killer, not a victim
        out += [c for c in token.children if c.dep_ == "nsubj"]
    head = token.head
    if token.dep_ == "conj" or (token.dep_ == "pobj" and head.lower_ in ("to", "in")):
        verb = head if token.dep_ == "conj" else head.head
        out += [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass", "poss")]
        out += [c for c in token.children if c.dep_ == "poss"]  # "resulting in his death"
    if token.dep_ in ("oprd", "acomp", "xcomp", "ccomp", "amod") and head.pos_ in ("VERB", "AUX"):
        out += [c for c in head.children if c.dep_ in ("dobj", "nsubjpass", "nsubj")]
    return [c for c in out if c.ent_type_ not in ("DATE", "TIME")]


def _count_for(sentence: Span, lemmas: set[str]) -> int | None:
    """The number attached to a casualty word in the sentence, if any."""
    for token in sentence:
        lemma = token.lemma_.lower()
        if lemma not in lemmas:
            continue
        # "killed three soldiers" / "killed three" / "three soldiers were killed"
        for child in _victims(token):
            if child.dep_ == "poss" and child.lower_ in ("his", "her"):
                return 1
            if child.dep_ != "poss" and (n := number_of(child)) is not None:
                return n
            if child.like_num and (n := parse_number(child.text)) is not None:
                return n
        # "1 fatality", "two deaths", "left two dead", "two were killed"
        if token.pos_ in ("NOUN", "ADJ") and (n := number_of(token)) is not None:
            return n
        if token.head.like_num and token.dep_ in ("amod", "acomp") and (n := parse_number(token.head.text)) is not None:
            return n
        for child in token.children:
            if child.like_num and child.dep_ in ("nsubj", "nsubjpass", "npadvmod"):
                if (n := parse_number(child.text)) is not None:
                    return n
        if token.head.pos_ == "NOUN" and token.dep_ == "acl" and (n := number_of(token.head)) is not None:
            return n  # "three people killed in the attack"
        if token.dep_ == "acl" and token.head.like_num and (n := parse_number(token.head.text)) is not None:
            return n  # "left another three wounded"
    return None


CODED_AS = re.compile(r"\bfatalit(?:y|ies)\s+(?:were\s+|was\s+)?(?:coded|recorded|counted)\s+as\s+([\w-]+)", re.I)


def coded_total(text: str) -> int | None:
    """An event report's own stated total: "Several fatalities coded as 3", "Fatalities coded as 0"."""
    m = CODED_AS.search(text)
    return parse_number(m.group(1)) if m else None


def fatalities(sentence: Span, stated_totals: bool = False) -> int | None:
    """The dead a sentence counts; with ``stated_totals`` (profile acled-notes) a note's "coded as N" first."""
    text = sentence.text.lower()
    if stated_totals and (total := coded_total(text)) is not None:
        return total
    if re.search(r"\bno (?:fatalities|deaths|casualties)\b|\bno one (?:was|were) (?:killed|hurt|injured)", text):
        return 0
    return _count_for(sentence, KILL)


def injured(sentence: Span) -> int | None:
    return _count_for(sentence, INJURE)


def arrested(sentence: Span) -> int | None:
    return _count_for(sentence, ARREST)


def incident_count(sentence: Span) -> int | None:
    """'more than 60 attacks' -> 60; only plural event nouns with a number of their own."""
    for token in sentence:
        if token.lemma_.lower() in INCIDENT and token.tag_ == "NNS" and (n := number_of(token)) is not None:
            return n
    return None

"""Training the event model from labelled sentences (``dotterel train``).

A labelled example is one JSON line: ``{"text": ..., "event_type": "ASSAULT" | "NONE", "mode": ...,
"acled_sub_event_type": ..., "trigger": "optional trigger word"}``. Each example is parsed, its trigger found
the way the coder finds it (the lexicon's triggers, else the main-clause verb), and the trigger's clause
features are paired with the labels.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Span, Token

from .classifier import HEADS, NO_LABEL, EventModel, features_of, fit
from .lexicon import load_lexicon
from .triggers import Trigger, TriggerFinder

SHIPPED_EXAMPLES = ("training", "plover_examples.jsonl")


@dataclass
class Example:
    text: str
    labels: dict[str, str]
    trigger: str | None = None


class BadExample(ValueError):
    """A labelled line that cannot train: the message names the file and line."""


def read_examples(path: str | Path) -> Iterator[Example]:
    with open(path, encoding="utf-8") as f:
        yield from parse_examples(f, str(path))


def shipped_examples() -> list[Example]:
    data = resources.files("dotterel") / "data"
    for part in SHIPPED_EXAMPLES:
        data = data / part
    return list(parse_examples(data.read_text(encoding="utf-8").splitlines(), "shipped examples"))


def parse_examples(lines: Iterable[str], source: str) -> Iterator[Example]:
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            raise BadExample(f"{source}:{n}: not JSON ({err.msg})") from None
        text = row.get("text") if isinstance(row, dict) else None
        if not isinstance(text, str) or not text.strip():
            raise BadExample(f"{source}:{n}: no \"text\"")
        labels = {h: str(row[h]).strip() for h in (*HEADS, "acled_event_type") if row.get(h)}
        if not any(h in labels for h in HEADS):
            raise BadExample(f"{source}:{n}: no label: give at least one of {', '.join(HEADS)}")
        if "event_type" in labels:
            labels["event_type"] = labels["event_type"].upper()
        if labels.get("event_type") not in (None, NO_LABEL) and "mode" not in labels:
            labels["mode"] = NO_LABEL  # a typed act without a mode teaches "no mode"
        trigger = row.get("trigger") if isinstance(row.get("trigger"), str) else None
        yield Example(text.strip(), labels, trigger)


def candidates(finder: TriggerFinder, sentence: Span) -> list[tuple[Token, Token, Trigger | None]]:
    """What the coder would ask the model about: each lexicon trigger, then each open main-clause verb."""
    found = finder.triggers(sentence)
    out: list[tuple[Token, Token, Trigger | None]] = [(t.token, t.governor, t) for t in found]
    out += [(v, v, None) for v in finder.open_verbs(sentence, found)]
    return out


def samples(nlp: Language, examples: list[Example]) -> list[tuple[list[str], dict[str, str]]]:
    """(features, labels) pairs. A sentence with an act labels the candidate that names it; a sentence with
    no act ("NONE") labels every candidate NONE, which teaches what negation and hypotheticals look like."""
    finder = TriggerFinder(load_lexicon())
    out = []
    for example, doc in zip(examples, nlp.pipe(e.text for e in examples)):
        cands = [c for sent in doc.sents for c in candidates(finder, sent)]
        if not cands:
            continue
        if example.labels.get("event_type") == NO_LABEL:
            out += [(features_of(*c), {"event_type": NO_LABEL}) for c in cands]
            continue
        out.append((features_of(*pick(cands, example)), example.labels))
    return out


def pick(cands: list[tuple[Token, Token, Trigger | None]], example: Example) -> tuple[Token, Token, Trigger | None]:
    """The candidate an example's label belongs to: the named trigger, else a lexicon trigger of that type,
    else the shallowest lexicon trigger, else the main verb."""
    if example.trigger:
        word = example.trigger.lower()
        named = [c for c in cands if c[0].lower_ == word or c[0].lemma_.lower() == word]
        if named:
            return named[0]
    wanted = example.labels.get("event_type")
    typed = [c for c in cands if c[2] is not None and c[2].sense.event_type == wanted]
    lexical = [c for c in cands if c[2] is not None]
    return min(typed or lexical or cands, key=lambda c: depth(c[1]))


def depth(token: Token) -> int:
    n = 0
    while token.head != token and n < 50:
        token, n = token.head, n + 1
    return n


def train(nlp: Language, examples: list[Example], thresholds: dict[str, float] | None = None,
          epochs: int = 300) -> EventModel:
    pairs = samples(nlp, examples)
    if not pairs:
        raise BadExample("no example yields a trigger or a main verb to learn from")
    meta: dict = {"override": 0.75, "propose": 0.6}
    meta.update(thresholds or {})
    # a mode is only taken for a type it was seen with ("aerial" is an ASSAULT mode, never a PROTEST one)
    modes: dict[str, set[str]] = {}
    for e in examples:
        if e.labels.get("mode", NO_LABEL) != NO_LABEL and e.labels.get("event_type"):
            modes.setdefault(e.labels["event_type"], set()).add(e.labels["mode"])
    meta["modes"] = {t: sorted(m) for t, m in modes.items()}
    # ACLED's taxonomy: each sub-event type belongs to one event type
    meta["acled_types"] = {e.labels["acled_sub_event_type"]: e.labels["acled_event_type"] for e in examples
                           if e.labels.get("acled_sub_event_type") and e.labels.get("acled_event_type")}
    return fit(pairs, epochs=epochs, meta=meta)

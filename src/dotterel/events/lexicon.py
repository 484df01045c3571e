"""Trigger and mapping tables, read once from the package's data files."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class TriggerSense:
    event_type: str
    mode: str | None = None
    context: tuple[str, ...] = ()


def _data(name: str) -> dict:
    return yaml.safe_load((resources.files("dotterel") / "data" / name).read_text(encoding="utf-8"))


def _senses(table: dict) -> dict[str, TriggerSense]:
    out = {}
    for lemma, value in (table or {}).items():
        value = list(value)
        out[str(lemma).lower()] = TriggerSense(value[0], value[1] if len(value) > 1 else None, tuple(value[2:]))
    return out


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, TriggerSense]
    nouns: dict[str, TriggerSense]  # one- and two-word lemmas ("air strike")
    light_verbs: frozenset[str]
    instruments: dict[str, str]  # weapon noun -> ASSAULT mode
    acled: dict  # the parsed data/acled.yaml (rules, armed recipients, note rules)
    agents: dict[str, TriggerSense]  # "protesters", "rioters": the actor noun names the act
    non_actors: frozenset[str]  # nouns never taken as actor or recipient ("shots", "rounds")
    verb_objects: dict[str, TriggerSense]  # "exchange fire": verb lemma + object lemma
    of_nouns: frozenset[str]  # "the release of X": nouns whose patient follows "of"
    prep_nouns: dict[str, TriggerSense]  # "on strike": preposition + noun lemma
    observing: frozenset[str]  # "observed", "recorded": their subject only saw the act named by the object
    reversing: frozenset[str]  # "cut", "suspend": verbs that undo what their object gives
    reversible: frozenset[str]  # "aid", "peacekeepers": what they undo makes the act a SANCTION
    no_comment: frozenset[str]  # "declined to comment": refusing these is no act
    currencies: frozenset[str]  # "gave 5 million euros": the object is money even where NER misses it
    taking_part: frozenset[str]  # "participate in", "responsible for": word + preposition that lend the subject
    transitive_only: frozenset[str]  # acts only with a direct object ("engaged a unit")
    two_sided: frozenset[str]  # "clashed", "exchanged fire": both sides fight
    sports_verbs: frozenset[str]  # "beat Bayern 2-1": with a score, a match, not an assault
    hazards: frozenset[str]  # "floods", "an earthquake": subjects that kill without an assault
    not_act_heads: frozenset[str]  # "strike assessments": heads a trigger noun only classifies
    framing_only: frozenset[str]  # "said", "is", "has": verbs that are never an act of their own

    @property
    def acled_rules(self) -> tuple[dict, ...]:
        return tuple(self.acled["rules"])


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    triggers = _data("triggers.yaml")
    acled = _data("acled.yaml")
    return Lexicon(verbs=_senses(triggers["verbs"]), nouns=_senses(triggers["nouns"]),
                   light_verbs=frozenset(triggers.get("light_verbs", [])),
                   instruments=dict(triggers.get("instruments", {})), acled=acled,
                   agents=_senses(triggers.get("agents", {})), non_actors=frozenset(triggers.get("non_actors", [])),
                   verb_objects=_senses(triggers.get("verb_objects", {})),
                   of_nouns=frozenset(triggers.get("of_nouns", [])),
                   reversing=frozenset(triggers.get("reversing", [])),
                   observing=frozenset(triggers.get("observing", [])),
                   prep_nouns=_senses(triggers.get("prep_nouns", {})),
                   reversible=frozenset(triggers.get("reversible", [])),
                   no_comment=frozenset(triggers.get("no_comment", [])),
                   framing_only=frozenset(triggers.get("framing_only", [])),
                   currencies=frozenset(triggers.get("currencies", [])),
                   taking_part=frozenset(triggers.get("taking_part", [])),
                   transitive_only=frozenset(triggers.get("transitive_only", [])),
                   two_sided=frozenset(triggers.get("two_sided", [])),
                   sports_verbs=frozenset(triggers.get("sports_verbs", [])),
                   hazards=frozenset(triggers.get("hazards", [])),
                   not_act_heads=frozenset(triggers.get("not_act_heads", [])))

"""Trigger and mapping tables, read once from the package's data files."""

from __future__ import annotations

from dataclasses import dataclass, fields
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


REQUIRED = {"verbs", "nouns"}


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
    counting_nouns: frozenset[str]  # "a number of barracks": nouns that count the noun after "of"
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
    measures: frozenset[str]  # "sanctions", "tariffs": what a state aims at a party without force
    accidental_blasts: frozenset[str]  # "a gas cylinder", "the furnace": subjects that explode without an attack
    clearing: frozenset[str]  # "cleared the town of militants": the party driven out is assaulted
    recorders: frozenset[str]  # "a photographer captured a man": subjects that capture or shoot on film
    not_act_heads: frozenset[str]  # "strike assessments": heads a trigger noun only classifies
    framing_only: frozenset[str]  # "said", "is", "has": verbs that are never an act of their own
    landing_verbs: frozenset[str]  # "fell", "landed", "was launched": verbs a fired projectile is the subject of
    projectiles: frozenset[str]  # "rockets", "shells": what is fired, whose landing is an attack by someone unnamed
    crowd_claims: frozenset[str]  # "demanding", "protesting": a crowd's claim, told without a finite verb

    @property
    def acled_rules(self) -> tuple[dict, ...]:
        return tuple(self.acled["rules"])


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Each field of the Lexicon is the triggers.yaml section of the same name, read by its type: word lists
    become sets, sense tables TriggerSenses; only "acled" comes from its own file."""
    triggers = _data("triggers.yaml")
    values: dict = {}
    for field in fields(Lexicon):
        if field.name == "acled":
            values[field.name] = _data("acled.yaml")
        elif field.type == "frozenset[str]":
            values[field.name] = frozenset(triggers.get(field.name, []))
        elif field.type == "dict[str, TriggerSense]":
            # the verb and noun tables are the lexicon itself: missing, it is no lexicon
            values[field.name] = _senses(triggers[field.name] if field.name in REQUIRED else triggers.get(field.name, {}))
        else:
            values[field.name] = dict(triggers.get(field.name, {}))
    return Lexicon(**values)

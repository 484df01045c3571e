"""ACLED event and sub-event types for PLOVER events, from the rules in ``data/acled.yaml``.

Two steps: each event gets the type of the first rule it satisfies (``acled_types``); then, over a whole
report, ``order_by_salience`` puts the most telling ACLED-typed event first and lets the report's wording
refine it ("protesters ... police dispersed them" is a protest with intervention, not a peaceful one).
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Token

from ..model import ActorRef, Event

# recipients that fight back: an attack on them is a battle, not violence against civilians
ARMED_SECTORS = {"MIL", "COP", "REB", "UAF", "SPY"}


@lru_cache(maxsize=256)
def rx(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.I)


def is_armed(ref: ActorRef | None, armed_words: str) -> bool:
    """An armed party: by its sector, else by what it is called ("security forces", "militants")."""
    if ref is None:
        return False
    if ref.sector in ARMED_SECTORS:
        return True
    return bool(armed_words and rx(armed_words).search(f"{ref.text} {ref.name}"))


def attributed(trigger: Token | None, attribution: dict) -> bool:
    """An act told only as what someone claims, denies or is accused of ("claimed responsibility for the
    bombing", "denied its jets were responsible for the strikes", "accused the army of shelling"): the sentence
    reports the attribution, not the act. The trigger must lie under the attribution word: inside the noun's
    phrase, or the verb's object (not its subject: "the attack claimed ten lives" is the act itself)."""
    if trigger is None or not attribution:
        return False
    nouns, verbs = set(attribution.get("nouns", ())), set(attribution.get("verbs", ()))
    word = trigger
    while word.head.i != word.i:
        head = word.head
        lemma = head.lemma_.lower()
        if lemma in nouns or head.lower_ in nouns:
            return True
        if lemma in verbs and word.dep_ in ("dobj", "prep", "pcomp") and \
                any(c.dep_ == "nsubj" for c in head.children):
            return True  # "X accused Y of shelling"; the passive "police are accused of beating" reports the act
        if word.dep_ in ("nsubj", "nsubjpass", "csubj", "conj", "ccomp", "advcl", "parataxis"):
            return False  # above the act's own clause: an attribution there frames another act
        word = head
    return False


def acled_types(event: Event, acled: dict, trigger: Token | None = None) -> tuple[str | None, str | None]:
    rule = matching_rule(event, acled, trigger)
    return (rule["event"], rule["sub"]) if rule else (None, None)


def matching_rule(event: Event, acled: dict, trigger: Token | None = None) -> dict | None:
    armed = is_armed(event.recipient, acled.get("armed_words", ""))
    actor_armed = is_armed(event.actor, acled.get("armed_words", ""))
    either = armed or actor_armed
    lemma = trigger.lemma_.lower() if trigger is not None else ""
    lemmas = {lemma, trigger.head.lemma_.lower()} if trigger is not None and trigger.dep_ == "dobj" else {lemma}
    if trigger is not None and trigger.i >= 2 and trigger.doc[trigger.i - 1].text == "-":  # "shoot-out"
        word = trigger.doc[trigger.i - 2:trigger.i + 1].text.lower()
        lemmas |= {word, word.removesuffix("s")}
    if trigger is not None:  # "killed in an exchange of fire", "wounded during clashes": the fight is in the phrase
        lemmas |= {g.lemma_.lower() for p in trigger.children if p.dep_ == "prep" and p.lower_ in ("in", "during", "amid")
                   for g in p.children if g.dep_ == "pobj"}
    sentence = event.evidence.text
    actor = f"{event.actor.text} {event.actor.name}"
    claimed: bool | None = None  # computed on the first rule that asks
    for rule in acled["rules"]:
        if event.event_type not in (rule["type"] if isinstance(rule["type"], list) else [rule["type"]]):
            continue
        if "mode" in rule and event.mode not in rule["mode"]:
            continue
        if "recipient_armed" in rule and rule["recipient_armed"] != armed:
            continue
        if "actor_armed" in rule and rule["actor_armed"] != actor_armed:
            continue
        if "actor_sectors" in rule and event.actor.sector not in rule["actor_sectors"]:
            continue
        if "actor_known" in rule and rule["actor_known"] != bool(event.actor.text.strip()):
            continue
        if "either_armed" in rule and rule["either_armed"] != either:
            continue
        if "trigger" in rule and not lemmas & set(rule["trigger"]):
            continue
        if "words" in rule and not rx(rule["words"]).search(sentence):
            continue
        if "actor_words" in rule and not rx(rule["actor_words"]).search(actor):
            continue
        # what was hit or taken decides some types: a person set ablaze by a mob is mob violence, a house is property
        if "recipient_words" in rule and (event.recipient is None or not event.recipient.text.strip() or not
                                          rx(rule["recipient_words"]).search(f"{event.recipient.text} {event.recipient.name}")):
            continue
        if "attributed" in rule:
            if claimed is None:
                claimed = attributed(trigger, acled.get("attribution", {}))
            if rule["attributed"] != claimed:
                continue
        return rule
    return None


def rank(event: Event, acled: dict) -> int:
    """Rules are listed from specific to general, so a rule's position measures how telling it is."""
    rules = acled["rules"]
    # the first rule that gives this sub-event type to an event of this mode: a plain "killed" is no
    # weapon-specific "Armed clash" just because heavy weapons fired with small arms also make one
    return next((n for n, r in enumerate(rules) if r["sub"] == event.acled_sub_event_type and r.get("ranks", True) and
                 ("mode" not in r or event.mode in r["mode"])), len(rules))


def order_by_salience(events: list[Event], sentence_of: list[int], main: list[bool], text: str,
                      acled: dict, notes: frozenset[str] = frozenset()) -> list[Event]:
    """The lead event first, then the rest in text order. The lead comes from the first sentence that has an
    ACLED-typed event: a specific one (a weapon named: "fired mortars") if any, else one of the main clause
    ("teachers protested ... against attacks by bandits" is a protest), the most specific rule first; a
    demonstration in the main clause leads over a specific act named only in a subordinate one.
    The note-level rules then refine the lead from the wording of the report; a rule that reads a source
    convention (``note: crowd_tag``) applies only when the profile's ``notes`` name it."""
    typed = [i for i, e in enumerate(events) if e.acled_sub_event_type]
    if not typed:
        return events
    first_sentence = sentence_of[typed[0]]
    specific = int(acled.get("specific_rules", 0))
    # a demonstration that is the sentence's main act is what the report tells; the violence it is about may be
    # named in a subordinate clause ("families of men abducted by the militia held a sit-in")
    protest = any(main[i] and sentence_of[i] == first_sentence and events[i].acled_event_type == "Protests" for i in typed)

    def key(i: int) -> tuple[int, int, int]:
        r = rank(events[i], acled)
        return (0 if r < specific and (main[i] or not protest) else 1 if main[i] else 2), r, i
    lead = min((i for i in typed if sentence_of[i] == first_sentence), key=key)
    ordered = [events[lead]] + [e for i, e in enumerate(events) if i != lead]
    head = ordered[0]
    for rule in acled.get("note_rules", []):
        if head.acled_sub_event_type not in rule["from"] or rule.get("note", "") not in notes | {""}:
            continue
        if "words" in rule and not rx(rule["words"]).search(text):
            continue
        if "actor_words" in rule and not rx(rule["actor_words"]).search(f"{head.actor.text} {head.actor.name}"):
            continue
        head.acled_event_type, head.acled_sub_event_type = rule["event"], rule["sub"]
        break
    return ordered

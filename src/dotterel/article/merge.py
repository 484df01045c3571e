"""One event, many mentions: the same act told twice in a clause, or again later in the article, is one event.

Within a sentence, one doer doing one kind of act to one target is one act ("one strike engaged a unit and
destroyed a fighting position"). Across sentences an act is the same when kind, doer and target agree and
nothing tells them apart (another place, another date); the later passage becomes a mention of the first.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..actors.parties import names_a_thing
from ..fusion import distance_km
from ..model import UNKNOWN_ACTOR, ActorRef, Event
from .layout import Layout, title_case, trigger_token

RECAP_DETERMINERS = {"the", "this", "that", "these", "those"}


def actor_key(ref: ActorRef | None) -> str | None:
    if ref is None:
        return None
    return ref.id or ref.name.lower()


def _better_recipient(a: ActorRef | None, b: ActorRef | None) -> ActorRef | None:
    """Prefer a resolved target to an unresolved phrase, a party to a thing ("discussed the crisis in a call with
    Scholz": Scholz), and any target to none."""
    if a is None or (b is not None and a.id is None and (b.id is not None or
                                                       (names_a_thing(a.text) and not names_a_thing(b.text)))):
        return b
    return a


def absorb(kept: Event, other: Event, other_leads: bool = False, same_clause: bool = False) -> None:
    """Fold what another report of the same act adds: a target, a mode, counts, a place, a date. When the other
    report came first in the coder's order (its lead event), its ACLED reading stays the act's."""
    kept.recipient = _better_recipient(kept.recipient, other.recipient)
    kept.mode = kept.mode or other.mode
    if other_leads and other.acled_sub_event_type:
        kept.acled_event_type, kept.acled_sub_event_type = other.acled_event_type, other.acled_sub_event_type
    elif other.acled_event_type == "Explosions/Remote violence" and kept.acled_event_type != other.acled_event_type:
        # "killed when he was hit by a landmine": the weapon tells the kind of attack better than the verb
        kept.acled_event_type, kept.acled_sub_event_type = other.acled_event_type, other.acled_sub_event_type
    kept.acled_event_type = kept.acled_event_type or other.acled_event_type
    kept.acled_sub_event_type = kept.acled_sub_event_type or other.acled_sub_event_type
    for field in ("fatalities", "injured", "arrested", "incident_count"):
        mine, theirs = getattr(kept, field), getattr(other, field)
        if theirs is not None and (mine is None or theirs > mine):
            setattr(kept, field, theirs)
    # a place comes only from the same clause: a headline or a later report may name another place, and no place
    # may be the text's own choice ("strikes in Syria and Iraq" is a regional scope)
    if same_clause and (kept.location is None or (kept.location.lat is None and other.location is not None and
                                                  other.location.lat is not None)):
        kept.location = other.location or kept.location
    if kept.date is None and other.date is not None:
        kept.date, kept.date_precision = other.date, other.date_precision
    kept.carried = kept.carried and other.carried
    if other.evidence != kept.evidence and other.evidence not in kept.mentions:
        kept.mentions.append(other.evidence)
    kept.mentions += [m for m in other.mentions if m not in kept.mentions and m != kept.evidence]


def _compatible_targets(a: Event, b: Event) -> bool:
    ka, kb = actor_key(a.recipient), actor_key(b.recipient)
    if (ka is not None and ka == actor_key(b.actor)) or (kb is not None and kb == actor_key(a.actor)):
        return False  # "X fought off attacks, under heavy fire": the fire aimed at X is not X's own act
    return ka == kb or a.recipient is None or b.recipient is None or a.recipient.id is None or b.recipient.id is None


def merge_same_clause(events: list[Event], layout: Layout, party) -> list[Event]:
    """One doer doing one kind of act to one target in a sentence is one act; a doerless report of the same kind
    of act there ("Da'esh claimed attacks which killed 28") is that act too."""
    out: list[Event] = []
    by_sentence: dict[int, list[Event]] = {}  # out's events of each sentence, in out's order: a twin shares the sentence
    for event in events:
        here = layout.sentence(event.evidence.start)
        same = by_sentence.setdefault(here, [])
        twin = next((k for k in same if k.event_type == event.event_type and
                     (actor_key(k.actor) == actor_key(event.actor) or not party(k.actor) or not party(event.actor)) and
                     _compatible_targets(k, event) and (k.mode == event.mode or k.mode is None or event.mode is None) and
                     _same_place(k, event, scene=party(k.actor) != party(event.actor))), None)
        if twin is None:
            out.append(event)
            same.append(event)
            continue
        # the named doer's report is kept; between two, the clause's first verb tells the act, later ones add to it
        keeper, other = sorted((twin, event), key=lambda e: (not party(e.actor), _trigger_at(e)))
        absorb(keeper, other, other_leads=other is twin, same_clause=True)
        out[out.index(twin)] = keeper
        same[same.index(twin)] = keeper
    return out


def _trigger_at(event: Event) -> int:
    return event.trigger.start if event.trigger else event.evidence.start


# places this close are one scene: "X claimed attacks in a neighbourhood of the city which killed 28"
SAME_SCENE_KM = 25.0


def _same_place(a: Event, b: Event, scene: bool = False) -> bool:
    """Same place name; with ``scene`` (a doerless report beside the named doer's), any place of the same scene.
    Two reports that both name (or both lack) a doer keep their places apart: each may be its own act."""
    if a.location is None or b.location is None or a.location.name == b.location.name:
        return True
    if not scene:
        return False
    apart = distance_km(vars(a.location), vars(b.location))
    return apart is not None and apart <= SAME_SCENE_KM


def _same_time(a: Event, b: Event) -> bool:
    if a.date is None or b.date is None:
        return True
    short = min(len(a.date), len(b.date))
    return a.date[:short] == b.date[:short] and a.historical == b.historical


def recaps(doc: Doc, event: Event) -> bool:
    """Is the act named again as one already told: "the attack", "these strikes", "its offensive"?"""
    head = trigger_token(doc, event)
    if head is None:
        return False
    if head.pos_ == "VERB":  # "The blast hit their patrol": the act named again is the verb's subject
        head = next((c for c in head.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"), head)
    return head.pos_ == "NOUN" and any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in RECAP_DETERMINERS)
                                       for c in head.children)


def merge_mentions(events: list[Event], layout: Layout, doc: Doc) -> list[Event]:
    """Later reports of an act already coded become its mentions: a headline's act told again in the lead, or
    an act named again ("the attack"). Acts told side by side ("Near A, two strikes ... Near B, one strike")
    stay apart, and both ends must be resolved: two unnamed targets are not known to be one."""
    out: list[Event] = []
    for event in events:
        key = (event.event_type, actor_key(event.actor), actor_key(event.recipient))
        twin = None
        if event.recipient is not None and event.recipient.id is not None and event.actor.id is not None:
            again = recaps(doc, event)
            twin = next((k for k in out if (k.event_type, actor_key(k.actor), actor_key(k.recipient)) == key and
                         (again or layout.in_headline(k.evidence.start)) and _same_place(k, event) and
                         _same_time(k, event)), None)
        elif event.actor.name == UNKNOWN_ACTOR and recaps(doc, event):
            # "A bomb killed four soldiers. The blast hit their patrol ...": the unattributed act just told
            here = layout.sentence(event.evidence.start)
            twin = next((k for k in reversed(out) if k.event_type == event.event_type and k.actor.name == UNKNOWN_ACTOR
                         and 0 < here - layout.sentence(k.evidence.start) <= 2 and _same_place(k, event)), None)
        if twin is None:
            out.append(event)
        else:
            absorb(twin, event)
    return out


# acts two parties do together: "A and B met" is one meeting, however the sentence coder oriented it
JOINT_TYPES = {"CONSULT"}


def fold_joint_acts(events: list[Event], layout: Layout) -> list[Event]:
    """In an article, "X and Y met on Monday" told as X->Y and Y->X in one sentence is one meeting: the second
    reading becomes a mention of the first. (A lone sentence keeps both readings: PLOVER's sentence coding does.)"""
    out: list[Event] = []
    for event in events:
        twin = None
        if event.event_type in JOINT_TYPES:
            mirrored = (actor_key(event.recipient), actor_key(event.actor))
            here = layout.sentence(event.evidence.start)
            twin = next((k for k in out if k.event_type == event.event_type and layout.sentence(k.evidence.start) == here
                         and (actor_key(k.actor), actor_key(k.recipient)) == mirrored), None)
        if twin is None:
            out.append(event)
        else:
            absorb(twin, event, same_clause=True)
    return out


HEADLINE_RETOLD_WITHIN = 3  # sentences of the lead that may retell the headline


def fold_headline(events: list[Event], layout: Layout, party) -> list[Event]:
    """A headline's act whose doer it leaves out ("Truck attack kills 80") is the lead's act of the same kind:
    it becomes a mention of that event. A capitalised headline ("Trump Addresses Munich Attack") parses too
    poorly to name a doer: its acts count only as mentions of the lead's."""
    out = list(events)
    for event in events:
        if not layout.in_headline(event.evidence.start):
            continue
        capitalised = title_case(event.evidence.text)
        vague = capitalised or not party(event.actor) or unidentified(event.actor)
        lead = next((e for e in out if e is not event and e.event_type == event.event_type and party(e.actor) and
                     0 < layout.sentence(e.evidence.start) <= HEADLINE_RETOLD_WITHIN and _compatible_targets(e, event)
                     and (vague or _same_doer_words(event.actor, e.actor))), None)
        if lead is not None:
            absorb(lead, event)
        if lead is not None or capitalised:
            out.remove(event)
    return out


def _same_doer_words(headline: ActorRef, lead: ActorRef) -> bool:
    """"Coalition strikes hit ..." and "coalition forces carried out ...": the headline's doer, in the lead's words."""
    words = set(headline.text.lower().split())
    return headline.name == lead.name or bool(words) and words <= set(lead.text.lower().split())


def unidentified(ref: ActorRef) -> bool:
    """A doer named only by its kind ("Gunmen attack checkpoint"): the lead may say who they were."""
    return ref.name.startswith("Unidentified") or ".UAF." in (ref.id or "")

"""Who acts: actors carried across sentences, and candidates that nobody can be said to have done.

An actor is identified when the actor stage resolved its words (a name, a knowledge-base actor, a role noun
such as "police"), or when its words name people or a group ("two men", "unionists"; see ``parties``) — not a
phrase such as "the lackluster response" or "these actions".
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from ..actors.parties import head_word, names_a_party, names_a_thing
from ..model import UNKNOWN_ACTOR, ActorRef, Event, Mention, Quote, Span
from ..when import first_day
from .layout import Layout, title_case, trigger_token

# how far back (in sentences) an act's actor is carried to a sentence that goes on about the same kind of act
CARRY_SENTENCES = 4
# material acts whose doer a report often names once and then leaves implicit ("one strike destroyed ...")
CARRIED_TYPES = {"ASSAULT", "MOBILIZE", "COERCE", "AID", "SANCTION", "RETREAT"}
# acts of force: "a U.S. strike", "the army's offensive" name who used it
FORCE_TYPES = {"ASSAULT", "MOBILIZE", "COERCE"}
# acts between parties: without a doer they are nothing ("calls for calm")
VERBAL_TYPES = {"ACCUSE", "REQUEST", "REJECT", "SUPPORT", "AGREE", "CONSULT", "THREATEN", "CONCEDE"}
# violent acts that stay events without a known doer ("a bomb killed 12 in X")
VICTIM_TYPES = {"ASSAULT", "COERCE"}
# a report's lead: acts told there stay events even when their doer is unknown ("a bomb killed 12 in X")
LEAD_SENTENCES = 2


class Parties:
    """Tells whether an actor reference names a party: resolved by the actor stage, or a phrase naming people."""

    def __init__(self, mentions: list[Mention], act_nouns: frozenset[str], force_nouns: frozenset[str] = frozenset()):
        self.resolved = {id(m.ref) for m in mentions}
        self.act_nouns = act_nouns
        self.force_nouns = force_nouns  # "strike", "raid": a party's use of force names the party that used it

    def __call__(self, ref: ActorRef | None, doer: bool = True) -> bool:
        """A doer's words must name people or a group ("Turkey's Syria policy" names a policy, whatever it
        resolved to); a target may be a thing that a party owns ("ISIL targets")."""
        if ref is None or ref.name == UNKNOWN_ACTOR or not ref.text and ref.id is None:
            return False
        if doer and ref.text and ref.text.lower() not in FIRST_PERSON and names_a_thing(ref.text) and \
                not (ref.id and self.names_force(ref.text)):
            return False  # "an American air strike" is the American military's act: its maker acts
        return id(ref) in self.resolved or ref.id is not None or names_a_party(ref.text, self.act_nouns)

    def names_an_act(self, text: str) -> bool:
        return _head_in(text, self.act_nouns)

    def names_force(self, text: str) -> bool:
        return _head_in(text, self.force_nouns)

    def adopt(self, ref: ActorRef) -> ActorRef:
        """A copy of a reference, known to be a party as its original was."""
        copy = replace(ref)
        self.resolved.add(id(copy))
        return copy


def _head_in(text: str, nouns: frozenset[str]) -> bool:
    """Is the phrase's head word (or its singular) one of ``nouns``?"""
    head = (head_word(text) or "").lower()
    return head in nouns or head.removesuffix("s") in nouns


def told_without_doer(event: Event, doc: Doc, party: Parties) -> bool:
    """Is the act told with an act for its subject ("one strike destroyed", "the raids killed") or as an act
    named on its own ("strikes near Mosul")? Then its doer is the one the report named before. A plain
    passive ("80 people were killed") is not: its doer may be anyone."""
    token = trigger_token(doc, event)
    if token is None:
        return False
    if token.pos_ == "NOUN":  # "five strikes near Mosul", "the airstrikes destroyed ...": counted or acting, not defined
        return any(c.dep_ == "nummod" for c in token.children) or \
            (token.dep_ in ("nsubj", "nsubjpass") and token.head.pos_ == "VERB")
    subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(c.dep_ == "nsubj" and party.names_an_act(c.text) for c in subjects)


POLICE_WINDOW = 2  # sentences around an arrest where the police that made it are named


def arrests_by_police(events: list[Event], layout: Layout, mentions: list[Mention]) -> None:
    """"Six protesters were arrested ... police said": an arrest without a named doer is the police's when the
    article names police near it."""
    police = [m for m in mentions if m.ref.sector == "COP"]
    for event in events:
        if event.event_type != "COERCE" or event.mode != "arrest" or event.actor.name != UNKNOWN_ACTOR and event.actor.text:
            continue
        here = layout.sentence(event.evidence.start)
        near = [m for m in police if abs(layout.sentence(m.start) - here) <= POLICE_WINDOW]
        if near:
            event.actor = min(near, key=lambda m: abs(layout.sentence(m.start) - here)).ref
            event.carried = True


def carry_arguments(events: list[Event], layout: Layout, party: Parties, doc: Doc) -> None:
    """An act without a named doer takes the doer (and, when it has none, the target) of the nearest earlier
    act of the same kind a few sentences before: "Coalition forces conducted 23 strikes. Near Raqqa, five
    strikes destroyed ..." — the later strikes are the coalition's."""
    for i, event in enumerate(events):
        if event.event_type not in CARRIED_TYPES or party(event.actor) or not told_without_doer(event, doc, party):
            continue
        here = layout.sentence(event.evidence.start)
        source = next((p for p in reversed(events[:i]) if p.event_type == event.event_type and party(p.actor) and
                       here - layout.sentence(p.evidence.start) <= CARRY_SENTENCES), None)
        if source is None or (event.recipient is not None and event.recipient.name == source.actor.name):
            continue
        event.actor = party.adopt(source.actor)
        event.carried = True
        if not party(event.recipient, doer=False) and party(source.recipient, doer=False):
            assert source.recipient is not None
            event.recipient = party.adopt(source.recipient)


FIRST_PERSON = {"we", "i", "us", "me", "our", "my"}


def speakers_own_acts(events: list[Event], quotes: list[Quote], doc: Doc) -> None:
    """'"... We condemn the attack on the post," the president said': inside a quote, "we" and "I" are its speaker."""
    for event in events:
        said_by = first_person_doer(doc, event)
        if said_by is None:
            continue
        at = event.trigger.start if event.trigger else event.evidence.start
        quote = next((q for q in quotes if q.start <= at < q.end and q.speaker is not None and
                      q.speaker.text.lower() not in FIRST_PERSON and (q.speaker.id or q.speaker.name)), None)
        if quote is not None:
            event.actor = replace(quote.speaker, text=said_by)


def first_person_doer(doc: Doc, event: Event) -> str | None:
    """The "we" or "I" an act's doer is, when the coder left the doer unnamed (or named it so)."""
    if event.actor.id is not None:
        return None
    if event.actor.text.lower() in FIRST_PERSON:
        return event.actor.text
    token = trigger_token(doc, event)
    if event.actor.name != UNKNOWN_ACTOR or token is None:
        return None
    verb = token.head if token.pos_ == "NOUN" and token.dep_ in ("dobj", "nsubjpass") else token
    for _ in range(4):  # "we remain committed to working with ...": the subject of the clause the act hangs in
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None and verb.dep_ == "acl":  # "our resolve to stand with our allies"
            subject = next((c for c in verb.head.children if c.dep_ == "poss"), None)
        if subject is not None or verb.dep_ not in ("xcomp", "pcomp", "prep", "acomp") or verb.head == verb:
            break
        verb = verb.head
    return subject.text if subject is not None and subject.lower_ in FIRST_PERSON else None


def media_use_no_force(events: list[Event], mentions: list[Mention]) -> None:
    """A news outlet reports force, it does not use it: "Sky News quoted a witness ... unclear whether it came from the
    gunman" makes no act of the broadcaster's. Such an act's doer is unknown (and may be carried from the text)."""
    outlets = {m.ref.id for m in mentions if m.kind == "media" and m.ref.id}
    for event in events:
        if event.event_type in FORCE_TYPES and event.actor.id in outlets:
            event.actor = ActorRef(text="", name=UNKNOWN_ACTOR)


def keep_event(event: Event, layout: Layout, party: Parties) -> bool:
    """An event needs a doer the text names or clearly identifies. Without one, only a material act told in
    the report's lead stays (its doer unknown); a verbal act needs a doer unless it makes an ACLED event."""
    if party(event.actor) or layout.n_sentences <= LEAD_SENTENCES:
        return True  # a lone sentence or two give no context to judge a doer by: the sentence coder's reading stands
    if layout.sentence(event.evidence.start) >= LEAD_SENTENCES:
        return False
    if event.event_type in VERBAL_TYPES and not event.acled_event_type:
        return False  # a demand that makes a demonstration ("a motorcade to demand ...") stays: ACLED codes it
    if event.actor.name != UNKNOWN_ACTOR:  # "a roadside bomb killed four": a weapon or an act is no doer
        event.actor = ActorRef(text="", name=UNKNOWN_ACTOR)
    return True


def happened_without_doer(event: Event, party: Parties) -> bool:
    """An act that is sure without a named doer: a violent act that names whom it hit or counts its dead, fighting
    ("clashes took place near X"), or a demonstration (its doers are the crowd that held it)."""
    if event.event_type == "PROTEST" or event.acled_sub_event_type == "Armed clash":
        return True
    return event.event_type in VICTIM_TYPES and (party(event.recipient, doer=False) or any(
        n for n in (event.fatalities, event.injured, event.arrested)))


# acts aimed at another act: "condemned the attacks" condemns whoever made them
ACTS_ON_ACTS = {"ACCUSE", "REJECT", "SANCTION", "THREATEN"}  # "called for attacks" asks for acts, of no one
MAKER_SENTENCES = 3  # how far (before or after) the act condemned may be told


def target_the_maker(events: list[Event], layout: Layout, party: Parties) -> None:
    """An accusation or condemnation whose target is an act ("condemns the horrific attacks") is aimed at the
    act's doer, told nearby ("... Da'esh claimed the attacks"): the nearest assault with an identified doer."""
    # a title-case headline names no doer ("Trump Addresses Munich Attack" is no attacker)
    assaults = [e for e in events if e.event_type == "ASSAULT" and party(e.actor) and
                not (layout.in_headline(e.evidence.start) and title_case(e.evidence.text))]
    for event in events:
        target = event.recipient
        if event.event_type not in ACTS_ON_ACTS or target is None or target.id is not None or \
                not party.names_an_act(target.text):
            continue
        here = layout.sentence(event.evidence.start)
        candidates = [a for a in assaults if a.actor.name != event.actor.name and recent(a, event)]
        # the attack condemned is the one told nearby, else the report's first (its news: "the attack")
        near = [a for a in candidates if abs(layout.sentence(a.evidence.start) - here) <= MAKER_SENTENCES] or \
            ([min(candidates, key=lambda c: c.evidence.start)] if candidates else [])
        if near:
            maker = min(near, key=lambda a: abs(layout.sentence(a.evidence.start) - here))
            event.recipient = party.adopt(replace(maker.actor, text=target.text))


CONDEMNED_WITHIN_DAYS = 7  # an attack condemned is a recent one: "last November's attack" is background
PERIOD_DAYS = {"day": 0, "week": 6, "month": 30, "year": 365}


def recent(act: Event, reaction: Event) -> bool:
    """Could ``reaction`` (a condemnation) be about ``act``: not recalled history, not long before it?"""
    if act.historical and not reaction.historical:
        return False
    if act.date and reaction.date:
        days = (first_day(reaction.date) - first_day(act.date)).days
        span = PERIOD_DAYS.get(act.date_precision or "day", 0)  # a month's date is its first day
        return -1 <= days <= CONDEMNED_WITHIN_DAYS + span
    return True


def acts_condemned(events: list[Event], layout: Layout, party: Parties) -> list[Event]:
    """"The United States condemns the ISIL attack on a market in Baghdad": the attack condemned, told as fact with
    its maker, is an event of its own (an assault by ISIL), unless the article codes it already nearby."""
    added: list[Event] = []
    for event in events:
        target = event.recipient
        if event.event_type not in ("ACCUSE", "REJECT") or target is None or not target.id or \
                not party.names_force(target.text):
            continue
        here = layout.sentence(event.evidence.start)
        if any(e.event_type == "ASSAULT" and e.actor.name == target.name and
               abs(layout.sentence(e.evidence.start) - here) <= 1 for e in events + added):
            continue
        found = layout.target_span(event)
        trigger = Span(found[0], found[1], target.text) if found is not None else None
        added.append(replace(event, event_type="ASSAULT", mode=None, context=[], actor=party.adopt(target),
                             recipient=None, trigger=trigger, mentions=[], acled_event_type=None,
                             acled_sub_event_type=None, fatalities=None, injured=None, arrested=None))
    return events + added

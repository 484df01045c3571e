"""Against whom: the target of an act of force that its clause leaves unnamed or names only as a thing.

"Coalition forces conducted 23 strikes using fighter aircraft against ISIL targets" is a strike on ISIL, though
the parse hangs "against" on the aircraft; "one strike destroyed a VBIED storage facility", told next in the
same report, is a strike on the same enemy. An analyst codes both against ISIL; a target left empty tells the
reader nothing. A target is taken from the clause first (a named party after "against", or inside the target's
own words: "al-Qaida operatives"), and failing that from the same doer's nearest act of force a few sentences
before or after.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..events.coder import PARTY_BOUND
from ..model import ActorRef, Event, Mention
from .layout import Layout, trigger_token
from .who import Parties

# acts of force whose target an analyst always names
FORCE_TYPES = {"ASSAULT", "COERCE"}
# how far (in sentences, before or after) the same doer's target of another act still holds
TARGET_CARRY_SENTENCES = 8
# words that mark what an act of force is aimed at; "on"/"at" also mark places ("on French soil", "at the
# airport"), so after them only a party that is not a country or a people counts
AIMED_AT = {"against"}
AIMED_AT_OR_PLACE = {"on", "at"}
PLACE_LIKE_KINDS = {"state", "population"}
# how a party's name hangs on the thing it owns: "ISIL targets", "the group's positions", "fighters of the group"
OWNER_DEPS = {"compound", "amod", "poss", "nmod"}
# how far back (in sentences) the enemy a report last named is still the one its unaimed acts of force hit, and
# how far ahead when it names none before
ENEMY_BEFORE_SENTENCES = 6
ENEMY_AFTER_SENTENCES = 2
# a doer told only as the other side ("under heavy enemy fire", "the enemy counterattacked")
ENEMY_WORDS = {"enemy", "enemies"}
# sectors of armed groups that are no state's forces
NON_STATE_ARMED = {"REB", "UAF", "INS"}
# words that open a role's phrase without naming a side ("The troops", "Both units")
LEADING_WORDS = {"the", "both", "these", "those", "some", "several", "many", "two", "three", "a", "an"}
# armed roles whose side the text leaves to the reader: a strike on "tactical units" hits the enemy's
ARMED_SECTORS = {"MIL", "UAF", "REB", "INS", "SPY"}


def aim_targets(events: list[Event], layout: Layout, party: Parties, doc: Doc, mentions: list[Mention]) -> None:
    """Give each act of force by a known doer the party it was aimed at, when its clause names it, or else the
    target of the same doer's nearest act of force that names one (a report's strikes share their enemy)."""
    force = [e for e in events if e.event_type in FORCE_TYPES and party(e.actor)]
    unaimed = []
    for event in force:
        vague = _countryless_role(event.recipient)
        if _resolved(event.recipient, party) and not vague:
            continue
        found = _named_in_clause(event, layout, doc, mentions)
        if vague and (found is None or _countryless_role(found)):
            continue  # "an attack on a police station": the role is the target until a named party says whose
        if found is not None:
            event.recipient = party.adopt(found)
        else:
            unaimed.append(event)
    for event in unaimed:
        here = layout.sentence(event.evidence.start)
        aimed = [(abs(layout.sentence(e.evidence.start) - here), e.recipient) for e in force
                 if e.actor.name == event.actor.name and _resolved(e.recipient, party)
                 and e.recipient.name != event.actor.name]
        near = [(d, r) for d, r in aimed if d <= TARGET_CARRY_SENTENCES]
        if near:
            event.recipient = party.adopt(min(near, key=lambda x: x[0])[1])


def aim_at_the_enemy(events: list[Event], layout: Layout, party: Parties, doc: Doc, mentions: list[Mention]) -> None:
    """An attack whose target the text leaves to the reader ("the militia went on to free more villages", "strikes
    on two tactical units") hits the enemy the report last named: an armed group told as the target of an act of
    force or of a campaign "against" it. "Enemy fire" is that group's too. Run after aim_targets."""
    hostile = _hostile_mentions(events, party, doc, mentions)
    if not hostile:
        return
    for event in events:
        if event.event_type != "ASSAULT":
            continue
        if _told_as_enemy(event.actor) and party(event.recipient, doer=False):
            found = _nearest_enemy(hostile, layout, event, event.recipient)
            if found is not None:
                event.actor = party.adopt(found)
        elif party(event.actor) and _unaimed(event.recipient, party):
            found = _nearest_enemy(hostile, layout, event, event.actor)
            if found is not None:
                event.recipient = party.adopt(found)


def _hostile_mentions(events: list[Event], party: Parties, doc: Doc, mentions: list[Mention]) -> list[tuple[int, ActorRef]]:
    """Where the article names an armed group as someone's enemy: the named target of an act of force, or the
    object of "against" ("the campaign against ISIL")."""
    found = [(e.evidence.start, e.recipient) for e in events if e.event_type in FORCE_TYPES and e.recipient is not None
             and party(e.actor) and not _told_as_enemy(e.actor) and _armed_group(e.recipient)]
    for mention in mentions:
        if not _armed_group(mention.ref):
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None and _against(span.root):
            found.append((mention.start, mention.ref))
    return sorted(found, key=lambda x: x[0])


def _against(token: Token) -> bool:
    """Is the word (or the thing it owns: "ISIL targets") the object of "against", whoever fights it?"""
    return _marking_prep(token, AIMED_AT) is not None


def _nearest_enemy(hostile: list[tuple[int, ActorRef]], layout: Layout, event: Event, other_side: ActorRef) \
        -> ActorRef | None:
    """The enemy named last before the act (or, failing that, just after it) that is not the other side itself."""
    here = layout.sentence(event.evidence.start)
    fits = [(start, ref) for start, ref in hostile if ref.name != other_side.name and
            (other_side.country is None or ref.country != other_side.country)]
    before = [ref for start, ref in fits if start <= event.evidence.end and
              here - layout.sentence(start) <= ENEMY_BEFORE_SENTENCES]
    if before:
        return before[-1]
    after = [ref for start, ref in fits if start > event.evidence.end and
             layout.sentence(start) - here <= ENEMY_AFTER_SENTENCES]
    return after[0] if after else None


def _told_as_enemy(ref: ActorRef | None) -> bool:
    """'the enemy', 'enemy fighters': the other side, unnamed."""
    return ref is not None and any(w in ENEMY_WORDS for w in ref.text.lower().split()) and \
        (ref.id is None or ref.id.startswith("local:"))


def _armed_group(ref: ActorRef | None) -> bool:
    """An armed group known by name (a knowledge-base actor such as ISIL or al-Qaida), not a role ("the fighters"),
    a phrase or a state's forces: when a report leaves the target of a strike or the side of "the enemy" to the
    reader, the enemy it means is the armed group it names as the aim of the fighting, not a state's army."""
    return ref is not None and ref.id is not None and not ref.id.startswith("local:") and \
        ref.sector in NON_STATE_ARMED and not _borrowed_role(ref)


def _unaimed(ref: ActorRef | None, party: Parties) -> bool:
    """A target that names no side: none, a thing ("territory"), or an armed role whose side the text does not
    say ("both tactical units": a role the actor stage placed in the article's country)."""
    if ref is None or not party(ref, doer=False):
        return True
    return ref.sector in ARMED_SECTORS and (_countryless_role(ref) or _borrowed_role(ref))


def _borrowed_role(ref: ActorRef) -> bool:
    """A role whose words name no country or group of its own ("the tactical units", not "Iraqi police"): its side
    came from the article, not from the passage."""
    words = [w for w in ref.text.split() if w.isalpha()]
    return ref.sector is not None and ref.id is not None and "." in ref.id and bool(words) and \
        all(w.islower() for w in words[1:]) and (words[0].islower() or words[0].lower() in LEADING_WORDS)


def _countryless_role(ref: ActorRef | None) -> bool:
    """A role whose side the text does not say ("two tactical units", "the troops"): a party named as the act's aim
    in its clause tells whose they are."""
    return ref is not None and ref.id is not None and ref.id.startswith("local:") and ref.country is None and \
        ref.sector is not None


def _resolved(ref: ActorRef | None, party: Parties) -> bool:
    """A target the actor stage resolved to a known party (not merely a phrase naming people)."""
    return ref is not None and ref.id is not None and party(ref, doer=False)


def _named_in_clause(event: Event, layout: Layout, doc: Doc, mentions: list[Mention]) -> ActorRef | None:
    """A known party, other than the doer, that the event's clause names as what the act was aimed at: inside the
    target's own words, or after "against"/"on"/"at"."""
    owner = owner_in_target(event, layout, mentions)
    if owner is not None:
        return owner
    trigger = trigger_token(doc, event)
    for mention in _clause_mentions(event, mentions):
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None and _aimed_at(span.root, AIMED_AT if mention.kind in PLACE_LIKE_KINDS else
                                          AIMED_AT | AIMED_AT_OR_PLACE, trigger):
            return mention.ref
    return None


def owner_in_target(event: Event, layout: Layout, mentions: list[Mention]) -> ActorRef | None:
    """The known party inside a target told as a thing it owns: "Trump's remarks", "ISIL fighting positions"."""
    found = layout.target_span(event)
    if found is None:
        return None
    start, end = found
    return next((m.ref for m in _clause_mentions(event, mentions) if start <= m.start and m.end <= end), None)


def _clause_mentions(event: Event, mentions: list[Mention]) -> list[Mention]:
    """Mentions of known parties, other than the doer, in the event's passage."""
    return [m for m in mentions if m.ref.id is not None and m.ref.name != event.actor.name and
            event.evidence.start <= m.start < event.evidence.end]


def aim_party_acts(events: list[Event], layout: Layout, party: Parties, mentions: list[Mention], doc: Doc) -> None:
    """An act between parties aimed at something a party owns or does ("rejects Trump's remarks", "opposes
    Erdogan's policy", "welcomes the entry of Turkey") is aimed at that party."""
    for event in events:
        if event.event_type in PARTY_BOUND and party(event.actor) and not party(event.recipient, doer=False):
            owner = owner_in_target(event, layout, mentions) or _of_party(event, layout, mentions, doc)
            if owner is not None:
                event.recipient = party.adopt(owner)


def _of_party(event: Event, layout: Layout, mentions: list[Mention], doc: Doc) -> ActorRef | None:
    """The known party in the target's own "of" phrase: "the entry of Turkey", "the decision of the council"."""
    found = layout.target_span(event)
    span = doc.char_span(*found, alignment_mode="expand") if found is not None else None
    if span is None:
        return None
    objects = [g for p in span.root.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children
               if g.dep_ == "pobj"]
    named = _clause_mentions(event, mentions)
    return next((m.ref for obj in objects for m in named if m.start <= obj.idx < m.end), None)


def _aimed_at(token: Token, markers: set[str], trigger: Token | None = None) -> bool:
    """Is the word (or the thing it owns: "ISIL targets") the object of "against"/"on"/"at" — of this act, not of
    another doer's ("a strike to target fighters firing on the troops": the troops are the fighters' target)?"""
    prep = _marking_prep(token, markers)
    return prep is not None and not _another_doers(prep, trigger)


def _marking_prep(token: Token, markers: set[str]) -> Token | None:
    """The preposition of ``markers`` whose object is the word, or the thing it owns (up to three steps up)."""
    for _ in range(3):
        if token.dep_ == "pobj" and token.head.lower_ in markers:
            return token.head
        if token.dep_ not in OWNER_DEPS or token.head == token:
            return None
        token = token.head
    return None


def _another_doers(prep: Token, trigger: Token | None = None) -> bool:
    """Does the phrase hang on a verb with a doer of its own: a participle or relative clause on a noun ("fighters
    firing on", "militants who fired at"), or a clause with its own subject? A clause whose subject is the act
    itself ("the airstrikes delivered munitions against X") is the act's own."""
    verb = prep.head
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX"):
            subjects = [c for c in verb.children if c.dep_.startswith("nsubj")]
            if trigger is not None and any(c == trigger for c in subjects):
                return False
            return verb.dep_ in ("acl", "relcl") or bool(subjects) and verb.dep_ in ("ccomp", "advcl", "conj")
        if verb.head == verb:
            return False
        verb = verb.head
    return False

"""The document pass: decides about events with the whole article in view.

The sentence stages propose candidates one clause at a time; this pass, run once they are done, reads the
article as an analyst does. It carries an actor from the sentence that named it to the sentences that go on
about the same act ("Near Mosul, two strikes destroyed ..."), drops candidates nobody can be said to have done,
makes one event of each act reported several times (the other passages become its ``mentions``), and says how
sure it is (``confidence``) and whether an act is the article's news or the background it recalls
(``salience``). It never re-parses: it reads the ``Doc`` and the candidates.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..events.acled import acled_types
from ..events.lexicon import load_lexicon
from ..model import ActorRef, CodedDocument, Event
from .layout import Layout, trigger_token
from .merge import fold_headline, fold_joint_acts, merge_mentions, merge_same_clause
from .scoring import score_events
from .what import a_danger, generic
from .who import (
    FORCE_TYPES,
    LEAD_SENTENCES,
    Parties,
    acts_condemned,
    arrests_by_police,
    carry_arguments,
    keep_event,
    media_use_no_force,
    speakers_own_acts,
    target_the_maker,
)
from .whom import aim_at_the_enemy, aim_party_acts, aim_targets

# an article's candidates below this confidence are not reported (a lone sentence keeps its reading); see scoring
ARTICLE_MIN_CONFIDENCE = 0.7


class ArticlePass:
    """Pipeline stage: turns sentence-level event candidates into the article's events."""

    name = "article"

    def __init__(self, min_confidence: float = ARTICLE_MIN_CONFIDENCE, act_nouns: frozenset[str] | None = None):
        self.min_confidence = min_confidence
        # nouns that name acts are never parties ("the strike", "the response")
        lexicon = load_lexicon()
        nouns = lexicon.nouns
        self.acled = lexicon.acled
        self.act_nouns = act_nouns if act_nouns is not None else frozenset(nouns)
        self.force_nouns = frozenset(n for n, sense in nouns.items() if sense.event_type in FORCE_TYPES)

    def __call__(self, doc: Doc, coded: CodedDocument) -> None:
        if not coded.events:
            return
        layout = Layout.of(doc)
        party = Parties(coded.mentions, self.act_nouns, self.force_nouns)
        # the coder's order (its lead event first) is kept; carrying reads the events in the text's order
        events = coded.events
        told = {id(e): (e.actor, e.recipient) for e in events}
        media_use_no_force(events, coded.mentions)
        speakers_own_acts(events, coded.quotes, doc)
        carry_arguments(sorted(events, key=lambda e: (e.evidence.start, e.trigger.start if e.trigger else 0)), layout, party, doc)
        target_the_maker(events, layout, party)
        aim_targets(events, layout, party, doc, coded.mentions)
        aim_at_the_enemy(events, layout, party, doc, coded.mentions)
        aim_party_acts(events, layout, party, coded.mentions, doc)
        arrests_by_police(events, layout, coded.mentions)
        retype_battles(events, told, doc, self.acled)
        if layout.n_sentences > LEAD_SENTENCES:
            events = acts_condemned(events, layout, party)
        events = merge_same_clause(events, layout, party)
        events = [e for e in events if keep_event(e, layout, party) and not generic(e, doc, layout) and not a_danger(e, doc)]
        events = merge_mentions(events, layout, doc)
        events = fold_headline(events, layout, party)
        if layout.n_sentences > LEAD_SENTENCES:
            events = fold_joint_acts(events, layout)
        score_events(events, layout, party, coded.publication_date)
        if layout.n_sentences > LEAD_SENTENCES:  # in an article, weakly told acts are left to a lower --min-confidence
            events = [e for e in events if e.confidence >= self.min_confidence]
        coded.events = events


# ACLED sub-event types that turn on whether the target is armed
ARMED_OR_NOT = {"Attack", "Armed clash"}


def retype_battles(events: list[Event], told: dict[int, tuple[ActorRef, ActorRef | None]], doc: Doc, acled: dict) -> None:
    """An attack whose parties the article pass named anew is typed anew: "repelled an IS attack", once the attack is
    known as the Islamic State's, is a battle between armed parties, not violence against civilians."""
    for event in events:
        before = told.get(id(event))
        if before is None or (before[0] is event.actor and before[1] is event.recipient) or \
                event.acled_sub_event_type not in ARMED_OR_NOT:
            continue
        kind, sub = acled_types(event, acled, trigger_token(doc, event))
        if sub in ARMED_OR_NOT:
            event.acled_event_type, event.acled_sub_event_type = kind, sub

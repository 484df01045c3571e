"""Salience and confidence: is an act the article's news, and how sure is the coder that it happened as coded.

Salience: the lead (the first sentences) and acts dated near publication are the news; acts dated long before,
or told only deep in the article without a date, are the background it recalls.
Confidence: a plain score from what the text gives (a named doer, a named target, a verb rather than a noun,
a passage outside quoted speech, several reports of it), documented in ``CONFIDENCE``, so that an analyst can
filter on it and know what a figure means.
"""

from __future__ import annotations

import datetime as dt

from ..events.coder import PARTY_BOUND
from ..model import Event
from ..when import first_day
from .layout import Layout
from .who import FIRST_PERSON, Parties, happened_without_doer

MAIN_SENTENCES = 3  # the lead: the article's news whatever its date
NEWS_DAYS = 14  # dated within two weeks of publication: the news
# the score starts at BASE and moves by each of these when its condition holds
CONFIDENCE = {
    "base": 0.8,
    "actor unidentified": -0.4,
    "doer unknown, act sure": -0.1,
    "actor carried from an earlier sentence": -0.1,
    "no identified target for an act between parties": -0.15,
    "inside quoted speech": -0.2,
    "background": -0.1,
    "each further report of it": 0.05,
}
# acts that condemn an act ("denounced the raids") whoever made it
CONDEMNING = {"ACCUSE", "REJECT"}
ACT_WORDS_AFTER = 4  # words after a cut-short target that may still be its head
# acts a speaker performs by saying the quoted words ("We condemn ...", "Leave now")
SPEAKERS_OWN = {"ACCUSE", "REQUEST", "THREATEN", "REJECT"}
# acts a speaker performs when the quoted words say "we" or "I" do them ("We remain committed to ...", "I offer my
# condolences")
SPOKEN_IN_FIRST_PERSON = SPEAKERS_OWN | {"SUPPORT", "AGREE", "CONCEDE"}


def _days_from(date: str | None, publication: str | None) -> int | None:
    if not date or not publication:
        return None
    try:
        return abs((dt.date.fromisoformat(publication) - first_day(date)).days)
    except ValueError:
        return None


def salience(event: Event, layout: Layout, publication: str | None) -> str:
    if event.historical:
        return "background"
    days = _days_from(event.date, publication)
    if layout.sentence(event.evidence.start) < MAIN_SENTENCES:
        return "main"
    if days is not None and event.date_precision in ("day", "week") and days <= NEWS_DAYS:
        return "main"
    return "background"


def aimed_at_an_act(event: Event, layout: Layout, party: Parties) -> bool:
    """"condemns today's brutal attack": the target is an act the text names, whoever made it. A parse may cut the
    phrase short or hang the act's object on the verb ("condemned Sunday's senseless bombing of a bus station"):
    the words from the verb to a few past the target count."""
    target = event.recipient
    if event.event_type not in CONDEMNING or target is None or not target.text:
        return False
    found = layout.target_span(event)
    if found is None:
        return party.names_an_act(target.text)
    start, end = found
    begin = event.trigger.end if event.trigger is not None and event.trigger.end <= start else start
    after = layout.text[end:event.evidence.end].split(".")[0].split()[:ACT_WORDS_AFTER]
    words = layout.text[begin:end].split() + after
    return any(party.names_an_act(word.strip(",;:\"'“”")) for word in words)


def confidence(event: Event, layout: Layout, party: Parties) -> float:
    score = CONFIDENCE["base"]
    if not party(event.actor):
        # "a roadside bomb killed four soldiers", "a demonstration took place": the act is sure, only its doer unknown
        score += CONFIDENCE["doer unknown, act sure"] if happened_without_doer(event, party) else CONFIDENCE["actor unidentified"]
    elif event.carried:
        score += CONFIDENCE["actor carried from an earlier sentence"]
    if event.event_type in PARTY_BOUND and not party(event.recipient, doer=False) and not aimed_at_an_act(event, layout, party):
        score += CONFIDENCE["no identified target for an act between parties"]
    trigger = event.trigger or event.evidence
    if layout.in_quote(trigger.start, trigger.end) and event.event_type not in SPEAKERS_OWN and \
            not (event.event_type in SPOKEN_IN_FIRST_PERSON and event.actor.text.lower() in FIRST_PERSON):
        score += CONFIDENCE["inside quoted speech"]
    if event.salience == "background":
        score += CONFIDENCE["background"]
    score += CONFIDENCE["each further report of it"] * len(event.mentions)
    return max(0.05, min(1.0, score))


def score_events(events: list[Event], layout: Layout, party: Parties, publication: str | None) -> None:
    for event in events:
        event.salience = salience(event, layout, publication)
        event.confidence = confidence(event, layout, party)

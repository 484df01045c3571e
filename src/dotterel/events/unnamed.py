"""Unnamed doers: an act whose doer the text leaves unnamed gets the name of the kind of party that does it there.

"A shoot-out took place in Niteroi", "a scuffle led to firing in a village", "a protest was held in the square":
nobody is named, yet the act says what kind of party did it and its place says the country. Such a party has
an ACLED-style name ("Unidentified Armed Group (Brazil)", "Rioters (India)", "Protesters (Serbia)"), read from
the role nouns of ``data/agents.tsv``; it stays unresolved (no id), so it never merges with a named actor.
The stage runs after the article pass, which decides whether a doerless act is an event at all.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..actors.kb import ActorBase
from ..model import UNKNOWN_ACTOR, ActorRef, CodedDocument

# the role noun (agents.tsv) of whoever does an act of each ACLED event type unnamed; strategic developments and
# acts with no ACLED type tell no kind of party
DOER_ROLE = {"Protests": "protester", "Riots": "rioter", "Battles": "armed group",
             "Explosions/Remote violence": "armed group", "Violence against civilians": "armed group"}


class UnnamedDoers:
    """Pipeline stage: names the unnamed doer of a violent, riotous or protest act by its kind and country."""

    name = "unnamed"

    def __init__(self, base: ActorBase | None = None):
        self.base = base or ActorBase.load()

    def __call__(self, doc: Doc, coded: CodedDocument) -> None:
        for event in coded.events:
            if event.actor.text or event.actor.name != UNKNOWN_ACTOR or event.location is None:
                continue
            role = self.base.agents.get(DOER_ROLE.get(event.acled_event_type or "", ""))
            country = self.base.get(event.location.country or "")
            if role is None or not role.name or country is None or country.kind != "state":
                continue
            event.actor = ActorRef(text="", name=role.name.format(country.name), id=None, country=country.id,
                                   sector=role.sector)

"""What happened: acts an article states as general truths or habits are no events.

"A strike means one or more kinetic events ...", "They attack us because they hate us": a material act in the
simple present with a pronoun or an indefinite subject, outside a headline, tells what happens in general, not
what happened ("The EU provides aid to ..." names its doer and is news). Verbal acts are
different: "The United States condemns the attack" is the statement itself, made now.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..model import Event
from .layout import Layout, trigger_token

MATERIAL_TYPES = {"ASSAULT", "COERCE", "MOBILIZE", "PROTEST", "AID", "RETREAT", "COOPERATE", "SANCTION"}
PRESENT_SIMPLE = {"VBZ", "VBP"}
INDEFINITE = {"a", "an", "any", "every", "each"}
HABITUAL_SUBJECTS = {"they", "we", "you", "people"}


def generic(event: Event, doc: Doc, layout: Layout) -> bool:
    """A material act told in the simple present (the verb itself, or the verb whose subject names the act),
    except in the headline, where the present tells the news."""
    if event.event_type not in MATERIAL_TYPES or layout.in_headline(event.evidence.start):
        return False
    token = trigger_token(doc, event)
    if token is None:
        return False
    verb = token.head if token.pos_ == "NOUN" and token.dep_ in ("nsubj", "nsubjpass") else token
    if verb.pos_ not in ("VERB", "AUX") or verb.tag_ not in PRESENT_SIMPLE or \
            any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    # "they attack us": a plural pronoun does it habitually; "a strike means ...": an act named in general. A named
    # or counted doer is news ("The EU provides aid"), and so is a caption ("A protester throws a stone").
    if token != verb:
        return any(d.dep_ == "det" and d.lower_ in INDEFINITE for d in token.children)
    return any(c.dep_ == "nsubj" and c.lower_ in HABITUAL_SUBJECTS for c in verb.children)


# verbs whose "threat" is a danger someone poses or faces, not a threat anyone made
DANGER_VERBS = {"pose", "face", "represent", "constitute"}


def a_danger(event: Event, doc: Doc) -> bool:
    """"the shared threat posed by Da'esh", "Europe faces a growing threat": a danger, not a threat made to anyone."""
    token = trigger_token(doc, event)
    if event.event_type != "THREATEN" or token is None or token.pos_ != "NOUN":
        return False
    posed = any(c.dep_ == "acl" and c.lemma_.lower() in DANGER_VERBS for c in token.children)
    return posed or (token.dep_ in ("dobj", "attr") and token.head.lemma_.lower() in DANGER_VERBS)

"""Is a trigger an act that happened? Negated, conditional, planned and demanded acts, by the clause
around the trigger ("did not attack", "if talks fail they would strike", "plans to visit", "X says Y must stop")."""

from __future__ import annotations

from .lexicon import TriggerSense
from .triggers import Trigger

NEGATIONS = {"not", "n't", "never", "no"}
HYPOTHETICAL_MODALS = {"would", "could", "might", "may", "should", "will", "shall", "'ll", "wo"}
# acts that frame another act as intended, not done: "plans to attack", "vowed to strike"
FRAMING = {"plan", "intend", "want", "hope", "aim", "prepare", "seek", "try", "attempt", "consider", "refuse",
           "fail", "threaten", "vow", "warn", "promise", "pledge", "agree", "urge", "call", "demand", "ask",
           "order", "deny", "propose", "offer", "expect", "need", "able", "likely", "going", "willing", "ready",
           "commit", "decline", "reject", "ensure"}
SAYING = {"say", "insist", "declare", "tell", "state", "argue", "stress", "add", "write", "believe", "think"}
FUTURE_MODALS = {"will", "shall", "'ll", "wo"}
CONJECTURE = {"could", "might", "may", "would"}
REFUSING = {"refuse", "decline", "reject", "fail", "deny"}
# an attempt at force is an act of force
ATTEMPTING = {"attempt", "try", "seek"}
FORCEFUL = {"ASSAULT", "COERCE", "MOBILIZE"}
# framing verbs that commit the subject to the act
COMMITTING = {"agree", "pledge", "promise", "offer", "vow", "willing", "ready", "commit", "undertake"}
# "I want to ...", "we would like to ...": wishes that, said of a verb of expressing, perform it
WISHING = {"want", "wish", "like"}
EXPRESSING = {"express", "convey", "extend", "offer", "send", "thank", "congratulate", "welcome", "commend", "praise",
              "condemn", "reiterate", "reaffirm", "acknowledge", "recognize", "recognise", "applaud"}
# adjectives that commit their subject to the act told after "to": "we remain committed to working with Turkey"
COMMITTED = {"committed", "dedicated", "commit", "dedicate"}  # adjective or passive participle
# cooperative types: promising them is AGREE, refusing them is REJECT
COOPERATIVE = {"CONSULT", "AID", "COOPERATE", "RETREAT", "CONCEDE", "SUPPORT", "AGREE"}
# verbs whose order imposes a coercive act ("ordered the paper closed")
COMPELLING = {"order", "force", "compel", "oblige"}
# conflictual acts that, announced for the future, are threats (with the threat's mode)
ANNOUNCED_AS_THREAT = {"ASSAULT": "violence", "COERCE": "restrict", "SANCTION": "relations", "PROTEST": None}
THREAT_MODES = {"restrict", "arrest", "relations", "expel", "territory", "violence"}
ANNOUNCING = SAYING | {"announce", "declare", "warn", "vow", "pledge", "promise", "insist", "confirm", "indicate"}
# acts that a purpose clause only hopes for: "talks to halt the shelling" ("sent jets to destroy the site" is coded)
UNDONE_PURPOSES = {"RETREAT", "SANCTION"}
# nouns of a proposed law or resolution: the act an infinitive on them names is proposed ("a bill to impose
# sanctions"), done only by those who pass it ("passed measures to tighten sanctions")
PROPOSALS = {"bill", "legislation", "measure", "resolution", "amendment", "proposal", "motion"}
ENACTING = {"pass", "adopt", "approve", "enact", "sign"}
BRINGING = ENACTING | {"introduce", "propose", "draft", "unveil", "file", "submit", "sponsor", "table", "present"}
# "the first country to recognise it", "the only group to fight": the infinitive under these nouns was done
RANKING = {"first", "last", "only", "second", "third", "latest", "next"}
# verbal types whose content is the act itself: future tense is what they are about
FUTURE_OK = {"THREATEN", "REQUEST", "AGREE", "REJECT", "SUPPORT", "CONCEDE", "ACCUSE"}


def status(trig: Trigger) -> str:
    """'real'; 'negated' ("did not attack", "refused to meet"); 'future' ("will visit", "plans to
    release"); or 'skip' for hypothetical and conditional acts."""
    verb = trig.governor
    noun = trig.anchor or trig.token
    if noun.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "det" and c.lower_ in ("no", "any") for c in noun.children):
        return "negated"  # "no arrests have been made", "any attack on civilians would be a crime"
    if verb.pos_ not in ("VERB", "AUX"):
        # a nominal act negated in its own phrase
        negated = any(c.lower_ in NEGATIONS and c.dep_ in ("neg", "det") for c in trig.token.children)
        return "negated" if negated else "skip" if conjectured(noun) else "real"
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in verb.children) or \
            conjectured_clause(verb):
        return "skip"
    if any(c.dep_ == "mark" and c.lower_ == "for" for c in verb.children) and \
            any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return "skip"  # "pressed for the Pentagon to carry out airstrikes": wanted, not done
    if any(c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("if", "unless") for g in c.children)
           for c in verb.children) and any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL_MODALS for c in verb.children):
        return "skip"  # "if the talks fail, the rebels would strike": a condition, not an act
    head = verb.head
    if verb.dep_ in ("acl", "xcomp") and head.pos_ == "NOUN" and head.lemma_.lower() in FRAMING and \
            not (head.lemma_.lower() in COMPELLING and trig.sense.event_type == "COERCE"):
        # "had no plans to deploy troops", "a plan to release prisoners": an intention, not an act
        return "negated" if any(c.lower_ == "no" for c in head.children) else "skip"
    if (bringing := proposal_verb(verb)) is not None:
        return "real" if bringing.lemma_.lower() in ENACTING else "future"
    if purpose(verb) and trig.sense.event_type in UNDONE_PURPOSES and verb.lemma_.lower() != "target":
        # talks "to halt" the bombing hope for a truce; help sent "to assist", a summons "to complain", jets sent
        # "to destroy" a site and a strike "to target" fighters name what was done
        return "skip"
    framed = verb.dep_ in ("xcomp", "ccomp") and head.lemma_.lower() in FRAMING
    if (commitment := committed_to(verb)) is not None:
        head, framed = commitment, True
    if policy(verb):
        return "skip"
    if any(c.dep_ == "neg" or (c.lower_ in NEGATIONS and c.dep_ == "det") for c in verb.children) or \
            (verb.dep_ == "xcomp" and any(c.dep_ == "neg" for c in head.children)) or \
            (framed and head.lemma_.lower() in REFUSING) or prevented_clause(verb):
        return "negated"
    if verb.dep_ == "ccomp" and head.lemma_.lower() in SAYING and \
            any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in verb.children):
        trig.demand = head
        return "demanded"
    modals = {c.lower_ for c in verb.children if c.dep_ == "aux" and c.lower_ in HYPOTHETICAL_MODALS}
    if modals and trig.sense.event_type not in FUTURE_OK:
        # "said it would allow": in reported speech "would" is the speaker's "will"
        reported = verb.dep_ == "ccomp" and head.lemma_.lower() in ANNOUNCING and "would" in modals
        return "future" if modals & FUTURE_MODALS or reported else "skip"
    if framed and head.lemma_.lower() in COMPELLING and trig.sense.event_type == "COERCE":
        return "real"  # "ordered the newspaper to suspend publication": an authority's order is the coercion
    if framed and head.lemma_.lower() in ATTEMPTING and trig.sense.event_type in FORCEFUL:
        return "real"  # "attempted to seize the hospital", "tried to storm the building": an attempt is an act of force
    if framed and performed(verb, head):
        return "real"
    if framed:  # "threatened to strike" is the threat; "plans to attack" is no act yet
        # a promise to cooperate is an act (AGREE); a plan, a hope or an expectation is not yet one
        return "future" if head.lemma_.lower() in COMMITTING | COMMITTED else "skip"
    return "real"


def performed(verb, head) -> bool:
    """"I want to convey my condolences", "we would like to thank the rescuers": a speaker who says they wish to
    express something expresses it."""
    return head.lemma_.lower() in WISHING and verb.lemma_.lower() in EXPRESSING and \
        any(c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in head.children)


def committed_to(verb):
    """The adjective that commits a subject to a gerund's act ("remains committed to assisting the agency"), or None."""
    prep = verb.head
    if verb.dep_ == "pcomp" and prep.lower_ == "to" and prep.head.lemma_.lower() in COMMITTED:
        return prep.head
    return None


def policy(verb) -> bool:
    """A habit refused towards a whole kind of party is a policy, not an act: "ministers do not meet with extremist
    politicians", "we don't negotiate with terrorists" (a present "do not" and a bare plural)."""
    if not any(c.dep_ == "aux" and c.lower_ in ("do", "does") for c in verb.children) or \
            not any(c.dep_ == "neg" for c in verb.children):
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"] + \
        [g for p in verb.children if p.dep_ == "prep" for g in p.children if g.dep_ == "pobj"]
    return any(o.tag_ == "NNS" and not any(c.dep_ in ("det", "poss", "nummod") for c in o.children) for o in objects)


def proposal_verb(verb):
    """The verb that brings a law or a resolution whose infinitive names the act: "introduced a bill to impose
    sanctions" -> introduced; "passed a package of measures to tighten sanctions" -> passed. None for other verbs."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    if verb.dep_ == "advcl":  # "introduced a bill on Tuesday to impose ...": the parse hangs it on the verb
        above = verb.head
        return above if _brings(above) and any(c.dep_ == "dobj" and c.lemma_.lower() in PROPOSALS
                                               for c in above.children) else None
    if verb.dep_ not in ("acl", "relcl") or verb.head.lemma_.lower() not in PROPOSALS:
        return None
    if any(c.dep_ == "poss" for c in verb.head.children):
        return None  # "condemned Trump's proposal to ban ...": the proposal is another's than the verb's subject
    above = verb.head.head
    for _ in range(3):  # through "a set of", "a package of"
        if above.pos_ in ("VERB", "AUX"):
            return above if _brings(above) else None
        if above.head == above:
            return None
        above = above.head
    return None


def _brings(verb) -> bool:
    """A verb that brings a law, told as done ("is introducing", "passed"), not planned ("to draft")."""
    return verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in BRINGING and _finite(verb)


def purpose(verb) -> bool:
    """An infinitive that says what an act or an effort is for: "talks to halt the bombing", "met to end the
    shelling". ("The first country to recognise it" did it.)"""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    head = verb.head
    if verb.dep_ == "acl" and head.pos_ == "NOUN":
        return not any(c.lower_ in RANKING or c.ent_type_ == "ORDINAL" for c in head.children)
    return verb.dep_ == "advcl" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def as_coded(trig: Trigger) -> TriggerSense | None:
    """The sense to code a trigger with, given its status: a promised or planned cooperative act is an
    AGREE, a refused or negated one a REJECT; a conflictual act that did not happen is nothing."""
    state = status(trig)
    if state == "real":
        return trig.sense
    if state == "demanded":
        return TriggerSense("REQUEST", None, trig.sense.context)
    proposed = state == "future" and proposal_verb(trig.governor) is not None
    if proposed and trig.sense.event_type not in ANNOUNCED_AS_THREAT:
        return None  # a bill "to provide aid" promises nothing yet
    if trig.sense.event_type in COOPERATIVE and state in ("future", "negated"):
        return TriggerSense("AGREE" if state == "future" else "REJECT", None, trig.sense.context)
    if state == "future" and trig.sense.event_type in ANNOUNCED_AS_THREAT and (proposed or announced(trig.governor)):
        # "Turkey says it will begin a military operation against the YPG": announcing force is a threat
        kind = trig.sense.event_type
        mode = trig.sense.mode if trig.sense.mode in THREAT_MODES else ANNOUNCED_AS_THREAT[kind]
        return TriggerSense("THREATEN", mode, trig.sense.context)
    return None


# verbs that keep the act of the tenseless clause under them from happening ("opposes sending troops to fight",
# "prevented the militia from attacking")
PREVENTING = REFUSING | {"oppose", "avoid", "prevent", "stop", "bar", "prohibit", "ban", "forbid"}
# how a tenseless verb hangs under the verb that prevents it, or under the one whose conjecture it shares
PREVENTED_DEPS = {"xcomp", "advcl", "pcomp", "prep", "ccomp", "dobj"}
CONJECTURED_DEPS = {"xcomp", "advcl", "pcomp", "acl", "prep", "ccomp"}


def prevented_clause(verb) -> bool:
    """Is a tenseless verb under a verb of refusing or preventing, through other tenseless verbs? ("denied that it
    shelled" counts too: the verb's own tense is not asked.)"""
    return any(node.pos_ in ("VERB", "AUX") and node.lemma_.lower() in PREVENTING
               for node in _verbs_above(verb, PREVENTED_DEPS, own_tense_counts=False))


def _finite(verb) -> bool:
    return verb.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(
        c.dep_ in ("aux", "auxpass") and c.lower_ != "to" and c.tag_ != "VBG" for c in verb.children)


def conjectured_clause(verb) -> bool:
    """A verb with no tense of its own ("to enter", "waiving", "firing") takes the modality of the finite verb above
    it: "would prohibit the president from waiving sanctions to enter into agreements" is all conjecture, and so is
    "it was not clear whether it was the driver firing"."""
    for node in _verbs_above(verb, CONJECTURED_DEPS, own_tense_counts=True):
        if node.pos_ in ("VERB", "AUX") and any((c.dep_ == "aux" and c.lower_ in CONJECTURE) or
                                                (c.dep_ == "mark" and c.lower_ in ("whether", "if"))
                                                for c in node.children):
            # "said it would continue to strike": reported speech's "would" is the speaker's "will"
            return not (node.dep_ == "ccomp" and node.head.lemma_.lower() in ANNOUNCING)
    return False


def _verbs_above(verb, deps: set[str], own_tense_counts: bool):
    """The words a tenseless verb hangs under, one by one up to four steps, through ``deps``; the climb stops below
    a finite verb, which has a modality of its own (the starting verb's own tense stops it only when it counts)."""
    node = verb
    for _ in range(4):
        if node.dep_ not in deps or node.head == node:
            return
        if node.pos_ in ("VERB", "AUX") and (own_tense_counts or node != verb) and _finite(node):
            return
        node = node.head
        yield node


def conjectured(noun) -> bool:
    """A nominal act in a conjecture's phrase: "the deal could be derailed by a new offensive by the rebels". The act
    is no subject of the conjecture ("an attack may have killed 20" tells a real attack, unsure of its toll)."""
    node = noun
    for _ in range(6):
        if node.dep_ in ("nsubj", "nsubjpass", "ROOT") or node.head == node:
            return False
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            if any((c.dep_ == "aux" and c.lower_ in CONJECTURE) or (c.dep_ == "mark" and c.lower_ in ("whether", "if"))
                   for c in node.children) or conjectured_clause(node):
                return True
            if node.dep_ not in ("advcl", "conj"):
                return False
    return False


def announced(verb) -> bool:
    """Said or announced by someone, not planned: 'said it will strike', 'announced it would expel'."""
    return verb.dep_ == "ccomp" and verb.head.lemma_.lower() in ANNOUNCING

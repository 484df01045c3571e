"""Event coding: triggers in the dependency parse, their arguments, counts and ACLED types.

One event per trigger and actor. A verb trigger takes its subject as actor and its object as
recipient (passives swapped back); a nominal trigger ("air strike", "sanctions") takes a
possessive, a "by" phrase, a modifier ("American air strike") or the subject of its light verb
("launched an attack on"). Negated, conditional and merely planned acts are skipped; a trigger
governed by a threat, demand or promise is part of that act, not an event of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..actors import mention_at
from ..model import UNKNOWN_ACTOR, ActorRef, CodedDocument, Event, Mention
from ..model import Span as TextSpan
from . import quantities
from .acled import acled_types, order_by_salience
from .lexicon import Lexicon, TriggerSense, load_lexicon

NEGATIONS = {"not", "n't", "never", "no"}
HYPOTHETICAL_MODALS = {"would", "could", "might", "may", "should", "will", "shall", "'ll", "wo"}
# acts that frame another act as intended, not done: "plans to attack", "vowed to strike"
FRAMING = {"plan", "intend", "want", "hope", "aim", "prepare", "seek", "try", "attempt", "consider", "refuse",
           "fail", "threaten", "vow", "warn", "promise", "pledge", "agree", "urge", "call", "demand", "ask",
           "order", "deny", "propose", "offer", "expect", "need", "able", "likely", "going", "willing", "ready",
           "commit", "decline", "reject"}
SAYING = {"say", "insist", "declare", "tell", "state", "argue", "stress", "add", "write", "believe", "think"}
FUTURE_MODALS = {"will", "shall", "'ll", "wo"}
REFUSING = {"refuse", "decline", "reject", "fail", "deny"}
# framing verbs that announce the act as intended: cooperation announced is an AGREE
INTENDING = {"plan", "intend", "agree", "pledge", "promise", "offer", "vow", "willing", "ready", "prepare", "want",
             "hope", "aim", "seek", "expect", "going", "commit"}
# cooperative types: promising them is AGREE, refusing them is REJECT
COOPERATIVE = {"CONSULT", "AID", "COOPERATE", "RETREAT", "CONCEDE", "SUPPORT", "AGREE"}
# nominal acts whose "from" phrase names the actor ("criticism from the UN", "aid from Japan")
FROM_SOURCE = {"ACCUSE", "SUPPORT", "REQUEST", "THREATEN", "AID", "REJECT", "AGREE", "SANCTION"}
PARTY_ENTS = {"PERSON", "ORG", "GPE", "NORP"}
# acts two parties do together: "A and B signed a deal" codes A->B and B->A
SYMMETRIC = {"CONSULT", "AGREE", "COOPERATE", "SUPPORT", "REJECT"}
# verbal types whose content is the act itself: future tense is what they are about
FUTURE_OK = {"THREATEN", "REQUEST", "AGREE", "REJECT", "SUPPORT", "CONCEDE", "ACCUSE"}
RECIPIENT_PREPS = {"on", "against", "with", "to", "at", "upon", "into", "toward", "towards", "for", "from"}
# entity types that are never a participant ("On 9 May", "82mm"): a date is not a recipient
NON_ACTOR_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}
# when weapons of several kinds are named, the heaviest decides the mode ("fired mortars and rifles")
MODE_RANK = ["aerial", "drone", "heavy-weapons", "explosives", "firearms", "primitive"]


@dataclass
class Trigger:
    token: Token  # the head word of the trigger
    sense: TriggerSense
    governor: Token  # the verb whose clause carries the event (the trigger itself for verbs)
    text_end: int  # character end of the trigger words (two-word nouns)
    demand: Token | None = None  # "X says Y must stop": the verb of saying whose subject demands the act
    anchor: Token | None = None  # the noun whose phrase holds a nominal trigger's arguments


class EventCoder:
    """Pipeline stage: fills ``coded.events`` from the parse and the actor mentions."""

    name = "events"

    def __init__(self, lexicon: Lexicon | None = None):
        self.lex = lexicon or load_lexicon()

    # ---------------------------------------------------------------- triggers
    def noun_sense(self, token: Token) -> tuple[TriggerSense, int] | None:
        lemma = token.lemma_.lower()
        left = token.i - 1
        if left >= 1 and token.doc[left].text == "-":  # "shoot-out", "sit-in": spaCy splits at the hyphen
            pair = f"{token.doc[left - 1].lower_}-{token.lower_}"
            if pair in self.lex.nouns or (pair := pair.rstrip("s")) in self.lex.nouns:
                return self.lex.nouns[pair], token.idx + len(token.text)
        if left >= 0 and token.doc[left].dep_ in ("compound", "amod"):
            pair = f"{token.doc[left].lemma_.lower()} {lemma}"
            if pair in self.lex.nouns:
                return self.lex.nouns[pair], token.idx + len(token.text)
        if lemma in self.lex.nouns:
            return self.lex.nouns[lemma], token.idx + len(token.text)
        return None

    def triggers(self, sentence: Span) -> list[Trigger]:
        found = []
        consumed: set[int] = set()  # objects whose sense a verb + object pair already took ("provided support")
        for token in sentence:
            if token.i in consumed:
                continue
            if token.pos_ == "VERB" and (pair := self.verb_object(token)):
                consumed.update(c.i for c in token.children if c.dep_ == "dobj")
                found.append(Trigger(token, pair, token, token.idx + len(token.text)))
            elif token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in self.lex.verbs:
                if token.dep_ in ("amod", "compound", "acomp"):
                    continue  # "Iran-backed militias": an attribute, not an act
                if token.lemma_.lower() in self.lex.light_verbs and self.nominal_object(token):
                    continue  # "launched an attack": the noun names the event
                found.append(Trigger(token, self.lex.verbs[token.lemma_.lower()], token, token.idx + len(token.text)))
            elif token.dep_ in ("nsubj", "nsubjpass") and token.lemma_.lower() in self.lex.agents and \
                    token.head.pos_ in ("VERB", "AUX") and token.head.lemma_.lower() not in self.lex.verbs:
                head = token.head  # the act of "protesters gathered" is the protest they form
                found.append(Trigger(token, self.lex.agents[token.lemma_.lower()], head, head.idx + len(head.text)))
            elif token.pos_ in ("NOUN", "PROPN") and (hit := self.noun_sense(token)):
                sense, end = hit
                if token.dep_ == "pobj" and (alt := self.lex.prep_nouns.get(f"{token.head.lower_} {token.lemma_.lower()}")):
                    sense = alt  # "went on strike" is a labour strike, not an air strike
                # "a mediation effort": the phrase's head noun carries the arguments
                anchor = token.head if token.dep_ == "compound" and token.head.pos_ == "NOUN" and \
                    not self.noun_sense(token.head) else token
                governor = anchor.head if anchor.dep_ in ("dobj", "nsubjpass") and anchor.head.pos_ == "VERB" else anchor
                if governor.lemma_.lower() in self.lex.observing:
                    governor = anchor  # "monitors recorded 40 shots": the observer did not fire them
                if anchor.dep_ == "pobj" and anchor.head.lower_ == "on" and anchor.head.head.pos_ == "VERB":
                    governor = anchor.head.head  # "went on strike", "remained on alert"
                if governor is not anchor and governor.lemma_.lower() in self.lex.verbs and \
                        governor.lemma_.lower() not in self.lex.light_verbs:
                    continue  # "condemned the attack": the verb is the event
                if anchor.dep_ == "nsubj" and anchor.head.lemma_.lower() in self.lex.verbs:
                    continue  # "an air strike killed 12": coded at the verb, with the noun as actor
                found.append(Trigger(token, sense, governor, end, anchor=anchor))
        return found

    def verb_object(self, verb: Token) -> TriggerSense | None:
        for c in verb.children:
            if c.dep_ in ("dobj", "prep", "acomp", "oprd", "ccomp", "xcomp", "prt"):
                target = next((g for g in c.children if g.dep_ == "pobj"), c) if c.dep_ == "prep" else c
                if sense := self.lex.verb_objects.get(f"{verb.lemma_.lower()} {target.lemma_.lower()}"):
                    return sense
        return None

    def nominal_object(self, verb: Token) -> bool:
        return any(c.dep_ in ("dobj", "nsubjpass") and self.noun_sense(c) for c in verb.children)

    # ---------------------------------------------------------------- filters
    def status(self, trig: Trigger) -> str:
        """'real'; 'negated' ("did not attack", "refused to meet"); 'future' ("will visit", "plans to
        release"); or 'skip' for hypothetical and conditional acts."""
        verb = trig.governor
        if verb.pos_ not in ("VERB", "AUX"):
            return "negated" if any(c.lower_ in NEGATIONS and c.dep_ == "neg" for c in trig.token.children) else "real"
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in verb.children):
            return "skip"
        head = verb.head
        framed = verb.dep_ in ("xcomp", "ccomp") and head.lemma_.lower() in FRAMING
        if any(c.dep_ == "neg" or (c.lower_ in NEGATIONS and c.dep_ == "det") for c in verb.children) or \
                (verb.dep_ == "xcomp" and any(c.dep_ == "neg" for c in head.children)) or \
                (framed and head.lemma_.lower() in REFUSING):
            return "negated"
        if verb.dep_ == "ccomp" and head.lemma_.lower() in SAYING and \
                any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in verb.children):
            trig.demand = head
            return "demanded"
        modals = {c.lower_ for c in verb.children if c.dep_ == "aux" and c.lower_ in HYPOTHETICAL_MODALS}
        if modals and trig.sense.event_type not in FUTURE_OK:
            # "said it would allow": in reported speech "would" is the speaker's "will"
            reported = verb.dep_ == "ccomp" and head.lemma_.lower() in SAYING and "would" in modals
            return "future" if modals & FUTURE_MODALS or reported else "skip"
        if framed:  # "threatened to strike" is the threat; "plans to attack" is no act yet
            return "future" if head.lemma_.lower() in INTENDING else "skip"
        return "real"

    def as_coded(self, trig: Trigger) -> TriggerSense | None:
        """The sense to code a trigger with, given its status: a promised or planned cooperative act is an
        AGREE, a refused or negated one a REJECT; a conflictual act that did not happen is nothing."""
        status = self.status(trig)
        if status == "real":
            return trig.sense
        if status == "demanded":
            return TriggerSense("REQUEST", None, trig.sense.context)
        if trig.sense.event_type in COOPERATIVE and status in ("future", "negated"):
            return TriggerSense("AGREE" if status == "future" else "REJECT", None, trig.sense.context)
        return None

    # ---------------------------------------------------------------- arguments
    def subjects(self, verb: Token) -> list[Token]:
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
        agent = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        heads = agent or subj
        if not heads and verb.dep_ in ("xcomp", "advcl", "conj", "acl", "relcl", "acomp") and verb.head is not verb:
            if verb.dep_ == "relcl":
                return [verb.head]
            return self.subjects(verb.head) if verb.dep_ != "conj" or verb.head.pos_ == "VERB" else []
        return with_conjuncts(heads)

    def participant(self, token: Token) -> bool:
        """Can this noun be an actor or recipient? Not a date, a number or a weapon."""
        if token.ent_type_ in NON_ACTOR_ENTS or token.like_num:
            return False
        return token.lemma_.lower() not in self.lex.instruments and token.lemma_.lower() not in self.lex.non_actors

    def objects(self, verb: Token, passive_subject: bool = True) -> list[Token]:
        objs = [c for c in verb.children if c.dep_ in ("dobj", "dative") or (passive_subject and c.dep_ == "nsubjpass")]
        # "established ties with Seychelles": the object that names the act is not its recipient
        paired = [c for c in objs if f"{verb.lemma_.lower()} {c.lemma_.lower()}" in self.lex.verb_objects]
        objs = [c for c in objs if c not in paired]
        weapons = paired + [w for c in objs if not self.participant(c) for w in [c, *c.conjuncts]]
        objs = [c for c in objs if self.participant(c)]
        if not objs:
            # "fired mortars and small arms at the positions": the target may hang from the weapons
            shared = [c for c in verb.children if c.dep_ == "conj" and not any(g.dep_.startswith("nsubj") for g in c.children)]
            for prep in [*verb.children, *(p for w in weapons + shared for p in w.children)]:
                if prep.dep_ == "prep" and prep.lower_ in RECIPIENT_PREPS:
                    objs += [c for c in prep.children if c.dep_ == "pobj" and self.participant(c)]
                    if objs:
                        break
        if not objs and verb.dep_ in ("xcomp", "advcl") and verb.head.pos_ == "VERB" and \
                not any(c.dep_ == "nsubj" for c in verb.children):
            # "summoned the ambassador to complain": the purpose clause is aimed at the main verb's object
            objs = [c for c in verb.head.children if c.dep_ == "dobj" and self.participant(c)]
        return with_conjuncts(objs[:1])

    def noun_arguments(self, noun: Token) -> tuple[list[Token], list[Token]]:
        actors = [c for c in noun.children if c.dep_ == "poss"]
        recipients = []
        for prep in noun.children:
            kind = self.noun_type(noun)
            if prep.dep_ == "prep" and (prep.lower_ == "by" or (prep.lower_ in ("between", "among") and kind == "ASSAULT") or
                                        (prep.lower_ == "from" and kind in FROM_SOURCE)):
                # "clashes between A and B": both sides act; "criticism from the UN": the UN acts
                actors += [c for c in prep.children if c.dep_ == "pobj"]
            elif prep.dep_ == "prep" and (prep.lower_ in RECIPIENT_PREPS or prep.lower_ == "between"):
                recipients += [c for c in prep.children if c.dep_ == "pobj"]
        if not actors:
            actors = [c for c in noun.children if c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE", "ORG")]
        return actors, recipients

    def noun_type(self, noun: Token) -> str | None:
        hit = self.noun_sense(noun)
        return hit[0].event_type if hit else None

    def arguments(self, trig: Trigger) -> tuple[list[Token], list[Token]]:
        token, verb = trig.token, trig.governor
        if token.lemma_.lower() in self.lex.agents and token.head is verb and token.dep_.startswith("nsubj"):
            return with_conjuncts([token]), [c for c in self.objects(verb, passive_subject=False) if c is not token]
        if trig.demand is not None:  # "Russia says Israel must end attacks": Russia asks it of Israel
            return self.subjects(trig.demand), self.subjects(verb) or self.objects(verb)
        if token.pos_ in ("VERB", "AUX"):
            actors = self.subjects(verb)
            # "an American air strike killed 12": the subject names the attacker through its modifier
            return actors, [self.patient(t) for t in self.objects(verb)]
        noun = trig.anchor or token
        actors, recipients = self.noun_arguments(noun)
        if not recipients:  # "gave Canada a deadline"
            recipients = [c for c in verb.children if c.dep_ == "dative"]
        if verb is not noun:
            if not actors or all(a.pos_ == "PRON" for a in actors):  # "completed its withdrawal": the subject's
                actors = self.subjects(verb) or actors
            if not recipients:
                recipients = [c for p in verb.children if p.dep_ == "prep" and p.lower_ in RECIPIENT_PREPS
                              for c in p.children if c.dep_ == "pobj" and self.participant(c)][:1]
        recipients = [self.patient(r) for r in recipients if self.participant(r)]
        return with_conjuncts(actors), with_conjuncts(recipients)

    def patient(self, token: Token) -> Token:
        """'the release of the hostages', 'the death of a migrant': the one the act befalls is in 'of'."""
        event_noun = self.noun_sense(token) is not None
        if token.lemma_.lower() in self.lex.of_nouns or event_noun:
            for prep in token.children:
                # "rejected a request from Brown": the one who asked is the one rejected
                if prep.dep_ == "prep" and (prep.lower_ == "of" or (event_noun and prep.lower_ == "from")):
                    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                    if pobj is not None and self.participant(pobj):
                        return pobj
        return token

    # ---------------------------------------------------------------- the stage
    def __call__(self, doc: Doc, coded: CodedDocument) -> None:
        events: list[Event] = []
        sentence_of: list[int] = []
        main: list[bool] = []  # in the sentence's main clause
        sentences = list(doc.sents)
        for n, sentence in enumerate(sentences):
            for trig in self.triggers(sentence):
                if sense := self.as_coded(trig):
                    trig.sense = sense
                    new = self.code_trigger(doc, coded, sentence, trig)
                    events += new
                    sentence_of += [n] * len(new)
                    g = trig.governor
                    main += [g.dep_ == "ROOT" or (g.dep_ == "conj" and g.head.dep_ == "ROOT")] * len(new)
        self.attach_summary_counts(events, sentence_of, sentences)
        typed = [sentence_of[i] for i, e in enumerate(events) if e.acled_sub_event_type]
        if typed:  # the report's wording around its lead event refines that event's ACLED type
            window = sentences[typed[0]:typed[0] + 2]
            text = doc.text[window[0].start_char:window[-1].end_char]
            events = order_by_salience(events, sentence_of, main, text, self.lex.acled)
        coded.events = events

    @staticmethod
    def attach_summary_counts(events: list[Event], sentence_of: list[int], sentences: list[Span]) -> None:
        """A casualty sentence with no act of its own ("1 fatality.", "Two were killed.") counts the victims
        of the attack told before it: the count goes to that attack (the larger figure wins)."""
        assaults = [i for i, e in enumerate(events) if e.event_type == "ASSAULT"]
        if not assaults:
            return
        covered = {sentence_of[i] for i in assaults}
        stated = [n for n, sentence in enumerate(sentences) if quantities.coded_total(sentence.text) is not None]
        if stated:  # the report states its total: that figure alone, on the lead attack
            for i in assaults:
                events[i].fatalities = None
            events[assaults[0]].fatalities = quantities.coded_total(sentences[stated[0]].text)
            return
        for n, sentence in enumerate(sentences):
            if n in covered or (dead := quantities.fatalities(sentence)) is None:
                continue
            known = {}
            for i in assaults:
                if events[i].fatalities is not None:
                    known[sentence_of[i]] = max(known.get(sentence_of[i], 0), events[i].fatalities)
            if dead in known.values() or (known and dead == sum(known.values())):
                continue  # the summary repeats what the attacks already count
            before = [i for i in assaults if sentence_of[i] < n] or assaults[:1]
            target = events[before[-1]]
            target.fatalities = dead if target.fatalities is None else max(target.fatalities, dead)

    def code_trigger(self, doc: Doc, coded: CodedDocument, sentence: Span, trig: Trigger) -> list[Event]:
        actor_tokens, recipient_tokens = self.arguments(trig)
        actor_tokens = [antecedent(t) if t.pos_ == "PRON" and mention_at(coded.mentions, t.i, doc) is None else t
                        for t in actor_tokens]
        actors = [ref_for(doc, coded.mentions, t) for t in actor_tokens] or [None]
        recipient = next((r for t in recipient_tokens if (r := ref_for(doc, coded.mentions, t))), None)
        sense = trig.sense = self.object_sense(trig)
        mode = sense.mode
        if sense.event_type == "ASSAULT" and (not mode or mode in MODE_RANK):
            # "fired 82mm mortars": the weapon named is more telling than the verb's default
            inst = self.mode_from_subject(trig)
            if inst and (not mode or (inst in MODE_RANK and MODE_RANK.index(inst) < MODE_RANK.index(mode))):
                mode = inst
        evidence = sentence_evidence(sentence)
        counts = {"fatalities": quantities.fatalities(sentence), "injured": quantities.injured(sentence),
                  "arrested": quantities.arrested(sentence), "incident_count": quantities.incident_count(sentence)}
        if sense.event_type != "ASSAULT":
            counts["fatalities"] = counts["injured"] = None
        if sense.event_type != "COERCE":
            counts["arrested"] = None
        others = [a for a in actors if a is not None]
        pairs = [(a, recipient) for a in actors]
        thing = recipient is not None and recipient.id is None and bool(recipient_tokens) and \
            recipient_tokens[0].ent_type_ not in PARTY_ENTS  # "agreed on the draft text": a matter, not a party
        if (recipient is None or thing) and sense.event_type in SYMMETRIC and len(others) > 1:
            # "Pakistan and the IMF reached an agreement": each side acts towards the other
            # two tokens may resolve to one mention: then there is no other side to pair with
            pairs = [(a, next((o for o in others if o is not a), None)) for a in others]
        out = []
        for actor, target in pairs:
            if actor is None:
                actor = ActorRef(text="", name=UNKNOWN_ACTOR)
            if target is not None and actor.name == target.name and actor.text == target.text:
                continue
            event = Event(event_type=sense.event_type, actor=actor, recipient=target, mode=mode,
                          context=list(sense.context), evidence=evidence, doc_id=coded.doc_id,
                          trigger=_span(doc, trig.token.idx, trig.text_end), **counts)
            event.acled_event_type, event.acled_sub_event_type = acled_types(event, self.lex.acled, trig.token)
            out.append(event)
        return out

    def object_sense(self, trig: Trigger) -> TriggerSense:
        """What the object makes of the verb: "pledged support" is SUPPORT, "agreed to a deal" a SUPPORT of
        it, "cut aid" or "withdrew peacekeepers" a SANCTION, not a concession."""
        verb = trig.token
        if verb.pos_ not in ("VERB", "AUX"):
            return trig.sense
        objs = [c for c in verb.children if c.dep_ == "dobj"]
        objs += [g for p in verb.children if p.dep_ == "prep" and p.lower_ in ("to", "on") for g in p.children
                 if g.dep_ == "pobj"]
        for obj in objs:
            kind = self.noun_type(obj)
            if trig.sense.event_type == "AGREE" and kind == "SUPPORT":
                return self.noun_sense(obj)[0]
            if verb.lemma_.lower() in self.lex.reversing and \
                    (kind in ("AID", "COOPERATE", "SUPPORT", "CONSULT") or obj.lemma_.lower() in self.lex.reversible):
                return TriggerSense("SANCTION", "discontinue", trig.sense.context)
        return trig.sense

    def mode_from_subject(self, trig: Trigger) -> str | None:
        """'an air strike killed', 'warplanes struck', 'attacked with mortars': the mode is in the
        nominal subject or the instrument."""
        if trig.sense.event_type != "ASSAULT":
            return None
        verb = trig.governor
        args = [c for c in verb.children if c.dep_ in ("nsubj", "agent", "dobj", "nsubjpass")]
        args += [g for p in verb.children if p.dep_ in ("prep", "agent") and p.lower_ in ("with", "by", "using")
                 for g in p.children if g.dep_ == "pobj"]
        if verb.dep_ == "acl":  # "shells fired by LNA forces": the weapon is the noun the verb describes
            args.append(verb.head)
        if trig.token is not verb:  # "an attack with mortars", "a mortar attack"
            args += [trig.token] + [g for p in trig.token.children if p.dep_ == "prep" and p.lower_ in ("with", "by", "of")
                                    for g in p.children if g.dep_ == "pobj"]
        modes = []
        for c in with_conjuncts(args):
            if c is not trig.token and (hit := self.noun_sense(c)) and hit[0].event_type == "ASSAULT" and hit[0].mode:
                modes.append(hit[0].mode)
            for m in [c] + [m for m in c.children if m.dep_ in ("compound", "amod", "nmod")]:
                if m.lemma_.lower() in self.lex.instruments:
                    modes.append(self.lex.instruments[m.lemma_.lower()])
        ranked = [m for m in MODE_RANK if m in modes]
        return ranked[0] if ranked else (modes[0] if modes else None)


def antecedent(pronoun: Token) -> Token:
    """'Clinton said he will not lift the embargo': a pronoun subject of reported speech is the speaker."""
    verb = pronoun.head
    for _ in range(3):
        if verb.dep_ not in ("ccomp", "xcomp", "conj", "advcl") or verb.head is verb:
            break
        verb = verb.head
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.pos_ != "PRON":
            return subject
    return pronoun


def with_conjuncts(tokens: list[Token]) -> list[Token]:
    out = []
    for t in tokens:
        out.append(t)
        out += [c for c in t.conjuncts if c.i > t.i]
    return out


def ref_for(doc: Doc, mentions: list[Mention], token: Token) -> ActorRef | None:
    mention = mention_at(mentions, token.i, doc)
    if mention is not None:
        return mention.ref
    if token.pos_ in ("NOUN", "PROPN"):  # an unresolved noun phrase is still the argument
        chunk = doc[token.left_edge.i:token.i + 1]
        text = chunk.text if len(chunk) <= 6 else token.text
        return ActorRef(text=text, name=text)
    return None


def _span(doc: Doc, start: int, end: int) -> TextSpan:
    return TextSpan(start, end, doc.text[start:end])


def sentence_evidence(sentence: Span) -> TextSpan:
    text = sentence.text.rstrip()
    return TextSpan(sentence.start_char, sentence.start_char + len(text), text)

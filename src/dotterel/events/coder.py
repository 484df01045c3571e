"""Event coding, the pipeline stage: one event per trigger and actor, with counts and ACLED types.

Triggers come from `triggers`, their actors and recipients from `arguments`, whether they happened from
`modality`; a trigger governed by a threat, demand or promise is part of that act, not an event of its own.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ..actors import mention_at
from ..actors.titles import office_titles
from ..docindex import doc_text
from ..model import UNKNOWN_ACTOR, ActorRef, CodedDocument, Event
from ..model import Span as TextSpan
from ..profile import Profile, load_profile
from . import quantities
from .acled import acled_types, order_by_salience, rx
from .arguments import PARTY_ENTS, ArgumentFinder, antecedent, opposed_by, ref_for, with_conjuncts
from .classifier import NO_LABEL, EventModel, features_of, load_model
from .lexicon import Lexicon, TriggerSense
from .modality import ANNOUNCED_AS_THREAT, THREAT_MODES, as_coded, status
from .triggers import Trigger

# acts two parties do together: "A and B signed a deal" codes A->B and B->A
SYMMETRIC = {"CONSULT", "AGREE", "COOPERATE", "SUPPORT", "REJECT"}
# verbal and relational acts that mean nothing without a party on either side
# gatherings that, held by a named person, are a campaign's and not a protest
CAMPAIGN_EVENTS = {"rally"}
PARTY_BOUND = {"ACCUSE", "REQUEST", "REJECT", "SUPPORT", "AGREE", "CONSULT", "THREATEN", "SANCTION", "CONCEDE",
               "COOPERATE", "AID"}
# words someone said: rejecting them is disapproval
REMARKS = {"remark", "comment", "statement", "rhetoric", "speech", "word", "language", "tweet", "post"}
# when weapons of several kinds are named, the heaviest decides the mode ("fired mortars and rifles")
MODE_RANK = ["aerial", "drone", "heavy-weapons", "explosives", "firearms", "primitive"]


class EventCoder(ArgumentFinder):
    """Pipeline stage: fills ``coded.events`` from the parse and the actor mentions."""

    name = "events"

    def __init__(self, lexicon: Lexicon | None = None, model: EventModel | None | str = "default",
                 profile: Profile | None = None):
        super().__init__(lexicon)
        self.profile = load_profile(profile)  # source conventions read: the crowd tag, stated totals
        # "default": $DOTTEREL_EVENT_MODEL or the shipped model; a path: that model; None: the lexicon alone
        self.model = load_model(None if model == "default" else model) if isinstance(model, str) else model

    def classify(self, sentence: Span, found: list[Trigger]) -> list[Trigger]:
        """The trained model's say: it retypes a lexicon trigger when it is sure the clause means another act
        (or none), and adds an act at a main verb the lexicon does not know. Only for acts that happened:
        negated, planned and demanded acts keep the lexicon's reading."""
        model = self.model
        if model is None:
            return found
        override, propose = model.meta.get("override", 1.0), model.meta.get("propose", 1.0)
        out = []
        for trig in found:
            if override <= 1 and status(trig) == "real" and \
                    (pred := self.model_sense(features_of(trig.token, trig.governor, trig), trig)):
                sense, p = pred
                if sense.event_type != trig.sense.event_type and p >= override:
                    if sense.event_type == NO_LABEL:
                        continue
                    trig.sense = sense
            out.append(trig)
        for verb in self.open_verbs(sentence, found):
            trig = Trigger(verb, TriggerSense(NO_LABEL), verb, verb.idx + len(verb.text))
            pred = self.model_sense(features_of(verb, verb, None), trig)
            if pred and pred[0].event_type != NO_LABEL and pred[1] >= propose and status(trig) == "real":
                trig.sense = pred[0]
                out.append(trig)
        return out

    def model_acled(self, trig: Trigger) -> tuple[str, str] | None:
        """A model trained on a user's own ACLED notes may retype an event the rules typed, when it is sure
        (meta "acled_override"; the shipped model leaves ACLED types to the rules)."""
        model = self.model
        if model is None or (threshold := model.meta.get("acled_override", 2.0)) > 1:
            return None
        pred = model.predict(features_of(trig.token, trig.governor, trig), "acled_sub_event_type")
        kinds = model.meta.get("acled_types", {})
        if pred is None or pred[1] < threshold or pred[0] not in kinds:
            return None
        return kinds[pred[0]], pred[0]

    def model_sense(self, feats: list[str], trig: Trigger) -> tuple[TriggerSense, float] | None:
        assert self.model is not None
        pred = self.model.predict(feats, "event_type")
        if pred is None:
            return None
        kind, p = pred
        mode = None
        if (by_mode := self.model.predict(feats, "mode")) and by_mode[0] in self.model.meta.get("modes", {}).get(kind, ()):
            mode = by_mode[0]
        context = trig.sense.context if trig.sense.event_type == kind else ()
        return TriggerSense(kind, mode or (trig.sense.mode if trig.sense.event_type == kind else None), context), p

    def __call__(self, doc: Doc, coded: CodedDocument) -> None:
        events: list[Event] = []
        sentence_of: list[int] = []
        main: list[bool] = []  # in the sentence's main clause
        sentences = list(doc.sents)
        for n, sentence in enumerate(sentences):
            for trig in self.classify(sentence, self.triggers(sentence)):
                if sense := as_coded(trig):
                    trig.sense = sense
                    new = self.code_trigger(doc, coded, sentence, trig)
                    events += new
                    sentence_of += [n] * len(new)
                    main += [main_clause(trig)] * len(new)
        self.attach_summary_counts(events, sentence_of, sentences, self.profile.reads("coded_total"))
        typed = [sentence_of[i] for i, e in enumerate(events) if e.acled_sub_event_type]
        if not typed and events and self.profile.reads("crowd_tag") and (crowd := self.lex.acled.get("crowd_note")) and \
                rx(crowd["words"]).search(doc_text(doc)):
            # a report tagged with a crowd size whose acts are only demands or blockades is a demonstration
            lead = next((e for e in events if e.event_type in crowd["types"]), None)
            if lead is not None:
                lead.acled_event_type, lead.acled_sub_event_type = crowd["event"], crowd["sub"]
                typed = [sentence_of[events.index(lead)]]
        if typed:  # the report's wording around its lead event refines that event's ACLED type
            window = sentences[typed[0]:typed[0] + 2]
            text = doc_text(doc)[window[0].start_char:window[-1].end_char]
            events = order_by_salience(events, sentence_of, main, text, self.lex.acled, self.profile.conventions)
        coded.events = events

    @staticmethod
    def attach_summary_counts(events: list[Event], sentence_of: list[int], sentences: list[Span],
                              stated_totals: bool = False) -> None:
        """A casualty sentence with no act of its own ("1 fatality.", "Two were killed.") counts the victims
        of the attack told before it: the count goes to that attack (the larger figure wins)."""
        assaults = [i for i, e in enumerate(events) if e.event_type == "ASSAULT"]
        if not assaults:
            return
        covered = {sentence_of[i] for i in assaults}
        stated = [n for n, s in enumerate(sentences) if stated_totals and quantities.coded_total(s.text) is not None]
        if stated:  # the report states its total: that figure alone, on the lead attack
            for i in assaults:
                events[i].fatalities = None
            events[assaults[0]].fatalities = quantities.coded_total(sentences[stated[0]].text)
            return
        for n, sentence in enumerate(sentences):
            if n in covered or (dead := quantities.fatalities(sentence, stated_totals)) is None:
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

    @staticmethod
    def campaign_rally(doc: Doc, coded: CodedDocument, rally: Token, actor_tokens: list[Token]) -> bool:
        """A rally held by a person or for one is campaigning, not protest: "a Trump rally", "an Ohio Clinton rally",
        "Sanders was holding a rally", "a rally for the governor"."""
        surnames = {m.ref.name.split()[-1] for m in coded.mentions if m.kind == "person" and m.ref.name}

        def person(t: Token) -> bool:
            mention = mention_at(coded.mentions, t.i, doc)
            return (mention is not None and mention.kind == "person") or t.lemma_.lower() in office_titles() or \
                any(c.ent_type_ == "PERSON" or c.text in surnames for c in t.subtree if c.dep_ == "compound" or c == t)
        for_whom = [g for c in rally.children if c.dep_ == "prep" and c.lower_ == "for" for g in c.children
                    if g.dep_ == "pobj"]
        return any(person(t) for t in [*actor_tokens, *for_whom])

    def code_trigger(self, doc: Doc, coded: CodedDocument, sentence: Span, trig: Trigger) -> list[Event]:
        actor_tokens, recipient_tokens = self.arguments(trig)
        pronouns = [t if t.pos_ == "PRON" and mention_at(coded.mentions, t.i, doc) is None else None for t in actor_tokens]
        actor_tokens = [antecedent(t) if p is not None else t for t, p in zip(actor_tokens, pronouns)]
        actors = [in_own_words(ref_for(doc, coded.mentions, t), p) for t, p in zip(actor_tokens, pronouns)] or [None]
        # a known party among coordinated recipients before a bare noun phrase ("condemned the act and the threats")
        refs = [r for t in recipient_tokens if (r := ref_for(doc, coded.mentions, t))]
        recipient = next((r for r in refs if r.id), refs[0] if refs else None)
        sense = trig.sense = self.object_sense(trig)
        if sense.event_type == "PROTEST" and recipient is None and actor_tokens:
            recipient = opposed_by(doc, coded.mentions, actor_tokens[0])
        if sense.event_type == "PROTEST" and trig.token.lemma_.lower() in CAMPAIGN_EVENTS and \
                self.campaign_rally(doc, coded, trig.token, actor_tokens):
            return []
        mode = sense.mode
        if sense.event_type == "ASSAULT" and (not mode or mode in MODE_RANK):
            # "fired 82mm mortars": the weapon named is more telling than the verb's default
            inst = self.mode_from_subject(trig)
            # tear gas or a chemical agent says more than the verb "fired" or "used" ever can
            if inst and (not mode or inst not in MODE_RANK or MODE_RANK.index(inst) < MODE_RANK.index(mode)):
                mode = inst
        if sense.event_type == "THREATEN" and not mode:
            mode = self.threat_mode(trig)
        evidence = sentence_evidence(sentence)
        dead = quantities.fatalities(sentence, self.profile.reads("coded_total"))
        counts = {"fatalities": dead, "injured": quantities.injured(sentence),
                  "arrested": quantities.arrested(sentence), "incident_count": quantities.incident_count(sentence)}
        if sense.event_type != "ASSAULT":
            counts["fatalities"] = counts["injured"] = None
        if sense.event_type != "COERCE":
            counts["arrested"] = None
        others = [a for a in actors if a is not None]
        # "accused Kerry and Obama", "purge the region of both ISIS and the Kurds": an act towards each named party
        named = list({r.name: r for r in refs if r.id}.values())
        pairs = [(a, r) for a in actors for r in (named if len(named) > 1 else [recipient])]
        thing = recipient is not None and recipient.id is None and bool(recipient_tokens) and \
            recipient_tokens[0].ent_type_ not in PARTY_ENTS  # "agreed on the draft text": a matter, not a party
        if (recipient is None or thing) and sense.event_type in SYMMETRIC and len(others) > 1:
            # "Pakistan and the IMF reached an agreement": each side acts towards the other
            # two tokens may resolve to one mention: then there is no other side to pair with
            pairs = [(a, next((o for o in others if o is not a), None)) for a in others]
        elif sense.event_type == "ASSAULT" and trig.token.lemma_.lower() in self.lex.two_sided:
            # two-sided fighting ("troops clashed with rebels", "the army and rebels exchanged fire"): PLOVER codes
            # both sides as actors, each against the other
            sides = others + ([recipient] if recipient is not None and recipient.id is not None else [])
            if len(sides) > 1:
                pairs = [(a, next((o for o in sides if o is not a), None)) for a in sides]
        learned = self.model_acled(trig)
        out = []
        for actor, target in pairs:
            if actor is None and target is None and sense.event_type in PARTY_BOUND:
                continue  # "a war crimes conviction", "calls for calm": no one acts and no one is acted on
            if actor is None:
                actor = ActorRef(text="", name=UNKNOWN_ACTOR)
            if target is not None and actor.name == target.name and actor.text == target.text:
                continue
            event = Event(event_type=sense.event_type, actor=actor, recipient=target, mode=mode,
                          context=list(sense.context), evidence=evidence, doc_id=coded.doc_id,
                          trigger=_span(doc, trig.token.idx, trig.text_end), **counts)
            event.acled_event_type, event.acled_sub_event_type = acled_types(event, self.lex.acled, trig.token)
            if event.acled_sub_event_type and learned:
                event.acled_event_type, event.acled_sub_event_type = learned
            out.append(event)
        if sense.event_type == "ASSAULT" and (partner := self.in_support_of(trig)) is not None and \
                (helped := ref_for(doc, coded.mentions, partner)) is not None and \
                helped.id and not helped.id.startswith("local:"):  # a known party, not "the government"
            # "in support of the Iraqi forces, coalition aircraft struck ...": force used for a partner is aid to it
            out += [Event(event_type="AID", actor=e.actor, recipient=helped, evidence=evidence, doc_id=coded.doc_id,
                          trigger=e.trigger) for e in out if e.actor.name != UNKNOWN_ACTOR and e.actor.name != helped.name]
        return out

    def in_support_of(self, trig: Trigger) -> Token | None:
        """The party an act of force is "in support of", anywhere in the act's clause."""
        for word in trig.governor.subtree:
            if word.lemma_.lower() == "support" and word.dep_ == "pobj" and word.head.lower_ == "in":
                party = next((g for p in word.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children
                              if g.dep_ == "pobj" and self.participant_noun(g)), None)
                if party is not None:
                    return party
        return None

    def object_sense(self, trig: Trigger) -> TriggerSense:
        """What the object makes of the verb: "pledged support" is SUPPORT, "agreed to a deal" a SUPPORT of
        it, "cut aid" or "withdrew peacekeepers" a SANCTION, not a concession."""
        verb = trig.token
        if verb.pos_ not in ("VERB", "AUX"):
            return trig.sense
        if trig.sense.event_type == "SUPPORT" and self.material_means(verb):
            return TriggerSense("AID", None, trig.sense.context)
        objs = [c for c in verb.children if c.dep_ == "dobj"]
        objs += [g for p in verb.children if p.dep_ == "prep" and p.lower_ in ("to", "on") for g in p.children
                 if g.dep_ == "pobj"]
        if trig.sense.event_type == "REJECT" and any(o.lemma_.lower() in REMARKS for o in objs if o.dep_ == "dobj"):
            # "rejects Trump's remarks about Muslims": rejecting what someone said disapproves of it ("rejected the
            # charges" is a denial and stays REJECT)
            return TriggerSense("ACCUSE", "disapprove", trig.sense.context)
        for obj in objs:
            kind = self.noun_type(obj)
            if trig.sense.event_type == "AGREE" and kind == "SUPPORT":
                return self.noun_sense(obj)[0]
            if trig.sense.event_type == "AGREE" and verb.lemma_.lower() == "agree" and obj.dep_ == "pobj" and \
                    kind is None and obj.pos_ == "NOUN":
                # "agreed on the draft text", "agreed to the plan": a deal reached is endorsed, not promised
                return TriggerSense("SUPPORT", None, trig.sense.context)
            if verb.lemma_.lower() in self.lex.reversing and \
                    (kind in ("AID", "COOPERATE", "SUPPORT", "CONSULT") or obj.lemma_.lower() in self.lex.reversible):
                return TriggerSense("SANCTION", "discontinue", trig.sense.context)
            if trig.sense.mode == "discontinue" and kind == "ASSAULT" and obj.dep_ == "dobj":
                # "halted the shelling", "suspended air strikes": violence stopped is a ceasefire, not a sanction
                return TriggerSense("RETREAT", "ceasefire", trig.sense.context)
        return trig.sense

    def material_means(self, verb: Token) -> bool:
        """Support given with force or goods is aid: "supports Iraqi forces with air strikes", "is supporting the SDF
        by providing air support"."""
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("with", "by", "through")):
            for means in (g for g in prep.children if g.dep_ in ("pobj", "pcomp")):
                if means.pos_ == "VERB":
                    kind = sense.event_type if (sense := self.lex.verbs.get(self.verb_lemma(means))) else None
                else:
                    kind = self.noun_type(means)
                if kind in ("AID", "ASSAULT"):
                    return True
        return False

    def threat_mode(self, trig: Trigger) -> str | None:
        """'threatened to attack the capital' is a threat of violence, 'to cut ties' one against relations."""
        for c in trig.token.children:
            if c.dep_ not in ("xcomp", "ccomp"):
                continue
            sense = self.verb_object(c) or self.lex.verbs.get(self.verb_lemma(c))
            if sense is None:
                sense = next((hit[0] for d in c.children if d.dep_ == "dobj" and (hit := self.noun_sense(d))), None)
            if sense is not None:
                return sense.mode if sense.mode in THREAT_MODES else ANNOUNCED_AS_THREAT.get(sense.event_type)
        return None

    def mode_from_subject(self, trig: Trigger) -> str | None:
        """'an air strike killed', 'warplanes struck', 'attacked with mortars': the mode is in the
        nominal subject or the instrument."""
        if trig.sense.event_type != "ASSAULT":
            return None
        verb = trig.governor
        args = [c for c in verb.children if c.dep_ in ("nsubj", "agent", "dobj", "nsubjpass")]
        args += [g for p in verb.children if p.dep_ in ("prep", "agent") and p.lower_ in ("with", "by", "using")
                 for g in p.children if g.dep_ == "pobj"]
        # "attackers armed with machetes": the subject's own weapon
        args += [g for a in list(args) for acl in a.children if acl.dep_ == "acl" for p in acl.children
                 if p.dep_ == "prep" and p.lower_ == "with" for g in p.children if g.dep_ == "pobj"]
        if verb.dep_ == "acl":  # "shells fired by LNA forces": the weapon is the noun the verb describes
            args.append(verb.head)
        if trig.token != verb:  # "an attack with mortars", "a mortar attack"
            args += [trig.token] + [g for p in trig.token.children if p.dep_ == "prep" and p.lower_ in ("with", "by", "of")
                                    for g in p.children if g.dep_ == "pobj"]
        modes = []
        for c in with_conjuncts(args):
            if c != trig.token and (hit := self.noun_sense(c)) and hit[0].event_type == "ASSAULT" and hit[0].mode:
                modes.append(hit[0].mode)
            mods = [m for m in c.children if m.dep_ in ("compound", "amod", "nmod")]
            before = [m.lemma_.lower() for m in mods if m.i < c.i]
            # "air force", "suicide bomber", "heavy machine gun": the phrase names the weapon, not its head word
            phrase = next((p for k in range(len(before)) if (p := " ".join([*before[k:], c.lemma_.lower()]))
                           in self.lex.instruments), None)
            words = [m for m in mods if m.lemma_.lower() in self.lex.instruments]
            if phrase is not None:
                modes.append(self.lex.instruments[phrase])
            elif c.lemma_.lower() in self.lex.instruments:
                words.append(c)
            modes += [self.lex.instruments[m.lemma_.lower()] for m in words]
        ranked = [m for m in MODE_RANK if m in modes]
        return ranked[0] if ranked else (modes[0] if modes else None)



def in_own_words(ref: ActorRef | None, pronoun: Token | None) -> ActorRef | None:
    """"'We remain committed ...,' the minister said": the speaker acts, told by the speaker's own "we" or "I"."""
    if ref is None or pronoun is None or pronoun.lower_ not in ("i", "we"):
        return ref
    return replace(ref, text=pronoun.text)


def main_clause(trig: Trigger) -> bool:
    """Is the act the sentence's main clause: its verb, the act that is its subject ("clashes took place ..."), or
    the means it names ("destroyed a depot with airstrikes")? An act in an adjunct ("amid shelling") is not."""
    g = trig.governor
    if g.dep_ == "ROOT" or (g.dep_ in ("conj", "nsubj", "nsubjpass") and g.head.dep_ == "ROOT"):
        return True
    return g.dep_ == "pobj" and g.head.lower_ in ("with", "by", "using") and g.head.head.dep_ == "ROOT"


def _span(doc: Doc, start: int, end: int) -> TextSpan:
    return TextSpan(start, end, doc_text(doc)[start:end])


def sentence_evidence(sentence: Span) -> TextSpan:
    text = sentence.text.rstrip()
    return TextSpan(sentence.start_char, sentence.start_char + len(text), text)

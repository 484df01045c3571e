"""Arguments: who acts and on whom, from the trigger's clause.

A verb takes its subject as actor and its object as recipient (passives swapped back); a nominal trigger takes a
possessive, a "by" phrase, a modifier ("American air strike") or the subject of its light verb ("launched an attack on").
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from ..actors import mention_at
from ..actors.parties import heads_a_party, person_nouns
from ..model import ActorRef, Mention
from ..quotes.salience import document_noun
from .modality import proposal_verb
from .triggers import SIDE_BY_SIDE, Trigger, TriggerFinder

# nominal acts whose "from" phrase names the actor ("criticism from the UN", "aid from Japan")
FROM_SOURCE = {"ACCUSE", "SUPPORT", "REQUEST", "THREATEN", "AID", "REJECT", "AGREE", "SANCTION"}
RECIPIENT_PREPS = {"on", "against", "with", "to", "at", "upon", "into", "toward", "towards", "for", "from"}
# verbs whose subject is the recipient of the act named by their object ("received aid from Japan")
RECEIVING = {"receive", "get", "obtain", "accept", "win", "secure", "welcome", "face", "draw", "attract", "earn", "incur"}
# named-entity kinds that can be a party
PARTY_ENTS = {"PERSON", "ORG", "GPE", "NORP"}
PLACE_ENTS = {"GPE", "LOC", "FAC"}
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
# words that open a place phrase, never a subject
PLACE_PREPS = {"near", "outside", "inside", "across"}
# acts both sides of "between A and B" do together
MUTUAL = {"ASSAULT", "COOPERATE", "CONSULT", "AGREE"}
# verbal acts that, joined to what a speaker reports, are the speaker's own
SPEECH_ACTS = {"accuse", "blame", "condemn", "criticise", "criticize", "denounce", "urge", "demand", "praise", "warn",
               "deny", "reject", "call", "charge"}
# verbs whose subject reports an act, not does it
SAYING_VERBS = {"say", "report", "tell", "state", "claim", "describe", "call", "deny", "confirm", "reveal", "know"}
# verbal acts about another act: their subject judges the act, it did not make it
JUDGING = {"ACCUSE", "REJECT", "SUPPORT", "REQUEST", "THREATEN", "CONCEDE"}
# nouns of people named by their tie to others
KIN_NOUNS = {"family", "relative", "kin", "kinsman", "widow", "orphan", "parent", "child"}
# nouns of a claim whose "that" clause says what a party does or is
CLAIM_NOUNS = {"notion", "idea", "claim", "suggestion", "assertion", "allegation", "accusation", "charge", "argument"}
# a town that acts is its council: "the city of Nice urged people to stay home"
TOWN_NOUNS = {"city", "town", "municipality"}
# nouns that stop an act: the party asked for "an end to" its attacks is the one that attacks
ENDING_NOUNS = {"end", "halt", "stop", "cessation", "suspension", "freeze"}
# entity types that are never a participant ("On 9 May", "82mm"): a date is not a recipient
NON_ACTOR_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}


class ArgumentFinder(TriggerFinder):
    """Adds the actor and recipient tokens of a trigger."""

    def subjects(self, verb: Token) -> list[Token]:
        # "Near Sinjar, one strike engaged ...": a sentence-initial place phrase the parser took for a subject
        subj = unsplit([c for c in verb.children if c.dep_ in ("nsubj", "csubj") and c.left_edge.lower_ not in PLACE_PREPS])
        agent = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        heads = [counted(h) for h in agent or subj]
        if not heads and (bringing := proposal_verb(verb)) is not None:
            return self.subjects(bringing)  # "senators introduced a bill to impose sanctions": the senators do
        if not heads and verb.dep_ == "relcl" and any(c.dep_ == "nsubjpass" for c in verb.children):
            return []  # "the soldier who was killed": the noun is the one acted on, not the doer
        if verb.dep_ == "relcl" and all(h.lower_ in RELATIVE_PRONOUNS for h in heads):
            heads = [verb.head]  # "the activists who had blocked the highway": who = the activists
            # "the attack on the camp that killed 20": what killed is the attack, not the camp
            above = verb.head.head.head if verb.head.dep_ == "pobj" and verb.head.head.dep_ == "prep" else None
            if above is not None and above.pos_ == "NOUN" and (hit := self.noun_sense(above)) and \
                    hit[0].event_type == "ASSAULT" and not self.participant_noun(verb.head):
                heads = [above]
        if not heads and verb.dep_ == "acl" and document_noun(verb.head.lemma_) and verb.head.dep_ == "dobj" and \
                verb.head.head.pos_ in ("VERB", "AUX"):
            return self.subjects(verb.head.head)  # "Obama released a statement condemning ...": the statement's author
        if not heads and verb.dep_ in ("xcomp", "advcl", "conj", "acl", "relcl", "acomp") and verb.head != verb:
            if verb.dep_ == "relcl":
                return [verb.head]
            told = verb.head
            if verb.dep_ == "conj" and verb.lemma_.lower() in SPEECH_ACTS and verb.tag_ in ("VBD", "VBZ", "VBP") and \
                    told.dep_ == "ccomp" and told.head.lemma_.lower() in SAYING_VERBS:
                # "the panel said the army carried out attacks and accused the RSF of ...": the one who speaks
                # accuses, not the one spoken of ("authorities were treating it as an attack and urging people to
                # stay home, TV reported": a participle shares its clause's subject)
                return self.subjects(told.head)
            return self.subjects(told) if verb.dep_ != "conj" or told.pos_ == "VERB" else []
        if not heads and verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and \
                f"{verb.head.head.lemma_.lower()} {verb.head.lower_}" in self.lex.taking_part:
            # "are guilty of violating the ceasefire", "responsible for killing": the one guilty did it
            return self.subjects(verb.head.head)
        return with_conjuncts(heads)

    def firing_from(self, verb: Token) -> list[Token]:
        """The party in a verb's "from" phrase ("fire from Taliban fighters"), not a place ("rockets from Gaza")."""
        return [c for p in verb.children if p.dep_ == "prep" and p.lower_ == "from" for c in self.parties_in(p)]

    def parties_in(self, prep: Token) -> list[Token]:
        """The objects of a preposition that name people or a group, not a place."""
        return [c for c in prep.children if c.dep_ == "pobj" and c.ent_type_ not in PLACE_ENTS and self.participant_noun(c)]

    def participant_noun(self, token: Token) -> bool:
        """Does a noun name people or a group that could kill ("the militants who")? Things and places do not."""
        return token.ent_type_ in PARTY_ENTS or token.lemma_.lower() in self.lex.agents or heads_a_party(token.text)

    def participant(self, token: Token) -> bool:
        """Can this noun be an actor or recipient? Not a date, a number or a weapon."""
        if token.ent_type_ in NON_ACTOR_ENTS or token.like_num:
            return False
        prep = token.head
        if token.dep_ == "pobj" and prep.i > 0 and prep.doc[prep.i - 1].lower_ in ("according", "due", "thanks", "owing"):
            return False  # "according to initial reports": a source or a cause, not a party
        lemma = token.lemma_.lower()
        weapon = lemma in self.lex.instruments and not lemma.endswith("man")  # a gunman tells the weapon, yet is a person
        return not weapon and lemma not in self.lex.non_actors

    def objects(self, verb: Token, passive_subject: bool = True) -> list[Token]:
        objs = [c for c in verb.children if c.dep_ in ("dobj", "dative") or (passive_subject and c.dep_ == "nsubjpass")]
        # "offered to the US a regiment": a prepositional dative stands for its object
        objs = [next((g for g in c.children if g.dep_ == "pobj"), c) if c.dep_ == "dative" and c.pos_ == "ADP" else c
                for c in objs]
        objs.sort(key=lambda c: c.dep_ != "pobj")  # the party the act goes to before the thing given
        if verb.dep_ == "relcl":  # "the cleric, whom the president accuses of ...": the relative is the noun
            objs = [verb.head if c.lower_ in RELATIVE_PRONOUNS and c.dep_ == "dobj" else c for c in objs]
        objs = unsplit(objs)
        if verb.dep_ == "amod" and verb.head.pos_ == "NOUN":  # "the Houthis fired missiles" misparsed as "fired missiles"
            objs.append(verb.head)
        # "established ties with Seychelles": the object that names the act is not its recipient
        paired = [c for c in objs if f"{verb.lemma_.lower()} {c.lemma_.lower()}" in self.lex.verb_objects]
        objs = [c for c in objs if c not in paired]
        weapons = paired + [w for c in objs if not self.participant(c) for w in [c, *c.conjuncts]]
        objs = [c for c in objs if self.participant(c)]
        if not objs:
            # "fired mortars and small arms at the positions": the target may hang from the weapons
            shared = [c for c in verb.children if c.dep_ == "conj" and not any(g.dep_.startswith("nsubj") for g in c.children)]
            idiom = [c for c in verb.children if c.lower_ in SIDE_BY_SIDE]  # "stood shoulder to shoulder with X"
            for prep in [*verb.children, *(p for w in weapons + shared + idiom for p in w.children)]:
                if prep.dep_ == "prep" and prep.lower_ in RECIPIENT_PREPS and (prep.head != verb or prep.i > verb.i):
                    # a phrase put before the verb sets the scene ("On the stump, X complained ..."), it is no target
                    objs += [c for c in prep.children if c.dep_ == "pobj" and self.participant(c)]
                    if objs:
                        break
        if not objs:
            # "called for the United States to step up its efforts": the one asked is the subject of the for-clause
            objs = [g for c in verb.children if c.dep_ in ("advcl", "ccomp", "xcomp") and
                    any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children)
                    for g in c.children if g.dep_ == "nsubj" and self.participant(g)][:1]
        if not objs and passive_subject and any(c.dep_ == "auxpass" for c in verb.children):
            # "fled before being shot dead by police": a subjectless passive befalls the clause's subject
            clause = verb.head.head if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" else verb.head
            if verb.dep_ in ("pcomp", "advcl", "conj") and clause != verb and clause.pos_ in ("VERB", "AUX"):
                objs = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") and self.participant(c)]
                if clause.lemma_.lower() in SAYING_VERBS:
                    # "... as the driver fired on the crowd, officials said, before being shot": hung on the verb
                    # of saying, the passive befalls the last doer told before it, not the ones who speak
                    told = [c for c in verb.sent if c.i < verb.i and c.dep_ == "nsubj" and c.head != clause and
                            c.head.lemma_.lower() not in SAYING_VERBS and self.participant(c)]
                    objs = told[-1:]
        if not objs and verb.dep_ == "acl" and verb.tag_ == "VBN" and self.participant_noun(verb.head) and \
                any(c.dep_ == "agent" for c in verb.children):
            objs = [verb.head]  # "rebels supplied by the CIA": the noun a passive participle describes is acted on
        if not objs and verb.dep_ in ("xcomp", "advcl") and verb.head.pos_ == "VERB" and \
                not any(c.dep_ == "nsubj" for c in verb.children):
            # "summoned the ambassador to complain": the purpose clause is aimed at the main verb's object
            # ("released a statement condemning ...": a thing released is no one the purpose is aimed at)
            objs = [c for c in verb.head.children if c.dep_ == "dobj" and self.participant(c) and
                    not document_noun(c.lemma_)]
        return with_conjuncts(objs[:1])

    def noun_arguments(self, noun: Token) -> tuple[list[Token], list[Token]]:
        actors = [c for c in noun.children if c.dep_ == "poss"]
        recipients = []
        if noun.lemma_.lower() in self.lex.of_nouns:  # "the tanker's release": the possessor is released
            recipients, actors = actors, []
        kind = self.noun_type(noun)
        for prep in noun.children:
            # "clashes between A and B", "cooperation between A and B": both sides act
            if prep.dep_ == "prep" and (prep.lower_ == "by" or (prep.lower_ in ("between", "among") and kind in MUTUAL) or
                                        (prep.lower_ == "from" and kind in FROM_SOURCE)):
                # "criticism from the UN": the UN acts
                actors += [c for c in prep.children if c.dep_ == "pobj"]
            elif prep.dep_ == "prep" and prep.lower_ == "from" and kind == "ASSAULT":
                # "fire from Taliban fighters" is theirs; "rockets from Gaza" only says where they came from
                actors += self.parties_in(prep)
            elif prep.dep_ == "prep" and (prep.lower_ in RECIPIENT_PREPS or prep.lower_ == "between"):
                recipients += [c for c in prep.children if c.dep_ == "pobj"]
        if not actors:
            # "an American air strike", "the ISIL attack": a national or a group name before the act makes it
            actors = [c for c in noun.children if c.dep_ in ("amod", "compound") and
                      (c.ent_type_ in ("NORP", "GPE", "ORG") or (c.pos_ == "PROPN" and c.ent_type_ in ("", "PERSON")) or
                       # "a police shootout", "a coalition raid": a party noun before the act
                       (c.dep_ == "compound" and c.pos_ == "NOUN" and self.participant_noun(c) and
                        c.lemma_.lower() not in self.lex.agents))]
        return actors, recipients

    def done_in(self, verb: Token) -> list[Token]:
        """'Two militants were killed in an Israeli air strike', 'died in a police shootout': a passive act without
        its doer, told as part of a named act of force, is that act's doer's."""
        if not any(c.dep_ == "auxpass" for c in verb.children) and verb.lemma_.lower() != "die":
            return []
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "during", "by")):
            for noun in (g for g in prep.children if g.dep_ == "pobj"):
                if noun.pos_ == "NOUN" and (hit := self.noun_sense(noun)) and hit[0].event_type == "ASSAULT":
                    return self.noun_arguments(noun)[0]
        return []

    def arguments(self, trig: Trigger) -> tuple[list[Token], list[Token]]:
        token, verb = trig.token, trig.governor
        if token.lemma_.lower() in self.lex.agents and self.subject_of(token) == verb:
            # "protesters gathered", "hundreds of anti-war protesters marched": the agent noun acts, and so do
            # the agents beside it ("protesters and rioters"), not any other noun ("protesters and supporters")
            doers = [t for t in with_conjuncts([token]) if t.lemma_.lower() in self.lex.agents]
            return doers, [c for c in self.objects(verb, passive_subject=False) if c != token]
        if trig.demand is not None:  # "Russia says Israel must end attacks": Russia asks it of Israel
            # "ISIS must be defeated": a passive demand is made of whoever is to act ("by X"), not of its object
            passive = any(c.dep_ == "auxpass" for c in verb.children)
            return self.subjects(trig.demand), self.subjects(verb) or ([] if passive else self.objects(verb))
        if token.pos_ in ("VERB", "AUX"):
            actors = [a for s in self.subjects(verb) for a in self.act_subject(s)] or self.done_in(verb)
            if self.projectile_landed(verb):
                actors = self.firing_from(verb)  # "rockets fell near the airport": the rockets are fired, not who fired
            if trig.sense.event_type in ("ASSAULT", "COERCE") and verb.dep_ == "acl" and verb.tag_ == "VBG" and \
                    self.participant_noun(verb.head) and verb.lemma_.lower() not in self.lex.two_sided:
                # "to target fighters firing on the troops": the ones firing are the fighters ("rebels fighting
                # IS" only says whom the rebels are)
                actors = [verb.head]
            # "an American air strike killed 12": the subject names the attacker through its modifier
            objects = [self.patient(t) for t in self.objects(verb)]
            if not objects and trig.sense.event_type == "ACCUSE":
                # 'condemning "what appears to be a terrorist attack"': the act the clause names is condemned
                objects = [t for c in verb.children if c.dep_ == "ccomp" and any(w.lower_ == "what" for w in c.children)
                           for t in c.subtree if t.pos_ == "NOUN" and self.noun_type(t) == "ASSAULT"][:1]
            if not objects and trig.sense.event_type == "ACCUSE" and trig.sense.mode == "allege":
                # "complained that the administration had failed", "charged that the army shelled the town": the
                # one the claim is about is accused
                objects = self.told_of(verb, ("ccomp",))[:1]
            if not objects and (xcomp := next((c for c in verb.children if c.dep_ == "xcomp"), None)) is not None:
                # "refused to answer a request from MPs", "threatened to strike the capital": the act's object
                objects = [self.patient(t) for t in self.objects(xcomp)]
            if verb.lemma_.lower() in self.lex.clearing and (out := self.driven_out(verb)):
                return actors, out[:1]  # "cleared the village of militants": the militants are driven out
            thing = len(objects) == 1 and not objects[0].ent_type_ and objects[0].pos_ == "NOUN"
            if thing and trig.sense.event_type in ("ASSAULT", "COERCE") and not self.participant_noun(objects[0]) and \
                    (held_by := self.firing_from(verb)):
                return actors, held_by[:1]  # "recaptured the town from IS militants", "seized weapons from the gang"
            if len(objects) == 1 and (objects[0].lemma_.lower() in self.lex.reversible or self.noun_sense(objects[0]) or
                                      (thing and self.named_to(verb))):
                # "suspended military aid to Indonesia": the thing cut is not the party it was meant for
                to = [c for p in verb.children if p.dep_ == "prep" and p.lower_ in ("to", "from", "for")
                      for c in p.children if c.dep_ == "pobj" and self.participant(c)]
                objects = to[:1] or objects
            return actors, objects
        noun = trig.anchor or token
        actors, recipients = self.noun_arguments(noun)
        if not actors and noun.dep_ == "nsubj" and self.noun_type(noun) in MUTUAL:
            # "clashes took place between A and B", "fighting erupted between ...": the sides hang on the verb
            actors = [c for p in noun.head.children if p.dep_ == "prep" and p.lower_ in ("between", "among")
                      for c in p.children if c.dep_ == "pobj"]
        if noun.dep_ == "pobj" and noun.head.lower_ == "under" and noun.head.head.pos_ in ("VERB", "AUX"):
            # "troops came under fire from X": the subject of "came under" is the one fired on
            verb = noun.head.head
            return with_conjuncts(actors or self.firing_from(verb)), with_conjuncts(self.subjects(verb))
        if verb != noun and not actors and self.noun_type(noun) == "ASSAULT" and (firing := self.firing_from(verb)):
            # "took heavy fire from militants", however the parser hangs "from": the fire is theirs, the subject's
            # side is fired on
            return with_conjuncts(firing), with_conjuncts(self.subjects(verb))
        if verb != noun and verb.lemma_.lower() in RECEIVING:
            # "the coalition received support from the US military": the giver is in "from", the subject gets it
            givers = [c for p in [*verb.children, *noun.children] if p.dep_ == "prep" and p.lower_ == "from"
                      for c in p.children if c.dep_ == "pobj"]
            return with_conjuncts(givers), with_conjuncts(self.subjects(verb))
        if not recipients:  # "gave Canada a deadline"
            recipients = [c for c in verb.children if c.dep_ == "dative"]
        if verb != noun:
            if not actors or all(a.pos_ == "PRON" for a in actors):  # "completed its withdrawal": the subject's
                actors = self.subjects(verb) or actors
            if not recipients:
                recipients = [c for p in verb.children if p.dep_ == "prep" and p.lower_ in RECIPIENT_PREPS
                              for c in p.children if c.dep_ == "pobj" and self.participant(c)][:1]
        elif not actors and (carrier := self.carrying_verb(noun)) is not None:
            actors = self.subjects(carrier)
        elif not actors and noun.dep_ == "pobj" and noun.head.lower_ in ("in", "during", "at") and \
                self.noun_type(noun) == "CONSULT" and noun.head.head.pos_ in ("VERB", "AUX"):
            actors = self.subjects(noun.head.head)  # "X raised the issue in a call with Y": X talked with Y
        recipients = [self.patient(r) for r in recipients if self.participant(r)]
        return with_conjuncts(actors), with_conjuncts(recipients)

    def act_subject(self, token: Token) -> list[Token]:
        """The actor behind a subject that names an act: "a car bombing by IS killed ..." is IS's; "one strike
        engaged a unit" (a counted strike in a strike report) has no named maker; "a suicide attack killed
        eight" keeps the attack as the only agent the sentence gives."""
        token = counted(token)
        # a subject is a noun, whatever the tagger said ("a series of airstrikes" tagged as a verb)
        hit = self.noun_sense(token) if token.pos_ == "NOUN" or token.dep_ in ("pobj", "nsubj") else None
        if hit is None or hit[0].event_type != "ASSAULT":
            return [token]
        makers = self.noun_arguments(token)[0]
        if makers:
            return makers
        return [] if any(c.dep_ == "nummod" for c in token.children) else [token]

    @staticmethod
    def named_to(verb: Token) -> bool:
        """'offered to the US an armored regiment', 'sent tents to Mozambique': a named party in the "to" phrase."""
        return any(p.dep_ in ("prep", "dative") and p.lower_ == "to" and c.dep_ == "pobj" and c.ent_type_ in PARTY_ENTS
                   for p in verb.children for c in p.children)

    def carrying_verb(self, noun: Token) -> Token | None:
        """'announced a sixfold increase in funding': the verb whose direct object holds an event noun lends
        it its subject. Only through the object's own phrase, not an adjunct ("in case of fighting",
        "because of assaults"), and not a verb of seeing or saying: a reporter is not the actor."""
        node = noun
        for _ in range(4):
            if node.dep_ == "dobj" and node.head.pos_ in ("VERB", "AUX"):
                lemma = node.head.lemma_.lower()
                judged = (sense := self.lex.verbs.get(lemma)) is not None and sense.event_type in JUDGING
                # "the US condemned the attack": who condemns an act did not make it
                return None if lemma in self.lex.observing or lemma in SAYING_VERBS or judged else node.head
            # "took part in peacekeeping", "responsible for mass killings": the subject does the act
            if node.dep_ == "pobj" and node.head.dep_ == "prep" and \
                    f"{node.head.head.lemma_.lower()} {node.head.lower_}" in self.lex.taking_part:
                carrier = node.head.head
                while carrier.dep_ in ("acomp", "dobj") and carrier.head != carrier:  # "is responsible", "took part"
                    carrier = carrier.head
                return carrier if carrier.pos_ in ("VERB", "AUX") else None
            if node.dep_ == "pobj" and node.head.dep_ == "prep" and node.head.head.pos_ in ("NOUN", "PROPN"):
                node = node.head.head
            elif node.dep_ in ("compound", "conj", "appos") and node.head.pos_ in ("NOUN", "PROPN"):
                node = node.head
            else:
                return None
        return None

    def patient(self, token: Token) -> Token:
        """'the release of the hostages', 'the death of a migrant': the one the act befalls is in 'of'."""
        if token.lemma_.lower() in ENDING_NOUNS and (doer := self.doer_of_ended(token)) is not None:
            return doer
        if token.lemma_.lower() in CLAIM_NOUNS:
            # "rejected the notion that Democrats could pull away": the claim is about the subject of its clause
            if told := self.told_of(token, ("acl", "ccomp")):
                return told[0]
        event_noun = self.noun_sense(token) is not None
        if token.lemma_.lower() in self.lex.of_nouns or event_noun:
            # "condemned the killing of civilians by soldiers", "fought off counterattacks by the army": the maker
            by = [p for p in token.children if p.dep_ == "prep" and p.lower_ == "by"]
            if not by and token.dep_ == "dobj" and token.right_edge.i + 1 < len(token.doc):
                # the parser often hangs the noun's "by" phrase on the verb: "fought off [counterattacks] [by the army]"
                after = token.doc[token.right_edge.i + 1]
                by = [after] if after.lower_ == "by" and after.head.i == token.head.i and after.dep_ == "prep" else []
            makers = [g for p in by for g in p.children if g.dep_ == "pobj" and self.participant(g)]
            if event_noun and makers:
                return makers[0]
            for prep in token.children:
                # "rejected a request from Brown": the one who asked is the one rejected
                # "suspended aid to Indonesia", "cancelled a visit to Britain": the act goes to the "to" phrase
                if prep.dep_ == "prep" and (prep.lower_ == "of" or (event_noun and prep.lower_ in ("from", "to"))):
                    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                    if pobj is not None and self.participant(pobj):
                        return pobj
            # "the threats made by the United States": the maker of the act condemned
            makers = [g for acl in token.children if acl.dep_ == "acl" for a in acl.children if a.dep_ == "agent"
                      for g in a.children if g.dep_ == "pobj" and self.participant(g)]
            if event_noun and makers:
                return makers[0]
        return token

    def told_of(self, word: Token, clauses: tuple[str, ...]) -> list[Token]:
        """The parties that are the subjects of the clauses a word governs ("complained that [the army] ...", "the
        notion that [Democrats] could ...")."""
        return [g for c in word.children if c.dep_ in clauses for g in c.children
                if g.dep_ in ("nsubj", "nsubjpass") and self.participant_noun(g)]

    def doer_of_ended(self, end: Token) -> Token | None:
        """'called for an end to the regime's attacks', 'demanded a halt to Israeli strikes': the act to be ended is
        the one asked of, or told to, whoever does it."""
        for act in (g for p in end.children if p.dep_ == "prep" and p.lower_ in ("to", "of") for g in p.children
                    if g.dep_ == "pobj" and self.noun_sense(g) is not None):
            doers = [d for d in self.noun_arguments(act)[0] if self.participant(d)]
            if doers:
                return doers[0]
        return None


def antecedent(pronoun: Token) -> Token:
    """'Clinton said he will not lift the embargo': a pronoun subject of reported speech is the speaker."""
    verb = pronoun.head
    for _ in range(3):
        if verb.dep_ not in ("ccomp", "xcomp", "conj", "advcl") or verb.head == verb:
            break
        verb = verb.head
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.pos_ != "PRON":
            # "the minister said it had killed dozens": "it" is a body or a group, never the person who speaks
            if pronoun.lower_ == "it" and (subject.ent_type_ == "PERSON" or subject.lemma_.lower() in person_nouns()):
                return pronoun
            return subject
    return pronoun


# nouns that count or gather what their "of" phrase names: "hundreds of protesters", "a series of air strikes"
COUNTING_NOUNS = {"hundred", "hundreds", "thousand", "thousands", "dozen", "dozens", "million", "millions", "score",
                  "scores", "number", "series", "wave", "string", "spate", "barrage", "volley", "couple", "handful",
                  "crowd", "group", "band", "gang", "mob"}


# unnamed groups told by who leads them: "a group led by X", "a delegation led by the foreign minister"
LED_GROUPS = {"group", "delegation", "team", "coalition", "bloc", "faction", "caucus", "contingent"}


def counted(token: Token) -> Token:
    """'Hundreds of protesters gathered': the protesters are the subject, not their number; "a small group led by
    Senator Hale": the one who leads it."""
    if token.lemma_.lower() in LED_GROUPS and token.ent_type_ == "" and \
            not any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children):  # "a group of students led by" acts
        leader = next((g for acl in token.children if acl.dep_ == "acl" and acl.lower_ == "led" for a in acl.children
                       if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"), None)
        if leader is not None and leader.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
            return leader
    if token.lemma_.lower() in COUNTING_NOUNS or token.lower_ in COUNTING_NOUNS or token.like_num:
        inner = next((g for p in token.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children
                      if g.dep_ == "pobj"), None)
        if inner is not None:
            return inner
    return token


def with_conjuncts(tokens: list[Token]) -> list[Token]:
    out = []
    for t in tokens:
        out.append(t)
        out += [c for c in t.conjuncts if c.i > t.i]
    return out


# nouns for the people of a group: "members of the Hamza Division" are the division acting
MEMBER_NOUNS = {"member", "fighter", "militant", "militiaman", "element", "cadre", "unit", "loyalist"}


def ref_for(doc: Doc, mentions: list[Mention], token: Token) -> ActorRef | None:
    if token.lemma_.lower() in MEMBER_NOUNS:
        group = [mention_at(mentions, g.i, doc) for p in token.children if p.dep_ == "prep" and p.lower_ == "of"
                 for g in p.children if g.dep_ == "pobj"]
        if group and group[0] is not None and group[0].ref.id and group[0].kind != "person":
            phrase = doc[token.left_edge.i:token.right_edge.i + 1]
            return replace(group[0].ref, text=phrase.text if len(phrase) <= 8 else token.text)
    mention = mention_at(mentions, token.i, doc)
    if mention is not None:
        return mention.ref
    if token.pos_ in ("NOUN", "PROPN"):  # an unresolved noun phrase is still the argument
        chunk = doc[token.left_edge.i:token.i + 1]
        of = next((p for p in token.children if p.dep_ == "prep" and p.lower_ == "of"), None)
        if of is not None and (token.lemma_.lower() in KIN_NOUNS or (token.lemma_.lower() in TOWN_NOUNS and any(
                g.dep_ == "pobj" and (g.ent_type_ == "GPE" or g.pos_ == "PROPN") for g in of.children))):
            # "the families of the victims": kin are named by whose kin they are; "the city of Nice" acting (urging,
            # announcing) is its town hall, named by the town
            chunk = doc[token.left_edge.i:of.right_edge.i + 1]
        short = sum(not t.is_punct for t in chunk) <= 6  # "a 15-year-old girl" is four words and two hyphens
        text = chunk.text if short else token.text
        if token.pos_ == "NOUN" and (owner := owner_of(doc, mentions, token)) is not None:
            return replace(owner, text=text)  # "ISIL targets": the words stay, the party is their owner
        return ActorRef(text=text, name=uncounted(chunk) if short else text)
    return None



def unsplit(heads: list[Token]) -> list[Token]:
    """Subjects or objects without the word the parser split off the personal name right after it: a title
    ("presidential frontrunner Hillary Clinton is calling") or a place ("dismissed Wisconsin Gov. Scott Walker")."""
    return [c for c in heads if not any(o.left_edge.i == c.i + 1 and o.ent_type_ == "PERSON" for o in heads)]


# words that count or quantify a group, never part of its name: "at least 35 more", "nearly 300 of", "some"
QUANTIFYING = {"at", "least", "most", "more", "than", "about", "around", "nearly", "almost", "over", "up", "to", "some",
               "several", "many", "dozens", "hundreds", "thousands", "scores", "of", "another", "other", "a", "an", "the"}


def uncounted(chunk) -> str:
    """A group's name without its count: "at least 35 more innocent civilians" -> "innocent civilians"."""
    words = list(chunk)
    while len(words) > 1 and (words[0].like_num or words[0].lower_ in QUANTIFYING):
        words = words[1:]
    return chunk.doc[words[0].i:chunk.end].text


def opposed_by(doc: Doc, mentions: list[Mention], actor: Token) -> ActorRef | None:
    """'anti-Sanders protesters' protest against Sanders: the party after "anti-", as the article names it."""
    words = doc[actor.left_edge.i:actor.i]
    for k, tok in enumerate(words[:-2]):
        if tok.lower_ == "anti" and words[k + 1].text == "-" and words[k + 2].text[:1].isupper():
            target = doc[words[k + 2].i:actor.i]
            named = [m for m in mentions if m.ref.id and (m.ref.text == target.text or
                                                          m.ref.name.split()[-1:] == [target.text])]
            return replace(named[0].ref, text=target.text) if named else ActorRef(text=target.text, name=target.text)
    return None


# actors that own or hold a thing: "ISIL targets", "an ISIL-held building", "the regime's airbase"
OWNER_KINDS = {"armed_group", "military", "government", "party", "igo"}


def owner_of(doc: Doc, mentions: list[Mention], noun: Token) -> ActorRef | None:
    """The group named in the modifiers of a thing acted on: a strike on 'ISIL positions' hits ISIL."""
    for tok in doc[noun.left_edge.i:noun.i]:
        if tok.dep_ in ("compound", "amod", "poss", "nmod", "npadvmod") or tok.head.dep_ in ("compound", "amod", "poss"):
            mention = mention_at(mentions, tok.i, doc)
            if mention is not None and mention.kind in OWNER_KINDS and mention.ref.id:
                return mention.ref
    return None

"""Triggers: the words that name an act, found in the dependency parse with the trigger lexicon.

A verb in the lexicon ("shelled"), a verb with its object ("opened fire"), an agent noun that names the act
("protesters gathered") or an event noun ("an air strike", "sanctions"), with the verb whose clause carries it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..actors.parties import heads_a_party
from .lexicon import Lexicon, TriggerSense, load_lexicon

SCORE = re.compile(r"\b\d{1,2}-\d{1,2}\b")  # a match result
# verbs of saying whose "must" clause is a demand on the clause's subject
DEMAND_FRAMES = {"say", "insist", "stress", "tell", "declare", "state", "argue", "add", "warn"}
NOT_AN_ACT = "NONE"  # lexicon entries that block a reading ("news conference", "hit a record")


@dataclass
class Trigger:
    token: Token  # the head word of the trigger
    sense: TriggerSense
    governor: Token  # the verb whose clause carries the event (the trigger itself for verbs)
    text_end: int  # character end of the trigger words (two-word nouns)
    demand: Token | None = None  # "X says Y must stop": the verb of saying whose subject demands the act
    anchor: Token | None = None  # the noun whose phrase holds a nominal trigger's arguments


SIDE_BY_SIDE = {"shoulder", "side"}
# verbs of blowing up, whose subject may be an accident's thing rather than an attacker's bomb
EXPLODING = {"explode", "blow", "burst"}


class TriggerFinder:
    """Finds the triggers of a sentence; subclasses add arguments and coding."""

    def __init__(self, lexicon: Lexicon | None = None):
        self.lex = lexicon or load_lexicon()

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
        for prep in token.children:  # "a call with Lavrov" is a conversation, "a call for calm" a demand
            if prep.dep_ == "prep" and (sense := self.lex.nouns.get(f"{lemma} {prep.lower_}")):
                return sense, token.idx + len(token.text)
        if lemma in self.lex.nouns:
            return self.lex.nouns[lemma], token.idx + len(token.text)
        for prep in token.children:  # "an exchange of fire": the phrase names the act, not its head noun
            if prep.dep_ == "prep" and prep.lower_ == "of":
                obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if obj is not None and (sense := self.lex.nouns.get(f"{lemma} of {obj.lemma_.lower()}")):
                    return sense, obj.idx + len(obj.text)
        if token.dep_ == "pobj" and (sense := self.lex.prep_nouns.get(f"{token.head.lower_} {lemma}")):
            return sense, token.idx + len(token.text)  # "came under fire": the phrase is the act, the noun alone is not
        return None

    def triggers(self, sentence: Span) -> list[Trigger]:
        found = []
        consumed: set[int] = set()  # objects whose sense a verb + object pair already took ("provided support")
        for token in sentence:
            if token.i in consumed:
                continue
            if token.ent_type_ in ("DATE", "TIME") and token.is_title:
                continue  # "on 5 March 2024", "a March 8 rally": a month's name, not a march
            if token.pos_ == "VERB" and (pair := self.verb_object(token)):
                consumed.update(c.i for c in token.children if c.dep_ == "dobj")
                if pair.event_type != NOT_AN_ACT:  # "hit a record high", "strike a balance": idioms, not acts
                    found.append(Trigger(token, pair, token, token.idx + len(token.text)))
            elif token.pos_ == "VERB" and token.lemma_.lower() in self.lex.clearing and self.driven_out(token):
                # "cleared half the district of rebel fighters", "rid the area of militants"
                found.append(Trigger(token, TriggerSense("ASSAULT"), token, token.idx + len(token.text)))
            elif token.pos_ == "VERB" and (weapon := self.weapon_verb(token)):
                # "was pepper-sprayed", "tear-gassed the crowd": the weapon's name made a verb is its use
                found.append(Trigger(token, TriggerSense("ASSAULT", weapon), token, token.idx + len(token.text)))
            elif token.pos_ == "VERB" and self.projectile_landed(token):
                # "two rockets fell near the airport", "a missile was launched": fire with no attacker named
                found.append(Trigger(token, TriggerSense("ASSAULT"), token, token.idx + len(token.text)))
            elif token.tag_ == "VBG" and token.lemma_.lower() in self.lex.crowd_claims and self.verbless(sentence):
                # "employees of the hospital in front of its building demanding salaries": a note that names the
                # crowd and its claim, with no finite verb, tells a protest
                found.append(Trigger(token, TriggerSense("PROTEST", "demo"), token, token.idx + len(token.text)))
            elif token.pos_ in ("VERB", "AUX") and self.verb_lemma(token) in self.lex.verbs:
                if token.dep_ in ("amod", "compound", "acomp") and not any(c.dep_ == "nsubj" for c in token.children):
                    continue  # "Iran-backed militias": an attribute, not an act (with a subject of its own it is one)
                if token.lemma_.lower() in self.lex.transitive_only and \
                        not any(c.dep_ in ("dobj", "nsubjpass") for c in token.children):
                    continue  # "returned to Paris" is travel; "returned the bodies", "sanctions were lifted" are acts
                if any(c.dep_ == "xcomp" and c.lemma_.lower() in self.lex.no_comment and not any(
                        g.dep_ in ("dobj", "dative") or (g.dep_ == "prep" and g.lower_ not in ("on", "about"))
                        for g in c.children) for c in token.children):
                    continue  # "declined to comment": no act towards anyone ("refused to answer the MPs" is one)
                if token.lemma_.lower() in self.lex.light_verbs and self.nominal_object(token):
                    continue  # "launched an attack": the noun names the event
                sense = self.lex.verbs[self.verb_lemma(token)]
                if sense.event_type == "THREATEN" and self.risk_warning(token):
                    continue
                if sense.event_type == "ASSAULT" and self.disaster(token):
                    continue  # "floods killed 40 people", "a gas tank exploded": a disaster, not an assault
                if any(c.dep_ == "nsubj" and c.lemma_.lower() in self.lex.recorders for c in token.children):
                    continue  # "a photographer captured the wounded", "cameras caught the gunman": filmed, not seized
                if sense.event_type == "ASSAULT" and SCORE.search(sentence.text) and \
                        token.lemma_.lower() in self.lex.sports_verbs:
                    continue  # "Real Madrid beat Bayern Munich 2-1"
                rioters = [c for c in token.children if c.dep_ == "nsubj" and c.lemma_.lower() in self.lex.agents]
                if sense.event_type == "ASSAULT" and rioters and (sense.mode in ("destroy", "primitive") or
                                                                  self.lex.agents[rioters[0].lemma_.lower()].mode == "riot"):
                    # "rioters looted shops", "protesters burned cars": the riot is the act
                    sense = TriggerSense("PROTEST", "riot", sense.context)
                if sense.event_type == "ASSAULT" and self.measure_aimed(token):
                    sense = TriggerSense("SANCTION", None, sense.context)  # "new sanctions targeting ten officials"
                found.append(Trigger(token, sense, token, token.idx + len(token.text)))
            elif self.demanded_clause(token):
                # "the EU says the intervention must be avoided": saying what someone must do is a demand
                found.append(Trigger(token, TriggerSense("REQUEST"), token, token.idx + len(token.text)))
            elif token.lemma_.lower() in self.lex.agents and (head := self.subject_of(token)) is not None and \
                    head.pos_ in ("VERB", "AUX") and head.lemma_.lower() not in self.lex.verbs and \
                    not any(c.dep_ == "auxpass" for c in head.children):  # "a protester was punched": acted upon
                # the act of "protesters gathered", "hundreds of protesters gathered" is the protest they form
                found.append(Trigger(token, self.lex.agents[token.lemma_.lower()], head, head.idx + len(head.text)))
            elif token.pos_ in ("NOUN", "PROPN") and (hit := self.noun_sense(token)):
                sense, end = hit
                if sense.event_type == NOT_AN_ACT:  # "told a news conference": a venue, not talks
                    continue
                if token.dep_ == "pobj" and (alt := self.lex.prep_nouns.get(f"{token.head.lower_} {token.lemma_.lower()}")) \
                        and not any(c.dep_ == "compound" and f"{c.lemma_.lower()} {token.lemma_.lower()}" in self.lex.nouns
                                    for c in token.children):  # "went on a hunger strike" keeps its own sense
                    sense = alt  # "went on strike" is a labour strike, not an air strike
                # "a mediation effort": the phrase's head noun carries the arguments
                anchor = token.head if token.dep_ == "compound" and token.head.pos_ == "NOUN" and \
                    not self.noun_sense(token.head) else token
                if anchor != token and anchor.lemma_.lower() in self.lex.not_act_heads:
                    continue  # "strike assessments", "attack helicopters": the act only names a kind of thing
                base = anchor  # "will provide a grant and a loan": the loan is provided the way the grant is
                while base.dep_ == "conj" and base.head.pos_ in ("NOUN", "PROPN") and base.head != base:
                    base = base.head
                governor = base.head if base.dep_ in ("dobj", "nsubjpass") and base.head.pos_ == "VERB" else anchor
                if governor.lemma_.lower() in self.lex.observing:
                    governor = anchor  # "monitors recorded 40 shots": the observer did not fire them
                if anchor.dep_ == "pobj" and anchor.head.lower_ == "on" and anchor.head.head.pos_ == "VERB":
                    governor = anchor.head.head  # "went on strike", "remained on alert"
                if governor != anchor and governor.lemma_.lower() in self.lex.verbs and \
                        governor.lemma_.lower() not in self.lex.light_verbs:
                    continue  # "condemned the attack": the verb is the event
                if anchor.dep_ == "nsubj" and anchor.head.lemma_.lower() in self.lex.verbs:
                    continue  # "an air strike killed 12": coded at the verb, with the noun as actor
                found.append(Trigger(token, sense, governor, end, anchor=anchor))
        return found

    def driven_out(self, verb: Token) -> list[Token]:
        """The party a clearing verb drives out: the people or group in its "of"/"from" phrase, hung on the verb or
        on its object ("cleared the village of militants")."""
        holders = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
        holders += [g for h in holders[1:] for p in h.children if p.dep_ == "prep" and p.lower_ == "of"
                    for g in p.children if g.dep_ == "pobj"]  # "20 percent of the city of the enemy"
        return [g for h in holders for p in h.children if p.dep_ == "prep" and p.lower_ in ("of", "from")
                for g in p.children if g.dep_ == "pobj" and g.ent_type_ not in ("GPE", "LOC", "FAC") and
                (g.ent_type_ in ("ORG", "NORP") or g.lemma_.lower() in self.lex.agents or heads_a_party(g.text))]

    def disaster(self, verb: Token) -> bool:
        """Is the doer a hazard ("floods killed", "an earthquake struck the island, killing ...") or a thing that blew
        up by accident ("a gas cylinder exploded, killing three", "were hurt when a furnace exploded")?"""
        clauses = [verb]
        if verb.dep_ in ("advcl", "conj", "xcomp") and not any(c.dep_ == "nsubj" for c in verb.children):
            clauses.append(verb.head)  # a participle shares its clause's doer
        clauses += [c for c in verb.children if c.dep_ == "advcl" and c.lemma_.lower() in EXPLODING]
        for clause in clauses:
            blasts = self.lex.accidental_blasts if clause.lemma_.lower() in EXPLODING else frozenset()
            for subject in (c for c in clause.children if c.dep_ == "nsubj"):
                words = {subject.lemma_.lower()} | {c.lemma_.lower() for c in subject.children if c.dep_ == "compound"}
                if subject.lemma_.lower() in self.lex.hazards or words & blasts:
                    return True
        return False

    def projectile_landed(self, verb: Token) -> bool:
        """Is the verb's subject a fired projectile ("rockets fell", "mortar shells landed", "a missile was launched")?"""
        return verb.lemma_.lower() in self.lex.landing_verbs and any(
            c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in self.lex.projectiles for c in verb.children)

    @staticmethod
    def verbless(sentence: Span) -> bool:
        """A sentence with no finite verb (a note's bare noun phrase and participle)."""
        return not any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in sentence)

    def measure_aimed(self, verb: Token) -> bool:
        """Is what "targets" or "hits" a measure, not a weapon ("sanctions targeting ten officials", "the new tariffs
        hit Chinese steel")? Its doer is the measure noun: the subject, or the noun a participle hangs on."""
        doers = [c for c in verb.children if c.dep_ == "nsubj"]
        if not doers and verb.dep_ in ("acl", "advcl") and verb.head.pos_ == "NOUN":
            doers = [verb.head]
        if not doers and verb.dep_ == "advcl":
            doers = [g for c in verb.head.children if c.dep_ == "dobj" for g in (c, *c.conjuncts)]
        return any(d.lemma_.lower() in self.lex.measures for d in doers)

    def weapon_verb(self, verb: Token) -> str | None:
        """The mode of a verb made of a hyphenated weapon name ("pepper-sprayed", "tear-gassed"), or None."""
        doc = verb.doc
        if verb.i < 2 or doc[verb.i - 1].text != "-":
            return None
        return self.lex.instruments.get(f"{doc[verb.i - 2].lower_} {verb.lemma_.lower()}")

    @staticmethod
    def subject_of(token: Token) -> Token | None:
        """The verb a noun is the subject of, directly or as what a counted subject counts ("hundreds of protesters
        gathered", "a group of rioters stormed")."""
        if token.dep_ in ("nsubj", "nsubjpass"):
            return token.head
        if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.dep_ in ("nsubj", "nsubjpass"):
            return token.head.head.head
        return None

    @staticmethod
    def demanded_clause(verb: Token) -> bool:
        return verb.pos_ in ("VERB", "AUX") and verb.dep_ == "ccomp" and verb.head.lemma_.lower() in DEMAND_FRAMES and \
            any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("must", "should") for c in verb.children)

    @staticmethod
    def risk_warning(verb: Token) -> bool:
        """'experts warn that a drought could push millions into hunger': a risk foreseen, not a threat made;
        a threat names who would act ("warned that it could strike")."""
        for clause in (c for c in verb.children if c.dep_ == "ccomp"):
            subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            maybe = any(c.dep_ == "aux" and c.lower_ in ("could", "may", "might") for c in clause.children)
            if maybe and subject is not None and subject.pos_ == "NOUN" and not subject.ent_type_:
                return True
        return False

    def verb_lemma(self, token: Token) -> str:
        """The lexicon's key for a verb: its lemma, or its own form where the lemmatizer errs ("raped" -> "rap")."""
        lemma = token.lemma_.lower()
        return lemma if lemma in self.lex.verbs or token.lower_ not in self.lex.verbs else token.lower_

    def open_verbs(self, sentence: Span, found: list[Trigger]) -> list[Token]:
        """Main-clause verbs the lexicon has no sense for ("lambasted", "airlifted"): candidates the trained
        model may still read as an act. Verbs of saying and seeing only frame other acts."""
        taken = {t.governor.i for t in found} | {t.token.i for t in found}
        out = []
        for token in sentence:
            if token.pos_ != "VERB" or token.i in taken or token.lemma_.lower() in self.lex.observing or \
                    token.lemma_.lower() in self.lex.framing_only:
                continue
            if token.dep_ == "ROOT" or (token.dep_ in ("conj", "ccomp") and token.head.dep_ == "ROOT"):
                if any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
                    out.append(token)
        return out

    def verb_object(self, verb: Token) -> TriggerSense | None:
        lemma = verb.lemma_.lower()
        # "stand shoulder to shoulder with", "side by side with": the parser hangs "with" on the idiom's nouns
        beside = [p for c in verb.children if c.lower_ in SIDE_BY_SIDE for p in c.children if p.dep_ == "prep"]
        for c in [*verb.children, *beside]:
            if c.dep_ == "prep" and c.lower_ == "as" and (sense := self.lex.verb_objects.get(f"{lemma} as")) and \
                    any(o.dep_ == "dobj" and (o.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or heads_a_party(o.text))
                        for o in verb.children):
                return sense  # "dismissed the governor as a weak leader" judges a person ("the case as groundless" no)
            if c.dep_ == "prep" and (sense := self.lex.verb_objects.get(f"{lemma} {c.lower_}")) and \
                    any(g.dep_ == "pobj" and (g.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or heads_a_party(g.text))
                        for g in c.children):
                return sense  # "stood with Ukraine", "sided with the rebels" ("stood with their rifles" no)
            if c.dep_ in ("dobj", "prep", "acomp", "oprd", "ccomp", "xcomp", "prt", "nsubjpass", "advmod"):
                target = next((g for g in c.children if g.dep_ == "pobj"), c) if c.dep_ == "prep" else c
                if sense := self.lex.verb_objects.get(f"{lemma} {target.lemma_.lower()}"):
                    return sense
                if c.dep_ == "dobj" and target.lemma_.lower() in self.lex.counting_nouns:
                    # "established a number of barracks": the pair reads what the object counts
                    counted = [g for p in target.children if p.dep_ == "prep" and p.lower_ == "of"
                               for g in p.children if g.dep_ == "pobj"]
                    if counted and (sense := self.lex.verb_objects.get(f"{lemma} {counted[0].lemma_.lower()}")):
                        return sense
                # "gave 5 million euros", "called Lavrov": what kind of thing the object is decides
                kind = "MONEY" if target.lemma_.lower() in self.lex.currencies else target.ent_type_
                if c.dep_ == "dobj" and kind and (sense := self.lex.verb_objects.get(f"{lemma} @{kind.lower()}")):
                    return sense
        return None

    def nominal_object(self, verb: Token) -> bool:
        return any(c.dep_ in ("dobj", "nsubjpass") and self.noun_sense(c) for c in verb.children)

    def noun_type(self, noun: Token) -> str | None:
        hit = self.noun_sense(noun)
        return hit[0].event_type if hit else None

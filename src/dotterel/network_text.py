"""Relations the text states, read off the dependency parse: who backs, fights, allies with or belongs to whom.

Each rule finds a cue word (a verb, a relational noun, a preposition) and the two actors its parse ties to it;
both must be actor mentions, so the many cue words that join no two actors cost nothing.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .actors import mention_at
from .actors.resolve import slug
from .model import Mention
from .network_common import Found, actor_id, conjuncts, words

RELATIVE = {"who", "which", "that", "whom"}
SUBJECTS = ("nsubj", "csubj")


class TextRelations:
    """The parse rules over one document; ``find()`` returns what they found."""

    def __init__(self, doc: Doc, mentions: list[Mention], aliases: dict[str, str] | None = None):
        self.doc, self.mentions, self.w = doc, mentions, words()
        self.aliases = aliases or {}  # lower-case name or alias -> actor id, for words no mention covers
        self.found: list[Found] = []
        self.new_actors: dict[str, str] = {}  # id -> name of groups that only the relation rules name

    def find(self) -> list[Found]:
        for tok in self.doc:
            lemma = tok.lemma_.lower()
            if (tok.dep_ == "prep" and tok.lower_ in ("against", "including", "like")) or tok.lower_ == "such":
                self.preposition(tok)
            elif tok.pos_ == "VERB":
                self.verb(tok, lemma)
            elif tok.pos_ in ("NOUN", "PROPN"):
                self.noun(tok, lemma)
            elif tok.pos_ == "ADJ" and lemma in self.w["hostile_adjectives"]:
                self.pair(self.subject(tok.head) if tok.dep_ == "acomp" else None, self.objects(tok, ("to",)), "hostile", tok)
        return self.found

    # ---------------------------------------------------------------- actors of tokens
    def actor(self, tok: Token | None) -> str | None:
        if tok is None:
            return None
        m = mention_at(self.mentions, tok.i, self.doc)
        if m is not None:
            return actor_id(m)
        return self.aliases.get(tok.lower_) if tok.pos_ in ("PROPN", "NOUN") and tok.is_title else None

    def owner(self, noun: Token) -> Token | None:
        """Whose act or stance a noun is: "the SDF's fight", "Coalition strikes", "Turkish support", or the subject
        of a light verb ("X conducted strikes")."""
        for c in noun.children:
            if c.dep_ in ("poss", "compound", "amod", "nmod") and self.actor(c):
                return c
        reflexive = any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in noun.children)
        if reflexive and noun.dep_ in ("dobj", "attr", "nsubj") and noun.head.pos_ in ("VERB", "AUX"):
            return self.subject(noun.head)  # "X reaffirmed its commitment to ...": its = the subject
        if noun.dep_ in ("dobj", "attr") and noun.head.lemma_.lower() in self.w["light_verbs"]:
            return self.subject(noun.head)
        if noun.dep_ == "pobj" and noun.head.head.pos_ == "VERB" and noun.head.head.lemma_.lower() in self.w["light_verbs"]:
            return self.subject(noun.head.head)
        return None

    def holder(self, noun: Token) -> Token | None:
        """Who is in the state or act a noun names: its owner, or whoever the clause puts in it ("X is at war",
        "rebels in a confrontation", "X was locked in clashes")."""
        owner = self.owner(noun)
        if owner is not None or noun.dep_ != "pobj":
            return owner
        above = noun.head.head
        if above.pos_ in ("VERB", "AUX"):  # "X is at war", "X has been locked in a confrontation"
            return next((c for c in above.children if c.dep_ == "nsubjpass"), None) or self.subject(above)
        return above if above.pos_ in ("NOUN", "PROPN") and self.actor(above) else None

    def subject(self, verb: Token) -> Token | None:
        """Who does what a verb says: its subject, the noun a participle or relative clause hangs on, or the
        subject of the verb an infinitive or a conjoined verb depends on."""
        subj = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
        if subj is not None and subj.lower_ not in RELATIVE:
            return subj
        if verb.dep_ in ("acl", "relcl"):
            return verb.head if self.actor(verb.head) else self.owner(verb.head)
        if verb.dep_ in ("xcomp", "advcl", "conj") and verb.head.pos_ in ("VERB", "AUX"):
            return self.subject(verb.head)
        return None

    def objects(self, head: Token, preps: tuple[str, ...]) -> list[Token]:
        """The objects of the prepositions `preps` under head, with their conjuncts."""
        return [o for c in head.children if c.dep_ in ("prep", "agent") and c.lower_ in preps
                for g in c.children if g.dep_ == "pobj" for o in conjuncts(g)]

    def pair(self, x: Token | None, ys: list[Token], rel: str, cue: Token) -> None:
        """x and its conjuncts -> each y (x backs y, x member_of y, x hostile/ally y); a y that is someone's effort
        or cause ("in support of the SDF's operations", "oppose Kurdish statehood") stands for its owner."""
        if x is None:
            return
        for x1 in conjuncts(x) if x.dep_ != "conj" else [x]:
            a = self.actor(x1)
            if a is None:
                continue
            for y in ys:
                b = self.of_body(y) or self.actor(y) or (
                    self.actor(self.owner(y)) if y.lemma_.lower() in self.w["effort_nouns"] else None)
                if b is not None and b != a:
                    toks = [x1, y, cue]
                    self.found.append(Found(a, b, rel, min(t.i for t in toks), max(t.i for t in toks)))

    def of_body(self, y: Token) -> str | None:
        """"the government (and people) of Chile": Chile, where the noun only names a side of it."""
        if y.lemma_.lower() not in self.w["side_nouns"]:
            return None
        for z in conjuncts(y):
            for o in self.objects(z, ("of",)):
                if (a := self.actor(o)) is not None:
                    return a
        return None

    # ---------------------------------------------------------------- rules by part of speech
    def verb(self, tok: Token, lemma: str) -> None:
        w = self.w
        dobj = [o for c in tok.children if c.dep_ == "dobj" for o in conjuncts(c)]
        passive = any(c.dep_ == "nsubjpass" for c in tok.children) or tok.tag_ == "VBN" and tok.dep_ in ("acl", "amod")
        if passive:
            patient = next((c for c in tok.children if c.dep_ == "nsubjpass"), None) or tok.head
            agents = self.objects(tok, ("by",))
            if lemma in w["backing_verbs"]:
                for agent in agents:
                    self.pair(agent, conjuncts(patient), "backs", tok)
            elif lemma in w["hostile_verbs"]:
                for agent in agents:
                    self.pair(agent, conjuncts(patient), "hostile", tok)
            elif lemma == "lead":  # "the Western powers, led by the US": the leader is one of them
                for agent in agents:
                    self.pair(agent, conjuncts(patient), "member_of", tok)
            return
        subj = self.subject(tok)
        if lemma in w["hostile_verbs"]:
            self.pair(subj, dobj, "hostile", tok)
        elif lemma in w["backing_verbs_active"]:
            self.pair(subj, dobj, "backs", tok)
        elif lemma == "include" and subj is not None and self.is_group(subj):
            self.members(subj, dobj, tok)
        if lemma in w["hostile_with"]:
            self.pair(subj, self.objects(tok, ("with",)), "hostile", tok)
        if lemma in w["hostile_from"]:  # "X seized the town from Y"
            self.pair(subj, self.objects(tok, ("from",)), "hostile", tok)
        if lemma in w["ally_with"]:
            self.pair(subj, self.objects(tok, ("with",)) + self.up_with(tok), "ally", tok)
        if lemma == "pledge":  # "X pledged allegiance to Y"
            if any(c.lemma_.lower() in w["allegiance_nouns"] for c in tok.children if c.dep_ == "dobj"):
                noun = next(c for c in tok.children if c.dep_ == "dobj")
                self.pair(subj, self.objects(tok, ("to",)) + self.objects(noun, ("to",)), "member_of", tok)
        if lemma == "belong":
            self.pair(subj, self.objects(tok, ("to",)), "member_of", tok)

    def up_with(self, verb: Token) -> list[Token]:
        """'teamed up with', 'joined forces with', 'stood shoulder to shoulder with': the 'with' hangs on the
        particle, the object or the phrase after the verb."""
        return [o for c in verb.children if c.dep_ in ("prt", "dobj", "advcl", "npadvmod", "advmod")
                for o in self.objects(c, ("with",))]

    def noun(self, tok: Token, lemma: str) -> None:
        w = self.w
        if lemma in w["help_nouns"]:
            self.help(tok)
        if lemma in w["hostile_on_nouns"]:
            self.pair(self.owner(tok), self.objects(tok, ("on",)), "hostile", tok)
        if lemma in w["hostile_with_nouns"]:  # "X is at war with Y", "X's clashes with Y", "in a confrontation with Y"
            self.pair(self.holder(tok), self.objects(tok, ("with",)), "hostile", tok)
        if lemma in w["threat_nouns"]:  # "X's threat to Y", "a threat to Y from X"
            for x in [self.holder(tok), *self.objects(tok, ("from", "by"))]:
                self.pair(x, self.objects(tok, ("to", "against")), "hostile", tok)
        if lemma in w["possessed_nouns"]:
            self.possessed(tok, w["possessed_nouns"][lemma])
        if tok.dep_ == "conj" and lemma in w["group_nouns"]:
            self.and_others(tok)

    def and_others(self, tok: Token) -> None:
        """"the FSA and other rebel groups": the named ones are of the group ("X or other groups" is no claim)."""
        if not any(c.dep_ == "amod" and c.lower_ == "other" for c in tok.children) or not any(
                c.dep_ == "cc" and c.lower_ == "and" for c in tok.head.children):
            return
        group = self.actor(tok)
        for x in [x for x in conjuncts(tok.head) if x.i < tok.i]:
            a = self.actor(x)
            if a is not None and group is not None and a != group:
                self.found.append(Found(a, group, "member_of", x.i, tok.i))

    def help(self, tok: Token) -> None:
        """'X's support for Y', 'in support of Y', 'with Turkish support', 'threw his support behind Y'."""
        if tok.dep_ == "pobj" and tok.head.lower_ == "in":  # "in support of Y, X conducted strikes"
            verb = tok.head.head
            backer = self.subject(verb) if verb.pos_ in ("VERB", "AUX") else self.owner(verb)
            self.pair(backer, self.objects(tok, ("of",)), "backs", tok)
            return
        if tok.dep_ == "pobj" and tok.head.lower_ == "with":  # "Y fought on with Turkish support"
            verb = tok.head.head
            backed = None
            if verb.pos_ in ("VERB", "AUX"):  # "Y was formed with help from X": the patient is who was helped
                backed = next((c for c in verb.children if c.dep_ == "nsubjpass"), None) or self.subject(verb)
            backer = self.owner(tok) or next((g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("from", "of")
                                              for g in c.children if g.dep_ == "pobj"), None)
            if backed is not None:
                self.pair(backer, [backed], "backs", tok)
            return
        backer = self.owner(tok)
        if backer is None and tok.dep_ == "dobj" and tok.head.pos_ == "VERB":  # "threw his support behind Y"
            backer = self.subject(tok.head)
        self.pair(backer, self.objects(tok, ("for", "to", "behind")) + self.objects(tok.head, ("behind",)), "backs", tok)

    def possessed(self, tok: Token, rel: str) -> None:
        """"X's ally Y", "X's spokesman Y", "X and its allies Y and Z"."""
        poss = next((c for c in tok.children if c.dep_ == "poss"), None)
        if poss is None:
            return
        holder = poss if self.actor(poss) and poss.pos_ != "PRON" else None
        if holder is None and poss.lower_ in ("its", "their") and tok.dep_ == "conj":  # "X and its allies"
            holder = tok.head
        named = [o for c in tok.children if c.dep_ in ("appos", "compound") and c.i > tok.i for o in conjuncts(c)]
        if tok.dep_ == "compound" or (tok.head.dep_ != "appos" and tok.head.pos_ == "PROPN" and tok.dep_ == "compound"):
            named.append(tok.head)
        if not named and tok.dep_ == "appos":
            named = [tok.head]
        for y in named:
            if rel == "member_of":
                self.pair(y, [holder] if holder is not None else [], rel, tok)
            elif rel == "backs":  # "X's proxy Y": X backs Y
                self.pair(holder, [y], rel, tok)
            else:
                self.pair(holder, [y], rel, tok)

    def preposition(self, tok: Token) -> None:
        w = self.w
        if tok.lower_ == "against":
            head = tok.head
            ys = [o for g in tok.children if g.dep_ == "pobj" for o in conjuncts(g)]
            if head.pos_ in ("NOUN", "PROPN"):
                x = head if self.actor(head) else self.owner(head)
            elif head.pos_ in ("VERB", "AUX") and head.lemma_.lower() not in w["not_hostile_against"]:
                x = self.subject(head)
            else:
                x = None
            self.pair(x, ys, "hostile", tok)
            return
        # "the coalition, including X and Y", "Iran-backed groups such as X"
        prep = tok.head if tok.lower_ == "such" else tok
        if tok.lower_ == "such" and not (tok.dep_ == "amod" and tok.head.lower_ == "as"):
            return
        group = prep.head
        if group.pos_ in ("NOUN", "PROPN") and self.is_group(group):
            self.members(group, [o for g in prep.children if g.dep_ == "pobj" for o in conjuncts(g)], tok)

    def group_actor(self, group: Token) -> str | None:
        holder = group if self.actor(group) else self.owner(group)
        return self.actor(holder) if holder is not None else None

    def unnamed_group(self, group: Token, listed: list[Token]) -> str | None:
        """A collective body no mention names ("Coalition nations ... include A, B") becomes an actor of its own
        words, when it has named members ("countries like A and B" is no body)."""
        bodies = self.w["body_nouns"]
        if not any(self.actor(y) for y in listed) or not (group.lemma_.lower() in bodies or any(
                c.dep_ == "compound" and c.lemma_.lower() in bodies for c in group.children)):
            return None
        start = group.left_edge.i
        while start < group.i and self.doc[start].pos_ in ("DET", "PRON", "PUNCT"):
            start += 1
        name = self.doc[start:group.i + 1].text
        key = f"local:{slug(name)}"
        self.new_actors[key] = name
        return key

    def is_group(self, tok: Token) -> bool:
        """A group noun ("coalition", "network") or a group actor ("the coalition" resolved)."""
        return tok.lemma_.lower() in self.w["group_nouns"] or any(
            c.lemma_.lower() in self.w["group_nouns"] for c in tok.children if c.dep_ == "compound")

    def members(self, group: Token, listed: list[Token], cue: Token) -> None:
        """Each listed actor is a member of the group's actor (the group noun's own actor, or its owner)."""
        b = self.group_actor(group)
        outer = group.head.head if group.dep_ == "pobj" and group.head.lower_ == "of" else None
        if b is None and outer is not None and outer.pos_ in ("NOUN", "PROPN"):  # "an alliance of states such as X"
            b = self.group_actor(outer) or self.unnamed_group(outer, listed)
        b = b or self.unnamed_group(group, listed)
        for y in listed:
            a = self.actor(y)
            if a is not None and b is not None and a != b:
                self.found.append(Found(a, b, "member_of", min(group.i, y.i, cue.i), max(group.i, y.i, cue.i)))

"""Context rules over resolved mentions: what the sentence says about an actor that its words alone do not.

- Whoever stages a protest is "Protesters (India)", whoever pelts stones or lynches is "Rioters (India)", as
  ACLED names them; a named group that protests keeps its name, and the composite actor is added beside it.
- Titles and appositions tie a person to a body: "Secretary of Defense Lloyd Austin", "Hassan Nasrallah,
  leader of Hezbollah" -> the person, member_of that body, with its country (titles.py).
- "a spokesperson for the Taliban", "the leader of Hamas": the role speaks for the body, so it is the body.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from ..model import Actor, ActorRef, Mention
from .titles import SPEAKER_ROLES, affiliate

if TYPE_CHECKING:
    from .kb import KBActor
    from .resolve import ActorResolver

# state forces and armed groups that march or burn are not protesters or rioters; anyone else may be
ARMED_SECTORS = {"MIL", "COP", "REB", "UAF", "SPY", "CRM"}
SUBJECT_DEPS = ("nsubj", "nsubjpass")
UNKNOWN_DOERS = {"man", "person", "individual", "people", "assailant", "attacker", "unknown", "perpetrator"}
QUANTITY_HEADS = {"hundred", "thousand", "dozen", "number", "group", "crowd", "scores", "score", "million"}
# verbs that make "a strike" a walkout ("staged a strike"); with others it is an attack ("conducted strikes")
LABOUR_STRIKE_VERBS = {"stage", "hold", "call", "declare", "begin", "start", "go", "organise", "organize", "continue",
                       "end", "join", "observe", "announce", "threaten"}


class ContextRules:
    def __init__(self, resolver: ActorResolver, doc: Doc, country: KBActor | None, matches: list[tuple[int, int, str]]):
        self.r, self.doc, self.country, self.matches = resolver, doc, country, matches
        self.cues = resolver.cues
        self.member_of: dict[int, list[str]] = {}  # id(mention) -> bodies it belongs to

    def apply(self, mentions: list[Mention]) -> list[Actor]:
        extra: dict[str, Actor] = {}
        by_head = {m.head: m for m in mentions if m.head is not None}
        for token in self.doc:
            if token.pos_ not in ("VERB", "AUX", "NOUN"):
                continue
            cue = self.cue_of(token)
            if token.pos_ == "NOUN" and not cue:  # "rioting prisoners", "protesting farmers"
                mod = next((c.lemma_.lower() for c in token.children if c.dep_ in ("amod", "compound")
                            and c.lower_.endswith("ing") and c.lemma_.lower() in ("riot", "protest", "demonstrate")), None)
                if mod:
                    self.rename(token, "riot" if mod == "riot" else "protest", by_head, mentions, extra)
                    continue
            if token.pos_ == "NOUN" and token.lemma_.lower() in self.cues["protest_noun"] | {"riot"}:
                self.implicit_crowd(token, extra)
            if cue is None and token.pos_ == "VERB" and token.lemma_.lower() in self.cues.get("violence_verb", ()):
                for said, subj in self._subjects(token, "riot"):
                    if subj.lemma_.lower() in UNKNOWN_DOERS and said.i not in by_head:
                        self.unidentified(said, subj, mentions, by_head)
            if cue:
                for said, subj in self.subjects(token, cue):
                    m = self.rename(subj, cue, by_head, mentions, extra)
                    if m is not None and said.i != subj.i and said.i not in by_head:  # "hundreds of workers"
                        span = self.doc[np_start(said):subj.i + 1]
                        by_head[said.i] = Mention(span.start_char, span.end_char, ActorRef(**{**m.ref.__dict__,
                                                  "text": span.text}), kind=m.kind, head=said.i)
                        mentions.append(by_head[said.i])
        for m in mentions:
            if m.kind == "person" or (m.kind == "other" and m.ref.id and m.ref.id.startswith("local:")):
                affiliate(self, m)
            elif m.ref.id and m.ref.id.startswith("local:") and m.head is not None:
                self.speaks_for(m)
        mentions.sort(key=lambda m: m.start)
        return list(extra.values())

    # ---------------------------------------------------------------- protests and riots
    def cue_of(self, token: Token) -> str | None:
        lemma = token.lemma_.lower()
        if token.pos_ == "NOUN":  # "a protest by farmers", "violent demonstrations by prisoners"
            if lemma in self.cues["protest_noun"] and any(c.dep_ == "agent" or (
                    c.dep_ == "prep" and c.lower_ == "by") for c in token.children):
                return "riot" if any(c.lower_ == "violent" for c in token.children) else "protest"
            return None
        if lemma in self.cues["protest_verb"]:
            if lemma == "strike" and any(c.dep_ in ("dobj", "obj") for c in token.children):
                return None  # "the coalition struck the port" is an attack; "dockers struck for a week" a walkout
            return "protest"
        for c in token.children:
            if c.dep_ == "nsubjpass" and c.lemma_.lower() in self.cues["protest_noun"] and any(
                    g.dep_ == "agent" for g in token.children):
                return "protest"  # "a rally was held by journalists"
            if c.dep_ == "dobj" and (c.lemma_.lower() in self.cues["protest_noun"] or self.doc[c.left_edge.i:c.i + 1]
                                     .text.lower().replace(" ", "").endswith("sit-in")):
                if c.lemma_.lower() == "strike" and lemma not in LABOUR_STRIKE_VERBS:
                    continue  # "conducted three strikes near Mosul" are air strikes, not a walkout
                return "protest"  # "staged a sit-in", "held a protest demonstration"
            if c.dep_ in ("xcomp", "advcl") and c.lemma_.lower() in self.cues["protest_verb"] and c.i > token.i:
                return "protest"  # "blocked roads to protest"
            if c.dep_ == "prep" and any(g.lemma_.lower() in self.cues["protest_noun"] | {"street"} for g in c.children):
                return "protest"  # "went on strike", "took to the streets"
        if lemma == "block" and any(c.dep_ == "dobj" and c.lemma_.lower() in self.cues.get("blocked_thing", ())
                                    for c in token.children):
            return "protest"  # "blocked the highway to demand fuel"
        if lemma in self.cues.get("gather_verb", ()) and any(
                c.dep_ in ("xcomp", "advcl") and c.lemma_.lower() in self.cues.get("gather_purpose", ()) for c in token.children):
            return "protest"  # "gathered outside the ministry to demand their wages"
        if lemma in self.cues["riot_verb"] or (lemma == "set" and any(c.lower_ in ("alight", "ablaze", "fire") or any(
                g.lower_ == "fire" for g in c.children) for c in token.children)):
            return "riot"  # "pelted stones", "set the station alight"
        if lemma in self.cues.get("mob_verb", ()):
            return "mob"
        return None

    def subjects(self, verb: Token, cue: str) -> list[tuple[Token, Token]]:
        """(the token the parse names as subject, the crowd it stands for)."""
        found = self._subjects(verb, cue)
        if cue == "mob":  # "villagers beat a thief": only an unorganised crowd is a mob
            crowd = self.cues.get("crowd_noun", set())
            found = [(s, t) for s, t in found if t.lemma_.lower() in crowd]
        return found

    def _subjects(self, verb: Token, cue: str) -> list[tuple[Token, Token]]:
        out = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.dep_ != "nsubjpass"]
        if verb.pos_ == "NOUN" or cue in ("riot", "mob") or not out:  # "was lynched by villagers", "a protest by farmers"
            out += [g for c in verb.children if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by")
                    for g in c.children if g.dep_ == "pobj"]
        head = verb
        while not out and head.dep_ in ("conj", "xcomp", "advcl") and head.head.i != head.i:
            head = head.head  # "residents gathered and pelted stones"
            out = [c for c in head.children if c.dep_ == "nsubj"]
        if not out and verb.pos_ == "VERB" and verb.dep_ in ("ROOT", "acl", "conj", "ccomp", "relcl"):
            out = self.left_subject(verb) or [  # "in Tonala, Jalisco, a group of merchants protested": an apposition
                t for t in verb.sent if t.i < verb.i and t.dep_ == "appos" and t.pos_ == "NOUN"][-1:]
        found = []
        for said in out:
            if said.ent_type_ in ("GPE", "LOC"):  # "in Recife, Pernambuco, nurses assembled"
                said = next((c for c in said.children if c.dep_ == "appos" and c.pos_ == "NOUN"), said)
            tok = said
            if tok.lemma_.lower() in QUANTITY_HEADS or tok.like_num:  # "hundreds of workers"
                tok = next((g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                            for g in c.children if g.dep_ == "pobj"), tok)
            found.append((said, tok))
            found += [(c, c) for c in tok.conjuncts if c.pos_ == tok.pos_ and not c.ent_type_]
        return [(s, t) for s, t in found if t.pos_ in ("NOUN", "PROPN") and t.lower_ not in ("police", "who")]

    def implicit_crowd(self, noun: Token, extra: dict[str, Actor]) -> None:
        """'a protest was held in Erode', 'a prison riot broke out': the protesters or rioters are actors too,
        even unnamed; 'a rally was held by journalists' names them."""
        verb = noun.head
        if noun.dep_ not in ("nsubj", "nsubjpass") or verb.pos_ not in ("VERB", "AUX"):
            return
        if any(c.dep_ == "agent" for c in verb.children):
            return  # the agent is renamed through the verb's own subjects below
        label = "Rioters" if noun.lemma_.lower() == "riot" or any(c.lower_ == "violent" for c in noun.children) \
            else "Protesters"
        place = self.country
        actor_id = f"{place.id}.OPP.{label.lower()}" if place else f"local:{label.lower()}"
        actor = extra.setdefault(actor_id, Actor(id=actor_id, name=f"{label} ({place.name})" if place else label,
                                                 kind="population", country=place.country if place else None,
                                                 sector="OPP"))
        if noun.text not in actor.aliases:
            actor.aliases.append(noun.text)

    def unidentified(self, said: Token, subj: Token, mentions: list[Mention], by_head: dict) -> None:
        span = self.doc[np_start(said):subj.i + 1]
        place = self.country
        name = f"Unidentified Armed Group ({place.name})" if place else "Unidentified Armed Group"
        ref = ActorRef(text=span.text, name=name, id=f"{place.id}.UAF.armed-group" if place else "local:unidentified-armed-group",
                       country=place.country if place else None, sector="UAF")
        old = by_head.get(subj.i)
        if old is not None:
            old.ref, old.kind = ActorRef(**{**ref.__dict__, "text": old.ref.text}), "armed_group"
            return
        by_head[said.i] = Mention(span.start_char, span.end_char, ref, kind="armed_group", head=said.i)
        mentions.append(by_head[said.i])

    def left_subject(self, verb: Token) -> list[Token]:
        """The small parser often hangs a crowd off the place before it ("in Tonala, Jalisco, merchants protested")
        or reads the verb as a modifier ("450 pilgrims protested"): take the noun right before the verb."""
        if verb.dep_ == "acl" and verb.tag_ in ("VBD", "VBN") and verb.head.pos_ == "NOUN" and not verb.head.ent_type_:
            return [self.of_head(verb.head)]
        j = verb.i - 1
        while j >= verb.sent.start and self.doc[j].pos_ in ("ADV", "AUX", "PART"):
            j -= 1
        if j < verb.sent.start or self.doc[j].pos_ not in ("NOUN", "PROPN") or self.doc[j].dep_ == "dobj":
            return []
        tok = self.doc[j]
        plural = tok.tag_ == "NNS"
        tok = self.of_head(tok)
        if tok.ent_type_ or tok.pos_ != "NOUN" or (tok.dep_ == "pobj" and not plural and tok.tag_ != "NNS"):
            return []  # "in Tepic, Nayarit, teachers demonstrated": a plural swallowed by the place phrase
        while tok.dep_ == "conj" and tok.head.pos_ == "NOUN":
            tok = tok.head
        return [tok]

    @staticmethod
    def of_head(tok: Token) -> Token:
        """'nurses of a district hospital' -> nurses."""
        while tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ == "NOUN":
            tok = tok.head.head
        return tok

    def rename(self, tok: Token, cue: str, by_head: dict, mentions: list[Mention],
               extra: dict[str, Actor]) -> Mention | None:
        m = by_head.get(tok.i)
        place = self.country
        if m is not None and m.ref.country:
            place = self.r.base.get(m.ref.country) or place
        label = "Protesters" if cue == "protest" else "Rioters"  # riot or mob violence
        name = f"{label} ({place.name})" if place else label
        actor_id = f"{place.id}.OPP.{label.lower()}" if place else f"local:{label.lower()}"
        if m is not None and m.ref.id and not m.ref.id.startswith("local:") and m.ref.sector not in ("CVL", "OPP") \
                and not (m.ref.id.count(".") >= 2 and m.ref.sector not in ARMED_SECTORS):
            if m.kind not in ("person", "state", "military") and m.ref.sector not in ARMED_SECTORS:
                actor = extra.setdefault(actor_id, Actor(id=actor_id, name=name, kind="population",
                                                         country=place.country if place else None, sector="OPP"))
                if m.ref.text not in actor.aliases:  # a named group that protests: ACLED's composite beside it
                    actor.aliases.append(m.ref.text)
            return None
        if m is not None and (m.ref.sector in ARMED_SECTORS or m.kind in ("person", "state")):
            return None
        if m is None:
            span = self.doc[np_start(tok):tok.i + 1]
            span = span if len(span) <= 6 else self.doc[tok.i:tok.i + 1]
            m = Mention(span.start_char, span.end_char, ActorRef(text=span.text, name=name), kind="population", head=tok.i)
            mentions.append(m)
            by_head[tok.i] = m
        m.ref = ActorRef(text=m.ref.text, name=name, id=actor_id, country=place.country if place else None, sector="OPP")
        m.kind = "population"
        return m

    # ---------------------------------------------------------------- persons and spokespeople
    def speaks_for(self, m: Mention) -> None:
        """'a spokesperson for the Taliban', 'fighters of the Arakan Army', 'soldiers of Ukraine': the body."""
        head = self.doc[m.head]
        if head.lemma_.lower() not in SPEAKER_ROLES and m.ref.sector not in ("MIL", "COP", "REB", "UAF"):
            return
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in ("for", "of"):
                for obj in prep.children:
                    body = self._kb_at(obj) if obj.dep_ == "pobj" else None
                    if body is not None and body.kind == "state" and m.ref.sector in ("MIL", "COP", "REB", "UAF"):
                        role = self.r.role_of(head)
                        if role is not None:
                            span = self.doc[m.head:m.head + 1]
                            new = self.r.role_mention(span, head.i, role, body)
                            m.ref = ActorRef(**{**new.ref.__dict__, "text": m.ref.text})
                            m.kind = new.kind
                        return
                    if body is not None and body.kind not in ("person", "state"):
                        m.ref = ActorRef(text=m.ref.text, name=body.name, id=body.qid or body.id, country=body.country,
                                         sector=self.r.base.agents.get(head.lemma_.lower()).sector
                                         if head.lemma_.lower() in self.r.base.agents else body.sector)
                        m.kind = body.kind
                        return

    def _kb_at(self, token: Token) -> KBActor | None:
        """The body named in the phrase that ends at token ("the Taliban", "Iran's foreign ministry")."""
        found = [a for s, e, a in self.matches if token.left_edge.i <= s and e <= token.i + 1]
        return self.r.base.actors[found[-1]] if found else None


def np_start(tok: Token) -> int:
    """Where the noun phrase a token heads begins, its own modifiers only ("hundreds of textile workers"
    from 'hundreds'; never the date or place the parser hung on it)."""
    start = tok.i
    for c in tok.lefts:
        if c.dep_ in ("det", "amod", "compound", "nummod", "poss", "quantmod", "nmod", "advmod"):
            start = min(start, c.left_edge.i)
    return start

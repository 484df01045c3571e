"""Who said it, and for whom: the subject of the cue verb, resolved through actor mentions,
pronouns to the nearest named person, and the body a speaker speaks for (``speaker_org``)."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..actors import mention_at
from ..actors.coref import named_in_full
from ..model import ActorRef, Mention
from .lexicon import is_speech, word_list
from .salience import Salience, document_noun, person_noun

PRONOUNS = {"he", "she", "i", "we", "they", "you", "it"}
RELATIVE = {"who", "which", "that"}
ORG_ENTS = {"ORG", "GPE", "NORP"}
CONTINUING = {"add", "continue", "conclude"}  # "he added": the one who spoke last goes on
PRONOUN_KINDS = {"he": ("person",), "she": ("person",), "it": ("org",), "they": ("group", "org")}
INVERTING = {",", "''", '"', "”", "“"}  # what an inverted attribution follows
INVERTED_DEPS = {"dobj", "attr", "npadvmod", "appos", "dep", "oprd", "dative"}
MAX_PHRASE = 30  # longer subject phrases are parse accidents, keep the core only


_ents: list[tuple[Doc, tuple[Span, ...]]] = []  # the last document's entities (Doc.ents walks every token)


def entities(doc: Doc) -> tuple[Span, ...]:
    if not _ents or _ents[0][0] is not doc:
        _ents[:] = [(doc, tuple(doc.ents))]
    return _ents[0][1]


def subject_of(cue: Token) -> Token | None:
    """The cue's subject; for participles and coordinated verbs ("..., adding", "and warned") the
    subject of the verb they hang on; "“...,” said X" and "Any view, said X, is ..." the name after it."""
    token: Token | None = cue
    subj = next((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or (subj.pos_ == "NOUN" and not subj.ent_type_ and not person_noun(subj.lemma_)):
        inverted = inverted_subject(cue)
        if inverted is not None:
            return inverted
    if subj is None and is_speech(cue) and cue.tag_ in ("VBD", "VBZ", "VBP") and cue.dep_ in ("ROOT", "ccomp", "parataxis"):
        left = stranded_subject(cue)
        if left is not None:
            return left
    for _ in range(4):
        if token is None:
            return None
        subj = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")
                     or (c.dep_ == "poss" and token.pos_ == "NOUN")), None)
        if subj is not None:
            return subj
        if token.dep_ in ("advcl", "conj", "xcomp", "acl", "relcl", "ccomp", "acomp", "oprd") and token.head != token:
            if token.dep_ == "relcl":  # "the minister, who said ..." -> the minister
                return token.head
            token = token.head
        elif token.dep_ == "pcomp" and token.head.dep_ == "prep":  # "rallied supporters by warning that"
            token = token.head.head
        elif token.dep_ == "dobj" and document_noun(token.lemma_):  # "issued a statement saying ..."
            token = token.head
        else:
            return None
    return None


def inverted_subject(verb: Token) -> Token | None:
    """"..., said Azzam Haddad": a name right after a verb of saying that follows a quote or a comma,
    which the parser took for its object."""
    doc = verb.doc
    if verb.pos_ not in ("VERB", "AUX") or verb.i == 0 or doc[verb.i - 1].text not in INVERTING or not is_speech(verb):
        return None
    for c in verb.rights:
        if c.ent_type_ in ("DATE", "TIME"):
            continue  # "said Wednesday"
        if c.dep_ in INVERTED_DEPS and (c.ent_type_ == "PERSON" or c.pos_ == "PROPN" or person_noun(c.lemma_)):
            return c
        if c.dep_ not in ("punct", "advmod", "npadvmod"):
            return None
    return None


def stranded_subject(verb: Token) -> Token | None:
    """"On Dec. 2, Col. Ann Ward, a military spokeswoman, said": the parser hung the speaker on something
    else; the person whose phrase ends right before the verb is the one who speaks."""
    doc, start = verb.doc, verb.sent.start
    found = None
    for j in range(verb.i - 1, max(start, verb.i - MAX_PHRASE) - 1, -1):
        t = doc[j]
        if t.right_edge.i >= verb.i - 2 and t.right_edge.i < verb.i and (t.ent_type_ == "PERSON" or person_noun(t.lemma_)):
            found = t
    return found


def phrase(doc: Doc, head: Token) -> Span:
    """The subject's whole noun phrase, appositions and relative clauses included ("Chris Cox, who runs
    the lobbying arm,"), without edge punctuation or a dateline/timestamp paragraph before it."""
    left, right = head.left_edge.i, head.right_edge.i
    for i in range(head.i - 1, left - 1, -1):
        if "\n" in doc[i].text or "\n" in doc[i].whitespace_:
            left = i + 1
            break
    dash = next((i for i in range(left, head.i) if doc[i].text in ("-", "—", "–", "--")), None)
    if dash is not None and all(t.is_upper or not t.is_alpha for t in doc[left:dash]):
        left = dash + 1  # "GAZA CITY - Hamas official X said": the dateline is no part of the speaker
    while left < head.i and (doc[left].is_punct or doc[left].is_space):
        left += 1
    while right > head.i and (doc[right].is_punct or doc[right].is_space):
        right -= 1
    if right == head.i + 1 and doc[right].dep_ == "case":  # "the minister's [call]" -> the minister
        right -= 1
    if right - left + 1 > MAX_PHRASE:
        return core(doc, head)
    return doc[left:right + 1]


def name_of(doc: Doc, head: Token, mention: Mention | None) -> str:
    """A display name: the person's name for a named person, else the resolved actor, else the core."""
    ent = next((e for e in entities(doc) if e.start <= head.i < e.end and e.label_ == "PERSON"), None)
    if ent is not None:
        return ent.text
    if mention is not None:
        return mention.ref.name
    return core(doc, head).text


def core(doc: Doc, head: Token) -> Span:
    """The head with its compound/flat name parts and titles: "Defence Minister Yoav Gallant"."""
    left = head.i
    while left > 0 and doc[left - 1].dep_ in ("compound", "amod", "nmod") and doc[left - 1].head.i >= left:
        left -= 1
    return doc[left:head.i + 1]


def antecedent(doc: Doc, before: int, mentions: list[Mention]) -> ActorRef | None:
    """Nearest preceding named person (an actor mention when there is one), for "he said"."""
    for ent in reversed([e for e in entities(doc) if e.end <= before and e.label_ == "PERSON"]):
        mention = mention_at(mentions, ent.root.i, doc)
        if mention is not None:
            return mention.ref
        return ActorRef(text=ent.text, name=ent.text)
    return None


class Speaker:
    """Resolves speakers in text order; every resolved speaker becomes salient for the pronouns after it."""

    def __init__(self, doc: Doc, mentions: list[Mention], salience: Salience) -> None:
        self.doc, self.mentions, self.salience = doc, mentions, salience

    def of_cue(self, cue: Token | None) -> tuple[ActorRef | None, ActorRef | None]:
        subj = subject_of(cue) if cue is not None else None
        if subj is None:
            return None, None
        return self.of_subject(subj, continuing=cue is not None and cue.lemma_.lower() in CONTINUING)

    def of_subject(self, subj: Token, continuing: bool = False) -> tuple[ActorRef | None, ActorRef | None]:
        """(speaker, speaker_org) for a subject token."""
        doc, low = self.doc, subj.lower_
        if low in RELATIVE and subj.head.dep_ == "relcl":  # "Smith, who said ..." -> Smith
            speaker, org = self.of_subject(subj.head.head)
            if speaker is not None:
                speaker = ActorRef(text=subj.text, name=speaker.name, id=speaker.id, country=speaker.country,
                                   sector=speaker.sector)
            return speaker, org
        if abstract_noun(subj):
            return None, None  # "Last week said", "the series said": no one speaks
        if low in PRONOUNS:
            return self.pronoun(subj, continuing), None
        span = phrase(doc, subj)
        mention = mention_at(self.mentions, subj.i, doc)
        ent = next((e for e in entities(doc) if e.start <= subj.i < e.end and e.label_ == "PERSON"), None)
        name = self.salience.titled(doc, ent) if ent is not None else self.salience.full(name_of(doc, subj, mention))
        if document_noun(subj.lemma_) and not any(e.label_ in ORG_ENTS | {"PERSON"} for e in entities_in(doc, span)):
            author = self.salience.before(subj.idx, ("person", "org"))  # "the statement said": its author
            if author is not None:
                return ActorRef(text=span.text, name=author.name, id=author.id, country=author.country,
                                sector=author.sector), None
        ref = mention.ref if mention is not None else ActorRef(text=span.text, name=name)
        speaker = ActorRef(text=span.text, name=name, id=ref.id, country=ref.country, sector=ref.sector)
        # a described speaker ("a reporter for AFP") is named by the description when a pronoun refers back
        # ("the minister", once tied to the minister named in full, stays that person)
        described = subj.pos_ == "NOUN" and subj.ent_type_ == "" and not named_in_full(mention)
        salient = ActorRef(text=span.text, name=span.text, id=ref.id, country=ref.country,
                           sector=ref.sector) if described else speaker
        self.salience.add(subj.idx, referent_kind(subj, mention, self.salience), salient, speaker=True)
        return speaker, org_of(doc, span, subj, self.mentions)

    def pronoun(self, subj: Token, continuing: bool) -> ActorRef | None:
        """"he said" -> the last person who spoke or acted as a subject ("he added": the last speaker);
        "it" / "they" -> the last body; "I", "we", "you" stay as written (the writer, the reader)."""
        low = subj.lower_
        kinds = PRONOUN_KINDS.get(low)
        if kinds is None:
            return ActorRef(text=subj.text, name=subj.text)
        ref = (continuing and self.salience.before(subj.idx, kinds, speakers_only=True)) or \
            self.salience.before(subj.idx, kinds)
        if ref is None and low in ("he", "she"):
            ref = antecedent(self.doc, subj.i, self.mentions)
        if ref is None:
            return None  # a pronoun with no antecedent names no one
        speaker = ActorRef(text=subj.text, name=ref.name, id=ref.id, country=ref.country, sector=ref.sector)
        self.salience.add(subj.idx, kinds[0], ref, speaker=True)
        return speaker


def entities_in(doc: Doc, span: Span) -> list[Span]:
    return [e for e in entities(doc) if span.start <= e.start and e.end <= span.end]


def abstract_noun(subj: Token) -> bool:
    return subj.pos_ in ("NOUN", "PROPN") and subj.lemma_.lower() in word_list("quotes_nonagent_nouns.txt")


def referent_kind(subj: Token, mention: Mention | None, salience: Salience) -> str:
    """"person" (one), "group" (people: "officials", "residents") or "org" for a speaker's head. A name
    the article gives a person elsewhere is that person even where the tagger took it for a body."""
    if subj.ent_type_ == "PERSON" or (mention is not None and mention.kind == "person") or salience.is_person_name(subj.text):
        return "person"
    if person_noun(subj.lemma_) or any(c.dep_ == "appos" and person_noun(c.lemma_) for c in subj.children):
        return "group" if subj.tag_ in ("NNS", "NNPS") else "person"
    if subj.pos_ == "PROPN" and not subj.ent_type_:
        return "person"  # an untagged name ("Estrosi told ...")
    return "org"


def org_of(doc: Doc, span: Span, head: Token, mentions: list[Mention]) -> ActorRef | None:
    """The body a speaker phrase speaks for: "spokesperson for X", "X's foreign minister",
    "White House spokesman ...", "Yahya Saree, the group's spokesperson"; never the speaker itself."""
    ents = [e for e in entities(doc) if span.start <= e.start and e.end <= span.end]
    person = head.ent_type_ == "PERSON" or any(e.label_ == "PERSON" and e.start <= head.i < e.end for e in ents)
    for ent in ents:
        if ent.label_ not in ORG_ENTS or (ent.start <= head.i < ent.end and not person):
            continue
        if ent.start <= head.i < ent.end:
            continue
        mention = mention_at(mentions, ent.root.i, doc)
        if mention is not None and mention.kind != "person" and not mention.start <= head.idx < mention.end:
            return mention.ref
        return ActorRef(text=ent.text, name=ent.text)
    return None


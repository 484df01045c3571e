"""Who said it, and for whom: the subject of the cue verb, resolved through actor mentions,
pronouns to the nearest named person, and the body a speaker speaks for (``speaker_org``)."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..actors import mention_at
from ..model import ActorRef, Mention

PRONOUNS = {"he", "she", "i", "we", "they", "you", "it"}
RELATIVE = {"who", "which", "that"}
ORG_ENTS = {"ORG", "GPE", "NORP"}
MAX_PHRASE = 30  # longer subject phrases are parse accidents, keep the core only


_ents: list[tuple[Doc, tuple[Span, ...]]] = []  # the last document's entities (Doc.ents walks every token)


def entities(doc: Doc) -> tuple[Span, ...]:
    if not _ents or _ents[0][0] is not doc:
        _ents[:] = [(doc, tuple(doc.ents))]
    return _ents[0][1]


def subject_of(cue: Token) -> Token | None:
    """The cue's subject; for participles and coordinated verbs ("..., adding", "and warned") the
    subject of the verb they hang on."""
    token: Token | None = cue
    for _ in range(4):
        if token is None:
            return None
        subj = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")
                     or (c.dep_ == "poss" and token.pos_ == "NOUN")), None)
        if subj is not None:
            return subj
        if token.dep_ in ("advcl", "conj", "xcomp", "acl", "relcl", "ccomp", "acomp", "oprd") and token.head is not token:
            if token.dep_ == "relcl":  # "the minister, who said ..." -> the minister
                return token.head
            token = token.head
        else:
            return None
    return None


def phrase(doc: Doc, head: Token) -> Span:
    """The subject's whole noun phrase, appositions and relative clauses included ("Chris Cox, who runs
    the lobbying arm,"), without edge punctuation or a dateline/timestamp paragraph before it."""
    left, right = head.left_edge.i, head.right_edge.i
    for i in range(head.i - 1, left - 1, -1):
        if "\n" in doc[i].text or "\n" in doc[i].whitespace_:
            left = i + 1
            break
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


def resolve(doc: Doc, subj: Token, mentions: list[Mention]) -> tuple[ActorRef | None, ActorRef | None]:
    """(speaker, speaker_org) for a subject token."""
    low = subj.lower_
    if low in RELATIVE and subj.head.dep_ == "relcl":  # "Smith, who said ..." -> Smith
        target = subj.head.head
        speaker, org = resolve(doc, target, mentions)
        if speaker is not None:
            speaker = ActorRef(text=subj.text, name=speaker.name, id=speaker.id, country=speaker.country,
                               sector=speaker.sector)
        return speaker, org
    if low in PRONOUNS:
        ref = antecedent(doc, subj.i, mentions) if low in ("he", "she") else None
        if ref is None:
            return ActorRef(text=subj.text, name=subj.text), None
        return ActorRef(text=subj.text, name=ref.name, id=ref.id, country=ref.country, sector=ref.sector), None
    span = phrase(doc, subj)
    mention = mention_at(mentions, subj.i, doc)
    name = name_of(doc, subj, mention)
    if mention is not None:
        ref = mention.ref
        speaker = ActorRef(text=span.text, name=name, id=ref.id, country=ref.country, sector=ref.sector)
    else:
        speaker = ActorRef(text=span.text, name=name)
    return speaker, org_of(doc, span, subj, mentions)


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


def speaker_of(doc: Doc, cue: Token, mentions: list[Mention]) -> tuple[ActorRef | None, ActorRef | None]:
    subj = subject_of(cue)
    if subj is None:
        return None, None
    return resolve(doc, subj, mentions)

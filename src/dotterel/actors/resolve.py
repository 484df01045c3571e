"""Actor resolution in one document: mentions (character spans) resolved to knowledge-base actors.

spaCy's small model mistypes many names, so the NER label only proposes spans; the knowledge base
decides. A mention is a noun chunk or entity; inside it the longest alias match names the actor,
a role noun at its head gives the sector ("Iraqi police" = Iraq + COP, named "Police Forces of Iraq"
as ACLED does), and unknown names are kept as local actors, never dropped.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from ..model import Actor, ActorRef, CodedDocument, Mention
from .kb import ActorBase, KBActor

NAMED_LABELS = {"PERSON", "ORG", "NORP", "GPE", "FAC"}
PRONOUNS = {"he", "she", "they", "it", "him", "her", "them", "we", "i", "you"}
# ACLED's names for state forces; other role nouns become "Protesters (Iraq)" and the like
STATE_FORCE_NAMES = {"MIL": "Military Forces of {}", "COP": "Police Forces of {}"}


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def is_acronym(alias: str) -> bool:
    """Aliases matched case-sensitively: 'IS', 'US', 'UN' must not match 'is', 'us', 'un'."""
    letters = re.sub(r"[^A-Za-z]", "", alias)
    return bool(letters) and letters.isupper() and len(letters) <= 5


class ActorResolver:
    """Pipeline stage: fills ``coded.mentions`` and ``coded.actors``."""

    name = "actors"

    def __init__(self, nlp: Language, base: ActorBase | None = None):
        self.base = base or ActorBase.load()
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        exact, folded = {}, {}
        for actor in self.base.actors.values():
            for alias in {actor.name, *actor.aliases}:
                (exact if is_acronym(alias) else folded).setdefault(alias, actor.id)
        self._add(nlp, self.exact, exact)
        self._add(nlp, self.folded, {a.lower(): i for a, i in folded.items()})

    @staticmethod
    def _add(nlp: Language, matcher: PhraseMatcher, aliases: dict[str, str]) -> None:
        by_id: dict[str, list[str]] = {}
        for alias, actor_id in aliases.items():
            by_id.setdefault(actor_id, []).append(alias)
        for actor_id, names in by_id.items():
            matcher.add(actor_id, list(nlp.tokenizer.pipe(names)))

    def kb_matches(self, doc: Doc) -> list[tuple[int, int, str]]:
        """Longest non-overlapping alias matches: (start token, end token, actor id)."""
        found = [(s, e, doc.vocab.strings[m]) for m, s, e in self.exact(doc)]
        found += [(s, e, doc.vocab.strings[m]) for m, s, e in self.folded(doc)]
        found.sort(key=lambda x: (-(x[1] - x[0]), x[0]))
        taken: set[int] = set()
        out = []
        for s, e, actor_id in found:
            if not taken.intersection(range(s, e)):
                taken.update(range(s, e))
                out.append((s, e, actor_id))
        return sorted(out)

    def role_of(self, token) -> tuple[str, str, str] | None:
        """(lemma, sector, kind) of a role noun head, two-word roles ("prime minister") first."""
        lemma = token.lemma_.lower()
        left = token.i - 1
        if left >= 0 and token.doc[left].dep_ == "compound":
            pair = f"{token.doc[left].lemma_.lower()} {lemma}"
            if pair in self.base.agents:
                agent = self.base.agents[pair]
                return pair, agent.sector, agent.kind
        if lemma in self.base.agents and token.pos_ in ("NOUN", "PROPN"):
            agent = self.base.agents[lemma]
            return lemma, agent.sector, agent.kind
        return None

    def candidate_spans(self, doc: Doc) -> list[Span]:
        """Noun chunks and named entities, the longer first where they overlap."""
        spans = [e for e in doc.ents if e.label_ in NAMED_LABELS] + list(doc.noun_chunks)
        spans.sort(key=lambda s: (s.start, -len(s)))
        out, covered = [], set()
        for span in spans:
            if span.root.i in covered:
                continue
            covered.update(range(span.start, span.end))
            out.append(span)
        return out

    def __call__(self, doc: Doc, coded: CodedDocument) -> None:
        matches = self.kb_matches(doc)
        mentions: list[Mention] = []
        used: set[tuple[int, int, str]] = set()
        for span in self.candidate_spans(doc):
            inside = [m for m in matches if m[0] >= span.start and m[1] <= span.end]
            mention = self.resolve_span(span, inside)
            if mention:
                mentions.append(mention)
                used.update(inside)
        for s, e, actor_id in matches:  # aliases outside any chunk ("Iran-backed" adjectives, odd parses)
            if (s, e, actor_id) not in used:
                span = doc[s:e]
                mentions.append(self.kb_mention(span, self.base.actors[actor_id], span.root.i))
        mentions.sort(key=lambda m: m.start)
        coded.mentions = mentions
        coded.actors = merge_actors(mentions, self.base)

    def kb_mention(self, span: Span, actor: KBActor, head: int, sector: str | None = None) -> Mention:
        ref = ActorRef(text=span.text, name=actor.name, id=actor.qid or actor.id, country=actor.country,
                       sector=sector or actor.sector)
        return Mention(span.start_char, span.end_char, ref, kind=actor.kind, head=head)

    def resolve_span(self, span: Span, inside: list[tuple[int, int, str]]) -> Mention | None:
        root = span.root
        if root.lower_ in PRONOUNS or root.pos_ == "PRON":
            return None
        span = trim_determiners(span)
        if not len(span):
            return None
        role = self.role_of(root)
        kb = [self.base.actors[a] for _, _, a in inside]
        heads = [self.base.actors[a] for s, e, a in inside if s <= root.i < e]
        if heads:  # the name is the head: "the Syrian Democratic Forces", "Hezbollah"
            return self.kb_mention(span, heads[-1], root.i)
        if kb and role:  # "Iraqi police", "U.S. forces": country + role
            return self.role_mention(span, root.i, role, kb[-1])
        if kb:  # "an American air strike": the name modifies a non-actor head
            return self.kb_mention(span, kb[-1], root.i, sector="MIL" if root.lemma_ in {"strike", "airstrike"} else None)
        if role:
            return self.role_mention(span, root.i, role, None)
        ent = next((e for e in span.doc.ents if e.start <= root.i < e.end and e.label_ in NAMED_LABELS), None)
        if ent is not None:
            kind = {"PERSON": "person", "NORP": "population", "GPE": "state"}.get(ent.label_, "other")
            ref = ActorRef(text=span.text, name=ent.text, id=f"local:{slug(ent.text)}")
            return Mention(span.start_char, span.end_char, ref, kind=kind, head=root.i)
        return None

    def role_mention(self, span: Span, head: int, role: tuple[str, str, str], state: KBActor | None) -> Mention:
        lemma, sector, kind = role
        if state is not None and state.kind == "state":
            country = state.country
            template = STATE_FORCE_NAMES.get(sector)
            name = template.format(state.name) if template else f"{plural_title(lemma)} ({state.name})"
            actor_id = f"{state.id}.{sector}"
        elif state is not None:  # "Hezbollah fighters": the group itself
            return self.kb_mention(span, state, head)
        else:
            country, name, actor_id = None, plural_title(lemma), f"local:{slug(lemma)}"
        ref = ActorRef(text=span.text, name=name, id=actor_id, country=country, sector=sector)
        return Mention(span.start_char, span.end_char, ref, kind=kind, head=head)


def plural_title(lemma: str) -> str:
    word = lemma.title()
    if word.endswith("y") and not word.endswith("ey"):
        return word[:-1] + "ies"
    return word if word.endswith("s") else word + ("es" if word.endswith(("sh", "ch")) else "s")


def trim_determiners(span: Span) -> Span:
    start = span.start
    while start < span.end and span.doc[start].pos_ in ("DET", "PUNCT"):
        start += 1
    return span.doc[start:span.end]


def merge_actors(mentions: list[Mention], base: ActorBase) -> list[Actor]:
    """One Actor per id, with every surface form seen as an alias."""
    actors: dict[str, Actor] = {}
    for m in mentions:
        ref = m.ref
        key = ref.id or f"local:{slug(ref.name)}"
        actor = actors.get(key)
        if actor is None:
            kb = base.get(key)
            actor = Actor(id=key, name=ref.name, kind=m.kind, country=ref.country, sector=ref.sector,
                          member_of=list(kb.member_of) if kb else [])
            actors[key] = actor
        if ref.text not in actor.aliases:
            actor.aliases.append(ref.text)
    return list(actors.values())


def mention_at(mentions: list[Mention], token_index: int, doc: Doc) -> Mention | None:
    """The mention that a token heads or lies in (the innermost one)."""
    char = doc[token_index].idx
    best = None
    for m in mentions:
        if m.head == token_index:
            return m
        if m.start <= char < m.end and (best is None or m.end - m.start < best.end - best.start):
            best = m
    return best

"""Actor resolution in one document: mentions (character spans) resolved to knowledge-base actors.

spaCy's small model mistypes many names, so the NER label only proposes spans; the knowledge base
decides. A mention is a noun chunk or entity; inside it the longest alias match names the actor,
a role noun at its head gives the sector ("Iraqi police" = Iraq + COP, named "Police Forces of Iraq"
as ACLED does), and unknown names are kept as local actors, never dropped.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from ..docindex import doc_text, ent_at, mention_index
from ..ingest.dateline import wire_head
from ..model import Actor, ActorRef, CodedDocument, Mention
from ..where.gazetteer import load_gazetteer
from .context import ContextRules
from .coref import resolve_coreference
from .kb import ActorBase, KBActor
from .offices import person_at
from .spans import (
    BACKING_WORDS,
    _token_range,
    backer_at,
    former_at,
    longest,
    person_name,
    plural_title,
    slug,
    stance_at,
    trim_determiners,
    without_count,
)

__all__ = ["ActorResolver", "mention_at", "merge_actors", "slug"]

NAMED_LABELS = {"PERSON", "ORG", "NORP", "GPE", "FAC"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
# "armed men", "unknown persons": no role noun, but ACLED's unidentified armed group
UNKNOWN_HEADS = {"man", "men", "person", "people", "individual", "group", "youth", "assailant", "party", "actor", "element"}
UNKNOWN_MODS = {"armed", "unidentified", "unknown", "masked", "hooded"}
Role = tuple[str, str, str, "str | None"]
COALITION_NOUNS = {"coalition", "alliance", "bloc", "force", "mission", "operation"}
OFFICE_NOUNS = {"office", "palace", "spokesman", "spokeswoman", "spokesperson", "aide", "administration", "cabinet",
                "residence", "staff", "adviser", "advisor", "press service", "press office"}
PRONOUNS = {"he", "she", "they", "it", "him", "her", "them", "we", "i", "you"}
# ACLED's names for state forces; other role nouns become "Protesters (Iraq)" and the like
STATE_FORCE_NAMES = {"MIL": "Military Forces of {}", "COP": "Police Forces of {}"}
STATE_ROLES = {"soldier", "troop", "army", "military", "force", "armed forces", "police", "policeman", "police officer",
               "security force"}  # one actor per state and sector: "Iraqi troops" = "the Iraqi army"


def is_acronym(alias: str) -> bool:
    """Aliases matched case-sensitively: 'IS', 'US', 'UN' must not match 'is', 'us', 'un'."""
    letters = re.sub(r"[^A-Za-z]", "", alias)
    return bool(letters) and letters.isupper() and len(letters) <= 5


@lru_cache(maxsize=1)
def act_nouns() -> frozenset[str]:
    """One-word nouns the event lexicon reads as acts ("strike", "offensive", "raid")."""
    from ..events.lexicon import load_lexicon

    return frozenset(n for n in load_lexicon().nouns if " " not in n)


APOSTROPHES = {"'", "’", "‘", "`"}


def letters_only(word: str) -> str:
    return "".join(ch for ch in word.lower() if ch.isalpha())


class ActorResolver:
    """Pipeline stage: fills ``coded.mentions`` and ``coded.actors``."""

    name = "actors"

    def __init__(self, nlp: Language, base: ActorBase | None = None):
        self.base = base or ActorBase.load()
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        exact, folded = {}, {}
        for actor in self.base.actors.values():
            names = {actor.name, *actor.aliases}
            # news text prints apostrophes curly as often as straight: "Da’esh", "Kata’ib"
            for alias in names | {n.replace("'", "’") for n in names if "'" in n}:
                (exact if is_acronym(alias) else folded).setdefault(alias, actor.id)
        self._add(nlp, self.exact, exact)
        self._add(nlp, self.folded, {a.lower(): i for a, i in folded.items()})
        # one-word names whose transliteration marks an Arabic letter with an apostrophe, wherever the writer put
        # it: "Da’esh", "Dae’sh", "Daesh" are one spelling in letters
        self.marked: dict[str, str] = {}
        for alias, actor_id in folded.items():
            if " " not in alias and APOSTROPHES & set(alias):
                self.marked.setdefault(letters_only(alias), actor_id)
        self.cues = self.base.cues
        self.gaz = load_gazetteer()
        self.day: str | None = None

    @staticmethod
    def _add(nlp: Language, matcher: PhraseMatcher, aliases: dict[str, str]) -> None:
        by_id: dict[str, list[str]] = {}
        for alias, actor_id in aliases.items():
            by_id.setdefault(actor_id, []).append(alias)
        for actor_id, names in by_id.items():
            matcher.add(actor_id, list(nlp.tokenizer.pipe(names)))

    def kb_matches(self, doc: Doc) -> list[tuple[int, int, str]]:
        """Longest non-overlapping alias matches: (start token, end token, actor id); names that mean an actor only
        in stories about some countries ('where') count only when the document's country is one of them."""
        found = [(s, e, doc.vocab.strings[m]) for m, s, e in self.exact(doc)]
        found += [(s, e, doc.vocab.strings[m]) for m, s, e in self.folded(doc)]
        matched = {i for s, e, _ in found for i in range(s, e)}
        if APOSTROPHES & set(doc_text(doc)):  # a name spelt with an inner apostrophe; most texts have none
            found += [(t.i, t.i + 1, self.marked[key]) for t in doc if t.i not in matched and t.is_alpha is False and
                      APOSTROPHES & set(t.text[1:-1]) and (key := letters_only(t.text)) in self.marked]
        if any(self.base.actors[a].where for _, _, a in found):
            chosen = longest(found)
            country = self.doc_country(doc, chosen)
            states = any(self.base.actors[a].kind == "state" for _, _, a in chosen)
            found = [m for m in found if self.fits(self.base.actors[m[2]], country, states)]
        return longest(found)

    def role_of(self, token) -> Role | None:
        """(lemma, sector, kind, ACLED name) of a role noun head, two-word roles ("prime minister") first;
        "armed men", "unidentified persons" are an unidentified armed group as ACLED names it."""
        lemma = token.lemma_.lower()
        left = token.i - 1
        if left >= 0 and token.doc[left].dep_ in ("compound", "amod"):
            pair = f"{token.doc[left].lemma_.lower()} {lemma}"
            if pair in self.base.agents:
                agent = self.base.agents[pair]
                return pair, agent.sector, agent.kind, agent.name
        agent = self.base.agents.get(lemma) if token.pos_ in ("NOUN", "PROPN") else None
        if (lemma in UNKNOWN_HEADS or (agent and agent.sector not in ("MIL", "COP", "REB"))) and any(
                c.lower_ in UNKNOWN_MODS for c in token.children if c.dep_ in ("amod", "compound")):
            return "armed group", "UAF", "armed_group", "Unidentified Armed Group ({})"  # "armed traffickers"
        if agent is not None:
            return lemma, agent.sector, agent.kind, agent.name
        return None

    def office_of(self, token) -> Role | None:
        """'the president's office', 'the prime minister's aides': the office holder's role speaks for them."""
        if token.lemma_.lower() not in OFFICE_NOUNS:
            return None
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        return self.role_of(owner) if owner is not None else None

    def candidate_spans(self, doc: Doc, dateline: range = range(0)) -> list[Span]:
        """Noun chunks and named entities, the longer first where they overlap; none in a wire dateline (the
        tokens ``dateline``)."""
        spans = [e for e in doc.ents if e.label_ in NAMED_LABELS] + list(doc.noun_chunks)
        spans.sort(key=lambda s: (s.start, -len(s)))
        out, covered = [], set(dateline)
        for span in spans:
            if span.start in dateline and span.end - 1 not in dateline:
                span = doc[dateline.stop:span.end]  # "Dec 29 (Reuters) - U.S. candidate X": the candidate
            if span.root.i in covered:
                continue
            covered.update(range(span.start, span.end))
            out.append(span)
        return out

    def __call__(self, doc: Doc, coded: CodedDocument) -> None:
        self.day = coded.publication_date  # who holds an office is who held it on the article's date
        matches = self.kb_matches(doc)
        country = self.doc_country(doc, matches)
        mentions: list[Mention] = []
        used: set[tuple[int, int, str]] = set()
        starts = [m[0] for m in matches]  # matches are sorted: a span's lie between two bisections
        dateline = _dateline_tokens(doc)
        for span in self.candidate_spans(doc, dateline):
            near = matches[bisect_left(starts, span.start):bisect_left(starts, span.end)]
            inside = [m for m in near if m[1] <= span.end and not backer_at(doc, m[1]) and not stance_at(doc, m[0])]
            used.update(inside)
            mention = self.resolve_span(span, inside, country) or self.owner_mention(span, inside, country)
            if mention:
                mentions.append(mention)
        for s, e, actor_id in matches:  # aliases outside any chunk ("Iran-backed" adjectives, odd parses)
            span = doc[s:e]
            if (s, e, actor_id) not in used and s not in dateline and not self.only_place(span, self.base.actors[actor_id]):
                mentions.append(self.kb_mention(span, self.base.actors[actor_id], span.root.i))
        mentions = without_cut_names(mentions)
        covered = {i for m in mentions for i in range(*_token_range(doc, m))}
        for tok in doc:  # a role noun the chunker missed ("a gendarme shot and killed ...": 'shot' read as a noun)
            if tok.i not in covered and tok.pos_ == "NOUN" and (role := self.role_of(tok)) is not None:
                mentions.append(self.role_mention(doc[tok.i:tok.i + 1], tok.i, role, None, country))
        mentions.sort(key=lambda m: m.start)
        ctx = ContextRules(self, doc, country, matches)
        extra = ctx.apply(mentions)
        mentions = resolve_coreference(doc, mentions, self.base, self.cues)
        coded.mentions = mentions
        coded.actors = merge_actors(mentions, self.base, ctx.member_of) + extra

    @staticmethod
    def fits(actor: KBActor, country: KBActor | None, states_named: bool) -> bool:
        """'the Saudi-led coalition' is Operation Restoring Hope in a story about Yemen, or one naming no state and
        no place we know (a short report from a district), not in a story about elsewhere."""
        if not actor.where:
            return True
        return country.country in actor.where if country is not None else not states_named

    def doc_country(self, doc: Doc, matches: list[tuple[int, int, str]]) -> KBActor | None:
        """The document's dominant country: states named, and places the gazetteer knows, when one leads."""
        votes: Counter[str] = Counter()
        for _, _, actor_id in matches:
            actor = self.base.actors[actor_id]
            if actor.kind == "state" and actor.country:
                votes[actor.country] += 1
        for ent in doc.ents:
            if ent.label_ not in ("DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT", "PERSON"):
                places = self.gaz.candidates(ent.text)
                if places:  # the most populous reading: Odessa is in Ukraine before Texas
                    votes[max(places, key=lambda p: p.population or 0).country] += 1
        top = votes.most_common(2)
        if not top or (len(top) > 1 and top[1][1] == top[0][1]):
            return None
        return self.base.get(top[0][0])

    def only_place(self, span: Span, actor: KBActor) -> bool:
        """'in Mosul', 'near Kabul', 'across Nigeria': a state's name in a locative phrase is a place."""
        if actor.kind != "state" or span.root.lemma_.lower() in act_nouns():
            return False  # "killed in an Israeli air strike": the phrase names an act, and its maker
        return self.locative(span.root)

    def locative(self, token) -> bool:
        """Whether a token is (in a list or apposition under) the object of 'in', 'near', 'across'..."""
        while token.dep_ in ("conj", "appos", "compound") and token.head.i != token.i:
            token = token.head
        return token.dep_ == "pobj" and token.head.lower_ in self.cues.get("locative", set())

    def kb_mention(self, span: Span, actor: KBActor, head: int, sector: str | None = None) -> Mention:
        country, own_sector = person_at(actor, self.day) if actor.kind == "person" else (actor.country, actor.sector)
        if actor.kind == "person" and former_at(span.doc, span.start):
            own_sector = None  # "former President X": the country stays, the government is someone else's
        ref = ActorRef(text=span.text, name=actor.name, id=actor.qid or actor.id, country=country,
                       sector=sector or own_sector)
        return Mention(span.start_char, span.end_char, ref, kind=actor.kind, head=head)

    def resolve_span(self, span: Span, inside: list[tuple[int, int, str]], country: KBActor | None = None) -> Mention | None:
        root = span.root
        if root.lower_ in PRONOUNS or root.pos_ == "PRON":
            return None
        whole, span = span, trim_determiners(span)
        if not len(span):
            return None
        role = self.role_of(root)
        kb = [self.base.actors[a] for _, _, a in inside]
        heads = [self.base.actors[a] for s, e, a in inside if s <= root.i < e]
        if heads:  # the name is the head: "the Syrian Democratic Forces", "Hezbollah"
            if self.only_place(span, heads[-1]):
                return None
            return self.kb_mention(span, heads[-1], root.i)
        if kb and role:  # "Iraqi police", "U.S. forces": country + role
            return self.role_mention(span, root.i, role, kb[-1])
        if kb and not role and (role := self.office_of(root)) is not None:  # "the Lebanese president's office"
            return self.role_mention(span, root.i, role, kb[-1])
        if kb and root.ent_type_ == "PERSON":  # "Hezbollah commander Ali Karaki": the person (context adds the body)
            ref = ActorRef(text=span.text, name=person_name(span.doc, root), id=f"local:{slug(person_name(span.doc, root))}")
            return Mention(span.start_char, span.end_char, ref, kind="person", head=root.i)
        if kb:  # "an American air strike": the name modifies a non-actor head
            if self.only_place(span, kb[-1]) or root.ent_type_ in PLACE_LABELS:
                return None
            return self.kb_mention(span, kb[-1], root.i, sector="MIL" if root.lemma_ in {"strike", "airstrike"} else None)
        ent = ent_at(span.doc, root.i)
        ent = ent if ent is not None and ent.label_ in NAMED_LABELS else None
        if role and ent is not None and root.pos_ == "PROPN" and len(ent) > 1:  # "Arakan Army": a name, not a role
            ref = ActorRef(text=span.text, name=ent.text, id=f"local:{slug(ent.text)}", sector=role[1])
            kind = "armed_group" if role[1] in ("MIL", "REB", "UAF") else role[2]
            return Mention(span.start_char, span.end_char, ref, kind=kind, head=root.i)
        if role:
            return self.role_mention(span, root.i, role, None, country)
        if ent is not None:
            if self.locative(root) and (ent.label_ in PLACE_LABELS or ent.label_ == "NORP" or self.gaz.candidates(ent.text)):
                return None  # "in Arequipa", "in Morelia, Michoacan": places, not actors
            kind = {"PERSON": "person", "NORP": "population", "GPE": "state"}.get(ent.label_, "other")
            ref = ActorRef(text=span.text, name=ent.text, id=f"local:{slug(ent.text)}")
            return Mention(span.start_char, span.end_char, ref, kind=kind, head=root.i)
        if root.lemma_.lower() in COALITION_NOUNS and any(c.lower_ in BACKING_WORDS for c in root.subtree):
            name = span.text  # "the Saudi-led coalition": a body of its own, whose leader relations.py names
            ref = ActorRef(text=whole.text, name=name, id=f"local:{slug(name)}")
            return Mention(whole.start_char, whole.end_char, ref, kind="other", head=root.i)
        if root.pos_ == "PROPN" and self.titled_apposition(root):  # "Karim Haddad, Iraq's defence minister"
            ref = ActorRef(text=span.text, name=span.text, id=f"local:{slug(span.text)}")
            return Mention(span.start_char, span.end_char, ref, kind="person", head=root.i)
        return None

    def owner_mention(self, span: Span, inside: list[tuple[int, int, str]], country: KBActor | None) -> Mention | None:
        """The named owner of a thing that is no actor: "Trump" in "Trump's remarks", "Turkey" in "Turkey's policy"."""
        owner = next((t for t in span if t.dep_ == "poss" and t.ent_type_ in NAMED_LABELS and t.i != span.root.i), None)
        ent = ent_at(span.doc, owner.i) if owner is not None else None
        if ent is None or ent.end > span.end:
            return None
        return self.resolve_span(span.doc[ent.start:ent.end], [m for m in inside if ent.start <= m[0] and m[1] <= ent.end],
                                 country)

    def titled_apposition(self, root) -> bool:
        """A name the tagger left untyped, set off by an office title in apposition: a person."""
        return any(c.dep_ == "appos" and (agent := self.base.agents.get(c.lemma_.lower())) is not None
                   and agent.kind == "government" for c in root.children)

    def role_mention(self, span: Span, head: int, role: Role, state: KBActor | None,
                     doc_country: KBActor | None = None) -> Mention:
        """'Iraqi police' -> Police Forces of Iraq; 'protesters' in an Indian story -> Protesters (India)."""
        lemma, sector, kind, template = role
        if state is not None and state.kind != "state":  # "Hezbollah fighters": the group itself
            return self.kb_mention(span, state, head)
        place = state or doc_country
        template = template or STATE_FORCE_NAMES.get(sector)
        if place is not None and template:
            suffix = "" if lemma in STATE_ROLES else f".{slug(lemma)}"
            name, actor_id = template.format(place.name), f"{place.id}.{sector}{suffix}"
        elif place is not None and state is not None:
            name, actor_id = f"{plural_title(lemma)} ({place.name})", f"{place.id}.{sector}.{slug(lemma)}"
        else:
            name = template.replace(" ({})", "").replace(" of {}", "") if template else plural_title(lemma)
            actor_id = f"local:{slug(name)}"
            place = None
        ref = ActorRef(text=span.text, name=name, id=actor_id, country=place.country if place else None, sector=sector)
        return Mention(span.start_char, span.end_char, ref, kind=kind, head=head)


def merge_actors(mentions: list[Mention], base: ActorBase, member_of: dict[int, list[str]] | None = None) -> list[Actor]:
    """One Actor per id, with every surface form seen as an alias (pronouns left out)."""
    actors: dict[str, Actor] = {}
    for m in mentions:
        ref = m.ref
        key = ref.id or f"local:{slug(ref.name)}"
        actor = actors.get(key)
        if actor is None:
            kb = base.get(base.by_qid.get(key, key))
            actor = Actor(id=key, name=ref.name, kind=m.kind, country=ref.country, sector=ref.sector,
                          member_of=list(kb.member_of) if kb else [])
            actors[key] = actor
        for org in (member_of or {}).get(id(m), []):
            if org not in actor.member_of:
                actor.member_of.append(org)
        if ref.text.lower() in PRONOUNS:
            continue
        for alias in dict.fromkeys((ref.text, without_count(ref.text))):  # "at least 35 civilians": "civilians" too
            if alias and alias not in actor.aliases:
                actor.aliases.append(alias)
    return list(actors.values())


def without_cut_names(mentions: list[Mention]) -> list[Mention]:
    """'the Islamic State of Iraq and the Levant': a chunk the parser cut inside a known name is no actor of its own;
    the name the knowledge base matched whole is."""
    known = [(m.start, m.end) for m in mentions if m.ref.id and not m.ref.id.startswith("local:")]
    return [m for m in mentions if not (m.ref.id or "").startswith("local:") or
            not any(a <= m.start and m.end <= b and b - a > m.end - m.start for a, b in known)]


def _dateline_tokens(doc: Doc) -> range:
    start, end = wire_head(doc_text(doc))
    if start == end:
        return range(0)
    span = doc.char_span(start, end, alignment_mode="expand")
    return range(span.start, span.end) if span is not None else range(0)


def mention_at(mentions: list[Mention], token_index: int, doc: Doc) -> Mention | None:
    """The mention that a token heads or lies in (the innermost one).

    Asked once per token by several stages: answered from an index built once per list of mentions (a list is
    never edited in place once the actors stage has made it; an appended one is re-indexed).
    """
    return mention_index(mentions, doc).at(token_index)

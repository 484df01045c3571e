"""Relations from what the article's actor list and the knowledge base already say: a person's body
(member_of), parties named beside people, known backers and allies of actors both in the article, and
hostility between the two sides of an attack."""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc, Token

from .actors import mention_at
from .actors.kb import ActorBase
from .actors.resolve import slug
from .docindex import doc_text
from .model import Actor, CodedDocument, Mention, Relation, Span
from .network_common import actor_id, words

# "(R-Tenn.)", "(D-N.Y.)": a US lawmaker's party and state after the name
PARTY_LETTER = re.compile(r"\s*\(\s*([A-Z])\s*[-–]\s*[A-Z][\w.]*(?:\s?[A-Z][\w.]*)?\s*\)")
ANTI = re.compile(r"\b(?:anti|counter)-([A-Z][\w.']*(?:\s[A-Z][\w.']*)?)")
# "Russian-Iranian alliance", "U.S.-Iraq partnership" (one word may stand between: "pro-Damascus")
PAIRED = re.compile(r"\b((?:[A-Z][\w.]*-){1,3}[A-Z][\w.]*)\s+(?:\S+\s+)?(?:alliance|partnership|axis|pact|friendship|"
                    r"cooperation|relationship|ties)\b")
PEOPLE = ("person",)
STATE_ORGANS = ("government", "military")
FORMER = {"former", "then", "ex", "onetime", "erstwhile", "late"}
LEADER = re.compile(r"\b(?:{})\b".format("|".join(words()["leader_titles"])))


def first_mentions(mentions: list[Mention]) -> dict[str, Mention]:
    out: dict[str, Mention] = {}
    for m in mentions:
        out.setdefault(actor_id(m), m)
    return out


def membership(doc: Doc, coded: CodedDocument, base: ActorBase, names: dict[str, list[str]]) -> list[Relation]:
    """Each actor's body that the article also names: the knowledge base's (source kb), or the one its titles
    and appositions gave it in this text (source text, evidence the actor's first mention). A person's government
    stands for its state when the article names the state; a titled leader ("President X") with no body named
    belongs to the state named before the title in its sentence, else to the article's leading state. A state's
    own organs are left out: that they belong to their state goes without saying."""
    record = record_ids(coded, base)
    first = first_mentions(coded.mentions)
    out = []
    for actor in list(coded.actors):
        by_id = {a.id: a for a in coded.actors}
        kb = base.get(base.by_qid.get(actor.id, actor.id))
        known_bodies = {record.get(b, b) for b in (kb.member_of if kb is not None else [])}
        bodies = [record.get(b, b) for b in actor.member_of]
        if actor.kind == "person":
            if former(doc, coded, actor.id):  # "former Secretary of State X" no longer holds the office
                bodies = [b for b in bodies if b in known_bodies]
            bodies = [b if b in known_bodies else person_tied(doc, coded, base, actor.id, b) for b in bodies[:1]]
            by_id = {a.id: a for a in coded.actors}  # a state only the title names has joined the actors
            bodies = [state_of(by_id[b], by_id) for b in bodies if b is not None and b in by_id]
            if not bodies and not former(doc, coded, actor.id) and (home := leader_state(doc, coded, actor.id, by_id, names)):
                bodies = [home]
        for body in bodies:
            if body == actor.id or body not in by_id or (actor.kind in STATE_ORGANS and by_id[body].kind == "state"):
                continue
            if body in known_bodies:
                out.append(Relation(actor.id, body, "member_of", None, "kb"))
            elif (m := first.get(actor.id)) is not None:
                out.append(Relation(actor.id, body, "member_of", Span(m.start, m.end, coded.text[m.start:m.end])))
    return out


def record_ids(coded: CodedDocument, base: ActorBase) -> dict[str, str]:
    """Knowledge-base id -> the record's id of that actor (the record keys some actors by their Wikidata id)."""
    return {base.by_qid.get(a.id, a.id): a.id for a in coded.actors}


def person_tied(doc: Doc, coded: CodedDocument, base: ActorBase, person: str, body: str) -> str | None:
    """tied(); a body that only the person's title names ("Brazilian Foreign Minister X", "Hezbollah official X",
    "Iran's foreign minister, X") joins the article's actors under that word. The body's record id, or None."""
    if any(a.id == body for a in coded.actors):
        return body if tied(doc, coded, base, person, body) else None
    kb = base.get(body)
    if kb is None:
        return None
    word = title_word(doc, coded, kb, person)
    if word is None and kb.kind == "state" and office_tied(doc, coded, person, body, kb.country):
        word = kb.name
    return join_actor(coded, kb, word) if word is not None else None


def title_word(doc: Doc, coded: CodedDocument, kb, person: str) -> str | None:
    """A name of the body among the words before the person's name in one of its mentions."""
    names = {n for n in kb.aliases if n[:1].isupper()}
    return next((t.text for m in coded.mentions if actor_id(m) == person and m.head is not None
                 for t in doc[doc[m.head].left_edge.i:m.head] if t.text in names and modifies(t, m.head)), None)


def modifies(tok: Token, head: int) -> bool:
    """The word hangs on the name through modifiers only ("Brazilian Foreign Minister X"), not through a
    preposition ("Operations against ISIL: Officer X")."""
    while tok.i != head:
        if tok.dep_ in ("prep", "pobj", "ROOT") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return True


def tied(doc: Doc, coded: CodedDocument, base: ActorBase, person: str, body: str) -> bool:
    """The text ties the person to the body: one sentence joins them by a short parse path through nouns whose
    prepositions are only 'of' or 'for' ("Russian Foreign Minister X", "X, a spokesman for Y"). "An expert on
    Syria", "an envoy to Syria", "a spokesman in Baghdad", "a fellow at the Washington Institute" name a subject,
    a place or an employer's address, not a body the person belongs to."""
    state = next((a.country for a in coded.actors if a.id == body and a.kind == "state"), None)
    if office_tied(doc, coded, person, body, state):
        return True
    kb = base.get(base.by_qid.get(body, body))  # "Russian Foreign Minister X" as one mention: the adjective in it
    return kb is not None and title_word(doc, coded, kb, person) is not None


def office_tied(doc: Doc, coded: CodedDocument, person: str, body: str, state: str | None) -> bool:
    """A mention of the body, or of one of the state's offices ("the Russian foreign minister, X"), joined to
    the person."""
    people = [m.head for m in coded.mentions if m.head is not None and actor_id(m) == person]
    bodies = [m.head for m in coded.mentions if m.head is not None and (actor_id(m) == body or (
        state is not None and m.ref.country == state and m.kind not in PEOPLE and actor_id(m) != person))]
    return any(joined(doc[p], doc[b]) for p in people for b in bodies)


def joined(x: Token, y: Token) -> bool:
    if x.sent.start != y.sent.start:
        return False
    up_x, up_y = [x.i, *(t.i for t in x.ancestors)], [y.i, *(t.i for t in y.ancestors)]
    common = next((i for i in up_x if i in up_y), None)
    if common is None:
        return False
    path = [x.doc[i] for i in up_x[:up_x.index(common)] + up_y[:up_y.index(common) + 1]]
    return len(path) <= 7 and all(t.pos_ not in ("VERB", "AUX") for t in path) and all(
        t.lower_ in ("of", "for") for t in path if t.dep_ == "prep")


def former(doc: Doc, coded: CodedDocument, person: str) -> bool:
    """Titled as one who held the office before: "former President X", "then-Secretary X", "ex-minister X"."""
    return any(t.lower_ in FORMER for m in coded.mentions if actor_id(m) == person and m.head is not None
               for t in [*title_run(doc, doc[m.head].left_edge.i), *doc[doc[m.head].left_edge.i:m.head]])


def state_of(body: Actor, by_id: dict[str, Actor]) -> str:
    """A government's state when the article names it, else the body itself."""
    if body.kind == "government" and body.id.endswith(".GOV"):  # a ministry ("Pentagon") stays itself
        return next((s for s in body.member_of if s in by_id and by_id[s].kind == "state"), body.id)
    return body.id


def leader_state(doc: Doc, coded: CodedDocument, person: str, by_id: dict[str, Actor],
                 names: dict[str, list[str]]) -> str | None:
    """The state of a leader titled "President X" (or another head-of-state or -government title) with no state
    beside the name: the one named last before the title in its sentence ("In Paris, President X said"), else the
    state the article names most."""
    titled = next((m for m in coded.mentions if actor_id(m) == person and LEADER.search(coded.text[m.start:m.end])), None)
    if titled is None:
        return None
    sent = doc[doc.char_span(titled.start, titled.end, alignment_mode="expand").start].sent
    states = [m for m in coded.mentions if is_state(m, by_id) and not actor_id(m).startswith("local:")]
    # states named before the title: as actors, or as places ("In Washington, President X said")
    before = [(m.start, actor_id(m)) for m in states if sent.start_char <= m.start < titled.start]
    before += [(e.start_char, state) for e in sent.ents if e.start_char < titled.start and e.label_ == "GPE"
               for state in names.get(e.text.lower(), [])[:1] if getattr(by_id.get(state), "kind", None) == "state"]
    if before:
        return max(before)[1]
    counts = Counter(actor_id(m) for m in states).most_common(2)
    return counts[0][0] if counts and (len(counts) == 1 or counts[0][1] > counts[1][1]) else None


def is_state(m: Mention, by_id: dict[str, Actor]) -> bool:
    return getattr(by_id.get(actor_id(m)), "kind", None) == "state"


def known(coded: CodedDocument, base: ActorBase) -> list[Relation]:
    """Backers and allies the knowledge base knows, between actors both in the article."""
    record = record_ids(coded, base)
    out = []
    for kb_id, rec_id in record.items():
        kb = base.get(kb_id)
        if kb is None:
            continue
        out += [Relation(record[b], rec_id, "backs", None, "kb") for b in kb.backed_by if b in record]
        out += [Relation(rec_id, record[b], "ally", None, "kb") for b in kb.allies if b in record]
    return out


def hostile_events(coded: CodedDocument) -> list[Relation]:
    """The actor and recipient of an attack, both named bodies (not people), stand against each other."""
    kinds = {a.id: a.kind for a in coded.actors}
    out = []
    for e in coded.events:
        if e.event_type not in words()["hostile_event_types"] or e.recipient is None:
            continue
        a, b = e.actor.id, e.recipient.id
        if a and b and a != b and a in kinds and b in kinds and kinds[a] not in PEOPLE and kinds[b] not in PEOPLE:
            out.append(Relation(a, b, "hostile", e.evidence))
    return out


def parties(doc: Doc, coded: CodedDocument, base: ActorBase) -> list[Relation]:
    """"Republican Senator X", "Democratic candidate X", "X (R-Ohio)": the person is a member of the party,
    which joins the article's actors under the words that named it."""
    w = words()
    out = []
    for m in coded.mentions:
        if m.kind != "person" or m.head is None:
            continue
        head = doc[m.head]
        cues = [(t, w["party_words"][t.text]) for t in [*title_run(doc, head.left_edge.i), *doc[head.left_edge.i:head.i]]
                if t.text in w["party_words"]]
        cues += [(c, w["party_words"][c.text]) for c in head.children if c.dep_ == "appos" and c.text in w["party_words"]]
        letter = PARTY_LETTER.match(coded.text, m.end)
        if letter and letter.group(1) in w["party_letters"]:
            word = w["party_letters"][letter.group(1)]
            cues.append((None, w["party_words"][word]))
        for tok, party_id in cues:
            party = base.get(party_id)
            if party is None:
                continue
            party_id = join_actor(coded, party, tok.text if tok is not None else w["party_letters"][letter.group(1)])
            lo = min(m.start, tok.idx) if tok is not None else m.start
            hi = max(m.end, tok.idx + len(tok)) if tok is not None else letter.end()
            out.append(Relation(actor_id(m), party_id, "member_of", Span(lo, hi, coded.text[lo:hi])))
    return out


def opposed_prefixes(doc: Doc, coded: CodedDocument, aliases: dict[str, str]) -> list[Relation]:
    """"anti-Trump protesters", "the counter-ISIL coalition": whoever the phrase names is hostile to the prefixed
    actor; a collective body no mention names ("the counter-ISIL coalition") joins the actors under its words."""
    out = []
    for hit in ANTI.finditer(doc_text(doc)):
        target = aliases.get(hit.group(1).lower())
        span = doc.char_span(hit.start(), hit.end(), alignment_mode="expand")
        if target is None or span is None:
            continue
        head = span.root
        while head.dep_ in ("amod", "compound", "nmod", "npadvmod") and head.head.i != head.i:
            head = head.head
        m = mention_at(coded.mentions, head.i, doc)
        holder = actor_id(m) if m is not None and actor_id(m) != target else None
        if holder is None and head.lemma_.lower() in words()["body_nouns"]:
            name = doc[span.start:head.i + 1].text
            holder = f"local:{slug(name)}"
            if all(a.id != holder for a in coded.actors):
                coded.actors.append(Actor(id=holder, name=name, kind="other", aliases=[name]))
        if holder is not None:
            lo, hi = min(span.start_char, doc[head.left_edge.i].idx), head.idx + len(head)
            out.append(Relation(holder, target, "hostile", Span(lo, hi, doc_text(doc)[lo:hi])))
    return out


def paired_names(doc: Doc, coded: CodedDocument, names: dict[str, list[str]]) -> list[Relation]:
    """"the Russian-Iranian alliance", "a strong U.S.-Iraq partnership": the hyphen-joined names are allies."""
    present = {a.id for a in coded.actors}
    out = []
    for hit in PAIRED.finditer(doc_text(doc)):
        ids = [next((i for i in names.get(n.lower(), []) if i in present), None) for n in hit.group(1).split("-")]
        ids = [i for i in ids if i is not None]
        out += [Relation(a, b, "ally", Span(hit.start(), hit.end(), hit.group(0))) for a in ids for b in ids if a < b]
    return out


def title_run(doc: Doc, start: int, most: int = 4) -> list[Token]:
    """The modifier words just before a name that the parse left out of it ("Democratic presidential
    frontrunner" read as a subject of its own)."""
    out: list[Token] = []
    i = start - 1
    while i >= 0 and len(out) < most and doc[i].pos_ in ("ADJ", "NOUN", "PROPN") and not doc[i + 1].is_sent_start:
        out.append(doc[i])
        i -= 1
    return out


def join_actor(coded: CodedDocument, kb, surface: str) -> str:
    """Add a knowledge-base actor the relation rules found to the record's actors, or the words to its aliases;
    its record id."""
    record_id = kb.qid or kb.id  # as the resolver keys it
    actor = next((a for a in coded.actors if a.id == record_id), None)
    if actor is None:
        actor = Actor(id=record_id, name=kb.name, kind=kb.kind, country=kb.country, sector=kb.sector,
                      member_of=list(kb.member_of))
        coded.actors.append(actor)
    if surface not in actor.aliases:
        actor.aliases.append(surface)
    return record_id

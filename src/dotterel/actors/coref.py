"""Rule-based coreference inside one document, after resolution.

- Acronyms the text defines: "the Arakan Rohingya Salvation Army (ARSA) ... ARSA said" -> one actor.
- Definite descriptions: "the group", "the militia", "the militants" -> the last armed group named before.
- Pronouns: he/she -> the last person named, they/them -> the last group or crowd, within a few sentences.
A mention keeps its own surface text; only the reference (name, id, country, sector) is the antecedent's.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Doc

from ..docindex import doc_text, tokens_among
from ..model import ActorRef, Mention
from .kb import ActorBase
from .parties import head_word, person_nouns
from .titles import office_titles

ACRONYM_DEF = re.compile(r"\b((?:[A-Z][\w'’-]*|of|for|the|and|de|al)(?:\s+(?:[A-Z][\w'’-]*|of|for|the|and|de|al|in))+)"
                         r"\s+\(([A-Z][A-Za-z0-9-]{1,9})\)")
PERSON_PRONOUNS = {"he", "she", "him"}
GROUP_PRONOUNS = {"they", "them"}
GROUP_KINDS = {"armed_group", "military", "population", "party"}
ORG_KINDS = {"armed_group", "military", "government", "igo", "party", "other"}
EXPLETIVE_HEADS = {"be", "seem", "appear", "remain", "rain", "take", "matter", "happen"}  # "it is unclear"
SAYING = {"say", "tell", "add", "state", "declare", "write", "tweet", "insist", "explain"}
MAX_SENTENCES = 3  # how far back a pronoun looks
WE_PRONOUNS = {"we"}
SPEAKING_BODIES = {"state", "government", "igo", "military"}  # who says "we" in a statement
_QUOTED = re.compile(r"“[^”]*”|\"[^\"\n]*\"|''[^'\n]*''")


def quoted_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _QUOTED.finditer(text)]


def resolve_coreference(doc: Doc, mentions: list[Mention], base: ActorBase, cues: dict[str, set[str]]) -> list[Mention]:
    mentions = sorted(mentions, key=lambda m: m.start)
    defined_acronyms(doc, mentions)
    one_person_per_name(mentions)
    mentions = the_titled(doc, mentions)
    by_head = {m.head: m for m in mentions if m.head is not None}
    sent_index = [0] * len(doc)
    for i, sent in enumerate(doc.sents):
        sent_index[sent.start:sent.end] = [i] * (sent.end - sent.start)
    group_nouns = cues.get("group_noun", set())
    quoted = quoted_spans(doc_text(doc))
    added = []
    # a document speaks with one voice: every narrative "we" is the same body, the one it names as the author of
    # its statements ("We condemn ... The U.S. reaffirms its commitment"), else the body last named before it
    voice: Mention | None = author_body(doc, mentions, quoted)
    for tok in doc:
        low = tok.lower_
        # "The United States condemns the attack. We call on ...": outside quotes, "we" is the body speaking
        first_person = low in WE_PRONOUNS and not any(a <= tok.idx < b for a, b in quoted)
        if low in PERSON_PRONOUNS or low in GROUP_PRONOUNS or first_person or (low == "it" and tok.dep_ == "nsubj"
                                                                               and tok.head.lemma_ not in EXPLETIVE_HEADS):
            if tok.pos_ != "PRON" or tok.i in by_head:
                continue
            want = {"person"} if low in PERSON_PRONOUNS else GROUP_KINDS if low in GROUP_PRONOUNS else \
                SPEAKING_BODIES if first_person else ORG_KINDS
            # "Kerry called Lavrov and urged him": an object pronoun is never the subject of its own verb
            skip = set() if tok.dep_.startswith("nsubj") else clause_subjects(governing_verb(tok))
            if low in PERSON_PRONOUNS and any(a <= tok.idx < b for a, b in quoted):
                # "X told reporters that 'the police killed him'": in X's words, "him" is someone else than X
                speakers = {c.i for v in tok.sent if v.lemma_.lower() in SAYING
                            for c in v.children if c.dep_ == "nsubj" and not any(a <= c.idx < b for a, b in quoted)}
                names = {by_head[i].ref.name if i in by_head else doc[i].text for i in speakers}
                skip |= speakers | {m.head for m in mentions if m.head is not None and
                                    (m.ref.name in names or m.ref.name.split()[-1:] in ([n] for n in names))}
            named = low == "it" or first_person
            people = low != "it"  # "it" is a body or a group, never "the minister"
            if first_person and voice is not None:
                ante = voice
            else:
                ante = antecedent(mentions, tok.idx, want, sent_index, tok.i, named=named, doc=doc, skip=skip,
                                  people=people) \
                    or (None if first_person else antecedent(mentions, tok.idx, want, sent_index, tok.i, named=named,
                                                             skip=skip, people=people))
            if low in PERSON_PRONOUNS and (noun := person_noun_before(tok, skip)) is not None and \
                    (ante is None or ante.head is None or ante.head < noun.i):
                # "the driver fired on the crowd, said the police who killed him": the person the sentence named
                # by a noun is nearer than the last person named by name
                own = by_head.get(noun.i)
                words = doc[noun.left_edge.i:noun.i + 1]
                # "a 78-year-old man" is three words and four hyphen tokens
                phrase = words.text if sum(not t.is_punct for t in words) <= 5 else noun.text
                ref = own.ref if own is not None else ActorRef(text=phrase, name=phrase)
                added.append(Mention(tok.idx, tok.idx + len(tok), copy_ref(ref, tok.text), kind="person", head=tok.i))
            elif ante is not None:
                added.append(Mention(tok.idx, tok.idx + len(tok), copy_ref(ante.ref, tok.text), kind=ante.kind, head=tok.i))
                if first_person:
                    voice = ante
        elif tok.lemma_.lower() in group_nouns and any(c.lower_ == "the" for c in tok.children if c.dep_ == "det"):
            own = by_head.get(tok.i)
            if own is not None and own.ref.id and not own.ref.id.startswith("local:"):
                continue  # "the Hezbollah fighters": already named
            if any(c.dep_ in ("amod", "compound") and c.pos_ == "PROPN" for c in tok.children):
                continue
            ante = named_with(mentions, tok) or \
                antecedent(mentions, tok.idx, {"armed_group", "other", "party"}, sent_index, tok.i, named=True)
            if ante is None:
                continue
            span = doc[tok.left_edge.i:tok.i + 1]
            if own is not None:
                own.ref = copy_ref(ante.ref, own.ref.text)
                own.kind = ante.kind
            else:
                added.append(Mention(span.start_char, span.end_char, copy_ref(ante.ref, span.text), kind=ante.kind,
                                     head=tok.i))
    return sorted(mentions + added, key=lambda m: m.start)


def author_body(doc: Doc, mentions: list[Mention], quoted: list[tuple[int, int]]) -> Mention | None:
    """The body a statement speaks for: a state, government or IGO that is, outside quotes and outside a
    headline, the subject of a main verb in the present tense other than a verb of saying ("The United States strongly
    condemns", "The Coalition complies with"). News reports tell acts in the past ("Russia said"); a statement by a
    body tells its own stance in the present."""
    for m in mentions:
        if m.kind not in SPEAKING_BODIES or m.head is None or not m.ref.id or m.ref.id.startswith("local:"):
            continue
        subject = doc[m.head]
        verb = subject.head
        if subject.dep_ == "nsubj" and verb.tag_ in ("VBZ", "VBP") and verb.dep_ in ("ROOT", "conj") and \
                verb.lemma_.lower() not in SAYING and not headline(verb.sent) and \
                not any(a <= subject.idx < b for a, b in quoted):
            return m
    return None


def headline(sentence) -> bool:
    """A first line without a full stop is a title, told in the present whoever speaks ("Russia warns Kyiv")."""
    return sentence.start == 0 and not sentence.text.rstrip().endswith((".", "!", "?", '"', "”"))


def person_noun_before(pronoun, skip: set[int]):
    """The nearest singular noun naming a person ("the driver", "a gunman") before a pronoun in its sentence."""
    for tok in reversed(pronoun.sent[:pronoun.i - pronoun.sent.start]):
        if tok.tag_ == "NN" and tok.i not in skip and tok.lemma_.lower() in person_nouns() and \
                tok.head.i != pronoun.head.i:  # "the officers who killed him": not the subject of its own verb
            return tok
    return None


def named_in_full(mention: Mention | None) -> bool:
    """A mention of a person the text names with more than one word ("Osama Hamdan", "Anna Lindqvist")."""
    return mention is not None and mention.kind == "person" and len(mention.ref.name.split()) > 1


def one_person_per_name(mentions: list[Mention]) -> None:
    """'Osama Hamdan ... Hamdan said': a surname alone is the person the article named in full, when exactly
    one person of the article carries it."""
    full: dict[str, set[tuple[str, str | None]]] = {}
    refs: dict[tuple[str, str | None], ActorRef] = {}
    for m in mentions:
        if named_in_full(m):
            key = (m.ref.name, m.ref.id)
            full.setdefault(m.ref.name.split()[-1].lower(), set()).add(key)
            refs.setdefault(key, m.ref)
    for m in mentions:
        words = m.ref.name.split()
        if m.kind != "person" or len(words) != 1 or len(owners := full.get(words[0].lower(), set())) != 1:
            continue
        m.ref = copy_ref(refs[next(iter(owners))], m.ref.text)


# words that make another office of a title: "the minister" is not the prime minister, nor "the president" the vice
OTHER_OFFICE = re.compile(r"\b(?:prime|vice|deputy)\s+$")


@cache
def title_heads() -> frozenset[str]:
    """The last words of the office titles ("prime minister" -> minister): a definite one may name a person."""
    return frozenset(t.split()[-1] for t in office_titles())


def the_titled(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """'Defense Secretary Ash Carter ... the secretary said': a definite title without a name is the person last
    named with that title."""
    titles = title_heads()
    people = [m for m in mentions if named_in_full(m)]
    by_head = {m.head: m for m in mentions if m.head is not None}
    added = []
    for tok in (doc[i] for i in tokens_among(doc, titles)):
        if tok.pos_ != "NOUN" or tok.dep_ == "compound" or \
                not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            continue
        words = [t.lower_ for t in doc[tok.left_edge.i:tok.i + 1] if t.dep_ in ("compound", "amod") or t == tok]
        title = re.compile(r"\b" + r"\s+".join(map(re.escape, words)) + r"\b")
        holder = next((m for m in reversed(people) if m.end <= tok.idx and (found := title.search(m.ref.text.lower()))
                       and not OTHER_OFFICE.search(m.ref.text.lower()[:found.start()])), None)
        if holder is None:
            continue
        own = by_head.get(tok.i)
        if own is not None:
            if not own.ref.id or own.ref.id.startswith("local:"):
                own.ref, own.kind = copy_ref(holder.ref, own.ref.text), "person"
            continue
        phrase = doc[tok.left_edge.i:tok.i + 1]
        added.append(Mention(phrase.start_char, phrase.end_char, copy_ref(holder.ref, phrase.text), kind="person",
                             head=tok.i))
    return sorted(mentions + added, key=lambda m: m.start) if added else mentions


def governing_verb(token):
    """The word a pronoun depends on, past prepositions: "meet with him" -> meet."""
    head = token.head
    while head.pos_ == "ADP" and head.head != head:
        head = head.head
    return head


def clause_subjects(verb) -> set[int]:
    """Token indexes of a verb's subjects, through coordinated and controlled verbs ("X called and urged him")."""
    for _ in range(3):
        found = {c.i for c in verb.children if c.dep_.startswith("nsubj")}
        if found or verb.dep_ not in ("conj", "xcomp") or verb.head == verb:
            return found
        verb = verb.head
    return set()


def named_with(mentions: list[Mention], noun) -> Mention | None:
    """'the US-led coalition ... the coalition': the known body last named with the same noun, however far back."""
    word = re.compile(r"\b" + re.escape(noun.lemma_.lower()) + r"s?\b")
    return next((m for m in reversed(mentions) if m.end <= noun.idx and m.ref.id and not m.ref.id.startswith("local:")
                 and word.search(m.ref.text.lower())), None)


def copy_ref(ref: ActorRef, text: str) -> ActorRef:
    return ActorRef(text=text, name=ref.name, id=ref.id, country=ref.country, sector=ref.sector)


def antecedent(mentions: list[Mention], before: int, kinds: set[str], sent_index: list[int], token_i: int,
               named: bool = False, doc: Doc | None = None, skip: set[int] | None = None,
               people: bool = True) -> Mention | None:
    """The closest mention before a character offset, of the wanted kinds, not too many sentences back;
    with ``doc``, only subjects (a pronoun subject most often continues the previous subject)."""
    for m in reversed(mentions):
        if m.end > before or m.head is None or (skip and m.head in skip):
            continue
        if doc is not None and doc[m.head].dep_ not in ("nsubj", "nsubjpass"):
            continue
        if sent_index[token_i] - sent_index[m.head] > MAX_SENTENCES:
            return None
        if not people and (head_word(m.ref.text) or "").lower().rstrip("s") in person_nouns():
            continue
        if m.kind in kinds and m.ref.text.lower() not in PERSON_PRONOUNS | GROUP_PRONOUNS:
            if named and (not m.ref.id or (m.ref.id.startswith("local:") and m.ref.name not in m.ref.text
                                           and not m.ref.text.isupper())):
                continue  # "the group" is a named group, not "armed men"
            return m
    return None


def defined_acronyms(doc: Doc, mentions: list[Mention]) -> None:
    """'Long Name (ACR)': later mentions of ACR (and the unknown long name) become one actor."""
    defs = {}
    for match in ACRONYM_DEF.finditer(doc_text(doc)):
        long_form, acr = match.group(1), match.group(2)
        long_form = re.sub(r"^(?:the|of|for|and)\s+", "", long_form, flags=re.I)
        initials = "".join(w[0] for w in re.findall(r"[A-Za-z][\w'’-]*", long_form) if w[0].isupper())
        if not initials or acr[0].upper() != initials[0]:
            continue  # "(Reuters)", "(AP)": not a definition
        start = match.start(1) + match.group(1).find(long_form)
        named = next((m for m in mentions if m.start <= start < m.end and m.ref.id and not m.ref.id.startswith("local:")),
                     None)
        defs[acr] = named.ref if named else ActorRef(text=long_form, name=long_form,
                                                     id="local:" + re.sub(r"[^a-z0-9]+", "-", long_form.lower()).strip("-"))
    if not defs:
        return
    by_head = {m.head: m for m in mentions if m.head is not None}
    kinds = {m.ref.id: m.kind for m in mentions}
    for tok in doc:
        ref = defs.get(tok.text)
        if ref is None:
            continue
        m = by_head.get(tok.i) or next((m for m in mentions if m.start <= tok.idx < m.end), None)
        if m is None:
            mentions.append(Mention(tok.idx, tok.idx + len(tok), copy_ref(ref, tok.text), kind=kinds.get(ref.id, "other"),
                                    head=tok.i))
        elif not m.ref.id or m.ref.id.startswith("local:"):
            m.ref = copy_ref(ref, m.ref.text)
    for m in mentions:  # the long form itself, when unknown to the knowledge base
        for ref in defs.values():
            if ref.id and ref.id.startswith("local:") and m.ref.text.endswith(ref.name) and m.ref.id != ref.id:
                m.ref = copy_ref(ref, m.ref.text)
    mentions.sort(key=lambda m: m.start)

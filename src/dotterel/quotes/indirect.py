"""Indirect speech: the clause a reporting verb governs ("the minister said that ...",
"X told Reuters ...", "..., officials said"), and "according to X, ..." attributions."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from ..docindex import doc_text, tokens_among
from .lexicon import cue_kind, preps, word_list
from .salience import document_noun

MIN_WORDS = 2
MIN_OBJECT_WORDS = 2
OBJECT_PREPS = {"as", "for", "on", "about", "against", "of"}  # "called on X to", "accused X of Y"
EXTEND_DEPS = {"prep", "advcl", "xcomp", "acomp", "npadvmod", "dobj", "conj", "appos", "oprd", "advmod"}
IDIOM_NOUNS = {"condition", "behalf", "record", "background"}  # "spoke on condition of anonymity", "on the record"
BREAKS = {",", "—", "–", "--", "-"}  # punctuation that sets off the writer's addition
EDGE_PUNCT = set(",;:—–-\"“”‘’'") | {"--", "and", "but"}


def clipped(doc: Doc, cue: Token, left: int, right: int) -> int:
    """The right end of the content: before a paragraph break, or before a second reporting verb
    coordinated with the cue ("said X and said that Y"). Nested and adverbial attributions stay inside
    ("said he believes ...", PolNeAR's contents keep them)."""
    for t in doc[left + 1:right + 1]:
        if "\n" in t.text:
            return t.i - 1
        if t.i > cue.i and cue_kind(t) == "speech" and t.dep_ == "conj" and t.head.i == cue.i:
            return min(t.left_edge.i, t.i) - 1
        if t.i > cue.i + 1 and ends_content(doc, cue, t, left):
            return min(t.left_edge.i, t.i) - 1
    return right


def ends_content(doc: Doc, cue: Token, t: Token, left: int) -> bool:
    """A clause that the writer adds after the reported words: "..., insisting that ...", "..., while
    others said ...", "... and urged ..." (a second act of the speaker, not part of what was said)."""
    if t.left_edge.i <= left:
        return False
    comma = doc[t.left_edge.i - 1].text in BREAKS or (t.left_edge.i == t.i and doc[t.i - 1].text in BREAKS)
    if t.dep_ == "advcl" and t.tag_ == "VBG" and comma and t.left_edge.i == t.i:
        return True
    if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("while", "whereas") for c in t.children):
        return comma
    if t.dep_ == "conj" and t.pos_ == "VERB" and cue_kind(t) == "speech" and t.tag_ == cue.tag_ and \
            not any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
        return True  # "said X and urged Y": the same tense as the cue
    return False


def para_left(doc: Doc, i: int, left: int) -> int:
    """``left`` moved up to the paragraph of token ``i``: the parse sometimes runs a sentence on across a
    paragraph break, and the content does not reach back across one."""
    return next((j + 1 for j in range(i - 1, left - 1, -1) if "\n" in doc[j].text or "\n" in doc[j].whitespace_), left)


def trimmed(doc: Doc, left: int, right: int) -> Span | None:
    """doc[left:right+1] without edge punctuation. A leading complementizer ("that", "whether") stays: the
    reported clause is the whole subordinate clause, as PolNeAR marks its contents."""
    while left <= right and (doc[left].text in EDGE_PUNCT or doc[left].is_space):
        left += 1
    while right >= left and (doc[right].text in EDGE_PUNCT or doc[right].is_space or doc[right].text == "."):
        right -= 1
    if right < left:
        return None
    return doc[left:right + 1]


SPEAKER_ENTS = {"PERSON", "ORG", "NORP", "GPE"}


def open_cue(token: Token) -> str | None:
    """A verb outside the lexicon that takes a "that"-clause from a named person, a body or a personal
    pronoun ("Smith figures that ...", "the Treasury reasoned that ..."): stance, like the thought verbs."""
    if token.pos_ != "VERB":
        return None
    subj = next((c for c in token.children if c.dep_ == "nsubj"), None)
    if subj is None or not (subj.ent_type_ in SPEAKER_ENTS or subj.lower_ in ("he", "she", "they", "we", "i")):
        return None
    ccomp = next((c for c in token.children if c.dep_ == "ccomp" and c.i > token.i), None)
    if ccomp is None or not any(m.dep_ == "mark" and m.lower_ == "that" for m in ccomp.children):
        return None
    return "thought"


def clauses(doc: Doc) -> Iterator[tuple[Span, Token]]:
    """(content, cue) for each reporting verb with a clausal complement."""
    for token in doc:
        kind = cue_kind(token) or open_cue(token)
        if kind is None or kind == "direct":
            continue
        if any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children):
            continue  # "is expected to", "was seen as": the passive hides who says or thinks it
        if kind == "adj":
            span = stance(doc, token)
            if span is not None:
                yield span, token
            continue
        if kind == "noun":
            span = nominal(doc, token)
            if span is not None:
                yield span, token
            continue
        if token.dep_ == "parataxis" and token.head.i != token.i and any(c.dep_ == "nsubj" for c in token.children):
            # "X, officials said, Y" / "X, she said.": the sentence the attribution is inserted in
            head = token.head
            left = para_left(doc, token.i, head.left_edge.i)
            span = trimmed(doc, left, clipped(doc, token, left, head.right_edge.i))
            if span is not None and len(span) >= MIN_WORDS:
                yield span, token
            continue
        content = [c for c in token.children if c.dep_ == "ccomp"] or statement_clause(token)
        if not content:
            span = complement(doc, token)
            if span is not None:
                yield span, token
            continue
        # two clauses when the parse ran a quote of the last paragraph into this sentence: the one after the
        # cue is what it reports
        clause = next((c for c in content if c.i > token.i), content[0])
        left, right = clause.left_edge.i, clause.right_edge.i
        if left < token.i:
            left = para_left(doc, token.i, left)
        if left <= token.i <= right and min(token.i - left, right - token.i) < 3:
            # the parse hung the cue inside its own content: keep the clause's side; a parenthetical
            # attribution ("X, the minister said, Y") keeps both sides, as one quote
            left = token.i + 1 if clause.i > token.i else left
            right = token.i - 1 if clause.i < token.i else right
        span = trimmed(doc, left, clipped(doc, token, left, right))
        if span is not None and len(span) >= MIN_WORDS:
            yield span, token


def statement_clause(verb: Token) -> list[Token]:
    """"said in a statement that ...": the parser hangs the that-clause on the noun."""
    for prep in verb.rights:
        for noun in (c for c in prep.children if prep.dep_ == "prep" and c.dep_ == "pobj" and document_noun(c.lemma_)):
            clause = next((a for a in noun.rights if a.dep_ in ("acl", "relcl")
                           and any(m.dep_ == "mark" and m.lower_ == "that" for m in a.children)), None)
            if clause is not None:
                return [clause]
    return []


def complement(doc: Doc, verb: Token) -> Span | None:
    """The object (with its "as ..." / predicate) or the infinitive of a stance verb without a clause:
    "called the statement “offensive”", "described the field as “very good”", "pledged to oppose ..."."""
    if verb.dep_ in ("amod", "compound", "acl"):
        return None
    rights = [c for c in verb.children if c.i > verb.i]
    # "told reporters" names the listener, not the words
    addressed = verb.lemma_.lower() in word_list("quotes_addressee_verbs.txt")
    objects = ("xcomp", "oprd") if addressed else ("dobj", "xcomp", "oprd", "dative")
    parts = [c for c in rights if c.dep_ in objects
             or (c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children))]  # "for X to Y"
    after = max((p.right_edge.i for p in parts), default=verb.i)
    allowed = OBJECT_PREPS | preps().get(verb.lemma_.lower(), frozenset())
    parts += [c for c in rights if c.dep_ == "prep" and c.lower_ in allowed and c.i <= after + 2
              and not any(o.ent_type_ in ("DATE", "TIME") or o.lemma_ in IDIOM_NOUNS for o in c.children)]  # "on Monday"
    parts += [p for c in rights if c.dep_ == "prep" and c.i <= after + 2 for p in stance_prep(c)]
    if not parts:
        return None
    left = min(p.left_edge.i for p in parts)
    if (doc[left].dep_ == "prep" and any(p.i == left for p in parts)) or (doc[left].dep_ == "mark" and doc[left].lower_ == "for"):
        left += 1  # "referred to [the plan]", "called for [X to go]", "voted in favor of [the bill]"
    right = max(p.right_edge.i for p in parts)
    # a phrase the parse hung on the verb right after the object still belongs to it ("dismissed the
    # actions [to regulate gun sales]", "listed the qualities [needed in a nominee]"), up to a comma
    for c in rights:
        if c.left_edge.i == right + 1 and c.dep_ in EXTEND_DEPS and not any(o.ent_type_ in ("DATE", "TIME") for o in c.subtree):
            right = c.right_edge.i
    # a comment clause after a comma is the writer's, not the content (", which he believes ...")
    right = next((t.i - 1 for t in doc[left + 1:right + 1] if t.text == "," and t.i + 1 <= right
                  and doc[t.i + 1].lower_ in ("which", "who", "whom")), right)
    span = trimmed(doc, left, clipped(doc, verb, left, right))
    if span is None:
        return None
    # one word is content when it names someone: "endorsed Sanders", "backed her"
    named = cue_kind(verb) == "object" and span[0].dep_ == "dobj" and names_someone(span)
    return span if len(span) >= MIN_OBJECT_WORDS or named else None


def names_someone(span: Span) -> bool:
    """A one-word content that names a person or body ("Sanders", "her"): short, but what the stance is about."""
    return len(span) == 1 and (span[0].pos_ == "PROPN" or span[0].lower_ in ("him", "her", "them"))


def stance_prep(prep: Token) -> list[Token]:
    """The preposition inside a complex preposition of stance ("in favor [of] X", "in support [of] X"), whose
    object is the content; none for any other phrase."""
    if prep.lower_ != "in":
        return []
    noun = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if noun is None or noun.lemma_.lower() not in word_list("quotes_stance_prepositions.txt"):
        return []
    return [c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "to", "for")][:1]


def stance(doc: Doc, adj: Token) -> Span | None:
    """The complement of a stance adjective of a speaker: "is confident [that ...]", "worried [about ...]",
    "opposed [to ...]", "made clear [that ...]"; only as a predicate (its subject is the speaker)."""
    if adj.dep_ not in ("acomp", "oprd", "ccomp", "xcomp") or any(c.dep_ == "neg" for c in adj.head.children):
        return None
    allowed = preps().get(adj.lower_, frozenset()) | {"about", "of"}
    for child in adj.rights:
        if child.dep_ in ("ccomp", "xcomp"):
            span = trimmed(doc, child.left_edge.i, clipped(doc, adj, child.left_edge.i, child.right_edge.i))
        elif child.dep_ == "prep" and child.lower_ in allowed:
            span = trimmed(doc, child.i + 1, clipped(doc, adj, child.i + 1, child.right_edge.i))
        else:
            continue
        if span is not None and len(span) >= 1:
            return span
    return None


def nominal(doc: Doc, noun: Token) -> Span | None:
    """The complement of an owned noun of saying: "Kerry's announcement [of a new ceiling]", "her call
    [for a ceasefire]", "the minister's claim [that ...]". Without an owner the speaker is unknown: skip."""
    if not any(c.dep_ == "poss" for c in noun.children):
        return None
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ in OBJECT_PREPS | {"to", "that"}:
            span = trimmed(doc, child.i + 1, child.right_edge.i)
        elif child.dep_ in ("acl", "ccomp", "relcl") and any(c.lower_ == "that" and c.dep_ == "mark" for c in child.children):
            span = trimmed(doc, child.left_edge.i, child.right_edge.i)
        elif child.dep_ == "acl" and any(c.lower_ == "to" and c.dep_ == "aux" for c in child.children):
            span = trimmed(doc, child.left_edge.i, child.right_edge.i)  # "her decision [to run]"
        else:
            continue
        if span is not None and (len(span) >= MIN_OBJECT_WORDS or names_someone(span)):  # "his attacks on Clinton"
            return span
    return None


ACCORDING = frozenset({"according"})


def according(doc: Doc) -> Iterator[tuple[Span, Span, Token]]:
    """(content, source phrase, "according") for "according to X" attributions."""
    for token in (doc[i] for i in tokens_among(doc, ACCORDING)):
        to = next((c for c in token.children if c.lower_ == "to"), None)
        if to is None and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            to = doc[token.i + 1]
        if to is None:
            continue
        obj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if obj is None:
            continue
        source = doc[obj.left_edge.i:obj.right_edge.i + 1]
        phrase_l = token.i
        phrase_r = max(token.right_edge.i, to.right_edge.i, obj.right_edge.i)
        sent = token.sent
        # the content is the rest of the sentence, on either side of the "according to" phrase
        start = para_left(doc, token.i, sent.start)
        left_part = trimmed(doc, start, phrase_l - 1) if phrase_l > start else None
        end = next((t.i for t in doc[phrase_r + 1:sent.end] if "\n" in t.text), sent.end)
        right_part = trimmed(doc, phrase_r + 1, end - 1) if phrase_r + 1 < end else None
        parts = [p for p in (left_part, right_part) if p is not None]
        if not parts:
            continue
        content = doc[parts[0].start:parts[-1].end] if len(parts) == 2 and len(parts[0]) < 3 else \
            max(parts, key=len)
        if len(content) >= MIN_WORDS:
            yield content, source, token


# "Okafor: We will not leave the coalition", "HOST: Why not run again?": a paragraph that
# opens with a short capitalized name and a colon is that speaker's words (headlines, interview transcripts)
HEADED = re.compile(r"^[ \t]*((?:[A-Z][\w.'’&-]*)(?:[ \t]+(?:[A-Z][\w.'’&-]*|of|de|van)){0,3}):[ \t]+(\S[^\n]*)$", re.M)


def headed(doc: Doc) -> Iterator[tuple[Span, Span]]:
    """(content, speaker phrase) for "Name: words" paragraphs."""
    text = doc_text(doc)
    for m in HEADED.finditer(text):
        name = m.group(1)
        # a section label, or a list of names ("Iowa: Ann Lee, Bo Diaz, ..."), is no speaker
        if name.lower().rstrip(".") in word_list("quotes_section_labels.txt") or m.group(2).count(",") >= 4:
            continue
        a, b = m.start(2), m.end(2)
        while b > a and text[b - 1] in " \t.":
            b -= 1
        content = doc.char_span(a, b, alignment_mode="expand")
        speaker = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        if content is None or speaker is None or len(content) < MIN_WORDS:
            continue
        yield content, speaker

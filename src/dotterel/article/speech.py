"""Criticism told as speech: what a named speaker says of a named party, in blame, is an accusation.

"X doesn't understand the first thing about security," said a former official; "the plan put forward by X is
reckless," a senator said. No verb of the sentence says "criticise", yet an analyst codes the speaker
criticising X (PLOVER ACCUSE, mode disapprove). This stage runs after the quotes stage: it reads each quote
whose speaker is known, and codes an accusation when the quoted words blame a party they name — a word of
blame (``data/criticism.txt``) or a denied grasp ("does not understand", "is not addressing"). The event's
evidence is the sentence that carries the quote.
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc, Token

from ..actors.parties import PRONOUNS
from ..model import CodedDocument, Event, Mention, Quote, Span
from ..quotes.lexicon import word_list
from ..when import TemporalResolver, find_expressions
from .layout import Layout
from .who import LEAD_SENTENCES

# verbs of grasp whose denial blames ("he does not understand", "they are not addressing reality")
GRASP_VERBS = {"understand", "know", "grasp", "address", "get", "comprehend", "see", "care", "learn"}
# the speaker's own side ("we", "our") never names the party blamed, and "it", "they", "which" too seldom do
NOT_BLAMED = {"i", "we", "us", "our", "me", "my", "you", "your", "it", "its", "they", "them", "which", "who", "that"}
# an accusation read from speech is an inference: a little less sure than an act a verb tells
SPOKEN_CONFIDENCE = 0.75
PREDICATIVE = {"acomp", "attr"}  # "... is reckless", "... is a disgrace"
CLAUSE_CLIMB = 4  # how far up from a word of blame its clause's verb may be
TOLD_ACTS = {"ACCUSE", "REJECT", "THREATEN"}  # an act of the speaker's already coded from the sentence


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children) or any(c.dep_ == "neg" for c in token.head.children)


def blames(token: Token) -> bool:
    """Is the word one of blame, said of someone ("X is reckless", not "not reckless", nor the label of a noun:
    "extremist groups"), or a denied grasp?"""
    if token.dep_ in ("amod", "compound"):
        return False
    if token.lemma_.lower() in GRASP_VERBS and token.pos_ in ("VERB", "AUX"):
        return any(c.dep_ == "neg" for c in token.children)
    words = word_list("criticism.txt")
    return (token.lemma_.lower() in words or token.lower_ in words) and not _negated(token)


class SpokenCriticism:
    """Pipeline stage (after quotes): accusations told as what a named speaker says of a named party."""

    name = "speech"

    def __call__(self, doc: Doc, coded: CodedDocument) -> None:
        layout = Layout.of(doc)
        if layout.n_sentences <= LEAD_SENTENCES:  # a lone sentence: the sentence coder's reading stands
            return
        pub = dt.date.fromisoformat(coded.publication_date) if coded.publication_date else None
        for quote in coded.quotes:
            event = self.accusation(doc, layout, quote, coded)
            if event is not None:
                TemporalResolver.date_event(event, find_expressions(event.evidence.text, pub), pub)
                coded.events.append(event)

    def accusation(self, doc: Doc, layout: Layout, quote: Quote, coded: CodedDocument) -> Event | None:
        speaker = quote.speaker
        if speaker is None or speaker.id is None and (not speaker.text or speaker.text.lower() in PRONOUNS):
            return None
        words = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if words is None:
            return None
        if quote.kind == "indirect":  # "said the plan put forward by X is reckless": the clause runs to its end
            words = doc[words.start:max(words.end, words.sent.end)]
        blame = [t for t in words if blames(t)]
        if not blame:
            return None
        speaking = [m for m in coded.mentions if words.start_char <= m.start < words.end_char and m.ref.name != speaker.name
                    and m.ref.text.lower() not in NOT_BLAMED and (m.ref.id is not None or m.kind == "person")]
        blamed = [(t, m) for t in blame for m in speaking if _token_at(doc, m) in _subject_of(t, words.start)]
        if not blamed:
            return None
        word, target = blamed[0]
        sentence = word.sent
        evidence = Span(sentence.start_char, sentence.end_char, sentence.text)
        if any(e.event_type in TOLD_ACTS and e.actor.name == speaker.name and
               layout.sentence(e.evidence.start) == layout.sentence(evidence.start) for e in coded.events):
            return None
        return Event(event_type="ACCUSE", actor=speaker, recipient=target.ref, evidence=evidence, doc_id=coded.doc_id,
                     mode="disapprove", trigger=Span(word.idx, word.idx + len(word), word.text),
                     confidence=SPOKEN_CONFIDENCE, salience=_salience_near(coded.events, layout, evidence))


def _subject_of(word: Token, said_from: int) -> set[int]:
    """Token indexes of the subject of the clause a word of blame belongs to: "X is reckless", "X's plan would
    make things worse", "the approach put forward by X is insufficient", "X does not understand". A parse that
    leaves "is reckless" without a subject leaves the words said before it (from token ``said_from``)."""
    head = word
    for _ in range(CLAUSE_CLIMB):
        if head.pos_ in ("VERB", "AUX") or head.head == head:
            break
        head = head.head
    subject = {t.i for c in head.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
    if subject or word.dep_ not in PREDICATIVE:
        return subject
    return set(range(said_from, word.i))


def _token_at(doc: Doc, mention: Mention) -> int:
    if mention.head is not None:
        return mention.head
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span.root.i if span is not None else 0


def _salience_near(events: list[Event], layout: Layout, evidence: Span) -> str:
    """Speech about the news is news: main, unless every act told in the sentence is background."""
    here = [e.salience for e in events if layout.sentence(e.evidence.start) == layout.sentence(evidence.start)]
    return "background" if here and all(s == "background" for s in here) else "main"

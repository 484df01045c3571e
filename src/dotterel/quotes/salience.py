"""Who a pronoun or a document speaker ("he said", "the statement said") stands for: the people and
bodies the article has made salient so far, in text order. Salient are the speakers of earlier quotes
and named people who are the subject of a clause; a person only mentioned ("a top adviser to
then-President Bush", "the late Imad Haddad") is not."""

from __future__ import annotations

from bisect import bisect_right, insort

from spacy.tokens import Doc, Span

from ..model import ActorRef
from .lexicon import word_list

SUBJECT_DEPS = ("nsubj", "nsubjpass")
ORG_ENTS = ("ORG", "NORP", "GPE")


def person_noun(lemma: str) -> bool:
    return lemma.lower() in word_list("quotes_person_nouns.txt")


def document_noun(lemma: str) -> bool:
    """"the statement said": a text that speaks for its author."""
    return lemma.lower() in word_list("quotes_document_nouns.txt")


def full_names(ents: tuple[Span, ...]) -> dict[str, str]:
    """last name -> the longest name of a person the article gives ("Hamdan" -> "Osama Hamdan"), so one
    person is one speaker however the article shortens the name."""
    out: dict[str, str] = {}
    for ent in ents:
        if ent.label_ != "PERSON":
            continue
        last = ent[-1].text.lower()
        if len(ent.text) > len(out.get(last, "")):
            out[last] = ent.text
    return out


class Salience:
    """Referents in text order: (char offset, kind, ref), kind "person" or "org"."""

    def __init__(self, doc: Doc, ents: tuple[Span, ...], quoted: list[tuple[int, int]]) -> None:
        self.items: list[tuple[int, int, str, ActorRef]] = []
        self.names = full_names(ents)
        self._n = 0
        starts = [a for a, _ in quoted]
        for ent in ents:
            k = bisect_right(starts, ent.start_char) - 1
            if k >= 0 and ent.start_char < quoted[k][1]:
                continue  # a name in someone's words is no referent of the narration
            root = ent.root
            subject = root.dep_ in SUBJECT_DEPS or (root.dep_ == "appos" and root.head.dep_ in SUBJECT_DEPS)
            if ent.label_ == "PERSON" and subject:
                self.add(ent.start_char, "person", ActorRef(text=ent.text, name=self.titled(doc, ent)))
            elif ent.label_ == "ORG" and subject:
                self.add(ent.start_char, "org", ActorRef(text=ent.text, name=ent.text))

    def titled(self, doc: Doc, ent: Span) -> str:
        """The fullest name: the long form the article gives elsewhere, else the name with its title
        ("President Obama")."""
        full = self.full(ent.text)
        if full != ent.text:
            return full
        left = ent.start
        while left > 0 and doc[left - 1].dep_ == "compound" and doc[left - 1].head.i >= ent.start and doc[left - 1].is_title:
            left -= 1
        return doc[left:ent.end].text

    def is_person_name(self, word: str) -> bool:
        return word.lower() in self.names

    def full(self, name: str) -> str:
        parts = name.split()
        if not parts:
            return name
        longer = self.names.get(parts[-1].lower(), name)
        return longer if len(longer) > len(name) and longer.endswith(parts[-1]) else name

    def add(self, char: int, kind: str, ref: ActorRef, speaker: bool = False) -> None:
        self._n += 1
        insort(self.items, (char, -self._n if speaker else self._n, kind + (":speaker" if speaker else ""), ref))

    def before(self, char: int, kinds: tuple[str, ...], speakers_only: bool = False) -> ActorRef | None:
        """The most recent referent of one of `kinds` before `char` (speakers of quotes only: the
        "he added" that goes on from the last quote)."""
        for pos, _, kind, ref in reversed(self.items):
            if pos >= char:
                continue
            base, _, role = kind.partition(":")
            if base in kinds and (role == "speaker" or not speakers_only):
                return ref
        return None

    def voice(self, char: int) -> ActorRef | None:
        """Who a quote paragraph without attribution belongs to: the last speaker, or a person the
        narration has just introduced ("The mayor, Ana Ruiz, spoke at the station.")."""
        for pos, _, kind, ref in reversed(self.items):
            if pos < char and (kind.endswith(":speaker") or kind == "person"):
                return ref
        return None

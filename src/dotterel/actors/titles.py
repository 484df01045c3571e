"""Titles and appositions tie a person to a body, a country and a sector, with or without the knowledge base.

- "Armenian Prime Minister X", "X, Iraq's defence minister": the country the title names, its sector (GOV);
- "President X said" with no country in the title: the article's country, when it has one;
- "Secretary of Defense X": titles that are one country's own (``data/office_titles.tsv``) name that country;
- "former President X", "ex-minister X": the country stays, but a former official is no longer the government.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from ..docindex import ent_at
from ..model import ActorRef, Mention

if TYPE_CHECKING:
    from .context import ContextRules

# dependency links that stay inside a person's title or apposition (not clauses that mention others)
TITLE_DEPS = {"compound", "amod", "nmod", "poss", "appos", "prep", "pobj", "det", "npadvmod", "case", "punct", "flat"}
SPEAKER_ROLES = {"spokesman", "spokeswoman", "spokesperson", "leader", "head", "chief", "commander", "official",
                 "representative", "member", "envoy", "minister", "secretary", "president", "director"}
FORMER_WORDS = {"former", "ex", "ex-", "late", "erstwhile", "outgoing", "deposed", "ousted", "exiled", "onetime"}
OFFICE_SECTORS = {"GOV", "LEG", "JUD", "MIL", "COP", "SPY"}


@cache
def office_titles() -> dict[str, tuple[str, str | None]]:
    """'secretary of defense' -> ('GOV', 'USA'): titles with their sector, and the country whose own title it is."""
    out: dict[str, tuple[str, str | None]] = {}
    text = (resources.files("dotterel") / "data" / "office_titles.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            title, sector, *rest = line.split("\t")
            out[title.strip().lower()] = (sector.strip(), rest[0].strip() or None if rest else None)
    return out


def title_tokens(root: Token) -> set[int]:
    out, todo = set(), [root]
    if root.dep_ == "appos":
        todo.append(root.head)
    if root.head.dep_ == "appos" or root.dep_ == "compound":
        todo.append(root.head)
    while todo:
        t = todo.pop()
        for c in t.children:
            if c.dep_ in TITLE_DEPS and c.i not in out:
                out.add(c.i)
                todo.append(c)
    return out


def former_title(doc: Doc, near: set[int], start: int) -> bool:
    """'former President X', 'X, a former defence minister', 'ex-Prime Minister X'."""
    words = [doc[i] for i in near] + list(doc[max(start - 4, 0):start])
    return any(t.lower_ in FORMER_WORDS or t.lower_.startswith("ex-") for t in words)


def known_title(doc: Doc, near: set[int]) -> tuple[str, str | None] | None:
    """The longest title of office_titles.tsv among the title's words ('Secretary of Defense')."""
    if not near:
        return None
    lo, hi = min(near), max(near) + 1
    text = " " + " ".join(t.lower_ for t in doc[lo:hi]) + " "
    found = [(len(title), v) for title, v in office_titles().items() if f" {title} " in text]
    return max(found)[1] if found else None


def affiliate(ctx: ContextRules, m: Mention) -> None:
    """A person (or a name the parser left untyped) with a title: its body, country and sector."""
    if m.head is None:
        return
    doc, base = ctx.doc, ctx.r.base
    root = doc[m.head]
    near = title_tokens(root)
    ent = ent_at(doc, root.i) or doc[root.i:root.i + 1]
    orgs = [base.actors[a] for s, e, a in ctx.matches if s in near and not (ent.start <= s < ent.end)]
    orgs = [o for o in orgs if o.kind != "person"]
    titled = any(doc[i].lemma_.lower() in SPEAKER_ROLES for i in near)
    former = m.kind == "person" and former_title(doc, near, ent.start)
    known = known_title(doc, near)
    sector = known[0] if known else next((base.agents[t.lemma_.lower()].sector for t in (doc[i] for i in near)
                                          if t.lemma_.lower() in base.agents), None)
    if not orgs:
        if m.kind == "person" and not m.ref.country and (sector in OFFICE_SECTORS):
            country = known[1] if known and known[1] else (ctx.country.country if ctx.country else None)
            m.ref = ActorRef(text=m.ref.text, name=m.ref.name, id=m.ref.id, country=country,
                             sector=None if former else sector)
        elif former and m.ref.sector in OFFICE_SECTORS:
            m.ref = ActorRef(**{**m.ref.__dict__, "sector": None})
        return
    if m.kind != "person" and not titled:
        return
    m.kind = "person"
    org = next((o for o in reversed(orgs) if o.kind != "state"), orgs[-1])
    m.ref = ActorRef(text=m.ref.text, name=m.ref.name, id=m.ref.id, country=org.country or m.ref.country,
                     sector=None if former else (m.ref.sector or sector or org.sector))
    ctx.member_of[id(m)] = [org.id]

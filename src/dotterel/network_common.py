"""What the relation modules share: the word lists of data/relations.yaml, record ids of mentions, and the
relation a parse rule found."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml
from spacy.tokens import Token

from .actors.resolve import slug
from .model import Mention


@lru_cache(maxsize=1)
def words() -> dict:
    """data/relations.yaml: every word list of the relation rules."""
    data = yaml.safe_load((resources.files("dotterel") / "data" / "relations.yaml").read_text(encoding="utf-8"))
    return {k: (set(v) if isinstance(v, list) else v) for k, v in data.items()}


@dataclass(frozen=True)
class Found:
    """One relation found in the text: a -> b, with the tokens that span its evidence."""

    a: str
    b: str
    type: str
    lo: int
    hi: int


def actor_id(m: Mention) -> str:
    """The record actor id of a mention (merge_actors keys unknown actors by their name)."""
    return m.ref.id or f"local:{slug(m.ref.name)}"


def conjuncts(tok: Token) -> list[Token]:
    return [tok, *tok.conjuncts]

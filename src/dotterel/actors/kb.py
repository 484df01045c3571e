"""The actor knowledge base: versioned data files in the package, plus the user's own additions.

``data/actors.jsonl`` holds one actor a line ({id, name, kind, country, sector, aliases, member_of,
backed_by?, allies?, qid?, offices?}), ``actors_dated.jsonl`` and ``actors_factbook.jsonl`` more of them (see
data/README.md and offices.py for how they merge); ``data/agents.tsv`` maps role nouns to sectors. A user's file
(``dotterel kb add``,
default ``~/.config/dotterel/actors.jsonl``, or ``DOTTEREL_KB``) is merged over the package's at load.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from ..model import Actor
from .offices import merge_ranked

PACKAGE_SOURCES = ("actors.jsonl", "actors_dated.jsonl", "actors_factbook.jsonl")  # highest rank first


@dataclass
class KBActor(Actor):
    """A knowledge-base actor: the record's actor fields plus who backs it, its allies, its Wikidata id and, for
    a person, the offices held (see offices.py)."""

    backed_by: list[str] = field(default_factory=list)
    allies: list[str] = field(default_factory=list)
    qid: str | None = None
    offices: list[dict] = field(default_factory=list)  # {country, sector, title?, since, until?, known_to?}
    where: list[str] = field(default_factory=list)  # ISO3s: the names mean this actor only in articles about these

    @classmethod
    def from_dict(cls, rec: dict) -> KBActor:
        known = {k: rec[k] for k in cls.__dataclass_fields__ if k in rec and rec[k] is not None}
        return cls(**known)

    def to_dict(self) -> dict:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


@dataclass
class Agent:
    """A role noun ("soldiers", "police") and what it tells about an actor."""

    lemma: str
    sector: str
    kind: str
    name: str | None = None  # ACLED-style name, "{}" = country: "Protesters ({})"


def user_kb_path() -> Path:
    env = os.environ.get("DOTTEREL_KB")
    if env:
        return Path(env)
    return Path(os.environ.get("XDG_CONFIG_HOME", Path.home() / ".config")) / "dotterel" / "actors.jsonl"


def _package_file(name: str) -> Path:
    return Path(str(resources.files("dotterel") / "data" / name))


def read_actor_file(path: Path) -> list[KBActor]:
    out = []
    with path.open(encoding="utf-8") as f:
        for lineno, line in enumerate(f, start=1):
            if line.strip() and not line.startswith("#"):
                try:
                    out.append(KBActor.from_dict(json.loads(line)))
                except (json.JSONDecodeError, TypeError) as err:
                    raise ValueError(f"{path}:{lineno}: bad actor record ({err})") from None
    return out


class ActorBase:
    """All actors by id, with the user's records replacing the package's of the same id."""

    def __init__(self, actors: list[KBActor], agents: list[Agent]):
        self.actors: dict[str, KBActor] = {}
        for actor in actors:
            self.actors[actor.id] = actor
        self.agents: dict[str, Agent] = {}
        for agent in agents:  # the first line for a lemma wins: our own list comes before PETRARCH's
            self.agents.setdefault(agent.lemma, agent)
        self.by_qid = {a.qid: a.id for a in self.actors.values() if a.qid}  # mentions carry the QID when known
        self.cues: dict[str, set[str]] = read_cues(_package_file("agents.tsv"))

    @classmethod
    def load(cls, extra: list[Path] | None = None) -> ActorBase:
        """The package's sources merged by rank (curated and PETRARCH2 over dated office holders over the
        Factbook), then the user's records, which replace the package's of the same id."""
        ranked = [read_actor_file(_package_file(name)) for name in PACKAGE_SOURCES if _package_file(name).is_file()]
        actors = list(merge_ranked(ranked).values())
        for path in [user_kb_path(), *(extra or [])]:
            if path.is_file():
                actors += read_actor_file(path)
        return cls(actors, read_agents(_package_file("agents.tsv")))

    def get(self, actor_id: str) -> KBActor | None:
        return self.actors.get(actor_id)


def read_agents(path: Path) -> list[Agent]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith(("#", "@")):
            lemma, sector, kind, *rest = line.split("\t")
            name = rest[0].strip() if rest and rest[0].strip() else None
            out.append(Agent(lemma.strip().lower(), sector.strip(), kind.strip(), name))
    return out


def read_cues(path: Path) -> dict[str, set[str]]:
    """'@name<TAB>lemma lemma ...' lines: the words that context rules (protest, riot, locative) look for."""
    out: dict[str, set[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("@") and "\t" in line:
            name, words = line[1:].split("\t", 1)
            out[name.strip()] = set(words.split())
    return out


def add_user_actor(actor: KBActor, path: Path | None = None) -> Path:
    """Append (or replace) an actor in the user's own file; the package data is never edited."""
    path = path or user_kb_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    kept = [a for a in read_actor_file(path) if a.id != actor.id] if path.is_file() else []
    with path.open("w", encoding="utf-8") as f:
        for a in [*kept, actor]:
            f.write(json.dumps(a.to_dict(), ensure_ascii=False) + "\n")
    return path

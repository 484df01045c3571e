"""Merging the knowledge base's sources, and who held an office on a date.

Sources, the later of lower rank: ``actors.jsonl`` (PETRARCH2's countries, institutions and groups, with our curated
records already merged over them), ``actors_dated.jsonl`` (PETRARCH2's office holders with dates),
``actors_factbook.jsonl`` (the CIA World Factbook: today's leaders, forces, parties, designated groups).
A record of lower rank never changes one of higher rank: it only adds aliases and offices to the record of the same
id (or, for a person, of the same full name), and gives up any name a higher-ranked record already uses.

An office is {country, sector, title?, since, until?, known_to?}: ``known_to`` marks what a source could know (an
office still open when PETRARCH2's dictionaries were last updated may have ended since).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .kb import KBActor


def merge_ranked(sources: list[list[KBActor]]) -> dict[str, KBActor]:
    """Actors by id from sources given highest rank first."""
    actors: dict[str, KBActor] = {}
    owner: dict[str, str] = {}  # folded alias -> id of the record that uses it
    for rank, source in enumerate(sources):
        for actor in source:
            target = actors.get(actor.id)
            if target is None and actor.kind == "person":
                target = next((actors[owner[n.lower()]] for n in [actor.name, *actor.aliases]
                               if n.lower() in owner and actors[owner[n.lower()]].kind == "person"), None)
            if target is not None:
                if rank:
                    extend(target, actor, owner)
                continue
            if rank:
                actor.aliases = [a for a in actor.aliases if a.lower() not in owner]
                if not actor.aliases and actor.name.lower() in owner:
                    continue
            actors[actor.id] = actor
            for name in [actor.name, *actor.aliases]:
                owner.setdefault(name.lower(), actor.id)
    return actors


def extend(target: KBActor, extra: KBActor, owner: dict[str, str]) -> None:
    """Add a lower-ranked record's new names and offices to a record; its other fields stay."""
    for alias in extra.aliases:
        if alias.lower() not in owner:
            target.aliases.append(alias)
            owner[alias.lower()] = target.id
    for office in extra.offices:
        if office not in target.offices:
            target.offices.append(office)
    if target.kind == "person" and extra.offices and not target.country:
        target.country = extra.country
    target.offices.sort(key=lambda o: o.get("since") or "")


def office_at(offices: list[dict], day: str | None) -> dict | None:
    """The office held on a day (ISO date), the latest begun if several; None when none is known to be held."""
    if not offices:
        return None
    held = [o for o in offices if holds(o, day)]
    return max(held, key=lambda o: o.get("since") or "") if held else None


def holds(office: dict, day: str | None) -> bool:
    if day is None:  # no date: what the sources say now
        return not office.get("until") and not office.get("known_to")
    day = day[:10]
    if office.get("since") and day < office["since"]:
        return False
    end = office.get("until") or office.get("known_to")
    return not end or day <= end


def person_at(actor: KBActor, day: str | None) -> tuple[str | None, str | None]:
    """(country, sector) of a person on a day: the office's when one is held, else their country and no sector
    (a former president is no longer the government); records without offices keep their own fields."""
    if not actor.offices:
        return actor.country, actor.sector
    office = office_at(actor.offices, day)
    if office is not None:
        return office["country"], office["sector"]
    return actor.country, None

"""The filter options of the store commands (events, incidents, export, trends, alerts), checked in one place.

A bad value ends the command with one line saying what works (exit status 2); an actor that several actors match
is named on stderr, with the matches.
"""

from __future__ import annotations

from dataclasses import dataclass

import typer

from .filters import FilterError, check_country, check_types, parse_precision, parse_when

DbOpt = typer.Option("dotterel.duckdb", "--db", help="DuckDB store file.")
SinceOpt = typer.Option(None, "--since", help="Earliest date: YYYY[-MM[-DD]], today, yesterday, last week, '3 days ago'.")
UntilOpt = typer.Option(None, "--until", help="Latest date, as --since.")
TypeOpt = typer.Option(None, "--type", help="PLOVER event type(s), comma-separated (ASSAULT,PROTEST).")
CountryOpt = typer.Option(None, "--country", help="Country of the place or of either actor: ISO3 (IRQ) or name (Iraq).")
ActorOpt = typer.Option(None, "--actor", help="Actor or recipient: id, name or surface form.")
PrecisionOpt = typer.Option(None, "--precision", help="How precisely events are placed, comma-separated: site, city, "
                                                      "admin1, country, none (not placed).")


def check_precision(value: str | None) -> list[str] | None:
    """--precision values, or exit 2 naming the ones that are not."""
    from .cli_guard import fail

    try:
        return parse_precision(value)
    except FilterError as err:
        fail(str(err))
    return None


@dataclass
class Filters:
    since: str | None = None
    until: str | None = None
    types: list[str] | None = None
    country: str | None = None
    actor: str | None = None


def checked(since: str | None, until: str | None, event_type: str | None, country: str | None,
            actor: str | None, store=None) -> Filters:
    """The options as the queries take them, or exit 2 with the reason."""
    from .cli_guard import fail

    try:
        f = Filters(parse_when(since, "--since"), parse_when(until, "--until"), check_types(event_type),
                    check_country(country), actor or None)
    except FilterError as err:
        fail(str(err))
    if f.actor and store is not None:
        report_actor_matches(store.con, f.actor)
    return f


def actor_matches(con, value: str, limit: int = 8) -> list[tuple[str, str]]:
    """(id, name) of the stored actors an --actor value matches: the id itself, else a name or alias containing it."""
    exact = con.execute("SELECT DISTINCT id, name FROM actors WHERE id = ? OR lower(name) = lower(?) ORDER BY 1",
                        [value, value]).fetchall()
    if exact:
        return exact
    pattern = f"%{value.lower()}%"
    return con.execute("SELECT id, any_value(name) FROM actors WHERE lower(name) LIKE ? OR lower(array_to_string(aliases, "
                       "'|')) LIKE ? GROUP BY id ORDER BY 2 LIMIT ?",
                       [pattern, pattern, limit]).fetchall()


def report_actor_matches(con, value: str) -> None:
    matches = actor_matches(con, value)
    if not matches:
        typer.echo(f"dotterel: --actor {value!r} matches no stored actor by id, name or alias; matching surface forms "
                   f"only", err=True)
    elif len(matches) > 1:
        names = "; ".join(f"{name} ({actor_id})" for actor_id, name in matches)
        typer.echo(f"dotterel: --actor {value!r} matches {len(matches)} actors: {names}. Showing all of them; give an "
                   f"id to pick one", err=True)

"""Commands over many documents: incidents (`fuse`, `incidents`) and the escalation monitor (`trends`, `alerts`).

Registered on the main app by ``register(app)`` in cli.py; each command is a thin wrapper over incident_query,
incident_store and trends.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer

from .cli_filters import ActorOpt, CountryOpt, DbOpt, SinceOpt, TypeOpt, UntilOpt, checked


def _table(rows: list[dict], columns: list[str], as_json: bool) -> None:
    from .cli import print_rows  # the main CLI's table printer (loaded by the time a command runs)

    print_rows(rows, columns, as_json)


def fuse(db: Path = DbOpt) -> None:
    """Re-do incident fusion from scratch: near-duplicate documents and incidents over the whole store."""
    from .cli_guard import open_store_or_fail
    from .corrections import reapply_incidents
    from .incident_store import refuse_all

    with open_store_or_fail(db) as store:
        store.con.execute("BEGIN TRANSACTION")
        counts = refuse_all(store.con)
        reapply_incidents(store.con)  # an analyst's incident corrections outlive fusion
        store.con.execute("COMMIT")
    typer.echo(f"{counts['documents']} documents ({counts['duplicates']} near-duplicates): {counts['incidents']} incidents, "
               f"{counts['multi_source']} of them from several sources", err=True)


def incidents(
    db: Path = DbOpt,
    actor: str | None = ActorOpt,
    event_type: str | None = TypeOpt,
    since: str | None = SinceOpt,
    until: str | None = UntilOpt,
    country: str | None = CountryOpt,
    min_sources: int = typer.Option(1, "--min-sources", min=1, help="Only incidents told by at least this many sources."),
    limit: int = typer.Option(50, "--limit"),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per incident, with its sources."),
) -> None:
    """Incidents: events from many documents that report one real-world incident, with their sources."""
    from .cli_guard import open_store_or_fail
    from .incident_query import incident_where
    from .incident_query import incidents as query

    with open_store_or_fail(db, read_only=True) as store:
        f = checked(since, until, event_type, country, actor, store)
        w = incident_where(f.since, f.until, f.types, f.actor, f.country, min_sources, literal=False)
        items = query(store.con, w, limit)["items"]
    if as_json:
        for item in items:
            typer.echo(json.dumps(item, ensure_ascii=False, default=str))
        return
    for item in items:
        item["docs"] = ", ".join(sorted({s["doc_id"] for s in item["sources"]}))
    _table(items, ["id", "date", "event_type", "actor_name", "recipient_name", "location_name", "fatalities", "n_sources",
                   "confidence", "docs"], False)


ByOpt = typer.Option("dyad", "--by", help="Series per dyad (actor -> recipient), actor or country.")
SourceOpt = typer.Option("incidents", "--from", help="Count incidents (each real incident once) or raw events.")


def _series(db: Path, by: str, source: str, since, until, event_type, country, actor) -> dict:
    from .cli_guard import fail, open_store_or_fail
    from .incident_query import incident_where, trend_rows
    from .trends import BY, daily_series

    if by not in BY:
        fail(f"--by must be one of {', '.join(BY)}, got {by!r}")
    if source not in ("incidents", "events"):
        fail(f"--from must be incidents or events, got {source!r}")
    with open_store_or_fail(db, read_only=True) as store:
        f = checked(since, until, event_type, country, actor, store)
        w = incident_where(f.since, f.until, f.types, f.actor, f.country, literal=False)
        return daily_series(trend_rows(store.con, w, source), by)


def trends(
    db: Path = DbOpt, by: str = ByOpt, source: str = SourceOpt, actor: str | None = ActorOpt,
    event_type: str | None = TypeOpt, since: str | None = SinceOpt, until: str | None = UntilOpt,
    country: str | None = CountryOpt, top: int = typer.Option(20, "--top", help="The busiest series only."),
    as_json: bool = typer.Option(False, "--json", help="The daily series, one JSON object per series."),
) -> None:
    """Daily conflict and cooperation intensity per dyad, actor or country (weights: data/plover_weights.yaml)."""
    from .trends import summary

    series = _series(db, by, source, since, until, event_type, country, actor)
    lines = summary(series, top)
    if as_json:
        for line in lines:
            typer.echo(json.dumps({**line, "series": series[line["key"]]}, ensure_ascii=False))
        return
    _table(lines, ["key", "events", "conflict", "cooperation", "peak_day", "peak_conflict"], False)


def alerts(
    db: Path = DbOpt, by: str = ByOpt, source: str = SourceOpt, actor: str | None = ActorOpt,
    event_type: str | None = TypeOpt, since: str | None = SinceOpt, until: str | None = UntilOpt,
    country: str | None = CountryOpt,
    window: int = typer.Option(14, "--window", min=2, help="Days of the trailing baseline."),
    z: float = typer.Option(3.0, "--z", min=0.5, help="Standard deviations above the baseline that make an alert."),
    min_baseline: int = typer.Option(3, "--min-baseline", min=0, help="Events the baseline window needs."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Days on which a series breaks out of its trailing baseline (z-score), strongest first."""
    from .trends import AlertRule
    from .trends import alerts as find

    series = _series(db, by, source, since, until, event_type, country, actor)
    found = find(series, AlertRule(window=window, z=z, min_baseline_events=min_baseline))
    _table(found, ["day", "key", "side", "value", "baseline", "z", "events"], as_json)


def register(app: typer.Typer) -> None:
    for command in (fuse, incidents, trends, alerts):
        app.command()(command)

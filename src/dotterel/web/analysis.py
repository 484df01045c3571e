"""Routes over many documents: incidents (with their sources) and the escalation monitor (trends, alerts).

``add_routes(app, Con)`` is called by create_app with its per-request connection dependency.
"""

from typing import Annotated, Any, Literal

from fastapi import FastAPI, HTTPException, Query

from .. import incident_query as iq
from ..corrections import annotate
from ..filters import FilterError, check_country, check_types, parse_precision, parse_when
from ..trends import AlertRule, alerts, daily_series, summary

Since = Annotated[str | None, Query(description="Earliest date: YYYY[-MM[-DD]], 'last week', '3 days ago'")]
Until = Annotated[str | None, Query(description="Latest date, as since")]
Types = Annotated[str | None, Query(description="PLOVER event types, comma-separated")]
Actor = Annotated[str | None, Query(description="Actor or recipient id or name")]
Country = Annotated[str | None, Query(description="ISO3 or country name, of the place or of either actor")]
By = Annotated[Literal["dyad", "actor", "country"], Query(description="One series per dyad, actor or country")]
Source = Annotated[Literal["incidents", "events"], Query(alias="from", description="Count incidents or raw events")]


def _where(since, until, event_type, actor, country, min_sources: int | None = None, precision: str | None = None,
           recipient: str | None = None) -> iq.Where:
    try:
        return iq.incident_where(parse_when(since, "since"), parse_when(until, "until"), check_types(event_type), actor,
                                 check_country(country), min_sources, precision=parse_precision(precision),
                                 recipient=recipient or None)
    except FilterError as err:
        raise HTTPException(422, str(err)) from None


def add_routes(app: FastAPI, Con: Any) -> None:  # noqa: N803 (the app's dependency type)
    @app.get("/api/incidents", tags=["read"])
    def list_incidents(con: Con, since: Since = None, until: Until = None, event_type: Types = None, actor: Actor = None,
                       country: Country = None, min_sources: Annotated[int, Query(ge=1, le=1000)] = 1,
                       precision: Annotated[str | None, Query(description="Location precision, as /api/events")] = None,
                       recipient: Annotated[str | None, Query(description="Recipient id or name (with actor: a dyad)")] = None,
                       limit: Annotated[int, Query(ge=1, le=1000)] = 100,
                       offset: Annotated[int, Query(ge=0, le=10**12)] = 0) -> dict:
        """Incidents (events from many documents that report one real incident), each with ``sources`` and
        ``n_sources``; paging as /api/events."""
        page = iq.incidents(con, _where(since, until, event_type, actor, country, min_sources, precision, recipient),
                            limit, offset)
        annotate(con, page["items"], "incident")
        return page

    @app.get("/api/incidents/{incident_id}", tags=["read"])
    def get_incident(con: Con, incident_id: str) -> dict:
        """One incident: merged fields, where each came from, and every source with why it joined."""
        found = iq.incident(con, incident_id)
        if found is None:
            raise HTTPException(404, f"no incident {incident_id!r}")
        hashes = sorted({s["content_hash"] for s in found["sources"]})
        titles = dict(con.execute(f"SELECT content_hash, title FROM documents WHERE content_hash IN "
                                  f"({', '.join('?' * len(hashes))})", hashes).fetchall()) if hashes else {}
        for source in found["sources"]:
            source["title"] = titles.get(source["content_hash"])  # the card names each source by its title
        return annotate(con, [found], "incident")[0]

    @app.get("/api/trends", tags=["read"])
    def get_trends(con: Con, by: By = "dyad", source: Source = "incidents", since: Since = None, until: Until = None,
                   event_type: Types = None, actor: Actor = None, country: Country = None,
                   top: Annotated[int, Query(ge=1, le=500)] = 20) -> dict:
        """Daily conflict and cooperation intensity of the busiest series (weights: data/plover_weights.yaml)."""
        series = daily_series(iq.trend_rows(con, _where(since, until, event_type, actor, country), source), by)
        return {"by": by, "items": [{**s, "series": series[s["key"]]} for s in summary(series, top)]}

    @app.get("/api/alerts", tags=["read"])
    def get_alerts(con: Con, by: By = "dyad", source: Source = "incidents", since: Since = None, until: Until = None,
                   event_type: Types = None, actor: Actor = None, country: Country = None,
                   window: Annotated[int, Query(ge=2, le=365)] = 14, z: Annotated[float, Query(ge=0.5, le=50)] = 3.0,
                   min_baseline: Annotated[int, Query(ge=0, le=10000)] = 3) -> dict:
        """Days on which a series breaks out of its trailing baseline (z-score over ``window`` days)."""
        series = daily_series(iq.trend_rows(con, _where(since, until, event_type, actor, country), source), by)
        rule = AlertRule(window=window, z=z, min_baseline_events=min_baseline)
        return {"by": by, "rule": rule.__dict__, "items": alerts(series, rule)}

"""The escalation monitor on a synthetic corpus whose escalation we know."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from dotterel.trends import AlertRule, alerts, daily_series, intensity, summary

from .synthetic import days, event, record, ref, store_records

A, B = ref("Alpha Front", "ALPHA", "IRQ", "REB"), ref("Beta Army", "BETA", "IRQ", "MIL")
C, D = ref("Gamma", "GAMMA", "SYR", "GOV"), ref("Delta", "DELTA", "SYR", "GOV")
ESCALATION_DAY = "2024-03-21"


def corpus() -> list[dict]:
    """30 quiet days: Alpha accuses Beta once a day and Gamma consults Delta once a day; on day 21 Alpha launches
    three deadly attacks on Beta (in three towns)."""
    rows, n = [], 0
    for day in days("2024-03-01", 30):
        rows += [event(n, "ACCUSE", A, B, day), event(n + 1, "CONSULT", C, D, day)]
        n += 2
        if day == ESCALATION_DAY:
            for place, dead in (("Kirkuk", 12), ("Mosul", 5), ("Aleppo", 3)):
                rows.append(event(n, "ASSAULT", A, B, day, place, dead, "heavy-weapons"))
                n += 1
    return rows


def flat(row: dict) -> dict:
    return {"event_type": row["event_type"], "mode": row["mode"], "actor_name": row["actor"]["name"],
            "recipient_name": row["recipient"]["name"], "country": (row["location"] or {}).get("country"),
            "actor_country": row["actor"]["country"], "date": row["date"], "fatalities": row["fatalities"]}


def test_material_acts_and_deaths_weigh_more():
    verbal = intensity({"event_type": "ACCUSE"})
    strike = intensity({"event_type": "ASSAULT", "mode": "aerial", "fatalities": 4})
    assert verbal == ("conflict", 1.0) and strike[0] == "conflict" and strike[1] > intensity({"event_type": "ASSAULT"})[1]
    assert intensity({"event_type": "AID"})[0] == "cooperation"
    assert intensity({"event_type": "NOT_A_TYPE"}) is None


def test_alert_on_the_escalating_dyad_and_day_only():
    series = daily_series([flat(r) for r in corpus()], "dyad")
    assert set(series) == {"Alpha Front -> Beta Army", "Gamma -> Delta"}
    assert len(series["Gamma -> Delta"]) == 30
    found = alerts(series)
    assert [(a["key"], a["day"], a["side"]) for a in found] == [("Alpha Front -> Beta Army", ESCALATION_DAY, "conflict")]
    assert found[0]["z"] >= 3 and found[0]["events"] == 4


def test_no_alert_on_a_flat_series_or_without_a_baseline():
    quiet = [flat(r) for r in corpus() if r["event_type"] != "ASSAULT"]
    assert alerts(daily_series(quiet, "dyad")) == []
    only_burst = [flat(r) for r in corpus() if r["event_type"] == "ASSAULT"]
    assert alerts(daily_series(only_burst, "dyad")) == []  # nothing before it to break out of
    assert alerts(daily_series([flat(r) for r in corpus()], "dyad"), AlertRule(min_baseline_events=100)) == []


def test_series_per_country_and_actor():
    by_country = daily_series([flat(r) for r in corpus()], "country")
    assert {"IRQ", "SYR"} <= set(by_country)
    lines = summary(daily_series([flat(r) for r in corpus()], "actor"))
    assert lines[0]["key"] == "Alpha Front" and lines[0]["peak_day"] == ESCALATION_DAY


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    from dotterel.store import Store

    path = tmp_path_factory.mktemp("trends") / "t.duckdb"
    with Store(path) as store:
        store_records(store, [record(f"doc{e['id']}", [e], e["date"]) for e in corpus()])
    return path


def test_cli_trends_and_alerts(db):
    from dotterel.cli import app

    run = CliRunner().invoke
    out = run(app, ["alerts", "--db", str(db), "--json"])
    assert out.exit_code == 0, out.output
    found = [json.loads(line) for line in out.stdout.splitlines()]
    assert [(a["key"], a["day"]) for a in found] == [("Alpha Front -> Beta Army", ESCALATION_DAY)]
    out = run(app, ["trends", "--db", str(db), "--by", "country", "--country", "Syria", "--json"])
    assert [json.loads(line)["key"] for line in out.stdout.splitlines()] == ["SYR"]
    assert run(app, ["trends", "--db", str(db), "--by", "region"]).exit_code == 2


def test_api_trends_and_alerts(db):
    from fastapi.testclient import TestClient

    from dotterel.web import create_app

    with TestClient(create_app(db, read_only=True), base_url="http://localhost") as client:
        page = client.get("/api/alerts", params={"by": "dyad"}).json()
        assert [(a["key"], a["day"]) for a in page["items"]] == [("Alpha Front -> Beta Army", ESCALATION_DAY)]
        trends = client.get("/api/trends", params={"by": "actor", "top": 1}).json()["items"]
        assert trends[0]["key"] == "Alpha Front" and len(trends[0]["series"]) == 30
        assert client.get("/api/trends", params={"since": "someday"}).status_code == 422

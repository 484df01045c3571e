"""Corrections and flags (API and CLI), the download of a selection, and the location-precision filter.

Each test works on its own copy of one small coded store (the articles of test_api_server), so a correction made
by one test is never seen by another. Expected values are read from the store before the change.
"""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from dotterel.cli import app as cli_app
from dotterel.network import QUAD
from tests.test_api_server import AUTH, BASE, TOKEN, store_fixtures

db_file, _client = store_fixtures("corrections")
runner = CliRunner()


@pytest.fixture
def copy(tmp_path, db_file):
    path = tmp_path / "store.duckdb"
    shutil.copy(db_file, path)
    return path


@pytest.fixture
def client(copy, pipeline):
    from dotterel.web import create_app

    with TestClient(create_app(copy, pipeline=pipeline, token=TOKEN), base_url=BASE, headers=AUTH) as c:
        yield c


def all_events(client, **params) -> list[dict]:
    page = client.get("/api/events", params={"limit": 1000, **params}).json()
    assert page["total"] == len(page["items"])
    return page["items"]


def one_event(client, **wanted) -> dict:
    return next(e for e in all_events(client) if all(e[k] == v for k, v in wanted.items()))


def csv_rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_a_corrected_event_type_is_read_filtered_exported_and_undone(client):
    arrest = one_event(client, event_type="COERCE", doc_id="kenya-1")
    assert all(e["corrected"] == [] and e["flag"] is None for e in all_events(client))
    made = client.post(f"/api/events/{arrest['id']}/corrections",
                       json={"field": "event_type", "value": "protest", "who": "ana", "note": "a march, not an arrest"})
    assert made.status_code == 201, made.text
    correction = made.json()
    assert (correction["old_value"], correction["new_value"], correction["who"]) == ("COERCE", "PROTEST", "ana")
    assert correction["made_at"] and correction["undone_at"] is None

    now = one_event(client, id=arrest["id"])
    assert now["event_type"] == "PROTEST" and now["quad"] == QUAD["PROTEST"] and now["corrected"] == ["event_type"]
    assert arrest["id"] in {e["id"] for e in all_events(client, event_type="PROTEST")}
    assert arrest["id"] not in {e["id"] for e in all_events(client, event_type="COERCE")}
    exported = {r["id"]: r for r in csv_rows(client.get("/api/export", params={"format": "csv"}).text)}
    assert exported[arrest["id"]]["event_type"] == "PROTEST"

    undone = client.delete(f"/api/corrections/{correction['id']}")
    assert undone.status_code == 200 and undone.json()["undone_at"] is not None
    assert one_event(client, id=arrest["id"])["event_type"] == "COERCE"
    exported = {r["id"]: r for r in csv_rows(client.get("/api/export", params={"format": "csv"}).text)}
    assert exported[arrest["id"]]["event_type"] == "COERCE"
    history = client.get(f"/api/events/{arrest['id']}/corrections").json()["items"]
    assert [c["id"] for c in history] == [correction["id"]] and history[0]["undone_at"] is not None


def test_undoing_the_first_of_two_corrections_keeps_the_second(client):
    event = one_event(client, doc_id="bomb-1", event_type="ASSAULT")
    first = client.post(f"/api/events/{event['id']}/corrections", json={"field": "fatalities", "value": 5}).json()
    second = client.post(f"/api/events/{event['id']}/corrections", json={"field": "fatalities", "value": "6"}).json()
    assert second["old_value"] == "5"
    client.delete(f"/api/corrections/{first['id']}")
    assert one_event(client, id=event["id"])["fatalities"] == 6
    client.delete(f"/api/corrections/{second['id']}")
    assert one_event(client, id=event["id"])["fatalities"] == event["fatalities"]


def test_names_date_and_place_are_corrected_in_every_export(client):
    event = one_event(client, doc_id="kenya-1", event_type="COERCE")
    for field, value in [("actor", "Nairobi county police"), ("recipient", "finance bill marchers"),
                         ("date", "2024-06-25"), ("location", "Parliament Road")]:
        assert client.post(f"/api/events/{event['id']}/corrections", json={"field": field, "value": value}).status_code == 201
    now = one_event(client, id=event["id"])
    assert (now["actor_name"], now["recipient_name"], now["date"], now["location_name"]) == (
        "Nairobi county police", "finance bill marchers", "2024-06-25", "Parliament Road")
    plover = [json.loads(line) for line in client.get("/api/export", params={"format": "plover"}).text.splitlines()]
    mine = next(p for p in plover if p["id"] == event["id"])
    assert (mine["actor"]["name"], mine["recipient"]["name"], mine["date"], mine["event_loc"]["name"]) == (
        "Nairobi county police", "finance bill marchers", "2024-06-25", "Parliament Road")
    acled = next(r for r in csv_rows(client.get("/api/export", params={"format": "acled"}).text)
                 if r["event_id_cnty"] == event["id"])
    assert (acled["actor1"], acled["actor2"], acled["event_date"], acled["location"]) == (
        "Nairobi county police", "finance bill marchers", "2024-06-25", "Parliament Road")
    geo = client.get("/api/export", params={"format": "geojson"}).json()
    props = next(f["properties"] for f in geo["features"] if f["properties"]["id"] == event["id"])
    assert (props["actor"], props["place"]) == ("Nairobi county police", "Parliament Road")


def test_a_flagged_wrong_event_leaves_exports_unless_asked_for(client):
    event = one_event(client, doc_id="iraq-1", event_type="ASSAULT")
    everything = csv_rows(client.get("/api/export", params={"format": "csv"}).text)
    assert event["id"] in {r["id"] for r in everything}
    flagged = client.post(f"/api/events/{event['id']}/corrections", json={"flag": "wrong", "who": "ana"})
    assert flagged.status_code == 201 and flagged.json()["field"] == "flag"
    assert one_event(client, id=event["id"])["flag"] == "wrong"  # still read by the API, marked
    left = csv_rows(client.get("/api/export", params={"format": "csv"}).text)
    assert {r["id"] for r in left} == {r["id"] for r in everything} - {event["id"]}
    kept = csv_rows(client.get("/api/export", params={"format": "csv", "include_flagged": "true"}).text)
    assert {r["id"] for r in kept} == {r["id"] for r in everything}
    client.delete(f"/api/corrections/{flagged.json()['id']}")
    assert one_event(client, id=event["id"])["flag"] is None
    assert len(csv_rows(client.get("/api/export", params={"format": "csv"}).text)) == len(everything)


def test_bad_corrections_say_what_is_wrong(client, copy, pipeline):
    from dotterel.web import create_app

    event = all_events(client)[0]
    url = f"/api/events/{event['id']}/corrections"
    missing = client.post("/api/events/no-such-event/corrections", json={"field": "fatalities", "value": 1})
    assert missing.status_code == 404 and "no-such-event" in missing.json()["detail"]
    for body, words in [({"field": "colour", "value": "red"}, "colour"), ({"field": "fatalities", "value": "-3"}, "-3"),
                        ({"field": "fatalities", "value": "many"}, "many"), ({"field": "event_type", "value": "HUG"}, "HUG"),
                        ({"field": "date", "value": "2024-13-40"}, "2024-13-40"), ({"flag": "boring"}, "boring"),
                        ({"field": "actor", "value": "  "}, "actor"), ({"field": "date", "value": "x", "flag": "wrong"},
                                                                       "either")]:
        answer = client.post(url, json=body)
        detail = answer.json()["detail"]
        assert answer.status_code == 422 and words in detail and event["id"] in detail, (body, answer.text)
    assert client.get(url).json()["items"] == []  # nothing was recorded
    assert client.delete("/api/corrections/999").status_code == 404
    made = client.post(url, json={"flag": "unsure"}).json()
    assert client.delete(f"/api/corrections/{made['id']}").status_code == 200
    again = client.delete(f"/api/corrections/{made['id']}")
    assert again.status_code == 422 and "already undone" in again.json()["detail"]
    assert client.post(url, json={"flag": "wrong"}, headers={"Authorization": "Bearer wrong"}).status_code in (401, 403)
    with TestClient(create_app(copy, read_only=True, pipeline=pipeline, token=TOKEN), base_url=BASE,
                    headers=AUTH) as reader:
        refused = reader.post(url, json={"flag": "wrong"})
        assert refused.status_code == 403 and "read-only" in refused.json()["detail"]


def test_an_incident_correction_outlives_new_documents(client, copy, pipeline):
    from dotterel.ingest import document_from_text
    from dotterel.store import Store

    incidents = client.get("/api/incidents", params={"limit": 1000}).json()["items"]
    incident = next(i for i in incidents if any(s["doc_id"] == "bomb-1" for s in i["sources"]))
    made = client.post(f"/api/incidents/{incident['id']}/corrections",
                       json={"field": "fatalities", "value": 41, "who": "ana", "note": "hospital figures"})
    assert made.status_code == 201, made.text
    flagged = client.post(f"/api/incidents/{incident['id']}/corrections", json={"flag": "duplicate"}).json()
    shown = client.get(f"/api/incidents/{incident['id']}").json()
    assert shown["fatalities"] == 41 and shown["corrected"] == ["fatalities"] and shown["flag"] == "duplicate"
    assert [c["id"] for c in client.get(f"/api/incidents/{incident['id']}/corrections").json()["items"]] == [
        made.json()["id"], flagged["id"]]
    assert client.post("/api/incidents/inc-none/corrections", json={"flag": "wrong"}).status_code == 404
    client.app.state.store.close()  # the server lets go of the file: add a document as an ingest would
    # another report of the same bombing joins the incident, and fusion rewrites the incident's row
    text = "Four soldiers died when a roadside bomb struck their patrol near Kandahar on Thursday, officials said."
    with Store(copy) as store:
        store.add(pipeline.code([document_from_text(text, doc_id="bomb-2", date="2024-06-28")]))
        n_reports, fatalities = store.con.execute("SELECT n_reports, fatalities FROM incidents WHERE id = ?",
                                                  [incident["id"]]).fetchone()
    assert n_reports == incident["n_reports"] + 1 and fatalities == 41


def test_download_carries_the_filter_and_names_its_file(client):
    assault = all_events(client, event_type="ASSAULT")
    located = [e for e in assault if e["lat"] is not None]
    for fmt, media, name in [("csv", "text/csv", "dotterel-events.csv"), ("acled", "text/csv", "dotterel-events.acled.csv"),
                             ("geojson", "application/geo+json", "dotterel-events.geojson"),
                             ("plover", "application/x-ndjson", "dotterel-events.plover.jsonl")]:
        answer = client.get("/api/export", params={"format": fmt, "event_type": "ASSAULT"})
        assert answer.status_code == 200 and answer.headers["content-type"].startswith(media)
        assert answer.headers["content-disposition"] == f'attachment; filename="{name}"'
    rows = csv_rows(client.get("/api/export", params={"format": "csv", "event_type": "ASSAULT"}).text)
    assert sorted(r["id"] for r in rows) == sorted(e["id"] for e in assault)
    features = client.get("/api/export", params={"format": "geojson", "event_type": "ASSAULT"}).json()["features"]
    assert sorted(f["properties"]["id"] for f in features) == sorted(e["id"] for e in located)
    plover = client.get("/api/export", params={"format": "plover", "event_type": "ASSAULT"}).text.splitlines()
    assert len(plover) == len(assault)
    assert client.get("/api/export", params={"format": "xlsx"}).status_code == 422


def test_the_precision_filter_keeps_events_placed_that_precisely(client):
    everything = all_events(client)
    for value in ["country", "city,site", "none"]:
        wanted = value.split(",")
        expected = {e["id"] for e in everything if (e["geo_precision"] or "none") in wanted}
        assert {e["id"] for e in all_events(client, precision=value)} == expected, value
    assert {e["geo_precision"] for e in everything} & {"country", "city"}  # the store has both kinds
    incidents = client.get("/api/incidents", params={"limit": 1000}).json()["items"]
    countries = client.get("/api/incidents", params={"limit": 1000, "precision": "country"}).json()["items"]
    assert {i["id"] for i in countries} == {i["id"] for i in incidents if i["geo_precision"] == "country"}
    dyad = next(e for e in everything if e["recipient_name"])
    both = all_events(client, actor=dyad["actor_name"], recipient=dyad["recipient_name"])
    assert dyad["id"] in {e["id"] for e in both}
    assert all(e["recipient_name"] == dyad["recipient_name"] for e in both)  # the recipient side only
    bad = client.get("/api/events", params={"precision": "street"})
    assert bad.status_code == 422 and "street" in bad.text


def cli(*args: str):
    return runner.invoke(cli_app, list(args), catch_exceptions=False)


def test_cli_correct_flag_list_undo_and_export(copy, client):
    event = one_event(client, doc_id="kenya-1", event_type="COERCE")
    other = one_event(client, doc_id="iraq-1", event_type="ASSAULT")
    client.app.state.store.close()  # the server lets go of the file for the CLI
    db = str(copy)
    made = cli("correct", event["id"], "--field", "fatalities", "--value", "3", "--who", "ana", "--note", "per police",
               "--db", db)
    assert made.exit_code == 0, made.output
    correction = json.loads(made.stdout)
    assert (correction["field"], correction["new_value"], correction["who"]) == ("fatalities", "3", "ana")
    assert cli("flag", other["id"], "--reason", "duplicate", "--db", db).exit_code == 0
    listed = [json.loads(line) for line in cli("corrections", "--json", "--db", db).stdout.splitlines()]
    assert [(c["target_id"], c["field"]) for c in listed] == [(event["id"], "fatalities"), (other["id"], "flag")]

    rows = {r["id"]: r for r in csv_rows(cli("export", "--format", "csv", "--db", db).stdout)}
    assert rows[event["id"]]["fatalities"] == "3" and other["id"] not in rows
    assert other["id"] in {r["id"] for r in csv_rows(cli("export", "-f", "csv", "--include-flagged", "--db", db).stdout)}
    shown = json.loads(next(line for line in cli("events", "--json", "--limit", "100", "--db", db).stdout.splitlines()
                            if event["id"] in line))
    assert shown["fatalities"] == 3

    assert cli("corrections", "--undo", str(correction["id"]), "--db", db).exit_code == 0
    rows = {r["id"]: r for r in csv_rows(cli("export", "--format", "csv", "--db", db).stdout)}
    assert rows[event["id"]]["fatalities"] == ("" if event["fatalities"] is None else str(event["fatalities"]))
    assert len(cli("corrections", "--active", "--json", "--db", db).stdout.splitlines()) == 1

    wrong = cli("correct", "nope", "--field", "fatalities", "--value", "1", "--db", db)
    assert wrong.exit_code == 2 and "no event 'nope'" in wrong.stderr
    bad = cli("correct", event["id"], "--field", "weather", "--value", "rain", "--db", db)
    assert bad.exit_code == 2 and "weather" in bad.stderr
    assert cli("flag", event["id"], "--reason", "meh", "--db", db).exit_code == 2


def test_cli_precision_filter(copy, client):
    everything = all_events(client)
    client.app.state.store.close()  # the server lets go of the file for the CLI
    found = [json.loads(line) for line in
             cli("events", "--json", "--precision", "country", "--limit", "1000", "--db", str(copy)).stdout.splitlines()]
    assert sorted(e["id"] for e in found) == sorted(e["id"] for e in everything if e["geo_precision"] == "country")
    rows = csv_rows(cli("export", "-f", "csv", "--precision", "city", "--db", str(copy)).stdout)
    assert sorted(r["id"] for r in rows) == sorted(e["id"] for e in everything if e["geo_precision"] == "city")
    bad = cli("events", "--precision", "street", "--db", str(copy))
    assert bad.exit_code == 2 and "street" in bad.stderr

"""Filters as people type them, and the ACLED export with ACLED's full column set, filtered like `events`."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from typer.testing import CliRunner

from dotterel.export_acled import ACLED_COLUMNS, acled_rows, event_date, inter_code, interaction
from dotterel.filters import FilterError, check_country, check_types, parse_when

from .synthetic import event, record, ref, store_records

TODAY = dt.date(2024, 6, 15)
ARMY = ref("Military Forces of Iraq", "IRQ.MIL", "IRQ", "MIL")
ISIL = ref("Islamic State", "ISIL", None, "REB")
CIVILIANS = ref("Civilians (Iraq)", "IRQ.CVL.civilian", "IRQ", "CVL")
RUSSIA = ref("Russia", "RUS", "RUS", None)


def test_dates_as_typed():
    assert parse_when("last week", today=TODAY) == "2024-06-08"
    assert parse_when("3 days ago", today=TODAY) == "2024-06-12"
    assert parse_when("last 2 months", today=TODAY) == "2024-04-16"
    assert parse_when("yesterday", today=TODAY) == "2024-06-14"
    assert parse_when("2024-05") == "2024-05"
    with pytest.raises(FilterError, match="last week"):
        parse_when("soonish")
    with pytest.raises(FilterError, match="real date; .2024-02-30. is none"):
        parse_when("2024-02-30")


def test_types_and_countries():
    assert check_types("assault, protest") == ["ASSAULT", "PROTEST"]
    with pytest.raises(FilterError, match="ASSAULT, COERCE"):
        check_types("ATTACK")
    assert check_country("Iraq") == check_country("irq") == "IRQ"
    assert check_country("United States") == "USA"
    with pytest.raises(FilterError, match="iraq"):
        check_country("Irak")


def test_inter_codes_from_sectors_names_and_place():
    assert inter_code(ARMY, "IRQ") == 1 and inter_code(ISIL, "IRQ") == 2 and inter_code(CIVILIANS, "IRQ") == 7
    assert inter_code(ref("Protesters (Iraq)", "IRQ.OPP.protesters", "IRQ", "OPP"), "IRQ") == 6
    assert inter_code(RUSSIA, "UKR") == 8 and inter_code(RUSSIA, "RUS") == 1  # a state's forces abroad are external
    assert interaction(2, 1) == "12" and interaction(1, None) == "10" and interaction(None, None) == ""
    assert event_date("2024-05") == "2024-05-01" and event_date("2024") == "2024-01-01"


def corpus() -> list[dict]:
    return [
        record("a", [event(1, "ASSAULT", ISIL, CIVILIANS, "2024-06-10", "Kirkuk", 7, "explosives",
                           ("Explosions/Remote violence", "Remote explosive/landmine/IED"))], "2024-06-11", "https://x/a"),
        record("b", [event(2, "ASSAULT", ARMY, ISIL, "2024-05-02", "Mosul", 3, "firearms", ("Battles", "Armed clash"))],
               "2024-05-03", "https://x/b"),
        record("c", [event(3, "PROTEST", ref("Protesters (Syria)", "SYR.OPP.protesters", "SYR", "OPP"), None,
                           "2024-06-01", "Aleppo", None, "demo", ("Protests", "Peaceful protest"))], "2024-06-02"),
    ]


def test_acled_row_has_every_column():
    row = next(acled_rows(corpus()[0], timestamp=1718400000))
    assert list(row) == ACLED_COLUMNS
    assert (row["year"], row["time_precision"], row["disorder_type"]) == (2024, 1, "Political violence")
    assert (row["inter1"], row["inter2"], row["interaction"]) == (2, 7, "27")
    assert row["civilian_targeting"] == "Civilian targeting"
    assert (row["iso"], row["region"], row["country"], row["admin1"]) == (368, "Middle East", "Iraq", "Kirkuk")
    assert row["fatalities"] == 7 and row["source"] == "https://x/a" and row["timestamp"] == 1718400000


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    from dotterel.store import Store

    path = tmp_path_factory.mktemp("export") / "e.duckdb"
    with Store(path) as store:
        store_records(store, corpus())
    return path


def invoke(*args: str):
    from dotterel.cli import app

    return CliRunner().invoke(app, list(args))


def test_export_takes_the_filters_of_events(db, tmp_path):
    out = tmp_path / "iraq.csv"
    result = invoke("export", "--db", str(db), "-f", "acled", "--country", "Iraq", "--since", "2024-06", "-o", str(out))
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert [r["event_id_cnty"] for r in rows] == ["ev1"] and list(rows[0]) == ACLED_COLUMNS
    result = invoke("export", "--db", str(db), "-f", "json", "--type", "protest")
    assert [json.loads(line)["doc_id"] for line in result.stdout.splitlines()] == ["c"]
    assert len(invoke("export", "--db", str(db), "-f", "json").stdout.splitlines()) == 3


def test_events_filters_are_checked_with_helpful_messages(db):
    result = invoke("events", "--db", str(db), "--type", "ATTACK")
    assert result.exit_code == 2 and "ASSAULT" in result.output and "PROTEST" in result.output
    result = invoke("events", "--db", str(db), "--country", "Iraq", "--json")
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 2
    result = invoke("events", "--db", str(db), "--since", "10 years ago", "--json")
    assert len(result.stdout.splitlines()) == 3
    assert invoke("events", "--db", str(db), "--since", "whenever").exit_code == 2
    result = invoke("events", "--db", str(db), "--actor", "iraq", "--json")  # Iraq's army and its civilians
    assert "matches 2 actors" in result.output and "IRQ.MIL" in result.output and "IRQ.CVL.civilian" in result.output
    result = invoke("events", "--db", str(db), "--actor", "ISIL", "--json")
    assert "matches" not in result.stderr and len(result.stdout.splitlines()) == 2

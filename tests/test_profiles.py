"""Coding profiles: the default (news) reads prose only; acled-notes also reads the conventions of ACLED's
event notes. Each convention is checked both ways: read under acled-notes, ignored under news."""

from __future__ import annotations

import pytest

from dotterel.profile import CONVENTIONS, DEFAULT_PROFILE, Profile, load_profile, profile_names


@pytest.fixture(scope="module")
def notes_code():
    """Code one text under the acled-notes profile (same spaCy model and knowledge as the default pipeline)."""
    from dotterel.ingest import document_from_text
    from dotterel.pipeline import Pipeline

    pipeline = Pipeline(profile="acled-notes")

    def run(text: str, date: str | None = "2024-03-13") -> dict:
        return pipeline.code_one(document_from_text(text, doc_id="t", date=date)).to_dict()

    return run


def locations(code, text: str) -> list[dict]:
    return [e["location"] for e in code(text, date="2024-03-13")["events"] if e["location"]]


def first_sub_event(code, text: str) -> str | None:
    return next((e["acled_sub_event_type"] for e in code(text, date="2024-03-13")["events"] if e["acled_sub_event_type"]),
                None)


def test_profiles_load_from_their_data_files():
    assert DEFAULT_PROFILE == "news" and {"news", "acled-notes"} <= set(profile_names())
    assert load_profile().conventions == frozenset()
    notes = load_profile("acled-notes")
    assert notes.conventions == CONVENTIONS and notes.reads("coded_to") and notes.description
    assert load_profile(notes) is notes
    with pytest.raises(ValueError, match="unknown profile"):
        load_profile("tabloid")
    with pytest.raises(KeyError):
        Profile("x").reads("no_such_convention")


def test_pipeline_hands_its_profile_to_the_stages(pipeline):
    from dotterel.pipeline import Pipeline

    assert pipeline.profile.name == "news"
    stages = {s.name: s for s in Pipeline(profile="acled-notes").stages}
    assert stages["events"].profile.name == stages["where"].profile.name == "acled-notes"


CROWD_NOTE = "On 3 June 2021, in Saltillo, Coahuila, employees of a bus firm demanded their unpaid wages. [size=no report]"


def test_crowd_tag_makes_a_demand_a_protest_only_in_notes(code, notes_code):
    assert first_sub_event(notes_code, CROWD_NOTE) == "Peaceful protest"
    assert first_sub_event(code, CROWD_NOTE) != "Peaceful protest"


CODED_TO = "On 9 March 2024, some 300 students rallied in Exarchia [coded to Athens-Central Athens] over tuition fees."


def test_coded_to_note_names_the_place_only_in_notes(code, notes_code):
    locs = locations(notes_code, CODED_TO)
    assert locs and locs[0]["name"] == "Athens" and locs[0]["country"] == "GRC"
    assert not any(x["name"] == "Athens" for x in locations(code, CODED_TO))


def test_stated_total_is_read_only_in_notes(code, notes_code):
    text = "On 2 June 2021, gunmen attacked a bus near Tillaberi and killed several passengers. Fatalities coded as 7."
    assert [e["fatalities"] for e in notes_code(text)["events"] if e["event_type"] == "ASSAULT"][:1] == [7]
    assert 7 not in [e["fatalities"] for e in code(text, date="2024-03-13")["events"]]


def test_state_abbreviation_in_a_qualifier_group(code, notes_code):
    # "(UP)" after a district is Uttar Pradesh; a wire agency's "(AP)" byline is no state
    locs = locations(notes_code, "On 9 March 2024, two farmers were killed in a brawl in Jalalpur, Shamli (UP) over farmland.")
    assert locs and locs[0]["admin1"] == "Uttar Pradesh"
    locs = locations(notes_code, "On 5 March 2024, hundreds of workers protested in Kolimigundla town (AP) demanding wages.")
    assert locs and locs[0]["name"] == "Kolimigundla" and locs[0]["admin1"] == "Andhra Pradesh"
    locs = locations(notes_code, "Police said (AP) that gunmen killed three men in Kabul on Sunday.")
    assert locs and {x["country"] for x in locs} == {"AFG"}
    locs = locations(notes_code, "WASHINGTON (AP) - Police arrested 20 protesters outside the Capitol on Tuesday.")
    assert locs and {x["country"] for x in locs} == {"USA"}
    # news prose spells states out: "(UP)" is no place there
    text = "On 9 March 2024, two farmers were killed in a brawl in Jalalpur, Shamli (UP) over farmland."
    assert not any(x["admin1"] == "Uttar Pradesh" and x["precision"] == "admin1" for x in locations(code, text))


def test_monitoring_mission_places_villages_in_its_region_only_in_notes(code, notes_code):
    # the mission reports from the Donbas only: a village the gazetteer lacks gets the region's point
    text = "On 6 March 2024, the OSCE SMM recorded 12 explosions near Zarichnohirske."
    locs = locations(notes_code, text)
    assert locs and locs[0]["name"] == "Zarichnohirske" and locs[0]["country"] == "UKR"
    assert locs[0]["precision"] == "admin1" and locs[0]["lat"] is not None
    assert not any(x["lat"] is not None for x in locations(code, text))
    # a namesake in western Ukraine is not what the mission saw: the region's point, not 1,000 km away
    locs = locations(notes_code, "On 9 March 2024, the OSCE Special Monitoring Mission observed 15 explosions near Sokilnyky.")
    assert locs and 47 < locs[0]["lat"] < 50 and 36.5 < locs[0]["lon"] < 40.5


def test_remark_after_the_opening_date_only_in_notes():
    from dotterel.where import PREAMBLE, PREAMBLE_AS_REPORTED

    opening = "Around 12 June 2021 (as reported), "
    assert PREAMBLE_AS_REPORTED.match(opening) and not PREAMBLE.match(opening)
    assert PREAMBLE.match("On 12 June 2021, ") and PREAMBLE_AS_REPORTED.match("On 12 June 2021, ")


def test_cli_code_and_ingest_take_a_profile(tmp_path):
    import json

    from typer.testing import CliRunner

    from dotterel.cli import app

    src = tmp_path / "notes.jsonl"
    src.write_text(json.dumps({"id": "n1", "text": CODED_TO, "date": "2024-03-13"}) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    runner = CliRunner()
    result = runner.invoke(app, ["code", str(src), "-o", str(out), "--profile", "acled-notes"], catch_exceptions=False)
    assert result.exit_code == 0
    record = json.loads(out.read_text(encoding="utf-8"))
    assert any((e["location"] or {}).get("name") == "Athens" for e in record["events"])
    assert runner.invoke(app, ["code", str(src), "--profile", "tabloid"]).exit_code == 2
    db = tmp_path / "notes.duckdb"
    assert runner.invoke(app, ["ingest", str(src), "--db", str(db), "--profile", "acled-notes"]).exit_code == 0

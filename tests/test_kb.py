"""The knowledge base of today's actors (Factbook, PETRARCH2's dated offices, titles), on sentences written here."""

from __future__ import annotations

import pytest

from dotterel.actors import ActorBase
from dotterel.actors.kb import KBActor
from dotterel.actors.offices import merge_ranked, office_at, person_at


def actor_with(record: dict, needle: str) -> dict:
    """The coded actor whose name or an alias contains the needle."""
    found = [a for a in record["actors"] if needle in a["name"] or any(needle in x for x in a["aliases"])]
    assert found, f"no actor with {needle!r} in {[a['name'] for a in record['actors']]}"
    return found[0]


# (sentence, a word of the actor, ISO3, sector): leaders, forces, parties and designated groups of 20+ countries
# in every region; the date is one when the Factbook's office holders held office.
CASES = [
    ("Nikol Pashinyan told reporters the border talks had stalled.", "Pashinyan", "ARM", "GOV"),
    ("Keir Starmer promised new housing targets on Tuesday.", "Starmer", "GBR", "GOV"),
    ("Masoud Pezeshkian received the visiting delegation in the capital.", "Pezeshkian", "IRN", "GOV"),
    ("Hakainde Hichilema opened the new copper smelter.", "Hichilema", "ZMB", "GOV"),
    ("Samia Suluhu Hassan pardoned hundreds of prisoners.", "Hassan", "TZA", "GOV"),
    ("Mostafa Madbouly chaired a meeting on bread subsidies.", "Madbouly", "EGY", "GOV"),
    ("Gustavo Petro suspended talks with the armed group.", "Petro", "COL", "GOV"),
    ("Cyril Ramaphosa signed the electricity bill into law.", "Ramaphosa", "ZAF", "GOV"),
    ("Prabowo Subianto inaugurated the free meals programme.", "Prabowo", "IDN", "GOV"),
    ("Javier Milei vetoed the pension increase.", "Milei", "ARG", "GOV"),
    ("Anthony Albanese announced an inquiry into the floods.", "Albanese", "AUS", "GOV"),
    ("Shehbaz Sharif met the army chief on Friday.", "Sharif", "PAK", "GOV"),
    ("The Nigerian Army said it had repelled an attack on its base.", "Nigeria", "NGA", "MIL"),
    ("The Kenya Defence Forces deployed troops to the border.", "Kenya", "KEN", "MIL"),
    ("The Central Reserve Police Force cordoned off the area.", "India", "IND", "COP"),
    ("The Royal Air Force intercepted two bombers over the North Sea.", "United Kingdom", "GBR", "MIL"),
    ("The National Police of Ukraine opened a criminal case.", "Ukraine", "UKR", "COP"),
    ("The Federal Intelligence and Investigations Agency detained two suspects.", "Iraq", "IRQ", "SPY"),
    ("The All Progressives Congress picked its candidate for the governorship.", "Progressives", "NGA", "PTY"),
    ("Servant of the People lawmakers backed the budget.", "Servant", "UKR", "PTY"),
    ("The Bharatiya Janata Party swept the state election.", "Bharatiya", "IND", "PTY"),
    ("Civil Contract kept its majority in parliament.", "Civil Contract", "ARM", "PTY"),
    ("The African National Congress lost its majority.", "African National Congress", "ZAF", "PTY"),
    ("Fighters of Ansar al-Dine attacked a checkpoint.", "Ansar", "MLI", "REB"),
    ("Shining Path remnants ambushed a patrol.", "Shining Path", "PER", "REB"),
    ("Claudia Sheinbaum defended the judicial reform.", "Sheinbaum", "MEX", "GOV"),
    ("The Turkish Land Forces shelled positions across the border.", "Turkey", "TUR", "MIL"),
    ("Fidesz lawmakers approved the constitutional amendment.", "Fidesz", "HUN", "PTY"),
    ("The Brazilian Army sent engineers to the flooded towns.", "Brazil", "BRA", "MIL"),
    ("The Abu Sayyaf Group released two hostages.", "Abu Sayyaf", "PHL", "REB"),
    ("QSD fighters stormed a farm near Manbij.", "Syrian Democratic", "SYR", "REB"),
    ("Security Belt units took over a checkpoint in Lahij.", "Security Belt", "YEM", "REB"),
    ("Jaish al-Islam shelled a suburb of the capital.", "Jaysh al-Islam", "SYR", "REB"),
]


@pytest.mark.parametrize(("sentence", "needle", "country", "sector"), CASES)
def test_todays_actors_have_country_and_sector(code, sentence, needle, country, sector):
    actor = actor_with(code(sentence, date="2025-10-01"), needle)
    assert (actor["country"], actor["sector"]) == (country, sector)


def test_cases_span_twenty_countries_and_every_kind():
    assert len({c for _, _, c, _ in CASES}) >= 20
    assert {"GOV", "MIL", "COP", "SPY", "PTY", "REB"} <= {s for *_, s in CASES}


def test_factbook_file_has_provenance_and_merges_under_curated():
    base = ActorBase.load()
    mil = base.get("UKR.MIL")
    assert mil.name == "Military Forces of Ukraine"  # a Factbook force is an alias of the ACLED-named institution
    assert "National Guard of Ukraine" in mil.aliases
    assert base.get("ISIL").name == "Islamic State"  # curated wins: the Factbook's ISIS names stay its


def test_lower_ranked_record_only_adds_names_and_offices():
    high = KBActor(id="X.GOV", name="Government of X", kind="government", country="XXX", sector="GOV",
                   aliases=["Government of X"])
    low = KBActor(id="X.GOV", name="Other", kind="party", country="YYY", sector="PTY", aliases=["X Cabinet", "Other"])
    thief = KBActor(id="Y.PTY", name="Y Party", kind="party", country="YYY", sector="PTY", aliases=["Government of X"])
    merged = merge_ranked([[high], [low, thief]])
    assert merged["X.GOV"].kind == "government" and merged["X.GOV"].country == "XXX"
    assert "X Cabinet" in merged["X.GOV"].aliases
    assert "Government of X" not in merged["Y.PTY"].aliases


def test_office_held_on_a_date():
    offices = [{"country": "AAA", "sector": "GOV", "since": "2001-01-01", "until": "2005-12-31"},
               {"country": "AAA", "sector": "LEG", "since": "2006-01-01", "known_to": "2015-12-31"}]
    assert office_at(offices, "2003-06-01")["sector"] == "GOV"
    assert office_at(offices, "2010-06-01")["sector"] == "LEG"
    assert office_at(offices, "1999-06-01") is None  # not yet in office
    assert office_at(offices, "2020-06-01") is None  # past what the source could know
    person = KBActor(id="P.A", name="A B", kind="person", country="AAA", offices=offices)
    assert person_at(person, "2020-06-01") == ("AAA", None)  # the country stays, not the government


def test_dated_office_from_petrarch_and_factbook(code):
    text = "Vladimir Putin met the visiting prime minister in Moscow."
    assert actor_with(code(text, date="2004-03-01"), "Putin")["sector"] == "GOV"
    obama = "Barack Obama spoke at the university on Monday."
    assert actor_with(code(obama, date="2012-05-01"), "Obama")[("sector")] == "GOV"
    later = actor_with(code(obama, date="2023-05-01"), "Obama")
    assert later["country"] == "USA" and later["sector"] is None  # no longer the government


def test_factbook_leader_before_taking_office_is_not_the_government(code):
    rec = code("Keir Starmer criticised the budget in parliament.", date="2021-03-01")
    actor = actor_with(rec, "Starmer")
    assert actor["country"] == "GBR" and actor["sector"] is None


@pytest.mark.parametrize(("sentence", "needle", "country", "sector"), [
    ("Armenian Prime Minister Arman Vardanyan met the delegation in Yerevan.", "Vardanyan", "ARM", "GOV"),
    ("Karim Haddad, Iraq's defence minister, said the operation would continue.", "Haddad", "IRQ", "GOV"),
    ("Kenyan Interior Minister Paul Otieno ordered a curfew.", "Otieno", "KEN", "GOV"),
    ("Secretary of Defense Roger Hale visited the troops in Poland.", "Hale", "USA", "GOV"),
])
def test_titles_and_appositions_name_country_and_sector(code, sentence, needle, country, sector):
    actor = actor_with(code(sentence, date="2024-02-01"), needle)
    assert (actor["country"], actor["sector"]) == (country, sector)


def test_former_official_keeps_country_but_is_not_government(code):
    rec = code("Former Peruvian President Tomas Arriaga was arrested in Lima on Monday.", date="2024-02-01")
    actor = actor_with(rec, "Arriaga")
    assert actor["country"] == "PER" and actor["sector"] is None


def test_title_without_country_takes_the_article_country(code):
    rec = code("In Brasilia, President Joana Ferreira signed the decree. Brazil's congress approved it last week.",
               date="2024-02-01")
    assert actor_with(rec, "Ferreira")["country"] == "BRA"


def test_office_of_a_title_holder(code):
    rec = code("The Lebanese president's office said the envoy would arrive on Friday.", date="2024-02-01")
    assert any(a["country"] == "LBN" and a["sector"] == "GOV" for a in rec["actors"])


@pytest.mark.parametrize(("sentence", "country", "sector"), [
    ("Ukrainian soldiers shelled positions near the village.", "UKR", "MIL"),
    ("Nigerian police arrested twelve suspects.", "NGA", "COP"),
    ("Sudanese paramilitaries attacked the market.", "SDN", "MIL"),
    ("Colombian rebels attacked a police station.", "COL", "REB"),
    ("Kenyan doctors walked out of public hospitals.", "KEN", "MED"),
    ("Chilean students occupied the university.", "CHL", "EDU"),
    ("Pakistani judges rejected the petition.", "PAK", "JUD"),
])
def test_demonym_and_role_noun(code, sentence, country, sector):
    rec = code(sentence, date="2024-02-01")
    assert any(a["country"] == country and a["sector"] == sector for a in rec["actors"]), rec["actors"]


def test_a_groups_secretary_general_is_not_the_military(code):
    rec = code("The group's secretary general condemned the attack.", date="2024-02-01")
    assert not any(a["sector"] == "MIL" for a in rec["actors"])


def test_regional_name_only_in_its_region(code):
    yemen = code("Coalition jets struck Sanaa airport. The Saudi-led coalition said it hit Houthi drone sites near Sanaa, "
                 "Yemen.")
    assert any(a["name"] == "Operation Restoring Hope" for a in yemen["actors"])
    elsewhere = code("The Saudi-led coalition struck the port, Britain and France said.")
    assert not any(a["name"] == "Operation Restoring Hope" for a in elsewhere["actors"])

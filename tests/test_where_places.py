"""Place rules for Middle East reporting: evidence of the article's country, Arabic spellings, and names placed by
the province written after them."""

from __future__ import annotations

import pytest

from dotterel.where import load_gazetteer
from dotterel.where.gazetteer import norm


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def places(code, text):
    return [e["location"] for e in code(text, date="2023-02-10")["events"] if e["location"]]


# ---------------------------------------------------------------- a crowd's country is the article's, not evidence


@pytest.mark.parametrize("text", [
    "On 6 February 2023, shopkeepers angry at the rising US dollar price shut the main road in Halba. They set "
    "tyres on fire.",
    "On 7 February 2023, demonstrators denouncing the US dollar shortage gathered in Halba. They chanted slogans.",
    "On 8 February 2023, a crowd protesting the weak pound against the US dollar blocked a street in Zgharta. "
    "They dispersed at night.",
])
def test_a_crowd_named_only_as_protesters_does_not_carry_the_us_dollar_country(code, text):
    locs = places(code, text)
    assert locs and all(loc["country"] == "LBN" for loc in locs)


# ---------------------------------------------------------------- the ayn and hamza letters are apostrophes


@pytest.mark.parametrize("written, stored", [("Taizz", "Tāʻizz"), ("Sadah", "Şāʻdah"), ("Tamim", "Taʼmim")])
def test_ayn_and_hamza_letters_fold_like_apostrophes(written, stored):
    assert norm(written) == norm(stored)


def test_a_province_spelt_without_its_ayn_is_found(gaz):
    assert any(p.precision == "admin1" and p.country == "YEM" for p in gaz.candidates("Taizz"))


def test_a_qualifier_group_naming_the_province_without_its_ayn_places_the_village(code):
    locs = places(code, "On 2 February 2023, Houthi snipers shot a shepherd in Al Arish (Sabir Al Mawadim, Taizz).")
    assert locs and locs[0]["country"] == "YEM"


# ---------------------------------------------------------------- "X town in Y": the smaller place


@pytest.mark.parametrize("text, name", [
    ("On 3 February 2023, unknown gunmen shot a guard in Jarablus town in Aleppo.", "Jarablus"),
    ("On 4 February 2023, a bomb went off in a market in Afrin town in Aleppo, wounding two people.", "Afrin"),
])
def test_a_town_with_its_generic_word_before_its_province_is_the_place(code, text, name):
    locs = places(code, text)
    assert locs and locs[0]["name"] == name and locs[0]["country"] == "SYR"


# ---------------------------------------------------------------- "shelled X in <province>"


@pytest.mark.parametrize("text, name", [
    ("On 6 February 2023, government artillery shelled Manbij in Aleppo overnight.", "Manbij"),
    ("On 7 February 2023, Turkish drones struck Tall Rifat in the northern countryside of Aleppo.", "Tall Rifat"),
    ("On 9 February 2023, regime artillery shelled Kafr Nabl in Idlib countryside.", "Kafr Nabl"),
    ("On 8 February 2023, warplanes bombed Manbij in rural Aleppo, killing a child.", "Manbij"),
])
def test_a_name_after_a_verb_is_a_place_when_its_province_follows(code, text, name):
    locs = places(code, text)
    assert locs and locs[0]["name"] == name


@pytest.mark.parametrize("text", [
    "On 9 February 2023, Military and Police forces reopened a road that demonstrators angry at the US dollar price "
    "had closed in Halba. Two were detained.",
    "On 10 February 2023, security forces fired tear gas at a crowd protesting the US dollar rate in Halba. Nobody was "
    "hurt.",
])
def test_forces_the_coder_gave_the_article_country_are_no_evidence_of_it(code, text):
    locs = places(code, text)
    assert locs and locs[0]["country"] == "LBN"


# ---------------------------------------------------------------- a short report's one place


@pytest.mark.parametrize("text, name", [
    ("On 3 March 2023, shopkeepers of the old bazaar of Talas, Kayseri staged a sit-in over rent increases. The police "
     "did not intervene.", "Talas"),
    ("On 5 March 2023, retired miners of Soma, Manisa marched to the town hall to demand pensions. They dispersed "
     "at noon.", "Soma"),
    ("On 6 March 2023, employees of the municipality of Maden, Elazig held a sit-in over unpaid wages. The mayor met "
     "them.", "Maden"),
])
def test_a_short_report_naming_places_of_one_province_is_placed_there(code, text, name):
    locs = places(code, text)
    assert locs and locs[0]["name"] == name


# ---------------------------------------------------------------- another spelling must lie by its qualifier


def test_another_spellings_reading_fits_a_qualifier_only_close_by():
    from dotterel.where.candidates import Toponym
    from dotterel.where.gazetteer import Place
    from dotterel.where.ranking import fits

    qualifier = Toponym(0, 5, "Hilla", [], False, best=Place("Hilla", "XXX", 32.0, 44.0, 0, "North", None, "city"))
    far = dict(country="XXX", lat=32.5, lon=44.3, population=0, admin1="South", geonameid=None, precision="city")
    assert fits(Place("Kufa", **far), [qualifier])  # its own name: a town beside the qualifier
    assert not fits(Place("Kufa", **far, primary=False), [qualifier])  # a respelling half a degree off
    assert fits(Place("Kufa", **{**far, "lat": 32.1, "lon": 44.1}, primary=False), [qualifier])


# ---------------------------------------------------------------- a road named after its towns


@pytest.mark.parametrize("text, name", [
    ("On 11 March 2023, farmers blocked the Halba-Qobayat road with their tractors. Traffic stopped for hours.",
     "Halba"),
    ("On 13 March 2023, lorry drivers shut the Kahnuj bridge over a dispute on tolls. Police dispersed them.", "Kahnuj"),
])
def test_a_road_or_roundabout_named_after_a_town_is_placed_there(code, text, name):
    locs = places(code, text)
    assert locs and locs[0]["name"] == name


# ---------------------------------------------------------------- a district's admin word before its name


@pytest.mark.parametrize("full, bare", [
    ("Caza du Chouf", "Chouf"), ("Caza de Rachaïya", "Rachaïya"), ("Caza d'Akkar", "Akkar"),
    ("Qaḑā’ Sāmarrā’", "Sāmarrā’"), ("Nefat Ramla", "Ramla"), ("Shahrestān-e Ābādān", "Ābādān"),
    ("Liwā’ ar Ramthā", "ar Ramthā"), ("Larkana District", "Larkana"), ("Cazalla", "Cazalla"), ("Markaz", "Markaz"),
])
def test_a_districts_admin_word_is_stripped_before_or_after_its_name(full, bare):
    from dotterel.where.sources import admin2_bare

    assert admin2_bare(full) == bare


def test_a_lebanese_district_is_found_by_its_bare_name(gaz):
    assert any(p.country == "LBN" and p.precision == "admin2" for p in gaz.candidates("Chouf"))
    assert any(p.country == "LBN" and p.precision == "admin2" for p in gaz.candidates("Kesrouane"))


@pytest.mark.parametrize("name, parts", [
    ("Baalbek-Hermel", ("Baalbek", "Hermel")), ("Miniyé-Danniyé", ("Miniyé", "Danniyé")),
    ("Beqâa-Ouest", ()), ("Deir ez-Zor", ()), ("Al-Zubair", ()),
])
def test_a_hyphenated_admin_name_joins_two_place_names(name, parts):
    from dotterel.where.sources import joined_parts

    assert joined_parts(name) == parts


def test_a_part_of_a_hyphenated_district_names_it_when_nothing_else_does(gaz):
    assert any(p.country == "LBN" and p.precision == "admin2" for p in gaz.candidates("Danniyé"))


# ---------------------------------------------------------------- a compass word names a part of a region


def _km(a, b):
    from math import asin, cos, radians, sin, sqrt

    la1, lo1, la2, lo2 = map(radians, (a["lat"], a["lon"], b["lat"], b["lon"]))
    h = sin((la2 - la1) / 2) ** 2 + cos(la1) * cos(la2) * sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371 * asin(sqrt(h))


def test_southern_lebanon_lies_south_of_lebanons_point(code, gaz):
    whole = gaz.country("LBN")
    locs = places(code, "On 3 March 2023, an air strike hit a farm in southern Lebanon. Two shepherds were hurt.")
    assert locs and locs[0]["country"] == "LBN"
    assert locs[0]["lat"] < whole.lat - 0.2


def test_the_countryside_of_a_town_lies_around_it_on_the_named_side(code, gaz):
    town = next(p for p in gaz.candidates("Aleppo") if p.precision == "city")
    locs = places(code, "On 4 March 2023, artillery hit several farms in the northern countryside of Aleppo.")
    assert locs and locs[0]["lat"] > town.lat + 0.1
    assert 10 < _km(locs[0], {"lat": town.lat, "lon": town.lon}) < 75


def test_a_town_named_with_a_side_but_no_countryside_stays_the_town(code, gaz):
    town = next(p for p in gaz.candidates("Sanaa") if p.precision == "city")
    locs = places(code, "On 5 March 2023, gunmen shot a trader in the east of Sanaa city.")
    assert locs and _km(locs[0], {"lat": town.lat, "lon": town.lon}) < 5


@pytest.mark.parametrize("before, found", [
    ("fighting in southern ", ("south", False)),
    ("shelling in the north-eastern countryside of ", ("northeast", True)),
    ("raids in the west of ", ("west", False)),
    ("a base in North ", None),  # part of a name ("North Kivu")
    ("a convoy 20 km north of ", None),  # a bearing from a reference point, not a part of it
])
def test_the_compass_word_before_a_name(before, found):
    from dotterel.where.candidates import Toponym
    from dotterel.where.sectors import direction_of

    text = before + "Homs."
    assert direction_of(Toponym(len(before), len(before) + 4, "Homs", [], False), text) == found

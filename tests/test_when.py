"""Event dates against the publication date: explicit, day-month, weekdays, relative words, ranges."""

from __future__ import annotations

import datetime as dt

import pytest

from dotterel.when import find_expressions

PUB = dt.date(2024, 3, 13)  # a Wednesday


@pytest.mark.parametrize("text,date,precision", [
    ("Troops shelled the town on 2 March 2024.", "2024-03-02", "day"),
    ("Troops shelled the town on March 3, 2023.", "2023-03-03", "day"),
    ("Troops shelled the town on Mar. 3.", "2024-03-03", "day"),
    ("Militants attacked a convoy on 28 December.", "2023-12-28", "day"),  # no year: the latest before publication
    ("The army seized the base in January 2016.", "2016-01", "month"),
    ("The rebels first took the city in 1991.", "1991", "year"),
    ("Police arrested 20 protesters yesterday.", "2024-03-12", "day"),
    ("Police arrested 20 protesters on Monday.", "2024-03-11", "day"),
    ("Police arrested 20 protesters last Wednesday.", "2024-03-06", "day"),
    ("Ministers will meet on Friday to discuss the truce.", "2024-03-15", "day"),
    ("Clashes erupted last week in the capital.", "2024-03-06", "week"),
    ("Clashes erupted earlier this month in the capital.", "2024-03", "month"),
    ("At least 40 people died in the past month.", "2024-02", "month"),
    ("Fighting resumed at the end of October.", "2023-10", "month"),
    ("Six soldiers were killed in the last 24 hours.", "2024-03-12", "day"),
    ("Fighting raged on 3-5 March around the airport.", "2024-03-03", "day"),
    ("Fighting raged between 3 and 5 May 2020.", "2020-05-03", "day"),
])
def test_date_forms(text, date, precision):
    found = find_expressions(text, PUB)
    assert found and (found[0].date, found[0].precision) == (date, precision)


def test_relative_dates_stay_null_without_publication_date():
    assert find_expressions("Police arrested 20 protesters yesterday.", None) == []
    assert find_expressions("Police arrested 20 protesters on Monday.", None) == []
    assert [(x.date, x.precision) for x in find_expressions("Police arrested 20 protesters on 2 March 2024.", None)] == \
        [("2024-03-02", "day")]


def test_event_dates_in_a_document(code):
    rec = code("Gunmen attacked a police station in Kaduna on Monday, killing three officers. "
               "Hours later, soldiers arrested 12 suspects in the area.", date="2024-03-13")
    dated = {e["event_type"]: e for e in rec["events"]}
    assert dated["ASSAULT"]["date"] == "2024-03-11" and dated["ASSAULT"]["date_precision"] == "day"
    assert not dated["ASSAULT"]["historical"]
    assert dated["COERCE"]["date"] == "2024-03-11"  # "hours later" takes the previous event's date


def test_historical_and_undated_documents(code):
    old = code("Rebels captured the town of Kidal in 2012.", date="2024-03-13")
    assert old["events"] and all(e["historical"] for e in old["events"] if e["date"])
    undated = code("Police arrested 20 protesters in Nairobi yesterday.")
    assert undated["publication_date"] is None
    assert all(e["date"] is None for e in undated["events"])


def test_a_date_still_to_come_dates_no_act_and_undated_acts_keep_the_narrative_day(code):
    rec = code("Hundreds of farmers marched to the provincial assembly ahead of next Thursday's vote.\n"
               "On Tuesday, police arrested 14 of them outside the assembly. Officers also detained two organisers "
               "at their homes.", date="2024-03-13")
    by_type = {e["event_type"]: e for e in rec["events"]}
    assert by_type["PROTEST"]["date"] <= "2024-03-13"  # not next Thursday: the march has happened
    arrests = [e for e in rec["events"] if e["event_type"] == "COERCE"]
    assert arrests and all(e["date"] == "2024-03-12" and e["date_precision"] == "day" for e in arrests)


def test_a_day_and_month_without_a_year_needs_a_publication_date(code):
    rec = code("Militants attacked a convoy on 28 December near the border.")
    assert rec["events"] and all(e["date"] is None for e in rec["events"])


def test_a_date_before_a_noun_dates_that_noun_only(code):
    rec = code("On Friday the minister urged the rebels to respect the terms of the March 4, 2019 agreement. "
               "The army shelled the town.", date="2021-06-14")
    urged = next(e for e in rec["events"] if e["event_type"] == "REQUEST")
    assert urged["date"] == "2021-06-11"  # Friday, not the agreement's date
    assert find_expressions("the Monday attack", PUB)[0].modifies == len("the Monday ")


@pytest.mark.parametrize("text, date", [
    ("In March, gunmen killed 12 people at a checkpoint outside Mosul.", "2016-03"),
    ("The curfew had been imposed after militants killed 30 people in Kirkuk last November.", "2015-11"),
    ("Rebels shelled the town in July, officials said.", "2016-07"),
])
def test_month_without_a_year_is_the_latest_before_publication(code, text, date):
    [event] = [e for e in code(text, date="2016-07-15")["events"] if e["event_type"] == "ASSAULT"]
    assert (event["date"], event["date_precision"]) == (date, "month")


def test_an_undated_statement_is_the_days_news_and_an_undated_act_the_weeks(code):
    rec = code("The foreign minister condemned the shelling of the port. Rebel fighters had shelled the port "
               "and a nearby market, killing four people.", date="2016-07-15")
    dates = {e["event_type"]: (e["date"], e["date_precision"]) for e in rec["events"]}
    assert dates["ACCUSE"] == ("2016-07-15", "day")
    assert dates["ASSAULT"] == ("2016-07-09", "week")  # the week that ends on the day it is reported


def test_a_dated_reports_long_list_keeps_its_day(code):
    towns = ["Hit", "Rawah", "Sinjar", "Tal Afar", "Mosul", "Qayyarah", "Kisik", "Bayji", "Haditha", "Ramadi",
             "Fallujah", "Tikrit", "Samarra", "Baqubah", "Kirkuk", "Makhmur", "Erbil", "Hawijah"]
    lines = ["On Jan. 5, coalition forces conducted 40 strikes against ISIL fighters in Iraq."]
    lines += [f"Near {town}, one strike destroyed an ISIL fighting position." for town in towns]
    rec = code("\n".join(lines), date="2017-01-06")
    last = [e for e in rec["events"] if "Hawijah" in e["evidence"]["text"]]
    assert last and last[0]["date"] == "2017-01-05"  # the 19th sentence still reports the day of the first

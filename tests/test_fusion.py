"""Incident fusion as pure functions: which reports tell one incident, and what the incident says."""

from __future__ import annotations

from dotterel.fusion import cluster, compare, date_window
from dotterel.fusion_merge import merge
from dotterel.neardup import DuplicateIndex

KIRKUK = {"location_name": "Kirkuk", "admin1": "Kirkuk", "country": "IRQ", "lat": 35.47, "lon": 44.39, "geo_precision": "city"}
MOSUL = {"location_name": "Mosul", "admin1": "Nineveh", "country": "IRQ", "lat": 36.34, "lon": 43.13, "geo_precision": "city"}


def report(doc: str, **fields) -> dict:
    base = {"id": f"e-{doc}", "content_hash": doc, "source": doc, "doc_id": doc, "url": f"https://x/{doc}",
            "event_type": "ASSAULT", "mode": "explosives", "actor_id": "ISIL", "actor_name": "Islamic State",
            "recipient_id": None, "recipient_name": None, "date": "2019-04-10", "date_precision": "day",
            "publication_date": "2019-04-11", "fatalities": 7, "confidence": 0.8, "evidence_text": f"text of {doc}",
            **KIRKUK}
    return {**base, **fields}


def test_same_actor_day_and_city_is_one_incident_with_reasons():
    m = compare(report("a"), report("b", fatalities=9))
    assert m.ok and m.score >= 5
    assert any("same actor" in r for r in m.reasons) and any("same place" in r for r in m.reasons)


def test_a_recipient_missing_on_one_side_is_compatible_two_different_ones_are_not():
    assert compare(report("a", recipient_id="IRQ.MIL", recipient_name="Iraqi army"), report("b")).ok
    assert not compare(report("a", recipient_id="IRQ.MIL", recipient_name="Iraqi army"),
                       report("b", recipient_id="IRQ.COP", recipient_name="Iraqi police")).ok
    # an unresolved surface form ("a market") contradicts nothing
    assert compare(report("a", recipient_name="a market"), report("b", recipient_name="the crowd")).ok


def test_near_misses_stay_apart():
    assert not compare(report("a"), report("b", date="2019-04-17")).ok  # another day
    assert not compare(report("a"), report("b", **MOSUL)).ok  # another town, 150 km away
    assert not compare(report("a"), report("b", actor_id="PKK", actor_name="PKK")).ok  # another actor
    assert not compare(report("a"), report("b", event_type="CONSULT")).ok


def test_a_province_level_place_matches_a_city_in_that_province_only():
    province = {"location_name": "Kirkuk Governorate", "admin1": "Kirkuk", "geo_precision": "admin1", "lat": 35.3, "lon": 44.2}
    assert compare(report("a"), report("b", **province)).ok
    assert not compare(report("a", **MOSUL), report("b", **province)).ok


def test_an_unknown_actor_needs_a_place_or_a_toll_to_tie_it():
    unknown = {"actor_id": None, "actor_name": "Unidentified actor"}
    groups = cluster([report("a"), report("b", **unknown, fatalities=None)])
    assert len(groups) == 1  # same city, same day
    nowhere = {"location_name": None, "lat": None, "lon": None, "admin1": None, "geo_precision": None}
    groups = cluster([report("a", fatalities=3), report("b", **unknown, **nowhere, fatalities=None)])
    assert len(groups) == 2


def test_dates_widen_by_precision():
    assert date_window({"date": "2024-02", "date_precision": "month"})[1].isoformat() == "2024-02-29"
    assert compare(report("a"), report("b", date="2019-04", date_precision="month")).ok
    assert compare(report("a"), report("b", date="2019-04-11")).ok  # "last night" vs the morning's date


def test_merge_picks_fields_with_provenance_and_confidence_grows_with_sources():
    groups = cluster([report("a", fatalities=7), report("b", fatalities=9), report("c", fatalities=7)])
    assert len(groups) == 1
    incident = merge(groups[0])
    assert incident["n_sources"] == 3
    assert (incident["fatalities"], incident["fatalities_min"], incident["fatalities_max"]) == (7, 7, 9)
    assert incident["provenance"]["fatalities"]["doc_id"] == "a"
    assert [s["reason"] is None for s in incident["sources"]] == [True, False, False]
    assert incident["confidence"] > merge(groups[0][:2])["confidence"] > merge(groups[0][:1])["confidence"]


def test_a_duplicate_copy_adds_no_source():
    groups = cluster([report("a"), report("a-copy", source="a")])
    incident = merge(groups[0])
    assert incident["n_reports"] == 2 and incident["n_sources"] == 1
    assert incident["confidence"] == merge(groups[0][:1])["confidence"]


def test_events_of_one_document_stay_apart_unless_near_certain():
    two = [report("a"), report("a", id="e-a2", actor_id=None, actor_name="Unidentified actor", fatalities=None)]
    assert len(cluster(two)) == 2


ARTICLE = ("Seven people were killed on Wednesday when a car bomb exploded near a crowded market in the northern city, "
           "police said. The blast damaged several shops and a mosque; a security official blamed the militants who "
           "have attacked the area before. Ambulances took the wounded to the main hospital.")


def test_near_duplicate_documents():
    index = DuplicateIndex()
    assert index.add("txt", ARTICLE) == (None, 0.0)
    original, similarity = index.add("html", "Car bomb kills seven\n\n" + ARTICLE + "\n\nShare this article")
    assert original == "txt" and similarity > 0.8
    other = "Protesters marched through the capital on Friday to demand the release of detained journalists, " \
            "and police watched from a distance as the crowd dispersed peacefully in the evening."
    assert index.add("other", other)[0] is None


def test_a_meeting_or_a_clash_told_from_either_side_is_one_dyad():
    putin = {"event_type": "CONSULT", "actor_id": "RUS.GOV.putin", "actor_name": "Vladimir Putin",
             "recipient_id": "CHN.GOV.xi", "recipient_name": "Xi Jinping", "fatalities": None}
    xi = {**putin, "actor_id": "CHN.GOV.xi", "actor_name": "Xi Jinping", "recipient_id": "RUS.GOV.putin",
          "recipient_name": "Vladimir Putin"}
    assert compare(report("a", **putin), report("b", **xi)).ok
    assert not compare(report("a", **{**putin, "event_type": "ACCUSE"}), report("b", **{**xi, "event_type": "ACCUSE"})).ok

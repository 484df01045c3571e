"""The Python API mirrors the CLI: dotterel.code() and dotterel.Store with DataFrames."""

from __future__ import annotations

import dotterel


def test_code_returns_a_coded_document():
    doc = dotterel.code("Kenyan police arrested 30 protesters in Nairobi on Tuesday.", date="2024-06-26")
    record = doc.to_dict()
    arrest = next(e for e in record["events"] if e["event_type"] == "COERCE")
    assert arrest["mode"] == "arrest"
    assert arrest["arrested"] == 30
    assert arrest["actor"]["country"] == "KEN" and arrest["actor"]["sector"] == "COP"
    assert arrest["acled_sub_event_type"] == "Arrests"
    assert arrest["location"]["name"] == "Nairobi"


def test_store_round_trip_and_dataframes(tmp_path):
    doc = dotterel.code("Kenyan police arrested 30 protesters in Nairobi on Tuesday.", date="2024-06-26")
    with dotterel.Store(tmp_path / "x.duckdb") as store:
        assert store.add([doc]) == 1
        assert store.add([doc]) == 0
        assert store.records() == [doc.to_dict()]
        frame = store.dataframe("events")
        assert list(frame["event_type"]) == [e.event_type for e in doc.events]
        assert store.events(country="KEN", since="2024-06-01")
        assert not store.events(until="2024-01-01")

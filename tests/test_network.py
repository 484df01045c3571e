"""Relations from the text, and the actor graph."""

from __future__ import annotations

from dotterel.network import build_graph


def relations(record: dict) -> set[tuple[str, str, str]]:
    return {(r["a"], r["b"], r["type"]) for r in record["relations"]}


def test_iran_backed_militias(code):
    rec = code("Iran-backed militias fired rockets at a base in eastern Syria on Sunday.")
    rel = next(r for r in rec["relations"] if r["type"] == "backs")
    assert rel["a"] == "IRN" and rel["evidence"]["text"] == "Iran-backed"


def test_member_of_apposition(code):
    rec = code("Kata'ib Hezbollah, a member of the Popular Mobilization Forces, denied any role in the attack.")
    assert ("KATAIB_HEZBOLLAH", "PMF", "member_of") in relations(rec)


def test_backed_by_and_ally_of(code):
    rec = code("The Rapid Support Forces, backed by the United Arab Emirates, shelled El Fasher. "
               "Hezbollah is an ally of Iran.")
    rels = relations(rec)
    assert ("ARE", "SDN.RSF", "backs") in rels
    assert any(t == "ally" and {a, b} == {"IRN", "Q41053"} for a, b, t in rels)


def test_formed_with_help_from(code):
    rec = code("The Badr militia was formed with help from the IRGC in the 1980s.")
    assert any(a == "IRN.IRGC" and t == "backs" for a, _, t in relations(rec))
    for r in rec["relations"]:
        assert rec and r["evidence"]["text"] in "The Badr militia was formed with help from the IRGC in the 1980s."


def test_graph_weights_and_signs():
    rows = [{"actor_id": "A", "recipient_id": "B", "event_type": "ASSAULT", "actor_name": "A", "recipient_name": "B"},
            {"actor_id": "A", "recipient_id": "B", "event_type": "ASSAULT"},
            {"actor_id": "A", "recipient_id": "C", "event_type": "AID"}]
    g = build_graph(rows, [{"a": "C", "b": "D", "type": "backs"}])
    assert g["A"]["B"]["weight"] == 2 and g["A"]["B"]["sign"] == "conflict"
    assert g["A"]["C"]["sign"] == "cooperation" and g.has_edge("C", "D")


def test_unnamed_actor_placeholder_is_no_node():
    from dotterel.model import UNKNOWN_ACTOR
    from dotterel.network import build_graph

    rows = [{"actor_id": None, "actor_name": UNKNOWN_ACTOR, "recipient_id": "ISIL", "recipient_name": "Islamic State",
             "event_type": "ASSAULT"},
            {"actor_id": None, "actor_name": UNKNOWN_ACTOR, "recipient_id": "IRQ", "recipient_name": "Iraq",
             "event_type": "ASSAULT"},
            {"actor_id": "USA", "actor_name": "United States", "recipient_id": "ISIL", "recipient_name": "Islamic State",
             "event_type": "ASSAULT"}]
    graph = build_graph(rows)
    assert set(graph.nodes) == {"USA", "ISIL"}
    assert graph["USA"]["ISIL"]["conflict"] == 1

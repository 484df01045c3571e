"""The trained event model: features, training, saving, `dotterel train` round trip."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from dotterel.events.classifier import EventModel, fit, load_model
from dotterel.events.training import BadExample, parse_examples

# a verb the lexicon does not know: only a trained model can read it as an accusation
PILLORY = [
    "Opposition leader Maria Santos pilloried the finance minister over the missing pension funds.",
    "The union pilloried the transport authority for the rise in bus fares on Monday.",
    "Human rights groups pilloried the Nigerian army over the killing of protesters in Lagos.",
    "The Kenyan president pilloried the election commission after the delayed count.",
    "Farmers in Punjab pilloried the state government over the price of fertiliser.",
    "The Chilean senate pilloried the interior ministry for the police response to the march.",
    "Rebel commanders pilloried the peace envoy as biased towards the government.",
    "The European Commission pilloried Hungary over its new media law on Thursday.",
    "Amnesty International pilloried the Egyptian authorities for jailing journalists.",
    "The mayor of Manila pilloried the national police for failing to stop the gang killings.",
]
NOTHING = [
    "The minister travelled by train from Lyon to Paris on Monday morning.",
    "Rainfall in the region was heavier than usual this spring, forecasters noted.",
    "The company opened a new factory outside Nairobi last year.",
    "Thousands of fans celebrated the team's victory in the capital.",
    "The museum reopened its doors to visitors after a long renovation.",
    "The senator walked to the chamber before the vote.",
    "The bank raised interest rates by half a point.",
    "The festival drew record crowds to the old city.",
    "Coffee exports rose sharply in the first quarter.",
    "The new bridge connects the two halves of the town.",
]


def write_examples(path) -> None:
    rows = [{"text": t, "event_type": "ACCUSE", "mode": "disapprove"} for t in PILLORY]
    rows += [{"text": t, "event_type": "NONE"} for t in NOTHING]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")


def dotterel(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dotterel.cli", *args], capture_output=True, text=True, timeout=300)


def test_fit_learns_and_save_load_keeps_predictions(tmp_path):
    samples = [(["trig=shell", "obj=town"], {"event_type": "ASSAULT"}),
               (["trig=meet", "obj=envoy"], {"event_type": "CONSULT"}),
               (["trig=shell", "obj=village"], {"event_type": "ASSAULT"}),
               (["trig=meet", "obj=minister"], {"event_type": "CONSULT"})]
    model = fit(samples, epochs=100)
    assert model.predict(["trig=shell", "obj=city"], "event_type")[0] == "ASSAULT"
    assert model.predict(["trig=meet"], "event_type")[0] == "CONSULT"
    assert model.explain(["trig=shell", "bow=unknown"], "event_type", "ASSAULT")[0][0] == "trig=shell"
    path = tmp_path / "m.npz"
    model.save(path)
    again = EventModel.load(path)
    p1 = model.scores(["trig=meet", "obj=town"], "event_type")
    p2 = again.scores(["trig=meet", "obj=town"], "event_type")
    assert p1.keys() == p2.keys() and all(abs(p1[k] - p2[k]) < 1e-2 for k in p1)
    assert again.scores(["x"], "mode") is None  # no such head trained


def test_bad_examples_name_the_line():
    with pytest.raises(BadExample, match="data.jsonl:2: not JSON"):
        list(parse_examples(['{"text": "a", "event_type": "ASSAULT"}', "{oops"], "data.jsonl"))
    with pytest.raises(BadExample, match="data.jsonl:1: no label"):
        list(parse_examples(['{"text": "Police arrested him."}'], "data.jsonl"))
    with pytest.raises(BadExample, match='no "text"'):
        list(parse_examples(['{"event_type": "ASSAULT"}'], "data.jsonl"))


def test_shipped_model_loads_small_and_offline():
    model = load_model()
    assert model is not None and "event_type" in model.heads
    assert {"ASSAULT", "PROTEST", "AID", "NONE"} <= set(model.heads["event_type"].labels)


def test_train_command_round_trips(tmp_path):
    data, model, text = tmp_path / "labelled.jsonl", tmp_path / "model.npz", tmp_path / "new.txt"
    write_examples(data)
    trained = dotterel("train", str(data), "--no-shipped", "-o", str(model), "--propose", "0.5")
    assert trained.returncode == 0, trained.stderr
    assert model.is_file() and "trained on 20 examples" in trained.stderr
    text.write_text("The teachers' union pilloried the education ministry over unpaid salaries.", encoding="utf-8")

    def types(*extra: str) -> list[str]:
        run = dotterel("code", str(text), "--date", "2024-03-01", *extra)
        assert run.returncode == 0, run.stderr
        return [e["event_type"] for e in json.loads(run.stdout)["events"]]

    assert "ACCUSE" not in types("--event-model", "none")
    assert "ACCUSE" in types("--event-model", str(model))


def test_train_command_reports_a_bad_file(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "Troops shelled the town."}\n', encoding="utf-8")
    run = dotterel("train", str(bad), "-o", str(tmp_path / "m.npz"))
    assert run.returncode == 2 and "bad.jsonl:1: no label" in run.stderr

"""Build the event model that ships in the package (src/dotterel/data/event_model.npz).

Trained only on data whose licence allows it: the project's own examples
(src/dotterel/data/training/plover_examples.jsonl) and, when the folder is given, PLOVER's codebook examples
(`gsr_dev`, CC BY-SA 4.0, openeventdata/PLOVER) read from where they lie; nothing of them is copied into the repo.

usage: python scripts/train_model.py [--gsr ../shared/data/dev] [-o src/dotterel/data/event_model.npz]
(`make model` runs it with --gsr ../shared/data/dev: that is how the shipped model is built.)

Deterministic: full-batch training from zero weights (no sampling, no seed to set) and a zip written with fixed
timestamps, so a rebuild from the same data gives the same file. The model's metadata records the hashes of
its training data and feature code (dotterel.events.provenance); tests/test_model_provenance.py fails when they
no longer match the current files.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from dotterel.events.provenance import provenance
from dotterel.events.training import Example, shipped_examples, train
from dotterel.nlp import load_nlp

# PLOVER's examples use the codebook's current names; the model learns the 16 types
GSR_NAMES = {"YIELD": "CONCEDE"}
# the shipped model only proposes acts at verbs the lexicon does not know; it never retypes a lexicon trigger
# (override above 1) nor an ACLED type (acled_override, absent: never)
THRESHOLDS = {"override": 2.0, "propose": 0.6}


def gsr_examples(folder: Path) -> list[Example]:
    texts = {}
    for line in open(folder / "gsr_dev.input.jsonl", encoding="utf-8"):
        row = json.loads(line)
        texts[row["id"]] = row["text"]
    seen, out = set(), []
    for line in open(folder / "gsr_dev.gold.jsonl", encoding="utf-8"):
        gold = json.loads(line)
        if gold["id"] in seen or not gold.get("root"):
            continue  # one label per sentence: its first coded event
        seen.add(gold["id"])
        labels = {"event_type": GSR_NAMES.get(gold["root"], gold["root"]), "mode": gold.get("mode") or "NONE"}
        out.append(Example(texts[gold["id"]], labels))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gsr", type=Path, help="folder holding gsr_dev.input.jsonl and gsr_dev.gold.jsonl")
    parser.add_argument("-o", "--output", type=Path,
                        default=Path(__file__).resolve().parent.parent / "src/dotterel/data/event_model.npz")
    args = parser.parse_args()
    examples = shipped_examples()
    if args.gsr:
        examples += gsr_examples(args.gsr)
    nlp = load_nlp()
    model = train(nlp, examples, THRESHOLDS)
    model.meta["trained_on"] = "dotterel's own examples" + (" + PLOVER gsr (CC BY-SA 4.0)" if args.gsr else "")
    model.meta["spacy_model"] = f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}"
    model.meta["provenance"] = provenance(args.gsr)
    model.save(args.output)
    print(f"{len(examples)} examples, {len(model.vocab)} features, heads {sorted(model.heads)} -> {args.output} "
          f"({args.output.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()

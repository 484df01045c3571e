"""Incident fusion against hand-made clusters: pairwise precision and recall of the merge.

usage: PYTHONPATH=src python bench/fusion.py [--corpus tests/fixtures/incidents.jsonl] [--json]

Each line of the corpus is one short report (our own writing) with its gold ``incident``; several outlets tell
each incident in their own words, and near misses (the same dyad another day, in another town) stand alone.
The reports are coded and stored one at a time (so fusion runs incrementally, as at ingest); then two reports
are predicted to tell one incident when their main events share an incident. Pairwise precision/recall over
all report pairs. The near-duplicate file adds re-published copies, which must be found as duplicates and join
the incidents of their original without adding a source.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "fixtures" / "incidents.jsonl"
DUPLICATES = ROOT / "tests" / "fixtures" / "incidents_duplicates.jsonl"


def read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def pairwise(gold: dict[str, str], predicted: dict[str, set[str]]) -> dict[str, float]:
    """Precision/recall of same-incident pairs: gold maps report -> incident label, predicted report -> incident ids."""
    tp = fp = fn = 0
    wrong, missed = [], []
    for a, b in combinations(sorted(gold), 2):
        same_gold = gold[a] == gold[b]
        same_pred = bool(predicted.get(a, set()) & predicted.get(b, set()))
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
        if same_pred != same_gold:
            (wrong if same_pred else missed).append(f"{a}+{b}")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "tp": tp, "fp": fp, "fn": fn,
            "wrong_pairs": wrong, "missed_pairs": missed}


def run(pipeline, reports: list[dict], duplicates: list[dict], db: Path) -> dict:
    from dotterel.ingest import document_from_text
    from dotterel.store import Store

    with Store(db) as store:
        for r in reports + duplicates:  # one at a time: the incremental path
            doc = document_from_text(r["text"], doc_id=r["id"], date=r["date"], url=r["url"])
            store.add([pipeline.code_one(doc)])
        con = store.con
        main = con.execute("SELECT d.doc_id, s.incident_id FROM incident_sources s JOIN events e ON e.id = s.event_id "
                           "AND e.content_hash = s.content_hash JOIN documents d ON d.content_hash = e.content_hash "
                           "WHERE coalesce(e.salience, 'main') = 'main'").fetchall()
        found_dups = dict(con.execute("SELECT a.doc_id, b.doc_id FROM document_duplicates x JOIN documents a ON "
                                      "a.content_hash = x.content_hash JOIN documents b ON b.content_hash = x.duplicate_of"
                                      ).fetchall())
        sources = dict(con.execute("SELECT d.doc_id, max(i.n_sources) FROM incident_sources s JOIN incidents i ON "
                                   "i.id = s.incident_id JOIN documents d ON d.content_hash = s.content_hash "
                                   "GROUP BY 1").fetchall())
    predicted: dict[str, set[str]] = {}
    for doc_id, incident in main:
        predicted.setdefault(doc_id, set()).add(incident)
    scores = pairwise({r["id"]: r["incident"] for r in reports}, predicted)
    dup_ok = sum(found_dups.get(d["id"]) == d["duplicate_of"] and predicted.get(d["id"], set()) <= predicted.get(
        d["duplicate_of"], set()) and sources.get(d["id"]) == sources.get(d["duplicate_of"]) for d in duplicates)
    scores.update(reports=len(reports), incidents=len({r["incident"] for r in reports}),
                  duplicates_found=f"{dup_ok}/{len(duplicates)}", false_duplicates=len(set(found_dups) - {
                      d["id"] for d in duplicates}))
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--duplicates", type=Path, default=DUPLICATES)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    from dotterel.pipeline import Pipeline

    with tempfile.TemporaryDirectory() as tmp:
        scores = run(Pipeline(), read(args.corpus), read(args.duplicates), Path(tmp) / "bench.duckdb")
    if args.json:
        print(json.dumps(scores))
    else:
        print(f"fusion on {scores['reports']} reports of {scores['incidents']} incidents: precision "
              f"{scores['precision']:.3f} recall {scores['recall']:.3f} (tp {scores['tp']} fp {scores['fp']} fn "
              f"{scores['fn']}); near-duplicates found {scores['duplicates_found']}, false {scores['false_duplicates']}")
        print(f"merged wrongly: {', '.join(scores['wrong_pairs']) or '-'}; missed: {', '.join(scores['missed_pairs']) or '-'}")


if __name__ == "__main__":
    sys.exit(main())

"""Throughput and memory of `dotterel code` against bare spaCy `nlp.pipe` on the same text.

usage: python bench/throughput.py [--docs N] [--workers 1 2] [--corpus FILE.jsonl]

Replicates the corpus (default: the bundled sample) to N documents, then times, each in a fresh
process so peak RSS is its own: bare spaCy over the texts, the whole dotterel pipeline, and the
pipeline per stage (time spent in each stage). Prints one line per run and a JSON summary last.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_texts(corpus: Path, n: int) -> list[dict]:
    base = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [dict(base[i % len(base)], id=f"{base[i % len(base)]['id']}-{i}") for i in range(n)]


def child(mode: str, corpus: str, n: int, workers: int) -> None:
    """Run one measurement in this process and print its JSON line."""
    docs = load_texts(Path(corpus), n)
    words = sum(len(d["text"].split()) for d in docs)
    stage_time: dict[str, float] = {}
    t0 = time.perf_counter()
    if mode == "spacy":
        from dotterel.nlp import load_nlp

        nlp = load_nlp()
        t0 = time.perf_counter()
        if workers > 1:
            for _ in nlp.pipe((d["text"] for d in docs), batch_size=32, n_process=workers):
                pass
        else:
            for _ in nlp.pipe((d["text"] for d in docs), batch_size=32):
                pass
    else:
        from dotterel.ingest import document_from_text
        from dotterel.pipeline import Pipeline, code_documents

        pipeline = Pipeline() if workers == 1 else None
        if pipeline is not None:  # per-stage timing, single process only
            for stage in pipeline.stages:
                stage_time[stage.name] = 0.0
                stage.__class__.__call__ = _timed(stage.__class__.__call__, stage.name, stage_time)
        documents = [document_from_text(d["text"], doc_id=d["id"], date=d.get("date")) for d in docs]
        t0 = time.perf_counter()
        for _ in code_documents(documents, workers=workers, pipeline=pipeline):
            pass
    wall = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rss_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps({"mode": mode, "workers": workers, "docs": n, "words": words, "wall_s": round(wall, 2),
                      "docs_per_s": round(n / wall, 1), "words_per_s": round(words / wall),
                      "peak_rss_mb": round(max(rss, rss_children)),
                      "stage_s": {k: round(v, 2) for k, v in stage_time.items()}}))


def _timed(fn, name: str, acc: dict[str, float]):
    def wrapper(self, doc, coded):
        t = time.perf_counter()
        try:
            return fn(self, doc, coded)
        finally:
            acc[name] += time.perf_counter() - t
    return wrapper


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--corpus", default=str(ROOT / "samples" / "us_gov_press_releases.jsonl"))
    ap.add_argument("--child", nargs=3, metavar=("MODE", "N", "WORKERS"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child[0], args.corpus, int(args.child[1]), int(args.child[2]))
        return
    results = []
    sizes = sorted({45, args.docs})
    for n in sizes:
        for workers in args.workers:
            for mode in ("spacy", "dotterel"):
                out = subprocess.run([sys.executable, __file__, "--corpus", args.corpus, "--child", mode, str(n),
                                      str(workers)], capture_output=True, text=True, check=True)
                row = json.loads(out.stdout.strip().splitlines()[-1])
                results.append(row)
                print(f"{mode:<9} docs={n:<5} workers={workers} {row['docs_per_s']:>7} docs/s "
                      f"{row['words_per_s']:>7} words/s  peak RSS {row['peak_rss_mb']} MB  {row['stage_s'] or ''}",
                      flush=True)
    ratios = {}
    for n in sizes:
        for w in args.workers:
            s = next(r for r in results if r["mode"] == "spacy" and r["docs"] == n and r["workers"] == w)
            d = next(r for r in results if r["mode"] == "dotterel" and r["docs"] == n and r["workers"] == w)
            ratios[f"{n}docs_{w}workers"] = round(d["wall_s"] / s["wall_s"], 2)
    print(json.dumps({"machine": f"{platform.machine()} {subprocess.getoutput('nproc')} cores",
                      "dotterel_over_spacy_time": ratios, "runs": results}))


if __name__ == "__main__":
    main()

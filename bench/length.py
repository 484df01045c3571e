"""Cost against document length: seconds per stage for one document of 10k, 25k, 50k and 100k characters.

usage: python bench/length.py [--lengths 10000 25000 50000 100000] [--repeat 1] [--json OUT.json]

Each document joins paragraphs of the bundled public-domain sample corpus (samples/), in a fixed shuffled order,
until it reaches the length; the corpus holds ~65k characters of text, so longer documents take the paragraphs
again in another order. Prints, per length, the spaCy parse and each stage in seconds, the total, and last the
ratio of each length's total to the shortest one's (linear cost: 100k/10k near 10).
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "us_gov_press_releases.jsonl"


def paragraphs(corpus: Path = SAMPLE) -> list[str]:
    rows = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [p.strip() for r in rows for p in r["text"].split("\n") if len(p.strip()) > 40]


def build_document(paras: list[str], length: int, seed: int = 7) -> str:
    """Paragraphs joined by blank lines until ``length`` characters, cut at the last paragraph that fits."""
    rng, out, size, round_ = random.Random(seed), [], 0, 0
    while size < length:
        order = paras[:]
        rng.shuffle(order)
        for p in order:
            if size >= length:
                break
            out.append(p)
            size += len(p) + 2
        round_ += 1
    return "\n\n".join(out)[:length]


def time_document(pipeline, text: str) -> dict[str, float]:
    from dotterel.model import CodedDocument, Document

    coded = CodedDocument.from_document(Document(doc_id="bench", text=text, publication_date="2020-01-01"))
    t = time.perf_counter()
    doc = pipeline.nlp(text)
    seconds = {"spacy": time.perf_counter() - t}
    for stage in pipeline.stages:
        t = time.perf_counter()
        stage(doc, coded)
        seconds[stage.name] = time.perf_counter() - t
    if coded.error:
        raise SystemExit(f"coding failed: {coded.error}")
    seconds["total"] = sum(seconds.values())
    return seconds


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lengths", type=int, nargs="+", default=[10_000, 25_000, 50_000, 100_000])
    ap.add_argument("--repeat", type=int, default=1, help="runs per length; the fastest is kept")
    ap.add_argument("--json", help="also write the results here")
    args = ap.parse_args()
    from dotterel.pipeline import Pipeline

    pipeline, paras = Pipeline(), paragraphs()
    time_document(pipeline, build_document(paras, 2000))  # warm-up: lazy loads
    results = {}
    for n in args.lengths:
        text = build_document(paras, n)
        runs = [time_document(pipeline, text) for _ in range(args.repeat)]
        best = min(runs, key=lambda r: r["total"])
        results[n] = {k: round(v, 2) for k, v in best.items()}
        print(f"{n:>7} chars  " + "  ".join(f"{k} {v:.2f}" for k, v in results[n].items()), flush=True)
    base = min(results)
    ratios = {n: round(r["total"] / results[base]["total"], 1) for n, r in results.items()}
    load = subprocess.getoutput("cat /proc/loadavg")
    summary = {"machine": f"{platform.machine()} {subprocess.getoutput('nproc')} cores, load {load}",
               "seconds": results, f"total_over_{base}": ratios}
    print(json.dumps(summary))
    if args.json:
        Path(args.json).write_text(json.dumps(summary, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()

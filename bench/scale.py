"""Scale-out throughput: documents/s of `dotterel scale` (Ray) with 1 and 2 actors against the plain pipeline.

usage: python bench/scale.py [--docs 200] [--actors 1 2] [--batch-size 8]

The corpus is the bundled sample (samples/) replicated to N documents. The plain pipeline runs in this process;
Ray runs on a local instance with as many CPUs as actors, started once (its start-up is not counted, each
actor's model loading is). Efficiency = docs/s with k actors / (k x plain docs/s). Prints one line per run and
a JSON summary last.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import load_texts  # noqa: E402


def write_corpus(n: int, folder: Path) -> Path:
    path = folder / "corpus.jsonl"
    rows = load_texts(ROOT / "samples" / "us_gov_press_releases.jsonl", n)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def plain(corpus: Path) -> float:
    from dotterel.ingest import read_inputs
    from dotterel.pipeline import Pipeline

    t = time.perf_counter()
    n = sum(1 for _ in Pipeline().code(read_inputs([str(corpus)])))
    return n / (time.perf_counter() - t)


def on_ray(corpus: Path, actors: int, batch_size: int, out: Path) -> float:
    from dotterel.scale import code_with_ray

    t = time.perf_counter()
    n = code_with_ray([str(corpus)], out, num_actors=actors, batch_size=batch_size)
    return n / (time.perf_counter() - t)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--actors", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--batch-size", type=int, default=8)
    args = ap.parse_args()
    import ray

    with tempfile.TemporaryDirectory() as tmp:
        corpus = write_corpus(args.docs, Path(tmp))
        base = plain(corpus)
        print(f"plain pipeline: {base:.1f} docs/s", flush=True)
        ray.init(num_cpus=max(args.actors), include_dashboard=False, log_to_driver=False)
        runs = {}
        try:
            for k in args.actors:
                rate = on_ray(corpus, k, args.batch_size, Path(tmp) / f"out{k}")
                runs[k] = {"docs_per_s": round(rate, 2), "efficiency": round(rate / (k * base), 2)}
                print(f"ray, {k} actor(s): {rate:.1f} docs/s, efficiency {runs[k]['efficiency']}", flush=True)
        finally:
            ray.shutdown()
    load = subprocess.getoutput("cat /proc/loadavg")
    print(json.dumps({"machine": f"{platform.machine()} {subprocess.getoutput('nproc')} cores, load {load}",
                      "docs": args.docs, "plain_docs_per_s": round(base, 2), "ray": runs}))


if __name__ == "__main__":
    main()

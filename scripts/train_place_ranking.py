"""Learn the place-ranking weights that ship in src/dotterel/data/place_ranking.json.

Trained only on evloc_dev (ahalterman/event_location, MIT), read from where it lies; nothing of it is copied into
the repo: the file holds the weights, the data's sha256 and the command that made it.

usage: python scripts/train_place_ranking.py [--data ../shared/data/dev] [--ship learned|hand] [-o FILE]

Each sentence is coded by the pipeline with the hand weights (so that a rerun sees the same choices whatever
file ships); every choice among a toponym's readings
(ranking.choose) is recorded as the readings' feature vectors (where.features). evloc_dev gives place names, not
points, so a choice is a training group only when some readings' names match a gold location of the sentence
(the benchmark's place_match) and others do not; the matching ones are the right ones. Gold names do not tell
namesakes apart, so the labels lean to readings spelt like the gold (small namesakes over a big city reached by
an alternate spelling): check the benchmarks before shipping learned weights (--ship hand otherwise). The fit is a softmax
ranking loss, full-batch gradient descent from the hand weights with an L2 pull back to them, a fixed number of
steps: deterministic, so a rerun on the same data writes the same file. The pull's strength is chosen by 5-fold
cross-validated choice accuracy (folds by sentence), which is printed for the hand and the learned weights.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import shlex
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np

from dotterel.model import Document
from dotterel.pipeline import Pipeline
from dotterel.where import PlaceResolver, ranking
from dotterel.where import features as scoring
from dotterel.where.features import FEATURES, HAND_WEIGHTS, WEIGHTS_FILE, features

ROOT = Path(__file__).resolve().parent.parent
DATA = ("evloc_dev.input.jsonl", "evloc_dev.gold.jsonl")
STEPS, RATE = 1500, 0.05
PULLS = (1.0, 0.3, 0.1, 0.03, 0.01)  # strongest first: a tie in accuracy keeps the weights nearer the hand ones
FOLDS = 5


class Groups:
    """Training groups stacked flat: X (candidates x features), y (right reading), start (each group's first row),
    fold (each group's fold)."""

    def __init__(self, rows: list[tuple[list[list[float]], list[bool], int]]) -> None:
        self.X = np.array([x for xs, _, _ in rows for x in xs], dtype=np.float64)
        self.y = np.array([v for _, ys, _ in rows for v in ys], dtype=np.float64)
        self.start = np.cumsum([0] + [len(xs) for xs, _, _ in rows[:-1]])
        self.fold = np.array([f for _, _, f in rows])
        self.gid = np.repeat(np.arange(len(rows)), [len(xs) for xs, _, _ in rows])

    def subset(self, keep: np.ndarray) -> Groups:
        out = object.__new__(Groups)
        rows = np.flatnonzero(keep[self.gid])
        out.X, out.y, out.fold = self.X[rows], self.y[rows], self.fold[keep]
        sizes = np.bincount(self.gid[rows], minlength=len(keep))[keep]
        out.start = np.concatenate([[0], np.cumsum(sizes)[:-1]])
        out.gid = np.repeat(np.arange(len(sizes)), sizes)
        return out


def place_match_from(score_py: Path) -> Callable[[str, str], bool]:
    """The benchmark's own name match, so that a right reading is one the benchmark would count right."""
    spec = importlib.util.spec_from_file_location("bench_score", score_py)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.place_match


def collect(folder: Path, place_match: Callable[[str, str], bool]) -> Groups:
    gold: dict[str, list[str]] = {}
    for line in open(folder / DATA[1], encoding="utf-8"):
        row = json.loads(line)
        gold.setdefault(row["id"], []).extend(row["locations"])
    docs = [Document(doc_id=r["id"], text=r["text"]) for r in map(json.loads, open(folder / DATA[0], encoding="utf-8"))]
    rows: list[tuple[list[list[float]], list[bool], int]] = []
    current = {"id": ""}
    resolve, choose, shipped = PlaceResolver.__call__, ranking.choose, scoring.weights

    def watched_resolve(self, doc, coded) -> None:  # type: ignore[no-untyped-def]
        current["id"] = coded.doc_id
        resolve(self, doc, coded)

    def watched_choose(cands, t, *context):  # type: ignore[no-untyped-def]
        names = gold.get(current["id"], [])
        right = [any(place_match(p.name, g) for g in names) for p in cands]
        if any(right) and not all(right):
            fold = int(hashlib.sha1(current["id"].encode()).hexdigest(), 16) % FOLDS
            rows.append(([features(p, t, *context) for p in cands], right, fold))
        return choose(cands, t, *context)

    PlaceResolver.__call__, ranking.choose = watched_resolve, watched_choose  # type: ignore[method-assign]
    scoring.weights = lambda: HAND_WEIGHTS  # type: ignore[assignment]
    try:
        for _ in Pipeline().code(docs):
            pass
    finally:
        PlaceResolver.__call__, ranking.choose = resolve, choose  # type: ignore[method-assign]
        scoring.weights = shipped  # type: ignore[assignment]
    return Groups(rows)


def accuracy(g: Groups, w: np.ndarray) -> float:
    """The share of groups whose best-scored reading (the first on a tie, as ranking.choose) is a right one."""
    s = g.X @ w
    ends = np.append(g.start[1:], len(s))
    hits = [g.y[a + int(np.argmax(s[a:b]))] for a, b in zip(g.start, ends)]
    return float(np.mean(hits)) if hits else 0.0


def fit(g: Groups, prior: np.ndarray, pull: float) -> np.ndarray:
    """Softmax ranking loss (minus the log of the right readings' share) plus pull * |w - prior|^2."""
    w = prior.copy()
    n = len(g.start)
    for _ in range(STEPS):
        s = g.X @ w
        s -= np.maximum.reduceat(s, g.start)[g.gid]
        e = np.exp(s)
        z = np.add.reduceat(e, g.start)[g.gid]
        right = np.add.reduceat(e * g.y, g.start)[g.gid]
        grad = g.X.T @ (e / z - e * g.y / right) / n + 2 * pull * (w - prior)
        w -= RATE * grad
    return w


def cross_validate(g: Groups, prior: np.ndarray, pull: float) -> float:
    hits = 0.0
    for k in range(FOLDS):
        test = g.fold == k
        w = fit(g.subset(~test), prior, pull)
        hits += accuracy(g.subset(test), w) * int(test.sum())
    return hits / len(g.start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared/data/dev", help="folder holding evloc_dev")
    parser.add_argument("--score", type=Path, default=ROOT.parent / "shared/bench/score.py", help="place_match's module")
    parser.add_argument("--ship", choices=("learned", "hand"), default="learned",
                        help="which weights the file ships: hand when the learned ones did not hold on the benchmarks")
    parser.add_argument("--note", default="", help="why these weights ship (the benchmarks' verdict)")
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "src/dotterel/data" / WEIGHTS_FILE)
    args = parser.parse_args()
    groups = collect(args.data, place_match_from(args.score))
    prior = np.array(HAND_WEIGHTS)
    hand_cv = accuracy(groups, prior)  # the hand weights are not fitted: their accuracy is their CV accuracy
    cv = {pull: cross_validate(groups, prior, pull) for pull in PULLS}
    pull = max(PULLS, key=lambda p: cv[p])  # the first (strongest pull) on a tie
    learned = fit(groups, prior, pull)
    print(f"groups={len(groups.start)} candidates={len(groups.y)}")
    print(f"5-fold CV choice accuracy: hand={hand_cv:.4f} " + " ".join(f"pull={p}:{a:.4f}" for p, a in cv.items()))
    print(f"chosen pull={pull} learned CV={cv[pull]:.4f} train: hand={hand_cv:.4f} learned={accuracy(groups, learned):.4f}")
    for name, h, v in zip(FEATURES, prior, learned):
        print(f"  {name:24s} hand={h:+.3f} learned={v:+.3f}")
    shipped = learned if args.ship == "learned" else prior
    record = {
        "features": list(FEATURES),
        "weights": [float(v) for v in shipped],
        "shipped": args.ship,
        "note": args.note or ("learned from evloc_dev" if args.ship == "learned" else
                              "hand weights: the learned ones did not hold on the benchmarks (see learned_weights)"),
        "hand_weights": [float(v) for v in prior],
        "learned_weights": [float(v) for v in learned],
        "training": {
            "data": "evloc_dev (ahalterman/event_location, MIT)",
            "sha256": {name: hashlib.sha256((args.data / name).read_bytes()).hexdigest() for name in DATA},
            "command": shlex.join(["python", "scripts/train_place_ranking.py", *sys.argv[1:]]),
            "groups": len(groups.start), "pull": pull, "steps": STEPS, "rate": RATE,
            "cv_accuracy": {"hand": round(hand_cv, 4), "learned": round(cv[pull], 4)},
        },
    }
    args.output.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()

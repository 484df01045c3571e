"""A small trained classifier over a trigger's clause: PLOVER type, mode and ACLED sub-event type.

The lexicon finds triggers and arguments; this model reads the words around a trigger (its lemma, the verb
that carries it, its object, the framing verb, negation, the clause's words and the lexicon's own guess) and
says which type the act is. It is multinomial logistic regression over sparse string features, trained with
numpy alone, so it is fast on CPU, ships as one small ``.npz`` file and every decision can be explained by
the features that weighed most. ``dotterel train`` retrains it on a user's labelled sentences.
"""

from __future__ import annotations

import json
import os
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
from spacy.tokens import Token

from .modality import as_coded
from .triggers import Trigger

HEADS = ("event_type", "mode", "acled_sub_event_type")
NO_LABEL = "NONE"  # event_type: the clause reports no event; mode: no mode
CONTENT_POS = {"NOUN", "VERB", "PROPN", "ADJ"}
MODEL_ENV = "DOTTEREL_EVENT_MODEL"  # path of a model trained with `dotterel train`; "none" turns the model off
SHIPPED = "event_model.npz"


def features_of(token: Token, governor: Token, trig: Trigger | None) -> list[str]:
    """Features of a lexicon trigger (with the sense the lexicon and the clause give it) or of an open verb."""
    sense = as_coded(trig) if trig is not None else None
    return clause_features(token, governor, sense.event_type if sense else None, sense.mode if sense else None)


def clause_features(token: Token, governor: Token, rule_type: str | None, rule_mode: str | None) -> list[str]:
    """The features of one trigger: what the words say, and what the lexicon thought."""
    lemma = token.lemma_.lower()
    gov = governor.lemma_.lower()
    feats = [f"rule={rule_type or NO_LABEL}", f"rule_mode={rule_mode or NO_LABEL}", f"trig={lemma}",
             f"trig_pos={token.pos_}", f"gov={gov}", f"gov_dep={governor.dep_}", f"rule+trig={rule_type}|{lemma}"]
    if governor != governor.head:
        feats.append(f"frame={governor.head.lemma_.lower()}")  # "threatened to strike", "said"
        feats.append(f"frame_dep={governor.dep_}|{governor.head.lemma_.lower()}")
    for child in governor.children:
        dep = child.dep_
        if dep in ("dobj", "nsubjpass", "attr", "oprd"):
            feats += [f"obj={child.lemma_.lower()}", f"vo={gov}|{child.lemma_.lower()}"]
            if child.ent_type_:
                feats.append(f"obj_ent={child.ent_type_}")
        elif dep == "prep":
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            feats.append(f"prep={child.lower_}|{pobj.lemma_.lower() if pobj is not None else ''}")
            feats.append(f"vp={gov}|{child.lower_}")
        elif dep in ("neg", "aux", "mark", "prt"):
            feats.append(f"{dep}={child.lower_}")
        elif dep in ("nsubj", "agent") and child.ent_type_:
            feats.append(f"subj_ent={child.ent_type_}")
        elif dep in ("xcomp", "ccomp"):
            feats.append(f"comp={child.lemma_.lower()}")
    if token != governor:
        feats += [f"noun={lemma}", f"gov+noun={gov}|{lemma}"]
        feats += [f"mod={c.lemma_.lower()}" for c in token.children if c.dep_ in ("compound", "amod")]
    sentence = token.sent
    feats += [f"bow={t.lemma_.lower()}" for t in sentence if t.pos_ in CONTENT_POS and not t.is_stop and t.is_alpha]
    return feats


@dataclass
class Head:
    labels: list[str]
    weights: np.ndarray  # (features, labels)
    bias: np.ndarray  # (labels,)


@dataclass
class EventModel:
    vocab: dict[str, int]
    heads: dict[str, Head]
    meta: dict = field(default_factory=dict)

    def scores(self, feats: Iterable[str], head: str) -> dict[str, float] | None:
        """Label probabilities for one head; None when the model has no such head."""
        h = self.heads.get(head)
        if h is None:
            return None
        rows = [self.vocab[f] for f in feats if f in self.vocab]
        logits = h.weights[rows].sum(axis=0) + h.bias if rows else h.bias.copy()
        probs = _softmax(logits[None, :])[0]
        return dict(zip(h.labels, probs.tolist()))

    def predict(self, feats: Sequence[str], head: str) -> tuple[str, float] | None:
        probs = self.scores(feats, head)
        if not probs:
            return None
        label = max(probs, key=probs.__getitem__)
        return label, probs[label]

    def explain(self, feats: Sequence[str], head: str, label: str, top: int = 5) -> list[tuple[str, float]]:
        """The features that pushed hardest towards ``label``: why the model said so."""
        h = self.heads[head]
        col = h.labels.index(label)
        weighed = [(f, float(h.weights[self.vocab[f], col])) for f in set(feats) if f in self.vocab]
        return sorted(weighed, key=lambda x: -x[1])[:top]

    def save(self, path: str | Path) -> None:
        """An .npz file whose bytes depend on the model alone: zip entries carry a fixed timestamp (np.savez
        stamps the current time), so a rebuild from the same data gives the same file."""
        arrays = {}
        for name, h in self.heads.items():
            arrays[f"{name}.weights"] = h.weights.astype(np.float16)
            arrays[f"{name}.bias"] = h.bias.astype(np.float32)
        header = {"vocab": sorted(self.vocab, key=self.vocab.__getitem__),
                  "labels": {name: h.labels for name, h in self.heads.items()}, "meta": self.meta}
        arrays = {"header": np.frombuffer(json.dumps(header).encode("utf-8"), dtype=np.uint8), **arrays}
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, array in arrays.items():
                entry = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
                entry.compress_type = zipfile.ZIP_DEFLATED
                with zf.open(entry, "w", force_zip64=True) as f:
                    np.lib.format.write_array(f, np.asanyarray(array), allow_pickle=False)

    @classmethod
    def load(cls, path: str | Path) -> EventModel:
        with np.load(path, allow_pickle=False) as data:
            header = json.loads(bytes(data["header"]).decode("utf-8"))
            heads = {name: Head(labels, data[f"{name}.weights"].astype(np.float32), data[f"{name}.bias"])
                     for name, labels in header["labels"].items()}
        return cls({f: i for i, f in enumerate(header["vocab"])}, heads, header.get("meta", {}))


def _softmax(logits: np.ndarray) -> np.ndarray:
    z = np.exp(logits - logits.max(axis=1, keepdims=True))
    return z / z.sum(axis=1, keepdims=True)


def fit(samples: Sequence[tuple[list[str], dict[str, str]]], epochs: int = 300, l2: float = 1e-4,
        rate: float = 0.1, min_count: int = 1, meta: dict | None = None) -> EventModel:
    """Train one softmax head per label field present in the samples (features, {head: label}).

    Full-batch Adam on the sparse design matrix: a few thousand sentences train in seconds on one core."""
    counts: dict[str, int] = {}
    for feats, _ in samples:
        for f in set(feats):
            counts[f] = counts.get(f, 0) + 1
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= min_count))}
    heads = {}
    for head in HEADS:
        rows = [(feats, labels[head]) for feats, labels in samples if labels.get(head)]
        labels = sorted({label for _, label in rows})
        if len(labels) < 2:
            continue
        heads[head] = _fit_head(rows, labels, vocab, epochs, l2, rate)
    return EventModel(vocab, heads, dict(meta or {}, examples=len(samples)))


def _fit_head(rows: list[tuple[list[str], str]], labels: list[str], vocab: dict[str, int],
              epochs: int, l2: float, rate: float) -> Head:
    index = {label: i for i, label in enumerate(labels)}
    cols = [np.array(sorted({vocab[f] for f in feats if f in vocab}), dtype=np.int64) for feats, _ in rows]
    lengths = np.array([len(c) for c in cols])
    flat = np.concatenate(cols) if cols else np.zeros(0, dtype=np.int64)
    row_of = np.repeat(np.arange(len(rows)), lengths)
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    y = np.zeros((len(rows), len(labels)), dtype=np.float32)
    y[np.arange(len(rows)), [index[label] for _, label in rows]] = 1.0
    w = np.zeros((len(vocab), len(labels)), dtype=np.float32)
    b = np.zeros(len(labels), dtype=np.float32)
    mw, vw, mb, vb = np.zeros_like(w), np.zeros_like(w), np.zeros_like(b), np.zeros_like(b)
    nonempty = lengths > 0
    for step in range(1, epochs + 1):
        logits = np.tile(b, (len(rows), 1))
        if flat.size:
            summed = np.add.reduceat(w[flat], starts[nonempty], axis=0)
            logits[nonempty] += summed
        err = (_softmax(logits) - y) / len(rows)
        gw = np.zeros_like(w)
        np.add.at(gw, flat, err[row_of])
        gw += l2 * w
        gb = err.sum(axis=0)
        for p, g, m, v in ((w, gw, mw, vw), (b, gb, mb, vb)):
            m *= 0.9
            m += 0.1 * g
            v *= 0.999
            v += 0.001 * g * g
            p -= rate * (m / (1 - 0.9 ** step)) / (np.sqrt(v / (1 - 0.999 ** step)) + 1e-8)
    return Head(labels, w, b)


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> EventModel | None:
    """The model named by ``path`` or $DOTTEREL_EVENT_MODEL, else the one shipped in the package; None when
    switched off ("none") or when no model ships."""
    path = path or os.environ.get(MODEL_ENV)
    if path and path.lower() == "none":
        return None
    if path:
        return EventModel.load(path)
    shipped = resources.files("dotterel") / "data" / SHIPPED
    if not shipped.is_file():
        return None
    with resources.as_file(shipped) as local:
        return EventModel.load(local)

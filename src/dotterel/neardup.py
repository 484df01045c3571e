"""Near-duplicate documents: one article in different dress (.txt and .html, a re-published wire copy).

Word 5-shingles of the normalised text, a 64-value MinHash signature, and 16 bands of 4 rows: documents that share
a band are candidates (a linear-time index), confirmed by the exact Jaccard similarity of their shingles.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable

import numpy as np

SHINGLE = 5
PERMUTATIONS = 64
BANDS = 16
THRESHOLD = 0.6  # exact shingle Jaccard at or above which two texts are one article
PRIME = (1 << 61) - 1
_rng = np.random.default_rng(20240601)  # fixed: signatures must be comparable across runs and stores
_A = _rng.integers(1, PRIME, PERMUTATIONS, dtype=np.uint64)
_B = _rng.integers(0, PRIME, PERMUTATIONS, dtype=np.uint64)
WORD = re.compile(r"[^\W_]+")


def shingles(text: str) -> set[int]:
    """Hashed word 5-shingles of the lower-cased text without punctuation (a short text: its words)."""
    words = WORD.findall(text.lower())
    size = min(SHINGLE, len(words)) or 1
    return {zlib.crc32(" ".join(words[i:i + size]).encode()) for i in range(max(1, len(words) - size + 1))} \
        if words else set()


def signature(hashed: set[int]) -> np.ndarray:
    """MinHash: per permutation, the least (a*x + b) mod 2^61-1 over the shingles."""
    if not hashed:
        return np.full(PERMUTATIONS, PRIME, dtype=np.uint64)
    x = np.fromiter(hashed, dtype=np.uint64, count=len(hashed))
    # x < 2^32 and a < 2^61 may overflow uint64: fold the product; it only needs to be a fixed pseudo-random map
    values = (x[None, :] * _A[:, None] + _B[:, None]) % np.uint64(PRIME)
    return values.min(axis=1)


def band_keys(sig: np.ndarray) -> list[int]:
    rows = PERMUTATIONS // BANDS
    return [zlib.crc32(sig[b * rows:(b + 1) * rows].tobytes()) * BANDS + b for b in range(BANDS)]


def jaccard(a: set[int], b: set[int]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


class DuplicateIndex:
    """Documents seen so far, by band; ``add`` returns the earlier document a new one duplicates (if any)."""

    def __init__(self) -> None:
        self.bands: dict[int, list[str]] = {}
        self.shingles: dict[str, set[int]] = {}
        self.canonical: dict[str, str] = {}

    def add(self, key: str, text: str) -> tuple[str | None, float]:
        hashed = shingles(text)
        keys = band_keys(signature(hashed))
        candidates = {k for b in keys for k in self.bands.get(b, [])}
        best, similarity = None, 0.0
        for other in sorted(candidates):
            s = jaccard(hashed, self.shingles[other])
            if s >= THRESHOLD and s > similarity:
                best, similarity = other, s
        self.shingles[key] = hashed
        for b in keys:
            self.bands.setdefault(b, []).append(key)
        self.canonical[key] = self.canonical.get(best, best) if best else key
        return (self.canonical[key] if best else None), similarity

    def extend(self, documents: Iterable[tuple[str, str]]) -> None:
        for key, text in documents:
            self.add(key, text)

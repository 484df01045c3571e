"""Spelling-tolerant keys for Arabic (and other) names written in Latin letters many ways.

'Deir ez-Zor' / 'Dayr az Zawr', 'Huwayjah' / 'Hawija', 'Qalqilya' / 'Qalqiliyah', 'Shaddadi' / 'Ash Shaddadah'
share one key: article words dropped, digraphs read alike (sh/ch, kh, gh, th, dh -> z), q read as k, a final
h after a vowel dropped (ta marbuta), doubled letters folded and every run of vowels (with the glides w and y
inside a word) read as one vowel. The key is loose, so callers match it only against places in the countries
a document is about.
"""

from __future__ import annotations

import re
from dataclasses import replace
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from .gazetteer import PRECISIONS, Place, norm

if TYPE_CHECKING:
    from .gazetteer import Gazetteer

# article spellings written as a word before a name: "ash Shaddadi", "Deir ez-Zor", "Ras al-Ain"
ARTICLE_WORDS = frozenset({"al", "el", "il", "ul", "ad", "ed", "ar", "er", "as", "es", "an", "en", "at", "et", "az", "ez",
                           "ash", "esh", "ath", "adh", "ud", "ur", "us", "un", "ut", "uz"})
DIGRAPHS = (("sh", "s"), ("ch", "s"), ("kh", "k"), ("gh", "g"), ("th", "t"), ("dh", "z"), ("ph", "f"), ("dj", "j"),
            ("q", "k"), ("c", "k"), ("x", "ks"))
VOWEL_RUN = re.compile(r"[aeiouwy]+")
MIN_CONSONANTS = 2
MIN_LENGTH = 4
MIN_BARE_CONSONANTS = 4


def sound_key(name: str) -> str:
    """The loose key of a name; empty when too short to tell places apart."""
    words = norm(name).split()
    words = [w for i, w in enumerate(words) if not (w in ARTICLE_WORDS and i < len(words) - 1)]
    text = "".join(words)
    if not text.isalpha():
        return ""
    if text.startswith(("al", "el")) and len(text) > 6 and text[2] not in "aeiou":
        text = text[2:]  # a glued article: "Alhasakah"
    text = re.sub(r"(?<=[aeiou])h$", "", text)  # "Rawah" / "Rawa"
    for old, new in DIGRAPHS:
        text = text.replace(old, new)
    text = re.sub(r"(.)\1+", r"\1", text)  # "Shaddadi" / "Shadadi"
    glide = text[:1] if text[:1] in ("w", "y") else ""  # a word-initial w or y is a consonant: "Yabroud"
    text = glide + VOWEL_RUN.sub("a", text[len(glide):])
    if sum(c != "a" for c in text) < MIN_CONSONANTS or len(text) < MIN_LENGTH:
        return ""  # "Dayr" alone ("dar") would match any short name
    return text


def consonant_key(sound: str) -> str:
    """A sound key without its vowels, for spellings that drop or add one ('Tal Tamer' / 'Tall Tamr',
    'Jarablus' / 'Jarabulus'); long enough only with four consonants."""
    bare = sound.replace("a", "")
    return "/" + bare if len(bare) >= MIN_BARE_CONSONANTS else ""


def index_sounds(gaz: Gazetteer) -> dict[str, int | tuple[int, ...]]:
    """Sound key (and, marked '/', consonant key) -> ids of the towns, districts and provinces whose name or
    alternate name has it."""
    towns = {PRECISIONS.index(p) for p in ("city", "admin1", "admin2")}
    raw: dict[str, set[int]] = {}
    for key in gaz.index:
        if key.startswith(("#", "~")) or not (sound := sound_key(key)):
            continue
        for code in gaz.codes(key):
            if gaz.prec[code if code >= 0 else -code - 1] in towns:
                for k in filter(None, (sound, consonant_key(sound))):
                    raw.setdefault(k, set()).add(code if code >= 0 else -code - 1)
    return {k: next(iter(v)) if len(v) == 1 else tuple(sorted(v)) for k, v in raw.items()}


def respelt(gaz: Gazetteer, name: str, countries: set[str] | None) -> list[Place]:
    """Towns, districts and provinces in ``countries`` (None: anywhere) whose name is another spelling of ``name``
    ('Al Huwayjah' -> Hawija, 'Qalqiliyah' -> Qalqilyah), closest spelling first."""
    key = sound_key(name)
    found = gaz.sounds.get(key, ()) if key else ()
    if not found and key and (bare := consonant_key(key)):
        found = gaz.sounds.get(bare, ())  # a vowel more or less
    codes = (found,) if isinstance(found, int) else found
    places = [replace(p, primary=False) for p in map(gaz.place, codes) if countries is None or p.country in countries]
    spelt = norm(name).replace(" ", "")
    like = {id(p): SequenceMatcher(None, spelt, norm(p.name).replace(" ", "")).ratio() for p in places}
    top: dict[str | None, float] = {}
    for p in places:  # per country when countries are given, else over all
        group = p.country if countries is not None else None
        top[group] = max(top.get(group, 0.0), like[id(p)])
    # the closest spellings of each country only: "Huwayjah" is Hawijah, not Hajiawa, though both read "haja"
    return sorted((p for p in places if like[id(p)] >= top[p.country if countries is not None else None] - 0.1),
                  key=lambda p: (-like[id(p)], -p.population))

"""The place-word lexicon (data/geo_words.json) and the patterns built from it."""

from __future__ import annotations

import json
import re
from importlib import resources

LEX: dict[str, list[str]] = json.loads((resources.files("dotterel") / "data" / "geo_words.json").read_text(encoding="utf-8"))


def words(key: str) -> set[str]:
    return set(LEX[key])


def _alt(key: str) -> str:
    return "|".join(re.escape(w) for w in sorted(LEX[key], key=len, reverse=True))


LOCATIVE_CUES = words("locative_cues")
STRONG_CUES = words("strong_cues")
ATTACHING_PREPS = words("attaching_preps")
GEO_NOUNS = words("geo_nouns")
ADMIN_WORDS = words("admin_words")
CONNECTORS = words("connectors")
NOT_NAMES = words("not_names")
TIME_WORDS = words("time_words")
DIRECTIONS = words("directions")
SITE_NOUNS = words("site_nouns")
CUE_MODIFIERS = words("cue_modifiers")
COUNTRY_NOT_LOCATIVE = words("country_not_locative")
ORG_WORDS = words("org_words")
LOCAL_AGENTS = words("local_agents")
PLACE_VERBS = words("place_verbs")
FACILITY = re.compile(r"\s(" + _alt("facility_heads") + r")$", re.I)
GENERIC = re.compile(r"\s+(" + _alt("generic_suffixes") + r")$", re.I)
GEO_PREFIX = re.compile(r"^(?:(?:the\s+)?(?:" + _alt("of_prefixes") + r") of\s+|(?:" + _alt("bare_prefixes") + r")\s+)", re.I)
GEO_OF = re.compile(r"\b(?:" + _alt("geo_of") + r") of\s+(?:the\s+)?$", re.I)
GEO_AFTER = re.compile(r"\s+(?:" + _alt("geo_after") + r")\b", re.I)
_WORD = r"(?:[A-Z][\w'’.-]*|(?:" + _alt("name_particles") + r")-[A-Z][\w'’.-]*)"  # "Ain al-Asad"
RUN = re.compile(_WORD + r"(?:\s+(?:(?:" + _alt("connectors") + r")\s+)?" + _WORD + r")*")
REGIONAL_SCOPES = words("regional_scopes")

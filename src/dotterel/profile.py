"""Coding profiles: which conventions of a source's own writing the coder reads, beyond plain news.

The default profile, ``news``, codes news text as it is written. An opt-in profile turns on conventions that
only one kind of source uses (``acled-notes``: the crowd-size tag, "[coded to X]", "Fatalities coded as N" of
ACLED's event notes). Each profile is a data file, ``data/profiles/<name>.yaml``, that lists the conventions it
reads; the Pipeline loads one profile and hands it to its stages, which ask ``profile.reads(convention)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

DEFAULT_PROFILE = "news"

# the conventions the stages know how to read; a profile naming another one is a typo, refused at load
CONVENTIONS = frozenset({
    "crowd_tag",            # events: "[size=...]" marks a demonstration
    "coded_total",          # events: "Fatalities coded as N" is the report's own total
    "coded_to",             # where: "[coded to Athens-Central Athens]" is where the event was coded
    "as_reported",          # where: "On 4 May 2020 (as reported), X, ..." opens a note like a plain date
    "state_abbreviations",  # where: "(Prakasam, AP)": a state's abbreviation closes a place qualifier
    "monitor_regions",      # where: a monitoring mission's report places unknown villages in its region
})


@dataclass(frozen=True)
class Profile:
    name: str
    conventions: frozenset[str] = frozenset()
    description: str = ""

    def reads(self, convention: str) -> bool:
        if convention not in CONVENTIONS:
            raise KeyError(f"unknown convention {convention!r}")
        return convention in self.conventions


def _profiles_dir():
    return resources.files("dotterel") / "data" / "profiles"


def profile_names() -> list[str]:
    return sorted(p.name[:-len(".yaml")] for p in _profiles_dir().iterdir() if p.name.endswith(".yaml"))


@lru_cache(maxsize=8)
def _load(name: str) -> Profile:
    path = _profiles_dir() / f"{name}.yaml"
    if not path.is_file():
        raise ValueError(f"unknown profile {name!r} (known: {', '.join(profile_names())})")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    conventions = frozenset(data.get("conventions") or {})
    if unknown := conventions - CONVENTIONS:
        raise ValueError(f"profile {name!r}: unknown conventions {sorted(unknown)}")
    return Profile(name, conventions, str(data.get("description", "")).strip())


def load_profile(profile: str | Profile | None = None) -> Profile:
    """A profile by name (None: the default, news), or the Profile given."""
    return profile if isinstance(profile, Profile) else _load(profile or DEFAULT_PROFILE)

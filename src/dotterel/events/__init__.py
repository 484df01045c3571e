"""Events: triggers, arguments, quantities and ACLED types."""

from .coder import EventCoder
from .lexicon import load_lexicon

__all__ = ["EventCoder", "load_lexicon"]

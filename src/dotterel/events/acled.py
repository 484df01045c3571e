"""ACLED event and sub-event types for a PLOVER event, from the rules in ``data/acled.yaml``."""

from __future__ import annotations

from ..model import Event

# recipients that fight back: an attack on them is a battle, not violence against civilians
ARMED_SECTORS = {"MIL", "COP", "REB", "UAF", "SPY"}


def acled_types(event: Event, rules: tuple[dict, ...]) -> tuple[str | None, str | None]:
    recipient = event.recipient
    armed = bool(recipient and recipient.sector in ARMED_SECTORS)
    for rule in rules:
        if rule["type"] != event.event_type:
            continue
        if "mode" in rule and event.mode not in rule["mode"]:
            continue
        if "recipient_armed" in rule and rule["recipient_armed"] != armed:
            continue
        return rule["event"], rule["sub"]
    return None, None

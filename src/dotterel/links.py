"""A quote that is itself an act: a threat, a demand, an accusation said in the quoted words.

Works on contract records (dicts), so the store and the API can link what was coded at any time."""

from __future__ import annotations

# verbal acts a statement can be
SPOKEN_ACTS = {"THREATEN", "REQUEST", "ACCUSE", "REJECT", "AGREE", "SUPPORT", "CONCEDE"}


def linked_event(quote: dict, events: list[dict]) -> str | None:
    """The id of the verbal event the quote performs: one in the quote's sentence whose actor is the speaker."""
    speaker = quote.get("speaker") or {}
    names = {speaker.get("id"), speaker.get("name"), speaker.get("text")} - {None, ""}
    if not names:
        return None
    for event in events:
        evidence, actor = event["evidence"], event["actor"]
        same_place = evidence["start"] <= quote["start"] < evidence["end"] or quote["start"] <= evidence["start"] < quote["end"]
        if event["event_type"] in SPOKEN_ACTS and same_place and \
                names & {actor.get("id"), actor.get("name"), actor.get("text")}:
            return event["id"]
    return None

"""Temporal resolution: each event's date and precision against the document's publication date.

The time expression nearest the trigger in the event's sentence wins; without one, a past-tense event
takes the week that ends on the publication day (a week is dated by its first day, as "last week" is). With no
publication date, relative expressions stay unresolved (null), never guessed. A date right after a determiner
dates the noun it stands before ("the December 25, 2011 agreement"), not the other acts of its sentence.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from typing import NamedTuple

from spacy.tokens import Doc

from .ingest.dateline import MONTHS, month_number
from .model import CodedDocument, Event

# verbal acts: said, asked, praised, condemned; told undated, they are told the day they are made
SAID_TODAY = {"ACCUSE", "REQUEST", "REJECT", "SUPPORT", "AGREE", "THREATEN", "CONCEDE"}
# how many sentences an undated act stays on the day of the last dated one (a strike report's list, a news story)
ANCHOR_SENTENCES = 25
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MON = (r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
        r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
PATTERNS: list[tuple[str, re.Pattern]] = [
    ("iso", re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b")),
    # ranges: the first day ("3-5 May 2020", "between 3 and 5 March", "March 3-5")
    ("drange", re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s*(?:-|–|to|and)\s*\d{1,2}(?:st|nd|rd|th)?\s+" + _MON +
                          r"(?:,?\s+((?:19|20)\d\d))?", re.I)),
    ("mrange", re.compile(r"\b" + _MON + r"\s+(\d{1,2})(?:st|nd|rd|th)?\s*(?:-|–|to|and)\s*\d{1,2}\b(?:,?\s+((?:19|20)\d\d))?",
                          re.I)),
    ("endof", re.compile(r"\b(?:the\s+)?(end|beginning|start|middle|mid)(?:\s+of|-)\s*" + _MON + r"(?:,?\s+((?:19|20)\d\d))?",
                         re.I)),
    ("dmy", re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+" + _MON + r",?\s+((?:19|20)\d\d)\b", re.I)),
    ("mdy", re.compile(r"\b" + _MON + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b", re.I)),
    ("dm", re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+" + _MON + r"(?!\w)", re.I)),
    ("md", re.compile(r"\b" + _MON + r"\s+(\d{1,2})(?:st|nd|rd|th)?\b(?!,?\s*(?:19|20)\d\d)", re.I)),
    ("my", re.compile(r"\b" + _MON + r",?\s+((?:19|20)\d\d)\b", re.I)),
    # a month without a year: "in March", "last November", "since early June" (the latest one before publication)
    ("month", re.compile(r"\b(in|since|during|by|until|last|early|late|mid-?|from)\s+(?:early\s+|late\s+|mid-?)?" + _MON +
                         r"(?![\w-])(?!\s*\d)", re.I)),
    ("weekday", re.compile(r"\b(?:on\s+|last\s+)?(" + "|".join(WEEKDAYS) + r")\b", re.I)),
    ("relative", re.compile(r"\b(yesterday|today|tonight|last night|this morning|earlier today|overnight|"
                            r"(?:in )?the (?:last|past) (?:24|48|72) hours|"
                            r"last week|this week|earlier this week|last weekend|this weekend|"
                            r"last month|this month|earlier this month|"
                            r"in the (?:past|last) month|in the (?:past|last) week|last year|this year|earlier this year|"
                            r"in recent years|in recent months|in recent weeks|recent days)\b", re.I)),
    ("year", re.compile(r"\b(?:in|since|during|by)\s+((?:19|20)\d\d)\b", re.I)),
]


FUTURE = re.compile(r"\b(will|shall|is to|are to|to be held|scheduled|plans? to|expected to|next)\b[^.;]*$", re.I)
# an event told after another, dated by it ("hours later", "the next day")
FOLLOWING = re.compile(r"\b(hours later|later that day|that night|minutes later|shortly after(?:wards)?|"
                       r"the (?:next|following) day|a day later)\b", re.I)


def _date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _near(pub: dt.date, month: int, day: int) -> dt.date | None:
    """A day-month without a year: the latest such day not after publication."""
    for year in (pub.year, pub.year - 1):
        found = _date(year, month, day)
        if found and found <= pub:
            return found
    return None


def resolve(kind: str, m: re.Match, pub: dt.date | None) -> tuple[str, str] | None:
    """(date string, precision) for one matched expression."""
    g = m.groups()
    if kind in ("drange", "mrange", "endof"):
        day_g, mon_g = (g[0], g[1]) if kind == "drange" else (g[1], g[0]) if kind == "mrange" else (None, g[1])
        month = month_number(mon_g)
        if kind == "endof":
            day = {"end": 28, "middle": 15, "mid": 15}.get(g[0].lower(), 1)
        else:
            day = int(day_g)
        if g[2]:
            d = _date(int(g[2]), month, day)
        else:
            d = _near(pub, month, day) if pub else None
        if d is None:
            return None
        return (d.strftime("%Y-%m"), "month") if kind == "endof" else (d.isoformat(), "day")
    if kind == "iso" and (d := _date(int(g[0]), int(g[1]), int(g[2]))):
        return d.isoformat(), "day"
    if kind == "dmy" and (d := _date(int(g[2]), month_number(g[1]), int(g[0]))):
        return d.isoformat(), "day"
    if kind == "mdy" and (d := _date(int(g[2]), month_number(g[0]), int(g[1]))):
        return d.isoformat(), "day"
    if kind == "my":
        return f"{int(g[1]):04d}-{month_number(g[0]):02d}", "month"
    if kind == "year":
        return g[0], "year"
    if pub is None:
        return None
    if kind == "dm" and (d := _near(pub, month_number(g[1]), int(g[0]))):
        return d.isoformat(), "day"
    if kind == "md" and g[0].lower()[:3] in MONTHS and (d := _near(pub, month_number(g[0]), int(g[1]))):
        return d.isoformat(), "day"
    if kind == "month" and g[1][0].isupper():  # "in may" is no month
        month = month_number(g[1])
        year = pub.year if month < pub.month or (month == pub.month and g[0].lower() != "last") else pub.year - 1
        return f"{year:04d}-{month:02d}", "month"
    if kind == "weekday":
        back = (pub.weekday() - WEEKDAYS.index(g[0].lower())) % 7
        if back == 0 and m.group(0).lower().startswith("last"):
            back = 7
        return (pub - dt.timedelta(days=back)).isoformat(), "day"
    if kind == "relative":
        word = g[0].lower()
        if word == "yesterday" or re.search(r"(24|48|72) hours", word):
            days = int(m.group(0).split()[-2]) // 24 if "hours" in word else 1
            return (pub - dt.timedelta(days=days)).isoformat(), "day"
        if word == "overnight":
            return pub.isoformat(), "day"
        if word in ("last weekend", "this weekend"):
            back = (pub.weekday() - 5) % 7 or 7  # the Saturday before publication
            return (pub - dt.timedelta(days=back)).isoformat(), "day"
        if word in ("in recent years",):
            return str(pub.year), "year"
        if word in ("in recent months", "earlier this year"):
            return str(pub.year), "year"
        if word in ("in recent weeks", "recent days"):
            return pub.strftime("%Y-%m"), "month"
        if word in ("today", "tonight", "this morning", "earlier today"):
            return pub.isoformat(), "day"
        if word == "last night":
            return (pub - dt.timedelta(days=1)).isoformat(), "day"
        if word in ("last week", "in the past week"):
            return (pub - dt.timedelta(days=7)).isoformat(), "week"
        if word in ("this week", "earlier this week"):
            return (pub - dt.timedelta(days=pub.weekday())).isoformat(), "week"
        if word in ("last month", "in the past month"):
            first = pub.replace(day=1) - dt.timedelta(days=1) if word == "last month" else pub - dt.timedelta(days=30)
            return first.strftime("%Y-%m"), "month"
        if word in ("this month", "earlier this month"):
            return pub.strftime("%Y-%m"), "month"
        if word == "last year":
            return str(pub.year - 1), "year"
        if word == "this year":
            return str(pub.year), "year"
    return None


# a determiner right before a date makes the date a modifier of the noun after it
NAMING_A_THING = re.compile(r"\b(?:the|a|an|its|their|his|her|this|that)\s+$", re.I)


class Expression(NamedTuple):
    offset: int
    date: str
    precision: str
    modifies: int = -1  # where the noun an attributive date stands before starts ("the 2003 invasion"), else -1


def find_expressions(text: str, pub: dt.date | None) -> list[Expression]:
    """(offset, date, precision) of each resolvable time expression, overlaps resolved longest-first."""
    found, taken = [], []
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            # "under the December 25, 2011 agreement", "the 2003 invasion": the date of the noun it stands before
            noun = re.match(r"[\s,]*(?=[a-z])", text[m.end():m.end() + 3])
            modifies = m.end() + noun.end() if noun and NAMING_A_THING.search(text[max(0, m.start() - 12):m.start()]) else -1
            if (value := resolve(kind, m, pub)) is not None:
                if kind == "weekday" and pub is not None and FUTURE.search(text[max(0, m.start() - 60):m.end()]):
                    ahead = (WEEKDAYS.index(m.group(1).lower()) - pub.weekday()) % 7 or 7
                    value = ((pub + dt.timedelta(days=ahead)).isoformat(), "day")
                taken.append((m.start(), m.end()))
                found.append(Expression(m.start(), *value, modifies))
    return sorted(found)


def first_day(date: str) -> dt.date:
    parts = [int(p) for p in date.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


def stance_of_the_day(doc: Doc, event: Event) -> bool:
    """A verbal act told in the simple present ("We condemn", "The U.S. reaffirms its support"): a statement's
    own stance, not a report of a past act."""
    if event.event_type not in SAID_TODAY or event.trigger is None:
        return False
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    return span is not None and span.root.tag_ in ("VBZ", "VBP")


class TemporalResolver:
    """Pipeline stage: sets date, date_precision and historical on every event."""

    name = "when"

    def __call__(self, doc: Doc, coded: CodedDocument) -> None:
        pub = dt.date.fromisoformat(coded.publication_date) if coded.publication_date else None
        cache: dict[int, list[Expression]] = {}
        previous: Event | None = None
        anchor: Event | None = None  # the last act the text dated to the day: the narrative's reference time
        starts = [s.start_char for s in doc.sents]
        for event in sorted(coded.events, key=lambda e: e.evidence.start):
            ev = event.evidence
            if pub is not None and stance_of_the_day(doc, event):
                # "We condemn the attacks of this weekend": the stance is the statement's own, made the day it is
                # published; the date words are the attacks'
                event.date, event.date_precision, event.historical = pub.isoformat(), "day", False
                previous = event
                continue
            if ev.start not in cache:
                cache[ev.start] = find_expressions(ev.text, pub)
            follow = FOLLOWING.search(ev.text)
            if follow and not cache[ev.start] and previous is not None and previous.date and previous.evidence.start < ev.start:
                event.date, event.date_precision = previous.date, previous.date_precision
                cue = follow.group(1).lower()
                if "day" in cue and "that" not in cue and previous.date_precision == "day":
                    event.date = (dt.date.fromisoformat(previous.date) + dt.timedelta(days=1)).isoformat()
                event.historical = previous.historical
            elif not cache[ev.start] and anchor is not None and \
                    bisect_right(starts, ev.start) - bisect_right(starts, anchor.evidence.start) <= ANCHOR_SENTENCES:
                # "On Jan. 8, coalition forces struck ... Near Mosul, five strikes ...": told on, the day stays
                event.date, event.date_precision, event.historical = anchor.date, anchor.date_precision, anchor.historical
            else:
                self.date_event(event, cache[ev.start], pub)
                if cache[ev.start] and event.date_precision == "day" and not event.historical:
                    anchor = event
            previous = event

    @staticmethod
    def date_event(event: Event, expressions: list[Expression], pub: dt.date | None) -> None:
        if pub is not None:  # "gathered ahead of next Tuesday's primary": a date still to come dates no act
            expressions = [x for x in expressions if first_day(x.date) <= pub]
        anchor = (event.trigger.start if event.trigger else event.evidence.start) - event.evidence.start
        # an attributive date dates its own noun only: "the 2011 agreement" does not date "urged"
        expressions = [x for x in expressions if x.modifies < 0 or x.modifies == anchor]
        if expressions:
            nearest = min(expressions, key=lambda x: abs(x.offset - anchor))
            event.date, event.date_precision = nearest.date, nearest.precision
        elif pub is not None and event.event_type in SAID_TODAY:
            # an undated statement in the news ("X says", "X urged") is the day's news: the day it is published
            event.date, event.date_precision = pub.isoformat(), "day"
        elif pub is not None:  # the week that ends on publication day (a week's date is its first day)
            event.date, event.date_precision = (pub - dt.timedelta(days=6)).isoformat(), "week"
        if pub is not None and event.date:
            event.historical = (pub - first_day(event.date)).days > 365

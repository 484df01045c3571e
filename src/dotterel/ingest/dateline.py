"""Publication dates from metadata strings and from a dateline near the top of an article."""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {m: i for i, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
     ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
     ("oct", "october"), ("nov", "november"), ("dec", "december")], start=1) for m in names}
_MONTH = (r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
          r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")

# Only the head of an article is searched: a date deep in the body is an event date, not a dateline.
HEAD_CHARS = 400

ISO = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)(?!\d)")
DAY_MONTH_YEAR = re.compile(r"(?<!\d)(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<y>(?:19|20)\d\d)\b", re.I)
MONTH_DAY_YEAR = re.compile(r"\b" + _MONTH + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b", re.I)
# "BAGHDAD, Nov 22 (Reuters) -": a wire dateline, often without a year
WIRE = re.compile(r"^[A-Z][A-Z .'-]+,\s+" + _MONTH + r"\s+(?P<d>\d{1,2})\b(?:,?\s+(?P<y>(?:19|20)\d\d))?", re.I | re.M)
LABELLED = re.compile(r"\b(?:date|published|posted|updated|dateline)\s*[:=]?\s*", re.I)


# the head of a wire story: "BEIRUT, March 3 (Reuters) - ", "Dec 29 (Reuters) - ", "GAZA CITY (AP) — ", "KYIV — "
WIRE_HEAD = re.compile(r"^[^\S\n]*(?:(?:[A-Z][A-Za-z.'’ -]{1,40}?,\s*)?(?i:" + _MONTH + r")\s+\d{1,2}(?:,?\s+(?:19|20)\d\d)?\s*"
                       r"\([A-Z][A-Za-z.&'’ -]{1,30}\)|[A-Z][A-Za-z.'’ -]{1,40}?\s*\([A-Z][A-Za-z.&'’ -]{1,30}\)|"
                       r"[A-Z][A-Z.'’ -]{2,30}(?:,\s*[A-Z][A-Za-z.'’ ]{1,30})?)\s*[-–—]+\s+(?=[A-Z“\"])", re.M)


def wire_head(text: str) -> tuple[int, int]:
    """Where the wire dateline at the top of the article is ((0, 0) without one): its words are no actors."""
    m = WIRE_HEAD.search(text[:HEAD_CHARS])
    return (m.start(), m.end()) if m is not None else (0, 0)


def month_number(name: str) -> int:
    return MONTHS[name.lower()[:3]]


def _make(y: int, m: int, d: int) -> str | None:
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


DATE_PREFIX = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?$")


def is_date_prefix(value: str) -> bool:
    """``value`` is a real YYYY, YYYY-MM or YYYY-MM-DD (the form of date filters): 2024-02-31 is not."""
    m = DATE_PREFIX.match(value)
    return bool(m) and _make(int(m["y"]), int(m["m"] or 1), int(m["d"] or 1)) is not None


def parse_date_string(value: str) -> str | None:
    """A full date in one of the usual metadata forms, as YYYY-MM-DD, else None."""
    value = value.strip()
    if m := ISO.search(value):
        return _make(int(m["y"]), int(m["m"]), int(m["d"]))
    for pattern in (DAY_MONTH_YEAR, MONTH_DAY_YEAR):
        if m := pattern.search(value):
            return _make(int(m["y"]), month_number(m["mon"]), int(m["d"]))
    return None


def find_dateline(text: str, today: dt.date | None = None) -> str | None:
    """The publication date a news article states at its top, or None.

    A labelled date ("Published: 22 November 2023", "date 2023-11-22") wins, then a wire dateline
    ("BAGHDAD, Nov 22 (Reuters) -"). A wire dateline without a year takes the latest such day that
    is not after ``today``: feeds carry current news, and a wrong year is worse than none only when
    the day itself is missing.
    """
    head = text[:HEAD_CHARS]
    for label in LABELLED.finditer(head):
        if found := parse_date_string(head[label.end():label.end() + 40]):
            return found
    if m := WIRE.search(head):
        month = month_number(m["mon"])
        day = int(m["d"])
        if m["y"]:
            return _make(int(m["y"]), month, day)
        today = today or dt.date.today()
        for year in (today.year, today.year - 1):
            found = _make(year, month, day)
            if found and found <= today.isoformat():
                return found
    first_line = head.split("\n", 1)[0]
    if len(first_line) < 80:
        return parse_date_string(first_line)
    return None

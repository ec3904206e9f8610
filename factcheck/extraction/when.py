"""When a statement was made: "on Thursday", "yesterday", "on 8 November".

Relative expressions resolve against the report's published date. Vague ones
("earlier this week", "last month") keep their text but no date: any single
day chosen for them would be invented precision.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from .cues import MONTH_ABBR, WEEKDAYS

_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"

WHEN_RE = re.compile(
    rf"""\b(?:
        (?P<dm>(?:on\s+)?(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{_MONTH})(?:,?\s+(?P<y1>(?:19|20)\d\d))?)
      | (?P<md>(?:on\s+)?(?P<m2>{_MONTH})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y2>(?:19|20)\d\d))?)
      | (?P<wd>(?:(?:on|last|this|late|early)\s+)?(?P<day>{_DAY}){_PART})
      | (?P<yest>yesterday{_PART}|last\s+night)
      | (?P<today>(?:earlier\s+|later\s+)?today|this\s+(?:morning|afternoon|evening)|tonight)
      | (?P<vague>(?:earlier|later)\s+(?:this|last)\s+(?:week|month|year)|(?:last|this|earlier\s+this)\s+(?:week|month|year|weekend)|in\s+recent\s+(?:days|weeks)|days\s+ago|recently)
    )\b""",
    re.IGNORECASE | re.VERBOSE,
)


def _month_number(word: str) -> int:
    return MONTH_ABBR.get(word.lower().rstrip(".")[:3], 0)


def resolve(m: re.Match[str], published: datetime | date | None) -> date | None:
    """The date a WHEN_RE match stands for, or None when vague or without a published date."""
    if published is None or m.group("vague"):
        return None
    pub = published.date() if isinstance(published, datetime) else published
    if m.group("wd"):
        wd = WEEKDAYS.index(m.group("day").lower())
        back = (pub.weekday() - wd) % 7
        if m.group("wd").lower().startswith("last") and back == 0:
            back = 7
        return pub - timedelta(days=back)
    if m.group("yest"):
        return pub - timedelta(days=1)
    if m.group("today"):
        return pub
    day_s = m.group("d1") or m.group("d2")
    month_s = m.group("m1") or m.group("m2")
    year_s = m.group("y1") or m.group("y2")
    month = _month_number(month_s)
    if not month:
        return None
    year = int(year_s) if year_s else pub.year
    try:
        d = date(year, month, int(day_s))
    except ValueError:
        return None
    if not year_s and d > pub:
        # "on 28 December" read in a January report is last year's.
        try:
            d = date(year - 1, month, int(day_s))
        except ValueError:
            return None
    return d


__all__ = ["WHEN_RE", "resolve"]

"""Dates and times as news pages print them: Unix timestamps, bylines, "2 days ago"."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from dateutil import parser as date_parser

# Plausible publication times only (2000-01-01 .. 2100-01-01): anything else is a number.
_EPOCH_MIN = 946684800
_EPOCH_MAX = 4102444800

# Offsets in seconds east of UTC for the zone abbreviations news sites print.
TZ_OFFSETS = {
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "BST": 3600,
    "IST": 3600,
    "CET": 3600,
    "CEST": 7200,
    "EET": 7200,
    "EEST": 10800,
    "MSK": 10800,
    "EST": -18000,
    "EDT": -14400,
    "ET": -18000,
    "CST": -21600,
    "CDT": -18000,
    "MST": -25200,
    "MDT": -21600,
    "PST": -28800,
    "PDT": -25200,
    "PT": -28800,
    "AEST": 36000,
    "AEDT": 39600,
    "AWST": 28800,
}

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)"
_CLOCK = r"(?:[01]?\d|2[0-3])[:.][0-5]\d(?::[0-5]\d)?(?:\s*[aApP]\.?[mM]\.?)?"
_ZONE = r"(?:\s*\(?(?:" + "|".join(sorted(TZ_OFFSETS, key=len, reverse=True)) + r")\)?)"
_TIME_PART = rf"(?:,?\s*(?:at\s+)?{_CLOCK}{_ZONE}?)"

#: A calendar date with an optional time: "8 November 2024 07:45", "Saturday 09 November
#: 2024 10:24", "November 8, 2024 7:45 AM EST", "2024-11-08T07:45:03Z".
DATE_PATTERN = (
    r"(?:"
    rf"{_WEEKDAY}?\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}{_TIME_PART}?"
    rf"|{_WEEKDAY}?{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}{_TIME_PART}?"
    r"|\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r")"
)
DATE_RE = re.compile(DATE_PATTERN)
_ONLY_DATE = re.compile(
    r"\s*(?:(?:first\s+)?(?:published|updated|last\s+updated|posted|modified)\s*(?:on|at)?\s*:?\s*)?"
    rf"(?P<date>{DATE_PATTERN})\s*",
    re.IGNORECASE,
)

_ISO_START = re.compile(r"\d{4}-\d{2}-\d{2}")
_PLAIN_ISO = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)?")

_RELATIVE = re.compile(
    r"(?P<n>\d+|an?|one)\s*(?P<unit>s(?:ec(?:ond)?s?)?|m(?:in(?:ute)?s?)?|h(?:(?:ou)?rs?)?|d(?:ays?)?"
    r"|w(?:(?:ee)?ks?)?|mo(?:nths?)?|y(?:(?:ea)?rs?)?)\s+ago"
    r"|(?P<word>just now|yesterday|today)",
    re.IGNORECASE,
)
_UNIT_SECONDS = {
    "s": 1,
    "m": 60,
    "h": 3600,
    "d": 86400,
    "w": 7 * 86400,
    "mo": 30 * 86400,
    "y": 365 * 86400,
}


def as_utc(value: datetime) -> datetime:
    """`value` as an aware UTC datetime; naive values are taken to be UTC already."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def from_epoch(value: str | int | float) -> datetime | None:
    """A Unix timestamp (seconds, or milliseconds when 13 digits) as UTC, if plausible."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    if number > _EPOCH_MAX * 100:  # milliseconds
        number /= 1000
    if not _EPOCH_MIN <= number < _EPOCH_MAX:
        return None
    return datetime.fromtimestamp(number, tz=UTC)


def is_epoch(text: str) -> bool:
    """True when `text` is a bare 10- or 13-digit plausible Unix timestamp."""
    return len(text) in (10, 13) and text.isdigit() and from_epoch(text) is not None


def parse_date(text: str) -> datetime | None:
    """Parse a date as printed on a news page; times without a zone are taken as UTC."""
    text = text.strip().replace(" at ", " ")
    if not text:
        return None
    try:
        if _ISO_START.match(text):
            value = _isoparse(text)
        else:
            value = date_parser.parse(text, dayfirst=True, tzinfos=TZ_OFFSETS)
    except (ValueError, OverflowError, TypeError):
        return None
    return as_utc(value)


def _isoparse(text: str) -> datetime:
    # Feeds mostly print plain "2024-11-08T07:45:03Z"; the standard library reads those
    # several times faster than dateutil and to the same value. Anything it refuses goes
    # to dateutil as before.
    if _PLAIN_ISO.fullmatch(text):
        try:
            return datetime.fromisoformat(text)
        except ValueError:
            pass
    return date_parser.isoparse(text)


def parse_date_line(line: str) -> datetime | None:
    """The date of a line that holds nothing but a (labelled) date, else None."""
    match = _ONLY_DATE.fullmatch(line)
    if match is None:
        return None
    return parse_date(match.group("date"))


def relative_delta(text: str) -> timedelta | None:
    """How long ago "21 minutes ago", "an hour ago" or "yesterday" means, else None."""
    match = _RELATIVE.search(text)
    if match is None:
        return None
    word = match.group("word")
    if word:
        return {"just now": timedelta(0), "today": timedelta(0)}.get(
            word.lower(), timedelta(days=1)
        )
    raw_n = match.group("n").lower()
    n = 1 if raw_n in ("a", "an", "one") else int(raw_n)
    unit = match.group("unit").lower()
    key = "mo" if unit.startswith("mo") else unit[0]
    try:
        return timedelta(seconds=n * _UNIT_SECONDS[key])
    except OverflowError:
        return None


def clock_on(day: datetime, hour: int, minute: int, zone: str | None) -> datetime:
    """`hour:minute` in `zone` (a TZ_OFFSETS key, default UTC) on the calendar day of `day`."""
    offset = TZ_OFFSETS.get((zone or "UTC").upper(), 0)
    local = datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)
    return local - timedelta(seconds=offset)

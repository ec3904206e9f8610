"""Cut pasted text into lines and say what each line is: body text or page furniture."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from factcheck.reading import boilerplate as bp
from factcheck.reading import dates

# Line kinds. Everything but TEXT (and BLANK) is furniture that extraction must not read.
BLANK = "blank"
TEXT = "text"
EPOCH = "epoch"  # "1731051903": a live-blog entry's Unix timestamp
STAMP = "stamp"  # "Liveupdated1731147868": a labelled timestamp
CLOCK = "clock"  # "07:45 GMT", "Posted at 14:03"
MARKER = "marker"  # "Key Point", "BREAKING", "Updated"
BYLINE = "byline"  # "Jane Roe8 November 2024 07:45": names glued to a date
DATE = "date"  # "Saturday 09 November 2024 10:24"
AUTHORS = "authors"  # "Jane Roe, Sam Poe" above a date, or "By Jane Roe"
RELTIME = "reltime"  # "time21 minutes ago", "Perth Now2 days ago"
BULLET = "bullet"  # "  • The Advertiser": a short bulleted name
SECTION = "section"  # "Related Articles"
CARD = "card"  # "Report:" before a link card
BOILER = "boiler"  # appeals, prompts, app blurbs, comment widgets
CAPTION = "caption"  # photo caption (and its repeat with a credit)

FURNITURE = frozenset(
    {EPOCH, STAMP, CLOCK, MARKER, BYLINE, DATE, AUTHORS, RELTIME, SECTION, CARD, BOILER, CAPTION}
)

_NAME_TOKEN = r"[A-ZÀ-ÖØ-ÞĀ-ſ][^\W\d_]*(?:['’-][^\W\d_]+)*\.?"
_PARTICLE = r"(?:de|da|di|del|della|van|von|der|den|la|le|al|bin|ibn|el|du|dos|das|ter|ten|st\.?)"
_NAME = rf"{_NAME_TOKEN}(?:\s+(?:{_PARTICLE}\s+)*{_NAME_TOKEN}){{1,3}}"
_NAMES = rf"{_NAME}(?:\s*(?:,\s*(?:and\s+)?|&\s*|\s+and\s+){_NAME})*"
_NAMES_RE = re.compile(rf"(?P<by>By\s+)?(?P<names>{_NAMES})\s*")
_BY_ONE_RE = re.compile(rf"By\s+(?P<names>{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{0,3}})\s*")
_PERSON_RE = re.compile(_NAME)
_DATELINE_TAIL = re.compile(r"\s+in\s+[A-Z][\w .'’-]*?(?=\s*,|\s*$)")
_NAME_SPLIT = re.compile(r"\s*(?:,\s*(?:and\s+)?|&|\band\b)\s*")
_BYLINE_RE = re.compile(
    rf"(?:By\s+)?(?P<names>{_NAMES})\s*(?:[,|•·–—-]\s*)?(?P<date>{dates.DATE_PATTERN})\s*"
)
_STAMP_RE = re.compile(r"(?P<label>[A-Za-z][A-Za-z :]{0,24}?)\s*(?P<epoch>\d{13}|\d{10})\s*")
_STAMP_LABEL = re.compile(r"updat|live|post|publish|time|modif|edit", re.IGNORECASE)
_ZONES = "|".join(sorted(dates.TZ_OFFSETS, key=len, reverse=True))
_CLOCK_RE = re.compile(
    r"(?:(?:posted|updated|published|last\s+updated)\s*(?:at|:)?\s*)?"
    r"(?P<h>[01]?\d|2[0-3])[:.](?P<m>[0-5]\d)\s*(?P<ampm>[ap]\.?m\.?)?\s*"
    rf"(?P<zone>\(?(?:{_ZONES})\)?)?\s*",
    re.IGNORECASE,
)
_MARKER_RE = re.compile(
    r"[•·*]?\s*(?:key\s+(?:points?|events?|updates?|moments?)|breaking(?:\s+news)?|updated?"
    r"|pinned(?:\s+post)?|live(?:\s+updates?)?|latest(?:\s+updates?)?|(?:new|old)(?:est)?\s+first"
    r"|show\s+(?:latest|more|new)\s+updates?|\d+\s+new\s+updates?|summary|highlights|just\s+in)"
    r"\s*:?\s*",
    re.IGNORECASE,
)
_RELTIME_RE = re.compile(
    r"(?P<prefix>[^\n]{0,60}?)\s*(?:[|•·–—-]\s*)?(?:time\s*)?"
    r"(?P<rel>(?:\d+|an?|one)\s*(?:s(?:ec(?:ond)?s?)?|m(?:in(?:ute)?s?)?|h(?:(?:ou)?rs?)?|d(?:ays?)?"
    r"|w(?:(?:ee)?ks?)?|mo(?:nths?)?|y(?:(?:ea)?rs?)?)\s+ago|just\s+now|yesterday)\s*",
    re.IGNORECASE,
)
_CHROME_PREFIX = re.compile(r"(?:last\s+)?(?:updated|posted|published|edited|modified)\s*:?", re.I)
_BULLET_RE = re.compile(r"[•·▪●◦‣]\s*(?P<name>[^•·\n]{1,60}?)\s*")
_MONTHISH = re.compile(r"[A-Za-z]{3}|\d{4}-\d{2}")
_ASCII_DIGIT = re.compile(r"[0-9]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_END_PUNCT = (".", ":", ";", ",")


@dataclass(slots=True)
class Line:
    """One line of the report: absolute offsets (newline excluded), text and kind."""

    start: int
    end: int
    text: str
    kind: str = TEXT
    info: Any = None  # what the kind carries: a datetime, names, (outlet, delta)...


def split_lines(text: str) -> list[Line]:
    """Every line of `text` with its offsets (the final line may lack a newline)."""
    out = []
    pos = 0
    for chunk in text.split("\n"):
        out.append(Line(pos, pos + len(chunk), chunk))
        pos += len(chunk) + 1
    return out


def headline_like(text: str) -> bool:
    """True for a short line without closing sentence punctuation, as headlines are."""
    s = text.strip()
    if not s or len(s) > 250 or s.endswith(_END_PUNCT) and not s.endswith("..."):
        return False
    n = s.count(" ") + 1
    return n <= 30 and any(c.isalpha() for c in s)


def split_names(text: str) -> list[str]:
    """ "Jane Roe,Sam Poe and Ann Lee" -> three names."""
    text = re.sub(r"^\s*By\s+", "", text)
    return [n.strip() for n in _NAME_SPLIT.split(text) if n and n.strip()]


def _classify(s: str) -> tuple[str, Any]:
    """Kind of one stripped, non-empty line, judged on its own."""
    n = len(s)
    first, last = s[0], s[-1]
    if first.isdigit() and dates.is_epoch(s):
        return EPOCH, dates.from_epoch(s)
    if last.isdigit() and n <= 40:
        m = _STAMP_RE.fullmatch(s)
        if m and _STAMP_LABEL.search(m.group("label")):
            when = dates.from_epoch(m.group("epoch"))
            if when is not None:
                return STAMP, when
    if n <= 40:
        m = _CLOCK_RE.fullmatch(s)
        if m:
            hour, minute = int(m.group("h")), int(m.group("m"))
            ampm = (m.group("ampm") or "").lower()
            if ampm.startswith("p") and hour < 12:
                hour += 12
            elif ampm.startswith("a") and hour == 12:
                hour = 0
            zone = (m.group("zone") or "").strip("()") or None
            return CLOCK, (hour, minute, zone)
        if _MARKER_RE.fullmatch(s):
            return MARKER, None
    if n <= 160 and _has_digit(s) and _MONTHISH.search(s):
        when = dates.parse_date_line(s) if n <= 80 else None
        if when is not None:
            return DATE, when
        m = _BYLINE_RE.fullmatch(s)
        if m:
            return BYLINE, (split_names(m.group("names")), dates.parse_date(m.group("date")))
    if n <= 100 and ("ago" in s or "now" in s or "yesterday" in s.lower()):
        m = _RELTIME_RE.fullmatch(s)
        if m:
            prefix = m.group("prefix").strip(" |•·–—-")
            if _CHROME_PREFIX.fullmatch(prefix):
                prefix = ""
            if not prefix or _outlet_like(prefix):
                return RELTIME, (prefix or None, dates.relative_delta(m.group("rel")))
    return _classify_text(s)


def _has_digit(s: str) -> bool:
    """``any(c.isdigit() for c in s)`` without a Python-level loop over every character.

    The only ASCII digits are 0-9; other digits ("²", "٣") are searched among the few
    non-ASCII characters alone.
    """
    if _ASCII_DIGIT.search(s):
        return True
    return not s.isascii() and any(c.isdigit() for c in _NON_ASCII.findall(s))


def _classify_text(s: str) -> tuple[str, Any]:
    if len(s) <= 60:
        if bp.is_section_header(s):
            return SECTION, None
        if bp.is_card_label(s):
            return CARD, None
        m = _BULLET_RE.fullmatch(s)
        if m and _outlet_like(m.group("name")):
            return BULLET, m.group("name")
    if bp.is_boilerplate(s):
        return BOILER, None
    return TEXT, None


def _outlet_like(text: str) -> bool:
    """A short proper name such as "Perth Now" or "The Advertiser"."""
    words = text.split()
    if not 1 <= len(words) <= 6 or len(text) > 50 or text.endswith(_END_PUNCT + ("?", "!")):
        return False
    return text[0].isupper() or text[0].isdigit()


def classify(lines: list[Line]) -> None:
    """Set `kind` and `info` of every line, looking at neighbours where that decides."""
    for line in lines:
        s = line.text.strip()
        if not s:
            line.kind = BLANK
            continue
        line.kind, line.info = _classify(s)
    nonblank = [line for line in lines if line.kind != BLANK]
    _mark_captions(nonblank)
    _mark_authors(nonblank)
    _spread_boilerplate(nonblank)


def _mark_captions(lines: list[Line]) -> None:
    for a, b in zip(lines, lines[1:], strict=False):
        adjacent = a.kind == TEXT and b.kind == TEXT and b.start == a.end + 1
        if adjacent and bp.is_caption_pair(a.text.strip(), b.text.strip()):
            a.kind = b.kind = CAPTION
    for line in lines:
        if line.kind == TEXT and bp.is_lone_caption(line.text.strip()):
            line.kind = CAPTION


def _mark_authors(lines: list[Line]) -> None:
    for i, line in enumerate(lines):
        if line.kind != TEXT or len(line.text) > 120:
            continue
        s = line.text.strip()
        m = _NAMES_RE.fullmatch(s)
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if m and (m.group("by") or (nxt is not None and nxt.kind == DATE)):
            line.kind, line.info = AUTHORS, split_names(m.group("names"))
        elif s.startswith("By ") and (_BY_ONE_RE.fullmatch(s) or _by_with_agency(s)):
            names = split_names(_DATELINE_TAIL.sub("", s))
            people = [n for n in names if _PERSON_RE.fullmatch(n)]
            line.kind, line.info = AUTHORS, people or names


def _by_with_agency(s: str) -> bool:
    # "By Jane Roe, Reuters", "By Jane Roe and Sam Poe in Kyiv": short, not a sentence.
    return len(s.split()) <= 10 and not s.endswith((".", "?", "!")) and s[3:4].isupper()


def _spread_boilerplate(lines: list[Line]) -> None:
    # A paragraph where the site talks about itself ("we", "our", "you") sits inside a
    # block of appeals; alone it could be a column, next to an appeal it is the appeal.
    changed = True
    while changed:
        changed = False
        for i, line in enumerate(lines):
            if line.kind != TEXT:
                continue
            prev = lines[i - 1].kind if i else None
            nxt = lines[i + 1].kind if i + 1 < len(lines) else None
            if BOILER in (prev, nxt) and (
                bp.leans_boilerplate(line.text) or bp.is_call_to_action(line.text)
            ):
                line.kind = BOILER
                changed = True

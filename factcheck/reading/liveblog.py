"""Find the entries of a live blog in classified lines.

Pasted live blogs mark each entry in one of three ways, tried in this order:
a bare Unix timestamp line before the entry's headline (The Independent), a
time-only line ("07:45 GMT", "Posted at 14:03"), or only a byline glued to a
date and time after the entry's text ("Jane Roe8 November 2024 07:45"). Two
such marks make a live blog; one is just an article with a date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.reading.lines import BLANK, BYLINE, CLOCK, EPOCH, MARKER, Line

_CLOCK_IN_TEXT = re.compile(r"\b\d{1,2}[:.]\d{2}(?!\d)")


@dataclass(frozen=True)
class Entries:
    """Line indices where each entry begins; `lead` is True when text before them is a lead."""

    starts: list[int]
    lead: bool
    mark: str  # the line kind that marked entries: EPOCH, CLOCK or BYLINE


def find_entries(lines: list[Line]) -> Entries | None:
    """Entry start indices into `lines`, or None when the text is not a live blog."""
    for kind in (EPOCH, CLOCK):
        marks = [i for i, line in enumerate(lines) if line.kind == kind]
        if len(marks) >= 2:
            return Entries([_back_over_markers(lines, i) for i in marks], lead=True, mark=kind)
    bylines = [
        i
        for i, line in enumerate(lines)
        if line.kind == BYLINE and line.info[1] is not None and _has_clock(line.text)
    ]
    if len(bylines) >= 2:
        # Bylines close their entry: the next entry starts on the line after one.
        starts = [0] + [i + 1 for i in bylines[:-1]]
        return Entries(starts, lead=False, mark=BYLINE)
    return None


def _back_over_markers(lines: list[Line], index: int) -> int:
    # "Key Point" / "BREAKING" just above the timestamp belongs to the entry below it.
    start = index
    i = index - 1
    while i >= 0 and lines[i].kind in (BLANK, MARKER):
        if lines[i].kind == MARKER:
            start = i
        i -= 1
    return start


def _has_clock(text: str) -> bool:
    return _CLOCK_IN_TEXT.search(text) is not None

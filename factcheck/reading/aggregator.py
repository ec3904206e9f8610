"""Find articles re-published on aggregator pages ("Related Articles" blocks and the like).

Aggregators print each article under a small header: the title (often twice),
the outlet's name, a relative time ("time21 minutes ago", "Perth Now2 days
ago") and a bulleted outlet line, then the body. The relative time is the
anchor; the header is the run of short lines around it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import timedelta

from factcheck.reading.fingerprint import normal_text
from factcheck.reading.lines import BLANK, BULLET, RELTIME, TEXT, Line, headline_like

_MAX_HEADER_LINES = 4


@dataclass
class Item:
    """One article header on an aggregator page."""

    first: int  # line index where the header begins
    body: int  # line index of the first line after the header
    header: list[int]  # indices of every header line (title copies, outlet, time, bullets)
    title: str | None
    outlet: str | None
    delta: timedelta | None  # how long before the page was read it was published


def find_items(lines: list[Line]) -> list[Item]:
    """Every article header anchored on a relative-time line, in order."""
    nonblank = [i for i, line in enumerate(lines) if line.kind != BLANK]
    items: list[Item] = []
    floor = -1  # position in `nonblank` that the previous header or body already owns
    for p, index in enumerate(nonblank):
        anchor = lines[index]
        if anchor.kind != RELTIME or p <= floor:
            continue
        back = _header_above(lines, nonblank, p, floor)
        ahead, q = _header_below(lines, nonblank, p, back, anchor.info[0])
        item = _describe(lines, back, ahead, index, anchor)
        if item is None:
            continue
        item.body = nonblank[q] if q < len(nonblank) else len(lines)
        items.append(item)
        floor = q - 1
    return items


def _header_above(lines: list[Line], nonblank: list[int], p: int, floor: int) -> list[int]:
    back: list[int] = []
    seen: list[str] = []
    q = p - 1
    while q > floor and len(back) < _MAX_HEADER_LINES:
        line = lines[nonblank[q]]
        if line.kind not in (TEXT, BULLET) or not headline_like(line.text):
            break
        key = normal_text(line.text)
        # A header holds a title (maybe repeated) and an outlet: a third distinct line
        # belongs to whatever came before.
        if key not in seen and len(seen) == 2:
            break
        if key not in seen:
            seen.append(key)
        back.append(nonblank[q])
        q -= 1
    back.reverse()
    return back


def _header_below(
    lines: list[Line], nonblank: list[int], p: int, back: list[int], prefix: str | None
) -> tuple[list[int], int]:
    known = {normal_text(lines[i].text) for i in back}
    if prefix:
        known.add(normal_text(prefix))
    ahead: list[int] = []
    q = p + 1
    while q < len(nonblank) and len(ahead) < _MAX_HEADER_LINES:
        line = lines[nonblank[q]]
        if line.kind == BULLET:
            known.add(normal_text(line.info))
        elif not (line.kind == TEXT and normal_text(line.text) in known):
            break
        ahead.append(nonblank[q])
        q += 1
    return ahead, q


def _describe(
    lines: list[Line], back: list[int], ahead: list[int], index: int, anchor: Line
) -> Item | None:
    prefix, delta = anchor.info
    header = back + [index] + ahead
    bullets = [lines[i].info for i in header if lines[i].kind == BULLET]
    texts = [lines[i].text.strip() for i in back + ahead if lines[i].kind == TEXT]
    outlet = prefix or (bullets[0] if bullets else None)
    if outlet is None and back and lines[back[-1]].kind == TEXT:
        distinct = {normal_text(t) for t in texts}
        # The line right above the time names the outlet when a title sits above it.
        if len(distinct) >= 2 and len(lines[back[-1]].text.split()) <= 6:
            outlet = lines[back[-1]].text.strip()
    outlet_key = normal_text(outlet) if outlet else None
    titles = [t for t in texts if normal_text(t) != outlet_key]
    if not titles:
        return None
    counts = Counter(normal_text(t) for t in titles)
    best = max(counts.values())
    title = next(t for t in titles if counts[normal_text(t)] == best)
    first = back[0] if back else index
    return Item(first=first, body=index + 1, header=header, title=title, outlet=outlet, delta=delta)

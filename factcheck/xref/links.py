"""Links between claims: corroborates, repeats, contradicts, updates (DESIGN §3).

- Figures are compared only within a block of the same label key and the
  same place set, and only when said within ``FIGURE_WINDOW_DAYS`` (undated
  with undated). Overlapping intervals **agree**; disjoint ones **conflict**,
  but only when said within ``CONFLICT_WINDOW_DAYS`` of each other: two tolls
  for one town three days apart are more likely two attacks than a dispute.
  Figures without a label (partitives such as "five of the injured") are
  never compared.
- Agreement makes ``corroborates`` when the two claims are independent
  (independence.py), ``repeats`` otherwise.
- A conflict between claims that share no origin is ``contradicts``. Claims
  that share an origin never contradict each other: the same origin's
  figures for one label and place form a **series**, and each figure that
  differs from the one before it in time ``updates`` it (claim_id = the later
  claim, other_id = the earlier) when they are at most ``UPDATE_WINDOW_DAYS``
  apart: a tally is reported daily or weekly, while the same administration's
  counts for one town months apart are about different attacks.
- **Sums**: a figure over several places agrees with figures for the single
  places whose intervals add up to an overlapping interval ("25 injured in
  Kharkiv" + "9 in Odesa" vs "34 injured in Odesa and Kharkiv").
- **Text**: a fuzzy match (matching.py) links claims that figures cannot
  decide (at most one of them has labelled figures) when they name the same
  places and the same numbers. A denial ("denied", "rejected", "false",
  "not true") of a matching proposition ``contradicts`` it; the method is
  ``extracted`` when the denial is in the attribution's cue ("X denied
  that…"), ``fuzzy`` when it is in the content.

Symmetric links are stored once with claim_id < other_id.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from factcheck.figures import Interval, agree
from factcheck.xref.data import ClaimRow
from factcheck.xref.independence import OriginKey, independent
from factcheck.xref.matching import DENIAL, DENIAL_RATIO, LINK_RATIO, Scored
from factcheck.xref.scope import (
    CONFLICT_WINDOW_DAYS,
    FIGURE_WINDOW_DAYS,
    UPDATE_WINDOW_DAYS,
    scope_key,
)

MAX_NEIGHBOURS = 200  # entries compared with each entry of a block (blocks sorted by day/value)
MAX_SUM_COMBINATIONS = 64
MAX_SUM_CANDIDATES = 8


@dataclass(frozen=True, slots=True)
class Link:
    claim_id: int
    other_id: int
    kind: str
    method: str
    score: float
    why: str | None = None

    @property
    def key(self) -> tuple[int, int, str]:
        return (self.claim_id, self.other_id, self.kind)


@dataclass(slots=True)
class Entry:
    """One figure of one claim in a comparison block."""

    claim: int
    interval: Interval
    day: int | None
    origin: OriginKey
    stamp: float
    label: str


class Compared(NamedTuple):
    """Two figures compared; written out only for the link that cites it."""

    label: str
    where: str
    a: Interval
    b: Interval

    def __str__(self) -> str:
        return f"{self.label}{self.where}: {fmt_interval(self.a)} vs {fmt_interval(self.b)}"


@dataclass
class Evidence:
    agree: list[Compared | str] = field(default_factory=list)
    conflict: list[Compared | str] = field(default_factory=list)


@lru_cache(maxsize=65536)
def fmt_interval(iv: Interval) -> str:
    """Compact form of an interval: 25, ≥25, >1000000, ≤30, 10800–13200."""

    def num(x: float) -> str:
        x = round(float(x), 6)
        return f"{x:,.0f}" if x.is_integer() else f"{x:,.2f}".rstrip("0").rstrip(".")

    low, high = iv.low, iv.high
    if low is not None and high is not None and low == high:
        return num(low)
    if high is None and low is not None:
        return (">" if iv.low_open else "≥") + num(low)
    if low in (None, 0) and high is not None:
        return ("<" if iv.high_open else "≤") + num(high)
    return f"{num(low or 0)}–{num(high or math.inf)}"


BlockKey = tuple[str, str | None]
SeriesKey = tuple[str, str | None, OriginKey]


def blocks_of(claims: Iterable[ClaimRow]) -> dict[BlockKey, list[Entry]]:
    """Figure entries grouped by (label key, place set), one per distinct figure of a claim.

    Blocks come in key order and entries in claim order, whatever order the claims were
    loaded in: the evidence a link cites must not depend on which other claims a run read.
    """
    blocks: dict[BlockKey, list[Entry]] = defaultdict(list)
    for claim in sorted(claims, key=lambda c: c.id):
        by_id = {a.id: a for a in claim.atts}
        seen: set[tuple[object, ...]] = set()
        for f in claim.figs:
            if f.lkey is None:
                continue
            att = by_id.get(f.attribution_id) if f.attribution_id is not None else None
            if att is None:
                att = claim.atts[0] if claim.atts else None
            if att is None or att.fact is None:
                continue
            iv = f.interval
            ident = (f.lkey, scope_key(f.places), iv, att.day, att.fact.origin)
            if ident in seen:
                continue
            seen.add(ident)
            entry = Entry(claim.id, iv, att.day, att.fact.origin, att.stamp, f.label or f.lkey)
            blocks[(f.lkey, scope_key(f.places))].append(entry)
    return {key: blocks[key] for key in sorted(blocks, key=_block_order)}


def _block_order(key: BlockKey) -> tuple[str, str]:
    return key[0], key[1] or ""


def _pairs_in_block(entries: list[Entry]) -> Iterable[tuple[Entry, Entry]]:
    dated = sorted((e for e in entries if e.day is not None), key=lambda e: (e.day, e.claim))
    for i, a in enumerate(dated):
        for b in dated[i + 1 : i + 1 + MAX_NEIGHBOURS]:
            if b.day - a.day > FIGURE_WINDOW_DAYS:  # type: ignore[operator]
                break
            yield a, b
    undated = sorted(
        (e for e in entries if e.day is None),
        key=lambda e: (e.interval.low if e.interval.low is not None else -math.inf, e.claim),
    )
    for i, a in enumerate(undated):
        for b in undated[i + 1 : i + 1 + MAX_NEIGHBOURS]:
            yield a, b


def compare_figures(
    blocks: Mapping[BlockKey, list[Entry]], involve: set[int] | None = None
) -> dict[tuple[int, int], Evidence]:
    """Agreement and conflict evidence per claim pair (smaller id first)."""
    out: dict[tuple[int, int], Evidence] = {}
    # Claims carry few distinct intervals (and loading shares equal ones): each pair of
    # interval objects is judged once.
    agreed: dict[tuple[int, int], bool] = {}
    for (_lkey, scope), entries in blocks.items():
        claims = {e.claim for e in entries}
        if len(claims) < 2 or (involve is not None and claims.isdisjoint(involve)):
            continue
        where = f" in {scope.replace('+', ' and ')}" if scope else ""
        compared: dict[tuple[int, int], list[tuple[Entry, Entry, bool]]] = {}
        for a, b in _pairs_in_block(entries):
            ca, cb = a.claim, b.claim
            if ca == cb:
                continue
            if involve is not None and ca not in involve and cb not in involve:
                continue
            if ca > cb:
                a, b, ca, cb = b, a, cb, ca
            key = (id(a.interval), id(b.interval))
            ok = agreed.get(key)
            if ok is None:
                ok = agreed[key] = agree(a.interval, b.interval)
            found = compared.get((ca, cb))
            if found is None:
                compared[(ca, cb)] = [(a, b, ok)]
            else:
                found.append((a, b, ok))
        for pair, results in compared.items():
            ev = out.get(pair)
            if ev is None:
                ev = out[pair] = Evidence()
            # "94 overnight and 45 more" against the same two figures elsewhere is agreement:
            # a figure conflicts only when it agrees with none of the other claim's figures
            disagreed = False
            for a, b, ok in results:
                if ok:
                    ev.agree.append(Compared(a.label, where, a.interval, b.interval))
                else:
                    disagreed = True
            if not disagreed:
                continue
            matched = {id(e) for a, b, ok in results if ok for e in (a, b)}
            for a, b, ok in results:
                if ok or id(a) in matched or id(b) in matched:
                    continue
                if a.day is None or abs(a.day - b.day) <= CONFLICT_WINDOW_DAYS:  # type: ignore[operator]
                    ev.conflict.append(Compared(a.label, where, a.interval, b.interval))
    return out


def compare_sums(
    blocks: Mapping[BlockKey, list[Entry]], involve: set[int] | None = None
) -> dict[tuple[int, int], Evidence]:
    """Agreement of a figure over several places with the sum of figures for each place."""
    out: dict[tuple[int, int], Evidence] = {}
    for (lkey, scope), entries in blocks.items():
        if not scope or "+" not in scope:
            continue
        places = scope.split("+")
        for whole in entries:
            choices: list[list[Entry]] = []
            for place in places:
                near = [
                    e
                    for e in blocks.get((lkey, place), ())
                    if e.claim != whole.claim and _same_window(e.day, whole.day)
                ]
                near.sort(key=lambda e: (abs((e.day or 0) - (whole.day or 0)), e.claim))
                choices.append(near[:MAX_SUM_CANDIDATES])
            if not all(choices):
                continue
            for combo in itertools.islice(itertools.product(*choices), MAX_SUM_COMBINATIONS):
                total = sum((e.interval for e in combo), Interval(0, 0))
                if not agree(total, whole.interval):
                    continue
                members = {e.claim for e in combo}
                # A new part can complete a sum between claims already stored: the whole
                # combination counts when any member of it is involved.
                if involve is not None and not (members | {whole.claim}) & involve:
                    continue
                parts = " + ".join(f"{fmt_interval(e.interval)}" for e in combo)
                for part in members:
                    key = (min(part, whole.claim), max(part, whole.claim))
                    why = f"{whole.label}: {parts} = {fmt_interval(total)} vs {fmt_interval(whole.interval)} in {scope.replace('+', ' and ')}"
                    out.setdefault(key, Evidence()).agree.append(f"sum {why}")
    return out


def _same_window(a: int | None, b: int | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= FIGURE_WINDOW_DAYS


def series_of(blocks: Mapping[BlockKey, list[Entry]]) -> dict[SeriesKey, list[Entry]]:
    """Each origin's series: its dated entries per (label key, place set), in time order."""
    series: dict[SeriesKey, list[Entry]] = defaultdict(list)
    for (lkey, scope), entries in blocks.items():
        for e in entries:
            if e.day is not None:
                series[(lkey, scope, e.origin)].append(e)
    for entries in series.values():
        entries.sort(key=lambda e: (e.day, e.stamp, e.claim))
    return {key: series[key] for key in sorted(series, key=series_order)}


def series_order(key: SeriesKey) -> tuple[str, str, str]:
    """A total order on series keys (origins mix ints and strings)."""
    return key[0], key[1] or "", repr(key[2])


def series_links(
    blocks: Mapping[BlockKey, list[Entry]],
    spans: Mapping[SeriesKey, tuple[int, int]] | None = None,
) -> list[Link]:
    """`updates`: each figure from one origin that differs from that origin's previous one.

    With `spans`, only those series, and only between entries said within the series'
    span of days (an incremental run loads each such series whole within its span).
    """
    links: list[Link] = []
    for key, entries in series_of(blocks).items():
        if spans is not None:
            span = spans.get(key)
            if span is None:
                continue
            entries = [e for e in entries if span[0] <= e.day <= span[1]]  # type: ignore[operator]
        if len({e.claim for e in entries}) < 2:
            continue
        scope = key[1]
        where = f" in {scope.replace('+', ' and ')}" if scope else ""
        previous: Entry | None = None
        for e in entries:
            if (
                previous is not None
                and e.claim != previous.claim
                and e.day - previous.day <= UPDATE_WINDOW_DAYS  # type: ignore[operator]
                and not agree(e.interval, previous.interval)
            ):
                then = f"{fmt_interval(previous.interval)} then {fmt_interval(e.interval)}"
                why = f"{e.label}{where}: {then}"
                links.append(Link(e.claim, previous.claim, "updates", "figure", 1.0, why))
            previous = e
    return links


def decide(
    claims: Mapping[int, ClaimRow],
    figures: Mapping[tuple[int, int], Evidence],
    sums: Mapping[tuple[int, int], Evidence],
    text: Mapping[tuple[int, int], Scored],
    updates: Iterable[Link],
) -> list[Link]:
    """Turn evidence into links (before manual decisions are applied)."""
    links: dict[tuple[int, int, str], Link] = {}

    def add(link: Link) -> None:
        old = links.get(link.key)
        if old is None or link.score > old.score:
            links[link.key] = link

    def agreeing(a: ClaimRow, b: ClaimRow) -> str:
        return "corroborates" if independent(a.facts, b.facts) else "repeats"

    for (a, b), ev in figures.items():
        ca, cb = claims[a], claims[b]
        if ev.agree:
            add(Link(a, b, agreeing(ca, cb), "figure", 1.0, str(ev.agree[0])))
        if ev.conflict and not (ca.origins & cb.origins):
            add(Link(a, b, "contradicts", "figure", 1.0, str(ev.conflict[0])))
    for (a, b), ev in sums.items():
        if (a, b) in figures and figures[(a, b)].conflict:
            continue
        add(Link(a, b, agreeing(claims[a], claims[b]), "figure", 1.0, str(ev.agree[0])))
    for link in updates:
        add(link)
    for (a, b), sc in text.items():
        if (a, b) in figures or a == b:
            continue
        ca, cb = claims[a], claims[b]
        if ca.places != cb.places:
            continue
        if ca.denial != cb.denial:
            if sc.denial_ratio >= DENIAL_RATIO:
                denier = ca if ca.denial else cb
                in_cue = any(att.cue and DENIAL.search(att.cue) for att in denier.atts)
                why = f"denial: {_short(denier.text)}"
                add(
                    Link(
                        a,
                        b,
                        "contradicts",
                        "extracted" if in_cue else "fuzzy",
                        round(sc.denial_ratio / 100, 4),
                        why,
                    )
                )
            continue
        labelled = sum(1 for c in (ca, cb) if any(f.lkey for f in c.figs))
        if labelled == 2 or ca.numbers != cb.numbers:
            continue
        if sc.sort_ratio >= LINK_RATIO:
            add(
                Link(
                    a,
                    b,
                    agreeing(ca, cb),
                    "fuzzy",
                    round(sc.sort_ratio / 100, 4),
                    "same proposition",
                )
            )
    return list(links.values())


def _short(text: str, width: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def apply_manual(
    links: Iterable[Link], manual: Mapping[tuple[frozenset[int], str], str]
) -> list[Link]:
    """Drop automatic links where a person already decided that pair and kind."""
    return [k for k in links if (frozenset((k.claim_id, k.other_id)), k.kind) not in manual]

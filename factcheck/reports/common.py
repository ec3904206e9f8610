"""Pieces every report shares: the sourcing-mix rule in SQL, context snippets, safe URLs."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import ColumnElement, String, and_, case, func, literal, or_, select
from sqlalchemy.orm import aliased

from factcheck.db import in_chunks
from factcheck.models import Attribution, ChainHop, DisputeParty, Source
from factcheck.xref.independence import OFFICIAL_KINDS

# kinds whose sources speak for a government, army or party (DESIGN §2 "Official")
OFFICIAL = tuple(sorted(OFFICIAL_KINDS))

# the sourcing mix: every attribution falls in exactly one of these; `hedged` overlaps them
MIX_CATEGORIES = ("named", "partisan", "anonymous", "unattributed")
MIX_LABELS = {
    "named": "named source",
    "partisan": "partisan source",
    "anonymous": "anonymous source",
    "unattributed": "unattributed",
    "hedged": "hedged",
}

# how many characters of a document to show around an attribution at most
CONTEXT_CHARS = 320


def iso(value: datetime | date | None) -> str | None:
    """ISO-8601 text for JSON (the HTML and Markdown render the same string)."""
    return value.isoformat() if value is not None else None


def human_time(value: str | None) -> str:
    """An ISO timestamp from a report dict for people: '2024-11-08 15:20 UTC'; dates stay dates."""
    if not value:
        return ""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    if len(value) <= 10:
        return moment.date().isoformat()
    offset = moment.utcoffset()
    zone = "" if offset is None else " UTC" if not offset else moment.strftime(" UTC%z")
    return moment.strftime("%Y-%m-%d %H:%M") + zone


def jsonable(value: Any) -> Any:
    """Dates as ISO text, tuples and sets as lists, all the way down: what json.dumps takes."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    return value


def safe_url(url: str | None) -> str | None:
    """The URL if it is an absolute http(s) link, else None: anything else is never a link."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if any(c.isspace() or ord(c) < 32 for c in url):
        return None
    return url


def split_flags(flags: str | None) -> list[str]:
    """Claim.flags (comma-separated) as a list."""
    return [f.strip() for f in (flags or "").split(",") if f.strip()]


def flag_match(column: ColumnElement[str], flag: str) -> ColumnElement[bool]:
    """SQL: the comma-separated flags column contains `flag` as a whole word."""
    wrapped = literal(",").concat(func.replace(column, " ", "", type_=String)).concat(",")
    return wrapped.like(f"%,{flag},%")


def share(count: int, total: int) -> float:
    return round(count / total, 4) if total else 0.0


# --- the sourcing mix -------------------------------------------------------------


def origin_source_id() -> ColumnElement[int]:
    """SQL: the source at the origin of each attribution's chain, else its speaker."""
    first_origin = (
        select(ChainHop.source_id)
        .where(ChainHop.attribution_id == Attribution.id, ChainHop.role == "origin")
        .order_by(ChainHop.position)
        .limit(1)
        .correlate(Attribution)
        .scalar_subquery()
    )
    return func.coalesce(first_origin, Attribution.speaker_id)


def origin_hops() -> Any:
    """Subquery (attribution_id, source_id): each chain's first origin hop, for whole-table joins.

    A hash join on this beats the correlated `origin_source_id()` when every attribution
    is read (PostgreSQL runs a correlated subquery once per row).
    """
    ranked = (
        select(
            ChainHop.attribution_id,
            ChainHop.source_id,
            func.row_number()
            .over(partition_by=ChainHop.attribution_id, order_by=ChainHop.position)
            .label("n"),
        )
        .where(ChainHop.role == "origin")
        .subquery("ranked_origins")
    )
    return (
        select(ranked.c.attribution_id, ranked.c.source_id)
        .where(ranked.c.n == 1)
        .subquery("origin_hops")
    )


def partisan_rule(source: Any, parent: Any) -> ColumnElement[bool]:
    """SQL: a source is partisan when marked so by hand, or when (unless marked not) it is
    official, or speaks for an official parent, and its side is a party to some dispute.

    The claim-specific part of DESIGN §2 (the claim must be about the dispute) is left to
    the trace of one claim; the sourcing mix of many statements is a property of sources.
    Only the direct parent is looked at, which covers a spokesperson and their ministry.
    """
    parties = select(DisputeParty.side)
    side = func.coalesce(source.side, parent.side)
    official = or_(source.kind.in_(OFFICIAL), func.coalesce(parent.kind, "").in_(OFFICIAL))
    by_rule = and_(source.partisan.is_(None), side.in_(parties), official)
    return or_(source.partisan.is_(True), by_rule)


def mix_columns() -> tuple[ColumnElement[str], Any, Any]:
    """The CASE expression classifying an attribution, and the aliases it needs joined.

    Returns (category, origin source alias, parent alias); join them with
    ``.outerjoin(origin, origin.id == origin_source_id())`` and
    ``.outerjoin(parent, parent.id == origin.parent_id)``.
    """
    origin = aliased(Source, name="origin_source")
    parent = aliased(Source, name="origin_parent")
    category = case(
        (or_(Attribution.kind == "unattributed", origin.id.is_(None)), "unattributed"),
        (or_(Attribution.kind == "anonymous", origin.anonymous.is_(True)), "anonymous"),
        (partisan_rule(origin, parent), "partisan"),
        else_="named",
    )
    return category, origin, parent


def hedged_count() -> ColumnElement[int]:
    return func.sum(case((Attribution.hedged.is_(True), 1), else_=0))


def mix_summary(counts: Mapping[str, int], hedged: int) -> dict[str, Any]:
    """Counts per category → the mix dict every report uses."""
    total = sum(counts.get(c, 0) for c in MIX_CATEGORIES)
    return {
        "total": total,
        "categories": [
            {
                "name": c,
                "label": MIX_LABELS[c],
                "count": counts.get(c, 0),
                "share": share(counts.get(c, 0), total),
            }
            for c in MIX_CATEGORIES
        ],
        "hedged": {"count": hedged, "share": share(hedged, total)},
    }


# --- context snippets -------------------------------------------------------------

_SENTENCE_END = frozenset(".!?\n")
_SPACES = re.compile(r"\s+")


def context_segments(
    text: str,
    spans: Iterable[tuple[str, int | None, int | None]],
    *,
    limit: int = CONTEXT_CHARS,
) -> list[dict[str, str | None]]:
    """The sentence around the spans, cut into segments that say which span each one is.

    `spans` are (name, start, end) character offsets into `text`; missing or out-of-range
    spans are ignored and the first of two overlapping spans wins. Returns
    [{"text": ..., "mark": None | name}] in reading order, whitespace collapsed.
    """
    valid = sorted(
        (s, e, name)
        for name, s, e in spans
        if s is not None and e is not None and 0 <= s < e <= len(text)
    )
    if not valid:
        return []
    first, last = valid[0][0], max(e for _, e, _ in valid)
    start = first
    while start > 0 and text[start - 1] not in _SENTENCE_END and first - start < limit // 2:
        start -= 1
    end = last
    while end < len(text) and text[end - 1] not in _SENTENCE_END and end - last < limit // 2:
        end += 1
    pieces: list[tuple[str, str | None]] = []
    cursor = start
    for s, e, name in valid:
        if s < cursor:
            continue
        if s > cursor:
            pieces.append((text[cursor:s], None))
        pieces.append((text[s:e], name))
        cursor = e
    if end > cursor:
        pieces.append((text[cursor:end], None))
    segments = [{"text": _SPACES.sub(" ", piece), "mark": mark} for piece, mark in pieces]
    segments[0]["text"] = (segments[0]["text"] or "").lstrip()
    segments[-1]["text"] = (segments[-1]["text"] or "").rstrip()
    if start > 0 and text[start - 1] not in _SENTENCE_END:
        segments[0]["text"] = "…" + (segments[0]["text"] or "")
    if end < len(text) and text[end - 1] not in _SENTENCE_END:
        segments[-1]["text"] = (segments[-1]["text"] or "") + "…"
    return [s for s in segments if s["text"]]


# --- shared loaders ----------------------------------------------------------------


def load_chains(attribution_ids: Iterable[int], *, session: Any) -> dict[int, list[dict[str, Any]]]:
    """Chain hops of many attributions, origin first, with what each hop's source is."""
    parent = aliased(Source, name="hop_parent")
    chains: dict[int, list[dict[str, Any]]] = {}
    for batch in in_chunks(attribution_ids):
        stmt = (
            select(
                ChainHop.attribution_id,
                ChainHop.role,
                Source.id,
                Source.name,
                Source.kind,
                func.coalesce(Source.side, parent.side),
                Source.anonymous,
                partisan_rule(Source, parent),
            )
            .join(Source, Source.id == ChainHop.source_id)
            .outerjoin(parent, parent.id == Source.parent_id)
            .where(ChainHop.attribution_id.in_(batch))
            .order_by(ChainHop.attribution_id, ChainHop.position)
        )
        for att_id, role, sid, name, kind, side, anonymous, partisan in session.execute(stmt):
            chains.setdefault(att_id, []).append(
                {
                    "source": name,
                    "source_id": sid,
                    "role": role,
                    "kind": kind,
                    "side": side,
                    "anonymous": bool(anonymous),
                    "partisan": bool(partisan),
                }
            )
    return chains


def format_number(value: float | None) -> str:
    if value is None:
        return "?"
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def interval(low: float | None, high: float | None, low_open: bool, high_open: bool) -> str:
    """A figure's interval as text: [25, ∞), (1,000,000, ∞), [0, 30]."""
    left = "(" if low_open or low is None else "["
    right = ")" if high_open or high is None else "]"
    lo = format_number(low) if low is not None else "−∞"
    hi = format_number(high) if high is not None else "∞"
    return f"{left}{lo}, {hi}{right}"


def origins_text(origins: Iterable[Mapping[str, Any]]) -> str:
    """ "Ukraine's General Staff (UA); Reuters": origins with their side, for tables."""
    return "; ".join(f"{o['source']} ({o['side']})" if o["side"] else o["source"] for o in origins)


def figure_text(fig: dict[str, Any]) -> str:
    """'more than 2,000 (drones launched)': the figure as written, with what it counts."""
    shown = fig.get("text") or format_number(fig.get("value"))
    label = fig.get("label")
    return f"{shown} ({label})" if label and label.casefold() not in shown.casefold() else shown

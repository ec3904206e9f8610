"""Browsing claims: list, fuzzy find, contradictions, single-partisan-source figures,
and manual link decisions."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from rapidfuzz import fuzz, process
from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from factcheck.db import chunks
from factcheck.errors import FactcheckError, NotFound, UsageProblem
from factcheck.models import (
    FLAGS,
    LINK_KINDS,
    Attribution,
    ChainHop,
    Claim,
    ClaimLink,
    Figure,
    Source,
    SourceAlias,
    utcnow,
)
from factcheck.sources.names import name_key
from factcheck.text import claim_key
from factcheck.xref.data import Slice
from factcheck.xref.independence import SourceIndex
from factcheck.xref.matching import Normaliser

SYMMETRIC = ("corroborates", "repeats", "contradicts")
SOURCE_MATCH = 95.0  # score of a claim found through its speaker's name


@dataclass
class ClaimSummary:
    id: int
    text: str
    flags: list[str]
    independent_origins: int
    documents: int
    label: str | None
    scope: str | None
    score: float | None = None
    matched: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        if self.score is None:
            data.pop("score")
            data.pop("matched")
        return data


_SUMMARY = (
    Claim.id,
    Claim.text,
    Claim.flags,
    Claim.independent_origins,
    Claim.documents,
    Claim.label,
    Claim.scope,
)


def _summary(row: Any) -> ClaimSummary:
    cid, text, flags, io, docs, label, scope = row
    return ClaimSummary(cid, text, [f for f in flags.split(",") if f], io, docs, label, scope)


def _has_flag(flag: str) -> Any:
    col = Claim.flags
    return or_(col == flag, col.like(f"{flag},%"), col.like(f"%,{flag}"), col.like(f"%,{flag},%"))  # type: ignore[attr-defined]


def _source_ids(ref: str, *, session: Session) -> set[int]:
    """A source by id or name (fuzzy through the registry) and every source merged into it."""
    from factcheck.sources.registry import get_source

    try:
        ids = {get_source(ref, session=session).id}
    except NotFound:
        # A part of a longer name ("General Staff"): every source with an alias containing it.
        ids = _sources_named(ref, session=session)
        if not ids:
            raise
    frontier = set(ids)
    while frontier:
        merged = {
            r[0]
            for part in chunks(frontier)  # type: ignore[arg-type]
            for r in session.execute(select(Source.id).where(Source.merged_into_id.in_(part))).all()  # type: ignore[union-attr]
        }
        frontier = merged - ids
        ids |= merged
    return ids  # type: ignore[return-value]


def _sources_named(text: str, *, session: Session, cutoff: float = 90.0) -> set[int]:
    """Sources whose name or alias contains the words of `text` (fuzzy)."""
    key = name_key(text)
    if not key:
        return set()
    aliases = session.execute(select(SourceAlias.key, SourceAlias.source_id)).all()
    choices = {i: k for i, (k, _) in enumerate(aliases)}
    hits = process.extract(key, choices, scorer=fuzz.token_set_ratio, limit=20, score_cutoff=cutoff)
    return {aliases[i][1] for _, _, i in hits}


def list_claims(
    *,
    session: Session,
    flag: str | None = None,
    speaker: str | None = None,
    limit: int | None = None,
) -> list[ClaimSummary]:
    """Claims, most repeated first; optionally only those with a flag or said by a source."""
    if flag is not None and flag not in FLAGS:
        raise UsageProblem(f"unknown flag {flag!r} (expected one of: {', '.join(FLAGS)})")
    stmt = select(*_SUMMARY)
    if flag is not None:
        stmt = stmt.where(_has_flag(flag))
    if speaker is not None:
        ids = _source_ids(speaker, session=session)
        said = select(Attribution.claim_id).where(Attribution.speaker_id.in_(ids))  # type: ignore[union-attr]
        originated = (
            select(Attribution.claim_id)
            .join(ChainHop, ChainHop.attribution_id == Attribution.id)
            .where(ChainHop.position == 0, ChainHop.source_id.in_(ids))  # type: ignore[attr-defined]
        )
        stmt = stmt.where(or_(Claim.id.in_(said), Claim.id.in_(originated)))  # type: ignore[union-attr]
    stmt = stmt.order_by(Claim.documents.desc(), Claim.id)  # type: ignore[attr-defined]
    if limit is not None:
        stmt = stmt.limit(limit)
    return [_summary(r) for r in session.execute(stmt).all()]


def find_claims(
    text: str, *, session: Session, limit: int = 20, cutoff: float = 70.0
) -> list[ClaimSummary]:
    """Fuzzy search over claim texts and over source names and aliases (then their claims)."""
    query = claim_key(text)
    if not query:
        raise UsageProblem("search text is empty")
    found: dict[int, tuple[float, str]] = {}
    keys = session.execute(select(Claim.id, Claim.key)).all()
    choices = {cid: key for cid, key in keys}
    for _key, score, cid in process.extract(
        query, choices, scorer=fuzz.token_set_ratio, limit=limit, score_cutoff=cutoff
    ):
        found[cid] = (float(score), "text")
    source_ids = _sources_named(text, session=session)
    if source_ids:
        ids: set[int] = set()
        for sid in source_ids:
            ids |= _source_ids(str(sid), session=session)
        said = select(Attribution.claim_id).where(Attribution.speaker_id.in_(ids)).limit(limit)  # type: ignore[union-attr]
        for (cid,) in session.execute(said).all():
            found.setdefault(cid, (SOURCE_MATCH, "source"))
    if not found:
        return []
    rows = session.execute(select(*_SUMMARY).where(Claim.id.in_(found))).all()  # type: ignore[union-attr]
    out = []
    for row in rows:
        summary = _summary(row)
        summary.score, summary.matched = found[summary.id]
        out.append(summary)
    out.sort(key=lambda s: (-(s.score or 0), s.id))
    return out[:limit]


def contradiction_links(
    *, session: Session, limit: int | None = None, ranked: bool = False
) -> list[Any]:
    """Contradictions not rejected by a person: (claim id, other id, why, method, score,
    status, claim text, other text), by claim id, or `ranked`: confirmed first, then surest."""
    other = aliased(Claim, name="other")
    stmt = (
        select(
            ClaimLink.claim_id, ClaimLink.other_id, ClaimLink.why, ClaimLink.method,
            ClaimLink.score, ClaimLink.status, Claim.text, other.text,
        )
        .join(Claim, Claim.id == ClaimLink.claim_id)
        .join(other, other.id == ClaimLink.other_id)
        .where(*_STANDING_CONTRADICTION)
    )  # fmt: skip
    if ranked:
        stmt = stmt.order_by(
            case((ClaimLink.status == "confirmed", 0), else_=1),
            ClaimLink.score.desc(),  # type: ignore[union-attr]
            ClaimLink.id,
        )
    else:
        stmt = stmt.order_by(ClaimLink.claim_id, ClaimLink.other_id)
    if limit is not None:
        stmt = stmt.limit(limit)
    return list(session.execute(stmt).all())


def count_contradictions(*, session: Session) -> int:
    return session.execute(
        select(func.count()).select_from(ClaimLink).where(*_STANDING_CONTRADICTION)
    ).scalar_one()


_STANDING_CONTRADICTION = (ClaimLink.kind == "contradicts", ClaimLink.status != "rejected")


def contradictions(*, session: Session) -> list[dict[str, Any]]:
    """Every contradiction not rejected by a person, with both claims' texts."""
    return [
        {
            "claim": a,
            "other": b,
            "claim_text": text,
            "other_text": other_text,
            "why": why,
            "method": method,
            "score": score,
            "status": status,
        }
        for a, b, why, method, score, status, text, other_text in contradiction_links(
            session=session
        )
    ]


def _texts(ids: set[int], *, session: Session) -> dict[int, str]:
    out: dict[int, str] = {}
    for part in chunks(ids):
        out.update(
            dict(session.execute(select(Claim.id, Claim.text).where(Claim.id.in_(part))).all())
        )  # type: ignore[union-attr, arg-type]
    return out


def partisan_figures(*, session: Session) -> list[dict[str, Any]]:
    """Figures resting only on sources partisan on them, from one side (ledger-wide)."""
    rows = session.execute(
        select(Claim.id, Claim.text, Claim.documents)
        .where(_has_flag("single_partisan_source"))
        .where(Claim.id.in_(select(Figure.claim_id)))  # type: ignore[union-attr]
        .order_by(Claim.documents.desc(), Claim.id)  # type: ignore[attr-defined]
    ).all()
    if not rows:
        return []
    sl = Slice(sources=SourceIndex())
    out = []
    ids = [r[0] for r in rows]
    figures: dict[int, list[dict[str, Any]]] = {}
    for part in chunks(ids):
        for cid, value, low, high, qualifier, label, unit, scope in session.execute(
            select(
                Figure.claim_id,
                Figure.value,
                Figure.low,
                Figure.high,
                Figure.qualifier,
                Figure.label,
                Figure.unit,
                Figure.scope,
            )
            .where(Figure.claim_id.in_(part))  # type: ignore[attr-defined]
            .order_by(Figure.id)
        ).all():
            item = {
                "value": value,
                "low": low,
                "high": high,
                "qualifier": qualifier,
                "label": label,
                "unit": unit,
                "scope": scope,
            }
            if item not in figures.setdefault(cid, []):
                figures[cid].append(item)
    for part in chunks(ids):
        sl.load_claims(part, session=session, derive=False)
    for cid, text, documents in rows:
        claim = sl.claims.get(cid)
        sources = (
            sorted({sl.sources.name(a.source) or "" for a in claim.atts if a.source is not None})
            if claim
            else []
        )
        sides = (
            sorted(
                {sl.sources.side(a.source) or "" for a in claim.atts if a.source is not None} - {""}
            )
            if claim
            else []
        )
        out.append(
            {
                "id": cid,
                "text": text,
                "side": sides[0] if len(sides) == 1 else None,
                "origins": sources,
                "documents": documents,
                "figures": figures.get(cid, []),
            }
        )
    return out


def decide_link(
    claim_id: int,
    other_id: int,
    kind: str,
    *,
    confirm: bool,
    user: str,
    session: Session,
    note: str | None = None,
) -> ClaimLink:
    """Record a person's decision on a link; later automatic runs never change it."""
    if kind not in LINK_KINDS:
        raise UsageProblem(f"unknown link kind {kind!r} (expected one of: {', '.join(LINK_KINDS)})")
    if claim_id == other_id:
        raise UsageProblem("a claim cannot be linked to itself")
    for cid in (claim_id, other_id):
        if session.get(Claim, cid) is None:
            raise NotFound(f"no claim {cid}")
    a, b = (
        (min(claim_id, other_id), max(claim_id, other_id))
        if kind in SYMMETRIC
        else (claim_id, other_id)
    )
    existing = session.scalars(
        select(ClaimLink).where(
            ClaimLink.kind == kind,
            ((ClaimLink.claim_id == a) & (ClaimLink.other_id == b))
            | ((ClaimLink.claim_id == b) & (ClaimLink.other_id == a)),
        )
    ).all()
    link = None
    for row in existing:
        if (row.claim_id, row.other_id) == (a, b) and link is None:
            link = row
        else:
            session.delete(row)
    if link is None:
        link = ClaimLink(claim_id=a, other_id=b, kind=kind)
    link.status = "confirmed" if confirm else "rejected"
    link.method = "manual"
    link.score = 1.0
    link.decided_by = user
    link.created_at = utcnow()
    if note:
        link.why = note
    elif link.why is None:
        link.why = f"{'confirmed' if confirm else 'rejected'} by {user}"
    session.add(link)
    session.flush()
    refresh_around([claim_id, other_id], session=session)
    return link


def refresh_around(claim_ids: list[int], *, session: Session) -> None:
    """Recompute the cached flags of some claims and of the claims linked to them."""
    from factcheck.xref.run import refresh_claims

    ids = set(claim_ids)
    for part in chunks(claim_ids):
        for a, b in session.execute(
            select(ClaimLink.claim_id, ClaimLink.other_id).where(
                ClaimLink.claim_id.in_(part) | ClaimLink.other_id.in_(part)  # type: ignore[attr-defined]
            )
        ).all():
            ids |= {a, b}
    sl = Slice(sources=SourceIndex.load(session=session), normaliser=Normaliser())
    sl.load_claims(ids, session=session)
    refresh_claims(sl, ids, session=session)
    session.flush()
    session.expire_all()


def count_by_flag(*, session: Session) -> dict[str, int]:
    return {
        flag: session.execute(
            select(func.count()).select_from(Claim).where(_has_flag(flag))
        ).scalar_one()
        for flag in FLAGS
    }


__all__ = [
    "ClaimSummary",
    "FactcheckError",
    "contradictions",
    "count_by_flag",
    "decide_link",
    "find_claims",
    "list_claims",
    "partisan_figures",
]

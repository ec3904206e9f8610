"""The corpus report: headline numbers and the riskiest claims, computed with aggregate SQL.

Nothing here loads every row: counts and groupings run in the database, and only the
top `limit` claims of each list come back to Python.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import case, distinct, func, select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from factcheck.db import in_chunks
from factcheck.models import (
    FLAGS,
    LINK_KINDS,
    REVIEW_STATUSES,
    Attribution,
    Claim,
    ClaimLink,
    Document,
    Figure,
    Review,
    Source,
)
from factcheck.reports.common import (
    flag_match,
    hedged_count,
    iso,
    mix_columns,
    mix_summary,
    origin_hops,
    origin_source_id,
    split_flags,
)
from factcheck.xref.browse import contradiction_links, count_contradictions

DEFAULT_LIMIT = 20
NO_OUTLET = "(no outlet)"


def build_corpus_report(*, session: Session, limit: int = DEFAULT_LIMIT) -> dict[str, Any]:
    """Headline numbers, sourcing mix by outlet, single-partisan figures, contradictions, repeats."""
    by_outlet = _mix_by_outlet(session=session)
    overall: dict[str, int] = defaultdict(int)
    hedged = 0
    for row in by_outlet:
        hedged += row["hedged"]["count"]
        for cat in row["categories"]:
            overall[cat["name"]] += cat["count"]
    return {
        "report": "corpus",
        "generated_at": iso(datetime.now(UTC).replace(microsecond=0)),
        "limit": limit,
        "totals": _totals(session=session),
        "flags": _flag_counts(session=session),
        "links": _link_counts(session=session),
        "reviews": _review_counts(session=session),
        "mix": mix_summary(overall, hedged),
        "mix_by_outlet": by_outlet,
        "single_partisan_figures": _single_partisan_figures(session=session, limit=limit),
        "contradictions": _contradictions(session=session, limit=limit),
        "most_repeated": _most_repeated(session=session, limit=limit),
    }


def _count(session: Session, stmt: Any) -> int:
    return int(session.execute(stmt).scalar() or 0)


def _totals(*, session: Session) -> dict[str, int]:
    return {
        "documents": _count(session, select(func.count()).select_from(Document)),
        "outlets": _count(session, select(func.count(distinct(Document.outlet)))),
        "attributions": _count(session, select(func.count()).select_from(Attribution)),
        "claims": _count(session, select(func.count()).select_from(Claim)),
        "figures": _count(session, select(func.count()).select_from(Figure)),
        "sources": _count(
            session,
            select(func.count()).select_from(Source).where(Source.merged_into_id.is_(None)),  # type: ignore[union-attr]
        ),
    }


def _flag_counts(*, session: Session) -> dict[str, int]:
    columns = [func.sum(case((flag_match(Claim.flags, f), 1), else_=0)) for f in FLAGS]  # type: ignore[arg-type]
    row = session.execute(select(*columns)).one()
    return {flag: int(value or 0) for flag, value in zip(FLAGS, row, strict=True)}


def _link_counts(*, session: Session) -> dict[str, int]:
    rows = session.execute(
        select(ClaimLink.kind, func.count())
        .where(ClaimLink.status != "rejected")
        .group_by(ClaimLink.kind)
    ).all()
    counts = {kind: 0 for kind in LINK_KINDS}
    counts.update({kind: int(n) for kind, n in rows})
    return counts


def _review_counts(*, session: Session) -> dict[str, int]:
    rows = session.execute(select(Review.status, func.count()).group_by(Review.status)).all()
    counts = {status: 0 for status in REVIEW_STATUSES}
    counts.update({status: int(n) for status, n in rows})
    # a claim nobody acted on has no review row yet
    acted = sum(n for status, n in counts.items() if status != "unreviewed")
    counts["unreviewed"] = _count(session, select(func.count()).select_from(Claim)) - acted
    return counts


def _mix_by_outlet(*, session: Session) -> list[dict[str, Any]]:
    category, origin, parent = mix_columns()
    hops = origin_hops()
    outlet = func.coalesce(Document.outlet, NO_OUTLET)
    stmt = (
        select(outlet, category, func.count(), hedged_count())
        .select_from(Attribution)
        .join(Document, Document.id == Attribution.document_id)
        .outerjoin(hops, hops.c.attribution_id == Attribution.id)
        .outerjoin(origin, origin.id == func.coalesce(hops.c.source_id, Attribution.speaker_id))
        .outerjoin(parent, parent.id == origin.parent_id)
        .group_by(outlet, category)
    )
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    hedged: dict[str, int] = defaultdict(int)
    for name, cat, n, h in session.execute(stmt):
        counts[name][cat] = int(n)
        hedged[name] += int(h or 0)
    rows = []
    for name, cats in counts.items():
        row = mix_summary(cats, hedged[name])
        row["outlet"] = name
        rows.append(row)
    rows.sort(key=lambda r: (-r["total"], r["outlet"]))
    return rows


def _origins(claim_ids: list[int], *, session: Session) -> dict[int, list[dict[str, Any]]]:
    """Distinct origin sources of a few claims, with side and anonymity."""
    out: dict[int, dict[int, dict[str, Any]]] = defaultdict(dict)
    origin = aliased(Source, name="origin")
    for batch in in_chunks(claim_ids):
        stmt = (
            select(Attribution.claim_id, origin.id, origin.name, origin.side, origin.anonymous)
            .join(origin, origin.id == origin_source_id())
            .where(Attribution.claim_id.in_(batch))  # type: ignore[union-attr]
            .distinct()
        )
        for claim_id, sid, name, side, anonymous in session.execute(stmt):
            out[claim_id][sid] = {"source": name, "side": side, "anonymous": bool(anonymous)}
    return {cid: sorted(v.values(), key=lambda o: o["source"]) for cid, v in out.items()}


def _figure_texts(claim_ids: list[int], *, session: Session) -> dict[int, list[str]]:
    out: dict[int, list[str]] = defaultdict(list)
    for batch in in_chunks(claim_ids):
        stmt = (
            select(Figure.claim_id, Figure.text, Figure.value)
            .where(Figure.claim_id.in_(batch))  # type: ignore[attr-defined]
            .order_by(Figure.claim_id, Figure.id)
        )
        for claim_id, text, value in session.execute(stmt):
            shown = text or f"{value:g}"
            if shown not in out[claim_id]:
                out[claim_id].append(shown)
    return out


def _claim_rows(rows: list[Any], *, session: Session) -> list[dict[str, Any]]:
    ids = [r.id for r in rows]
    origins = _origins(ids, session=session)
    figures = _figure_texts(ids, session=session)
    return [
        {
            "claim": {"id": r.id, "text": r.text},
            "figures": figures.get(r.id, []),
            "origins": origins.get(r.id, []),
            "documents": r.documents,
            "independent_origins": r.independent_origins,
            "flags": split_flags(r.flags),
        }
        for r in rows
    ]


def _single_partisan_figures(*, session: Session, limit: int) -> dict[str, Any]:
    has_figure = select(Figure.id).where(Figure.claim_id == Claim.id).exists()
    where = [flag_match(Claim.flags, "single_partisan_source"), has_figure]  # type: ignore[arg-type]
    total = _count(session, select(func.count()).select_from(Claim).where(*where))
    rows = session.execute(
        select(Claim.id, Claim.text, Claim.documents, Claim.independent_origins, Claim.flags)
        .where(*where)
        .order_by(Claim.documents.desc(), Claim.id)  # type: ignore[attr-defined]
        .limit(limit)
    ).all()
    return {"total": total, "items": _claim_rows(list(rows), session=session)}


def _contradictions(*, session: Session, limit: int) -> dict[str, Any]:
    items = [
        {
            "claim": {"id": claim_id, "text": text},
            "other": {"id": other_id, "text": other_text},
            "why": why,
            "method": method,
            "score": score,
            "status": status,
        }
        for claim_id, other_id, why, method, score, status, text, other_text in (
            contradiction_links(session=session, limit=limit, ranked=True)
        )
    ]
    return {"total": count_contradictions(session=session), "items": items}


def _most_repeated(*, session: Session, limit: int) -> dict[str, Any]:
    where = [Claim.documents > 1]
    total = _count(session, select(func.count()).select_from(Claim).where(*where))
    rows = session.execute(
        select(Claim.id, Claim.text, Claim.documents, Claim.independent_origins, Claim.flags)
        .where(*where)
        .order_by(Claim.documents.desc(), Claim.independent_origins, Claim.id)  # type: ignore[attr-defined]
        .limit(limit)
    ).all()
    return {"total": total, "items": _claim_rows(list(rows), session=session)}

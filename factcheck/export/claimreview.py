"""Verdicts as schema.org ClaimReview JSON-LD (what search engines and fact-check tools read)."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import case, func, select
from sqlmodel import Session

from factcheck.db import in_chunks
from factcheck.models import VERDICTS, Attribution, Claim, Document, Review, ReviewEvent, Source
from factcheck.reports.common import origin_source_id, safe_url

DEFAULT_ORG = "factcheck"

VERDICT_NAMES = {
    "verified": "Verified",
    "false": "False",
    "misleading": "Misleading",
    "unverifiable": "Unverifiable",
    "not_applicable": "Not applicable",
}
# A 1–3 truth scale for the verdicts that rate truth. "unverifiable" and "not_applicable"
# say nothing about truth, so they carry only the verdict in words (alternateName).
WORST, BEST = 1, 3
RATING_VALUES = {"false": 1, "misleading": 2, "verified": 3}
PERSON_KINDS = ("person", "official")


def _stamp(value: datetime | date | None) -> str | None:
    """ISO-8601; naive datetimes are stored in UTC."""
    if value is None:
        return None
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.replace(microsecond=0).isoformat()
    return value.isoformat()


def claim_reviews(
    *, session: Session, org: str = DEFAULT_ORG, base_url: str | None = None
) -> list[dict[str, Any]]:
    """One ClaimReview per claim whose review has a verdict, oldest verdict first."""
    verdict_at = (
        select(ReviewEvent.claim_id, func.max(ReviewEvent.at).label("at"))
        .join(Review, Review.claim_id == ReviewEvent.claim_id)
        .where(ReviewEvent.to_status == Review.status, Review.status.in_(VERDICTS))  # type: ignore[attr-defined]
        .group_by(ReviewEvent.claim_id)
        .subquery()
    )
    rows = session.execute(
        select(
            Claim.id, Claim.text, Review.status, func.coalesce(verdict_at.c.at, Review.updated_at)
        )
        .join(Review, Review.claim_id == Claim.id)
        .outerjoin(verdict_at, verdict_at.c.claim_id == Claim.id)
        .where(Review.status.in_(VERDICTS))  # type: ignore[attr-defined]
        .order_by(func.coalesce(verdict_at.c.at, Review.updated_at), Claim.id)
    ).all()
    ids = [r[0] for r in rows]
    notes = _verdict_notes(ids, session=session)
    appearances = _appearances(ids, session=session)
    authors = _authors(ids, session=session)
    author = {"@type": "Organization", "name": org}
    if base_url and safe_url(base_url):
        parts = urlsplit(base_url)
        author["url"] = f"{parts.scheme}://{parts.netloc}/"
    out = []
    for claim_id, text, status, at in rows:
        seen = appearances.get(claim_id, [])
        item: dict[str, Any] = {"@type": "Claim"}
        if claim_id in authors:
            item["author"] = authors[claim_id]
        dates = [
            a["said_at"] or a["datePublished"] for a in seen if a["said_at"] or a["datePublished"]
        ]
        if dates:
            item["datePublished"] = min(dates)
        if seen:
            works = [_work(a) for a in seen]
            item["appearance"] = works
            item["firstAppearance"] = works[0]
        words = VERDICT_NAMES[status]
        rating: dict[str, Any] = {"@type": "Rating", "alternateName": words, "name": words}
        if status in RATING_VALUES:
            rating.update(ratingValue=RATING_VALUES[status], bestRating=BEST, worstRating=WORST)
        review: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "claimReviewed": text,
            "reviewRating": rating,
            "author": dict(author),
            "datePublished": _stamp(at),
            "itemReviewed": item,
        }
        if base_url:
            review["url"] = f"{base_url}{claim_id}"
        if notes.get(claim_id):
            review["reviewBody"] = notes[claim_id]
        out.append(review)
    return out


def _undated_last() -> Any:
    # NULLS LAST spelled so SQLite and PostgreSQL order alike
    return case((Document.published.is_(None), 1), else_=0)  # type: ignore[union-attr]


def _work(appearance: dict[str, Any]) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork"}
    for key in ("url", "headline", "datePublished"):
        if appearance.get(key):
            work[key] = appearance[key]
    if appearance.get("publisher"):
        work["publisher"] = {"@type": "Organization", "name": appearance["publisher"]}
    return work


def _verdict_notes(ids: list[int], *, session: Session) -> dict[int, str]:
    """The note of each claim's latest verdict event (why the editor decided so)."""
    notes: dict[int, str] = {}
    for batch in in_chunks(ids):
        stmt = (
            select(ReviewEvent.claim_id, ReviewEvent.note)
            .where(ReviewEvent.claim_id.in_(batch), ReviewEvent.action == "verdict")  # type: ignore[attr-defined]
            .order_by(ReviewEvent.claim_id, ReviewEvent.version)
        )
        for claim_id, note in session.execute(stmt):
            if note:
                notes[claim_id] = note
    return notes


def _appearances(ids: list[int], *, session: Session) -> dict[int, list[dict[str, Any]]]:
    """Documents carrying each claim, earliest first, one entry per document."""
    out: dict[int, dict[int, dict[str, Any]]] = defaultdict(dict)
    for batch in in_chunks(ids):
        stmt = (
            select(
                Attribution.claim_id,
                Document.id,
                Document.url,
                Document.title,
                Document.outlet,
                Document.published,
                Attribution.said_at,
            )
            .join(Document, Document.id == Attribution.document_id)
            .where(Attribution.claim_id.in_(batch))  # type: ignore[union-attr]
            .order_by(Attribution.claim_id, _undated_last(), Document.published, Document.id)
        )
        for claim_id, doc_id, url, title, outlet, published, said_at in session.execute(stmt):
            out[claim_id].setdefault(
                doc_id,
                {
                    "url": safe_url(url),
                    "headline": title,
                    "publisher": outlet,
                    "datePublished": _stamp(published),
                    "said_at": _stamp(said_at),
                },
            )
    # undated documents last: the first appearance is the earliest known one
    return {
        cid: sorted(
            docs.values(), key=lambda a: (a["datePublished"] is None, a["datePublished"] or "")
        )
        for cid, docs in out.items()
    }


def _authors(ids: list[int], *, session: Session) -> dict[int, dict[str, Any]]:
    """Who made each claim: the origin of its earliest attribution, else the outlet asserting it."""
    out: dict[int, dict[str, Any]] = {}
    for batch in in_chunks(ids):
        stmt = (
            select(Attribution.claim_id, Source.name, Source.kind, Document.outlet)
            .join(Document, Document.id == Attribution.document_id)
            .outerjoin(Source, Source.id == origin_source_id())
            .where(Attribution.claim_id.in_(batch))  # type: ignore[union-attr]
            .order_by(
                Attribution.claim_id,
                _undated_last(),
                Document.published,
                Document.id,
                Attribution.content_start,
            )
        )
        fallback: dict[int, str] = {}
        for claim_id, name, kind, outlet in session.execute(stmt):
            if claim_id in out:
                continue
            if name:
                kind_type = "Person" if kind in PERSON_KINDS else "Organization"
                out[claim_id] = {"@type": kind_type, "name": name}
            elif outlet and claim_id not in fallback:
                fallback[claim_id] = outlet
        for claim_id, outlet in fallback.items():
            out.setdefault(claim_id, {"@type": "Organization", "name": outlet})
    return out

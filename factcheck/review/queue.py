"""The review queue: open claims, riskiest first."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, String, case, exists, func, literal, or_
from sqlmodel import Session, col, select

from factcheck.errors import UsageProblem
from factcheck.models import REVIEW_STATUSES, Claim, Figure, Review
from factcheck.review.workflow import OPEN_STATUSES

# flags that put a claim at the top of the queue, and whether the claim must carry a figure
RISK_FLAGS = {"single_partisan_source": True, "contradicted": False}


@dataclass(frozen=True)
class QueueItem:
    """One claim waiting for (or past) review, with what ranked it."""

    claim_id: int
    text: str
    flags: tuple[str, ...]
    has_figures: bool
    documents: int
    independent_origins: int
    status: str
    assignee: str | None
    version: int
    created_at: datetime
    risk: tuple[str, ...]  # the RISK_FLAGS that apply; empty for ordinary claims


def _flag_set(column: ColumnElement[str]) -> ColumnElement[str]:
    """Claim.flags wrapped in commas, so `LIKE '%,flag,%'` matches whole flags only."""
    return literal(",").concat(func.replace(column, " ", "", type_=String)).concat(",")


def review_queue(
    *,
    session: Session,
    statuses: Sequence[str] = OPEN_STATUSES,
    assignee: str | None = None,
    limit: int | None = None,
) -> list[QueueItem]:
    """Claims in `statuses`, ordered by risk, then by documents repeating them, then oldest first.

    Risky means flagged contradicted, or single_partisan_source with at least one figure.
    A claim nobody has acted on yet counts as unreviewed.
    """
    unknown = [s for s in statuses if s not in REVIEW_STATUSES]
    if unknown:
        raise UsageProblem(
            f"unknown status {unknown[0]!r}; choose from {', '.join(REVIEW_STATUSES)}"
        )
    flags = _flag_set(Claim.flags)  # type: ignore[arg-type]
    has_figures = exists().where(col(Figure.claim_id) == col(Claim.id))
    reasons = {
        flag: flags.like(f"%,{flag},%") & has_figures if needs_figure else flags.like(f"%,{flag},%")
        for flag, needs_figure in RISK_FLAGS.items()
    }
    status = func.coalesce(col(Review.status), "unreviewed")
    stmt = (
        select(Claim, Review, has_figures.label("has_figures"))
        .outerjoin(Review, col(Review.claim_id) == col(Claim.id))
        .where(status.in_(list(statuses)))
        .order_by(
            case((or_(*reasons.values()), 0), else_=1),
            col(Claim.documents).desc(),
            col(Claim.created_at),
            col(Claim.id),
        )
    )
    if assignee is not None:
        stmt = stmt.where(col(Review.assignee) == assignee)
    if limit:
        stmt = stmt.limit(limit)
    stmt = stmt.execution_options(populate_existing=True)  # reviews change under long sessions
    items = []
    for claim, review, figured in session.exec(stmt).all():
        claim_flags = tuple(f.strip() for f in claim.flags.split(",") if f.strip())
        risk = tuple(
            flag
            for flag, needs_figure in RISK_FLAGS.items()
            if flag in claim_flags and (figured or not needs_figure)
        )
        items.append(
            QueueItem(
                claim_id=claim.id,  # type: ignore[arg-type]
                text=claim.text,
                flags=claim_flags,
                has_figures=bool(figured),
                documents=claim.documents,
                independent_origins=claim.independent_origins,
                status=review.status if review else "unreviewed",
                assignee=review.assignee if review else None,
                version=review.version if review else 0,
                created_at=claim.created_at,
                risk=risk,
            )
        )
    return items

"""Review actions on one claim, each an append-only event guarded by an optimistic version check.

Every write names the version of the review its author last saw (`expected_version`;
None means "the version read at the start of this call"). The database applies the
change only if the review is still at that version::

    UPDATE review SET ..., version = version + 1 WHERE claim_id = :id AND version = :expected

and the event is inserted with the new version in the same transaction; the unique
(claim_id, version) constraint on events is the backstop. A write that loses the race
raises ReviewConflict naming who changed the claim and when. Functions flush but never
commit: the caller owns the unit of work (see db.session_scope).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from factcheck.errors import Conflict, FactcheckError, NotFound, UsageProblem
from factcheck.models import VERDICTS, Claim, Review, ReviewEvent, utcnow
from factcheck.review.users import ensure_user, insert_ignore, require_role

OPEN_STATUSES = ("unreviewed", "in_progress")


class ReviewConflict(Conflict):
    """Someone else changed the claim's review since the caller read it."""

    def __init__(
        self, claim_id: int, *, changed_by: str | None, changed_at: datetime | None, version: int
    ):
        self.claim_id = claim_id
        self.changed_by = changed_by
        self.changed_at = changed_at
        self.version = version
        who = changed_by or "someone"
        when = iso_seconds(changed_at) if changed_at else "an unknown time"
        super().__init__(f"claim {claim_id} was changed by {who} at {when}; reload and retry")


class InvalidTransition(FactcheckError):
    """The action does not apply to the claim's current review status."""


@dataclass(frozen=True)
class _Change:
    action: str
    status: str
    assignee: str | None
    note: str | None = None
    evidence: tuple[str, ...] = ()


def iso_seconds(moment: datetime) -> str:
    """ISO-8601 in UTC to the second, e.g. 2025-03-01T14:05:09Z."""
    if moment.tzinfo is None:  # stored as UTC without an offset
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def check_evidence(urls: Iterable[str]) -> tuple[str, ...]:
    """Evidence must be absolute http(s) URLs; returns them stripped, in order, without repeats."""
    cleaned: list[str] = []
    for raw in urls:
        url = raw.strip()
        try:
            parts = urlsplit(url)
            valid = parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
        except ValueError:  # e.g. a malformed IPv6 host or port
            valid = False
        if not valid or any(c.isspace() for c in url):
            raise UsageProblem(f"evidence must be an http(s) URL, not {raw!r}")
        if url not in cleaned:
            cleaned.append(url)
    return tuple(cleaned)


def _require_note(note: str | None, message: str) -> str:
    text = (note or "").strip()
    if not text:
        raise UsageProblem(message)
    return text


# --- reading -----------------------------------------------------------------


def review_state(claim_id: int, *, session: Session) -> Review | None:
    """The claim's current review, or None if nobody has acted on it yet."""
    return session.get(Review, claim_id, populate_existing=True)


def history(claim_id: int, *, session: Session) -> list[ReviewEvent]:
    """Every review event of a claim, oldest first."""
    stmt = (
        select(ReviewEvent)
        .where(ReviewEvent.claim_id == claim_id)
        .order_by(col(ReviewEvent.version))
    )
    return list(session.exec(stmt).all())


def current_review(claim_id: int, *, session: Session) -> Review:
    """The review as stored now; an unsaved unreviewed version-0 one if nobody acted yet.

    Raises NotFound for a claim that does not exist.
    """
    review = review_state(claim_id, session=session)
    if review is not None:
        return review
    if session.get(Claim, claim_id) is None:
        raise NotFound(f"no claim {claim_id}")
    return Review(claim_id=claim_id, status="unreviewed", version=0)


def _conflict(claim_id: int, *, session: Session) -> ReviewConflict:
    review = review_state(claim_id, session=session)
    if review is None:
        return ReviewConflict(claim_id, changed_by=None, changed_at=None, version=0)
    return ReviewConflict(
        claim_id, changed_by=review.updated_by, changed_at=review.updated_at, version=review.version
    )


def _write(current: Review, change: _Change, *, by: str, session: Session) -> ReviewEvent:
    """Apply `change` if the review is still as read (`current`), and log it as an event.

    On a lost race raises ReviewConflict; after a unique-constraint violation the
    session has been rolled back.
    """
    claim_id, expected = current.claim_id, current.version
    now = utcnow()
    if expected == 0:
        # first action on this claim: create the row at version 0 unless a racing writer
        # just did, in which case the version check below fails and reports them
        insert_ignore(session, Review, {"claim_id": claim_id, "status": "unreviewed", "version": 0})
    result = session.connection().execute(
        update(Review)
        .where(col(Review.claim_id) == claim_id, col(Review.version) == expected)
        .values(
            status=change.status,
            assignee=change.assignee,
            version=Review.version + 1,
            updated_by=by,
            updated_at=now,
        )
    )
    if result.rowcount != 1:
        raise _conflict(claim_id, session=session)
    event = ReviewEvent(
        claim_id=claim_id,
        version=expected + 1,
        user=by,
        at=now,
        action=change.action,
        from_status=current.status,
        to_status=change.status,
        assignee=change.assignee,
        note=change.note,
        evidence="\n".join(change.evidence),
    )
    session.add(event)
    try:
        session.flush()
    except IntegrityError:
        # an event with this version exists although the review row did not say so;
        # the constraint kept the log consistent, report it like any lost race
        session.rollback()
        raise _conflict(claim_id, session=session) from None
    if current in session:
        session.expire(current)
    return event


def _prepare(
    claim_id: int,
    *,
    by: str,
    expected_version: int | None,
    session: Session,
    role: str | None = None,
    doing: str = "",
) -> Review:
    """Check the actor's role, read the review and check the caller saw its current version."""
    actor = ensure_user(by, session=session)
    if role is not None:
        require_role(actor, role, doing)
    current = current_review(claim_id, session=session)
    if expected_version is None or expected_version == current.version:
        return current
    if expected_version < current.version:
        raise ReviewConflict(
            claim_id,
            changed_by=current.updated_by,
            changed_at=current.updated_at,
            version=current.version,
        )
    raise Conflict(
        f"claim {claim_id} is at version {current.version}, not {expected_version}; reload and retry"
    )


# --- actions -------------------------------------------------------------------


def start_review(
    claim_id: int, *, by: str, session: Session, expected_version: int | None = None
) -> ReviewEvent:
    """unreviewed → in_progress; an unassigned claim is assigned to whoever starts it."""
    current = _prepare(claim_id, by=by, expected_version=expected_version, session=session)
    if current.status == "in_progress":
        raise InvalidTransition(f"claim {claim_id} is already in progress")
    if current.status != "unreviewed":
        raise InvalidTransition(
            f"claim {claim_id} has a verdict ({current.status}); reopen it first"
        )
    change = _Change("start", "in_progress", current.assignee or by)
    return _write(current, change, by=by, session=session)


def assign(
    claim_id: int, *, to: str, by: str, session: Session, expected_version: int | None = None
) -> ReviewEvent:
    """Give an open claim to a reviewer (editors only); unknown reviewers join as reporters."""
    current = _prepare(
        claim_id,
        by=by,
        expected_version=expected_version,
        session=session,
        role="editor",
        doing="assign reviews",
    )
    if current.status not in OPEN_STATUSES:
        raise InvalidTransition(
            f"claim {claim_id} has a verdict ({current.status}); reopen it first"
        )
    assignee = ensure_user(to, session=session).name
    if current.assignee == assignee:
        raise InvalidTransition(f"claim {claim_id} is already assigned to {assignee}")
    change = _Change("assign", current.status, assignee)
    return _write(current, change, by=by, session=session)


def give_verdict(
    claim_id: int,
    verdict: str,
    *,
    note: str,
    by: str,
    evidence: Sequence[str] = (),
    session: Session,
    expected_version: int | None = None,
) -> ReviewEvent:
    """Close an open review with a verdict (editors only); a note saying why is required."""
    if verdict not in VERDICTS:
        raise UsageProblem(f"unknown verdict {verdict!r}; choose from {', '.join(VERDICTS)}")
    text = _require_note(note, "a verdict needs a non-empty note")
    urls = check_evidence(evidence)
    current = _prepare(
        claim_id,
        by=by,
        expected_version=expected_version,
        session=session,
        role="editor",
        doing="give verdicts",
    )
    if current.status not in OPEN_STATUSES:
        raise InvalidTransition(
            f"claim {claim_id} already has a verdict ({current.status}); reopen it first"
        )
    change = _Change("verdict", verdict, current.assignee, text, urls)
    return _write(current, change, by=by, session=session)


def add_note(
    claim_id: int,
    note: str,
    *,
    by: str,
    evidence: Sequence[str] = (),
    session: Session,
    expected_version: int | None = None,
) -> ReviewEvent:
    """Add a note (and evidence) to a claim in any status; anyone may."""
    text = _require_note(note, "a note must not be empty")
    urls = check_evidence(evidence)
    current = _prepare(claim_id, by=by, expected_version=expected_version, session=session)
    change = _Change("note", current.status, current.assignee, text, urls)
    return _write(current, change, by=by, session=session)


def reopen(
    claim_id: int,
    *,
    note: str,
    by: str,
    evidence: Sequence[str] = (),
    session: Session,
    expected_version: int | None = None,
) -> ReviewEvent:
    """Return a verdict to in_progress (editors only), saying why."""
    text = _require_note(note, "reopening needs a non-empty note")
    urls = check_evidence(evidence)
    current = _prepare(
        claim_id,
        by=by,
        expected_version=expected_version,
        session=session,
        role="editor",
        doing="reopen reviews",
    )
    if current.status in OPEN_STATUSES:
        raise InvalidTransition(
            f"claim {claim_id} is {current.status}; only verdicts can be reopened"
        )
    change = _Change("reopen", "in_progress", current.assignee, text, urls)
    return _write(current, change, by=by, session=session)

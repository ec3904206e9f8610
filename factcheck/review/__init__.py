"""Editorial review: the queue, assignments, verdicts, notes and their audit trail.

Other parts of factcheck (reports, ClaimReview export) read reviews through
`review_state` and `history`; every change goes through the actions in
`factcheck.review.workflow`, which check roles and the optimistic version.
"""

from factcheck.review.queue import QueueItem, review_queue
from factcheck.review.users import ensure_user, get_user, list_users, set_role
from factcheck.review.workflow import (
    OPEN_STATUSES,
    InvalidTransition,
    ReviewConflict,
    add_note,
    assign,
    check_evidence,
    current_review,
    give_verdict,
    history,
    iso_seconds,
    reopen,
    review_state,
    start_review,
)

__all__ = [
    "OPEN_STATUSES",
    "InvalidTransition",
    "QueueItem",
    "ReviewConflict",
    "add_note",
    "assign",
    "check_evidence",
    "current_review",
    "ensure_user",
    "get_user",
    "give_verdict",
    "history",
    "iso_seconds",
    "list_users",
    "reopen",
    "review_queue",
    "review_state",
    "set_role",
    "start_review",
]

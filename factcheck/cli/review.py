"""`factcheck review …`: the editorial workflow (queue, assign, start, verdict, note, reopen)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from factcheck import review as rv
from factcheck.cli.context import AppContext
from factcheck.cli.output import echo_json, echo_table, json_option, shorten
from factcheck.db import session_scope
from factcheck.errors import UsageProblem
from factcheck.models import REVIEW_STATUSES, ROLES, VERDICTS, ReviewEvent, User

expect_option = click.option(
    "--expect-version",
    type=click.IntRange(min=0),
    metavar="N",
    help="Fail unless the review is still at version N (the one you displayed). "
    "Default: the version read when the command starts.",
)


def _valid_evidence(
    ctx: click.Context, param: click.Parameter, value: tuple[str, ...]
) -> tuple[str, ...]:
    for url in value:
        try:
            rv.check_evidence([url])
        except UsageProblem as exc:
            raise click.BadParameter(f"not an http(s) URL: {url!r}", ctx, param) from exc
    return value


evidence_option = click.option(
    "--evidence",
    "evidence",
    multiple=True,
    metavar="URL",
    callback=_valid_evidence,
    help="An http(s) URL supporting the note; repeat for several.",
)
claim_argument = click.argument("claim_id", metavar="ID", type=int)


def event_dict(event: ReviewEvent) -> dict[str, Any]:
    return {
        "claim_id": event.claim_id,
        "version": event.version,
        "at": event.at,
        "user": event.user,
        "action": event.action,
        "from_status": event.from_status,
        "to_status": event.to_status,
        "assignee": event.assignee,
        "note": event.note,
        "evidence": event.evidence.split("\n") if event.evidence else [],
    }


def describe(event: ReviewEvent) -> str:
    """One line saying what an action did."""
    claim, version = event.claim_id, f"(version {event.version})"
    if event.action == "assign":
        return f"Claim {claim} assigned to {event.assignee} {version}."
    if event.action == "note":
        return f"Note added to claim {claim} {version}."
    moved = f"Claim {claim}: {event.from_status} → {event.to_status}"
    if event.action == "start":
        moved += f", assigned to {event.assignee}"
    return f"{moved} {version}."


def _act(
    app: AppContext, as_json: bool, action: Callable[..., ReviewEvent], *args: Any, **kw: Any
) -> None:
    with session_scope(app.engine) as session:
        event = action(*args, by=app.user, session=session, **kw)
    if as_json:
        echo_json(event_dict(event))
    else:
        click.echo(describe(event))


def _user_dict(user: User) -> dict[str, Any]:
    return {"name": user.name, "role": user.role, "created_at": user.created_at}


@click.group()
def review() -> None:
    """Editorial review: a risk-ordered queue, assignments, verdicts, notes and an audit trail.

    Reporters start reviews and add notes; editors also assign, give verdicts and
    reopen them; admins set roles. The first user to act on a new database becomes
    admin, anyone else starts as reporter. Every change is kept as an event.

    Each change carries the review version it was based on; if someone changed the
    claim in between, the command fails and names them instead of overwriting.
    """


@review.command()
@click.option("--mine", is_flag=True, help="Only claims assigned to you (--user).")
@click.option(
    "--status",
    "statuses",
    multiple=True,
    type=click.Choice([*REVIEW_STATUSES, "all"]),
    help="Only claims in this status; repeat for several. Default: unreviewed and in_progress.",
)
@click.option("--limit", type=click.IntRange(min=1), help="Show at most this many claims.")
@json_option
@click.pass_obj
def queue(
    app: AppContext, mine: bool, statuses: tuple[str, ...], limit: int | None, as_json: bool
) -> None:
    """Claims to review, riskiest first.

    Contradicted claims and single-partisan-source figures come first, then claims
    repeated by more documents, then older claims.
    """
    chosen = REVIEW_STATUSES if "all" in statuses else (statuses or rv.OPEN_STATUSES)
    with session_scope(app.engine) as session:
        items = rv.review_queue(
            session=session, statuses=chosen, assignee=app.user if mine else None, limit=limit
        )
    if as_json:
        echo_json(
            [
                {
                    "id": i.claim_id,
                    "text": i.text,
                    "status": i.status,
                    "assignee": i.assignee,
                    "version": i.version,
                    "risk": i.risk,
                    "flags": i.flags,
                    "documents": i.documents,
                    "independent_origins": i.independent_origins,
                    "has_figures": i.has_figures,
                    "created_at": i.created_at,
                }
                for i in items
            ]
        )
        return
    rows = [
        (
            i.claim_id,
            i.status,
            i.assignee or "",
            ", ".join(i.risk),
            i.documents,
            i.independent_origins,
            i.version,
            shorten(i.text, 60),
        )
        for i in items
    ]
    headers = ("id", "status", "assignee", "risk", "docs", "origins", "version", "claim")
    echo_table(rows, headers, empty="No claims to review.")


@review.command()
@claim_argument
@click.option("--to", "to", required=True, metavar="USER", help="Who should review the claim.")
@expect_option
@json_option
@click.pass_obj
def assign(
    app: AppContext, claim_id: int, to: str, expect_version: int | None, as_json: bool
) -> None:
    """Assign claim ID to a reviewer (editors)."""
    _act(app, as_json, rv.assign, claim_id, to=to, expected_version=expect_version)


@review.command()
@claim_argument
@expect_option
@json_option
@click.pass_obj
def start(app: AppContext, claim_id: int, expect_version: int | None, as_json: bool) -> None:
    """Start reviewing claim ID: unreviewed → in_progress (takes it if unassigned)."""
    _act(app, as_json, rv.start_review, claim_id, expected_version=expect_version)


@review.command()
@claim_argument
@click.argument("status", metavar="STATUS", type=click.Choice(VERDICTS))
@click.option("--note", required=True, help="Why: required, shown in the audit trail.")
@evidence_option
@expect_option
@json_option
@click.pass_obj
def verdict(
    app: AppContext,
    claim_id: int,
    status: str,
    note: str,
    evidence: tuple[str, ...],
    expect_version: int | None,
    as_json: bool,
) -> None:
    """Give claim ID a verdict (editors): verified, false, misleading, unverifiable, not_applicable."""
    _act(
        app,
        as_json,
        rv.give_verdict,
        claim_id,
        status,
        note=note,
        evidence=evidence,
        expected_version=expect_version,
    )


@review.command()
@claim_argument
@click.argument("text")
@evidence_option
@expect_option
@json_option
@click.pass_obj
def note(
    app: AppContext,
    claim_id: int,
    text: str,
    evidence: tuple[str, ...],
    expect_version: int | None,
    as_json: bool,
) -> None:
    """Add a note (and evidence URLs) to claim ID, in any status."""
    _act(
        app,
        as_json,
        rv.add_note,
        claim_id,
        text,
        evidence=evidence,
        expected_version=expect_version,
    )


@review.command()
@claim_argument
@click.option("--note", required=True, help="Why the verdict is reopened: required.")
@evidence_option
@expect_option
@json_option
@click.pass_obj
def reopen(
    app: AppContext,
    claim_id: int,
    note: str,
    evidence: tuple[str, ...],
    expect_version: int | None,
    as_json: bool,
) -> None:
    """Reopen the verdict on claim ID (editors): back to in_progress."""
    _act(
        app,
        as_json,
        rv.reopen,
        claim_id,
        note=note,
        evidence=evidence,
        expected_version=expect_version,
    )


@review.command()
@claim_argument
@json_option
@click.pass_obj
def history(app: AppContext, claim_id: int, as_json: bool) -> None:
    """The audit trail of claim ID, oldest first, with its current state and version."""
    with session_scope(app.engine) as session:
        state = rv.current_review(claim_id, session=session)
        events = rv.history(claim_id, session=session)
    status, assignee, version = state.status, state.assignee, state.version
    if as_json:
        echo_json(
            {
                "claim_id": claim_id,
                "status": status,
                "assignee": assignee,
                "version": version,
                "events": [event_dict(e) for e in events],
            }
        )
        return
    held = f", assigned to {assignee}" if assignee else ""
    click.echo(f"Claim {claim_id}: {status}{held} (version {version})")
    rows = [
        (
            e.version,
            rv.iso_seconds(e.at),
            e.user,
            e.action,
            e.from_status if e.from_status == e.to_status else f"{e.from_status} → {e.to_status}",
            e.assignee or "",
            shorten(e.note, 50),
            e.evidence,
        )
        for e in events
    ]
    headers = ("version", "at", "user", "action", "status", "assignee", "note", "evidence")
    echo_table(rows, headers, empty="No review events yet.")


@review.command()
@click.argument("name", metavar="USER")
@click.argument("role", metavar="ROLE", type=click.Choice(ROLES))
@click.pass_obj
def role(app: AppContext, name: str, role: str) -> None:
    """Give USER a role: reporter, editor or admin (admins only)."""
    with session_scope(app.engine) as session:
        user = rv.set_role(name, role, by=app.user, session=session)
    click.echo(f"{user.name} is now {'an' if user.role[0] in 'aeiou' else 'a'} {user.role}.")


@review.command()
@json_option
@click.pass_obj
def users(app: AppContext, as_json: bool) -> None:
    """Everyone who has acted on reviews, with their role."""
    with session_scope(app.engine) as session:
        found = rv.list_users(session=session)
    if as_json:
        echo_json([_user_dict(u) for u in found])
        return
    rows = [(u.name, u.role, rv.iso_seconds(u.created_at)) for u in found]
    echo_table(rows, ("user", "role", "since"), empty="No users yet.")

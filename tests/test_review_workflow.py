"""The review workflow library: roles, transitions, the event log and the optimistic check."""

from __future__ import annotations

import pytest
import sqlalchemy
from sqlmodel import Session, select

from factcheck import db as dbmod
from factcheck import review as rv
from factcheck.errors import Conflict, FactcheckError, NotFound, PermissionDenied, UsageProblem
from factcheck.models import Claim, Review, ReviewEvent, User


def make_claims(session: Session, count: int = 2) -> list[int]:
    claims = [Claim(text=f"Test claim number {n}", key=f"test claim {n}") for n in range(count)]
    session.add_all(claims)
    session.commit()
    return [c.id for c in claims]  # type: ignore[misc]


@pytest.fixture
def claims(session: Session) -> list[int]:
    return make_claims(session)


@pytest.fixture
def staff(session: Session, claims: list[int]) -> None:
    """ada is admin (first to act), eve an editor, rob a reporter."""
    rv.ensure_user("ada", session=session)
    rv.set_role("eve", "editor", by="ada", session=session)
    rv.ensure_user("rob", session=session)
    session.commit()


def assert_log_consistent(session: Session, claim_id: int) -> None:
    events = rv.history(claim_id, session=session)
    assert [e.version for e in events] == list(range(1, len(events) + 1))
    state = rv.review_state(claim_id, session=session)
    assert state is not None and state.version == len(events)
    assert state.status == events[-1].to_status


# --- users and roles ---------------------------------------------------------------


def test_first_user_is_admin_later_users_are_reporters(session, claims):
    assert rv.ensure_user("first", session=session).role == "admin"
    assert rv.ensure_user("second", session=session).role == "reporter"
    assert rv.ensure_user("first", session=session).role == "admin"
    assert [(u.name, u.role) for u in rv.list_users(session=session)] == [
        ("first", "admin"),
        ("second", "reporter"),
    ]


def test_first_action_creates_the_acting_user(session, claims):
    rv.start_review(claims[0], by="newcomer", session=session)
    assert session.get(User, "newcomer").role == "admin"
    rv.add_note(claims[0], "looking", by="other", session=session)
    assert session.get(User, "other").role == "reporter"


def test_user_names_must_be_clean(session, claims):
    for bad in ("", "  ", " ana", "ana\n"):
        with pytest.raises(UsageProblem, match="invalid user name"):
            rv.start_review(claims[0], by=bad, session=session)
    assert rv.list_users(session=session) == []


def test_only_admins_change_roles(session, staff):
    with pytest.raises(PermissionDenied, match=r"^eve is a editor; only admins can change roles$"):
        rv.set_role("rob", "editor", by="eve", session=session)
    assert rv.set_role("rob", "editor", by="ada", session=session).role == "editor"
    with pytest.raises(UsageProblem, match="unknown role"):
        rv.set_role("rob", "chief", by="ada", session=session)


def test_last_admin_cannot_step_down(session, staff):
    with pytest.raises(FactcheckError, match="last admin"):
        rv.set_role("ada", "editor", by="ada", session=session)
    rv.set_role("eve", "admin", by="ada", session=session)
    assert rv.set_role("ada", "editor", by="ada", session=session).role == "editor"


# --- transitions and permissions -----------------------------------------------------


def test_full_review_cycle_is_logged_event_by_event(session, staff, claims):
    cid = claims[0]
    assert rv.review_state(cid, session=session) is None
    assert rv.history(cid, session=session) == []

    e1 = rv.start_review(cid, by="rob", session=session)
    assert (e1.version, e1.action, e1.from_status, e1.to_status, e1.assignee) == (
        1,
        "start",
        "unreviewed",
        "in_progress",
        "rob",
    )
    e2 = rv.assign(cid, to="eve", by="ada", session=session)
    assert (e2.version, e2.to_status, e2.assignee) == (2, "in_progress", "eve")
    e3 = rv.add_note(
        cid,
        "  The ministry page shows a different total.  ",
        evidence=["https://example.org/a", "http://example.org/b"],
        by="rob",
        session=session,
    )
    assert e3.note == "The ministry page shows a different total."
    assert e3.evidence == "https://example.org/a\nhttp://example.org/b"
    e4 = rv.give_verdict(cid, "misleading", note="Total is cumulative.", by="eve", session=session)
    assert (e4.from_status, e4.to_status, e4.user) == ("in_progress", "misleading", "eve")
    e5 = rv.reopen(cid, note="New figures published.", by="ada", session=session)
    assert (e5.from_status, e5.to_status, e5.version) == ("misleading", "in_progress", 5)
    session.commit()

    state = rv.review_state(cid, session=session)
    assert (state.status, state.assignee, state.version, state.updated_by) == (
        "in_progress",
        "eve",
        5,
        "ada",
    )
    assert [e.action for e in rv.history(cid, session=session)] == [
        "start",
        "assign",
        "note",
        "verdict",
        "reopen",
    ]
    assert_log_consistent(session, cid)
    # the other claim is untouched
    assert rv.review_state(claims[1], session=session) is None


def test_reporter_cannot_give_verdicts_assign_or_reopen(session, staff, claims):
    cid = claims[0]
    rv.start_review(cid, by="rob", session=session)
    with pytest.raises(PermissionDenied) as denied:
        rv.give_verdict(cid, "false", note="Wrong.", by="rob", session=session)
    assert str(denied.value) == "rob is a reporter; only editors can give verdicts"
    with pytest.raises(
        PermissionDenied, match="^rob is a reporter; only editors can assign reviews$"
    ):
        rv.assign(cid, to="rob", by="rob", session=session)
    rv.give_verdict(cid, "false", note="Wrong.", by="eve", session=session)
    with pytest.raises(
        PermissionDenied, match="^rob is a reporter; only editors can reopen reviews$"
    ):
        rv.reopen(cid, note="Please look again.", by="rob", session=session)
    # a reporter may still comment on a closed review
    assert rv.add_note(cid, "Agree.", by="rob", session=session).to_status == "false"
    assert_log_consistent(session, cid)


def test_a_verdict_needs_a_note_and_a_known_status(session, staff, claims):
    for empty in ("", "   \n"):
        with pytest.raises(UsageProblem, match="a verdict needs a non-empty note"):
            rv.give_verdict(claims[0], "verified", note=empty, by="eve", session=session)
    with pytest.raises(UsageProblem, match="unknown verdict 'in_progress'"):
        rv.give_verdict(claims[0], "in_progress", note="x", by="eve", session=session)
    with pytest.raises(UsageProblem, match="reopening needs a non-empty note"):
        rv.reopen(claims[0], note=" ", by="eve", session=session)
    with pytest.raises(UsageProblem, match="a note must not be empty"):
        rv.add_note(claims[0], "", by="eve", session=session)
    assert rv.history(claims[0], session=session) == []


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.org/file",
        "javascript:alert(1)",
        "example.org/page",
        "http://",
        "https:///path-only",
        "http://exa mple.org/",
        "",
        "http://[::1",
    ],
)
def test_evidence_must_be_http_urls(session, staff, claims, url):
    with pytest.raises(UsageProblem, match="evidence must be an http\\(s\\) URL"):
        rv.add_note(claims[0], "See link.", evidence=[url], by="rob", session=session)
    assert rv.history(claims[0], session=session) == []


def test_evidence_is_kept_in_order_without_repeats():
    urls = ["HTTPS://Example.org/x ", "http://a.example/y?q=1#f", "https://Example.org/x"]
    assert rv.check_evidence(urls) == (
        "HTTPS://Example.org/x",
        "http://a.example/y?q=1#f",
        "https://Example.org/x",
    )
    assert rv.check_evidence(["http://a.example/", "http://a.example/"]) == ("http://a.example/",)


def test_transitions_that_do_not_apply_are_refused(session, staff, claims):
    cid = claims[0]
    with pytest.raises(rv.InvalidTransition, match="only verdicts can be reopened"):
        rv.reopen(cid, note="why", by="eve", session=session)
    rv.start_review(cid, by="rob", session=session)
    with pytest.raises(rv.InvalidTransition, match="already in progress"):
        rv.start_review(cid, by="eve", session=session)
    with pytest.raises(rv.InvalidTransition, match="already assigned to rob"):
        rv.assign(cid, to="rob", by="eve", session=session)
    rv.give_verdict(cid, "verified", note="Matches the record.", by="eve", session=session)
    with pytest.raises(
        rv.InvalidTransition, match=r"already has a verdict \(verified\); reopen it first"
    ):
        rv.give_verdict(cid, "false", note="No.", by="eve", session=session)
    with pytest.raises(rv.InvalidTransition, match="reopen it first"):
        rv.start_review(cid, by="eve", session=session)
    with pytest.raises(rv.InvalidTransition, match="reopen it first"):
        rv.assign(cid, to="eve", by="eve", session=session)
    assert len(rv.history(cid, session=session)) == 2
    assert_log_consistent(session, cid)


def test_editor_may_give_a_verdict_on_an_unstarted_claim(session, staff, claims):
    event = rv.give_verdict(claims[1], "unverifiable", note="No record.", by="eve", session=session)
    assert (event.version, event.from_status, event.to_status) == (1, "unreviewed", "unverifiable")


def test_assigning_a_new_name_creates_a_reporter(session, staff, claims):
    rv.assign(claims[0], to="newbie", by="eve", session=session)
    assert session.get(User, "newbie").role == "reporter"
    assert rv.review_state(claims[0], session=session).status == "unreviewed"
    # whoever starts an assigned claim leaves the assignment alone
    assert rv.start_review(claims[0], by="rob", session=session).assignee == "newbie"


def test_unknown_claim_is_not_found(session, staff):
    with pytest.raises(NotFound, match="^no claim 999$"):
        rv.start_review(999, by="rob", session=session)
    with pytest.raises(NotFound):
        rv.current_review(999, session=session)


# --- the optimistic version check ----------------------------------------------------


def test_stale_expected_version_names_who_changed_the_claim(session, staff, claims):
    cid = claims[0]
    rv.start_review(cid, by="rob", session=session)
    note = rv.add_note(cid, "First look.", by="eve", session=session)
    session.commit()
    with pytest.raises(rv.ReviewConflict) as conflict:
        rv.give_verdict(cid, "false", note="Wrong.", by="ada", expected_version=1, session=session)
    stamp = note.at.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert str(conflict.value) == f"claim {cid} was changed by eve at {stamp}; reload and retry"
    assert isinstance(conflict.value, Conflict)
    assert (conflict.value.changed_by, conflict.value.version) == ("eve", 2)
    # with the version actually displayed the same write goes through
    rv.give_verdict(cid, "false", note="Wrong.", by="ada", expected_version=2, session=session)
    assert_log_consistent(session, cid)


def test_expected_version_ahead_of_the_database_is_a_conflict(session, staff, claims):
    with pytest.raises(
        Conflict, match=f"^claim {claims[0]} is at version 0, not 3; reload and retry$"
    ):
        rv.start_review(claims[0], by="rob", expected_version=3, session=session)
    assert rv.start_review(claims[0], by="rob", expected_version=0, session=session).version == 1


def test_the_version_check_happens_in_the_database(migrated_url, monkeypatch):
    """A change committed between our read and our UPDATE is caught by the UPDATE's WHERE."""
    engine = dbmod.make_engine(migrated_url)
    with dbmod.session_scope(engine) as s:
        cid = make_claims(s, 1)[0]
        rv.start_review(cid, by="ada", session=s)  # version 1

    real_read = rv.workflow.current_review

    def read_then_someone_else_writes(claim_id, *, session):
        seen = real_read(claim_id, session=session)
        monkeypatch.setattr(rv.workflow, "current_review", real_read)  # only once
        with dbmod.session_scope(engine) as other:
            rv.add_note(claim_id, "Sneaked in.", by="zed", session=other)
        return seen

    event_inserts: list[str] = []

    @sqlalchemy.event.listens_for(engine, "before_cursor_execute")
    def spy(conn, cursor, statement, *args):
        if statement.startswith("INSERT INTO reviewevent"):
            event_inserts.append(statement)

    monkeypatch.setattr(rv.workflow, "current_review", read_then_someone_else_writes)
    with (
        pytest.raises(rv.ReviewConflict, match=f"^claim {cid} was changed by zed at "),
        dbmod.session_scope(engine) as s,
    ):
        rv.add_note(cid, "Mine.", by="ada", session=s)
    monkeypatch.undo()
    # only zed's event was attempted: the UPDATE refused ours, not the unique backstop
    assert len(event_inserts) == 1

    with dbmod.session_scope(engine) as s:
        assert [e.note for e in rv.history(cid, session=s)] == [None, "Sneaked in."]
        assert_log_consistent(s, cid)
    engine.dispose()


def test_racing_first_writes_on_a_never_reviewed_claim(migrated_url, monkeypatch):
    """Both writers saw no review row; the second creation attempt becomes a conflict."""
    engine = dbmod.make_engine(migrated_url)
    with dbmod.session_scope(engine) as s:
        cid = make_claims(s, 1)[0]
        rv.ensure_user("ada", session=s)

    real_read = rv.workflow.current_review

    def read_then_someone_else_starts(claim_id, *, session):
        seen = real_read(claim_id, session=session)
        monkeypatch.setattr(rv.workflow, "current_review", real_read)  # only once
        with dbmod.session_scope(engine) as other:
            rv.start_review(claim_id, by="zed", session=other)
        return seen

    monkeypatch.setattr(rv.workflow, "current_review", read_then_someone_else_starts)
    with (
        pytest.raises(rv.ReviewConflict, match=f"^claim {cid} was changed by zed at "),
        dbmod.session_scope(engine) as s,
    ):
        rv.start_review(cid, by="ada", session=s)
    monkeypatch.undo()

    with dbmod.session_scope(engine) as s:
        assert [(e.user, e.version) for e in rv.history(cid, session=s)] == [("zed", 1)]
    engine.dispose()


def test_unique_event_version_is_the_backstop(session, staff, claims):
    """An event already holding the next version turns the write into a Conflict, not a duplicate."""
    cid = claims[0]
    rv.start_review(cid, by="rob", session=session)
    session.commit()
    session.add(ReviewEvent(claim_id=cid, version=2, user="intruder", action="note", note="x"))
    session.commit()
    with pytest.raises(rv.ReviewConflict, match=f"^claim {cid} was changed by rob at "):
        rv.add_note(cid, "Mine.", by="eve", session=session)
    session.rollback()
    assert session.get(Review, cid).version == 1
    versions = session.exec(select(ReviewEvent.version).where(ReviewEvent.claim_id == cid)).all()
    assert sorted(versions) == [1, 2]

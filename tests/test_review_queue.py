"""The review queue: open claims, riskiest first."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session

from factcheck import review as rv
from factcheck.errors import UsageProblem
from factcheck.models import Claim, Figure

T0 = datetime(2024, 3, 1, 8, 0, tzinfo=UTC)


def add_claim(
    session: Session,
    name: str,
    *,
    flags: str = "",
    documents: int = 1,
    age_days: int = 0,
    figure: bool = False,
) -> int:
    claim = Claim(
        text=f"Claim {name}",
        key=name,
        flags=flags,
        documents=documents,
        independent_origins=1,
        created_at=T0 - timedelta(days=age_days),
    )
    session.add(claim)
    session.flush()
    if figure:
        session.add(Figure(claim_id=claim.id, value=12.0, label="people"))
    session.commit()
    return claim.id  # type: ignore[return-value]


@pytest.fixture
def corpus(session: Session) -> dict[str, int]:
    """Claims whose names say where the queue must put them."""
    return {
        "plain_many_docs": add_claim(session, "plain_many_docs", documents=7),
        "plain_old": add_claim(session, "plain_old", documents=2, age_days=5),
        "plain_new": add_claim(session, "plain_new", documents=2, age_days=1),
        # partisan but without a figure: not a risky figure, ranked like any other claim
        "partisan_no_figure": add_claim(
            session, "partisan_no_figure", flags="single_source,single_partisan_source", documents=3
        ),
        "partisan_figure": add_claim(
            session,
            "partisan_figure",
            flags="single_source,single_partisan_source",
            documents=2,
            figure=True,
        ),
        "contradicted": add_claim(
            session, "contradicted", flags="contradicted, hedged", documents=4
        ),
        "contradicted_old": add_claim(
            session, "contradicted_old", flags="contradicted", documents=4, age_days=3
        ),
        # a flag name that merely contains "contradicted" must not count
        "lookalike": add_claim(session, "lookalike", flags="not_contradicted_really", documents=1),
    }


def names(items: list[rv.QueueItem], corpus: dict[str, int]) -> list[str]:
    by_id = {v: k for k, v in corpus.items()}
    return [by_id[i.claim_id] for i in items]


def test_queue_puts_risky_claims_first_then_documents_then_age(session, corpus):
    items = rv.review_queue(session=session)
    assert names(items, corpus) == [
        "contradicted_old",
        "contradicted",
        "partisan_figure",
        "plain_many_docs",
        "partisan_no_figure",
        "plain_old",
        "plain_new",
        "lookalike",
    ]
    first = items[0]
    assert first.risk == ("contradicted",)
    assert first.status == "unreviewed" and first.version == 0 and first.assignee is None
    partisan = next(i for i in items if i.claim_id == corpus["partisan_figure"])
    assert partisan.risk == ("single_partisan_source",) and partisan.has_figures
    unflagged = next(i for i in items if i.claim_id == corpus["partisan_no_figure"])
    assert unflagged.risk == () and not unflagged.has_figures
    assert unflagged.flags == ("single_source", "single_partisan_source")


def test_queue_shows_open_claims_by_default_and_filters_by_status(session, corpus):
    rv.start_review(corpus["contradicted_old"], by="ada", session=session)
    rv.give_verdict(corpus["contradicted"], "false", note="Wrong.", by="ada", session=session)
    session.commit()
    open_items = rv.review_queue(session=session)
    assert corpus["contradicted"] not in [i.claim_id for i in open_items]
    assert open_items[0].claim_id == corpus["contradicted_old"]
    assert open_items[0].status == "in_progress" and open_items[0].version == 1

    done = rv.review_queue(session=session, statuses=["false"])
    assert [i.claim_id for i in done] == [corpus["contradicted"]]
    started = rv.review_queue(session=session, statuses=["in_progress"])
    assert [i.claim_id for i in started] == [corpus["contradicted_old"]]
    assert len(rv.review_queue(session=session, statuses=["unreviewed"])) == 6
    with pytest.raises(UsageProblem, match="unknown status 'done'"):
        rv.review_queue(session=session, statuses=["done"])


def test_queue_mine_and_limit(session, corpus):
    rv.ensure_user("ada", session=session)
    rv.assign(corpus["plain_new"], to="bo", by="ada", session=session)
    rv.assign(corpus["lookalike"], to="bo", by="ada", session=session)
    rv.assign(corpus["plain_old"], to="cy", by="ada", session=session)
    session.commit()
    mine = rv.review_queue(session=session, assignee="bo")
    assert names(mine, corpus) == ["plain_new", "lookalike"]
    assert [i.assignee for i in mine] == ["bo", "bo"]
    assert rv.review_queue(session=session, assignee="nobody") == []
    assert len(rv.review_queue(session=session, limit=3)) == 3

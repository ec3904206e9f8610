"""Manual decisions win: confirmed and rejected links, source merges and reviews survive xref."""

from __future__ import annotations

import pytest
from sqlmodel import select
from xref_ledger import Ledger, World, claim_of, flags, links_between, report

from factcheck.errors import NotFound, UsageProblem
from factcheck.models import Claim, ClaimLink, Review, Source
from factcheck.sources.registry import merge_sources
from factcheck.xref import xref_all
from factcheck.xref.browse import decide_link

NINE = [(9, "injured", "exact", "Nine people")]
FIFTEEN = [(15, "injured", "exact", "15 people")]


@pytest.fixture
def L(session):
    return Ledger(session)


@pytest.fixture
def w(L):
    return World(L)


def _conflict(L, w):
    a = report(
        L,
        "Nine people were injured in Kharkiv",
        chain=[w.kharkiv_admin],
        outlet=w.outlets[0],
        figures=NINE,
    )
    b = report(
        L, "15 people were injured in Kharkiv", chain=[w.un], outlet=w.outlets[1], figures=FIFTEEN
    )
    return a, b


def test_a_rejected_contradiction_stays_rejected(session, L, w):
    a, b = _conflict(L, w)
    xref_all(session=session)
    ca, cb = claim_of(session, a), claim_of(session, b)
    assert "contradicted" in flags(ca)
    decide_link(cb.id, ca.id, "contradicts", confirm=False, user="editor", session=session)
    assert "contradicted" not in flags(claim_of(session, a))
    for _ in range(2):
        xref_all(session=session)
        rows = session.exec(select(ClaimLink).where(ClaimLink.kind == "contradicts")).all()
        assert [(r.status, r.method, r.decided_by) for r in rows] == [
            ("rejected", "manual", "editor")
        ]
        assert "contradicted" not in flags(claim_of(session, a))


def test_a_confirmed_link_stays_and_counts(session, L, w):
    a = report(
        L, "A fuel depot near Bryansk was hit overnight", chain=[w.ru_mod], outlet=w.outlets[0]
    )
    b = report(
        L, "Drones set fire to oil tanks in the Bryansk region", chain=[w.un], outlet=w.outlets[1]
    )
    xref_all(session=session)
    ca, cb = claim_of(session, a), claim_of(session, b)
    assert links_between(session, ca, cb) == {}
    decide_link(ca.id, cb.id, "corroborates", confirm=True, user="editor", session=session)
    for _ in range(2):
        xref_all(session=session)
        link = links_between(session, ca, cb)["corroborates"]
        assert (link.status, link.method) == ("confirmed", "manual")
        assert claim_of(session, a).independent_origins == 2
        assert "single_source" not in flags(claim_of(session, a))


def test_a_rejected_link_keeps_identical_sentences_apart(session, L, w):
    content = "A fuel depot near Bryansk was hit overnight"
    a = report(L, content, chain=[w.ru_mod], outlet=w.outlets[0])
    b = report(L, content, chain=[w.un], outlet=w.outlets[1])
    decide_link(
        claim_of(session, a).id,
        claim_of(session, b).id,
        "repeats",
        confirm=False,
        user="ed",
        session=session,
    )
    xref_all(session=session)
    xref_all(session=session)
    assert claim_of(session, a).id != claim_of(session, b).id


def test_a_source_merge_survives_xref(session, L, w):
    spokesman = L.source("Ministry spokesman Ivan Petrenko", kind="official", side="UA")
    fig = [(4, "killed", "exact", "Four people")]
    a = report(
        L,
        "Four people were killed in Sumy",
        chain=[w.kharkiv_admin],
        outlet=w.outlets[0],
        figures=fig,
    )
    b = report(L, "Four people died in Sumy", chain=[spokesman], outlet=w.outlets[1], figures=fig)
    xref_all(session=session)
    assert set(links_between(session, claim_of(session, a), claim_of(session, b))) == {
        "corroborates"
    }
    merge_sources(w.kharkiv_admin, spokesman, session=session)
    for _ in range(2):
        xref_all(session=session)
        ca, cb = claim_of(session, a), claim_of(session, b)
        assert set(links_between(session, ca, cb)) == {"repeats"}
        assert ca.independent_origins == 1
        session.expire_all()
        assert session.get(Source, spokesman.id).merged_into_id == w.kharkiv_admin.id


def test_a_decision_moves_with_a_merged_claim(session, L, w):
    content = "A fuel depot near Bryansk was hit overnight"
    a = report(L, content, chain=[w.ru_mod], outlet=w.outlets[0])
    other = report(
        L,
        "Ukraine denied any involvement in the fire",
        chain=[w.general_staff],
        outlet=w.outlets[2],
    )
    b = report(L, content, chain=[w.un], outlet=w.outlets[1])
    cb, co = claim_of(session, b), claim_of(session, other)
    decide_link(cb.id, co.id, "contradicts", confirm=True, user="editor", session=session)
    xref_all(session=session)
    survivor = claim_of(session, a)
    assert claim_of(session, b).id == survivor.id
    link = links_between(session, survivor, co)["contradicts"]
    assert (link.status, link.decided_by) == ("confirmed", "editor")
    assert "contradicted" in flags(survivor)


def test_a_reviewed_claim_is_never_merged_away(session, L, w):
    content = "A fuel depot near Bryansk was hit overnight"
    a = report(L, content, chain=[w.ru_mod], outlet=w.outlets[0])
    b = report(L, content, chain=[w.un], outlet=w.outlets[1])
    reviewed = claim_of(session, b)
    session.add(Review(claim_id=reviewed.id, status="in_progress", assignee="ana", version=1))
    session.flush()
    xref_all(session=session)
    assert claim_of(session, a).id == reviewed.id
    assert session.get(Review, reviewed.id).status == "in_progress"
    assert len(session.exec(select(Claim)).all()) == 1  # both reports fold into the reviewed claim


def test_decide_link_checks_its_arguments(session, L, w):
    a, b = _conflict(L, w)
    ca = claim_of(session, a)
    with pytest.raises(NotFound):
        decide_link(ca.id, 999_999, "contradicts", confirm=True, user="x", session=session)
    with pytest.raises(UsageProblem):
        decide_link(ca.id, ca.id, "contradicts", confirm=True, user="x", session=session)
    with pytest.raises(UsageProblem):
        decide_link(
            ca.id, claim_of(session, b).id, "agrees", confirm=True, user="x", session=session
        )

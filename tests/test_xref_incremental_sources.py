"""A source that gains a parent, side or kind after its claims were cross-referenced:
`xref_documents(…, sources=[id])` judges those claims again, as a full run would."""

from __future__ import annotations

from xref_ledger import Ledger, World, claim_of, links_between, report, snapshot

from factcheck.models import Source
from factcheck.xref import xref_all, xref_documents

DRONES = [(12, "drones", "exact", "12 drones")]


def _ledger(session):  # type: ignore[no-untyped-def]
    L = Ledger(session)
    w = World(L)
    aide = L.source("Petro Dubois", kind="official")  # whose aide: not known yet
    deputy = L.source("Olena Hansen", kind="official", parent=aide)
    o = w.outlets
    a = report(L, "12 drones were shot down over Belgorod", chain=[aide], outlet=o[0],
               figures=DRONES)  # fmt: skip
    b = report(L, "12 drones were downed over Belgorod overnight", chain=[w.kremlin], outlet=o[1],
               figures=DRONES)  # fmt: skip
    c = report(L, "20 drones were shot down over Belgorod", chain=[deputy], outlet=o[2],
               published="2024-11-09T09:00:00", figures=[(20, "drones", "exact", "20 drones")])  # fmt: skip
    return w, aide, (a, b, c)


def test_claims_of_a_source_that_gained_a_parent_are_judged_again(session):
    w, aide, (a, b, c) = _ledger(session)
    xref_all(session=session)
    assert set(links_between(session, claim_of(session, a), claim_of(session, b))) == {
        "corroborates"
    }
    # A later report names the aide's organisation: storing fills in the parent.
    source = session.get(Source, aide.id)
    source.parent_id = w.kremlin.id
    session.add(source)
    session.flush()
    xref_documents([], session=session, sources=[aide.id])
    incremental = snapshot(session)
    ca, cb, cc = (claim_of(session, x) for x in (a, b, c))
    # one organisation now: agreement repeats, and the deputy's later count updates the
    # aide's (the same origin's series) instead of contradicting the Kremlin's
    assert set(links_between(session, ca, cb)) == {"repeats"}
    assert ca.independent_origins == 1 and "single_source" in ca.flags
    assert set(links_between(session, cc, cb)) == {"updates"}
    assert "contradicts" not in links_between(session, cc, ca)
    xref_all(session=session)
    assert snapshot(session) == incremental

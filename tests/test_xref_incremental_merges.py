"""Incremental runs where a new sentence folds into a stored claim, or completes a sum,
give the links a full run makes (found in a review of the text-candidate filter).

A stored claim that absorbs a new sentence has its links redone, so its own partners
must be in the run: the text candidates are checked against its text too (a claim with
the same key can name other places: the key ignores punctuation, the place finder does
not), and the claims it is linked to are loaded whatever their dates.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlmodel import Session
from xref_ledger import Ledger, World, report, snapshot, wipe

from factcheck.xref import xref_all, xref_documents


def _texts(session: Session, texts: list[tuple[str, str]], after_each: Callable[[int], None]):  # type: ignore[no-untyped-def]
    L = Ledger(session)
    w = World(L)
    chains = [w.un, w.emergency, w.kharkiv_admin, w.odesa_admin]
    for i, (content, published) in enumerate(texts):
        att = report(
            L, content, chain=[chains[i % len(chains)]], outlet=w.outlets[i], published=published
        )
        after_each(att.document_id)


def _sums(session: Session, after_each: Callable[[int], None]) -> None:
    """A whole on day 3, one part on day 6, the other (stored last) on day 0."""
    L = Ledger(session)
    w = World(L)
    steps = [
        ("34 people were injured in Odesa and Kherson", w.un, "2024-11-11T09:00:00", 34),
        ("25 people were injured in Odesa", w.odesa_admin, "2024-11-14T09:00:00", 25),
        ("9 people were injured in Kherson", w.emergency, "2024-11-08T09:00:00", 9),
    ]
    for i, (content, origin, published, n) in enumerate(steps):
        att = report(
            L, content, chain=[origin], outlet=w.outlets[i], published=published,
            figures=[(n, "injured", "exact", f"{n} people")],
        )  # fmt: skip
        after_each(att.document_id)


def _incremental_and_full(session: Session, scenario: Callable[..., None], *args: object):  # type: ignore[no-untyped-def]
    scenario(session, *args, lambda doc_id: xref_documents([doc_id], session=session))
    incremental = snapshot(session)
    wipe(session)
    scenario(session, *args, lambda doc_id: None)
    xref_all(session=session)
    return incremental, snapshot(session)


def _assert_same(incremental, full) -> None:  # type: ignore[no-untyped-def]
    assert sorted(map(repr, incremental["links"])) == sorted(map(repr, full["links"]))
    assert incremental["claims"] == full["claims"]


FOLDING = {
    # the same key as the first sentence, but "Zorivka" after a colon is not read as a place
    "same key, other places": [
        ("Officials said Zorivka was hit by drones and the bakery burned", "2024-11-08T09:00:00"),
        ("The bakery burned and Zorivka was hit by drones, officials said", "2024-11-08T10:00:00"),
        ("Officials said: Zorivka was hit by drones and the bakery burned", "2024-11-08T11:00:00"),
    ],
    # the claim folded into is linked to a claim ten months before the new sentence
    "same key, long after": [
        ("Officials said Zorivka was hit by drones and the bakery burned", "2024-01-08T09:00:00"),
        ("The bakery burned and Zorivka was hit by drones, officials said", "2024-01-08T10:00:00"),
        ("Officials said Zorivka was hit by drones and the bakery burned", "2024-11-08T11:00:00"),
    ],
    # a near-identical sentence folds into a claim linked to one four weeks before it
    "near-identical, partner outside the window": [
        ("Officials said Zorivka was hit by drones and the old bakery burned down", "2024-11-01T09:00:00"),
        ("The old bakery burned down and Zorivka was hit by drones, officials said", "2024-10-18T10:00:00"),
        ("Officials said Zorivka was hit by drones and the old bakery burned", "2024-11-15T11:00:00"),
    ],
}  # fmt: skip


@pytest.mark.parametrize("texts", list(FOLDING.values()), ids=list(FOLDING))
def test_a_sentence_folding_into_a_stored_claim_keeps_that_claims_links(session, texts):
    inc, full = _incremental_and_full(session, _texts, texts)
    _assert_same(inc, full)
    assert full["links"]


def test_a_part_brings_in_the_other_parts_of_a_whole_beyond_its_own_window(session):
    inc, full = _incremental_and_full(session, _sums)
    _assert_same(inc, full)
    assert any("9 + 25 = 34" in repr(link) for link in full["links"])

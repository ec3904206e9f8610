"""Claim flags (DESIGN §3) and the partisan rule."""

from __future__ import annotations

import pytest
from xref_ledger import Ledger, World, claim_of, flags, report

from factcheck.xref import xref_all

LOSSES = [(705880, "troops", "exact", "705,880 troops")]


@pytest.fixture
def L(session):
    return Ledger(session)


@pytest.fixture
def w(L):
    return World(L)


def test_official_source_of_a_party_is_partisan_on_a_claim_about_the_dispute(session, L, w):
    a = report(L, "Russia has lost 705,880 troops in the war in Ukraine", chain=[w.general_staff],
               outlet=w.outlets[0], figures=LOSSES)  # fmt: skip
    b = report(L, "Russian losses have reached 705,880 troops", chain=[w.air_force], outlet=w.outlets[1],
               figures=LOSSES)  # fmt: skip
    xref_all(session=session)
    ca = claim_of(session, a)
    assert {"single_source", "single_partisan_source"} <= flags(ca)
    assert "single_partisan_source" in flags(claim_of(session, b))  # mentions a party by demonym


def test_independent_media_of_a_party_are_not_partisan(session, L, w):
    a = report(L, "Russia has lost 705,880 troops in the war in Ukraine", chain=[w.kyiv_independent],
               outlet=w.outlets[0], figures=LOSSES)  # fmt: skip
    xref_all(session=session)
    c = claim_of(session, a)
    assert "single_source" in flags(c) and "single_partisan_source" not in flags(c)


def test_claims_not_about_the_dispute_are_not_partisan(session, L, w):
    a = report(L, "The new bridge over the river will open in spring", chain=[w.general_staff],
               outlet=w.outlets[0])  # fmt: skip
    xref_all(session=session)
    assert "single_partisan_source" not in flags(claim_of(session, a))


def test_partisan_sources_of_both_sides_are_not_a_single_partisan_source(session, L, w):
    a = report(L, "Russia has lost 705,880 troops in the war in Ukraine", chain=[w.general_staff],
               outlet=w.outlets[0], figures=LOSSES)  # fmt: skip
    report(L, "Russia has lost about 700,000 troops in the war in Ukraine", chain=[w.kremlin],
               outlet=w.outlets[1], figures=[(700000, "troops", "about", "about 700,000 troops")])  # fmt: skip
    xref_all(session=session)
    ca = claim_of(session, a)
    assert ca.independent_origins == 2
    assert not {"single_source", "single_partisan_source"} & flags(ca)


def test_hand_set_partisan_mark_overrides_the_rule(session, L, w):
    w.general_staff.partisan = False  # a person decided: not partisan here
    blogger = L.source("Frontline Blogger", kind="social_media", side="RU", partisan=True)
    session.add(w.general_staff)
    a = report(L, "Russia has lost 705,880 troops in the war in Ukraine", chain=[w.general_staff],
               outlet=w.outlets[0], figures=LOSSES)  # fmt: skip
    b = report(L, "Ukraine lost 40 tanks near Pokrovsk this week", chain=[blogger], outlet=w.outlets[1],
               figures=[(40, "tanks", "exact", "40 tanks")])  # fmt: skip
    xref_all(session=session)
    assert "single_partisan_source" not in flags(claim_of(session, a))
    assert "single_partisan_source" in flags(claim_of(session, b))


def test_people_speaking_for_an_official_body_are_official(session, L, w):
    a = report(L, "Ukraine lost 40 tanks near Pokrovsk this week", chain=[w.peskov], outlet=w.outlets[0],
               figures=[(40, "tanks", "exact", "40 tanks")])  # fmt: skip
    xref_all(session=session)
    assert "single_partisan_source" in flags(claim_of(session, a))


def test_anonymous_only(session, L, w):
    a = report(L, "Three soldiers were killed in Kupiansk", chain=[w.sources, w.reuters], outlet=w.outlets[0],
               figures=[(3, "killed", "exact", "Three soldiers")])  # fmt: skip
    b = report(L, "Four drones were shot down near Sumy", chain=[w.air_force], outlet=w.outlets[1],
               figures=[(4, "drones destroyed", "exact", "Four drones")])  # fmt: skip
    xref_all(session=session)
    assert "anonymous_only" in flags(claim_of(session, a))
    assert "anonymous_only" not in flags(claim_of(session, b))


def test_unattributed_and_hedged(session, L, w):
    a = report(L, "Musk reportedly joined the call between the two leaders", chain=[], outlet=w.outlets[0],
               kind="unattributed", hedged=True, cue=None)  # fmt: skip
    b = report(
        L, "A fuel depot near Bryansk was hit overnight", chain=[w.ru_mod], outlet=w.outlets[1]
    )
    xref_all(session=session)
    ca, cb = claim_of(session, a), claim_of(session, b)
    assert {"unattributed", "hedged", "single_source"} <= flags(ca)
    assert not {"unattributed", "hedged"} & flags(cb)


def test_hedged_only_when_every_report_hedges(session, L, w):
    content = "A fuel depot near Bryansk was hit overnight"
    a = report(L, content, chain=[w.ru_mod], outlet=w.outlets[0], hedged=True)
    report(L, content, chain=[w.un], outlet=w.outlets[1])
    xref_all(session=session)
    assert "hedged" not in flags(claim_of(session, a))


def test_contradicted_flag_and_flags_are_sorted(session, L, w):
    a = report(L, "Nine people were injured in Kharkiv", chain=[w.kharkiv_admin], outlet=w.outlets[0],
               figures=[(9, "injured", "exact", "Nine people")])  # fmt: skip
    report(L, "15 people were injured in Kharkiv", chain=[w.un], outlet=w.outlets[1],
           figures=[(15, "injured", "exact", "15 people")])  # fmt: skip
    xref_all(session=session)
    claim = claim_of(session, a)
    assert "contradicted" in flags(claim)
    assert claim.flags.split(",") == sorted(claim.flags.split(","))

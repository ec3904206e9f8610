"""`factcheck xref` and `factcheck claims list|find|show|contradictions|partisan|link`."""

from __future__ import annotations

import json

import pytest
from sqlmodel import Session
from xref_ledger import Ledger, World, claim_of, report

from factcheck import db as dbmod


@pytest.fixture
def ids(migrated_url):
    """Two reports that contradict each other, one partisan tally, and an agreeing report."""
    engine = dbmod.make_engine(migrated_url)
    with Session(engine, expire_on_commit=False) as session:
        L = Ledger(session)
        w = World(L)
        a = report(L, "Nine people were injured in Kharkiv", chain=[w.kharkiv_admin], outlet=w.outlets[0],
                   figures=[(9, "injured", "exact", "Nine people")])  # fmt: skip
        b = report(L, "15 people were injured in Kharkiv", chain=[w.un], outlet=w.outlets[1],
                   figures=[(15, "injured", "exact", "15 people")])  # fmt: skip
        c = report(L, "Russia has lost 705,880 troops in the war in Ukraine", chain=[w.general_staff],
                   outlet=w.outlets[2], figures=[(705880, "troops", "exact", "705,880 troops")])  # fmt: skip
        session.commit()
        out = {
            "a": claim_of(session, a).id,
            "b": claim_of(session, b).id,
            "c": claim_of(session, c).id,
        }
    engine.dispose()
    return out


def test_xref_prints_counts(run, ids):
    r = run("xref")
    assert r.exit_code == 0, r.output
    assert "Cross-referenced 3 documents" in r.output
    assert "contradicts" in r.output and "single_partisan_source" in r.output
    r = run("xref", "--json")
    data = json.loads(r.output)
    # Kharkiv is a Ukrainian city: the regional administration is partisan on it too.
    assert data["links"]["contradicts"] == 1 and data["flags"]["single_partisan_source"] == 2


def test_claims_list_filters_by_flag_and_speaker(run, ids):
    run("xref")
    r = run("claims", "list", "--json")
    assert r.exit_code == 0, r.output
    rows = json.loads(r.output)
    assert {row["id"] for row in rows} == set(ids.values())
    assert {"id", "text", "flags", "independent_origins"} <= set(rows[0])
    r = run("claims", "list", "--flag", "contradicted", "--json")
    assert {row["id"] for row in json.loads(r.output)} == {ids["a"], ids["b"]}
    r = run("claims", "list", "--flag", "single_partisan_source", "--json")
    assert {row["id"] for row in json.loads(r.output)} == {ids["a"], ids["c"]}
    r = run("claims", "list", "--speaker", "General Staff of Ukraine", "--json")
    assert [row["id"] for row in json.loads(r.output)] == [ids["c"]]
    r = run("claims", "list", "--flag", "contradicted")
    assert r.exit_code == 0 and "Nine people were injured in Kharkiv" in r.output
    r = run("claims", "list", "--flag", "nonsense")
    assert r.exit_code == 2


def test_claims_find_matches_text_and_source_names(run, ids):
    run("xref")
    r = run("claims", "find", "troops lost by russia in the war", "--json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)[0]["id"] == ids["c"]
    r = run("claims", "find", "General Staff of Ukraine", "--json")
    assert ids["c"] in {row["id"] for row in json.loads(r.output)}
    r = run("claims", "find", "Kharkiv injured")
    assert r.exit_code == 0 and "Kharkiv" in r.output


def test_claims_show_contradictions_and_partisan(run, ids):
    run("xref")
    r = run("claims", "show", str(ids["a"]))
    assert r.exit_code == 0, r.output
    assert "Nine people were injured in Kharkiv" in r.output and "contradicts" in r.output
    r = run("claims", "contradictions", "--json")
    rows = json.loads(r.output)
    assert [(row["claim"], row["other"]) for row in rows] == [
        (min(ids["a"], ids["b"]), max(ids["a"], ids["b"]))
    ]
    assert "9 vs 15" in rows[0]["why"]
    r = run("claims", "partisan", "--json")
    rows = json.loads(r.output)
    assert sorted((row["id"], row["side"]) for row in rows) == [(ids["a"], "UA"), (ids["c"], "UA")]
    assert [row["figures"][0]["value"] for row in rows if row["id"] == ids["c"]] == [705880]
    r = run("claims", "partisan")
    assert "General Staff of Ukraine" in r.output


def test_claims_link_decisions_survive_xref(run, ids):
    run("xref")
    r = run("claims", "link", str(ids["b"]), str(ids["a"]), "--reject", "contradicts", user="ed")
    assert r.exit_code == 0, r.output
    assert "Rejected contradicts link" in r.output
    run("xref")
    r = run("claims", "contradictions", "--json")
    assert json.loads(r.output) == []
    r = run("claims", "list", "--flag", "contradicted", "--json")
    assert json.loads(r.output) == []
    r = run("claims", "link", str(ids["a"]), str(ids["c"]), "--confirm", "corroborates")
    assert r.exit_code == 0, r.output
    run("xref")
    data = json.loads(run("trace", str(ids["a"]), "--json").output)
    assert [(c["claim"], c["status"]) for c in data["corroborated_by"]] == [(ids["c"], "confirmed")]


def test_claims_link_needs_exactly_one_decision(run, ids):
    r = run("claims", "link", str(ids["a"]), str(ids["b"]))
    assert r.exit_code == 2
    assert "exactly one of --confirm KIND or --reject KIND" in r.output
    r = run("claims", "link", str(ids["a"]), "999999", "--confirm", "repeats")
    assert r.exit_code == 1 and "Error: no claim 999999" in r.output

"""`trace`: the JSON contract of DESIGN §5, the tree on a terminal, and staying within one claim."""

from __future__ import annotations

import json

import pytest
from sqlmodel import Session
from xref_ledger import Ledger, World, claim_of, report

from factcheck import db as dbmod
from factcheck.graph.trace import trace_claim
from factcheck.models import Review
from factcheck.xref import xref_all

LOSSES = [(705880, "troops", "exact", "705,880 troops")]


def _ledger(session: Session) -> dict[str, int]:
    """A figure from the General Staff, relayed by Kyiv Independent and re-published; a rival figure."""
    L = Ledger(session)
    w = World(L)
    content = "Russia has lost 705,880 troops since the start of the war in Ukraine"
    a = report(
        L, content, chain=[w.general_staff, w.kyiv_independent], outlet=w.outlets[0], figures=LOSSES
    )
    report(
        L, content, chain=[w.general_staff, w.kyiv_independent], outlet=w.outlets[1], figures=LOSSES
    )
    b = report(L, "Russia has lost 500,000 troops since the start of the war in Ukraine", chain=[w.un],
               outlet=w.outlets[2], figures=[(500000, "troops", "exact", "500,000 troops")])  # fmt: skip
    c = report(L, "Russian losses have passed 705,000 troops", chain=[w.sources, w.reuters], outlet=w.outlets[3],
               figures=[(705000, "troops", "more_than", "705,000 troops")])  # fmt: skip
    xref_all(session=session)
    ids = {
        "claim": claim_of(session, a).id,
        "rival": claim_of(session, b).id,
        "agrees": claim_of(session, c).id,
    }
    session.add(Review(claim_id=ids["claim"], status="in_progress", assignee="ana", version=1))
    session.commit()
    return ids


def test_trace_json_has_the_contract_keys(session):
    ids = _ledger(session)
    data = trace_claim(ids["claim"], session=session)
    contract = {
        "claim", "attributions", "origins", "independent_origins", "flags",
        "corroborated_by", "contradicted_by", "review",
    }  # fmt: skip
    assert contract <= set(data)
    assert {"id", "text", "figures"} <= set(data["claim"])
    assert (
        data["claim"]["figures"][0]["value"] == 705880
        and data["claim"]["figures"][0]["label"] == "troops"
    )
    assert len(data["attributions"]) == 2
    for att in data["attributions"]:
        assert {"id", "document", "speaker", "kind", "hedged", "chain"} <= set(att)
        assert {"id", "title", "outlet", "published"} <= set(att["document"])
        assert [hop["role"] for hop in att["chain"]] == ["origin", "relay", "publisher"]
        assert att["chain"][0]["source"] == "General Staff of Ukraine"
        assert att["speaker"] == "General Staff of Ukraine"
    origin = data["origins"][0]
    assert {"source", "organisation", "side", "partisan", "anonymous"} <= set(origin)
    assert origin == origin | {
        "source": "General Staff of Ukraine",
        "organisation": "Armed Forces of Ukraine",
        "side": "UA",
        "partisan": True,
        "anonymous": False,
    }
    assert data["independent_origins"] == 2  # own origin + the anonymous sources behind Reuters
    assert "contradicted" in data["flags"] and "single_source" not in data["flags"]
    assert [c["claim"] for c in data["contradicted_by"]] == [ids["rival"]]
    assert {"claim", "why"} <= set(data["contradicted_by"][0]) and "705,880 vs 500,000" in data[
        "contradicted_by"
    ][0]["why"]
    assert [(c["claim"], c["independent"]) for c in data["corroborated_by"]] == [
        (ids["agrees"], True)
    ]
    assert data["review"] == {"status": "in_progress", "assignee": "ana"}
    # The provenance tree shares the origin and relay between the two publishers.
    (root,) = data["provenance"]
    assert root["source"] == "General Staff of Ukraine"
    (relay,) = root["children"]
    assert relay["source"] == "Kyiv Independent" and len(relay["children"]) == 2


def test_unreviewed_claim_and_missing_claim(session):
    ids = _ledger(session)
    assert trace_claim(ids["rival"], session=session)["review"] == {
        "status": "unreviewed",
        "assignee": None,
    }
    from factcheck.errors import NotFound

    with pytest.raises(NotFound):
        trace_claim(10**6, session=session)


def test_trace_queries_only_the_claim_it_traces(session):
    ids = _ledger(session)
    statements: list[str] = []
    from sqlalchemy import event

    def log(conn, cursor, statement, *args):  # type: ignore[no-untyped-def]
        statements.append(statement)

    engine = session.get_bind()
    event.listen(engine, "before_cursor_execute", log)
    try:
        trace_claim(ids["claim"], session=session)
    finally:
        event.remove(engine, "before_cursor_execute", log)
    # Every query on the big tables is filtered (WHERE), none reads them whole.
    for sql in statements:
        lowered = " ".join(sql.lower().split())
        for table in (
            "from document",
            "from attribution",
            "from claim ",
            "from figure",
            "from chainhop",
        ):
            if table in lowered:
                assert " where " in lowered, sql


def _seed(url: str) -> dict[str, int]:
    engine = dbmod.make_engine(url)
    with Session(engine, expire_on_commit=False) as session:
        ids = _ledger(session)
    engine.dispose()
    return ids


def test_trace_command_json_and_tree(run, migrated_url):
    ids = _seed(migrated_url)
    r = run("trace", str(ids["claim"]), "--json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["claim"]["id"] == ids["claim"] and data["independent_origins"] == 2
    assert data["attributions"][0]["document"]["published"].startswith("2024-11-08")
    r = run("trace", str(ids["claim"]))
    assert r.exit_code == 0, r.output
    assert "General Staff of Ukraine [origin]" in r.output
    assert "└── Kyiv Independent [relay]" in r.output
    assert "Contradicted by:" in r.output and "705,880 vs 500,000" in r.output


def test_trace_command_errors(run):
    r = run("trace", "12345")
    assert r.exit_code == 1
    assert r.output.strip() == "Error: no claim 12345"
    r = run("trace", "abc")
    assert r.exit_code == 2

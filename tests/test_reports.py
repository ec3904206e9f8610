"""`factcheck report claim|document|corpus` in every format, on the hand-built ledger."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import event
from sqlmodel import Session
from test_report_ledger import Ledger, build_ledger

from factcheck import db as dbmod
from factcheck.reports import FORMATS, render
from factcheck.reports.claim import build_claim_report
from factcheck.reports.corpus import build_corpus_report
from factcheck.reports.document import build_document_report


@pytest.fixture
def ledger(session: Session) -> Ledger:
    return build_ledger(session)


@pytest.fixture
def cli_ledger(migrated_url: str) -> Ledger:
    """The ledger in the migrated database the `run` fixture talks to."""
    engine = dbmod.make_engine(migrated_url)
    with Session(engine) as session:
        led = build_ledger(session)
    engine.dispose()
    return led


def content_of(segments: list[dict]) -> str:
    return "".join(s["text"] for s in segments if s["mark"] == "content")


# --- the data each report is built from ------------------------------------------


def test_claim_report_data(ledger: Ledger, session: Session) -> None:
    data = build_claim_report(ledger.claims["one_dead"], session=session)
    assert data["report"] == "claim"
    assert data["claim"]["text"] == "One person was killed in an overnight drone attack on Odesa"
    assert [f["label"] for f in data["claim"]["figures"]] == [
        "killed"
    ]  # two attributions, one figure
    assert data["claim"]["figures"][0]["interval"] == "[1, 1]"
    assert set(data["flags"]) >= {"anonymous_only", "contradicted"}
    # every attribution, with its sentence and the claim's span marked at the stored offsets
    assert [a["id"] for a in data["attributions"]] == [
        ledger.attributions["ki"],
        ledger.attributions["indy"],
    ]
    for a in data["attributions"]:
        assert content_of(a["context"]) == a["content"]
        assert a["document"]["link"].startswith("https://")
    indy = data["attributions"][1]
    assert [h["role"] for h in indy["chain"]] == ["origin", "relay", "publisher"]
    assert "citing local officials" in "".join(s["text"] for s in indy["context"])
    # provenance: local officials → Kyiv Independent → The Independent, one node per source
    nodes = {n["source"]: n for n in data["provenance"]["nodes"]}
    assert nodes["local officials"]["column"] == 0 and nodes["local officials"]["anonymous"]
    assert nodes["Kyiv Independent"]["column"] == 1
    assert nodes["The Independent"]["column"] == 2
    assert {(e["from"], e["to"]) for e in data["provenance"]["edges"]} == {
        (nodes["local officials"]["id"], nodes["Kyiv Independent"]["id"]),
        (nodes["Kyiv Independent"]["id"], nodes["The Independent"]["id"]),
    }
    origins = data["origins"]
    assert [o["source"] for o in origins] == ["local officials"] and origins[0]["anonymous"]
    assert data["independent_origins"] == 1
    (contra,) = data["contradicted_by"]
    assert contra["claim"]["id"] == ledger.claims["toll"]
    assert contra["claim"]["text"].startswith("Two people were killed")
    assert contra["why"]
    assert data["review"]["status"] == "false"
    (event_,) = data["review"]["history"]
    assert event_["to"] == "false" and event_["evidence"] == [
        "https://dsns.example/odesa",
        "https://hospital.example/statement",
    ]


def test_claim_report_links(ledger: Ledger, session: Session) -> None:
    data = build_claim_report(ledger.claims["toll"], session=session)
    assert [r["claim"]["id"] for r in data["corroborated_by"]] == [ledger.claims["bodies"]]
    assert data["corroborated_by"][0]["independent"] is True
    assert [r["claim"]["id"] for r in data["updates"]] == [ledger.claims["early"]]
    assert [e["action"] for e in data["review"]["history"]] == ["assign", "start", "verdict"]
    assert data["review"]["status"] == "verified"


def test_document_report_data(ledger: Ledger, session: Session) -> None:
    data = build_document_report(ledger.documents["indy"], session=session)
    statements = data["statements"]
    starts = [s["offsets"]["start"] for s in statements]
    assert starts == sorted(starts) and len(statements) == 2
    assert [s["category"] for s in statements] == ["anonymous", "named"]
    mix = {c["name"]: c["count"] for c in data["mix"]["categories"]}
    assert mix == {"named": 1, "partisan": 0, "anonymous": 1, "unattributed": 0}
    assert data["mix"]["total"] == 2
    # relayed through the Kyiv Independent, an outlet
    (relayed,) = data["relayed"]
    assert relayed["via"] == ["Kyiv Independent"] and relayed["via_outlets"] == ["Kyiv Independent"]
    # both figures rest on one origin, and the first one is carried by another document too
    single = {f["claim"]: f for f in data["single_source_figures"]}
    assert single[ledger.claims["one_dead"]]["elsewhere"] == 1
    assert single[ledger.claims["october"]]["figures"] == ["more than 2,000"]


def test_telling_the_outlet_itself_is_not_a_relay(ledger: Ledger, session: Session) -> None:
    """ "…told The Independent" in The Independent: the outlet is a hop, but nothing came through another."""
    from sqlmodel import select

    from factcheck.models import ChainHop

    hop = session.exec(
        select(ChainHop).where(
            ChainHop.attribution_id == ledger.attributions["isw"], ChainHop.role == "publisher"
        )
    ).one()
    hop.role = "relay"
    session.commit()
    data = build_document_report(ledger.documents["indy"], session=session)
    assert [r["via"] for r in data["relayed"]] == [["Kyiv Independent"]]


def test_document_report_mix_and_copies(ledger: Ledger, session: Session) -> None:
    monitor = build_document_report(ledger.documents["monitor"], session=session)
    assert {c["name"]: c["count"] for c in monitor["mix"]["categories"]}["partisan"] == 3
    herald = build_document_report(ledger.documents["herald"], session=session)
    assert herald["document"]["copy_of"]["id"] == ledger.documents["courier"]
    mix = {c["name"]: c["count"] for c in herald["mix"]["categories"]}
    assert mix["unattributed"] == 1 and mix["partisan"] == 1
    assert herald["mix"]["hedged"] == {"count": 1, "share": 0.5}
    flagged = {f["claim"]: f for f in herald["single_source_figures"]}
    assert flagged[ledger.claims["drones"]]["partisan"] is True
    courier = build_document_report(ledger.documents["courier"], session=session)
    assert [c["id"] for c in courier["document"]["copies"]] == [ledger.documents["herald"]]


def test_corpus_report_data(ledger: Ledger, session: Session) -> None:
    data = build_corpus_report(session=session)
    assert data["totals"] == {
        "documents": 5,
        "outlets": 5,
        "attributions": 10,
        "claims": 7,
        "figures": 9,
        "sources": 12,
    }
    assert data["flags"]["single_partisan_source"] == 2 and data["flags"]["single_source"] == 5
    assert data["links"] == {"corroborates": 1, "repeats": 0, "contradicts": 1, "updates": 1}
    assert data["reviews"]["verified"] == 1 and data["reviews"]["unreviewed"] == 3
    spf, toll = data["single_partisan_figures"]["items"]  # most repeated first
    assert spf["claim"]["id"] == ledger.claims["drones"] and spf["figures"] == ["94"]
    assert toll["claim"]["id"] == ledger.claims["toll"] and toll["figures"] == ["Two people", "11"]
    assert spf["origins"] == [
        {"source": "Russian Defence Ministry", "side": "RU", "anonymous": False}
    ]
    (contra,) = data["contradictions"]["items"]
    assert contra["why"] == "killed: 1 vs 2 in the same strike"
    repeated = data["most_repeated"]["items"]
    assert [r["documents"] for r in repeated] == [2, 2, 2]
    assert all(r["independent_origins"] == 1 for r in repeated)
    by_outlet = {r["outlet"]: r for r in data["mix_by_outlet"]}
    assert sum(r["total"] for r in by_outlet.values()) == data["mix"]["total"] == 10
    assert {c["name"]: c["count"] for c in by_outlet["The Independent"]["categories"]}["named"] == 1
    assert data["mix"]["hedged"]["count"] == 2


def test_corpus_report_limit_and_totals(ledger: Ledger, session: Session) -> None:
    data = build_corpus_report(session=session, limit=1)
    assert len(data["most_repeated"]["items"]) == 1 and data["most_repeated"]["total"] == 3


def test_corpus_report_loads_no_rows_as_objects(ledger: Ledger, session: Session) -> None:
    """The corpus report aggregates in SQL: no ORM instance is built, however big the ledger."""
    session.expunge_all()
    loaded: list[object] = []
    listener = lambda _session, instance: loaded.append(instance)  # noqa: E731
    event.listen(session, "loaded_as_persistent", listener)
    try:
        build_corpus_report(session=session)
    finally:
        event.remove(session, "loaded_as_persistent", listener)
    assert loaded == []


def test_partisan_hand_override(ledger: Ledger, session: Session) -> None:
    """A source marked not partisan by hand leaves the partisan share; marked partisan joins it."""
    from factcheck.models import Source

    session.get(Source, ledger.sources["governor"]).partisan = False  # type: ignore[union-attr]
    session.get(Source, ledger.sources["isw"]).partisan = True  # type: ignore[union-attr]
    session.commit()
    data = build_corpus_report(session=session)
    by_outlet = {
        r["outlet"]: {c["name"]: c["count"] for c in r["categories"]} for r in data["mix_by_outlet"]
    }
    assert by_outlet["Black Sea Monitor"] == {
        "named": 2,
        "partisan": 1,
        "anonymous": 0,
        "unattributed": 0,
    }
    assert by_outlet["The Independent"]["partisan"] == 1


# --- every report in every format through the CLI ------------------------------------


REPORTS = {
    "claim": lambda led: ["claim", str(led.claims["one_dead"])],
    "document": lambda led: ["document", str(led.documents["indy"])],
    "corpus": lambda led: ["corpus"],
}


EXPECTED = {
    "claim": "One person was killed in an overnight drone attack on Odesa",
    "document": "Drone attack on Odesa leaves one dead",
    "corpus": "Harbour Herald",
}


@pytest.mark.parametrize("kind", sorted(REPORTS))
def test_every_report_in_every_format(cli_ledger: Ledger, run, kind: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    for fmt in FORMATS:
        r = run("report", *REPORTS[kind](cli_ledger), "--format", fmt)
        assert r.exit_code == 0, (fmt, r.output)
        out = r.output
        assert EXPECTED[kind] in out, fmt
        if fmt == "json":
            assert json.loads(out)["report"] == kind
        elif fmt == "text":
            assert max(len(line) for line in out.splitlines()) <= 100
        elif fmt == "md":
            assert out.startswith("# ")
            assert "<" not in out.replace("&lt;", ""), "no raw HTML in a Markdown report"
            assert re.search(r"^\| .* \|$", out, re.M), "expected at least one table"
        elif fmt == "html":
            assert out.startswith("<!DOCTYPE html>")
            assert "<svg" in out
            # one self-contained file: nothing to fetch
            assert not re.search(r"\bsrc\s*=|<link\b|@import|url\((?!#)", out, re.I)
            assert "<script" not in out.lower()
    target = tmp_path / f"{kind}.html"
    r = run("report", *REPORTS[kind](cli_ledger), "--format", "html", "-o", str(target))
    assert r.exit_code == 0, r.output
    assert r.output.startswith("Wrote the ") and str(target) in r.output
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_report_errors(cli_ledger: Ledger, run) -> None:  # type: ignore[no-untyped-def]
    r = run("report", "claim", "999999")
    assert r.exit_code == 1, r.output
    assert "Error: no claim 999999" in r.output
    r = run("report", "document", "424242")
    assert r.exit_code == 1, r.output
    assert "Error: no document 424242" in r.output
    r = run("report", "corpus", "--format", "pdf")
    assert r.exit_code == 2, r.output


def test_json_and_html_show_the_same_content(ledger: Ledger, session: Session) -> None:
    data = json.loads(render(build_claim_report(ledger.claims["drones"], session=session), "json"))
    html = render(data, "html")
    for attribution in data["attributions"]:
        assert attribution["document"]["title"] in html
        assert attribution["content"] in html
    for origin in data["origins"]:
        assert origin["source"] in html
    for flag in data["flags"]:
        assert flag.replace("_", " ") in html


def test_text_report_fits_100_columns_with_hostile_input(session: Session) -> None:
    long_word = "https://example.org/" + "x" * 240
    ledger = build_ledger(
        session, hostile={"title": long_word, "outlet": "Wire\x1b[31m red", "text": long_word}
    )
    for data in (
        build_claim_report(ledger.claims["toll"], session=session),
        build_document_report(ledger.documents["monitor"], session=session),
        build_corpus_report(session=session),
    ):
        text = render(data, "text")
        assert max(len(line) for line in text.splitlines()) <= 100
        assert "\x1b" not in text  # no terminal escape sequences from article text

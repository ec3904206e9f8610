"""`factcheck export graphml|gexf`: the claim graph reads back with its attributes."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import networkx as nx
import pytest
from sqlmodel import Session
from test_report_ledger import Ledger, build_ledger

from factcheck import db as dbmod

SCALARS = (str, int, float, bool)


@pytest.fixture
def cli_ledger(migrated_url: str) -> Ledger:
    engine = dbmod.make_engine(migrated_url)
    with Session(engine) as session:
        led = build_ledger(session)
    engine.dispose()
    return led


def edges_between(graph: nx.DiGraph, a: str, b: str) -> list[dict]:
    """Attributes of every a → b edge (read_graphml gives a multigraph only if edges are parallel)."""
    data = graph.get_edge_data(a, b)
    if data is None:
        return []
    return list(data.values()) if graph.is_multigraph() else [data]


def test_graphml_round_trip(cli_ledger: Ledger, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "claims.graphml"
    r = run("export", "graphml", "-o", str(target))
    assert r.exit_code == 0, r.output
    graph = nx.read_graphml(target)
    assert r.output.startswith(
        f"Wrote {graph.number_of_nodes()} nodes and {graph.number_of_edges()} edges"
    )
    led = cli_ledger
    types = {}
    for node, attrs in graph.nodes(data=True):
        types[attrs["type"]] = types.get(attrs["type"], 0) + 1
        assert all(isinstance(v, SCALARS) for v in attrs.values()), (node, attrs)
    assert types == {"claim": 7, "source": 12, "document": 5}

    mod = graph.nodes[f"source:{led.sources['mod']}"]
    assert mod["label"] == "Russian Defence Ministry"
    assert (mod["kind"], mod["side"], mod["partisan"], mod["anonymous"]) == (
        "military",
        "RU",
        True,
        False,
    )
    locals_ = graph.nodes[f"source:{led.sources['locals']}"]
    assert locals_["anonymous"] is True and locals_["partisan"] is False and locals_["side"] == ""
    governor = graph.nodes[f"source:{led.sources['governor']}"]
    assert governor["side"] == "UA" and governor["partisan"] is True  # speaks for a government

    drones = graph.nodes[f"claim:{led.claims['drones']}"]
    assert drones["flags"] == "single_source,single_partisan_source"
    assert drones["single_partisan_source"] is True and drones["contradicted"] is False
    assert (drones["documents"], drones["independent_origins"], drones["review"]) == (
        2,
        1,
        "unverifiable",
    )

    (contra,) = edges_between(
        graph, f"claim:{led.claims['one_dead']}", f"claim:{led.claims['toll']}"
    )
    assert (contra["type"], contra["kind"], contra["method"], contra["score"]) == (
        "link",
        "contradicts",
        "figure",
        1.0,
    )
    assert contra["why"] == "killed: 1 vs 2 in the same strike"
    (corr,) = edges_between(graph, f"claim:{led.claims['toll']}", f"claim:{led.claims['bodies']}")
    assert corr["kind"] == "corroborates" and corr["score"] == pytest.approx(0.92)

    # provenance: ministry → Reuters (twice, one per copy) → each outlet; ministry originates the claim
    (relay,) = edges_between(
        graph, f"source:{led.sources['mod']}", f"source:{led.sources['reuters']}"
    )
    assert (relay["type"], relay["weight"]) == ("relays", 2)
    (origin,) = edges_between(
        graph, f"source:{led.sources['mod']}", f"claim:{led.claims['drones']}"
    )
    assert (origin["type"], origin["weight"]) == ("originates", 2)
    (appears,) = edges_between(
        graph, f"claim:{led.claims['blasts']}", f"document:{led.documents['herald']}"
    )
    assert (appears["kind"], appears["hedged"]) == ("unattributed", True)
    (copy,) = edges_between(
        graph, f"document:{led.documents['herald']}", f"document:{led.documents['courier']}"
    )
    assert copy["type"] == "copy_of"
    for _a, _b, attrs in graph.edges(data=True):
        assert all(isinstance(v, SCALARS) for v in attrs.values()), attrs


def test_graphml_is_strict_xml(cli_ledger: Ledger, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Unique edge ids and XML Schema booleans, as yEd and Cytoscape expect."""
    target = tmp_path / "claims.graphml"
    assert run("export", "graphml", "-o", str(target)).exit_code == 0
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ElementTree.parse(target).getroot()
    ids = [e.get("id") for e in root.iterfind(".//g:edge", ns)]
    assert len(ids) == len(set(ids)) > 0
    booleans = {k.get("id") for k in root.iterfind("g:key", ns) if k.get("attr.type") == "boolean"}
    values = {d.text for d in root.iterfind(".//g:data", ns) if d.get("key") in booleans}
    assert values == {"true", "false"}


def test_gexf_has_the_same_graph(cli_ledger: Ledger, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    graphml, gexf = tmp_path / "g.graphml", tmp_path / "g.gexf"
    assert run("export", "graphml", "-o", str(graphml)).exit_code == 0
    r = run("export", "gexf", "-o", str(gexf))
    assert r.exit_code == 0, r.output
    a, b = nx.read_graphml(graphml), nx.read_gexf(gexf)
    assert a.number_of_nodes() == b.number_of_nodes() and a.number_of_edges() == b.number_of_edges()
    assert b.nodes[f"source:{cli_ledger.sources['mod']}"]["side"] == "RU"


def test_graphml_with_hostile_names_is_well_formed(session: Session, tmp_path: Path) -> None:
    from factcheck.export.graphml import claim_graph, write_graph

    build_ledger(
        session, hostile={"source": 'A <b>&amp; "quoted"</b>', "url": "javascript:alert(1)"}
    )
    target = tmp_path / "h.graphml"
    write_graph(claim_graph(session=session), target)
    graph = nx.read_graphml(target)
    labels = {attrs["label"] for _n, attrs in graph.nodes(data=True)}
    assert 'A <b>&amp; "quoted"</b>' in labels
    assert all("javascript" not in attrs.get("url", "") for _n, attrs in graph.nodes(data=True))

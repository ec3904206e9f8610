"""The claim graph for Gephi, Cytoscape and yEd: GraphML or GEXF via networkx.

Nodes are claims, sources and documents; edges are chain hops (source relays to
source), origins (source originates claim), appearances (claim appears in
document), copies (document copies document) and claim links (corroborates,
repeats, contradicts, updates). Attribute values are str, int, float or bool only,
never None or lists, so every tool reads them.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import IO, Any

import networkx as nx
from sqlalchemy import func, select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from factcheck.errors import UsageProblem
from factcheck.models import (
    FLAGS,
    Attribution,
    ChainHop,
    Claim,
    ClaimLink,
    Document,
    Review,
    Source,
)
from factcheck.reports.common import partisan_rule, safe_url, split_flags

LABEL_CHARS = 80


def _label(text: str | None) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def _edge(graph: nx.MultiDiGraph, a: str, b: str, **attrs: Any) -> None:
    # GraphML edge ids come from the keys and must be unique in the whole file
    graph.add_edge(a, b, key=f"e{graph.number_of_edges() + 1}", **attrs)


class _GraphMLWriter(nx.readwrite.graphml.GraphMLWriter):
    """GraphML with XML Schema booleans ("true"/"false"), which every reader accepts."""

    def add_data(
        self, name: str, element_type: Any, value: Any, scope: str = "all", default: Any = None
    ) -> Any:
        element = super().add_data(name, element_type, value, scope, default)
        if element_type is bool:  # networkx passes the value as str(value): "True" / "False"
            element.text = str(value).lower()
        return element


def claim_graph(*, session: Session) -> nx.MultiDiGraph:
    """Build the whole ledger's graph from streamed tuples (no ORM objects)."""
    graph = nx.MultiDiGraph(name="factcheck claim graph")
    _claims(graph, session)
    _sources(graph, session)
    _documents(graph, session)
    _chains(graph, session)
    _links(graph, session)
    return graph


def _claims(graph: nx.MultiDiGraph, session: Session) -> None:
    stmt = select(
        Claim.id,
        Claim.text,
        Claim.flags,
        Claim.independent_origins,
        Claim.documents,
        Claim.label,
        func.coalesce(Review.status, "unreviewed"),
    ).outerjoin(Review, Review.claim_id == Claim.id)
    for cid, text, flags, independent, documents, label, status in session.execute(stmt):
        names = split_flags(flags)
        graph.add_node(
            f"claim:{cid}",
            type="claim",
            label=_label(text),
            text=text or "",
            flags=",".join(names),
            independent_origins=int(independent or 0),
            documents=int(documents or 0),
            figure_label=label or "",
            review=status,
            # one boolean per flag: Gephi filters and colours by these directly
            **{flag: flag in names for flag in FLAGS},
        )


def _sources(graph: nx.MultiDiGraph, session: Session) -> None:
    parent = aliased(Source, name="parent")
    stmt = (
        select(
            Source.id,
            Source.name,
            Source.kind,
            func.coalesce(Source.side, parent.side),
            Source.anonymous,
            partisan_rule(Source, parent),
            Source.credibility,
            parent.name,
        )
        .outerjoin(parent, parent.id == Source.parent_id)
        .where(Source.merged_into_id.is_(None))  # type: ignore[union-attr]
    )
    for sid, name, kind, side, anonymous, partisan, credibility, parent_name in session.execute(
        stmt
    ):
        graph.add_node(
            f"source:{sid}",
            type="source",
            label=_label(name),
            kind=kind or "unknown",
            side=side or "",
            anonymous=bool(anonymous),
            partisan=bool(partisan),
            credibility=credibility or "",
            parent=parent_name or "",
        )


def _documents(graph: nx.MultiDiGraph, session: Session) -> None:
    stmt = select(
        Document.id,
        Document.title,
        Document.outlet,
        Document.url,
        Document.published,
        Document.copy_of_id,
    )
    copies = []
    for did, title, outlet, url, published, copy_of in session.execute(stmt):
        graph.add_node(
            f"document:{did}",
            type="document",
            label=_label(title or outlet or f"document {did}"),
            outlet=outlet or "",
            url=safe_url(url) or "",
            published=published.isoformat() if published else "",
        )
        if copy_of is not None:
            copies.append((did, copy_of))
    for did, copy_of in copies:
        _edge(
            graph, f"document:{did}", f"document:{copy_of}", type="copy_of", kind="copy", weight=1
        )


def _chains(graph: nx.MultiDiGraph, session: Session) -> None:
    """Hop → hop relays, origin → claim, claim → document; parallel statements become weights."""
    relays: Counter[tuple[int, int]] = Counter()
    origins: Counter[tuple[int, int]] = Counter()
    stmt = (
        select(Attribution.id, Attribution.claim_id, ChainHop.source_id, ChainHop.role)
        .join(ChainHop, ChainHop.attribution_id == Attribution.id)
        .order_by(Attribution.id, ChainHop.position)
    )
    previous: tuple[int, int] | None = None  # (attribution id, source id)
    for att_id, claim_id, source_id, role in session.execute(stmt).yield_per(5000):
        if previous is not None and previous[0] == att_id and previous[1] != source_id:
            relays[(previous[1], source_id)] += 1
        if role == "origin" and claim_id is not None:
            origins[(source_id, claim_id)] += 1
        previous = (att_id, source_id)
    for (a, b), n in relays.items():
        _edge(graph, f"source:{a}", f"source:{b}", type="relays", kind="relay", weight=n)
    for (s, c), n in origins.items():
        _edge(graph, f"source:{s}", f"claim:{c}", type="originates", kind="origin", weight=n)

    appearances: dict[tuple[int, int], dict[str, Any]] = {}
    stmt2 = select(
        Attribution.claim_id, Attribution.document_id, Attribution.kind, Attribution.hedged
    ).where(
        Attribution.claim_id.is_not(None)  # type: ignore[union-attr]
    )
    for claim_id, doc_id, kind, hedged in session.execute(stmt2).yield_per(5000):
        entry = appearances.setdefault(
            (claim_id, doc_id), {"weight": 0, "kinds": Counter(), "hedged": False}
        )
        entry["weight"] += 1
        entry["kinds"][kind] += 1
        entry["hedged"] = entry["hedged"] or bool(hedged)
    for (c, d), entry in appearances.items():
        _edge(
            graph,
            f"claim:{c}",
            f"document:{d}",
            type="appears_in",
            kind=entry["kinds"].most_common(1)[0][0],
            hedged=entry["hedged"],
            weight=entry["weight"],
        )


def _links(graph: nx.MultiDiGraph, session: Session) -> None:
    stmt = select(
        ClaimLink.claim_id,
        ClaimLink.other_id,
        ClaimLink.kind,
        ClaimLink.method,
        ClaimLink.score,
        ClaimLink.status,
        ClaimLink.why,
    )
    for a, b, kind, method, score, status, why in session.execute(stmt):
        _edge(
            graph,
            f"claim:{a}",
            f"claim:{b}",
            type="link",
            kind=kind,
            method=method or "",
            score=float(score or 0.0),
            status=status or "auto",
            why=why or "",
            weight=1,
        )


def write_graph(
    graph: nx.MultiDiGraph, target: str | Path | IO[bytes], *, fmt: str = "graphml"
) -> None:
    """Write GraphML or GEXF to a path or binary stream."""
    if fmt == "graphml":
        writer = _GraphMLWriter(encoding="utf-8", prettyprint=True)
        writer.add_graph_element(graph)
        if isinstance(target, str | Path):
            with open(target, "wb") as out:
                writer.dump(out)
        else:
            writer.dump(target)
    elif fmt == "gexf":
        nx.write_gexf(graph, target, encoding="utf-8", prettyprint=True)
    else:
        raise UsageProblem(f"unknown graph format {fmt!r}")

"""A networkx graph over just the part of the ledger a question needs.

Nodes are tuples ``(kind, id)`` with kind one of ``source``, ``document``,
``attribution`` and ``claim``; every node carries a ``label``. Edges:

- source → source: one hop of a citation chain (``role`` of the receiving hop,
  ``attribution`` it belongs to), origin first;
- publisher source → document (``publishes``), document → attribution
  (``contains``), attribution → claim (``carries``);
- claim → claim: a ClaimLink (``kind``, ``method``, ``score``, ``status``).

``claim_graph`` queries only the given claims' attributions, hops, documents,
sources and links; it never loads the corpus.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import networkx as nx
from sqlalchemy import select
from sqlmodel import Session

from factcheck.models import Attribution, ChainHop, Claim, ClaimLink, Document, Source

CHUNK = 500


def _chunks(ids: Iterable[int]) -> Iterable[list[int]]:
    items = sorted(set(ids))
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


@dataclass(frozen=True)
class ChainView:
    """One attribution's chain as (source id, role) pairs, origin first."""

    attribution_id: int
    document_id: int
    hops: tuple[tuple[int, str], ...]


def claim_graph(
    claim_ids: Sequence[int], *, session: Session, links: bool = True
) -> nx.MultiDiGraph:
    """Sources, documents, attributions and claims of `claim_ids`, and their links."""
    g = nx.MultiDiGraph()
    claims = []
    atts = []
    for part in _chunks(claim_ids):
        claims += session.execute(select(Claim.id, Claim.text).where(Claim.id.in_(part))).all()  # type: ignore[union-attr]
        atts += session.execute(
            select(
                Attribution.id, Attribution.claim_id, Attribution.document_id, Attribution.kind
            ).where(
                Attribution.claim_id.in_(part)  # type: ignore[union-attr]
            )
        ).all()
    for cid, text in claims:
        g.add_node(("claim", cid), label=text)
    chains = chains_of([a[0] for a in atts], session=session)
    doc_ids = {a[2] for a in atts}
    docs = {}
    for part in _chunks(doc_ids):
        for row in session.execute(
            select(Document.id, Document.title, Document.outlet, Document.published).where(
                Document.id.in_(part)
            )  # type: ignore[union-attr]
        ).all():
            docs[row[0]] = row
    source_ids = {s for c in chains.values() for s, _ in c.hops}
    names = source_names(source_ids, session=session)
    for sid in source_ids:
        g.add_node(("source", sid), label=names.get(sid, f"source {sid}"))
    for did, title, outlet, published in docs.values():
        g.add_node(
            ("document", did), label=title or f"document {did}", outlet=outlet, published=published
        )
    for aid, cid, did, kind in atts:
        chain = chains.get(aid)
        g.add_node(
            ("attribution", aid),
            label=f"attribution {aid}",
            kind=kind,
            chain=chain.hops if chain else (),
        )
        g.add_edge(("attribution", aid), ("claim", cid), key="carries")
        g.add_edge(("document", did), ("attribution", aid), key="contains")
        if chain is None or not chain.hops:
            continue
        for (a, _), (b, role) in zip(chain.hops, chain.hops[1:], strict=False):
            g.add_edge(("source", a), ("source", b), key=f"hop:{aid}", role=role, attribution=aid)
        g.add_edge(
            ("source", chain.hops[-1][0]), ("document", did), key="publishes", attribution=aid
        )
    if links and claim_ids:
        for part in _chunks(claim_ids):
            rows = session.execute(
                select(
                    ClaimLink.claim_id, ClaimLink.other_id, ClaimLink.kind, ClaimLink.method,
                    ClaimLink.score, ClaimLink.status, ClaimLink.why,
                ).where(ClaimLink.claim_id.in_(part) | ClaimLink.other_id.in_(part))  # type: ignore[attr-defined]
            ).all()  # fmt: skip
            for a, b, kind, method, score, status, why in rows:
                for cid in (a, b):
                    if ("claim", cid) not in g:
                        g.add_node(("claim", cid), label=None)
                g.add_edge(
                    ("claim", a),
                    ("claim", b),
                    key=kind,
                    method=method,
                    score=score,
                    status=status,
                    why=why,
                )
    return g


def chains_of(attribution_ids: Iterable[int], *, session: Session) -> dict[int, ChainView]:
    """Chains of some attributions, by attribution id."""
    hops: dict[int, list[tuple[int, str]]] = defaultdict(list)
    docs: dict[int, int] = {}
    for part in _chunks(attribution_ids):
        for aid, did in session.execute(
            select(Attribution.id, Attribution.document_id).where(Attribution.id.in_(part))  # type: ignore[union-attr]
        ).all():
            docs[aid] = did
        for aid, sid, role in session.execute(
            select(ChainHop.attribution_id, ChainHop.source_id, ChainHop.role)
            .where(ChainHop.attribution_id.in_(part))  # type: ignore[attr-defined]
            .order_by(ChainHop.attribution_id, ChainHop.position)
        ).all():
            hops[aid].append((sid, role))
    return {aid: ChainView(aid, did, tuple(hops.get(aid, ()))) for aid, did in docs.items()}


def source_names(ids: Iterable[int], *, session: Session) -> dict[int, str]:
    out: dict[int, str] = {}
    for part in _chunks(ids):
        out.update(
            dict(session.execute(select(Source.id, Source.name).where(Source.id.in_(part))).all())
        )  # type: ignore[union-attr, arg-type]
    return out


def provenance(g: nx.MultiDiGraph, claim_id: int) -> list[dict[str, object]]:
    """The claim's provenance as a tree: origins, then relays, then publishers, then documents.

    Chains sharing a prefix share tree nodes, so five re-publications of one
    wire story hang under one origin and one wire.
    """
    tree = nx.DiGraph()
    root = ("root",)
    tree.add_node(root)
    for att in g.predecessors(("claim", claim_id)):
        if att[0] != "attribution":
            continue
        hops = g.nodes[att]["chain"]
        docs = [d for d in g.predecessors(att) if d[0] == "document"]
        prefix: tuple[object, ...] = root
        for sid, role in hops:
            node = (*prefix, sid) if prefix != root else ("chain", sid)
            tree.add_node(node, source=sid, role=role)
            tree.add_edge(prefix, node)
            prefix = node
        for d in docs:
            leaf = (*prefix, "doc", d[1], att[1]) if prefix != root else ("doc", d[1], att[1])
            tree.add_node(leaf, document=d[1], attribution=att[1])
            tree.add_edge(prefix, leaf)

    def render(node: tuple[object, ...]) -> dict[str, object]:
        data = tree.nodes[node]
        children = [render(c) for c in sorted(tree.successors(node), key=str)]
        if "document" in data:
            doc = g.nodes[("document", data["document"])]
            return {
                "document": data["document"],
                "attribution": data["attribution"],
                "title": doc.get("label"),
                "outlet": doc.get("outlet"),
                "published": doc.get("published"),
            }
        sid = data["source"]
        return {
            "source": g.nodes[("source", sid)]["label"],
            "source_id": sid,
            "role": data["role"],
            "children": children,
        }

    return [render(c) for c in sorted(tree.successors(root), key=str)]

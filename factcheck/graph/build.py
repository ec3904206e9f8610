"""One claim's chains as a provenance tree: origins, then relays, then publishers.

Only the rows a question needs are queried (``chains_of``, ``source_names``);
the whole claim graph for Gephi and Cytoscape is ``export/graphml.py``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from factcheck.db import chunks
from factcheck.models import Attribution, ChainHop, Source


@dataclass(frozen=True)
class ChainView:
    """One attribution's chain as (source id, role) pairs, origin first."""

    attribution_id: int
    document_id: int
    hops: tuple[tuple[int, str], ...]


def chains_of(attribution_ids: Iterable[int], *, session: Session) -> dict[int, ChainView]:
    """Chains of some attributions, by attribution id."""
    hops: dict[int, list[tuple[int, str]]] = defaultdict(list)
    docs: dict[int, int] = {}
    for part in chunks(attribution_ids):
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
    for part in chunks(ids):
        out.update(
            dict(session.execute(select(Source.id, Source.name).where(Source.id.in_(part))).all())
        )  # type: ignore[union-attr, arg-type]
    return out


def provenance(
    attributions: Sequence[tuple[int, int, Sequence[tuple[int, str]]]],
    *,
    names: Mapping[int, str],
    documents: Mapping[int, Mapping[str, Any]],
) -> list[dict[str, object]]:
    """A claim's provenance as a tree: origins, then relays, then publishers, then documents.

    `attributions` are (attribution id, document id, chain hops origin first);
    `documents` gives each document's title, outlet and published time. Chains
    sharing a prefix share tree nodes, so five re-publications of one wire story
    hang under one origin and one wire.
    """
    root: tuple[object, ...] = ("root",)
    children: dict[tuple[object, ...], dict[tuple[object, ...], None]] = defaultdict(dict)
    data: dict[tuple[object, ...], dict[str, int | str]] = {}
    for aid, did, hops in attributions:
        prefix = root
        for sid, role in hops:
            node = (*prefix, sid) if prefix != root else ("chain", sid)
            data[node] = {"source": sid, "role": role}
            children[prefix][node] = None
            prefix = node
        leaf = (*prefix, "doc", did, aid) if prefix != root else ("doc", did, aid)
        data[leaf] = {"document": did, "attribution": aid}
        children[prefix][leaf] = None

    def render(node: tuple[object, ...]) -> dict[str, object]:
        item = data[node]
        if "document" in item:
            doc = documents.get(item["document"], {})  # type: ignore[call-overload]
            return {
                "document": item["document"],
                "attribution": item["attribution"],
                "title": doc.get("title") or f"document {item['document']}",
                "outlet": doc.get("outlet"),
                "published": doc.get("published"),
            }
        sid = item["source"]
        return {
            "source": names.get(sid, f"source {sid}"),  # type: ignore[call-overload]
            "source_id": sid,
            "role": item["role"],
            "children": [render(c) for c in sorted(children[node], key=str)],
        }

    return [render(c) for c in sorted(children[root], key=str)]

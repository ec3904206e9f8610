"""The claim report: one claim, where it comes from, who repeats or disputes it, its review."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import case, func, select
from sqlmodel import Session

from factcheck.db import in_chunks
from factcheck.errors import NotFound
from factcheck.models import Attribution, Claim, Document, Figure
from factcheck.reports.common import (
    context_segments,
    interval,
    iso,
    jsonable,
    load_chains,
    safe_url,
    split_flags,
)

# characters of document text fetched on each side of an attribution (the rest stays in SQL)
WINDOW = 400


def build_claim_report(claim_id: int, *, session: Session) -> dict[str, Any]:
    """Everything known about one claim, as JSON-ready data."""
    from factcheck.graph.trace import trace_claim
    from factcheck.review import history

    claim = session.get(Claim, claim_id)
    if claim is None:
        raise NotFound(f"no claim {claim_id}")
    trace = trace_claim(claim_id, session=session)
    attribution_ids = [a["id"] for a in trace.get("attributions", [])]
    attributions = _attributions(attribution_ids, session=session)
    review = trace.get("review") or {}
    return {
        "report": "claim",
        "generated_at": iso(datetime.now(UTC).replace(microsecond=0)),
        "claim": {
            "id": claim.id,
            "text": claim.text,
            "label": claim.label,
            "scope": claim.scope,
            "documents": trace.get("documents", claim.documents),
            "figures": claim_figures([claim_id], session=session).get(claim_id, []),
        },
        "independent_origins": trace.get("independent_origins", claim.independent_origins),
        "flags": list(trace.get("flags", split_flags(claim.flags))),
        "origins": [jsonable(o) for o in trace.get("origins", [])],
        "attributions": attributions,
        "provenance": provenance_graph([a["chain"] for a in attributions]),
        "corroborated_by": _related(trace.get("corroborated_by", []), session=session),
        "contradicted_by": _related(trace.get("contradicted_by", []), session=session),
        "updates": _related(trace.get("updates", []), session=session),
        "review": {
            "status": review.get("status", "unreviewed"),
            "assignee": review.get("assignee"),
            "history": [
                {
                    "version": e.version,
                    "at": iso(e.at),
                    "user": e.user,
                    "action": e.action,
                    "from": e.from_status,
                    "to": e.to_status,
                    "assignee": e.assignee,
                    "note": e.note,
                    "evidence": [u for u in e.evidence.split("\n") if u],
                }
                for e in history(claim_id, session=session)
            ],
        },
    }


def claim_figures(claim_ids: list[int], *, session: Session) -> dict[int, list[dict[str, Any]]]:
    """Distinct figures of each claim (many attributions may carry the same one)."""
    found: dict[int, dict[tuple[Any, ...], dict[str, Any]]] = {}
    for batch in in_chunks(claim_ids):
        stmt = select(Figure).where(Figure.claim_id.in_(batch)).order_by(Figure.claim_id, Figure.id)  # type: ignore[attr-defined]
        for fig in session.execute(stmt).scalars():
            key = (fig.value, fig.low, fig.high, fig.qualifier, fig.unit, fig.label, fig.scope)
            found.setdefault(fig.claim_id, {}).setdefault(
                key,
                {
                    "text": fig.text,
                    "value": fig.value,
                    "low": fig.low,
                    "high": fig.high,
                    "interval": interval(fig.low, fig.high, fig.low_open, fig.high_open),
                    "qualifier": fig.qualifier,
                    "unit": fig.unit,
                    "label": fig.label,
                    "scope": fig.scope,
                },
            )
    return {cid: list(figs.values()) for cid, figs in found.items()}


def _attributions(ids: list[int], *, session: Session) -> list[dict[str, Any]]:
    """Attributions in trace order, each with its document, chain and highlighted context."""
    lo = case((Attribution.content_start > WINDOW, Attribution.content_start - WINDOW), else_=0)
    snippet = func.substr(Document.text, lo + 1, Attribution.content_end + WINDOW - lo)
    rows: dict[int, Any] = {}
    for batch in in_chunks(ids):
        stmt = (
            select(
                Attribution,
                Document.id,
                Document.title,
                Document.outlet,
                Document.url,
                Document.published,
                lo.label("lo"),
                snippet.label("snippet"),
            )
            .join(Document, Document.id == Attribution.document_id)
            .where(Attribution.id.in_(batch))  # type: ignore[union-attr]
        )
        for row in session.execute(stmt):
            rows[row[0].id] = row
    chains = load_chains(list(rows), session=session)
    out = []
    for att_id in ids:
        if att_id not in rows:
            continue
        att, doc_id, title, outlet, url, published, offset, text = rows[att_id]
        out.append(attribution_entry(att, text or "", offset or 0, chains.get(att_id, [])))
        out[-1]["document"] = {
            "id": doc_id,
            "title": title,
            "outlet": outlet,
            "url": url,
            "link": safe_url(url),
            "published": iso(published),
        }
    return out


def attribution_entry(
    att: Attribution, text: str, offset: int, chain: list[dict[str, Any]]
) -> dict[str, Any]:
    """One attribution as report data; `text` is the document text starting at `offset`."""

    def local(start: int | None, end: int | None) -> tuple[int | None, int | None]:
        if start is None or end is None:
            return None, None
        return start - offset, end - offset

    spans = [
        ("speaker", *local(att.speaker_start, att.speaker_end)),
        ("cue", *local(att.cue_start, att.cue_end)),
        ("content", *local(att.content_start, att.content_end)),
    ]
    return {
        "id": att.id,
        "claim_id": att.claim_id,
        "kind": att.kind,
        "hedged": att.hedged,
        "speaker": att.speaker_text,
        "cue": att.cue_text,
        "content": att.content_text,
        "said_at": iso(att.said_at),
        "offsets": {"start": att.content_start, "end": att.content_end},
        "context": context_segments(text, spans),
        "chain": chain,
    }


def provenance_graph(chains: list[list[dict[str, Any]]]) -> dict[str, Any]:
    """Merge chains into one layered graph, one node per source.

    A node's column is its longest distance from an origin; sources that only ever
    publish go to the last column, so origins read left and publishers right.
    """
    nodes: dict[int, dict[str, Any]] = {}
    edges: dict[tuple[int, int], dict[str, Any]] = {}
    for chain in chains:
        previous: int | None = None
        for hop in chain:
            sid = hop["source_id"]
            node = nodes.setdefault(
                sid,
                {
                    "id": f"n{sid}",
                    "source": hop["source"],
                    "roles": [],
                    "column": 0,
                    "kind": hop["kind"],
                    "side": hop["side"],
                    "anonymous": hop["anonymous"],
                    "partisan": hop["partisan"],
                    "attributions": 0,
                },
            )
            node["attributions"] += 1
            if hop["role"] not in node["roles"]:
                node["roles"].append(hop["role"])
            if previous is not None and previous != sid:
                edge = edges.setdefault(
                    (previous, sid),
                    {
                        "from": f"n{previous}",
                        "to": f"n{sid}",
                        "attributions": 0,
                        "anonymous": nodes[previous]["anonymous"],
                    },
                )
                edge["attributions"] += 1
            previous = sid
    # longest path layering; a chain cycle (A cites B, B cites A) stops after len(nodes) rounds
    for _ in range(len(nodes)):
        changed = False
        for a, b in edges:
            if nodes[b]["column"] < nodes[a]["column"] + 1 <= len(nodes):
                nodes[b]["column"] = nodes[a]["column"] + 1
                changed = True
        if not changed:
            break
    last = max((n["column"] for n in nodes.values()), default=0)
    if any(n["roles"] != ["publisher"] for n in nodes.values()):
        last = max(last, 1)
    for node in nodes.values():
        if node["roles"] == ["publisher"]:
            node["column"] = last
    return {
        "columns": last + 1,
        "nodes": sorted(
            nodes.values(), key=lambda n: (n["column"], -n["attributions"], n["source"])
        ),
        "edges": list(edges.values()),
    }


def _related(items: list[dict[str, Any]], *, session: Session) -> list[dict[str, Any]]:
    """Trace link entries with the other claim as {id, text}; keys beyond the contract kept."""
    out = []
    for item in items:
        ref = item.get("claim")
        other = ref.get("id") if isinstance(ref, dict) else ref
        text = item.get("text") or (ref.get("text") if isinstance(ref, dict) else None)
        entry = {k: v for k, v in item.items() if k not in ("claim", "text")}
        entry["claim"] = {"id": other, "text": text}
        out.append(entry)
    missing = [
        e["claim"]["id"]
        for e in out
        if e["claim"]["text"] is None and isinstance(e["claim"]["id"], int)
    ]
    if missing:
        texts = dict(
            session.execute(select(Claim.id, Claim.text).where(Claim.id.in_(missing))).all()
        )  # type: ignore[union-attr]
        for entry in out:
            if entry["claim"]["text"] is None:
                entry["claim"]["text"] = texts.get(entry["claim"]["id"])
    return out

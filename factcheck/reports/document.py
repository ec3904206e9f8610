"""The document report: every attributed statement of one report and how it is sourced."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from factcheck.errors import NotFound
from factcheck.models import Attribution, Claim, Document
from factcheck.reports.claim import attribution_entry, claim_figures
from factcheck.reports.common import (
    iso,
    load_chains,
    mix_columns,
    mix_summary,
    origin_source_id,
    safe_url,
    split_flags,
)
from factcheck.sources.names import name_key

# relays of these kinds are other newsrooms passing a statement on
OUTLET_KINDS = ("outlet", "wire", "state_media")


def build_document_report(document_id: int, *, session: Session) -> dict[str, Any]:
    """Statements in reading order, the sourcing mix, relays and single-source figures."""
    doc = session.get(Document, document_id)
    if doc is None:
        raise NotFound(f"no document {document_id}")
    category, origin, parent = mix_columns()
    stmt = (
        select(Attribution, category, Claim.flags, Claim.independent_origins, Claim.documents)
        .select_from(Attribution)
        .outerjoin(origin, origin.id == origin_source_id())
        .outerjoin(parent, parent.id == origin.parent_id)
        .outerjoin(Claim, Claim.id == Attribution.claim_id)
        .where(Attribution.document_id == document_id)
        .order_by(Attribution.content_start, Attribution.id)
    )
    rows = session.execute(stmt).all()
    chains = load_chains([r[0].id for r in rows], session=session)
    claim_ids = sorted({r[0].claim_id for r in rows if r[0].claim_id is not None})
    figures = claim_figures(claim_ids, session=session)

    # "told the Harbour Post" in the Harbour Post is not a relay through another outlet
    own = {name_key(doc.outlet or "")} - {""}
    statements = []
    counts: Counter[str] = Counter()
    hedged = 0
    for att, cat, flags, independent, documents in rows:
        entry = attribution_entry(att, doc.text, 0, chains.get(att.id, []))  # type: ignore[arg-type]
        entry["category"] = cat
        entry["claim"] = {
            "id": att.claim_id,
            "flags": split_flags(flags),
            "independent_origins": independent,
            "documents": documents,
            "figures": figures.get(att.claim_id, []) if att.claim_id else [],
        }
        relays = [
            h for h in entry["chain"] if h["role"] == "relay" and name_key(h["source"]) not in own
        ]
        entry["relays"] = [h["source"] for h in relays]
        entry["relay_outlets"] = [h["source"] for h in relays if h["kind"] in OUTLET_KINDS]
        statements.append(entry)
        counts[cat] += 1
        hedged += bool(att.hedged)

    return {
        "report": "document",
        "generated_at": iso(datetime.now(UTC).replace(microsecond=0)),
        "document": _document_info(doc, session=session),
        "statements": statements,
        "mix": mix_summary(counts, hedged),
        "relayed": [
            {
                "attribution": s["id"],
                "content": s["content"],
                "speaker": s["speaker"],
                "via": s["relays"],
                "via_outlets": s["relay_outlets"],
                "chain": [h["source"] for h in s["chain"]],
            }
            for s in statements
            if s["relays"]
        ],
        "single_source_figures": _single_source_figures(statements),
    }


def _document_info(doc: Document, *, session: Session) -> dict[str, Any]:
    copy_of = session.get(Document, doc.copy_of_id) if doc.copy_of_id else None
    copies = session.execute(
        select(Document.id, Document.outlet, Document.title)
        .where(Document.copy_of_id == doc.id)
        .order_by(Document.id)
    ).all()
    return {
        "id": doc.id,
        "title": doc.title,
        "outlet": doc.outlet,
        "url": doc.url,
        "link": safe_url(doc.url),
        "authors": [a for a in doc.authors.split("\n") if a],
        "published": iso(doc.published),
        "kind": doc.kind,
        "length": len(doc.text),
        "copy_of": {"id": copy_of.id, "outlet": copy_of.outlet, "title": copy_of.title}
        if copy_of
        else None,
        "copies": [{"id": i, "outlet": o, "title": t} for i, o, t in copies],
    }


def _single_source_figures(statements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Figures of this document whose claim rests on one origin across the whole corpus."""
    out = []
    seen: set[int] = set()
    for s in statements:
        claim = s["claim"]
        if claim["id"] is None or claim["id"] in seen or not claim["figures"]:
            continue
        single = "single_source" in claim["flags"] or "single_partisan_source" in claim["flags"]
        if not (single or claim["independent_origins"] == 1):
            continue
        seen.add(claim["id"])
        out.append(
            {
                "claim": claim["id"],
                "content": s["content"],
                "figures": [f["text"] or f["interval"] for f in claim["figures"]],
                "documents": claim["documents"],
                "elsewhere": max(0, (claim["documents"] or 0) - 1),
                "independent_origins": claim["independent_origins"],
                "origin": next((h["source"] for h in s["chain"] if h["role"] == "origin"), None),
                "partisan": "single_partisan_source" in claim["flags"],
                "flags": claim["flags"],
            }
        )
    return out

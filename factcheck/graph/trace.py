"""Trace one claim: its attributions and chains, origins, independence, flags and links.

Only the claim's own rows and the claims linked to it are queried; the
result has exactly the keys of DESIGN §5 (``trace --json``) plus a few more
(``provenance``, ``updates``, per-link ``kind``/``method``/``score``/``text``).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from factcheck.errors import NotFound
from factcheck.graph.build import chains_of, provenance, source_names
from factcheck.models import Attribution, Claim, ClaimLink, Document, Figure, Review
from factcheck.xref.data import Slice
from factcheck.xref.flags import DisputeMatcher, claim_flags
from factcheck.xref.independence import SourceIndex, origin_groups

AGREEING = ("corroborates", "repeats")


def _figures(claim_id: int, *, session: Session) -> list[dict[str, Any]]:
    """The claim's figures, once each (copies of the sentence carry the same figures)."""
    rows = session.execute(
        select(
            Figure.value, Figure.low, Figure.high, Figure.low_open, Figure.high_open,
            Figure.qualifier, Figure.label, Figure.unit, Figure.scope, Figure.text,
        )
        .where(Figure.claim_id == claim_id)
        .order_by(Figure.attribution_id, Figure.id)
    ).all()  # fmt: skip
    seen = set()
    out = []
    for value, low, high, low_open, high_open, qualifier, label, unit, scope, text in rows:
        ident = (value, low, high, qualifier, label, unit, scope)
        if ident in seen:
            continue
        seen.add(ident)
        out.append(
            {
                "value": value,
                "low": low,
                "high": high,
                "low_open": bool(low_open),
                "high_open": bool(high_open),
                "qualifier": qualifier,
                "label": label,
                "unit": unit,
                "scope": scope,
                "text": text,
            }
        )
    return out


def trace_claim(claim_id: int, *, session: Session) -> dict[str, Any]:
    """Provenance of one claim, shaped like DESIGN §5 `trace --json`."""
    claim = session.execute(select(Claim.id, Claim.text).where(Claim.id == claim_id)).first()
    if claim is None:
        raise NotFound(f"no claim {claim_id}")
    link_rows = session.execute(
        select(
            ClaimLink.claim_id, ClaimLink.other_id, ClaimLink.kind, ClaimLink.method,
            ClaimLink.score, ClaimLink.status, ClaimLink.why,
        ).where((ClaimLink.claim_id == claim_id) | (ClaimLink.other_id == claim_id))
        .order_by(ClaimLink.id)
    ).all()  # fmt: skip
    partners = {
        (b if a == claim_id else a)
        for a, b, kind, _m, _s, status, _w in link_rows
        if kind in AGREEING and status != "rejected"
    }
    sl = Slice(sources=SourceIndex())
    sl.load_claims([claim_id, *sorted(partners)], session=session, derive=False)
    row = sl.claims[claim_id]
    disputes = DisputeMatcher.load(session=session)
    sources = sl.sources
    texts = dict(
        session.execute(
            select(Claim.id, Claim.text).where(
                Claim.id.in_({(b if a == claim_id else a) for a, b, *_ in link_rows})  # type: ignore[union-attr]
            )
        ).all()
    )

    att_rows = session.execute(
        select(
            Attribution.id, Attribution.document_id, Attribution.speaker_id, Attribution.speaker_text,
            Attribution.kind, Attribution.hedged, Attribution.said_at, Attribution.cue_text,
            Document.title, Document.outlet, Document.published, Document.copy_of_id, Document.url,
        )
        .join(Document, Document.id == Attribution.document_id)
        .where(Attribution.claim_id == claim_id)
        .order_by(Document.published, Attribution.id)
    ).all()  # fmt: skip
    chains = chains_of([r[0] for r in att_rows], session=session)
    names = source_names({sid for c in chains.values() for sid, _ in c.hops}, session=session)
    attributions = []
    for (
        aid,
        did,
        speaker_id,
        speaker_text,
        kind,
        hedged,
        said_at,
        cue,
        title,
        outlet,
        published,
        copy_of,
        url,
    ) in att_rows:
        chain = chains[aid].hops if aid in chains else ()
        attributions.append(
            {
                "id": aid,
                "document": {
                    "id": did,
                    "title": title,
                    "outlet": outlet,
                    "published": published,
                    "url": url,
                    "copy_of": copy_of,
                },
                "speaker": sources.name(speaker_id) if speaker_id is not None else speaker_text,
                "kind": kind,
                "hedged": bool(hedged),
                "cue": cue,
                "said_at": said_at,
                "chain": [
                    {"source": names.get(sid, f"source {sid}"), "role": role} for sid, role in chain
                ],
            }
        )

    own = [(a.fact, a.source) for a in row.atts if a.fact is not None]
    borrowed = [
        (p, a.fact, a.source)
        for p in sorted(partners)
        if p in sl.claims
        for a in sl.claims[p].atts
        if a.fact is not None
    ]
    # A claim cross-referenced since its last change carries its flags; reading them spares
    # loading the gazetteer, which only the partisan rule needs.
    cached = row.independent_origins > 0
    cached_flags = set(filter(None, row.flags.split(",")))
    about: frozenset[str] | None = None

    def is_partisan(source: int | None) -> bool:
        nonlocal about
        if source is None:
            return False
        override = sources.partisan_override(source)
        if override is not None:
            return override
        side = (sources.side(source) or "").upper()
        if not side or side not in disputes.all_parties or not sources.official(source):
            return False
        if cached and "single_partisan_source" in cached_flags:
            return True  # xref found every origin partisan on this claim
        if side in disputes.parties_named(row.text):
            return True
        if about is None:
            about = disputes.parties_for(row.text)
        return side in about

    outlets = {a[1]: a[9] for a in att_rows}

    def outlet_of(document_id: int) -> str | None:
        if document_id not in outlets:
            outlets[document_id] = session.execute(
                select(Document.outlet).where(Document.id == document_id)
            ).scalar_one_or_none()
        return outlets[document_id]

    find = origin_groups([f for f, _ in own] + [f for _, f, _ in borrowed])
    group_ids: dict[object, int] = {}
    origins = []
    seen_origins = set()
    for via, fact, source in [(None, f, s) for f, s in own] + borrowed:
        ident = (fact.origin, source)
        if ident in seen_origins:
            continue
        seen_origins.add(ident)
        group = group_ids.setdefault(find(fact.origin), len(group_ids) + 1)
        kind = fact.origin[0]
        if source is None:
            # No chain and no speaker: the outlet that published it asserts it.
            name = organisation = (
                outlet_of(fact.document_id) or f"unknown outlet (document {fact.document_id})"
            )
            side = None
        else:
            name = sources.name(source)
            organisation = sources.name(sources.top(source))
            side = sources.side(source)
        origins.append(
            {
                "source": name,
                "organisation": organisation,
                "side": side,
                "partisan": is_partisan(source),
                "anonymous": kind == "anon" or (source is not None and sources.anonymous(source)),
                "group": group,
                "via_claim": via,
            }
        )
    if cached:
        flags, independent_origins, documents = (
            sorted(cached_flags),
            row.independent_origins,
            row.documents,
        )
    else:
        verdict = claim_flags(
            own=[(a.speaker_id, a.speaker_text, a.kind, a.hedged, a.document_id) for a in row.atts],
            origins=own + [(f, s) for _, f, s in borrowed],
            text=row.text,
            contradicted=any(
                k == "contradicts" and st != "rejected" for _a, _b, k, _m, _s, st, _w in link_rows
            ),
            sources=sources,
            disputes=disputes,
        )
        flags, independent_origins, documents = (
            list(verdict.flags),
            verdict.independent_origins,
            verdict.documents,
        )

    corroborated_by = []
    contradicted_by = []
    updates = []
    for a, b, kind, method, score, status, why in link_rows:
        if status == "rejected":
            continue
        other = b if a == claim_id else a
        base = {
            "claim": other,
            "text": texts.get(other),
            "method": method,
            "score": score,
            "status": status,
        }
        if kind in AGREEING:
            corroborated_by.append(
                {**base, "independent": kind == "corroborates", "kind": kind, "why": why}
            )
        elif kind == "contradicts":
            contradicted_by.append({**base, "why": why})
        elif kind == "updates":
            updates.append(
                {**base, "direction": "updates" if a == claim_id else "updated_by", "why": why}
            )

    review = session.execute(
        select(Review.status, Review.assignee).where(Review.claim_id == claim_id)
    ).first()
    return {
        "claim": {"id": claim_id, "text": claim[1], "figures": _figures(claim_id, session=session)},
        "attributions": attributions,
        "origins": origins,
        "independent_origins": independent_origins,
        "flags": flags,
        "corroborated_by": corroborated_by,
        "contradicted_by": contradicted_by,
        "updates": updates,
        "documents": documents,
        "review": {
            "status": review[0] if review else "unreviewed",
            "assignee": review[1] if review else None,
        },
        "provenance": provenance(
            sorted((r[0], r[1], chains[r[0]].hops if r[0] in chains else ()) for r in att_rows),
            names=names,
            documents={r[1]: {"title": r[8], "outlet": r[9], "published": r[10]} for r in att_rows},
        ),
    }

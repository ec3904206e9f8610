"""Where an incremental run looks for what new claims could merge or link with.

Only through indexes, never by reading the corpus: the same text
(``ix_claim_key``), links already made, figures of the same label in a related
stored scope within the date window and the figures of each seed origin's
series within the update window (``ix_figure_label_scope``), and claims
published within the fuzzy window (``ix_document_published``) that carry one
of a seed's rarest words.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from factcheck.db import one_of
from factcheck.models import Attribution, ChainHop, Claim, ClaimLink, Document, Figure
from factcheck.xref.copies import MAX_POSTING
from factcheck.xref.data import ClaimRow, Slice, _label_key, stamp
from factcheck.xref.matching import BLOCK_TOKENS, STOPWORDS
from factcheck.xref.scope import (
    FIGURE_WINDOW_DAYS,
    FUZZY_WINDOW_DAYS,
    UPDATE_WINDOW_DAYS,
    scope_key,
)


def ids_of(session: Session, stmt: Select[Any], column: Any, values: Iterable[object]) -> set[Any]:
    """The first column of `stmt` over the rows whose `column` is one of `values`.

    One statement whatever the number of values (see ``db.one_of``).
    """
    return set(
        session.connection()
        .execute(stmt.where(one_of(session, column, set(values))))
        .scalars()
        .all()
    )


def _day_range(days: Iterable[int | None], slack: int) -> tuple[datetime, datetime] | None:
    dated = [d for d in days if d is not None]
    if not dated:
        return None
    lo = datetime.combine(date.fromordinal(min(dated) - slack), datetime.min.time(), UTC)
    hi = datetime.combine(date.fromordinal(max(dated) + slack + 1), datetime.min.time(), UTC)
    return lo, hi


def _published_between(rng: tuple[datetime, datetime]):  # type: ignore[no-untyped-def]
    lo, hi = rng
    return Document.published.between(lo, hi)  # type: ignore[union-attr]


def copy_candidates(new_docs: list[int], *, session: Session) -> set[int]:
    """Documents that may be copies of the new ones: same fingerprint, or carrying a claim
    with the same text (copies carry the same sentences)."""
    keys: set[str] = ids_of(
        session,
        select(Claim.key).join(Attribution, Attribution.claim_id == Claim.id),
        Attribution.document_id,
        new_docs,
    )
    # A sentence in very many documents ("he declined to comment") says nothing about
    # copying: only rare enough texts point at copies.
    counts: dict[str, int] = dict(
        session.connection()
        .execute(  # type: ignore[arg-type]
            select(Claim.key, func.count())
            .join(Attribution, Attribution.claim_id == Claim.id)
            .where(one_of(session, Claim.key, keys))
            .group_by(Claim.key)
        )
        .all()
    )
    rare = {k for k in keys if counts.get(k, 0) <= MAX_POSTING}
    found = ids_of(
        session,
        select(Attribution.document_id).join(Claim, Claim.id == Attribution.claim_id),
        Claim.key,
        rare,
    )
    fingerprints = ids_of(session, select(Document.fingerprint), Document.id, new_docs)
    found |= ids_of(session, select(Document.id), Document.fingerprint, fingerprints)
    return found


def candidates(sl: Slice, seeds: set[int], *, session: Session) -> set[int]:
    """Claims that could merge or link with the seed claims, found through indexes."""
    seed_claims = [sl.claims[i] for i in seeds if i in sl.claims]
    found: set[int] = set()
    # Same text, and the claims linked to the seeds now (their links are recomputed).
    found |= ids_of(session, select(Claim.id), Claim.key, {c.key for c in seed_claims})
    found |= ids_of(session, select(ClaimLink.other_id), ClaimLink.claim_id, seeds)
    found |= ids_of(session, select(ClaimLink.claim_id), ClaimLink.other_id, seeds)
    found |= _figure_candidates(sl, seed_claims, session=session)
    found |= _text_candidates(seed_claims, session=session)
    return found - seeds


def _figure_candidates(sl: Slice, seed_claims: list[ClaimRow], *, session: Session) -> set[int]:
    """Claims with a figure of the same label in a related scope: within the figure window
    (agreement, conflict, sums), and the previous and next figure of each seed origin's
    series (updates reach any distance back)."""
    entries = []
    for c in seed_claims:
        by_id = {a.id: a for a in c.atts}
        for f in c.figs:
            att = by_id.get(f.attribution_id) if f.attribution_id is not None else None
            if f.lkey and att is not None:
                entries.append((f, att))
    if not entries:
        return set()
    conn = session.connection()
    lkeys = {f.lkey for f, _ in entries}
    labels = [
        r[0]
        for r in conn.execute(select(Figure.label).distinct()).all()
        if r[0] and _label_key(r[0]) in lkeys
    ]
    if not labels:
        return set()
    scopes = {scope_key(f.places) for f, _ in entries}
    places = {p for f, _ in entries for p in f.places}
    # Stored figures carry the scope an earlier run gave them: same scope, or a sum's
    # whole or parts (a scope containing one of the places).
    scope_filter = or_(
        Figure.scope.in_([x for x in scopes if x] or [""]),  # type: ignore[union-attr]
        *([Figure.scope.is_(None)] if None in scopes else []),  # type: ignore[union-attr]
        *[Figure.scope.contains(p) for p in sorted(places)],  # type: ignore[union-attr]
    )
    base = (
        select(Figure.claim_id)
        .join(Attribution, Attribution.id == Figure.attribution_id)
        .join(Document, Document.id == Attribution.document_id)
        .where(Figure.label.in_(labels), scope_filter)  # type: ignore[union-attr]
    )
    found: set[int] = set()
    days = {a.day for _, a in entries}
    rng = _day_range(days, FIGURE_WINDOW_DAYS + 2)
    if rng is not None:
        found |= {r[0] for r in conn.execute(base.where(_published_between(rng))).all()}
    if None in days:
        found |= {r[0] for r in conn.execute(base.where(Document.published.is_(None))).all()}
    found |= _series_neighbours(sl, entries, labels, conn=conn)
    return found


def _series_neighbours(
    sl: Slice, entries: list[tuple[Any, Any]], labels: list[str], *, conn: Any
) -> set[int]:
    """Figures of each seed origin's series (same label, scope and origin) said within
    ``UPDATE_WINDOW_DAYS`` of the seeds' own reports of it: the nearest one before and
    after, which is all an update link can reach (see links.series_links)."""
    spans: dict[tuple[object, ...], list[float]] = {}
    for f, att in entries:
        if att.day is None or att.fact is None or att.stamp == 0.0:
            continue
        key = (f.lkey, scope_key(f.places), att.fact.origin)
        span = spans.setdefault(key, [att.stamp, att.stamp])
        span[0], span[1] = min(span[0], att.stamp), max(span[1], att.stamp)
    members: dict[object, set[int]] = {}
    wanted: dict[tuple[str, str | None, int], list[tuple[float, float]]] = defaultdict(list)
    reach = UPDATE_WINDOW_DAYS * 86400.0
    for (lkey, fscope, origin), (first, last) in spans.items():
        if origin not in members:
            members[origin] = _origin_members(sl, origin)  # type: ignore[arg-type]
        for sid in members[origin]:
            wanted[(lkey, fscope, sid)].append((first - reach, last + reach))  # type: ignore[index]
    if not wanted:
        return set()
    variants = [label for label in labels if _label_key(label) in {k[0] for k in wanted}]
    scopes = {k[1] for k in wanted}
    lo = min(a for spans_ in wanted.values() for a, _ in spans_)
    hi = max(b for spans_ in wanted.values() for _, b in spans_)
    hop0 = aliased(ChainHop)
    stmt = (
        select(Figure.claim_id, Figure.label, Figure.scope, hop0.source_id, Document.published)
        .join(Attribution, Attribution.id == Figure.attribution_id)
        .join(Document, Document.id == Attribution.document_id)
        .join(hop0, (hop0.attribution_id == Attribution.id) & (hop0.position == 0))
        .where(
            Figure.label.in_(variants),  # type: ignore[union-attr]
            or_(
                Figure.scope.in_([x for x in scopes if x] or [""]),  # type: ignore[union-attr]
                *([Figure.scope.is_(None)] if None in scopes else []),  # type: ignore[union-attr]
            ),
            Document.published.between(  # type: ignore[union-attr]
                datetime.fromtimestamp(lo, UTC), datetime.fromtimestamp(hi, UTC)
            ),
        )
    )
    found: set[int] = set()
    for claim_id, label, scope, sid, published in conn.execute(stmt):
        windows = wanted.get((_label_key(label), scope, sid))
        if not windows or published is None:
            continue
        when = stamp(published)
        if any(a <= when <= b for a, b in windows):
            found.add(claim_id)
    return found


def _text_candidates(seed_claims: list[ClaimRow], *, session: Session) -> set[int]:
    """Claims said within the fuzzy window that carry one of a seed's rarest words."""
    days = {a.day for c in seed_claims for a in c.atts}
    rng = _day_range(days, FUZZY_WINDOW_DAYS + 2)
    pool = (
        select(Attribution.claim_id, Claim.key)
        .join(Claim, Claim.id == Attribution.claim_id)
        .join(Document, Document.id == Attribution.document_id)
    )
    conn = session.connection()
    rows = []
    if rng is not None:
        rows += conn.execute(pool.where(_published_between(rng))).all()
    if None in days:
        rows += conn.execute(pool.where(Document.published.is_(None))).all()
    pool_words = {cid: set(key.split()) for cid, key in rows}
    df: Counter[str] = Counter(w for words in pool_words.values() for w in words)
    rare: set[str] = set()
    for c in seed_claims:
        words = [w for w in set(c.key.split()) if len(w) >= 3 and w not in STOPWORDS and df[w]]
        rare |= set(sorted(words, key=lambda w: (df[w], w))[:BLOCK_TOKENS])
    return {cid for cid, words in pool_words.items() if words & rare}


def _origin_members(sl: Slice, origin: tuple[object, ...]) -> set[int]:
    """Every source whose attributions have this origin key (an organisation's members,
    or the anonymous group itself)."""
    kind, ref = origin[0], origin[1]
    if kind == "anon":
        return {sid for sid in sl.sources.rows if sl.sources.canonical(sid) == ref}
    if kind == "org":
        return {sid for sid in sl.sources.rows if sl.sources.top(sid) == ref}
    return set()

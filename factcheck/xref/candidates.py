"""Where an incremental run looks for what new claims could merge or link with.

Only through indexes, never by reading the corpus: the same text
(``ix_claim_key``), links already made, figures of the same label in a related
stored scope within the date window and the figures of each seed origin's
series within the update window (``ix_figure_label_scope``), and claims
published within the fuzzy window (``ix_document_published``) that carry one
of a seed's rarest words and could pair with a seed.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from factcheck.db import one_of
from factcheck.models import Attribution, ChainHop, Claim, ClaimLink, Document, Figure
from factcheck.xref.copies import MAX_POSTING
from factcheck.xref.data import ClaimRow, Slice, _label_key
from factcheck.xref.links import BlockKey, Entry, SeriesKey, blocks_of, series_of
from factcheck.xref.matching import BLOCK_TOKENS, STOPWORDS, overlapping
from factcheck.xref.scope import (
    FIGURE_WINDOW_DAYS,
    FUZZY_WINDOW_DAYS,
    UPDATE_WINDOW_DAYS,
    day_number,
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


def link_partners(session: Session, claim_ids: Iterable[int]) -> set[int]:
    """The claims any stored link joins to one of `claim_ids`, either way round."""
    ids = set(claim_ids)
    partners = ids_of(session, select(ClaimLink.other_id), ClaimLink.claim_id, ids)
    return partners | ids_of(session, select(ClaimLink.claim_id), ClaimLink.other_id, ids)


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
    conn = session.connection()
    if (
        conn.execute(
            select(Document.id).where(~one_of(conn, Document.id, new_docs)).limit(1)
        ).first()
        is None
    ):
        return set()  # no other document
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
    if sl.check_complete(session=session):
        return set()
    seed_claims = [sl.claims[i] for i in seeds if i in sl.claims]
    found: set[int] = set()
    # Same text: a seed merges into such a claim, which keeps its own text (places may
    # differ: the key ignores case and punctuation) and its links are recomputed.
    same = ids_of(session, select(Claim.id), Claim.key, {c.key for c in seed_claims})
    found |= same
    sl.load_claims(same, session=session)
    found |= link_partners(session, seeds | same)
    found |= _figure_candidates(sl, seed_claims, session=session)
    survivors = seed_claims + [sl.claims[i] for i in same - seeds if i in sl.claims]
    found |= _text_candidates(sl, survivors, session=session)
    return found - seeds


def _figure_candidates(sl: Slice, seed_claims: list[ClaimRow], *, session: Session) -> set[int]:
    """Claims with a figure of the same label in a related scope within the figure window
    (agreement, conflict, sums); the series for updates are loaded after merging
    (``series_context``)."""
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
    labels = [label for label in sl.figure_labels(session=session) if _label_key(label) in lkeys]
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
        select(Figure.claim_id, Figure.scope, Attribution.said_at, Document.published)
        .join(Attribution, Attribution.id == Figure.attribution_id)
        .join(Document, Document.id == Attribution.document_id)
        .where(Figure.label.in_(labels))  # type: ignore[union-attr]
    )
    days = {a.day for _, a in entries}

    def within_window(where: Any, days: set[int | None]) -> list[Any]:
        rng = _day_range(days, FIGURE_WINDOW_DAYS + 2)
        rows: list[Any] = []
        if rng is not None:
            rows += conn.execute(base.where(where, _published_between(rng))).all()
        if None in days:
            rows += conn.execute(base.where(where, Document.published.is_(None))).all()
        return rows

    rows = within_window(scope_filter, days)
    found = {r[0] for r in rows}
    # A whole found through one of its places sums with figures for its other places
    # within the figure window of the whole (not of the seed).
    wholes = [r for r in rows if r[1] and "+" in r[1]]
    other_parts = {p for r in wholes for p in r[1].split("+")} - places
    if other_parts:
        whole_days = {day_number(r[2], r[3]) for r in wholes}
        found |= {r[0] for r in within_window(Figure.scope.in_(other_parts), whole_days)}  # type: ignore[union-attr]
    return found


def series_context(
    sl: Slice, involve: set[int], *, session: Session
) -> tuple[dict[SeriesKey, tuple[int, int]], set[int], dict[BlockKey, list[Entry]]]:
    """The series an incremental run recomputes, with the span of days each is loaded whole
    for, the ids of the stored automatic ``updates`` links they replace, and the figure
    blocks of every claim then loaded.

    Every series an involved claim has a figure in is recomputed around that figure
    (an update reaches ``UPDATE_WINDOW_DAYS``). A stored link between two claims of a
    recomputed span is replaced, so every series those two claims share (the same two
    claims can follow each other in two origins' series) must be loaded whole between
    them too, and so on until nothing widens: then a link is dropped only when no series
    makes it any more, as a full run would decide.
    """
    spans: dict[SeriesKey, tuple[int, int]] = {}

    def widen(key: SeriesKey, lo: int, hi: int) -> bool:
        old = spans.get(key)
        new = (lo, hi) if old is None else (min(old[0], lo), max(old[1], hi))
        if new == old:
            return False
        spans[key] = new
        return True

    reach = UPDATE_WINDOW_DAYS
    auto = (
        (ClaimLink.kind == "updates")
        & (ClaimLink.status == "auto")
        & (ClaimLink.method != "manual")
    )
    conn = session.connection()
    # A claim whose origin changed has left a series: its old neighbours there, the claims
    # it was linked to, now follow each other.
    linked = conn.execute(
        select(ClaimLink.claim_id, ClaimLink.other_id).where(
            auto,
            one_of(conn, ClaimLink.claim_id, involve) | one_of(conn, ClaimLink.other_id, involve),
        )
    ).all()
    sl.load_claims({x for pair in linked for x in pair}, session=session)
    keys: dict[int, set[SeriesKey]] = defaultdict(set)
    series = series_of(
        blocks_of(sl.claims[i] for i in involve | {x for p in linked for x in p} if i in sl.claims)
    )
    for key, entries in series.items():
        for e in entries:
            keys[e.claim].add(key)
            if e.claim in involve:
                widen(key, e.day - reach, e.day + reach)  # type: ignore[operator]
    for a, b in linked:
        for x, y in ((a, b), (b, a)):
            if x not in involve:
                for key in keys[x] - keys[y]:
                    for e in series[key]:
                        if e.claim == x:
                            widen(key, e.day - reach, e.day + reach)  # type: ignore[operator]
    loaded: dict[SeriesKey, tuple[int, int]] = {}
    while True:
        todo = {k: v for k, v in spans.items() if loaded.get(k) != v}
        sl.load_claims(_series_claims(sl, todo, session=session), session=session)
        loaded.update(todo)
        # claim -> series -> days of its figures there; claim -> the spans it is in
        days: dict[int, dict[SeriesKey, list[int]]] = defaultdict(lambda: defaultdict(list))
        within: dict[int, set[SeriesKey]] = defaultdict(set)
        blocks = blocks_of(sl.claims.values())
        for key, entries in series_of(blocks).items():
            span = spans.get(key)
            for e in entries:
                days[e.claim][key].append(e.day)  # type: ignore[arg-type]
                if span is not None and span[0] <= e.day <= span[1]:  # type: ignore[operator]
                    within[e.claim].add(key)
        conn = session.connection()
        # Both ends must be within: the other end is checked here, as SQLite would otherwise
        # look the link index up for every pair of the two id lists.
        stored = conn.execute(
            select(ClaimLink.id, ClaimLink.claim_id, ClaimLink.other_id).where(
                auto, one_of(conn, ClaimLink.claim_id, within)
            )
        ).all()
        replaced: set[int] = set()
        for link_id, a, b in stored:
            if b in within and within[a] & within[b]:
                replaced.add(link_id)
                for key in days[a].keys() & days[b].keys():
                    both = days[a][key] + days[b][key]
                    widen(key, min(both), max(both))
        if all(loaded.get(k) == v for k, v in spans.items()):
            return spans, replaced, blocks


def _series_claims(
    sl: Slice, spans: dict[SeriesKey, tuple[int, int]], *, session: Session
) -> set[int]:
    """Claims with a figure in one of these series (same label, scope and origin) said
    within its span of days."""
    if sl.complete:
        return set()
    wanted: dict[tuple[str, str | None, int], list[tuple[int, int]]] = defaultdict(list)
    members: dict[object, set[int]] = {}
    for (lkey, fscope, origin), span in spans.items():
        if origin not in members:
            members[origin] = _origin_members(sl, origin)
        for sid in members[origin]:
            wanted[(lkey, fscope, sid)].append(span)
    if not wanted:
        return set()
    conn = session.connection()
    variants = [
        label
        for label in sl.figure_labels(session=session)
        if _label_key(label) in {k[0] for k in wanted}
    ]
    scopes = {k[1] for k in wanted}
    lo = date.fromordinal(min(a for spans_ in wanted.values() for a, _ in spans_))
    hi = date.fromordinal(max(b for spans_ in wanted.values() for _, b in spans_))
    hop0 = aliased(ChainHop)
    stmt = (
        select(
            Figure.claim_id,
            Figure.label,
            Figure.scope,
            hop0.source_id,
            Attribution.said_at,
            Document.published,
        )  # fmt: skip
        .join(Attribution, Attribution.id == Figure.attribution_id)
        .join(Document, Document.id == Attribution.document_id)
        .join(hop0, (hop0.attribution_id == Attribution.id) & (hop0.position == 0))
        .where(
            Figure.label.in_(variants),  # type: ignore[union-attr]
            or_(
                Figure.scope.in_([x for x in scopes if x] or [""]),  # type: ignore[union-attr]
                *([Figure.scope.is_(None)] if None in scopes else []),  # type: ignore[union-attr]
            ),
            or_(
                Attribution.said_at.between(lo, hi),  # type: ignore[union-attr]
                Attribution.said_at.is_(None)  # type: ignore[union-attr]
                & Document.published.between(  # type: ignore[union-attr]
                    datetime.combine(lo, datetime.min.time(), UTC) - timedelta(days=1),
                    datetime.combine(hi, datetime.min.time(), UTC) + timedelta(days=2),
                ),
            ),
        )
    )
    found: set[int] = set()
    for claim_id, label, fscope, sid, said_at, published in conn.execute(stmt):
        windows = wanted.get((_label_key(label), fscope, sid))  # type: ignore[arg-type]
        day = day_number(said_at, published)
        if windows and day is not None and any(a <= day <= b for a, b in windows):
            found.add(claim_id)
    return found


def _text_candidates(sl: Slice, seed_claims: list[ClaimRow], *, session: Session) -> set[int]:
    """Claims said within the fuzzy window that carry one of a seed's rarest words and
    could pair with a seed: the same places and most of the smaller set of significant
    tokens shared (``matching.comparable`` and ``overlapping``, which every fuzzy pair
    passes, merging or linking). Their texts are read and derived to check that, which
    costs far less than loading every claim that shares a word."""
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
    sharing = [cid for cid, words in pool_words.items() if words & rare]
    if not sharing:
        return set()
    seed_sigs: dict[frozenset[str], list[frozenset[str]]] = defaultdict(list)
    for c in seed_claims:
        seed_sigs[c.places].append(c.sig)
    found = set()
    texts = conn.execute(select(Claim.id, Claim.text).where(one_of(conn, Claim.id, sharing)))
    for cid, text in texts:
        _, sig, _, places, _, _ = sl.derived(text)
        sigs = seed_sigs.get(frozenset(key for _, key in places))
        if sigs and any(overlapping(seed_sig, sig) for seed_sig in sigs):
            found.add(cid)
    return found


def _origin_members(sl: Slice, origin: tuple[object, ...]) -> set[int]:
    """Every source whose attributions have this origin key (an organisation's members,
    or the anonymous group itself)."""
    kind, ref = origin[0], origin[1]
    if kind == "anon":
        return {sid for sid in sl.sources.rows if sl.sources.canonical(sid) == ref}
    if kind == "org":
        return {sid for sid in sl.sources.rows if sl.sources.top(sid) == ref}
    return set()

"""Cross-referencing runs: everything from scratch, or just what some new documents touch.

``xref_all`` recomputes copies, merges, links and flags for the whole ledger.
``xref_documents`` does the same for documents just stored: it compares them
only with candidates found through indexes (same fingerprint, same claim
text, same figure label within the date window or from the same origin,
claims published within the fuzzy window) and recomputes only the claims
whose evidence changed. Both keep every manual decision: links confirmed or
rejected by a person (and links made by hand), copy links made by hand, and
source merges (origins are always resolved through ``merged_into_id``).
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from sqlalchemy import delete, insert, or_, select
from sqlmodel import Session

from factcheck.db import executemany, insert_rows, one_of
from factcheck.models import Attribution, ChainHop, ClaimLink, utcnow
from factcheck.xref import copies
from factcheck.xref.candidates import (
    candidates,
    copy_candidates,
    ids_of,
    link_partners,
    series_context,
)
from factcheck.xref.data import (
    MANUAL,
    ClaimRow,
    Slice,
    delete_where_in,
    remap,
)
from factcheck.xref.flags import DisputeMatcher, claim_flags
from factcheck.xref.independence import SourceIndex
from factcheck.xref.links import (
    BlockKey,
    Entry,
    Link,
    SeriesKey,
    apply_manual,
    blocks_of,
    compare_figures,
    compare_sums,
    decide,
    series_links,
)
from factcheck.xref.matching import (
    MERGE_RATIO,
    BlockItem,
    MergePlan,
    Normaliser,
    Scored,
    blocked_pairs,
    comparable,
    near,
    overlapping,
    plan_merges,
    score_joined,
)
from factcheck.xref.scope import FIGURE_WINDOW_DAYS, FUZZY_WINDOW_DAYS, scope_key

AGREEING = ("corroborates", "repeats")
# Up to this many new claims are compared with every loaded candidate; a bigger batch
# is blocked by rare tokens like a full run (the exhaustive loop grows as new × loaded).
EXHAUSTIVE_MAX = 500


@dataclass
class XrefStats:
    """What a run did."""

    documents: int = 0
    copies: int = 0  # documents that are copies of an earlier one
    shared_paragraphs: int = 0
    claims: int = 0  # claims after merging
    merged: int = 0  # claims folded into another
    links: dict[str, int] = field(default_factory=dict)
    flags: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


# --- merging -------------------------------------------------------------------------


def _exact_pairs(claims: Iterable[ClaimRow], involve: set[int] | None) -> list[tuple[int, int]]:
    """Claims with the same normalised text: all figureless ones, and any two said within the
    figure window of each other (undated only with undated) when one carries figures.

    Merging is transitive, so a chain is enough: the figureless claims one after another,
    then every day a claim of the text was said to the next such day when they are close
    enough. That links two claims exactly when some path of close days joins them, whatever
    order the claims were stored in (a claim said on several days is reached from each).
    """
    groups: dict[str, list[ClaimRow]] = defaultdict(list)
    for c in claims:
        groups[c.key].append(c)
    pairs: list[tuple[int, int]] = []
    for group in groups.values():
        if len(group) < 2:
            continue
        if involve is not None and not any(c.id in involve for c in group):
            continue
        plain = sorted(c.id for c in group if not c.figs)
        undated = sorted(c.id for c in group if None in c.days)
        pairs.extend(zip(plain, plain[1:], strict=False))
        pairs.extend(zip(undated, undated[1:], strict=False))
        said = sorted((day, c.id) for c in group for day in c.days if day is not None)
        for (day_a, a), (day_b, b) in zip(said, said[1:], strict=False):
            if a != b and day_b - day_a <= FIGURE_WINDOW_DAYS:
                pairs.append((min(a, b), max(a, b)))
    return pairs


def _fuzzy_candidates(
    claims: dict[int, ClaimRow], involve: set[int] | None, *, merging: bool
) -> set[tuple[int, int]]:
    """Candidate pairs from token blocks within the fuzzy window.

    For `merging`, only pairs that could merge: the same places, figures and denial.
    """
    items = {c.id: _block_item(c, merging) for c in claims.values()}
    if involve is None or len(involve) > EXHAUSTIVE_MAX:
        pairs = blocked_pairs(list(items.values()), days=FUZZY_WINDOW_DAYS)
        if involve is not None:
            pairs = {p for p in pairs if p[0] in involve or p[1] in involve}
        return pairs
    # Few new claims: compare each with every loaded candidate that could match.
    pairs = set()
    for s in (items[i] for i in involve if i in items):
        for c in items.values():
            if (
                c.id != s.id
                and comparable(s, c)
                and overlapping(s.tokens, c.tokens)
                and near(s.days, c.days, FUZZY_WINDOW_DAYS)
            ):
                pairs.add((min(s.id, c.id), max(s.id, c.id)))
    return pairs


def _fuzzy_pairs(
    claims: dict[int, ClaimRow], involve: set[int] | None
) -> dict[tuple[int, int], Scored]:
    """Scored candidate pairs from token blocks within the fuzzy window."""
    out = {}
    for a, b in _fuzzy_candidates(claims, involve, merging=False):
        ca, cb = claims[a], claims[b]
        denial = (ca.tokens, cb.tokens) if ca.denial != cb.denial else None
        out[(a, b)] = score_joined(ca.joined, cb.joined, ca.sorted_joined, cb.sorted_joined, denial)
    return out


def _block_item(c: ClaimRow, merging: bool = False) -> BlockItem:
    labelled = frozenset(
        (f.lkey, f.interval.low, f.interval.high) for f in c.figs if f.lkey is not None
    )
    # Blocks are per place set; for merging, per place set, figures and denial too (only
    # those can merge): the same pairs among them, far fewer pairs to look at.
    if merging:
        group = (c.places, c.denial, c.figure_signature())
        return BlockItem(c.id, c.days, c.sig, group, labelled or None)
    # Text links only a claim and its denial, or two claims with the same numbers of which
    # at most one has labelled figures (links.decide): a claim meets only those.
    posted = (("same", c.denial, c.numbers, bool(labelled)), ("denial", c.denial))
    visits = [("same", c.denial, c.numbers, False), ("denial", not c.denial)]
    if not labelled:
        visits.append(("same", c.denial, c.numbers, True))
    return BlockItem(c.id, c.days, c.sig, c.places, labelled or None, posted, tuple(visits))


def _apply(sl: Slice, plan: MergePlan) -> None:
    """Fold merged claims into their survivors in memory."""
    for dropped, keep in plan.into.items():
        gone = sl.claims.pop(dropped)
        survivor = sl.claims[keep]
        for att in gone.atts:
            att.claim_id = keep
        for fig in gone.figs:
            fig.claim_id = keep
        # In id order, as a claim loaded with them stored under it has them: what is
        # derived from them must not depend on whether claims merged here or earlier.
        survivor.atts = sorted(survivor.atts + gone.atts, key=lambda a: a.id)
        survivor.figs = sorted(survivor.figs + gone.figs, key=lambda f: f.id)
        survivor.forget_days()
        survivor.denial = survivor.denial or gone.denial


def merge_claims(
    sl: Slice, involve: set[int] | None
) -> tuple[dict[int, int], dict[tuple[int, int], Scored]]:
    """Merge claims carrying the same sentence; returns (dropped -> survivor, scored text pairs)."""
    plan1 = plan_merges(
        _exact_pairs(sl.claims.values(), involve), rejected=sl.rejected, pinned=sl.pinned
    )
    _apply(sl, plan1)
    if involve is not None:
        involve = {plan1.survivor(i) for i in involve}

    def mergeable(a: ClaimRow, b: ClaimRow) -> bool:
        window = FIGURE_WINDOW_DAYS if a.figs or b.figs else FUZZY_WINDOW_DAYS
        return (
            a.places == b.places
            and a.denial == b.denial
            and a.figure_signature() == b.figure_signature()
            and near(a.days, b.days, window)
        )

    fuzzy = []
    for a, b in _fuzzy_candidates(sl.claims, involve, merging=True):
        ca, cb = sl.claims[a], sl.claims[b]
        if mergeable(ca, cb):
            ratio = fuzz.ratio(ca.joined, cb.joined, score_cutoff=MERGE_RATIO)
            if ratio:
                fuzzy.append((ratio, a, b))
    fuzzy.sort(key=lambda t: (-t[0], t[1], t[2]))
    plan2 = plan_merges(
        [(a, b) for _, a, b in fuzzy],
        rejected=sl.rejected,
        pinned=sl.pinned,
    )
    _apply(sl, plan2)
    into = {d: plan2.survivor(s) for d, s in plan1.into.items()}
    into.update(plan2.into)
    # Links are judged on the texts of the claims that remain, blocked among them, as the
    # next run will see them: a folded claim's wording links nothing any more.
    if involve is not None:
        involve = {plan2.survivor(i) for i in involve}
    return into, _fuzzy_pairs(sl.claims, involve)


def _write_merges(into: dict[int, int], *, session: Session, full: bool) -> None:
    """Re-point merged claims' attributions and figures, move manual decisions, delete them.

    A full run first drops every automatic link (they are recomputed anyway).
    """
    if not into:
        return
    remap(session, "attribution", "claim_id", into)
    remap(session, "figure", "claim_id", into)
    conn = session.connection()
    manual = or_(ClaimLink.status.in_(MANUAL), ClaimLink.method == "manual")  # type: ignore[attr-defined]
    cols = (
        ClaimLink.id, ClaimLink.claim_id, ClaimLink.other_id, ClaimLink.kind, ClaimLink.method,
        ClaimLink.score, ClaimLink.status, ClaimLink.why, ClaimLink.decided_by, ClaimLink.created_at,
    )  # fmt: skip
    names = [c.key for c in cols]
    kept = [
        dict(zip(names, row, strict=True))
        for row in conn.execute(select(*cols).where(manual)).all()
        if row[1] in into or row[2] in into
    ]
    if full:
        conn.execute(delete(ClaimLink).where(~manual))
    delete_where_in(session, "claimlink", "claim_id", into)
    delete_where_in(session, "claimlink", "other_id", into)
    for values in kept:
        a, b = (
            into.get(values["claim_id"], values["claim_id"]),
            into.get(values["other_id"], values["other_id"]),
        )
        if a == b:
            continue
        # The person's decision moves to the surviving claim unless one is already there.
        exists = conn.execute(
            select(ClaimLink.id).where(
                ClaimLink.claim_id == a, ClaimLink.other_id == b, ClaimLink.kind == values["kind"]
            )
        ).first()
        if exists is None:
            values.pop("id")
            conn.execute(insert(ClaimLink), [{**values, "claim_id": a, "other_id": b}])
    delete_where_in(session, "review", "claim_id", into)
    delete_where_in(session, "claim", "id", into)


# --- links ---------------------------------------------------------------------------


def compute_links(
    sl: Slice,
    text: dict[tuple[int, int], Scored],
    involve: set[int] | None,
    spans: Mapping[SeriesKey, tuple[int, int]] | None = None,
    blocks: dict[BlockKey, list[Entry]] | None = None,
) -> list[Link]:
    """Links for pairs involving `involve` (all when None) and within the series `spans`.

    `blocks` are the claims' figure blocks when already made (``series_context``).
    """
    if blocks is None:
        blocks = blocks_of(sl.claims.values())
    figures = compare_figures(blocks, involve)
    sums = compare_sums(blocks, involve)
    updates = series_links(blocks, None if involve is None else spans or {})
    if involve is not None:
        text = {k: v for k, v in text.items() if k[0] in involve or k[1] in involve}
    links = decide(sl.claims, figures, sums, text, updates)
    return apply_manual(links, sl.manual)


def _write_links(
    links: list[Link], *, session: Session, involve: set[int] | None, replaced: set[int]
) -> None:
    """Store links: all of them, or those of `involve` and the stored `replaced` ones (ids)."""
    auto = (ClaimLink.status == "auto") & (ClaimLink.method != "manual")
    if involve is None:
        session.connection().execute(delete(ClaimLink).where(auto))
    else:
        session.connection().execute(
            delete(ClaimLink).where(
                auto,
                one_of(session, ClaimLink.claim_id, involve)
                | one_of(session, ClaimLink.other_id, involve),
            )
        )
        delete_where_in(session, "claimlink", "id", replaced)
    now = utcnow()
    rows = [
        {
            "claim_id": link.claim_id,
            "other_id": link.other_id,
            "kind": link.kind,
            "method": link.method,
            "score": link.score,
            "status": "auto",
            "why": link.why,
            "created_at": now,
        }
        for link in links
    ]
    outside = (
        []
        if involve is None
        else [r for r in rows if r["claim_id"] not in involve and r["other_id"] not in involve]
    )
    if outside:
        # Links between two claims outside `involve` may already be stored (unchanged).
        stored = select(ClaimLink.claim_id, ClaimLink.other_id, ClaimLink.kind).where(
            one_of(session, ClaimLink.claim_id, {r["claim_id"] for r in outside})
        )
        existing = {tuple(r) for r in session.connection().execute(stored).all()}
        rows = [r for r in rows if (r["claim_id"], r["other_id"], r["kind"]) not in existing]
    insert_rows(session, ClaimLink, rows)


# --- flags and caches ----------------------------------------------------------------


def refresh_claims(
    sl: Slice,
    claim_ids: Iterable[int] | None,
    *,
    session: Session,
    disputes: DisputeMatcher | None = None,
) -> Counter[str]:
    """Recompute flags, independent_origins, documents and scopes of claims, and store changes."""
    disputes = disputes or DisputeMatcher.load(session=session)
    link_q = select(ClaimLink.claim_id, ClaimLink.other_id, ClaimLink.kind).where(
        ClaimLink.status != "rejected"
    )
    if claim_ids is None:
        targets = list(sl.claims)
        link_rows = session.connection().execute(link_q).all()
    else:
        targets = sorted(set(claim_ids))
        link_rows = (
            session.connection()
            .execute(
                link_q.where(
                    one_of(session, ClaimLink.claim_id, targets)
                    | one_of(session, ClaimLink.other_id, targets)
                )
            )
            .all()
        )
    partners: dict[int, set[int]] = defaultdict(set)
    contradicted: set[int] = set()
    for a, b, kind in link_rows:
        if kind in AGREEING:
            partners[a].add(b)
            partners[b].add(a)
        elif kind == "contradicts":
            contradicted |= {a, b}
    if claim_ids is not None:
        needed = set(targets) | {p for t in targets for p in partners.get(t, ())}
        sl.load_claims(needed - set(sl.claims), session=session)
    claim_updates = []
    figure_updates = []
    counts: Counter[str] = Counter()
    for cid in targets:
        claim = sl.claims.get(cid)
        if claim is None:
            continue
        origins = [(a.fact, a.source) for a in claim.atts if a.fact is not None]
        for p in sorted(partners.get(cid, ())):
            other = sl.claims.get(p)
            if other is not None:
                origins += [(a.fact, a.source) for a in other.atts if a.fact is not None]
        verdict = claim_flags(
            own=[
                (a.speaker_id, a.speaker_text, a.kind, a.hedged, a.document_id) for a in claim.atts
            ],
            origins=origins,
            text=claim.text,
            contradicted=cid in contradicted,
            sources=sl.sources,
            disputes=disputes,
        )
        flags = ",".join(verdict.flags)
        counts.update(verdict.flags)
        labelled = sorted((f for f in claim.figs if f.lkey), key=lambda f: f.id)
        scope = scope_key(labelled[0].places) if labelled else scope_key(claim.places)
        if (flags, verdict.independent_origins, verdict.documents, scope) != (
            claim.flags,
            claim.independent_origins,
            claim.documents,
            claim.scope,
        ):
            claim.flags, claim.independent_origins, claim.documents, claim.scope = (
                flags, verdict.independent_origins, verdict.documents, scope,
            )  # fmt: skip
            claim_updates.append(
                (flags, verdict.independent_origins, verdict.documents, scope, cid)
            )
        for f in claim.figs:
            fscope = scope_key(f.places)
            if fscope != f.scope:
                f.scope = fscope
                figure_updates.append((fscope, f.id))
    executemany(
        session,
        "UPDATE claim SET flags = ?, independent_origins = ?, documents = ?, scope = ? WHERE id = ?",
        claim_updates,
    )
    executemany(session, "UPDATE figure SET scope = ? WHERE id = ?", figure_updates)
    return counts


# --- runs ----------------------------------------------------------------------------


def _roomy_cache(session: Session) -> None:
    """Give SQLite a page cache that holds the indexes a full run rewrites (default: 2 MB)."""
    conn = session.connection()
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("PRAGMA cache_size = -262144")  # KiB: 256 MB at most


def xref_all(*, session: Session) -> XrefStats:
    """Recompute copies, claim merges, links and flags for the whole ledger."""
    started = time.perf_counter()
    session.flush()
    _roomy_cache(session)
    graph = copies.detect_all(session=session)
    copies.write_links(graph, session=session)
    sl = Slice(
        sources=SourceIndex.load(session=session), normaliser=Normaliser.load(session=session)
    )
    sl.load_claims(None, session=session)
    sl.load_decisions(None, session=session)
    into, text = merge_claims(sl, None)
    _write_merges(into, session=session, full=True)
    links = compute_links(sl, text, None)
    _write_links(links, session=session, involve=None, replaced=set())
    flag_counts = refresh_claims(sl, None, session=session)
    session.flush()
    session.expire_all()
    return XrefStats(
        documents=len(graph.docs),
        copies=sum(1 for d in graph.docs if graph.root(d) != d),
        shared_paragraphs=len(graph.shared),
        claims=len(sl.claims),
        merged=len(into),
        links=dict(Counter(link.kind for link in links)),
        flags=dict(flag_counts),
        seconds=round(time.perf_counter() - started, 3),
    )


def xref_documents(
    document_ids: Iterable[int],
    *,
    session: Session,
    sources: Iterable[int] = (),
    sketches: Mapping[int, bytes] | None = None,
) -> XrefStats:
    """Cross-reference documents just stored, touching only what they can change.

    `sources` are sources whose kind, side, parent or merge changed since the last run
    (storing fills in what a known source lacked): the claims attributed through them,
    or through a source under them, are judged again too, as their origins may differ.
    `sketches` are the documents' copy-detection sketches when already made
    (``copies.document_sketch``, by document id).
    """
    started = time.perf_counter()
    new_set = set(document_ids)
    new_docs = sorted(new_set)
    changed_sources = set(sources)
    if not new_docs and not changed_sources:
        return XrefStats()
    session.flush()
    # 1. Copies, among documents that share a fingerprint or a claim text with the new ones.
    cand_docs = copy_candidates(new_docs, session=session)
    graph, changed_docs = copies.detect_for(new_docs, cand_docs, session=session, known=sketches)
    copies.write_links(graph, session=session, doc_ids=changed_docs)
    # 2. The claims those documents carry, and everything they could merge or link with.
    seeds = ids_of(session, select(Attribution.claim_id), Attribution.document_id, changed_docs)
    sl = Slice(
        sources=SourceIndex.load(session=session), normaliser=Normaliser.load(session=session)
    )
    if changed_sources:
        judged = sl.sources.under(changed_sources)
        seeds |= ids_of(session, select(Attribution.claim_id), Attribution.speaker_id, judged)
        seeds |= ids_of(
            session,
            select(Attribution.claim_id).join(ChainHop, ChainHop.attribution_id == Attribution.id),
            ChainHop.source_id,
            judged,
        )
    seeds.discard(None)  # type: ignore[arg-type]
    sl.load_claims(seeds, session=session)
    found = candidates(sl, seeds, session=session)
    sl.load_claims(found, session=session)
    sl.load_decisions(set(sl.claims), session=session)
    # 3. Merge, link, flag.
    into, text = merge_claims(sl, set(seeds))
    involve = {into.get(i, i) for i in seeds} | set(into.values())
    # A stored claim that absorbed a seed has its links redone: its partners must be loaded.
    absorbed = involve - seeds
    if absorbed:
        partners = link_partners(session, absorbed)
        if sl.load_claims(partners - set(into), session=session):
            text = _fuzzy_pairs(sl.claims, involve)
    # Whoever was linked to a claim whose links are redone may lose that link: their
    # flags are redone too.
    relinked = involve | set(into)
    old_partners = link_partners(session, relinked)
    _write_merges(into, session=session, full=False)
    spans, replaced, blocks = series_context(sl, involve, session=session)
    links = compute_links(sl, text, involve, spans, blocks)
    _write_links(links, session=session, involve=relinked, replaced=replaced)
    session.flush()
    touched = involve | {into.get(p, p) for p in old_partners}
    touched |= {k.claim_id for k in links} | {k.other_id for k in links}
    touched = {t for t in touched if t not in into}
    flag_counts = refresh_claims(sl, touched, session=session)
    session.flush()
    session.expire_all()
    return XrefStats(
        documents=len(new_docs),
        copies=sum(1 for d in new_docs if graph.root(d) != d),
        shared_paragraphs=len(graph.shared),
        claims=len(sl.claims),
        merged=len(into),
        links=dict(
            Counter(
                link.kind for link in links if link.claim_id in involve or link.other_id in involve
            )
        ),
        flags=dict(flag_counts),
        seconds=round(time.perf_counter() - started, 3),
    )

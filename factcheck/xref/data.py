"""The part of the ledger a cross-referencing run works on, loaded with plain column queries.

ORM objects are too slow for a hundred thousand claims; these are small
slotted records filled from ``select(columns)`` rows. ``load_claims(None)``
loads everything; ``load_claims(ids)`` just those claims with their
attributions, chains and figures.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import or_, select, text
from sqlmodel import Session

from factcheck import parallel
from factcheck.db import executemany, in_chunks, one_of
from factcheck.figures import Interval, label_key
from factcheck.models import (
    Attribution,
    ChainHop,
    Claim,
    ClaimLink,
    Document,
    Figure,
    Review,
    ReviewEvent,
)
from factcheck.xref.independence import OriginFact, OriginKey, SourceIndex, origin_of
from factcheck.xref.matching import Normaliser, is_denial, numbers_of, significant
from factcheck.xref.scope import day_number, figure_places, places_at, scope_key

MANUAL = ("confirmed", "rejected")


def remap(session: Session, table: str, column: str, mapping: dict[int, int]) -> None:
    """Set `column` to mapping[old] wherever it holds an old value.

    PostgreSQL gets one statement joining the table to the mapping as two arrays
    (a statement per row would cost a round trip each); SQLite, in process, one
    indexed ``UPDATE … WHERE column = ?`` per old value through the driver, in
    turn: so no new value may also be an old one (merge plans map to survivors).
    """
    if not mapping:
        return
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        olds = list(mapping)
        conn.execute(
            text(
                f"UPDATE {table} SET {column} = m.new "
                "FROM unnest(CAST(:olds AS bigint[]), CAST(:news AS bigint[])) AS m(old, new) "
                f"WHERE {table}.{column} = m.old"
            ),
            {"olds": olds, "news": [mapping[o] for o in olds]},
        )
        return
    executemany(
        session,
        f"UPDATE {table} SET {column} = ? WHERE {column} = ?",
        [(new, old) for old, new in sorted(mapping.items())],
    )


def delete_where_in(session: Session, table: str, column: str, values: Iterable[int]) -> None:
    """``DELETE FROM table WHERE column IN (…)``: one array on PostgreSQL, one indexed
    delete per value through the driver on SQLite."""
    conn = session.connection()
    values = sorted(set(values))
    if not values:
        return
    if conn.dialect.name == "postgresql":
        conn.execute(
            text(f"DELETE FROM {table} WHERE {column} = ANY(CAST(:values AS bigint[]))"),
            {"values": values},
        )
        return
    executemany(session, f"DELETE FROM {table} WHERE {column} = ?", [(v,) for v in values])


@dataclass(slots=True)
class Doc:
    id: int
    outlet_key: str
    day: int | None
    cluster: int  # earliest copy, or the document itself
    stamp: float  # publication time for ordering, 0 when unknown


@dataclass(slots=True)
class Att:
    id: int
    document_id: int
    claim_id: int
    speaker_id: int | None
    speaker_text: str | None
    kind: str
    hedged: bool
    cue: str | None
    day: int | None
    hops: tuple[int, ...] = ()
    fact: OriginFact | None = None
    source: int | None = None  # origin source (canonical), None for an outlet origin
    stamp: float = 0.0


@dataclass(slots=True)
class Fig:
    id: int
    claim_id: int
    attribution_id: int | None
    value: float
    interval: Interval
    label: str | None
    lkey: str | None
    qualifier: str
    unit: str | None
    text: str | None
    scope: str | None  # as stored
    places: frozenset[str] = frozenset()


@dataclass(slots=True)
class ClaimRow:
    id: int
    text: str
    key: str
    label: str | None
    scope: str | None
    flags: str
    independent_origins: int
    documents: int
    atts: list[Att] = field(default_factory=list)
    figs: list[Fig] = field(default_factory=list)
    tokens: tuple[str, ...] = ()
    sig: frozenset[str] = frozenset()
    numbers: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()
    denial: bool = False
    joined: str = ""  # tokens joined by spaces, for ratio
    sorted_joined: str = ""  # tokens sorted then joined, for token-sort ratio
    _days: list[int | None] | None = None

    @property
    def days(self) -> list[int | None]:
        """Days its attributions were made on, sorted, undated last ([None] when none is dated)."""
        if self._days is None:
            self._days = sorted({a.day for a in self.atts}, key=lambda d: (d is None, d or 0)) or [
                None
            ]
        return self._days

    def forget_days(self) -> None:
        self._days = None

    @property
    def origins(self) -> set[OriginKey]:
        return {a.fact.origin for a in self.atts if a.fact is not None}

    @property
    def facts(self) -> list[OriginFact]:
        return [a.fact for a in self.atts if a.fact is not None]

    def figure_signature(self) -> frozenset[tuple[str | None, float | None, float | None]]:
        return frozenset((f.lkey, f.interval.low, f.interval.high) for f in self.figs)


def stamp(published: datetime | None) -> float:
    """Seconds since the epoch of a published time (naive times are UTC); 0.0 when unknown."""
    if published is None:
        return 0.0
    return (published if published.tzinfo else published.replace(tzinfo=UTC)).timestamp()


@dataclass
class Slice:
    """Claims, their attributions, figures and documents, plus what the rules need to judge them."""

    claims: dict[int, ClaimRow] = field(default_factory=dict)
    docs: dict[int, Doc] = field(default_factory=dict)
    sources: SourceIndex = field(default_factory=SourceIndex)
    normaliser: Normaliser = field(default_factory=Normaliser)
    pinned: set[int] = field(default_factory=set)
    rejected: set[frozenset[int]] = field(default_factory=set)
    # manual decisions on links: (frozenset{a, b}, kind) -> status
    manual: dict[tuple[frozenset[int], str], str] = field(default_factory=dict)
    # text -> values derived from it; copies of a sentence share them
    _derived: dict[str, Derived] = field(default_factory=dict)
    _origins: dict[tuple[object, ...], tuple[OriginKey, int | None, frozenset[OriginKey]]] = field(
        default_factory=dict
    )
    _labels: list[str] | None = None
    complete: bool = False  # every stored claim is loaded: nothing more to look for
    # one Interval object per distinct interval: comparisons are remembered by identity
    _intervals: dict[tuple[object, ...], Interval] = field(default_factory=dict)

    def figure_labels(self, *, session: Session) -> list[str]:
        """Every distinct figure label stored (read once per run)."""
        if self._labels is None:
            rows = session.connection().execute(select(Figure.label).distinct()).all()
            self._labels = sorted(r[0] for r in rows if r[0])
        return self._labels

    def load_docs(self, ids: Iterable[int] | None, *, session: Session) -> None:
        cols = (Document.id, Document.outlet_key, Document.published, Document.copy_of_id)
        if ids is None:
            rows: Iterable[Sequence[object]] = session.connection().execute(select(*cols)).all()
        else:
            wanted = [i for i in set(ids) if i not in self.docs]
            rows = (
                session.connection()
                .execute(
                    select(*cols).where(one_of(session, Document.id, wanted)).order_by(Document.id)
                )
                .all()
            )
        for doc_id, outlet_key, published, copy_of in rows:
            self.docs[doc_id] = Doc(  # type: ignore[index]
                doc_id,  # type: ignore[arg-type]
                outlet_key or "",  # type: ignore[arg-type]
                day_number(None, published),  # type: ignore[arg-type]
                copy_of or doc_id,  # type: ignore[arg-type]
                stamp(published),  # type: ignore[arg-type]
            )

    def load_claims(
        self, ids: Iterable[int] | None, *, session: Session, derive: bool = True
    ) -> list[int]:
        """Load claims (all when `ids` is None) with attributions, hops and figures; returns new ids.

        `derive` False skips what only matching needs (tokens, places, figure scopes).
        """
        claim_cols = (
            Claim.id, Claim.text, Claim.key, Claim.label, Claim.scope, Claim.flags,
            Claim.independent_origins, Claim.documents,
        )  # fmt: skip
        att_cols = (
            Attribution.id, Attribution.document_id, Attribution.claim_id, Attribution.speaker_id,
            Attribution.speaker_text, Attribution.kind, Attribution.hedged, Attribution.cue_text,
            Attribution.said_at,
        )  # fmt: skip
        fig_cols = (
            Figure.id, Figure.claim_id, Figure.attribution_id, Figure.value, Figure.low,
            Figure.high, Figure.low_open, Figure.high_open, Figure.label, Figure.qualifier,
            Figure.unit, Figure.text, Figure.scope,
        )  # fmt: skip
        if ids is None:
            self.complete = True
            claim_rows = session.connection().execute(select(*claim_cols)).all()
            att_rows = (
                session.connection()
                .execute(
                    select(*att_cols)
                    .where(Attribution.claim_id.is_not(None))  # type: ignore[union-attr]
                    .order_by(Attribution.id)
                )
                .all()
            )
            hop_rows = (
                session.connection()
                .execute(
                    select(ChainHop.attribution_id, ChainHop.source_id).order_by(
                        ChainHop.attribution_id, ChainHop.position
                    )
                )
                .all()
            )
            fig_rows = session.connection().execute(select(*fig_cols).order_by(Figure.id)).all()
        else:
            wanted = sorted(set(ids) - set(self.claims))
            if self.complete or not wanted:
                return []
            conn = session.connection()
            # Claims in id order on either backend: the slice keeps them in that order.
            claim_rows = conn.execute(
                select(*claim_cols).where(one_of(conn, Claim.id, wanted)).order_by(Claim.id)
            ).all()
            att_rows = conn.execute(
                select(*att_cols).where(one_of(conn, Attribution.claim_id, wanted))
            ).all()
            fig_rows = conn.execute(
                select(*fig_cols).where(one_of(conn, Figure.claim_id, wanted)).order_by(Figure.id)
            ).all()
            hop_rows = conn.execute(
                select(ChainHop.attribution_id, ChainHop.source_id)
                .where(one_of(conn, ChainHop.attribution_id, [r[0] for r in att_rows]))
                .order_by(ChainHop.attribution_id, ChainHop.position)
            ).all()
        new_ids = []
        for row in claim_rows:
            claim = ClaimRow(*row)  # type: ignore[arg-type]
            self.claims[claim.id] = claim
            new_ids.append(claim.id)
        hops: dict[int, list[int]] = defaultdict(list)
        for att_id, source_id in hop_rows:
            hops[att_id].append(source_id)
        self.load_docs(None if ids is None else {r[1] for r in att_rows}, session=session)
        if ids is not None:
            self.sources.ensure(
                {s for hs in hops.values() for s in hs}
                | {r[3] for r in att_rows if r[3] is not None},
                session=session,
            )
        if ids is not None:
            att_rows.sort(key=lambda r: r[0])  # each claim's attributions in id order
        for aid, doc_id, claim_id, speaker_id, speaker_text, kind, hedged, cue, said_at in att_rows:
            claim = self.claims.get(claim_id)
            if claim is None:
                continue
            doc = self.docs.get(doc_id)
            att = Att(
                aid, doc_id, claim_id, speaker_id, speaker_text, kind, bool(hedged), cue,
                day_number(said_at, None) if said_at is not None else (doc.day if doc else None),
                tuple(hops.get(aid, ())),
            )  # fmt: skip
            att.stamp = doc.stamp if doc else 0.0
            claim.atts.append(att)
        intervals = self._intervals
        for row in fig_rows:
            (
                fid,
                claim_id,
                att_id,
                value,
                low,
                high,
                low_open,
                high_open,
                label,
                qual,
                unit,
                text,
                scope,
            ) = row
            claim = self.claims.get(claim_id)
            if claim is None:
                continue
            if low is None and high is None:
                low = high = value
            bounds = (low, high, bool(low_open), bool(high_open))
            interval = intervals.get(bounds)
            if interval is None:
                interval = intervals[bounds] = Interval(*bounds)
            claim.figs.append(
                Fig(
                    fid,
                    claim_id,
                    att_id,
                    value,
                    interval,
                    label,
                    _label_key(label),
                    qual,
                    unit,
                    text,
                    scope,
                )  # fmt: skip
            )
        if derive:
            self._derive_texts({self.claims[cid].text for cid in new_ids})
        for cid in new_ids:
            if derive:
                self.prepare(self.claims[cid])
            else:
                for att in self.claims[cid].atts:
                    self.judge_origin(att)
        return new_ids

    def check_complete(self, *, session: Session) -> bool:
        """Whether every stored claim is loaded (a first ingest loads them all as seeds)."""
        if not self.complete:
            conn = session.connection()
            other = conn.execute(
                select(Claim.id).where(~one_of(conn, Claim.id, self.claims)).limit(1)
            ).first()
            self.complete = other is None
        return self.complete

    def _derive_texts(self, texts: set[str]) -> None:
        """Values derived from claim texts, half of them in a second process for big runs."""
        todo = sorted(texts - set(self._derived))
        if not parallel.worthwhile(len(todo)):
            return
        global _NORMALISER
        _NORMALISER = self.normaliser
        places_at("Load the gazetteer in Kyiv before forking.")
        for batch in parallel.map_batches(
            _derive_batch, in_chunks(todo, parallel.BATCH), parallel=True
        ):
            self._derived.update(batch)

    def derived(self, text: str) -> Derived:
        """What matching needs from a claim text (``derive``), made once per text."""
        found = self._derived.get(text)
        if found is None:
            found = self._derived[text] = derive(text, self.normaliser)
        return found

    def prepare(self, claim: ClaimRow) -> None:
        """Derived values: origins of attributions, tokens, places, figure scopes."""
        for att in claim.atts:
            self.judge_origin(att)
        derived = self.derived(claim.text)
        (
            claim.tokens, claim.sig, claim.numbers, places, claim.joined, claim.sorted_joined
        ) = derived  # fmt: skip
        claim.places = frozenset(key for _, key in places)
        claim.denial = any(is_denial(claim.text, a.cue) for a in claim.atts) or is_denial(
            claim.text
        )
        # Figures are stored per attribution: scope them per attribution's figure list.
        by_att: dict[int | None, list[Fig]] = defaultdict(list)
        for f in claim.figs:
            by_att[f.attribution_id].append(f)
        for figs in by_att.values():
            for f, fplaces in zip(
                figs,
                figure_places(
                    claim.text, [f.text for f in figs], places, [f.lkey is not None for f in figs]
                ),
                strict=True,
            ):
                f.places = fplaces

    def judge_origin(self, att: Att) -> None:
        doc = self.docs.get(att.document_id)
        outlet = (doc.outlet_key if doc else "") or f"doc{att.document_id}"
        # Many attributions travel the same chain (one origin, one wire, one outlet).
        key = (att.hops, att.speaker_id, outlet)
        judged = self._origins.get(key)
        if judged is None:
            judged = self._origins[key] = origin_of(att.hops, att.speaker_id, outlet, self.sources)
        origin, source, chain = judged
        cluster = doc.cluster if doc else att.document_id
        att.fact = OriginFact(origin, chain, att.document_id, cluster)
        att.source = source

    def load_decisions(self, claim_ids: Iterable[int] | None, *, session: Session) -> None:
        """Reviewed claims (never merged away) and manual link decisions."""
        link_cols = (
            ClaimLink.claim_id,
            ClaimLink.other_id,
            ClaimLink.kind,
            ClaimLink.status,
            ClaimLink.method,
        )
        manual = or_(ClaimLink.status.in_(MANUAL), ClaimLink.method == "manual")  # type: ignore[attr-defined]
        review_q = select(Review.claim_id).where(
            or_(Review.status != "unreviewed", Review.assignee.is_not(None))  # type: ignore[union-attr]
        )
        event_q = select(ReviewEvent.claim_id).distinct()
        if claim_ids is None:
            links = session.connection().execute(select(*link_cols).where(manual)).all()
            self.pinned |= {r[0] for r in session.connection().execute(review_q).all()}
            self.pinned |= {r[0] for r in session.connection().execute(event_q).all()}
        else:
            ids = set(claim_ids)
            conn = session.connection()
            links = conn.execute(
                select(*link_cols)
                .where(manual)
                .where(
                    one_of(conn, ClaimLink.claim_id, ids) | one_of(conn, ClaimLink.other_id, ids)
                )
            ).all()
            for q, column in ((review_q, Review.claim_id), (event_q, ReviewEvent.claim_id)):
                self.pinned |= set(conn.execute(q.where(one_of(conn, column, ids))).scalars().all())
        for a, b, kind, status, method in links:
            if status not in MANUAL:  # made by hand (method manual) without a status: it stands
                status = "confirmed" if method == "manual" else status
            pair = frozenset((a, b))
            self.manual[(pair, kind)] = status
            if status == "rejected":
                self.rejected.add(pair)


Derived = tuple[
    tuple[str, ...], frozenset[str], frozenset[str], tuple[tuple[int, str], ...], str, str
]


def derive(text: str, normaliser: Normaliser) -> Derived:
    """What matching needs from a claim text: tokens, significant tokens, numbers, places
    (with offsets), and the tokens joined as they are and sorted."""
    tokens = normaliser.tokens(text)
    return (
        tokens,
        significant(tokens),
        numbers_of(tokens),
        places_at(text),
        " ".join(tokens),
        " ".join(sorted(tokens)),
    )


_NORMALISER: Normaliser | None = None  # the normaliser a forked worker inherits


def _derive_batch(texts: list[str]) -> list[tuple[str, Derived]]:
    normaliser = _NORMALISER or Normaliser()
    return [(text, derive(text, normaliser)) for text in texts]


_LABEL_KEYS: dict[str, str] = {}


def _label_key(label: str | None) -> str | None:
    if not label:
        return None
    got = _LABEL_KEYS.get(label)
    if got is None:
        got = _LABEL_KEYS[label] = label_key(label) or label.casefold()
    return got


def figure_scope(fig: Fig) -> str | None:
    return scope_key(fig.places)

"""Origins and their independence (DESIGN §3).

An attribution's **origin** is the first hop of its chain (else its speaker,
else the outlet that published it). Origins are compared by key:

- a named origin by its top-level organisation after merges
  (Yuri Ushakov → Kremlin, General Staff → Armed Forces of Ukraine);
- an anonymous origin without a parent organisation ("sources", "officials")
  by the anonymous group *and the hop that relayed it*: "sources told Reuters"
  twice is one origin, "sources told Reuters" and "sources told AP" are two;
- no chain and no speaker: the publishing outlet.

Origin keys are then merged into **origin groups**, per claim (never corpus
wide, or one article citing both sides would tie the sides together
everywhere):

- by chain: when an attribution's chain passes through another origin
  (Kyiv Independent citing officials, and Kyiv Independent as an origin);
- by copying: when two documents of one copy cluster carry the claim under
  different origins, the origins only one of them has are the same origin
  re-labelled by the copy.

``independent_origins`` is the number of groups. Two claims are independent
when their origins do not fall into exactly the same groups, i.e. one brings
an origin group the other lacks.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlmodel import Session

from factcheck.db import one_of
from factcheck.models import Source
from factcheck.unionfind import UnionFind

OFFICIAL_KINDS = frozenset(
    {"official", "government", "military", "state_agency", "state_media", "party"}
)

OriginKey = tuple  # ("org", source id) | ("anon", source id, relay key) | ("outlet", outlet key)


@dataclass(slots=True)
class SourceRow:
    id: int
    name: str
    kind: str
    side: str | None
    parent_id: int | None
    anonymous: bool
    partisan: bool | None
    merged_into_id: int | None


_SOURCE_COLUMNS = (
    Source.id,
    Source.name,
    Source.kind,
    Source.side,
    Source.parent_id,
    Source.anonymous,
    Source.partisan,
    Source.merged_into_id,
)


class SourceIndex:
    """Sources by id with merges followed, parents walked and inherited attributes memoised."""

    def __init__(self, rows: Iterable[SourceRow] = ()):
        self.rows: dict[int, SourceRow] = {r.id: r for r in rows}
        self._canonical: dict[int, int] = {}
        self._top: dict[int, int] = {}
        self._memo: dict[tuple[str, int], object] = {}

    @classmethod
    def load(cls, *, session: Session, ids: Iterable[int] | None = None) -> SourceIndex:
        """All sources, or just `ids` plus every source their merges and parents lead to."""
        index = cls()
        if ids is None:
            index._add(session.connection().execute(select(*_SOURCE_COLUMNS)).all())
            return index
        index.ensure(ids, session=session)
        return index

    def _add(self, rows: Iterable[Sequence[object]]) -> None:
        for r in rows:
            row = SourceRow(*r)  # type: ignore[arg-type]
            self.rows[row.id] = row

    def ensure(self, ids: Iterable[int], *, session: Session) -> None:
        """Load `ids` and, transitively, the sources they are merged into or belong to."""
        wanted = {i for i in ids if i is not None and i not in self.rows}
        while wanted:
            self._add(
                session.connection()
                .execute(select(*_SOURCE_COLUMNS).where(one_of(session, Source.id, wanted)))
                .all()
            )
            asked, wanted = wanted, set()
            for i in asked:
                row = self.rows.get(i)
                if row is None:
                    continue
                for nxt in (row.parent_id, row.merged_into_id):
                    if nxt is not None and nxt not in self.rows:
                        wanted.add(nxt)
        self._canonical.clear()
        self._top.clear()
        self._memo.clear()

    def canonical(self, sid: int) -> int:
        """The source that survives merges."""
        got = self._canonical.get(sid)
        if got is not None:
            return got
        seen = {sid}
        current = sid
        row = self.rows.get(current)
        while row is not None and row.merged_into_id is not None and row.merged_into_id not in seen:
            current = row.merged_into_id
            seen.add(current)
            row = self.rows.get(current)
        self._canonical[sid] = current
        return current

    def _ancestors(self, sid: int) -> list[int]:
        """`sid` (canonical) and its parent organisations, nearest first."""
        out = [self.canonical(sid)]
        while True:
            row = self.rows.get(out[-1])
            if row is None or row.parent_id is None:
                return out
            parent = self.canonical(row.parent_id)
            if parent in out:
                return out
            out.append(parent)

    def top(self, sid: int) -> int:
        """Top-level organisation (after merges) of a source."""
        got = self._top.get(sid)
        if got is None:
            got = self._top[sid] = self._ancestors(sid)[-1]
        return got

    def name(self, sid: int | None) -> str | None:
        if sid is None:
            return None
        row = self.rows.get(self.canonical(sid))
        return row.name if row else None

    def _inherited(self, what: str, sid: int) -> object:
        key = (what, sid)
        if key in self._memo:
            return self._memo[key]
        value: object = None
        for a in self._ancestors(sid):
            row = self.rows.get(a)
            if row is None:
                continue
            if what == "side" and row.side:
                value = row.side
                break
            if what == "official" and row.kind in OFFICIAL_KINDS:
                value = True
                break
            if what == "partisan" and row.partisan is not None:
                value = row.partisan
                break
        self._memo[key] = value
        return value

    def side(self, sid: int) -> str | None:
        """Own side, else the nearest parent organisation's."""
        return self._inherited("side", sid)  # type: ignore[return-value]

    def official(self, sid: int) -> bool:
        """An official kind, or someone speaking for one (a parent of an official kind)."""
        return bool(self._inherited("official", sid))

    def partisan_override(self, sid: int) -> bool | None:
        """A hand-set partisan mark on the source or, failing that, its nearest parent."""
        return self._inherited("partisan", sid)  # type: ignore[return-value]

    def anonymous(self, sid: int) -> bool:
        row = self.rows.get(self.canonical(sid))
        return row is not None and (row.anonymous or row.kind == "anonymous")

    def under(self, ids: Iterable[int]) -> set[int]:
        """`ids` and every source merged into one of them or below one of them (its
        members, theirs, …): the sources whose judgement follows theirs."""
        below: dict[int, list[int]] = defaultdict(list)
        for row in self.rows.values():
            for up in (row.parent_id, row.merged_into_id):
                if up is not None:
                    below[up].append(row.id)
        found = set(ids)
        todo = list(found)
        while todo:
            for child in below.get(todo.pop(), ()):
                if child not in found:
                    found.add(child)
                    todo.append(child)
        return found

    def has_parent(self, sid: int) -> bool:
        row = self.rows.get(self.canonical(sid))
        return row is not None and row.parent_id is not None


def origin_of(
    hops: Sequence[int], speaker_id: int | None, outlet_key: str, sources: SourceIndex
) -> tuple[OriginKey, int | None, frozenset[OriginKey]]:
    """(origin key, origin source id, keys of the other hops) of one attribution."""
    chain = frozenset(("org", sources.top(h)) for h in hops[1:])
    first = hops[0] if hops else speaker_id
    if first is None:
        return ("outlet", outlet_key), None, chain
    source = sources.canonical(first)
    if sources.anonymous(source) and not sources.has_parent(source):
        relay: OriginKey = (
            ("org", sources.top(hops[1])) if len(hops) > 1 else ("outlet", outlet_key)
        )
        return ("anon", source, relay), source, chain
    return ("org", sources.top(source)), source, chain


@dataclass(slots=True)
class OriginFact:
    """What independence needs to know about one attribution."""

    origin: OriginKey
    chain: frozenset[OriginKey]
    document_id: int
    cluster: int  # copy cluster of the document (the earliest copy's id)


def origin_groups(facts: Iterable[OriginFact]) -> Callable[[OriginKey], object]:
    """Group the origins of a set of attributions; returns origin key -> group root."""
    facts = list(facts)
    origins = {f.origin for f in facts}
    # Attributions of a popular claim share a few chains: each distinct one makes the
    # same unions as all of them would. Most chains pass through no other origin.
    joins = [
        (origin, key)
        for origin, chain in dict.fromkeys((f.origin, f.chain) for f in facts)
        for key in chain
        if key in origins and key != origin
    ]
    # Only a cluster with two documents here can re-label an origin, and one of those
    # is a copy (its cluster is another document): most attributions are in none.
    shared = {f.cluster for f in facts if f.cluster != f.document_id}
    if shared:
        by_cluster: dict[int, dict[int, set[OriginKey]]] = defaultdict(lambda: defaultdict(set))
        for f in facts:
            if f.cluster in shared:
                by_cluster[f.cluster][f.document_id].add(f.origin)
        for docs in by_cluster.values():
            if len(docs) < 2:
                continue
            items = list(docs.values())
            for i, a in enumerate(items):
                for b in items[i + 1 :]:
                    # A copy that names a different origin for the same text re-labels
                    # the original.
                    joins.extend((x, y) for x in a - b for y in b - a)
    if not joins:
        return _alone
    uf: UnionFind[OriginKey] = UnionFind()
    for origin in origins:
        uf.add(origin)
    for x, y in joins:
        uf.union(x, y)
    return uf.find


def _alone(origin: OriginKey) -> object:
    """Each origin its own group."""
    return origin


def count_groups(facts: Iterable[OriginFact]) -> int:
    """Number of origin groups among some attributions."""
    facts = list(facts)
    origins = {f.origin for f in facts}
    if len(origins) <= 1:
        return len(facts) and 1  # one origin is one group, whatever the chains and copies
    find = origin_groups(facts)
    return len({find(o) for o in origins})


def independent(a: Sequence[OriginFact], b: Sequence[OriginFact]) -> bool:
    """Whether two claims' attributions bring different origin groups (DESIGN §3)."""
    if not a or not b:
        return False
    mine, theirs = {f.origin for f in a}, {f.origin for f in b}
    if mine == theirs:
        return False  # the same origins are the same groups, however they are grouped
    find = origin_groups([*a, *b])
    return {find(o) for o in mine} != {find(o) for o in theirs}

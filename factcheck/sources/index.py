"""The registry's names in memory, for resolving the many speakers of an ingest.

``registry.resolve_source`` asks the database several questions per name (exact
key, alias, fuzzy candidates, then ORM inserts). An ingest resolves thousands of
speaker phrases; ``NameIndex`` loads every source and alias once and answers
from memory, writing new sources and aliases with plain inserts. It follows the
same rules as the registry (exact key, then alias, then a fuzzy match ≥
``FUZZY_THRESHOLD`` among aliases sharing a word prefix; an existing source
keeps what a person set and only gains a missing kind, side or parent).

The index belongs to one writer and one transaction at a time: after a
transaction that wrote through it rolls back, call ``invalidate`` so the next
use reloads what the database really holds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlmodel import Session

from factcheck.db import insert_row, insert_rows, query
from factcheck.errors import FactcheckError
from factcheck.models import Source, SourceAlias, utcnow
from factcheck.sources.names import name_key
from factcheck.sources.registry import best_match, new_evidence, prefixes

MAX_CANDIDATES = 500


@dataclass(slots=True)
class _State:
    """What resolving needs to know of one source."""

    kind: str
    side: str | None
    parent_id: int | None
    merged_into_id: int | None
    origin: str


class NameIndex:
    """Sources and aliases by key, and aliases by word prefix, loaded on first use."""

    def __init__(self) -> None:
        self._loaded = False
        self._sources: dict[int, _State] = {}
        self._keys: dict[str, int] = {}  # Source.key -> id
        self._aliases: dict[str, int] = {}  # alias key -> first source holding it
        self._pairs: set[tuple[str, int]] = set()  # (alias key, source id)
        self._by_prefix: dict[str, list[tuple[str, int]]] = defaultdict(list)
        # fuzzy look-ups answered since the index last changed (a new source is looked up
        # before it is resolved, when its side is checked)
        self._fuzzy: dict[str, int | None] = {}
        self._created: set[int] = set()
        # sources loaded from the database that gained a kind, side or parent since: the
        # claims said through them must be judged again (xref_documents' `sources`)
        self.filled: set[int] = set()

    def invalidate(self) -> None:
        """Forget everything: the next call reloads from the database."""
        self.__init__()  # type: ignore[misc]

    def _load(self, session: Session) -> None:
        if self._loaded:
            return
        conn = session.connection()
        rows = conn.execute(
            select(
                Source.id, Source.key, Source.kind, Source.side, Source.parent_id,
                Source.merged_into_id, Source.origin,
            )
        ).all()  # fmt: skip
        for sid, key, kind, side, parent_id, merged, origin in rows:
            self._sources[sid] = _State(kind, side, parent_id, merged, origin)
            self._keys[key] = sid
        for alias, key, sid in conn.execute(
            select(SourceAlias.alias, SourceAlias.key, SourceAlias.source_id).order_by(
                SourceAlias.id
            )
        ).all():
            self._remember_alias(alias, key, sid)
        self._loaded = True

    def _remember_alias(self, alias: str, key: str, sid: int) -> None:
        self._fuzzy.clear()
        self._aliases.setdefault(key, sid)
        self._pairs.add((key, sid))
        # Filed under the first three and four letters of each word, so that any query
        # prefix (three or four letters, see registry.prefixes) finds it.
        for word in key.split():
            if len(word) >= 3:
                for prefix in {word[:3], word[:4]}:
                    self._by_prefix[prefix].append((alias, sid))

    def canonical(self, sid: int) -> int:
        """Follow merges to the source that survives."""
        seen: set[int] = set()
        while sid not in seen:
            seen.add(sid)
            state = self._sources.get(sid)
            if state is None or state.merged_into_id is None:
                break
            sid = state.merged_into_id
        return sid

    def side(self, sid: int) -> str | None:
        return self._sources[sid].side

    def find(self, name: str, *, session: Session, fuzzy: bool = True) -> int | None:
        """The id of the source called `name`, as ``registry.find_source`` finds it."""
        self._load(session)
        key = name_key(name)
        if not key:
            return None
        found = self._keys.get(key)
        if found is None:
            found = self._aliases.get(key)
        if found is not None:
            return self.canonical(found)
        if not fuzzy:
            return None
        if name not in self._fuzzy:
            seen: dict[tuple[str, int], None] = {}
            for prefix in prefixes(key):
                for item in self._by_prefix.get(prefix, ()):
                    seen.setdefault(item, None)
                    if len(seen) >= MAX_CANDIDATES:
                        break
            self._fuzzy[name] = best_match(name, list(seen))
        best = self._fuzzy[name]
        return self.canonical(best) if best is not None else None

    def resolve(
        self,
        name: str,
        *,
        session: Session,
        kind: str = "unknown",
        side: str | None = None,
        parent: str | None = None,
        anonymous: bool = False,
        aliases: Iterable[str] = (),
    ) -> int:
        """Find the source called `name`, or create it; fill in what it lacks (never manual)."""
        aliases = list(aliases)
        found = self.find(name, session=session)
        if found is None:
            for alias in aliases:
                found = self.find(alias, session=session, fuzzy=False)
                if found is not None:
                    break
        parent_id = (
            self.resolve(parent, session=session, kind="organisation", side=side)
            if parent and name_key(parent) != name_key(name)
            else None
        )
        if found is None:
            found = self._create(name, kind, side, parent_id, anonymous, session=session)
        else:
            self._fill(found, kind, side, parent_id, session=session)
        for alias in (name, *aliases):
            self._add_alias(found, alias, session=session)
        return found

    def _create(
        self,
        name: str,
        kind: str,
        side: str | None,
        parent_id: int | None,
        anonymous: bool,
        *,
        session: Session,
    ) -> int:
        key = name_key(name)
        if not key:
            raise FactcheckError(f"source name {name!r} is empty once normalised")
        if side is None and parent_id is not None:
            side = self._sources[parent_id].side  # a press office speaks for its ministry's side
        sid = insert_row(
            session,
            Source,
            {
                "name": name,
                "key": key,
                "kind": kind,
                "side": side,
                "parent_id": parent_id,
                "anonymous": anonymous,
                "origin": "extracted",
                "created_at": utcnow(),
            },
        )
        self._sources[sid] = _State(kind, side, parent_id, None, "extracted")
        self._keys[key] = sid
        self._fuzzy.clear()
        self._created.add(sid)
        return sid

    def _fill(
        self, sid: int, kind: str, side: str | None, parent_id: int | None, *, session: Session
    ) -> None:
        state = self._sources[sid]
        changes = new_evidence(state, sid, kind=kind, side=side, parent_id=parent_id)
        for field, value in changes.items():
            setattr(state, field, value)
        if changes and sid not in self._created:
            self.filled.add(sid)
        if changes:
            assignments = ", ".join(f"{field} = ?" for field in changes)
            query(
                session, f"UPDATE source SET {assignments} WHERE id = ?", [*changes.values(), sid]
            )

    def _add_alias(self, sid: int, alias: str, *, session: Session) -> None:
        key = name_key(alias)
        if not key or (key, sid) in self._pairs:
            return
        insert_rows(session, SourceAlias, [{"source_id": sid, "alias": alias, "key": key}])
        self._remember_alias(alias, key, sid)

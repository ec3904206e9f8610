"""The source registry in the database: resolve, alias, merge, walk parents."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from rapidfuzz import process
from sqlmodel import Session, func, select

from factcheck.errors import FactcheckError, NotFound
from factcheck.models import Source, SourceAlias
from factcheck.sources.infer import KINDS
from factcheck.sources.names import name_key, name_similarity

FUZZY_THRESHOLD = 90.0


def canonical(source: Source, *, session: Session) -> Source:
    """Follow merges to the source that survives."""
    seen: set[int] = set()
    while source.merged_into_id is not None and source.id not in seen:
        seen.add(source.id)  # type: ignore[arg-type]
        target = session.get(Source, source.merged_into_id)
        if target is None:
            break
        source = target
    return source


def get_source(ref: str | int, *, session: Session) -> Source:
    """A source by id or by (fuzzy) name; raises NotFound."""
    if isinstance(ref, int) or (isinstance(ref, str) and ref.isdigit()):
        found = session.get(Source, int(ref))
        if found is not None:
            return canonical(found, session=session)
    else:
        found = find_source(ref, session=session)
        if found is not None:
            return found
    raise NotFound(f"no source {ref!r}")


def _alias_rows(session: Session) -> list[tuple[str, int]]:
    rows = session.exec(select(SourceAlias.key, SourceAlias.source_id)).all()
    return [(key, source_id) for key, source_id in rows]


def find_source(name: str, *, session: Session, fuzzy: bool = True) -> Source | None:
    """Exact key or alias first, then a fuzzy match over aliases (diacritics/transliteration tolerant)."""
    key = name_key(name)
    if not key:
        return None
    exact = session.exec(select(Source).where(Source.key == key)).first()
    if exact is not None:
        return canonical(exact, session=session)
    alias = session.exec(select(SourceAlias).where(SourceAlias.key == key)).first()
    if alias is not None:
        found = session.get(Source, alias.source_id)
        return canonical(found, session=session) if found else None
    if not fuzzy:
        return None
    best = best_match(name, _fuzzy_candidates(key, session=session))
    if best is None:
        return None
    found = session.get(Source, best)
    return canonical(found, session=session) if found else None


def prefixes(key: str) -> list[str]:
    """Blocking keys of a name key for the fuzzy match: the first four letters of each of
    its first four words of three letters or more (candidates have a word starting so)."""
    return [w[:4] for w in key.split() if len(w) >= 3][:4]


def best_match(name: str, candidates: list[tuple[str, int]]) -> int | None:
    """The source id of the (alias, source id) candidate most like `name`, if like enough."""
    if not candidates:
        return None
    choices = {i: alias for i, (alias, _) in enumerate(candidates)}
    best = process.extractOne(name, choices, scorer=lambda a, b, **_: name_similarity(a, b))
    if best is None or best[1] < FUZZY_THRESHOLD:
        return None
    return candidates[best[2]][1]


def _fuzzy_candidates(key: str, *, session: Session) -> list[tuple[str, int]]:
    """Aliases with a word starting like one of `key`'s: blocks the fuzzy match."""
    rows: list[tuple[str, int]] = []
    for prefix in prefixes(key):
        stmt = select(SourceAlias.alias, SourceAlias.source_id).where(
            SourceAlias.key.startswith(prefix, autoescape=True)  # type: ignore[attr-defined]
            | SourceAlias.key.contains(" " + prefix, autoescape=True)  # type: ignore[attr-defined]
        )
        rows.extend((alias, sid) for alias, sid in session.exec(stmt).all())
    return list(dict.fromkeys(rows))[:500]


def add_alias(source: Source, alias: str, *, session: Session) -> SourceAlias | None:
    """Record another name for a source; returns None if it was already known."""
    key = name_key(alias)
    if not key:
        raise FactcheckError(f"alias {alias!r} is empty once normalised")
    existing = session.exec(
        select(SourceAlias).where(SourceAlias.key == key, SourceAlias.source_id == source.id)
    ).first()
    if existing is not None:
        return None
    row = SourceAlias(source_id=source.id, alias=alias, key=key)  # type: ignore[arg-type]
    session.add(row)
    session.flush()
    return row


def create_source(
    name: str,
    *,
    session: Session,
    kind: str = "unknown",
    side: str | None = None,
    parent: Source | None = None,
    anonymous: bool = False,
    credibility: str | None = None,
    origin: str = "extracted",
) -> Source:
    key = name_key(name)
    if not key:
        raise FactcheckError(f"source name {name!r} is empty once normalised")
    if session.exec(select(Source).where(Source.key == key)).first() is not None:
        raise FactcheckError(f"source {name!r} already exists")
    if side is None and parent is not None:
        side = parent.side  # a ministry's press office speaks for the ministry's side
    source = Source(
        name=name,
        key=key,
        kind=kind,
        side=side,
        parent_id=parent.id if parent else None,
        anonymous=anonymous,
        credibility=credibility,
        origin=origin,
    )
    session.add(source)
    session.flush()
    add_alias(source, name, session=session)
    return source


def resolve_source(
    name: str,
    *,
    session: Session,
    kind: str = "unknown",
    side: str | None = None,
    parent: str | None = None,
    anonymous: bool = False,
    aliases: Iterable[str] = (),
    origin: str = "extracted",
) -> Source:
    """Find the source called `name` (fuzzy), or create it with the given attributes.

    An existing source keeps what a person set; missing side, kind or parent
    are filled in from the new evidence.
    """
    found = find_source(name, session=session)
    if found is None:
        for alias in aliases:
            found = find_source(alias, session=session, fuzzy=False)
            if found is not None:
                break
    parent_source = (
        resolve_source(parent, session=session, kind="organisation", side=side, origin=origin)
        if parent and name_key(parent) != name_key(name)
        else None
    )
    if found is None:
        found = create_source(
            name,
            session=session,
            kind=kind,
            side=side,
            parent=parent_source,
            anonymous=anonymous,
            origin=origin,
        )
    else:
        gained = new_evidence(
            found,
            found.id,
            kind=kind,
            side=side,
            parent_id=parent_source.id if parent_source else None,
        )  # type: ignore[arg-type]
        for field, value in gained.items():
            setattr(found, field, value)
        session.add(found)
    if name_key(name) != found.key:
        add_alias(found, name, session=session)
    for alias in aliases:
        add_alias(found, alias, session=session)
    return found


def new_evidence(
    source: Any, source_id: int, *, kind: str, side: str | None, parent_id: int | None
) -> dict[str, object]:
    """What a source found again gains from the new evidence: a kind, side or parent it
    lacks. A source a person set up (origin "manual") keeps what it has."""
    if source.origin == "manual":
        return {}
    gained: dict[str, object] = {}
    if source.kind == "unknown" and kind != "unknown":
        gained["kind"] = kind
    if source.side is None and side is not None:
        gained["side"] = side
    if source.parent_id is None and parent_id is not None and parent_id != source_id:
        gained["parent_id"] = parent_id
    return gained


def top_organisation(source: Source, *, session: Session) -> Source:
    """The top of the parent chain: Yuri Ushakov → Kremlin; General Staff → Armed Forces."""
    seen: set[int] = set()
    current = canonical(source, session=session)
    while current.parent_id is not None and current.id not in seen:
        seen.add(current.id)  # type: ignore[arg-type]
        parent = session.get(Source, current.parent_id)
        if parent is None:
            break
        current = canonical(parent, session=session)
    return current


def set_parent(source: Source, parent: Source | None, *, session: Session) -> None:
    """Set the parent organisation, refusing cycles."""
    if parent is not None:
        walk: Source | None = parent
        while walk is not None:
            if walk.id == source.id:
                raise FactcheckError(
                    f"{parent.name!r} is inside {source.name!r}: that would be a cycle"
                )
            walk = session.get(Source, walk.parent_id) if walk.parent_id else None
    source.parent_id = parent.id if parent else None
    session.add(source)


def merge_sources(keep: Source, drop: Source, *, session: Session) -> Source:
    """Merge `drop` into `keep` by hand: aliases, children and chain hops move; the merge is manual."""
    from factcheck.models import Attribution, ChainHop

    if keep.id == drop.id:
        raise FactcheckError("cannot merge a source into itself")
    for alias in session.exec(select(SourceAlias).where(SourceAlias.source_id == drop.id)).all():
        add_alias(keep, alias.alias, session=session)
        session.delete(alias)
    for child in session.exec(select(Source).where(Source.parent_id == drop.id)).all():
        child.parent_id = keep.id
        session.add(child)
    for hop in session.exec(select(ChainHop).where(ChainHop.source_id == drop.id)).all():
        hop.source_id = keep.id  # type: ignore[assignment]
        session.add(hop)
    for att in session.exec(select(Attribution).where(Attribution.speaker_id == drop.id)).all():
        att.speaker_id = keep.id
        session.add(att)
    for field in ("side", "credibility"):
        if getattr(keep, field) is None and getattr(drop, field) is not None:
            setattr(keep, field, getattr(drop, field))
    if keep.kind == "unknown":
        keep.kind = drop.kind
    keep.origin = "manual"
    drop.merged_into_id = keep.id
    drop.origin = "manual"
    session.add_all([keep, drop])
    session.flush()
    return keep


SOURCE_KINDS = KINDS  # the inference stage and the registry share one vocabulary

_UNSET = object()


@dataclass(frozen=True)
class SourceInfo:
    id: int
    name: str
    kind: str
    side: str | None
    parent: str | None
    organisation: str
    credibility: str | None
    anonymous: bool
    partisan: bool | None
    aliases: list[str]
    attributions: int

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def source_info(source: Source, *, session: Session) -> SourceInfo:
    from factcheck.models import Attribution

    parent = session.get(Source, source.parent_id) if source.parent_id else None
    aliases = session.exec(
        select(SourceAlias.alias).where(SourceAlias.source_id == source.id).order_by(SourceAlias.id)
    ).all()
    count = session.exec(
        select(func.count()).select_from(Attribution).where(Attribution.speaker_id == source.id)
    ).one()
    return SourceInfo(
        id=source.id or 0,
        name=source.name,
        kind=source.kind,
        side=source.side,
        parent=parent.name if parent else None,
        organisation=top_organisation(source, session=session).name,
        credibility=source.credibility,
        anonymous=source.anonymous,
        partisan=source.partisan,
        aliases=[a for a in aliases if a != source.name],
        attributions=int(count),
    )


def list_sources(
    *, session: Session, kind: str | None = None, side: str | None = None
) -> list[SourceInfo]:
    stmt = select(Source).where(Source.merged_into_id.is_(None)).order_by(Source.name)  # type: ignore[union-attr]
    if kind:
        stmt = stmt.where(Source.kind == kind)
    if side:
        stmt = stmt.where(Source.side == side.upper())
    return [source_info(s, session=session) for s in session.exec(stmt).all()]


def check_kind(kind: str) -> str:
    if kind not in SOURCE_KINDS:
        raise FactcheckError(f"unknown source kind {kind!r} (one of: {', '.join(SOURCE_KINDS)})")
    return kind


def update_source(
    source: Source,
    *,
    session: Session,
    kind: str | None = None,
    side: object = _UNSET,
    parent: object = _UNSET,
    credibility: object = _UNSET,
    partisan: object = _UNSET,
    anonymous: bool | None = None,
) -> Source:
    """Change a source by hand; the source becomes manual so automatic runs leave it alone."""
    if kind is not None:
        source.kind = check_kind(kind)
    if side is not _UNSET:
        source.side = side.upper() if isinstance(side, str) and side else None
    if parent is not _UNSET:
        set_parent(source, parent if isinstance(parent, Source) else None, session=session)
    if credibility is not _UNSET:
        source.credibility = credibility if isinstance(credibility, str) and credibility else None
    if partisan is not _UNSET:
        source.partisan = partisan if isinstance(partisan, bool) else None
    if anonymous is not None:
        source.anonymous = anonymous
    source.origin = "manual"
    session.add(source)
    session.flush()
    return source

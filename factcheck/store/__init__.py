"""Store stage: documents and their extracted attributions become ledger rows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlmodel import Session

from factcheck.db import executemany, in_chunks, query
from factcheck.extraction import ExtractedAttribution
from factcheck.figures import Figure as ParsedFigure
from factcheck.models import Attribution, ChainHop, Claim, Document, Figure, utcnow
from factcheck.reading import DocumentDraft
from factcheck.reading import fingerprint as text_fingerprint
from factcheck.sources.names import name_key
from factcheck.sources.resolve import SourceCache, SourceGuesses, guess_sources, resolved_hop
from factcheck.text import claim_key


@dataclass
class StoreResult:
    """What one stored report added."""

    documents: list[int] = field(default_factory=list)  # ids of new documents
    skipped: int = 0  # documents already in the ledger
    attributions: int = 0
    # attributions that joined a stored claim with the same sentence (the rest got a claim of
    # their own, which cross-referencing may merge later)
    joined: int = 0


def _spans(spans: Sequence[tuple[int, int]]) -> str:
    return ",".join(f"{a}-{b}" for a, b in spans)


def find_document(
    draft: DocumentDraft, *, session: Session, fingerprint: str | None = None
) -> int | None:
    """The id of the stored document with the same content, outlet and title (idempotent ingest).

    ``fingerprint`` is the draft's text fingerprint when the caller has it already.
    """
    row = query(
        session,
        "SELECT id FROM document WHERE fingerprint = ? AND outlet_key = ? AND title_key = ? LIMIT 1",
        (
            fingerprint or text_fingerprint(draft.text),
            name_key(draft.outlet or ""),
            name_key(draft.title or ""),
        ),
    ).first()
    return row[0] if row else None


def store_document(
    draft: DocumentDraft,
    attributions: Sequence[ExtractedAttribution],
    *,
    session: Session,
    sources: SourceCache,
    path: str | None = None,
    copy_of: int | None = None,
    fingerprint: str | None = None,
    guesses: Sequence[SourceGuesses] | None = None,
) -> tuple[int, int, int]:
    """Insert one document with its attributions, chains, claims and figures.

    Attribution offsets must be relative to ``draft.text``; ``copy_of`` is the id
    of the document it copies. Returns the document's id, the number of
    attributions stored and how many of them joined a claim already stored (or
    said before in this document) instead of getting a new one. ``guesses``, one
    per attribution, are ``guess_sources`` made by the caller.
    """
    (doc_id,) = _insert_returning_ids(
        session,
        Document,
        [
            {
                "outlet": draft.outlet,
                "outlet_key": name_key(draft.outlet or ""),
                "title": draft.title,
                "title_key": name_key(draft.title or ""),
                "url": draft.url,
                "authors": "\n".join(draft.authors),
                "published": draft.published,
                "kind": draft.kind,
                "text": draft.text,
                "fingerprint": fingerprint or text_fingerprint(draft.text),
                "copy_of_id": copy_of,
                "source_path": path,
                "source_offset": draft.start,
                "skip": _spans(draft.skip),
                "ingested_at": utcnow(),
            }
        ],
    )
    publisher = sources.outlet(draft.outlet) if draft.outlet else None
    unique: dict[tuple[int, int, int | None], tuple[ExtractedAttribution, SourceGuesses]] = {}
    for index, found in enumerate(attributions):
        identity = (
            found.content.start,
            found.content.end,
            found.speaker.start if found.speaker else None,
        )
        if identity not in unique:
            made = guesses[index] if guesses is not None else guess_sources(found)
            unique[identity] = (found, made)
    if not unique:
        return doc_id, 0, 0
    found_list = [found for found, _ in unique.values()]
    guessed = [made for _, made in unique.values()]
    speakers = [
        _speaker(found, made, text=draft.text, sources=sources)
        for found, made in zip(found_list, guessed, strict=True)
    ]
    keys = [claim_key(found.content.text) for found in found_list]
    claim_ids, repeats = _claims_for(found_list, keys, session=session)
    fresh = [i for i, claim_id in enumerate(claim_ids) if claim_id is None and i not in repeats]
    # Core multi-row inserts: ORM objects per row cost more than the rest of ingest together
    now = utcnow()
    new_ids = _insert_returning_ids(
        session,
        Claim,
        [
            {
                "text": found_list[i].content.text,
                "key": keys[i],
                "label": found_list[i].figures[0].label if found_list[i].figures else None,
                "scope": None,
                "flags": "",
                "independent_origins": 0,
                "documents": 0,
                "created_at": now,
            }
            for i in fresh
        ],
    )
    for i, claim_id in zip(fresh, new_ids, strict=True):
        claim_ids[i] = claim_id
    for i, first in repeats.items():
        claim_ids[i] = claim_ids[first]
    att_ids = _insert_returning_ids(
        session,
        Attribution,
        [
            _attribution_row(found, document_id=doc_id, claim_id=claim_id, speaker_id=speaker)
            for found, claim_id, speaker in zip(found_list, claim_ids, speakers, strict=True)
        ],
    )
    hops: list[dict[str, object]] = []
    figures: list[dict[str, object]] = []
    for found, made, claim_id, speaker, att_id in zip(
        found_list, guessed, claim_ids, speakers, att_ids, strict=True
    ):
        context = _context(found, draft.text)
        for position, source_id, role in _chain(found, made, speaker, publisher, sources, context):
            hops.append(
                {
                    "attribution_id": att_id,
                    "position": position,
                    "source_id": source_id,
                    "role": role,
                }
            )
        figures.extend(_figure_row(fig, claim_id=claim_id, att_id=att_id) for fig in found.figures)
    _insert(session, ChainHop, hops)
    _insert(session, Figure, figures)
    return doc_id, len(found_list), len(found_list) - len(fresh)


def _claims_for(
    found_list: Sequence[ExtractedAttribution], keys: list[str], *, session: Session
) -> tuple[list[int | None], dict[int, int]]:
    """The stored claim each attribution joins (None: a new claim), and repeats in this document.

    A sentence without figures is the same claim wherever it is said, so
    cross-referencing would merge it with the one stored claim carrying that
    sentence (see ``xref.run._exact_pairs``); joining it here saves inserting a
    claim only to merge it away. Figure-bearing sentences merge only within a
    time window, and a sentence held by several claims (kept apart by a person)
    is ambiguous: both are left to cross-referencing. ``repeats`` maps the index
    of a figureless sentence said again in this document to its first saying,
    whose new claim it shares.
    """
    plain = sorted({key for found, key in zip(found_list, keys, strict=True) if not found.figures})
    stored: dict[str, list[int]] = {}
    for part in in_chunks(plain):
        rows = query(
            session,
            f"SELECT key, id FROM claim WHERE key IN ({', '.join('?' for _ in part)}) "
            "AND NOT EXISTS (SELECT 1 FROM figure WHERE figure.claim_id = claim.id)",
            part,
        )
        for key, claim_id in rows:
            stored.setdefault(key, []).append(claim_id)
    joins: list[int | None] = [None] * len(keys)
    repeats: dict[int, int] = {}
    first: dict[str, int] = {}
    for i, (found, key) in enumerate(zip(found_list, keys, strict=True)):
        ids = stored.get(key, [])
        if found.figures or len(ids) > 1:
            continue
        if ids:
            joins[i] = ids[0]
        elif key in first:
            repeats[i] = first[key]
        else:
            first[key] = i
    return joins, repeats


def _insert_returning_ids(
    session: Session, table: type, rows: list[dict[str, object]]
) -> list[int]:
    """Insert rows and return their ids in the order given.

    PostgreSQL batches ``INSERT … RETURNING`` and keeps the order. SQLite would
    insert one row per statement to keep it, so there the ids are given: once the
    transaction has written (the document row goes first, with RETURNING), it holds
    SQLite's only write lock, so no other writer can take ids in between.
    """
    if not rows:
        return []
    core = table.__table__  # type: ignore[attr-defined]
    conn = session.connection()
    if conn.dialect.name == "sqlite" and len(rows) > 1:
        start = query(session, f"SELECT max(id) FROM {core.name}").scalar() or 0
        ids = list(range(start + 1, start + 1 + len(rows)))
        _insert(session, table, [{**row, "id": i} for row, i in zip(rows, ids, strict=True)])
        return ids
    stmt = core.insert().returning(core.c.id, sort_by_parameter_order=True)
    return [row[0] for row in conn.execute(stmt, rows)]


def _insert(session: Session, table: type, rows: list[dict[str, object]]) -> None:
    """Insert rows (all with the same keys) in one executemany straight through the driver.

    Values go through each column type's own conversion (dates, booleans), as
    SQLAlchemy would do; its per-row statement machinery, which costs more than the
    inserts themselves in a batch, is skipped.
    """
    if not rows:
        return
    core = table.__table__  # type: ignore[attr-defined]
    dialect = session.connection().dialect
    names = list(rows[0])
    convert = [core.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in names]
    sql = f"INSERT INTO {core.name} ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)})"
    converted = [(i, fn) for i, fn in enumerate(convert) if fn is not None]
    params: list[tuple[object, ...]] = []
    for row in rows:
        values = [row[name] for name in names]
        for i, fn in converted:
            if values[i] is not None:
                values[i] = fn(values[i])
        params.append(tuple(values))
    executemany(session, sql, params)


def _context(found: ExtractedAttribution, text: str) -> str:
    return text[max(0, found.content.start - 600) : found.content.end + 200]


def _speaker(
    found: ExtractedAttribution, made: SourceGuesses, *, text: str, sources: SourceCache
) -> int | None:
    if found.speaker is None or made.speaker is None:
        return None
    return sources.resolve(
        found.speaker_name or found.speaker.text,
        descriptor=found.speaker_descriptor,
        context=_context(found, text),
        guessed=made.speaker,
    )


def _attribution_row(
    found: ExtractedAttribution, *, document_id: int, claim_id: int, speaker_id: int | None
) -> dict[str, object]:
    speaker, cue = found.speaker, found.cue
    return {
        "document_id": document_id,
        "claim_id": claim_id,
        "speaker_id": speaker_id,
        "speaker_text": speaker.text if speaker else None,
        "speaker_start": speaker.start if speaker else None,
        "speaker_end": speaker.end if speaker else None,
        "cue_text": cue.text if cue else None,
        "cue_start": cue.start if cue else None,
        "cue_end": cue.end if cue else None,
        "content_text": found.content.text,
        "content_start": found.content.start,
        "content_end": found.content.end,
        "kind": found.kind,
        "hedged": found.hedged,
        "said_at": found.said_at,
        "method": "extracted",
    }


def _figure_row(fig: ParsedFigure, *, claim_id: int, att_id: int) -> dict[str, object]:
    return {
        "claim_id": claim_id,
        "attribution_id": att_id,
        "value": fig.value,
        "low": fig.low,
        "high": fig.high,
        "low_open": fig.low_open,
        "high_open": fig.high_open,
        "qualifier": fig.qualifier,
        "unit": fig.unit,
        "label": fig.label,
        "scope": None,
        "text": fig.text,
    }


def _chain(
    found: ExtractedAttribution,
    made: SourceGuesses,
    speaker: int | None,
    publisher: int | None,
    sources: SourceCache,
    context: str,
) -> list[tuple[int, int, str]]:
    """Chain hops as (position, source id, role), origin first, no source twice in a row."""
    hops: list[tuple[int, str]] = []
    for hop, hop_guess in zip(found.chain, made.hops, strict=True):
        if hop.role == "publisher":
            source = publisher
        elif not resolved_hop(found, hop):
            source = speaker
        elif hop_guess is None:
            source = None
        else:
            source = sources.resolve(hop.source, context=context, guessed=hop_guess)
        if source is not None:
            hops.append((source, hop.role))
    if not found.chain:
        if speaker is not None:
            hops.append((speaker, "origin"))
        if publisher is not None:
            hops.append((publisher, "publisher"))
    cleaned: list[tuple[int, str]] = []
    for source_id, role in hops:
        if cleaned and cleaned[-1][0] == source_id:
            continue
        cleaned.append((source_id, role))
    if cleaned and cleaned[0][1] != "origin" and len(cleaned) > 1:
        cleaned[0] = (cleaned[0][0], "origin")
    return [(i, sid, role) for i, (sid, role) in enumerate(cleaned)]

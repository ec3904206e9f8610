"""Store stage: documents and their extracted attributions become ledger rows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlmodel import Session

from factcheck.db import in_chunks, insert_row, insert_rows, next_ids, query
from factcheck.extraction import ExtractedAttribution
from factcheck.figures import Figure as ParsedFigure
from factcheck.models import Attribution, ChainHop, Claim, Document, Figure, utcnow
from factcheck.reading import DocumentDraft
from factcheck.reading import fingerprint as text_fingerprint
from factcheck.sources.names import name_key
from factcheck.sources.resolve import SourceCache, SourceGuesses, guess_sources, resolved_hop
from factcheck.text import claim_key
from factcheck.xref.scope import FIGURE_WINDOW_DAYS


@dataclass
class StoreResult:
    """What one stored report added."""

    documents: list[int] = field(default_factory=list)  # ids of new documents
    skipped: int = 0  # documents already in the ledger
    attributions: int = 0
    # attributions that joined a stored claim with the same sentence (the rest got a claim of
    # their own, which cross-referencing may merge later)
    joined: int = 0
    # sketches of the new documents made where the report was read (by id), for copy detection
    sketches: dict[int, bytes] = field(default_factory=dict)


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
                "skip": draft.skip_text(),
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
    claim_ids, repeats = _claims_for(found_list, keys, session=session, document_id=doc_id)
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
    insert_rows(session, ChainHop, hops)
    insert_rows(session, Figure, figures)
    return doc_id, len(found_list), len(found_list) - len(fresh)


def _claims_for(
    found_list: Sequence[ExtractedAttribution],
    keys: list[str],
    *,
    session: Session,
    document_id: int,
) -> tuple[list[int | None], dict[int, int]]:
    """The stored claim each attribution joins (None: a new claim), and repeats in this document.

    Cross-referencing merges claims carrying the same sentence (``xref.run._exact_pairs``):
    any two without figures, and figure-bearing ones said within the figure window of
    each other. Joining such an attribution here saves inserting a claim only to merge it
    away, and it is safe only where that merge is certain:

    - a sentence without figures joins the one stored claim carrying it, if that claim
      has no figures either;
    - a sentence with figures joins the one stored claim carrying it when one of that
      claim's days is within the figure window of this statement's day.

    A sentence held by several claims (kept apart by a person, or said too far apart)
    is left to cross-referencing: which of them a new saying would join, and so which
    manual decisions stand in the way, is its call. ``repeats`` maps the index of a sentence said again in
    this document, and close enough in time, to its first saying, whose new claim it shares.
    """
    stored: dict[str, list[tuple[int, bool]]] = {}
    for part in in_chunks(sorted(set(keys))):
        rows = query(
            session,
            f"SELECT key, id, EXISTS (SELECT 1 FROM figure WHERE figure.claim_id = claim.id) "
            f"FROM claim WHERE key IN ({', '.join('?' for _ in part)})",
            part,
        )
        for key, claim_id, counted in rows:
            stored.setdefault(key, []).append((claim_id, bool(counted)))
    days = _statement_days(found_list, keys, stored, session=session, document_id=document_id)
    joins: list[int | None] = [None] * len(keys)
    repeats: dict[int, int] = {}
    first: dict[tuple[str, bool], int] = {}
    for i, (found, key) in enumerate(zip(found_list, keys, strict=True)):
        counted = bool(found.figures)
        held = stored.get(key, [])
        if not counted:
            if len(held) == 1 and not held[0][1]:
                joins[i] = held[0][0]
                continue
            if held:
                continue
        elif len(held) == 1:
            if _near(days.claims.get(held[0][0], ()), days.said[i]):
                joins[i] = held[0][0]
                continue
        elif held:
            continue
        earlier = first.get((key, counted))
        if earlier is None:
            first[key, counted] = i
        elif not counted or _near((days.said[earlier],), days.said[i]):
            repeats[i] = earlier
    return joins, repeats


@dataclass
class _Days:
    said: dict[int, int | None]  # attribution index -> day of the statement (figures only)
    claims: dict[int, list[int | None]]  # stored claim id -> days its attributions were made


def _statement_days(
    found_list: Sequence[ExtractedAttribution],
    keys: list[str],
    stored: dict[str, list[tuple[int, bool]]],
    *,
    session: Session,
    document_id: int,
) -> _Days:
    """Days as cross-referencing reckons them (``xref.scope.day_number``): the day a
    statement was made, else its document's publication day; read back as stored."""
    days = _Days(said={}, claims={})
    counted = [i for i, found in enumerate(found_list) if found.figures]
    if not counted:
        return days
    published = query(
        session, "SELECT published FROM document WHERE id = ?", (document_id,)
    ).scalar()
    for i in counted:
        said_at = found_list[i].said_at
        days.said[i] = _day(said_at if said_at is not None else published)
    wanted = sorted({held[0][0] for i in counted if len(held := stored.get(keys[i], [])) == 1})
    for part in in_chunks(wanted):
        rows = query(
            session,
            "SELECT attribution.claim_id, attribution.said_at, document.published "
            "FROM attribution JOIN document ON document.id = attribution.document_id "
            f"WHERE attribution.claim_id IN ({', '.join('?' for _ in part)})",
            part,
        )
        for claim_id, said_at, when in rows:
            days.claims.setdefault(claim_id, []).append(
                _day(said_at if said_at is not None else when)
            )
    return days


def _day(value: object) -> int | None:
    """A stored date or time as a day ordinal (SQLite hands back ISO text)."""
    if value is None:
        return None
    if isinstance(value, str):
        return date.fromisoformat(value[:10]).toordinal()
    if isinstance(value, datetime):  # PostgreSQL hands back its session's time zone
        return (value.astimezone(UTC) if value.tzinfo else value).date().toordinal()
    return value.toordinal()  # type: ignore[attr-defined]


def _near(days: Sequence[int | None], day: int | None) -> bool:
    """Within the figure window of one of `days`; undated only matches undated."""
    if day is None:
        return None in days
    return any(d is not None and abs(d - day) <= FIGURE_WINDOW_DAYS for d in days)


def _insert_returning_ids(
    session: Session, table: type, rows: list[dict[str, object]]
) -> list[int]:
    """Insert rows and return their ids in the order given.

    The ids are given to the rows, so they go in as one batch. On PostgreSQL they are
    taken from the table's sequence first. SQLite has no sequence: once the
    transaction has written (the document row goes first, on its own), it holds
    SQLite's only write lock, so no other writer can take ids after the largest one.
    """
    if not rows:
        return []
    if len(rows) == 1:
        return [insert_row(session, table, rows[0])]
    if session.connection().dialect.name == "postgresql":
        ids = next_ids(session, table, len(rows))
    else:
        core = table.__table__  # type: ignore[attr-defined]
        start = query(session, f"SELECT max(id) FROM {core.name}").scalar() or 0
        ids = list(range(start + 1, start + 1 + len(rows)))
    insert_rows(session, table, [{**row, "id": i} for row, i in zip(rows, ids, strict=True)])
    return ids


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

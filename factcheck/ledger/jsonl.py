"""The JSONL ledger: one JSON object per line with a "type" field; reading and exporting."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from functools import partial
from typing import IO, Any

from sqlmodel import Session, col, select

from factcheck.errors import LedgerError
from factcheck.ledger.records import FORMAT, RECORD_TYPES, Lines, Obj, Record
from factcheck.models import (
    Attribution,
    ChainHop,
    Claim,
    ClaimLink,
    Dispute,
    DisputeParty,
    Document,
    DocumentLink,
    Figure,
    Review,
    ReviewEvent,
    Source,
    SourceAlias,
    User,
)

# --- reading -----------------------------------------------------------------


def read_jsonl(text: str, path: str) -> list[Record]:
    """Records of a JSONL ledger; blank lines are skipped."""
    records: list[Record] = []
    # Only "\n" ends a record: str.splitlines() would also split on U+2028 and
    # friends, which may appear unescaped inside JSON strings.
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        try:
            value = json.loads(
                line,
                object_pairs_hook=partial(_object, line=number, path=path),
                parse_constant=partial(_constant, line=number, path=path),
            )
        except json.JSONDecodeError as exc:
            raise LedgerError(
                f"invalid JSON: {exc.msg} (column {exc.colno})", path=path, line=number
            ) from None
        if not isinstance(value, Obj):
            raise LedgerError("each line must be a JSON object", path=path, line=number)
        value = _with_lists(value, number)
        record_type = value.pop("type", None)
        if record_type == "ledger":
            if value.get("format") != FORMAT:
                raise LedgerError(
                    f"unsupported ledger format {value.get('format')!r} (this version reads {FORMAT})",
                    path=path,
                    line=number,
                )
            continue
        if record_type not in RECORD_TYPES:
            known = ", ".join(("ledger", *RECORD_TYPES))
            raise LedgerError(
                f"unknown record type {record_type!r} (expected one of: {known})",
                path=path,
                line=number,
            )
        records.append(Record(record_type, value, path))
    return records


def _object(pairs: list[tuple[str, Any]], line: int, path: str) -> Obj:
    obj = Obj(line=line)
    for key, value in pairs:
        if key in obj:
            raise LedgerError(f"duplicate key {key!r}", path=path, line=line)
        obj[key] = value
    return obj


def _constant(name: str, line: int, path: str) -> Any:
    raise LedgerError(
        f"{name} is not valid JSON; write null for an open bound", path=path, line=line
    )


def _with_lists(value: Any, line: int) -> Any:
    if isinstance(value, Obj):
        for key, item in value.items():
            value[key] = _with_lists(item, line)
        return value
    if isinstance(value, list):
        return Lines([_with_lists(item, line) for item in value], line=line)
    return value


# --- export ------------------------------------------------------------------

_BATCH = 500


def write_jsonl(out: IO[str], *, session: Session) -> int:
    """Write the whole ledger to `out`, one record per line; returns the number of records.

    The first line is a header, `{"type":"ledger","format":1}`, not counted as a record.
    """
    count = -1
    for record in export_records(session=session):
        out.write(dumps(record))
        out.write("\n")
        count += 1
    return count


# Characters that str.splitlines() and older JavaScript treat as line ends: escaped so
# that one record is always exactly one line, whatever reads the file.
_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def dumps(record: dict[str, Any]) -> str:
    """One record as a JSON line: keys in the order built, text as UTF-8, no spaces."""
    line = json.dumps(record, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return line.translate(_LINE_BREAKS)


def export_records(*, session: Session) -> Iterator[dict[str, Any]]:
    """Every ledger record, by type then by id; file-local ids are ranks (d1, a1, c1…).

    Ranks rather than database ids make the output depend only on the data:
    importing it into an empty database and exporting again gives the same bytes.
    """
    names = dict(session.exec(select(Source.id, Source.name)).all())
    docs = _ranks(session, col(Document.id), "d")
    atts = _ranks(session, col(Attribution.id), "a")
    claims = _ranks(session, col(Claim.id), "c")

    yield {"type": "ledger", "format": FORMAT}

    aliases = _children(
        session,
        select(SourceAlias).order_by(col(SourceAlias.source_id), col(SourceAlias.id)),
        "source_id",
    )
    for source in _stream(session, select(Source).order_by(col(Source.id))):
        yield {
            "type": "source",
            "name": source.name,
            "kind": source.kind,
            "side": source.side,
            "parent": names.get(source.parent_id) if source.parent_id else None,
            "credibility": source.credibility,
            "anonymous": bool(source.anonymous),
            "partisan": source.partisan,
            "merged_into": names.get(source.merged_into_id) if source.merged_into_id else None,
            "origin": source.origin,
            "created_at": _when(source.created_at),
            "aliases": [a.alias for a in aliases(source.id)],
        }

    parties = _children(
        session,
        select(DisputeParty).order_by(col(DisputeParty.dispute_id), col(DisputeParty.id)),
        "dispute_id",
    )
    for dispute in _stream(session, select(Dispute).order_by(col(Dispute.id))):
        yield {
            "type": "dispute",
            "name": dispute.name,
            "aliases": _split(dispute.aliases),
            "parties": [p.side for p in parties(dispute.id)],
        }

    for user in _stream(session, select(User).order_by(col(User.name))):
        yield {
            "type": "user",
            "name": user.name,
            "role": user.role,
            "created_at": _when(user.created_at),
        }

    for doc in _stream(session, select(Document).order_by(col(Document.id))):
        yield {
            "type": "document",
            "id": docs[doc.id],
            "outlet": doc.outlet,
            "title": doc.title,
            "url": doc.url,
            "authors": _split(doc.authors),
            "published": _when(doc.published),
            "kind": doc.kind,
            "copy_of": docs.get(doc.copy_of_id) if doc.copy_of_id else None,
            "source_path": doc.source_path,
            "source_offset": int(doc.source_offset),
            "skip": doc.skip,
            "ingested_at": _when(doc.ingested_at),
            "text": doc.text,
        }

    for link in _stream(session, select(DocumentLink).order_by(col(DocumentLink.id))):
        yield {
            "type": "document_link",
            "document": docs[link.document_id],
            "other": docs[link.other_id],
            "kind": link.kind,
            "score": float(link.score),
            "method": link.method,
        }

    hops = _children(
        session,
        select(ChainHop).order_by(col(ChainHop.attribution_id), col(ChainHop.position)),
        "attribution_id",
    )
    for att in _stream(session, select(Attribution).order_by(col(Attribution.id))):
        yield {
            "type": "attribution",
            "id": atts[att.id],
            "document": docs[att.document_id],
            "speaker": _span(att.speaker_text, att.speaker_start, att.speaker_end),
            "speaker_source": names.get(att.speaker_id) if att.speaker_id else None,
            "cue": _span(att.cue_text, att.cue_start, att.cue_end),
            "content": _span(att.content_text, att.content_start, att.content_end),
            "kind": att.kind,
            "hedged": bool(att.hedged),
            "said_at": att.said_at.isoformat() if att.said_at else None,
            "chain": [{"source": names[h.source_id], "role": h.role} for h in hops(att.id)],
            "method": att.method,
        }

    carried = _children(
        session,
        select(Attribution.claim_id, Attribution.id)
        .where(col(Attribution.claim_id).is_not(None))
        .order_by(col(Attribution.claim_id), col(Attribution.id)),
        "claim_id",
    )
    figures = _children(
        session, select(Figure).order_by(col(Figure.claim_id), col(Figure.id)), "claim_id"
    )
    for claim in _stream(session, select(Claim).order_by(col(Claim.id))):
        yield {
            "type": "claim",
            "id": claims[claim.id],
            "text": claim.text,
            "label": claim.label,
            "scope": claim.scope,
            "flags": [f for f in claim.flags.split(",") if f],
            "independent_origins": int(claim.independent_origins),
            "documents": int(claim.documents),
            "created_at": _when(claim.created_at),
            "attributions": [atts[row.id] for row in carried(claim.id)],
            "figures": [_figure(f, atts) for f in figures(claim.id)],
        }

    for link in _stream(session, select(ClaimLink).order_by(col(ClaimLink.id))):
        yield {
            "type": "claim_link",
            "claim": claims[link.claim_id],
            "other": claims[link.other_id],
            "kind": link.kind,
            "method": link.method,
            "score": float(link.score),
            "status": link.status,
            "why": link.why,
            "decided_by": link.decided_by,
            "created_at": _when(link.created_at),
        }

    for review in _stream(session, select(Review).order_by(col(Review.claim_id))):
        yield {
            "type": "review",
            "claim": claims[review.claim_id],
            "status": review.status,
            "assignee": review.assignee,
            "version": int(review.version),
            "updated_by": review.updated_by,
            "updated_at": _when(review.updated_at),
        }

    for event in _stream(session, select(ReviewEvent).order_by(col(ReviewEvent.id))):
        yield {
            "type": "review_event",
            "claim": claims[event.claim_id],
            "version": int(event.version),
            "user": event.user,
            "at": _when(event.at),
            "action": event.action,
            "from_status": event.from_status,
            "to_status": event.to_status,
            "assignee": event.assignee,
            "note": event.note,
            "evidence": _split(event.evidence),
        }


def _figure(fig: Figure, atts: dict[int, str]) -> dict[str, Any]:
    return {
        "attribution": atts.get(fig.attribution_id) if fig.attribution_id else None,
        "value": float(fig.value),
        "low": _bound(fig.low),
        "high": _bound(fig.high),
        "low_open": bool(fig.low_open),
        "high_open": bool(fig.high_open),
        "qualifier": fig.qualifier,
        "unit": fig.unit,
        "label": fig.label,
        "scope": fig.scope,
        "text": fig.text,
    }


def _bound(value: float | None) -> float | None:
    """A bound as JSON: infinity (no bound) is null."""
    if value is None or value in (float("inf"), float("-inf")):
        return None
    return float(value)


def _span(text: str | None, start: int | None, end: int | None) -> dict[str, Any] | None:
    if text is None and start is None:
        return None
    return {"text": text, "start": start, "end": end}


def _when(value: datetime | None) -> str | None:
    """ISO 8601 in UTC: the databases store UTC, so an export never depends on the writer's zone."""
    if value is None:
        return None
    if value.utcoffset() is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat()


def _split(value: str) -> list[str]:
    return value.split("\n") if value else []


def _ranks(session: Session, column: Any, prefix: str) -> dict[int, str]:
    ids = session.exec(select(column).order_by(column)).all()
    return {row_id: f"{prefix}{rank}" for rank, row_id in enumerate(ids, start=1)}


def _stream(session: Session, stmt: Any) -> Iterator[Any]:
    """Rows of `stmt` fetched in batches, so an export never holds the corpus in memory."""
    return iter(session.exec(stmt.execution_options(yield_per=_BATCH)))  # type: ignore[call-overload]


def _children(session: Session, stmt: Any, parent: str) -> Callable[[int | None], list[Any]]:
    """Rows of `stmt` (sorted by `parent`) handed out per parent as the parents are visited in id order."""
    rows = _stream(session, stmt)
    pending: list[Any] = [next(rows, None)]

    def take(parent_id: int | None) -> list[Any]:
        out = []
        while pending[0] is not None and getattr(pending[0], parent) < parent_id:
            pending[0] = next(rows, None)
        while pending[0] is not None and getattr(pending[0], parent) == parent_id:
            out.append(pending[0])
            pending[0] = next(rows, None)
        return out

    return take

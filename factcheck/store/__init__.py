"""Store stage: documents and their extracted attributions become ledger rows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlmodel import Session, select

from factcheck.extraction import ExtractedAttribution
from factcheck.models import Attribution, ChainHop, Claim, Document, Figure, Source
from factcheck.reading import DocumentDraft, fingerprint
from factcheck.sources import registry
from factcheck.sources.infer import SourceGuess, infer_source
from factcheck.sources.names import name_key
from factcheck.text import claim_key

PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "him", "her", "them", "you"})


@dataclass
class StoreResult:
    """What one stored report added."""

    documents: list[int] = field(default_factory=list)  # ids of new documents
    skipped: int = 0  # documents already in the ledger
    attributions: int = 0
    claims: int = 0


class SourceCache:
    """Resolves speaker and hop phrases to registry sources once per unit of work."""

    def __init__(self, session: Session):
        self.session = session
        self._by_key: dict[tuple[str, str | None], int] = {}

    def resolve(
        self, phrase: str, *, descriptor: str | None = None, context: str | None = None
    ) -> Source | None:
        phrase = " ".join(phrase.split())
        if not phrase or phrase.casefold() in PRONOUNS or not name_key(phrase):
            return None
        cache_key = (name_key(phrase), descriptor)
        cached = self._by_key.get(cache_key)
        if cached is not None:
            return self.session.get(Source, cached)
        guess: SourceGuess = infer_source(phrase, descriptor=descriptor, context=context)
        aliases = (
            [phrase] if name_key(phrase) != name_key(guess.name) and not guess.anonymous else []
        )
        source = registry.resolve_source(
            guess.name,
            session=self.session,
            kind=guess.kind,
            side=guess.side,
            parent=guess.parent,
            anonymous=guess.anonymous,
            aliases=aliases,
        )
        self._by_key[cache_key] = source.id  # type: ignore[assignment]
        return source

    def outlet(self, name: str) -> Source | None:
        name = " ".join(name.split())
        if not name_key(name):
            return None
        cache_key = (name_key(name), "__outlet__")
        cached = self._by_key.get(cache_key)
        if cached is not None:
            return self.session.get(Source, cached)
        guess = infer_source(name)
        kind = guess.kind if guess.kind in ("outlet", "wire", "state_media") else "outlet"
        source = registry.resolve_source(name, session=self.session, kind=kind, side=guess.side)
        self._by_key[cache_key] = source.id  # type: ignore[assignment]
        return source


def _spans(spans: Sequence[tuple[int, int]]) -> str:
    return ",".join(f"{a}-{b}" for a, b in spans)


def find_document(draft: DocumentDraft, *, session: Session) -> Document | None:
    """The stored document with the same content, outlet and title, if any (idempotent ingest)."""
    return session.exec(
        select(Document).where(
            Document.fingerprint == fingerprint(draft.text),
            Document.outlet_key == name_key(draft.outlet or ""),
            Document.title_key == name_key(draft.title or ""),
        )
    ).first()


def store_document(
    draft: DocumentDraft,
    attributions: Sequence[ExtractedAttribution],
    *,
    session: Session,
    sources: SourceCache,
    path: str | None = None,
    copy_of: Document | None = None,
) -> tuple[Document, int]:
    """Insert one document with its attributions, chains, claims and figures.

    Attribution offsets must be relative to ``draft.text``. Returns the
    document and the number of attributions stored.
    """
    doc = Document(
        outlet=draft.outlet,
        outlet_key=name_key(draft.outlet or ""),
        title=draft.title,
        title_key=name_key(draft.title or ""),
        url=draft.url,
        authors="\n".join(draft.authors),
        published=draft.published,
        kind=draft.kind,
        text=draft.text,
        fingerprint=fingerprint(draft.text),
        copy_of_id=copy_of.id if copy_of is not None else None,
        source_path=path,
        source_offset=draft.start,
        skip=_spans(draft.skip),
    )
    session.add(doc)
    session.flush()
    publisher = sources.outlet(draft.outlet) if draft.outlet else None
    seen: set[tuple[int, int, int | None]] = set()
    stored = 0
    for found in attributions:
        identity = (
            found.content.start,
            found.content.end,
            found.speaker.start if found.speaker else None,
        )
        if identity in seen:
            continue
        seen.add(identity)
        _store_attribution(found, doc=doc, session=session, sources=sources, publisher=publisher)
        stored += 1
    return doc, stored


def _store_attribution(
    found: ExtractedAttribution,
    *,
    doc: Document,
    session: Session,
    sources: SourceCache,
    publisher: Source | None,
) -> Attribution:
    context = doc.text[max(0, found.content.start - 600) : found.content.end + 200]
    speaker_source = None
    if found.speaker is not None:
        speaker_source = sources.resolve(
            found.speaker_name or found.speaker.text,
            descriptor=found.speaker_descriptor,
            context=context,
        )
    claim = Claim(
        text=found.content.text,
        key=claim_key(found.content.text),
        label=found.figures[0].label if found.figures else None,
    )
    session.add(claim)
    session.flush()
    att = Attribution(
        document_id=doc.id,  # type: ignore[arg-type]
        claim_id=claim.id,
        speaker_id=speaker_source.id if speaker_source else None,
        speaker_text=found.speaker.text if found.speaker else None,
        speaker_start=found.speaker.start if found.speaker else None,
        speaker_end=found.speaker.end if found.speaker else None,
        cue_text=found.cue.text if found.cue else None,
        cue_start=found.cue.start if found.cue else None,
        cue_end=found.cue.end if found.cue else None,
        content_text=found.content.text,
        content_start=found.content.start,
        content_end=found.content.end,
        kind=found.kind,
        hedged=found.hedged,
        said_at=found.said_at,
        method="extracted",
    )
    session.add(att)
    session.flush()
    for position, source_id, role in _chain(found, speaker_source, publisher, sources, context):
        session.add(
            ChainHop(attribution_id=att.id, position=position, source_id=source_id, role=role)
        )  # type: ignore[arg-type]
    for fig in found.figures:
        session.add(
            Figure(
                claim_id=claim.id,  # type: ignore[arg-type]
                attribution_id=att.id,
                value=fig.value,
                low=fig.low,
                high=fig.high,
                low_open=fig.low_open,
                high_open=fig.high_open,
                qualifier=fig.qualifier,
                unit=fig.unit,
                label=fig.label,
                text=fig.text,
            )
        )
    return att


def _chain(
    found: ExtractedAttribution,
    speaker: Source | None,
    publisher: Source | None,
    sources: SourceCache,
    context: str,
) -> list[tuple[int, int, str]]:
    """Chain hops as (position, source id, role), origin first, no source twice in a row."""
    hops: list[tuple[int, str]] = []
    for hop in found.chain:
        if hop.role == "publisher":
            source = publisher
        elif (
            found.speaker is not None
            and hop.role == "origin"
            and name_key(hop.source) == name_key(found.speaker.text)
        ):
            source = speaker
        else:
            source = sources.resolve(hop.source, context=context)
        if source is not None and source.id is not None:
            hops.append((source.id, hop.role))
    if not found.chain:
        if speaker is not None and speaker.id is not None:
            hops.append((speaker.id, "origin"))
        if publisher is not None and publisher.id is not None:
            hops.append((publisher.id, "publisher"))
    cleaned: list[tuple[int, str]] = []
    for source_id, role in hops:
        if cleaned and cleaned[-1][0] == source_id:
            continue
        cleaned.append((source_id, role))
    if cleaned and cleaned[0][1] != "origin" and len(cleaned) > 1:
        cleaned[0] = (cleaned[0][0], "origin")
    return [(i, sid, role) for i, (sid, role) in enumerate(cleaned)]

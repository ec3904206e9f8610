"""SQLModel tables: the claim ledger.

Every table here is migrated by Alembic (factcheck/migrations); tests may use
``SQLModel.metadata.create_all`` directly.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


# --- vocabularies (kept as plain strings in the database) -------------------

ATTRIBUTION_KINDS = ("direct_quote", "indirect", "according_to", "anonymous", "unattributed")
HOP_ROLES = ("origin", "relay", "publisher")
LINK_KINDS = ("corroborates", "repeats", "contradicts", "updates")
LINK_METHODS = ("extracted", "fuzzy", "figure", "manual")
LINK_STATUSES = ("auto", "confirmed", "rejected")
REVIEW_STATUSES = (
    "unreviewed",
    "in_progress",
    "verified",
    "false",
    "misleading",
    "unverifiable",
    "not_applicable",
)
VERDICTS = REVIEW_STATUSES[2:]
ROLES = ("reporter", "editor", "admin")
FLAGS = (
    "single_source",
    "single_partisan_source",
    "anonymous_only",
    "unattributed",
    "contradicted",
    "hedged",
)


# --- sources ---------------------------------------------------------------


class Source(SQLModel, table=True):
    """Anyone who can originate or relay a statement."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True)
    key: str = Field(index=True, unique=True)  # names.name_key(name)
    kind: str = Field(default="unknown")
    parent_id: int | None = Field(default=None, foreign_key="source.id", index=True)
    side: str | None = Field(default=None, index=True)
    credibility: str | None = None
    anonymous: bool = False
    partisan: bool | None = None  # hand-set override of the partisan rule
    merged_into_id: int | None = Field(default=None, foreign_key="source.id")
    origin: str = Field(default="extracted")  # extracted | manual | import
    created_at: datetime = Field(default_factory=utcnow)


class SourceAlias(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("key", "source_id"),)

    id: int | None = Field(default=None, primary_key=True)
    source_id: int = Field(foreign_key="source.id", index=True)
    alias: str
    key: str = Field(index=True)


class Dispute(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, index=True)
    aliases: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))  # newline-separated


class DisputeParty(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("dispute_id", "side"),)

    id: int | None = Field(default=None, primary_key=True)
    dispute_id: int = Field(foreign_key="dispute.id", index=True)
    side: str


# --- documents and attributions --------------------------------------------


class Document(SQLModel, table=True):
    """One report; a live blog becomes one document per entry."""

    __table_args__ = (UniqueConstraint("fingerprint", "outlet_key", "title_key"),)

    id: int | None = Field(default=None, primary_key=True)
    outlet: str | None = Field(default=None, index=True)
    outlet_key: str = Field(default="")
    title: str | None = None
    title_key: str = Field(default="")
    url: str | None = None
    authors: str = Field(default="")  # newline-separated
    published: datetime | None = Field(default=None, index=True)
    kind: str = Field(default="article")
    text: str = Field(sa_column=Column(Text, nullable=False))
    fingerprint: str = Field(index=True)
    copy_of_id: int | None = Field(default=None, foreign_key="document.id", index=True)
    source_path: str | None = None
    source_offset: int = 0  # where this document's text starts in the ingested file
    skip: str = Field(default="")  # "start-end,start-end": spans extraction ignored
    ingested_at: datetime = Field(default_factory=utcnow)


class DocumentLink(SQLModel, table=True):
    """Two documents share text: a copy (whole) or shared paragraphs."""

    __table_args__ = (UniqueConstraint("document_id", "other_id"),)

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    other_id: int = Field(foreign_key="document.id", index=True)
    kind: str = "copy"  # copy | shared_paragraphs
    score: float = 1.0
    method: str = "fuzzy"


class Claim(SQLModel, table=True):
    """A proposition; many attributions may carry it."""

    id: int | None = Field(default=None, primary_key=True)
    text: str = Field(sa_column=Column(Text, nullable=False))
    key: str = Field(index=True)  # normalised text for exact matching
    label: str | None = Field(default=None, index=True)  # main figure label, if any
    scope: str | None = Field(default=None, index=True)
    # cached results of cross-referencing, recomputed by xref
    flags: str = Field(default="")  # comma-separated FLAGS
    independent_origins: int = 0
    documents: int = 0
    created_at: datetime = Field(default_factory=utcnow)


class Attribution(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("document_id", "content_start", "content_end", "speaker_start"),
    )

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    claim_id: int | None = Field(default=None, foreign_key="claim.id", index=True)
    speaker_id: int | None = Field(default=None, foreign_key="source.id", index=True)
    speaker_text: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue_text: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    content_text: str = Field(sa_column=Column(Text, nullable=False))
    content_start: int
    content_end: int
    kind: str = "indirect"
    hedged: bool = False
    said_at: date | None = None
    method: str = "extracted"  # extracted | manual | import


class ChainHop(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("attribution_id", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    attribution_id: int = Field(foreign_key="attribution.id", index=True)
    position: int
    source_id: int = Field(foreign_key="source.id", index=True)
    role: str


class Figure(SQLModel, table=True):
    __table_args__ = (
        Index("ix_figure_label_value", "label", "value"),
        # cross-referencing looks up figures of one label in one scope (xref/run.py)
        Index("ix_figure_label_scope", "label", "scope"),
    )

    id: int | None = Field(default=None, primary_key=True)
    claim_id: int = Field(foreign_key="claim.id", index=True)
    attribution_id: int | None = Field(default=None, foreign_key="attribution.id", index=True)
    value: float = Field(index=True)
    low: float | None = None
    high: float | None = None
    low_open: bool = False
    high_open: bool = False
    qualifier: str = "exact"
    unit: str | None = None
    label: str | None = None
    scope: str | None = None
    text: str | None = None


class ClaimLink(SQLModel, table=True):
    """A typed relation between two claims, with how it was made."""

    __table_args__ = (UniqueConstraint("claim_id", "other_id", "kind"),)

    id: int | None = Field(default=None, primary_key=True)
    claim_id: int = Field(foreign_key="claim.id", index=True)
    other_id: int = Field(foreign_key="claim.id", index=True)
    kind: str
    method: str = "fuzzy"
    score: float = 0.0
    status: str = "auto"  # auto | confirmed | rejected (the last two are manual decisions)
    why: str | None = None
    decided_by: str | None = None
    created_at: datetime = Field(default_factory=utcnow)


# --- review -----------------------------------------------------------------


class User(SQLModel, table=True):
    name: str = Field(primary_key=True)
    role: str = "reporter"
    created_at: datetime = Field(default_factory=utcnow)


class Review(SQLModel, table=True):
    """Current review state of a claim; `version` guards concurrent writes."""

    claim_id: int = Field(foreign_key="claim.id", primary_key=True)
    status: str = "unreviewed"
    assignee: str | None = None
    version: int = 0
    updated_by: str | None = None
    updated_at: datetime | None = None


class ReviewEvent(SQLModel, table=True):
    """Append-only log of review changes."""

    __table_args__ = (UniqueConstraint("claim_id", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    claim_id: int = Field(foreign_key="claim.id", index=True)
    version: int
    user: str
    at: datetime = Field(default_factory=utcnow)
    action: str
    from_status: str | None = None
    to_status: str | None = None
    assignee: str | None = None
    note: str | None = Field(default=None, sa_column=Column(Text))
    evidence: str = Field(default="")  # newline-separated URLs

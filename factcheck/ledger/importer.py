"""Apply ledger records to the database: validate every reference, add what is missing.

The import only adds: rows that already exist are kept as they are, except
that gaps are filled the way the registry fills them (a source's unknown
kind, missing side or parent), a newer review state replaces an older one,
and a manual link decision replaces an automatic one. Identity of existing
rows: sources by name key (or, for sources already in the database, by an
alias), disputes by name, users by name, documents by fingerprint + outlet +
title, attributions by document and offsets, claims by normalised text,
links by their two ends and kind, review events by claim and version.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import update
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, col, select

from factcheck.errors import FactcheckError, LedgerError
from factcheck.ledger.records import RECORD_TYPES, REQUIRED, Fields, Obj, Record
from factcheck.models import (
    ATTRIBUTION_KINDS,
    FLAGS,
    HOP_ROLES,
    LINK_KINDS,
    LINK_METHODS,
    LINK_STATUSES,
    REVIEW_STATUSES,
    ROLES,
    Attribution,
    ChainHop,
    Claim,
    ClaimLink,
    Document,
    DocumentLink,
    Figure,
    Review,
    ReviewEvent,
    Source,
    SourceAlias,
    User,
    utcnow,
)
from factcheck.reading.fingerprint import fingerprint
from factcheck.sources import disputes, registry
from factcheck.sources.names import name_key
from factcheck.text import claim_key

SOURCE_ORIGINS = ("extracted", "manual", "import")
ATTRIBUTION_METHODS = ("extracted", "manual", "import")
DOCUMENT_LINK_KINDS = ("copy", "shared_paragraphs")


@dataclass
class ImportSummary:
    """How many records of each type were added, and how many were already in the database."""

    path: str
    added: Counter[str] = field(default_factory=Counter)
    present: Counter[str] = field(default_factory=Counter)

    def rows(self) -> list[tuple[str, int, int]]:
        return [
            (t, self.added[t], self.present[t])
            for t in RECORD_TYPES
            if self.added[t] or self.present[t]
        ]

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "added": {t: self.added[t] for t in RECORD_TYPES},
            "present": {t: self.present[t] for t in RECORD_TYPES},
        }


def apply_records(records: list[Record], *, session: Session, path: str) -> ImportSummary:
    """Write `records` in dependency order; raises LedgerError naming the offending line."""
    return _Importer(session, path).run(records)


class _Importer:
    def __init__(self, session: Session, path: str):
        self.session = session
        self.summary = ImportSummary(path)
        self.path = path
        self.new_sources: set[int] = set()
        self.source_refs: dict[str, Source] = {}
        self.documents: dict[str, Document] = {}
        self.new_documents: set[int] = set()
        self.attributions: dict[str, Attribution] = {}
        self.new_attributions: set[int] = set()
        self.claims: dict[str, Claim] = {}
        self.claimed: set[int] = set()  # claim rows already paired with a record of this file
        self.seen: dict[tuple[Any, ...], int] = {}  # identities of records in this file -> line

    def run(self, records: list[Record]) -> ImportSummary:
        by_type: dict[str, list[Record]] = {t: [] for t in RECORD_TYPES}
        for record in records:
            by_type[record.type].append(record)
        steps: list[tuple[str, Callable[[Record], None]]] = [
            ("source", self.source),
            ("source", self.source_links),
            ("dispute", self.dispute),
            ("user", self.user),
            ("document", self.document),
            ("document", self.document_copy),
            ("document_link", self.document_link),
            ("attribution", self.attribution),
            ("claim", self.claim),
            ("claim_link", self.claim_link),
            ("review", self.review),
            ("review_event", self.review_event),
        ]
        for record_type, step in steps:
            for record in by_type[record_type]:
                try:
                    step(record)
                    # flush per record so a database refusal is reported at the right line
                    self.session.flush()
                except LedgerError:
                    raise
                except FactcheckError as exc:
                    raise LedgerError(str(exc), path=self.path, line=record.line) from exc
                except DBAPIError as exc:
                    reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
                    raise LedgerError(
                        f"rejected by the database: {reason}", path=self.path, line=record.line
                    ) from exc
            if step == self.source_links:
                self._check_source_cycles(by_type["source"])
        self.session.flush()
        return self.summary

    # --- helpers -------------------------------------------------------------

    def _count(self, record_type: str, added: bool) -> None:
        (self.summary.added if added else self.summary.present)[record_type] += 1

    def _once(self, identity: tuple[Any, ...], f: Fields, message: str) -> None:
        """Refuse a second record with the same identity in this file."""
        first = self.seen.get(identity)
        if first is not None:
            raise f.error(f"{message} (first on line {first})")
        self.seen[identity] = f.obj.line

    def _source_ref(self, ref: str, f: Fields, key: str) -> Source:
        """A source by name: exact name first (merged sources stay themselves), then the registry's alias/fuzzy lookup."""
        found = self.source_refs.get(ref)
        if found is None:
            found = self.session.exec(select(Source).where(Source.key == name_key(ref))).first()
            if found is None:
                found = registry.find_source(ref, session=self.session)
            if found is None:
                raise f.error(f"unknown source {ref!r}", key)
            self.source_refs[ref] = found
        return found

    def _local(
        self, table: dict[str, Any], what: str, f: Fields, key: str, *, required: bool = True
    ) -> Any:
        ref = f.local_id(key) if required else f.optional_local_id(key)
        if ref is None:
            return None
        row = table.get(ref)
        if row is None:
            raise f.error(f"unknown {what} {ref!r}", key)
        return row

    def _side(self, f: Fields, key: str) -> str | None:
        side = f.optional_text(key)
        if side is None:
            return None
        try:
            return disputes.normalise_side(side)
        except FactcheckError as exc:
            raise f.error(str(exc), key) from None

    # --- sources ---------------------------------------------------------------

    def source(self, record: Record) -> None:
        f = record.fields()
        name = f.name("name")
        key = name_key(name)
        if not key:
            raise f.error(f"source name {name!r} is empty once normalised", "name")
        self._once(("source", key), f, f"source {name!r} is declared twice")
        kind = f.optional_choice("kind", registry.SOURCE_KINDS)
        side = self._side(f, "side")
        credibility = f.optional_text("credibility")
        anonymous = f.flag("anonymous", False)
        partisan = f.optional_flag("partisan")
        f.raw("parent")  # resolved once every source exists (source_links)
        merged = f.raw("merged_into") is not None
        origin = f.choice("origin", SOURCE_ORIGINS, "import")
        created_at = f.optional_timestamp("created_at")
        aliases = f.strings("aliases")
        f.done()
        if any(not name_key(a) for a in aliases):
            raise f.error("an alias is empty once normalised", "aliases")

        found = self.session.exec(select(Source).where(Source.key == key)).first()
        if found is None and not merged:
            # A merged source's name is, by construction, an alias of the source it went into.
            found = self._pre_existing_by_alias([name, *aliases])
        if found is None:
            found = Source(
                name=name,
                key=key,
                kind=kind or "unknown",
                side=side,
                credibility=credibility,
                anonymous=anonymous,
                partisan=partisan,
                origin=origin,
                created_at=created_at or utcnow(),
            )
            self.session.add(found)
            self.session.flush()
            self.new_sources.add(found.id)  # type: ignore[arg-type]
            self._count("source", True)
        else:
            if found.origin != "manual":
                if found.kind == "unknown" and kind:
                    found.kind = kind
                if found.side is None:
                    found.side = side
                if found.credibility is None:
                    found.credibility = credibility
                if found.partisan is None:
                    found.partisan = partisan
                if anonymous and not found.anonymous:
                    found.anonymous = True
                self.session.add(found)
            self._count("source", False)
        # Like the registry, a live source is always findable by its own name.
        names = aliases if merged or key in {name_key(a) for a in aliases} else [name, *aliases]
        for alias in names:
            registry.add_alias(found, alias, session=self.session)
        self.source_refs[name] = found

    def _pre_existing_by_alias(self, names: list[str]) -> Source | None:
        keys = [name_key(n) for n in names]
        stmt = (
            select(SourceAlias.source_id)
            .where(col(SourceAlias.key).in_(keys))
            .order_by(col(SourceAlias.id))
        )
        for source_id in self.session.exec(stmt).all():
            if source_id not in self.new_sources:
                source = self.session.get(Source, source_id)
                if source is not None:
                    return registry.canonical(source, session=self.session)
        return None

    def source_links(self, record: Record) -> None:
        f = record.fields()
        source = self.source_refs[f.text("name")]
        editable = source.id in self.new_sources or source.origin != "manual"
        parent_ref = f.optional_name("parent")
        if parent_ref is not None:
            parent = self._source_ref(parent_ref, f, "parent")
            if parent.id == source.id:
                raise f.error(f"source {source.name!r} cannot be its own parent", "parent")
            if editable and (source.parent_id is None or source.id in self.new_sources):
                source.parent_id = parent.id
        merged_ref = f.optional_name("merged_into")
        if merged_ref is not None:
            target = self._source_ref(merged_ref, f, "merged_into")
            if target.id == source.id:
                raise f.error(f"source {source.name!r} cannot be merged into itself", "merged_into")
            if editable and source.merged_into_id is None:
                source.merged_into_id = target.id
        self.session.add(source)

    def _check_source_cycles(self, records: list[Record]) -> None:
        self.session.flush()
        for record in records:
            source = self.source_refs[record.obj["name"]]
            for attr, what in (("parent_id", "parent"), ("merged_into_id", "merged_into")):
                seen = {source.id}
                current = getattr(source, attr)
                while current is not None:
                    if current in seen:
                        raise record.fields().error(
                            f"the {what} chain of source {source.name!r} runs in a circle", what
                        )
                    seen.add(current)
                    row = self.session.get(Source, current)
                    current = getattr(row, attr) if row is not None else None

    # --- disputes and users ----------------------------------------------------

    def dispute(self, record: Record) -> None:
        f = record.fields()
        name = f.name("name")
        self._once(("dispute", name_key(name)), f, f"dispute {name!r} is declared twice")
        aliases = f.strings("aliases")
        parties = f.strings("parties")
        f.done()
        existing = disputes.find_dispute(name, session=self.session)
        try:
            disputes.add_dispute(name, parties=parties, aliases=aliases, session=self.session)
        except FactcheckError as exc:
            raise f.error(str(exc), "parties") from None
        self._count("dispute", existing is None)

    def user(self, record: Record) -> None:
        f = record.fields()
        name = f.name("name")
        self._once(("user", name), f, f"user {name!r} is declared twice")
        role = f.choice("role", ROLES, "reporter")
        created_at = f.optional_timestamp("created_at")
        f.done()
        if self.session.get(User, name) is not None:
            self._count("user", False)
            return
        self.session.add(User(name=name, role=role, created_at=created_at or utcnow()))
        self.session.flush()
        self._count("user", True)

    # --- documents ---------------------------------------------------------------

    def document(self, record: Record) -> None:
        f = record.fields()
        local = f.local_id("id")
        self._once(("document", local), f, f"document id {local!r} is used twice")
        text = f.text("text")
        outlet = f.optional_text("outlet")
        title = f.optional_text("title")
        url = f.optional_text("url")
        authors = f.strings("authors")
        published = f.optional_timestamp("published")
        kind = f.name("kind", "article")
        f.raw("copy_of")  # resolved once every document exists (document_copy)
        source_path = f.optional_text("source_path")
        source_offset = f.integer("source_offset", 0)
        skip = f.text("skip", "")
        ingested_at = f.optional_timestamp("ingested_at")
        f.done()
        _check_skip(skip, len(text), f)
        keys = (fingerprint(text), name_key(outlet or ""), name_key(title or ""))
        self._once(
            ("document-content", *keys),
            f,
            f"document {local!r} repeats the text, outlet and title of another",
        )
        doc = self.session.exec(
            select(Document).where(
                Document.fingerprint == keys[0],
                Document.outlet_key == keys[1],
                Document.title_key == keys[2],
            )
        ).first()
        if doc is None:
            doc = Document(
                outlet=outlet,
                outlet_key=keys[1],
                title=title,
                title_key=keys[2],
                url=url,
                authors="\n".join(authors),
                published=published,
                kind=kind,
                text=text,
                fingerprint=keys[0],
                source_path=source_path,
                source_offset=source_offset,
                skip=skip,
                ingested_at=ingested_at or utcnow(),
            )
            self.session.add(doc)
            self.session.flush()
            self.new_documents.add(doc.id)  # type: ignore[arg-type]
        self._count("document", doc.id in self.new_documents)
        self.documents[local] = doc

    def document_copy(self, record: Record) -> None:
        f = record.fields()
        doc = self.documents[f.local_id("id")]
        original = self._local(self.documents, "document", f, "copy_of", required=False)
        if original is None:
            return
        walk: Document | None = original
        while walk is not None:
            if walk.id == doc.id:
                raise f.error("documents cannot be copies of each other in a circle", "copy_of")
            walk = self.session.get(Document, walk.copy_of_id) if walk.copy_of_id else None
        if doc.copy_of_id is None:
            doc.copy_of_id = original.id
            self.session.add(doc)

    def document_link(self, record: Record) -> None:
        f = record.fields()
        doc = self._local(self.documents, "document", f, "document")
        other = self._local(self.documents, "document", f, "other")
        kind = f.choice("kind", DOCUMENT_LINK_KINDS, "copy")
        score = f.number("score", 1.0)
        method = f.name("method", "manual")
        f.done()
        if doc.id == other.id:
            raise f.error("a document link needs two different documents", "other")
        self._once(("document_link", doc.id, other.id), f, "the same document link is given twice")
        existing = self.session.exec(
            select(DocumentLink).where(
                DocumentLink.document_id == doc.id, DocumentLink.other_id == other.id
            )
        ).first()
        if existing is None:
            self.session.add(
                DocumentLink(
                    document_id=doc.id, other_id=other.id, kind=kind, score=score, method=method
                )
            )  # type: ignore[arg-type]
        self._count("document_link", existing is None)

    # --- attributions ------------------------------------------------------------

    def attribution(self, record: Record) -> None:
        f = record.fields()
        local = f.local_id("id")
        self._once(("attribution", local), f, f"attribution id {local!r} is used twice")
        doc_ref = f.local_id("document")
        doc = self._local(self.documents, "document", f, "document")
        content = _span(f, "content", doc.text, doc_ref, required=True)
        assert content is not None
        speaker = _span(f, "speaker", doc.text, doc_ref)
        cue = _span(f, "cue", doc.text, doc_ref)
        if f.has("speaker_source"):
            ref = f.optional_name("speaker_source")
            speaker_source = self._source_ref(ref, f, "speaker_source") if ref is not None else None
        elif speaker is not None:
            speaker_source = self.session.exec(
                select(Source).where(Source.key == name_key(speaker[0]))
            ).first()
            speaker_source = speaker_source or registry.find_source(
                speaker[0], session=self.session
            )
            if speaker_source is None:
                raise f.error(
                    f"speaker {speaker[0]!r} is not a known source; name it with speaker_source (or null)",
                    "speaker",
                )
        else:
            speaker_source = None
        kind = f.choice("kind", ATTRIBUTION_KINDS, "indirect")
        hedged = f.flag("hedged", False)
        said_at = f.optional_day("said_at")
        method = f.choice("method", ATTRIBUTION_METHODS, "import")
        chain = self._chain(f)
        f.done()

        identity = (doc.id, content[1], content[2], speaker[1] if speaker else None)
        self._once(
            ("attribution-span", *identity),
            f,
            "another attribution has the same document, speaker and content offsets",
        )
        existing = None
        if doc.id not in self.new_documents:
            existing = self.session.exec(
                select(Attribution).where(
                    Attribution.document_id == doc.id,
                    Attribution.content_start == content[1],
                    Attribution.content_end == content[2],
                    Attribution.speaker_start == identity[3],
                )
            ).first()
        if existing is not None:
            self.attributions[local] = existing
            self._count("attribution", False)
            return
        att = Attribution(
            document_id=doc.id,
            speaker_id=speaker_source.id if speaker_source else None,
            speaker_text=speaker[0] if speaker else None,
            speaker_start=speaker[1] if speaker else None,
            speaker_end=speaker[2] if speaker else None,
            cue_text=cue[0] if cue else None,
            cue_start=cue[1] if cue else None,
            cue_end=cue[2] if cue else None,
            content_text=content[0],
            content_start=content[1],
            content_end=content[2],
            kind=kind,
            hedged=hedged,
            said_at=said_at,
            method=method,
        )
        self.session.add(att)
        self.session.flush()
        for position, (source, role) in enumerate(chain):
            hop = ChainHop(attribution_id=att.id, position=position, source_id=source.id, role=role)  # type: ignore[arg-type]
            self.session.add(hop)
        self.new_attributions.add(att.id)  # type: ignore[arg-type]
        self.attributions[local] = att
        self._count("attribution", True)

    def _chain(self, f: Fields) -> list[tuple[Source, str]]:
        """Hops origin first; a bare name takes its role from its place (first origin, last publisher)."""
        items = f.items("chain")
        hops = []
        for index, item in enumerate(items):
            if isinstance(item, str):
                hop = Fields(
                    Obj({"source": item}.items(), line=items.line_of(index)), f.path, "chain hop"
                )
                default_role = (
                    "origin" if index == 0 else "publisher" if index == len(items) - 1 else "relay"
                )
            elif isinstance(item, Obj):
                hop = Fields(item, f.path, "chain hop")
                default_role = REQUIRED
            else:
                raise LedgerError(
                    "a chain hop must be a source name or {source, role}",
                    path=f.path,
                    line=items.line_of(index),
                )
            ref = hop.name("source")
            role = hop.choice("role", HOP_ROLES, default_role)
            hop.done()
            hops.append((self._source_ref(ref, hop, "source"), role))
        return hops

    # --- claims --------------------------------------------------------------------

    def claim(self, record: Record) -> None:
        f = record.fields()
        local = f.local_id("id")
        self._once(("claim", local), f, f"claim id {local!r} is used twice")
        text = f.text("text")
        label = f.optional_text("label")
        scope = f.optional_text("scope")
        flags = f.strings("flags")
        for flag in flags:
            if flag not in FLAGS:
                raise f.error(
                    f"unknown claim flag {flag!r} (expected one of: {', '.join(FLAGS)})", "flags"
                )
        independent = f.integer("independent_origins", 0)
        documents = f.integer("documents", 0)
        created_at = f.optional_timestamp("created_at")
        carried = self._carried(f)
        figures = [self._figure(item, index, f) for index, item in enumerate(f.items("figures"))]
        f.done()

        key = claim_key(text)
        # Pair this record with the first claim of the same text not yet paired, so
        # re-importing keeps even two claims of identical text apart.
        stmt = select(Claim).where(Claim.key == key).order_by(col(Claim.id))
        claim = next((c for c in self.session.exec(stmt) if c.id not in self.claimed), None)
        added = claim is None
        if claim is None:
            claim = Claim(
                text=text,
                key=key,
                label=label,
                scope=scope,
                flags=",".join(flags),
                independent_origins=independent,
                documents=documents,
                created_at=created_at or utcnow(),
            )
            self.session.add(claim)
            self.session.flush()
        else:
            claim.label = claim.label if claim.label is not None else label
            claim.scope = claim.scope if claim.scope is not None else scope
            self.session.add(claim)
        self.claimed.add(claim.id)  # type: ignore[arg-type]
        self.claims[local] = claim
        for att in carried:
            if att.claim_id is None or att.id in self.new_attributions:
                att.claim_id = claim.id
                self.session.add(att)
        self._add_figures(claim, figures, added)
        self._count("claim", added)

    def _carried(self, f: Fields) -> list[Attribution]:
        items = f.items("attributions")
        out = []
        for index, item in enumerate(items):
            line = items.line_of(index)
            if isinstance(item, bool) or not isinstance(item, str | int):
                raise LedgerError(
                    "claim 'attributions' must list attribution ids", path=f.path, line=line
                )
            att = self.attributions.get(str(item))
            if att is None:
                raise LedgerError(f"unknown attribution {str(item)!r}", path=f.path, line=line)
            first = self.seen.get(("carried", att.id))
            if first is not None:
                raise LedgerError(
                    f"attribution {str(item)!r} is already carried by the claim on line {first}",
                    path=f.path,
                    line=line,
                )
            self.seen[("carried", att.id)] = f.obj.line
            out.append(att)
        return out

    def _figure(self, item: Any, index: int, claim: Fields) -> dict[str, Any]:
        items = claim.obj["figures"]
        if not isinstance(item, Obj):
            raise LedgerError(
                "a figure must be a mapping", path=claim.path, line=items.line_of(index)
            )
        f = Fields(item, claim.path, "figure")
        att = self._local(self.attributions, "attribution", f, "attribution", required=False)
        value = f.number("value")
        qualifier = f.name("qualifier", "exact")
        for bound in ("low", "high"):
            if not f.has(bound) and qualifier != "exact":
                raise f.error(
                    f"a figure qualified {qualifier!r} needs 'low' and 'high' (null for no bound)"
                )
        low = f.bound("low", value)
        high = f.bound("high", value)
        if low is not None and high is not None and low > high:
            raise f.error(f"figure bounds are reversed: low {low:g} is above high {high:g}", "low")
        fig = {
            "attribution_id": att.id if att is not None else None,
            "value": value,
            "low": low,
            "high": high,
            "low_open": f.flag("low_open", False),
            "high_open": f.flag("high_open", False),
            "qualifier": qualifier,
            "unit": f.optional_text("unit"),
            "label": f.optional_text("label"),
            "scope": f.optional_text("scope"),
            "text": f.optional_text("text"),
        }
        f.done()
        return fig

    def _add_figures(self, claim: Claim, figures: list[dict[str, Any]], new_claim: bool) -> None:
        have: Counter[tuple[Any, ...]] = Counter()
        if not new_claim:
            for row in self.session.exec(select(Figure).where(Figure.claim_id == claim.id)).all():
                have[_figure_identity(row.model_dump())] += 1
        for fig in figures:
            identity = _figure_identity(fig)
            if have[identity]:
                have[identity] -= 1
                continue
            self.session.add(Figure(claim_id=claim.id, **fig))  # type: ignore[arg-type]

    def claim_link(self, record: Record) -> None:
        f = record.fields()
        claim = self._local(self.claims, "claim", f, "claim")
        other = self._local(self.claims, "claim", f, "other")
        kind = f.choice("kind", LINK_KINDS)
        method = f.choice("method", LINK_METHODS, "manual")
        score = f.number("score", 1.0)
        status = f.choice("status", LINK_STATUSES, "confirmed")
        why = f.optional_text("why")
        decided_by = f.optional_text("decided_by")
        created_at = f.optional_timestamp("created_at")
        f.done()
        if claim.id == other.id:
            raise f.error("a claim link needs two different claims", "other")
        self._once(
            ("claim_link", claim.id, other.id, kind), f, "the same claim link is given twice"
        )
        existing = self.session.exec(
            select(ClaimLink).where(
                ClaimLink.claim_id == claim.id,
                ClaimLink.other_id == other.id,
                ClaimLink.kind == kind,
            )
        ).first()
        if existing is None:
            self.session.add(
                ClaimLink(
                    claim_id=claim.id,
                    other_id=other.id,
                    kind=kind,
                    method=method,
                    score=score,
                    status=status,
                    why=why,
                    decided_by=decided_by,
                    created_at=created_at or utcnow(),
                )
            )
        elif existing.status == "auto" and status != "auto":
            # a person's decision outranks an automatic link
            existing.status, existing.method, existing.score = status, method, score
            existing.why, existing.decided_by = why, decided_by
            self.session.add(existing)
        self._count("claim_link", existing is None)

    # --- review ----------------------------------------------------------------------

    def review(self, record: Record) -> None:
        f = record.fields()
        claim = self._local(self.claims, "claim", f, "claim")
        state = Review(
            claim_id=claim.id,  # type: ignore[arg-type]
            status=f.choice("status", REVIEW_STATUSES, "unreviewed"),
            assignee=f.optional_text("assignee"),
            version=f.integer("version", 0),
            updated_by=f.optional_text("updated_by"),
            updated_at=f.optional_timestamp("updated_at"),
        )
        f.done()
        self._once(("review", claim.id), f, "this claim already has a review")
        existing = self.session.get(Review, claim.id)
        if existing is None:
            self.session.add(state)
        elif existing.version < state.version:
            # The file holds a later state of this review than the database. Replace it
            # only if nobody changed it since it was read (as the review commands do).
            seen = existing.version
            changed = self.session.connection().execute(
                update(Review)
                .where(Review.claim_id == claim.id, Review.version == seen)  # type: ignore[arg-type]
                .values(
                    {
                        name: getattr(state, name)
                        for name in ("status", "assignee", "version", "updated_by", "updated_at")
                    }
                )
            )
            if changed.rowcount != 1:
                raise FactcheckError(
                    f"the review of claim {claim.id} was changed while importing; run the import again"
                )
            self.session.expire(existing)
        self._count("review", existing is None)

    def review_event(self, record: Record) -> None:
        f = record.fields()
        claim = self._local(self.claims, "claim", f, "claim")
        version = f.integer("version")
        user = f.name("user")
        at = f.timestamp("at")
        action = f.name("action")
        from_status = f.optional_choice("from_status", REVIEW_STATUSES)
        to_status = f.optional_choice("to_status", REVIEW_STATUSES)
        assignee = f.optional_text("assignee")
        note = f.optional_text("note")
        evidence = f.strings("evidence")
        f.done()
        self._once(
            ("review_event", claim.id, version),
            f,
            f"claim already has a review event with version {version}",
        )
        existing = self.session.exec(
            select(ReviewEvent).where(
                ReviewEvent.claim_id == claim.id, ReviewEvent.version == version
            )
        ).first()
        if existing is None:
            self.session.add(
                ReviewEvent(
                    claim_id=claim.id,
                    version=version,
                    user=user,
                    at=at,
                    action=action,
                    from_status=from_status,
                    to_status=to_status,
                    assignee=assignee,
                    note=note,
                    evidence="\n".join(evidence),
                )
            )
        self._count("review_event", existing is None)


def _figure_identity(fig: dict[str, Any]) -> tuple[Any, ...]:
    keys = (
        "attribution_id",
        "value",
        "low",
        "high",
        "low_open",
        "high_open",
        "qualifier",
        "unit",
        "label",
        "scope",
        "text",
    )
    return tuple(fig.get(k) for k in keys)


def _check_skip(skip: str, length: int, f: Fields) -> None:
    """`skip` is "start-end,start-end" inside the text."""
    for part in skip.split(",") if skip else []:
        start, _, end = part.partition("-")
        if not (start.isdigit() and end.isdigit()) or not int(start) <= int(end) <= length:
            raise f.error(
                f"bad skip span {part!r} (want start-end within the {length}-character text)",
                "skip",
            )


def _span(
    f: Fields, key: str, text: str, doc: str | None, *, required: bool = False
) -> tuple[str, int, int] | None:
    """(text, start, end) of a speaker, cue or content: plain text found in the document, or explicit offsets."""
    value = f.raw(key)
    if value is None:
        if required:
            raise f.error(f"attribution has no {key!r}", key if f.has(key) else None)
        return None
    if isinstance(value, str):
        needle: str | None = value
        start = end = occurrence = None
        line = f.obj.line_of(key)
    elif isinstance(value, Obj):
        sub = Fields(value, f.path, key)
        needle = sub.optional_text("text")
        start = sub.optional_integer("start")
        end = sub.optional_integer("end")
        occurrence = sub.optional_integer("occurrence", minimum=1)
        sub.done()
        line = value.line
    else:
        raise f.error(f"attribution {key!r} must be text or a mapping of text/start/end", key)

    def error(message: str) -> LedgerError:
        return LedgerError(message, path=f.path, line=line)

    if start is not None or end is not None:
        if start is None or end is None:
            raise error(f"{key} needs both 'start' and 'end'")
        if occurrence is not None:
            raise error(f"{key}: give either 'occurrence' or 'start'/'end', not both")
        if not start <= end <= len(text):
            raise error(
                f"{key} offsets {start}-{end} are outside the text of document {doc!r} ({len(text)} characters)"
            )
        if needle is not None and text[start:end] != needle:
            raise error(f"{key} offsets {start}-{end} hold {text[start:end]!r}, not {needle!r}")
        return text[start:end], start, end
    if not needle:
        raise error(f"{key} needs its text or 'start' and 'end'")
    positions = _occurrences(text, needle)
    if not positions:
        raise error(f"{key} {needle!r} is not in the text of document {doc!r}")
    if occurrence is not None:
        if occurrence > len(positions):
            raise error(
                f"{key} {needle!r} occurs only {len(positions)} time(s) in document {doc!r}"
            )
        begin = positions[occurrence - 1]
    elif len(positions) > 1:
        raise error(
            f"{key} {needle!r} occurs {len(positions)} times in document {doc!r}; say which with 'occurrence' or 'start'/'end'"
        )
    else:
        begin = positions[0]
    return needle, begin, begin + len(needle)


def _occurrences(text: str, needle: str) -> list[int]:
    positions = []
    at = text.find(needle)
    while at != -1:
        positions.append(at)
        at = text.find(needle, at + 1)
    return positions

"""Hand-built ledgers for the cross-referencing tests: rows made through the session,
shaped exactly as the store writes them (one claim per attribution, figures per attribution)."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import UTC, date, datetime

from sqlalchemy import delete
from sqlmodel import Session, select

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
    Source,
    SourceAlias,
)
from factcheck.reading import fingerprint
from factcheck.sources.names import name_key
from factcheck.text import claim_key


def _split(text: str) -> list[str]:
    return text.split()


_WORDS = _split(
    "council harbour winter budget library festival orchard bridge tram museum cyclist bakery "
    "meadow lantern quarry violin glacier harvest pottery regatta chimney workshop vineyard "
    "tunnel ferry garden theatre market canal lighthouse archive stadium forest village "
    "painter teacher farmer engineer baker sailor miner weaver poet nurse clerk driver"
)
_SYLLABLES = _split("ka ro vi le mo dan sel tur bai nek pol ris tam ger fo lu")
_VERBS = _split("visited repaired opened painted reviewed closed praised measured planned cleaned")


def interval(value: float, qualifier: str) -> tuple[float | None, float | None, bool, bool]:
    """The interval DESIGN §3 gives a figure with this qualifier."""
    if qualifier == "at_least":
        return value, None, False, False
    if qualifier == "more_than":
        return value, None, True, False
    if qualifier == "up_to":
        return 0.0, value, False, False
    if qualifier == "about":
        return 0.9 * value, 1.1 * value, False, False
    if qualifier == "nearly":
        return 0.97 * value, value, False, False
    return value, value, False, False


class Ledger:
    """Builds sources, documents and attributions through a session."""

    def __init__(self, session: Session):
        self.session = session
        self._filler = 0

    def source(
        self,
        name: str,
        *,
        kind: str = "person",
        side: str | None = None,
        parent: Source | None = None,
        anonymous: bool = False,
        partisan: bool | None = None,
        aliases: Sequence[str] = (),
    ) -> Source:
        src = Source(
            name=name,
            key=name_key(name),
            kind=kind,
            side=side,
            parent_id=parent.id if parent else None,
            anonymous=anonymous,
            partisan=partisan,
        )
        self.session.add(src)
        self.session.flush()
        for alias in (name, *aliases):
            self.session.add(SourceAlias(source_id=src.id, alias=alias, key=name_key(alias)))
        self.session.flush()
        return src

    def dispute(self, name: str, parties: Sequence[str], aliases: Sequence[str] = ()) -> Dispute:
        d = Dispute(name=name, aliases="\n".join(aliases))
        self.session.add(d)
        self.session.flush()
        for side in parties:
            self.session.add(DisputeParty(dispute_id=d.id, side=side))
        self.session.flush()
        return d

    def filler(self, n: int = 3) -> str:
        """Paragraphs of unrelated prose, different on every call (no shared five-word runs)."""
        out = []
        for _ in range(n):
            rng = random.Random(self._filler)
            self._filler += 1
            words = [
                rng.choice(_WORDS)
                if rng.random() < 0.3
                else rng.choice(_VERBS) + rng.choice(_SYLLABLES) + rng.choice(_SYLLABLES)
                for _ in range(18)
            ]
            out.append(" ".join(words).capitalize() + ".")
        return "\n\n".join(out)

    def doc(
        self,
        text: str,
        *,
        outlet: str = "Daily Example",
        published: str | datetime | None = "2024-11-08T09:00:00",
        title: str | None = None,
        path: str | None = None,
        copy_of: Document | None = None,
    ) -> Document:
        when = (
            datetime.fromisoformat(published).replace(tzinfo=UTC)
            if isinstance(published, str)
            else published
        )
        d = Document(
            outlet=outlet,
            outlet_key=name_key(outlet),
            title=title or f"Report {self._filler}",
            title_key=name_key(title or f"Report {self._filler}"),
            published=when,
            text=text,
            fingerprint=fingerprint(text),
            source_path=path,
            copy_of_id=copy_of.id if copy_of else None,
        )
        self.session.add(d)
        self.session.flush()
        return d

    def say(
        self,
        doc: Document,
        content: str,
        *,
        chain: Sequence[Source] = (),
        speaker: Source | None = None,
        kind: str = "indirect",
        hedged: bool = False,
        cue: str | None = "said",
        said_at: date | None = None,
        figures: Sequence[tuple[float, str | None, str, str]] = (),
        occurrence: int = 0,
    ) -> Attribution:
        """One attribution of `content` (which must occur in the document's text).

        `chain` is origin first, publisher last; `figures` are (value, label, qualifier, text).
        """
        start = -1
        for _ in range(occurrence + 1):
            start = doc.text.index(content, start + 1)
        if speaker is None and chain and kind != "unattributed":
            speaker = chain[0]
        claim = Claim(
            text=content, key=claim_key(content), label=figures[0][1] if figures else None
        )
        self.session.add(claim)
        self.session.flush()
        att = Attribution(
            document_id=doc.id,
            claim_id=claim.id,
            speaker_id=speaker.id if speaker else None,
            speaker_text=speaker.name if speaker else None,
            speaker_start=None,
            cue_text=cue,
            content_text=content,
            content_start=start,
            content_end=start + len(content),
            kind=kind,
            hedged=hedged,
            said_at=said_at,
        )
        self.session.add(att)
        self.session.flush()
        for position, src in enumerate(chain):
            role = (
                "origin"
                if position == 0
                else ("publisher" if position == len(chain) - 1 else "relay")
            )
            self.session.add(
                ChainHop(attribution_id=att.id, position=position, source_id=src.id, role=role)
            )
        for value, label, qualifier, text in figures:
            low, high, low_open, high_open = interval(value, qualifier)
            self.session.add(
                Figure(
                    claim_id=claim.id,
                    attribution_id=att.id,
                    value=value,
                    low=low,
                    high=high,
                    low_open=low_open,
                    high_open=high_open,
                    qualifier=qualifier,
                    label=label,
                    text=text,
                )
            )
        self.session.flush()
        return att


def report(
    ledger: Ledger,
    content: str,
    *,
    chain: Sequence[Source],
    outlet: Source,
    published: str | None = "2024-11-08T09:00:00",
    figures: Sequence[tuple[float, str | None, str, str]] = (),
    cue: str = "said",
    kind: str = "indirect",
    hedged: bool = False,
    text: str | None = None,
) -> Attribution:
    """A document of `outlet` whose one attribution carries `content` along `chain` (+ outlet)."""
    if text is None:
        who = chain[0].name if chain else outlet.name
        sentence = f"{content}, {who} {cue}." if chain else f"{content}."
        text = "\n\n".join([ledger.filler(2), sentence, ledger.filler(2)])
    doc = ledger.doc(text, outlet=outlet.name, published=published)
    return ledger.say(
        doc,
        content,
        chain=[*chain, outlet],
        figures=figures,
        cue=cue,
        kind=kind,
        hedged=hedged,
        speaker=None if kind == "unattributed" else (chain[0] if chain else None),
    )


def claim_of(session: Session, att: Attribution) -> Claim:
    session.expire_all()
    fresh = session.get(Attribution, att.id)
    assert fresh is not None and fresh.claim_id is not None
    claim = session.get(Claim, fresh.claim_id)
    assert claim is not None
    return claim


def links_between(session: Session, a: Claim, b: Claim) -> dict[str, ClaimLink]:
    """Links of any direction between two claims, by kind."""
    rows = session.exec(
        select(ClaimLink).where(
            ((ClaimLink.claim_id == a.id) & (ClaimLink.other_id == b.id))
            | ((ClaimLink.claim_id == b.id) & (ClaimLink.other_id == a.id))
        )
    ).all()
    return {r.kind: r for r in rows}


def flags(claim: Claim) -> set[str]:
    return set(filter(None, claim.flags.split(",")))


class World:
    """A small registry: a dispute with two parties and sources on both sides and neither."""

    def __init__(self, ledger: Ledger):
        L = ledger
        self.dispute = L.dispute("Russia-Ukraine war", ["RU", "UA"], ["war in Ukraine"])
        self.afu = L.source("Armed Forces of Ukraine", kind="military", side="UA")
        self.general_staff = L.source(
            "General Staff of Ukraine", kind="military", side="UA", parent=self.afu
        )
        self.air_force = L.source(
            "Ukrainian Air Force", kind="military", side="UA", parent=self.afu
        )
        self.kharkiv_admin = L.source(
            "Kharkiv regional administration", kind="government", side="UA"
        )
        self.odesa_admin = L.source("Odesa regional administration", kind="government", side="UA")
        self.emergency = L.source("State Emergency Service", kind="government", side="UA")
        self.ru_mod = L.source("Russian Ministry of Defence", kind="military", side="RU")
        self.kremlin = L.source("Kremlin", kind="government", side="RU")
        self.peskov = L.source("Dmitry Peskov", kind="official", side="RU", parent=self.kremlin)
        self.un = L.source("UN monitoring mission", kind="organisation")
        self.officials = L.source("officials", kind="anonymous", anonymous=True)
        self.sources = L.source("sources", kind="anonymous", anonymous=True)
        self.reuters = L.source("Reuters", kind="wire")
        self.ap = L.source("Associated Press", kind="wire")
        self.kyiv_independent = L.source("Kyiv Independent", kind="outlet", side="UA")
        self.outlets = [L.source(name, kind="outlet") for name in OUTLETS]


OUTLETS = [
    "The Northern Courier",
    "The Evening Ledger",
    "The Harbour Gazette",
    "The Valley Observer",
    "The City Tribune",
    "The Morning Dispatch",
]


def snapshot(session: Session) -> dict[str, object]:
    """What cross-referencing decided, keyed by content (not ids): claims as sets of
    attributions, their flags, links, copies and figure scopes."""
    session.expire_all()
    docs = {d.id: d for d in session.exec(select(Document)).all()}
    name = {
        i: (d.outlet, d.published.isoformat() if d.published else None, d.text[:40])
        for i, d in docs.items()
    }
    groups: dict[int, set[object]] = {}
    for att in session.exec(select(Attribution)).all():
        groups.setdefault(att.claim_id, set()).add((name[att.document_id], att.content_start))
    group = {cid: frozenset(v) for cid, v in groups.items()}
    claims = {
        group[c.id]: (c.flags, c.independent_origins, c.documents, c.scope)
        for c in session.exec(select(Claim)).all()
        if c.id in group
    }
    links = set()
    for link in session.exec(select(ClaimLink)).all():
        pair = (group[link.claim_id], group[link.other_id])
        key = pair if link.kind == "updates" else frozenset(pair)
        links.add((key, link.kind, link.method, link.why, link.status))
    copies = {name[i]: name[d.copy_of_id] if d.copy_of_id else None for i, d in docs.items()}
    doc_links = {
        (name[x.document_id], name[x.other_id], x.kind)
        for x in session.exec(select(DocumentLink)).all()
    }
    figure_scopes = sorted(
        ((f.label, f.value, f.scope) for f in session.exec(select(Figure)).all()), key=repr
    )
    return {
        "claims": claims,
        "links": links,
        "copies": copies,
        "doc_links": doc_links,
        "figure_scopes": figure_scopes,
    }


def wipe(session: Session) -> None:
    """Delete every ledger row (users and alembic state stay)."""
    for model in (ClaimLink, Review, Figure, ChainHop, Attribution, Claim, DocumentLink, Document,
                  SourceAlias, Source, DisputeParty, Dispute):  # fmt: skip
        session.execute(delete(model))
    session.flush()

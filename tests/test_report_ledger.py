"""A small hand-built ledger for the report and export tests (and a check that it is sound).

Five reports about one night of drone strikes: a governor's toll, an earlier
toll from anonymous local officials relayed by a second outlet, a defence
ministry's figure carried by two copies of one wire story, an unattributed
hedged line, and a rescue service's count. Cross-reference results (flags,
independent origins, links) and reviews are written by hand, as xref and the
review workflow would.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlmodel import Session, select

from factcheck.models import (
    Attribution,
    ChainHop,
    Claim,
    ClaimLink,
    Dispute,
    DisputeParty,
    Document,
    Figure,
    Review,
    ReviewEvent,
    Source,
)
from factcheck.sources.names import name_key
from factcheck.text import claim_key

GOVERNOR_TEXT = (
    "Odesa drone toll rises to two\n\n"
    "Two people were killed and 11 were injured in the overnight drone attack on the Odesa "
    "region, regional governor Petro Marchenko said on Friday afternoon.\n\n"
    "Earlier in the morning Marchenko said one person had been killed.\n\n"
    "The State Emergency Service said two bodies had been recovered from the rubble of a "
    "five-storey building."
)
KI_TEXT = (
    "One dead after overnight drone attack on Odesa\n\n"
    "One person was killed in an overnight drone attack on Odesa, local officials said, "
    "according to the Kyiv Independent. Air raid sirens sounded for three hours."
)
INDY_TEXT = (
    "Drone attack on Odesa leaves one dead\n\n"
    "One person was killed in the drone attack on Odesa, the Kyiv Independent reported, "
    "citing local officials. The port city has been struck repeatedly this autumn. The "
    "Institute for the Study of War said Russia had launched more than 2,000 drones at "
    "Ukraine in October."
)
WIRE_TEXT = (
    "Russia says 94 drones downed\n\n"
    "Russia's defence ministry said its air defences destroyed 94 Ukrainian drones overnight, "
    "Reuters reported. Explosions were reportedly heard near the airport.\n\n"
    "Ukraine's military did not comment."
)


@dataclass
class Ledger:
    """Ids of what the tests look at."""

    sources: dict[str, int] = field(default_factory=dict)
    documents: dict[str, int] = field(default_factory=dict)
    claims: dict[str, int] = field(default_factory=dict)
    attributions: dict[str, int] = field(default_factory=dict)


def _span(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    start = text.index(needle, after)
    return start, start + len(needle)


def build_ledger(session: Session, *, hostile: dict[str, str] | None = None) -> Ledger:
    """Insert the ledger; `hostile` overrides fields (title, outlet, url, author, text
    suffix, source) with attack strings for the escaping tests."""
    h = hostile or {}
    led = Ledger()
    dispute = Dispute(name="Russia–Ukraine war", aliases="")
    session.add(dispute)
    session.flush()
    session.add_all(
        [
            DisputeParty(dispute_id=dispute.id, side="RU"),
            DisputeParty(dispute_id=dispute.id, side="UA"),
        ]
    )

    def source(
        key: str,
        name: str,
        kind: str,
        side: str | None = None,
        *,
        anonymous: bool = False,
        parent: str | None = None,
    ) -> Source:
        row = Source(
            name=name,
            key=name_key(name) or key,
            kind=kind,
            side=side,
            anonymous=anonymous,
            parent_id=led.sources[parent] if parent else None,
        )
        session.add(row)
        session.flush()
        led.sources[key] = row.id  # type: ignore[assignment]
        return row

    source("oda", "Odesa Regional Administration", "government", "UA")
    source("governor", h.get("source", "Petro Marchenko"), "person", None, parent="oda")
    source("ses", "State Emergency Service of Ukraine", "state_agency", "UA")
    source("locals", "local officials", "anonymous", anonymous=True)
    source("mod", "Russian Defence Ministry", "military", "RU")
    source("isw", "Institute for the Study of War", "organisation", "US")
    source("reuters", "Reuters", "wire")
    source("ki", "Kyiv Independent", "outlet", "UA")
    source("indy", "The Independent", "outlet")
    source("monitor", h.get("outlet", "Black Sea Monitor"), "outlet")
    source("courier", "Coastal Courier", "outlet")
    source("herald", "Harbour Herald", "outlet")

    def document(
        key: str,
        outlet: str,
        title: str,
        text: str,
        published: datetime,
        url: str,
        copy_of: str | None = None,
    ) -> Document:
        row = Document(
            outlet=outlet,
            outlet_key=name_key(outlet),
            title=title,
            title_key=name_key(title),
            url=url,
            authors=h.get("author", "Desk staff"),
            published=published,
            text=text,
            fingerprint=f"fp-{key}",
            copy_of_id=led.documents[copy_of] if copy_of else None,
        )
        session.add(row)
        session.flush()
        led.documents[key] = row.id  # type: ignore[assignment]
        return row

    # a hostile `text` lands inside the first attribution's sentence, so reports quote it
    gov_text = (
        GOVERNOR_TEXT.replace("on Friday afternoon.", f"on Friday afternoon {h['text']}.")
        if "text" in h
        else GOVERNOR_TEXT
    )
    document(
        "monitor",
        h.get("outlet", "Black Sea Monitor"),
        h.get("title", "Odesa drone toll rises to two"),
        gov_text,
        datetime(2024, 11, 8, 15, 20, tzinfo=UTC),
        h.get("url", "https://monitor.example/odesa-toll"),
    )
    document(
        "ki",
        "Kyiv Independent",
        "One dead after overnight drone attack on Odesa",
        KI_TEXT,
        datetime(2024, 11, 8, 7, 5, tzinfo=UTC),
        "https://kyivindependent.example/odesa-one-dead",
    )
    document(
        "indy",
        "The Independent",
        "Drone attack on Odesa leaves one dead",
        INDY_TEXT,
        datetime(2024, 11, 8, 9, 40, tzinfo=UTC),
        "https://independent.example/world/odesa",
    )
    document(
        "courier",
        "Coastal Courier",
        "Russia says 94 drones downed",
        WIRE_TEXT,
        datetime(2025, 7, 5, 16, 5, tzinfo=UTC),
        "https://courier.example/news/drones",
    )
    document(
        "herald",
        "Harbour Herald",
        "Russia says 94 drones downed",
        WIRE_TEXT,
        datetime(2025, 7, 5, 16, 30, tzinfo=UTC),
        "https://herald.example/drones",
        copy_of="courier",
    )

    def claim(
        key: str,
        text: str,
        *,
        flags: str,
        independent: int,
        documents: int,
        label: str | None = None,
    ) -> None:
        row = Claim(
            text=text,
            key=claim_key(text),
            label=label,
            flags=flags,
            independent_origins=independent,
            documents=documents,
        )
        session.add(row)
        session.flush()
        led.claims[key] = row.id  # type: ignore[assignment]

    claim(
        "toll",
        "Two people were killed and 11 were injured in the overnight drone attack on the Odesa region",
        flags="contradicted,single_partisan_source",
        independent=2,
        documents=1,
        label="killed",
    )
    claim(
        "early",
        "one person had been killed",
        flags="single_source",
        independent=1,
        documents=1,
        label="killed",
    )
    claim(
        "one_dead",
        "One person was killed in an overnight drone attack on Odesa",
        flags="single_source,anonymous_only,contradicted",
        independent=1,
        documents=2,
        label="killed",
    )
    claim(
        "drones",
        "its air defences destroyed 94 Ukrainian drones overnight",
        flags="single_source,single_partisan_source",
        independent=1,
        documents=2,
        label="drones destroyed",
    )
    claim(
        "blasts",
        "Explosions were reportedly heard near the airport",
        flags="single_source,unattributed,hedged",
        independent=1,
        documents=2,
    )
    claim(
        "october",
        "Russia had launched more than 2,000 drones at Ukraine in October",
        flags="single_source",
        independent=1,
        documents=1,
        label="drones launched",
    )
    claim(
        "bodies",
        "two bodies had been recovered from the rubble of a five-storey building",
        flags="",
        independent=2,
        documents=1,
        label="bodies recovered",
    )

    def attribution(
        key: str,
        doc: str,
        text: str,
        claim_key_: str,
        content: str,
        *,
        speaker: str | None,
        speaker_source: str | None,
        cue: str | None,
        kind: str,
        chain: list[tuple[str, str]],
        hedged: bool = False,
        figures: list[dict] = (),
        after: int = 0,
    ) -> None:  # type: ignore[assignment]
        c0, c1 = _span(text, content, after)
        s0, s1 = _span(text, speaker, after) if speaker else (None, None)
        q0, q1 = None, None
        if cue:  # the cue nearest after the speaker, else the first after `after`
            try:
                q0, q1 = _span(text, cue, s0 if s0 is not None else after)
            except ValueError:
                q0, q1 = _span(text, cue, after)
        att = Attribution(
            document_id=led.documents[doc],
            claim_id=led.claims[claim_key_],
            speaker_id=led.sources[speaker_source] if speaker_source else None,
            speaker_text=speaker,
            speaker_start=s0,
            speaker_end=s1,
            cue_text=cue,
            cue_start=q0,
            cue_end=q1,
            content_text=content,
            content_start=c0,
            content_end=c1,
            kind=kind,
            hedged=hedged,
            said_at=date(2024, 11, 8) if doc == "monitor" else None,
        )
        session.add(att)
        session.flush()
        led.attributions[key] = att.id  # type: ignore[assignment]
        for pos, (src, role) in enumerate(chain):
            session.add(
                ChainHop(attribution_id=att.id, position=pos, source_id=led.sources[src], role=role)
            )  # type: ignore[arg-type]
        for fig in figures:
            session.add(Figure(claim_id=led.claims[claim_key_], attribution_id=att.id, **fig))

    killed2 = {
        "value": 2,
        "low": 2,
        "high": 2,
        "qualifier": "exact",
        "label": "killed",
        "text": "Two people",
    }
    injured = {
        "value": 11,
        "low": 11,
        "high": 11,
        "qualifier": "exact",
        "label": "injured",
        "text": "11",
    }
    killed1 = {
        "value": 1,
        "low": 1,
        "high": 1,
        "qualifier": "exact",
        "label": "killed",
        "text": "One person",
    }
    drones = {
        "value": 94,
        "low": 94,
        "high": 94,
        "qualifier": "exact",
        "label": "drones destroyed",
        "text": "94",
    }
    attribution(
        "toll",
        "monitor",
        gov_text,
        "toll",
        GOVERNOR_TEXT.split("\n\n")[1].split(",")[0],
        speaker="regional governor Petro Marchenko",
        speaker_source="governor",
        cue="said",
        kind="indirect",
        chain=[("governor", "origin"), ("monitor", "publisher")],
        figures=[killed2, injured],
    )
    attribution(
        "early",
        "monitor",
        gov_text,
        "early",
        "one person had been killed",
        speaker="Marchenko",
        speaker_source="governor",
        cue="said",
        kind="indirect",
        chain=[("governor", "origin"), ("monitor", "publisher")],
        figures=[{**killed1, "text": "one person"}],
        after=gov_text.index("Earlier"),
    )
    attribution(
        "bodies",
        "monitor",
        gov_text,
        "bodies",
        "two bodies had been recovered from the rubble of a five-storey building",
        speaker="The State Emergency Service",
        speaker_source="ses",
        cue="said",
        kind="indirect",
        chain=[("ses", "origin"), ("monitor", "publisher")],
        figures=[
            {
                "value": 2,
                "low": 2,
                "high": 2,
                "qualifier": "exact",
                "label": "bodies recovered",
                "text": "two bodies",
            }
        ],
    )
    attribution(
        "ki",
        "ki",
        KI_TEXT,
        "one_dead",
        "One person was killed in an overnight drone attack on Odesa",
        speaker="local officials",
        speaker_source="locals",
        cue="said",
        kind="anonymous",
        chain=[("locals", "origin"), ("ki", "publisher")],
        figures=[killed1],
    )
    attribution(
        "indy",
        "indy",
        INDY_TEXT,
        "one_dead",
        "One person was killed in the drone attack on Odesa",
        speaker="local officials",
        speaker_source="locals",
        cue="reported",
        kind="anonymous",
        chain=[("locals", "origin"), ("ki", "relay"), ("indy", "publisher")],
        figures=[killed1],
    )
    attribution(
        "isw",
        "indy",
        INDY_TEXT,
        "october",
        "Russia had launched more than 2,000 drones at Ukraine in October",
        speaker="Institute for the Study of War",
        speaker_source="isw",
        cue="said",
        kind="indirect",
        chain=[("isw", "origin"), ("indy", "publisher")],
        figures=[
            {
                "value": 2000,
                "low": 2000,
                "high": None,
                "low_open": True,
                "qualifier": "more_than",
                "label": "drones launched",
                "text": "more than 2,000",
            }
        ],
    )
    for doc in ("courier", "herald"):
        attribution(
            f"drones_{doc}",
            doc,
            WIRE_TEXT,
            "drones",
            "its air defences destroyed 94 Ukrainian drones overnight",
            speaker="Russia's defence ministry",
            speaker_source="mod",
            cue="said",
            kind="indirect",
            chain=[("mod", "origin"), ("reuters", "relay"), (doc, "publisher")],
            figures=[drones],
        )
        attribution(
            f"blasts_{doc}",
            doc,
            WIRE_TEXT,
            "blasts",
            "Explosions were reportedly heard near the airport",
            speaker=None,
            speaker_source=None,
            cue=None,
            kind="unattributed",
            hedged=True,
            chain=[(doc, "publisher")],
        )

    session.add_all(
        [
            ClaimLink(
                claim_id=led.claims["one_dead"],
                other_id=led.claims["toll"],
                kind="contradicts",
                method="figure",
                score=1.0,
                why="killed: 1 vs 2 in the same strike",
            ),
            ClaimLink(
                claim_id=led.claims["toll"],
                other_id=led.claims["bodies"],
                kind="corroborates",
                method="figure",
                score=0.92,
                why="killed 2 agrees with 2 bodies",
            ),
            ClaimLink(
                claim_id=led.claims["toll"],
                other_id=led.claims["early"],
                kind="updates",
                method="figure",
                score=1.0,
                why="later toll from the same governor",
            ),
        ]
    )
    t0 = datetime(2024, 11, 9, 10, 0, tzinfo=UTC)
    notes = {
        "toll": "Two deaths confirmed by the rescue service and the city hospital.",
        "drones": "No independent count of the drones exists; the ministry's figure cannot be checked.",
        "one_dead": "The toll rose to two later that day; one dead was only the first count.",
    }
    reviews = {
        "toll": (
            "verified",
            [
                ("assign", "unreviewed", "unreviewed", "anna"),
                ("start", "unreviewed", "in_progress", "anna"),
                ("verdict", "in_progress", "verified", "anna"),
            ],
        ),
        "drones": ("unverifiable", [("verdict", "unreviewed", "unverifiable", None)]),
        "one_dead": ("false", [("verdict", "unreviewed", "false", None)]),
        "early": ("in_progress", [("start", "unreviewed", "in_progress", "anna")]),
    }
    for key, (status, events) in reviews.items():
        cid = led.claims[key]
        for version, (action, frm, to, assignee) in enumerate(events, 1):
            session.add(
                ReviewEvent(
                    claim_id=cid,
                    version=version,
                    user="anna" if action != "verdict" else "edith",
                    at=t0.replace(hour=10 + version),
                    action=action,
                    from_status=frm,
                    to_status=to,
                    assignee=assignee,
                    note=notes[key] if action == "verdict" else None,
                    evidence="https://dsns.example/odesa\nhttps://hospital.example/statement"
                    if action == "verdict"
                    else "",
                )
            )
        session.add(
            Review(
                claim_id=cid,
                status=status,
                assignee=events[-1][3],
                version=len(events),
                updated_by="edith",
                updated_at=t0.replace(hour=10 + len(events)),
            )
        )
    session.commit()
    return led


# --- the ledger itself is sound -----------------------------------------------------


def test_offsets_point_at_the_stored_text(session: Session) -> None:
    build_ledger(session)
    rows = session.exec(
        select(Attribution, Document).join(Document, Document.id == Attribution.document_id)
    ).all()
    assert len(rows) == 10
    for att, doc in rows:
        assert doc.text[att.content_start : att.content_end] == att.content_text
        if att.speaker_start is not None:
            assert doc.text[att.speaker_start : att.speaker_end] == att.speaker_text
        if att.cue_start is not None:
            assert doc.text[att.cue_start : att.cue_end] == att.cue_text


def test_hand_written_flags_agree_with_a_live_trace(session: Session) -> None:
    """Reports read the stored flags (corpus) and the live trace (claim): the fixture keeps them equal."""
    from factcheck.graph.trace import trace_claim

    ledger = build_ledger(session)
    for key, claim_id in ledger.claims.items():
        claim = session.get(Claim, claim_id)
        assert claim is not None
        trace = trace_claim(claim_id, session=session)
        assert sorted(trace["flags"]) == sorted(f for f in claim.flags.split(",") if f), key
        assert trace["independent_origins"] == claim.independent_origins, key

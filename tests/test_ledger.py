"""The curated ledger as a library: import YAML/JSONL, export JSONL, round trips."""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
import yaml
from sqlalchemy import func
from sqlalchemy import text as sql
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, select

from factcheck.errors import LedgerError
from factcheck.ledger import import_ledger, read_ledger, write_jsonl
from factcheck.models import (
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
    User,
)
from factcheck.reading.fingerprint import fingerprint
from factcheck.sources import disputes, registry
from factcheck.sources.names import name_key
from factcheck.text import claim_key

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "ledger.yaml"

KYIV = timezone(timedelta(hours=2))
MOSCOW = timezone(timedelta(hours=3))


def row_counts(engine: Engine) -> dict[str, int]:
    with Session(engine) as s:
        return {
            t.name: s.execute(select(func.count()).select_from(t)).scalar_one()
            for t in SQLModel.metadata.sorted_tables
        }


def export_text(session: Session) -> str:
    out = io.StringIO()
    write_jsonl(out, session=session)
    return out.getvalue()


def empty_database(engine: Engine) -> None:
    SQLModel.metadata.drop_all(engine)
    SQLModel.metadata.create_all(engine)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _doc(text: str, **values: object) -> Document:
    outlet = values.get("outlet")
    title = values.get("title")
    return Document(
        text=text,
        fingerprint=fingerprint(text),
        outlet_key=name_key(str(outlet or "")),
        title_key=name_key(str(title or "")),
        **values,  # type: ignore[arg-type]
    )


def _att(
    doc: Document,
    content: str,
    *,
    speaker: str | None = None,
    cue: str | None = None,
    **values: object,
) -> Attribution:
    def span(part: str | None) -> tuple[str | None, int | None, int | None]:
        if part is None:
            return None, None, None
        start = doc.text.index(part)
        return part, start, start + len(part)

    s_text, s_start, s_end = span(speaker)
    c_text, c_start, c_end = span(cue)
    t_text, t_start, t_end = span(content)
    return Attribution(
        document_id=doc.id,  # type: ignore[arg-type]
        speaker_text=s_text,
        speaker_start=s_start,
        speaker_end=s_end,
        cue_text=c_text,
        cue_start=c_start,
        cue_end=c_end,
        content_text=t_text,  # type: ignore[arg-type]
        content_start=t_start,  # type: ignore[arg-type]
        content_end=t_end,  # type: ignore[arg-type]
        **values,  # type: ignore[arg-type]
    )


def build_rich_ledger(session: Session) -> None:
    """A ledger touching every table and field, the way other parts of the tool write them."""
    # An extracted source created before the person it is later merged into: a forward reference.
    mayor = registry.create_source("Moscow mayor", session=session, kind="official", side="RU")
    city = registry.create_source("Мэрия Москвы", session=session, kind="government", side="RU")
    sobyanin = registry.create_source(
        "Sergei Sobyanin", session=session, kind="person", parent=city
    )
    registry.merge_sources(sobyanin, mayor, session=session)
    forces = registry.create_source(
        "Armed Forces of Ukraine", session=session, kind="military", side="UA", origin="manual"
    )
    staff = registry.create_source(
        "Генеральний штаб ЗСУ",
        session=session,
        kind="military",
        side="UA",
        parent=forces,
        credibility="self-reported",
    )
    registry.add_alias(staff, "Ukraine's General Staff", session=session)
    locals_ = registry.create_source(
        "local officials", session=session, kind="anonymous", anonymous=True
    )
    locals_.partisan = False
    kyiv = registry.create_source("Kyiv Independent", session=session, kind="outlet", side="UA")
    kyiv.partisan = True
    reuters = registry.create_source("Reuters", session=session, kind="wire")
    disputes.add_dispute(
        "Russia–Ukraine war", parties=["UA", "RU"], aliases=["war in Ukraine"], session=session
    )
    session.add(
        User(name="dana", role="editor", created_at=datetime(2024, 1, 2, 3, 4, 5, 123456, KYIV))
    )
    session.add(User(name="Олена", role="reporter", created_at=datetime(2024, 2, 1, tzinfo=UTC)))
    session.flush()

    text = (
        "Одеса, 8 листопада.\tOne person died and at least nine were hurt, the Kyiv Independent "
        "reported, citing local officials 🚀.\u2028Drones were shot down, it said.\n\n"
        "Moscow mayor Sergei Sobyanin said four drones were downed."
    )
    d1 = _doc(
        text,
        outlet="Kyiv Independent",
        title="Odesa: один загиблий",
        url="https://example.org/odesa?x=1&y=ü",
        authors="Анна Коваль\nJ. Smith",
        published=datetime(2024, 11, 8, 9, 15, tzinfo=MOSCOW),
        kind="liveblog_entry",
        source_path="seeds/odesa.txt",
        source_offset=120,
        skip="0-19,20-21",
        ingested_at=datetime(2024, 11, 8, 10, 0, 0, 1, tzinfo=UTC),
    )
    session.add(d1)
    session.flush()
    d2 = _doc(text, outlet=None, title="", url="", authors="", published=None, copy_of_id=d1.id)
    session.add(d2)
    session.flush()
    session.add(
        DocumentLink(document_id=d2.id, other_id=d1.id, kind="copy", score=0.97, method="fuzzy")
    )  # type: ignore[arg-type]

    a1 = _att(
        d1,
        "One person died and at least nine were hurt",
        speaker="local officials",
        cue="citing",
        kind="according_to",
        hedged=True,
        said_at=date(2024, 11, 8),
        speaker_id=locals_.id,
        method="extracted",
    )
    empty_cue = _att(d1, "Drones were shot down", kind="unattributed", method="manual")
    empty_cue.cue_text, empty_cue.cue_start, empty_cue.cue_end = "", 5, 5
    a3 = _att(d2, "four drones were downed", kind="indirect", speaker_id=sobyanin.id)
    a4 = _att(
        d2, "four drones were downed", speaker="Moscow mayor", cue="said", speaker_id=mayor.id
    )
    session.add_all([a1, empty_cue, a3, a4])
    session.flush()
    hops = [
        (a1, [(locals_, "origin"), (kyiv, "relay"), (reuters, "publisher")]),
        (a3, [(sobyanin, "origin")]),
        # a hop still pointing at the merged-away source must come back as that source
        (a4, [(mayor, "origin"), (reuters, "publisher")]),
    ]
    for att, chain in hops:
        for position, (source, role) in enumerate(chain):
            session.add(
                ChainHop(
                    attribution_id=att.id, position=position * 2, source_id=source.id, role=role
                )
            )  # type: ignore[arg-type]

    c1 = Claim(
        text="One person died, at least nine were hurt in Odesa",
        key=claim_key("One person died, at least nine were hurt in Odesa"),
        label="injured",
        scope="Odesa 2024-11-08",
        flags="single_source,hedged",
        independent_origins=1,
        documents=2,
        created_at=datetime(2024, 11, 8, 12, tzinfo=UTC),
    )
    c2 = Claim(
        text="Four drones were downed",
        key=claim_key("Four drones were downed"),
        label="",
        scope=None,
    )
    # same text as c2: two claims of identical text must stay two claims
    c3 = Claim(text="Four drones were downed.", key=claim_key("Four drones were downed."))
    c4 = Claim(text="Drones were shot down", key=claim_key("Drones were shot down"))
    session.add_all([c1, c2, c3, c4])
    session.flush()
    a1.claim_id, empty_cue.claim_id, a3.claim_id, a4.claim_id = c1.id, c4.id, c2.id, c2.id
    figures = [
        Figure(
            claim_id=c1.id,
            attribution_id=a1.id,
            value=1,
            low=1,
            high=1,
            qualifier="exact",
            unit="people",
            label="killed",
            scope="Odesa",
            text="One person",
        ),  # fmt: skip
        Figure(
            claim_id=c1.id,
            attribution_id=a1.id,
            value=9,
            low=9,
            high=float("inf"),
            high_open=True,
            qualifier="at least",
            unit="people",
            label="injured",
            text="at least nine",
        ),  # fmt: skip
        Figure(
            claim_id=c1.id,
            value=1e6,
            low=1e6,
            high=None,
            low_open=True,
            high_open=True,
            qualifier="more than",
            label="injured",
            text="",
        ),  # fmt: skip
        Figure(
            claim_id=c2.id,
            attribution_id=a3.id,
            value=30,
            low=0,
            high=30,
            qualifier="up to",
            unit=None,
            label="drones",
        ),  # fmt: skip
        Figure(
            claim_id=c2.id,
            value=12000,
            low=10800.000000000002,
            high=13200.000000000002,
            qualifier="around",
            label="troops",
        ),  # fmt: skip
    ]
    session.add_all(figures)
    session.add(ClaimLink(claim_id=c1.id, other_id=c2.id, kind="corroborates", method="figure", score=0.83, status="auto", created_at=datetime(2024, 11, 9, tzinfo=UTC)))  # type: ignore[arg-type]  # fmt: skip
    session.add(ClaimLink(claim_id=c2.id, other_id=c1.id, kind="contradicts", method="manual", score=1.0, status="confirmed", why="Різні цифри", decided_by="dana"))  # type: ignore[arg-type]  # fmt: skip
    session.add(ClaimLink(claim_id=c3.id, other_id=c2.id, kind="repeats", method="fuzzy", score=0.91, status="rejected", why="", decided_by="Олена"))  # type: ignore[arg-type]  # fmt: skip
    session.add(Review(claim_id=c1.id, status="verified", assignee="Олена", version=3, updated_by="dana", updated_at=datetime(2024, 11, 10, 8, 30, tzinfo=KYIV)))  # type: ignore[arg-type]  # fmt: skip
    session.add(Review(claim_id=c2.id))  # type: ignore[arg-type]
    events = [
        ReviewEvent(
            claim_id=c1.id,
            version=1,
            user="dana",
            at=datetime(2024, 11, 9, 9, tzinfo=UTC),
            action="assign",
            from_status="unreviewed",
            to_status="unreviewed",
            assignee="Олена",
        ),  # fmt: skip
        ReviewEvent(
            claim_id=c1.id,
            version=2,
            user="Олена",
            at=datetime(2024, 11, 9, 10, tzinfo=KYIV),
            action="start",
            from_status="unreviewed",
            to_status="in_progress",
            assignee="Олена",
            note="",
        ),  # fmt: skip
        ReviewEvent(
            claim_id=c1.id,
            version=3,
            user="dana",
            at=datetime(2024, 11, 10, 8, 30, tzinfo=KYIV),
            action="verdict",
            from_status="in_progress",
            to_status="verified",
            assignee="Олена",
            note="Matches the regional\nadministration’s count.",
            evidence="https://example.org/a\nhttps://example.org/b?q=ü",
        ),  # fmt: skip
    ]
    session.add_all(events)  # type: ignore[arg-type]
    session.commit()


# --- the bundled fixture -------------------------------------------------------


def test_fixture_ledger_imports_cleanly(session):
    summary = import_ledger(FIXTURE, session=session)
    session.commit()
    assert summary.present.total() == 0
    assert summary.added["document"] == 9 and summary.added["claim_link"] == 2

    zelensky = registry.get_source("Zelenskyy", session=session)
    assert zelensky.name == "Volodymyr Zelensky" and zelensky.side == "UA"
    staff = registry.get_source("Ukraine's General Staff", session=session)
    assert registry.top_organisation(staff, session=session).name == "Armed Forces of Ukraine"
    ushakov = registry.get_source("Yuri Ushakov", session=session)
    assert registry.top_organisation(ushakov, session=session).name == "Kremlin"

    copies = session.exec(select(Document).where(Document.copy_of_id.is_not(None))).all()  # type: ignore[union-attr]
    assert [(c.outlet, session.get(Document, c.copy_of_id).outlet) for c in copies] == [
        ("The Advertiser", "Perth Now")
    ]

    # every offset points at the text it claims, in the stored document
    for att in session.exec(select(Attribution)).all():
        doc = session.get(Document, att.document_id)
        assert doc.text[att.content_start : att.content_end] == att.content_text
        if att.speaker_text is not None:
            assert doc.text[att.speaker_start : att.speaker_end] == att.speaker_text
        if att.cue_text is not None:
            assert doc.text[att.cue_start : att.cue_end] == att.cue_text

    # the second "Ushakov" is the one in the second paragraph, right before "said"
    ushakov_att = session.exec(
        select(Attribution).where(Attribution.content_text.startswith("The halt"))
    ).one()  # type: ignore[attr-defined]
    doc = session.get(Document, ushakov_att.document_id)
    assert doc.text[ushakov_att.speaker_start : ushakov_att.cue_end] == "Ushakov said"

    # a bare-name chain takes roles by position: origin, relay, publisher
    odesa = session.exec(
        select(Attribution).where(Attribution.speaker_text == "local officials")
    ).one()
    hops = session.exec(
        select(ChainHop).where(ChainHop.attribution_id == odesa.id).order_by(ChainHop.position)
    ).all()
    assert [(session.get(Source, h.source_id).name, h.role) for h in hops] == [
        ("local officials in Odesa", "origin"),
        ("Kyiv Independent", "relay"),
        ("The Independent", "publisher"),
    ]
    at_least = session.exec(
        select(Figure).where(Figure.qualifier == "at least", Figure.label == "injured")
    ).all()
    assert {(f.low, f.high, f.high_open) for f in at_least} == {
        (25.0, None, True),
        (9.0, None, True),
    }
    review = session.get(
        Review,
        session.exec(
            select(Claim.id).where(Claim.text.startswith("Russia has lost 705,880"))
        ).one(),
    )  # type: ignore[attr-defined]
    assert (review.status, review.assignee, review.version) == ("in_progress", "ivan", 3)


def test_reimporting_a_ledger_adds_nothing(session, engine):
    import_ledger(FIXTURE, session=session)
    session.commit()
    before = row_counts(engine)
    summary = import_ledger(FIXTURE, session=session)
    session.commit()
    assert summary.added.total() == 0
    assert summary.present["attribution"] == 14
    assert row_counts(engine) == before


def test_fixture_round_trips_through_jsonl(session, engine, tmp_path):
    import_ledger(FIXTURE, session=session)
    session.commit()
    first = export_text(session)
    path = write(tmp_path, "ledger.jsonl", first)
    session.close()
    empty_database(engine)
    with Session(engine) as fresh:
        import_ledger(path, session=fresh)
        fresh.commit()
        assert export_text(fresh) == first


# --- export ----------------------------------------------------------------------


def test_export_round_trips_every_table_byte_for_byte(session, engine, tmp_path):
    build_rich_ledger(session)
    first = export_text(session)
    records = [json.loads(line) for line in first.splitlines()]
    counts = {t: sum(r["type"] == t for r in records) for t in {r["type"] for r in records}}
    assert counts == {
        "ledger": 1, "source": 8, "dispute": 1, "user": 2, "document": 2, "document_link": 1,
        "attribution": 4, "claim": 4, "claim_link": 3, "review": 2, "review_event": 3,
    }  # fmt: skip
    by_name = {r["name"]: r for r in records if r["type"] == "source"}
    assert by_name["Moscow mayor"]["merged_into"] == "Sergei Sobyanin"
    assert by_name["Moscow mayor"]["aliases"] == []  # a merge moves every alias to the survivor
    assert by_name["Sergei Sobyanin"]["aliases"] == ["Sergei Sobyanin", "Moscow mayor"]
    assert (
        by_name["local officials"]["partisan"] is False
        and by_name["Kyiv Independent"]["partisan"] is True
    )
    doc1, doc2 = (r for r in records if r["type"] == "document")
    assert doc1["published"] == "2024-11-08T06:15:00+00:00"  # +03:00 stored and exported as UTC
    assert (doc2["title"], doc2["url"], doc2["outlet"], doc2["authors"]) == ("", "", None, [])
    assert "🚀" in first and "Одеса" in first  # written as UTF-8, not escaped…
    assert (
        "\u2028" not in first and "\\u2028" in first
    )  # …except what some readers take for a line end
    assert len(first.splitlines()) == len(records)
    claim1 = next(r for r in records if r["type"] == "claim")
    assert [(f["low"], f["high"], f["low_open"], f["high_open"]) for f in claim1["figures"]] == [
        (1.0, 1.0, False, False),
        (9.0, None, False, True),  # an infinite bound is written as null
        (1000000.0, None, True, True),
    ]
    empty_cue = next(
        r for r in records if r["type"] == "attribution" and r["kind"] == "unattributed"
    )
    assert empty_cue["cue"] == {"text": "", "start": 5, "end": 5} and empty_cue["speaker"] is None

    path = write(tmp_path, "rich.jsonl", first)
    session.close()
    empty_database(engine)
    with Session(engine) as fresh:
        summary = import_ledger(path, session=fresh)
        fresh.commit()
        assert summary.present.total() == 0
        assert export_text(fresh) == first
        # a hop that pointed at the merged source still does
        hop_sources = {
            fresh.get(Source, h.source_id).name for h in fresh.exec(select(ChainHop)).all()
        }
        assert "Moscow mayor" in hop_sources
        # and importing the export again changes nothing
        import_ledger(path, session=fresh)
        fresh.commit()
        assert export_text(fresh) == first


def test_export_of_an_empty_database_is_just_the_header(session):
    assert export_text(session) == '{"type":"ledger","format":1}\n'


def test_export_renumbers_local_ids_by_rank_so_gaps_do_not_matter(session, engine, tmp_path):
    path = write(
        tmp_path,
        "gaps.yaml",
        """
documents:
  - {id: first, text: "Alpha said one thing."}
  - {id: second, text: "Beta said another."}
  - {id: third, text: "Gamma said a third."}
""",
    )
    import_ledger(path, session=session)
    session.delete(session.exec(select(Document).where(Document.text.startswith("Beta"))).one())  # type: ignore[attr-defined]
    session.commit()
    exported = export_text(session)
    assert [json.loads(line).get("id") for line in exported.splitlines()] == [None, "d1", "d2"]


# --- hand-written YAML -----------------------------------------------------------

SPAN_DOC = """
sources:
  - {name: Ihor Terekhov, kind: official, side: UA}
  - {name: The Independent, kind: outlet}
documents:
  - id: k1
    outlet: The Independent
    text: "Terekhov said 25 were hurt. Later Terekhov said 30 were hurt."
attributions:
  - id: a
    document: k1
    speaker: %s
    speaker_source: Ihor Terekhov
    cue: %s
    content: %s
"""


@pytest.mark.parametrize(
    ("speaker", "cue", "content", "expected"),
    [
        (
            "{text: Terekhov, occurrence: 2}",
            "{text: said, occurrence: 2}",
            "30 were hurt",
            (34, 42, 48, 60),
        ),
        ("{start: 0, end: 8}", "{text: said, start: 9, end: 13}", "25 were hurt", (0, 8, 14, 26)),
    ],
)
def test_spans_by_occurrence_or_offsets(session, tmp_path, speaker, cue, content, expected):
    path = write(tmp_path, "spans.yaml", SPAN_DOC % (speaker, cue, content))
    import_ledger(path, session=session)
    att = session.exec(select(Attribution)).one()
    assert (att.speaker_start, att.speaker_end, att.content_start, att.content_end) == expected
    assert att.speaker_text == "Terekhov" and att.cue_text == "said"


@pytest.mark.parametrize(
    ("speaker", "cue", "content", "message"),
    [
        (
            "Terekhov",
            "said",
            "25 were hurt",
            "12: speaker 'Terekhov' occurs 2 times in document 'k1'; say which with 'occurrence' or 'start'/'end'",
        ),  # fmt: skip
        (
            "{text: Terekhov, occurrence: 3}",
            "said",
            "25 were hurt",
            "12: speaker 'Terekhov' occurs only 2 time(s) in document 'k1'",
        ),  # fmt: skip
        (
            "{start: 0, end: 8}",
            "{text: said, occurrence: 1}",
            "40 were hurt",
            "15: content '40 were hurt' is not in the text of document 'k1'",
        ),  # fmt: skip
        (
            "{start: 0, end: 80}",
            "{text: said, occurrence: 1}",
            "25 were hurt",
            "12: speaker offsets 0-80 are outside the text of document 'k1' (61 characters)",
        ),  # fmt: skip
        (
            "{text: Terekov, start: 0, end: 8}",
            "{text: said, occurrence: 1}",
            "25 were hurt",
            "12: speaker offsets 0-8 hold 'Terekhov', not 'Terekov'",
        ),  # fmt: skip
        (
            "{start: 0}",
            "said",
            "25 were hurt",
            "12: speaker needs both 'start' and 'end'",
        ),  # fmt: skip
        (
            "{text: Terekhov, occurrence: 1, start: 0, end: 8}",
            "said",
            "25 were hurt",
            "12: speaker: give either 'occurrence' or 'start'/'end', not both",
        ),  # fmt: skip
        (
            "{text: Terekhov, occurrence: 1}",
            "{text: said, occurrence: 1, at: 3}",
            "25 were hurt",
            "14: unknown field 'at' in cue",
        ),  # fmt: skip
        (
            "{text: Terekhov, occurrence: 1}",
            "{text: said, occurrence: 0}",
            "25 were hurt",
            "14: cue 'occurrence' must be at least 1",
        ),  # fmt: skip
    ],
)
def test_span_errors_name_the_line(session, tmp_path, speaker, cue, content, message):
    path = write(tmp_path, "spans.yaml", SPAN_DOC % (speaker, cue, content))
    with pytest.raises(LedgerError) as err:
        import_ledger(path, session=session)
    assert str(err.value) == f"{path}:{message}"
    assert (err.value.path, err.value.line) == (str(path), int(message.split(":")[0]))


def test_speaker_resolves_through_the_registry_or_must_be_named(session, tmp_path):
    text = """
sources: [{name: Ihor Terekhov, kind: official, side: UA}]
documents: [{id: k, text: "Terekhov said 25 were hurt; a witness said 30."}]
attributions:
  - {id: a, document: k, speaker: Terekhov, cue: {text: said, occurrence: 1}, content: 25 were hurt}
  - {id: b, document: k, speaker: a witness, cue: {text: said, occurrence: 2}, content: "30"%s}
"""
    with pytest.raises(LedgerError) as err:
        import_ledger(write(tmp_path, "speaker.yaml", text % ""), session=session)
    assert str(err.value) == (
        f"{tmp_path / 'speaker.yaml'}:6: speaker 'a witness' is not a known source; "
        "name it with speaker_source (or null)"
    )
    import_ledger(write(tmp_path, "named.yaml", text % ", speaker_source: null"), session=session)
    atts = session.exec(select(Attribution).order_by(Attribution.id)).all()
    # a surname alone finds the person through the registry's fuzzy match
    assert [(a.speaker_text, a.speaker_id is not None) for a in atts] == [
        ("Terekhov", True),
        ("a witness", False),
    ]


def test_figure_bounds_default_to_the_value_only_when_exact(session, tmp_path):
    base = """
documents: [{id: d, text: "About 12,000 troops and 25 people."}]
attributions: [{id: a, document: d, content: "About 12,000 troops"}]
claims:
  - id: c
    text: About 12,000 troops
    attributions: [a]
    figures:
      - {attribution: a, value: 25}
      - %s
"""
    ok = write(
        tmp_path, "ok.yaml", base % "{value: 12000, qualifier: about, low: 10800, high: 13200}"
    )
    import_ledger(ok, session=session)
    figs = session.exec(select(Figure).order_by(Figure.id)).all()
    assert [(f.value, f.low, f.high, f.qualifier) for f in figs] == [
        (25.0, 25.0, 25.0, "exact"),
        (12000.0, 10800.0, 13200.0, "about"),
    ]
    session.rollback()
    missing = write(tmp_path, "missing.yaml", base % "{value: 12000, qualifier: about}")
    with pytest.raises(
        LedgerError,
        match=r"missing\.yaml:10: a figure qualified 'about' needs 'low' and 'high' \(null for no bound\)$",
    ):
        import_ledger(missing, session=session)
    reversed_ = write(
        tmp_path, "rev.yaml", base % "{value: 12000, qualifier: about, low: 13200, high: 10800}"
    )
    with pytest.raises(
        LedgerError,
        match=r"rev\.yaml:10: figure bounds are reversed: low 13200 is above high 10800$",
    ):
        import_ledger(reversed_, session=session)


# --- what already exists -----------------------------------------------------------


def test_existing_sources_are_filled_in_not_overwritten(session, tmp_path):
    extracted = registry.create_source("Zelenskiy", session=session)  # kind unknown, no side
    manual = registry.create_source("Reuters", session=session, kind="wire", origin="manual")
    session.commit()
    path = write(
        tmp_path,
        "sources.yaml",
        """
sources:
  - {name: Volodymyr Zelensky, kind: official, side: UA, aliases: [Zelenskiy, Zelenskyy]}
  - {name: Reuters, kind: outlet, side: GB, credibility: high}
""",
    )
    summary = import_ledger(path, session=session)
    session.commit()
    assert (summary.added["source"], summary.present["source"]) == (0, 2)
    session.refresh(extracted)
    session.refresh(manual)
    assert (extracted.name, extracted.kind, extracted.side) == ("Zelenskiy", "official", "UA")
    assert registry.find_source("Volodymyr Zelensky", session=session).id == extracted.id
    assert (manual.kind, manual.side, manual.credibility) == ("wire", None, None)


def test_a_manual_link_decision_replaces_an_automatic_one(session, tmp_path):
    a = Claim(text="Four drones were downed", key=claim_key("Four drones were downed"))
    b = Claim(text="Four drones shot down", key=claim_key("Four drones shot down"))
    session.add_all([a, b])
    session.flush()
    session.add(
        ClaimLink(claim_id=a.id, other_id=b.id, kind="corroborates", method="fuzzy", score=0.7)
    )  # type: ignore[arg-type]
    session.commit()
    path = write(
        tmp_path,
        "links.yaml",
        """
claims:
  - {id: x, text: "Four drones were downed"}
  - {id: y, text: "Four drones shot down"}
claim_links:
  - {claim: x, other: y, kind: corroborates, status: rejected, why: same origin, decided_by: dana}
""",
    )
    summary = import_ledger(path, session=session)
    session.commit()
    assert summary.added.total() == 0
    link = session.exec(select(ClaimLink)).one()
    assert (link.status, link.method, link.score, link.decided_by) == (
        "rejected",
        "manual",
        1.0,
        "dana",
    )


def test_a_later_review_state_replaces_an_earlier_one(session, tmp_path):
    claim = Claim(text="A claim", key=claim_key("A claim"))
    session.add(claim)
    session.flush()
    session.add(Review(claim_id=claim.id, status="in_progress", assignee="ivan", version=2))  # type: ignore[arg-type]
    session.commit()
    template = """
claims: [{id: c, text: A claim}]
reviews: [{claim: c, status: %s, version: %d, updated_by: dana}]
"""
    import_ledger(write(tmp_path, "old.yaml", template % ("unreviewed", 1)), session=session)
    assert session.get(Review, claim.id).status == "in_progress"
    import_ledger(write(tmp_path, "new.yaml", template % ("verified", 3)), session=session)
    review = session.get(Review, claim.id)
    assert (review.status, review.version, review.updated_by) == ("verified", 3, "dana")


def test_a_review_changed_after_it_was_read_is_not_overwritten(session, tmp_path, monkeypatch):
    claim = Claim(text="A claim", key=claim_key("A claim"))
    session.add(claim)
    session.flush()
    session.add(Review(claim_id=claim.id, status="in_progress", assignee="ivan", version=2))  # type: ignore[arg-type]
    session.commit()
    get = session.get

    def get_then_someone_else_writes(entity, ident, **kwargs):  # type: ignore[no-untyped-def]
        found = get(entity, ident, **kwargs)
        if entity is Review:  # a reviewer moves the review on just after the import read it
            session.connection().execute(
                sql("UPDATE review SET version = 5, status = 'verified' WHERE claim_id = :c"),
                {"c": ident},
            )
        return found

    monkeypatch.setattr(session, "get", get_then_someone_else_writes)
    path = write(
        tmp_path,
        "new.yaml",
        "claims: [{id: c, text: A claim}]\n"
        "reviews: [{claim: c, status: 'false', version: 3, updated_by: dana}]\n",
    )
    with pytest.raises(LedgerError, match="was changed while importing"):
        import_ledger(path, session=session)
    assert session.connection().execute(
        sql("SELECT version, status FROM review WHERE claim_id = :c"), {"c": claim.id}
    ).one() == (2, "in_progress")  # the import rolled back; the reviewer's write was inside it


# --- invalid files: LedgerError with FILE:LINE and nothing written ---------------------

# libyaml and the pure-Python parser word this one differently
UNCLOSED = (
    "did not find expected ',' or ']'"
    if hasattr(yaml, "CSafeLoader")
    else "expected ',' or ']', but got ':'"
)

BAD_YAML = [
    ("sources:\n  - name: Reuters\n    kind: [wire\nusers: []\n", f"4: invalid YAML: {UNCLOSED}"),
    (
        "documents:\n  - id: d1\n    text: hello\n    published: 2024-13-45\n",
        "4: invalid value '2024-13-45': month must be in 1..12",
    ),
    (
        "documents:\n  - id: d1\n    text: hello\n    published: 'yesterday'\n",
        "4: bad date-time 'yesterday' for 'published' (use ISO 8601, e.g. 2024-11-08T07:45:00Z)",
    ),
    (
        "sources:\n  - {name: Reuters, kind: wire, side: UA}\n  - {name: Reuters, kind: wire}\n",
        "3: source 'Reuters' is declared twice (first on line 2)",
    ),
    (
        "sources:\n  - {name: X, kind: wizard}\n",
        "2: unknown source kind 'wizard' (expected one of: person, official, organisation, government, military, state_agency, state_media, party, outlet, wire, social_media, anonymous, unknown)",
    ),
    (
        "sources:\n  - name: Minister of Walks\n    parent: Ministry of Silly Walks\n",
        "3: unknown source 'Ministry of Silly Walks'",
    ),
    (
        "sources:\n  - {name: Alpha Agency, parent: Beta Bureau}\n  - {name: Beta Bureau, parent: Alpha Agency}\n",
        "2: the parent chain of source 'Alpha Agency' runs in a circle",
    ),
    ("documents:\n  - {id: d1, text: hi, copy_of: d9}\n", "2: unknown document 'd9'"),
    (
        "documents:\n  - {id: d1, text: hi, copy_of: d2}\n  - {id: d2, text: ho, copy_of: d1}\n",
        "3: documents cannot be copies of each other in a circle",
    ),
    (
        "documents:\n  - {id: d1, text: hi}\nattributions:\n  - {id: a1, document: d2, content: hi}\n",
        "4: unknown document 'd2'",
    ),
    (
        "documents:\n  - {id: d1, text: hi there}\nattributions:\n  - id: a1\n    document: d1\n    content: hi\n    chain: [Nobody]\n",
        "7: unknown source 'Nobody'",
    ),
    (
        "documents:\n  - {id: d1, text: hi}\nattributions:\n  - {id: a1, document: d1, content: hi, kind: rumour}\n",
        "4: unknown attribution kind 'rumour' (expected one of: direct_quote, indirect, according_to, anonymous, unattributed)",
    ),
    (
        "sources: [{name: R}]\ndocuments:\n  - {id: d1, text: hi}\nattributions:\n  - id: a1\n    document: d1\n    content: hi\n    chain:\n      - {source: R, role: author}\n",
        "9: unknown chain hop role 'author' (expected one of: origin, relay, publisher)",
    ),
    (
        "documents:\n  - {id: d1, text: hi}\nattributions:\n  - {id: a1, document: d1, content: hi, said_at: 2024-02-30}\n",
        "4: invalid value '2024-02-30': day is out of range for month",
    ),
    (
        "documents:\n  - {id: d1, text: hi}\nattributions:\n  - {id: a1, document: d1, content: hi, said_at: 'Friday'}\n",
        "4: bad date 'Friday' for 'said_at' (use YYYY-MM-DD)",
    ),
    (
        "claims:\n  - {id: c1, text: x}\nclaim_links:\n  - {claim: c1, other: c2, kind: repeats}\n",
        "4: unknown claim 'c2'",
    ),
    ("claims:\n  - {id: c1, text: x, attributions: [a7]}\n", "2: unknown attribution 'a7'"),
    (
        "claims:\n  - {id: c1, text: x}\n  - {id: c2, text: y}\nclaim_links:\n  - {claim: c1, other: c2, kind: supports}\n",
        "5: unknown claim link kind 'supports' (expected one of: corroborates, repeats, contradicts, updates)",
    ),
    (
        "claims:\n  - {id: c1, text: x}\nreviews:\n  - {claim: c1, status: done}\n",
        "4: unknown review status 'done' (expected one of: unreviewed, in_progress, verified, false, misleading, unverifiable, not_applicable)",
    ),
    (
        "claims:\n  - {id: c1, text: x}\nreview_events:\n  - {claim: c1, version: 1, user: dana, action: note}\n",
        "4: review event has no 'at'",
    ),
    (
        "users:\n  - {name: dana, role: boss}\n",
        "2: unknown user role 'boss' (expected one of: reporter, editor, admin)",
    ),
    ("users:\n  - {name: dana, role: editor, colour: blue}\n", "2: unknown field 'colour' in user"),
    ("sources:\n  - name: Reuters\n    name: AP\n", "3: duplicate key 'name'"),
    (
        "rumours:\n  - {name: x}\n",
        "1: unknown section 'rumours' (expected one of: format, sources, disputes, users, documents, document_links, attributions, claims, claim_links, reviews, review_events)",
    ),
    ("format: 2\n", "1: unsupported ledger format 2 (this version reads 1)"),
    (
        "sources:\n  - {name: 'No', kind: official}\n  - {name: No, kind: official}\n",
        "3: source 'name' must be text, not true/false",
    ),
    (
        "disputes:\n  - {name: Border war, parties: [RU]}\n",
        "2: a dispute needs at least two parties",
    ),
    (
        "claims:\n  - {id: c1, text: x, figures: [{value: .nan}]}\n",
        "2: figure 'value' must be a finite number",
    ),
]

BAD_JSONL = [
    (
        '{"type":"source","name":"Reuters","kind":"wire"}\n{"type":"source", "name": }\n',
        "2: invalid JSON: Expecting value (column 27)",
    ),
    (
        '{"type":"source","name":"Reuters"}\n\n{"type":"rumour"}\n',
        "3: unknown record type 'rumour' (expected one of: ledger, source, dispute, user, document, document_link, attribution, claim, claim_link, review, review_event)",
    ),
    ("[1, 2]\n", "1: each line must be a JSON object"),
    (
        '{"type":"claim","id":"c1","text":"x","figures":[{"value":1,"low":NaN}]}\n',
        "1: NaN is not valid JSON; write null for an open bound",
    ),
    (
        '{"type":"document","id":"d1","text":"hello"}\n{"type":"attribution","id":"a1","document":"d1","content":{"text":"hello","start":0,"end":9}}\n',
        "2: content offsets 0-9 are outside the text of document 'd1' (5 characters)",
    ),
    (
        '{"type":"document","id":"d1","text":"hello"}\n{"type":"attribution","id":"a1","document":"d1","content":{"text":"help","start":0,"end":4}}\n',
        "2: content offsets 0-4 hold 'hell', not 'help'",
    ),
    (
        '{"type":"document","id":"d1","text":"hello"}\n{"type":"attribution","id":"a1","document":"d1","content":{"text":"hello","start":-1,"end":4}}\n',
        "2: content 'start' must be at least 0",
    ),
    (
        '{"type":"document","id":"d1","text":"hi","published":"2024-11-08 25:00"}\n',
        "1: bad date-time '2024-11-08 25:00' for 'published' (use ISO 8601, e.g. 2024-11-08T07:45:00Z)",
    ),
    ('{"type":"document","id":"d1","text":null}\n', "1: document 'text' must not be null"),
    ('{"type":"ledger","format":7}\n', "1: unsupported ledger format 7 (this version reads 1)"),
    (
        '{"type":"document","id":"d1","text":"hi"}\n{"type":"document","id":"d1","text":"ho"}\n',
        "2: document id 'd1' is used twice (first on line 1)",
    ),
]


# already in the database when a bad file is imported
SEED = """
sources: [{name: Reuters, kind: wire}, {name: Kremlin, kind: government, side: RU}]
documents: [{id: d1, outlet: Reuters, text: "The Kremlin said hi."}]
attributions: [{id: a1, document: d1, speaker: Kremlin, cue: said, content: hi, chain: [Kremlin, Reuters]}]
claims: [{id: c1, text: hi, attributions: [a1]}]
"""


def _bad_cases() -> list[tuple[str, str, str]]:
    yaml_cases = [("bad.yaml", text, message) for text, message in BAD_YAML]
    jsonl_cases = [("bad.jsonl", text, message) for text, message in BAD_JSONL]
    return yaml_cases + jsonl_cases


@pytest.mark.parametrize(("name", "text", "message"), _bad_cases())
def test_invalid_ledger_is_rejected_with_file_and_line_and_writes_nothing(
    session, engine, tmp_path, name, text, message
):
    import_ledger(write(tmp_path, "seed.yaml", SEED), session=session)
    session.commit()
    before = row_counts(engine)
    path = write(tmp_path, name, text)
    with pytest.raises(LedgerError) as err:
        import_ledger(path, session=session)
    assert str(err.value) == f"{path}:{message}"
    assert row_counts(engine) == before
    session.commit()  # the session is usable again after the rollback
    assert row_counts(engine) == before


def test_yaml_errors_after_valid_records_also_write_nothing(session, engine, tmp_path):
    path = write(
        tmp_path,
        "late.yaml",
        """
sources:
  - {name: A brand new source, kind: person}
documents:
  - {id: d1, outlet: Nowhere, text: "A brand new document, said someone."}
attributions:
  - {id: a1, document: d1, content: "A brand new document", speaker_source: null, chain: [A brand new source]}
claims:
  - {id: c1, text: A brand new claim, attributions: [a1]}
claim_links:
  - {claim: c1, other: c404, kind: repeats}
""",
    )
    before = row_counts(engine)
    with pytest.raises(LedgerError, match=r"late\.yaml:11: unknown claim 'c404'$"):
        import_ledger(path, session=session)
    assert row_counts(engine) == before


def test_read_ledger_needs_a_known_suffix(tmp_path):
    path = write(tmp_path, "ledger.txt", "sources: []\n")
    with pytest.raises(
        LedgerError,
        match=r"ledger\.txt: cannot tell the ledger format; name the file \.yaml, \.yml or \.jsonl$",
    ):
        read_ledger(path)
    assert read_ledger(path, format="yaml") == []

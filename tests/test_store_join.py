"""Storing joins a sentence to the one claim already carrying it, when merging is certain.

Cross-referencing would merge them anyway; these tests check that joining early
changes nothing it decides, and that it stays out of the cases it does not own
(figures said further apart than the figure window; a sentence a person kept apart).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session, func, select
from xref_ledger import snapshot, wipe

from factcheck import db as dbmod
from factcheck import store
from factcheck.models import Attribution, Claim
from factcheck.pipeline import ingest_file, ingest_paths
from factcheck.text import claim_key

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

PLAIN = "talks with Washington were not on the agenda"
COUNTED = "its air defences destroyed 31 drones overnight"


def _report(folder: Path, name: str, outlet: str, day: int, extra: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.txt"
    path.write_text(
        f"Talks and drones\n\n"
        f"The Kremlin said on Friday that {PLAIN}. "
        f"Ukraine's air force said {COUNTED}. {extra}\n",
        encoding="utf-8",
    )
    path.with_suffix(".meta").write_text(f"{outlet} 2024-11-{day:02d}")
    return path


def _ingest(path: Path, engine, **kw):  # type: ignore[no-untyped-def]
    outlet, published = path.with_suffix(".meta").read_text().rsplit(" ", 1)
    return ingest_file(str(path), engine=engine, outlet=outlet, published=_date(published), **kw)


def _date(text: str):  # type: ignore[no-untyped-def]
    from datetime import datetime

    return datetime.fromisoformat(f"{text}T09:00:00")


def _claims_with(session: Session, content: str) -> set[int]:
    rows = session.exec(
        select(Attribution.claim_id).where(Attribution.content_text.startswith(content))  # type: ignore[attr-defined]
    ).all()
    return set(rows)


@pytest.fixture
def engine(migrated_url: str):  # type: ignore[no-untyped-def]
    eng = dbmod.make_engine(migrated_url)
    yield eng
    eng.dispose()


def test_a_sentence_said_again_joins_its_claim(engine, tmp_path):
    first = _ingest(_report(tmp_path, "a", "Daily Courier", 8), engine, cross_reference=False)
    second = _ingest(
        _report(tmp_path, "b", "Evening Herald", 10, f"Officials said {PLAIN}."),
        engine,
        cross_reference=False,
    )
    assert first.joined == 0
    # the Kremlin's sentence, the officials' repeat of it, and the count two days later
    assert second.joined == 3
    with Session(engine) as session:
        assert len(_claims_with(session, PLAIN)) == 1
        assert len(_claims_with(session, COUNTED)) == 1


def test_a_count_said_outside_the_figure_window_waits_for_cross_referencing(engine, tmp_path):
    _ingest(_report(tmp_path, "a", "Daily Courier", 8), engine, cross_reference=False)
    later = _ingest(_report(tmp_path, "b", "Evening Herald", 12), engine, cross_reference=False)
    assert later.joined == 1  # the figureless sentence only
    with Session(engine) as session:
        assert len(_claims_with(session, PLAIN)) == 1
        assert len(_claims_with(session, COUNTED)) == 2
    # a report from between the two bridges them: cross-referencing merges all three
    between = _ingest(_report(tmp_path, "c", "Morning Post", 10), engine)
    assert between.joined == 1
    with Session(engine) as session:
        assert len(_claims_with(session, COUNTED)) == 1


def test_a_document_whose_every_sentence_is_stored_adds_no_claim(engine, tmp_path):
    _ingest(_report(tmp_path, "a", "Daily Courier", 8), engine, cross_reference=False)
    with Session(engine) as session:
        before = session.exec(select(func.count()).select_from(Claim)).one()
    path = tmp_path / "repeat.txt"
    path.write_text(f"Talks\n\nThe Kremlin said on Friday that {PLAIN}.\n", encoding="utf-8")
    result = ingest_file(str(path), engine=engine, outlet="Evening Herald", cross_reference=False)
    assert len(result.documents) == 1 and result.attributions == result.joined == 1
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(Claim)).one() == before
        assert len(_claims_with(session, PLAIN)) == 1


def test_the_same_sentence_twice_in_one_new_document_gets_one_claim(engine, tmp_path):
    result = _ingest(
        _report(tmp_path, "a", "Daily Courier", 8, f"A second aide said {PLAIN}."),
        engine,
        cross_reference=False,
    )
    assert result.joined == 1
    with Session(engine) as session:
        assert len(_claims_with(session, PLAIN)) == 1


def test_a_sentence_held_by_two_claims_is_left_to_cross_referencing(engine, tmp_path, monkeypatch):
    def each_its_own(found_list, keys, **_):  # type: ignore[no-untyped-def]
        return [None] * len(keys), {}

    with monkeypatch.context() as m:  # two claims with one sentence, as a person kept them
        m.setattr(store, "_claims_for", each_its_own)
        _ingest(_report(tmp_path, "a", "Daily Courier", 8), engine, cross_reference=False)
        _ingest(_report(tmp_path, "b", "Evening Herald", 8), engine, cross_reference=False)
    with Session(engine) as session:
        assert len(_claims_with(session, PLAIN)) == 2
        before = session.exec(select(func.count()).select_from(Claim)).one()
    third = _ingest(_report(tmp_path, "c", "Morning Post", 8), engine, cross_reference=False)
    assert third.joined == 0
    with Session(engine) as session:
        assert len(_claims_with(session, PLAIN)) == 3
        assert session.exec(select(func.count()).select_from(Claim)).one() == before + 2
        key = claim_key(PLAIN)
        same = select(Claim).where(Claim.text.startswith(PLAIN))  # type: ignore[attr-defined]
        assert all(c.key == key for c in session.exec(same))


def test_joining_at_store_time_decides_what_cross_referencing_alone_decides(
    engine, tmp_path, monkeypatch
):
    folder = tmp_path / "batch"
    for i, (outlet, day) in enumerate(
        [("Daily Courier", 8), ("Evening Herald", 8), ("Morning Post", 9), ("Daily Courier", 20)]
    ):
        _report(folder, f"r{i}", outlet, day, f"A spokesman said {PLAIN}." if i % 2 else "")
    paths = [str(p) for p in sorted(FIXTURES.iterdir())] + [
        str(p) for p in sorted(SEEDS.glob("*.txt"))
    ]
    extra = [str(p) for p in sorted(folder.glob("*.txt"))]

    def ingest_all() -> dict[str, object]:
        summary = ingest_paths(paths, engine=engine)
        assert not summary.failed
        for path in extra:
            _ingest(Path(path), engine)  # one at a time, cross-referenced as it goes
        with Session(engine) as session:
            return snapshot(session)

    joined = ingest_all()
    with Session(engine) as session:
        wipe(session)
        session.commit()
    with monkeypatch.context() as m:
        m.setattr(store, "_claims_for", lambda found_list, keys, **_: ([None] * len(keys), {}))
        separate = ingest_all()
    assert joined == separate
    assert len(joined["claims"]) > 20 and len(joined["links"]) > 5  # type: ignore[arg-type]


def test_days_are_reckoned_in_utc_whatever_the_database_session_time_zone(migrated_url, tmp_path):
    """A report published late on the 8th (UTC) is the 9th in Tokyo: still four days before
    one published on the 12th, outside the figure window, as cross-referencing reckons it."""
    from datetime import UTC, datetime

    kwargs = {}
    if migrated_url.startswith("postgresql"):
        kwargs["connect_args"] = {"options": "-c timezone=Asia/Tokyo"}
    engine = dbmod.make_engine(migrated_url, **kwargs)
    try:
        early = _report(tmp_path, "a", "Daily Courier", 8)
        late = _report(tmp_path, "b", "Evening Herald", 12)
        ingest_file(
            str(early), engine=engine, outlet="Daily Courier",
            published=datetime(2024, 11, 8, 20, 0, tzinfo=UTC), cross_reference=False,
        )  # fmt: skip
        second = ingest_file(
            str(late), engine=engine, outlet="Evening Herald",
            published=datetime(2024, 11, 12, 9, 0, tzinfo=UTC), cross_reference=False,
        )  # fmt: skip
        assert second.joined == 1  # the figureless sentence only
        with Session(engine) as session:
            assert len(_claims_with(session, COUNTED)) == 2
    finally:
        engine.dispose()


def test_a_figureless_sentence_also_said_with_figures_is_left_to_cross_referencing(
    engine, tmp_path, monkeypatch
):
    """When the stored claims of a sentence include one with figures, which claim a new
    saying joins (and which manual decisions that crosses) is cross-referencing's call."""
    _ingest(_report(tmp_path, "a", "Daily Courier", 8), engine, cross_reference=False)
    bare = "its air defences destroyed the drones overnight"
    path = tmp_path / "bare.txt"
    path.write_text(f"Drones\n\nUkraine's air force said {bare}.\n", encoding="utf-8")
    with monkeypatch.context() as m:  # a figureless claim of its own
        m.setattr(store, "_claims_for", lambda found_list, keys, **_: ([None] * len(keys), {}))
        ingest_file(str(path), engine=engine, outlet="Morning Post", cross_reference=False)
    with Session(engine) as session:  # the counted claim now carries the same sentence
        counted = session.exec(select(Claim).where(Claim.text.startswith(COUNTED))).one()  # type: ignore[attr-defined]
        counted.key = claim_key(bare)
        session.add(counted)
        session.commit()
    result = ingest_file(str(path), engine=engine, outlet="Evening Herald", cross_reference=False)
    assert result.attributions == 1 and result.joined == 0

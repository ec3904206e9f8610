"""`factcheck ingest` / `extract`: the pipeline from files to ledger rows."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlmodel import Session, select

from factcheck import db as dbmod
from factcheck.models import Attribution, ChainHop, Claim, Document, Source

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
ARTICLES = FIXTURES / "articles"
TABLES = (Document, Attribution, ChainHop, Claim, Source)


def counts(url: str) -> dict[str, int]:
    engine = dbmod.make_engine(url)
    with Session(engine) as session:
        result = {
            t.__name__: session.exec(select(func.count()).select_from(t)).one() for t in TABLES
        }
    engine.dispose()
    return result


def file_text(path: Path) -> str:
    """The file's text as factcheck reads it: decoded, line endings normalised."""
    return path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")


def test_ingest_fixture_folder_then_reingest_adds_nothing(run, migrated_url):
    r = run("ingest", str(ARTICLES), "--json")
    assert r.exit_code == 0, r.output
    summary = json.loads(r.stdout)
    assert summary["files"] == len(list(ARTICLES.iterdir()))
    assert summary["failed"] == 0
    assert summary["documents"] >= summary["files"]
    assert summary["attributions"] > 10
    before = counts(migrated_url)
    r = run("ingest", str(ARTICLES))
    assert r.exit_code == 0, r.output
    assert "0 new document(s)" in r.output
    assert counts(migrated_url) == before


def test_stored_offsets_point_at_the_stored_text(run, migrated_url):
    assert run("ingest", str(ARTICLES)).exit_code == 0
    engine = dbmod.make_engine(migrated_url)
    with Session(engine) as session:
        rows = session.exec(select(Attribution, Document).join(Document)).all()
        assert rows
        for att, doc in rows:
            assert doc.text[att.content_start : att.content_end] == att.content_text
            if att.speaker_start is not None:
                assert doc.text[att.speaker_start : att.speaker_end] == att.speaker_text
            if att.cue_start is not None:
                assert doc.text[att.cue_start : att.cue_end] == att.cue_text
    engine.dispose()


def test_wire_copy_republished_by_two_outlets_is_marked_as_copy(run, migrated_url):
    assert run("ingest", str(ARTICLES)).exit_code == 0
    engine = dbmod.make_engine(migrated_url)
    with Session(engine) as session:
        docs = {d.outlet: d for d in session.exec(select(Document)).all()}
    engine.dispose()
    herald, courier = docs["The Northern Herald"], docs["Coastal Courier"]
    assert (herald.copy_of_id, courier.copy_of_id).count(None) == 1
    assert {herald.copy_of_id, courier.copy_of_id} - {None} <= {herald.id, courier.id}


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n \t\n", "no text"),
        ("nul.txt", b"PNG\x00\x01\x02" * 100, "binary"),
        ("latin.txt", "Caf\u00e9 said 25 were hurt.".encode("utf-16-le"), ""),
        ("broken.json", b'{"title": "x", "text": ', "JSON"),
    ],
)
def test_bad_input_is_one_line_error_and_writes_nothing(
    run, migrated_url, tmp_path, name, data, message
):
    path = tmp_path / name
    path.write_bytes(data)
    before = counts(migrated_url)
    r = run("ingest", str(path))
    assert r.exit_code == 1, r.output
    lines = r.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {path}: "), r.output
    assert message in lines[0]
    assert "Traceback" not in r.output
    assert counts(migrated_url) == before


def test_huge_file_is_refused(run, tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.truncate(100 * 1024 * 1024)
    r = run("extract", str(path))
    assert r.exit_code == 1
    assert r.output.startswith("Error: ") and "too large" in r.output


def test_bad_file_mid_batch_keeps_the_others(run, migrated_url, tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "a.txt").write_text((ARTICLES / "odesa-toll.txt").read_text())
    (folder / "b.txt").write_bytes(b"\x00\x00\x00binary")
    r = run("ingest", str(folder), "--json")
    assert r.exit_code == 1
    assert "Error: " in r.stderr and "b.txt" in r.stderr
    summary = json.loads(r.stdout)
    assert summary["files"] == 2 and summary["failed"] == 1 and summary["documents"] == 1
    assert counts(migrated_url)["Document"] == 1


def test_crash_mid_file_leaves_database_as_it_was(run, migrated_url, monkeypatch):
    import factcheck.pipeline as pipeline

    calls = {"n": 0}
    real = pipeline.store_document

    def flaky(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk on fire")
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "store_document", flaky)
    before = counts(migrated_url)
    with pytest.raises(RuntimeError):
        run("ingest", str(ARTICLES / "liveblog-frontline.txt"))
    assert calls["n"] == 2
    assert counts(migrated_url) == before


def test_ingest_from_stdin_with_outlet_and_date(run, migrated_url):
    text = (ARTICLES / "odesa-toll.txt").read_text()
    r = run(
        "ingest",
        "-",
        "--outlet",
        "Black Sea Monitor",
        "--published",
        "2024-11-08 15:20",
        input=text,
    )
    assert r.exit_code == 0, r.output
    engine = dbmod.make_engine(migrated_url)
    with Session(engine) as session:
        doc = session.exec(select(Document)).one()
    engine.dispose()
    assert doc.outlet == "Black Sea Monitor"
    assert doc.published is not None and doc.published.year == 2024
    assert doc.source_path is None


def test_bad_published_date_is_usage_error(run):
    r = run("ingest", str(ARTICLES / "odesa-toll.txt"), "--published", "not a date")
    assert r.exit_code == 2
    assert "is not a date" in r.output


def test_extract_json_contract_and_offsets_into_the_file(run):
    path = ARTICLES / "liveblog-frontline.txt"
    r = run("extract", str(path), "--json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    text = file_text(path)
    assert len(data["documents"]) >= 3  # the live blog is split into entries
    seen = 0
    for doc in data["documents"]:
        assert {"path", "title", "published", "text_length", "attributions"} <= set(doc)
        for att in doc["attributions"]:
            assert {"speaker", "cue", "content", "kind", "hedged", "chain", "figures"} <= set(att)
            for part in ("speaker", "cue", "content"):
                span = att[part]
                if span is not None:
                    assert text[span["start"] : span["end"]] == span["text"]
            for fig in att["figures"]:
                assert {"value", "low", "high", "qualifier", "label"} <= set(fig)
            for hop in att["chain"]:
                assert hop["role"] in {"origin", "relay", "publisher"}
            seen += 1
    assert seen >= 5


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")
def test_extract_offsets_into_seed_files(run):
    for path in sorted(SEEDS.glob("*.txt")):
        r = run("extract", str(path), "--json")
        assert r.exit_code == 0, r.output
        text = file_text(path)
        for doc in json.loads(r.stdout)["documents"]:
            for att in doc["attributions"]:
                for part in ("speaker", "cue", "content"):
                    span = att[part]
                    if span is not None:
                        assert text[span["start"] : span["end"]] == span["text"]


PLACES = ["Kharkiv", "Odesa", "Sumy", "Dnipro", "Lviv", "Poltava", "Kherson", "Mykolaiv"]


def _batch(folder: Path, count: int) -> list[Path]:
    """`count` small distinct reports, enough for the batch to use reading workers."""
    folder.mkdir()
    paths = []
    for i in range(count):
        place = PLACES[i % len(PLACES)]
        path = folder / f"report-{i:02d}.txt"
        path.write_text(
            f"Strike on {place} damages homes ({i})\n\n"
            f"Regional governor Petro Marchenko said {i + 3} homes were damaged in {place} "
            f"overnight. According to the State Emergency Service, {i + 1} people were injured. "
            f"Residents said the sirens sounded for {i + 2} hours.\n"
        )
        paths.append(path)
    return paths


def test_a_big_batch_read_by_workers_stores_what_reading_in_process_stores(
    run, migrated_url, tmp_path, monkeypatch
):
    import factcheck.pipeline as pipeline

    _batch(tmp_path / "batch", pipeline.PARALLEL_MIN_FILES + 8)
    r = run("ingest", str(tmp_path / "batch"), "--json")
    assert r.exit_code == 0, r.output
    with_workers = counts(migrated_url)
    assert with_workers["Document"] == pipeline.PARALLEL_MIN_FILES + 8

    monkeypatch.setattr(pipeline, "worthwhile_fork", lambda: False)
    other = tmp_path / "other.db"
    url = f"sqlite:///{other}"
    engine = dbmod.make_engine(url)
    dbmod.upgrade(engine)
    summary = pipeline.ingest_paths([str(tmp_path / "batch")], engine=engine)
    engine.dispose()
    assert summary.totals()["failed"] == 0
    assert counts(url) == with_workers


def test_a_file_that_kills_its_reading_worker_fails_alone(run, migrated_url, tmp_path, monkeypatch):
    import factcheck.parallel as parallel
    import factcheck.pipeline as pipeline

    if not parallel.worthwhile_fork():
        pytest.skip("needs fork and two cores")
    paths = _batch(tmp_path / "batch", pipeline.PARALLEL_MIN_FILES + 4)
    bomb = paths[10]
    with open(bomb, "a", encoding="utf-8") as padding:  # too big for the main process to take
        padding.write("\n\n" + "Filler text for the record. " * 3000)
    real = pipeline.read_and_extract

    def read(path, **kwargs):  # type: ignore[no-untyped-def]
        if path == str(bomb):
            os._exit(9)  # as the kernel's out-of-memory killer would end the worker
        return real(path, **kwargs)

    monkeypatch.setattr(pipeline, "read_and_extract", read)  # the forked workers inherit it
    r = run("ingest", str(tmp_path / "batch"), "--json")
    assert r.exit_code == 1
    assert "report-10.txt" in r.stderr and "worker" in r.stderr
    summary = json.loads(r.stdout)
    assert summary["failed"] == 1 and summary["documents"] == len(paths) - 1
    assert counts(migrated_url)["Document"] == len(paths) - 1


def test_ingest_file_is_one_transaction_and_idempotent(migrated_url):
    from factcheck.pipeline import ingest_file

    engine = dbmod.make_engine(migrated_url)
    first = ingest_file(str(ARTICLES / "odesa-toll.txt"), engine=engine)
    again = ingest_file(str(ARTICLES / "odesa-toll.txt"), engine=engine)
    engine.dispose()
    assert len(first.documents) == 1 and first.attributions > 0
    assert again.documents == [] and again.skipped == 1
    assert counts(migrated_url)["Document"] == 1


def _speakers(folder: Path, names: list[str]) -> list[Path]:
    """One small report per speaker name, each naming a new source."""
    folder.mkdir()
    paths = []
    for i, name in enumerate(names):
        path = folder / f"speaker-{i:02d}.txt"
        path.write_text(
            f"Statement {i}\n\nRegional official {name} said {i + 2} shelters were opened.\n"
        )
        paths.append(path)
    return paths


def _store_then_fail(monkeypatch, marker: str, error: BaseException) -> None:  # type: ignore[no-untyped-def]
    """Storing the document whose text holds `marker` writes its rows, then raises `error`."""
    import factcheck.pipeline as pipeline

    real = pipeline.store_document

    def store(draft, found, **kwargs):  # type: ignore[no-untyped-def]
        stored = real(draft, found, **kwargs)
        if marker in draft.text:
            raise error
        return stored

    monkeypatch.setattr(pipeline, "store_document", store)


def _group_batch(engine, paths: list[Path], done: list[str]):  # type: ignore[no-untyped-def]
    """Store `paths` through one batch group as ingest does, with every file read before
    (so nothing waits for reading and only size or time ends a group)."""
    import factcheck.pipeline as pipeline
    from factcheck.sources.resolve import SourceCache

    group = pipeline._Group(engine, SourceCache(), report=lambda o: done.append(o.path))
    outcomes = []
    try:
        for path in map(str, paths):
            outcome = pipeline.IngestOutcome(path=path)
            try:
                outcome.result = group.store(pipeline.read_and_extract(path), path=path)
            except pipeline.FactcheckError as exc:
                outcome.error = str(exc)
            group.add(outcome)
            outcomes.append(outcome)
        group.commit()
    except BaseException:
        group.rollback()
        raise
    return outcomes


def test_a_file_failing_while_stored_is_rolled_back_alone_within_its_group(
    migrated_url, tmp_path, monkeypatch
):
    import factcheck.pipeline as pipeline
    from factcheck.errors import FactcheckError

    monkeypatch.setattr(pipeline, "GROUP_SECONDS", 3600.0)  # one group for the whole batch
    # Taras is new in the failing file and again in a later one of the same transaction.
    names = ["Oksana Hrytsenko", "Taras Lutsenko", "Oksana Hrytsenko", "Taras Lutsenko"]
    paths = _speakers(tmp_path / "batch", names)
    _store_then_fail(monkeypatch, "Statement 1", FactcheckError("speaker-01.txt: cannot store it"))
    engine = dbmod.make_engine(migrated_url)
    done: list[str] = []
    outcomes = _group_batch(engine, paths, done)
    assert done == [str(p) for p in paths]  # all reported, in order, after the commit
    assert [o.error is not None for o in outcomes] == [False, True, False, False]
    with Session(engine) as session:
        titles = set(session.exec(select(Document.title)).all())
        sources = set(session.exec(select(Source.name)).all())
        # Each attribution's speaker exists: none points at a source rolled back with file 1.
        speakers = session.exec(select(Attribution.speaker_id)).all()
        known = set(session.exec(select(Source.id)).all())
    engine.dispose()
    assert titles == {"Statement 0", "Statement 2", "Statement 3"}
    assert {"Oksana Hrytsenko", "Taras Lutsenko"} <= sources
    assert len(speakers) == 3 and all(s in known for s in speakers)


def test_a_crash_mid_batch_keeps_the_files_committed_before_it(migrated_url, tmp_path, monkeypatch):
    import factcheck.pipeline as pipeline

    paths = _speakers(tmp_path / "batch", ["Ivan Melnyk", "Olha Kravets", "Pavlo Shevchuk",
                                           "Iryna Koval", "Andrii Tkachuk"])  # fmt: skip
    monkeypatch.setattr(pipeline, "GROUP_FILES", 2)
    monkeypatch.setattr(pipeline, "GROUP_SECONDS", 3600.0)
    _store_then_fail(monkeypatch, "Statement 3", RuntimeError("disk on fire"))
    engine = dbmod.make_engine(migrated_url)
    done: list[str] = []
    with pytest.raises(RuntimeError):
        _group_batch(engine, paths, done)
    with Session(engine) as session:
        titles = sorted(session.exec(select(Document.title)).all())
    engine.dispose()
    # Files 0 and 1 were committed and reported; file 2 shared the crashed transaction.
    assert done == [str(p) for p in paths[:2]]
    assert titles == ["Statement 0", "Statement 1"]
    assert counts(migrated_url)["Attribution"] == 2


def test_a_batch_holds_no_write_lock_while_it_waits_for_reading(
    migrated_url, tmp_path, monkeypatch
):
    import sqlite3
    import threading
    import time as clock

    import factcheck.pipeline as pipeline

    if not migrated_url.startswith("sqlite"):
        pytest.skip("SQLite's single write lock")
    paths = _speakers(tmp_path / "batch", ["Ivan Melnyk", "Olha Kravets", "Pavlo Shevchuk"])
    real = pipeline.read_and_extract

    def slow_second(path, **kwargs):  # type: ignore[no-untyped-def]
        if path.endswith("speaker-01.txt"):
            clock.sleep(1.5)
        return real(path, **kwargs)

    monkeypatch.setattr(pipeline, "read_and_extract", slow_second)
    monkeypatch.setattr(pipeline, "GROUP_SECONDS", 3600.0)
    got: list[str] = []

    def other_writer() -> None:
        clock.sleep(0.8)  # while file 1 is being read
        conn = sqlite3.connect(migrated_url.removeprefix("sqlite:///"), timeout=0.2)
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.rollback()
            got.append("lock")
        except sqlite3.OperationalError as exc:
            got.append(str(exc))
        finally:
            conn.close()

    writer = threading.Thread(target=other_writer)
    engine = dbmod.make_engine(migrated_url)
    writer.start()
    summary = pipeline.ingest_paths([str(p) for p in paths], engine=engine)
    writer.join()
    engine.dispose()
    assert got == ["lock"] and summary.totals()["documents"] == 3


def test_the_storing_process_reads_only_small_regular_files_and_commits_first_when_due(
    migrated_url, tmp_path
):
    import factcheck.pipeline as pipeline
    from factcheck.sources.resolve import SourceCache

    small, big = _speakers(tmp_path / "batch", ["Ivan Melnyk", "Olha Kravets"])
    with open(big, "a", encoding="utf-8") as padding:
        padding.write("\n\n" + "Filler text for the record. " * 3000)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    engine = dbmod.make_engine(migrated_url)
    reported: list[object] = []
    group = pipeline._Group(engine, SourceCache(), report=reported.append)
    try:
        assert not group.may_read_here(str(big))  # more than LOCAL_READ_MAX_BYTES
        assert not group.may_read_here(str(fifo))  # reading it could block
        assert not group.may_read_here(str(tmp_path / "missing.txt"))
        outcome = pipeline.IngestOutcome(path=str(small))
        outcome.result = group.store(pipeline.read_and_extract(str(small)), path=str(small))
        group.add(outcome)
        assert group.may_read_here(str(small)) and group.session is not None  # not due yet
        group.started -= pipeline.GROUP_SECONDS
        assert group.may_read_here(str(small))
        assert group.session is None and reported == [outcome]  # committed before reading
    finally:
        group.rollback()
        engine.dispose()


def test_sources_that_gain_a_parent_are_handed_to_cross_referencing(
    migrated_url, tmp_path, monkeypatch
):
    """Storing fills in what a known source lacked; the claims said through it earlier are
    judged again (xref_documents' `sources`), in a batch and file by file."""
    import factcheck.pipeline as pipeline

    seen: list[set[int]] = []
    real = pipeline.xref_documents

    def spy(documents, *, session, sources=(), **kwargs):  # type: ignore[no-untyped-def]
        seen.append(set(sources))
        return real(documents, session=session, sources=sources, **kwargs)

    monkeypatch.setattr(pipeline, "xref_documents", spy)
    engine = dbmod.make_engine(migrated_url)
    first = tmp_path / "first.txt"
    first.write_text("Talks\n\nPetro Dubois said on Friday that no talks were planned.\n")
    later = tmp_path / "later.txt"
    later.write_text("Talks again\n\nKremlin aide Petro Dubois said the talks would wait.\n")
    try:
        pipeline.ingest_file(str(first), engine=engine, outlet="Daily Courier")
        assert seen == [set()]
        pipeline.ingest_file(str(later), engine=engine, outlet="Evening Herald")
        with Session(engine) as session:
            aide = session.exec(select(Source).where(Source.name == "Petro Dubois")).one()
            assert aide.parent_id is not None
        assert seen[-1] == {aide.id}
        pipeline.ingest_file(str(first), engine=engine, outlet="Morning Post")
        assert seen[-1] == set()  # handed over once
        other = tmp_path / "other.txt"
        other.write_text("Gas\n\nMaria Lindqvist said on Monday that gas would flow.\n")
        pipeline.ingest_file(str(other), engine=engine, outlet="Daily Courier")
        batch = tmp_path / "batch"
        batch.mkdir()
        (batch / "a.txt").write_text("Gas\n\nKremlin aide Maria Lindqvist said gas would wait.\n")
        (batch / "b.txt").write_text("More gas\n\nOfficials said the pipeline was shut.\n")
        assert not pipeline.ingest_paths([str(batch)], engine=engine).failed
        with Session(engine) as session:
            second = session.exec(select(Source).where(Source.name == "Maria Lindqvist")).one()
        assert second.parent_id is not None and seen[-1] == {second.id}
    finally:
        engine.dispose()

"""Ingesting reports batch by batch leaves the ledger a full `xref` run would make of it.

Each batch is stored and cross-referenced the way `factcheck ingest` does it; a full run
over the result must then change nothing. The reports are written so that what only a
full run can settle (shared paragraphs with documents no new sentence points at, sources
that gain a parent from a later report) does not arise: see docs/xref.md, "Incremental
runs".
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session, select
from xref_ledger import snapshot

from factcheck import db as dbmod
from factcheck import pipeline
from factcheck.models import Document
from factcheck.pipeline import ingest_paths, read_and_extract
from factcheck.xref import copies, xref_all
from factcheck.xref.copies import Sketcher, document_sketch

COMMON = (
    "The UN monitoring mission said the convoy carrying medicine and blankets reached the "
    "frontline villages east of the river late on Thursday evening. Drivers waited for hours "
    "at a checkpoint while engineers cleared a damaged bridge, and two lorries turned back "
    "because their tyres could not cope with the broken road surface."
)

# (batch, name, outlet, published, text)
REPORTS = [
    # Two origins report the same two tolls, in opposite orders: each origin's series links
    # the two claims, one each way.
    (1, "a", "Daily Courier", "2024-11-08T08:00",
     "Strike on Poltava\n\nThe Poltava regional administration said 3 people were killed in "
     "Poltava. Rescuers searched the rubble of a shop through the morning."),
    (1, "b", "Evening Herald", "2024-11-08T09:00",
     "Poltava toll\n\nThe State Emergency Service said 6 people were killed in Poltava. A "
     "school nearby lost its windows."),
    (1, "c", "Morning Post", "2024-11-08T10:00",
     "Toll rises in Poltava\n\nThe Poltava regional administration said 6 people were killed "
     "in Poltava. Trams stopped running in the centre."),
    (1, "d", "City Tribune", "2024-11-08T11:00",
     "Poltava revises count\n\nThe State Emergency Service said 3 people were killed in "
     "Poltava. Volunteers brought water to the families."),
    # A sentence that a near-identical later one folds into, and a paraphrase close to the
    # later wording only.
    (1, "f", "Harbour Gazette", "2024-11-08T14:00",
     "Depot plans\n\nThe council said the old tram depot would reopen as a museum next spring "
     "after repairs. The building has stood empty since the last trams were retired."),
    (1, "g", "Valley Observer", "2024-11-08T15:00",
     "Museum for the depot\n\nThe culture department said the old tram depot is expected to "
     "reopen next spring as a museum after the repairs. A collector has offered two old cars."),
    # Two reports sharing a paragraph.
    (1, "x", "Coastal Courier", "2024-11-08T12:00",
     f"Convoy reaches villages\n\n{COMMON}\n\nIn the harbour town the ferry timetable was cut "
     "to two crossings a day, and fishermen said the fuel shortage kept most boats tied up "
     "along the old stone quay for the whole week."),
    (1, "y", "Riverside Chronicle", "2024-11-08T13:00",
     f"Aid arrives after delays\n\n{COMMON}\n\nFarther north, teachers reopened a village "
     "school in a church hall, borrowing desks from a closed library and heating the room "
     "with a stove donated by a carpentry workshop."),
    # Later: the next toll of one series, the near-identical sentence, and an earlier
    # publication of report x that becomes the first of its copies.
    (2, "e", "Daily Courier", "2024-11-09T08:00",
     "Poltava update\n\nThe Poltava regional administration said 5 people were killed in "
     "Poltava. Shops reopened on the main street."),
    (2, "h", "Metro Observer", "2024-11-09T09:00",
     "Depot to become museum\n\nThe council said the old tram depot would reopen as a museum "
     "next spring after the repairs. Residents asked for a cafe on the ground floor."),
    (2, "z", "Northern Herald", "2024-11-08T07:00",
     f"Convoy reaches frontline villages\n\n{COMMON}\n\nIn the harbour town the ferry "
     "timetable was cut to two crossings a day, and fishermen said the fuel shortage kept "
     "most boats tied up along the old stone quay for the whole week."),
]  # fmt: skip


@pytest.fixture
def engine(migrated_url: str):  # type: ignore[no-untyped-def]
    eng = dbmod.make_engine(migrated_url)
    yield eng
    eng.dispose()


def _write(folder: Path) -> dict[str, str]:
    """Each report as a JSON file (title, outlet, published, text); name -> path."""
    paths = {}
    for _, name, outlet, published, text in REPORTS:
        title, body = text.split("\n\n", 1)
        path = folder / f"{name}.json"
        path.write_text(
            json.dumps(
                {
                    "title": title,
                    "outlet": outlet,
                    "published": f"{published}:00+00:00",
                    "text": body,
                }
            ),
            encoding="utf-8",
        )
        paths[name] = str(path)
    return paths


def _ingest_and_settle(engine, folder: Path, batches: list[list[str]]):  # type: ignore[no-untyped-def]
    """Ingest the batches (one `ingest` call each, as the CLI runs it), snapshot, run a
    full `xref`, snapshot again."""
    paths = _write(folder)
    for batch in batches:
        summary = ingest_paths([paths[name] for name in batch], engine=engine)
        assert not summary.failed, summary.failed
    with Session(engine) as session:
        before = snapshot(session)
        xref_all(session=session)
        session.commit()
    with Session(engine) as session:
        return before, snapshot(session)


def _assert_settled(before: dict[str, Any], after: dict[str, Any]) -> None:
    for part in ("copies", "doc_links", "claims", "links", "figure_scopes"):
        assert before[part] == after[part], part
    # the near-identical sentence joined the first; the paraphrase stays apart, unlinked
    depot = [group for group in after["claims"] if any("tram" in doc[2] for doc, _ in group)]
    assert sorted(len(group) for group in depot) == [1, 2]
    assert not [link for link in after["links"] if set(link[0]) <= set(depot)]
    # both origins' series: 3 then 6 from one, 6 then 3 from the other
    whys = {why for _, kind, _, why, _ in after["links"] if kind == "updates"}
    assert {"killed in poltava: 3 then 6", "killed in poltava: 6 then 3"} <= whys
    shared = [link for link in after["doc_links"] if link[2] == "shared_paragraphs"]
    assert len(shared) == 1 and shared[0][1][0] == "Northern Herald"


def test_reports_ingested_one_at_a_time_need_no_full_run(engine, tmp_path):
    before, after = _ingest_and_settle(engine, tmp_path, [[r[1]] for r in REPORTS])
    _assert_settled(before, after)


def test_reports_ingested_in_two_batches_need_no_full_run(engine, tmp_path):
    batches = [[r[1] for r in REPORTS if r[0] == batch] for batch in (1, 2)]
    before, after = _ingest_and_settle(engine, tmp_path, batches)
    _assert_settled(before, after)


def test_batches_read_by_workers_pass_their_sketches_and_need_no_full_run(
    engine, tmp_path, monkeypatch
):
    """Read in worker processes (as a big batch is), each report comes with its documents'
    copy-detection sketches; cross-referencing uses them instead of reading the texts back,
    and finds what a full run does."""
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_FILES", 1)
    given: list[set[int]] = []
    detect_for = copies.detect_for

    def spy(new_ids, candidate_ids, **kwargs):  # type: ignore[no-untyped-def]
        given.append(set(kwargs.get("known") or {}))
        return detect_for(new_ids, candidate_ids, **kwargs)

    monkeypatch.setattr(copies, "detect_for", spy)
    batches = [[r[1] for r in REPORTS if r[0] == batch] for batch in (1, 2)]
    before, after = _ingest_and_settle(engine, tmp_path, batches)
    _assert_settled(before, after)
    assert [len(known) for known in given] == [len(batch) for batch in batches]


def test_a_sketch_made_from_the_draft_equals_one_made_from_the_stored_document(engine, tmp_path):
    path = tmp_path / "appeal.txt"
    path.write_text(
        f"Convoy reaches villages\n\n{COMMON}\n\nSupport independent journalism. Donate now to "
        "keep our reporting free for everyone.\n\nOfficials said the bridge would reopen on "
        "Monday.\n\nRelated Articles\n",
        encoding="utf-8",
    )
    path = str(path)
    report = read_and_extract(path)
    summary = ingest_paths([path], engine=engine)
    assert not summary.failed
    with Session(engine) as session:
        stored = session.exec(select(Document)).one()
    draft = report.documents[0][0]
    assert draft.skip, "the draft should have skipped spans for this test to mean anything"
    made = document_sketch(draft.text, draft.skip_text())
    assert made == Sketcher().sketch(stored.text, stored.skip).tobytes()
    assert len(made) > 8

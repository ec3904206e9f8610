"""Incremental cross-referencing (one document at a time, as ingest does) equals a full run."""

from __future__ import annotations

from collections.abc import Callable

from sqlmodel import Session, select
from xref_ledger import Ledger, World, report, snapshot, wipe

from factcheck.models import (
    Attribution,
    Document,
)
from factcheck.xref import xref_all, xref_documents


def _scenario(session: Session, after_each: Callable[[int], None]) -> None:
    L = Ledger(session)
    w = World(L)
    o = w.outlets

    def step(att: Attribution) -> None:
        after_each(att.document_id)

    nine = [(9, "injured", "exact", "Nine people")]
    first = report(
        L, "Nine people were injured in Kharkiv", chain=[w.kharkiv_admin], outlet=o[0], figures=nine
    )
    step(first)
    # The same article re-published by another outlet, with its own first line.
    text = session.get(Document, first.document_id).text
    doc = L.doc(
        f"{o[1].name} carries this report.\n\n{text}",
        outlet=o[1].name,
        published="2024-11-08T11:00:00",
    )
    step(
        L.say(
            doc, "Nine people were injured in Kharkiv", chain=[w.kharkiv_admin, o[1]], figures=nine
        )
    )
    step(report(L, "9 people were hurt in Kharkiv overnight", chain=[w.un], outlet=o[2],
                figures=[(9, "hurt", "exact", "9 people")]))  # fmt: skip
    step(report(L, "15 people were injured in Kharkiv", chain=[w.emergency], outlet=o[3],
                published="2024-11-09T09:00:00", figures=[(15, "injured", "exact", "15 people")]))  # fmt: skip
    # A running tally arriving out of order.
    for day, total in ((8, 705880), (10, 708200), (9, 706990)):
        step(report(L, f"Russia has lost {total:,} troops since the invasion began", chain=[w.general_staff],
                    outlet=o[day % 3], published=f"2024-11-{day:02d}T07:00:00",
                    figures=[(total, "troops", "exact", f"{total:,}")]))  # fmt: skip
    step(report(L, "25 people were injured in Odesa", chain=[w.odesa_admin], outlet=o[4],
                figures=[(25, "injured", "exact", "25 people")]))  # fmt: skip
    step(report(L, "34 people were injured in Odesa and Kherson", chain=[w.un], outlet=o[5],
                figures=[(34, "injured", "exact", "34 people")]))  # fmt: skip
    step(report(L, "Nine people were injured in Kherson", chain=[w.emergency], outlet=o[0],
                figures=[(9, "injured", "exact", "Nine people")]))  # fmt: skip
    step(
        report(
            L, "Russian forces struck a hospital in Kharkiv", chain=[w.kharkiv_admin], outlet=o[1]
        )
    )
    step(
        report(
            L,
            "its forces struck a hospital in Kharkiv",
            chain=[w.ru_mod],
            outlet=o[2],
            cue="denied that",
        )
    )
    # The first sentence again, from an independent origin: one claim, two origins.
    step(report(L, "Nine people were injured in Kharkiv", chain=[w.un], outlet=o[3], figures=nine))
    step(report(L, "Putin congratulated Trump on winning the US presidential election", chain=[w.kremlin],
                outlet=o[4]))  # fmt: skip
    step(report(L, "Putin warmly congratulated Trump on winning the US presidential election on Wednesday",
                chain=[w.peskov], outlet=o[5]))  # fmt: skip


def test_incremental_runs_equal_a_full_run(session):
    _scenario(session, lambda doc_id: xref_documents([doc_id], session=session))
    incremental = snapshot(session)
    wipe(session)
    _scenario(session, lambda doc_id: None)
    xref_all(session=session)
    full = snapshot(session)
    assert incremental["copies"] == full["copies"]
    assert incremental["doc_links"] == full["doc_links"]
    assert incremental["claims"] == full["claims"]
    assert incremental["links"] == full["links"]
    assert incremental["figure_scopes"] == full["figure_scopes"]
    kinds = {kind for _, kind, *_ in full["links"]}
    assert kinds == {"corroborates", "repeats", "contradicts", "updates"}


def test_incremental_run_after_a_full_run_changes_nothing_else(session):
    _scenario(session, lambda doc_id: None)
    xref_all(session=session)
    before = snapshot(session)
    last = session.exec(select(Document.id).order_by(Document.id.desc())).first()
    xref_documents([last], session=session)
    assert snapshot(session) == before

"""Independence (DESIGN §3): origins merged by organisation, by copying and by chains; copy detection."""

from __future__ import annotations

import pytest
from sqlmodel import select
from xref_ledger import Ledger, World, claim_of, flags, links_between, report

from factcheck.models import Document, DocumentLink
from factcheck.xref import copies, xref_all

TOLL = [(12, "killed", "exact", "12 people")]


@pytest.fixture
def L(session):
    return Ledger(session)


@pytest.fixture
def w(L):
    return World(L)


def _wire_story(L: Ledger, extra: str = "") -> str:
    body = [
        L.filler(3),
        "12 people were killed in Zaporizhzhia when a missile hit a warehouse, officials told Reuters.",
        L.filler(3),
    ]
    return "\n\n".join(body) + extra


def test_origins_in_one_organisation_are_one_origin(session, L, w):
    a = report(
        L,
        "12 people were killed in Dnipro",
        chain=[w.general_staff],
        outlet=w.outlets[0],
        figures=TOLL,
    )
    b = report(
        L,
        "12 people were killed in Dnipro overnight",
        chain=[w.air_force],
        outlet=w.outlets[1],
        figures=TOLL,
    )
    xref_all(session=session)
    ca, cb = claim_of(session, a), claim_of(session, b)
    assert set(links_between(session, ca, cb)) == {"repeats"}
    assert ca.independent_origins == 1 and "single_source" in flags(ca)


def test_five_republications_of_one_wire_story_are_one_origin(session, L, w):
    text = _wire_story(L)
    content = "12 people were killed in Zaporizhzhia when a missile hit a warehouse"
    atts = []
    for i, outlet in enumerate(w.outlets[:5]):
        # Each outlet adds its own line and some trim the last sentence: near-duplicates.
        own = f"{outlet.name} brings you this report from its partners.\n\n"
        doc_text = own + (text if i % 2 == 0 else text.rsplit(".", 2)[0] + ".")
        doc = L.doc(doc_text, outlet=outlet.name, published=f"2024-11-08T0{i + 1}:00:00")
        atts.append(L.say(doc, content, chain=[w.officials, w.reuters, outlet], figures=TOLL))
    stats = xref_all(session=session)
    docs = session.exec(select(Document).order_by(Document.id)).all()
    first = docs[0]
    assert first.copy_of_id is None
    assert all(d.copy_of_id == first.id for d in docs[1:])
    links = session.exec(select(DocumentLink).where(DocumentLink.kind == "copy")).all()
    assert {(x.document_id, x.other_id) for x in links} == {(d.id, first.id) for d in docs[1:]}
    assert stats.copies == 4
    claim = claim_of(session, atts[0])
    assert {claim_of(session, a).id for a in atts} == {claim.id}
    assert claim.documents == 5 and claim.independent_origins == 1
    assert {"single_source", "anonymous_only"} <= flags(claim)


def test_a_copy_that_names_another_origin_adds_no_origin(session, L, w):
    text = _wire_story(L)
    content = "12 people were killed in Zaporizhzhia when a missile hit a warehouse"
    d1 = L.doc(text, outlet=w.outlets[0].name)
    d2 = L.doc(
        text.replace("officials told Reuters", "the UN mission said"), outlet=w.outlets[1].name
    )
    L.say(d1, content, chain=[w.kharkiv_admin, w.outlets[0]], figures=TOLL)
    b = L.say(d2, content, chain=[w.un, w.outlets[1]], figures=TOLL)
    xref_all(session=session)
    session.expire_all()
    assert session.get(Document, d2.id).copy_of_id == d1.id
    assert claim_of(session, b).independent_origins == 1


def test_a_chain_through_the_other_origin_is_not_independent(session, L, w):
    a = report(L, "12 people were killed in Dnipro", chain=[w.officials, w.kyiv_independent],
               outlet=w.outlets[0], figures=TOLL)  # fmt: skip
    b = report(L, "Twelve people were killed in Dnipro on Friday", chain=[], outlet=w.kyiv_independent,
               kind="unattributed", figures=[(12, "killed", "exact", "Twelve people")])  # fmt: skip
    xref_all(session=session)
    ca, cb = claim_of(session, a), claim_of(session, b)
    assert set(links_between(session, ca, cb)) == {"repeats"}
    assert "unattributed" in flags(cb)


def test_anonymous_groups_are_one_origin_per_relay(session, L, w):
    fig = [(3, "killed", "exact", "Three soldiers")]
    a = report(L, "Three soldiers were killed in Kupiansk", chain=[w.sources, w.reuters], outlet=w.outlets[0],
               figures=fig)  # fmt: skip
    b = report(L, "Three soldiers died in Kupiansk, a report said", chain=[w.sources, w.reuters],
               outlet=w.outlets[1], figures=fig)  # fmt: skip
    c = report(L, "Three servicemen were killed in Kupiansk on Sunday", chain=[w.sources, w.ap],
               outlet=w.outlets[2], figures=fig)  # fmt: skip
    xref_all(session=session)
    ca, cb, cc = (claim_of(session, x) for x in (a, b, c))
    assert set(links_between(session, ca, cb)) == {"repeats"}
    assert set(links_between(session, ca, cc)) == {"corroborates"}
    assert ca.independent_origins == 2
    assert "anonymous_only" in flags(ca) and "single_source" not in flags(ca)


def test_shared_paragraphs_link_documents_that_are_not_copies(session, L, w):
    shared = (
        "Air raid sirens sounded across the eastern region for three hours on Tuesday night while "
        "emergency crews moved residents of two villages to shelters near the river crossing."
    )
    d1 = L.doc("\n\n".join([L.filler(4), shared, L.filler(4)]), outlet=w.outlets[0].name)
    d2 = L.doc("\n\n".join([L.filler(5), shared, L.filler(3)]), outlet=w.outlets[1].name)
    d3 = L.doc("\n\n".join([L.filler(4), shared, L.filler(4)]), outlet=w.outlets[1].name)
    xref_all(session=session)
    rows = session.exec(select(DocumentLink)).all()
    assert {(r.document_id, r.other_id, r.kind) for r in rows} == {
        (d2.id, d1.id, "shared_paragraphs"),
        (d3.id, d1.id, "shared_paragraphs"),
    }  # d2 and d3 come from one outlet: what it repeats is its own furniture
    session.expire_all()
    assert all(session.get(Document, d.id).copy_of_id is None for d in (d1, d2, d3))


def test_the_store_s_same_file_copies_are_kept(session, L, w):
    text = _wire_story(L)
    d1 = L.doc(text, outlet=w.outlets[0].name, path="page.txt")
    # The store decided this is the same article pasted again (a heavy rewrite, yet one file).
    d2 = L.doc(L.filler(4), outlet=w.outlets[1].name, path="page.txt", copy_of=d1)
    xref_all(session=session)
    xref_all(session=session)
    session.expire_all()
    assert session.get(Document, d2.id).copy_of_id == d1.id
    link = session.exec(select(DocumentLink).where(DocumentLink.document_id == d2.id)).one()
    assert (link.other_id, link.kind, link.method) == (d1.id, "copy", "extracted")


def test_copy_candidates_come_from_blocks_not_all_pairs(session, L, w, monkeypatch):
    for i in range(60):
        L.doc(L.filler(5), outlet=w.outlets[i % 6].name)
    text = _wire_story(L)
    L.doc(text, outlet=w.outlets[0].name)
    L.doc(text, outlet=w.outlets[1].name)
    calls = []
    real = copies.classify

    def counting(a, b, *, same_outlet):
        calls.append(1)
        return real(a, b, same_outlet=same_outlet)

    monkeypatch.setattr(copies, "classify", counting)
    stats = xref_all(session=session)
    assert stats.copies == 1
    assert len(calls) < 62 * 61 // 2 // 10  # far fewer comparisons than pairs


def test_sketches_are_stable_across_processes():
    import subprocess
    import sys

    code = "from factcheck.xref.copies import Sketcher; print(list(Sketcher().sketch('one two three four five six seven eight nine ten eleven twelve')))"
    runs = {
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout
        for _ in range(2)
    }
    assert len(runs) == 1


def test_the_second_process_gives_the_same_result(session, L, w, monkeypatch):
    from factcheck import parallel

    text = _wire_story(L)
    for i, outlet in enumerate(w.outlets[:4]):
        doc = L.doc(
            f"{outlet.name} reports.\n\n{text}",
            outlet=outlet.name,
            published=f"2024-11-08T0{i + 1}:00:00",
        )
        L.say(doc, "12 people were killed in Zaporizhzhia when a missile hit a warehouse",
              chain=[w.officials, w.reuters, outlet], figures=TOLL)  # fmt: skip
    report(
        L, "12 people were killed in Zaporizhzhia", chain=[w.un], outlet=w.outlets[5], figures=TOLL
    )
    for i in range(10):
        L.doc(L.filler(3), outlet=w.outlets[i % 6].name)

    def snapshot():
        session.expire_all()
        docs = sorted((d.id, d.copy_of_id) for d in session.exec(select(Document)).all())
        links = sorted(
            (x.document_id, x.other_id, x.kind) for x in session.exec(select(DocumentLink)).all()
        )
        from factcheck.models import Claim, ClaimLink

        claims = sorted(
            (c.id, c.flags, c.independent_origins, c.documents)
            for c in session.exec(select(Claim)).all()
        )
        claim_links = sorted(
            (x.claim_id, x.other_id, x.kind) for x in session.exec(select(ClaimLink)).all()
        )
        return docs, links, claims, claim_links

    xref_all(session=session)
    serial = snapshot()
    monkeypatch.setattr(parallel, "PARALLEL_MIN_ITEMS", 1)
    monkeypatch.setattr(parallel, "BATCH", 1)
    assert parallel.worthwhile(10)
    forked = []
    real = parallel.map_batches

    def recording(func, batches, *, parallel, local_every=2):  # type: ignore[no-untyped-def]
        batches = list(batches)
        forked.append(parallel and len(batches) > 1)  # batch 1 goes to the worker
        return real(func, batches, parallel=parallel, local_every=local_every)

    monkeypatch.setattr(parallel, "map_batches", recording)
    xref_all(session=session)
    assert snapshot() == serial
    assert forked == [True, True]  # sketches and claim texts both went half to a worker

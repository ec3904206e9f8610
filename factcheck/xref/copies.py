"""Copy detection: the same wire story under several outlets, an article pasted twice,
paragraphs shared by otherwise different reports.

Each document gets a *sketch*: the hashes of its 5-word shingles, keeping only
those that start with an "anchor" word (one word in four, by a stable hash of
the word: content-defined sampling, so the same text always keeps the same
shingles). The sampled sets estimate
resemblance (Jaccard) and containment without storing every shingle.

Candidates come from an inverted index of sampled hashes, never from all
pairs: a document meets the documents that share at least three of its
``RARE_SAMPLES`` rarest shared samples (a hash carried by more than
``MAX_POSTING`` documents is page furniture or a stock phrase and opens
nothing; one or two shared samples are usually a formula around a recurring name). Each
candidate pair is then compared on its whole sketches:

- **copy** when resemblance ≥ ``COPY_RESEMBLANCE``, or when one contains the
  other almost entirely (≥ ``COPY_CONTAINMENT``) and is at least half its size
  (a wire story with an outlet's own header and footer around it);
- **shared_paragraphs** when they share at least ``SHARED_MIN_SAMPLES`` samples
  (about a paragraph) and come from different outlets (an outlet repeats its
  own furniture; that is not copying).

Copies form clusters (union of copy pairs, identical fingerprints, and copy
links a person or the store recorded); every other member points at the
earliest published one through ``Document.copy_of_id`` and a ``copy``
DocumentLink. Shared paragraphs link the earliest documents of two clusters.
"""

from __future__ import annotations

import re
import string
import zlib
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from itertools import compress
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlmodel import Session

from factcheck import parallel
from factcheck.db import executemany, in_chunks, one_of
from factcheck.models import Document, DocumentLink
from factcheck.unionfind import UnionFind
from factcheck.xref.data import delete_where_in, stamp

SHINGLE_WORDS = 5
SAMPLE_MASK = 3  # anchor words have ids with the low two bits zero: one word in four
MAX_POSTING = 200
RARE_SAMPLES = 8  # samples per document that open candidate pairs
COPY_RESEMBLANCE = 0.5
COPY_CONTAINMENT = 0.85
COPY_SIZE_RATIO = 0.5
SHARED_MIN_SAMPLES = 5
FIXED_METHODS = ("manual", "extracted")  # copy links xref never removes

# Punctuation becomes a space (one regex pass: str.translate with a table of this
# size looks every character up in a dict).
_PUNCTUATION = re.compile(
    "["
    + re.escape(string.punctuation + "\u2018\u2019\u201c\u201d\u00ab\u00bb\u2014\u2013\u2026")
    + "]"
)


class _WordIds(dict):  # type: ignore[type-arg]
    """Word -> stable id (crc32), filled on first sight; emptied when it holds
    ``MAX_WORDS`` words (a long batch meets ever more names), as ids are recomputed alike."""

    MAX_WORDS = 500_000

    def __missing__(self, word: str) -> int:
        if len(self) >= self.MAX_WORDS:
            self.clear()
        value = self[word] = zlib.crc32(word.encode()) | (1 << 32)
        return value


class Sketcher:
    """Sampled shingle hashes of texts; word ids are stable (crc32), so sketches are too."""

    def __init__(self) -> None:
        self._ids = _WordIds()

    def sketch(self, text: str, skip: str = "") -> array:
        """Sorted sampled shingle hashes of `text` without its skipped spans."""
        if skip:
            text = _without_spans(text, skip)
        ids = list(map(self._ids.__getitem__, _PUNCTUATION.sub(" ", text.lower()).split()))
        if not ids:
            return array("q")
        if len(ids) < SHINGLE_WORDS:
            return array("q", [hash(tuple(ids))])
        # Keep the shingles that start with an anchor word (id with the low bits zero):
        # a content-defined sample, so the same text always keeps the same shingles.
        # Hashing a tuple of ints is deterministic across processes (unlike str hashes).
        anchors = [not i & SAMPLE_MASK for i in ids]
        grams = zip(ids, ids[1:], ids[2:], ids[3:], ids[4:], strict=False)
        return array("q", sorted(set(map(hash, compress(grams, anchors)))))


def _without_spans(text: str, skip: str) -> str:
    pieces = []
    pos = 0
    for part in skip.split(","):
        a, _, b = part.partition("-")
        if not a or not b:
            continue
        start, end = int(a), int(b)
        if start > pos:
            pieces.append(text[pos:start])
        pos = max(pos, end)
    pieces.append(text[pos:])
    return "\n".join(pieces)


_DEFAULT_SKETCHER = Sketcher()  # for sketches made as documents are read


def document_sketch(text: str, skip: str = "") -> bytes:
    """A document's sketch as ``detect_for(known=…)`` takes it: `text` and `skip` as stored
    (``Document.text``, ``Document.skip``). Word ids are stable, so any process may make it."""
    return _DEFAULT_SKETCHER.sketch(text, skip).tobytes()


@dataclass(slots=True)
class DocInfo:
    id: int
    outlet_key: str
    published: datetime | None
    fingerprint: str
    copy_of_id: int | None
    source_path: str | None

    @property
    def order(self) -> tuple[int, float, int]:
        """Sort key: earliest published first, undated last, then by id."""
        if self.published is None:
            return (1, 0.0, self.id)
        return (0, stamp(self.published), self.id)


_DOC_COLUMNS = (
    Document.id,
    Document.outlet_key,
    Document.published,
    Document.fingerprint,
    Document.copy_of_id,
    Document.source_path,
)


def compare(a: array, b: array) -> tuple[int, float, float]:
    """(shared samples, resemblance, containment) of two sketches."""
    if not a or not b:
        return 0, 0.0, 0.0
    shared = len(set(a).intersection(b))
    return shared, shared / (len(a) + len(b) - shared), shared / min(len(a), len(b))


def classify(a: array, b: array, *, same_outlet: bool) -> tuple[str, float] | None:
    """ "copy", "shared_paragraphs" or None for two sketches, with a score."""
    shared, resemblance, contained = compare(a, b)
    if shared == 0:
        return None
    small, large = sorted((len(a), len(b)))
    if resemblance >= COPY_RESEMBLANCE and (shared >= 2 or large == 1):
        return "copy", round(resemblance, 4)
    if contained >= COPY_CONTAINMENT and small >= COPY_SIZE_RATIO * large and shared >= 2:
        return "copy", round(contained, 4)
    if shared >= SHARED_MIN_SAMPLES and not same_outlet:
        return "shared_paragraphs", round(contained, 4)
    return None


def _same_outlet(a: DocInfo, b: DocInfo) -> bool:
    return bool(a.outlet_key) and a.outlet_key == b.outlet_key


@dataclass
class CopyGraph:
    """Copy clusters and links over a set of documents."""

    docs: dict[int, DocInfo] = field(default_factory=dict)
    scores: dict[tuple[int, int], float] = field(default_factory=dict)  # copy pair -> score
    shared: dict[tuple[int, int], float] = field(default_factory=dict)  # doc pair -> score
    # stored shared-paragraph links an incremental run replaces (ids): those of clusters
    # whose earliest document changed, and those it found again
    replaced: set[int] = field(default_factory=set)
    # A cluster's root is its earliest document, so copy_of_id can point straight at it.
    clusters: UnionFind[int] = field(init=False)

    def __post_init__(self) -> None:
        self.clusters = UnionFind(before=lambda d: self.docs[d].order)

    def find(self, x: int) -> int:
        return self.clusters.find(x)

    def union(self, a: int, b: int) -> None:
        self.clusters.union(a, b)

    def root(self, doc_id: int) -> int:
        return self.clusters.find(doc_id) if doc_id in self.clusters else doc_id


def fixed_copy_edges(
    *, session: Session, doc_ids: Iterable[int] | None = None
) -> list[tuple[int, int]]:
    """Copy links recorded by a person or by the store; `doc_ids` limits them to those documents."""
    stmt = select(DocumentLink.document_id, DocumentLink.other_id).where(
        DocumentLink.kind == "copy",
        DocumentLink.method.in_(FIXED_METHODS),  # type: ignore[attr-defined]
    )
    if doc_ids is not None:
        ids = set(doc_ids)
        stmt = stmt.where(
            one_of(session, DocumentLink.document_id, ids)
            | one_of(session, DocumentLink.other_id, ids)
        )
    return [tuple(r) for r in session.connection().execute(stmt).all()]  # type: ignore[misc]


def record_store_copies(docs: Iterable[DocInfo], *, session: Session) -> None:
    """Turn the store's same-file copy_of_id into fixed `extracted` copy links (kept for good)."""
    pairs = [
        (d.id, d.copy_of_id)
        for d in docs
        if d.copy_of_id is not None and d.source_path is not None and d.copy_of_id != d.id
    ]
    if not pairs:
        return
    by_id = {d.id: d for d in docs}
    known = set(fixed_copy_edges(session=session, doc_ids=[p for pair in pairs for p in pair]))
    rows = []
    for doc_id, other in pairs:
        other_doc = by_id.get(other)
        if other_doc is None:
            row = (
                session.connection()
                .execute(select(Document.source_path).where(Document.id == other))
                .first()
            )
            same_file = row is not None and row[0] == by_id[doc_id].source_path
        else:
            same_file = other_doc.source_path == by_id[doc_id].source_path
        if same_file and (doc_id, other) not in known and (other, doc_id) not in known:
            rows.append(
                {
                    "document_id": doc_id,
                    "other_id": other,
                    "kind": "copy",
                    "score": 1.0,
                    "method": "extracted",
                }
            )
    if rows:
        session.connection().execute(
            delete(DocumentLink)
            .where(one_of(session, DocumentLink.document_id, [r["document_id"] for r in rows]))
            .where(DocumentLink.method.not_in(FIXED_METHODS))  # type: ignore[attr-defined]
        )
        session.connection().execute(insert(DocumentLink), rows)


def detect_all(*, session: Session, sketcher: Sketcher | None = None) -> CopyGraph:
    """Copy clusters and shared paragraphs over the whole corpus, from an index of samples."""
    sketcher = sketcher or Sketcher()
    graph = CopyGraph()
    sketches: dict[int, array] = {}
    df: Counter[int] = Counter()
    by_fingerprint: dict[str, int] = {}
    conn = session.connection()
    total = conn.execute(select(func.count()).select_from(Document)).scalar_one()
    stmt = select(*_DOC_COLUMNS, Document.skip, Document.text).order_by(Document.id)
    rows = conn.execute(stmt, execution_options={"yield_per": parallel.BATCH})
    global _SKETCHER
    _SKETCHER = sketcher
    for batch in parallel.map_batches(
        _sketch_batch,
        in_chunks(rows, parallel.BATCH),
        parallel=parallel.worthwhile(total),
        local_every=3,
    ):
        for info_row, raw in batch:
            info = DocInfo(*info_row)
            graph.docs[info.id] = info
            sk = sketches[info.id] = array("q")
            sk.frombytes(raw)
            df.update(sk)
            first = by_fingerprint.setdefault(info.fingerprint, info.id)
            if first != info.id:
                graph.union(first, info.id)
    record_store_copies(list(graph.docs.values()), session=session)
    for a, b in fixed_copy_edges(session=session):
        if a in graph.docs and b in graph.docs:
            graph.union(a, b)
    pairs = indexed_pairs(sketches, df)
    del df
    _classify_pairs(graph, sketches, pairs)
    _finish(graph, sketches)
    return graph


def indexed_pairs(
    sketches: dict[int, array], df: Counter[int], *, involving: set[int] | None = None
) -> list[tuple[int, int]]:
    """Candidate pairs from an inverted index of samples (`df`: documents per sample).

    Each document's rarest shared samples find its copies and shared paragraphs;
    stock phrases (samples in more than MAX_POSTING documents) open no pair. With
    `involving`, only pairs with at least one of those documents are returned.
    """
    rare: dict[int, list[int]] = {}
    postings: dict[int, list[int]] = defaultdict(list)
    count = df.__getitem__
    for doc_id, sk in sketches.items():
        shared = [h for h in sk if 1 < count(h) <= MAX_POSTING]
        if not shared:
            continue
        shared.sort(key=count)
        for h in shared:
            postings[h].append(doc_id)
        rare[doc_id] = shared[:RARE_SAMPLES]
    pairs: set[tuple[int, int]] = set()
    for doc_id, hashes in rare.items():
        # A candidate shares at least three of these rare samples (fewer only for tiny
        # texts): one or two are usually a formula ("... regional administration said")
        # around a recurring name, and a copy or a shared paragraph shares many.
        hits = Counter(other for h in hashes for other in postings[h])
        need = min(3, max(1, len(sketches[doc_id]) // 2))
        for other, n in hits.items():
            if n < need or other == doc_id:
                continue
            if involving is not None and doc_id not in involving and other not in involving:
                continue
            pairs.add((doc_id, other) if doc_id < other else (other, doc_id))
    return sorted(pairs)


_SKETCHER: Sketcher | None = None  # the sketcher a forked worker inherits


def _sketch_batch(rows: list[Any]) -> list[tuple[tuple[Any, ...], bytes]]:
    """Sketches of a batch of document rows (runs in this process or a forked worker)."""
    sketcher = _SKETCHER or Sketcher()
    return [(tuple(r[:6]), sketcher.sketch(r[7], r[6]).tobytes()) for r in rows]


def _classify_pairs(
    graph: CopyGraph, sketches: dict[int, array], pairs: Iterable[tuple[int, int]]
) -> None:
    for a, b in pairs:
        if a == b or (graph.root(a) == graph.root(b) and a in graph.clusters):
            continue  # already known copies: nothing to learn from comparing them
        verdict = classify(
            sketches[a], sketches[b], same_outlet=_same_outlet(graph.docs[a], graph.docs[b])
        )
        if verdict is None:
            continue
        kind, score = verdict
        key = (min(a, b), max(a, b))
        if kind == "copy":
            graph.union(a, b)
            graph.scores[key] = score
        else:
            graph.shared[key] = score


def _finish(graph: CopyGraph, sketches: dict[int, array]) -> None:
    """Copy scores against each cluster's root; shared paragraphs between cluster roots."""
    for doc_id in list(graph.clusters):
        root = graph.find(doc_id)
        if root != doc_id:
            key = (min(doc_id, root), max(doc_id, root))
            if key not in graph.scores:
                _, resemblance, _ = compare(
                    sketches.get(doc_id, array("q")), sketches.get(root, array("q"))
                )
                graph.scores[key] = round(resemblance, 4)
    shared: dict[tuple[int, int], float] = {}
    for (a, b), score in graph.shared.items():
        ra, rb = graph.root(a), graph.root(b)
        if ra == rb:
            continue
        key = (ra, rb) if graph.docs[ra].order > graph.docs[rb].order else (rb, ra)
        shared[key] = max(score, shared.get(key, 0.0))
    graph.shared = shared


def write_links(graph: CopyGraph, *, session: Session, doc_ids: Iterable[int] | None = None) -> int:
    """Store copy_of_id and automatic DocumentLinks.

    `doc_ids` None rewrites every document's links; otherwise the copy links of
    `doc_ids` are replaced, and the graph's shared-paragraph links replace the
    stored ones it read (``graph.replaced``).
    """
    ids = set(graph.docs) if doc_ids is None else set(doc_ids)
    fixed = set(fixed_copy_edges(session=session, doc_ids=None if doc_ids is None else ids))
    fixed |= {(b, a) for a, b in fixed}
    auto = DocumentLink.method.not_in(FIXED_METHODS)  # type: ignore[attr-defined]
    if doc_ids is None:
        session.connection().execute(delete(DocumentLink).where(auto))
    else:
        session.connection().execute(
            delete(DocumentLink).where(
                auto, DocumentLink.kind == "copy", one_of(session, DocumentLink.document_id, ids)
            )
        )
        delete_where_in(session, "documentlink", "id", graph.replaced)
    rows = []
    changes = []
    for doc_id in sorted(ids):
        info = graph.docs.get(doc_id)
        if info is None:
            continue
        root = graph.root(doc_id)
        target = None if root == doc_id else root
        if info.copy_of_id != target:
            changes.append({"b_id": doc_id, "b_copy": target})
            info.copy_of_id = target
        if target is not None and (doc_id, root) not in fixed:
            score = graph.scores.get((min(doc_id, root), max(doc_id, root)), 1.0)
            rows.append(
                {
                    "document_id": doc_id,
                    "other_id": root,
                    "kind": "copy",
                    "score": score,
                    "method": "fuzzy",
                }
            )
    for (later, earlier), score in graph.shared.items():
        rows.append(
            {
                "document_id": later,
                "other_id": earlier,
                "kind": "shared_paragraphs",
                "score": score,
                "method": "fuzzy",
            }
        )
    executemany(
        session,
        "UPDATE document SET copy_of_id = ? WHERE id = ?",
        [(c["b_copy"], c["b_id"]) for c in changes],
    )
    executemany(
        session,
        "INSERT INTO documentlink (document_id, other_id, kind, score, method) VALUES (?, ?, ?, ?, ?)",
        [(r["document_id"], r["other_id"], r["kind"], r["score"], r["method"]) for r in rows],
    )
    return len(rows)


def detect_for(
    new_ids: Iterable[int],
    candidate_ids: Iterable[int],
    *,
    session: Session,
    sketcher: Sketcher | None = None,
    known: Mapping[int, bytes] | None = None,
) -> tuple[CopyGraph, set[int]]:
    """Copy clusters after adding `new_ids`, comparing them with `candidate_ids` only.

    Pairs are opened by the same index of rare samples as in a full run (over the
    documents read here), so a batch finds what a full run over the same documents
    would. Returns the graph over every document involved and the ids whose cluster
    changed (the new documents and members of clusters that merged or got a new
    earliest document). `known` are sketches already made (``document_sketch`` of a
    document's stored text and skipped spans, by id): ingest makes them where it reads.
    """
    sketcher = sketcher or Sketcher()
    known = known or {}
    new = sorted(set(new_ids))
    cands = sorted(set(candidate_ids) - set(new))
    graph = CopyGraph()
    sketches: dict[int, array] = {}
    wanted = new + cands
    # Texts are read only for the documents without a sketch; all in id order, as the
    # pairs below are opened in the order of `sketches`.
    made = _sketch_stored([d for d in wanted if d not in known], sketcher, session=session)
    stmt = select(*_DOC_COLUMNS).where(one_of(session, Document.id, wanted)).order_by(Document.id)
    for row in session.connection().execute(stmt):
        info = DocInfo(*row)
        graph.docs[info.id] = info
        sketches[info.id] = array("q", known[info.id]) if info.id in known else made[info.id]
    # Bring in the current clusters of the candidates: their roots and members.
    roots = {d.copy_of_id or d.id for d in graph.docs.values() if d.id not in new}
    members = _cluster_members(roots, session=session)
    _add_docs(graph, (set(members) | roots) - set(graph.docs), session=session)
    before = {d: graph.docs[d].copy_of_id or d for d in graph.docs if d not in new}
    for d in before:
        if before[d] in graph.docs:
            graph.union(d, before[d])
    record_store_copies([graph.docs[i] for i in new], session=session)
    edges = fixed_copy_edges(session=session, doc_ids=new)
    _add_docs(graph, {x for edge in edges for x in edge} - set(graph.docs), session=session)
    for a, b in edges:
        if a in graph.docs and b in graph.docs:
            graph.union(a, b)
    fp = defaultdict(list)
    for d in graph.docs.values():
        fp[d.fingerprint].append(d.id)
    for ids in fp.values():
        for other in ids[1:]:
            graph.union(ids[0], other)
    df: Counter[int] = Counter()
    for sk in sketches.values():
        df.update(sk)
    _classify_pairs(graph, sketches, indexed_pairs(sketches, df, involving=set(new)))
    changed = set(new)
    for d, old_root in before.items():
        if graph.root(d) != old_root:
            changed.add(d)
    # Copy scores are against each cluster's root: sketch the documents whose root changed.
    unsketched = [d for d in changed | {graph.root(d) for d in changed} if d not in sketches]
    sketches.update(_sketch_stored(unsketched, sketcher, session=session))
    _finish(graph, sketches)
    _carry_shared(graph, changed, session=session)
    return graph, changed


def _sketch_stored(ids: list[int], sketcher: Sketcher, *, session: Session) -> dict[int, array]:
    """Sketches of stored documents, from their texts and skipped spans (by id)."""
    if not ids:
        return {}
    stmt = select(Document.id, Document.text, Document.skip).where(
        one_of(session, Document.id, ids)
    )
    return {
        doc_id: sketcher.sketch(text, skip)
        for doc_id, text, skip in session.connection().execute(stmt)
    }


def _add_docs(graph: CopyGraph, ids: Iterable[int], *, session: Session) -> None:
    """Document rows the graph needs without their texts (cluster members, link ends)."""
    ids = sorted(ids)
    if ids:
        stmt = select(*_DOC_COLUMNS).where(one_of(session, Document.id, ids))
        for row in session.connection().execute(stmt):
            graph.docs[row[0]] = DocInfo(*row)


def _carry_shared(graph: CopyGraph, changed: set[int], *, session: Session) -> None:
    """Merge the stored shared-paragraph links into the new ones, as a full run would have
    them: between the clusters' earliest documents now (a cluster that got a new earliest
    document takes its links along; two clusters that became one lose theirs), the best
    score of each pair kept. The stored links read are replaced (``graph.replaced``)."""
    ends = changed | {x for pair in graph.shared for x in pair}
    if not ends:
        return
    conn = session.connection()
    rows = conn.execute(
        select(
            DocumentLink.id, DocumentLink.document_id, DocumentLink.other_id, DocumentLink.score
        ).where(
            DocumentLink.kind == "shared_paragraphs",
            DocumentLink.method.not_in(FIXED_METHODS),  # type: ignore[attr-defined]
            one_of(conn, DocumentLink.document_id, ends)
            | one_of(conn, DocumentLink.other_id, ends),
        )
    ).all()
    found = set(graph.shared)
    stored = []
    for link_id, a, b, score in rows:
        if a in changed or b in changed or (a, b) in found or (b, a) in found:
            stored.append((link_id, a, b, score))
    _add_docs(
        graph, {x for _, a, b, _ in stored for x in (a, b)} - set(graph.docs), session=session
    )
    for link_id, a, b, score in stored:
        graph.replaced.add(link_id)
        ra, rb = graph.root(a), graph.root(b)
        if ra == rb or ra not in graph.docs or rb not in graph.docs:
            continue
        key = (ra, rb) if graph.docs[ra].order > graph.docs[rb].order else (rb, ra)
        graph.shared[key] = max(score or 0.0, graph.shared.get(key, 0.0))


def _cluster_members(roots: Iterable[int], *, session: Session) -> list[int]:
    stmt = select(Document.id).where(one_of(session, Document.copy_of_id, roots))
    return list(session.connection().execute(stmt).scalars().all())

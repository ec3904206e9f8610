"""The ingest pipeline: read → split → extract → resolve sources → store → cross-reference.

A single file is one transaction; a batch stores its files in short transactions
with a savepoint per file. Either way a file that fails leaves the database as it
was before that file.
"""

from __future__ import annotations

import functools
import gc
import os
import stat
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import BinaryIO

from sqlalchemy.engine import Engine
from sqlmodel import Session

from factcheck.db import begin_writing, savepoint, session_scope
from factcheck.errors import FactcheckError
from factcheck.extraction import ExtractedAttribution, extract
from factcheck.parallel import WorkerLost, ordered_map, worthwhile_fork
from factcheck.reading import (
    DocumentDraft,
    RawReport,
    fingerprint,
    iter_paths,
    load_report,
    split_report,
)
from factcheck.sources.gazetteer import gazetteer
from factcheck.sources.resolve import SourceCache, SourceGuesses, guess_sources
from factcheck.store import StoreResult, find_document, store_document
from factcheck.xref import XrefStats, xref_documents
from factcheck.xref.copies import document_sketch

PARALLEL_MIN_FILES = 32  # below this, forking a worker costs more than it saves
GROUP_SECONDS = 0.5  # a batch commits at least this often
GROUP_FILES = 200  # and at least every this many files
# files up to this size are read in the storing process too when the workers fall behind
LOCAL_READ_MAX_BYTES = 64 * 1024


@dataclass
class ReportExtraction:
    """A read report with the attributions found in each of its documents."""

    raw: RawReport
    documents: list[tuple[DocumentDraft, list[ExtractedAttribution]]]
    fingerprints: list[str] | None = None  # of each document's text, once computed
    guesses: list[list[SourceGuesses]] | None = None  # per document, per attribution
    sketches: list[bytes] | None = None  # per document, for copy detection

    def fingerprint_all(self) -> list[str]:
        if self.fingerprints is None:
            self.fingerprints = [fingerprint(draft.text) for draft, _ in self.documents]
        return self.fingerprints

    def prepare(self) -> None:
        """Do the storing and cross-referencing stages' pure text work now (where reading
        runs in a worker): fingerprints, what each speaker and chain hop is guessed to be,
        and the documents' sketches for copy detection."""
        self.fingerprint_all()
        if self.sketches is None:
            self.sketches = [
                document_sketch(draft.text, draft.skip_text()) for draft, _ in self.documents
            ]
        if self.guesses is None:
            self.guesses = [
                [guess_sources(found) for found in attributions]
                for _, attributions in self.documents
            ]


@dataclass
class IngestOutcome:
    path: str
    result: StoreResult | None = None
    error: str | None = None


@dataclass
class IngestSummary:
    outcomes: list[IngestOutcome] = field(default_factory=list)
    xref: XrefStats | None = None

    @property
    def failed(self) -> list[IngestOutcome]:
        return [o for o in self.outcomes if o.error]

    def totals(self) -> dict[str, int]:
        ok = [o.result for o in self.outcomes if o.result is not None]
        return {
            "files": len(self.outcomes),
            "failed": len(self.failed),
            "documents": sum(len(r.documents) for r in ok),
            "skipped": sum(r.skipped for r in ok),
            "attributions": sum(r.attributions for r in ok),
        }


def read_and_extract(
    path: str,
    *,
    format: str = "auto",
    outlet: str | None = None,
    url: str | None = None,
    published: datetime | None = None,
    stdin: BinaryIO | None = None,
    absolute: bool = False,
) -> ReportExtraction:
    """Read one report and extract attributions per document, storing nothing.

    Offsets are relative to each document's text, or to the whole file's text
    when ``absolute`` is true (as `factcheck extract` reports them).
    """
    raw = load_report(path, format=format, stdin=stdin)
    drafts = split_report(raw, outlet=outlet, url=url, published=published)
    documents = []
    for draft in drafts:
        found = extract(
            draft.text,
            published=draft.published,
            outlet=draft.outlet,
            skip=draft.skip,
            base=draft.start if absolute else 0,
        )
        documents.append((draft, found))
    return ReportExtraction(raw=raw, documents=documents)


def ingest_file(
    path: str,
    *,
    engine: Engine,
    format: str = "auto",
    outlet: str | None = None,
    url: str | None = None,
    published: datetime | None = None,
    stdin: BinaryIO | None = None,
    cross_reference: bool = True,
    sources: SourceCache | None = None,
) -> StoreResult:
    """Ingest one report in one transaction; re-ingesting the same report adds nothing.

    With ``cross_reference`` the new documents are cross-referenced in the
    same transaction. A caller storing several files this way may pass them one
    ``sources`` cache (``ingest_paths`` has its own batch transactions).
    """
    report = read_and_extract(
        path, format=format, outlet=outlet, url=url, published=published, stdin=stdin
    )
    return store_report(
        report, path=path, engine=engine, cross_reference=cross_reference, sources=sources
    )


def store_report(
    report: ReportExtraction,
    *,
    path: str,
    engine: Engine,
    cross_reference: bool = True,
    sources: SourceCache | None = None,
) -> StoreResult:
    """Store one read report in one transaction (see ``ingest_file``)."""
    sources = sources if sources is not None else SourceCache()
    try:
        with session_scope(engine) as session:
            sources.begin(session)
            result = _store(report, path=path, session=session, sources=sources)
            if cross_reference and result.documents:
                xref_documents(
                    result.documents,
                    session=session,
                    sources=sources.take_changed(),
                    sketches=result.sketches,
                )
    except BaseException:
        sources.rollback()
        raise
    sources.commit()
    return result


def _store(
    report: ReportExtraction, *, path: str, session: Session, sources: SourceCache
) -> StoreResult:
    """Store a report's new documents in the session's transaction."""
    result = StoreResult()
    stored: dict[int, int] = {}  # index in the report -> document id
    prints = report.fingerprint_all()
    for index, (draft, found) in enumerate(report.documents):
        existing = find_document(draft, session=session, fingerprint=prints[index])
        if existing is not None:
            result.skipped += 1
            stored[index] = existing
            continue
        copy_of = stored.get(draft.copy_of) if draft.copy_of is not None else None
        doc_id, count, joined = store_document(
            draft,
            found,
            session=session,
            sources=sources,
            path=None if path == "-" else path,
            copy_of=copy_of,
            fingerprint=prints[index],
            guesses=report.guesses[index] if report.guesses is not None else None,
        )
        stored[index] = doc_id
        result.documents.append(doc_id)
        if report.sketches is not None:
            result.sketches[doc_id] = report.sketches[index]
        result.attributions += count
        result.joined += joined
    return result


def ingest_paths(
    paths: Iterable[str],
    *,
    engine: Engine,
    on_done: Callable[[IngestOutcome], None] | None = None,
    **options: object,
) -> IngestSummary:
    """Ingest many reports; a bad file is reported and skipped, the others go in.

    Files are stored in transactions of up to half a second's work, each file in
    a savepoint of its own: a file that fails is rolled back alone and the
    others go on. A file is reported to ``on_done`` once its transaction has
    committed, so a crash can only lose files not reported yet (ingesting the
    same paths again adds them). The new documents are then cross-referenced
    together, which costs far less than once per file.
    """
    with _fewer_collections():
        return _ingest_paths(paths, engine=engine, on_done=on_done, options=options)


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Run a batch with the cyclic garbage collector mostly out of the way.

    A batch keeps large long-lived structures (name index, caches, parsed reports)
    and allocates millions of small objects that die young; with the default
    thresholds the collector rescans the long-lived ones over and over (about a
    tenth of an ingest's time). Objects alive at the start are frozen out of the
    scans and young generations are collected less often; both are restored after.
    """
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(max(thresholds[0], 50_000), max(thresholds[1], 20), thresholds[2])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def _ingest_paths(
    paths: Iterable[str],
    *,
    engine: Engine,
    on_done: Callable[[IngestOutcome], None] | None,
    options: dict[str, object],
) -> IngestSummary:
    summary = IngestSummary()

    def report(outcome: IngestOutcome) -> None:
        summary.outcomes.append(outcome)
        if on_done is not None:
            on_done(outcome)

    files = list(iter_paths(list(paths)))
    group = _Group(engine, SourceCache(), report=report)
    try:
        for path, extracted, error in _read_all(
            files, options=options, on_wait=group.commit, read_here=group.may_read_here
        ):
            outcome = IngestOutcome(path=path, error=error)
            if extracted is not None:
                try:
                    outcome.result = group.store(extracted, path=path)
                except FactcheckError as exc:
                    outcome.error = str(exc)
            group.add(outcome)
        group.commit()
    except BaseException:
        group.rollback()
        raise
    stored = [o.result for o in summary.outcomes if o.result]
    new_documents = [d for result in stored for d in result.documents]
    if new_documents:
        with session_scope(engine) as session:
            summary.xref = xref_documents(
                new_documents,
                session=session,
                sources=group.sources.take_changed(),
                sketches={d: sk for result in stored for d, sk in result.sketches.items()},
            )
    return summary


class _Group:
    """Files stored in one transaction, each in a savepoint, committed every so often.

    A commit per file costs more than storing a small one (SQLite writes every
    page the file touched to its log again); files are grouped up to
    ``GROUP_SECONDS`` of storing or ``GROUP_FILES`` files. The batch commits
    whenever it is about to wait for a file to be read (``parallel.WAIT_GRACE``), so
    the write lock is never held for long while nothing is written. Files are reported once committed.
    """

    def __init__(
        self, engine: Engine, sources: SourceCache, *, report: Callable[[IngestOutcome], None]
    ) -> None:
        self.engine = engine
        self.sources = sources
        self.report = report
        self.session: Session | None = None
        self.started = 0.0
        self.outcomes: list[IngestOutcome] = []

    def store(self, extracted: ReportExtraction, *, path: str) -> StoreResult:
        """Store one report in a savepoint of the open transaction (opened if none is)."""
        if self.session is None:
            self.session = Session(self.engine, expire_on_commit=False)
            self.started = time.monotonic()
            begin_writing(self.session)
        self.sources.begin(self.session)
        try:
            with savepoint(self.session):
                result = _store(extracted, path=path, session=self.session, sources=self.sources)
        except FactcheckError:
            self.sources.drop_file()
            raise
        self.sources.keep()
        return result

    def may_read_here(self, path: str) -> bool:
        """Whether this process may read `path` itself while the workers are behind: a
        small regular file. Reading holds the write lock, so a transaction open for
        ``GROUP_SECONDS`` already is committed first."""
        if not _small_file(path):
            return False
        if self._open_long_enough():
            self.commit()
        return True

    def _open_long_enough(self) -> bool:
        """Whether a transaction has been open for ``GROUP_SECONDS``."""
        return self.session is not None and time.monotonic() - self.started >= GROUP_SECONDS

    def add(self, outcome: IngestOutcome) -> None:
        """Count a file in; commit when the group is full or has been open long enough."""
        self.outcomes.append(outcome)
        if len(self.outcomes) >= GROUP_FILES or self._open_long_enough():
            self.commit()

    def commit(self) -> None:
        """Commit the open transaction, then report its files in order."""
        if self.session is not None:
            self.session.commit()
            self.session.close()
            self.session = None
            self.sources.commit()
        done, self.outcomes = self.outcomes, []
        for outcome in done:
            self.report(outcome)

    def rollback(self) -> None:
        """Roll the open transaction back: none of its files is reported."""
        self.outcomes = []
        try:
            if self.session is not None:
                self.session.rollback()
                self.session.close()
        finally:
            self.session = None
            self.sources.rollback()


def _read_all(
    files: list[str],
    *,
    options: dict[str, object],
    on_wait: Callable[[], None] | None = None,
    read_here: Callable[[str], bool] | None = None,
) -> Iterator[tuple[str, ReportExtraction | None, str | None]]:
    """(path, report, error) for each file, in order.

    Reading and extracting is CPU work without the database: forked workers do it
    while the caller stores the files before them (stdin can only be read here). A
    file whose reading kills a worker (out of memory, say) is reported as failed and
    the rest go to new workers. ``read_here`` says which files this process may read
    itself while the workers are behind (``ordered_map``'s ``local``).
    """
    read = functools.partial(_read_one, options=options)
    parallel = len(files) >= PARALLEL_MIN_FILES and "-" not in files and worthwhile_fork()
    if parallel:
        gazetteer()  # built here, where storing needs it too, and inherited by the workers
    while files:
        done = 0
        try:
            for result in ordered_map(
                read, files, parallel=parallel, on_wait=on_wait, local=read_here
            ):
                done += 1
                yield result
            return
        except WorkerLost:
            yield (
                files[done],
                None,
                f"{files[done]}: reading it stopped a worker process (out of memory?)",
            )
            files = files[done + 1 :]


def _small_file(path: str) -> bool:
    """A regular file small enough to read in tens of milliseconds (not a pipe or a device,
    which could block)."""
    try:
        info = os.stat(path)
    except OSError:
        return False
    return stat.S_ISREG(info.st_mode) and info.st_size <= LOCAL_READ_MAX_BYTES


def _read_one(
    path: str, *, options: dict[str, object]
) -> tuple[str, ReportExtraction | None, str | None]:
    """Read and extract one file; a bad file comes back as its error message."""
    try:
        report = read_and_extract(path, **options)  # type: ignore[arg-type]
        report.prepare()  # here, in the worker, rather than in the storing process
        return path, report, None
    except FactcheckError as exc:
        return path, None, str(exc)

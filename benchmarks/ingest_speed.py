"""Throughput of `extract` and `ingest` on 1,000 synthetic ~5 KB articles.

    .venv/bin/python benchmarks/ingest_speed.py [--count 1000] [--shape events|templated]
        [--db URL] [--runs N] [--populated M]

Targets (issue 3): extract ≥ 200 articles/s on one core after start-up;
ingest into SQLite ≥ 100 articles/s. Prints the figures; asserts nothing.

- *extract* reads, splits and extracts every file in this process, storing
  nothing (what ``factcheck extract`` does), timed after a warm-up file.
- *ingest* is ``ingest_paths`` as ``factcheck ingest FOLDER`` runs it: files
  read and extracted in a forked worker while this process resolves sources
  and stores each file in its own transaction, then the batch cross-referenced.
  Printed: wall time, CPU of this process and of the workers, and how much of
  the wall time the final cross-referencing took.

``--runs N`` measures each N times (a new ledger for every ingest) and prints the
median and the best run as well: on a shared machine single runs vary by a
fifth or more. ``--populated M`` first ingests M other articles of the same
events (another seed) into each ledger, untimed, so the timed ingest is a later
batch into a ledger that holds them.

See benchmarks/corpus.py for the two corpus shapes (``events`` is the
realistic one; ``templated`` is a stress test for cross-referencing).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import SHAPES, write_corpus  # noqa: E402

from factcheck import db as dbmod  # noqa: E402
from factcheck.pipeline import ingest_paths, read_and_extract  # noqa: E402


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _extract_rate(paths: list[str]) -> float:
    start = time.perf_counter()
    cpu = time.process_time()
    attributions = 0
    for path in paths:
        report = read_and_extract(path)
        attributions += sum(len(found) for _, found in report.documents)
    wall = time.perf_counter() - start
    cpu = time.process_time() - cpu
    print(
        f"extract: {len(paths) / wall:.0f} articles/s wall, {len(paths) / cpu:.0f} articles/s CPU "
        f"({attributions} attributions, {attributions / len(paths):.1f} per article)"
    )
    return len(paths) / wall


def _fresh_engine(url: str | None, folder: Path, run: int):  # type: ignore[no-untyped-def]
    """A ledger with an empty schema: a new SQLite file, or the given database wiped."""
    engine = dbmod.make_engine(url or f"sqlite:///{folder / f'bench{run}.db'}")
    if url:
        dbmod.downgrade(engine, "base")
    dbmod.upgrade(engine)
    return engine


def _ingest_rate(paths: list[str], engine, *, into: str) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    cpu = time.process_time()
    children = _children_cpu()
    summary = ingest_paths(paths, engine=engine)
    wall = time.perf_counter() - start
    cpu = time.process_time() - cpu
    children = _children_cpu() - children
    totals = summary.totals()
    xref = summary.xref.seconds if summary.xref else 0.0
    print(
        f"ingest: {len(paths) / wall:.0f} articles/s wall into {into} "
        f"({wall:.1f} s: read, extract and store {wall - xref:.1f} s, cross-reference {xref:.1f} s; "
        f"CPU {cpu:.1f} s here + {children:.1f} s in workers; "
        f"{totals['documents']} documents, {totals['attributions']} attributions, "
        f"{totals['failed']} failed)"
    )
    return len(paths) / wall


def _summary(what: str, rates: list[float]) -> None:
    if len(rates) > 1:
        print(
            f"{what}: median {statistics.median(rates):.0f}, best {max(rates):.0f}, "
            f"worst {min(rates):.0f} articles/s over {len(rates)} runs"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--shape", choices=sorted(SHAPES), default="events")
    parser.add_argument("--db", help="database URL, wiped before each run (default: new SQLite)")
    parser.add_argument("--runs", type=int, default=1, help="measure this many times")
    parser.add_argument(
        "--populated", type=int, default=0, help="articles ingested before the timed ingest"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = [str(p) for p in write_corpus(folder / "corpus", args.count, shape=args.shape)]
        earlier = [
            str(p)
            for p in write_corpus(folder / "earlier", args.populated, shape=args.shape, seed=8)
        ]
        size = sum(Path(p).stat().st_size for p in paths) / len(paths)
        print(f"corpus: {len(paths)} {args.shape} articles, mean {size / 1024:.1f} KB")

        read_and_extract(paths[0])  # warm-up: imports, gazetteer, regexes
        extract_rates = []
        ingest_rates = []
        for run in range(args.runs):
            extract_rates.append(_extract_rate(paths))
            engine = _fresh_engine(args.db, folder, run)
            into = engine.url.get_backend_name()
            if earlier:
                ingest_paths(earlier, engine=engine)
                into += f" holding {len(earlier)} other articles"
            ingest_rates.append(_ingest_rate(paths, engine, into=into))
            engine.dispose()
        _summary("extract", extract_rates)
        _summary("ingest", ingest_rates)


if __name__ == "__main__":
    main()

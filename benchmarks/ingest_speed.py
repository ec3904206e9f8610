"""Throughput of `extract` and `ingest` on 1,000 synthetic ~5 KB articles.

    .venv/bin/python benchmarks/ingest_speed.py [--count 1000] [--shape events|templated] [--db URL]

Targets (issue 3): extract ≥ 200 articles/s on one core after start-up;
ingest into SQLite ≥ 100 articles/s. Prints the figures; asserts nothing.

- *extract* reads, splits and extracts every file in this process, storing
  nothing (what ``factcheck extract`` does), timed after a warm-up file.
- *ingest* is ``ingest_paths`` as ``factcheck ingest FOLDER`` runs it: files
  read and extracted in a forked worker while this process resolves sources
  and stores each file in its own transaction, then the batch cross-referenced.
  Printed: wall time, CPU of this process and of the workers, and how much of
  the wall time the final cross-referencing took.

See benchmarks/corpus.py for the two corpus shapes (``events`` is the
realistic one; ``templated`` is a stress test for cross-referencing).
"""

from __future__ import annotations

import argparse
import resource
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


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--shape", choices=sorted(SHAPES), default="events")
    parser.add_argument("--db", help="database URL (default: a fresh SQLite file)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        paths = [str(p) for p in write_corpus(folder, args.count, shape=args.shape)]
        size = sum(Path(p).stat().st_size for p in paths) / len(paths)

        # warm-up: imports, gazetteer, regexes
        read_and_extract(paths[0])
        start = time.perf_counter()
        cpu = time.process_time()
        attributions = 0
        for path in paths:
            report = read_and_extract(path)
            attributions += sum(len(found) for _, found in report.documents)
        wall = time.perf_counter() - start
        cpu = time.process_time() - cpu
        print(f"corpus: {len(paths)} {args.shape} articles, mean {size / 1024:.1f} KB")
        print(
            f"extract: {len(paths) / wall:.0f} articles/s wall, {len(paths) / cpu:.0f} articles/s CPU "
            f"({attributions} attributions, {attributions / len(paths):.1f} per article)"
        )

        url = args.db or f"sqlite:///{Path(tmp) / 'bench.db'}"
        engine = dbmod.make_engine(url)
        dbmod.upgrade(engine)
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
            f"ingest: {len(paths) / wall:.0f} articles/s wall into {engine.url.get_backend_name()} "
            f"({wall:.1f} s: read, extract and store {wall - xref:.1f} s, cross-reference {xref:.1f} s; "
            f"CPU {cpu:.1f} s here + {children:.1f} s in workers; "
            f"{totals['documents']} documents, {totals['attributions']} attributions, "
            f"{totals['failed']} failed)"
        )
        engine.dispose()


if __name__ == "__main__":
    main()

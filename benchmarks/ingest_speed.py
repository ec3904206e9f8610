"""Throughput of `extract` and `ingest` on 1,000 synthetic ~5 KB articles.

    .venv/bin/python benchmarks/ingest_speed.py [--count 1000] [--db URL]

Targets (issue 3): extract ≥ 200 articles/s on one core after start-up;
ingest into SQLite ≥ 100 articles/s. Prints the figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_corpus  # noqa: E402

from factcheck import db as dbmod  # noqa: E402
from factcheck.pipeline import ingest_paths, read_and_extract  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--db", help="database URL (default: a fresh SQLite file)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        paths = [str(p) for p in write_corpus(folder, args.count)]
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
        print(f"corpus: {len(paths)} articles, mean {size / 1024:.1f} KB")
        print(
            f"extract: {len(paths) / wall:.0f} articles/s wall, {len(paths) / cpu:.0f} articles/s CPU "
            f"({attributions} attributions, {attributions / len(paths):.1f} per article)"
        )

        url = args.db or f"sqlite:///{Path(tmp) / 'bench.db'}"
        engine = dbmod.make_engine(url)
        dbmod.upgrade(engine)
        start = time.perf_counter()
        cpu = time.process_time()
        summary = ingest_paths(paths, engine=engine)
        wall = time.perf_counter() - start
        cpu = time.process_time() - cpu
        totals = summary.totals()
        print(
            f"ingest: {len(paths) / wall:.0f} articles/s wall, {len(paths) / cpu:.0f} articles/s CPU "
            f"({totals['documents']} documents, {totals['attributions']} attributions, "
            f"{totals['failed']} failed) into {engine.url.get_backend_name()}"
        )
        engine.dispose()


if __name__ == "__main__":
    main()

"""Concurrent review benchmark: N processes × M review actions on a handful of claims.

Each action reads the claim's review (as a user's screen would), picks an action that
is valid for what it read, and writes it carrying the version it read; on Conflict it
re-reads and retries. At the end every reported success must be in the event log, no
version may be duplicated or missing, and each Review.version must equal its event count.

    .venv/bin/python benchmarks/review_concurrency.py                 # temporary SQLite file
    .venv/bin/python benchmarks/review_concurrency.py sqlite:///x.db  # or any URL / $FACTCHECK_DB
    bash scripts/with-postgres .venv/bin/python benchmarks/review_concurrency.py

With $FACTCHECK_TEST_PG (set by scripts/with-postgres) and no URL argument, a scratch
database is created on that server and dropped afterwards. A URL given explicitly (or
via $FACTCHECK_DB) is migrated and gets the benchmark's claims added: use a scratch one.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import random
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlmodel import select

from factcheck import db as dbmod
from factcheck import review as rv
from factcheck.errors import Conflict
from factcheck.models import Claim, Review, ReviewEvent


def choose(status: str, rng: random.Random) -> str:
    """An action valid for `status`: only a concurrent change can make it fail."""
    if status == "unreviewed":
        return "start"
    if status == "in_progress":
        return rng.choice(["note", "note", "verdict"])
    return rng.choice(["note", "reopen"])


def act(action: str, claim_id: int, token: str, **kw: Any) -> Any:
    if action == "start":
        return rv.start_review(claim_id, **kw)
    if action == "verdict":
        return rv.give_verdict(claim_id, "unverifiable", note=token, **kw)
    if action == "reopen":
        return rv.reopen(claim_id, note=token, **kw)
    return rv.add_note(claim_id, token, evidence=["https://example.org/bench"], **kw)


def worker(
    url: str, claims: list[int], index: int, actions: int, seed: int, barrier, results
) -> None:
    engine = dbmod.make_engine(url)
    rng = random.Random(seed * 1000 + index)
    user = f"bench-editor-{index}"
    done: list[tuple[int, int, str]] = []
    conflicts = 0
    errors: list[str] = []
    barrier.wait()
    started = time.perf_counter()
    for n in range(actions):
        claim_id = rng.choice(claims)
        token = f"{user}#{n}"
        for _attempt in range(10_000):
            try:
                with dbmod.session_scope(engine) as s:
                    state = rv.current_review(claim_id, session=s)
                with dbmod.session_scope(engine) as s:
                    event = act(
                        choose(state.status, rng),
                        claim_id,
                        token,
                        by=user,
                        session=s,
                        expected_version=state.version,
                    )
                done.append((claim_id, event.version, token))
                break
            except Conflict:
                conflicts += 1
            except Exception as exc:  # anything else is a defect; stop this worker
                errors.append(f"{type(exc).__name__}: {str(exc).splitlines()[0]}")
                break
        if errors:
            break
    elapsed = time.perf_counter() - started
    engine.dispose()
    results.put({"done": done, "conflicts": conflicts, "errors": errors, "elapsed": elapsed})


def setup(url: str, n_claims: int, processes: int) -> list[int]:
    engine = dbmod.make_engine(url)
    dbmod.upgrade(engine)
    with dbmod.session_scope(engine) as s:
        claims = [
            Claim(text=f"Benchmark claim {i}", key=f"benchmark claim {i}") for i in range(n_claims)
        ]
        s.add_all(claims)
        s.flush()
        admin = next((u for u in rv.list_users(session=s) if u.role == "admin"), None)
        boss = admin.name if admin else "bench-admin"
        rv.ensure_user(boss, session=s)
        for i in range(processes):
            rv.set_role(f"bench-editor-{i}", "editor", by=boss, session=s)
        ids = [c.id for c in claims]
    engine.dispose()
    return ids  # type: ignore[return-value]


def verify(url: str, claims: list[int], done: list[tuple[int, int, str]]) -> list[str]:
    """Problems found in the stored log; empty when nothing was lost or duplicated."""
    problems: list[str] = []
    if len({(c, v) for c, v, _ in done}) != len(done):
        problems.append("two successful writes were given the same claim version")
    engine = dbmod.make_engine(url)
    with dbmod.session_scope(engine) as s:
        events = s.exec(
            select(ReviewEvent).where(ReviewEvent.claim_id.in_(claims))  # type: ignore[attr-defined]
        ).all()
        stored = {(e.claim_id, e.version): e for e in events}
        if len(stored) != len(events):
            problems.append("duplicated (claim, version) in the event log")
        if len(events) != len(done):
            problems.append(f"{len(events)} events stored for {len(done)} successful actions")
        for claim_id, version, token in done:
            event = stored.get((claim_id, version))
            if (
                event is None
                or event.user != token.split("#")[0]
                or event.note not in (None, token)
            ):
                problems.append(f"lost event: claim {claim_id} version {version} ({token})")
        for claim_id in claims:
            versions = sorted(v for c, v in stored if c == claim_id)
            if versions != list(range(1, len(versions) + 1)):
                problems.append(f"claim {claim_id}: versions not contiguous 1..{len(versions)}")
            review = s.get(Review, claim_id)
            if (review.version if review else 0) != len(versions):
                problems.append(f"claim {claim_id}: Review.version != {len(versions)} events")
    engine.dispose()
    return problems


@contextmanager
def database(url: str | None) -> Iterator[str]:
    """The URL to benchmark: as given, a scratch PostgreSQL database, or a temporary SQLite file."""
    if url:
        yield dbmod.resolve_url(url)
        return
    pg = os.environ.get("FACTCHECK_TEST_PG")
    if pg:
        base = make_url(dbmod.resolve_url(pg))
        name = f"factcheck_bench_{os.getpid()}"
        admin = create_engine(base, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            yield base.set(database=name).render_as_string(hide_password=False)
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()
        return
    env = os.environ.get("FACTCHECK_DB")
    if env:
        yield dbmod.resolve_url(env)
        return
    with tempfile.TemporaryDirectory() as tmp:
        yield f"sqlite:///{Path(tmp) / 'bench.db'}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", nargs="?", help="database URL or SQLite path (default: see above)")
    parser.add_argument("-p", "--processes", type=int, default=8)
    parser.add_argument("-m", "--actions", type=int, default=200, help="actions per process")
    parser.add_argument("-c", "--claims", type=int, default=4, help="claims the processes share")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    with database(args.url) as url:
        shown = make_url(url).render_as_string(hide_password=True)
        claims = setup(url, args.claims, args.processes)
        ctx = mp.get_context("spawn")
        barrier = ctx.Barrier(args.processes + 1)
        results = ctx.Queue()
        procs = [
            ctx.Process(
                target=worker,
                args=(url, claims, i, args.actions, args.seed, barrier, results),
            )
            for i in range(args.processes)
        ]
        for p in procs:
            p.start()
        barrier.wait()  # every worker has imported and connected: start the clock
        started = time.perf_counter()
        collected = [results.get() for _ in procs]
        wall = time.perf_counter() - started
        for p in procs:
            p.join()
        done = [d for r in collected for d in r["done"]]
        conflicts = sum(r["conflicts"] for r in collected)
        errors = [e for r in collected for e in r["errors"]]
        problems = verify(url, claims, done)

    backend = make_url(url).get_backend_name()
    attempts = len(done) + conflicts
    print(f"database      {backend}: {shown}")
    print(
        f"workload      {args.processes} processes × {args.actions} actions on {args.claims} claims"
    )
    print(f"actions       {len(done)} committed in {wall:.2f} s = {len(done) / wall:.0f} actions/s")
    print(
        f"conflicts     {conflicts} reported and retried ({conflicts / max(attempts, 1):.1%} of writes)"
    )
    print(f"other errors  {len(errors)}")
    for e in errors[:5]:
        print(f"  {e}")
    if problems:
        print("verification  FAILED")
        for p in problems[:20]:
            print(f"  {p}")
    else:
        print(
            "verification  ok: no lost or duplicated events, versions contiguous, "
            "Review.version == event count"
        )
    return 1 if problems or errors or len(done) != args.processes * args.actions else 0


if __name__ == "__main__":
    sys.exit(main())

"""Several processes reviewing the same claims at once: nothing lost, nothing duplicated."""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import random
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import func
from sqlmodel import select

from factcheck import db as dbmod
from factcheck import review as rv
from factcheck.errors import Conflict
from factcheck.models import Claim, Review, ReviewEvent, User

PROCESSES = 4
ACTIONS = 20


def _choose(status: str, rng: random.Random) -> str:
    """An action that is valid for `status`, so only a concurrent change can make it fail."""
    if status == "unreviewed":
        return "start"
    if status == "in_progress":
        return rng.choice(["note", "note", "verdict"])
    return rng.choice(["note", "reopen"])


def _act(action: str, claim_id: int, token: str, **kw: Any) -> ReviewEvent:
    if action == "start":
        return rv.start_review(claim_id, **kw)
    if action == "verdict":
        return rv.give_verdict(claim_id, "unverifiable", note=token, **kw)
    if action == "reopen":
        return rv.reopen(claim_id, note=token, **kw)
    return rv.add_note(claim_id, token, **kw)


def review_worker(url: str, claims: list[int], worker: int, actions: int, barrier) -> dict:
    """Do `actions` review actions on random claims, each read-then-write, retrying on conflict."""
    engine = dbmod.make_engine(url)
    rng = random.Random(worker)
    user = f"editor{worker}"
    done: list[tuple[int, int, str, str]] = []
    conflicts = 0
    errors: list[str] = []
    barrier.wait()
    for n in range(actions):
        claim_id = rng.choice(claims)
        token = f"w{worker}-{n}"
        while True:
            try:
                with dbmod.session_scope(engine) as s:  # what a user would see on screen
                    state = rv.current_review(claim_id, session=s)
                action = _choose(state.status, rng)
                time.sleep(rng.random() / 500)  # think time widens the race window
                with dbmod.session_scope(engine) as s:
                    event = _act(
                        action, claim_id, token, by=user, session=s, expected_version=state.version
                    )
                done.append((claim_id, event.version, action, token))
                break
            except Conflict:
                conflicts += 1
            except Exception as exc:  # anything but a conflict is a defect: report it
                errors.append(f"{type(exc).__name__}: {exc}")
                break
    engine.dispose()
    return {"done": done, "conflicts": conflicts, "errors": errors}


def first_actor_worker(url: str, claim_id: int, worker: int, inserted, barrier) -> str:
    """New users all appear at once, then all try the first write on a never-reviewed claim."""
    engine = dbmod.make_engine(url)
    real_insert = rv.users.insert_ignore

    def insert_then_wait_for_the_others(session, model, values):
        added = real_insert(session, model, values)
        if model is User:
            # Without serialisation every process gets here before any counts users; with it,
            # the first waits in vain (the others are blocked), breaks the barrier and goes on.
            with contextlib.suppress(threading.BrokenBarrierError):
                inserted.wait(timeout=1)
        return added

    rv.users.insert_ignore = insert_then_wait_for_the_others
    barrier.wait()
    try:
        with dbmod.session_scope(engine) as s:
            rv.ensure_user(f"newcomer{worker}", session=s)
    finally:
        rv.users.insert_ignore = real_insert  # pool processes are reused by the next test
    barrier.wait()
    outcome = "ok"
    try:
        with dbmod.session_scope(engine) as s:
            rv.add_note(
                claim_id, f"first {worker}", by=f"newcomer{worker}", session=s, expected_version=0
            )
    except Conflict:
        outcome = "conflict"
    except Exception as exc:
        outcome = f"{type(exc).__name__}: {exc}"
    engine.dispose()
    return outcome


@pytest.fixture(scope="module")
def pool() -> Iterator[tuple[Any, Any]]:
    """Spawned worker processes (and a manager for barriers), shared by this module's tests."""
    ctx = mp.get_context("spawn")
    with ctx.Manager() as manager, ctx.Pool(PROCESSES) as workers:
        yield workers, manager


def _run(pool: tuple[Any, Any], target, args_for) -> list[Any]:
    """Run `target` once in every pool process; all start together after a barrier."""
    workers, manager = pool
    # one task per process: each task blocks at the barrier until all have started
    barrier = manager.Barrier(PROCESSES, timeout=120)
    tasks = [(*args_for(i), barrier) for i in range(PROCESSES)]
    return workers.starmap(target, tasks, chunksize=1)


def _setup(url: str, n_claims: int) -> list[int]:
    engine = dbmod.make_engine(url)
    with dbmod.session_scope(engine) as s:
        claims = [Claim(text=f"Contested claim {i}", key=f"contested {i}") for i in range(n_claims)]
        s.add_all(claims)
        s.flush()
        rv.ensure_user("chief", session=s)
        for w in range(PROCESSES):
            rv.set_role(f"editor{w}", "editor", by="chief", session=s)
        ids = [c.id for c in claims]
    engine.dispose()
    return ids  # type: ignore[return-value]


def test_concurrent_reviews_lose_and_duplicate_nothing(migrated_url, pool):
    claims = _setup(migrated_url, 2)
    results = _run(pool, review_worker, lambda i: (migrated_url, claims, i, ACTIONS))
    errors = [e for r in results for e in r["errors"]]
    assert errors == []
    done = [d for r in results for d in r["done"]]
    conflicts = sum(r["conflicts"] for r in results)
    assert len(done) == PROCESSES * ACTIONS
    assert conflicts > 0, "the workers never raced; the test proved nothing"
    # each reported success holds a version nobody else was told they got
    assert len({(c, v) for c, v, _, _ in done}) == len(done)

    engine = dbmod.make_engine(migrated_url)
    with dbmod.session_scope(engine) as s:
        events = s.exec(
            select(ReviewEvent).order_by(ReviewEvent.claim_id, ReviewEvent.version)
        ).all()
        stored = {(e.claim_id, e.version): e for e in events}
        assert len(events) == len(done)
        for claim_id, version, action, token in done:
            event = stored[(claim_id, version)]
            assert (event.action, event.user) == (action, f"editor{token[1:].split('-')[0]}")
            assert event.note == (None if action == "start" else token)
        for claim_id in claims:
            versions = [e.version for e in events if e.claim_id == claim_id]
            assert versions == list(range(1, len(versions) + 1))
            review = s.get(Review, claim_id)
            assert review.version == len(versions)
            last = stored[(claim_id, review.version)]
            assert review.status == last.to_status
            # statuses chain: every event starts where the previous one ended
            chain = [stored[(claim_id, v)] for v in versions]
            assert all(a.to_status == b.from_status for a, b in zip(chain, chain[1:], strict=False))
    engine.dispose()


def test_simultaneous_first_actors(migrated_url, pool):
    engine = dbmod.make_engine(migrated_url)
    with dbmod.session_scope(engine) as s:
        claim = Claim(text="Never reviewed", key="never reviewed")
        s.add(claim)
        s.flush()
        claim_id = claim.id
    inserted = pool[1].Barrier(PROCESSES)
    outcomes = _run(pool, first_actor_worker, lambda i: (migrated_url, claim_id, i, inserted))
    assert sorted(outcomes) == ["conflict"] * (PROCESSES - 1) + ["ok"]
    with dbmod.session_scope(engine) as s:
        roles = sorted(s.exec(select(User.role)).all())
        assert roles == ["admin"] + ["reporter"] * (PROCESSES - 1)
        assert s.get(Review, claim_id).version == 1
        count = s.exec(select(func.count()).select_from(ReviewEvent)).one()
        assert count == 1
    engine.dispose()

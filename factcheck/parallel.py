"""Use the second core: for the CPU-bound loops of a full cross-referencing run (sketching
texts, reading claims), and for reading and extracting files while an ingest stores them.

``map_batches`` alternates batches between this process and one forked worker,
so results stream back in roughly the order they were asked for;
``ordered_map`` hands every item to forked workers and yields results in order.
Workers get plain data (texts, paths) and return plain data; they never touch
the database, so what the caller's transaction sees is all that counts. Small
jobs, platforms without ``fork`` and single-core machines run in-process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from factcheck.errors import FactcheckError

T = TypeVar("T")
R = TypeVar("R")

PARALLEL_MIN_ITEMS = int(
    os.environ.get("FACTCHECK_PARALLEL_MIN", "20000")
)  # below this, forking costs more than it saves
BATCH = 2_000
# How long ordered_map waits for a result before calling on_wait: a result due within a
# few milliseconds is not worth what the caller does then (committing, in an ingest).
WAIT_GRACE = 0.02


def worthwhile(items: int) -> bool:
    """Whether `items` units of work are worth a second process here."""
    return items >= PARALLEL_MIN_ITEMS and worthwhile_fork()


def worthwhile_fork() -> bool:
    """Whether this machine has a spare core and can fork workers."""
    if (os.cpu_count() or 1) < 2:
        return False
    return "fork" in multiprocessing.get_all_start_methods()


def map_batches(
    func: Callable[[list[T]], R],
    batches: Iterable[list[T]],
    *,
    parallel: bool,
    local_every: int = 2,
) -> Iterator[R]:
    """`func` over batches; with `parallel`, only every `local_every`-th batch runs here and
    the others in a forked worker (3 leaves the worker two thirds, when this process also
    has to digest every result)."""
    if not parallel:
        for batch in batches:
            yield func(batch)
        return
    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
    pending: deque[tuple[int, Future[R]]] = deque()
    try:
        for i, batch in enumerate(batches):
            if i % local_every:
                pending.append((i, pool.submit(func, batch)))
            else:
                yield func(batch)
            while pending and pending[0][1].done():
                yield _result(*pending.popleft(), what="batch")
        while pending:
            yield _result(*pending.popleft(), what="batch")
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


class WorkerLost(FactcheckError):
    """A worker process died (killed, out of memory) while working on `item`."""

    def __init__(self, item: object, *, what: str = "") -> None:
        super().__init__(
            f"a worker process died (out of memory?) while working on {what or repr(item)}"
        )
        self.item = item


def ordered_map(
    func: Callable[[T], R],
    items: Iterable[T],
    *,
    parallel: bool,
    ahead: int = 16,
    on_wait: Callable[[], None] | None = None,
    local: Callable[[T], bool] | None = None,
) -> Iterator[R]:
    """`func` over `items` in forked workers (one per spare core), results in input order.

    At most `ahead` items are in flight, so a slow consumer never piles up results.
    Exceptions raised by `func` are raised here, at that item; a worker that dies
    raises ``WorkerLost`` for the earliest item not finished (with one worker, the
    item it had).

    With ``local``, only a few items at a time are handed to the workers (enough to
    keep them busy while the caller is busy) and the rest of the window waits here:
    when the next result is not ready, this process works on one of those itself
    (the last one ``local`` allows) rather than wait, so the work is shared however
    fast the workers and the caller are. Otherwise, should the result still not be
    ready within ``WAIT_GRACE`` seconds, ``on_wait`` is called before the wait (and
    before each item when not parallel): the caller's chance to finish what it
    holds, such as a transaction.
    """
    if not parallel:
        for item in items:
            if on_wait is not None:
                on_wait()
            yield func(item)
        return
    workers = max(1, min(4, (os.cpu_count() or 2) - 1))
    handed = 4 * workers + 2 if local is not None else ahead
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
    # the window, in input order: [item, its future (None: not handed to a worker yet)]
    window: deque[list] = deque()  # type: ignore[type-arg]
    broken = False

    def hand_out() -> None:
        nonlocal broken
        busy = sum(1 for _, future in window if future is not None and not future.done())
        for entry in window:
            if busy >= handed or broken:
                return
            if entry[1] is None:
                try:
                    entry[1] = pool.submit(func, entry[0])
                except BrokenProcessPool:
                    broken = True  # an item in flight killed its worker
                    return
                busy += 1

    def next_result() -> R:
        hand_out()
        item, future = window[0]
        if future is None:  # the pool broke before this item was handed out
            raise WorkerLost(item)
        while not future.done():
            if local is not None and _work_here(window, func, local):
                continue
            if not wait([future], timeout=WAIT_GRACE).done and on_wait is not None:
                on_wait()
            break
        window.popleft()
        return _result(item, future)

    try:
        for item in items:
            window.append([item, None])
            hand_out()
            if len(window) >= ahead:
                yield next_result()
        while window:
            yield next_result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _work_here(window: deque[list], func: Callable[[T], R], local: Callable[[T], bool]) -> bool:  # type: ignore[type-arg]
    """Do here the last item of the window not handed to a worker that `local` allows;
    False when there is none. (Futures are never taken back from the pool: cancelling
    one can break its shutdown if a worker then dies, in Python 3.11.)"""
    for entry in reversed(window):
        item, future = entry
        if future is not None or not local(item):
            continue
        done: Future[R] = Future()
        try:
            done.set_result(func(item))
        except Exception as exc:  # raised at its turn, as a worker's would be
            done.set_exception(exc)
        entry[1] = done
        return True
    return False


def _result(item: object, future: Future[R], *, what: str = "") -> R:
    try:
        return future.result()
    except BrokenProcessPool as exc:
        raise WorkerLost(item, what=f"{what} {item}" if what else "") from exc

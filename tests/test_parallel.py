"""Forked workers: results in input order, errors at their item, a dead worker named."""

from __future__ import annotations

import os
import time

import pytest

from factcheck.parallel import WorkerLost, map_batches, ordered_map, worthwhile_fork

needs_fork = pytest.mark.skipif(not worthwhile_fork(), reason="needs fork and two cores")


def square(x: int) -> int:
    return x * x


def fail_on_seven(x: int) -> int:
    if x == 7:
        raise ValueError("seven")
    return x


def die_on_five(x: int) -> int:
    if x == 5:
        os._exit(3)
    return x


@needs_fork
@pytest.mark.parametrize("ahead", [1, 4, 64])
def test_results_come_back_in_input_order(ahead):
    assert list(ordered_map(square, range(50), parallel=True, ahead=ahead)) == [
        x * x for x in range(50)
    ]


def test_in_process_when_not_parallel():
    assert list(ordered_map(square, [3, 1, 2], parallel=False)) == [9, 1, 4]


@needs_fork
def test_an_error_is_raised_at_its_item():
    got = []
    with pytest.raises(ValueError, match="seven"):
        for x in ordered_map(fail_on_seven, range(20), parallel=True, ahead=3):
            got.append(x)
    assert got == list(range(7))


@needs_fork
def test_a_dead_worker_is_reported_with_its_item():
    got = []
    with pytest.raises(WorkerLost) as lost:
        for x in ordered_map(die_on_five, range(20), parallel=True, ahead=2):
            got.append(x)
    assert lost.value.item == 5
    assert got == list(range(5))


def slow_in_worker(x: int) -> tuple[int, int]:
    """(x squared, the id of the process that computed it); slow only in a worker."""
    if os.getpid() != PARENT:
        time.sleep(0.05)
    if x == 13:
        raise ValueError("thirteen")
    return x * x, os.getpid()


PARENT = os.getpid()


@needs_fork
def test_the_caller_works_on_queued_items_while_the_worker_is_behind():
    waits: list[int] = []
    got = []
    with pytest.raises(ValueError, match="thirteen"):
        for value in ordered_map(
            slow_in_worker,
            range(30),
            parallel=True,
            ahead=8,
            local=lambda x: x % 2 == 0,
            on_wait=lambda: waits.append(1),
        ):
            got.append(value)
    assert [v for v, _ in got] == [x * x for x in range(13)]  # in order, the error at its item
    here = [v for v, pid in got if pid == PARENT]
    assert here and all(v % 2 == 0 for v in here)  # some done here, only those allowed
    assert any(pid != PARENT for _, pid in got)


@needs_fork
def test_nothing_allowed_here_means_waiting_for_the_worker():
    waits: list[int] = []
    got = list(
        ordered_map(
            slow_in_worker,
            range(6),
            parallel=True,
            local=lambda x: False,
            on_wait=lambda: waits.append(1),
        )
    )
    assert [v for v, _ in got] == [x * x for x in range(6)]
    assert all(pid != PARENT for _, pid in got) and waits


@needs_fork
@pytest.mark.parametrize("cores", [2, 3])
def test_a_dead_worker_is_reported_while_the_caller_shares_the_work(cores, monkeypatch):
    """Items kept back for the caller never leave the pool half shut (one or two workers)."""
    import factcheck.parallel as parallel

    monkeypatch.setattr(parallel.os, "cpu_count", lambda: cores)
    got = []
    with pytest.raises(WorkerLost) as lost:
        for x in ordered_map(
            die_on_five, range(40), parallel=True, ahead=12, local=lambda x: x > 5
        ):
            got.append(x)
    assert lost.value.item == 5
    assert got == list(range(5))


def batch_sum(batch: list[int]) -> int:
    return sum(batch)


def die_on_big_batch(batch: list[int]) -> int:
    if batch[0] >= 100:
        os._exit(3)
    return sum(batch)


@needs_fork
def test_batches_all_come_back():
    batches = [list(range(i, i + 10)) for i in range(0, 200, 10)]
    got = list(map_batches(batch_sum, batches, parallel=True, local_every=2))
    assert sorted(got) == sorted(sum(b) for b in batches)


@needs_fork
def test_a_dead_batch_worker_is_an_error_not_a_hang():
    batches = [[1, 2], [100, 101], [3, 4], [5, 6]]  # the second batch goes to the worker
    with pytest.raises(WorkerLost, match="batch 1"):
        list(map_batches(die_on_big_batch, batches, parallel=True, local_every=2))

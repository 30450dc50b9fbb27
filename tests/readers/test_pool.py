"""The worker pool: the same results as a plain loop, whoever computes them."""

from __future__ import annotations

import multiprocessing
import os
import pickle
import sys
import time
from pathlib import Path

import pytest

from csmm_static.readers import pool

PARENT = os.getpid()
fork_only = pytest.mark.skipif(sys.platform != "linux", reason="workers are forked on Linux only")


def square(item: int) -> tuple[int, int]:
    return item * item, os.getpid()


def test_light_batches_stay_in_this_process() -> None:
    results = pool.map_items(square, [1, 2, 3], [10, 10, 10], pickle.dumps, pickle.loads)
    assert [value for value, _ in results] == [1, 4, 9]
    assert {pid for _, pid in results} == {os.getpid()}


@fork_only
def test_heavy_batches_give_the_results_of_a_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pool, "cores", lambda: 2)
    items = list(range(200))
    results = pool.map_items(square, items, [1000] * 200, pickle.dumps, pickle.loads, 1)
    assert [value for value, _ in results] == [i * i for i in items]


def die_in_a_worker(item: int) -> int:
    if os.getpid() != PARENT and item % 7 == 0:
        os._exit(9)  # as if killed for memory
    return item + 1


@fork_only
def test_what_a_dead_worker_took_is_computed_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pool, "cores", lambda: 3)
    items = list(range(60))
    results = pool.map_items(die_in_a_worker, items, [1] * 60, pickle.dumps, pickle.loads, 1)
    assert results == [i + 1 for i in items]


@fork_only
def test_an_error_in_this_process_stops_the_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pool, "cores", lambda: 2)

    def fail_here(item: int) -> int:
        if os.getpid() == PARENT:
            raise KeyboardInterrupt
        time.sleep(0.2)  # leave items for this process to take
        return item

    with pytest.raises(KeyboardInterrupt):
        pool.map_items(fail_here, list(range(10)), [1] * 10, pickle.dumps, pickle.loads, 1)
    assert not multiprocessing.active_children()


@fork_only
def test_the_scan_budget_holds_while_workers_parse(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A Terraform file that hangs its parser in a worker times the read out like one that
    hangs in the scan's own process, and leaves no worker behind."""
    from csmm_static.readers import ParseOptions, parse
    from csmm_static.readers.terraform import loader

    monkeypatch.setattr(pool, "cores", lambda: 2)
    parse_here = loader._parse_job

    def hang_in_a_worker(job: tuple[Path, str, int, int, float]) -> object:
        while os.getpid() != PARENT:
            time.sleep(0.01)
        return parse_here(job)

    monkeypatch.setattr(loader, "_parse_job", hang_in_a_worker)
    padding = "# padding\n" * 25000  # heavy enough to be shared with a worker
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.tf").write_text(
            f'{padding}resource "aws_sqs_queue" "{name}" {{}}\n', encoding="utf-8"
        )
    start = time.monotonic()
    result = parse([tmp_path], ParseOptions(parse_timeout=0.5))
    assert time.monotonic() - start < 20
    assert {d.code for d in result.diagnostics} == {"parse-timeout"}
    assert {f.status for f in result.files} == {"error"}
    assert not multiprocessing.active_children()

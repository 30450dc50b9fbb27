"""Work spread over the machine's cores: forked workers beside the scan's own process.

A scan is a short-lived process, so workers are forked (they start in milliseconds with
everything the parent imported) and live for one batch. The parent works too: it and the
workers take items from one shared counter, heaviest first, so they finish together whatever the
sizes, and what the parent computes needs no copying. A worker sends its results back as bytes
made by the caller's `encode`, so the caller decides how its objects travel.

Should a worker die (killed for memory, say), the items it had taken are computed again here,
as a scan without workers would have: a worker never loses a file or hangs the scan. Below
`MIN_WEIGHT` (bytes of input) forking costs more than it saves, and where `fork` is missing or
unsafe (Windows, macOS) everything runs in this process.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

T = TypeVar("T")
R = TypeVar("R")

# Forking a worker and copying its results back costs about what parsing 100 KB of HCL does on
# one core (the parser reads about 3 MB a second); below 512 KB one process is as fast.
MIN_WEIGHT = 512 * 1024
MAX_WORKERS = 8


def cores() -> int:
    """Cores this process may run on (its CPU affinity), at most MAX_WORKERS."""
    try:
        count = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        count = os.cpu_count() or 1
    return max(1, min(count, MAX_WORKERS))


def _can_fork() -> bool:
    # multiprocessing is imported only here and below: most scans never have enough to fork for.
    import multiprocessing

    return sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods()


class _Shared:
    """The items in the order they are taken, and a counter shared across the fork."""

    def __init__(self, context: Any, order: list[int]) -> None:
        self.order = order
        self.next = context.Value("i", 0)

    def take(self) -> int | None:
        with self.next.get_lock():
            position = self.next.value
            if position >= len(self.order):
                return None
            self.next.value = position + 1
        return self.order[position]


def _work(
    shared: _Shared,
    items: Sequence[Any],
    function: Callable[[Any], Any],
    encode: Callable[[Any], bytes],
    out: Connection,
) -> None:
    # A timer handler inherited from the parent is not this worker's: reset it so that a time
    # budget set up inside the worker finds SIGALRM free. Ctrl-C is the parent's to handle.
    if hasattr(signal, "SIGALRM"):
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    done: list[tuple[int, bytes]] = []
    while (index := shared.take()) is not None:
        done.append((index, encode(function(items[index]))))
    out.send_bytes(pickle.dumps(done, protocol=pickle.HIGHEST_PROTOCOL))
    out.close()


def map_items(
    function: Callable[[T], R],
    items: Sequence[T],
    weights: Sequence[int],
    encode: Callable[[R], bytes],
    decode: Callable[[bytes], R],
    min_weight: int = MIN_WEIGHT,
) -> list[R]:
    """`[function(item) for item in items]`, computed by this process and forked workers when
    the items weigh at least `min_weight` together and there are cores to use."""
    count = min(cores(), len(items))
    if count < 2 or sum(weights) < min_weight or not _can_fork():
        return [function(item) for item in items]
    import multiprocessing

    context = multiprocessing.get_context("fork")
    shared = _Shared(context, sorted(range(len(items)), key=lambda i: (-weights[i], i)))
    results: dict[int, R] = {}
    workers = []
    try:
        for _ in range(count - 1):
            receive, send = context.Pipe(duplex=False)
            process = context.Process(
                target=_work, args=(shared, items, function, encode, send), daemon=True
            )
            process.start()
            send.close()
            workers.append((process, receive))
        while (index := shared.take()) is not None:
            results[index] = function(items[index])
        for process, receive in workers:
            try:
                done: list[tuple[int, bytes]] = pickle.loads(receive.recv_bytes())
            except (EOFError, OSError):
                done = []  # the worker died: what it took is computed below
            for index, raw in done:
                results[index] = decode(raw)
            process.join()
    finally:
        for process, receive in workers:
            receive.close()
            if process.is_alive():
                process.kill()
                process.join()
    return [
        results[index] if index in results else function(items[index])
        for index in range(len(items))
    ]

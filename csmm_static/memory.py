"""The cyclic garbage collector, made to run rarely while a scan builds what it keeps.

A scan allocates millions of objects (parse trees, resources, results) that stay alive until
the report is written; with the default thresholds Python's cyclic collector runs every 700
allocations and walks them again and again, which frees nothing. It is not turned off: a hostile
input can leave large cycles behind (a parser's exception holding its frames), and those must
still be freed. Raising the first threshold makes a young collection rare and the older ones
follow in proportion, so the cost stays a small constant share of the scan.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

YOUNG_THRESHOLD = 100_000  # allocations between two young collections (the default is 700)


@contextmanager
def rare_collections() -> Iterator[None]:
    """Collect cycles rarely during the block (nested blocks keep the outer one's thresholds)."""
    thresholds = gc.get_threshold()
    gc.set_threshold(max(thresholds[0], YOUNG_THRESHOLD), *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)

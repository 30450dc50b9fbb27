"""The collector runs rarely during a scan, is never off, and is set back afterwards."""

from __future__ import annotations

import gc

from csmm_static.memory import YOUNG_THRESHOLD, rare_collections


def test_thresholds_are_raised_inside_and_restored_after() -> None:
    before = gc.get_threshold()
    with rare_collections():
        assert gc.isenabled()
        assert gc.get_threshold()[0] >= YOUNG_THRESHOLD
        with rare_collections():
            assert gc.get_threshold()[0] >= YOUNG_THRESHOLD
        assert gc.get_threshold()[0] >= YOUNG_THRESHOLD
    assert gc.get_threshold() == before


def test_restored_when_the_block_raises() -> None:
    before = gc.get_threshold()
    try:
        with rare_collections():
            raise ValueError("boom")
    except ValueError:
        pass
    assert gc.get_threshold() == before

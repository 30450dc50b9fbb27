"""Every control fixture, run through the real pipeline: the file name is the expectation.

`pass*` files: at least one subject, and every subject passes. `fail*` files: at least one
subject, and every subject fails. An empty result never counts as a pass. A `.evidence`
fixture is a folder of AWS Config items and account exports, scanned as one input.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from csmm_static.catalog import fixture_format, is_evidence_folder
from csmm_static.engine import Scope, evaluate
from csmm_static.readers import parse
from tests.conftest import CONTROL_FIXTURES, builtin_controls


def _fixture_files() -> list[Path]:
    return sorted(
        p
        for p in CONTROL_FIXTURES.glob("*/*")
        if (p.is_file() or is_evidence_folder(p)) and fixture_format(p)
    )


@pytest.mark.parametrize("path", _fixture_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_control_fixture(path: Path) -> None:
    by_id = {c.id: c for c in builtin_controls()}
    item = by_id[path.parent.name]
    parsed = parse([path])
    assert not [d for d in parsed.diagnostics if d.level == "error"], parsed.diagnostics
    scope: Scope = "account" if item.is_account_control else "workload"
    evaluation = evaluate([item], parsed.graph, scope)
    subjects = [s for p in evaluation.partitions for r in p.results for s in r.subjects]
    assert not evaluation.diagnostics, evaluation.diagnostics
    assert subjects, f"{item.id} found no subject of type {item.subject} in {path.name}"
    expected = "pass" if path.name.startswith("pass") else "fail"
    wrong = [(s.address, s.status, s.reason) for s in subjects if s.status != expected]
    assert not wrong, f"expected every subject to {expected}: {wrong}"

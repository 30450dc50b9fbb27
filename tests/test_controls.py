"""Every control fixture, run through the real pipeline: the file name is the expectation.

`pass*` files: at least one subject, and every subject passes. `fail*` files: at least one
subject, and every subject fails. An empty result never counts as a pass. A `.evidence`
fixture is a folder of AWS Config items and account exports, scanned as one input; one that
carries a `.csmm.yaml` (`pass_attested`, `fail_attested`) is scanned with its attestation: a
pass is then the attestation turning evidence that decides nothing into `attested`, and a fail
is evidence that fails the control whatever is attested.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from csmm_static.catalog import fixture_config, fixture_format, is_evidence_folder
from csmm_static.config import load_config
from csmm_static.engine import Evaluation, Scope, evaluate
from csmm_static.model import Control, Graph
from csmm_static.overrides import OverrideOptions, apply
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
    if fixture_config(path) is not None:
        before = [s.status for s in subjects]
        _check_attested(path, item, parsed.graph, evaluation, before, expected)
        return
    wrong = [(s.address, s.status, s.reason) for s in subjects if s.status != expected]
    assert not wrong, f"expected every subject to {expected}: {wrong}"


def _check_attested(
    path: Path,
    item: Control,
    graph: Graph,
    evaluation: Evaluation,
    before: Sequence[str],
    expected: str,
) -> None:
    config, problems = load_config([path])
    assert not problems and config.attestations, problems
    # Judged on the day it was attested, so the fixture never expires.
    today = max(a.date for a in config.attestations)
    attested, _ = apply(evaluation, [item], graph, config, OverrideOptions(today=today))
    after = [r.status for p in attested.partitions for r in p.results]
    if expected == "pass":
        assert all(status == "unknown" for status in before), (
            f"the evidence decides {item.id} on its own; name the fixture pass, not attested:"
            f" {before}"
        )
        assert after and all(status == "attested" for status in after), after
    else:
        assert all(status == "fail" for status in before), before
        assert after and all(status == "fail" for status in after), after

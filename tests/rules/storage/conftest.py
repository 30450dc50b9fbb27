"""Run one storage control on a CloudFormation template written inline in a test."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from csmm_static.engine import Scope, evaluate
from csmm_static.readers import parse
from tests.conftest import builtin_controls

Outcome = dict[str, tuple[str, str]]  # address -> (status, reason)


@pytest.fixture
def run_control(tmp_path: Path) -> Callable[[str, str], Outcome]:
    def run(control_id: str, template: str) -> Outcome:
        item = {c.id: c for c in builtin_controls()}[control_id]
        path = tmp_path / "template.cfn.yaml"
        path.write_text(template, encoding="utf-8")
        parsed = parse([path])
        scope: Scope = "account" if item.is_account_control else "workload"
        evaluation = evaluate([item], parsed.graph, scope)
        assert not evaluation.diagnostics, evaluation.diagnostics
        return {
            s.address: (s.status, s.reason)
            for p in evaluation.partitions
            for r in p.results
            for s in r.subjects
        }

    return run

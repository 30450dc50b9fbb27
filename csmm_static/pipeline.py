"""The four stages composed: parse, evaluate, score (inside the report) and hand back the report.

Library users call `scan()`; the CLI calls the same function and then renders.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from csmm_static.diagnostics import Diagnostic
from csmm_static.engine import Scope, evaluate
from csmm_static.loader import load_controls
from csmm_static.model import Control
from csmm_static.readers import ParseOptions, ParseResult, parse
from csmm_static.report import Report, ScanInput, build


@dataclass(frozen=True)
class ScanOptions:
    scope: Scope | None = None  # None: account when the input describes an account
    rules_dirs: tuple[Path, ...] = ()
    parse: ParseOptions = field(default_factory=ParseOptions)


@dataclass(frozen=True)
class ScanOutcome:
    report: Report
    parsed: ParseResult
    controls: Sequence[Control]

    @property
    def inputs_read(self) -> int:
        return sum(1 for f in self.parsed.files if f.status == "read")


def scan(paths: Sequence[str | Path], options: ScanOptions | None = None) -> ScanOutcome:
    options = options or ScanOptions()
    controls, load_diagnostics = load_controls(options.rules_dirs)
    parsed = parse(paths, options.parse)
    scope: Scope = options.scope or ("account" if parsed.has_account_evidence else "workload")
    evaluation = evaluate(controls, parsed.graph, scope)
    extra: list[Diagnostic] = list(load_diagnostics)
    report = build(ScanInput(parsed, controls, evaluation, scope, extra))
    return ScanOutcome(report, parsed, controls)

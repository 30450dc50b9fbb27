"""The stages composed: parse, evaluate, apply overrides, score (inside the report), and compare
with a baseline when one is given.

Library users call `scan()`; the CLI calls the same function and then renders.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from csmm_static.config import load_config
from csmm_static.diagnostics import Diagnostic
from csmm_static.diff import compare
from csmm_static.engine import Scope, evaluate
from csmm_static.loader import load_controls
from csmm_static.memory import rare_collections
from csmm_static.model import Control
from csmm_static.overrides import OverrideOptions, apply
from csmm_static.readers import READERS, ParseOptions, ParseResult, ReadCache, Reader, parse
from csmm_static.report import Report, ScanInput, build


@dataclass(frozen=True)
class ScanOptions:
    scope: Scope | None = None  # None: .csmm.yaml's, else account when the input describes one
    rules_dirs: tuple[Path, ...] = ()
    parse: ParseOptions = field(default_factory=ParseOptions)
    config_file: Path | None = None  # None: .csmm.yaml at a scanned folder's root, if any
    today: datetime.date | None = None  # the date expiries are judged against; None: today
    attestations: bool = True
    inline_suppressions: bool = True
    cache_dir: Path | None = None  # None: no cache
    baseline: Report | None = None  # a previous report to compare with
    readers: tuple[Reader, ...] = READERS  # the input formats understood


@dataclass(frozen=True)
class ScanOutcome:
    report: Report
    parsed: ParseResult
    controls: Sequence[Control]

    @property
    def inputs_read(self) -> int:
        return sum(1 for f in self.parsed.files if f.status == "read")


def scan(paths: Sequence[str | Path], options: ScanOptions | None = None) -> ScanOutcome:
    with rare_collections():
        return _scan(paths, options or ScanOptions())


def _scan(paths: Sequence[str | Path], options: ScanOptions) -> ScanOutcome:
    controls, load_diagnostics = load_controls(options.rules_dirs)
    config, config_diagnostics = load_config(paths, options.config_file)
    cache = ReadCache(options.cache_dir) if options.cache_dir is not None else None
    parsed = parse(paths, options.parse, cache, options.readers)
    scope: Scope = (
        options.scope or config.scope or ("account" if parsed.has_account_evidence else "workload")
    )
    evaluation = evaluate(controls, parsed.graph, scope)
    evaluation, overrides = apply(
        evaluation,
        controls,
        parsed.graph,
        config,
        OverrideOptions(
            today=options.today or datetime.date.today(),
            attestations=options.attestations,
            inline_suppressions=options.inline_suppressions,
        ),
    )
    extra: list[Diagnostic] = [*load_diagnostics, *config_diagnostics]
    report = build(ScanInput(parsed, controls, evaluation, scope, extra, overrides))
    if options.baseline is not None:
        report["comparison"] = compare(options.baseline, report)
    return ScanOutcome(report, parsed, controls)

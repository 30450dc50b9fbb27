"""Assemble the report: the one JSON-shaped document every output format renders from.

The report holds no timestamps and no absolute paths, and every list in it is sorted, so the
same input gives the same bytes on every run and machine.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from csmm_static import __version__
from csmm_static.diagnostics import Diagnostic
from csmm_static.engine import (
    STATUSES,
    ControlResult,
    Evaluation,
    Partition,
    Scope,
    SubjectResult,
    combine,
)
from csmm_static.model import ACCOUNT, Control, Graph
from csmm_static.overrides import Exemption, Overrides
from csmm_static.readers import ParseResult
from csmm_static.scoring import Roadmap, Score, roadmap, score

SCHEMA_VERSION = "1.1"
DOCS_URL = "docs/controls.md"

Report = dict[str, Any]


@dataclass(frozen=True)
class ScanInput:
    """Everything the report is built from (the outputs of the pure stages)."""

    parsed: ParseResult
    controls: Sequence[Control]
    evaluation: Evaluation
    scope: Scope
    extra_diagnostics: Sequence[Diagnostic] = ()
    overrides: Overrides = field(default_factory=Overrides)


def _pct(value: float | None) -> float | None:
    return None if value is None else round(100 * value, 1)


def build(scan: ScanInput) -> Report:
    by_id = {c.id: c for c in scan.controls}
    partitions = scan.evaluation.partitions
    combined = _combined(partitions) if len(partitions) > 1 else partitions[0].results
    overall = score(combined, by_id)
    plan = roadmap(combined, by_id)
    report: Report = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "csmm", "version": __version__},
        "scope": scan.scope,
        "scope_note": _scope_note(scan.scope),
        "inputs": {
            "formats": scan.parsed.formats,
            "files": len(scan.parsed.files),
        },
        "score": _score_block(overall, _assessment_hints(combined, by_id)),
        "cells": _cells(overall),
        "roadmap": _roadmap_block(plan, by_id),
        "controls": _controls(combined, by_id, scan.overrides),
        "overrides": _overrides_block(scan.overrides, combined, by_id),
    }
    if len(partitions) > 1:
        report["accounts"] = [_account_block(p, by_id) for p in partitions]
    report["inventory"] = _inventory(scan.parsed.graph)
    diagnostics = sorted(
        set(scan.parsed.diagnostics)
        | set(scan.evaluation.diagnostics)
        | set(scan.extra_diagnostics)
    )
    report["diagnostics"] = [d.as_dict() for d in diagnostics]
    report["coverage"] = _coverage(scan, combined, by_id)
    return report


def _scope_note(scope: Scope) -> str:
    if scope == "account":
        return "account scope: account-wide controls are assessed"
    return (
        "workload scope: the score covers the scanned workload only; account-wide controls"
        " (root MFA, CloudTrail, GuardDuty, ...) are not assessed. Add AWS Config or account"
        " evidence, or pass --scope account for a landing-zone repository."
    )


def _score_block(result: Score, hints: dict[int, list[str]] | None = None) -> dict[str, Any]:
    levels = []
    for lv in result.levels:
        entry: dict[str, Any] = {
            "level": lv.level,
            "name": lv.name,
            "score": _pct(lv.score),
            "unlocked": lv.unlocked,
            "assessed": lv.assessed,
            "gate_passed": lv.gate_passed,
            "critical_failures": list(lv.critical_failures),
        }
        if not lv.assessed and hints is not None:
            entry["to_assess"] = hints.get(lv.level, [])
        levels.append(entry)
    return {
        "overall": result.overall,
        "level": result.level,
        "level_name": result.level_name,
        "levels": levels,
    }


def _assessment_hints(
    results: Sequence[ControlResult], by_id: dict[str, Control]
) -> dict[int, list[str]]:
    """What would let each level be assessed: the inputs or attestations its controls need."""
    hints: dict[int, list[str]] = {}
    for level in sorted({c.level for c in by_id.values()}):
        in_level = [r for r in results if by_id[r.control_id].level == level]
        account = sorted(r.control_id for r in in_level if r.status == "not_assessed")
        attestable = sorted(
            r.control_id
            for r in in_level
            if by_id[r.control_id].attestable and r.status in ("not_applicable", "not_assessed")
        )
        types = sorted(
            {by_id[r.control_id].subject for r in in_level if r.status == "not_applicable"}
            - {ACCOUNT}
        )
        found = []
        if account:
            found.append(
                f"account evidence (an AWS Config snapshot or account exports, or --scope account)"
                f" for {len(account)} account control(s): {', '.join(account)}"
            )
        if attestable:
            found.append(f"attestations in .csmm.yaml for: {', '.join(attestable)}")
        if types:
            found.append(f"resources of these types in the input: {', '.join(types)}")
        hints[level] = found
    return hints


def _cells(result: Score) -> list[dict[str, Any]]:
    return [
        {
            "pillar": c.pillar,
            "level": c.level,
            "score": _pct(c.score),
            "passed_weight": c.passed_weight,
            "counted_weight": c.counted_weight,
        }
        for c in result.cells
    ]


def _roadmap_block(plan: Roadmap, by_id: dict[str, Control]) -> dict[str, Any]:
    return {
        "level": plan.level,
        "assessed": plan.assessed,
        "fixes_needed": plan.needed,
        "steps": [
            {
                "id": s.control_id,
                "title": by_id[s.control_id].title,
                "severity": by_id[s.control_id].severity,
                "pillar": by_id[s.control_id].pillar,
                "status": s.status,
                "gain": s.gain,
                "level_gain": s.level_gain,
            }
            for s in plan.steps
        ],
    }


def _subject(result: SubjectResult, exemption: Exemption | None) -> dict[str, Any]:
    source = result.source
    out: dict[str, Any] = {
        "address": result.address,
        "type": result.type,
        "status": result.status,
    }
    if result.reason:
        out["reason"] = result.reason
    if exemption is not None:
        out["waived"] = _exemption(exemption)
    out["source"] = (
        {
            "file": source.file,
            "line": source.line,
            "end_line": source.end_line,
            "format": source.format,
        }
        if source
        else None
    )
    return out


def _controls(
    results: Sequence[ControlResult], by_id: dict[str, Control], overrides: Overrides
) -> list[dict[str, Any]]:
    out = []
    for result in sorted(results, key=lambda r: r.control_id):
        item = by_id[result.control_id]
        entry: dict[str, Any] = {
            "id": item.id,
            "title": item.title,
            "pillar": item.pillar,
            "level": item.level,
            "severity": item.severity,
            "subject": item.subject,
            "status": result.status,
        }
        if result.note:
            entry["note"] = result.note
        if item.id in overrides.controls:
            entry["waived"] = _exemption(overrides.controls[item.id])
        if result.status == "attested":
            entry["attestation"] = _attestation(overrides, item.id)
        entry["subjects"] = [
            _subject(s, overrides.subjects.get((item.id, s.node_id)))
            for s in sorted(result.subjects, key=_subject_key)
        ]
        entry["refs"] = {k: list(v) for k, v in item.refs.items()}
        entry["why"] = item.why
        entry["remediation"] = item.remediation
        entry["docs"] = f"{DOCS_URL}#{item.id}"
        out.append(entry)
    return out


def _exemption(exemption: Exemption) -> dict[str, Any]:
    out = {"kind": exemption.kind, "reason": exemption.reason, "origin": exemption.origin}
    if exemption.expires:
        out["expires"] = exemption.expires
    return out


def _attestation(overrides: Overrides, control_id: str) -> dict[str, Any]:
    item = overrides.attested[control_id]
    return {
        "statement": item.statement,
        "owner": item.owner,
        "evidence": item.evidence,
        "date": item.date.isoformat(),
        "expires": item.expires.isoformat(),
        "origin": item.origin,
    }


def _overrides_block(
    overrides: Overrides, results: Sequence[ControlResult], by_id: dict[str, Control]
) -> dict[str, Any]:
    """Everything waived, suppressed, attested or expired, so every output can list it."""
    block: dict[str, Any] = {"config": overrides.config or None}
    if overrides.dated and overrides.today is not None:
        block["as_of"] = overrides.today.isoformat()
    block["attestations"] = "used" if overrides.attestations_enabled else "ignored"
    block["inline_suppressions"] = "used" if overrides.inline_enabled else "ignored"
    if not overrides.inline_enabled:
        block["inline_ignored"] = overrides.inline_ignored
    waived: list[dict[str, Any]] = []
    for result in results:
        title = by_id[result.control_id].title
        if result.control_id in overrides.controls:
            exemption = _exemption(overrides.controls[result.control_id])
            waived.append({"control": result.control_id, "title": title, **exemption})
        waived_here = [
            s for s in result.subjects if (result.control_id, s.node_id) in overrides.subjects
        ]
        for subject in sorted(waived_here, key=_subject_key):
            found = overrides.subjects[(result.control_id, subject.node_id)]
            source = subject.source
            waived.append(
                {
                    "control": result.control_id,
                    "title": title,
                    "address": subject.address,
                    "file": source.file if source else None,
                    "line": source.line if source else 0,
                    "status": subject.status,
                    **_exemption(found),
                }
            )
    block["waived"] = waived
    block["attested"] = [
        {
            "control": r.control_id,
            "title": by_id[r.control_id].title,
            **_attestation(overrides, r.control_id),
        }
        for r in results
        if r.status == "attested"
    ]
    block["expired"] = [
        {
            "kind": e.kind,
            "control": e.control_id or None,
            "expired": e.expired,
            "origin": e.origin,
            "detail": e.detail,
        }
        for e in overrides.expired
    ]
    return block


def _subject_key(s: SubjectResult) -> tuple[str, int, str]:
    return (s.source.file if s.source else "", s.source.line if s.source else 0, s.node_id)


def _combined(partitions: Sequence[Partition]) -> tuple[ControlResult, ...]:
    """The organisation's view (docs/scoring.md §6): a control fails if it fails in any account,
    is unknown if it is unknown in any other, and passes only where every account with a
    subject passes it; accounts where it is not applicable, waived or not assessed do not
    count, and a pass that rests on an attestation anywhere is attested."""
    merged: dict[str, list[ControlResult]] = {}
    for partition in partitions:
        for result in partition.results:
            merged.setdefault(result.control_id, []).append(result)
    out = []
    for control_id, results in sorted(merged.items()):
        subjects = tuple(s for r in results for s in r.subjects)
        counted = [r.status for r in results if r.status in ("pass", "fail", "unknown")]
        if counted:
            status = combine(counted)
            # A pass that rests on an attestation in some account is shown as attested.
            if status == "pass" and any(r.status == "attested" for r in results):
                status = "attested"
        else:
            # Every account has it waived, attested, not applicable or not assessed: take the
            # most favourable status that holds for the organisation as a whole.
            statuses = {r.status for r in results}
            status = next(s for s in STATUSES if s in statuses)
        out.append(
            ControlResult(control_id, status, subjects, results[0].note if not counted else "")
        )
    return tuple(out)


def _account_block(partition: Partition, by_id: dict[str, Control]) -> dict[str, Any]:
    result = score(partition.results, by_id)
    return {
        "account": partition.account,
        "score": _score_block(result),
        "cells": _cells(result),
        "controls": [
            {"id": r.control_id, "status": r.status}
            for r in sorted(partition.results, key=lambda r: r.control_id)
        ],
    }


def _inventory(graph: Graph) -> dict[str, int]:
    counts = Counter(r.type for r in graph if r.type != ACCOUNT)
    return {t: counts[t] for t in sorted(counts)}


def _coverage(
    scan: ScanInput, results: Sequence[ControlResult], by_id: dict[str, Control]
) -> dict[str, Any]:
    files = scan.parsed.files
    status_counts = Counter(r.status for r in results)
    counted = sum(status_counts[s] for s in ("pass", "fail", "unknown", "attested"))
    known = counted - status_counts["unknown"]
    unknown_subjects = sum(1 for r in results for s in r.subjects if s.status == "unknown")
    read_types = {r.type for r in scan.parsed.graph if r.type != ACCOUNT}
    controlled = {c.subject for c in by_id.values()}
    return {
        "files": {
            "total": len(files),
            "read": sum(1 for f in files if f.status == "read"),
            "failed": sum(1 for f in files if f.status == "error"),
            "skipped": sum(1 for f in files if f.status == "skipped"),
            "unread": sorted(f.file for f in files if f.status != "read"),
        },
        "resources": sum(1 for r in scan.parsed.graph if r.type != ACCOUNT),
        "types_without_controls": sorted(read_types - controlled),
        "unsupported_types": dict(scan.parsed.unsupported),
        "controls": {s: status_counts[s] for s in STATUSES},
        "unknown_subjects": unknown_subjects,
        "evidence_coverage": round(100 * known / counted, 1) if counted else None,
    }

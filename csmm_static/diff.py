"""Compare two reports: score and level deltas, controls newly failing or fixed, new failures.

Failing subjects are matched by control, file and address, never by line, so an edit above a
resource does not make its old failure look new, and the same address in another file does not
hide a new one.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from csmm_static.report import Report

PASSED = ("pass", "attested", "not_applicable")

SubjectKey = tuple[str, str, str]  # control id, file, address


class ReportError(ValueError):
    """A file that is not a CSMM JSON report this version can compare."""


def read_report(path: Path) -> Report:
    """A CSMM JSON report from a file (`csmm scan --format json`)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ReportError(f"{path}: file not found") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReportError(f"{path}: not a JSON report ({exc})") from exc
    if not isinstance(data, dict) or data.get("tool", {}).get("name") != "csmm":
        raise ReportError(f"{path}: not a CSMM report (write one with csmm scan --format json)")
    version = str(data.get("schema_version", ""))
    if not version.startswith("1."):
        raise ReportError(f"{path}: report schema {version!r} is not supported (expected 1.x)")
    for key in ("score", "controls"):
        if key not in data:
            raise ReportError(f"{path}: the report has no {key!r} section")
    return data


def compare(base: Report, head: Report) -> dict[str, Any]:
    """What changed from `base` to `head`, and whether it is a regression."""
    base_score, head_score = base["score"], head["score"]
    overall_delta = round(head_score["overall"] - base_score["overall"], 1)
    level_change = head_score["level"] - base_score["level"]
    levels = [
        {
            "level": h["level"],
            "base": b["score"],
            "head": h["score"],
            "delta": round(h["score"] - b["score"], 1),
        }
        for b, h in zip(base_score["levels"], head_score["levels"], strict=False)
    ]
    controls = _control_changes(base, head)
    base_failures = dict(_failing_subjects(base))
    head_failures = dict(_failing_subjects(head))
    new_failures = [head_failures[k] for k in sorted(head_failures) if k not in base_failures]
    fixed = [base_failures[k] for k in sorted(base_failures) if k not in head_failures]
    reasons = []
    if overall_delta < 0:
        reasons.append(
            f"score dropped by {-overall_delta:.1f}"
            f" ({base_score['overall']:.1f} → {head_score['overall']:.1f})"
        )
    if level_change < 0:
        reasons.append(f"level dropped from {_level(base_score)} to {_level(head_score)}")
    if controls["newly_failing"]:
        reasons.append(f"{len(controls['newly_failing'])} control(s) newly failing")
    if new_failures:
        reasons.append(f"{len(new_failures)} new failing subject(s)")
    return {
        "base": _headline(base_score),
        "head": _headline(head_score),
        "overall_delta": overall_delta,
        "level_change": level_change,
        "levels": levels,
        "controls": controls,
        "subjects": {"new_failures": new_failures, "fixed": fixed},
        "regression": bool(reasons),
        "reasons": reasons,
    }


def _headline(score: dict[str, Any]) -> dict[str, Any]:
    return {"overall": score["overall"], "level": score["level"], "level_name": score["level_name"]}


def _level(score: dict[str, Any]) -> str:
    return f"L{score['level']} {score['level_name']}"


def _control_changes(base: Report, head: Report) -> dict[str, list[dict[str, Any]]]:
    before = {c["id"]: c for c in base["controls"]}
    after = {c["id"]: c for c in head["controls"]}
    out: dict[str, list[dict[str, Any]]] = {"newly_failing": [], "fixed": [], "changed": []}
    for control_id in sorted(set(before) | set(after)):
        old = before.get(control_id, {}).get("status")
        new = after.get(control_id, {}).get("status")
        if old == new:
            continue
        item = after.get(control_id) or before[control_id]
        entry = {
            "id": control_id,
            "title": item["title"],
            "pillar": item["pillar"],
            "level": item["level"],
            "severity": item["severity"],
            "base": old,
            "head": new,
        }
        if new == "fail":
            out["newly_failing"].append(entry)
        elif old == "fail" and new in PASSED:
            out["fixed"].append(entry)
        else:
            out["changed"].append(entry)
    return out


def _failing_subjects(report: Report) -> Iterator[tuple[SubjectKey, dict[str, Any]]]:
    """Failing subjects that no waiver or suppression covers, keyed by control, file, address."""
    for control in report["controls"]:
        if control["status"] == "waived":
            continue
        for subject in control["subjects"]:
            if subject["status"] != "fail" or "waived" in subject:
                continue
            source = subject.get("source") or {}
            file = source.get("file")
            entry = {
                "control": control["id"],
                "title": control["title"],
                "severity": control["severity"],
                "address": subject["address"],
                "file": file,
                "line": source.get("line", 0),
            }
            if "end_line" in source:
                entry["end_line"] = source["end_line"]
            yield (control["id"], file or "", subject["address"]), entry

"""What several outputs read the same way from a report: failures, locations, labels."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from csmm_static.report import Report

PILLAR_TITLES = {
    "iam": "IAM",
    "networking": "Networking",
    "storage": "Storage",
    "compute": "Compute",
    "monitoring": "Monitoring",
}
SEVERITY_ORDER = {"critical": 0, "high": 1, "medium": 2, "low": 3}

Entry = dict[str, Any]


def location(subject: Entry) -> str:
    """`file:line` of a subject ("" when it has no source)."""
    source = subject.get("source")
    if not source:
        return ""
    return f"{source['file']}:{source['line']}" if source["line"] else source["file"]


def is_waived(control: Entry, subject: Entry) -> bool:
    return control["status"] == "waived" or "waived" in subject


def failures(report: Report) -> Iterator[tuple[Entry, Entry]]:
    """Failing subjects no waiver or suppression covers: most severe and lowest level first."""
    controls = sorted(
        report["controls"],
        key=lambda c: (SEVERITY_ORDER[c["severity"]], c["level"], c["pillar"], c["id"]),
    )
    for control in controls:
        for subject in control["subjects"]:
            if subject["status"] == "fail" and not is_waived(control, subject):
                yield control, subject


def unknowns(report: Report) -> Iterator[tuple[Entry, Entry]]:
    """Unknown subjects of unknown controls (attested and waived ones are settled)."""
    for control in report["controls"]:
        if control["status"] == "unknown":
            for subject in control["subjects"]:
                if subject["status"] == "unknown":
                    yield control, subject


def level_label(level: int, name: str) -> str:
    return f"L{level} {name}"


def gate(info: Entry) -> str:
    """A level's gate in words."""
    if not info["unlocked"]:
        return "locked"
    if not info["assessed"]:
        return "not assessed"
    if info["gate_passed"]:
        return "passed"
    if info["critical_failures"]:
        return f"blocked ({len(info['critical_failures'])} critical)"
    return "below 80%"


def signed(value: float) -> str:
    return f"+{value:.1f}" if value > 0 else f"{value:.1f}" if value < 0 else "±0.0"

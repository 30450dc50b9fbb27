"""SARIF 2.1.0 for GitHub code scanning: one run, a reporting descriptor per control, a result
per failing subject with its file and lines.

GitHub's rules (docs "SARIF support for code scanning"): `security-severity` is a numeric string
on descriptors tagged `security`; every result has a location with a start line; descriptors
carry short and full descriptions and help. Waived and suppressed failures stay in the log as
suppressed results. `partialFingerprints` hash control, file and address, never the line, so
an alert survives edits above it.

Text from the input is written out (`escape.visible`) everywhere; in message texts, which GitHub
renders, it cannot form an embedded link or a mention either (`escape.sarif_text`).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any
from urllib.parse import quote

from csmm_static.model import LEVELS
from csmm_static.render.common import PILLAR_TITLES, Entry, is_waived, level_label
from csmm_static.render.escape import deep, sarif_text
from csmm_static.report import Report

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT = "csmmSubject/v1"
# GitHub reads over 9.0 as critical, 7.0-8.9 high, 4.0-6.9 medium, 0.1-3.9 low.
SECURITY_SEVERITY = {"critical": "9.5", "high": "8.0", "medium": "5.5", "low": "3.0"}
LEVEL = {"critical": "error", "high": "error", "medium": "warning", "low": "note"}
NOTIFICATION_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
MAX_TEXT = 1024  # GitHub's limit on descriptions


def render(report: Report) -> str:
    return json.dumps(sarif(report), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def sarif(report: Report) -> dict[str, Any]:
    report = deep(report)
    controls = sorted(report["controls"], key=lambda c: c["id"])
    results: list[dict[str, Any]] = []
    unlocated: list[dict[str, str]] = []
    for index, control in enumerate(controls):
        for subject in control["subjects"]:
            if subject["status"] != "fail":
                continue
            if not subject.get("source"):
                unlocated.append({"control": control["id"], "address": subject["address"]})
                continue
            results.append(_result(control, subject, index))
    score = report["score"]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "csmm",
                "version": report["tool"]["version"],
                "semanticVersion": report["tool"]["version"],
                "rules": [_descriptor(c) for c in controls],
            }
        },
        "automationDetails": {"id": "csmm/"},
        "invocations": [
            {
                "executionSuccessful": True,
                "toolExecutionNotifications": [_notification(d) for d in report["diagnostics"]],
            }
        ],
        "results": results,
        "properties": {
            "score": score["overall"],
            "level": score["level"],
            "level_name": score["level_name"],
            "scope": report["scope"],
            # Failures with no file (account-wide evidence) cannot be placed on a line.
            "unlocated_failures": unlocated,
            # Everything waived, suppressed, attested or expired, as the report lists it.
            "overrides": report["overrides"],
        },
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def _descriptor(control: Entry) -> dict[str, Any]:
    docs = control["docs"]
    why = control.get("why") or control["title"]
    remediation = control.get("remediation", "")
    level = level_label(control["level"], LEVELS[control["level"]])
    text = f"{why}\n\nRemediation: {remediation}\n\nDocumentation: {docs}".strip()
    markdown = (
        f"**{control['title']}**\n\n{why}\n\n"
        + (f"**Remediation**\n\n{remediation}\n\n" if remediation else "")
        + f"{PILLAR_TITLES[control['pillar']]} · {level} · {control['severity']}"
        + f"\n\nDocumentation: [{docs}]({docs})"
    )
    return {
        "id": control["id"],
        "name": control["id"],
        "shortDescription": {"text": control["title"]},
        "fullDescription": {"text": _clip(why)},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": LEVEL[control["severity"]]},
        "properties": {
            "tags": ["security", control["pillar"], f"L{control['level']}"],
            "security-severity": SECURITY_SEVERITY[control["severity"]],
            "precision": "high",
            "severity": control["severity"],
            "pillar": control["pillar"],
            "level": control["level"],
            "level_name": LEVELS[control["level"]],
            "docs": docs,
        },
    }


def _result(control: Entry, subject: Entry, index: int) -> dict[str, Any]:
    source = subject["source"]
    start = max(int(source["line"]), 1)
    end = max(int(source.get("end_line") or start), start)
    file = source["file"]
    message = f"{sarif_text(subject['address'])}: {sarif_text(control['title'])}"
    if subject.get("reason"):
        message += f" ({sarif_text(subject['reason'])})"
    result: dict[str, Any] = {
        "ruleId": control["id"],
        "ruleIndex": index,
        "level": LEVEL[control["severity"]],
        "message": {"text": message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": quote(file, safe="/")},
                    "region": {"startLine": start, "startColumn": 1, "endLine": end},
                },
                "logicalLocations": [
                    {
                        "name": subject["address"],
                        "kind": "resource",
                        "fullyQualifiedName": f"{file}#{subject['address']}",
                    }
                ],
            }
        ],
        "partialFingerprints": {FINGERPRINT: fingerprint(control["id"], file, subject["address"])},
        "properties": {
            "pillar": control["pillar"],
            "level": control["level"],
            "severity": control["severity"],
            "type": subject["type"],
        },
    }
    if is_waived(control, subject):
        exemption = subject.get("waived") or control["waived"]
        result["suppressions"] = [
            {
                "kind": "inSource" if exemption["kind"] == "suppression" else "external",
                "status": "accepted",
                "justification": sarif_text(f"{exemption['reason']} ({exemption['origin']})"),
            }
        ]
    return result


def fingerprint(control_id: str, file: str, address: str) -> str:
    return hashlib.sha256(f"{control_id}\0{file}\0{address}".encode()).hexdigest()[:32]


def _notification(diagnostic: Entry) -> dict[str, Any]:
    out: dict[str, Any] = {
        "level": NOTIFICATION_LEVEL[diagnostic.get("level", "error")],
        "message": {"text": sarif_text(diagnostic["message"])},
    }
    if diagnostic["file"]:
        location: dict[str, Any] = {
            "artifactLocation": {"uri": quote(diagnostic["file"], safe="/")}
        }
        if diagnostic["line"]:
            location["region"] = {"startLine": diagnostic["line"]}
        out["locations"] = [{"physicalLocation": location}]
    return out


def _clip(text: str) -> str:
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"

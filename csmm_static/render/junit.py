"""JUnit XML: a test suite per pillar, a test case per control and subject.

A failing subject is a failure; an unknown, waived or not assessed one is skipped with the
reason; a control with no subject is one skipped case. No timestamps or durations, so the same
report gives the same bytes. Text from the input is written out (`escape.visible`) first: XML 1.0
has no way to carry most control characters, and ElementTree would write them as they are.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from csmm_static.model import PILLARS
from csmm_static.render.common import Entry, is_waived, location
from csmm_static.render.escape import deep
from csmm_static.report import Report


def render(report: Report) -> str:
    report = deep(report)
    root = ET.Element("testsuites", name="csmm")
    totals = {"tests": 0, "failures": 0, "skipped": 0}
    for pillar in PILLARS:
        controls = sorted(
            (c for c in report["controls"] if c["pillar"] == pillar),
            key=lambda c: (c["level"], c["id"]),
        )
        suite = ET.SubElement(root, "testsuite", name=f"csmm.{pillar}")
        counts = {"tests": 0, "failures": 0, "skipped": 0}
        for control in controls:
            for case, outcome in _cases(control):
                suite.append(case)
                counts["tests"] += 1
                if outcome:
                    counts[outcome] += 1
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
        suite.set("errors", "0")
    for key, value in totals.items():
        root.set(key, str(value))
    root.set("errors", "0")
    properties = ET.Element("properties")
    score = report["score"]
    for name, text in (
        ("score", f"{score['overall']:.1f}"),
        ("level", f"L{score['level']} {score['level_name']}"),
        ("scope", report["scope"]),
    ):
        ET.SubElement(properties, "property", name=name, value=text)
    for expired in report["overrides"]["expired"]:
        what = expired["control"] or "every control"
        text = f"{expired['kind']} of {what} expired {expired['expired']} ({expired['origin']})"
        ET.SubElement(properties, "property", name="expired", value=text)
    root.insert(0, properties)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _cases(control: Entry) -> list[tuple[ET.Element, str]]:
    classname = f"csmm.{control['pillar']}.{control['id']}"
    if not control["subjects"]:
        case = ET.Element("testcase", classname=classname, name="(no subject)")
        ET.SubElement(case, "skipped", message=f"{control['status']}: {control.get('note', '')}")
        return [(case, "skipped")]
    out = []
    for subject in control["subjects"]:
        case = ET.Element("testcase", classname=classname, name=subject["address"])
        source = subject.get("source")
        if source:
            case.set("file", source["file"])
            case.set("line", str(source["line"]))
        out.append((case, _outcome(case, control, subject)))
    return out


def _outcome(case: ET.Element, control: Entry, subject: Entry) -> str:
    if subject["status"] != "pass" and is_waived(control, subject):
        exemption: dict[str, Any] = subject.get("waived") or control["waived"]
        message = f"{exemption['kind']}: {exemption['reason']} ({exemption['origin']})"
        ET.SubElement(case, "skipped", message=message)
        return "skipped"
    if subject["status"] == "fail":
        failure = ET.SubElement(case, "failure", message=control["title"], type=control["severity"])
        failure.text = "\n".join(
            line
            for line in (
                f"{subject['address']} at {location(subject)}" if location(subject) else "",
                subject.get("reason", ""),
                f"L{control['level']} {control['pillar']}, {control['severity']}",
                f"See {control['docs']}",
            )
            if line
        )
        return "failures"
    if subject["status"] == "unknown" and control["status"] != "attested":
        ET.SubElement(case, "skipped", message=f"unknown: {subject.get('reason', '')}")
        return "skipped"
    if control["status"] == "attested":
        attestation = control["attestation"]
        out = ET.SubElement(case, "system-out")
        out.text = (
            f"attested by {attestation['owner']} until {attestation['expires']}:"
            f" {attestation['statement']} ({attestation['evidence']})"
        )
    return ""

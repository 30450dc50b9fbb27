"""JUnit XML: a test case per control and subject, failures for failing subjects."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from csmm_static.pipeline import scan
from csmm_static.render import render
from tests.conftest import FIXTURES

EXAMPLES = "fixtures/examples"


@pytest.mark.usefixtures("in_root")
def test_one_case_per_control_and_subject() -> None:
    report = scan([EXAMPLES]).report
    text = render(report, "junit")
    assert text.startswith("<?xml") and text == render(report, "junit")
    root = ET.fromstring(text)
    cases = root.findall("./testsuite/testcase")
    expected = sum(max(1, len(c["subjects"])) for c in report["controls"])
    assert len(cases) == expected == int(root.get("tests", "0"))
    failing = sum(1 for c in report["controls"] for s in c["subjects"] if s["status"] == "fail")
    assert (
        len(root.findall("./testsuite/testcase/failure"))
        == failing
        == int(root.get("failures", "0"))
    )
    ssh = [
        case
        for case in cases
        if case.get("classname") == "csmm.networking.ec2_security_group_no_public_ssh"
        and case.find("failure") is not None
    ]
    assert (
        ssh and ssh[0].get("file", "").endswith("network.yaml") and int(ssh[0].get("line", "0")) > 0
    )
    failure = ssh[0].find("failure")
    assert failure is not None and failure.get("type") == "critical"
    assert "docs/controls.md#ec2_security_group_no_public_ssh" in (failure.text or "")
    not_applicable = [c for c in cases if c.get("name") == "(no subject)"]
    assert all(c.find("skipped") is not None for c in not_applicable)
    properties = {p.get("name"): p.get("value") for p in root.findall("./properties/property")}
    assert properties["score"] == f"{report['score']['overall']:.1f}"


def test_waived_subjects_are_skipped_and_expiries_are_properties(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copyfile(FIXTURES / "regression" / "after" / "network.yaml", tmp_path / "net.yaml")
    (tmp_path / ".csmm.yaml").write_text(
        "waivers:\n"
        "  - control: ec2_security_group_no_public_ssh\n    address: App*\n    reason: Debug.\n"
        "  - control: vpc_flow_logs_enabled\n    reason: Old\n    expires: 2020-01-01\n",
        encoding="utf-8",
    )
    report = scan(["."]).report
    root = ET.fromstring(render(report, "junit"))
    unwaived = sum(
        1
        for c in report["controls"]
        if c["status"] == "fail"
        for s in c["subjects"]
        if s["status"] == "fail"
    )
    assert root.get("failures") == str(unwaived)
    case = root.find("./testsuite/testcase[@name='AppSecurityGroup']/skipped")
    assert case is not None and case.get("message") == "waiver: Debug. (.csmm.yaml:2)"
    expired = [p.get("value") for p in root.findall("./properties/property[@name='expired']")]
    assert expired == ["waiver of vpc_flow_logs_enabled expired 2020-01-01 (.csmm.yaml:5)"]

"""Markdown for a pull-request comment: score, matrix, changes, blockers, overrides."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from csmm_static.diff import compare
from csmm_static.pipeline import ScanOptions, scan
from csmm_static.render import render
from tests.conftest import FIXTURES

EXAMPLES = "fixtures/examples"


@pytest.mark.usefixtures("in_root")
def test_comment_has_score_matrix_and_blockers() -> None:
    report = scan([EXAMPLES]).report
    text = render(report, "markdown")
    score = report["score"]
    assert text.startswith(f"## CSMM: {score['overall']:.1f} / 100 · L1 Exposed\n")
    assert "| Level | IAM | Networking | Storage | Compute | Monitoring | Score | Gate |" in text
    assert len(re.findall(r"^\| _?L[1-5] ", text, re.MULTILINE)) == 5
    assert "### Top blockers" in text and "fix(es) needed" in text
    top = report["roadmap"]["steps"][0]
    assert f"`{top['id']}`" in text
    assert "### What changed" not in text
    assert len(text) < 65536  # GitHub's limit on a comment


def test_lists_waived_attested_and_expired(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copyfile(FIXTURES / "regression" / "after" / "network.yaml", tmp_path / "net.yaml")
    (tmp_path / ".csmm.yaml").write_text(
        "waivers:\n"
        "  - control: ec2_security_group_no_public_ssh\n    address: App*\n"
        "    reason: Debug | window\n"
        "  - control: vpc_flow_logs_enabled\n    reason: Old\n    expires: 2020-01-01\n",
        encoding="utf-8",
    )
    text = render(scan(["."]).report, "markdown")
    assert "<summary>Waived or suppressed (1)</summary>" in text
    assert "Debug \\| window" in text  # a pipe cannot break the table
    assert "**Expired, no longer applied (1)**" in text and "2020-01-01" in text


def test_comparison_section_when_a_baseline_is_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copyfile(FIXTURES / "regression" / "before" / "network.yaml", tmp_path / "net.yaml")
    base = scan(["."]).report
    shutil.copyfile(FIXTURES / "regression" / "after" / "network.yaml", tmp_path / "net.yaml")
    report = scan(["."], ScanOptions(baseline=base)).report
    assert report["comparison"] == compare(
        base, {k: v for k, v in report.items() if k != "comparison"}
    )
    text = render(report, "markdown")
    delta = report["score"]["overall"] - base["score"]["overall"]
    assert delta < 0
    assert f"▼ **{delta:.1f}** against the baseline" in text and "— **regression**" in text
    assert (
        "| `ec2_security_group_no_public_ssh` | critical | AppSecurityGroup | `net.yaml:19` |"
        in text
    )

"""The JSON report: valid against its schema, complete, and byte-identical from run to run."""

from __future__ import annotations

import json

import jsonschema
import pytest

from csmm_static.paths import schema_path
from csmm_static.pipeline import ScanOptions, scan
from csmm_static.render import render
from tests.conftest import corpus

EXAMPLES = "fixtures/examples"
pytestmark = pytest.mark.usefixtures("in_root")


def _validate(report: dict) -> None:
    schema = json.loads(schema_path("report.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(report, schema, cls=jsonschema.Draft202012Validator)


def test_example_report_validates_and_has_the_promised_fields() -> None:
    report = scan([EXAMPLES]).report
    _validate(report)
    assert 0 < report["score"]["overall"] < 100
    assert len(report["score"]["levels"]) == 5
    assert {(c["pillar"], c["level"]) for c in report["cells"]} >= {("iam", 1), ("monitoring", 5)}
    failing = [c for c in report["controls"] if c["status"] == "fail"]
    assert failing and all(s["source"]["line"] > 0 for c in failing for s in c["subjects"])
    assert report["inventory"]["AWS::S3::Bucket"] == 5  # 3 CloudFormation, 2 Terraform
    assert report["coverage"]["files"]["read"] == report["coverage"]["files"]["total"]


def test_json_is_byte_identical_between_runs() -> None:
    first = render(scan([EXAMPLES]).report, "json")
    second = render(scan([EXAMPLES]).report, "json")
    assert first == second
    assert "/work/" not in first and "\\\\" not in first  # no absolute paths


def test_account_scope_assesses_account_controls() -> None:
    workload = scan([EXAMPLES]).report
    account = scan([EXAMPLES], ScanOptions(scope="account")).report
    by_id_w = {c["id"]: c for c in workload["controls"]}
    by_id_a = {c["id"]: c for c in account["controls"]}
    account_ids = [i for i, c in by_id_w.items() if c["subject"] == "AWS::Account"]
    assert account_ids
    assert all(by_id_w[i]["status"] == "not_assessed" for i in account_ids)
    assert all(by_id_a[i]["status"] != "not_assessed" for i in account_ids)


def test_cfngoat_report_validates() -> None:
    report = scan([corpus("cfngoat")]).report
    _validate(report)
    assert report["score"]["level"] == 1


def test_a_level_not_assessed_says_what_would_assess_it(tmp_path) -> None:
    template = tmp_path / "t.yaml"
    template.write_text(
        "Resources:\n  Web:\n    Type: AWS::EC2::SecurityGroup\n"
        "    Properties: {GroupDescription: x}\n",
        encoding="utf-8",
    )
    report = scan([template]).report
    level2 = report["score"]["levels"][1]
    assert level2["assessed"] is False
    hints = " ".join(level2["to_assess"])
    assert "cloudtrail_multi_region_enabled" in hints and "--scope account" in hints
    assert "AWS::S3::Bucket" in hints

"""Snapshots of several accounts: one gated score per account and an organisation roll-up."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from typer.testing import CliRunner

from csmm_static.cli import app
from csmm_static.engine import ControlResult, Evaluation, Partition, Status
from csmm_static.paths import schema_path
from csmm_static.pipeline import scan
from csmm_static.report import _combined
from tests.readers.test_awsconfig import BLOCK_ALL, bucket, snapshot, write

GOOD, BAD = "111111111111", "222222222222"


def _two_accounts(tmp_path: Path) -> Path:
    good = bucket("good-bucket")
    bad = bucket(
        "bad-bucket",
        PublicAccessBlockConfiguration={**BLOCK_ALL, "blockPublicPolicy": False},
        BucketVersioningConfiguration={"status": "Off"},
    )
    bad["awsAccountId"] = BAD
    good["awsAccountId"] = GOOD
    for account, item in ((GOOD, good), (BAD, bad)):
        name = f"{account}_Config_eu-west-1_ConfigSnapshot_20240502T091407Z.json.gz"
        write(tmp_path / "AWSLogs" / account / "Config" / name, snapshot(item))
    return tmp_path


def test_each_account_gets_its_own_gated_score_and_the_headline_is_the_roll_up(
    tmp_path: Path,
) -> None:
    report = scan([_two_accounts(tmp_path)]).report
    schema = json.loads(schema_path("report.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(report, schema)
    accounts = {a["account"]: a for a in report["accounts"]}
    assert sorted(accounts) == [GOOD, BAD]
    good, bad = accounts[GOOD]["score"], accounts[BAD]["score"]
    assert good["overall"] > bad["overall"]
    by_id = {c["id"]: c["status"] for c in report["controls"]}
    good_ids = {c["id"]: c["status"] for c in accounts[GOOD]["controls"]}
    bad_ids = {c["id"]: c["status"] for c in accounts[BAD]["controls"]}
    assert good_ids["s3_bucket_public_access_blocked"] == "pass"
    assert bad_ids["s3_bucket_public_access_blocked"] == "fail"
    assert by_id["s3_bucket_public_access_blocked"] == "fail"  # fails somewhere: fails
    assert report["score"]["overall"] <= min(good["overall"], bad["overall"])


def test_terminal_report_prints_every_account_and_the_roll_up(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["scan", str(_two_accounts(tmp_path))], env={"NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    assert "organisation roll-up of 2 accounts" in result.output
    lines = result.output.splitlines()
    assert any(GOOD in line and "/ 100" in line for line in lines)
    assert any(BAD in line and "/ 100" in line for line in lines)


def _results(*pairs: tuple[str | None, Status]) -> Evaluation:
    return Evaluation(tuple(Partition(a, (ControlResult("c1", status),)) for a, status in pairs))


def test_roll_up_definition() -> None:
    def rolled(*statuses: Status) -> str:
        pairs = tuple((f"{i:012d}", s) for i, s in enumerate(statuses))
        return _combined(_results(*pairs).partitions)[0].status

    assert rolled("pass", "pass") == "pass"
    assert rolled("pass", "fail", "unknown") == "fail"
    assert rolled("pass", "unknown") == "unknown"
    assert rolled("pass", "not_applicable") == "pass"  # no subject there: it does not count
    assert rolled("pass", "waived") == "pass"
    assert rolled("pass", "attested") == "attested"  # never shown as verified
    assert rolled("attested", "fail") == "fail"
    assert rolled("not_applicable", "not_assessed") == "not_applicable"
    assert rolled("not_assessed", "not_assessed") == "not_assessed"


def test_iac_without_an_account_beside_accounts_is_a_workload(tmp_path: Path) -> None:
    _two_accounts(tmp_path / "config")
    template = {"Resources": {"Logs": {"Type": "AWS::S3::Bucket", "Properties": {}}}}
    write(tmp_path / "iac" / "template.json", template)
    report = scan([tmp_path]).report
    accounts = {a["account"]: a for a in report["accounts"]}
    assert set(accounts) == {None, GOOD, BAD}
    workload = {c["id"]: c["status"] for c in accounts[None]["controls"]}
    assert workload["cloudtrail_multi_region_enabled"] == "not_assessed"
    # Assessed in the account's partition; AWS Config does not record whether a trail logs.
    assert {c["id"]: c["status"] for c in accounts[GOOD]["controls"]}[
        "cloudtrail_multi_region_enabled"
    ] == "unknown"

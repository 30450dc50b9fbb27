"""A resource described in CloudFormation and recorded by AWS Config with the same settings gets
the same verdict from every control (the graph speaks CloudFormation whatever the input)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from csmm_static.engine import evaluate
from csmm_static.readers import parse
from tests.conftest import builtin_controls
from tests.readers.test_awsconfig import bucket, delivered, snapshot, write

CASES: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    "hardened": (
        {
            "BucketName": "reports",
            "PublicAccessBlockConfiguration": {
                "BlockPublicAcls": True,
                "BlockPublicPolicy": True,
                "IgnorePublicAcls": True,
                "RestrictPublicBuckets": True,
            },
            "VersioningConfiguration": {"Status": "Enabled"},
            "BucketEncryption": {
                "ServerSideEncryptionConfiguration": [
                    {"ServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms"}}
                ]
            },
            "LoggingConfiguration": {"DestinationBucketName": "logs", "LogFilePrefix": "r/"},
        },
        {
            "ServerSideEncryptionConfiguration": {
                "rules": [{"applyServerSideEncryptionByDefault": {"sseAlgorithm": "aws:kms"}}]
            },
            "BucketLoggingConfiguration": {"destinationBucketName": "logs", "logFilePrefix": "r/"},
        },
    ),
    # A template that sets nothing creates a bucket with AWS's defaults, which Config then
    # records: Block Public Access on (since April 2023), versioning off, no logging.
    "defaults": (
        {"BucketName": "reports"},
        {
            "PublicAccessBlockConfiguration": {
                "blockPublicAcls": True,
                "blockPublicPolicy": True,
                "ignorePublicAcls": True,
                "restrictPublicBuckets": True,
            },
            "BucketVersioningConfiguration": {"status": "Off", "isMfaDeleteEnabled": None},
            "BucketLoggingConfiguration": {"destinationBucketName": None, "logFilePrefix": None},
        },
    ),
    # Config records no block at all for a bucket whose block was removed: every flag is off.
    "unblocked": (
        {
            "BucketName": "reports",
            "PublicAccessBlockConfiguration": {
                "BlockPublicAcls": False,
                "BlockPublicPolicy": False,
                "IgnorePublicAcls": False,
                "RestrictPublicBuckets": False,
            },
        },
        {
            "PublicAccessBlockConfiguration": None,
            "BucketVersioningConfiguration": {"status": "Off", "isMfaDeleteEnabled": None},
        },
    ),
    "partly_blocked_suspended": (
        {
            "BucketName": "reports",
            "PublicAccessBlockConfiguration": {
                "BlockPublicAcls": True,
                "BlockPublicPolicy": False,
                "IgnorePublicAcls": True,
                "RestrictPublicBuckets": True,
            },
            "VersioningConfiguration": {"Status": "Suspended"},
        },
        {
            "PublicAccessBlockConfiguration": {
                "blockPublicAcls": True,
                "blockPublicPolicy": False,
                "ignorePublicAcls": True,
                "restrictPublicBuckets": True,
            },
            "BucketVersioningConfiguration": {"status": "Suspended", "isMfaDeleteEnabled": None},
        },
    ),
}


def _verdicts(path: Path, subject: str) -> dict[str, str]:
    # Controls that read this type from both formats (the others are unknown on Config by design).
    controls = [
        c
        for c in builtin_controls()
        if c.subject == subject and {"cfn", "config"} <= set(c.formats)
    ]
    assert controls
    evaluation = evaluate(controls, parse([path]).graph)
    return {r.control_id: r.status for p in evaluation.partitions for r in p.results}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bucket_verdicts_agree_between_cloudformation_and_config(tmp_path: Path, case: str) -> None:
    cfn_props, supplementary = CASES[case]
    template = {"Resources": {"Reports": {"Type": "AWS::S3::Bucket", "Properties": cfn_props}}}
    cfn = write(tmp_path / "template.json", template)
    item = bucket("reports", **supplementary)
    for key in [k for k, v in supplementary.items() if v is None]:
        del item["supplementaryConfiguration"][key]
    config = write(tmp_path / "config" / "snapshot.json", snapshot(item))
    cfn_verdicts = _verdicts(cfn, "AWS::S3::Bucket")
    assert cfn_verdicts == _verdicts(config, "AWS::S3::Bucket")
    assert set(cfn_verdicts.values()) <= {"pass", "fail"}
    cfn_bucket = parse([cfn]).graph.resources("AWS::S3::Bucket")[0]
    config_bucket = parse([config]).graph.resources("AWS::S3::Bucket")[0]
    for key, value in cfn_bucket.properties.items():
        assert config_bucket.properties.get(key) == value, key


def test_security_group_verdicts_agree(tmp_path: Path) -> None:
    template = {
        "Resources": {
            "Web": {
                "Type": "AWS::EC2::SecurityGroup",
                "Properties": {
                    "GroupDescription": "web",
                    "SecurityGroupIngress": [
                        {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "0.0.0.0/0"},
                        {
                            "IpProtocol": "tcp",
                            "FromPort": 3389,
                            "ToPort": 3389,
                            "CidrIp": "10.0.0.0/8",
                        },
                    ],
                },
            }
        }
    }
    permissions = [
        {
            "ipProtocol": "tcp",
            "fromPort": 22,
            "toPort": 22,
            "ipv4Ranges": [{"cidrIp": "0.0.0.0/0"}],
        },
        {"ipProtocol": "tcp", "fromPort": 3389, "toPort": 3389, "ipRanges": ["10.0.0.0/8"]},
    ]
    item = delivered(
        "AWS::EC2::SecurityGroup",
        "sg-1",
        {
            "groupId": "sg-1",
            "description": "web",
            "ipPermissions": permissions,
            # What AWS adds to a group created without egress rules, as CloudFormation does.
            "ipPermissionsEgress": [{"ipProtocol": "-1", "ipv4Ranges": [{"cidrIp": "0.0.0.0/0"}]}],
        },
    )
    cfn = write(tmp_path / "sg.json", template)
    config = write(tmp_path / "config" / "s.json", snapshot(item))
    verdicts = _verdicts(cfn, "AWS::EC2::SecurityGroup")
    assert verdicts == _verdicts(config, "AWS::EC2::SecurityGroup")
    assert "fail" in verdicts.values() and "pass" in verdicts.values()
    assert json.dumps(verdicts)

"""Compute controls on account-wide evidence that no CloudFormation fixture can carry.

Regional settings (EBS encryption by default, AMI block public access, instance metadata
defaults) arrive from Terraform and account exports; until those readers write fixtures, these
tests build the account node the way docs/graph.md describes it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from csmm_static.engine import Scope, evaluate
from csmm_static.model import Graph, Resource, account_node
from csmm_static.readers import parse
from tests.conftest import builtin_controls


def _status(control_id: str, graph: Graph, scope: Scope = "account") -> str:
    item = next(c for c in builtin_controls() if c.id == control_id)
    (partition,) = evaluate([item], graph, scope).partitions
    (result,) = partition.results
    return result.status


def _account(facts: dict[str, Any], *resources: Resource) -> Graph:
    graph = Graph()
    graph.add(account_node("111122223333", facts))
    for resource in resources:
        graph.add(resource)
    return graph


def _regions(**by_region: dict[str, Any]) -> dict[str, Any]:
    return {"RegionalSettings": {k.replace("_", "-"): v for k, v in by_region.items()}}


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        (_regions(eu_west_1={"EbsEncryptionByDefault": True}), "pass"),
        (
            _regions(
                eu_west_1={"EbsEncryptionByDefault": True},
                us_east_1={"EbsEncryptionByDefault": False},
            ),
            "fail",
        ),
        ({"ConfigRuleCompliance": {"ec2-ebs-encryption-by-default": "COMPLIANT"}}, "pass"),
        ({"ConfigRuleCompliance": {"EC2_EBS_ENCRYPTION_BY_DEFAULT": "NON_COMPLIANT"}}, "fail"),
        ({}, "unknown"),
    ],
)
def test_ebs_encryption_by_default_enabled(facts: dict[str, Any], expected: str) -> None:
    assert _status("ebs_encryption_by_default_enabled", _account(facts)) == expected


@pytest.mark.parametrize(
    ("state", "expected"),
    [("block-new-sharing", "pass"), ("unblocked", "fail"), (None, "unknown")],
)
def test_ec2_image_block_public_access_enabled(state: str | None, expected: str) -> None:
    facts = _regions(eu_west_1={"ImageBlockPublicAccessState": state}) if state else {}
    assert _status("ec2_image_block_public_access_enabled", _account(facts)) == expected


@pytest.mark.parametrize(
    ("defaults", "expected"),
    [
        ({"HttpTokens": "required"}, "pass"),
        ({"HttpTokens": "optional"}, "fail"),
        ({"HttpTokens": "no-preference"}, "fail"),
        ({}, "fail"),  # recorded defaults without tokens: no preference
        (None, "unknown"),  # no region's defaults recorded
    ],
)
def test_ec2_instance_metadata_defaults_imdsv2(
    defaults: dict[str, Any] | None, expected: str
) -> None:
    facts = (
        _regions(eu_west_1={"InstanceMetadataDefaults": defaults}) if defaults is not None else {}
    )
    assert _status("ec2_instance_metadata_defaults_imdsv2", _account(facts)) == expected


def test_account_controls_are_not_assessed_for_a_workload() -> None:
    graph = _account(_regions(eu_west_1={"EbsEncryptionByDefault": True}))
    assert _status("ebs_encryption_by_default_enabled", graph, "workload") == "not_assessed"


def _in_region(logical_id: str, rtype: str, **properties: Any) -> Resource:
    return Resource(
        node_id=f"tf:.#{logical_id}",
        type=rtype,
        address=logical_id,
        properties=properties,
        account="111122223333",
        region="eu-west-1",
    )


def test_regional_defaults_settle_what_a_resource_leaves_unset() -> None:
    volume = _in_region("aws_ebs_volume.data", "AWS::EC2::Volume", Size=100)
    instance = _in_region("aws_instance.web", "AWS::EC2::Instance", InstanceType="t3.micro")
    template = _in_region("aws_launch_template.nodes", "AWS::EC2::LaunchTemplate")
    defaults = _regions(
        eu_west_1={
            "EbsEncryptionByDefault": True,
            "InstanceMetadataDefaults": {"HttpTokens": "required", "HttpPutResponseHopLimit": 2},
        }
    )
    graph = _account(defaults, volume, instance, template)
    assert _status("ec2_volume_encrypted", graph, "workload") == "pass"
    assert _status("ec2_instance_volumes_encrypted", graph, "workload") == "pass"
    assert _status("ec2_instance_imdsv2_required", graph, "workload") == "pass"
    assert _status("ec2_launch_template_imdsv2_required", graph, "workload") == "pass"
    assert _status("ec2_launch_template_metadata_hop_limit_one", graph, "workload") == "fail"
    bare = _account({}, volume, instance)
    assert _status("ec2_volume_encrypted", bare, "workload") == "fail"
    assert _status("ec2_instance_volumes_encrypted", bare, "workload") == "unknown"
    assert _status("ec2_instance_imdsv2_required", bare, "workload") == "fail"


UNRESOLVED = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  AdminCidr:
    Type: String
Resources:
  Web:
    Type: AWS::EC2::Instance
    Properties:
      LaunchTemplate:
        LaunchTemplateName: shared-web
        Version: "3"
      SubnetId: subnet-0a1b2c3d4e5f60001
      SecurityGroupIds: [sg-0123456789abcdef0]
      IamInstanceProfile: shared-profile
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: admin
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: !Ref AdminCidr
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns: [arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore]
  Profile:
    Type: AWS::IAM::InstanceProfile
    Properties:
      Roles: [!Ref Role]
  Admin:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0c02fb55956c7d316
      SubnetId: subnet-0a1b2c3d4e5f60001
      IamInstanceProfile: !Ref Profile
      SecurityGroupIds: [!Ref Sg]
"""


@pytest.mark.parametrize(
    ("control_id", "address"),
    [
        ("ec2_instance_imdsv2_required", "Web"),  # the launch template is elsewhere
        ("ec2_instance_no_key_pair", "Web"),
        ("ec2_instance_no_public_ip", "Web"),  # the subnet is elsewhere
        ("ec2_instance_no_ssh_rdp_ingress", "Web"),  # the security group is elsewhere
        ("ec2_instance_ssm_managed", "Web"),  # the instance profile is elsewhere
    ],
)
def test_links_leaving_the_scan_are_unknown_not_failed(
    control_id: str, address: str, tmp_path: Path
) -> None:
    template = tmp_path / "stack.yaml"
    template.write_text(UNRESOLVED, encoding="utf-8")
    item = next(c for c in builtin_controls() if c.id == control_id)
    (partition,) = evaluate([item], parse([template]).graph).partitions
    statuses = {s.address: (s.status, s.reason) for s in partition.results[0].subjects}
    status, reason = statuses[address]
    assert status == "unknown", statuses
    assert "not in the scan" in reason


def test_an_admin_port_open_to_an_unknown_source_still_fails(tmp_path: Path) -> None:
    template = tmp_path / "stack.yaml"
    template.write_text(UNRESOLVED, encoding="utf-8")
    item = next(c for c in builtin_controls() if c.id == "ec2_instance_no_ssh_rdp_ingress")
    (partition,) = evaluate([item], parse([template]).graph).partitions
    statuses = {s.address: s.status for s in partition.results[0].subjects}
    assert statuses["Admin"] == "fail"  # port 22 is open whatever the source turns out to be


@pytest.mark.parametrize(
    ("compliance", "expected"),
    [
        (
            {"inspector-ec2-scan-enabled": "COMPLIANT", "INSPECTOR_ECR_SCAN_ENABLED": "COMPLIANT"},
            "pass",
        ),
        (
            {
                "inspector-ec2-scan-enabled": "COMPLIANT",
                "inspector-ecr-scan-enabled": "NON_COMPLIANT",
            },
            "fail",
        ),
        ({"securityhub-inspector-ec2-scan-enabled-1a2b": "COMPLIANT"}, "unknown"),
    ],
)
def test_inspector_scanning_enabled(compliance: dict[str, str], expected: str) -> None:
    graph = _account({"ConfigRuleCompliance": compliance})
    assert _status("inspector_scanning_enabled", graph) == expected


@pytest.mark.parametrize(
    "content",
    [
        '{"schemaVersion": "1.0", "sessionType": "Standard_Stream", "inputs": {'
        '"s3BucketName": "transcripts", "s3EncryptionEnabled": true, "kmsKeyId": "alias/ssm"}}',
        "schemaVersion: '1.0'\nsessionType: Standard_Stream\ninputs:\n"
        "  s3BucketName: transcripts\n  s3EncryptionEnabled: true\n  kmsKeyId: alias/ssm\n",
    ],
)
def test_session_preferences_written_as_json_or_yaml_text(content: str) -> None:
    document = _in_region(
        "aws_ssm_document.preferences",
        "AWS::SSM::Document",
        Name="SSM-SessionManagerRunShell",
        DocumentType="Session",
        Content=content,
    )
    assert _status("ssm_session_logging_encrypted", _account({}, document)) == "pass"

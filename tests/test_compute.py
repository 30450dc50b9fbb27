"""The compute analysis: references to launch templates, regional defaults, user data, scanning."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from csmm_static.compute import (
    block_devices_encrypted,
    find,
    launch_setting,
    launch_template,
    regional_default,
    regional_values,
    registry_scan_rules,
    require,
    rule_compliance,
    session_manager_ready,
    user_data_secrets,
)
from csmm_static.model import Graph, Reference, Resource, Unknown, UnknownValue, account_node

LT = "AWS::EC2::LaunchTemplate"


def _resource(
    logical_id: str, rtype: str, region: str | None = None, **properties: Any
) -> Resource:
    return Resource(
        node_id=f"cfn:t.yaml#{logical_id}",
        type=rtype,
        address=logical_id,
        properties=properties,
        region=region,
    )


def _ref(logical_id: str, attribute: str = "Ref") -> Reference:
    return Reference(f"${{{logical_id}}}", f"cfn:t.yaml#{logical_id}", attribute)


def _graph(*resources: Resource, settings: dict[str, Any] | None = None) -> Graph:
    graph = Graph()
    graph.add(account_node(None, settings or {}))
    for resource in resources:
        graph.add(resource)
    return graph


# -- finding what a property names ------------------------------------------------------------


def test_find_follows_a_reference_and_matches_literal_ids_and_arn_tails() -> None:
    template = _resource("Nodes", LT, LaunchTemplateName="nodes")
    profile = _resource("Profile", "AWS::IAM::InstanceProfile", InstanceProfileName="app")
    graph = _graph(template, profile)
    assert find(graph, LT, _ref("Nodes")) is template
    assert find(graph, LT, "nodes", ("LaunchTemplateName",)) is template
    assert find(graph, LT, "Nodes") is template  # the address
    arn = "arn:aws:iam::111122223333:instance-profile/app"
    assert find(graph, "AWS::IAM::InstanceProfile", arn, ("InstanceProfileName",)) is profile
    assert find(graph, LT, "lt-0123") is None
    assert find(graph, "AWS::EC2::Subnet", _ref("Nodes")) is None  # wrong type
    assert find(graph, LT, None) is None


def test_find_matches_an_id_that_ends_a_recorded_resource_s_arn() -> None:
    # AWS Config resources are addressed by ARN; properties elsewhere name them by id.
    recorded = Resource(
        node_id="config:111122223333/eu-west-1/AWS::EC2::Subnet/subnet-0a1b",
        type="AWS::EC2::Subnet",
        address="arn:aws:ec2:eu-west-1:111122223333:subnet/subnet-0a1b",
        properties={},
    )
    named = _resource("subnet-0a1b", "AWS::EC2::Subnet")  # an exact name wins over a tail
    assert find(_graph(recorded), "AWS::EC2::Subnet", "subnet-0a1b") is recorded
    assert find(_graph(recorded, named), "AWS::EC2::Subnet", "subnet-0a1b") is named


def test_require_makes_a_name_outside_the_scan_unknown() -> None:
    with pytest.raises(Unknown, match="launch template lt-0123 is not in the scan"):
        require(_graph(), LT, "lt-0123", "launch template")


# -- launch templates ------------------------------------------------------------------------


def test_launch_setting_prefers_the_instance_then_its_template() -> None:
    template = _resource(
        "Nodes", LT, LaunchTemplateData={"KeyName": "ops", "MetadataOptions": {"HttpTokens": "x"}}
    )
    instance = _resource(
        "Web",
        "AWS::EC2::Instance",
        LaunchTemplate={"LaunchTemplateId": _ref("Nodes")},
        MetadataOptions={"HttpTokens": "required"},
    )
    graph = _graph(template, instance)
    assert launch_template(graph, instance) is template
    assert launch_setting(graph, instance, "MetadataOptions.HttpTokens") == "required"
    assert launch_setting(graph, instance, "KeyName") == "ops"
    assert launch_setting(graph, instance, "UserData") is None


def test_launch_setting_is_unknown_when_the_template_is_outside_the_scan() -> None:
    instance = _resource(
        "Web", "AWS::EC2::Instance", LaunchTemplate={"LaunchTemplateName": "shared-nodes"}
    )
    graph = _graph(instance)
    with pytest.raises(Unknown):
        launch_setting(graph, instance, "KeyName")
    bare = _resource("Bare", "AWS::EC2::Instance")
    assert launch_setting(_graph(bare), bare, "KeyName") is None


# -- regional settings -----------------------------------------------------------------------


def test_regional_default_uses_the_resource_region_then_the_wildcard() -> None:
    settings = {
        "RegionalSettings": {
            "eu-west-1": {"EbsEncryptionByDefault": True},
            "*": {"InstanceMetadataDefaults": {"HttpTokens": "required"}},
        }
    }
    in_region = _resource("V", "AWS::EC2::Volume", region="eu-west-1")
    elsewhere = _resource("W", "AWS::EC2::Volume", region="us-east-1")
    unplaced = _resource("X", "AWS::EC2::Volume")
    graph = _graph(in_region, elsewhere, unplaced, settings=settings)
    assert regional_default(graph, in_region, "EbsEncryptionByDefault") is True
    assert regional_default(graph, elsewhere, "EbsEncryptionByDefault") is None
    assert regional_default(graph, unplaced, "EbsEncryptionByDefault") is None
    tokens = "InstanceMetadataDefaults.HttpTokens"
    assert regional_default(graph, unplaced, tokens) == "required"
    assert regional_default(graph, elsewhere, tokens) == "required"


def test_regional_values_lists_only_regions_that_record_the_key() -> None:
    account = account_node(
        "111122223333",
        {
            "RegionalSettings": {
                "us-east-1": {"EbsEncryptionByDefault": False},
                "eu-west-1": {"ImageBlockPublicAccessState": "block-new-sharing"},
            }
        },
    )
    assert regional_values(account, "EbsEncryptionByDefault") == {"us-east-1": False}
    assert regional_values(account_node(None), "EbsEncryptionByDefault") == {}


def test_rule_compliance_matches_identifiers_and_decorated_rule_names() -> None:
    account = account_node(
        "1",
        {
            "ConfigRuleCompliance": {
                "securityhub-ec2-ebs-encryption-by-default-a1b2c3": "COMPLIANT",
                "EC2_IMDSV2_CHECK": "NON_COMPLIANT",
                "ec2-imdsv2-check-conformance-pack-x": "COMPLIANT",
            }
        },
    )
    assert rule_compliance(account, "EC2_EBS_ENCRYPTION_BY_DEFAULT") == "COMPLIANT"
    assert rule_compliance(account, "EC2_IMDSV2_CHECK") == "NON_COMPLIANT"
    assert rule_compliance(account, "ENCRYPTED_VOLUMES") is None


# -- block devices ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mappings", "expected"),
    [
        ([{"Ebs": {"Encrypted": True}}, {"Ebs": {"Encrypted": "true"}}], True),
        ([{"Ebs": {"Encrypted": True}}, {"Ebs": {"VolumeSize": 100}}], False),
        ([{"Ebs": {"Encrypted": False}}], False),
        ([{"Ebs": {"Encrypted": True}}, {"VirtualName": "ephemeral0"}], True),
    ],
)
def test_block_devices_encrypted(mappings: list[Any], expected: bool) -> None:
    instance = _resource("Web", "AWS::EC2::Instance")
    assert block_devices_encrypted(_graph(instance), instance, mappings) is expected


def test_block_devices_follow_the_regional_default_and_say_when_they_cannot_know() -> None:
    instance = _resource("Web", "AWS::EC2::Instance")
    on = {"RegionalSettings": {"*": {"EbsEncryptionByDefault": True}}}
    graph = _graph(instance, settings=on)
    assert block_devices_encrypted(graph, instance, [{"Ebs": {"Encrypted": False}}]) is True
    assert block_devices_encrypted(graph, instance, None) is True
    plain = _graph(instance)
    with pytest.raises(Unknown, match="follows the AMI"):
        block_devices_encrypted(plain, instance, None)
    with pytest.raises(Unknown, match="snapshot"):
        block_devices_encrypted(plain, instance, [{"Ebs": {"SnapshotId": "snap-1"}}])
    with pytest.raises(Unknown):
        block_devices_encrypted(plain, instance, [UnknownValue("from a condition")])


# -- user data -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE", "an AWS access key id"),
        (
            "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "an AWS secret access key",
        ),
        ("-----BEGIN OPENSSH PRIVATE KEY-----", "a private key"),
        ("DB_PASSWORD=Sup3rS3cretPassw0rd", "a password or token assigned a literal value"),
        ('  "api_key": "9f8e7d6c5b4a39281706"', "a password or token assigned a literal value"),
    ],
)
def test_user_data_secrets_finds_credentials(text: str, found: str) -> None:
    assert found in user_data_secrets(f"#!/bin/bash\n{text}\n")


@pytest.mark.parametrize(
    "text",
    [
        'DB_PASSWORD=$(aws secretsmanager get-secret-value --secret-id "$ARN")',
        "SECRET_ARN=arn:aws:secretsmanager:eu-west-1:111122223333:secret:db",
        "password: '{{resolve:secretsmanager:db:SecretString:password}}'",
        "TOKEN=${TOKEN_FROM_PARAMETER}",
        "echo db_password_file=/run/app/db",
        "PASSWORD=short",
    ],
)
def test_user_data_secrets_ignores_references_and_names(text: str) -> None:
    assert user_data_secrets(text) == []


def test_user_data_secrets_decodes_base64_literals() -> None:
    encoded = base64.b64encode(b"#!/bin/bash\nexport TOKEN=ghp_0123456789abcdef\n").decode()
    assert user_data_secrets(encoded) == ["a password or token assigned a literal value"]
    assert user_data_secrets(None) == []
    with pytest.raises(Unknown):
        user_data_secrets(UnknownValue("parameter without a default"))


# -- registry scanning -----------------------------------------------------------------------


def _scanning(scan_type: str, frequency: str, *filters: str) -> Resource:
    rule = {
        "ScanFrequency": frequency,
        "RepositoryFilters": [{"Filter": f, "FilterType": "WILDCARD"} for f in filters],
    }
    return _resource(
        "Scanning", "AWS::ECR::RegistryScanningConfiguration", ScanType=scan_type, Rules=[rule]
    )


def test_registry_scan_rules_match_wildcards_and_substrings() -> None:
    repository = _resource("Api", "AWS::ECR::Repository", RepositoryName="team-shop/api")
    covered = {("ENHANCED", "CONTINUOUS_SCAN")}
    for pattern in ("*", "team-*", "shop", "*/api"):
        graph = _graph(repository, _scanning("ENHANCED", "CONTINUOUS_SCAN", pattern))
        assert registry_scan_rules(graph, repository) == covered, pattern
    for pattern in ("prod-*", "billing"):
        graph = _graph(repository, _scanning("ENHANCED", "CONTINUOUS_SCAN", pattern))
        assert registry_scan_rules(graph, repository) == set(), pattern


def test_registry_scan_rules_need_the_name_unless_the_filter_is_a_bare_wildcard() -> None:
    unnamed = _resource("Api", "AWS::ECR::Repository")
    assert registry_scan_rules(_graph(unnamed, _scanning("BASIC", "SCAN_ON_PUSH", "*")), unnamed)
    with pytest.raises(Unknown, match="generated"):
        registry_scan_rules(_graph(unnamed, _scanning("BASIC", "SCAN_ON_PUSH", "shop")), unnamed)


def test_regional_values_with_an_export_named_is_unknown_when_nothing_is_recorded() -> None:
    with pytest.raises(Unknown, match="supply the export"):
        regional_values(account_node(None), "EbsEncryptionByDefault", "the export")


def test_a_recorded_mapping_is_judged_by_the_volume_it_names() -> None:
    instance = _resource("i-0abc", "AWS::EC2::Instance")
    encrypted = _resource("vol-1", "AWS::EC2::Volume", VolumeId="vol-1", Encrypted=True)
    plain = _resource("vol-2", "AWS::EC2::Volume", VolumeId="vol-2", Encrypted=False)
    graph = _graph(instance, encrypted, plain)
    assert block_devices_encrypted(graph, instance, [{"Ebs": {"VolumeId": "vol-1"}}]) is True
    recorded = [{"Ebs": {"VolumeId": "vol-1"}}, {"Ebs": {"VolumeId": "vol-2"}}]
    assert block_devices_encrypted(graph, instance, recorded) is False
    with pytest.raises(Unknown, match="volume vol-9 is not in the scan"):
        block_devices_encrypted(graph, instance, [{"Ebs": {"VolumeId": "vol-9"}}])


def test_find_sees_resources_added_after_an_earlier_lookup() -> None:
    graph = _graph()
    assert find(graph, "AWS::EC2::Subnet", "subnet-1", ("SubnetId",)) is None
    subnet = _resource("Private", "AWS::EC2::Subnet", SubnetId="subnet-1")
    graph.add(subnet)
    assert find(graph, "AWS::EC2::Subnet", "subnet-1", ("SubnetId",)) is subnet


def _reachable(*role_extras: Resource, **role: Any) -> Graph:
    return _graph(
        _resource("Role", "AWS::IAM::Role", **role),
        _resource("Profile", "AWS::IAM::InstanceProfile", Roles=[_ref("Role")]),
        _resource("Web", "AWS::EC2::Instance", IamInstanceProfile=_ref("Profile")),
        *role_extras,
    )


def test_session_manager_ready_reads_managed_inline_and_attached_policies() -> None:
    core = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
    grant = {
        "Statement": [
            {"Effect": "Allow", "Action": ["ssm:UpdateInstanceInformation", "ssmmessages:*"]}
        ]
    }
    cases = [
        (_reachable(ManagedPolicyArns=[core]), True),
        (_reachable(Policies=[{"PolicyName": "ssm", "PolicyDocument": grant}]), True),
        (
            _reachable(
                _resource("Ssm", "AWS::IAM::Policy", Roles=[_ref("Role")], PolicyDocument=grant)
            ),
            True,
        ),
        (_reachable(ManagedPolicyArns=["arn:aws:iam::aws:policy/ReadOnlyAccess"]), False),
    ]
    for graph, expected in cases:
        web = graph.get("cfn:t.yaml#Web")
        assert web is not None
        assert session_manager_ready(graph, web) is expected


def test_session_manager_ready_is_unknown_behind_a_customer_policy_outside_the_scan() -> None:
    graph = _reachable(ManagedPolicyArns=["arn:aws:iam::111122223333:policy/ops"])
    web = graph.get("cfn:t.yaml#Web")
    assert web is not None
    with pytest.raises(Unknown, match="policy/ops"):
        session_manager_ready(graph, web)

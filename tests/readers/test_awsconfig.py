"""The AWS Config reader: shapes, key unification, decoding, latest items, coverage, streaming."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from csmm_static.engine import evaluate
from csmm_static.model import Resource, Unknown, is_unknown
from csmm_static.readers import ParseOptions, ParseResult, parse
from csmm_static.readers.awsconfig import claims
from csmm_static.readers.awsconfig.collect import Collector
from csmm_static.readers.awsconfig.items import decode_text
from csmm_static.readers.base import InputFile
from tests.conftest import builtin_controls

ACCOUNT = "111122223333"
REGION = "eu-west-1"
OWNER = {"displayName": None, "id": "7d5d1b0c9e3f4a2b8c6d0e1f2a3b4c5d"}
BLOCK_ALL = {
    "blockPublicAcls": True,
    "blockPublicPolicy": True,
    "ignorePublicAcls": True,
    "restrictPublicBuckets": True,
}


def delivered(rtype: str, rid: str, configuration: Any, **extra: Any) -> dict[str, Any]:
    """An item as AWS Config delivers it to S3 (snapshot and history files)."""
    item = {
        "relatedEvents": [],
        "relationships": extra.pop("relationships", []),
        "configuration": configuration,
        "supplementaryConfiguration": extra.pop("supplementary", {}),
        "tags": extra.pop("tags", {}),
        "configurationItemVersion": "1.3",
        "configurationItemCaptureTime": extra.pop("time", "2024-05-02T09:14:07.511Z"),
        "configurationStateId": extra.pop("state", 1714641247511),
        "awsAccountId": extra.pop("account", ACCOUNT),
        "configurationItemStatus": extra.pop("status", "OK"),
        "resourceType": rtype,
        "resourceId": rid,
        "resourceName": extra.pop("name", None),
        "ARN": extra.pop("arn", None),
        "awsRegion": extra.pop("region", REGION),
        "availabilityZone": "Regional",
        "configurationStateMd5Hash": "",
    }
    assert not extra, extra
    return item


def as_api(item: dict[str, Any]) -> dict[str, Any]:
    """The same item as get-resource-config-history prints it: other key names, JSON text."""
    return {
        "version": item["configurationItemVersion"],
        "accountId": item["awsAccountId"],
        "configurationItemCaptureTime": item["configurationItemCaptureTime"],
        "configurationItemStatus": item["configurationItemStatus"],
        "configurationStateId": str(item["configurationStateId"]),
        "arn": item["ARN"],
        "resourceType": item["resourceType"],
        "resourceId": item["resourceId"],
        "resourceName": item["resourceName"],
        "awsRegion": item["awsRegion"],
        "tags": item["tags"],
        "relationships": [
            {
                "resourceType": r["resourceType"],
                "resourceId": r["resourceId"],
                "relationshipName": r["name"],
            }
            for r in item["relationships"]
        ],
        "configuration": json.dumps(item["configuration"]),
        "supplementaryConfiguration": {
            k: json.dumps(v) for k, v in item["supplementaryConfiguration"].items()
        },
    }


def bucket(name: str = "reports", **supplementary: Any) -> dict[str, Any]:
    supplementary.setdefault("PublicAccessBlockConfiguration", BLOCK_ALL)
    supplementary.setdefault(
        "BucketVersioningConfiguration", {"status": "Enabled", "isMfaDeleteEnabled": None}
    )
    supplementary.setdefault("BucketPolicy", {"policyText": None})
    return delivered(
        "AWS::S3::Bucket",
        name,
        {"name": name, "owner": OWNER, "creationDate": "2023-11-20T16:02:41.000Z"},
        name=name,
        arn=f"arn:aws:s3:::{name}",
        supplementary=supplementary,
        tags={"team": "data"},
    )


def write(path: Path, doc: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = doc if isinstance(doc, str) else json.dumps(doc, indent=2)
    if path.name.endswith(".gz"):
        with gzip.open(path, "wt", encoding="utf-8") as handle:
            handle.write(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def snapshot(*items: dict[str, Any]) -> dict[str, Any]:
    return {"fileVersion": "1.0", "configSnapshotId": "5b1a0b7e", "configurationItems": list(items)}


def resources(parsed: ParseResult, rtype: str) -> list[Resource]:
    return parsed.graph.resources(rtype)


def only(parsed: ParseResult, rtype: str) -> Resource:
    found = resources(parsed, rtype)
    assert len(found) == 1, [r.node_id for r in found]
    return found[0]


# -- shapes ------------------------------------------------------------------------------------
def test_every_shape_gives_the_same_bucket(tmp_path: Path) -> None:
    item = bucket(
        AccessControlList=json.dumps(
            {"grantSet": None, "grantList": [], "owner": OWNER, "isRequesterCharged": False}
        )
    )
    api = as_api(item)
    api["supplementaryConfiguration"]["AccessControlList"] = json.dumps(
        json.dumps({"grantSet": None, "grantList": [], "owner": OWNER})
    )  # the API encodes the ACL twice
    query_row = {k: api[k] for k in ("accountId", "awsRegion", "arn", "resourceType", "resourceId")}
    query_row["configuration"] = item["configuration"]
    query_row["supplementaryConfiguration"] = item["supplementaryConfiguration"]
    query_row["tags"] = [{"key": "team", "value": "data", "tag": "team=data"}]
    shapes = {
        "delivered.json": snapshot(item),
        "delivered.json.gz": snapshot(item),
        "history.json": {"configurationItems": [api], "nextToken": None},
        "batch.json": {"baseConfigurationItems": [api], "unprocessedResourceKeys": []},
        "query.json": {"Results": [json.dumps(query_row)], "QueryInfo": {"SelectFields": []}},
        "query.jsonl": json.dumps(query_row) + "\n",
        "rows.json": [query_row],
        "single-item.json": api,
    }
    seen = []
    for name, doc in shapes.items():
        parsed = parse([write(tmp_path / name / name, doc)])
        assert [f.status for f in parsed.files] == ["read"], (name, parsed.diagnostics)
        found = only(parsed, "AWS::S3::Bucket")
        assert found.account == ACCOUNT and found.region == REGION, name
        seen.append((name, found.properties))
    first = seen[0][1]
    assert first["PublicAccessBlockConfiguration"]["BlockPublicPolicy"] is True
    assert first["VersioningConfiguration"] == {"Status": "Enabled"}
    assert first["AccessControl"] == "Private"
    for name, props in seen[1:]:
        assert props == first, name


def test_notifications_and_rule_events_carry_an_item(tmp_path: Path) -> None:
    change = {
        "configurationItemDiff": None,
        "configurationItem": bucket(),
        "messageType": "ConfigurationItemChangeNotification",
    }
    write(tmp_path / "sns.json", {"Type": "Notification", "Message": json.dumps(change)})
    write(tmp_path / "rule.json", {"version": "1.0", "invokingEvent": json.dumps(change)})
    write(
        tmp_path / "scheduled.json",
        {"invokingEvent": json.dumps({"messageType": "ScheduledNotification"})},
    )
    parsed = parse([tmp_path])
    assert len(resources(parsed, "AWS::S3::Bucket")) == 1
    assert {f.file.rsplit("/", 1)[1]: f.status for f in parsed.files} == {
        "rule.json": "read",
        "scheduled.json": "read",
        "sns.json": "read",
    }
    assert [d.code for d in parsed.diagnostics] == ["no-items"]


def test_claims_only_config_content() -> None:
    def claimed(name: str, head: str) -> bool:
        return claims(InputFile(Path(f"/x/{name}"), name, Path("/x")), head)

    assert claimed("a.json", '{"configurationItems": [')
    assert claimed("a.jsonl", '{"resourceType":"AWS::S3::Bucket","arn":"x"}')
    assert claimed("a.json", '{"Results": ["{\\"resourceType\\":\\"AWS::EC2::VPC\\"}"]}')
    assert claimed("a.json", '{"Type": "Notification", "Message": "{\\"configurationItem\\":{}}"}')
    assert not claimed("a.yaml", '{"configurationItems": [')
    assert not claimed("template.json", '{"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}')
    assert not claimed("package.json", '{"name": "web", "version": "1.0.0"}')


# -- decoding and unification ------------------------------------------------------------------
def test_decode_text_unwraps_repeatedly_and_stops_at_plain_text() -> None:
    assert decode_text(json.dumps(json.dumps({"a": 1}))) == {"a": 1}
    assert decode_text("false") is False
    assert decode_text("Enabled") == "Enabled"
    assert decode_text("{not json") == "{not json"


def test_iam_documents_are_url_decoded_and_managed_policies_take_the_default_version(
    tmp_path: Path,
) -> None:
    trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:*"}]}
    from urllib.parse import quote

    role = delivered(
        "AWS::IAM::Role",
        "AROAEXAMPLE",
        {
            "roleName": "deploy",
            "assumeRolePolicyDocument": quote(json.dumps(trust), safe=""),
            "rolePolicyList": [{"policyName": "p", "policyDocument": quote(json.dumps(trust))}],
            "attachedManagedPolicies": [{"policyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}],
        },
        region="global",
        arn=f"arn:aws:iam::{ACCOUNT}:role/deploy",
    )
    versions = [
        {"versionId": "v1", "isDefaultVersion": False, "document": quote('{"Statement": []}')},
        {"versionId": "v2", "isDefaultVersion": True, "document": quote(json.dumps(trust))},
    ]
    policy = delivered(
        "AWS::IAM::Policy",
        "ANPAEXAMPLE",
        {"policyName": "deploy", "defaultVersionId": "v2", "policyVersionList": versions},
        region="global",
    )
    broken = delivered(
        "AWS::IAM::Policy",
        "ANPABROKEN",
        {"policyName": "broken", "policyVersionList": [{"document": "%7B%22Vers"}]},
        region="global",
    )
    parsed = parse([write(tmp_path / "iam.json", snapshot(role, policy, broken))])
    found = only(parsed, "AWS::IAM::Role")
    assert found.get("AssumeRolePolicyDocument") == trust
    assert found.get("Policies.0.PolicyDocument") == trust
    assert found.get("ManagedPolicyArns") == ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
    managed = {r.get("ManagedPolicyName"): r for r in resources(parsed, "AWS::IAM::ManagedPolicy")}
    assert managed["deploy"].get("PolicyDocument") == trust
    with pytest.raises(Unknown):
        managed["broken"].get("PolicyDocument")
    assert any("default version" in d.message for d in parsed.diagnostics)


def test_security_group_permissions_become_cloudformation_rules(tmp_path: Path) -> None:
    group = delivered(
        "AWS::EC2::SecurityGroup",
        "sg-1",
        {
            "groupId": "sg-1",
            "groupName": "web",
            "vpcId": "vpc-1",
            "ipPermissions": [
                {  # a legacy item lists the CIDR twice: once in ipRanges, once in ipv4Ranges
                    "ipProtocol": "tcp",
                    "fromPort": 22,
                    "toPort": 22,
                    "ipRanges": ["0.0.0.0/0"],
                    "ipv4Ranges": [{"cidrIp": "0.0.0.0/0"}],
                    "ipv6Ranges": [{"cidrIpv6": "::/0"}],
                    "userIdGroupPairs": [{"groupId": "sg-2", "userId": ACCOUNT}],
                    "prefixListIds": [],
                },
                {"ipProtocol": "-1", "ipRanges": ["10.0.0.0/8"]},
            ],
            "ipPermissionsEgress": [],
        },
    )
    found = only(parse([write(tmp_path / "sg.json", snapshot(group))]), "AWS::EC2::SecurityGroup")
    assert found.get("SecurityGroupIngress") == [
        {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "0.0.0.0/0"},
        {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIpv6": "::/0"},
        {
            "IpProtocol": "tcp",
            "FromPort": 22,
            "ToPort": 22,
            "SourceSecurityGroupId": "sg-2",
            "SourceSecurityGroupOwnerId": ACCOUNT,
        },
        {"IpProtocol": "-1", "CidrIp": "10.0.0.0/8"},
    ]
    assert found.get("SecurityGroupEgress") == []
    partial = delivered("AWS::EC2::SecurityGroup", "sg-3", {"groupId": "sg-3"})
    found = only(parse([write(tmp_path / "q.json", snapshot(partial))]), "AWS::EC2::SecurityGroup")
    with pytest.raises(Unknown):
        found.get("SecurityGroupIngress")  # a query that left the rules out: not "no rules"


# -- latest item, deleted items, coverage ------------------------------------------------------
@pytest.mark.parametrize("newest_first", [True, False])
def test_latest_item_per_resource_wins_whatever_the_file_order(
    tmp_path: Path, newest_first: bool
) -> None:
    old = bucket(BucketVersioningConfiguration={"status": "Off"})
    old["configurationItemCaptureTime"] = "2024-01-01T00:00:00.000Z"
    new = bucket(BucketVersioningConfiguration={"status": "Enabled"})
    new["configurationItemCaptureTime"] = "2024-05-01T00:00:00.000+00:00"
    first, second = (new, old) if newest_first else (old, new)
    write(tmp_path / "a.json", snapshot(first))
    write(tmp_path / "b.json", snapshot(second))
    found = only(parse([tmp_path]), "AWS::S3::Bucket")
    assert found.get("VersioningConfiguration.Status") == "Enabled"


def test_a_deleted_latest_item_removes_the_resource(tmp_path: Path) -> None:
    gone = bucket()
    gone.update(
        configurationItemStatus="ResourceDeleted",
        configuration=None,
        supplementaryConfiguration={},
        configurationItemCaptureTime="2024-06-01T00:00:00.000Z",
    )
    write(
        tmp_path / "history.json.gz", {"fileVersion": "1.0", "configurationItems": [bucket(), gone]}
    )
    parsed = parse([tmp_path])
    assert resources(parsed, "AWS::S3::Bucket") == []
    assert parsed.files[0].status == "read"


def test_every_item_is_a_resource_evidence_or_an_unsupported_type(tmp_path: Path) -> None:
    compliance = delivered(
        "AWS::Config::ResourceCompliance",
        "AWS::S3::Bucket/reports",
        {
            "complianceType": "NON_COMPLIANT",
            "targetResourceId": "reports",
            "targetResourceType": "AWS::S3::Bucket",
            "configRuleList": [
                {
                    "configRuleName": "s3-bucket-versioning-enabled",
                    "complianceType": "NON_COMPLIANT",
                }
            ],
        },
    )
    camel = delivered("AWS::CodeBuild::Project", "build", {"name": "build", "source": {}})
    pascal = delivered("AWS::ECR::Repository", "app", {"RepositoryName": "app"})
    items = [bucket(), bucket(), compliance, camel, camel, pascal]
    path = write(tmp_path / "s.json", snapshot(*items))
    collector = Collector(ParseOptions())
    collector.add_file(InputFile(path, "s.json", tmp_path))
    result = collector.result()
    stats = collector.stats
    assert stats.items == len(items)
    assert stats.items - stats.superseded == (
        stats.resources + stats.evidence + stats.unsupported + stats.deleted + stats.unmappable
    )
    assert (stats.resources, stats.evidence, stats.unsupported) == (2, 1, 1)
    assert result.unsupported == {"AWS::CodeBuild::Project": 1}
    assert result.account_facts[ACCOUNT] == {
        "ConfigRuleCompliance": {"s3-bucket-versioning-enabled": "NON_COMPLIANT"}
    }
    assert {r.type for r in result.resources} == {"AWS::S3::Bucket", "AWS::ECR::Repository"}


def test_what_an_export_left_out_is_unknown_not_absent(tmp_path: Path) -> None:
    ids_only = {"resourceType": "AWS::S3::Bucket", "resourceId": "ids", "accountId": ACCOUNT}
    no_supplementary = bucket("nosupp")
    del no_supplementary["supplementaryConfiguration"]
    write(tmp_path / "q.json", {"Results": [json.dumps(ids_only)]})
    write(tmp_path / "s.json", snapshot(no_supplementary))
    parsed = parse([tmp_path])
    controls = [c for c in builtin_controls() if c.subject == "AWS::S3::Bucket"]
    statuses = {
        (r.control_id, s.address): s.status
        for p in evaluate(controls, parsed.graph).partitions
        for r in p.results
        for s in r.subjects
    }
    # Tags are recorded outside supplementaryConfiguration, and a bucket that no log source in
    # the scan delivers to is not held to Object Lock: neither depends on what was left out.
    decided = {k: v for k, v in statuses.items() if v != "unknown"}
    assert decided == {
        ("s3_bucket_data_classification_tagged", "arn:aws:s3:::nosupp"): "fail",
        ("s3_log_bucket_object_lock_enabled", "arn:aws:s3:::nosupp"): "pass",
        ("s3_log_bucket_object_lock_enabled", "ids"): "pass",
    }, statuses
    found = {r.address: r for r in resources(parsed, "AWS::S3::Bucket")}
    assert found["arn:aws:s3:::nosupp"].get("BucketName") == "nosupp"


# -- relationships and references --------------------------------------------------------------
def test_relationships_and_references_become_edges(tmp_path: Path) -> None:
    vpc = delivered("AWS::EC2::VPC", "vpc-1", {"vpcId": "vpc-1", "cidrBlock": "10.0.0.0/16"})
    log = delivered("AWS::EC2::FlowLog", "fl-1", {"resourceId": "vpc-1", "trafficType": "ALL"})
    volume = delivered(
        "AWS::EC2::Volume",
        "vol-1",
        {"encrypted": True, "attachments": [{"instanceId": "i-1"}]},
        relationships=[
            {
                "resourceType": "AWS::EC2::Instance",
                "resourceId": "i-1",
                "resourceName": None,
                "name": "Is attached to Instance",
            }
        ],
    )
    instance = delivered(
        "AWS::EC2::Instance",
        "i-1",
        {"blockDeviceMappings": [{"deviceName": "/dev/xvda", "ebs": {"volumeId": "vol-1"}}]},
    )
    orphan = delivered(
        "AWS::EC2::Instance",
        "i-2",
        {"blockDeviceMappings": [{"deviceName": "/dev/xvda", "ebs": {"volumeId": "vol-404"}}]},
    )
    parsed = parse([write(tmp_path / "s.json", snapshot(vpc, log, volume, instance, orphan))])
    graph = parsed.graph
    vpc_node = only(parsed, "AWS::EC2::VPC")
    assert [r.address for r in graph.related(vpc_node, "AWS::EC2::FlowLog", "in")] == ["fl-1"]
    kinds = {
        (e.source.rsplit("/", 1)[1], e.target.rsplit("/", 1)[1], e.kind) for e in graph.edges()
    }
    assert ("vol-1", "i-1", "relationship") in kinds and ("vol-1", "i-1", "reference") in kinds
    instances = {r.address: r for r in resources(parsed, "AWS::EC2::Instance")}
    assert instances["i-1"].get("BlockDeviceMappings.0.Ebs.Encrypted") is True
    with pytest.raises(Unknown):
        instances["i-2"].get("BlockDeviceMappings.0.Ebs.Encrypted")


def test_bucket_policy_becomes_a_separate_resource_joined_to_its_bucket(tmp_path: Path) -> None:
    policy = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*"}]}
    parsed = parse(
        [
            write(
                tmp_path / "s.json",
                snapshot(bucket(BucketPolicy={"policyText": json.dumps(policy)})),
            )
        ]
    )
    found = only(parsed, "AWS::S3::BucketPolicy")
    assert found.get("PolicyDocument") == policy and found.get("Bucket") == "reports"
    assert parsed.graph.related(found, "AWS::S3::Bucket", "out")


# -- files ---------------------------------------------------------------------------------------
def test_large_files_stream_item_by_item_with_line_numbers(tmp_path: Path) -> None:
    items = [bucket(f"bucket-{i:04d}") for i in range(400)]
    path = write(tmp_path / "big.json", snapshot(*items))
    assert path.stat().st_size > 400_000
    # A per-value limit far below the file size: only streaming can read it.
    parsed = parse([path], ParseOptions(max_file_bytes=20_000))
    found = resources(parsed, "AWS::S3::Bucket")
    assert len(found) == 400 and parsed.files[0].status == "read"
    lines = path.read_text(encoding="utf-8").split("\n")
    first = min(found, key=lambda r: r.node_id)
    assert first.source is not None and lines[first.source.line - 1].strip() == "{"
    assert '"relatedEvents"' in lines[first.source.line]
    assert first.source.end_line > first.source.line


def test_broken_files_are_diagnosed_and_the_rest_is_read(tmp_path: Path) -> None:
    write(tmp_path / "good.json", snapshot(bucket()))
    (tmp_path / "damaged.json.gz").write_bytes(gzip.compress(b'{"configurationItems": [')[:-6])
    write(tmp_path / "truncated.json", json.dumps(snapshot(bucket("a"), bucket("b")))[:-40])
    write(tmp_path / "utf16.json", "")
    (tmp_path / "utf16.json").write_text(json.dumps(snapshot(bucket("c"))), encoding="utf-16")
    bad_item = bucket("d")
    bad_item["awsRegion"] = 7
    truncated_api = as_api(bucket("f"))
    truncated_api["configuration"] = truncated_api["configuration"][:20]
    write(tmp_path / "bad-item.json", snapshot(bad_item, bucket("e"), truncated_api))
    parsed = parse([tmp_path])
    status = {f.file.rsplit("/", 1)[1]: f.status for f in parsed.files}
    assert status == {
        "bad-item.json": "read",
        "damaged.json.gz": "error",
        "good.json": "read",
        "truncated.json": "read",
        "utf16.json": "read",
    }
    names = sorted(r.get("BucketName") for r in resources(parsed, "AWS::S3::Bucket"))
    assert names == ["a", "c", "e", "reports"]
    messages = {d.file.rsplit("/", 1)[1]: d.message for d in parsed.diagnostics}
    assert "items before it were read" in messages["truncated.json"]
    bad_items = " | ".join(
        d.message for d in parsed.diagnostics if d.file.endswith("bad-item.json")
    )
    assert "awsRegion" in bad_items and "`configuration` is not a JSON object" in bad_items


def test_scope_becomes_account_and_unsupported_types_reach_the_report(tmp_path: Path) -> None:
    from csmm_static.pipeline import scan

    camel = delivered("AWS::CodeBuild::Project", "build", {"name": "build"})
    write(tmp_path / "s.json", snapshot(bucket(), camel))
    report = scan([tmp_path]).report
    assert report["scope"] == "account"
    assert report["coverage"]["unsupported_types"] == {"AWS::CodeBuild::Project": 1}
    assert report["inventory"] == {"AWS::S3::Bucket": 1}


def test_unknown_values_survive_only_where_config_is_silent(tmp_path: Path) -> None:
    trail = delivered(
        "AWS::CloudTrail::Trail",
        "t",
        {"name": "t", "isMultiRegionTrail": True, "hasCustomEventSelectors": False},
    )
    user = delivered("AWS::IAM::User", "AIDA1", {"userName": "u"}, region="global")
    parsed = parse([write(tmp_path / "s.json", snapshot(trail, user))])
    found = only(parsed, "AWS::CloudTrail::Trail")
    assert is_unknown(found.properties["IsLogging"]) and "EventSelectors" not in found.properties
    assert is_unknown(only(parsed, "AWS::IAM::User").properties["LoginProfile"])

"""The CloudFormation reader on real templates and on the intrinsics it must resolve."""

from __future__ import annotations

from pathlib import Path

import pytest

from csmm_static.model import Reference, Unknown, is_unknown
from csmm_static.readers import parse
from tests.conftest import corpus


def _read(tmp_path: Path, text: str, name: str = "template.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return parse([path])


def _one(result, logical_id: str):
    return next(r for r in result.graph if r.address == logical_id)


def test_cfngoat_resources_and_line_ranges() -> None:
    result = parse([corpus("cfngoat") / "cfngoat.yaml"])
    assert not result.diagnostics
    resources = [r for r in result.graph if r.type != "AWS::Account"]
    assert len(resources) == 45
    text = (corpus("cfngoat") / "cfngoat.yaml").read_text(encoding="utf-8").split("\n")
    for resource in resources:
        assert resource.source is not None
        first = text[resource.source.line - 1]
        assert first.strip().startswith(f"{resource.address}:"), (resource.address, first)
        assert resource.source.end_line >= resource.source.line
    instance = _one(result, "EC2Instance")
    assert (instance.source.line, instance.source.end_line) == (31, 72)


def test_non_templates_are_ignored_without_noise(tmp_path: Path) -> None:
    (tmp_path / "k8s.yaml").write_text("apiVersion: v1\nkind: Pod\nmetadata: {name: x}\n")
    (tmp_path / "workflow.yml").write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n")
    (tmp_path / "package.json").write_text('{"name": "x", "version": "1.0.0"}')
    (tmp_path / "values.yaml").write_text("Resources:\n  - just a list\n")
    result = parse([tmp_path])
    assert not result.diagnostics and not result.files
    assert len(result.graph) == 1  # only the account node


def test_parameters_pseudo_parameters_and_references(tmp_path: Path) -> None:
    result = _read(
        tmp_path,
        """
Parameters:
  Env: {Type: String, Default: prod}
  Secret: {Type: String, NoEcho: true}
  Subnets: {Type: CommaDelimitedList, Default: "a,b"}
  Ami: {Type: "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>", Default: /aws/ami}
Mappings:
  Sizes: {prod: {Size: large}}
Resources:
  Key:
    Type: AWS::KMS::Key
  Bucket:
    Type: AWS::S3::Bucket
    DependsOn: Key
    Properties:
      BucketName: !Sub "logs-${Env}-${AWS::AccountId}"
      Tags:
        - {Key: size, Value: !FindInMap [Sizes, !Ref Env, Size]}
        - {Key: joined, Value: !Join ["/", [!Select [1, !Ref Subnets], x]]}
        - {Key: secret, Value: !Ref Secret}
        - {Key: ami, Value: !Ref Ami}
        - {Key: partition, Value: !Sub "arn:${AWS::Partition}:s3:::x"}
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: aws:kms
              KMSMasterKeyID: !GetAtt Key.Arn
""",
    )
    bucket = _one(result, "Bucket")
    assert bucket.get("BucketName") == "logs-prod-${AWS::AccountId}"
    tags = bucket.properties["Tags"]
    assert tags[0]["Value"] == "large"
    assert tags[1]["Value"] == "b/x"
    assert is_unknown(tags[2]["Value"]) and is_unknown(tags[3]["Value"])
    assert tags[4]["Value"] == "arn:aws:s3:::x"
    key_arn = bucket.get(
        "BucketEncryption.ServerSideEncryptionConfiguration.0.ServerSideEncryptionByDefault.KMSMasterKeyID"
    )
    assert isinstance(key_arn, Reference) and key_arn.attribute == "Arn"
    assert key_arn.target.endswith("#Key")
    kinds = {(e.kind, e.via) for e in result.graph.edges()}
    assert ("depends_on", "DependsOn") in kinds
    assert any(k == "reference" and "KMSMasterKeyID" in v for k, v in kinds)
    with pytest.raises(Unknown, match="no default"):
        bool(tags[2]["Value"])


def test_conditions_decided_by_defaults_and_scenarios_for_the_rest(tmp_path: Path) -> None:
    result = _read(
        tmp_path,
        """
Parameters:
  Env: {Type: String, Default: dev, AllowedValues: [dev, prod]}
  Open: {Type: String, AllowedValues: ["yes", "no"]}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsOpen: !Equals [!Ref Open, "yes"]
Resources:
  ProdOnly:
    Type: AWS::S3::Bucket
    Condition: IsProd
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      VersioningConfiguration:
        Status: !If [IsProd, Enabled, Suspended]
      AccessControl: !If [IsOpen, PublicRead, !Ref AWS::NoValue]
""",
    )
    assert [r.address for r in result.graph.resources("AWS::S3::Bucket")] == ["Bucket"]
    bucket = _one(result, "Bucket")
    assert bucket.get("VersioningConfiguration.Status") == "Suspended"
    labels = sorted(label for label, _ in bucket.scenarios)
    assert labels == ["IsOpen=false", "IsOpen=true"]
    by_label = dict(bucket.scenarios)
    assert by_label["IsOpen=true"]["AccessControl"] == "PublicRead"
    assert "AccessControl" not in by_label["IsOpen=false"]
    with pytest.raises(Unknown):
        bucket.get("AccessControl")


def test_json_templates_and_standalone_rules_fold_into_their_group(tmp_path: Path) -> None:
    result = _read(
        tmp_path,
        """{
  "Resources": {
    "Sg": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "x"}},
    "Rule": {"Type": "AWS::EC2::SecurityGroupIngress",
             "Properties": {"GroupId": {"Fn::GetAtt": ["Sg", "GroupId"]}, "IpProtocol": "tcp",
                            "FromPort": 22, "ToPort": 22, "CidrIp": "0.0.0.0/0"}},
    "Acl": {"Type": "AWS::EC2::NetworkAcl", "Properties": {"VpcId": "vpc-1"}},
    "Entry": {"Type": "AWS::EC2::NetworkAclEntry",
              "Properties": {"NetworkAclId": {"Ref": "Acl"}, "RuleNumber": 100, "Protocol": -1,
                             "RuleAction": "allow", "Egress": false, "CidrBlock": "0.0.0.0/0"}}
  }
}""",
        name="template.json",
    )
    group = _one(result, "Sg")
    assert group.get("SecurityGroupIngress.0.FromPort") == 22
    assert group.source is not None and group.source.line == 3
    acl = _one(result, "Acl")
    assert acl.get("Entries.0.RuleAction") == "allow"


def test_a_broken_template_is_a_diagnostic_with_a_line(tmp_path: Path) -> None:
    result = _read(tmp_path, "Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties: [x\n")
    assert result.files[0].status == "error"
    assert result.diagnostics[0].line >= 4 and result.diagnostics[0].code == "parse-error"


def test_quoted_booleans_and_dates_are_normalised(tmp_path: Path) -> None:
    result = _read(
        tmp_path,
        """
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      PublicAccessBlockConfiguration: {BlockPublicAcls: "true", IgnorePublicAcls: "False"}
  Policy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Version: 2012-10-17
        Statement: []
""",
    )
    bucket = _one(result, "Bucket")
    assert bucket.get("PublicAccessBlockConfiguration.BlockPublicAcls") is True
    assert bucket.get("PublicAccessBlockConfiguration.IgnorePublicAcls") is False
    assert _one(result, "Policy").get("PolicyDocument.Version") == "2012-10-17"
    assert result.graph.related(bucket, "AWS::S3::BucketPolicy", direction="in")


def test_hostile_templates_become_diagnostics(tmp_path: Path) -> None:
    (tmp_path / "cidr.yaml").write_text(
        "Resources:\n  S:\n    Type: AWS::EC2::Subnet\n    Properties:\n"
        "      CidrBlock: !Select [0, !Cidr [0.0.0.0/0, 100000000, 1]]\n"
    )
    (tmp_path / "cycle.yaml").write_text(
        "Conditions:\n  A: !Condition B\n  B: !Condition A\nResources:\n  X:\n"
        "    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !If [A, x, y]\n"
    )
    (tmp_path / "latin1.yaml").write_bytes(
        "Resources:\n  X:\n    Type: AWS::S3::Bucket\n    Properties: {BucketName: café}\n".encode(
            "latin-1"
        )
    )
    (tmp_path / "utf16.json").write_bytes(
        '{"Resources": {"X": {"Type": "AWS::S3::Bucket"}}}'.encode("utf-16")
    )
    result = parse([tmp_path])
    subnet = next(r for r in result.graph if r.address == "S")
    with pytest.raises(Unknown, match="limits"):
        subnet.get("CidrBlock")
    codes = {d.file.rsplit("/", 1)[-1]: (d.code, d.line) for d in result.diagnostics}
    assert codes["cycle.yaml"] == ("condition-cycle", 2)
    assert codes["latin1.yaml"] == ("unreadable", 4)
    assert "utf16.json" not in codes  # UTF-16 with a byte-order mark is read
    buckets = result.graph.resources("AWS::S3::Bucket")
    files = {r.source.file.rsplit("/", 1)[-1] for r in buckets if r.source}
    assert files == {"cycle.yaml", "utf16.json"}

"""Terraform resources in CloudFormation's vocabulary: tables, folded satellites, account facts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from csmm_static.engine import evaluate
from csmm_static.model import Reference, is_unknown
from csmm_static.readers import parse
from tests.conftest import builtin_controls
from tests.readers.terraform_support import by_address, reason, scan

# One bucket, written the AWS provider v3 way (inline blocks) and the v4 way (satellites).
INLINE = """
resource "aws_s3_bucket" "b" {
  bucket = "reports"
  acl    = "%(acl)s"
  versioning { enabled = %(versioned)s }
  logging {
    target_bucket = "access-logs"
    target_prefix = "reports/"
  }
  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm     = "aws:kms"
        kms_master_key_id = "arn:aws:kms:eu-west-1:111122223333:key/k"
      }
      bucket_key_enabled = true
    }
  }
  lifecycle_rule {
    id      = "expire"
    enabled = true
    expiration { days = 90 }
    noncurrent_version_expiration { days = 30 }
    abort_incomplete_multipart_upload_days = 7
  }
  object_lock_configuration {
    object_lock_enabled = "Enabled"
    rule {
      default_retention {
        mode = "GOVERNANCE"
        days = 1
      }
    }
  }
}
"""

SPLIT = """
resource "aws_s3_bucket" "b" {
  bucket              = "reports"
  object_lock_enabled = true
}
resource "aws_s3_bucket_acl" "b" {
  bucket = aws_s3_bucket.b.id
  acl    = "%(acl)s"
}
resource "aws_s3_bucket_versioning" "b" {
  bucket = aws_s3_bucket.b.id
  versioning_configuration { status = "%(status)s" }
}
resource "aws_s3_bucket_logging" "b" {
  bucket        = aws_s3_bucket.b.id
  target_bucket = "access-logs"
  target_prefix = "reports/"
}
resource "aws_s3_bucket_server_side_encryption_configuration" "b" {
  bucket = aws_s3_bucket.b.bucket
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = "arn:aws:kms:eu-west-1:111122223333:key/k"
    }
    bucket_key_enabled = true
  }
}
resource "aws_s3_bucket_lifecycle_configuration" "b" {
  bucket = aws_s3_bucket.b.id
  rule {
    id     = "expire"
    status = "Enabled"
    expiration { days = 90 }
    noncurrent_version_expiration { noncurrent_days = 30 }
    abort_incomplete_multipart_upload { days_after_initiation = 7 }
  }
}
resource "aws_s3_bucket_object_lock_configuration" "b" {
  bucket = aws_s3_bucket.b.id
  rule {
    default_retention {
      mode = "GOVERNANCE"
      days = 1
    }
  }
}
"""

PUBLIC_ACCESS_BLOCK = """
resource "aws_s3_bucket_public_access_block" "b" {
  bucket                  = aws_s3_bucket.b.id
  block_public_acls       = true
  block_public_policy     = %(block)s
  ignore_public_acls      = true
  restrict_public_buckets = true
}
"""


def _bucket_verdicts(root: Path, text: str) -> tuple[dict[str, str], dict[str, Any]]:
    result = scan(root, {"main.tf": text})
    controls = [c for c in builtin_controls() if c.subject == "AWS::S3::Bucket"]
    evaluation = evaluate(controls, result.graph)
    verdicts: dict[str, str] = {
        r.control_id: r.status for p in evaluation.partitions for r in p.results
    }
    return verdicts, by_address(result)["aws_s3_bucket.b"].properties


@pytest.mark.parametrize(
    ("acl", "versioned", "status", "block"),
    [("private", "true", "Enabled", "true"), ("public-read", "false", "Suspended", "false")],
)
def test_s3_controls_judge_inline_and_split_buckets_alike(
    tmp_path: Path, acl: str, versioned: str, status: str, block: str
) -> None:
    values = {"acl": acl, "versioned": versioned, "status": status, "block": block}
    inline, inline_properties = _bucket_verdicts(
        tmp_path / "v3", (INLINE + PUBLIC_ACCESS_BLOCK) % values
    )
    split, split_properties = _bucket_verdicts(
        tmp_path / "v4", (SPLIT + PUBLIC_ACCESS_BLOCK) % values
    )
    assert inline == split
    # The settings this case varies decide these controls one way or the other.
    varied = ("s3_bucket_public_access_blocked", "s3_bucket_versioning_enabled")
    expected = "pass" if block == "true" else "fail"
    assert {inline[c] for c in varied} == {expected}
    assert inline_properties == split_properties


def test_one_control_gives_the_same_verdict_on_terraform_and_cloudformation(tmp_path: Path) -> None:
    (tmp_path / "template.yaml").write_text(
        "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n"
        "  Web:\n    Type: AWS::EC2::SecurityGroup\n"
        "    Properties:\n      GroupDescription: web\n      SecurityGroupIngress:\n"
        "        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}\n"
        "        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}\n",
        encoding="utf-8",
    )
    (tmp_path / "main.tf").write_text(
        'resource "aws_security_group" "web" {\n  description = "web"\n'
        '  ingress {\n    from_port = 22\n    to_port = 22\n    protocol = "tcp"\n'
        '    cidr_blocks = ["0.0.0.0/0"]\n  }\n}\n'
        'resource "aws_security_group_rule" "https" {\n  type = "ingress"\n'
        "  security_group_id = aws_security_group.web.id\n  from_port = 443\n  to_port = 443\n"
        '  protocol = "tcp"\n  cidr_blocks = ["0.0.0.0/0"]\n}\n',
        encoding="utf-8",
    )
    result = parse([tmp_path])
    [control] = [c for c in builtin_controls() if c.id == "ec2_security_group_no_public_ssh"]
    evaluation = evaluate([control], result.graph)
    statuses = {
        s.address: s.status for p in evaluation.partitions for r in p.results for s in r.subjects
    }
    assert statuses == {"Web": "fail", "aws_security_group.web": "fail"}
    groups = {r.native_type: r for r in result.graph.resources("AWS::EC2::SecurityGroup")}
    cfn, tf = groups["AWS::EC2::SecurityGroup"], groups["aws_security_group"]
    assert cfn.get("SecurityGroupIngress") == tf.get("SecurityGroupIngress")


def test_security_group_rules_in_every_style_become_one_list(tmp_path: Path) -> None:
    result = scan(
        tmp_path,
        {
            "main.tf": """
resource "aws_security_group" "sg" {
  ingress {
    from_port       = 80
    to_port         = 80
    protocol        = "tcp"
    cidr_blocks     = ["10.0.0.0/8", "192.168.0.0/16"]
    security_groups = ["sg-123"]
  }
}
resource "aws_security_group_rule" "self" {
  type              = "ingress"
  security_group_id = aws_security_group.sg.id
  from_port         = 0
  to_port           = 65535
  protocol          = "tcp"
  self              = true
}
resource "aws_vpc_security_group_ingress_rule" "v6" {
  security_group_id = aws_security_group.sg.id
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv6         = "::/0"
}
resource "aws_vpc_security_group_egress_rule" "all" {
  security_group_id = aws_security_group.sg.id
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}
"""
        },
    )
    group = by_address(result)["aws_security_group.sg"]
    http = {"IpProtocol": "tcp", "FromPort": 80, "ToPort": 80}
    assert group.get("SecurityGroupIngress") == [
        {**http, "CidrIp": "10.0.0.0/8"},
        {**http, "CidrIp": "192.168.0.0/16"},
        {**http, "SourceSecurityGroupId": "sg-123"},
        {
            "IpProtocol": "tcp",
            "FromPort": 0,
            "ToPort": 65535,
            "SourceSecurityGroupId": "${aws_security_group.sg.id}",
        },
        {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIpv6": "::/0"},
    ]
    assert group.get("SecurityGroupEgress") == [{"IpProtocol": "-1", "CidrIp": "0.0.0.0/0"}]
    assert group.get("GroupDescription") == "Managed by Terraform"


def test_a_group_without_egress_rules_has_none(tmp_path: Path) -> None:
    # Terraform deletes the allow-all egress AWS creates; CloudFormation keeps it when absent.
    result = scan(tmp_path, {"main.tf": 'resource "aws_security_group" "sg" {}\n'})
    assert by_address(result)["aws_security_group.sg"].get("SecurityGroupEgress") == []


def test_network_acl_entries_in_both_styles(tmp_path: Path) -> None:
    result = scan(
        tmp_path,
        {
            "main.tf": """
resource "aws_network_acl" "a" {
  ingress {
    protocol   = "tcp"
    rule_no    = 100
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 22
    to_port    = 22
  }
}
resource "aws_network_acl_rule" "deny" {
  network_acl_id = aws_network_acl.a.id
  rule_number    = 200
  egress         = true
  protocol       = "-1"
  rule_action    = "deny"
  cidr_block     = "0.0.0.0/0"
}
"""
        },
    )
    assert by_address(result)["aws_network_acl.a"].get("Entries") == [
        {
            "RuleNumber": 100,
            "Protocol": 6,
            "RuleAction": "allow",
            "Egress": False,
            "CidrBlock": "0.0.0.0/0",
            "PortRange": {"From": 22, "To": 22},
        },
        {
            "RuleNumber": 200,
            "Egress": True,
            "Protocol": -1,
            "RuleAction": "deny",
            "CidrBlock": "0.0.0.0/0",
        },
    ]


def test_iam_attachments_and_inline_policies(tmp_path: Path) -> None:
    result = scan(
        tmp_path,
        {
            "main.tf": """
data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}
resource "aws_iam_role" "app" {
  name               = "app"
  assume_role_policy = data.aws_iam_policy_document.trust.json
  inline_policy {
    name   = "read"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }]
    })
  }
}
resource "aws_iam_role_policy_attachment" "ssm" {
  role       = aws_iam_role.app.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
}
resource "aws_iam_policy_attachment" "shared" {
  name       = "shared"
  roles      = ["app"]
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
resource "aws_iam_role_policy" "extra" {
  name   = "extra"
  role   = aws_iam_role.app.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
  })
}
"""
        },
    )
    resources = by_address(result)
    role = resources["aws_iam_role.app"]
    assert role.get("ManagedPolicyArns") == [
        "arn:aws:iam::aws:policy/ReadOnlyAccess",
        "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
    ]
    assert json.loads(role.get("AssumeRolePolicyDocument")) == {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Action": "sts:AssumeRole",
                "Principal": {"Service": "ec2.amazonaws.com"},
            }
        ],
    }
    assert role.get("Policies.0.PolicyName") == "read"
    extra = resources["aws_iam_role_policy.extra"]
    assert extra.type == "AWS::IAM::Policy" and extra.get("Roles") == ["${aws_iam_role.app.id}"]
    assert role in result.graph.related(extra, "AWS::IAM::Role", direction="out")


def test_a_satellite_whose_parent_is_not_known_makes_the_setting_unknown(tmp_path: Path) -> None:
    result = scan(
        tmp_path,
        {
            "main.tf": """
variable "bucket_name" {}
resource "aws_s3_bucket" "a" { bucket = "a" }
resource "aws_s3_bucket" "b" {
  bucket = "b"
  versioning { enabled = true }
}
resource "aws_s3_bucket_versioning" "v" {
  bucket = var.bucket_name
  versioning_configuration { status = "Enabled" }
}
"""
        },
    )
    resources = by_address(result)
    assert "cannot be resolved offline" in reason(
        resources["aws_s3_bucket.a"].properties["VersioningConfiguration"]
    )
    assert resources["aws_s3_bucket.b"].get("VersioningConfiguration.Status") == "Enabled"


def test_a_satellite_created_conditionally_makes_its_setting_unknown(tmp_path: Path) -> None:
    result = scan(
        tmp_path,
        {
            "main.tf": """
variable "versioned" { type = bool }
resource "aws_s3_bucket" "b" { bucket = "b" }
resource "aws_s3_bucket_versioning" "v" {
  count  = var.versioned ? 1 : 0
  bucket = aws_s3_bucket.b.id
  versioning_configuration { status = "Enabled" }
}
"""
        },
    )
    assert "is created is not known" in reason(
        by_address(result)["aws_s3_bucket.b"].properties["VersioningConfiguration"]
    )


def test_provider_defaults_fill_what_aws_would_default_otherwise(tmp_path: Path) -> None:
    result = scan(
        tmp_path,
        {
            "main.tf": """
resource "aws_cloudtrail" "t" {
  name           = "t"
  s3_bucket_name = "logs"
}
resource "aws_db_instance" "db" { engine = "postgres" }
"""
        },
    )
    resources = by_address(result)
    trail = resources["aws_cloudtrail.t"]
    assert (
        trail.get("IsLogging"),
        trail.get("IncludeGlobalServiceEvents"),
        trail.get("IsMultiRegionTrail"),
    ) == (True, True, False)
    assert resources["aws_db_instance.db"].get("PubliclyAccessible") is False


def test_account_wide_settings_become_account_facts(tmp_path: Path) -> None:
    result = scan(
        tmp_path,
        {
            "main.tf": """
resource "aws_iam_account_password_policy" "p" {
  minimum_password_length   = 14
  password_reuse_prevention = 24
  require_symbols           = true
}
resource "aws_ebs_encryption_by_default" "on" {}
resource "aws_ec2_instance_metadata_defaults" "imds" { http_tokens = "required" }
"""
        },
    )
    account = result.graph.account
    assert account.get("PasswordPolicy.MinimumPasswordLength") == 14
    assert account.get("PasswordPolicy.PasswordReusePrevention") == 24
    assert account.get("PasswordPolicy.RequireNumbers") is False
    assert account.get("RegionalSettings.*.EbsEncryptionByDefault") is True
    assert account.get("RegionalSettings.*.InstanceMetadataDefaults.HttpTokens") == "required"


def test_pseudo_values_and_inline_policies_as_separate_resources(tmp_path: Path) -> None:
    result = scan(
        tmp_path,
        {
            "main.tf": """
data "aws_caller_identity" "me" {}
data "aws_region" "here" {}
data "aws_partition" "p" {}
resource "aws_s3_bucket" "b" {
  bucket = "logs-${data.aws_caller_identity.me.account_id}-${data.aws_region.here.name}"
  policy = jsonencode({ Statement = [{
    Effect    = "Deny"
    Principal = "*"
    Action    = "s3:*"
    Resource  = "arn:${data.aws_partition.p.partition}:s3:::x"
  }] })
}
resource "aws_internet_gateway" "igw" { vpc_id = aws_vpc.v.id }
resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }
"""
        },
    )
    resources = by_address(result)
    assert resources["aws_s3_bucket.b"].get("BucketName") == "logs-${AWS::AccountId}-${AWS::Region}"
    policy = resources["aws_s3_bucket.b.policy"]
    assert policy.type == "AWS::S3::BucketPolicy" and "arn:aws:s3:::x" in policy.get(
        "PolicyDocument"
    )
    attachment = resources["aws_internet_gateway.igw.attachment"]
    assert attachment.type == "AWS::EC2::VPCGatewayAttachment"
    assert {r.address for r in result.graph.related(attachment, direction="out")} == {
        "aws_internet_gateway.igw",
        "aws_vpc.v",
    }


def test_policy_documents_with_unknown_parts_keep_their_known_statements(tmp_path: Path) -> None:
    result = scan(
        tmp_path,
        {
            "main.tf": """
variable "principal" {}
data "aws_iam_policy_document" "p" {
  statement {
    sid       = "Admin"
    actions   = ["*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = [var.principal]
    }
  }
}
resource "aws_iam_policy" "p" { policy = data.aws_iam_policy_document.p.json }
"""
        },
    )
    document = by_address(result)["aws_iam_policy.p"].properties["PolicyDocument"]
    assert isinstance(document, dict)
    assert document["Statement"][0]["Action"] == "*"
    assert is_unknown(document["Statement"][0]["Principal"]["AWS"])


def test_references_name_the_resource_they_point_at(tmp_path: Path) -> None:
    result = scan(
        tmp_path,
        {
            "main.tf": """
resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }
resource "aws_flow_log" "f" {
  vpc_id       = aws_vpc.v.id
  traffic_type = "ALL"
}
"""
        },
    )
    resources = by_address(result)
    flow = resources["aws_flow_log.f"]
    resource_id = flow.get("ResourceId")
    assert (
        isinstance(resource_id, Reference) and resource_id.target == resources["aws_vpc.v"].node_id
    )
    assert (flow.get("ResourceType"), flow.get("LogDestinationType")) == ("VPC", "cloud-watch-logs")


def test_provider_default_tags_are_merged_under_the_resource_tags(tmp_path: Path) -> None:
    result = scan(
        tmp_path,
        {
            "main.tf": """
provider "aws" {
  default_tags {
    tags = { Owner = "platform", Environment = "prod" }
  }
}
provider "aws" {
  alias = "other"
  default_tags {
    tags = { Owner = "other" }
  }
}
resource "aws_s3_bucket" "b" {
  bucket = "b"
  tags   = { Environment = "test" }
}
"""
        },
    )
    assert by_address(result)["aws_s3_bucket.b"].tags == {
        "Environment": "test",
        "Owner": "platform",
    }


def test_a_value_shaped_unlike_the_schema_is_unknown_not_a_crash(tmp_path: Path) -> None:
    result = scan(
        tmp_path,
        {
            "main.tf": """
resource "aws_instance" "web" {
  metadata_options = "required"
  root_block_device = 7
}
resource "aws_s3_bucket" "b" {
  versioning = "yes"
}
"""
        },
    )
    resources = by_address(result)
    assert "is not a block" in reason(resources["aws_instance.web"].properties["MetadataOptions"])
    assert "cannot be read" in reason(
        resources["aws_s3_bucket.b"].properties["VersioningConfiguration"]["Status"]
    )


def test_a_satellite_that_may_belong_to_either_of_two_parents_leaves_both_unknown(
    tmp_path: Path,
) -> None:
    result = scan(
        tmp_path,
        {
            "main.tf": """
variable "first" { type = bool }
resource "aws_s3_bucket" "a" { bucket = "a" }
resource "aws_s3_bucket" "b" { bucket = "b" }
resource "aws_s3_bucket" "c" { bucket = "c" }
resource "aws_s3_bucket_versioning" "v" {
  bucket = var.first ? aws_s3_bucket.a.id : aws_s3_bucket.b.id
  versioning_configuration { status = "Enabled" }
}
"""
        },
    )
    resources = by_address(result)
    assert "one of 2 resources" in reason(
        resources["aws_s3_bucket.a"].properties["VersioningConfiguration"]
    )
    assert "one of 2 resources" in reason(
        resources["aws_s3_bucket.b"].properties["VersioningConfiguration"]
    )
    assert not resources["aws_s3_bucket.c"].has("VersioningConfiguration")


def test_policy_documents_merge_source_and_override_documents_by_sid(tmp_path: Path) -> None:
    result = scan(
        tmp_path,
        {
            "main.tf": """
data "aws_iam_policy_document" "base" {
  statement {
    sid       = "Read"
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
  statement {
    sid       = "Write"
    actions   = ["s3:PutObject"]
    resources = ["*"]
  }
}
data "aws_iam_policy_document" "final" {
  source_policy_documents = [data.aws_iam_policy_document.base.json]
  statement {
    sid       = "List"
    actions   = ["s3:ListBucket"]
    resources = ["*"]
  }
  override_policy_documents = [jsonencode({
    Statement = [{ Sid = "Write", Effect = "Deny", Action = "s3:PutObject", Resource = "*" }]
  })]
}
resource "aws_iam_policy" "p" { policy = data.aws_iam_policy_document.final.json }
"""
        },
    )
    document = json.loads(by_address(result)["aws_iam_policy.p"].get("PolicyDocument"))
    assert [(s["Sid"], s["Effect"]) for s in document["Statement"]] == [
        ("Read", "Allow"),
        ("Write", "Deny"),
        ("List", "Allow"),
    ]


def test_identity_center_access_control_attributes(tmp_path: Path) -> None:
    """`aws_ssoadmin_instance_access_control_attributes` is CloudFormation's
    `AWS::SSO::InstanceAccessControlAttributeConfiguration` (Terraform AWS provider docs:
    `attribute { key, value { source } }`)."""
    result = scan(
        tmp_path,
        {
            "main.tf": """
resource "aws_ssoadmin_instance_access_control_attributes" "abac" {
  instance_arn = "arn:aws:sso:::instance/ssoins-1111222233334444"
  attribute {
    key = "department"
    value {
      source = ["$${path:enterprise.department}"]
    }
  }
}
"""
        },
    )
    attributes = by_address(result)["aws_ssoadmin_instance_access_control_attributes.abac"]
    assert attributes.type == "AWS::SSO::InstanceAccessControlAttributeConfiguration"
    assert attributes.get("AccessControlAttributes") == [
        {"Key": "department", "Value": {"Source": ["${path:enterprise.department}"]}}
    ]


def test_a_satellite_finds_its_parent_by_the_resource_both_name(tmp_path: Path) -> None:
    # aws_shield_application_layer_automatic_response names the protected resource, as its
    # aws_shield_protection does; the protection of another resource is not its parent.
    result = scan(
        tmp_path,
        {
            "main.tf": """
resource "aws_lb" "web" { name = "web" }
resource "aws_lb" "api" { name = "api" }
resource "aws_shield_protection" "web" {
  name         = "web"
  resource_arn = aws_lb.web.arn
}
resource "aws_shield_protection" "api" {
  name         = "api"
  resource_arn = aws_lb.api.arn
}
resource "aws_shield_application_layer_automatic_response" "web" {
  resource_arn = aws_lb.web.arn
  action       = "COUNT"
}
"""
        },
    )
    resources = by_address(result)
    web = resources["aws_shield_protection.web"]
    assert web.get("ApplicationLayerAutomaticResponseConfiguration") == {
        "Status": "ENABLED",
        "Action": {"Count": {}},
    }
    assert (
        resources["aws_shield_protection.api"].get("ApplicationLayerAutomaticResponseConfiguration")
        is None
    )


def test_the_default_route_table_and_a_main_association_mark_the_main_table(
    tmp_path: Path,
) -> None:
    result = scan(
        tmp_path,
        {
            "main.tf": """
resource "aws_vpc" "a" { cidr_block = "10.0.0.0/16" }
resource "aws_default_route_table" "a" {
  default_route_table_id = aws_vpc.a.default_route_table_id
}
resource "aws_vpc" "b" { cidr_block = "10.1.0.0/16" }
resource "aws_route_table" "b" { vpc_id = aws_vpc.b.id }
resource "aws_route_table" "other" { vpc_id = aws_vpc.b.id }
resource "aws_main_route_table_association" "b" {
  vpc_id         = aws_vpc.b.id
  route_table_id = aws_route_table.b.id
}
"""
        },
    )
    resources = by_address(result)
    assert resources["aws_default_route_table.a"].get("Main") is True
    assert resources["aws_route_table.b"].get("Main") is True
    assert resources["aws_route_table.other"].get("Main") is None

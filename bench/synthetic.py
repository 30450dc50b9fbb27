"""Synthetic inputs of a chosen size for the scale series: Terraform and an AWS Config snapshot.

Both are in the real formats (HCL as people write it, Config snapshot files as AWS delivers them
to S3: a `configurationItems` wrapper with JSON-string `supplementaryConfiguration` values), and
both mix resource types so that several controls have subjects.
"""

from __future__ import annotations

import json
from pathlib import Path

RESOURCES_PER_FILE = 500
ITEMS_PER_SNAPSHOT = 10_000
ACCOUNT = "123456789012"
REGION = "eu-west-1"


_GROUP = [
    """resource "aws_s3_bucket" "data_{i}" {{
  bucket = "synthetic-data-{i}"
}}
""",
    """resource "aws_s3_bucket_versioning" "data_{i}" {{
  bucket = aws_s3_bucket.data_{i}.id
  versioning_configuration {{
    status = "{versioning}"
  }}
}}
""",
    """resource "aws_s3_bucket_public_access_block" "data_{i}" {{
  bucket                  = aws_s3_bucket.data_{i}.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = {restrict}
}}
""",
    """resource "aws_security_group" "app_{i}" {{
  name   = "app-{i}"
  vpc_id = var.vpc_id
  ingress {{
    from_port   = {port}
    to_port     = {port}
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }}
}}
""",
    """resource "aws_instance" "app_{i}" {{
  ami                    = var.ami
  instance_type          = "t3.micro"
  vpc_security_group_ids = [aws_security_group.app_{i}.id]
  metadata_options {{
    http_tokens = "{tokens}"
  }}
}}
""",
]


def _terraform_group(i: int) -> list[str]:
    """Five resources: a bucket with two satellites, a security group and an instance."""
    values = {
        "i": i,
        "versioning": "Enabled" if i % 3 else "Suspended",
        "restrict": str(i % 4 != 0).lower(),
        "port": 22 if i % 10 == 0 else 443,
        "tokens": "required" if i % 2 else "optional",
    }
    return [block.format(**values) for block in _GROUP]


def write_terraform(target: Path, resources: int) -> None:
    target.mkdir(parents=True, exist_ok=True)
    (target / "variables.tf").write_text(
        'variable "vpc_id" {\n  default = "vpc-0123456789abcdef0"\n}\n\n'
        'variable "ami" {\n  default = "ami-0c02fb55956c7d316"\n}\n',
        encoding="utf-8",
    )
    blocks: list[str] = []
    i = 0
    while len(blocks) < resources:
        blocks.extend(_terraform_group(i))
        i += 1
    blocks = blocks[:resources]
    for start in range(0, len(blocks), RESOURCES_PER_FILE):
        chunk = blocks[start : start + RESOURCES_PER_FILE]
        (target / f"part_{start // RESOURCES_PER_FILE:04d}.tf").write_text(
            "\n".join(chunk), encoding="utf-8"
        )


def _bucket_item(i: int) -> dict[str, object]:
    name = f"synthetic-bucket-{i}"
    return {
        "version": "1.3",
        "accountId": ACCOUNT,
        "configurationItemCaptureTime": "2026-11-01T10:00:00.000Z",
        "configurationItemStatus": "OK",
        "configurationStateId": str(1730000000000 + i),
        "configurationItemMD5Hash": "",
        "arn": f"arn:aws:s3:::{name}",
        "resourceType": "AWS::S3::Bucket",
        "resourceId": name,
        "resourceName": name,
        "awsRegion": REGION,
        "availabilityZone": "Regional",
        "resourceCreationTime": "2026-01-01T00:00:00.000Z",
        "tags": {"team": f"t{i % 7}"},
        "relatedEvents": [],
        "relationships": [],
        "configuration": {
            "name": name,
            "owner": {"id": "abc"},
            "creationDate": "2026-01-01T00:00:00.000Z",
        },
        "supplementaryConfiguration": {
            "BucketVersioningConfiguration": json.dumps(
                {"status": "Enabled" if i % 3 else "Off", "isMfaDeleteEnabled": None}
            ),
            "PublicAccessBlockConfiguration": json.dumps(
                {
                    "blockPublicAcls": True,
                    "ignorePublicAcls": True,
                    "blockPublicPolicy": True,
                    "restrictPublicBuckets": i % 4 != 0,
                }
            ),
            "BucketPolicy": json.dumps({"policyText": None}),
            "ServerSideEncryptionConfiguration": json.dumps(
                {
                    "rules": [
                        {
                            "applyServerSideEncryptionByDefault": {"sseAlgorithm": "AES256"},
                            "bucketKeyEnabled": False,
                        }
                    ]
                }
            ),
        },
    }


def _security_group_item(i: int) -> dict[str, object]:
    group_id = f"sg-{i:017x}"
    port = 22 if i % 10 == 0 else 443
    return {
        "version": "1.3",
        "accountId": ACCOUNT,
        "configurationItemCaptureTime": "2026-11-01T10:00:00.000Z",
        "configurationItemStatus": "OK",
        "configurationStateId": str(1730000000000 + i),
        "arn": f"arn:aws:ec2:{REGION}:{ACCOUNT}:security-group/{group_id}",
        "resourceType": "AWS::EC2::SecurityGroup",
        "resourceId": group_id,
        "resourceName": f"app-{i}",
        "awsRegion": REGION,
        "availabilityZone": "Not Applicable",
        "tags": {},
        "relatedEvents": [],
        "relationships": [
            {
                "resourceId": "vpc-0123456789abcdef0",
                "resourceType": "AWS::EC2::VPC",
                "name": "Is contained in Vpc",
            }
        ],
        "configuration": {
            "description": "synthetic",
            "groupName": f"app-{i}",
            "ownerId": ACCOUNT,
            "groupId": group_id,
            "vpcId": "vpc-0123456789abcdef0",
            "ipPermissions": [
                {
                    "fromPort": port,
                    "ipProtocol": "tcp",
                    "ipv6Ranges": [],
                    "prefixListIds": [],
                    "toPort": port,
                    "userIdGroupPairs": [],
                    "ipv4Ranges": [{"cidrIp": "0.0.0.0/0"}],
                    "ipRanges": ["0.0.0.0/0"],
                }
            ],
            "ipPermissionsEgress": [],
        },
        "supplementaryConfiguration": {},
    }


def write_config_snapshot(target: Path, items: int) -> None:
    """Snapshot files of at most ITEMS_PER_SNAPSHOT items, half buckets, half security groups."""
    target.mkdir(parents=True, exist_ok=True)
    for start in range(0, items, ITEMS_PER_SNAPSHOT):
        batch = [
            _bucket_item(i) if i % 2 == 0 else _security_group_item(i)
            for i in range(start, min(items, start + ITEMS_PER_SNAPSHOT))
        ]
        document = {
            "fileVersion": "1.0",
            "configSnapshotId": f"00000000-0000-0000-0000-{start:012d}",
            "configurationItems": batch,
        }
        part = start // ITEMS_PER_SNAPSHOT
        name = f"{ACCOUNT}_Config_{REGION}_ConfigSnapshot_20261101T100000Z_{part:04d}.json"
        (target / name).write_text(json.dumps(document), encoding="utf-8")

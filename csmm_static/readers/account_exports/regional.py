"""Account settings that apply per region (EBS encryption by default, AMI and snapshot block
public access, instance metadata defaults) and the account-level S3 Block Public Access."""

from __future__ import annotations

from typing import Any

from csmm_static.readers.account_exports.context import Context
from csmm_static.readers.awsconfig.mapping.s3 import public_access_block

SNAPSHOT_STATES = frozenset({"block-all-sharing", "block-new-sharing", "unblocked"})


def _setting(ctx: Context, key: str, value: Any) -> None:
    ctx.fact(ctx.account(), "RegionalSettings", {ctx.region() or "*": {key: value}})


def ebs_encryption_by_default(doc: dict[str, Any], ctx: Context) -> None:
    _setting(ctx, "EbsEncryptionByDefault", doc["EbsEncryptionByDefault"])


def ebs_default_kms_key(doc: dict[str, Any], ctx: Context) -> None:
    _setting(ctx, "EbsDefaultKmsKeyId", doc["KmsKeyId"])


def image_block_public_access(doc: dict[str, Any], ctx: Context) -> None:
    _setting(ctx, "ImageBlockPublicAccessState", doc["ImageBlockPublicAccessState"])


def snapshot_block_public_access(doc: dict[str, Any], ctx: Context) -> None:
    _setting(ctx, "SnapshotBlockPublicAccessState", doc["State"])


def instance_metadata_defaults(doc: dict[str, Any], ctx: Context) -> None:
    level = doc["AccountLevel"] if isinstance(doc["AccountLevel"], dict) else {}
    keys = ("HttpTokens", "HttpPutResponseHopLimit", "HttpEndpoint", "InstanceMetadataTags")
    _setting(
        ctx, "InstanceMetadataDefaults", {k: level[k] for k in keys if level.get(k) is not None}
    )


def guardduty_detector_ids(doc: dict[str, Any], ctx: Context) -> None:
    ids = sorted(d for d in doc["DetectorIds"] if isinstance(d, str))
    _setting(ctx, "GuardDutyDetectorIds", ids)


def s3_account_public_access_block(doc: dict[str, Any], ctx: Context) -> None:
    account = ctx.account()
    ctx.add(
        "AWS::S3::AccountPublicAccessBlock",
        account or "account",
        public_access_block(doc["PublicAccessBlockConfiguration"]) or {},
        account=account,
        region=None,
    )

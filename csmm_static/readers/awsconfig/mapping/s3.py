"""S3: bucket settings live in `supplementaryConfiguration`, one Describe-API object per setting.

Config records `BucketVersioningConfiguration.status = "Off"` for a bucket that never had
versioning, `{destinationBucketName: null}` for no access logging and `{policyText: null}` for no
policy; those become absent properties, as an IaC bucket that does not set them.
"""

from __future__ import annotations

from typing import Any

from csmm_static.model import UnknownValue
from csmm_static.readers.awsconfig.mapping.common import (
    Output,
    boolean,
    dicts,
    get,
    integer,
    policy_document,
    positive,
    set_props,
)

_FLAGS = ("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets")
_SETTINGS = (
    "PublicAccessBlockConfiguration",
    "BucketEncryption",
    "VersioningConfiguration",
    "LoggingConfiguration",
    "LifecycleConfiguration",
    "ObjectLockEnabled",
    "ObjectLockConfiguration",
    "ReplicationConfiguration",
    "AccessControl",
    "WebsiteConfiguration",
)


def public_access_block(data: Any) -> dict[str, bool] | None:
    if not isinstance(data, dict):
        return None
    out: dict[str, bool] = {}
    for flag in _FLAGS:
        value = boolean(get(data, flag[0].lower() + flag[1:], flag))
        if value is not None:
            out[flag] = value
    return out


def _deployed_public_access_block(data: Any) -> dict[str, bool]:
    """A deployed bucket's settings: Config records the block only when one is set, and a flag
    it does not record is off. (In IaC, absence means AWS's default for new buckets, all on.)"""
    found = public_access_block(data) or {}
    return {flag: found.get(flag, False) for flag in _FLAGS}


def account_public_access_block(out: Output) -> None:
    out.properties.update(public_access_block(out.config) or {})


def bucket(out: Output) -> None:
    config, item = out.config, out.item
    name = get(config, "name") or item.resource_name or item.resource_id
    out.properties["BucketName"] = name
    if item.supplementary is None:
        # An advanced query that did not select supplementaryConfiguration: the settings exist
        # but were not exported, which is not the same as "not set".
        reason = "the export holds no supplementaryConfiguration, where AWS Config records it"
        for key in _SETTINGS:
            out.properties[key] = UnknownValue(f"{key}: {reason}")
        # The bucket policy is there too: whether it has one, and what it says, is unknown.
        out.synthesize(
            "AWS::S3::BucketPolicy",
            "policy",
            {"Bucket": name, "PolicyDocument": UnknownValue(f"PolicyDocument: {reason}")},
            "Bucket",
        )
        return
    s = out.supplementary
    set_props(
        out,
        PublicAccessBlockConfiguration=_deployed_public_access_block(
            get(s, "PublicAccessBlockConfiguration")
        ),
        BucketEncryption=_encryption(get(s, "ServerSideEncryptionConfiguration")),
        VersioningConfiguration=_versioning(get(s, "BucketVersioningConfiguration")),
        LoggingConfiguration=_logging(get(s, "BucketLoggingConfiguration")),
        LifecycleConfiguration=_lifecycle(get(s, "BucketLifecycleConfiguration")),
        ReplicationConfiguration=_replication(get(s, "BucketReplicationConfiguration")),
        AccessControl=_canned_acl(get(s, "AccessControlList")),
        WebsiteConfiguration=_website(get(s, "BucketWebsiteConfiguration")),
    )
    lock = get(s, "ObjectLockConfiguration")
    if get(lock, "objectLockEnabled", "ObjectLockEnabled") == "Enabled":
        retention = get(get(lock, "rule", "Rule"), "defaultRetention", "DefaultRetention")
        rule = None
        if isinstance(retention, dict):
            rule = {
                "DefaultRetention": {
                    "Mode": get(retention, "mode", "Mode"),
                    "Days": positive(get(retention, "days", "Days")),
                    "Years": positive(get(retention, "years", "Years")),
                }
            }
        set_props(
            out,
            ObjectLockEnabled=True,
            ObjectLockConfiguration={"ObjectLockEnabled": "Enabled", "Rule": rule},
        )
    policy = get(s, "BucketPolicy")
    text = get(policy, "policyText", "PolicyText") if isinstance(policy, dict) else policy
    document = policy_document(text, out, "bucket policy")
    if document is not None:
        out.synthesize(
            "AWS::S3::BucketPolicy",
            "policy",
            {"Bucket": name, "PolicyDocument": document},
            "Bucket",
        )


def _encryption(data: Any) -> dict[str, Any] | None:
    rules = dicts(data, "rules", "Rules")
    if not rules:
        return None
    return {
        "ServerSideEncryptionConfiguration": [
            {
                "ServerSideEncryptionByDefault": _sse_default(
                    get(
                        rule,
                        "applyServerSideEncryptionByDefault",
                        "ApplyServerSideEncryptionByDefault",
                    )
                ),
                "BucketKeyEnabled": boolean(get(rule, "bucketKeyEnabled", "BucketKeyEnabled")),
            }
            for rule in rules
        ]
    }


def _sse_default(data: Any) -> dict[str, Any] | None:
    if not isinstance(data, dict):
        return None
    return {
        "SSEAlgorithm": get(data, "sseAlgorithm", "SSEAlgorithm"),
        "KMSMasterKeyID": get(data, "kmsMasterKeyID", "KMSMasterKeyID", "kmsMasterKeyId"),
    }


def _versioning(data: Any) -> dict[str, str] | None:
    status = get(data, "status", "Status")
    return {"Status": status} if status in ("Enabled", "Suspended") else None


def _logging(data: Any) -> dict[str, Any] | None:
    target = get(data, "destinationBucketName", "DestinationBucketName")
    if not target:
        return None
    return {
        "DestinationBucketName": target,
        "LogFilePrefix": get(data, "logFilePrefix", "LogFilePrefix"),
    }


def _lifecycle(data: Any) -> dict[str, Any] | None:
    rules = dicts(data, "rules", "Rules")
    if not rules:
        return None
    out = []
    for rule in rules:
        predicate = get(get(rule, "filter"), "predicate")
        prefix = get(rule, "prefix")
        if prefix is None and get(predicate, "type") == "LifecyclePrefixPredicate":
            prefix = get(predicate, "prefix")
        out.append(
            {
                "Id": get(rule, "id"),
                "Status": get(rule, "status"),
                "Prefix": prefix,
                "ExpirationInDays": positive(get(rule, "expirationInDays")),
                "ExpirationDate": get(rule, "expirationDate"),
                "ExpiredObjectDeleteMarker": boolean(get(rule, "expiredObjectDeleteMarker")),
                "NoncurrentVersionExpiration": (
                    {"NoncurrentDays": days}
                    if (days := positive(get(rule, "noncurrentVersionExpirationInDays")))
                    else None
                ),
                "Transitions": [
                    {
                        "StorageClass": get(t, "storageClass"),
                        "TransitionInDays": integer(get(t, "days")),
                        "TransitionDate": get(t, "date"),
                    }
                    for t in dicts(rule, "transitions")
                ]
                or None,
                "NoncurrentVersionTransitions": [
                    {
                        "StorageClass": get(t, "storageClass"),
                        "TransitionInDays": integer(get(t, "days", "noncurrentDays")),
                    }
                    for t in dicts(rule, "noncurrentVersionTransitions")
                ]
                or None,
                "AbortIncompleteMultipartUpload": (
                    {"DaysAfterInitiation": days}
                    if (
                        days := positive(
                            get(get(rule, "abortIncompleteMultipartUpload"), "daysAfterInitiation")
                        )
                    )
                    else None
                ),
            }
        )
    return {"Rules": out}


def _replication(data: Any) -> dict[str, Any] | None:
    if not isinstance(data, dict):
        return None
    raw = get(data, "rules", "Rules")
    # Config writes the rules as a map keyed by rule id; the API as a list.
    pairs = (
        sorted(raw.items())
        if isinstance(raw, dict)
        else [(get(r, "id"), r) for r in raw]
        if isinstance(raw, list)
        else []
    )
    rules = []
    for rule_id, rule in pairs:
        if not isinstance(rule, dict):
            continue
        destination = get(rule, "destinationConfig", "destination") or {}
        rules.append(
            {
                "Id": rule_id,
                "Prefix": get(rule, "prefix"),
                "Status": get(rule, "status"),
                "Destination": {
                    "Bucket": get(destination, "bucketARN", "bucket"),
                    "StorageClass": get(destination, "storageClass"),
                    "Account": get(destination, "Account", "account"),
                },
            }
        )
    if not rules:
        return None
    return {"Role": get(data, "roleARN", "role"), "Rules": rules}


_GROUP_GRANTEES = {
    "allusers": "AllUsers",
    "authenticatedusers": "AuthenticatedUsers",
    "logdelivery": "LogDelivery",
}


def _canned_acl(data: Any) -> str | None:
    """The CloudFormation canned ACL that the recorded grants amount to."""
    if not isinstance(data, dict):
        return None
    granted: dict[str, set[str]] = {}
    for grant in dicts(data, "grantList"):
        grantee = grant.get("grantee")
        if isinstance(grantee, dict):
            grantee = grantee.get("uri") or grantee.get("identifier") or grantee.get("id")
        if not isinstance(grantee, str):
            continue
        group = _GROUP_GRANTEES.get(grantee.rsplit("/", 1)[-1].lower())
        if group:
            granted.setdefault(group, set()).add(str(grant.get("permission", "")).lower())
    public = granted.get("AllUsers", set())
    if public & {"write", "fullcontrol"}:
        return "PublicReadWrite"
    if public & {"read"}:
        return "PublicRead"
    if granted.get("AuthenticatedUsers", set()) & {"read", "fullcontrol", "write"}:
        return "AuthenticatedRead"
    if granted.get("LogDelivery", set()) & {"write", "fullcontrol"}:
        return "LogDeliveryWrite"
    return "Private"


def _website(data: Any) -> dict[str, Any] | None:
    if not isinstance(data, dict):
        return None
    redirect = get(data, "redirectAllRequestsTo")
    index = get(data, "indexDocumentSuffix")
    if not index and not isinstance(redirect, dict):
        return None
    return {
        "IndexDocument": index,
        "ErrorDocument": get(data, "errorDocument"),
        "RedirectAllRequestsTo": (
            {"HostName": get(redirect, "hostName"), "Protocol": get(redirect, "protocol")}
            if isinstance(redirect, dict) and get(redirect, "hostName")
            else None
        ),
    }


MAPPERS = {
    "AWS::S3::Bucket": bucket,
    "AWS::S3::AccountPublicAccessBlock": account_public_access_block,
}

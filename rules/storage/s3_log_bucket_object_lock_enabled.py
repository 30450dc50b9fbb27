import re

from csmm_static.model import Graph, Reference, Resource, Unknown, as_bool, as_int, control

# Log sources and the property that names the bucket they deliver to.
LOG_SOURCES = {
    "AWS::CloudTrail::Trail": "S3BucketName",
    "AWS::Config::DeliveryChannel": "S3BucketName",
    "AWS::S3::Bucket": "LoggingConfiguration.DestinationBucketName",
    "AWS::EC2::FlowLog": "LogDestination",
}


@control(
    pillar="storage",
    level=4,
    severity="medium",
    subject="AWS::S3::Bucket",
    refs={
        "fsbp": ["S3.15"],
        "nist_csf": ["PR.DS-11", "PR.DS-01"],
        "prowler": ["s3_bucket_object_lock"],
    },
)
def s3_log_bucket_object_lock_enabled(bucket: Resource, graph: Graph) -> bool:
    """S3 buckets that receive logs keep them write-once with an Object Lock retention.

    Why it matters:
        An intruder's first clean-up deletes or rewrites the trail, Config history and access
        logs; with Object Lock a default retention keeps every delivered log object
        immutable, so the evidence survives the compromise of the account that writes it.

    Remediation:
        On the destination `AWS::S3::Bucket` set `ObjectLockEnabled: true` and
        `ObjectLockConfiguration` with `ObjectLockEnabled: Enabled` and
        `Rule.DefaultRetention` (`Mode: COMPLIANCE`, `Days` or `Years`); Terraform
        `object_lock_enabled = true` and `aws_s3_bucket_object_lock_configuration`.
    """
    if not _receives_logs(bucket, graph):
        return True
    if as_bool(bucket.get("ObjectLockEnabled")) is False:
        return False
    retention = "ObjectLockConfiguration.Rule.DefaultRetention"
    period = as_int(bucket.get(f"{retention}.Days")) or as_int(bucket.get(f"{retention}.Years"))
    return (
        bucket.get("ObjectLockConfiguration.ObjectLockEnabled") == "Enabled"
        and bucket.get(f"{retention}.Mode") in ("COMPLIANCE", "GOVERNANCE")
        and period is not None
        and period > 0
    )


def _receives_logs(bucket: Resource, graph: Graph) -> bool:
    """Whether the scan shows a log source delivering to the bucket. A destination that
    cannot be resolved names no bucket the scan can tie it to, so it is passed over."""
    name = _resolved(bucket, "BucketName")
    for source_type, path in LOG_SOURCES.items():
        for source in graph.resources(source_type):
            target = _resolved(source, path)
            if isinstance(target, Reference) and target.target == bucket.node_id:
                return True
            if (
                isinstance(name, str)
                and name
                and isinstance(target, str)
                and re.fullmatch(rf"(arn:[^:]+:s3:::)?{re.escape(name)}(/.*)?", target)
            ):
                return True
    return False


def _resolved(resource: Resource, path: str) -> object:
    try:
        return resource.get(path)
    except Unknown:
        return None

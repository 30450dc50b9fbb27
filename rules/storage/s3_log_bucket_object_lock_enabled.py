import re
import weakref

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
    ids, names = _log_targets(graph)
    name = _resolved(bucket, "BucketName")
    return bucket.node_id in ids or (isinstance(name, str) and bool(name) and name in names)


# The log targets of a graph, found once per graph (and again if it grows): looking for the
# sources of each bucket in turn made the control quadratic in buckets.
_TARGETS: weakref.WeakKeyDictionary[Graph, tuple[int, set[str], set[str]]] = (
    weakref.WeakKeyDictionary()
)


def _log_targets(graph: Graph) -> tuple[set[str], set[str]]:
    """Node ids referenced as log destinations, and bucket names that destinations name
    (a bucket name or an S3 ARN, either with an optional `/prefix`)."""
    size, ids, names = _TARGETS.get(graph, (-1, set(), set()))
    if size == len(graph):
        return ids, names
    ids, names = set(), set()
    for source_type, path in LOG_SOURCES.items():
        for source in graph.resources(source_type):
            target = _resolved(source, path)
            if isinstance(target, Reference):
                ids.add(target.target)
            elif isinstance(target, str) and "\n" not in target:
                names.add(_ARN_PREFIX.sub("", target, count=1).split("/", 1)[0])
    _TARGETS[graph] = (len(graph), ids, names)
    return ids, names


_ARN_PREFIX = re.compile(r"\Aarn:[^:]+:s3:::")


def _resolved(resource: Resource, path: str) -> object:
    try:
        return resource.get(path)
    except Unknown:
        return None

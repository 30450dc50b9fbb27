import weakref

from csmm_static import policy
from csmm_static.events import resolve
from csmm_static.model import Graph, Resource, control

_LOG_DELIVERY = "logging.s3.amazonaws.com"


# Per graph: the node ids and the literal names that buckets send their access logs to,
# gathered once so that the control stays linear in the number of buckets.
_DESTINATIONS: weakref.WeakKeyDictionary[Graph, tuple[int, set[str], set[str]]] = (
    weakref.WeakKeyDictionary()
)


def _log_destinations(graph: Graph) -> tuple[set[str], set[str]]:
    size, ids, names = _DESTINATIONS.get(graph, (-1, set(), set()))
    if size != len(graph):
        ids, names = set(), set()
        # Every bucket, not only those with an edge here: a Terraform logging resource holds
        # the reference, and AWS Config names the destination by name.
        for other in graph.resources("AWS::S3::Bucket"):
            logging = other.properties.get("LoggingConfiguration")
            target = logging.get("DestinationBucketName") if isinstance(logging, dict) else None
            destination = resolve(graph, target)
            if destination is not None:
                ids.add(destination.node_id)
            elif isinstance(target, str):
                names.add(target)
        _DESTINATIONS[graph] = (len(graph), ids, names)
    return ids, names


def _receives_access_logs(bucket: Resource, graph: Graph) -> bool:
    """A bucket that is itself the destination of server access logs."""
    if bucket.get("AccessControl") == "LogDeliveryWrite":
        return True
    name = bucket.properties.get("BucketName")
    ids, names = _log_destinations(graph)
    if bucket.node_id in ids or (isinstance(name, str) and name in names):
        return True
    for attached in graph.related(bucket, "AWS::S3::BucketPolicy", direction="in"):
        for statement in policy.parse(attached.get("PolicyDocument")).allows:
            if f"Service:{_LOG_DELIVERY}" in statement.principals:
                return True
    return False


@control(
    pillar="monitoring",
    level=3,
    severity="medium",
    subject="AWS::S3::Bucket",
    refs={
        "fsbp": ["S3.9"],
        "nist_csf": ["PR.PS-04", "DE.CM-01"],
        "prowler": ["s3_bucket_server_access_logging_enabled"],
    },
)
def s3_bucket_server_access_logging_enabled(bucket: Resource, graph: Graph) -> bool:
    """S3 buckets log requests to an access log bucket.

    Why it matters:
        CloudTrail records object reads only when data events are paid for; server access
        logs record every request to the bucket, which is what shows what was read during a
        data exposure. Buckets that receive access logs themselves are exempt.

    Remediation:
        Set `LoggingConfiguration.DestinationBucketName` (and a `LogFilePrefix`) to a
        dedicated log bucket (Terraform: `aws_s3_bucket_logging`).
    """
    if bucket.get("LoggingConfiguration") is not None:
        return True
    return _receives_access_logs(bucket, graph)

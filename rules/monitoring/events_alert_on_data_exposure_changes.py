from csmm_static.events import Call, Detections
from csmm_static.model import Graph, Resource, control

# Calls that make data reachable from outside the account.
EXPOSING_CALLS = (
    Call("DeleteBucketPublicAccessBlock", "s3"),
    Call("ModifySnapshotAttribute", "ec2"),
    Call("ModifyImageAttribute", "ec2"),
    Call("ModifyDBSnapshotAttribute", "rds"),
    Call("ModifyDBClusterSnapshotAttribute", "rds"),
)


@control(
    pillar="monitoring",
    level=4,
    severity="medium",
    subject="AWS::Account",
    refs={"nist_csf": ["DE.CM-03", "DE.AE-02", "PR.DS-01"]},
)
def events_alert_on_data_exposure_changes(account: Resource, graph: Graph) -> bool:
    """Lifting a bucket's public access block or sharing snapshots or images raises an alert.

    Why it matters:
        Exfiltration rarely needs a download: sharing an EBS or RDS snapshot or an AMI with
        another account, or lifting a bucket's public access block, hands the data over in
        one API call that leaves no network trace.

    Remediation:
        Add an `AWS::Events::Rule` matching `DeleteBucketPublicAccessBlock`,
        `ModifySnapshotAttribute`, `ModifyImageAttribute`, `ModifyDBSnapshotAttribute` and
        `ModifyDBClusterSnapshotAttribute` (`detail.eventName`) with a target that pages the
        team or starts a response (Terraform: `aws_cloudwatch_event_rule`,
        `aws_cloudwatch_event_target`).
    """
    return Detections.of(graph).require(EXPOSING_CALLS)

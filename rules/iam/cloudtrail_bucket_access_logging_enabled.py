from csmm_static.model import Graph, Resource, Unknown, control
from csmm_static.policy import resolve


@control(
    pillar="iam",
    level=2,
    severity="medium",
    subject="AWS::CloudTrail::Trail",
    formats=("cfn", "tf", "tfplan", "config", "evidence"),
    refs={
        "cis": ["3.4"],
        "fsbp": ["CloudTrail.7"],
        "nist_csf": ["PR.PS-04", "DE.CM-03"],
        "prowler": ["cloudtrail_logs_s3_bucket_access_logging_enabled"],
    },
)
def cloudtrail_bucket_access_logging_enabled(trail: Resource, graph: Graph) -> bool:
    """The S3 bucket that receives a trail's logs records server access logs.

    Why it matters:
        CloudTrail does not record reads of its own log files; server access logging on the
        bucket shows who read, copied or deleted the audit trail.

    Remediation:
        Set `LoggingConfiguration` (with a `DestinationBucketName`) on the trail's bucket in
        CloudFormation, or add an `aws_s3_bucket_logging` resource in Terraform.
    """
    bucket = resolve(trail.get("S3BucketName"), graph, "AWS::S3::Bucket")
    if bucket is None:
        raise Unknown(f"the log bucket of {trail.address} is not in the scan")
    return isinstance(bucket.get("LoggingConfiguration"), dict)

from csmm_static.model import Graph, Resource, control


@control(
    pillar="storage",
    level=2,
    severity="medium",
    subject="AWS::S3::Bucket",
    refs={
        "fsbp": ["S3.14"],
        "nist_csf": ["PR.DS-11"],
        "prowler": ["s3_bucket_object_versioning"],
    },
)
def s3_bucket_versioning_enabled(bucket: Resource, graph: Graph) -> bool:
    """S3 buckets keep object versions.

    Why it matters:
        Versioning keeps every overwritten or deleted object recoverable, which turns
        ransomware, a buggy job or a mistaken delete into a restore rather than a loss.

    Remediation:
        Set `VersioningConfiguration.Status: Enabled` (CloudFormation) or add an
        `aws_s3_bucket_versioning` resource with `status = "Enabled"` (Terraform).
    """
    return bucket.get("VersioningConfiguration.Status") == "Enabled"

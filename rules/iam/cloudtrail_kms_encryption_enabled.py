from csmm_static.model import Graph, Resource, control


@control(
    pillar="iam",
    level=2,
    severity="medium",
    subject="AWS::CloudTrail::Trail",
    formats=("cfn", "tf", "tfplan", "config", "evidence"),
    refs={
        "cis": ["3.5"],
        "fsbp": ["CloudTrail.2"],
        "nist_csf": ["PR.DS-01", "PR.PS-04"],
        "prowler": ["cloudtrail_kms_encryption_enabled"],
    },
)
def cloudtrail_kms_encryption_enabled(trail: Resource, graph: Graph) -> bool:
    """CloudTrail trails encrypt their log files with a customer managed KMS key.

    Why it matters:
        With SSE-KMS, reading the logs needs both S3 access and the key's permission: a bucket
        policy mistake alone no longer exposes the account's API history, and key usage is
        itself logged.

    Remediation:
        Set `KMSKeyId` on the trail (CloudFormation) or `kms_key_id` (Terraform) to a KMS key
        whose policy lets `cloudtrail.amazonaws.com` encrypt for this trail.
    """
    key = trail.get("KMSKeyId")
    return isinstance(key, str) and bool(key.strip())

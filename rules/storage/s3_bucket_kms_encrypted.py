from csmm_static.model import Graph, Resource, as_list, control

KMS_ALGORITHMS = frozenset({"aws:kms", "aws:kms:dsse"})


@control(
    pillar="storage",
    level=2,
    severity="medium",
    subject="AWS::S3::Bucket",
    refs={
        "fsbp": ["S3.17"],
        "nist_csf": ["PR.DS-01"],
        "prowler": ["s3_bucket_kms_encryption"],
    },
)
def s3_bucket_kms_encrypted(bucket: Resource, graph: Graph) -> bool:
    """S3 buckets encrypt new objects with KMS keys by default.

    Why it matters:
        S3-managed keys (SSE-S3, the default) encrypt the disks but let anyone with
        `s3:GetObject` read the data; with SSE-KMS every read also needs the key, whose
        policy and CloudTrail record add a second, audited gate.

    Remediation:
        Set `BucketEncryption.ServerSideEncryptionConfiguration[].ServerSideEncryptionByDefault`
        to `SSEAlgorithm: aws:kms` with a `KMSMasterKeyID`, and `BucketKeyEnabled: true` to
        keep KMS costs low (Terraform `aws_s3_bucket_server_side_encryption_configuration`
        with `sse_algorithm = "aws:kms"`).
    """
    rules = as_list(bucket.get("BucketEncryption.ServerSideEncryptionConfiguration"))
    return bool(rules) and all(
        isinstance(rule, dict)
        and (rule.get("ServerSideEncryptionByDefault") or {}).get("SSEAlgorithm") in KMS_ALGORITHMS
        for rule in rules
    )

from csmm_static.model import Graph, Reference, Resource, as_list, control

KMS_ALGORITHMS = frozenset({"aws:kms", "aws:kms:dsse"})


@control(
    pillar="storage",
    level=3,
    severity="medium",
    subject="AWS::S3::Bucket",
    refs={
        "nist_csf": ["PR.DS-01", "PR.AA-05"],
    },
)
def s3_bucket_encrypted_with_customer_managed_key(bucket: Resource, graph: Graph) -> bool:
    """S3 buckets encrypt by default with a customer-managed KMS key.

    Why it matters:
        The AWS-managed `aws/s3` key can be used by any principal in the account that may use
        S3; a customer-managed key has its own policy, so decrypting the data is a separate
        permission per data domain, and the key can be disabled to cut access at once.

    Remediation:
        Set `SSEAlgorithm: aws:kms` and `KMSMasterKeyID` to an `AWS::KMS::Key` you manage in
        `BucketEncryption.ServerSideEncryptionConfiguration[].ServerSideEncryptionByDefault`
        (Terraform `kms_master_key_id` in
        `aws_s3_bucket_server_side_encryption_configuration`).
    """
    rules = as_list(bucket.get("BucketEncryption.ServerSideEncryptionConfiguration"))
    defaults = [r.get("ServerSideEncryptionByDefault") or {} for r in rules if isinstance(r, dict)]
    return bool(defaults) and all(
        d.get("SSEAlgorithm") in KMS_ALGORITHMS and _customer_managed(d.get("KMSMasterKeyID"))
        for d in defaults
    )


def _customer_managed(key: object) -> bool:
    """A key id, ARN or alias other than the `aws/...` keys AWS manages."""
    if isinstance(key, Reference):
        return True
    return key is not None and "alias/aws/" not in str(key) and bool(str(key))

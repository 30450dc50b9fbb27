from csmm_static.model import Graph, Resource, as_bool, control

FLAGS = ("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets")


@control(
    pillar="storage",
    level=1,
    severity="high",
    subject="AWS::S3::Bucket",
    refs={
        "cis": ["2.1.4"],
        "fsbp": ["S3.8"],
        "nist_csf": ["PR.DS-01"],
        "prowler": ["s3_bucket_level_public_access_block"],
    },
)
def s3_bucket_public_access_blocked(bucket: Resource, graph: Graph) -> bool:
    """S3 buckets block public access with all four settings.

    Why it matters:
        Block Public Access overrides any ACL or bucket policy that would expose objects, so
        a later mistake in a policy cannot make the data public.

    Remediation:
        Leave `PublicAccessBlockConfiguration` out (S3 turns all four settings on for new
        buckets) or set `BlockPublicAcls`, `BlockPublicPolicy`, `IgnorePublicAcls` and
        `RestrictPublicBuckets` to true in it; in Terraform, an
        `aws_s3_bucket_public_access_block` resource with the four arguments true.
    """
    if bucket.get("PublicAccessBlockConfiguration") is None:
        # Since April 2023 S3 creates every bucket with all four settings on.
        return True
    # A configuration that is written replaces the default; a flag it omits is false.
    return all(
        as_bool(bucket.get(f"PublicAccessBlockConfiguration.{flag}")) is True for flag in FLAGS
    )

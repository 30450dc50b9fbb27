from csmm_static.model import Graph, Resource, control

# Canned ACLs that grant to everyone or to every AWS account (CloudFormation and S3 API names).
PUBLIC_ACLS = frozenset({"publicread", "publicreadwrite", "authenticatedread"})


@control(
    pillar="storage",
    level=1,
    severity="high",
    subject="AWS::S3::Bucket",
    refs={
        "fsbp": ["S3.2", "S3.3"],
        "nist_csf": ["PR.DS-01", "PR.AA-05"],
        "prowler": ["s3_bucket_public_list_acl", "s3_bucket_public_write_acl"],
    },
)
def s3_bucket_acl_not_public(bucket: Resource, graph: Graph) -> bool:
    """S3 buckets grant no access to everyone or to all AWS users through their ACL.

    Why it matters:
        The `PublicRead`, `PublicReadWrite` and `AuthenticatedRead` canned ACLs let anyone
        (or anyone with any AWS account) list or write the bucket, bypassing the bucket policy.

    Remediation:
        Remove `AccessControl` from the `AWS::S3::Bucket` (or set it to `Private`); in
        Terraform remove the public `acl` from `aws_s3_bucket_acl`, and prefer
        `BucketOwnerEnforced` object ownership, which turns ACLs off.
    """
    acl = bucket.get("AccessControl")
    return acl is None or str(acl).replace("-", "").lower() not in PUBLIC_ACLS

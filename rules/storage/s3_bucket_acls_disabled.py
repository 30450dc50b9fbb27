from csmm_static.model import Graph, Resource, as_list, control, require_known


@control(
    pillar="storage",
    level=1,
    severity="medium",
    subject="AWS::S3::Bucket",
    formats=("cfn", "tf", "tfplan"),
    unrecorded={
        "config": (
            "AWS Config's S3 bucket item does not record the bucket's object ownership setting"
        ),
    },
    refs={
        "fsbp": ["S3.12"],
        "nist_csf": ["PR.AA-05"],
        "prowler": ["s3_bucket_acl_prohibited"],
    },
)
def s3_bucket_acls_disabled(bucket: Resource, graph: Graph) -> bool:
    """S3 buckets turn ACLs off by enforcing bucket-owner object ownership.

    Why it matters:
        With ACLs on, every object can carry its own grants, invisible in the bucket policy;
        `BucketOwnerEnforced` makes the bucket policy the single place that decides access.

    Remediation:
        Leave `OwnershipControls` out (new buckets default to `BucketOwnerEnforced`) or set
        `OwnershipControls.Rules[].ObjectOwnership: BucketOwnerEnforced`; in Terraform,
        `aws_s3_bucket_ownership_controls` with `object_ownership = "BucketOwnerEnforced"`.
    """
    if bucket.get("OwnershipControls") is None:
        return True  # since April 2023 new buckets are created with ACLs disabled
    rules = require_known(as_list(bucket.get("OwnershipControls.Rules")))
    return bool(rules) and all(
        isinstance(rule, dict) and rule.get("ObjectOwnership") == "BucketOwnerEnforced"
        for rule in rules
    )

from csmm_static import policy
from csmm_static.model import Graph, Resource, control


@control(
    pillar="storage",
    level=1,
    severity="critical",
    subject="AWS::S3::BucketPolicy",
    refs={
        "fsbp": ["S3.2", "S3.3"],
        "nist_csf": ["PR.DS-01", "PR.AA-05"],
        "prowler": ["s3_bucket_public_access", "s3_bucket_policy_public_write_access"],
    },
)
def s3_bucket_policy_not_public(bucket_policy: Resource, graph: Graph) -> bool:
    """S3 bucket policies grant nothing to anonymous principals.

    Why it matters:
        An `Allow` to `Principal: "*"` without a condition that names who may call (an
        organization, an account, a VPC endpoint) lets anyone on the internet read or
        overwrite the bucket's objects.

    Remediation:
        Name the principals in `PolicyDocument` of the `AWS::S3::BucketPolicy` (Terraform
        `aws_s3_bucket_policy.policy`), or keep `"*"` only together with a condition such as
        `aws:PrincipalOrgID`, `aws:SourceVpce` or `aws:SourceAccount`.
    """
    return not policy.public_statements(policy.parse(bucket_policy.get("PolicyDocument")))

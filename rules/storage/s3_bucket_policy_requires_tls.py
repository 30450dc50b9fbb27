from csmm_static import policy
from csmm_static.model import Graph, Resource, control


@control(
    pillar="storage",
    level=2,
    severity="medium",
    subject="AWS::S3::Bucket",
    refs={
        "cis": ["2.1.1"],
        "fsbp": ["S3.5"],
        "nist_csf": ["PR.DS-02"],
        "prowler": ["s3_bucket_secure_transport_policy"],
    },
)
def s3_bucket_policy_requires_tls(bucket: Resource, graph: Graph) -> bool:
    """S3 bucket policies deny every request that does not use TLS.

    Why it matters:
        S3 still answers plain HTTP; without a deny on `aws:SecureTransport` a misconfigured
        client can send credentials-signed requests and object data in clear text.

    Remediation:
        Add a statement with `Effect: Deny`, `Principal: "*"`, `Action: "s3:*"` on the bucket
        and its objects, and `Condition: {Bool: {aws:SecureTransport: false}}` to the
        bucket's `AWS::S3::BucketPolicy` (Terraform `aws_s3_bucket_policy`).
    """
    return any(
        policy.denies_insecure_transport(policy.parse(attached.get("PolicyDocument")))
        for attached in _bucket_policies(bucket, graph)
    )


def _bucket_policies(bucket: Resource, graph: Graph) -> list[Resource]:
    """Policies that reference the bucket, or name it literally by its `BucketName`."""
    found = graph.related(bucket, "AWS::S3::BucketPolicy", direction="in")
    name = bucket.get("BucketName")
    if isinstance(name, str) and name:
        found += [
            p
            for p in graph.resources("AWS::S3::BucketPolicy")
            if p not in found and p.get("Bucket") == name
        ]
    return found

from csmm_static import policy
from csmm_static.model import Graph, Resource, Unknown, as_list, control


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
    undecided: Unknown | None = None
    for attached in _bucket_policies(bucket, graph):
        data = policy.decode(attached.get("PolicyDocument")) or {}
        for raw in as_list(data.get("Statement")):
            try:
                if policy.denies_insecure_transport(policy.parse({"Statement": [raw]})):
                    return True
            except Unknown as exc:
                # An unresolved value matters only in a statement that could be the TLS deny.
                if isinstance(raw, dict) and "securetransport" in str(raw.get("Condition")).lower():
                    undecided = undecided or exc
    if undecided is not None:
        raise undecided
    return False


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

import re

from csmm_static.model import Graph, Resource, control

# Tag keys that carry a classification: DataClassification, data-classification,
# acme:classification, Sensitivity, Confidentiality ...
CLASSIFICATION_KEY = re.compile(r"(classification|sensitivity|confidentiality)$")


@control(
    pillar="storage",
    level=3,
    severity="medium",
    subject="AWS::S3::Bucket",
    refs={
        "nist_csf": ["ID.AM-05", "ID.AM-07"],
    },
)
def s3_bucket_data_classification_tagged(bucket: Resource, graph: Graph) -> bool:
    """S3 buckets carry a data classification tag.

    Why it matters:
        Encryption, retention, access reviews and Macie scope all depend on knowing what a
        bucket holds; a classification tag makes that knowledge machine-readable, so
        guardrails and ABAC policies can act on it.

    Remediation:
        Add a tag such as `DataClassification: confidential` to `Tags` of the
        `AWS::S3::Bucket` (Terraform `tags` or provider `default_tags`), and enforce the key
        and its allowed values with an Organizations tag policy.
    """
    bucket.get("Tags")  # an unresolved tag list is unknown, not untagged
    return any(
        CLASSIFICATION_KEY.search(re.sub(r"[^a-z]", "", key.lower())) and str(value).strip()
        for key, value in sorted(bucket.tags.items())
    )

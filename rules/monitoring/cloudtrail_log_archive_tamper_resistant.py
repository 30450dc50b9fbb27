from typing import Any

from csmm_static import policy
from csmm_static.events import resolve
from csmm_static.model import Graph, Resource, Unknown, as_bool, control


def _bucket(graph: Graph, name: Any) -> Resource | None:
    bucket = resolve(graph, name)
    if bucket is not None:
        return bucket
    for candidate in graph.resources("AWS::S3::Bucket"):
        if isinstance(name, str) and candidate.properties.get("BucketName") == name:
            return candidate
    return None


def _locked(bucket: Resource) -> bool:
    return as_bool(bucket.get("ObjectLockEnabled")) is True and bool(
        bucket.get("ObjectLockConfiguration.Rule.DefaultRetention")
    )


def _denies_deletes(graph: Graph, bucket: Resource) -> bool:
    for attached in graph.related(bucket, "AWS::S3::BucketPolicy", direction="in"):
        for statement in policy.parse(attached.get("PolicyDocument")).denies:
            everyone = not statement.has_principal or statement.public_principal()
            if everyone and statement.grants_action("s3:DeleteObject"):
                return True
    return False


@control(
    pillar="monitoring",
    level=3,
    severity="high",
    subject="AWS::CloudTrail::Trail",
    refs={"nist_csf": ["PR.PS-04", "PR.DS-01"]},
)
def cloudtrail_log_archive_tamper_resistant(trail: Resource, graph: Graph) -> bool:
    """CloudTrail logs land in a bucket that locks objects or denies their deletion.

    Why it matters:
        The first thing an intruder with broad rights does is erase the trail of what they
        did. Log files under Object Lock retention, or behind a bucket policy that denies
        deleting them to everyone, survive an administrator account being compromised.

    Remediation:
        Deliver the trail to a bucket with `ObjectLockEnabled: true` and an
        `ObjectLockConfiguration.Rule.DefaultRetention`, or with an `AWS::S3::BucketPolicy`
        statement that denies `s3:DeleteObject*` to `Principal: "*"` (Terraform:
        `aws_s3_bucket_object_lock_configuration`, `aws_s3_bucket_policy`), ideally in a
        dedicated log archive account.
    """
    name = trail.get("S3BucketName")
    bucket = _bucket(graph, name)
    if bucket is None:
        raise Unknown(f"the trail's bucket {name} is not in the scan")
    return _locked(bucket) or _denies_deletes(graph, bucket)

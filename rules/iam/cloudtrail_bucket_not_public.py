from csmm_static.model import Graph, Resource, Unknown, as_bool, control
from csmm_static.policy import parse, public_statements, refers_to, resolve

_BLOCKS = ("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets")
_PUBLIC_ACLS = ("PublicRead", "PublicReadWrite", "AuthenticatedRead")


def _blocks_everything(settings: object) -> bool:
    return isinstance(settings, dict) and all(as_bool(settings.get(f)) is True for f in _BLOCKS)


@control(
    pillar="iam",
    level=2,
    severity="high",
    subject="AWS::CloudTrail::Trail",
    formats=("cfn", "tf", "tfplan", "config", "evidence"),
    refs={
        "fsbp": ["CloudTrail.6"],
        "nist_csf": ["PR.PS-04", "PR.DS-01"],
        "prowler": ["cloudtrail_logs_s3_bucket_is_not_publicly_accessible"],
    },
)
def cloudtrail_bucket_not_public(trail: Resource, graph: Graph) -> bool:
    """The S3 bucket that receives a trail's logs is not publicly accessible.

    Why it matters:
        CloudTrail logs map the whole account: principals, resources, networks and who does
        what when. A public log bucket is a reconnaissance report handed to anyone.

    Remediation:
        Turn on all four Block Public Access settings on the trail's bucket
        (`PublicAccessBlockConfiguration` in CloudFormation, `aws_s3_bucket_public_access_block`
        in Terraform) or account-wide, and keep public principals out of its bucket policy.
    """
    bucket = resolve(trail.get("S3BucketName"), graph, "AWS::S3::Bucket")
    if bucket is None:
        raise Unknown(f"the log bucket of {trail.address} is not in the scan")
    if _blocks_everything(bucket.get("PublicAccessBlockConfiguration")):
        return True
    if any(
        _blocks_everything(b.properties)
        for b in graph.resources("AWS::S3::AccountPublicAccessBlock")
    ):
        return True
    if bucket.get("AccessControl") in _PUBLIC_ACLS:
        return False
    return not any(
        public_statements(parse(policy.get("PolicyDocument")))
        for policy in graph.resources("AWS::S3::BucketPolicy")
        if refers_to(policy.get("Bucket"), bucket)
    )

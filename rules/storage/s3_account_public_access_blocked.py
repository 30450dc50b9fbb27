from csmm_static.model import Graph, Resource, as_bool, control

FLAGS = ("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets")


@control(
    pillar="storage",
    level=1,
    severity="high",
    subject="AWS::Account",
    formats=("tf", "tfplan", "config", "evidence"),
    unrecorded={
        "cfn": (
            "CloudFormation has no resource for the account-level S3 Block Public Access settings"
        ),
    },
    refs={
        "cis": ["2.1.4"],
        "fsbp": ["S3.1"],
        "nist_csf": ["PR.DS-01", "PR.AA-05"],
        "prowler": ["s3_account_level_public_access_blocks"],
    },
)
def s3_account_public_access_blocked(account: Resource, graph: Graph) -> bool:
    """The account blocks S3 public access with all four account-level settings.

    Why it matters:
        The account-level block covers every bucket, including those created later by hand or
        by a tool that forgets the bucket-level block, so no bucket in the account can be
        opened to the internet by an ACL or a policy.

    Remediation:
        Turn on `BlockPublicAcls`, `BlockPublicPolicy`, `IgnorePublicAcls` and
        `RestrictPublicBuckets` for the account (Terraform `aws_s3_account_public_access_block`
        with the four arguments true; CloudFormation has no resource for it, so use
        `aws s3control put-public-access-block` or an organization-wide S3 policy).
    """
    blocks = graph.resources("AWS::S3::AccountPublicAccessBlock")
    # Without a recorded setting the account-level block is off.
    return bool(blocks) and all(
        as_bool(block.get(flag)) is True for block in blocks for flag in FLAGS
    )

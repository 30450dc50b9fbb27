from csmm_static.model import Graph, Resource, control
from csmm_static.policy import resources_naming


@control(
    pillar="iam",
    level=1,
    severity="medium",
    subject="AWS::IAM::User",
    refs={
        "cis": ["1.13"],
        "nist_csf": ["PR.AA-01"],
        "prowler": ["iam_user_two_active_access_key"],
    },
    formats=("cfn", "tf", "tfplan"),
    unrecorded={
        "config": (
            "AWS Config does not record IAM access keys, so how many active keys a user has is not "
            "in a snapshot"
        ),
    },
)
def iam_user_single_active_access_key(user: Resource, graph: Graph) -> bool:
    """IAM users have at most one active access key.

    Why it matters:
        A second active key is how rotations stall half-way: the old key keeps working,
        nobody knows which system still uses it, and a leak of either key goes unnoticed.

    Remediation:
        Keep one `AWS::IAM::AccessKey` (Terraform `aws_iam_access_key`) with `Status: Active`
        per user; set the one being rotated out to `Status: Inactive`, then delete it.
    """
    active = [
        key
        for key in resources_naming(user, graph, "AWS::IAM::AccessKey")
        if key.get("Status", "Active") != "Inactive"
    ]
    return len(active) <= 1

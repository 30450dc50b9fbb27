from csmm_static.model import Graph, Resource, control
from csmm_static.policy import attached_policies


@control(
    pillar="iam",
    level=3,
    severity="medium",
    subject="AWS::IAM::User",
    formats=("cfn", "tf", "tfplan", "config", "evidence"),
    refs={
        "cis": ["1.15"],
        "fsbp": ["IAM.2"],
        "nist_csf": ["PR.AA-05"],
        "prowler": ["iam_policy_attached_only_to_group_or_roles"],
    },
)
def iam_user_no_attached_policies(user: Resource, graph: Graph) -> bool:
    """IAM users receive permissions only through groups, never directly.

    Why it matters:
        Permissions attached user by user drift apart and survive role changes; granting
        through groups (or roles) keeps access to job functions that can be reviewed as one.

    Remediation:
        Move the user's `Policies` and `ManagedPolicyArns`, and any `AWS::IAM::Policy` or
        `AWS::IAM::ManagedPolicy` naming it in `Users`, to a group it joins (Terraform: replace
        `aws_iam_user_policy` and `aws_iam_user_policy_attachment` with
        `aws_iam_group_policy_attachment` and `aws_iam_user_group_membership`).
    """
    return not attached_policies(user, graph, through_groups=False)

from csmm_static.model import Graph, Resource, control
from csmm_static.policy import principal_access


@control(
    pillar="iam",
    level=3,
    severity="critical",
    subject="AWS::IAM::User",
    formats=("cfn", "tf", "tfplan", "config", "evidence"),
    refs={
        "cis": ["1.16"],
        "nist_csf": ["PR.AA-05"],
        "prowler": ["iam_user_administrator_access_policy"],
    },
)
def iam_user_no_admin_privileges(user: Resource, graph: Graph) -> bool:
    """IAM users hold no administrative or self-escalating privileges, directly or via groups.

    Why it matters:
        An IAM user's credentials are long-lived; if they also carry administrator access, or
        IAM rights that let the user grant itself more (`iam:AttachUserPolicy`,
        `iam:CreatePolicyVersion`, `iam:PassRole` with compute, ...), one leaked password or
        key is a full account compromise.

    Remediation:
        Remove `AdministratorAccess` and `*`-on-`*` statements from the user's and its groups'
        policies (`ManagedPolicyArns`, `Policies`, `AWS::IAM::Policy`; Terraform
        `aws_iam_user_policy_attachment`, `aws_iam_group_policy_attachment`,
        `aws_iam_*_policy`) and give administrators a federated, time-bound role instead.
    """
    access = principal_access(user, graph)
    return not access.is_admin() and not access.escalation_paths()

from csmm_static.model import Graph, Resource, control
from csmm_static.policy import principal_access


@control(
    pillar="iam",
    level=3,
    severity="high",
    subject="AWS::IAM::Group",
    formats=("cfn", "tf", "tfplan", "config", "evidence"),
    refs={
        "cis": ["1.16"],
        "nist_csf": ["PR.AA-05"],
        "prowler": ["iam_group_administrator_access_policy"],
    },
)
def iam_group_no_admin_privileges(group: Resource, graph: Graph) -> bool:
    """IAM groups grant no administrative or self-escalating privileges.

    Why it matters:
        Groups only ever hold IAM users, whose credentials are long-lived: an admin group
        turns every member's password or key into a full account compromise, and adding a
        member is all it takes to grant it.

    Remediation:
        Remove `AdministratorAccess`, `*`-on-`*` and IAM-write grants from the group's
        `ManagedPolicyArns` and `Policies` (Terraform `aws_iam_group_policy_attachment`,
        `aws_iam_group_policy`); give administrators a federated, time-bound role instead.
    """
    access = principal_access(group, graph)
    return not access.is_admin() and not access.escalation_paths()

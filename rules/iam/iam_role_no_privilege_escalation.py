from csmm_static.model import Graph, Resource, control
from csmm_static.policy import principal_access


@control(
    pillar="iam",
    level=3,
    severity="high",
    subject="AWS::IAM::Role",
    formats=("cfn", "tf", "tfplan", "config", "evidence"),
    refs={
        "nist_csf": ["PR.AA-05"],
        "prowler": [
            "iam_policy_allows_privilege_escalation",
            "iam_inline_policy_allows_privilege_escalation",
        ],
    },
)
def iam_role_no_privilege_escalation(role: Resource, graph: Graph) -> bool:
    """IAM roles cannot grant themselves more than their policies give.

    Why it matters:
        A role that may rewrite IAM policies (`iam:CreatePolicyVersion`,
        `iam:AttachRolePolicy`, `iam:PutRolePolicy`, ...), create credentials for others, or
        pass any role to new compute (`iam:PassRole` on `*` with `ec2:RunInstances`,
        `lambda:CreateFunction`, ...) is an administrator in waiting, whatever its policy
        looks like. Full administrators are judged by the admin controls instead.

    Remediation:
        Scope IAM-write actions to the specific resources the role manages, restrict
        `iam:PassRole` to named role ARNs (and `iam:PassedToService`), and require a
        permissions boundary on anything the role creates. The role's statements live in
        `Policies`, `ManagedPolicyArns` and `AWS::IAM::Policy` (Terraform `aws_iam_role_policy`,
        `aws_iam_policy`, `aws_iam_role_policy_attachment`).
    """
    access = principal_access(role, graph)
    return not access.escalation_paths() or access.is_admin()

from csmm_static.model import Graph, Resource, control
from csmm_static.policy import guardrail_statements


@control(
    pillar="iam",
    level=2,
    severity="medium",
    subject="AWS::Account",
    formats=("cfn", "tf", "tfplan", "evidence"),
    unrecorded={
        "config": (
            "AWS Config does not record AWS Organizations service control policies, so no SCP "
            "denying the root user is in a snapshot"
        ),
    },
    refs={"nist_csf": ["PR.AA-05"], "prowler": ["iam_avoid_root_usage"]},
)
def scp_denies_root_user_actions(account: Resource, graph: Graph) -> bool:
    """An attached SCP denies actions by the root user of member accounts.

    Why it matters:
        Member-account root users are rarely needed and rarely watched; an SCP that denies
        them everything removes the most powerful credential from the attack surface.

    Remediation:
        Add a `Deny` of `*` with `StringLike` (or `ArnLike`) `aws:PrincipalArn:
        arn:aws:iam::*:root` to an SCP attached to the workload OUs
        (`AWS::Organizations::Policy` `Content`; Terraform `aws_organizations_policy.content`).
    """
    for statement in guardrail_statements(account, graph):
        # A deny that leaves ordinary work like launching instances open is not a lockout.
        if statement.allows or not statement.covers_action("ec2:RunInstances"):
            continue
        for operator, values in statement.condition_values("aws:PrincipalArn"):
            if operator.lower() in ("stringlike", "stringequals", "arnlike", "arnequals") and any(
                v.endswith(":root") for v in values
            ):
                return True
    return False

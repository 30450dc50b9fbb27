from csmm_static.model import Graph, Resource, control
from csmm_static.policy import guardrail_statements, negated_condition_denies

# Changing a role's permissions or trust: what a guardrail around security roles must deny.
ROLE_CHANGES = (
    "iam:AttachRolePolicy",
    "iam:DetachRolePolicy",
    "iam:PutRolePolicy",
    "iam:DeleteRolePolicy",
    "iam:UpdateAssumeRolePolicy",
)


@control(
    pillar="iam",
    level=5,
    severity="medium",
    subject="AWS::Account",
    formats=("cfn", "tf", "tfplan", "evidence"),
    unrecorded={
        "config": (
            "AWS Config does not record AWS Organizations service control policies, so no SCP "
            "guarding the security roles is in a snapshot"
        ),
    },
    refs={"nist_csf": ["PR.PS-01", "PR.AA-05"]},
)
def scp_protects_security_roles(account: Resource, graph: Graph) -> bool:
    """An attached SCP lets only the deployment pipeline change protected IAM roles.

    Why it matters:
        Guardrails that administrators can edit are suggestions: an SCP that denies changes to
        the security and pipeline roles to everyone but the pipeline itself keeps the baseline
        from drifting by hand and keeps an intruder from rewriting the roles that watch them.

    Remediation:
        Add a `Deny` of `iam:AttachRolePolicy`, `iam:DetachRolePolicy`, `iam:PutRolePolicy`,
        `iam:DeleteRolePolicy` and `iam:UpdateAssumeRolePolicy` on the protected role ARNs,
        with `ArnNotLike: {aws:PrincipalArn: <pipeline role ARN>}`, to an attached SCP
        (`AWS::Organizations::Policy` `Content`; Terraform `aws_organizations_policy.content`).
    """
    exempting_pipeline = negated_condition_denies(
        guardrail_statements(account, graph), ["aws:PrincipalArn"]
    )
    return any(
        all(statement.covers_action(action) for action in ROLE_CHANGES)
        for statement in exempting_pipeline
    )

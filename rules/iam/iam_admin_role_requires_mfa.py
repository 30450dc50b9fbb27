from csmm_static.model import Graph, Resource, control
from csmm_static.policy import principal_access, trust_policy


def _may_be_a_person(principal: str) -> bool:
    """An account (any of its users and roles), a user or `*`; a named role is automation."""
    return ":role/" not in principal and not principal.startswith("${")


@control(
    pillar="iam",
    level=4,
    severity="high",
    subject="AWS::IAM::Role",
    formats=("cfn", "tf", "tfplan", "config", "evidence"),
    refs={"nist_csf": ["PR.AA-03", "PR.AA-05"]},
)
def iam_admin_role_requires_mfa(role: Resource, graph: Graph) -> bool:
    """Administrator roles that IAM principals assume require MFA.

    Why it matters:
        Elevation to administrator should need a second factor at the moment it happens; a
        trust in an account or user without an MFA condition lets any leaked access key of
        that principal become an administrator session. Trusts in a named role (automation)
        and federated trusts (SAML, Identity Center, whose identity provider enforces MFA) are
        not judged here.

    Remediation:
        Add `Bool: {aws:MultiFactorAuthPresent: "true"}` (or `NumericLessThan` on
        `aws:MultiFactorAuthAge`) to every statement of `AssumeRolePolicyDocument` that trusts
        an account or IAM user (Terraform `assume_role_policy`); for automation, trust the
        pipeline's role ARN instead of its whole account.
    """
    if not principal_access(role, graph).is_admin():
        return True
    return all(
        statement.requires_mfa()
        for statement in trust_policy(role).allows
        if statement.covers_action("sts:AssumeRole")
        and any(_may_be_a_person(p) for p in statement.principal_values("AWS"))
    )

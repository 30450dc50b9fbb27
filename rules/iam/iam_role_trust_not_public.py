from csmm_static.model import Graph, Resource, control
from csmm_static.policy import public_statements, trust_policy


@control(
    pillar="iam",
    level=3,
    severity="high",
    subject="AWS::IAM::Role",
    formats=("cfn", "tf", "tfplan", "config", "evidence"),
    refs={"nist_csf": ["PR.AA-05"]},
)
def iam_role_trust_not_public(role: Resource, graph: Graph) -> bool:
    """No role trust policy lets any AWS principal assume the role.

    Why it matters:
        `Principal: "*"` (or an Allow with `NotPrincipal`) in a trust policy means any
        identity in any AWS account can assume the role, unless a condition pins the caller
        down; role names are easy to guess.

    Remediation:
        Name the trusted accounts, roles or services in `AssumeRolePolicyDocument`
        (Terraform `assume_role_policy`), or pin the caller with a condition such as
        `aws:PrincipalOrgID` or `aws:PrincipalArn`.
    """
    return not public_statements(trust_policy(role))

import re

from csmm_static.model import Graph, Resource, control
from csmm_static.policy import trust_policy

# `repo:*`, `system:serviceaccount:*`: a claim prefix and nothing that names the workload.
_BARE_CLAIM = re.compile(r"^[\w:-]*:[*?]*$|^[*?]*$")


def _names_workload(value: str) -> bool:
    return not _BARE_CLAIM.match(value)


@control(
    pillar="iam",
    level=3,
    severity="high",
    subject="AWS::IAM::Role",
    formats=("cfn", "tf", "tfplan", "config", "evidence"),
    refs={"nist_csf": ["PR.AA-05", "PR.AA-01"]},
)
def iam_role_oidc_trust_restricts_subject(role: Resource, graph: Graph) -> bool:
    """Roles trusted through OIDC (CI/CD, Kubernetes) pin the token's subject.

    Why it matters:
        An OIDC provider such as GitHub Actions issues tokens to every repository on the
        platform; a trust that checks only the audience lets any of them assume the role.
        The `sub` claim names the repository, branch or service account.

    Remediation:
        Add `StringEquals` or `StringLike` on `<provider>:sub` naming the repository and ref
        (`repo:my-org/my-repo:ref:refs/heads/main`) or service account
        (`system:serviceaccount:ns:name`) to the web-identity statement of
        `AssumeRolePolicyDocument` (Terraform `assume_role_policy`); for Cognito identity
        pools, pin `cognito-identity.amazonaws.com:aud`.
    """
    for statement in trust_policy(role).allows:
        if not statement.covers_action("sts:AssumeRoleWithWebIdentity"):
            continue
        providers = [
            p for p in statement.principal_values("Federated") if ":saml-provider/" not in p
        ]
        if not providers:
            continue
        cognito = any("cognito-identity" in p for p in providers)
        claim = "cognito-identity.amazonaws.com:aud" if cognito else "*:sub"
        if not statement.pins(claim, _names_workload):
            return False
    return True

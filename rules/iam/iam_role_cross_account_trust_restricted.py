from csmm_static.model import Graph, Resource, control
from csmm_static.policy import (
    is_own_account,
    organization_account_ids,
    principal_account,
    trust_policy,
)

# Either names the third party's deployment (confused deputy) or keeps the trust inside the
# organization.
_PINNING_KEYS = ("sts:ExternalId", "aws:PrincipalOrgID", "aws:PrincipalOrgPaths")


@control(
    pillar="iam",
    level=3,
    severity="high",
    subject="AWS::IAM::Role",
    formats=("cfn", "tf", "tfplan", "config", "evidence"),
    refs={"nist_csf": ["PR.AA-05", "GV.SC-05"]},
)
def iam_role_cross_account_trust_restricted(role: Resource, graph: Graph) -> bool:
    """Roles trusted by other AWS accounts require an external ID or organization membership.

    Why it matters:
        A vendor's account assumes roles for many customers: without `sts:ExternalId`, anyone
        who can make that vendor act on a role ARN can reach your account (the confused
        deputy). Within the organization, `aws:PrincipalOrgID` keeps the trust from
        outliving an account that leaves.

    Remediation:
        Add `StringEquals: {sts:ExternalId: <secret per customer>}` to trust statements for
        third-party accounts, or `aws:PrincipalOrgID` for accounts of your own organization,
        in `AssumeRolePolicyDocument` (Terraform `assume_role_policy`). Accounts the scan
        shows inside the organization (scanned accounts, the management account) need
        neither.
    """
    internal = organization_account_ids(graph)
    for statement in trust_policy(role).allows:
        if not statement.covers_action("sts:AssumeRole"):
            continue
        external = [
            principal
            for principal in statement.principal_values("AWS")
            if principal != "*"
            and not is_own_account(principal, role.account)
            and principal_account(principal) not in internal
        ]
        if external and not any(statement.pins(key) for key in _PINNING_KEYS):
            return False
    return True

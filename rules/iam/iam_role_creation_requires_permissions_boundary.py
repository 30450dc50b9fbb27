from csmm_static.model import Graph, Resource, Unknown, control
from csmm_static.policy import negated_condition_denies, principal_access

_BOUNDARY_KEY = "iam:PermissionsBoundary"


@control(
    pillar="iam",
    level=3,
    severity="medium",
    subject="AWS::IAM::Role",
    formats=("cfn", "tf", "tfplan", "config", "evidence"),
    refs={"nist_csf": ["PR.AA-05"]},
)
def iam_role_creation_requires_permissions_boundary(role: Resource, graph: Graph) -> bool:
    """Roles that may create IAM roles must attach a permissions boundary to them.

    Why it matters:
        Delegating role creation to a team or pipeline is safe only if what it creates is
        capped: without an `iam:PermissionsBoundary` condition, the delegate can create a role
        with more rights than it has and assume it. Full administrators are judged by the
        admin controls instead.

    Remediation:
        Condition every `iam:CreateRole` grant on `StringEquals: {iam:PermissionsBoundary:
        <boundary ARN>}`, or add a Deny of `iam:CreateRole` with `StringNotEquals` on that key,
        in the role's policies (`Policies`, `AWS::IAM::Policy`; Terraform `aws_iam_role_policy`,
        `aws_iam_policy`).
    """
    access = principal_access(role, graph)
    statements = access.statements()
    if any(
        s.covers_action("iam:CreateRole")
        for s in negated_condition_denies(statements, [_BOUNDARY_KEY])
    ):
        return True  # a Deny fires whenever the boundary is missing
    if any(
        s.allows and s.covers_action("iam:CreateRole") and not s.pins(_BOUNDARY_KEY)
        for s in statements
    ):
        return access.is_admin()
    if access.unresolved:
        raise Unknown(f"policy {access.unresolved[0].name} of {role.address} is not in the scan")
    return True

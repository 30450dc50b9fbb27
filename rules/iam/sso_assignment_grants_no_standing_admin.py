from csmm_static.model import Graph, Resource, Unknown, control
from csmm_static.policy import permission_set_is_admin, resolve


@control(
    pillar="iam",
    level=4,
    severity="high",
    subject="AWS::SSO::Assignment",
    refs={"nist_csf": ["PR.AA-05"], "prowler": ["iam_role_administratoraccess_policy"]},
    formats=("cfn", "tf", "tfplan"),
    unrecorded={
        "config": (
            "AWS Config does not record IAM Identity Center account assignments or the permission "
            "sets they grant"
        ),
    },
)
def sso_assignment_grants_no_standing_admin(assignment: Resource, graph: Graph) -> bool:
    """No permanent Identity Center assignment grants administrator access.

    Why it matters:
        Standing administrator access means every compromised workforce identity is one click
        from owning the account. Just-in-time elevation (temporary assignments approved per
        request) keeps administrator access rare, short and recorded.

    Remediation:
        Assign administrator permission sets only through a temporary elevation workflow (for
        example AWS TEAM, or another approval tool that creates and deletes the assignment)
        instead of a permanent `AWS::SSO::Assignment` (Terraform
        `aws_ssoadmin_account_assignment`); keep permanent assignments for non-admin sets.
    """
    value = assignment.get("PermissionSetArn")
    permission_set = resolve(value, graph, "AWS::SSO::PermissionSet") or next(
        (
            candidate
            for candidate in graph.resources("AWS::SSO::PermissionSet")
            if isinstance(value, str) and candidate.get("PermissionSetArn") == value
        ),
        None,
    )
    if permission_set is None:
        raise Unknown(f"permission set {value} of {assignment.address} is not in the scan")
    return not permission_set_is_admin(permission_set)

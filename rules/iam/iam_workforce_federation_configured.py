from csmm_static.model import Graph, Resource, control
from csmm_static.policy import trust_policy

# Identity Center and SAML federation, as the graph shows them in either the management
# account (instance, permission sets, assignments) or a member account (the SAML provider and
# the AWSReservedSSO_ roles Identity Center creates there).
_FEDERATION_TYPES = (
    "AWS::SSO::Instance",
    "AWS::SSO::PermissionSet",
    "AWS::SSO::Assignment",
    "AWS::IAM::SAMLProvider",
)


def _identity_center_role(role: Resource) -> bool:
    name = role.get("RoleName")
    path = role.get("Path")
    return (isinstance(name, str) and name.startswith("AWSReservedSSO_")) or (
        isinstance(path, str) and path.startswith("/aws-reserved/sso.amazonaws.com/")
    )


@control(
    pillar="iam",
    level=1,
    severity="high",
    subject="AWS::Account",
    formats=("cfn", "tf", "tfplan", "config", "evidence"),
    refs={
        "cis": ["1.21"],
        "nist_csf": ["PR.AA-01", "PR.AA-04"],
        "prowler": ["iam_check_saml_providers_sts"],
    },
)
def iam_workforce_federation_configured(account: Resource, graph: Graph) -> bool:
    """People reach the account through IAM Identity Center or SAML federation.

    Why it matters:
        Federated access keeps identities, MFA and leavers in one directory and hands out
        short-lived role sessions; without it, people end up with IAM users and passwords that
        nobody revokes.

    Remediation:
        Use IAM Identity Center permission sets and assignments (`AWS::SSO::PermissionSet`,
        `AWS::SSO::Assignment`; Terraform `aws_ssoadmin_permission_set`,
        `aws_ssoadmin_account_assignment`) or a SAML provider with roles that trust it
        (`AWS::IAM::SAMLProvider`; Terraform `aws_iam_saml_provider`).
    """
    if any(graph.resources(rtype) for rtype in _FEDERATION_TYPES):
        return True
    for role in graph.resources("AWS::IAM::Role"):
        if _identity_center_role(role):
            return True
        for statement in trust_policy(role).allows:
            if statement.covers_action("sts:AssumeRoleWithSAML") and any(
                ":saml-provider/" in v for v in statement.principal_values("Federated")
            ):
                return True
    return False

from csmm_static import policy
from csmm_static.model import Graph, Resource, control
from csmm_static.network import endpoint_type


@control(
    pillar="networking",
    level=3,
    severity="medium",
    subject="AWS::EC2::VPCEndpoint",
    refs={
        "nist_csf": ["PR.AA-05", "PR.IR-01"],
        "prowler": ["vpc_endpoint_connections_trust_boundaries"],
    },
)
def vpc_endpoint_policy_restricted(endpoint: Resource, graph: Graph) -> bool:
    """VPC endpoint policies limit whom or what the endpoint reaches.

    Why it matters:
        An endpoint without a policy allows any principal to reach any resource of the
        service, so stolen credentials from another account can move data out through it
        (to their own bucket) unseen by egress controls. A data perimeter names the
        organization's principals or resources (`aws:PrincipalOrgID`, `aws:ResourceOrgID`),
        or the resources themselves. Endpoint types without policies pass.

    Remediation:
        Set `PolicyDocument` on `AWS::EC2::VPCEndpoint` (Terraform: `aws_vpc_endpoint.policy`)
        so every Allow either names specific resources or carries a condition such as
        `aws:PrincipalOrgID` / `aws:ResourceOrgID`.
    """
    if endpoint_type(endpoint) not in ("Gateway", "Interface"):
        return True
    document = endpoint.get("PolicyDocument")
    if document is None:
        return False  # AWS's default policy: full access for everyone
    return not any(
        (statement.public_principal() or not statement.has_principal)
        and not statement.restricted_by_condition()
        and statement.all_resources()
        for statement in policy.parse(document).allows
    )

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
            "denying LeaveOrganization is in a snapshot"
        ),
    },
    refs={"nist_csf": ["PR.AA-05", "PR.PS-01"]},
)
def scp_denies_leaving_organization(account: Resource, graph: Graph) -> bool:
    """An attached SCP denies `organizations:LeaveOrganization`.

    Why it matters:
        A member account that leaves the organization sheds every SCP, the organization trail
        and the delegated security services at once; it is the first step of an account
        takeover that wants to stay unseen.

    Remediation:
        Add a `Deny` of `organizations:LeaveOrganization` on `*` to an SCP attached to the
        root or the workload OUs (`AWS::Organizations::Policy` `Content`; Terraform
        `aws_organizations_policy.content`).
    """
    return any(
        not statement.allows and statement.covers_action("organizations:LeaveOrganization")
        for statement in guardrail_statements(account, graph)
    )

from csmm_static.model import Graph, Resource, control
from csmm_static.policy import organization_policies, parse


@control(
    pillar="iam",
    level=2,
    severity="high",
    subject="AWS::Account",
    formats=("cfn", "tf", "tfplan", "evidence"),
    unrecorded={
        "config": (
            "AWS Config does not record AWS Organizations service control policies or the targets "
            "they are attached to"
        ),
    },
    refs={
        "fsbp": ["Account.2"],
        "nist_csf": ["GV.PO-01", "PR.AA-05"],
        "prowler": ["organizations_account_part_of_organizations"],
    },
)
def organizations_scp_attached(account: Resource, graph: Graph) -> bool:
    """A service control policy that denies something is attached in the organization.

    Why it matters:
        SCPs are the only guardrail that holds against every principal of a member account,
        its administrators included; an organization that only has the default
        `FullAWSAccess` policy has no guardrail at all.

    Remediation:
        Create an `AWS::Organizations::Policy` with `Type: SERVICE_CONTROL_POLICY`, `Deny`
        statements in `Content` and the root or OU ids in `TargetIds` (Terraform
        `aws_organizations_policy` and `aws_organizations_policy_attachment`).
    """
    return any(
        parse(policy.get("Content")).denies
        for policy in organization_policies(account, graph, "SERVICE_CONTROL_POLICY")
    )

from csmm_static.model import Graph, Resource, control
from csmm_static.policy import guardrail_statements, negated_condition_denies


@control(
    pillar="iam",
    level=2,
    severity="medium",
    subject="AWS::Account",
    formats=("cfn", "tf", "tfplan", "evidence"),
    unrecorded={
        "config": (
            "AWS Config does not record AWS Organizations service control policies, so no SCP "
            "restricting regions is in a snapshot"
        ),
    },
    refs={
        "nist_csf": ["PR.AA-05", "PR.PS-01"],
        "prowler": ["organizations_scp_check_deny_regions"],
    },
)
def scp_restricts_regions(account: Resource, graph: Graph) -> bool:
    """An attached SCP denies requests outside the approved regions.

    Why it matters:
        Regions nobody uses are regions nobody watches: crypto-mining and staging
        infrastructure land there because monitoring and budgets look elsewhere.

    Remediation:
        Add a `Deny` statement with a `StringNotEquals` condition on `aws:RequestedRegion`
        listing the approved regions, exempting global services with `NotAction`, to an
        attached SCP (`AWS::Organizations::Policy` `Content`; Terraform
        `aws_organizations_policy.content`).
    """
    statements = guardrail_statements(account, graph)
    return bool(negated_condition_denies(statements, ["aws:RequestedRegion"]))

from csmm_static.model import Graph, Resource, control
from csmm_static.policy import ORG_PERIMETER_KEYS, guardrail_statements, negated_condition_denies


@control(
    pillar="iam",
    level=3,
    severity="high",
    subject="AWS::Account",
    formats=("cfn", "tf", "tfplan", "evidence"),
    unrecorded={
        "config": (
            "AWS Config does not record AWS Organizations resource control policies or SCPs, nor "
            "the targets they are attached to"
        ),
    },
    refs={
        "nist_csf": ["PR.AA-05", "PR.IR-01"],
        "prowler": ["s3_bucket_cross_account_access"],
    },
)
def organizations_data_perimeter_enforced(account: Resource, graph: Graph) -> bool:
    """A resource or service control policy keeps access inside the organization.

    Why it matters:
        A data perimeter turns "only our identities, only our resources" into a guardrail:
        a misconfigured bucket or key policy, or a stolen credential used against an
        attacker's own bucket, is denied at the organization level whatever the resource
        policy says.

    Remediation:
        Attach a resource control policy (`AWS::Organizations::Policy` with
        `Type: RESOURCE_CONTROL_POLICY`) that denies `s3:*`, `sts:AssumeRole`, `kms:*`,
        `secretsmanager:*` ... with `StringNotEqualsIfExists: {aws:PrincipalOrgID: <org id>}`
        (exempting `aws:PrincipalIsAWSService`), and/or an SCP that denies with
        `StringNotEqualsIfExists: {aws:ResourceOrgID: <org id>}` (Terraform
        `aws_organizations_policy` with `type = "RESOURCE_CONTROL_POLICY"`).
    """
    statements = guardrail_statements(account, graph, "RESOURCE_CONTROL_POLICY")
    statements += guardrail_statements(account, graph, "SERVICE_CONTROL_POLICY")
    return bool(negated_condition_denies(statements, ORG_PERIMETER_KEYS))

from csmm_static import policy
from csmm_static.model import Graph, Resource, control


@control(
    pillar="storage",
    level=3,
    severity="high",
    subject="AWS::SecretsManager::ResourcePolicy",
    formats=("cfn", "tf", "tfplan"),
    unrecorded={
        "config": (
            "AWS Config has recorded secret policies only since 2025"
            " (AWS::SecretsManager::ResourcePolicy), a type the AWS Config reader does not map yet"
        ),
    },
    refs={
        "nist_csf": ["PR.AA-05", "PR.DS-01"],
        "prowler": ["secretsmanager_not_publicly_accessible"],
    },
)
def secretsmanager_secret_policy_not_public(resource_policy: Resource, graph: Graph) -> bool:
    """Secrets Manager resource policies grant nothing to anonymous principals.

    Why it matters:
        A secret's resource policy that allows `Principal: "*"` without a narrowing condition
        lets any AWS account read the credential it guards.

    Remediation:
        Name the principals in `ResourcePolicy` of the `AWS::SecretsManager::ResourcePolicy`
        (Terraform `aws_secretsmanager_secret_policy.policy`), or keep `"*"` only with
        `aws:PrincipalOrgID` or `aws:PrincipalAccount`; set `BlockPublicPolicy: true` so
        Secrets Manager rejects broad policies.
    """
    return not policy.public_statements(policy.parse(resource_policy.get("ResourcePolicy")))

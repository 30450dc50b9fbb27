from csmm_static import policy
from csmm_static.model import Graph, Resource, control


@control(
    pillar="storage",
    level=3,
    severity="high",
    subject="AWS::KMS::Key",
    refs={
        "nist_csf": ["PR.AA-05", "PR.DS-01"],
        "prowler": ["kms_key_not_publicly_accessible"],
    },
)
def kms_key_policy_not_public(key: Resource, graph: Graph) -> bool:
    """KMS key policies grant nothing to anonymous principals.

    Why it matters:
        The key policy is the root of access to everything the key encrypts; an `Allow` to
        `Principal: "*"` without a narrowing condition lets any AWS account use or manage it.

    Remediation:
        Name the principals in the `KeyPolicy` of the `AWS::KMS::Key` (Terraform `policy` on
        `aws_kms_key`), or keep `"*"` only with a condition such as `kms:CallerAccount`,
        `kms:ViaService` or `aws:PrincipalOrgID`.
    """
    # No KeyPolicy means KMS's default policy, which trusts only the owning account.
    return not policy.public_statements(policy.parse(key.get("KeyPolicy")))

from csmm_static import policy
from csmm_static.model import Graph, Resource, as_list, control


@control(
    pillar="storage",
    level=4,
    severity="medium",
    subject="AWS::Backup::BackupVault",
    formats=("cfn", "tf", "tfplan"),
    unrecorded={
        "config": "AWS Config's backup vault item does not carry the vault's access policy",
    },
    refs={
        "nist_csf": ["PR.DS-11", "PR.AA-05"],
    },
)
def backup_vault_policy_denies_recovery_point_deletion(vault: Resource, graph: Graph) -> bool:
    """AWS Backup vault access policies deny deleting recovery points to every principal.

    Why it matters:
        Without a deny, any identity with broad Backup permissions (an admin role, a stolen
        deployment key) can delete recovery points one by one; the vault policy is the one
        place that overrides those IAM grants.

    Remediation:
        Add a statement with `Effect: Deny`, `Principal: "*"` and
        `Action: [backup:DeleteRecoveryPoint, backup:UpdateRecoveryPointLifecycle]` to
        `AccessPolicy` of the `AWS::Backup::BackupVault` (Terraform `aws_backup_vault_policy`);
        exempt a break-glass role with an `aws:PrincipalArn` condition if needed.
    """
    return any(
        statement.grants_action("backup:DeleteRecoveryPoint")
        and (statement.public_principal() or not statement.has_principal)
        for statement in _without_conditions(vault.get("AccessPolicy")).denies
    )


def _without_conditions(document: object) -> policy.Policy:
    """The access policy with its conditions dropped: a deny to everyone counts even when it
    exempts a break-glass role, so an unresolved condition value cannot change the answer."""
    data = policy.decode(document) or {}
    statements = as_list(data.get("Statement"))
    bare = [
        {k: v for k, v in s.items() if k != "Condition"} for s in statements if isinstance(s, dict)
    ]
    return policy.parse({"Statement": bare})

from csmm_static.model import Graph, Resource, as_int, control


@control(
    pillar="storage",
    level=4,
    severity="high",
    subject="AWS::Backup::BackupVault",
    formats=("cfn", "tf", "tfplan"),
    unrecorded={
        "config": (
            "AWS Config's backup vault item carries no LockConfiguration, so the lock's mode and "
            "minimum retention are not in it"
        ),
    },
    refs={
        "nist_csf": ["PR.DS-11", "PR.DS-01"],
    },
)
def backup_vault_locked_in_compliance_mode(vault: Resource, graph: Graph) -> bool:
    """AWS Backup vaults are locked in compliance mode with a minimum retention.

    Why it matters:
        Ransomware operators delete backups before they encrypt production. A vault lock in
        compliance mode makes recovery points undeletable before their retention ends, even
        by the root user, once its cooling-off period has passed.

    Remediation:
        Set `LockConfiguration` on the `AWS::Backup::BackupVault` with `MinRetentionDays` and
        `ChangeableForDays` (3 or more; without it the lock is governance mode, which
        privileged users can remove); Terraform `aws_backup_vault_lock_configuration` with
        `changeable_for_days`.
    """
    if vault.get("LockConfiguration") is None:
        return False
    changeable = as_int(vault.get("LockConfiguration.ChangeableForDays"))
    minimum = as_int(vault.get("LockConfiguration.MinRetentionDays"))
    return changeable is not None and changeable >= 3 and minimum is not None and minimum >= 1

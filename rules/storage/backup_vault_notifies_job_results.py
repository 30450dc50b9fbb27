from csmm_static.model import Graph, Resource, as_list, control


@control(
    pillar="storage",
    level=4,
    severity="low",
    subject="AWS::Backup::BackupVault",
    refs={
        "nist_csf": ["PR.DS-11", "DE.CM-09"],
    },
)
def backup_vault_notifies_job_results(vault: Resource, graph: Graph) -> bool:
    """AWS Backup vaults publish backup job results to an SNS topic.

    Why it matters:
        A backup that silently fails for weeks is discovered during the restore that needed
        it. `BACKUP_JOB_COMPLETED` events carry every job's final state, failures included;
        the older `BACKUP_JOB_FAILED` event is no longer sent.

    Remediation:
        Set `Notifications` on the `AWS::Backup::BackupVault` with an `SNSTopicArn` and
        `BackupVaultEvents` including `BACKUP_JOB_COMPLETED` (and `COPY_JOB_FAILED` for
        copies); Terraform `aws_backup_vault_notifications`.
    """
    if not vault.get("Notifications.SNSTopicArn"):
        return False
    return "BACKUP_JOB_COMPLETED" in as_list(vault.get("Notifications.BackupVaultEvents"))

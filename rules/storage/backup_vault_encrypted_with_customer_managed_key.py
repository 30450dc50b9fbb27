from csmm_static.model import Graph, Reference, Resource, control


@control(
    pillar="storage",
    level=3,
    severity="medium",
    subject="AWS::Backup::BackupVault",
    formats=("cfn",),
    refs={
        "nist_csf": ["PR.DS-01", "PR.DS-11"],
        "prowler": ["backup_vaults_encrypted"],
    },
)
def backup_vault_encrypted_with_customer_managed_key(vault: Resource, graph: Graph) -> bool:
    """AWS Backup vaults encrypt recovery points with a customer-managed KMS key.

    Why it matters:
        Recovery points are full copies of the data; under the AWS-managed `aws/backup` key
        their protection follows the account's broad defaults, while a customer-managed key
        with its own policy decides who may restore and can be shared for cross-account copies.

    Remediation:
        Set `EncryptionKeyArn` on the `AWS::Backup::BackupVault` to an `AWS::KMS::Key` you
        manage (Terraform `kms_key_arn` on `aws_backup_vault`).
    """
    key = vault.get("EncryptionKeyArn")
    if isinstance(key, Reference):
        return True
    return isinstance(key, str) and bool(key) and "alias/aws/" not in key

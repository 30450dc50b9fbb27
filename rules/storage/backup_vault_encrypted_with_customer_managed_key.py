from csmm_static.model import Graph, Reference, Resource, control


@control(
    pillar="storage",
    level=3,
    severity="medium",
    subject="AWS::Backup::BackupVault",
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
    if not isinstance(key, str) or not key or "alias/aws/" in key:
        return False
    # A deployed vault always names a key ARN, the AWS-managed one's too; the key's own record
    # (AWS Config's KeyManager) says whose it is.
    return not any(
        k.address == key and k.get("KeyManager") == "AWS" for k in graph.resources("AWS::KMS::Key")
    )

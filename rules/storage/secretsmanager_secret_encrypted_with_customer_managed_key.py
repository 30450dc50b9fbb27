from csmm_static.model import Graph, Reference, Resource, control


@control(
    pillar="storage",
    level=3,
    severity="medium",
    subject="AWS::SecretsManager::Secret",
    refs={
        "nist_csf": ["PR.DS-01", "PR.AA-05"],
    },
)
def secretsmanager_secret_encrypted_with_customer_managed_key(
    secret: Resource, graph: Graph
) -> bool:
    """Secrets Manager secrets are encrypted with a customer-managed KMS key.

    Why it matters:
        With the default `aws/secretsmanager` key, anyone allowed `GetSecretValue` can read
        the secret; a customer-managed key adds a key policy as a second gate, allows
        cross-account use, and can be disabled to revoke every reader at once.

    Remediation:
        Set `KmsKeyId` on the `AWS::SecretsManager::Secret` to an `AWS::KMS::Key` you manage
        (Terraform `kms_key_id` on `aws_secretsmanager_secret`).
    """
    key = secret.get("KmsKeyId")
    if isinstance(key, Reference):
        return True
    return isinstance(key, str) and bool(key) and "alias/aws/" not in key

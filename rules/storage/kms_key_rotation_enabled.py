from csmm_static.model import Graph, Resource, as_bool, control


@control(
    pillar="storage",
    level=3,
    severity="high",
    subject="AWS::KMS::Key",
    refs={
        "cis": ["3.6"],
        "fsbp": ["KMS.4"],
        "nist_csf": ["PR.DS-01"],
        "prowler": ["kms_cmk_rotation_enabled"],
    },
)
def kms_key_rotation_enabled(key: Resource, graph: Graph) -> bool:
    """Customer-managed symmetric KMS keys rotate their key material automatically.

    Why it matters:
        Rotation limits how much data one generation of key material protects and retires
        material that may have leaked, without re-encrypting anything or changing key ids.

    Remediation:
        Set `EnableKeyRotation: true` on the `AWS::KMS::Key` (Terraform
        `enable_key_rotation = true` on `aws_kms_key`). Asymmetric, HMAC and imported keys
        cannot rotate automatically and are not held to this.
    """
    if not _rotatable(key):
        return True
    return as_bool(key.get("EnableKeyRotation")) is True


def _rotatable(key: Resource) -> bool:
    """KMS rotates only symmetric encryption keys whose material it generated."""
    return (
        key.get("KeySpec", "SYMMETRIC_DEFAULT") == "SYMMETRIC_DEFAULT"
        and key.get("KeyUsage", "ENCRYPT_DECRYPT") == "ENCRYPT_DECRYPT"
        and key.get("Origin", "AWS_KMS") == "AWS_KMS"
    )

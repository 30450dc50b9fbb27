from csmm_static.model import Graph, Resource, as_bool, as_int, control

MAXIMUM_DAYS = 365


@control(
    pillar="storage",
    level=5,
    severity="medium",
    subject="AWS::KMS::Key",
    formats=("cfn", "tf", "tfplan"),
    unrecorded={
        "config": "AWS Config records whether a KMS key rotates but not its rotation period",
    },
    refs={
        "nist_csf": ["PR.DS-01"],
    },
)
def kms_key_rotation_period_at_most_365_days(key: Resource, graph: Graph) -> bool:
    """Customer-managed symmetric KMS keys rotate their key material at least yearly.

    Why it matters:
        KMS accepts rotation periods of up to seven years; a key that rotates that rarely
        keeps one generation of material protecting years of data. A period of a year or less
        keeps rotation automatic and its exposure bounded.

    Remediation:
        Set `EnableKeyRotation: true` and `RotationPeriodInDays` to 365 or less (the default
        is 365) on the `AWS::KMS::Key` (Terraform `enable_key_rotation = true` and
        `rotation_period_in_days`).
    """
    symmetric = (
        key.get("KeySpec", "SYMMETRIC_DEFAULT") == "SYMMETRIC_DEFAULT"
        and key.get("KeyUsage", "ENCRYPT_DECRYPT") == "ENCRYPT_DECRYPT"
        and key.get("Origin", "AWS_KMS") == "AWS_KMS"
    )
    if not symmetric:
        return True  # KMS cannot rotate asymmetric, HMAC or imported key material
    period = as_int(key.get("RotationPeriodInDays", MAXIMUM_DAYS))
    return as_bool(key.get("EnableKeyRotation")) is True and period is not None and period <= 365

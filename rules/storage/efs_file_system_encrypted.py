from csmm_static.model import Graph, Resource, as_bool, control


@control(
    pillar="storage",
    level=1,
    severity="high",
    subject="AWS::EFS::FileSystem",
    refs={
        "cis": ["2.4.1"],
        "fsbp": ["EFS.1"],
        "nist_csf": ["PR.DS-01"],
        "prowler": ["efs_encryption_at_rest_enabled"],
    },
)
def efs_file_system_encrypted(file_system: Resource, graph: Graph) -> bool:
    """EFS file systems encrypt their data at rest.

    Why it matters:
        EFS encryption is off unless it is asked for at creation and cannot be turned on
        later; an unencrypted file system exposes shared data to anyone with storage access.

    Remediation:
        Set `Encrypted: true` (optionally `KmsKeyId`) on the `AWS::EFS::FileSystem`
        (Terraform `encrypted = true` on `aws_efs_file_system`) and migrate the data to the
        new file system.
    """
    return as_bool(file_system.get("Encrypted")) is True

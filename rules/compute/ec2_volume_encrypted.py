from csmm_static.compute import regional_default
from csmm_static.model import Graph, Resource, as_bool, control


@control(
    pillar="compute",
    level=1,
    severity="high",
    subject="AWS::EC2::Volume",
    refs={
        "cis": ["2.2.1"],
        "fsbp": ["EC2.3"],
        "nist_csf": ["PR.DS-01"],
        "prowler": ["ec2_ebs_volume_encryption"],
    },
)
def ec2_volume_encrypted(volume: Resource, graph: Graph) -> bool:
    """EBS volumes are encrypted at rest.

    Why it matters:
        An unencrypted volume, or a snapshot copied from it, exposes its data to anyone who
        can read the snapshot; encryption ties access to a KMS key policy. A volume created
        where EBS encryption by default is on is encrypted whatever its template says.

    Remediation:
        Set `Encrypted: true` on `AWS::EC2::Volume` (Terraform: `encrypted = true` on
        `aws_ebs_volume`), and turn on EBS encryption by default in every region
        (Terraform: `aws_ebs_encryption_by_default`).
    """
    if as_bool(volume.get("Encrypted")) is True:
        return True
    return as_bool(regional_default(graph, volume, "EbsEncryptionByDefault")) is True

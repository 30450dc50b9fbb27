from csmm_static.compute import block_devices_encrypted, launch_setting
from csmm_static.model import Graph, Resource, control


@control(
    pillar="compute",
    level=1,
    severity="high",
    subject="AWS::EC2::Instance",
    refs={
        "cis": ["2.2.1"],
        "fsbp": ["EC2.3"],
        "nist_csf": ["PR.DS-01"],
        "prowler": ["ec2_ebs_volume_encryption"],
    },
)
def ec2_instance_volumes_encrypted(instance: Resource, graph: Graph) -> bool:
    """EC2 instances launch with encrypted EBS volumes.

    Why it matters:
        The volumes an instance launches with hold its operating system, application and
        often cached data; left unencrypted, every snapshot and copy of them is readable by
        whoever can reach the snapshot.

    Remediation:
        Set `Ebs.Encrypted: true` on every entry of `BlockDeviceMappings` of the instance or its
        launch template (Terraform: `encrypted = true` in `root_block_device` and
        `ebs_block_device`), or turn on EBS encryption by default in the region
        (Terraform: `aws_ebs_encryption_by_default`).
    """
    return block_devices_encrypted(
        graph, instance, launch_setting(graph, instance, "BlockDeviceMappings")
    )

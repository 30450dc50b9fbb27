from csmm_static.compute import block_devices_encrypted
from csmm_static.model import Graph, Resource, control


@control(
    pillar="compute",
    level=1,
    severity="high",
    subject="AWS::EC2::LaunchTemplate",
    refs={
        "fsbp": ["EC2.181"],
        "nist_csf": ["PR.DS-01"],
        "prowler": ["ec2_ebs_volume_encryption"],
    },
)
def ec2_launch_template_volumes_encrypted(template: Resource, graph: Graph) -> bool:
    """Launch templates create encrypted EBS volumes.

    Why it matters:
        Every instance an Auto Scaling group or fleet launches inherits the template's block
        devices; one unencrypted mapping multiplies into an unencrypted volume per instance.

    Remediation:
        Set `Ebs.Encrypted: true` on every entry of `LaunchTemplateData.BlockDeviceMappings`
        (Terraform: `encrypted = "true"` in `block_device_mappings { ebs { ... } }` of
        `aws_launch_template`), or turn on EBS encryption by default in the region.
    """
    return block_devices_encrypted(
        graph, template, template.get("LaunchTemplateData.BlockDeviceMappings")
    )

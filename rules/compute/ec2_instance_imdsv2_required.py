from csmm_static.compute import launch_setting, metadata_tokens_required
from csmm_static.model import Graph, Resource, control


@control(
    pillar="compute",
    level=2,
    severity="high",
    subject="AWS::EC2::Instance",
    refs={
        "cis": ["5.6"],
        "fsbp": ["EC2.8"],
        "nist_csf": ["PR.PS-01", "PR.AA-05"],
        "prowler": ["ec2_instance_imdsv2_enabled"],
    },
)
def ec2_instance_imdsv2_required(instance: Resource, graph: Graph) -> bool:
    """EC2 instances require IMDSv2 session tokens, or have the metadata service off.

    Why it matters:
        IMDSv1 answers any request from the instance, so one server-side request forgery bug
        hands the instance role's credentials to an attacker; IMDSv2's session token stops it.
        Settings come from the instance, then its launch template, then the region's
        instance metadata defaults.

    Remediation:
        Set `MetadataOptions.HttpTokens: required` on the instance or its launch template
        (Terraform: `metadata_options { http_tokens = "required" }`), or require IMDSv2 in the
        region's defaults (Terraform: `aws_ec2_instance_metadata_defaults`).
    """
    return metadata_tokens_required(
        graph, instance, lambda field: launch_setting(graph, instance, f"MetadataOptions.{field}")
    )

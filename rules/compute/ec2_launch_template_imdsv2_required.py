from csmm_static.compute import metadata_tokens_required
from csmm_static.model import Graph, Resource, control


@control(
    pillar="compute",
    level=2,
    severity="high",
    subject="AWS::EC2::LaunchTemplate",
    refs={
        "fsbp": ["EC2.170"],
        "nist_csf": ["PR.PS-01", "PR.AA-05"],
        "prowler": ["ec2_launch_template_imdsv2_required"],
    },
)
def ec2_launch_template_imdsv2_required(template: Resource, graph: Graph) -> bool:
    """Launch templates require IMDSv2 session tokens, or turn the metadata service off.

    Why it matters:
        Every instance launched from the template inherits its metadata options; with IMDSv1
        allowed, a request forgery bug in any of them leaks the instance role's credentials.

    Remediation:
        Set `LaunchTemplateData.MetadataOptions.HttpTokens: required` (Terraform:
        `metadata_options { http_tokens = "required" }` on `aws_launch_template`), or require
        IMDSv2 in the region's defaults (Terraform: `aws_ec2_instance_metadata_defaults`).
    """
    return metadata_tokens_required(
        graph, template, lambda field: template.get(f"LaunchTemplateData.MetadataOptions.{field}")
    )

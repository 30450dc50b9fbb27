from csmm_static.compute import metadata_single_hop
from csmm_static.model import Graph, Resource, control


@control(
    pillar="compute",
    level=2,
    severity="medium",
    subject="AWS::EC2::LaunchTemplate",
    refs={"nist_csf": ["PR.AA-05", "PR.IR-01"]},
)
def ec2_launch_template_metadata_hop_limit_one(template: Resource, graph: Graph) -> bool:
    """Launch templates keep IMDS responses to one network hop.

    Why it matters:
        With a hop limit above one, containers and anything routed through the host can fetch
        the node role's credentials from the metadata service; pods and tasks should use their
        own roles (IRSA, EKS Pod Identity, ECS task roles) instead.

    Remediation:
        Leave `LaunchTemplateData.MetadataOptions.HttpPutResponseHopLimit` out or set it to 1
        (Terraform: `metadata_options { http_put_response_hop_limit = 1 }` on
        `aws_launch_template`).
    """
    return metadata_single_hop(
        graph, template, lambda field: template.get(f"LaunchTemplateData.MetadataOptions.{field}")
    )

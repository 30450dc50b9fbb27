from csmm_static.compute import regional_default
from csmm_static.model import Graph, Resource, as_int, control


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
    options = "LaunchTemplateData.MetadataOptions"
    if template.get(f"{options}.HttpEndpoint") == "disabled":
        return True
    limit = template.get(f"{options}.HttpPutResponseHopLimit")
    if limit is None:
        limit = regional_default(
            graph, template, "InstanceMetadataDefaults.HttpPutResponseHopLimit"
        )
    hops = as_int(limit)
    return hops is None or hops <= 1

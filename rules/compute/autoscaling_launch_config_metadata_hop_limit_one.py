from csmm_static.compute import metadata_single_hop
from csmm_static.model import Graph, Resource, control


@control(
    pillar="compute",
    level=2,
    severity="medium",
    subject="AWS::AutoScaling::LaunchConfiguration",
    refs={"fsbp": ["AutoScaling.4"], "nist_csf": ["PR.AA-05", "PR.IR-01"]},
)
def autoscaling_launch_config_metadata_hop_limit_one(configuration: Resource, graph: Graph) -> bool:
    """Auto Scaling launch configurations keep IMDS responses to one network hop.

    Why it matters:
        With a hop limit above one, containers and anything routed through the host can fetch
        the instance role's credentials from the metadata service.

    Remediation:
        Leave `MetadataOptions.HttpPutResponseHopLimit` out or set it to 1 on
        `AWS::AutoScaling::LaunchConfiguration` (Terraform: `metadata_options {
        http_put_response_hop_limit = 1 }` on `aws_launch_configuration`), or move the group
        to a launch template.
    """
    return metadata_single_hop(
        graph, configuration, lambda field: configuration.get(f"MetadataOptions.{field}")
    )

from csmm_static.compute import metadata_tokens_required
from csmm_static.model import Graph, Resource, control


@control(
    pillar="compute",
    level=2,
    severity="high",
    subject="AWS::AutoScaling::LaunchConfiguration",
    refs={
        "fsbp": ["AutoScaling.3"],
        "nist_csf": ["PR.PS-01", "PR.AA-05"],
        "prowler": ["autoscaling_group_launch_configuration_requires_imdsv2"],
    },
)
def autoscaling_launch_config_imdsv2_required(configuration: Resource, graph: Graph) -> bool:
    """Auto Scaling launch configurations require IMDSv2 session tokens.

    Why it matters:
        Every instance the group launches inherits the metadata options; with IMDSv1 allowed,
        a request forgery bug in any of them leaks the instance role's credentials.

    Remediation:
        Set `MetadataOptions.HttpTokens: required` on `AWS::AutoScaling::LaunchConfiguration`
        (Terraform: `metadata_options { http_tokens = "required" }` on
        `aws_launch_configuration`), or better, move the group to a launch template.
    """
    return metadata_tokens_required(
        graph, configuration, lambda field: configuration.get(f"MetadataOptions.{field}")
    )

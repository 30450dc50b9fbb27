from csmm_static.model import Graph, Resource, as_bool, control


@control(
    pillar="compute",
    level=1,
    severity="high",
    subject="AWS::AutoScaling::LaunchConfiguration",
    refs={
        "fsbp": ["AutoScaling.5"],
        "nist_csf": ["PR.IR-01"],
        "prowler": ["autoscaling_group_launch_configuration_no_public_ip"],
    },
)
def autoscaling_launch_config_no_public_ip(configuration: Resource, graph: Graph) -> bool:
    """Auto Scaling launch configurations do not give instances a public IPv4 address.

    Why it matters:
        Every instance the group launches gets the address, exposing the whole fleet to the
        internet whatever the subnets say.

    Remediation:
        Set `AssociatePublicIpAddress: false` or leave it out on
        `AWS::AutoScaling::LaunchConfiguration` (Terraform: `associate_public_ip_address =
        false` on `aws_launch_configuration`), or move the group to a launch template.
    """
    return as_bool(configuration.get("AssociatePublicIpAddress")) is not True

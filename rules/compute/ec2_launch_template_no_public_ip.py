from csmm_static.model import Graph, Resource, as_bool, as_list, control, lookup


@control(
    pillar="compute",
    level=1,
    severity="high",
    subject="AWS::EC2::LaunchTemplate",
    refs={
        "fsbp": ["EC2.25"],
        "nist_csf": ["PR.IR-01"],
        "prowler": ["ec2_launch_template_no_public_ip"],
    },
)
def ec2_launch_template_no_public_ip(template: Resource, graph: Graph) -> bool:
    """Launch templates do not give network interfaces a public IPv4 address.

    Why it matters:
        Every instance launched from the template gets the address, so one setting exposes a
        whole fleet to the internet, bypassing the subnet's choice.

    Remediation:
        Remove `AssociatePublicIpAddress: true` from `LaunchTemplateData.NetworkInterfaces`
        (Terraform: `associate_public_ip_address = false` in `network_interfaces` of
        `aws_launch_template`) and launch into private subnets.
    """
    interfaces = as_list(template.get("LaunchTemplateData.NetworkInterfaces"))
    return not any(as_bool(lookup(i, "AssociatePublicIpAddress")) is True for i in interfaces)

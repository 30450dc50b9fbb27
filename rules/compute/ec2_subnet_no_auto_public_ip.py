from csmm_static.model import Graph, Resource, as_bool, control


@control(
    pillar="compute",
    level=1,
    severity="medium",
    subject="AWS::EC2::Subnet",
    refs={
        "fsbp": ["EC2.15"],
        "nist_csf": ["PR.IR-01"],
        "prowler": ["vpc_subnet_no_public_ip_by_default"],
    },
)
def ec2_subnet_no_auto_public_ip(subnet: Resource, graph: Graph) -> bool:
    """Subnets do not assign public IPv4 addresses to the instances launched in them.

    Why it matters:
        With auto-assignment on, any instance launched into the subnet without an explicit
        choice becomes reachable from the internet.

    Remediation:
        Leave `MapPublicIpOnLaunch` out or set it to `false` on `AWS::EC2::Subnet` (Terraform:
        `map_public_ip_on_launch = false` on `aws_subnet`); give the few internet-facing
        hosts their address explicitly, or put them behind a load balancer.
    """
    return as_bool(subnet.get("MapPublicIpOnLaunch")) is not True

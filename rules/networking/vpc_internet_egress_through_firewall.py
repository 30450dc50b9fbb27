from csmm_static.model import Graph, Resource, control
from csmm_static.network import (
    inspection_subnets,
    route_to_internet_gateway,
    routes,
    table_subnets,
    vpc_internet_gateways,
    vpc_route_tables,
)


@control(
    pillar="networking",
    level=3,
    severity="high",
    subject="AWS::EC2::VPC",
    refs={
        "fsbp": ["NetworkFirewall.3"],
        "nist_csf": ["PR.IR-01", "DE.CM-01"],
        "prowler": ["networkfirewall_in_all_vpc"],
    },
)
def vpc_internet_egress_through_firewall(vpc: Resource, graph: Graph) -> bool:
    """VPCs with an internet gateway reach it only through a network firewall.

    Why it matters:
        Malware calls home and data leaves over the same internet route that patches come
        in on. When only firewall subnets route to the internet gateway, every other subnet's
        traffic passes an inspection point that can allow-list domains and drop the rest.
        VPCs without an internet gateway (egress through a central inspection VPC) pass.

    Remediation:
        Deploy `AWS::NetworkFirewall::Firewall` (or a Gateway Load Balancer endpoint) in
        dedicated subnets, route `0.0.0.0/0` of every other subnet to its endpoint, and keep
        the route to the `AWS::EC2::InternetGateway` only in the firewall subnets' route
        table. Terraform: `aws_networkfirewall_firewall`, `aws_route` with
        `vpc_endpoint_id`.
    """
    if not vpc_internet_gateways(graph, vpc):
        return True
    inspected = inspection_subnets(graph, vpc)
    if not inspected:
        return False
    return not any(
        any(route_to_internet_gateway(graph, route) for route in routes(graph, table))
        and any(s.node_id not in inspected for s in table_subnets(graph, table))
        for table in vpc_route_tables(graph, vpc)
    )

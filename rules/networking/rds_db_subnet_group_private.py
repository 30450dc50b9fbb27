from csmm_static.model import Graph, Reference, Resource, Unknown, as_list, control
from csmm_static.network import subnet_is_public


@control(
    pillar="networking",
    level=3,
    severity="medium",
    subject="AWS::RDS::DBSubnetGroup",
    refs={
        "nist_csf": ["PR.IR-01"],
        "prowler": ["vpc_subnet_separate_private_public"],
    },
)
def rds_db_subnet_group_private(group: Resource, graph: Graph) -> bool:
    """Database subnet groups contain only private subnets.

    Why it matters:
        A database placed in a subnet whose route table reaches an internet gateway is one
        `PubliclyAccessible` flag (or one failover to that subnet) away from the internet.
        Keeping the data tier in subnets without an internet route makes that mistake
        unreachable. Subnets outside the scan are unknown.

    Remediation:
        List only subnets whose route tables have no route to an `AWS::EC2::InternetGateway`
        in `AWS::RDS::DBSubnetGroup.SubnetIds` (Terraform: `aws_db_subnet_group.subnet_ids`);
        reach the internet, if at all, through a NAT gateway.
    """
    named = as_list(group.get("SubnetIds"))
    # A subnet in the scan is an edge whether the group names it by reference (IaC) or by id
    # (AWS Config); one that is not leaves fewer edges than names.
    subnets = graph.related(group, "AWS::EC2::Subnet", direction="out")
    if len(subnets) < len(named):
        missing = [s for s in named if not isinstance(s, Reference) or not graph.get(s.target)]
        raise Unknown(f"subnet {(missing or named)[0]} is not in the scan")
    return not any(subnet_is_public(graph, subnet) for subnet in subnets)

from csmm_static import network
from csmm_static.model import Graph, Reference, Resource, Unknown, as_bool, as_list, control


@control(
    pillar="storage",
    level=1,
    severity="critical",
    subject="AWS::RDS::DBInstance",
    refs={
        "cis": ["2.3.3"],
        "fsbp": ["RDS.2"],
        "nist_csf": ["PR.IR-01", "PR.DS-01"],
        "prowler": ["rds_instance_no_public_access"],
    },
)
def rds_instance_not_publicly_accessible(db: Resource, graph: Graph) -> bool:
    """RDS database instances are not publicly accessible.

    Why it matters:
        A publicly accessible instance gets a DNS name that resolves to a public address;
        one permissive security group rule then exposes the database login to the internet.

    Remediation:
        Set `PubliclyAccessible: false` on the `AWS::RDS::DBInstance` (Terraform
        `publicly_accessible = false`). Without it, RDS makes the instance public whenever
        its subnets' VPC has an internet gateway attached.
    """
    explicit = as_bool(db.get("PubliclyAccessible"))
    if explicit is not None:
        return not explicit
    # Unset: RDS decides from the VPC of the subnet group (the cluster's, for Aurora members).
    group = db.get("DBSubnetGroupName")
    if group is None and db.get("DBClusterIdentifier") is not None:
        cluster = _target(db.get("DBClusterIdentifier"), graph)
        if cluster is None:
            raise Unknown("PubliclyAccessible is unset and the DB cluster is not in the scan")
        group = cluster.get("DBSubnetGroupName")
    if group is None:
        raise Unknown(
            "PubliclyAccessible is unset and no DB subnet group is named: RDS uses the default"
            " VPC, which is public when it has an internet gateway"
        )
    subnet_group = _target(group, graph)
    if subnet_group is None:
        raise Unknown("PubliclyAccessible is unset and the DB subnet group is not in the scan")
    vpcs = [_vpc(subnet, graph) for subnet in as_list(subnet_group.get("SubnetIds"))]
    return not any(network.vpc_internet_gateways(graph, vpc) for vpc in vpcs)


def _target(value: object, graph: Graph) -> Resource | None:
    """The resource a reference names, when it is in the scan."""
    return graph.get(value.target) if isinstance(value, Reference) and value.target else None


def _vpc(subnet_ref: object, graph: Graph) -> Resource:
    subnet = _target(subnet_ref, graph)
    vpc = _target(subnet.get("VpcId"), graph) if subnet is not None else None
    if vpc is None:
        raise Unknown("PubliclyAccessible is unset and a subnet's VPC is not in the scan")
    return vpc

from csmm_static.compute import launch_setting, require
from csmm_static.model import (
    Graph,
    Reference,
    Resource,
    as_bool,
    as_int,
    as_list,
    control,
    lookup,
)


@control(
    pillar="compute",
    level=1,
    severity="high",
    subject="AWS::EC2::Instance",
    refs={
        "fsbp": ["EC2.9"],
        "nist_csf": ["PR.IR-01"],
        "prowler": ["ec2_instance_public_ip"],
    },
)
def ec2_instance_no_public_ip(instance: Resource, graph: Graph) -> bool:
    """EC2 instances have no public IPv4 address.

    Why it matters:
        A public address puts the instance one security group rule away from the internet;
        instances belong behind load balancers, NAT and Session Manager. An instance launched
        without a subnet lands in the default VPC, whose subnets hand out public addresses.

    Remediation:
        Launch into a private subnet (`SubnetId` of an `AWS::EC2::Subnet` with
        `MapPublicIpOnLaunch: false`), set `AssociatePublicIpAddress: false` on its network
        interfaces, and attach no Elastic IP (Terraform: `subnet_id`,
        `associate_public_ip_address = false` on `aws_instance`, no `aws_eip` for it).
    """
    if instance.get("PublicIp") or _elastic_ip_attached(instance, graph):
        return False
    interfaces = as_list(launch_setting(graph, instance, "NetworkInterfaces"))
    primary = next((i for i in interfaces if as_int(lookup(i, "DeviceIndex")) == 0), None)
    if primary is None and interfaces:
        primary = interfaces[0]
    associate = as_bool(lookup(primary, "AssociatePublicIpAddress"))
    if associate is not None:
        return not associate
    if lookup(primary, "NetworkInterfaceId"):
        return True  # an existing interface keeps its addresses; none is added at launch
    subnet_id = lookup(primary, "SubnetId") or instance.get("SubnetId")
    if subnet_id is None:
        return False  # the default VPC's subnets assign public addresses
    subnet = require(graph, "AWS::EC2::Subnet", subnet_id, "subnet", ("SubnetId",))
    return as_bool(subnet.get("MapPublicIpOnLaunch")) is not True


def _elastic_ip_attached(instance: Resource, graph: Graph) -> bool:
    for rtype in ("AWS::EC2::EIP", "AWS::EC2::EIPAssociation"):
        for address in graph.related(instance, rtype, direction="in"):
            target = address.get("InstanceId")
            if isinstance(target, Reference) and target.target == instance.node_id:
                return True
    return False

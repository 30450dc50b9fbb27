from csmm_static.compute import find
from csmm_static.model import Graph, Reference, Resource, Unknown, as_list, control


@control(
    pillar="compute",
    level=5,
    severity="medium",
    subject="AWS::AutoScaling::AutoScalingGroup",
    refs={
        "fsbp": ["AutoScaling.2"],
        "nist_csf": ["PR.IR-03"],
        "prowler": ["autoscaling_group_multiple_az"],
    },
)
def autoscaling_group_multi_az(group: Resource, graph: Graph) -> bool:
    """Auto Scaling groups span at least two Availability Zones.

    Why it matters:
        A group confined to one zone goes down with it; across zones it rebalances and keeps
        serving while AWS recovers the failed zone, without anyone acting.

    Remediation:
        List subnets in two or more Availability Zones in `VPCZoneIdentifier` of
        `AWS::AutoScaling::AutoScalingGroup` (Terraform: `vpc_zone_identifier` on
        `aws_autoscaling_group`).
    """
    subnets = as_list(group.get("VPCZoneIdentifier"))
    if not subnets:
        zones = as_list(group.get("AvailabilityZones")) or as_list(group.get("AvailabilityZoneIds"))
        return len(set(zones)) >= 2
    known: set[str] = set()
    unresolved = 0
    for value in subnets:
        subnet = find(graph, "AWS::EC2::Subnet", value, ("SubnetId",))
        zone = None
        if subnet is not None:
            zone = subnet.properties.get(
                "AvailabilityZone", subnet.properties.get("AvailabilityZoneId")
            )
        if isinstance(zone, str) and not isinstance(zone, Reference):
            known.add(zone)
        else:
            unresolved += 1
    if len(known) >= 2:
        return True
    if len(subnets) < 2 or not unresolved:
        return False
    raise Unknown("the Availability Zones of the group's subnets are known only at deploy time")

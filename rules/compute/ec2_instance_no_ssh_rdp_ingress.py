from csmm_static.compute import launch_setting, require, session_manager_ready
from csmm_static.model import Graph, Resource, as_list, control, lookup
from csmm_static.network import covers_port, ingress_rules

_ADMIN_PORTS = (22, 3389)


@control(
    pillar="compute",
    level=4,
    severity="high",
    subject="AWS::EC2::Instance",
    refs={"nist_csf": ["PR.AA-05", "PR.IR-01"]},
)
def ec2_instance_no_ssh_rdp_ingress(instance: Resource, graph: Graph) -> bool:
    """EC2 instances that Session Manager can reach admit no SSH or RDP traffic.

    Why it matters:
        Once Session Manager reaches an instance, an open SSH or RDP port, even to a bastion
        or a corporate range, is a second way in with its own credentials outside IAM and
        outside the session log. (Instances it cannot reach fail `ec2_instance_ssm_managed`.)

    Remediation:
        Remove ingress on TCP 22 and 3389 from every security group of the instance and its
        launch template (`SecurityGroupIngress` of `AWS::EC2::SecurityGroup`; Terraform:
        `ingress` blocks, `aws_security_group_rule`, `aws_vpc_security_group_ingress_rule`)
        and connect with Session Manager.
    """
    admin_open = any(
        covers_port(rule, port)
        for group in _security_groups(instance, graph)
        for rule in ingress_rules(group)
        for port in _ADMIN_PORTS
    )
    return not admin_open or not session_manager_ready(graph, instance)


def _security_groups(instance: Resource, graph: Graph) -> list[Resource]:
    """The groups the instance launches with: its own, its interfaces', its template's."""
    names = [
        *as_list(launch_setting(graph, instance, "SecurityGroupIds")),
        *as_list(launch_setting(graph, instance, "SecurityGroups")),
    ]
    if instance.has("NetworkInterfaces"):
        for interface in as_list(instance.get("NetworkInterfaces")):
            names.extend(as_list(lookup(interface, "GroupSet")))
    else:
        for interface in as_list(launch_setting(graph, instance, "NetworkInterfaces")):
            names.extend(as_list(lookup(interface, "Groups")))
    return [
        require(graph, "AWS::EC2::SecurityGroup", name, "security group", ("GroupId", "GroupName"))
        for name in names
    ]

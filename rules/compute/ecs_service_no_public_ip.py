from csmm_static.model import Graph, Resource, control


@control(
    pillar="compute",
    level=3,
    severity="high",
    subject="AWS::ECS::Service",
    refs={
        "fsbp": ["ECS.2"],
        "nist_csf": ["PR.IR-01"],
        "prowler": ["ecs_service_no_assign_public_ip"],
    },
)
def ecs_service_no_public_ip(service: Resource, graph: Graph) -> bool:
    """ECS services do not give their tasks public IP addresses.

    Why it matters:
        A task with a public address is reachable from the internet whenever its security
        group allows it, bypassing the load balancer and network isolation of the workload.

    Remediation:
        Set `NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp: DISABLED` (the default)
        on `AWS::ECS::Service`, run tasks in private subnets and reach the internet through
        NAT or VPC endpoints (Terraform: `assign_public_ip = false` in `network_configuration`).
    """
    return service.get("NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp") != "ENABLED"

from csmm_static.model import Graph, Resource, as_list, control, lookup

_BALANCERS = frozenset({"elb", "elbv2", "vpc-lattice"})
_HEALTH_CHECKS = frozenset({"ELB", "VPC_LATTICE"})


@control(
    pillar="compute",
    level=5,
    severity="medium",
    subject="AWS::AutoScaling::AutoScalingGroup",
    refs={
        "fsbp": ["AutoScaling.1"],
        "nist_csf": ["PR.IR-03"],
        "prowler": ["autoscaling_group_elb_health_check_enabled"],
    },
)
def autoscaling_group_elb_health_check(group: Resource, graph: Graph) -> bool:
    """Auto Scaling groups behind a load balancer replace instances that fail its checks.

    Why it matters:
        EC2 status checks only see a dead machine; the load balancer's health check sees a
        dead application. With it, the group replaces a hung or compromised-and-crashed
        instance on its own instead of serving errors until someone notices.

    Remediation:
        Set `HealthCheckType: ELB` (or `VPC_LATTICE`) and a `HealthCheckGracePeriod` on
        `AWS::AutoScaling::AutoScalingGroup` (Terraform: `health_check_type = "ELB"` on
        `aws_autoscaling_group`).
    """
    behind_balancer = (
        as_list(group.get("TargetGroupARNs"))
        or as_list(group.get("LoadBalancerNames"))
        or any(lookup(s, "Type") in _BALANCERS for s in as_list(group.get("TrafficSources")))
    )
    if not behind_balancer:
        return True  # nothing but EC2 status checks exists to judge the instances by
    types = {t.strip().upper() for t in str(group.get("HealthCheckType") or "EC2").split(",")}
    return bool(types & _HEALTH_CHECKS)

from csmm_static.model import Graph, Resource, as_bool, as_list, control


@control(
    pillar="monitoring",
    level=3,
    severity="medium",
    subject="AWS::ElasticLoadBalancingV2::LoadBalancer",
    refs={
        "fsbp": ["ELB.5"],
        "nist_csf": ["PR.PS-04", "DE.CM-01"],
        "prowler": ["elbv2_logging_enabled"],
    },
)
def elbv2_load_balancer_access_logging_enabled(balancer: Resource, graph: Graph) -> bool:
    """Application load balancers write access logs.

    Why it matters:
        The access log is the only record of each request that reached the application:
        client address, path, status and TLS details. Without it, an exploited endpoint or a
        credential-stuffing run leaves nothing to investigate. Network and gateway load
        balancers are out of scope.

    Remediation:
        Add `LoadBalancerAttributes` `{Key: access_logs.s3.enabled, Value: "true"}` and
        `access_logs.s3.bucket` (Terraform: `access_logs { enabled = true, bucket = ... }`).
    """
    if str(balancer.get("Type", "application")) != "application":
        return True
    for attribute in as_list(balancer.get("LoadBalancerAttributes")):
        if isinstance(attribute, dict) and attribute.get("Key") == "access_logs.s3.enabled":
            return as_bool(attribute.get("Value")) is True
    return False

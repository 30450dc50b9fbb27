from csmm_static.model import Graph, Resource, as_list, control


@control(
    pillar="networking",
    level=1,
    severity="medium",
    subject="AWS::ElasticLoadBalancing::LoadBalancer",
    refs={
        "fsbp": ["ELB.3"],
        "nist_csf": ["PR.DS-02"],
        "prowler": ["elb_ssl_listeners"],
    },
)
def elb_classic_listeners_encrypted(balancer: Resource, graph: Graph) -> bool:
    """Classic Load Balancers accept only HTTPS or SSL connections.

    Why it matters:
        A Classic Load Balancer cannot redirect HTTP to HTTPS: every HTTP or TCP listener
        carries its traffic in clear text, readable and alterable on the way.

    Remediation:
        Use `Protocol: HTTPS` or `SSL` with an ACM certificate (`SSLCertificateId`) for every
        entry of `Listeners` (Terraform: `aws_elb.listener.lb_protocol = "https"` or
        `"ssl"`), or move to an Application Load Balancer that redirects HTTP to HTTPS.
    """
    listeners = as_list(balancer.get("Listeners"))
    return bool(listeners) and all(
        isinstance(listener, dict) and str(listener.get("Protocol", "")).upper() in ("HTTPS", "SSL")
        for listener in listeners
    )

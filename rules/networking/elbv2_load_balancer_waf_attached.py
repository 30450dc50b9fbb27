from csmm_static.model import Graph, Resource, control
from csmm_static.network import fms_protects


@control(
    pillar="networking",
    level=3,
    severity="medium",
    subject="AWS::ElasticLoadBalancingV2::LoadBalancer",
    formats=("cfn", "tf", "tfplan"),
    unrecorded={
        "config": (
            "AWS Config does not record web ACL associations or Firewall Manager policies, so "
            "which web ACL protects a load balancer is not in a snapshot"
        ),
    },
    refs={
        "fsbp": ["ELB.16"],
        "nist_csf": ["PR.IR-01", "PR.IR-04"],
        "prowler": ["elbv2_waf_acl_attached"],
    },
)
def elbv2_load_balancer_waf_attached(balancer: Resource, graph: Graph) -> bool:
    """Internet-facing Application Load Balancers are protected by an AWS WAF web ACL.

    Why it matters:
        A web ACL in front of the application blocks injection, known-bad inputs and
        abusive request rates before they reach code, and absorbs layer-7 floods that
        network controls cannot see. A Firewall Manager WAF policy with remediation enabled
        whose scope includes the balancer counts. Internal and network load balancers pass.

    Remediation:
        Associate a web ACL with the balancer: `AWS::WAFv2::WebACLAssociation` with
        `ResourceArn: !Ref LoadBalancer` and `WebACLArn` of a `REGIONAL` web ACL
        (Terraform: `aws_wafv2_web_acl_association.resource_arn`).
    """
    if str(balancer.get("Type", "application")).lower() != "application":
        return True
    if str(balancer.get("Scheme", "internet-facing")).lower() == "internal":
        return True
    if graph.related(balancer, "AWS::WAFv2::WebACLAssociation", direction="in"):
        return True
    return fms_protects(graph, balancer, ("WAFV2", "WAF"))

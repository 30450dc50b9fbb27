from csmm_static.model import Graph, Resource, control
from csmm_static.network import fms_protects


@control(
    pillar="networking",
    level=3,
    severity="medium",
    subject="AWS::CloudFront::Distribution",
    refs={
        "fsbp": ["CloudFront.6"],
        "nist_csf": ["PR.IR-01", "PR.IR-04"],
        "prowler": ["cloudfront_distributions_using_waf"],
    },
)
def cloudfront_distribution_waf_attached(distribution: Resource, graph: Graph) -> bool:
    """CloudFront distributions are protected by an AWS WAF web ACL.

    Why it matters:
        The edge is where layer-7 attacks are cheapest to stop: a web ACL on the
        distribution filters injection, bots and request floods across every edge location
        before they reach the origin. A Firewall Manager WAF policy with remediation enabled
        whose scope includes the distribution counts.

    Remediation:
        Set `DistributionConfig.WebACLId` to the ARN of a `CLOUDFRONT`-scope
        `AWS::WAFv2::WebACL` (Terraform: `aws_cloudfront_distribution.web_acl_id`).
    """
    if distribution.get("DistributionConfig.WebACLId"):
        return True
    return fms_protects(graph, distribution, ("WAFV2", "WAF"))
